"""`python -m scripts export`: the translations as the files translators' tools read, written with
translate-toolkit (never by hand): per language and page one XLIFF 1.2 file and one PO file, and one
TMX translation memory of every segment of every language.

Each unit is one block (scripts/inputs/exchange_units.py): its id is the block's key, its source the
English block, its target the translation now in content/<lang>/, with the page and heading path as
context and, as notes, the English fingerprint it was stamped against and its status (translated,
stale, missing). In XLIFF the codes a translator must not change are protected inline codes (<ph>);
in PO they stay text and the import checks them. A message with plural forms is a PO plural.
"""
from __future__ import annotations

import re
from pathlib import Path

from babel import Locale
from babel.plural import to_gettext
from translate.misc.multistring import multistring
from translate.storage import pypo, tmx, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import Ph

from scripts.inputs import grammar, release
from scripts.inputs.exchange_units import CODE, MISSING, STALE, Unit, plural_forms, units
from scripts.inputs.settings import load_strings
from scripts.inputs.translations import STRINGS, pages

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
NOTE = re.compile(r"^(stamped against English|exported against English|status): (\S*)$", re.M)
TEMPLATE_FIELD = re.compile(r"\{[a-z_]+\}")


class Xliff12Unit(xliff.xlifffile.UnitClass):
    namespace = XLIFF_12


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, declaring version 1.2 (what CAT tools expect) not 1.1."""
    UnitClass = Xliff12Unit
    namespace = XLIFF_12
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")


def categories(docs: Path, lang: str) -> list[str]:
    """The language's plural categories in gettext's order (msgstr[0], msgstr[1] ...): the build's own
    (grammar.py: CLDR's, or its strings.yml's `plural_rules` where CLDR has none)."""
    return list(grammar.categories(lang, load_strings(docs, lang)))


def plural_forms_header(docs: Path, lang: str) -> str:
    """The Plural-Forms header from the same rule. CLDR's operands e and c (a compact decimal's
    exponent) are 0 for the whole numbers gettext counts, and gettext knows only n."""
    return re.sub(r"\b[ec]\b", "0", to_gettext(grammar.plural_rule(lang, load_strings(docs, lang))))


def notes(unit: Unit) -> str:
    return (f"status: {unit.state}\nstamped against English: {unit.stamped or '-'}\n"
            f"exported against English: {unit.english}")


def read_notes(text: str) -> dict[str, str]:
    """The notes export wrote, read back from a unit (a tool may add notes of its own)."""
    return {name: value for name, value in NOTE.findall(text or "")}


def rich(text: str, ids: dict[str, str]) -> list[StringElem]:
    """Text with each code (CODE) an inline <ph>, numbered as in `ids` (the same code, the same id)."""
    parts, at = [], 0
    for match in CODE.finditer(text):
        parts.append(text[at:match.start()])
        code = match.group(0)
        parts.append(Ph(id=ids.setdefault(code, str(len(ids) + 1)), sub=[code]))
        at = match.end()
    parts.append(text[at:])
    return [StringElem([part for part in parts if part != ""])]


def xliff_store(lang: str, page: str, found: list[Unit], forms: list[str]) -> Xliff12File:
    """One page's XLIFF file; `forms`: the language's plural categories (categories())."""
    store = Xliff12File(sourcelanguage="en", targetlanguage=lang)
    store.setfilename(store.getfilenode("NoName"), page)
    for unit in found:
        english = plural_forms(unit.source) if unit.plural else {"": unit.source}
        mine = plural_forms(unit.target) if unit.plural else {"": unit.target}
        for category in (forms if unit.plural else [""]):
            ids: dict[str, str] = {}
            item = store.addsourceunit("", filename=page)
            item.setid(f"{unit.key}[{category}]" if category else unit.key)
            item.rich_source = rich(english.get(category, english.get("other", "")), ids)
            if mine.get(category):
                item.rich_target = rich(mine[category], ids)
                item.set_state_n(item.S_NEEDS_REVIEW if unit.state == STALE else item.S_TRANSLATED)
                item.markapproved(False)  # a draft: only a listed reviewer approves (docs/translating.md)
            item.createcontextgroup("location", [("sourcefile", f"content/en/{page}"), ("x-heading-path", unit.context)],
                                    purpose="location")
            item.addnote(notes(unit), origin="developer")
    return store


def po_store(lang: str, page: str, found: list[Unit], root: Path, forms: list[str], plural_header: str) -> pypo.pofile:
    """One page's PO file. Its header names the version and date of the content it was made from (not
    the time of export: exporting the same content twice writes the same file). `forms` and
    `plural_header`: the language's plural categories and Plural-Forms (categories(), plural_forms_header())."""
    store = pypo.pofile()
    created = f"{release.build_date(root):%Y-%m-%d} 00:00+0000"
    store.updateheader(add=True, Content_Type="text/plain; charset=UTF-8", Content_Transfer_Encoding="8bit",
                       Language=lang, Project_Id_Version=f"DIT patient information {release.version(root)} {page}",
                       POT_Creation_Date=created, PO_Revision_Date=created, Last_Translator="-",
                       Language_Team=Locale.parse(lang, sep="-").english_name)
    store.updateheader(add=True, Plural_Forms=plural_header)
    store.header().settypecomment("fuzzy", False)
    for unit in found:
        if unit.plural:
            english, mine = plural_forms(unit.source), plural_forms(unit.target)
            item = store.addsourceunit(multistring([english.get("one", english["other"]), english["other"]]))
            if mine:
                item.target = multistring([mine.get(category, "") for category in forms])
        else:
            item = store.addsourceunit(unit.source)
            item.target = unit.target
        item.setcontext(unit.key)
        item.addlocation(f"content/en/{page}")
        item.addnote(f"{unit.context}\n{notes(unit)}", origin="developer")
        if TEMPLATE_FIELD.search(unit.source):
            item.settypecomment("python-brace-format")
        if unit.state == STALE and unit.target:
            item.markfuzzy(True)
    return store


