"""Dates as a reader of each language writes them, for pages, JSON documents and leaflets alike."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def written_date(iso: str, locale: str) -> str:
    """A date as a reader of the language writes it: "26 November 2026", "26 listopada 2026"."""
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale)
