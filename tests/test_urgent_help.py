"""Urgent help is data: every language's block on every page and its /get-help-now/ page name every UK
nation's route, composed from settings/urgent_help.yml and the language's own sentences."""
from __future__ import annotations

import html
import re

import pytest

from scripts.inputs import settings, urgent_help
from tests.conftest import page_path, soup
from tests.pages import PAGES
from tests.test_plurals import LANGUAGES, NON_LATIN, compose, latin_words, project_settings, strings

# Each nation's route and what works anywhere, as the reader's phone dials them. Three routes dial 111.
# Named here, not read from settings/urgent_help.yml, so dropping a nation there fails this test.
EVERY_NATION = [project_settings().phones[route].href for route in
                ("emergency", "nhs111_england", "nhs111_wales", "nhs24_scotland", "lifeline_ni", "samaritans")]
# Latin words an Arabic or Urdu sentence may hold on purpose: the sign over a hospital's emergency
# department, and the word a reader texts to Shout. Organisation names the build inserts in English
# are marked lang="en" and are left out by latin_words.
ALLOWED_LATIN = {"A&E", "SHOUT"}


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pages_urgent_help_names_every_uk_nations_route(site, lang):
    for address in PAGES:
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
        # The section's own text, not the English shown beside it (tests/test_urgent_text.py).
        body = next(tag for tag in heading.find_all_next(["p", "ul"])
                    if "dit-english" not in tag.get("class", []) and not tag.find_parent(class_="dit-english"))
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
    assert urgent_help.problems("pl", own, project_settings().urgent, project_settings().phones) == [
        "content/pl/strings.yml: key 'urgent.text' must name the routes settings/urgent_help.yml lists for 'pl' "
        "(emergency, lifeline_ni, nhs111_england, nhs111_wales, nhs24_scotland, samaritans): "
        "missing {{ phone:nhs111_wales }}"]


def test_every_language_sentences_match_the_settings():
    for lang in LANGUAGES:
        assert urgent_help.problems(lang, strings(lang), project_settings().urgent, project_settings().phones) == [], lang


def test_english_urgent_block_says_choose_the_mental_health_option_after_111(site):
    for address in PAGES:
        text = soup(page_path(site, address)).select_one("aside.dit-urgent").get_text(" ", strip=True)
        assert re.search(r"111 in Scotland, and choose the mental health option\.", text), f"/{address}: {text}"
        assert "Lifeline" in text, f"/{address}: Northern Ireland's route is named"


PART_TIME = [route for route, phone in project_settings().phones.items() if phone.hours]
SENTENCE_END = r"(?<=[.\u06d4])\s"  # a full stop (or Urdu's ۔) and the space after it


@pytest.mark.parametrize("lang", LANGUAGES)
def test_part_time_lines_show_their_own_hours_and_never_stand_beside_24_hours(site, lang):
    phones = project_settings().phones
    assert PART_TIME, "Breathing Space and the Samaritans Welsh-language line are not open 24 hours"
    shown = 0
    for address in ("", "get-help-now/"):
        page = soup(page_path(site, prefix(lang) + address))
        for route in PART_TIME:
            for link in page.select(f'a.dit-tel[href="{phones[route].href}"]'):
                # The sentence with the number and the sentences after it that give its hours (one, or
                # two where a language splits a long one, as Tamil does): its hours, never "24".
                holder = link.find_parent(["p", "li"])
                text = holder.get_text(" ", strip=True)
                after = text[text.index(link.get_text()):]
                hours_sentences = len(re.split(SENTENCE_END, phones[route].hours[lang]))
                nearby = " ".join(re.split(SENTENCE_END, after)[:1 + hours_sentences])
                assert phones[route].hours[lang] in nearby, f"/{prefix(lang)}{address}: {route} without its hours: {text}"
                assert "24" not in nearby.replace(link.get_text(), ""), f"/{prefix(lang)}{address}: {route} beside 24: {text}"
                shown += 1
    assert shown >= len(PART_TIME), f"{lang}: every part-time line is on /get-help-now/"


def test_a_part_time_line_beside_open_24_hours_or_without_its_hours_is_refused():
    phones = project_settings().phones
    ok = "Call {{ phone:breathing_space }}. {{ hours:breathing_space }}"
    assert urgent_help.part_time_problems(ok, phones, "x") == []
    for bad in ("Call {{ phone:breathing_space }}. It is open 24 hours.",
                "Call {{ phone:samaritans }} or {{ phone:samaritans_welsh }}. {{ hours:samaritans_welsh }}",
                "Call {{ phone:breathing_space }}. {{ hours:breathing_space }} Samaritans is open 24 hours."):
        assert urgent_help.part_time_problems(bad, phones, "content/en/strings.yml"), bad


def test_get_help_now_names_suicide_and_self_harm_calmly_at_the_top(site):
    article = soup(page_path(site, "get-help-now/")).select_one("article")
    first = article.h1.find_next("p")
    assert "If you are thinking about ending your life or harming yourself" in first.get_text(), first
    assert first.find_next("div", class_="admonition"), "the words come before everything else on the page"


def test_get_help_now_has_a_route_for_feeling_worse_but_not_in_danger(site):
    page = soup(page_path(site, "get-help-now/"))
    section = page.find(id="feel-worse")
    text = " ".join(p.get_text(" ", strip=True) for p in section.find_next_siblings("p", limit=2))
    assert "therapy service or your GP" in text and "not emergency services" in text, text


def test_get_help_now_offers_deaf_readers_999_bsl_emergency_sms_and_text_relay(site):
    page = soup(page_path(site, "get-help-now/"))
    text = page.select_one("article").get_text(" ", strip=True)
    hrefs = {a["href"] for a in page.select("article a.dit-tel")}
    assert "999 BSL" in text and "British Sign Language" in text
    assert "register your phone first" in text and "sms:999?body=register" in hrefs
    assert {"tel:18000", "tel:18001111"} <= hrefs
