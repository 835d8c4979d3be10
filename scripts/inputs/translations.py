"""Translation status, passage by passage: which English block each translated block was made from,
whether a qualified person has reviewed it, and whether the English has changed since.

A translated page's front matter carries, beside its text (docs/translating.md says why there):

    translation:
      status: draft                   # or reviewed (a listed reviewer signed the page)
      reviewer: jane-doe              # reviewed only: an id from settings/reviewers.yml
      segments:                       # each block (scripts/inputs/segments.py) -> the English it translates
        title: 704b7be9e3fc2cd1       # fingerprint of the English block
        top.p1: 4dbfd9a0f95c0281 9f8e7d6c5b4a3f2e   # reviewed: and of this block's text when signed

A translated `strings.yml` records the same for each entry under its top-level `segments:`.

A block is up to date while its English fingerprint is still on the English page, wherever it now
stands (reordering stales nothing). Otherwise the English block at its place changed: it is stale. An
English block no translated block accounts for is missing; a translated block whose English has gone
is no longer counted.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from scripts.inputs.frontmatter import block, split
from scripts.inputs.segments import SEGMENTS, Block, page_blocks, strings_blocks

STRINGS = "strings.yml"
STRINGS_NOTE = ("Which English entry each entry above translates (fingerprints): written by\n"
                "`python -m scripts stamp content/<lang>/strings.yml`, never by hand (docs/translating.md).")
CURRENT, STALE, MISSING, REMOVED = "current", "stale", "missing", "removed"


@dataclass(frozen=True)
class Passage:
    """One block's state. `english` is the English block it translates (stale: the one now in its
    place), None for a block whose English has gone."""
    key: str
    state: str
    english: Block | None
    reviewed: bool = False


@dataclass(frozen=True)
class Status:
    lang: str
    page: str
    reviewed: bool      # signed by a listed reviewer, and no block changed since
    stale: bool         # some English block changed or was added since this translation was made
    note: str = ""      # why, when it is not simply a draft or reviewed
    passages: tuple[Passage, ...] = field(default=(), repr=False)

    def count(self, state: str) -> int:
        return sum(p.state == state for p in self.passages)

    @property
    def counts(self) -> dict[str, int]:
        return {"translated": self.count(CURRENT), "stale": self.count(STALE), "missing": self.count(MISSING),
                "reviewed": sum(p.reviewed for p in self.passages)}

    @property
    def stale_passages(self) -> list[Passage]:
        return [p for p in self.passages if p.state == STALE]

    @property
    def label(self) -> str:
        words = "reviewed" if self.reviewed else "draft"
        return f"{words}, {'STALE' if self.stale else 'up to date'}" + (f" ({self.note})" if self.note else "")


def parse_record(value) -> tuple[str, str | None]:
    """A segment's record: the English fingerprint, and the block's own when it was reviewed."""
    english, _, reviewed = str(value).partition(" ")
    return english, reviewed or None


def align(english: list[Block], translated: list[Block], record: dict, signed: bool = False) -> tuple[Passage, ...]:
    """Each translated block against the English blocks, by fingerprint first (order does not
    matter), then by place (the same key) for the English blocks no fingerprint accounts for.
    `signed`: the page is signed by a listed reviewer, so a block unchanged since is reviewed."""
    here: dict[str, Block] = {}
    for block_ in english:  # each fingerprint's first block (a fingerprint is worked out each time)
        here.setdefault(block_.hash, block_)
    at = {b.key: b for b in english}
    found, covered, unmatched = {}, set(), []
    for block_ in translated:
        source, reviewed_hash = parse_record(record.get(block_.key, ""))
        if source in here:
            covered.add(source)
            found[block_.key] = Passage(block_.key, CURRENT, here[source], signed and reviewed_hash == block_.hash)
        else:
            unmatched.append(block_)
    claimed = set()
    for block_ in unmatched:
        target = at.get(block_.key)
        if target is not None and target.hash not in covered and target.key not in claimed:
            claimed.add(target.key)
            found[block_.key] = Passage(block_.key, STALE, target)
        else:
            found[block_.key] = Passage(block_.key, REMOVED, None)
    passages = [found[b.key] for b in translated]
    passages += [Passage(b.key, MISSING, b) for b in english if b.hash not in covered and b.key not in claimed]
    return tuple(passages)


def status_of(translated: Path, english: Path, lang: str, page: str, reviewers: dict) -> Status:
    """A translated page's (or strings file's) status against its English."""
    if translated.name == STRINGS:
        data, source = _yaml(translated), strings_blocks(_yaml(english))
        meta, mine, record = {}, strings_blocks(data), data.get(SEGMENTS) or {}
    else:
        text = translated.read_text(encoding="utf-8")
        meta, source, mine = split(text)[0], page_blocks(english.read_text(encoding="utf-8")), page_blocks(text)
        record = (meta.get("translation") or {}).get("segments") or {}
    translation = meta.get("translation") or {}
    signed = translation.get("status") == "reviewed" and translation.get("reviewer") in reviewers
    passages = align(source, mine, record, signed)
    stale = any(p.state in (STALE, MISSING) for p in passages)
    if translation.get("status") != "reviewed":
        return Status(lang, page, False, stale, passages=passages)
    if not signed:
        return Status(lang, page, False, stale, f"reviewer '{translation.get('reviewer')}' is not in settings/reviewers.yml",
                      passages)
    if not all(p.reviewed for p in passages if p.state == CURRENT):
        return Status(lang, page, False, stale, "changed since it was reviewed", passages)
    return Status(lang, page, True, stale, passages=passages)


def pages(docs_dir: Path, lang: str) -> list[str]:
    return sorted(p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md"))


def table(docs_dir: Path, languages: list[str], reviewers: dict, source: str = "en") -> list[Status]:
    """Every translated page's status, and each language's strings.yml (the last row)."""
    return [status_of(docs_dir / lang / page, docs_dir / source / page, lang, page, reviewers)
            for lang in languages if lang != source
            for page in [*pages(docs_dir, source), STRINGS] if (docs_dir / lang / page).exists()]


def stamp(translated: Path, english: Path, keys: list[str] | None = None) -> bool:
    """Record, for each block (or only the `keys` given), the English block it now translates: the
    one in the same place on the English page. Returns True when the file changed. A block whose
    English fingerprint changes loses its review: the reviewer signed a translation of other words."""
    strings = translated.name == STRINGS
    source = {b.key: b for b in (strings_blocks(_yaml(english)) if strings
                                 else page_blocks(english.read_text(encoding="utf-8")))}
    mine = [b.key for b in (strings_blocks(_yaml(translated)) if strings
                            else page_blocks(translated.read_text(encoding="utf-8")))]
    unknown = sorted(set(keys or []) - set(mine) - set(source))
    if unknown:
        raise ValueError(f"{translated}: no block {', '.join(unknown)} (see `python -m scripts translations --blocks`)")
    if keys is None and set(mine) != set(source):
        raise ValueError(f"{translated}: its blocks differ from {english}'s (missing "
                         f"{sorted(set(source) - set(mine))}, extra {sorted(set(mine) - set(source))}): "
                         "give it the English page's structure first (`python -m scripts check parity`)")
    wanted = set(keys if keys is not None else mine)
    hashes = {key: source[key].hash for key in mine if key in wanted and key in source}
    return _edit(translated, lambda data: _record(_segments_of(data, strings), mine, hashes), strings)


def record_english(translated: Path, hashes: dict[str, str]) -> bool:
    """Record for the blocks given (key -> English fingerprint) the English each translates: for an
    import, the English its exchange file was made from, so a block whose English changed since the
    export stays stale. Returns True when the file changed."""
    strings = translated.name == STRINGS
    mine = [b.key for b in (strings_blocks(_yaml(translated)) if strings
                            else page_blocks(translated.read_text(encoding="utf-8")))]
    return _edit(translated, lambda data: _record(_segments_of(data, strings), mine, hashes), strings)


def _record(segments: CommentedMap, mine: list[str], hashes: dict[str, str]) -> None:
    """Each block's English fingerprint in its record, in the file's order; a block whose English
    fingerprint changes loses its review. A record of a block the file no longer has goes."""
    for position, key in enumerate(mine):
        if key not in hashes:
            continue
        old_source, _ = parse_record(segments.get(key, ""))
        if key not in segments:
            segments.insert(position, key, hashes[key])
        elif old_source != hashes[key]:
            segments[key] = hashes[key]
    for key in [k for k in segments if k not in mine]:
        del segments[key]


def mark_reviewed(translated: Path, reviewer: str) -> None:
    """Record that a listed reviewer checked this translation as it stands now: the page, and the
    text of each block (so a block that changes afterwards is no longer reviewed)."""
    now = {b.key: b.hash for b in page_blocks(translated.read_text(encoding="utf-8"))}

    def record(meta: CommentedMap) -> None:
        translation = meta.setdefault("translation", CommentedMap())
        translation["status"], translation["reviewer"] = "reviewed", reviewer
        segments = _segments_of(meta, strings=False)
        for key in segments:
            if key in now:
                segments[key] = f"{parse_record(segments[key])[0]} {now[key]}"
    _edit(translated, record, strings=False)


def _segments_of(data: CommentedMap, strings: bool) -> CommentedMap:
    """The segments map of a page's front matter or a strings file, made if it is not there yet."""
    holder = data
    if not strings:
        if not isinstance(data.get("translation"), dict):
            data["translation"] = CommentedMap(status="draft")
        holder = data["translation"]
        holder.pop("source_hash", None)  # the page-level record before segments (issue 14)
        holder.pop("reviewed_hash", None)
    if not isinstance(holder.get(SEGMENTS), dict):
        holder[SEGMENTS] = CommentedMap()
        if strings:
            holder.yaml_set_comment_before_after_key(SEGMENTS, before=STRINGS_NOTE)
    return holder[SEGMENTS]


