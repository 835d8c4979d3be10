"""Where the files a build writes beside the pages live, named once: the engine links to them from
the pages, the output passes write them (scripts/outputs/)."""
from __future__ import annotations

API = "api/v1"
# The link-preview image beside each language's home page (/preview.png, /pl/preview.png), its size.
PREVIEW_FILE, PREVIEW_WIDTH, PREVIEW_HEIGHT = "preview.png", 1200, 630
# What the engine hands the output passes, in the site folder until they have read it (scripts/engine/handoff.py).
HANDOFF = ".dit-handoff.pickle"
# Save for offline (docs/offline.md): the button's size, filled in by the offline pass once the language's
# size is known; the offline page's template; the page whose privacy statement always offers "Remove".
OFFLINE_SIZE_TOKEN, OFFLINE_TEMPLATE, PRIVACY_PAGE = "__DIT_OFFLINE_SIZE__", "offline.html", "about-this-information/"


def page_name(path: str) -> str:
    """A page's path below its language root as one file name: phases/middle/ -> phases-middle (home: index)."""
    return path.strip("/").replace("/", "-") or "index"


def document_path(lang: str, path: str) -> str:
    """Where a page's JSON document lives: api/v1/pages/pl/phases/middle.json (home: .../pl/index.json)."""
    return f"{API}/pages/{lang}/{path.strip('/') or 'index'}.json"


def oembed_path(lang: str, path: str) -> str:
    return f"{API}/oembed/{lang}/{path.strip('/') or 'index'}.json"


def qr_path(prefix: str, path: str) -> str:
    """A page's downloadable QR code: pl/qr/phases-middle.svg (home: pl/qr/index.svg)."""
    return f"{prefix}qr/{page_name(path)}.svg"

