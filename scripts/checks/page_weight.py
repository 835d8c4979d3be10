"""What a reader's browser downloads: the requests a page makes in headless Chromium, and the bytes a
host would send for them compressed with gzip (level 6) and brotli (quality 11, as hosts precompress
static files), by kind of file. The budget test (tests/test_page_weight.py) and `make bench` both
measure with this, so they agree."""
from __future__ import annotations

import gzip
from typing import Callable
from urllib.parse import urlsplit

import brotli

KINDS = {".css": "css", ".js": "js", ".json": "data", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts",
         ".png": "images", ".svg": "images", ".ico": "images", ".webp": "images"}
# The budgets of issue 6, in bytes (gzip) and requests. A script's web font is budgeted on its own.
# An embed page's fifth request is the tab's icon (0.3 KB; asked for only when the page is opened on its
# own, never inside a frame): without it the browser asked for /favicon.ico, a 404, all the same.
BUDGETS = {"first_visit": (60 * 1024, 6), "second_page": (15 * 1024, None), "embed": (12 * 1024, 5),
           "script_font": (40 * 1024, None),
           # The Easy Read page: the first-visit budget above for all but its pictures, which load as the
           # reader scrolls near them (loading="lazy"); those of the first screens have this budget.
           "easy_read_pictures": (8 * 1024, 10)}
EASY_READ_PICTURES = "/assets/easy-read/"


def kind(url: str) -> str:
    path = urlsplit(url).path
    return next((name for suffix, name in KINDS.items() if path.endswith(suffix)), "html")


def record(tab, action: Callable[[], object]) -> dict[str, bytes]:
    """The files fetched while `action` runs and until the network is quiet: address -> body."""
    responses = []

    def keep(response) -> None:
        responses.append(response)

    tab.on("response", keep)
    action()
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)  # a script started at the end (a worker, an index) shows up here
    tab.wait_for_load_state("networkidle")
    tab.remove_listener("response", keep)
    return {r.url: r.body() for r in responses if r.status < 300 and not r.url.startswith("data:")}


def weigh(files: dict[str, bytes]) -> dict:
    """Requests and compressed bytes, in total and by kind (html, css, js, data, fonts, images)."""
    out: dict = {"requests": len(files), "gzip_total": 0, "brotli_total": 0}
    for url, body in files.items():
        sizes = {"gzip": len(gzip.compress(body, 6, mtime=0)), "brotli": len(brotli.compress(body, quality=11))}
        for codec, size in sizes.items():
            out[f"{codec}_total"] += size
            out[f"{codec}_{kind(url)}"] = out.get(f"{codec}_{kind(url)}", 0) + size
        out[f"requests_{kind(url)}"] = out.get(f"requests_{kind(url)}", 0) + 1
    return out


def without_fonts(figures: dict) -> tuple[int, int]:
    """Gzip bytes and requests of everything but web fonts (a script's font has its own budget)."""
    return figures["gzip_total"] - figures.get("gzip_fonts", 0), figures["requests"] - figures.get("requests_fonts", 0)
