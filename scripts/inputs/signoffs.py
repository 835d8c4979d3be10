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
    """Every recorded sign-off, checked: each problem names the file and the field."""
    path = root / FILE
    if not path.exists():
        return []
    data = settings.read_yaml(path) or []
    if not isinstance(data, list):
        raise SettingsError(f"{path}: expected a list of sign-offs")
    reviewers = settings.read_yaml(root / "settings" / "reviewers.yml") or {}
    found = []
    for index, entry in enumerate(data):
        where = f"{FILE.as_posix()}: sign-off [{index}]"
        if not isinstance(entry, dict):
            raise SettingsError(f"{where} must be a mapping (reviewer, language, date, pages, commit)")
        if entry.get("reviewer") not in reviewers:
            raise SettingsError(f"{where} field 'reviewer' names {entry.get('reviewer')!r}, who is not in "
                                "settings/reviewers.yml")
        if not isinstance(entry.get("date"), dt.date):
            raise SettingsError(f"{where} field 'date' must be a date like 2026-11-30")
        pages = entry.get("pages")
        if not (isinstance(pages, list) and pages and all(isinstance(p, str) for p in pages)):
            raise SettingsError(f"{where} field 'pages' must list Markdown files under content/<language>/")
        found.append(SignOff(entry["reviewer"], str(entry.get("language", "")), entry["date"], tuple(pages),
                             str(entry.get("commit") or "")))
    return found


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
