"""Which face draws each script, on this machine (Debian's Noto fonts), for the page and PDF tests:
the face site.css's stack for the script gives on Linux, where Chinese shows by its face whether
Simplified or Traditional glyphs were chosen. A language of a new script needs a line here (and its
stack in site.css)."""
from __future__ import annotations

from babel.core import get_global

# Script (CLDR's likely script of a language) -> the start of the Unicode names of its letters, and the
# faces (PostScript names) that may draw them. Latin letters also come in Liberation Sans, Linux's
# Helvetica and Arial, from English blocks set in Material's Latin stack.
SCRIPT_FACES = {
    "Latn": ("LATIN", ("NotoSans-", "LiberationSans")),
    "Cyrl": ("CYRILLIC", ("NotoSans-",)),
    "Arab": ("ARABIC", ("NotoNaskhArabic-",)),
    "Beng": ("BENGALI", ("NotoSansBengali-",)),
    "Guru": ("GURMUKHI", ("NotoSansGurmukhi-",)),
    "Gujr": ("GUJARATI", ("NotoSansGujarati-",)),
    "Taml": ("TAMIL", ("NotoSansTamil-",)),
    "Hans": ("CJK UNIFIED", ("NotoSansCJKsc-",)),
    "Hant": ("CJK UNIFIED", ("NotoSansCJKtc-",)),
}
LANGUAGE_FACES = {"ur": ("ARABIC", ("NotoNastaliqUrdu-",))}  # Urdu reads Nastaliq (fonts/ur.css)


def script_of(lang: str) -> str:
    """CLDR's script for a language code: zh-Hans -> Hans, bn -> Beng, uk -> Cyrl."""
    subtags = lang.replace("-", "_").split("_")
    if len(subtags) > 1 and len(subtags[1]) == 4:
        return subtags[1].title()
    return get_global("likely_subtags").get(subtags[0], "und_Zyyy").split("_")[1]


def letters_and_faces(lang: str) -> tuple[str, tuple[str, ...]]:
    """The start of the names of the language's letters, and the faces that may draw them."""
    script = script_of(lang)
    assert lang in LANGUAGE_FACES or script in SCRIPT_FACES, (
        f"{lang}: no face chosen for its script {script}: add its stack to site.css and a line to tests/faces.py")
    return LANGUAGE_FACES.get(lang) or SCRIPT_FACES[script]
