"""Translation status, staleness, structural parity, and adding a language."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from scripts import build
from scripts.checks import registry
from scripts.inputs import translations
from scripts.inputs.segments import fingerprint, page_blocks
from scripts.inputs.settings import ROOT, languages
from tests import changes
from tests.conftest import page_path, soup
from tests.pages import PAGES

CONTENT = ROOT / "content"
TRANSLATED = [language.code for language in languages()][1:]
REVIEWERS = {"test-reviewer": {"name": "Test Reviewer", "role": "Translator"}}


def test_parity_names_the_file_and_what_differs(project):
    page = project / "content" / "pl" / "what-to-expect.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"\n## [^\n]*\{#interpreters\}\n", "\n", text)  # a dropped heading
    text = text.replace("{{ message:sessions_weekly }}", "Zwykle masz 16 sesji.", 1)  # a typed number instead of the setting
    page.write_text(text, encoding="utf-8")
    problems, report = registry.run("parity", root=project)
    found = "\n".join(problems)
    assert "content/pl/what-to-expect.md: headings differ" in found and "(2, 'interpreters')" in found
    assert "placeholders differ from the English: missing ['{{message:sessions_weekly}}']" in found
    assert "numbers the English does not have: ['16']" in found
    assert all(line.startswith("content/pl/what-to-expect.md: ") for line in problems), report


def test_parity_names_the_line_of_front_matter_it_cannot_read(project):
    # An unquoted colon in a translated description (found drafting Gujarati): YAML reads no fields.
    page = project / "content" / "pl" / "glossary.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^description: .*$", "description: Słowa: co znaczą", text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    problems, _ = registry.run("parity", root=project)
    assert problems == ["content/pl/glossary.md:3: front matter is not valid YAML (mapping values are not allowed here)"]


def test_a_stale_or_missing_translation_fails_the_translations_check(project):
    english = project / "content" / "en" / "glossary.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    (project / "content" / "cy" / "questions.md").unlink()
    problems, _ = registry.run("translations", root=project)
    stale = [f"content/{lang}/glossary.md: out of date with content/en/glossary.md: 1 missing (relay-uk.p2) "
             "(update them, then run `python -m scripts stamp`)" for lang in TRANSLATED]
    assert problems == [stale[0], "content/cy/questions.md: missing (translate content/en/questions.md)", *stale[1:]]


def _translated_pair(tmp_path, lang="pl", page="glossary.md"):
    (tmp_path / "en").mkdir()
    (tmp_path / lang).mkdir()
    english, translated = tmp_path / "en" / page, tmp_path / lang / page
    shutil.copy(CONTENT / "en" / page, english)
    shutil.copy(CONTENT / lang / page, translated)
    return english, translated


def _mark_reviewed(translated, reviewer="test-reviewer"):
    translations.mark_reviewed(translated, reviewer)
    meta, _ = translations.split(translated.read_text(encoding="utf-8"))
    assert meta["translation"]["status"] == "reviewed" and meta["translation"]["reviewer"] == reviewer


def _first_paragraph(path):
    """The first paragraph of a page's body (a line of its own in every page here)."""
    return next(b for b in page_blocks(path.read_text(encoding="utf-8")) if b.kind == "paragraph")


def _change_first_paragraph(path, words):
    paragraph = _first_paragraph(path)
    path.write_text(path.read_text(encoding="utf-8").replace(paragraph.text, words, 1), encoding="utf-8")
    return paragraph.key


def test_a_changed_english_paragraph_makes_its_block_stale_until_stamped(tmp_path):
    english, translated = _translated_pair(tmp_path)
    assert not translations.status_of(translated, english, "pl", "glossary.md", {}).stale
    key = _change_first_paragraph(english, "A changed first paragraph.")
    status = translations.status_of(translated, english, "pl", "glossary.md", {})
    assert status.stale and status.label == "draft, STALE" and [p.key for p in status.stale_passages] == [key]
    translations.stamp(translated, english)
    assert not translations.status_of(translated, english, "pl", "glossary.md", {}).stale


def test_stamping_changes_only_the_stamped_blocks_line(tmp_path):
    english, translated = _translated_pair(tmp_path, lang="cy")
    key = _change_first_paragraph(english, "A changed first paragraph.")
    text = translated.read_text(encoding="utf-8")
    # A comment, quotes and a long line must all survive the edit of the header.
    text = text.replace('reviewed_by: ""', 'reviewed_by: ""  # nobody yet', 1)
    translated.write_text(text, encoding="utf-8")
    assert translations.stamp(translated, english)
    before, after = text.splitlines(), translated.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after) and len(changed) == 1, changed
    assert changed[0][1] == f"    {key}: {_first_paragraph(english).hash}"
    assert not translations.stamp(translated, english), "stamping again changes nothing"


def test_stamping_a_strings_file_changes_only_the_stamped_entrys_line(tmp_path):
    english, translated = _translated_pair(tmp_path, lang="ar", page="strings.yml")
    english.write_text(english.read_text(encoding="utf-8").replace(
        "  more: Urgent help in every part of the UK", "  more: Urgent help across the UK"), encoding="utf-8")
    before = translated.read_text(encoding="utf-8").splitlines()
    assert translations.stamp(translated, english)
    after = translated.read_text(encoding="utf-8").splitlines()
    assert [(old, new) for old, new in zip(before, after) if old != new] == [
        (f"  urgent.more: {old_hash}", f"  urgent.more: {fingerprint('Urgent help across the UK')}")
        for old_hash in [fingerprint("Urgent help in every part of the UK")]]
    assert len(before) == len(after)


