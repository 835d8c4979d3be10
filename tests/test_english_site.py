"""The English site: every page, and what every page must show."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from scripts.inputs.settings import ROOT, load
from tests import changes
from tests.conftest import page_path, soup
from tests.pages import PAGES

CONTENT = ROOT / "content" / "en"


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("source", PAGES.values())
def test_every_page_has_title_description_and_review_dates(source):
    meta = front_matter(CONTENT / source)
    assert meta["title"].strip() and meta["description"].strip()
    assert isinstance(meta["last_updated"], dt.date) and isinstance(meta["next_review"], dt.date)
    assert 0 < (meta["next_review"] - meta["last_updated"]).days <= 366, "review due within 12 months"
    assert "reviewed_by" in meta


@pytest.mark.parametrize("address", PAGES)
def test_every_page_is_built_with_its_title(site, address):
    html = soup(page_path(site, address))
    meta = front_matter(CONTENT / PAGES[address])
    assert html.h1.get_text(strip=True) == meta["title"]
    assert html.find("meta", attrs={"name": "description"})["content"] == meta["description"]


@pytest.mark.parametrize("address", PAGES)
def test_every_page_shows_urgent_help_dates_checked_by_publisher_and_feedback(site, address):
    html = soup(page_path(site, address))
    help_link = html.select_one("header a.dit-help-link")
    assert help_link and help_link.get_text(strip=True) == "Need help now?"
    assert urljoin(f"/{address}", help_link["href"]) == "/get-help-now/"
    urgent = html.select_one("aside.dit-urgent")
    assert urgent and "Need help now?" in urgent.get_text()
    assert urgent.select_one('a[href^="tel:999"]'), "the urgent block offers 999 as a link"
    assert urljoin(f"/{address}", urgent.select_one("a.dit-urgent__more")["href"]) == "/get-help-now/"
    info = html.select_one("footer.dit-page-info").get_text(" ", strip=True)
    assert re.search(r"Page last updated: \d{1,2} \w+ 20\d\d", info)
    assert re.search(r"Next review due: \d{1,2} \w+ 20\d\d", info)
    if not front_matter(CONTENT / PAGES[address])["reviewed_by"]:
        assert "Not yet checked by a clinician." in info, "an unsigned page says so in its footer too"
    assert "Published by: The DIT patient information project" in info
    assert html.select_one("footer.dit-page-info a[href^='mailto:']")


@pytest.mark.parametrize("address", PAGES)
def test_a_page_no_clinician_has_checked_says_so_at_the_top(site, address):
    html = soup(page_path(site, address))
    notice = html.select_one("p.dit-unchecked")
    if front_matter(CONTENT / PAGES[address])["reviewed_by"]:
        assert notice is None, "a page a named clinician has checked drops the notice"
        return
    assert notice and notice.get_text(strip=True) == "A doctor or therapist has not checked this page yet."
    assert notice.find_next("h1") is html.select_one("article h1"), "the notice comes before the page's heading"


def test_urgent_help_page_offers_every_number_as_a_tappable_link(site):
    html = soup(page_path(site, "get-help-now/"))
    hrefs = {a["href"] for a in html.select("article a[href]")}
    for phone in load().phones.values():
        assert phone.href in hrefs, f"{phone.organisation} ({phone.display}) is not a working link"
    shout = html.select_one('a[href^="sms:"]')
    assert shout["href"] == "sms:85258?body=SHOUT"


def test_phone_links_keep_left_to_right_digit_order(site):
    html = soup(page_path(site, "get-help-now/"))
    for link in html.select("a.dit-tel"):
        assert link.get("dir") == "ltr"


def test_phases_page_has_a_text_timeline_of_every_session(site):
    html = soup(page_path(site, "phases/"))
    timeline = html.select_one("ol.dit-timeline")
    phases = timeline.select("li.dit-timeline__phase")
    assert [p.strong.get_text() for p in phases] == ["Beginning", "Middle", "Ending"]
    sessions = [int(li.get_text()) for li in timeline.select(".dit-timeline__sessions li")]
    assert sessions == list(range(1, 17))
    assert "sessions 5 to 12" in phases[1].get_text(" ", strip=True).replace("  ", " ")


def test_no_placeholder_is_left_unfilled(site):
    for page in site.rglob("*.html"):
        assert "{{" not in page.read_text(encoding="utf-8"), f"{page} shows a raw placeholder"


def test_no_page_loads_anything_from_another_host(site):
    own_host = urlsplit("https://dit.example.org/").netloc
    for page in site.rglob("*.html"):
        html = soup(page)
        loads = [t.get("src") for t in html.find_all(["script", "img", "iframe", "source"])]
        loads += [t.get("href") for t in html.find_all("link", rel=re.compile("stylesheet|preload|icon|preconnect"))]
        for url in filter(None, loads):
            host = urlsplit(url).netloc
            assert host in ("", own_host), f"{page.relative_to(site)} loads {url}"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)(https?:[^)'\"]+)\1\)", css.read_text(encoding="utf-8")):
            raise AssertionError(f"{css.relative_to(site)} loads {url[1]}")
    for page in site.rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_quotes_and_ampersands_in_front_matter_are_escaped(changed):
    # changes.quotes_in_a_description: 'Words "we" use & more'
    html = soup(page_path(changed.site, f"{changes.QUOTED_PAGE}/"))
    description = html.find("meta", attrs={"name": "description"})["content"]
    assert description == 'Words "we" use & more' == changes.QUOTED_DESCRIPTION
    assert html.find("meta", property="og:description")["content"] == description
