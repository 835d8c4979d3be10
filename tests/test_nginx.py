"""The built site on a real nginx (Debian's nginx-light), set up as docs/hosting.md tells a user to:
a copy made with permissions kept (`cp -a`), served by workers running as another user (`nobody`,
when the tests run as root, as on CI). The generated `_nginx.conf` passes `nginx -t`; every page is
served; each page type gets its headers; the precompressed copies are sent; Chromium shows each
page type with no Content-Security-Policy violation."""
from __future__ import annotations

import gzip
import os
import subprocess
import tarfile

import brotli
import pytest

from scripts.outputs import dist, hosting, precompress
from tests import nginx
from tests.conftest import assert_only_the_embed_page_may_be_framed, policy_watched_tab
from tests.nginx import fetch

SELF, ANYONE = hosting.FRAME_ONLY_HERE, "frame-ancestors *"
YEAR = hosting.KEEP["Cache-Control"]
# Material's main style sheet: its name carries a hash of its content, looked up in the built site.
CSS = "/assets/stylesheets/main.<hash>.min.css"
# Each page type: its address, the type nginx must name, and the headers that differ by type
# (None: the header must be absent). Every type also gets hosting.COMMON.
PAGE_TYPES = {
    "content page": ("/pl/about-dit/", "text/html", {"Frame": SELF, "X-Frame-Options": "SAMEORIGIN",
                                                     "Access-Control-Allow-Origin": None, "Cache-Control": None}),
    "right-to-left page": ("/ar/phases/middle/", "text/html", {"Frame": SELF, "X-Frame-Options": "SAMEORIGIN"}),
    "embed page": ("/pl/embed/about-dit/", "text/html", {"Frame": ANYONE, "X-Frame-Options": None,
                                                          "Access-Control-Allow-Origin": None}),
    "embed page, language with a script subtag": ("/zh-Hans/embed/about-dit/", "text/html", {"Frame": ANYONE, "X-Frame-Options": None}),
    "API document": ("/api/v1/pages/ar/about-dit.json", "application/json",
                     {"Frame": ANYONE, "Access-Control-Allow-Origin": "*", "Cache-Control": None}),
    "oEmbed document": ("/api/v1/oembed/pl/questions.json", "application/json", {"Access-Control-Allow-Origin": "*"}),
    "embed script": ("/embed.js", "application/javascript", {"Access-Control-Allow-Origin": "*"}),
    "hashed asset": (CSS, "text/css", {"Cache-Control": YEAR}),
    "our own asset": ("/assets/site.css", "text/css", {"Cache-Control": None}),
    "leaflet page": ("/pl/leaflet/", "text/html", {"Frame": SELF, "X-Frame-Options": "SAMEORIGIN"}),
    "leaflet PDF": ("/pl/leaflet.pdf", "application/pdf", {"Frame": SELF, "X-Frame-Options": "SAMEORIGIN",
                                                           "Cache-Control": None}),
    "QR code": ("/qr/about-dit.svg", "image/svg+xml", {"Frame": SELF}),
}
MISSING = ("/no/such/page/", "/pl/no-such-page/", "/api/v1/no-such.json", "/pl/embed/no-such-page/")
PRIVATE = ("/_headers", "/_nginx.conf")


def real(site, address: str) -> str:
    if address != CSS:
        return address
    return next(a for a in hosting.fingerprinted_files(site) if a.startswith("/assets/stylesheets/main."))


@pytest.fixture(scope="module")
def hosted(site):
    with nginx.web_root() as folder:
        copy = nginx.copy_keeping_permissions(site, folder)
        with nginx.serve(copy) as url:
            yield url


def test_the_generated_config_passes_nginx_t(site):
    result = nginx.check_config(site)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def test_the_site_folder_gets_the_mode_of_the_folders_inside_it(site):
    folders = {path.stat().st_mode & 0o777 for path in [site, *site.rglob("*")] if path.is_dir()}
    files = {path.stat().st_mode & 0o777 for path in site.rglob("*") if path.is_file()}
    assert len(folders) == 1 and len(files) == 1, f"folders {sorted(map(oct, folders))}, files {sorted(map(oct, files))}"


def test_nginx_as_another_user_serves_every_page_of_a_copy_with_permissions_kept(site, hosted):
    addresses = hosting.page_addresses(site) + ["/" + p.relative_to(site).as_posix() for p in site.rglob("*.pdf")]
    refused = [(address, status) for address in addresses if (status := fetch(hosted, address)[0]) != 200]
    assert refused == []


