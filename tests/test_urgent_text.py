"""Urgent text stays safe in every language (docs/safety.md, H2): until a qualified translator signs a
language's urgent text, its urgent-help block and /get-help-now/ show the English beside the
translation (marked English, each number a link once); a stale translation shows the English
instead; a signed one stands alone. Every language keeps the interpreter lines and ASCII digits."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from scripts.checks import registry
from scripts.inputs import translations, urgent_text
from scripts.inputs.settings import ROOT
from tests import changes
from tests.conftest import page_path, shown_text, soup
from tests.pages import LANGS
from tests.test_plurals import strings

TRANSLATED = LANGS[1:]
ENGLISH_FIRST_WORDS = "If your life is at risk, call 999 or go to A&E."


def english_beside(tag):
    """The English shown beside the translation in `tag`: its lang="en" parts."""
    return tag.select(".dit-english > [lang='en'], .dit-english[lang='en']")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_an_unsigned_languages_urgent_block_shows_the_english_beside_it_on_every_kind_of_page(site, lang):
    label = strings(lang)["urgent"]["in_english"]
    for page in (f"{lang}/about-dit/index.html", f"{lang}/get-help-now/index.html", f"{lang}/404.html",
                 f"{lang}/offline/index.html", f"{lang}/embed/about-dit/index.html", f"{lang}/leaflet/index.html"):
        block = soup(site / page).select_one("aside.dit-urgent")
        own, english = block.select_one("h2 + p"), block.select_one(".dit-english")
        assert own.get("lang") is None and "999" in own.get_text(), f"/{page}: the translation comes first"
        assert english is not None, f"/{page}: no English beside the urgent help"
        assert english.select_one(".dit-english__label").get_text() == label
        text = english.select_one("[lang='en'][dir='ltr']")
        assert shown_text(text).startswith(ENGLISH_FIRST_WORDS), f"/{page}: {shown_text(text)}"
        # Each number is a link once, in the reader's language: the English shows it as text.
        assert not text.select("a.dit-tel") and text.select("span.dit-tel-text[dir='ltr']")


def test_english_pages_show_no_english_beside(site):
    for page in ("index.html", "get-help-now/index.html", "404.html", "embed/about-dit/index.html"):
        assert not soup(site / page).select(".dit-english"), page


@pytest.mark.parametrize("lang", TRANSLATED)
def test_get_help_now_in_an_unsigned_language_follows_each_block_with_its_english(site, lang):
    article = soup(page_path(site, f"{lang}/get-help-now/")).select_one("article")
    english = soup(page_path(site, "get-help-now/")).select_one("article")
    beside = " ".join(shown_text(part) for part in english_beside(article))
    for line in ("Call 999 now, or go to A&E. This includes your own life.",
                 "If you call 999 or NHS 111, ask for an interpreter. They can arrange one.",
                 "Samaritans and Shout cannot arrange an interpreter."):
        assert line in beside, f"/{lang}/get-help-now/: no English '{line}' beside the translation"
    danger = article.select_one(".admonition.danger")
    assert danger.select_one("a.dit-tel[href='tel:999']") and english_beside(danger), "the box keeps both, 999 linked"
    # Every number the English page links is linked once here too, in the reader's language.
    assert sorted(a["href"] for a in article.select("a.dit-tel")) == sorted(a["href"] for a in english.select("a.dit-tel"))
    # Each heading's English is its own (Welsh puts Wales first).
    wales = article.find(id="wales").find_next_sibling()
    assert wales["lang"] == "en" and wales.get_text() == "Wales"
    assert not any(part.select("a.dit-tel") for part in english_beside(article))


def test_a_language_a_qualified_translator_signed_shows_only_its_translation(changed):
    lang = changes.SIGNED_LANGUAGE
    for page in (f"{lang}/about-dit/index.html", f"{lang}/get-help-now/index.html", f"{lang}/404.html"):
        assert not soup(changed.site / page).select(".dit-english"), f"/{page} shows English though signed"
    article = soup(page_path(changed.site, f"{lang}/get-help-now/")).select_one("article")
    assert "Call 999 now" not in article.get_text() and article.select_one("a.dit-tel[href='tel:999']")


def test_a_stale_urgent_translation_shows_the_english_instead(changed):
    lang = changes.STALE_LANGUAGE
    block = soup(page_path(changed.site, f"{lang}/about-dit/")).select_one("aside.dit-urgent")
    own = block.select_one("h2 + p")
    assert own["lang"] == "en" and own["dir"] == "ltr" and shown_text(own).startswith(ENGLISH_FIRST_WORDS)
    assert own.select_one("a.dit-tel[href='tel:999']"), "the English is the text now: its numbers are links"
    assert not block.select(".dit-english"), "no translation to stand beside"
    article = soup(page_path(changed.site, f"{lang}/get-help-now/")).select_one("article")
    danger = article.select_one(".admonition.danger")
    assert danger["lang"] == "en" and "Call 999 now" in danger.get_text() and danger.select_one("a.dit-tel")
    # The reader's language keeps the page's frame: its status notice says the English changed.
    assert article.select_one(".dit-translation__stale")


def test_an_unsigned_urdu_page_on_a_phone_shows_the_english_and_a_tappable_999(page, base_url):
    page.goto(f"{base_url}/ur/about-dit/")
    english = page.locator("aside.dit-urgent .dit-english [lang='en']")
    english.scroll_into_view_if_needed()
    expect(english).to_be_visible()
    expect(english).to_have_attribute("dir", "ltr")
    expect(english).to_contain_text("If your life is at risk")
    box = english.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the English fits the phone's width: {box}"
    link = page.locator("aside.dit-urgent a.dit-tel[href='tel:999']")
    expect(link).to_have_count(1)
    link.scroll_into_view_if_needed()
    middle = link.bounding_box()
    # Nothing covers it: the element at its middle is the link itself.
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
                        [middle["x"] + middle["width"] / 2, middle["y"] + middle["height"] / 2])
    assert hit == "tel:999"


def test_only_a_reviewer_qualified_to_translate_into_the_language_signs_it(tmp_path):
    docs = tmp_path / "content"
    for lang in ("en", "ur"):
        (docs / lang).mkdir(parents=True)
        for name in (urgent_text.HELP_PAGE, translations.STRINGS):  # the page, and the block's sentences
            shutil.copy(ROOT / "content" / lang / name, docs / lang / name)
    translations.mark_reviewed(docs / "ur" / urgent_text.HELP_PAGE, "someone")
    clinician = {"someone": {"name": "A", "role": "Clinician", "languages": ["ur"]}}
    translator = {"someone": {"name": "A", "role": "Translator", "translates": ["ur"]}}
    assert urgent_text.english_needed("ur", "page", docs, clinician) == urgent_text.BESIDE
    assert urgent_text.english_needed("ur", "block", docs, translator) == urgent_text.ALONE
    assert urgent_text.english_needed("en", "page", docs, translator) is None


def test_the_urgent_text_check_names_file_and_line_of_a_dropped_interpreter_line_or_other_digits(tmp_path):
    for part in ("content", "settings"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    arabic = tmp_path / "content" / "ar" / "get-help-now.md"
    lines = arabic.read_text(encoding="utf-8").splitlines()
    dropped = next(i for i, line in enumerate(lines) if "Samaritans" in line and "Shout" in line)
    heading = next(i for i, line in enumerate(lines) if "{#interpreter}" in line)
    del lines[dropped]
    lines.append("- اتصل بالرقم ١١١.")
    arabic.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems, report = registry.run("urgent-text", root=tmp_path)
    assert problems == [
        f"content/ar/get-help-now.md:{heading + 1}: the interpreter section has no line saying that Samaritans and "
        "Shout cannot arrange an interpreter (one line for samaritans, shout, apart from emergency, nhs111_england; "
        "settings/urgent_help.yml, interpreter)",
        f"content/ar/get-help-now.md:{len(lines)}: '١١١' is written in Arabic-Indic digits: write numbers in ASCII "
        "digits (0-9), as phone links dial them and callers read them out"], report


def test_a_stale_urgent_string_puts_the_english_instead_in_an_unsigned_and_a_signed_language(tmp_path):
    docs = tmp_path / "content"
    for lang in ("en", "pl"):
        (docs / lang).mkdir(parents=True)
        for name in (urgent_text.HELP_PAGE, translations.STRINGS):
            shutil.copy(ROOT / "content" / lang / name, docs / lang / name)
    translator = {"someone": {"name": "A", "role": "Translator", "translates": ["pl"]}}
    translations.mark_reviewed(docs / "pl" / urgent_text.HELP_PAGE, "someone")
    assert urgent_text.english_needed("pl", "block", docs, translator) == urgent_text.ALONE
    english = docs / "en" / translations.STRINGS
    english.write_text(english.read_text(encoding="utf-8").replace("or go to A&E.", "or go to A&E now.", 1), encoding="utf-8")
    assert "A&E now." in english.read_text(encoding="utf-8"), "the English urgent text changed"
    assert urgent_text.english_needed("pl", "block", docs, translator) == urgent_text.INSTEAD
    assert urgent_text.english_needed("pl", "page", docs, {}) == urgent_text.INSTEAD
