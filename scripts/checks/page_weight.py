"""What a reader's browser downloads: the requests a page makes in headless Chromium, and the bytes a
host would send for them compressed with gzip (level 6) and brotli (quality 11, as hosts precompress
static files), by kind of file. The budget check (`budget_problems`, `make check-page-weight`) and `make bench`
both measure with this, so they agree."""
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


# The pages the budgets are measured on: a content page in a Latin, an Arabic and an Urdu script (the
# one with its own web font), a second page in the same visit, and embed pages.
CONTENT_PAGE = "what-to-expect/"
SECOND_PAGE = "phases/"
FIRST_VISIT_PREFIXES = ("", "ar/", "ur/")
EMBED_PREFIXES = ("", "ar/")
SCRIPT_FONT = "assets/fonts/noto-naskh-arabic-urdu-subset.woff2"


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def budget_problems(site, base_url: str, browser) -> tuple[list[str], list[str]]:
    """Every page over its budget, and what each weighed (the report's lines). Each visit starts in a
    new tab at phone width with nothing cached, that may talk only to the local server: a request to
    another host is a problem too."""
    problems, figures = [], []

    def visit(*addresses: str) -> list[dict[str, bytes]]:
        """The files each address fetched, one after another in the same tab."""
        context = browser.new_context(viewport={"width": 390, "height": 844})

        def only_local(route) -> None:
            if route.request.url.startswith((base_url, "data:")):
                route.continue_()
            else:
                problems.append(f"/{addresses[0]}: request to another host: {route.request.url}")
                route.abort()

        context.route("**/*", only_local)
        tab = context.new_page()
        fetched = [record(tab, lambda: tab.goto(base_url + address)) for address in addresses]
        context.close()
        return fetched

    limit, most = BUDGETS["first_visit"]
    for prefix in FIRST_VISIT_PREFIXES:
        address = f"/{prefix}{CONTENT_PAGE}"
        [files] = visit(address[1:])
        size, requests = without_fonts(weigh(files))
        figures.append(f"{address} first visit: {_kb(size)} gzipped, {requests} requests (web fonts apart)")
        if size > limit:
            problems.append(f"{address}: {_kb(size)} gzipped on a first visit (budget {limit // 1024} KB)")
        if requests > most:
            problems.append(f"{address}: {requests} requests on a first visit (budget {most}): {list(files)}")
        scripts = [url for url in files if url.endswith(".js") or "search_index" in url]
        if scripts:
            problems.append(f"{address}: scripts loaded before the reader did anything: {scripts}")
    first, second = visit(CONTENT_PAGE, SECOND_PAGE)
    new = {url: body for url, body in second.items() if url not in first}
    size, (limit, _) = weigh(new)["gzip_total"], BUDGETS["second_page"]
    figures.append(f"/{SECOND_PAGE} after /{CONTENT_PAGE}: {_kb(size)} gzipped")
    if size > limit:
        problems.append(f"/{SECOND_PAGE}: {_kb(size)} gzipped as a second page (budget {limit // 1024} KB): {list(new)}")
    limit, most = BUDGETS["embed"]
    for prefix in EMBED_PREFIXES:
        address = f"/{prefix}embed/{CONTENT_PAGE}"
        [files] = visit(address[1:])
        weight = weigh(files)
        figures.append(f"{address}: {_kb(weight['gzip_total'])} gzipped, {weight['requests']} requests")
        if weight["gzip_total"] > limit or weight["requests"] > most:
            problems.append(f"{address}: {_kb(weight['gzip_total'])} gzipped, {weight['requests']} requests "
                            f"(budget {limit // 1024} KB, {most} requests): {list(files)}")
        if any("/assets/javascripts/" in url for url in files):
            problems.append(f"{address}: an embed page loads Material's scripts")
    font = site / SCRIPT_FONT
    limit, _ = BUDGETS["script_font"]
    figures.append(f"/{SCRIPT_FONT}: {_kb(font.stat().st_size)}")
    if font.stat().st_size > limit:
        problems.append(f"/{SCRIPT_FONT}: {_kb(font.stat().st_size)} (budget {limit // 1024} KB)")
    return problems, figures
