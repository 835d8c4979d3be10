"""`python -m scripts import FILE...`: read XLIFF or PO files made by `export` back into
content/<lang>/, after checking every unit with translate-toolkit's checks (exchange_checks.py).

All or nothing: any unit that fails, in any file, refuses the whole import, each problem named by
file, unit id and what broke, and no file under content/ is written. Otherwise each changed
translation is written at its block's place, and that block is stamped with the English fingerprint
the file was exported against (so a block whose English changed since the export stays stale). A
stale unit returned unchanged but no longer marked for review (PO: not fuzzy; XLIFF: state
translated) is stamped too: the translator confirmed it still says what the new English says.
Nothing changed, nothing written: export then import leaves the repository byte for byte as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate.storage import pypo, xliff

from scripts.inputs import translations
from scripts.inputs.exchange_units import MISSING, STALE, Unit, plural_forms, units, write_page, write_strings
from scripts.inputs.segments import fingerprint
from scripts.tools import exchange_checks
from scripts.tools.exchange_export import categories, read_notes

SOURCE_PREFIX = "content/en/"


class ImportRefused(ValueError):
    """One or more units failed; the message lists every problem, and nothing was written."""


@dataclass(frozen=True)
class Returned:
    """One unit as a translator's file returns it."""
    key: str
    target: str | dict[str, str]   # a message: its plural forms by category
    confirmed: bool                # not marked fuzzy / for review
    english: str                   # the English fingerprint the file was exported against ("" if unknown)
    source: str


@dataclass(frozen=True)
class ExchangeFile:
    path: Path
    lang: str
    page: str
    returned: list[Returned]


def read(path: Path, docs: Path) -> ExchangeFile:
    """A PO or XLIFF file as `export` wrote it (and a translator's tool returned it), for content/ at `docs`."""
    if path.suffix == ".po":
        store = pypo.pofile.parsefile(str(path))
        # translate-toolkit reads no Language with a script subtag (zh-Hans): its own header then
        lang = store.gettargetlanguage() or store.parseheader().get("Language", "")
        found = [item for item in store.units if not item.isheader()]
        page = next((loc[len(SOURCE_PREFIX):] for item in found for loc in item.getlocations()
                     if loc.startswith(SOURCE_PREFIX)), "")
        forms = categories(docs, lang) if lang and (docs / lang).is_dir() else []
        returned = [_from_po(item, forms) for item in found]
    elif path.suffix in (".xlf", ".xliff"):
        store = xliff.xlifffile.parsefile(str(path))
        lang, page = store.gettargetlanguage() or "", store.getfilenames()[0] if store.getfilenames() else ""
        returned = _from_xliff([item for item in store.units if not item.isheader()])
    else:
        raise ImportRefused(f"{path}: not a .po, .xlf or .xliff file made by `python -m scripts export`")
    if not lang or not page:
        raise ImportRefused(f"{path}: cannot tell its language and page (Language header, and locations "
                            f"{SOURCE_PREFIX}<page>; or XLIFF target-language and original): export it again")
    return ExchangeFile(path, lang, page, returned)


def _from_po(item: pypo.pounit, forms: list[str]) -> Returned:
    notes = read_notes(item.getnotes("developer"))
    if item.hasplural():
        targets = [str(words) for words in item.target.strings] if item.target else []
        target = {category: words for category, words in zip(forms, targets) if words}
    else:
        target = str(item.target or "")
    return Returned(item.getcontext(), target, not item.isfuzzy(), notes.get("exported against English", ""),
                    str(item.source))


def _from_xliff(items: list) -> list[Returned]:
    """XLIFF units, a message's plural forms (id "messages.x[few]") gathered into one."""
    gathered: dict[str, Returned] = {}
    for item in items:
        unit_id = item.xmlelement.get("id", "")
        key, _, category = unit_id.partition("[")
        notes = read_notes(item.getnotes("developer"))
        confirmed = item.get_state_n() >= item.S_TRANSLATED
        target = str(item.target or "")
        if category:
            before = gathered.get(key)
            forms = {**(before.target if before else {}), **({category.rstrip("]"): target} if target else {})}
            confirmed = confirmed and (before.confirmed if before else True)
            gathered[key] = Returned(key, forms, confirmed, notes.get("exported against English", ""), "")
        else:
            gathered[key] = Returned(key, target, confirmed, notes.get("exported against English", ""), str(item.source))
    return list(gathered.values())


