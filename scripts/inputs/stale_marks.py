"""Stale passages marked in a translated page's Markdown, before MkDocs renders it: each block whose
English has changed starts with a short labelled link to the English passage, so a reader sees (not
by colour alone) and a screen reader hears which part may be out of date, and can read the English.

The marker goes where the block's text starts in its source line: inside a paragraph, list item or
admonition body; on a line of its own after a heading (inside, it would join the heading's text in
the table of contents); at the start of an admonition's body for its title (the title is quoted on
the `!!!` line). The front-matter title and description are not marked: the note at the top of the
page says the page has changed."""
from __future__ import annotations

import html
from collections.abc import Callable

from scripts.inputs.segments import Block, body_blocks

MARKER_CLASS = "dit-stale"


def marker(label: str, href: str) -> str:
    """The marker: the page language's words (strings.yml translation.stale_passage), linking to the
    English passage."""
    return f'<a class="{MARKER_CLASS}" href="{html.escape(href)}" hreflang="en">{html.escape(label)}</a>'


def mark(body: str, stale: dict[str, Block], link: Callable[[Block], str]) -> str:
    """`body` with a marker at each block whose key `stale` names (mapping it to the English block now
    in its place, whose passage `link` gives the marker for)."""
    lines = body.split("\n")
    inserts: dict[int, str] = {}   # line number -> marker to put where the block's text starts
    after: dict[int, str] = {}     # line number (a heading) -> marker on a line of its own after it
    cursor = 0
    for block in body_blocks(body):
        found = _locate(lines, block, cursor)
        if found is None:
            continue  # not where the parser saw it (raw HTML): leave the page as it is
        cursor = found + 1
        if block.key not in stale:
            continue
        if block.kind == "heading":
            after[found] = link(stale[block.key])
        elif block.kind == "admonition_title":
            body_line = next((n for n in range(found + 1, len(lines)) if lines[n].strip()), None)
            if body_line is not None:
                inserts.setdefault(body_line, link(stale[block.key]))
        else:
            inserts[found] = link(stale[block.key])
    out = []
    for number, line in enumerate(lines):
        if number in inserts:
            text = line.lstrip()
            start = len(line) - len(text) + _marker_width(text)
            line = f"{line[:start]}{inserts[number]} {line[start:]}"
        out.append(line)
        if number in after:
            out += ["", after[number]]
    return "\n".join(out)


def _locate(lines: list[str], block: Block, start: int) -> int | None:
    """The line, from `start` on, where the block's first line of text starts (an admonition's title
    is inside its `!!!` line)."""
    first = block.text.split("\n", 1)[0].strip()
    if block.kind == "admonition_title":
        return next((n for n in range(start, len(lines)) if first in lines[n]), None)
    return next((n for n in range(start, len(lines)) if _text_of(lines[n]).startswith(first)), None)


def _text_of(line: str) -> str:
    text = line.lstrip()
    return text[_marker_width(text):].lstrip("#").lstrip()


def _marker_width(text: str) -> int:
    """How much of a stripped line is list or heading syntax before the block's text ("- ", "1. ")."""
    for prefix in ("- ", "* ", "+ "):
        if text.startswith(prefix):
            return len(prefix)
    digits = len(text) - len(text.lstrip("0123456789"))
    return digits + 2 if digits and text[digits:digits + 2] in (". ", ") ") else 0
