"""`_headers` as Netlify and Cloudflare Pages really read it, with their own tools (npm, offline,
tools/hosts/): Netlify's parser and header engine, and Cloudflare's local Pages server. Every page
type gets the headers we meant; another site may frame an embed page and no other page."""
from __future__ import annotations

import contextlib
import urllib.request

import pytest

from scripts.outputs import hosting
from scripts.system.serve_static import serve
from scripts.tools import host_tools
from tests.conftest import assert_only_the_embed_page_may_be_framed

# /what-to-expect/ sorts last: it was the page Cloudflare left framable when `_headers` had a rule per page.
CONTENT, RTL_CONTENT, EMBED, POLISH_EMBED = "/what-to-expect/", "/ar/about-dit/", "/embed/", "/pl/embed/about-dit/"
API, PDF = "/api/v1/index.json", "/ar/leaflet.pdf"


@pytest.fixture(scope="session")
def policies(site):
    """The policy an embed page should get (any site may frame it) and every other page's."""
    framed = hosting.base_policy(hosting.inline_script_hashes(site))
    return framed, framed.replace("frame-ancestors *", hosting.FRAME_ONLY_HERE)


@pytest.fixture(scope="session")
def cloudflare(site):
    """The built site, served once by `wrangler pages dev`, as Cloudflare Pages serves it."""
    host_tools.ensure_installed()
    with host_tools.cloudflare_pages(site) as served:
        yield served


@pytest.fixture(scope="session")
def netlify(site):
    host_tools.ensure_installed()
    return host_tools.netlify_headers(site, hosting.page_addresses(site) + [API, PDF, *hosting.fingerprinted_files(site)])


def fetch(url: str):
    """The response headers only (HEAD): the same headers as GET, without the bodies."""
    with urllib.request.urlopen(urllib.request.Request(url, method="HEAD")) as response:
        return response.headers


def test_netlify_parses_headers_with_no_errors_and_the_rules_we_meant(netlify, policies):
    framed, only_here = policies
    assert netlify["errors"] == []
    rules = {rule["path"]: rule["values"] for rule in netlify["rules"]}
    assert rules["/*"]["Content-Security-Policy"] == only_here and rules["/*"]["X-Frame-Options"] == "SAMEORIGIN"
    assert rules["/*"]["Referrer-Policy"] == "no-referrer" and rules["/*"]["X-Content-Type-Options"] == "nosniff"
    assert rules["/embed/*"] == rules["/:lang/embed/*"] == {"Content-Security-Policy": framed}
    assert rules["/api/*"] == {"Access-Control-Allow-Origin": "*"}


def test_netlify_sends_each_page_the_whole_policy_and_lets_other_sites_frame_only_embed_pages(netlify, site, policies):
    framed, only_here = policies
    for address, sent in netlify["sent"].items():
        expected = framed if "/embed/" in address else only_here
        assert sent["Content-Security-Policy"] == expected, address
        assert sent["Referrer-Policy"] == "no-referrer", address
    assert netlify["sent"][API]["Access-Control-Allow-Origin"] == "*"
    for asset in hosting.fingerprinted_files(site):
        assert netlify["sent"][asset]["Cache-Control"] == "public, max-age=31536000, immutable"


def test_cloudflare_reads_every_rule(cloudflare):
    assert "invalid header rule" not in cloudflare.log.read_text(), cloudflare.log.read_text()


def test_cloudflare_sends_each_page_type_the_headers_we_meant(cloudflare, site, policies):
    framed, only_here = policies
    for address in (CONTENT, RTL_CONTENT, EMBED, POLISH_EMBED, API, PDF, hosting.fingerprinted_files(site)[0]):
        sent = fetch(cloudflare.url + address.lstrip("/"))
        assert sent.get_all("Content-Security-Policy") == [framed if "/embed/" in address else only_here], address
        assert sent.get_all("X-Frame-Options") == (None if "/embed/" in address else ["SAMEORIGIN"]), address
        assert (sent["Referrer-Policy"], sent["X-Content-Type-Options"]) == ("no-referrer", "nosniff"), address
        assert sent["Permissions-Policy"] == hosting.COMMON["Permissions-Policy"], address
        for name, value in hosting.headers_for(site, address):  # the model the other hosting tests use
            assert sent[name] == value, (address, name)
    assert fetch(cloudflare.url + PDF.lstrip("/"))["Content-Type"] == "application/pdf"
    assert fetch(cloudflare.url + API.lstrip("/"))["Access-Control-Allow-Origin"] == "*"
    asset = fetch(cloudflare.url + hosting.fingerprinted_files(site)[0].lstrip("/"))
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"


def test_cloudflare_lets_other_sites_frame_embed_pages_and_no_other_page(cloudflare, site):
    for address in hosting.page_addresses(site):
        sent = fetch(cloudflare.url + address.lstrip("/"))
        ancestors = sent["Content-Security-Policy"].rsplit("frame-ancestors ", 1)[1]
        assert ancestors == ("*" if "/embed/" in address else "'self'"), address


@pytest.mark.parametrize("host", ["netlify", "cloudflare"])
def test_in_chromium_another_site_may_frame_an_embed_page_but_not_a_content_page(host, request, browser, site, tmp_path):
    if host == "cloudflare":
        framing = contextlib.nullcontext(request.getfixturevalue("cloudflare").url)
    else:  # Netlify's engine gives the headers; our own small server sends them
        sent = request.getfixturevalue("netlify")["sent"]
        framing = serve(site, headers=lambda path: list(sent.get(path, {}).items()))
    with framing as origin:
        assert_only_the_embed_page_may_be_framed(browser, tmp_path, f"{origin}{POLISH_EMBED.lstrip('/')}",
                                                 f"{origin}{CONTENT.lstrip('/')}")


def test_a_policy_too_long_for_cloudflare_stops_the_build_instead_of_being_skipped(tmp_path):
    # Cloudflare skips a `_headers` line over 2000 characters with only a warning: pages would get no policy.
    hashes = [f"'sha256-{'A' * 43}='"] * 40  # as if the pages held 40 different inline scripts
    with pytest.raises(ValueError, match=r"_headers: line 6 \(Content-Security-Policy\) has \d+ characters"):
        hosting.write_netlify_headers(tmp_path, hosting.base_policy(hashes))
    assert not (tmp_path / "_headers").exists()
