"""Whether a language's urgent text (the urgent-help block on every page, and /get-help-now/) may stand
alone, or needs the English beside it or instead of it.

Until a qualified translator signs a language's urgent text, a reader sees the English beside the
translation, so a mistranslated number or route cannot mislead them on its own; where the
translation is stale, the English (the authoritative version) replaces it.

"Signed" reuses the translation status every page already has: the language's `get-help-now.md`
records `translation.status: reviewed`, unchanged since, by a reviewer in settings/reviewers.yml whose
`translates` lists the language (a qualified translator into it, not only a clinician who reads it).
/get-help-now/ shows the block's own sentences (urgent.routes) and the block itself, so signing the
page signs the language's urgent text.

`english_needed` is the one place that decides, from the block-by-block status (translations.py):
any stale or missing block of get-help-now.md, or of the `urgent.*` entries of strings.yml (the block's
own sentences), puts the English instead of the translation, in both parts."""
from __future__ import annotations

from pathlib import Path

from scripts.inputs import translations

HELP_PAGE = "get-help-now.md"
# What a reader sees of a part of the urgent text in their language.
ALONE = "alone"        # signed and up to date: the translation only
BESIDE = "beside"      # not yet signed: the translation, then the English
INSTEAD = "instead"    # stale: the English only


def qualified_translators(reviewers: dict, lang: str) -> set[str]:
    """Reviewers qualified to translate into `lang` (settings/reviewers.yml, `translates`)."""
    return {rid for rid, person in reviewers.items() if lang in (person.get("translates") or [])}


def _page_status(docs_dir: Path, lang: str, reviewers: dict, source: str) -> translations.Status | None:
    page = docs_dir / lang / HELP_PAGE
    if not page.exists():
        return None
    return translations.status_of(page, docs_dir / source / HELP_PAGE, lang, HELP_PAGE, reviewers)


def _urgent_strings_stale(docs_dir: Path, lang: str, reviewers: dict, source: str) -> bool:
    strings = docs_dir / lang / translations.STRINGS
    if not strings.exists():
        return True
    status = translations.status_of(strings, docs_dir / source / translations.STRINGS, lang, translations.STRINGS,
                                    reviewers)
    return any(p.key.startswith("urgent.") for p in status.passages if p.state in (translations.STALE, translations.MISSING))


def _signed_by_translator(page: Path, reviewers: dict, lang: str) -> bool:
    meta, _ = translations.split(page.read_text(encoding="utf-8"))
    return (meta.get("translation") or {}).get("reviewer") in qualified_translators(reviewers, lang)


def english_needed(lang: str, part: str, docs_dir: Path, reviewers: dict, source: str = "en") -> str | None:
    """None for the source language; else ALONE, BESIDE or INSTEAD for `part` ("block": the
    urgent-help block; "page": /get-help-now/)."""
    if lang == source:
        return None
    status = _page_status(docs_dir, lang, reviewers, source)
    if status is None or status.stale or _urgent_strings_stale(docs_dir, lang, reviewers, source):
        return INSTEAD
    if status.reviewed and _signed_by_translator(docs_dir / lang / HELP_PAGE, reviewers, lang):
        return ALONE
    return BESIDE
