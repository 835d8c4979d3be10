"""Tooling for the DIT patient-information site: settings, placeholders, MkDocs hooks, checks, CLI."""
