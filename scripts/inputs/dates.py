"""Dates as a reader of each language writes them, for pages, JSON documents and leaflets alike."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from scripts.inputs import digits


def written_date(iso: str, lang: str, strings: dict) -> str:
    """A date as a reader of the language writes it: "26 November 2026", "26 listopada 2026",
    "۲۶ نوامبر ۲۰۲۶" (Babel, in the locale and digits the language's strings.yml gives)."""
    text = format_date(dt.date.fromisoformat(iso), "long", locale=strings.get("date_locale", lang))
    return digits.written(text, lang, strings)
