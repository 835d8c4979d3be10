"""The units of the exchange files (XLIFF, PO, TMX): each block of a translated page or strings file
beside the English block it translates, and the way back, a changed block written into its place.

The Markdown in content/<lang>/ stays the one source of truth (docs/translating.md): a unit is read
from it for export, and import writes a changed unit's text back at its block's place (located()),
leaving every other byte of the file as it was.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from scripts.inputs import translations
from scripts.inputs.frontmatter import block as front_matter_block
from scripts.inputs.frontmatter import split
from scripts.inputs.segments import (
    FRONT_MATTER,
    HEADING_ID,
    SEGMENTS,
    located,
    page_blocks,
    strings_blocks,
    syntax_width,
)

# Codes a translator must keep as they are: placeholders ({{ phone:samaritans }}), template fields
# ({date}), a link's target ("](glossary.md#focus)"), attribute lists ({#patterns}) and HTML tags.
CODE = re.compile(r"\{\{.*?\}\}|\{[a-z_]+\}|\]\([^)\s]*\)|\{:?\s*[#.][^}]*\}|</?[a-zA-Z][^>]*>")
TRANSLATED, STALE, MISSING = "translated", "stale", "missing"
STATES = {translations.CURRENT: TRANSLATED, translations.STALE: STALE, translations.MISSING: MISSING}
MESSAGES = "messages."


@dataclass(frozen=True)
class Unit:
    page: str           # "about-dit.md", "phases/beginning.md" or "strings.yml"
    key: str            # the block's key (segments.py), the same in every language
    source: str         # the English block, as written
    target: str         # the translation now in content/<lang>/ ("" while missing)
    state: str          # translated, stale or missing
    stamped: str        # the English fingerprint the translation was stamped against ("" if none)
    english: str        # the English fingerprint now: what an import stamps the block with
    context: str        # the page and the headings above the block ("about-dit.md > Example of a pattern")

    @property
    def plural(self) -> bool:
        return self.page == translations.STRINGS and self.key.startswith(MESSAGES)


def plural_forms(text: str) -> dict[str, str]:
    """A message block's text ("one: ...\\nother: ...", segments.strings_blocks) as its categories."""
    return dict(line.split(": ", 1) for line in text.split("\n") if ": " in line)


def units(docs: Path, lang: str, page: str, source: str = "en") -> list[Unit]:
    """Every unit of one translated file, in the English file's order (a block whose English has gone
    is left out: there is nothing to translate it from)."""
    mine_path, english_path = docs / lang / page, docs / source / page
    passages = translations.status_of(mine_path, english_path, lang, page, {}).passages
    if page == translations.STRINGS:
        data = _read_yaml(mine_path)
        english, mine, record, paths = strings_blocks(_read_yaml(english_path)), strings_blocks(data), data.get(SEGMENTS) or {}, {}
    else:
        text, english_text = mine_path.read_text(encoding="utf-8"), english_path.read_text(encoding="utf-8")
        english, mine, paths = page_blocks(english_text), page_blocks(text), heading_paths(english_text)
        record = (split(text)[0].get("translation") or {}).get("segments") or {}
    order, mine_text = {b.key: n for n, b in enumerate(english)}, {b.key: b.text for b in mine}
    found = []
    for passage in sorted((p for p in passages if p.english is not None), key=lambda p: order[p.english.key]):
        block_, missing = passage.english, passage.state == translations.MISSING
        key = block_.key if missing else passage.key
        where = (f"{page} > {block_.key.rsplit('.', 1)[0]}" if not paths and "." in block_.key else
                 f"{page} > front matter" if block_.kind in FRONT_MATTER else
                 " > ".join([page, *paths.get(block_.section, [])]))
        stamped = translations.parse_record(record[key])[0] if key in record and not missing else ""
        found.append(Unit(page, key, block_.text, "" if missing else mine_text.get(key, ""),
                          STATES[passage.state], stamped, block_.hash, where))
    return found


