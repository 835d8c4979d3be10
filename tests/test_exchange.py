"""Translations out to translators' tools and back (issue 14, item 2): `export` writes XLIFF 1.2, PO and
TMX with translate-toolkit; `import` checks every unit and writes a changed block at its place, all or
nothing. Pure functions on a copy of the project, no build."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from translate.misc.multistring import multistring
from translate.storage import pypo, tmx, xliff

from scripts.inputs import translations
from scripts.inputs.exchange_units import plural_forms, write_page
from scripts.inputs.segments import normalise, page_blocks, strings_blocks
from scripts.inputs.settings import ROOT, languages
from scripts.system.system_packages import ensure_msgfmt
from scripts.tools.exchange_export import categories, export
from scripts.tools.exchange_import import ImportRefused, run

CONTENT = ROOT / "content"
TRANSLATED = [language.code for language in languages()][1:]
SENTENCE = "This includes the anxiety that can come with it."  # in content/en/about-dit.md, block patterns.p1


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """Every language exported once from the repository's content (export only reads)."""
    out = tmp_path_factory.mktemp("exchange")
    export(CONTENT, TRANSLATED, out)
    return out


def exchange_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".po", ".xlf"))


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def changed_lines(before: Path, after: Path) -> list[tuple[str, str]]:
    old, new = before.read_text(encoding="utf-8").split("\n"), after.read_text(encoding="utf-8").split("\n")
    assert len(old) == len(new), "a one-line change changed the number of lines"
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_export_then_import_leaves_the_project_byte_identical(project, exported):
    """The import checks every unit first (translate-toolkit's checks, exchange_checks.py) and would
    refuse any failure: so this also proves every exported unit passes them."""
    files = exchange_files(exported)
    assert {f.parent.name for f in files} >= set(TRANSLATED) and len(files) > 100
    run(project / "content", files)
    assert snapshot(project / "content") == snapshot(CONTENT)


def test_the_po_files_pass_msgfmt_check(exported):
    msgfmt = str(ensure_msgfmt())
    for path in exported.rglob("*.po"):
        result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, (path, result.stderr)


def test_codes_are_protected_in_xliff_and_plurals_are_po_plurals(exported):
    page = xliff.xlifffile.parsefile(str(exported / "pl" / "get-help-now.xlf"))
    protected = {ph.text for item in page.units for ph in item.xmlelement.iter("{*}ph")}
    assert {"{{ phone:childline }}", "{#feel-worse}"} <= protected
    links = xliff.xlifffile.parsefile(str(exported / "pl" / "about-dit.xlf"))
    assert "](glossary.md#depression)" in {ph.text for item in links.units for ph in item.xmlelement.iter("{*}ph")}
    for lang, count in {"pl": 4, "cy": 6, "es": 3, "ar": 6, "ur": 2}.items():
        store = pypo.pofile.parsefile(str(exported / lang / "strings.po"))
        assert f"nplurals={count};" in store.parseheader()["Plural-Forms"] and len(categories(CONTENT, lang)) == count
        message = next(u for u in store.units if u.getcontext() == "messages.sessions_weekly")
        assert message.hasplural() and len(message.target.strings) == count
    polish = next(u for u in pypo.pofile.parsefile(str(exported / "pl" / "strings.po")).units
                  if u.getcontext() == "messages.sessions_weekly")
    assert str(polish.source.strings[1]) == "You usually have {{ sessions }} sessions, once a week."
    assert str(polish.target.strings[1]) == "Zwykle masz {{ sessions }} sesje, raz w tygodniu."  # few: 2-4, 22-24


def test_the_translation_memory_holds_every_language_with_each_segments_status(exported):
    memory = tmx.tmxfile.parsefile(str(exported / "translations.tmx"))
    ids = {u.getid() for u in memory.units}
    assert {f"{lang}/about-dit.md#patterns.p1" for lang in TRANSLATED} <= ids
    assert all(u.getnotes() == "status: translated" for u in memory.units)  # every translation is up to date today


def test_a_changed_polish_paragraph_from_po_lands_in_its_place_and_nothing_else_changes(project, exported, tmp_path):
    po_path = str(shutil.copy(exported / "pl" / "about-dit.po", tmp_path / "about-dit.po"))
    store = pypo.pofile.parsefile(po_path)
    unit = next(u for u in store.units if u.getcontext() == "patterns.p1")
    unit.target = "DIT to terapia [depresji](glossary.md#depression). Obejmuje ona także lęk."
    store.savefile(po_path)
    run(project / "content", [Path(po_path)])
    assert changed_lines(CONTENT / "pl" / "about-dit.md", project / "content" / "pl" / "about-dit.md") == [
        ("DIT to terapia [depresji](glossary.md#depression). Obejmuje to także lęk, który może jej towarzyszyć.",
         "DIT to terapia [depresji](glossary.md#depression). Obejmuje ona także lęk.")]
    before, after = snapshot(CONTENT), snapshot(project / "content")
    assert [name for name in before if before[name] != after[name]] == ["pl/about-dit.md"]


