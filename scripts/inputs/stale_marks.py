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

from scripts.inputs.segments import Block, located, syntax_width

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
    for block, found in located(body):
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
            start = len(line) - len(text) + syntax_width(text)
            line = f"{line[:start]}{inserts[number]} {line[start:]}"
        out.append(line)
        if number in after:
            out += ["", after[number]]
    return "\n".join(out)
