"""Digits as each language writes them.

A language's `strings.yml` says `digits: native` where its readers write numbers in their own script's
digits (Persian ۱۶, Bengali ১৬: CLDR's default numbering system for the language); otherwise, and
always for phone numbers and urgent text, numbers are written 0-9. Babel formats dates and numbers
with 0-9 whatever the locale, so the build writes the native digits itself, from this one table."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError

# The digit zero of each CLDR numbering system a language on the site may use; the other nine follow
# it in Unicode. (CLDR's numberingSystems.xml; Babel exposes only the systems' names.)
ZERO = {"latn": "0", "arab": "٠", "arabext": "۰", "beng": "০", "deva": "०", "guru": "੦", "gujr": "૦",
        "tamldec": "௦", "mymr": "၀", "thai": "๐", "tibt": "༠"}
DIGIT = re.compile(r"\d")


def to_ascii(text: str) -> str:
    """Every decimal digit, of any script, as 0-9 (so ١٦, ۱۶ and ১৬ all read 16)."""
    return DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0))), text)


def system(lang: str, strings: dict) -> str:
    """The numbering system the language's pages write numbers in: `latn` unless strings.yml says
    `digits: native`, then CLDR's default for the language."""
    if strings.get("digits", "latn") != "native":
        return "latn"
    return _default_system(strings.get("date_locale", lang))


@cache  # asked for every number a page writes
def _default_system(locale: str) -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).default_numbering_system
    except (UnknownLocaleError, ValueError):
        return "latn"


def intl_locale(lang: str, strings: dict) -> str:
    """The BCP 47 locale a browser's Intl formats dates with as the build does: the Gregorian calendar
    and the page's digits ("fa" alone gives the Solar Hijri calendar: "۹ آذر ۱۴۰۵")."""
    return f"{strings.get('date_locale', lang).replace('_', '-')}-u-ca-gregory-nu-{system(lang, strings)}"


def written(text: str, lang: str, strings: dict) -> str:
    """`text` with its 0-9 digits in the language's own digits."""
    zero = ZERO.get(system(lang, strings), "0")
    if zero == "0":
        return text
    return re.sub(r"[0-9]", lambda m: chr(ord(zero) + int(m.group(0))), text)
