"""`make review-pack`: per language, a document a clinician or translator reads and signs on paper."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.inputs import signoffs, translations
from scripts.inputs.settings import ROOT
from scripts.system.system_packages import ensure_pdftotext
from scripts.tools import review_pack
from tests.conftest import soup
from tests.test_leaflet_text import SPACES_AND_BIDI_MARKS, poppler_reading


def soup_of(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def titles(lang: str) -> list[str]:
    return [translations.split((ROOT / "content" / lang / path).read_text(encoding="utf-8"))[0]["title"]
            for path in review_pack.nav_pages(ROOT)]


@pytest.fixture(scope="module")
def pack(site, tmp_path_factory) -> Path:
    """English and Arabic packs only: enough for both directions, and quick."""
    out = tmp_path_factory.mktemp("review-pack")
    subprocess.run([sys.executable, "-m", "scripts", "review-pack", "--site", str(site), "--out", str(out), "en", "ar"],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return out


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_pdf_holds_every_page_title_and_the_sign_off_table(pack, lang):
    text = subprocess.run([str(ensure_pdftotext()), "-enc", "UTF-8", str(pack / f"{lang}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for title in titles("en"):
        assert title in text, f"{lang}.pdf: no page '{title}'"
    for heading in ("Name", "Role", "Qualification", "Date", "Pages"):
        assert heading in text
    plain = SPACES_AND_BIDI_MARKS.sub("", text)
    for title in titles(lang):  # word by word: pdftotext orders a right-to-left title's brackets its own way
        for word in title.replace("(", " ").replace(")", " ").split():
            assert word in plain or poppler_reading(word) in plain, f"{lang}.pdf: no '{word}' of '{title}'"


def test_each_page_shows_its_dates_status_sources_and_space_to_write(pack):
    page = soup(pack / "ar.html").select_one("#page-about-dit")
    text = page.get_text(" ", strip=True)
    updated = re.search(r"^last_updated: (\S+)$", (ROOT / "content" / "ar" / "about-dit.md").read_text(encoding="utf-8"), re.M)
    for wanted in ("https://dit.example.org/ar/about-dit/", f"Last updated {updated.group(1)}", "Next review",
                   "Translation draft", "What changed since the last sign-off", "Not signed off before.",
                   "Your comments on this page"):
        assert wanted in text
    assert "Lemma A" in page.select_one("h2.part ~ ul").get_text(), "the page's sources are listed"
    assert len(page.select(".write .write__line")) == 6
    assert not page.select(".dit-translation, .dit-unchecked, .dit-page-info, .column a"), "the site's notes, footer and links stay out"


def test_a_translation_sits_beside_the_english_section_by_section(pack):
    document = soup(pack / "ar.html")
    pairs = document.select(".pair")
    assert len(pairs) >= 40
    for pair in pairs:
        english, arabic = pair.select(":scope > .column")
        assert english["lang"] == "en" and english["dir"] == "ltr"
        assert arabic["lang"] == "ar" and arabic["dir"] == "rtl"
        assert english["data-section"] == arabic["data-section"] == pair["data-section"]
        heading = english.find("h2"), arabic.find("h2")
        assert (heading[0] and heading[0]["id"]) == (heading[1] and heading[1]["id"]), "paired by heading id"
    assert not document.select(".missing"), "every English section has its Arabic one, and the other way"


def test_the_pack_shows_what_changed_since_the_last_sign_off(project):
    """In a repository with history: the lines changed in the page's source since the signed version."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", *args], cwd=project,
                              check=True, capture_output=True, text=True).stdout.strip()

    (project / "settings" / "reviewers.yml").write_text("test-reviewer:\n  name: Test Reviewer\n  role: Test role\n",
                                                        encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "signed version")
    signed = git("rev-parse", "--short=7", "HEAD")
    subprocess.run([sys.executable, "-m", "scripts", "sign-off", "--reviewer", "test-reviewer", "--date", "2026-11-02",
                    "--commit", f"2026.11.02-{signed}", "content/en/about-dit.md"], cwd=project, check=True)
    page = project / "content" / "en" / "about-dit.md"
    page.write_text(page.read_text(encoding="utf-8").replace("This includes the anxiety", "It includes the worry"),
                    encoding="utf-8")
    records = signoffs.load(project)
    reviewers = {"test-reviewer": {"name": "Test Reviewer"}}
    changed = soup_of(review_pack.changes_html(project, "en", "about-dit.md", records, reviewers))
    assert changed.p.get_text().startswith("Last signed off by Test Reviewer on 2026-11-02")
    removed, added = (item.get_text() for item in changed.select(".diff li"))
    assert removed.startswith("Removed: ") and "This includes the anxiety" in removed
    assert added.startswith("Added: ") and "It includes the worry" in added
    unchanged = review_pack.changes_html(project, "en", "questions.md", records, reviewers)
    assert unchanged == "<p>Not signed off before.</p>"
