"""Translation status: which English text each translation was made from, whether a qualified person
has reviewed it, and whether it has gone stale since.

A translated page's front matter carries:

    translation:
      source_hash: 1a2b3c4d5e6f7a8b   # text_hash() of the English page it was made from
      status: draft                   # or reviewed
      reviewer: jane-doe              # reviewed only: an id from settings/reviewers.yml
      reviewed_hash: 9f8e7d6c5b4a3f2e # reviewed only: text_hash() of this page when it was reviewed
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from scripts.inputs.frontmatter import block, split


@dataclass(frozen=True)
class Status:
    lang: str
    page: str
    reviewed: bool      # reviewed by a listed person, and unchanged since
    stale: bool         # the English page changed after this translation was made
    note: str = ""      # why, when it is not simply a draft or reviewed

    @property
    def label(self) -> str:
        words = "reviewed" if self.reviewed else "draft"
        return f"{words}, {'STALE' if self.stale else 'up to date'}" + (f" ({self.note})" if self.note else "")


def text_hash(meta: dict, body: str) -> str:
    """A short fingerprint of what a reader sees: title, description and body."""
    text = "\n".join([str(meta.get("title", "")), str(meta.get("description", "")), body.strip()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def status_of(translated: Path, english: Path, lang: str, page: str, reviewers: dict) -> Status:
    meta, body = split(translated.read_text(encoding="utf-8"))
    record = meta.get("translation") or {}
    english_hash = text_hash(*split(english.read_text(encoding="utf-8")))
    stale = record.get("source_hash") != english_hash
    if record.get("status") != "reviewed":
        return Status(lang, page, reviewed=False, stale=stale)
    if record.get("reviewer") not in reviewers:
        return Status(lang, page, False, stale, f"reviewer '{record.get('reviewer')}' is not in settings/reviewers.yml")
    if record.get("reviewed_hash") != text_hash(meta, body):
        return Status(lang, page, False, stale, "changed since it was reviewed")
    return Status(lang, page, reviewed=True, stale=stale)


def pages(docs_dir: Path, lang: str) -> list[str]:
    return sorted(p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md"))


def table(docs_dir: Path, languages: list[str], reviewers: dict, source: str = "en") -> list[Status]:
    return [status_of(docs_dir / lang / page, docs_dir / source / page, lang, page, reviewers)
            for lang in languages if lang != source
            for page in pages(docs_dir, source) if (docs_dir / lang / page).exists()]


def stamp(translated: Path, english: Path) -> bool:
    """Record the English page's current fingerprint as the one this translation was made from.
    Returns True when the file changed."""
    new_hash = text_hash(*split(english.read_text(encoding="utf-8")))

    def record(meta: CommentedMap) -> None:
        if not isinstance(meta.get("translation"), dict):
            meta["translation"] = CommentedMap(status="draft")
        if meta["translation"].get("source_hash") != new_hash:
            meta["translation"]["source_hash"] = new_hash
            meta["translation"].move_to_end("source_hash", last=False)  # first, as the docstring shows
    return _edit_header(translated, record)


def mark_reviewed(translated: Path, reviewer: str) -> None:
    """Record that a listed reviewer checked this translation as it stands now."""
    fingerprint = text_hash(*split(translated.read_text(encoding="utf-8")))

    def record(meta: CommentedMap) -> None:
        translation = meta.setdefault("translation", CommentedMap())
        translation.update(status="reviewed", reviewer=reviewer, reviewed_hash=fingerprint)
    _edit_header(translated, record)


def _edit_header(page: Path, change) -> bool:
    """Change a page's front matter through a round-trip YAML parser, so comments, order, quoting and
    every other line stay as they are. Returns True when the file changed."""
    text = page.read_text(encoding="utf-8")
    header = block(text)
    if header is None:
        raise ValueError(f"{page}: front matter is missing (start the file with --- and the fields)")
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long description
    yaml.indent(mapping=2, sequence=4, offset=2)
    meta = yaml.load(header) or CommentedMap()
    change(meta)
    out = io.StringIO()
    yaml.dump(meta, out)
    updated = text.replace(header, out.getvalue(), 1)
    if updated != text:
        page.write_text(updated, encoding="utf-8")
    return updated != text
