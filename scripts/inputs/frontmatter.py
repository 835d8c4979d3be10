"""Check a page's front matter: the fields every page must carry, and honest review dates."""
from __future__ import annotations

import datetime as dt
import re

REQUIRED = ("title", "description", "last_updated", "next_review", "reviewed_by")


def twelve_months_after(day: dt.date) -> dt.date:
    """The latest allowed next review: the same date a year on; from 29 February, 28 February
    (the last day of that month), so the gap is never more than 12 calendar months."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February, and the next year has no such day
        return day.replace(year=day.year + 1, day=28)


def problems(meta: dict, where: str, reviewers: dict, source_ids: set[str]) -> list[str]:
    """Every problem with one page's front matter, each naming the file and the field."""
    found = []
    for field in REQUIRED:
        if field not in meta:
            example = " (add a date like 2026-11-26)" if field in ("last_updated", "next_review") else ""
            found.append(f"{where}: front matter field '{field}' is missing{example}")
    for field in ("title", "description"):
        if field in meta and not (isinstance(meta[field], str) and meta[field].strip()):
            found.append(f"{where}: front matter field '{field}' must be non-empty text")
        elif field in meta and re.search(r"[<>]", meta[field]):
            found.append(f"{where}: front matter field '{field}' must be plain text, without HTML (remove < and >)")
    dates = {}
    for field in ("last_updated", "next_review"):
        if field in meta:
            if isinstance(meta[field], dt.date) and not isinstance(meta[field], dt.datetime):
                dates[field] = meta[field]
            else:
                found.append(f"{where}: front matter field '{field}' must be a date like 2026-11-26, "
                             f"not {meta[field]!r}")
    if len(dates) == 2:
        latest = twelve_months_after(dates["last_updated"])
        if dates["next_review"] <= dates["last_updated"]:
            found.append(f"{where}: front matter field 'next_review' must be after 'last_updated'")
        elif dates["next_review"] > latest:
            found.append(f"{where}: front matter field 'next_review' is more than 12 months after "
                         f"'last_updated' (set it to {latest.isoformat()} or earlier)")
    reviewer = meta.get("reviewed_by")
    if reviewer and reviewer not in reviewers:
        found.append(f"{where}: front matter field 'reviewed_by' names '{reviewer}', who is not in "
                     f"settings/reviewers.yml (only a qualified person listed there may be named)")
    sources = meta.get("sources", [])
    if not isinstance(sources, list):
        found.append(f"{where}: front matter field 'sources' must be a list of ids from settings/sources.yml")
    else:
        for unknown in [s for s in sources if s not in source_ids]:
            found.append(f"{where}: front matter field 'sources' names '{unknown}', which is not in "
                         f"settings/sources.yml (add it there with its reference)")
    return found
