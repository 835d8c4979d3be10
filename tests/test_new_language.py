"""`python -m scripts new-language CODE`, run as a translator would, on a copy of the project."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale

from scripts.inputs import easy_read, settings, validate


def new_language(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "new-language", *args], cwd=project,
                          capture_output=True, text=True)


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def test_belarusian_gets_its_entry_files_and_a_report_on_script_plurals_and_search(project):
    # Belarusian: Cyrillic like Ukrainian (now a site language), with no lunr stemmer in Material
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    done = new_language(project, "be")
    assert done.returncode == 0, done.stderr
    name = Locale("be").get_display_name(Locale("be"))
    assert name == "беларуская"
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # exactly one entry more, the rest of the file (comments, order) as it was
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["        - locale: be", f"          name: {name}"]
    assert [line for line in after.splitlines() if line not in added] == before.splitlines()
    assert [(lang.code, lang.name) for lang in settings.languages(project)][-1] == ("be", name)
    for made in ("content/be/strings.yml", "docs/translating/be.md", "settings/termbase/be.tbx"):
        assert (project / made).exists(), made
    assert "Cyrillic" in done.stdout and "left-to-right" in done.stdout
    assert "plural categories: few, many, one, other" in done.stdout
    assert "search: whole words and their beginnings, unstemmed" in done.stdout
    style = (project / "docs" / "translating" / "be.md").read_text(encoding="utf-8")
    for heading in ("Register", "The reader", "Numbers and digits", "Dates", "Service names", "Interpreters",
                    "Draft changes"):
        assert f"\n## {heading}\n" in style


def test_hindi_is_told_that_no_page_font_names_its_script_and_tamil_that_one_does(project):
    hindi, tamil = new_language(project, "hi"), new_language(project, "ta")
    assert "page font: NONE: add a :lang(hi) stack" in hindi.stdout
    assert "page font: overrides/assets/site.css names faces for it" in tamil.stdout


def test_sindhi_is_reported_right_to_left_with_its_own_name(project):
    # Sindhi: Arabic script and right to left like Persian (now a site language), not planned for the site
    done = new_language(project, "sd", "--name", "سنڌي")
    assert done.returncode == 0, done.stderr
    assert "right-to-left" in done.stdout and "Arabic" in done.stdout
    assert ("sd", "سنڌي") in [(lang.code, lang.name) for lang in settings.languages(project)]


@pytest.mark.parametrize(("code", "problem"), [("xx-nope", "not a language CLDR knows"),
                                               ("pl", "already a language of the site")])
def test_an_unknown_or_configured_code_is_refused_and_nothing_is_written(project, code, problem):
    before = snapshot(project)
    done = new_language(project, code)
    assert done.returncode != 0
    assert f"'{code}' is {problem}" in done.stderr and "nothing was written" in done.stderr
    assert snapshot(project) == before


def test_with_the_english_pages_copied_in_the_new_language_passes_the_input_checks(project):
    assert new_language(project, "be").returncode == 0
    # As docs/translating.md tells a translator to start: the English pages (Easy Read is English only
    # until a language translates it, and then it joins the nav), to translate.
    for page in (project / "content" / "en").rglob("*.md"):
        if page.name == easy_read.SOURCE:
            continue
        target = project / "content" / "be" / page.relative_to(project / "content" / "en")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    assert validate.problems(project) == []
    terms = subprocess.run([sys.executable, "-m", "scripts", "check", "terms"], cwd=project,
                           capture_output=True, text=True)
    assert terms.returncode == 0, terms.stdout + terms.stderr
    entries = sorted((project / "settings" / "termbase").glob("*.tbx"))[0].read_text(encoding="utf-8").count("<termEntry ")
    assert f"be: {entries} terms ({entries} to fill)" in terms.stdout


@pytest.mark.parametrize("code, language, search_box", [("ps", "ps", "Search"), ("zh-Hant", "zh-Hant", "搜尋"),
                                                         ("zh-Hans", "zh-Hans", "搜索")])
def test_materials_interface_words_exist_for_the_new_code_as_its_templates_import_them(tmp_path, code, language, search_box):
    """Material's pages import partials/languages/<code>.html (theme.language is the code): Pashto, which
    Material lacks, gets its English words to translate; a code Material names otherwise gets its own."""
    import jinja2

    from scripts import build
    from scripts.tools import new_language as command
    project = build.copy_project(settings.ROOT, tmp_path / "project")
    if code != "zh-Hans":  # zh-Hans is a language of the site already: its words are the project's
        assert not (project / "overrides" / "partials" / "languages" / f"{code}.html").exists()
        command.add(code, project)
    material = Path(__import__("material").__file__).parent / "templates"
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader([project / "overrides", material]))
    words = templates.from_string('{% import "partials/languages/' + code + '.html" as w %}'
                                  '{{ w.t("language") }}|{{ w.t("search.placeholder") }}').render()
    assert words == f"{language}|{search_box}"
