"""What static-i18n and Material write once for the whole site, made one per language: the search
index (a reader's search finds pages in their own language only) and the 404 page."""
from __future__ import annotations

import json
from pathlib import Path

from scripts.engine.handoff import Handoff
from scripts.outputs import search_settings


def write_search_indexes(site_dir: Path, handoff: Handoff) -> None:
    """<prefix>search/search_index.json for each language. Locations become relative to the
    language's root, which the template gives the search as its base; the settings are the ones
    that find a word in any script (scripts/outputs/search_settings.py)."""
    prefixes = {language.code: language.prefix for language in handoff.languages}
    for lang, search in handoff.search.items():
        prefix = prefixes[lang]
        others = tuple(other for code, other in prefixes.items() if code != lang)
        entries = [search_settings.with_inner_words(dict(entry, location=entry["location"][len(prefix):]))
                   for entry in search["entries"]
                   if entry["location"].startswith(prefix) and not (not prefix and entry["location"].startswith(others))]
        out = site_dir / prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        index = {"config": search_settings.for_language(search["config"], entries), "docs": entries}
        out.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def write_not_found_pages(site_dir: Path, handoff: Handoff) -> None:
    """Each language's 404 page in its own folder; the root keeps the default language's (static-i18n
    renders every language's to the root, the last one built winning)."""
    for language in handoff.languages:
        out = site_dir / language.prefix / "404.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(handoff.not_found[language.code], encoding="utf-8")