def _yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _edit(path: Path, change, strings: bool) -> bool:
    """Change a page's front matter, or a whole strings file, through a round-trip YAML parser, so
    comments, order, quoting and every other line stay as they are. Returns True when it changed."""
    text = path.read_text(encoding="utf-8")
    header = text if strings else block(text)
    if header is None:
        raise ValueError(f"{path}: front matter is missing (start the file with --- and the fields)")
    parser = YAML()  # round-trip
    parser.preserve_quotes = True
    parser.width = 4096  # never re-wrap a long description
    parser.indent(mapping=2, sequence=4, offset=2)
    data = parser.load(header) or CommentedMap()
    change(data)
    out = io.StringIO()
    parser.dump(data, out)
    updated = out.getvalue() if strings else text.replace(header, out.getvalue(), 1)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


def summary(statuses: list[Status]) -> dict:
    """The status table as data (what `translations --json` prints): per language, each page's counts,
    status and the keys of its stale and missing blocks, and the language's totals."""
    found: dict = {}
    for status in statuses:
        language = found.setdefault(status.lang, {"pages": {}, "total": dict.fromkeys(COUNTS, 0)})
        language["pages"][status.page] = {
            **status.counts, "status": "reviewed" if status.reviewed else "draft", "note": status.note,
            "stale_blocks": [p.key for p in status.stale_passages],
            "missing_blocks": [p.english.key for p in status.passages if p.state == MISSING]}
        for name, value in status.counts.items():
            language["total"][name] += value
    return found


