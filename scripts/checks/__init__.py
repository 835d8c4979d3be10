"""Checks: the quality gates over content/, settings/ and the built site/."""
