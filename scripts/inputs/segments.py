"""A page or a strings file cut into the blocks a translator translates one at a time (segments):
front-matter title and description, headings, paragraphs, list items, table cells, admonition titles
and bodies, and each `strings.yml` entry.

A block keeps its Markdown source whole: placeholders (`{{ phone:samaritans }}`), links and attribute
lists (`{#id}`) stay inside its text. Blocks come from Python-Markdown's own block parser (the one
MkDocs renders with, and parity.py counts with), stopped before inline processing, so the text is the
source as written, without a second Markdown parser of our own.

Each block has a key, where it sits: `title`, `description`, `<section>.<kind><n>` (the section is the
id of the heading above it, `top` before the first; <n> counts that kind within the section), or for
strings the dotted key (`urgent.title`). A translation has the same structure as its English page
(parity.py), so the same key names the same place in both; its fingerprint is of the normalised text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.etree.ElementTree import Element

import markdown

from scripts.inputs.frontmatter import split
from scripts.inputs.placeholders import PLACEHOLDER

# The extensions mkdocs.yml renders pages with (markdown_extensions), for the same blocks (a test
# keeps the two lists equal; pipe tables, as table cells, come with `tables` in both).
EXTENSIONS = ["attr_list", "admonition", "md_in_html", "toc"]
HEADING = re.compile(r"^h([1-6])$")
HEADING_ID = re.compile(r"\{:?[^}]*#([\w-]+)[^}]*\}\s*$")
KINDS = {"heading": "h", "paragraph": "p", "list_item": "li", "table_cell": "td",
         "admonition_title": "note", "admonition": "notep"}
TOP = "top"
FRONT_MATTER = ("title", "description")  # the front matter's translatable fields, keyed by name
STASHED = re.compile(r"\x02wzxhzdk:\d+\x03")  # raw HTML Python-Markdown set aside


@dataclass(frozen=True)
class Block:
    key: str        # where it is, the same in every language ("patterns.p2", "urgent.title")
    kind: str       # title, description, heading, paragraph, list_item, table_cell, admonition_title, admonition, string
    text: str       # its source as written (Markdown, placeholders and {#id} inside)
    section: str = ""  # the id of the heading it sits under: the anchor of its passage on the page

    @property
    def hash(self) -> str:
        return fingerprint(self.text)


def normalise(text: str) -> str:
    """What a change of wording changes and re-wrapping a line does not: NFC, one space between words."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def page_blocks(text: str) -> list[Block]:
    """Every translatable block of a page (front matter and Markdown), in document order."""
    meta, body = split(text)
    found = [Block(field, field, str(meta[field])) for field in FRONT_MATTER if meta.get(field)]
    return found + list(body_blocks(body))


@lru_cache(maxsize=512)  # the English page is read once for each language (blocks are frozen)
def body_blocks(body: str) -> tuple[Block, ...]:
    md = _parser()
    md.reset()
    lines = body.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    walker = _Walker()
    walker.visit(root)
    return tuple(walker.blocks)


@cache
def _parser() -> markdown.Markdown:
    """One parser, reset before each page (making one loads every extension: slow)."""
    return markdown.Markdown(extensions=EXTENSIONS)


class _Walker:
    """Reads the block tree in document order, naming each block by its section and kind."""

    def __init__(self):
        self.blocks, self.section, self.counts = [], TOP, {}

    def add(self, kind: str, text: str | None) -> None:
        text = (text or "").strip()
        if not _translatable(text):
            return
        short = KINDS[kind]
        n = self.counts[short] = self.counts.get(short, 0) + 1
        self.blocks.append(Block(f"{self.section}.{short}{'' if kind == 'heading' else n}", kind, text, self.section))

    def visit(self, element: Element) -> None:
        for child in element:
            tag, classes = child.tag, (child.get("class") or "").split()
            if HEADING.match(tag):
                match = HEADING_ID.search(child.text or "")
                self.section, self.counts = (match.group(1) if match else _slug(child.text or "")), {}
                self.add("heading", child.text)
            elif tag == "p" and "admonition-title" in classes:
                self.add("admonition_title", child.text)
            elif tag == "p":
                self.add("admonition" if "admonition" in (element.get("class") or "").split() else "paragraph", child.text)
            elif tag == "li":
                self.add("list_item", child.text)
                self.visit_item(child)
            elif tag in ("td", "th"):
                self.add("table_cell", child.text)
            else:
                self.visit(child)

    def visit_item(self, item: Element) -> None:
        """A loose list item holds paragraphs (each a list-item block) and perhaps a nested list."""
        for child in item:
            if child.tag == "p":
                self.add("list_item", child.text)
            else:
                self.visit(child)


def _translatable(text: str) -> bool:
    """Words a translator writes: not a placeholder alone ({{ urgent_routes }}), nor raw HTML the
    parser set aside (its stash markers)."""
    return bool(re.search(r"\w", STASHED.sub("", PLACEHOLDER.sub("", text))))


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", normalise(text).lower()).strip("-") or TOP


def located(body: str) -> list[tuple[Block, int]]:
    """Each block of a page's body with the line (counted from 0) where its text starts in the
    source, for a tool that writes a block back or marks it. A block the parser saw elsewhere than
    in a line of its own (inside raw HTML) is left out."""
    lines, found, cursor = body.split("\n"), [], 0
    for block in body_blocks(body):
        first = block.text.split("\n", 1)[0].strip()
        if block.kind == "admonition_title":  # quoted on its !!! line
            where = next((n for n in range(cursor, len(lines)) if first in lines[n]), None)
        else:
            where = next((n for n in range(cursor, len(lines)) if _text_of(lines[n]).startswith(first)), None)
        if where is not None:
            found.append((block, where))
            cursor = where + 1
    return found


def _text_of(line: str) -> str:
    text = line.lstrip()
    return text[syntax_width(text):].lstrip("#").lstrip()


def syntax_width(text: str) -> int:
    """How much of a line (its indentation removed) is list syntax before the block's text ("- ", "1. ")."""
    for prefix in ("- ", "* ", "+ "):
        if text.startswith(prefix):
            return len(prefix)
    digits = len(text) - len(text.lstrip("0123456789"))
    return digits + 2 if digits and text[digits:digits + 2] in (". ", ") ") else 0


def strings_blocks(data: dict, prefix: str = "") -> list[Block]:
    """Each entry of a strings file, keyed by its dotted path ("urgent.routes.samaritans"). A message's
    plural forms are one block: each language has its own categories (scripts/inputs/grammar.py)."""
    found = []
    for key, value in data.items():
        if not prefix and key in (SEGMENTS, *GRAMMAR):
            continue
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and prefix != "messages.":
            found += strings_blocks(value, f"{dotted}.")
        elif isinstance(value, dict):
            found.append(Block(dotted, "string", "\n".join(f"{k}: {v}" for k, v in value.items())))
        elif isinstance(value, str) and key not in SETTINGS and _translatable(value):
            found.append(Block(dotted, "string", value))
    return found


# Keys of a strings file that set how the language is written (a Babel locale, which digits), not
# words to translate: never a block.
SETTINGS = ("date_locale", "digits")
# Grammar a strings file gives where CLDR has none (scripts/inputs/grammar.py): data, not words.
GRAMMAR = ("plural_rules", "list_patterns")

# The top-level key of a translated strings file that records, for each entry, the English it
# translates (scripts/inputs/translations.py).
SEGMENTS = "segments"