COUNTS = ("translated", "stale", "missing", "reviewed")


def summary_table(data: dict, blocks: bool = False) -> str:
    """summary() as a table for a terminal: a row per language and page, then the language's total."""
    pages = [page for language in data.values() for page in language["pages"]] or ["page"]
    width = max(map(len, pages + ["total"]))
    lines = [f"{'lang':<4}  {'page':<{width}}  " + "  ".join(f"{name:>10}" for name in COUNTS) + "  status"]
    for lang, language in data.items():
        for page, row in [*language["pages"].items(), ("total", {**language["total"], "status": ""})]:
            flag = "STALE" if row.get("stale") or row.get("missing") else ""
            lines.append(f"{lang:<4}  {page:<{width}}  " + "  ".join(f"{row[name]:>10}" for name in COUNTS)
                         + f"  {' '.join(w for w in (row['status'], flag, row.get('note', '')) if w)}".rstrip())
            if blocks and page != "total":
                lines += [f"{'':<6}  stale: {key}" for key in row["stale_blocks"]]
                lines += [f"{'':<6}  missing: {key}" for key in row["missing_blocks"]]
    stale = sum(1 for language in data.values() for row in language["pages"].values() if row["stale"] or row["missing"])
    return "\n".join(lines + ["", f"{stale} translated file(s) with stale or missing blocks."])
