"""Every language: complete, labelled, linked to its siblings, with its own search index and 404 page."""
from __future__ import annotations

import json
import re
import string
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from scripts.inputs import digits
from scripts.inputs.settings import ROOT, languages, load_strings
from tests.conftest import page_path, shown_text, soup
from tests.pages import ENGLISH_ONLY, LANGS, PAGES, RIGHT_TO_LEFT

SITE_URL = "https://dit.example.org/"
TRANSLATED = LANGS[1:]


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def test_launch_languages_are_configured():
    # English first (the source); the six launch languages stay whatever languages join them.
    assert LANGS[0] == "en" and LANGS[:6] == ["en", "cy", "pl", "es", "ar", "ur"]
    assert {"ar", "ur"} <= set(RIGHT_TO_LEFT)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_in_every_language_with_lang_and_direction(site, lang):
    for address in PAGES:
        html = soup(page_path(site, prefix(lang) + address))
        assert html.html["lang"] == lang, f"/{prefix(lang)}{address}"
        assert html.body["dir"] == ("rtl" if lang in RIGHT_TO_LEFT else "ltr"), f"/{prefix(lang)}{address}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_translated_page_shows_english_text_in_its_place(site, lang):
    strings = load_strings(ROOT / "content", lang)
    for address in PAGES:
        english = soup(page_path(site, address))
        html = soup(page_path(site, prefix(lang) + address))
        assert html.h1.get_text(strip=True) != english.h1.get_text(strip=True)
        first = html.select_one("article p:not(.dit-translation p)")
        assert first.get_text(strip=True) != english.select_one("article p").get_text(strip=True)
        assert html.select_one("a.dit-help-link").get_text(strip=True) == strings["urgent"]["title"]
        assert html.select_one(".dit-page-info").get_text(" ", strip=True) != english.select_one(
            ".dit-page-info").get_text(" ", strip=True)
        nav = [a.get_text(strip=True) for a in html.select("nav.md-nav--primary a.md-nav__link")]
        english_nav = [a.get_text(strip=True) for a in english.select("nav.md-nav--primary a.md-nav__link")]
        assert len(nav) == len(english_nav) and nav != english_nav


@pytest.mark.parametrize("lang", LANGS)
def test_head_has_absolute_hreflang_for_every_language_and_x_default(site, lang):
    for address in ("", "phases/middle/"):
        html = soup(page_path(site, prefix(lang) + address))
        links = {l["hreflang"]: l["href"] for l in html.find_all("link", hreflang=True) if "alternate" in l["rel"]}
        expected = {code: f"{SITE_URL}{prefix(code)}{address}" for code in LANGS}
        assert links == {**expected, "x-default": f"{SITE_URL}{address}"}
        assert html.find("link", rel="canonical")["href"] == f"{SITE_URL}{prefix(lang)}{address}"


