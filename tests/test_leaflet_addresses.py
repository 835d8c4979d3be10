"""A leaflet on paper: links print as their words; the few addresses a patient may type (the site,
urgent help, the referral route) are written out once each, short, on lines of their own, with a QR
code, left to right in right-to-left leaflets. Read from the PDFs with a reader's tools (poppler's
pdftotext and pypdf)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from scripts.inputs import settings
from scripts.system.system_packages import ensure_pdftotext
from tests.conftest import soup
from tests.test_sharing import LANGS, SITE_URL, prefix, qr_image

PDFS = ("leaflet.pdf", "leaflet-large-print.pdf")
# Direction marks that pdftotext writes around right-to-left runs; a reader copying the text drops them.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_texts(pdf: Path) -> dict[str, str]:
    pdftotext = subprocess.run([str(ensure_pdftotext()), "-enc", "UTF-8", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
    return {"pdftotext": pdftotext, "pypdf": "\n".join(page.extract_text() for page in PdfReader(pdf).pages)}


def link_hosts(leaflet_html: Path) -> set[str]:
    """The host names the leaflet links to: any of them written out in the text is an address."""
    return {urlsplit(a["href"]).hostname for a in soup(leaflet_html).select("a[href^='http']")}


def written_addresses(text: str, hosts: set[str]) -> list[str]:
    """Each line of the text that holds a web address (not an email address); an address broken
    after a slash is joined to the rest of it on the next line."""
    lines = [line for line in (BIDI_CONTROLS.sub("", line).strip() for line in text.splitlines()) if line]
    address = re.compile(r"(?<![\w@.-])(?:https?://)?(?:%s)\b" % "|".join(map(re.escape, sorted(hosts))))
    found, i = [], 0
    while i < len(lines):
        line = lines[i]
        if address.search(line):
            while (line.endswith("/") and i + 1 < len(lines) and " " not in lines[i + 1]
                   and not address.search(lines[i + 1])):
                i += 1
                line += lines[i]
            found.append(line)
        i += 1
    return found


def expected_addresses(site_url: str, lang: str, referral_url: str) -> dict[str, str]:
    """Address -> what it must read on paper: no scheme, no trailing slash. A translation also gives
    its English original, the authoritative version."""
    urls = [f"{site_url}{prefix(lang)}", f"{site_url}{prefix(lang)}get-help-now/", referral_url]
    urls += [f"{site_url}leaflet/"] if prefix(lang) else []
    return {url: re.sub(r"^https://", "", url).rstrip("/") for url in urls}


def check_leaflet(site: Path, site_url: str, lang: str, referral_url: str) -> None:
    hosts = link_hosts(site / prefix(lang) / "leaflet" / "index.html")
    expected = expected_addresses(site_url, lang, referral_url)
    for name in PDFS:
        for tool, text in pdf_texts(site / prefix(lang) / name).items():
            where = f"/{prefix(lang)}{name} read by {tool}"
            found = written_addresses(text, hosts)
            assert len(found) <= 6, f"{where}: {len(found)} addresses: {found}"
            assert [line for line in found if re.search(r"\s", line)] == [], f"{where}: addresses inside sentences"
            for short in expected.values():
                assert found.count(short) == 1, f"{where}: {short!r} should be written out once, found {found}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_leaflet_writes_out_its_few_addresses_once_each_and_none_inside_a_sentence(site, lang):
    check_leaflet(site, SITE_URL, lang, settings.load(settings.ROOT).service.self_referral_url)


@pytest.mark.parametrize("lang", LANGS)
def test_each_written_out_address_has_a_qr_code_and_runs_left_to_right(site, lang):
    import zxingcpp
    html = soup(site / prefix(lang) / "leaflet" / "index.html")
    expected = expected_addresses(SITE_URL, lang, settings.load(settings.ROOT).service.self_referral_url)
    items = html.select(".dit-leaflet__addresses li")
    assert len(items) == len(expected)
    for item, (url, short) in zip(items, expected.items()):
        isolate = item.select_one("bdi[dir='ltr']")  # its own left-to-right run, even inside Arabic or Urdu
        assert isolate and isolate.get_text() == short
        assert isolate.find_parent("a")["href"] == url
        assert [result.text for result in zxingcpp.read_barcodes(qr_image(str(item.select_one("svg.dit-qr"))))] == [url]
