"""Save for offline (docs/offline.md): what a reader's phone keeps when they tap the button, and the
worker that keeps it. Written at the end of the build, from the built pages:

- per language, `<prefix>offline/files.json`: the files to keep (every page of the language, its
  leaflet, its offline page, its web app manifest and the stylesheets, icons and fonts they use), their
  size as a host sends them (shown on the button), each page's oldest helpline check (`verified_on`), and
  the words the worker writes on a saved page;
- per language, `<prefix>manifest.webmanifest`, so the saved language can go on the home screen;
- `sw.js` (from overrides/sw.js) with this build's settings: its cache is named by the build's version
  and a digest of the files it keeps, so a new build (even an unreleased one) is a new worker, which
  replaces the stored copy the next time the reader is online."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts.inputs import digits, settings
from scripts.inputs.site_paths import OFFLINE_SIZE_TOKEN as SIZE_TOKEN
from scripts.inputs.site_paths import OFFLINE_TEMPLATE as PAGE_TEMPLATE  # noqa: F401 (named here too)

BUILD_TOKEN = '"__DIT_OFFLINE_BUILD__"'  # in overrides/sw.js
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
# What a page uses that the phone must keep too: stylesheets, icons and images (scripts other than the
# worker's own load only when the reader searches, which needs the network anyway).
LINKED = re.compile(r'<(?:link|img|script)\b[^>]*?\b(?:href|src)="([^"]+)"')
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
PHONE_HREF = re.compile(r'href="((?:tel|sms):[^"]+)"')
# The site's colour (overrides/assets/site.css), unless a clinic build has its own.
PRIMARY = re.compile(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class Language:
    code: str
    prefix: str      # "" for the default language, "pl/"
    direction: str   # "ltr" or "rtl"
    strings: dict    # content/<code>/strings.yml


def language_pages(site: Path, prefix: str, other_prefixes: list[str]) -> list[str]:
    """Every page of one language (pl/about-dit/, pl/leaflet/, pl/offline/), embed pages aside."""
    pages = []
    for path in sorted((site / prefix).rglob("index.html")):
        address = path.parent.relative_to(site).as_posix() + "/"
        address = "" if address == "./" else address
        below = address[len(prefix):]
        if below.startswith("embed/") or any(address.startswith(other) for other in other_prefixes if other):
            continue
        pages.append(address)
    return pages


def _local(site: Path, base: str, link: str) -> str | None:
    """A link's file in the site ("assets/site.css"), or None for another host, a data: URL or a page."""
    if link.startswith(("data:", "#")) or "//" in link:
        return None
    path = urlsplit(urljoin("/" + base, html.unescape(link))).path.lstrip("/")
    return path if path and (site / path).is_file() else None


def used_files(site: Path, pages: list[str]) -> list[str]:
    """The files the pages link to in their <head> and images, and the files their stylesheets use."""
    found: set[str] = set()
    for page in pages:
        text = (site / page / "index.html").read_text(encoding="utf-8")
        found.update(filter(None, (_local(site, page, link) for link in LINKED.findall(text))))
    for sheet in [path for path in found if path.endswith(".css")]:
        text = (site / sheet).read_text(encoding="utf-8")
        found.update(filter(None, (_local(site, sheet, link) for link in CSS_URL.findall(text))))
    return sorted(found)


def _file(site: Path, path: str) -> Path:
    """The file behind an address the worker stores: a page ("pl/about-dit/", "" for home) or a file."""
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def sent_bytes(site: Path, files: list[str]) -> int:
    """What a host sends for these files, gzipped (as scripts/checks/page_weight.py counts)."""
    return sum(len(gzip.compress(_file(site, path).read_bytes(), 6, mtime=0)) for path in files)


def written_size(size: int) -> str:
    # 0-9 in every language: "KB" is English, and a number in a Latin name or unit keeps its digits
    # (docs/translating.md, "Digits"); the button marks it lang="en".
    return f"{math.ceil(size / 1024)} KB"


