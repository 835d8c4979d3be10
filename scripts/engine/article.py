"""What every article gets before the theme wraps it: in a right-to-left page each Latin-script run is
isolated and marked English (scripts/inputs/bidi.py); every link carries its absolute address, which
print CSS writes out after it. Search, the embed page, the JSON document and the leaflet reuse it."""
from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

from scripts.inputs import bidi


def prepare(html: str, lang: str, base: str) -> str:
    """The article as the page shows it; parsed once for both changes."""
    soup = BeautifulSoup(html, "html.parser")
    if bidi.right_to_left(lang):
        bidi.isolate_latin_in(soup, lang)
    for link in soup.find_all("a", href=True):
        if not link["href"].startswith(("tel:", "sms:", "mailto:", "#")):
            link["data-print"] = urljoin(base, link["href"])
    return str(soup)