def test_stamping_one_block_leaves_the_others_stale(tmp_path):
    english, translated = _translated_pair(tmp_path)
    english.write_text(english.read_text(encoding="utf-8").replace("## Depression {#depression}", "## Low mood {#depression}"), encoding="utf-8")
    key = _change_first_paragraph(english, "A changed first paragraph.")
    translations.stamp(translated, english, [key])
    status = translations.status_of(translated, english, "pl", "glossary.md", {})
    assert [p.key for p in status.stale_passages] == ["depression.h"], "the heading changed in English"


def test_stamping_refuses_a_translation_whose_blocks_differ_from_the_english(tmp_path):
    english, translated = _translated_pair(tmp_path)
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"glossary.md: its blocks differ .*missing \['relay-uk.p2'\]"):
        translations.stamp(translated, english)


def test_a_reviewed_translation_whose_text_changes_goes_back_to_draft_block_by_block(tmp_path):
    english, translated = _translated_pair(tmp_path)
    _mark_reviewed(translated)
    status = translations.status_of(translated, english, "pl", "glossary.md", REVIEWERS)
    assert status.reviewed and status.counts["reviewed"] == status.counts["translated"]
    _change_first_paragraph(translated, "Zmiana.")
    status = translations.status_of(translated, english, "pl", "glossary.md", REVIEWERS)
    assert not status.reviewed and status.note == "changed since it was reviewed"
    assert status.counts["reviewed"] == status.counts["translated"] - 1, "only the changed block lost its review"


def test_a_reviewer_must_be_listed(tmp_path):
    english, translated = _translated_pair(tmp_path)
    _mark_reviewed(translated, reviewer="someone-else")
    status = translations.status_of(translated, english, "pl", "glossary.md", REVIEWERS)
    assert not status.reviewed and "not in settings/reviewers.yml" in status.note and status.counts["reviewed"] == 0


def test_pages_show_stale_and_reviewed_status(changed):
    # changes.a_reviewed_and_a_stale_translation: the Spanish glossary reviewed, the English questions changed
    site = changed.site
    stale = soup(page_path(site, "es/questions/")).select_one(".dit-translation")
    assert stale.select_one(".dit-translation__stale"), "the English changed, so the page says so"
    assert soup(page_path(site, "es/glossary/")).select_one(".dit-translation") is None, "reviewed, up to date"
    assert soup(page_path(site, "es/about-dit/")).select_one(".dit-translation__stale") is None


def test_status_table_counts_blocks_per_language_and_page(capsys):
    from scripts.cli import main
    assert main(["translations"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["lang", "page", "translated", "stale", "missing", "reviewed", "status"]
    for lang in TRANSLATED:
        mine = [row.split() for row in rows if row.startswith(f"{lang} ")]
        assert {row[1] for row in mine} == {*PAGES.values(), "strings.yml", "total"}
        assert all(row[3:6] == ["0", "0", "0"] and (row[1] == "total" or row[6] == "draft") for row in mine)
    assert main(["translations", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == TRANSLATED
    polish = data["pl"]["pages"]["about-dit.md"]
    assert polish["translated"] == len(page_blocks((CONTENT / "en" / "about-dit.md").read_text(encoding="utf-8")))
    assert polish["stale"] == polish["missing"] == polish["reviewed"] == 0 and polish["status"] == "draft"


def test_adding_a_language_takes_one_folder_one_config_entry_and_its_helpline_hours(project, tmp_path, changed):
    changes.add_french(project)  # its folder and its entry in mkdocs.yml
    with pytest.raises(build.BuildError, match=r"'breathing_space\.hours\.fr' is missing"):
        build.build(project, tmp_path / "refused")
    # changed.site: the same, with changes.give_french_helpline_hours (the Polish hours, copied).
    site = changed.site
    for address in PAGES:
        html = soup(page_path(site, f"fr/{address}"))
        assert html.html["lang"] == "fr" and html.body["dir"] == "ltr"
    switcher = {a["hreflang"] for a in soup(page_path(site, "about-dit/")).select(".md-select__link")}
    assert "fr" in switcher
    assert (site / "fr" / "404.html").exists() and (site / "fr" / "search" / "search_index.json").exists()


def test_a_paragraph_that_starts_with_two_placeholders_is_compared_too(tmp_path):
    """questions.md opens a paragraph with two messages; the check once read it as indented code,
    so a translation that dropped the rest of it, link and all, passed."""
    from scripts.checks.parity import differences
    english, kept, dropped = (tmp_path / name for name in ("en.md", "zh-Hans.md", "dropped.md"))
    english.write_text("{{ message:a }} {{ message:b }} Read more in [what to expect](what-to-expect.md).\n", encoding="utf-8")
    kept.write_text("{{ message:a }}{{ message:b }}详情请看[会发生什么](what-to-expect.md)。\n", encoding="utf-8")
    dropped.write_text("{{ message:a }} {{ message:b }}\n", encoding="utf-8")
    assert differences(english, kept, (0.1, 10)) == []
    found = "\n".join(differences(english, dropped, (0.1, 10)))
    assert "links differ from the English: missing ['what-to-expect.md']" in found, found
