"""The Easy Read version (/easy-read/): large text, a picture beside each point with an empty alt text
(the words beside it say what it shows), short sentences, linked from every full page and back, honest
that people with learning disabilities have not checked it yet, and printed as a leaflet that keeps
its words. Only English has it so far: the other languages link to the English one, marked so."""
from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest

from scripts import build
from scripts.checks import readability, registry
from scripts.inputs import easy_read, settings
from tests.conftest import page_path, shown_text, soup
from tests.pages import LANGS, PAGES
from tests.test_leaflet_text import assert_keeps_its_text

EASY_READ = easy_read.load()
POINT = 4 / 3  # CSS pixels in a point


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def resolve(page: str, href: str) -> str:
    """A link's address below the site root, with its anchor: 'easy-read/#sessions'."""
    url = urlsplit(urljoin(f"https://site/{page}", href))
    return url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else "")


def test_easy_read_page_shows_a_vendored_picture_beside_each_point_with_empty_alt(site):
    html = soup(page_path(site, "easy-read/"))
    assert shown_text(html.h1) == "DIT: Easy Read"
    pictures = html.select("article img.dit-picture")
    assert len(pictures) >= 20
    for image in pictures:
        assert image["alt"] == "", f"{image['src']}: the words beside a picture say what it shows"
        assert image.get("width") and image.get("height")
        assert (site / resolve("easy-read/", image["src"])).is_file(), image["src"]
        words = image.parent.get_text(" ", strip=True)
        assert len(words.split()) >= 3, f"{image['src']} stands without words beside it"


def test_only_the_pictures_the_page_uses_are_vendored_and_each_is_listed_with_its_meaning():
    folder = settings.ROOT / "overrides" / easy_read.PICTURES
    used = set(re.findall(r"\{\{\s*picture:([a-z0-9_]+)", (settings.ROOT / "content" / "en" / easy_read.SOURCE).read_text()))
    assert used == set(EASY_READ.pictures), "every listed picture is used, and every used one listed"
    assert {p.name for p in folder.iterdir()} == {p.file for p in EASY_READ.pictures.values()}
    assert all(p.meaning for p in EASY_READ.pictures.values())
    for picture in EASY_READ.pictures.values():
        assert (folder / picture.file).read_text().lstrip().startswith("<svg"), picture.file


@pytest.mark.parametrize("address", PAGES)
def test_every_full_page_links_to_its_part_of_the_easy_read_page(site, address):
    link = soup(page_path(site, address)).select_one("article .dit-easy-read-link a")
    section = EASY_READ.sections.get(address, "")
    assert resolve(address, link["href"]) == "easy-read/" + (f"#{section}" if section else "")
    if section:
        assert soup(page_path(site, "easy-read/")).find(id=section), f"#{section} is not on the Easy Read page"


def test_easy_read_page_links_back_to_the_full_information_section_by_section(site):
    html = soup(page_path(site, "easy-read/"))
    assert resolve("easy-read/", html.select_one(".dit-easy-read-link a")["href"]) == ""
    linked = {resolve("easy-read/", a["href"]) for a in html.select("article a[href]")}
    for address, section in EASY_READ.sections.items():
        if address != "phases/":  # the three parts link to each part's own page
            assert address in linked, f"the Easy Read section #{section} does not link to /{address}"


@pytest.mark.parametrize("lang", LANGS[1:])
def test_a_language_without_easy_read_links_to_the_english_one_and_says_so(site, lang):
    assert not (site / prefix(lang) / "easy-read").exists()
    strings = settings.load_strings(settings.ROOT / "content", lang)
    address = prefix(lang) + "what-to-expect/"
    paragraph = soup(page_path(site, address)).select_one("article .dit-easy-read-link")
    link = paragraph.a
    assert resolve(address, link["href"]) == "easy-read/#sessions"
    assert link["hreflang"] == "en"
    assert strings["easy_read"]["in_english"] in paragraph.get_text()


