"""Sign-offs: a qualified person read a language's pages (in a review pack, scripts/tools/review_pack.py)
and signed them. settings/signoffs.yml keeps one record per signed sheet:

    - reviewer: jane-doe           # an id from settings/reviewers.yml (name, role, qualification)
      language: en
      date: 2026-11-30             # the date written on the sheet
      pages: [index.md, phases/middle.md]   # Markdown files under content/<language>/
      commit: 1a2b3c4              # the version printed on the pack that was read

The site then shows "Checked by" with the reviewer's name and the date on those pages, and the next
review pack shows what changed in each page since that commit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.inputs import settings
from scripts.inputs.settings import ROOT, SettingsError

FILE = Path("settings") / "signoffs.yml"
HEADER = """# Sign-offs of review packs, newest last; written by `python -m scripts sign-off` (docs/editing.md).
# Each names a reviewer from settings/reviewers.yml; never record a sign-off nobody made.
"""


@dataclass(frozen=True)
class SignOff:
    reviewer: str
    language: str
    date: dt.date
    pages: tuple[str, ...]
    commit: str


def load(root: Path = ROOT) -> list[SignOff]:
    """Every recorded sign-off, checked (its schema, then that each reviewer is listed)."""
    path = root / FILE
    if not path.exists():
        return []
    data = settings.read_checked(path, "signoffs")
    reviewers = settings.read_yaml(root / "settings" / "reviewers.yml") or {}
    unlisted = [f"{FILE.as_posix()}: field '[{index}].reviewer' names {entry['reviewer']!r}, who is not in "
                "settings/reviewers.yml" for index, entry in enumerate(data) if entry["reviewer"] not in reviewers]
    if unlisted:
        raise SettingsError(unlisted)
    return [SignOff(entry["reviewer"], entry["language"], entry["date"], tuple(entry["pages"]),
                    str(entry.get("commit") or "")) for entry in data]


def latest(records: list[SignOff], language: str, page: str) -> SignOff | None:
    """The newest sign-off of one page (a path under content/<language>/) in one language."""
    matching = [r for r in records if r.language == language and page in r.pages]
    return max(matching, key=lambda r: r.date) if matching else None


def record(root: Path, entry: SignOff) -> None:
    """Add a sign-off to settings/signoffs.yml (checked first: the reviewer is listed, the pages exist)."""
    reviewers = settings.read_yaml(root / "settings" / "reviewers.yml") or {}
    if entry.reviewer not in reviewers:
        raise SettingsError(f"settings/reviewers.yml: no reviewer '{entry.reviewer}' (add the person there "
                            "first, with name, role and qualification)")
    for page in entry.pages:
        if not (root / "content" / entry.language / page).is_file():
            raise SettingsError(f"content/{entry.language}/{page}: no such page to sign off")
    path = root / FILE
    existing = (settings.read_yaml(path) or []) if path.exists() else []
    existing.append({"reviewer": entry.reviewer, "language": entry.language, "date": entry.date,
                     "pages": list(entry.pages), "commit": entry.commit})
    path.write_text(HEADER + yaml.safe_dump(existing, sort_keys=False, allow_unicode=True), encoding="utf-8")
