"""The quality gates fail, naming the page and the problem, when a fixture plants a broken link, a
missing anchor, a long sentence, an image without alt text, or invalid HTML. Each runs through the
registry as the CLI and make run it; that each passes on the real site is tests/test_checks.py."""
from __future__ import annotations

import re
import shutil

import pytest

from scripts.checks import accessibility, readability, registry
from scripts.system.serve_static import serve
from tests.pages import ENGLISH_ONLY, LANGS, PAGES


@pytest.fixture
def planted(site, tmp_path):
    """A copy of the built site that a test may damage."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def plant(site, address: str, old: str, new: str) -> None:
    page = site / address / "index.html"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_page_is_scored_for_readability(site):
    pages = registry.content_pages(site)
    assert len(pages) == len(PAGES) * len(LANGS) + len(ENGLISH_ONLY)
    assert pages["/ur/phases/middle/"] == "ur" and pages["/phases/middle/"] == "en"


def test_link_check_names_a_planted_broken_link_and_missing_anchor(planted):
    plant(planted, "pl/about-dit", "</article>", '<a href="../no-such-page/">x</a><a href="../glossary/#no-such-term">y</a></article>')
    problems, _ = registry.run("links", planted, pages=["pl/about-dit/"])  # the planted page and what it links to
    text = "\n".join(problems)
    assert "/pl/about-dit/: /pl/no-such-page/ (404" in text
    assert "/pl/glossary/#no-such-term" in text and "anchor" in text.lower()


def test_link_check_names_planted_phone_links_that_would_not_connect(planted):
    for other in [*(code for code in LANGS[1:] if code != "pl"), "embed"]:  # a smaller site is enough here
        shutil.rmtree(planted / other)
    plant(planted, "pl/about-dit", "</article>",
          '<a href="tel:08001111">a</a><a href="tel:+44800111">b</a><a href="sms:12345">c</a></article>')
    problems, _ = registry.run("links", planted)
    text = "\n".join(problems)
    assert "/pl/about-dit/index.html: tel:08001111 (dials 08001111, not the one form +448001111)" in text
    assert "tel:+44800111 ('+44800111' is not a valid UK phone number" in text
    assert "sms:12345 (" in text


def test_readability_quotes_a_planted_long_sentence(planted):
    long = " ".join(["This sentence keeps going"] * 8) + "."
    plant(planted, "what-to-expect", "</article>", f"<p>{long}</p></article>")
    problems, report = registry.run("readability", planted)
    assert any(p.startswith("/what-to-expect/: sentence of 32 words") for p in problems)
    assert f'shorten (32 words): "{long}"' in report


def test_sentences_split_for_each_script():
    html = "<article><h2>Title</h2><p>ایک جملہ۔ دوسرا جملہ؟ Third one.</p><ul><li>item</li></ul>" \
           "<ul class='references'><li>Left out.</li></ul><ol aria-hidden='true'><li>1</li></ol></article>"
    assert readability.sentences(html) == ["Title", "ایک جملہ۔", "دوسرا جملہ؟", "Third one.", "item"]
    # Bengali ends a sentence with the dāṛi (।): without it a paragraph read as one long sentence.
    assert readability.sentences("<article><p>এখনই কথা বলুন। একা সামলাতে হবে না।</p></article>") == [
        "এখনই কথা বলুন।", "একা সামলাতে হবে না।"]


def test_accessibility_names_a_planted_image_without_alt_text_and_a_page_too_wide_for_a_phone(planted):
    for page in planted.rglob("*.html"):  # one page is enough here
        if page != planted / "index.html":
            page.unlink()
    plant(planted, "", "</article>", '<img src="assets/images/favicon.png" width="10" height="10">'
          '<pre>' + "x" * 400 + '</pre></article>')
    problems, _ = registry.run("a11y", planted)
    assert any(p.startswith("/ [desktop, light]: image-alt") for p in problems), problems
    assert any(p.startswith("/ [phone]: reflow: the page scrolls sideways") for p in problems), problems


def test_a_page_checked_for_layout_only_still_names_reflow_and_a_scroll_region_without_focus(planted):
    """Most pages of the stratified set are checked for layout only (scripts/checks/a11y_set.py,
    through the registry in tests/test_checks.py): what a longer translation can break is found there."""
    plant(planted, "pl/glossary", "</article>", '<pre>' + "x" * 400 + '</pre><div style="overflow: auto; '
          'height: 2em"><p>Raz</p><p>Dwa</p><p>Trzy</p></div></article>')
    with serve(planted) as base:
        report = accessibility.check(base, ["/pl/glossary/"], {}, layout_only=frozenset({"/pl/glossary/"}))
    assert report.runs == 2, "the layout rules, at phone and desktop widths"
    assert any(p.startswith("/pl/glossary/ [phone]: reflow: the page scrolls sideways") for p in report.violations), report.text()
    assert any(p.startswith("/pl/glossary/ [phone, light]: scrollable-region-focusable") for p in report.violations), report.text()


def test_accessibility_names_a_search_dialog_without_a_name(planted):
    """Material's search is a dialog; axe files a dialog without a name under best practice, and the
    gate runs that rule too (a screen reader would announce just "dialog")."""
    for page in planted.rglob("*.html"):  # two pages are enough here
        if page not in (planted / "index.html", planted / "ar" / "about-dit" / "index.html"):
            page.unlink()
    page = planted / "index.html"
    page.write_text(re.sub(r'(<div class="md-search" [^>]*?) aria-label="[^"]*"', r"\1",
                           page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    problems, _ = registry.run("a11y", planted)
    named = [p for p in problems if "aria-dialog-name" in p]
    assert named and all(p.startswith("/ [") for p in named), problems

def test_accessibility_names_text_cut_off_once_a_reader_spaces_it_out(planted):
    """WCAG 1.4.12: a one-line box that fits its words at the site's spacing cuts them off at the
    spacing a reader may set (letters 0.12 em apart, words 0.16 em)."""
    for page in planted.rglob("*.html"):  # one page is enough here
        if page != planted / "index.html":
            page.unlink()
    plant(planted, "", "</article>", '<p><span style="display: inline-block; width: 7.5em; white-space: nowrap; '
          'overflow: hidden">Need help now</span></p></article>')  # 6.7 em wide at the site's spacing
    problems, _ = registry.run("a11y", planted)
    spacing = sorted(p for p in problems if "text spacing" in p)
    assert [p.split("]")[0] for p in spacing] == ["/ [desktop", "/ [phone"], problems
    for problem in spacing:
        assert ']: text spacing: span "Need help now": text cut off (' in problem, problem


def test_html_check_names_a_planted_invalid_page(planted):
    plant(planted, "es/glossary", "</article>", "<p><div>mal</div></p></article>")
    problems, _ = registry.run("html", planted, pages=["es/glossary/", "es/about-dit/"])  # and one page left as built
    assert any(p.startswith("/es/glossary/index.html:") for p in problems), problems
    assert not any(p.startswith("/es/about-dit/") for p in problems), problems
