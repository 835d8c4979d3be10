"""Review dates: which pages are past their next_review date. "Today" is the build date (the commit's
date, or SOURCE_DATE_EPOCH), so an old commit always builds the same."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from scripts.inputs import translations
from scripts.inputs.settings import ROOT


def overdue(root: Path = ROOT, today: dt.date | None = None) -> list[str]:
    from scripts.inputs import release
    today = today or release.build_date(root)
    found = []
    for page in sorted((root / "content").rglob("*.md")):
        meta, _ = translations.split(page.read_text(encoding="utf-8"))
        due = meta.get("next_review")
        if isinstance(due, dt.date) and due < today:
            found.append(f"{page.relative_to(root).as_posix()}: review was due on {due.isoformat()} "
                         f"(check the page, then update last_updated and next_review)")
    return found
