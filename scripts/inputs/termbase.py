"""The termbase: settings/termbase/<lang>.tbx, one TBX file per language (English to that language),
read with translate-toolkit as Weblate reads it (docs/translating.md, "Termbase and style sheets").

Each entry (`<termEntry id="service">`) holds the English term and, in the language's `<langSet>`, one
chosen term (administrativeStatus `preferredTerm-admn-sts`), the variants it rejects (`forbidden`, the
status Weblate imports as a forbidden translation) and a translator's note saying why. A file that
breaks these rules gives problems naming the file, the line and the entry, never a half-read termbase.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import tbx

from scripts.inputs import term_stems

FOLDER = Path("settings") / "termbase"
PREFERRED = {"preferredterm-admn-sts", "admittedterm-admn-sts"}
REJECTED = {"forbidden", "obsolete", "deprecatedterm-admn-sts", "supersededterm-admn-sts"}


@dataclass(frozen=True)
class Term:
    id: str                 # the entry's id: "service"
    english: str            # "service"
    lang: str               # "pl"
    preferred: str          # "poradnia"
    rejected: tuple[str, ...]  # ("ośrodek", "placówka")
    note: str               # why, for translators
    where: str              # "settings/termbase/pl.tbx:93"


@dataclass(frozen=True)
class Termbase:
    terms: dict[str, list[Term]]   # language code -> its entries, in file order
    problems: list[str]            # what is wrong with the files, each naming file, line and entry


def load(root: Path, languages: list[str]) -> Termbase:
    """Every language's termbase (`languages`: the site's translated languages)."""
    terms: dict[str, list[Term]] = {}
    problems: list[str] = []
    english: dict[str, tuple[str, str]] = {}  # id -> (English term, where), to keep files in step
    for path in sorted((root / FOLDER).glob("*.tbx")):
        name = (FOLDER / path.name).as_posix()
        lang = path.stem
        if lang not in languages:
            problems.append(f"{name}: '{lang}' is not a translated language of the site (name the file "
                            f"after one of: {', '.join(languages)})")
            continue
        found, file_problems = _read(path, name, lang)
        problems += file_problems
        for term in found:
            first = english.setdefault(term.id, (term.english, term.where))
            if first[0] != term.english:
                problems.append(f"{term.where}: entry '{term.id}' is '{term.english}' in English here but "
                                f"'{first[0]}' at {first[1]} (one English term per id in every file)")
        terms[lang] = found
    return Termbase(terms, problems)


def _read(path: Path, name: str, lang: str) -> tuple[list[Term], list[str]]:
    try:
        store = tbx.tbxfile.parsefile(str(path))
    except (etree.XMLSyntaxError, ValueError) as error:
        return [], [f"{name}: not valid TBX ({error}); compare it with settings/termbase/pl.tbx"]
    terms, problems, seen = [], [], set()
    for unit in store.units:
        where = f"{name}:{unit.xmlelement.sourceline}"
        entry_id = unit.getid() or ""
        label = f"entry '{entry_id}'" if entry_id else "an entry"
        if not entry_id or entry_id in seen:
            problems.append(f"{where}: {label} needs an id of its own (<termEntry id=\"...\">)")
            continue
        seen.add(entry_id)
        english = [t.text.strip() for t in unit.get_source_terms() if t.text.strip()]
        targets = unit.get_target_terms(lang)
        preferred = [t.text.strip() for t in targets if _status(t) in PREFERRED]
        rejected = tuple(t.text.strip() for t in targets if _status(t) in REJECTED)
        unknown = [t for t in targets if _status(t) not in PREFERRED | REJECTED]
        if not english:
            problems.append(f"{where}: {label} has no English term (<langSet xml:lang=\"en\">)")
        if len(preferred) != 1:
            problems.append(f"{where}: {label} needs exactly one {lang} term marked preferredTerm-admn-sts, "
                            f"found {len(preferred)}")
        for term in unknown:
            problems.append(f"{where}: {label}: '{term.text}' has administrativeStatus "
                            f"'{term.administrative_status}'; use preferredTerm-admn-sts or forbidden")
        for variant in rejected:
            if preferred and term_stems.key(variant, lang) == term_stems.key(preferred[0], lang):
                problems.append(f"{where}: {label} rejects '{variant}', which is its own preferred term")
        if english and len(preferred) == 1:
            notes = [n.text for n in unit.get_target_terms(lang)[0].notes if n.origin == "translator"]
            terms.append(Term(entry_id, english[0], lang, preferred[0], rejected, " ".join(notes), where))
    return terms, problems


def _status(term) -> str:
    return (term.administrative_status or "").strip().lower()
