"""Safe hosting: served with the headers Netlify or Cloudflare Pages would send (the matching
`_headers` rules, combined as the hosts do: hosting.headers_for, which tests/test_hosting_hosts.py
checks against the hosts' own tools), every page keeps to its Content-Security-Policy (read from its file:
scripts/checks/content_policy.py) and one page of each template loads in a browser with no violation, no
cookie, nothing personal stored and no request to another host; embed pages may be framed by another
origin and normal pages may not."""
from __future__ import annotations

import re
import shutil

import pytest

from scripts.checks import content_policy
from scripts.outputs import hosting
from scripts.system.serve_static import serve
from tests.conftest import assert_only_the_embed_page_may_be_framed, policy_watched_tab

MATERIAL_STORAGE = re.compile(r"^(/.*\.)?__(palette|consent|tabs|outdated|search|tags|annotations)")


@pytest.fixture(scope="module")
def hosted(site):
    with serve(site, headers=lambda path: hosting.headers_for(site, path)) as url:
        yield url


def test_every_built_page_keeps_to_its_policy_by_its_files(site):
    """Every inline script and style is allowed by its hash, nothing loads from another host, nothing
    sets a cookie: read from every page's file (the browser test below runs one page per template)."""
    assert content_policy.check(site) == []
    sent = {v for address in ("/pl/about-dit/", "/embed/") for n, v in hosting.headers_for(site, address) if n == "Content-Security-Policy"}
    nginx = (site / "_nginx.conf").read_text(encoding="utf-8")
    assert set(re.findall(r'add_header Content-Security-Policy "([^"]+)"', nginx)) == sent, "nginx sends the same policies"


def test_the_static_policy_check_names_a_page_whose_inline_script_the_policy_would_block(site, tmp_path):
    shutil.copy(site / "_headers", tmp_path / "_headers")
    page = tmp_path / "pl" / "about-dit" / "index.html"
    page.parent.mkdir(parents=True)
    text = (site / "pl" / "about-dit" / "index.html").read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", '<script>alert("planted")</script><img src="https://cdn.example.com/x.png"></body>', 1),
                    encoding="utf-8")
    problems = "\n".join(content_policy.check(tmp_path))
    assert "/pl/about-dit/: inline script 'alert(\"planted\")' is not allowed by the policy" in problems
    assert '/pl/about-dit/: <img src="https://cdn.example.com/x.png"> loads from another host' in problems


# One page of each template, left to right and right to left (404: the Arabic one by its file).
TEMPLATES = ["", "about-dit/", "get-help-now/", "leaflet/", "embed/about-dit/", "no/such/page/"]


def test_one_page_of_each_template_runs_under_the_policy_with_no_violation_and_no_tracking(browser, hosted):
    tab, requests, violations = policy_watched_tab(browser)
    for address in TEMPLATES + ["ar/" + address for address in TEMPLATES[:-1]] + ["ar/404.html"]:
        tab.goto(hosted + address, wait_until="load")
    tab.goto(hosted + "ar/about-dit/", wait_until="load")  # and search: its worker and index
    tab.locator("input.md-search__input").click()
    tab.locator("input.md-search__input").press_sequentially("DIT", delay=20)
    tab.locator(".md-search-result__item").first.wait_for()
    assert violations == []
    assert [u for u in requests if not u.startswith((hosted, "data:"))] == []
    assert tab.context.cookies() == []
    stored = tab.evaluate("Object.keys(localStorage)")
    assert [key for key in stored if not MATERIAL_STORAGE.match(key)] == [], "only the theme's own settings"
    tab.context.close()


def test_the_policy_allows_no_inline_script_but_materials_own(site):
    policy = next(v for n, v in hosting.headers_for(site, "/pl/about-dit/") if n == "Content-Security-Policy")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "worker-src 'self'" in policy and "frame-src 'none'" in policy


def test_every_page_ends_up_with_one_whole_policy_and_only_embed_pages_may_be_framed(site):
    for address in ("/embed/", "/ar/embed/phases/middle/", "/ar/phases/middle/", "/what-to-expect/",
                    "/ckb/embed/phases/middle/", "/ckb/phases/middle/"):  # a three-letter code (BCP 47)
        sent = hosting.headers_for(site, address)
        policies = [v for n, v in sent if n == "Content-Security-Policy"]
        assert len(policies) == 1 and policies[0].startswith("default-src 'self'"), address
        framing = [v for n, v in sent if n == "X-Frame-Options"]
        if "/embed/" in address:
            assert policies[0].endswith("frame-ancestors *") and framing == [], address
        else:
            assert policies[0].endswith("frame-ancestors 'self'") and framing == ["SAMEORIGIN"], address


def test_other_sites_may_frame_embed_pages_but_not_normal_pages(browser, hosted, tmp_path):
    assert_only_the_embed_page_may_be_framed(browser, tmp_path, f"{hosted}pl/embed/about-dit/", f"{hosted}pl/about-dit/")


def test_materials_fingerprinted_files_are_kept_a_year_and_nothing_else_is(site):
    page = (site / "about-dit" / "index.html").read_text(encoding="utf-8")
    linked = {"/" + href.lstrip("./") for href in re.findall(r'(?:href|data-bundle)="([^"]+\.[0-9a-f]{8}\.min\.(?:css|js))"', page)}
    assert len(linked) == 3, linked  # Material's CSS, palette CSS and the bundle the loader fetches
    assert linked <= set(hosting.fingerprinted_files(site))
    for address in hosting.fingerprinted_files(site):
        caching = [v for n, v in hosting.headers_for(site, address) if n == "Cache-Control"]
        assert caching == ["public, max-age=31536000, immutable"], address
    for address in ("/about-dit/", "/assets/site.css", "/ar/search/search_index.json", "/assets/favicon.svg"):
        assert not [v for n, v in hosting.headers_for(site, address) if n == "Cache-Control"], address
    nginx = (site / "_nginx.conf").read_text(encoding="utf-8")
    assert nginx.index(hosting.FINGERPRINTED.pattern) < nginx.index("location / {")


def test_robots_txt_is_served_and_names_the_sitemap_by_its_public_address(site, hosted):
    from urllib.request import urlopen
    from urllib.robotparser import RobotFileParser
    with urlopen(hosted + "robots.txt") as response:
        assert response.status == 200 and response.headers.get_content_type() == "text/plain"
        lines = response.read().decode("utf-8").splitlines()
    robots = RobotFileParser()
    robots.parse(lines)
    assert robots.site_maps() == ["https://dit.example.org/sitemap.xml"]
    assert (site / "sitemap.xml").is_file()
    for address in ("", "pl/phases/middle/", "ar/embed/", "api/v1/index.json", "leaflet.pdf"):
        assert robots.can_fetch("*", f"https://dit.example.org/{address}"), address
