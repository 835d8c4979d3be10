"""The fixed, stratified set of pages `make test` runs the browser checks on (axe in light and dark at
phone and desktop widths, reflow, text spacing); `make check-a11y` runs them on every page.

What a browser check finds comes from what a page is made of: its template (header, drawer, footer,
embed or leaflet shell), the components in it (admonitions, tables, the session timeline, the
urgent-help block, the English beside urgent text...), and its language (direction, script, font,
the length of its words). So each page is reduced to its parts: every element name, and every element
name with each of its classes and with its `dir`, `lang` and `style`. Per language, pages are taken
until every part that occurs anywhere in that language occurs in a taken page: the page with the most
parts not yet covered first, ties by address (a greedy set cover, so the set is the same for the same
site). The page with the language's longest word is taken too: the likeliest to be pushed wider than a
phone. Every template and every component is then checked in every language, at both widths and in
both colour schemes. docs/quality-gates.md says what only the full run can find.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lxml.html

from scripts.checks import links


@dataclass(frozen=True)
class Parts:
    """The parts of one page (see above), its language and its longest word."""
    parts: frozenset[str]
    lang: str
    longest_word: int


def parts_of(text: str) -> Parts:
    root = lxml.html.document_fromstring(text)
    found, longest = set(), 0
    for element in root.iter():
        if not isinstance(element.tag, str):  # a comment
            continue
        tag = element.tag
        found.add(tag)
        found.update(f"{tag}.{name}" for name in (element.get("class") or "").split())
        found.update(f"{tag}[{name}={element.get(name)}]" for name in ("dir", "lang", "style") if element.get(name))
        shown = [element.tail] if tag in ("script", "style") else [element.text, element.tail]
        longest = max([longest, *(len(word) for part in shown if part for word in part.split())])
    return Parts(frozenset(found), root.get("lang") or "", longest)


def stratified(site: Path, pages: list[str] | None = None) -> list[str]:
    """The pages (as links.pages() names them) whose parts cover every part of every language."""
    by_language: dict[str, dict[str, Parts]] = {}
    for page in pages if pages is not None else links.pages(site):
        parsed = parts_of(links.html_file(site, page).read_text(encoding="utf-8"))
        by_language.setdefault(parsed.lang, {})[page] = parsed
    chosen = set()
    for parsed_pages in by_language.values():
        chosen.update(_cover({page: parsed.parts for page, parsed in parsed_pages.items()}))
        chosen.add(min(parsed_pages, key=lambda page: (-parsed_pages[page].longest_word, page)))
    return sorted(chosen)


def _cover(parts_by_page: dict[str, frozenset[str]]) -> list[str]:
    missing = set().union(*parts_by_page.values())
    taken = []
    while missing:
        best = min(parts_by_page, key=lambda page: (-len(parts_by_page[page] & missing), page))
        taken.append(best)
        missing -= parts_by_page[best]
    return taken