def tmx_store(found: dict[str, list[Unit]]) -> tmx.tmxfile:
    """Every translated or stale segment of every language (lang -> its units), its status in a note
    (a missing one has no translation to remember)."""
    store = tmx.tmxfile(sourcelanguage="en")
    for lang, lang_units in found.items():
        for unit in lang_units:
            if unit.state == MISSING:
                continue
            store.addtranslation(unit.source, "en", unit.target, lang, comment=f"status: {unit.state}", context=unit.context)
            store.units[-1].xmlelement.set("tuid", f"{lang}/{unit.page}#{unit.key}")
    return store


def exported_pages(docs: Path, lang: str, source: str = "en") -> list[str]:
    """The English pages this language has a translation of, and its strings file."""
    return [page for page in [*pages(docs, source), STRINGS] if (docs / lang / page).exists()]


def export(docs: Path, languages: list[str], out: Path) -> list[Path]:
    """Write <out>/<lang>/<page>.xlf and .po for every translated file, and <out>/translations.tmx."""
    written, memory = [], {}
    for lang in languages:
        forms, plural_header = categories(docs, lang), plural_forms_header(docs, lang)
        for page in exported_pages(docs, lang):
            found = units(docs, lang, page)
            memory.setdefault(lang, []).extend(found)
            stem = out / lang / Path(page).with_suffix("")
            stem.parent.mkdir(parents=True, exist_ok=True)
            for suffix, store in ((".xlf", xliff_store(lang, page, found, forms)),
                                  (".po", po_store(lang, page, found, docs.parent, forms, plural_header))):
                path = stem.with_suffix(suffix)
                path.write_bytes(bytes(store))
                written.append(path)
    (out / "translations.tmx").write_bytes(bytes(tmx_store(memory)))
    return written + [out / "translations.tmx"]
