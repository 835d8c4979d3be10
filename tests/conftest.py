"""Build the site once per test run, whatever the number of pytest-xdist workers; tests read the
built pages (tests/builds.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings as hypothesis_settings

from scripts import build
from scripts.inputs.settings import ROOT
from tests import builds

# No time limit per Hypothesis example: a busy two-core machine once took 418 ms over the default
# 200 ms for a word lookup, and speed is the benchmark's business, never a test's.
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")

WANTED = pytest.StashKey[set]()


# `make test` runs two pytest-xdist workers with --dist loadgroup --no-loadscope-reorder. Each file's
# tests stay together on one worker (its module fixtures, a clinic build say, start once), except the
# whole-site checks of tests/test_checks.py, which each go to whichever worker is free. The longest
# start first, in this order, so neither worker sits idle at the end waiting for the other.
SPREAD = "test_checks.py"
LONGEST_FIRST = ["test_variants.py", "test_checks.py::test_check_passes[a11y-set]", "test_determinism.py",
                 "test_checks.py", "test_hosting.py", "test_quality_gates.py", "test_clinic_build.py"]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Remember which shared builds this run's tests read: a worker waiting for one builds another
    # meanwhile, but only one that some test will read.
    config.stash[WANTED] = {name for item in items for name in getattr(item, "fixturenames", ())
                            if name in builds.MAKERS}

    def rank(item: pytest.Item) -> int:
        return next((i for i, key in enumerate(LONGEST_FIRST)
                     if item.nodeid.endswith(key) or item.path.name == key), len(LONGEST_FIRST))
    items.sort(key=rank)
    for item in items:
        if item.path.name != SPREAD:
            item.add_marker(pytest.mark.xdist_group(item.path.name))


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Path:
    """The site as `make site` builds it, PDFs included; never changed by a test."""
    return builds.made_once("site", tmp_path_factory, request.config.stash[WANTED]) / "site"


@pytest.fixture(scope="session")
def changed(request, tmp_path_factory) -> builds.Changed:
    """A copy of the project with every change in tests/changes.py, and its site (no PDFs)."""
    folder = builds.made_once("changed", tmp_path_factory, request.config.stash[WANTED])
    return builds.Changed(folder / "project", folder / "site")


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
    from scripts.system.serve_static import serve
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; `make test` installs it when it is missing."""
    from playwright.sync_api import sync_playwright

    from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium
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


def policy_watched_tab(browser):
    """A tab in a new context, with the lists it fills: every request it makes, and every
    content-security-policy violation its pages report."""
    context = browser.new_context()
    requests, violations = [], []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI));""")
    tab = context.new_page()
    tab.on("console", lambda m: violations.append(m.text) if "CSP-VIOLATION" in m.text or "Content Security Policy" in m.text else None)
    return tab, requests, violations


def assert_only_the_embed_page_may_be_framed(browser, folder: Path, embed_url: str, content_url: str) -> None:
    """Another site (localhost is another origin than 127.0.0.1) frames the Polish embed page and a
    content page: the embed page shows, the content page is refused."""
    from scripts.system.serve_static import serve
    (folder / "index.html").write_text(f'<!doctype html><title>Clinic</title><iframe src="{embed_url}"></iframe>'
                                       f'<iframe src="{content_url}"></iframe>', encoding="utf-8")
    with serve(folder) as clinic:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(clinic.replace("127.0.0.1", "localhost"), wait_until="load")
        frames = tab.frames[1:]
        assert [f.evaluate("document.documentElement.lang") for f in frames if f.url == embed_url] == ["pl"]
        refused = [f for f in frames if f.url != embed_url]
        assert len(refused) == 1
        assert refused[0].url.startswith("chrome-error://") or refused[0].evaluate("document.documentElement.lang || ''") == ""
        context.close()