def test_english_easy_read_names_no_translation_that_does_not_exist(site):
    html = soup(page_path(site, "easy-read/"))
    alternates = {link["hreflang"]: link["href"] for link in html.select("link[hreflang]")}
    assert alternates == {"en": "https://dit.example.org/easy-read/", "x-default": "https://dit.example.org/easy-read/"}
    assert not html.select("meta[property='og:locale:alternate']")


def test_easy_read_says_people_with_learning_disabilities_have_not_checked_it(site):
    html = soup(page_path(site, "easy-read/"))
    notices = [shown_text(p) for p in html.select("article [role=note]")]
    assert "People with learning disabilities have not checked this Easy Read page yet." in notices
    assert "A doctor or therapist has not checked this page yet." in notices
    assert "OpenMoji" in shown_text(html.select_one(".dit-easy-read-info"))


def test_a_checking_groups_sign_off_replaces_the_notice_but_not_a_clinicians_check(project, tmp_path):
    (project / "settings" / "reviewers.yml").write_text(
        "easy-read-group:\n  name: Example Easy Read Group\n  role: Easy Read checking group\n"
        "  qualification: People with learning disabilities who check Easy Read\n  languages: [en]\n"
        "  checks: easy-read\n", encoding="utf-8")
    (project / "settings" / "signoffs.yml").write_text(
        "- reviewer: easy-read-group\n  language: en\n  date: 2026-11-30\n  commit: test\n  pages: [easy-read.md]\n",
        encoding="utf-8")
    site = build.build(project, tmp_path / "site", pdfs=False)
    html = soup(page_path(site, "easy-read/"))
    notices = [shown_text(p) for p in html.select("article [role=note]")]
    assert "People with learning disabilities have not checked this Easy Read page yet." not in notices
    assert "A doctor or therapist has not checked this page yet." in notices, "the group is not a clinician"
    assert "Checked for Easy Read by: Example Easy Read Group" in shown_text(html.select_one(".dit-easy-read-info"))
    leaflet = soup(site / "easy-read" / "leaflet" / "index.html")
    assert "learning disabilities" not in leaflet.get_text()


def test_easy_read_keeps_to_short_sentences_and_a_low_grade(site):
    html = page_path(site, "easy-read/").read_text(encoding="utf-8")
    config = settings.quality()["readability"]
    scored = readability.score("/easy-read/", "en", html, readability.limits_for("en", config, easy_read=True))
    assert scored.failures == [] and scored.long_sentences == [], scored.figures
    assert scored.figures["average sentence words"] <= 10
    assert scored.figures["longest sentence words"] <= 15
    assert scored.figures["Flesch-Kincaid grade"] <= 3
    assert readability.easy_read_problems(html) == []


def test_readability_names_planted_easy_read_faults(site, tmp_path):
    planted = shutil.copytree(site, tmp_path / "site")
    page = planted / "easy-read" / "index.html"
    sixteen = "You can talk to your therapist about this when you want to and they really listen."
    text = page.read_text(encoding="utf-8").replace(
        "</article>", f"<p>{sixteen}</p><p>This is <em>very</em> important.</p><p>PLEASE CALL US NOW.</p></article>", 1)
    page.write_text(text, encoding="utf-8")
    problems, report = registry.run("readability", planted)
    easy = [p for p in problems if p.startswith("/easy-read/")]
    assert f'/easy-read/: sentence of 16 words: "{sixteen}"' in easy, problems
    assert "/easy-read/: italics: <em>very</em>" in easy
    assert '/easy-read/: block capitals: "PLEASE CALL US NOW"' in easy
    assert not [p for p in problems if not p.startswith("/easy-read/")], "a 16-word sentence is fine on a full page"