def test_sitemap_lists_every_page_with_its_alternates_and_x_default(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    locs = {u.find("s:loc", ns).text: u for u in urls}
    assert set(locs) == {f"{SITE_URL}{prefix(l)}{a}" for l in LANGS for a in PAGES} | {f"{SITE_URL}{a}" for a in ENGLISH_ONLY}
    for loc, url in locs.items():
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        address = re.sub(rf"^{SITE_URL}({'|'.join(TRANSLATED)})/", SITE_URL, loc)[len(SITE_URL):]
        languages = ["en"] if address in ENGLISH_ONLY else LANGS
        assert alternates == {**{c: f"{SITE_URL}{prefix(c)}{address}" for c in languages},
                              "x-default": f"{SITE_URL}{address}"}, loc


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_keeps_the_reader_on_the_same_page(site, lang):
    address = f"{prefix(lang)}phases/middle/"
    html = soup(page_path(site, address))
    switcher = {a["hreflang"]: (a.get_text(strip=True), a["href"], a.get("lang"))
                for a in html.select(".md-select__link")}
    names = {language.code: language.name for language in languages()}  # each in its own language (mkdocs.yml)
    for code in LANGS:
        name, href, spoken = switcher[code]
        assert name == names[code] and spoken == code
        assert urljoin(f"/{address}", href) == f"/{prefix(code)}phases/middle/"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_search_index(site, lang):
    index = json.loads((site / prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Material's search cuts Chinese into words with zero-width spaces (jieba), titles too
    titles = {doc["title"].replace("\u200b", "") for doc in index["docs"] if "#" not in doc["location"]}
    own_titles = {shown_text(soup(page_path(site, prefix(lang) + a)).h1)
                  for a in [*PAGES, *(ENGLISH_ONLY if lang == "en" else [])]}
    assert titles == own_titles
    for doc in index["docs"]:
        assert not doc["location"].startswith(tuple(f"{code}/" for code in TRANSLATED))
    html = soup(page_path(site, prefix(lang) + "about-dit/"))
    config = json.loads(html.find("script", id="__config").string)
    assert urljoin(f"https://x/{prefix(lang)}about-dit/", config["base"]) == f"https://x/{prefix(lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_404_page_that_offers_every_language(site, lang):
    html = soup(site / prefix(lang) / "404.html")
    assert html.html["lang"] == lang
    assert html.h1.get_text(strip=True) == load_strings(ROOT / "content", lang)["not_found"]["title"]
    offered = {li["lang"]: li.a["href"] for li in html.select("ul.dit-languages li")}
    assert offered == {code: f"/{prefix(code)}" for code in LANGS}
    assert html.select_one("aside.dit-urgent a[href^='tel:999']")


def test_root_404_is_the_source_language(site):
    assert soup(site / "404.html").html["lang"] == "en"


def test_welsh_urgent_help_leads_with_wales(site):
    page = soup(page_path(site, "cy/get-help-now/"))
    assert page.select("article h2")[0]["id"] == "wales"
    anywhere = page.find(id="anywhere-uk").find_next("ul")
    assert anywhere.select_one("a.dit-tel")["href"] == "tel:+448081640123", "Samaritans in Welsh first"
    urgent = [a["href"] for a in page.select("aside.dit-urgent a.dit-tel")]
    assert urgent[:2] == ["tel:999", "tel:111"] and "tel:+448081640123" in urgent


@pytest.mark.parametrize("lang", TRANSLATED)
def test_draft_translation_says_so_at_the_top_with_a_link_to_english(site, lang):
    strings = load_strings(ROOT / "content", lang)
    html = soup(page_path(site, f"{lang}/what-to-expect/"))
    note = html.select_one("article .dit-translation")
    assert note is not None and note.find_next("h1"), "the note comes before the heading"
    assert strings["translation"]["draft"].strip() in note.get_text(" ", strip=True)
    link = note.find("a", hreflang="en")
    assert urljoin(f"/{lang}/what-to-expect/", link["href"]) == "/what-to-expect/"


def test_english_pages_carry_no_translation_note(site):
    for address in PAGES:
        assert soup(page_path(site, address)).select_one(".dit-translation") is None


@pytest.mark.parametrize("lang", LANGS)
def test_site_name_and_colour_toggle_speak_the_pages_language(site, lang):
    strings = load_strings(ROOT / "content", lang)
    html = soup(page_path(site, prefix(lang) + "phases/"))
    assert html.title.get_text().endswith(f" - {strings['site_name']}")
    assert html.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == strings["site_name"]
    labels = {toggle["aria-label"] for toggle in html.select("form.md-header__option input[aria-label]")}
    assert labels == {strings["palette"]["dark_mode"], strings["palette"]["light_mode"]}


def test_urdu_pages_and_only_urdu_pages_load_the_urdu_font(site):
    from scripts.tools import fonts
    for lang in LANGS:
        html = soup(page_path(site, prefix(lang) + "about-dit/"))
        sheets = [l["href"] for l in html.find_all("link", rel="stylesheet")]
        assert any(s.endswith("assets/fonts/ur.css") for s in sheets) == (lang == "ur"), lang
    assert (site / "assets" / "fonts" / fonts.OUTPUT.name).exists()


def _platform_fonts(context, tab, selector: str) -> list[str]:
    """The fonts Chromium really drew an element's text with, most glyphs first (DevTools protocol)."""
    cdp = context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [f["postScriptName"] for f in sorted(fonts, key=lambda f: -f["glyphCount"])]


@pytest.mark.parametrize("device_has_nastaliq", [True, False])
def test_urdu_text_is_drawn_in_the_readers_nastaliq_else_in_the_small_web_font(browser, base_url, device_has_nastaliq):
    from scripts.tools import fonts
    context = browser.new_context()
    if not device_has_nastaliq:  # as on a device without a Nastaliq font: the stack holds only the web font
        def web_font_only(route):
            css = route.fetch().text()
            route.fulfill(body=re.sub(r"--md-text-font:[^;]*;", '--md-text-font: "DIT Urdu";', css), content_type="text/css")
        context.route("**/fonts/ur.css", web_font_only)
    tab = context.new_page()
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(f"{base_url}ur/about-dit/", wait_until="networkidle")
    drawn = _platform_fonts(context, tab, "article p")
    downloaded = [url for url in requested if url.endswith(".woff2")]
    if device_has_nastaliq:
        assert drawn[0] == "NotoNastaliqUrdu-Regular", drawn  # regular, not fontconfig's bold pick
        assert downloaded == [], "a reader who has a Nastaliq font downloads nothing"
    else:
        assert drawn[0].startswith("NotoNaskhArabic"), drawn
        assert [url.rsplit("/", 1)[1] for url in downloaded] == [fonts.OUTPUT.name]
    context.close()


# A phrase in each script the site has or is about to have, for the system-font stacks of site.css.
# Both Chinese phrases are the same characters: only the language chooses their glyphs.
SCRIPT_SAMPLES = {"bn": "বাংলা লেখা", "pa": "ਪੰਜਾਬੀ ਲਿਖਤ", "gu": "ગુજરાતી લખાણ", "ta": "தமிழ் எழுத்து",
                  "fa": "نوشتار فارسی", "ps": "پښتو ليکنه", "ckb": "نووسینی کوردی", "uk": "Українська мова",
                  "zh-Hans": "直角", "zh-Hant": "直角"}


def test_each_script_is_drawn_in_its_own_system_face_and_downloads_nothing(site, browser, base_url):
    """site.css's :lang() stacks on this machine (Debian's Noto, as a Linux or Android reader has them):
    the languages of the site in their pages, the coming ones in phrases marked with their language."""
    from tests.faces import letters_and_faces
    context = browser.new_context()
    tab = context.new_page()
    downloaded = []
    tab.on("request", lambda request: downloaded.append(request.url) if "/fonts/" in request.url else None)
    for lang in LANGS:
        if lang == "ur":  # its own font, tested above
            continue
        tab.goto(f"{base_url}{prefix(lang)}about-dit/")
        drawn = _platform_fonts(context, tab, "article p")
        assert drawn[0].startswith(letters_and_faces(lang)[1]), f"{lang}: {drawn}"
    tab.goto(f"{base_url}about-dit/")
    tab.evaluate("""samples => { const article = document.querySelector("article");
        for (const [lang, text] of Object.entries(samples)) {
          const p = document.createElement("p"); p.lang = lang; p.id = `sample-${lang}`; p.textContent = text; article.append(p);
        } }""", SCRIPT_SAMPLES)
    for lang in SCRIPT_SAMPLES:
        drawn = _platform_fonts(context, tab, f"#sample-{lang}")
        assert drawn[0].startswith(letters_and_faces(lang)[1]), f"{lang}: {drawn}"
    assert downloaded == [], "a page in a script with system fonts downloads none"
    context.close()


def test_english_words_on_urdu_pages_do_not_pull_in_the_web_font():
    """unicode-range covers every character of the subset and no Latin letter."""
    from fontTools.ttLib import TTFont

    from scripts.tools import fonts
    css = (fonts.OUTPUT.parent / "ur.css").read_text(encoding="utf-8")
    face = next(f for f in re.findall(r"@font-face\s*{([^}]*)}", css) if fonts.OUTPUT.name in f)
    ranges = [[int(n, 16) for n in r.split("-")] for r in re.findall(r"U\+([0-9A-Fa-f]+(?:-[0-9A-Fa-f]+)?)", face)]
    covered = lambda code: any(r[0] <= code <= r[-1] for r in ranges)  # noqa: E731
    assert [hex(c) for c in TTFont(str(fonts.OUTPUT)).getBestCmap() if not covered(c)] == []
    assert [c for c in string.ascii_letters if covered(ord(c))] == []


def test_urdu_font_subset_holds_every_character_the_urdu_pages_use():
    from scripts.tools import fonts
    assert fonts.missing_characters() == set(), "run `python -m scripts fonts` after changing Urdu text"


ARABIC_SCRIPT = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
NOT_TEXT = {"script", "style", "code", "textarea", "option", "svg"}  # no room for an isolate, or not prose


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_every_latin_word_in_right_to_left_pages_is_isolated_and_marked_english(site, lang):
    """Each Latin-script word a reader sees in an Arabic or Urdu page (article, urgent help, page
    info; also the embed page and the JSON document made from it) sits in an isolate of its own,
    without the Arabic-script text around it, and is marked English (WCAG 3.1.2); a web or email
    address needs no language."""
    def check(html, where):
        for node in html.find_all(string=re.compile("[A-Za-z]")):
            if node.find_parent(NOT_TEXT) or type(node).__name__ != "NavigableString":
                continue
            isolate = node.find_parent(lambda tag: tag.name == "bdi" or tag.has_attr("dir"))
            assert isolate and not ARABIC_SCRIPT.search(isolate.get_text()), f"{where}: '{node.strip()}' is not isolated"
            language = node.find_parent(lambda tag: tag.has_attr("lang"))
            if not re.search(r"://|@|^\s*www\.", node):
                assert language and language["lang"] == "en", f"{where}: '{node.strip()}' is not marked English"

    for address in PAGES:
        for url in (f"{lang}/{address}", f"{lang}/embed/{address}"):
            html = soup(page_path(site, url))
            for region in html.select("article, aside.dit-urgent, main.dit-embed"):
                check(region, f"/{url}")
        document = json.loads((site / "api" / "v1" / "pages" / lang / f"{address.strip('/') or 'index'}.json").read_text())
        check(BeautifulSoup(document["article_html"], "html.parser"), f"api/v1/pages/{lang}/{address}")


# A language whose pages write numbers in its own digits (strings.yml `digits: native`): CSS's counter
# style for each CLDR numbering system such a language may use.
COUNTER_STYLES = {"arabext": "persian", "beng": "bengali", "arab": "arabic-indic", "deva": "devanagari",
                  "guru": "gurmukhi", "gujr": "gujarati", "tamldec": "tamil"}
NATIVE_DIGITS = [code for code in LANGS if load_strings(ROOT / "content", code).get("digits") == "native"]


@pytest.mark.parametrize("lang", NATIVE_DIGITS)
def test_a_language_with_its_own_digits_uses_them_for_dates_counts_and_lists_and_0_9_for_phone_numbers(page, base_url, lang):
    strings = load_strings(ROOT / "content", lang)
    page.goto(f"{base_url}{lang}/")
    dates = page.locator("time").all_inner_texts()
    # A count is a number alone in its <bdi> (others isolate Latin names such as "NHS 111").
    counts = [n for n in page.locator("article bdi").all_inner_texts() if re.fullmatch(r"\d+", n)]
    assert dates and counts
    for shown in dates + counts:
        assert not re.search("[0-9]", shown), f"/{lang}/ shows {shown!r}"
    style = COUNTER_STYLES[digits.system(lang, strings)]
    markers = page.eval_on_selector_all("article ol:not([aria-hidden]) > li", "items => items.map(li => getComputedStyle(li).listStyleType)")
    assert markers and set(markers) == {style}, f"/{lang}/ numbers its lists {set(markers)}, not {style}"
    page.goto(f"{base_url}{lang}/get-help-now/")
    numbers = page.locator("a.dit-tel").all_inner_texts()
    assert numbers and all(re.fullmatch(r"[0-9 ]+", n) for n in numbers), numbers
