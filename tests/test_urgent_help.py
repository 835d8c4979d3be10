"""Urgent help is data: every language's block on every page and its /get-help-now/ page name every UK
nation's route, composed from settings/urgent_help.yml and the language's own sentences."""
from __future__ import annotations

import html

import pytest

from scripts import settings, urgent_help
from tests.conftest import page_path, soup
from tests.test_plurals import LANGUAGES, NON_LATIN, compose, latin_words, project_settings, strings

# Each nation's route and what works anywhere, as the reader's phone dials them. Three routes dial 111.
EVERY_NATION = ["tel:999", "tel:111", "tel:111", "tel:111", "tel:+448088088000", "tel:116123"]
# Latin words an Arabic or Urdu sentence may hold on purpose: the sign over a hospital's emergency
# department, and the word a reader texts to Shout. Organisation names the build inserts in English
# are marked lang="en" and are left out by latin_words.
ALLOWED_LATIN = {"A&E", "SHOUT"}


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pages_urgent_help_names_every_uk_nations_route(site, lang):
    for address in ("", "what-to-expect/", "get-help-now/"):
        block = soup(page_path(site, prefix(lang) + address)).select_one("aside.dit-urgent")
        links = [a["href"] for a in block.select("a.dit-tel")]
        for href in set(EVERY_NATION):
            assert links.count(href) >= EVERY_NATION.count(href), f"/{prefix(lang)}{address}: {href} in {links}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_get_help_now_has_every_nations_section_with_its_routes(site, lang):
    page = soup(page_path(site, prefix(lang) + "get-help-now/"))
    phones = project_settings().phones
    for section, ids in project_settings().urgent.sections_for(lang):
        heading = page.find(id=urgent_help.anchor(section))
        assert heading is not None and heading.name == "h2", f"/{prefix(lang)}get-help-now/#{section}"
        assert heading.get_text(strip=True) == strings(lang)["urgent"]["sections"][section]
        body = heading.find_next(["p", "ul"])
        assert [a["href"] for a in body.select("a.dit-tel")] == [phones[i].href for i in ids], (lang, section)


def test_welsh_pages_name_nhs_111_wales_in_welsh_and_english_names_are_marked(site):
    block = soup(page_path(site, "cy/")).select_one("aside.dit-urgent")
    assert "GIG 111 Cymru" in block.get_text(" ", strip=True)
    assert block.select_one('span[lang="en"]').get_text() == "Lifeline"
    english = soup(page_path(site, "")).select_one("aside.dit-urgent")
    assert not english.select('span[lang="en"]'), "English names in English pages need no marking"


def test_clinic_nation_anchors_are_the_sections_ids():
    # Clinic builds link to #england, #wales, #scotland, #northern-ireland (hooks._clinic_details).
    assert [urgent_help.anchor(n) for n in settings.NATIONS] == ["england", "wales", "scotland", "northern-ireland"]


def composed_urgent_texts(lang: str):
    loaded = project_settings()
    yield compose(lang, html.escape(strings(lang)["urgent"]["text"]), loaded)
    yield compose(lang, "{{ urgent_routes }}", loaded)


@pytest.mark.parametrize("lang", NON_LATIN)
def test_no_latin_words_in_composed_urgent_help_of_a_non_latin_language(lang):
    found = set().union(*(latin_words(text) for text in composed_urgent_texts(lang))) - ALLOWED_LATIN
    assert not found, f"{lang}: Latin-script words in composed urgent help: {sorted(found)}"


def test_a_block_naming_another_route_with_the_same_digits_is_refused():
    own = dict(strings("pl"))
    own["urgent"] = {**own["urgent"], "text": own["urgent"]["text"].replace("phone:nhs111_wales", "phone:nhs111_england")}
    assert urgent_help.problems("pl", own, project_settings().urgent) == [
        "content/pl/strings.yml: key 'urgent.text' must name the routes settings/urgent_help.yml lists for 'pl' "
        "(emergency, lifeline_ni, nhs111_england, nhs111_wales, nhs24_scotland, samaritans): "
        "missing {{ phone:nhs111_wales }}"]


def test_every_language_sentences_match_the_settings():
    for lang in LANGUAGES:
        assert urgent_help.problems(lang, strings(lang), project_settings().urgent) == [], lang
