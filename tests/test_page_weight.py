"""Page-weight budgets (issue 6), measured in Chromium on the built site: bytes as a host would send
them gzipped, and requests, until the reader interacts. `make bench` prints the same figures."""
from __future__ import annotations

import re

import pytest

from scripts.checks.page_weight import BUDGETS, record, weigh, without_fonts

CONTENT_PAGE = "what-to-expect/"


@pytest.mark.parametrize("prefix", ["", "ar/", "ur/"])
def test_first_visit_to_a_content_page_fits_the_budget(page, base_url, prefix):
    files = record(page, lambda: page.goto(f"{base_url}{prefix}{CONTENT_PAGE}"))
    size, requests = without_fonts(weigh(files))
    limit, most = BUDGETS["first_visit"]
    assert size <= limit, f"{prefix}{CONTENT_PAGE}: {size / 1024:.1f} KB gzipped on a first visit (budget {limit // 1024} KB)"
    assert requests <= most, f"{prefix}{CONTENT_PAGE}: {requests} requests (budget {most}): {list(files)}"
    scripts = [url for url in files if url.endswith(".js") or "search_index" in url]
    assert scripts == [], f"scripts loaded before the reader did anything: {scripts}"


def test_a_second_page_in_the_same_visit_fits_the_budget(page, base_url):
    first = record(page, lambda: page.goto(f"{base_url}{CONTENT_PAGE}"))
    second = record(page, lambda: page.goto(f"{base_url}phases/"))
    new = {url: body for url, body in second.items() if url not in first}
    limit, _ = BUDGETS["second_page"]
    assert weigh(new)["gzip_total"] <= limit, f"second page: {list(new)}"


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_an_embed_page_fits_the_budget_without_materials_scripts(page, base_url, prefix):
    files = record(page, lambda: page.goto(f"{base_url}{prefix}embed/{CONTENT_PAGE}"))
    figures = weigh(files)
    limit, most = BUDGETS["embed"]
    assert figures["gzip_total"] <= limit and figures["requests"] <= most, f"embed page: {figures}"
    assert not [url for url in files if "/assets/javascripts/" in url], "an embed page loads Material's scripts"


def test_the_urdu_web_font_fits_its_own_budget(site):
    font = site / "assets" / "fonts" / "noto-naskh-arabic-urdu-subset.woff2"
    limit, _ = BUDGETS["script_font"]
    assert font.stat().st_size <= limit, f"{font.name} is {font.stat().st_size / 1024:.1f} KB (budget {limit // 1024} KB)"


@pytest.mark.parametrize("prefix", ["", "cy/", "pl/", "es/", "ar/"])
def test_pages_the_readers_own_fonts_cover_declare_and_download_no_font(page, base_url, prefix):
    """Only Urdu has a web font (tests/test_languages.py checks it is drawn, and downloaded only when
    the reader has no Nastaliq font)."""
    files = record(page, lambda: page.goto(f"{base_url}{prefix}{CONTENT_PAGE}"))
    assert page.evaluate("document.fonts.size") == 0, f"{prefix}: declares a web font"
    assert [url for url in files if url.endswith((".woff2", ".woff", ".ttf"))] == []


def test_the_article_is_readable_before_any_javascript_runs(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{base_url}{CONTENT_PAGE}")
    heading, first = tab.locator("article h1"), tab.locator("article p").first
    assert heading.is_visible() and first.is_visible()
    assert heading.bounding_box()["y"] < 844, "the page title is not on the first screen"
    assert len(first.inner_text()) > 40
    context.close()


def test_every_image_has_its_size_in_the_page(site):
    unsized = []
    for page in site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            if not (re.search(r"\swidth=", tag) and re.search(r"\sheight=", tag)):
                unsized.append(f"{page.relative_to(site)}: {tag}")
    assert unsized == [], "images without width and height make the page jump as they load"