def _read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def heading_paths(text: str) -> dict[str, list[str]]:
    """Each section id of a page and the headings it sits under, outermost first (its own last)."""
    body, stack, found = split(text)[1], [], {}
    lines = body.split("\n")
    for block_, line in located(body):
        if block_.kind != "heading":
            continue
        level = len(lines[line]) - len(lines[line].lstrip("#"))
        stack = [(lvl, words) for lvl, words in stack if lvl < level] + [(level, HEADING_ID.sub("", block_.text).strip())]
        found[block_.section] = [words for _, words in stack]
    return found


def write_page(path: Path, changes: dict[str, str]) -> None:
    """Write each changed block's new text (key -> text) at its place in a translated page: front
    matter fields through a round-trip YAML parser, body blocks at the lines located() gives."""
    text = path.read_text(encoding="utf-8")
    fields = {key: value for key, value in changes.items() if key in FRONT_MATTER}
    _, body = split(text)
    head = text[:len(text) - len(body)]
    lines = body.split("\n")
    places = {b.key: (b, line) for b, line in located(body)}
    for key, new in changes.items():
        if key in fields:
            continue
        if key not in places:
            raise ValueError(f"{path}: block {key} has no line of its own to write to (see `translations --blocks`)")
        old, where = places[key]
        lines[where:where + len(old.text.split("\n"))] = _replaced(lines, where, old.text, new)
    text = head + "\n".join(lines)
    if fields:
        yaml_text = front_matter_block(text)
        data = _round_trip().load(yaml_text)
        for key, value in fields.items():
            data[key] = value
        text = text.replace(yaml_text, _dump(data), 1)
    path.write_text(text, encoding="utf-8")


def _replaced(lines: list[str], where: int, old: str, new: str) -> list[str]:
    """The source lines of a block with its text changed, keeping what surrounds the text: the
    indentation, a list marker or heading's #, an admonition's quotes."""
    old_lines, new_lines = old.split("\n"), [line.strip() for line in new.strip().split("\n")]
    first = lines[where]
    start = first.find(old_lines[0].strip())
    head = first[:start]
    last = lines[where + len(old_lines) - 1]
    end = last.rfind(old_lines[-1].strip()) + len(old_lines[-1].strip())
    tail = last[end:] if len(old_lines) > 1 else first[start + len(old_lines[0].strip()):]
    stripped = head.lstrip()
    indent = (re.match(r"\s*", lines[where + 1]).group(0) if len(old_lines) > 1 else
              " " * len(head) if syntax_width(stripped) else head[:len(head) - len(stripped)])
    out = [head + new_lines[0]] + [indent + line for line in new_lines[1:]]
    out[-1] += tail
    return out


def write_strings(path: Path, changes: dict[str, str | dict[str, str]]) -> None:
    """Write changed entries (dotted key -> text, or a message's categories) into a strings file,
    through a round-trip YAML parser: comments, order and quoting of the rest stay as they are."""
    text = path.read_text(encoding="utf-8")
    data = _round_trip().load(text)
    for key, value in changes.items():
        parts = key.split(".")
        node = data
        for part in parts[:-1]:
            node = node[part]
        leaf = parts[-1]
        if isinstance(value, dict):
            for category, words in value.items():
                node[leaf][category] = _styled(node[leaf].get(category), words)
        else:
            node[leaf] = _styled(node.get(leaf), value)
    path.write_text(_dump(data), encoding="utf-8")


def _styled(old, new: str):
    """The new text in the old one's YAML style (a folded `>-` block stays folded)."""
    if isinstance(old, FoldedScalarString):  # one sentence a line, as these blocks are written
        folded = FoldedScalarString(new)
        folded.fold_pos = [n for n in range(1, len(new)) if new[n] == " " and new[n - 1] in ".!?" and new[n + 1:n + 2] != " "]
        return folded
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(new)
    return type(old)(new) if isinstance(old, str) and type(old) is not str else new


def _round_trip() -> YAML:
    parser = YAML()
    parser.preserve_quotes = True
    parser.width = 4096  # never re-wrap a long line
    parser.indent(mapping=2, sequence=4, offset=2)
    return parser


def _dump(data) -> str:
    out = io.StringIO()
    _round_trip().dump(data, out)
    return out.getvalue()
