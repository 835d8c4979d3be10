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
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.inputs import settings

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


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


def split(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return settings.load_yaml(match.group(1)) or {}, match.group(2)


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
    text = translated.read_text(encoding="utf-8")
    new_hash = text_hash(*split(english.read_text(encoding="utf-8")))
    line = f"  source_hash: {new_hash}"
    if re.search(r"^  source_hash: .*$", text, re.M):
        updated = re.sub(r"^  source_hash: .*$", line, text, count=1, flags=re.M)
    elif re.search(r"^translation:\n", text, re.M):
        updated = re.sub(r"^translation:\n", f"translation:\n{line}\n", text, count=1, flags=re.M)
    else:
        updated = re.sub(r"\n---\n", f"\ntranslation:\n{line}\n  status: draft\n---\n", text, count=1)
    translated.write_text(updated, encoding="utf-8")
    return updated != text


def mark_reviewed(translated: Path, reviewer: str) -> None:
    """Record that a listed reviewer checked this translation as it stands now."""
    text = translated.read_text(encoding="utf-8")
    meta, body = split(text)
    fingerprint = text_hash(meta, body)
    text = re.sub(r"^  (status|reviewer|reviewed_hash): .*\n", "", text, flags=re.M)
    text = re.sub(r"^translation:\n", "translation:\n  status: reviewed\n"
                  f"  reviewer: {reviewer}\n  reviewed_hash: {fingerprint}\n", text, count=1, flags=re.M)
    translated.write_text(text, encoding="utf-8")
