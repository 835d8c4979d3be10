"""What referrers and clinics take away from a page: its QR code, link-preview tags, the oEmbed
document and the embed snippet. Pure functions of addresses, so they live with the inputs: the
engine shows them in pages, the output passes write them to files."""
from __future__ import annotations

import hashlib
import html
import io
import re

import segno

from scripts.inputs.settings import ROOT
from scripts.system import cache_store

EMBED_TITLE = "Dynamic Interpersonal Therapy (DIT) information"
# The embedded page's size in the oEmbed document and its iframe (the iframe's CSS widens it to the column).
EMBED_WIDTH, EMBED_HEIGHT = 800, 900
# Content-addressed: a QR code is drawn again only for an address (or a segno version) not seen before.
QR_CACHE = ROOT / ".cache" / "qr"


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for `url`, described for screen readers by `label`."""
    cached = QR_CACHE / f"{hashlib.sha256(f'{segno.__version__} {url}'.encode()).hexdigest()}.svg"
    if cached.exists():
        svg = cached.read_text(encoding="ascii")
    else:
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(
            out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=2, svgclass="dit-qr")
        svg = out.getvalue().decode("ascii")
        cache_store.store(cached, svg.encode("ascii"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def short_address(url: str) -> str:
    """An address as a reader types it from paper: no scheme, no trailing slash (dit.example.org/get-help-now)."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def printed_addresses(entries: list[tuple[str, str]]) -> list[dict]:
    """For a printed leaflet, each (label, url): the label, the link, the short address and its QR
    code. The address comes in parts that end at a slash: a long one may wrap there, never at a hyphen
    (a reader could not tell whether a hyphen at the end of a line is part of the address)."""
    return [{"label": label, "url": url, "short": short_address(url), "qr_svg": qr_svg(url, label),
             "parts": re.findall(r"[^/]+/?|/", short_address(url))}
            for label, url in entries]


def embed_url(site_url: str, prefix: str, path: str) -> str:
    return f"{site_url}{prefix}embed/{path}"


def iframe_snippet(site_url: str, prefix: str, path: str, title: str = EMBED_TITLE) -> str:
    """The plain iframe for sites that allow no scripts. The width and height attributes size it where
    a host strips the style attribute (WordPress does, for oEmbed providers it does not trust)."""
    return (f'<iframe src="{html.escape(embed_url(site_url, prefix, path))}" title="{html.escape(title)}" '
            f'width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" loading="lazy" '
            f'style="width:100%;height:{EMBED_HEIGHT}px;border:0"></iframe>')


def script_snippet(site_url: str, lang: str, default_lang: str, path: str) -> str:
    """The one script tag that places and sizes the iframe."""
    lang_attr = f' data-lang="{lang}"' if lang != default_lang else ""
    return f'<script src="{html.escape(site_url)}embed.js" data-page="{html.escape(path.strip("/"))}"{lang_attr} async></script>'


def oembed(title: str, site_name: str, site_url: str, prefix: str, path: str) -> dict:
    """An oEmbed "rich" document whose HTML is the iframe snippet (https://oembed.com)."""
    return {"version": "1.0", "type": "rich", "title": title, "provider_name": site_name,
            "provider_url": site_url, "width": EMBED_WIDTH, "height": EMBED_HEIGHT,
            "html": iframe_snippet(site_url, prefix, path, title)}