def checked_dates(site: Path, pages: list[str], phones: dict[str, settings.Phone], fallback: dt.date) -> dict[str, str]:
    """Per page, the oldest check of the helplines whose numbers it shows. A number not yet checked
    counts from the build (`make check-release` refuses to publish it)."""
    by_href: dict[str, list[dt.date]] = {}
    for phone in phones.values():
        by_href.setdefault(phone.href, []).append(phone.verified_on or fallback)
    dates = {}
    for page in pages:
        text = (site / page / "index.html").read_text(encoding="utf-8")
        found = [day for href in PHONE_HREF.findall(text) for day in by_href.get(html.unescape(href), [])]
        if found:
            dates[page] = min(found).isoformat()
    return dates


def theme_colour(site: Path, root: Path) -> str:
    clinic = settings.load_clinic(root)
    if clinic and clinic.get("brand_colour"):
        return clinic["brand_colour"]
    match = PRIMARY.search((site / "assets" / "site.css").read_text(encoding="utf-8"))
    return match.group(1) if match else "#000000"


def write_manifest(site: Path, language: Language, colour: str) -> str:
    """The language's web app manifest; its addresses are relative to it, so it works below a path."""
    up = "../" * language.prefix.count("/")
    name = language.strings["site_name"]
    manifest = {"name": name, "short_name": "DIT", "lang": language.code, "dir": language.direction,
                "start_url": "./", "scope": "./", "display": "minimal-ui",
                "background_color": "#ffffff", "theme_color": colour,
                "icons": [{"src": f"{up}assets/favicon.svg", "sizes": "any", "type": "image/svg+xml"}]}
    path = f"{language.prefix}{MANIFEST}"
    (site / path).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def write_offline_files(site: Path, root: Path, languages: list[Language], *, enabled: bool,
                        version: str, checked_fallback: dt.date) -> None:
    prefixes = [language.prefix for language in languages]
    digest = hashlib.sha256(version.encode())
    if enabled:
        phones = settings.load(root).phones
        colour = theme_colour(site, root)
        for language in languages:
            digest.update(_write_language(site, language, prefixes, phones, colour, checked_fallback).encode())
    left = [str(path.relative_to(site)) for path in site.rglob("*.html") if SIZE_TOKEN in path.read_text(encoding="utf-8")]
    if left:
        raise ValueError(f"scripts/outputs/offline.py: the offline button's size was not filled in: {', '.join(left[:5])}")
    build = {"enabled": enabled, "version": version, "cache": f"dit-offline-{version}-{digest.hexdigest()[:12]}",
             "prefixes": prefixes}
    worker = site / WORKER
    worker.write_text(worker.read_text(encoding="utf-8").replace(BUILD_TOKEN, json.dumps(build)), encoding="utf-8")


def _write_language(site: Path, language: Language, prefixes: list[str], phones: dict, colour: str,
                    fallback: dt.date) -> str:
    """One language's manifest and files.json, and its size on its pages' buttons; returns files.json."""
    others = [prefix for prefix in prefixes if prefix != language.prefix]
    pages = language_pages(site, language.prefix, others)
    manifest = write_manifest(site, language, colour)
    files = pages + used_files(site, pages) + [manifest]
    size = sent_bytes(site, files)
    strings = language.strings["offline"]
    listing = json.dumps({
        "lang": language.code, "files": files, "bytes": size, "manifest": manifest,
        "checked": checked_dates(site, pages, phones, fallback),
        "date_locale": digits.intl_locale(language.code, language.strings),
        "strings": {key: strings[key] for key in ("saved_on", "numbers_old")},
    }, ensure_ascii=False, indent=1)
    (site / language.prefix / "offline" / "files.json").write_text(listing + "\n", encoding="utf-8")
    for page in pages:
        path = site / page / "index.html"
        text = path.read_text(encoding="utf-8")
        if SIZE_TOKEN in text:
            path.write_text(text.replace(SIZE_TOKEN, written_size(size)), encoding="utf-8")
    return listing + "".join(hashlib.sha256(_file(site, path).read_bytes()).hexdigest() for path in files)
