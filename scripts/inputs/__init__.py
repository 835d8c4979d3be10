"""Inputs: read and check content/ and settings/ (settings, clinic profiles, front matter, strings, translations)."""