def test_a_changed_polish_admonition_from_xliff_lands_in_its_place_and_nothing_else_changes(project, exported, tmp_path):
    xlf_path = str(shutil.copy(exported / "pl" / "about-dit.xlf", tmp_path / "about-dit.xlf"))
    store = xliff.xlifffile.parsefile(xlf_path)
    unit = next(u for u in store.units if u.xmlelement.get("id") == "example.notep1")
    unit.target = "To tylko zmyślony przykład. Twój wzorzec będzie inny."
    store.savefile(xlf_path)
    run(project / "content", [Path(xlf_path)])
    assert changed_lines(CONTENT / "pl" / "about-dit.md", project / "content" / "pl" / "about-dit.md") == [
        ("    To tylko przykład, który pokazuje, o co chodzi. Twój własny wzorzec będzie inny.",
         "    To tylko zmyślony przykład. Twój wzorzec będzie inny.")]
    before, after = snapshot(CONTENT), snapshot(project / "content")
    assert [name for name in before if before[name] != after[name]] == ["pl/about-dit.md"]


def test_a_broken_placeholder_refuses_the_whole_import_naming_file_and_unit(project, exported, tmp_path):
    good = str(shutil.copy(exported / "pl" / "about-dit.po", tmp_path / "about-dit.po"))
    store = pypo.pofile.parsefile(good)
    next(u for u in store.units if u.getcontext() == "title").target = "Jak działa terapia DIT"
    store.savefile(good)
    broken = str(shutil.copy(exported / "pl" / "strings.po", tmp_path / "strings.po"))
    store = pypo.pofile.parsefile(broken)
    unit = next(u for u in store.units if u.getcontext() == "urgent.routes.samaritans")
    unit.target = str(unit.target).replace("{{ phone:samaritans }}", "{{ phone:samaritans }")
    plural = next(u for u in store.units if u.getcontext() == "messages.session_minutes")
    plural.target = multistring([str(s).replace("{{ minutes }}", "{{ minute }}") for s in plural.target.strings])
    store.savefile(broken)
    with pytest.raises(ImportRefused) as refused:
        run(project / "content", [Path(good), Path(broken)])
    message = str(refused.value)
    assert f"{broken}: unit urgent.routes.samaritans: placeholders: placeholders differ: missing " \
           "['{{phone:samaritans}}'], not in the English none, and a stray {{ or }}" in message
    assert f"{broken}: unit messages.session_minutes: [few] placeholders" in message
    assert "nothing was written" in message
    assert snapshot(project / "content") == snapshot(CONTENT), "a refused import wrote something"


def test_an_import_stamps_the_english_it_was_exported_against(project, tmp_path):
    """A block whose English changed after the export stays stale after its import; one exported
    after the change (stale, so fuzzy), updated and no longer fuzzy, is up to date."""
    content, english = project / "content", project / "content" / "en" / "about-dit.md"
    before_change = export(content, ["pl"], tmp_path / "before")
    english.write_text(english.read_text(encoding="utf-8").replace(SENTENCE, "This includes worry."), encoding="utf-8")
    after_change = export(content, ["pl"], tmp_path / "after")

    def translate(files: list[Path], words: str) -> tuple[Path, bool]:
        path = next(p for p in files if p.name == "about-dit.po")
        store = pypo.pofile.parsefile(str(path))
        unit = next(u for u in store.units if u.getcontext() == "patterns.p1")
        unit.target, fuzzy = words, unit.isfuzzy()
        unit.markfuzzy(False)
        store.savefile(str(path))
        return path, fuzzy

    old_file, _ = translate(before_change, "DIT to terapia [depresji](glossary.md#depression). Także lęku.")
    run(content, [old_file])
    status = translations.status_of(content / "pl" / "about-dit.md", english, "pl", "about-dit.md", {})
    assert [p.key for p in status.stale_passages] == ["patterns.p1"]
    new_file, was_fuzzy = translate(after_change, "DIT to terapia [depresji](glossary.md#depression). Także zmartwień.")
    assert was_fuzzy, "a stale block is exported marked for review (fuzzy)"
    run(content, [new_file])
    status = translations.status_of(content / "pl" / "about-dit.md", english, "pl", "about-dit.md", {})
    assert not status.stale and status.counts["translated"] == len(page_blocks(english.read_text(encoding="utf-8")))
    # A stale unit returned as it was but no longer fuzzy: the translator confirmed it; stamped, unchanged.
    english.write_text(english.read_text(encoding="utf-8").replace("This includes worry.", "This includes worries."),
                       encoding="utf-8")
    text = (content / "pl" / "about-dit.md").read_text(encoding="utf-8")
    confirmed, _ = translate(export(content, ["pl"], tmp_path / "again"), "DIT to terapia [depresji](glossary.md#depression). Także zmartwień.")
    run(content, [confirmed])
    assert not translations.status_of(content / "pl" / "about-dit.md", english, "pl", "about-dit.md", {}).stale
    assert [line for line in (content / "pl" / "about-dit.md").read_text(encoding="utf-8").split("\n")
            if line not in text.split("\n")] == [f"    patterns.p1: {page_blocks(english.read_text(encoding='utf-8'))[4].hash}"]