def plan(docs: Path, exchange: ExchangeFile, known: dict | None = None) -> tuple[dict, dict[str, str], list[str]]:
    """What importing one file would change (key -> new text, key -> English fingerprint to stamp),
    and every problem, each naming the file and unit. `known`: units already read, by (lang, page)
    (a page's .po and .xlf both)."""
    where = exchange.path
    if not (docs / exchange.lang / exchange.page).exists():
        return {}, {}, [f"{where}: content/{exchange.lang}/{exchange.page} does not exist"]
    known = {} if known is None else known
    if (exchange.lang, exchange.page) not in known:
        known[exchange.lang, exchange.page] = {u.key: u for u in units(docs, exchange.lang, exchange.page)}
    now = known[exchange.lang, exchange.page]
    check = exchange_checks.checker(exchange.lang)
    changes, stamps, problems = {}, {}, []
    for back in exchange.returned:
        unit = now.get(back.key)
        if unit is None:
            problems.append(f"{where}: unit {back.key}: no such block in content/{exchange.lang}/{exchange.page}")
            continue
        if back.target and isinstance(back.target, dict) != unit.plural:
            problems.append(f"{where}: unit {back.key}: {'plural forms expected' if unit.plural else 'not a plural message'}")
            continue
        current = plural_forms(unit.target) if unit.plural else unit.target
        unchanged = not back.target or back.target == current
        # Every unit is checked, changed or not, and one failure refuses the whole import; but not a
        # stale one left as it was (it translates the old English: the English changed, not the file).
        if not (unchanged and unit.state == STALE and not back.confirmed):
            problems += [f"{where}: unit {back.key}: {problem}"
                         for problem in exchange_checks.unit_failures(check, unit, back.target)]
        if unchanged:
            if back.target and unit.state == STALE and back.confirmed:
                stamps[back.key] = _english(back, unit, where, problems)
            continue
        if unit.state == MISSING:
            problems.append(f"{where}: unit {back.key}: content/{exchange.lang}/{exchange.page} has no such block yet "
                            "(give the page the English page's structure first: `check parity`)")
        changes[back.key] = {**current, **back.target} if unit.plural else back.target
        stamps[back.key] = _english(back, unit, where, problems)
    return changes, stamps, problems


def _english(back: Returned, unit: Unit, where: Path, problems: list[str]) -> str:
    """The English fingerprint the unit was exported against: from its note, else from its source."""
    if back.english:
        return back.english
    if back.source:
        return fingerprint(back.source)
    problems.append(f"{where}: unit {back.key}: its note 'exported against English' is gone (export it again)")
    return ""


def run(docs: Path, paths: list[Path]) -> list[str]:
    """Import the files, all or nothing (ImportRefused lists every problem). Returns one line per file."""
    planned, problems, known = [], [], {}
    for path in paths:
        try:
            exchange = read(path, docs)
        except ImportRefused as error:
            problems.append(str(error))
            continue
        except Exception as error:  # noqa: BLE001 - a file a tool broke: say which, refuse the whole import
            problems.append(f"{path}: cannot be read as {path.suffix[1:].upper()} ({error})")
            continue
        changes, stamps, found = plan(docs, exchange, known)
        planned.append((exchange, changes, stamps))
        problems += found
    if problems:
        raise ImportRefused("\n".join(problems + [f"Import refused: {len(problems)} problem(s); nothing was written."]))
    written = {docs / e.lang / e.page: (docs / e.lang / e.page).read_bytes() for e, changes, stamps in planned
               if changes or stamps}
    try:
        report = [_write(docs, *entry) for entry in planned if entry[1] or entry[2]]
    except Exception:
        for path, before in written.items():  # never a half-written content folder
            path.write_bytes(before)
        raise
    blocks = sum(len(changes) for _, changes, _ in planned)
    return report + [f"Read {len(planned)} file(s): {blocks} block(s) written, "
                     f"{sum(len(stamps) for *_, stamps in planned)} stamped."]


def _write(docs: Path, exchange: ExchangeFile, changes: dict, stamps: dict[str, str]) -> str:
    target = docs / exchange.lang / exchange.page
    if changes:
        (write_strings if exchange.page == translations.STRINGS else write_page)(target, changes)
    if stamps:
        translations.record_english(target, stamps)
    return f"{target}: {len(changes)} block(s) written, {len(stamps)} stamped (from {exchange.path})"
