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
phone. Every template and every component is then checked in every language, at both widths.

Of those pages, a smaller cover gets every axe rule, in both colour schemes: the pages whose parts
together hold every part of the whole site. A language's own parts (`lang` and `dir` on its elements)
bring at least one page of each language in. The rest get the checks whose result depends on how long
their words are (reflow, text spacing, and the axe rules accessibility.LAYOUT_RULES names): the
templates are shared and parity keeps each translation's structure the English one, so what a language
changes is its text. Every rule on every page of every language costs four times as long, and is what
`make check-a11y` runs. docs/quality-gates.md says what only the full run can find.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lxml.html

from scripts.checks import links


@dataclass(frozen=True)
class Selection:
    """The pages checked (as links.pages() names them), and of them those checked with every rule."""
    pages: list[str]
    every_rule: list[str]

    @property
    def layout_only(self) -> frozenset[str]:
        return frozenset(self.pages) - set(self.every_rule)


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


def stratified(site: Path, pages: list[str] | None = None) -> Selection:
    """The pages whose parts cover every part of every language, and the smaller cover of the whole
    site's parts among them."""
    by_language: dict[str, dict[str, Parts]] = {}
    for page in pages if pages is not None else links.pages(site):
        parsed = parts_of(links.html_file(site, page).read_text(encoding="utf-8"))
        by_language.setdefault(parsed.lang, {})[page] = parsed
    chosen: dict[str, frozenset[str]] = {}
    for parsed_pages in by_language.values():
        taken = [*_cover({page: parsed.parts for page, parsed in parsed_pages.items()}),
                 min(parsed_pages, key=lambda page: (-parsed_pages[page].longest_word, page))]
        chosen.update({page: parsed_pages[page].parts for page in taken})
    return Selection(sorted(chosen), sorted(_cover(chosen)))


def _cover(parts_by_page: dict[str, frozenset[str]]) -> list[str]:
    missing = set().union(*parts_by_page.values())
    taken = []
    while missing:
        best = min(parts_by_page, key=lambda page: (-len(parts_by_page[page] & missing), page))
        taken.append(best)
        missing -= parts_by_page[best]
    return taken