@pytest.mark.parametrize("name", ["leaflet.pdf", "leaflet-large-print.pdf"])
def test_easy_read_leaflet_pdfs_keep_their_words(site, name):
    from tests.test_leaflet_addresses import pdf_texts
    html = soup(site / "easy-read" / "leaflet" / "index.html")
    assert html.title.get_text() == "DIT: Easy Read"
    assert html.select("img.dit-picture[alt='']") and not [i for i in html.select("img") if "dit.example.org" in i["src"]]
    assert_keeps_its_text(site / "easy-read" / name, "DIT: Easy Read")
    text = " ".join(pdf_texts(site / "easy-read" / name)["pdftotext"].split())
    for words in ("People with learning disabilities have not checked this Easy Read page yet.",
                  "You usually have 16 sessions, once a week.", "OpenMoji", "dit.example.org/easy-read"):
        assert words in text, words


def test_every_language_credits_the_pictures_on_about_this_information(site):
    for lang in LANGS:
        html = soup(page_path(site, prefix(lang) + "about-this-information/"))
        section = html.find(id="easy-read")
        assert section, lang
        links = {a["href"] for a in html.select("article a[href]")}
        assert {"https://openmoji.org/", "https://creativecommons.org/licenses/by-sa/4.0/"} <= links, lang


def test_easy_read_text_is_large_on_a_phone_and_at_least_14_point_in_print(page, base_url):
    page.goto(f"{base_url}easy-read/")
    point = "document.querySelector('.dit-easy-read > p:not([class])')"
    on_screen = page.evaluate(f"parseFloat(getComputedStyle({point}).fontSize)")
    full_page = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert on_screen / POINT >= 14 and on_screen > full_page * 1.2, f"{on_screen}px on a phone"
    page.emulate_media(media="print")
    printed = page.evaluate(f"parseFloat(getComputedStyle({point}).fontSize)")
    assert printed / POINT >= 14, f"{printed / POINT} pt in print"
    for html_class, least in (("", 14), ("large-print", 16)):
        page.goto(f"{base_url}easy-read/leaflet/")
        if html_class:
            page.evaluate("c => document.documentElement.classList.add(c)", html_class)
        size = page.evaluate(f"parseFloat(getComputedStyle({point}).fontSize)")
        assert size / POINT >= least, f"leaflet {html_class or 'normal'}: {size / POINT} pt"


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_the_picture_sits_before_the_words_and_mirrors_in_right_to_left(page, base_url, direction):
    page.goto(f"{base_url}easy-read/")
    page.evaluate("d => { document.documentElement.dir = d; document.body.dir = d; }", direction)
    boxes = page.evaluate("""() => { const p = document.querySelector('.dit-easy-read > p:not([class])');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), words = [];
        while (walker.nextNode()) { const range = document.createRange(); range.selectNodeContents(walker.currentNode);
          words.push(...[...range.getClientRects()].filter(r => r.width > 0)); }
        const img = p.querySelector('img').getBoundingClientRect();
        return {img: [img.left, img.right], words: [Math.min(...words.map(r => r.left)), Math.max(...words.map(r => r.right))]}; }""")
    if direction == "ltr":
        assert boxes["img"][1] <= boxes["words"][0] + 1, boxes
    else:
        assert boxes["img"][0] >= boxes["words"][1] - 1, boxes


def test_easy_read_first_visit_fits_the_budget_with_its_pictures_apart(page, base_url):
    from scripts.checks.page_weight import BUDGETS, EASY_READ_PICTURES, record, weigh, without_fonts
    files = record(page, lambda: page.goto(f"{base_url}easy-read/"))
    pictures = {url: body for url, body in files.items() if EASY_READ_PICTURES in url}
    size, requests = without_fonts(weigh({url: body for url, body in files.items() if url not in pictures}))
    limit, most = BUDGETS["first_visit"]
    assert size <= limit and requests <= most, f"easy-read/: {size / 1024:.1f} KB, {requests} requests"
    limit, most = BUDGETS["easy_read_pictures"]
    figures = weigh(pictures)
    assert 0 < figures["requests"] <= most and figures["gzip_total"] <= limit, figures