def weblate_settings() -> dict:
    """The Weblate component settings docs/translating.md gives an admin to copy."""
    text = (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"### Weblate.*?```yaml\n(.*?)```", text, re.S).group(1))


def test_weblate_reads_the_po_files_unit_for_unit_as_the_english(exported):
    """docs/translating.md's Weblate configuration: component discovery's `match` finds one component
    per page with a file for each language, and translate-toolkit's pypo (the parser Weblate's PO
    format uses) reads each file's units in the English order, keyed by block, plurals with the
    language's forms; the placeholder flag matches every placeholder."""
    config = weblate_settings()
    assert config["file_format"] == "po" and config["base_file_template"] == ""
    found: dict[str, dict[str, Path]] = {}
    for path in exported.rglob("*"):
        match = re.fullmatch(config["match"], f"exchange/{path.relative_to(exported).as_posix()}")
        if match:
            found.setdefault(match["component"], {})[match["language"]] = path
    translated = {str(Path(p).with_suffix("")) for p in translations.pages(CONTENT, "pl")} | {"strings"}
    assert set(found) == translated and all(set(files) == set(TRANSLATED) for files in found.values())
    placeholder = re.search(r'placeholders:r"(.*)"', config["check_flags"]).group(1)
    for page in ("about-dit", "strings"):
        english = (page_blocks((CONTENT / "en" / f"{page}.md").read_text(encoding="utf-8")) if page != "strings"
                   else strings_blocks(yaml.safe_load((CONTENT / "en" / "strings.yml").read_text(encoding="utf-8"))))
        for lang, path in found[page].items():
            store = pypo.pofile.parsefile(str(path))
            units = [u for u in store.units if not u.isheader()]
            # translate-toolkit reads no Language with a script subtag (zh-Hans) and returns None; Weblate
            # takes the language from the path (`match` above), import from the header itself
            assert (store.gettargetlanguage() or store.parseheader()["Language"]) == lang
            assert [u.getcontext() for u in units] == [b.key for b in english]
            assert all(u.istranslated() for u in units)
            for unit, block in zip(units, english):
                assert str(unit.source) == (plural_forms(block.text)["one"] if unit.hasplural() else block.text)
                assert len(re.findall(placeholder, block.text)) == block.text.count("{{")


@pytest.mark.parametrize("page", ["about-dit.md", "get-help-now.md"])
def test_every_block_of_a_page_is_written_back_in_its_place_alone(page, tmp_path):
    """Each kind of block (title, description, heading, paragraph, list item, admonition title and
    body) takes new words at its place; every other block stays as it was."""
    original = (CONTENT / "pl" / page).read_text(encoding="utf-8")
    before = {b.key: b.text for b in page_blocks(original)}
    path = tmp_path / page
    for key, text in before.items():
        path.write_text(original, encoding="utf-8")
        write_page(path, {key: f"Nowe {text}"})
        after = {b.key: b.text for b in page_blocks(path.read_text(encoding="utf-8"))}
        assert {k for k in before if before[k] != after.get(k)} == {key} and set(after) == set(before), key
        assert normalise(after[key]) == normalise(f"Nowe {text}"), key


def test_exporting_the_same_content_again_writes_the_same_files(exported, tmp_path):
    """No export time in the files: a Weblate branch changes only where the content did."""
    again = export(CONTENT, ["pl"], tmp_path)
    assert [p.read_bytes() for p in again[:-1]] == [(exported / p.relative_to(tmp_path)).read_bytes() for p in again[:-1]]