def test_nginx_answers_a_missing_page_with_the_sites_404_page(site, hosted):
    for address in MISSING:
        status, headers, body = fetch(hosted, address)
        assert (status, body) == (404, (site / "404.html").read_bytes()), address
        assert headers["X-Frame-Options"] == "SAMEORIGIN", address


def test_nginx_refuses_the_host_files(hosted):
    for address in PRIVATE:
        assert fetch(hosted, address)[0] == 403, address


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nginx_sends_each_page_type_its_headers(site, hosted, kind):
    address, content_type, expected = PAGE_TYPES[kind]
    status, headers, _ = fetch(hosted, real(site, address))
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == content_type
    for name, value in hosting.COMMON.items():
        assert headers.get_all(name) == [value], name
    policies = headers.get_all("Content-Security-Policy") or []
    if "Frame" in expected:
        assert len(policies) == 1 and policies[0].endswith(expected["Frame"]), policies
        assert "'unsafe-inline'" not in policies[0] and "'unsafe-eval'" not in policies[0]
    for name, value in expected.items():
        if name != "Frame":
            assert headers.get_all(name) == (None if value is None else [value]), name


def test_the_build_writes_gzip_and_brotli_copies_of_every_text_file(site):
    texts = [p for p in site.rglob("*") if p.suffix in precompress.COMPRESSIBLE]
    assert {p.suffix for p in texts} == set(precompress.COMPRESSIBLE)
    for path in texts:
        original = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path


@pytest.mark.parametrize("address", ["/pl/about-dit/", "/ar/", "/api/v1/index.json", CSS, "/embed.js",
                                     "/assets/favicon.svg", "/sitemap.xml"])
def test_nginx_sends_the_precompressed_copy_to_browsers_that_accept_gzip(site, hosted, address):
    """nginx-light has gzip_static but no Brotli module: the .br copies are for other servers."""
    address = real(site, address)
    file = site / address.lstrip("/")
    file = file / "index.html" if address.endswith("/") else file
    status, headers, body = fetch(hosted, address, **{"Accept-Encoding": "gzip, deflate, br"})
    assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "gzip", "Accept-Encoding")
    assert body == file.with_name(file.name + ".gz").read_bytes(), "the build's own copy, not one made on the fly"
    status, headers, body = fetch(hosted, address)
    assert (status, headers["Content-Encoding"], body) == (200, None, file.read_bytes())


def test_chromium_shows_every_page_type_from_nginx_with_no_policy_violation(browser, site, hosted):
    tab, requests, violations = policy_watched_tab(browser)
    for address, content_type, _ in [*PAGE_TYPES.values(), (MISSING[0], "text/html", {})]:
        response = tab.goto(hosted + real(site, address).lstrip("/"), wait_until="load")
        assert response.status == (404 if address in MISSING else 200), address
        assert tab.evaluate("document.contentType") == content_type, address
    tab.goto(hosted + "ar/about-dit/", wait_until="load")  # and search, typed: the bundle, its worker and index
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("DIT", delay=20)
    tab.locator(".md-search-result__item").first.wait_for()
    assert violations == []
    # chrome-extension:// and chrome://: Chromium's own PDF viewer and its resources, inside the browser
    assert [u for u in requests if not u.startswith((hosted, "data:", "chrome-extension://", "chrome://"))] == []
    tab.context.close()


def test_on_nginx_other_sites_may_frame_embed_pages_but_not_normal_pages(browser, hosted, tmp_path):
    assert_only_the_embed_page_may_be_framed(browser, tmp_path, f"{hosted}pl/embed/about-dit/", f"{hosted}pl/about-dit/")


def test_the_dist_archive_unpacked_by_root_under_umask_027_is_served_by_nginx(site, tmp_path):
    """tar run by root keeps the archive's modes; a folder tar has to make itself follows the umask
    (0750 under 027, a common hardened setting), which nginx's own user could not enter."""
    archive = dist.pack(site, tmp_path)
    with tarfile.open(archive) as members:
        modes = {(m.type, m.mode) for m in members.getmembers()}
    assert modes == {(tarfile.DIRTYPE, 0o755), (tarfile.REGTYPE, 0o644)}
    with nginx.web_root() as folder:
        subprocess.run(["tar", "-xzf", str(archive), "-C", str(folder)], check=True,
                       preexec_fn=lambda: os.umask(0o027))
        with nginx.serve(folder / archive.name.removesuffix(".tar.gz")) as url:
            for address in ("/", "/pl/about-dit/", "/ar/embed/phases/middle/", "/api/v1/index.json", "/pl/leaflet.pdf"):
                assert fetch(url, address)[0] == 200, address
