"""What a reader downloads beyond the budgets: no web font where the reader's own fonts cover the
language, an article readable before any script runs, and images that keep the page still. The budgets
themselves (issue 6: bytes gzipped and requests of a first visit, a second page, an embed page, the Urdu
font) are the page-weight check (scripts/checks/page_weight.py), run by tests/test_checks.py;
`make bench` prints the same figures."""
from __future__ import annotations

import re

import pytest

from scripts.checks.page_weight import CONTENT_PAGE, record


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
