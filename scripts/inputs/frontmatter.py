"""A page's front matter: read by MkDocs' own parser (mkdocs.utils.meta.get_data), its shape checked
by scripts/inputs/schemas/frontmatter.schema.json, and what a schema cannot know checked here: honest
review dates, a listed reviewer, known sources."""
from __future__ import annotations

import datetime as dt

import yaml
from mkdocs.utils import meta as mkdocs_meta

from scripts.inputs import schema_check


class FrontMatterError(ValueError):
    """The page's front matter is missing or is not YAML fields; the message names the line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def split(text: str) -> tuple[dict, str]:
    """(front matter, body) as MkDocs reads them; ({}, text) for a page without front matter."""
    body, meta = mkdocs_meta.get_data(text)
    return meta, body


def block(text: str) -> str | None:
    """The YAML between the --- lines, as MkDocs finds it; None if there is none."""
    match = mkdocs_meta.YAML_RE.match(text)
    return match.group(1) if match else None


def read(text: str) -> tuple[dict, str]:
    """split(), refusing a page whose front matter MkDocs would silently ignore (FrontMatterError)."""
    yaml_text = block(text)
    if yaml_text is None:
        raise FrontMatterError(1, "front matter is missing (start the file with --- and the fields; see docs/editing.md)")
    meta, body = split(text)
    if body == text:  # MkDocs could not read it: say why, at the parser's line (after the first ---)
        try:
            yaml.safe_load(yaml_text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise FrontMatterError(mark.line + 2 if mark else 1, "front matter is not valid YAML "
                                   f"({getattr(error, 'problem', error)})") from None
        raise FrontMatterError(2, "front matter must be fields like 'title: ...'")
    return meta, body


def lines(text: str) -> dict[str, int]:
    """Each front matter key's line in the page (the first --- is line 1)."""
    return schema_check.key_lines(block(text) or "", first_line=2)


def twelve_months_after(day: dt.date) -> dt.date:
    """The latest allowed next review: the same date a year on; from 29 February, 28 February
    (the last day of that month), so the gap is never more than 12 calendar months."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February, and the next year has no such day
        return day.replace(year=day.year + 1, day=28)


def problems(meta: dict, where: str, reviewers: dict, source_ids: set[str],
             key_lines: dict[str, int] | None = None) -> list[str]:
    """Every problem with one page's front matter, each naming the file (and line, when `key_lines`
    gives it) and the field."""
    found = schema_check.problems(meta, "frontmatter", key_lines)
    if isinstance(meta, dict):
        found += [schema_check.Problem(key, message, schema_check.locate(key, key_lines or {}))
                  for key, message in _date_order(meta) + _references(meta, reviewers, source_ids)]
    return [f"{where}{'' if p.line is None else f':{p.line}'}: front matter "
            + (f"field '{p.key}' {p.message}" if p.key else p.message)
            for p in schema_check.in_document_order(found)]


def _date_order(meta: dict) -> list[tuple[str, str]]:
    """next_review after last_updated, and no more than 12 months after it."""
    updated, review = meta.get("last_updated"), meta.get("next_review")
    if not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in (updated, review)):
        return []  # the schema has said what is wrong
    latest = twelve_months_after(updated)
    if review <= updated:
        return [("next_review", "must be after 'last_updated'")]
    if review > latest:
        return [("next_review", f"is more than 12 months after 'last_updated' (set it to {latest.isoformat()} or earlier)")]
    return []


def _references(meta: dict, reviewers: dict, source_ids: set[str]) -> list[tuple[str, str]]:
    """Names of people and sources must be in settings/: reviewers.yml and sources.yml."""
    found = []
    reviewer = meta.get("reviewed_by")
    if reviewer and isinstance(reviewer, str) and reviewer not in reviewers:
        found.append(("reviewed_by", f"names '{reviewer}', who is not in settings/reviewers.yml "
                                     "(only a qualified person listed there may be named)"))
    sources = meta.get("sources")
    for unknown in [s for s in sources if s not in source_ids] if isinstance(sources, list) else []:
        found.append(("sources", f"names '{unknown}', which is not in settings/sources.yml (add it there with its reference)"))
    translation = meta.get("translation")
    if isinstance(translation, dict) and translation.get("status") == "reviewed" \
            and translation.get("reviewer") not in reviewers:
        found.append(("translation.reviewer", "must name someone in settings/reviewers.yml"))
    return found
