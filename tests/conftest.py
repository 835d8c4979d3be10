"""Build the site once per test session; tests read the built pages."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import build
from scripts.settings import ROOT

@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build.build(ROOT, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project that a test may change and build."""
    return build.copy_project(ROOT, tmp_path / "project")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def shown_text(tag) -> str:
    """An element's text as a reader sees it: one space between words, even where a word sits in an
    element of its own (a Latin name isolated in an Arabic title: "علاج <bdi>DIT</bdi>")."""
    return " ".join(tag.get_text().split())


def page_path(site: Path, url_path: str) -> Path:
    """The built HTML file for a page address like 'phases/middle/' or ''."""
    return site / url_path / "index.html"


@pytest.fixture(scope="session")
def base_url(site):
    from scripts.serve_static import serve
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; `make test` installs it when it is missing."""
    from playwright.sync_api import sync_playwright

    from scripts.system_packages import CHROMIUM_ARGS, ensure_chromium
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh browser tab that may talk only to the local test server."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    blocked = []

    def only_local(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    tab = context.new_page()
    yield tab
    context.close()
    assert blocked == [], f"the page tried to reach other hosts: {blocked}"
