"""The English beside (or instead of) a translation's urgent text, as scripts/inputs/urgent_text.py
decides: in the urgent-help block of every page and on /get-help-now/.

Beside a translation, the English is marked lang="en" dir="ltr" (screen readers switch voice; in a
right-to-left page it reads left to right), follows each block it translates under a label in the
reader's language, and shows its phone numbers as plain text: each number is a tap-to-call link once,
in the reader's language. Instead of a stale translation, the English is the text, links and all."""
from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup, Tag
from mkdocs.config.defaults import MkDocsConfig

from scripts.inputs import translations, urgent_text

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def unlinked(fragment: str) -> str:
    """Phone and text links as plain numbers (still kept left to right and unbroken)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for link in soup.select("a.dit-tel"):
        link.name = "span"
        link.attrs = {"class": ["dit-tel-text"], "dir": "ltr"}
    return str(soup)


def english_wrapper(soup: BeautifulSoup, label: str, inner: list) -> Tag:
    """<div class="dit-english"><span>In English:</span><div lang="en" dir="ltr">...</div></div>; the
    label stays in the page's language and direction."""
    wrapper = soup.new_tag("div", attrs={"class": "dit-english"})
    tag = soup.new_tag("span", attrs={"class": "dit-english__label"})
    tag.string = label
    english = soup.new_tag("div", attrs={"lang": "en", "dir": "ltr"})
    for node in inner:
        if isinstance(node, Tag):
            node.attrs.pop("class", None)  # a box's title is styled once, in the reader's language
        english.append(node)
    wrapper.append(tag)
    wrapper.append(english)
    return wrapper


def block(translated_html: str, english_html: str, shown: str | None) -> dict:
    """What the urgent-help partial shows: `html` (with the links) and its `lang` when that is the
    English, and `english_html` beside it (numbers unlinked) when the language is not yet signed."""
    if shown == urgent_text.INSTEAD:
        return {"html": english_html, "lang": "en", "english_html": None}
    if shown == urgent_text.BESIDE:
        return {"html": translated_html, "lang": None, "english_html": unlinked(english_html)}
    return {"html": translated_html, "lang": None, "english_html": None}


def english_page_html(config: MkDocsConfig, english: Path, fill) -> str:
    """The English page's article, its placeholders filled in English (`fill`), rendered with the
    site's Markdown extensions."""
    _, body = translations.split(english.read_text(encoding="utf-8"))
    return markdown.markdown(fill(body), extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _blocks(parent) -> list[Tag]:
    return [child for child in parent.children if isinstance(child, Tag)]


def _mark_english(tag: Tag) -> Tag:
    tag["lang"], tag["dir"] = "en", "ltr"
    return tag


def _pair(soup: BeautifulSoup, ours: Tag, theirs: Tag, label: str) -> None:
    """Put the English of `theirs` after (or inside) `ours`, block by block."""
    if ours.name in HEADINGS:  # a heading's English is a line under it, without a label: it is short
        text = soup.new_tag("p", attrs={"class": "dit-english dit-english--heading", "lang": "en", "dir": "ltr"})
        text.string = theirs.get_text(" ", strip=True)
        ours.insert_after(text)
    elif ours.name in ("ul", "ol", "div") and [c.name for c in _blocks(ours)] == [c.name for c in _blocks(theirs)]:
        for mine, english in zip(_blocks(ours), _blocks(theirs)):  # a list's items, a box's title and text
            if mine.name == "li":
                mine.append(english_wrapper(soup, label, list(english.contents)))
            else:
                _pair(soup, mine, english, label)
    else:
        ours.insert_after(english_wrapper(soup, label, [theirs]))


def page(translated_html: str, english_html: str, shown: str | None, label: str) -> str:
    """/get-help-now/ in a translation: each block followed by its English (BESIDE), or the English
    blocks in place of the translation's (INSTEAD). The translation keeps its English page's
    structure (the parity check), so their blocks pair one to one; where they do not, the English
    follows the whole translation."""
    if shown not in (urgent_text.BESIDE, urgent_text.INSTEAD):
        return translated_html
    soup = BeautifulSoup(translated_html, "html.parser")
    english = BeautifulSoup(english_html if shown == urgent_text.INSTEAD else unlinked(english_html), "html.parser")
    ours, theirs = _blocks(soup), _blocks(english)
    if shown == urgent_text.INSTEAD:
        replaced = BeautifulSoup("", "html.parser")
        for tag in theirs:
            replaced.append(_mark_english(tag))
        return str(replaced)
    if [t.name for t in ours] != [t.name for t in theirs]:
        soup.append(english_wrapper(soup, label, theirs))
        return str(soup)
    for mine, english_block in zip(ours, theirs):
        _pair(soup, mine, english_block, label)
    return str(soup)

