"""Link check: every page of every language, over HTTP, internal links and #anchors, with linkchecker.

Decisions (linkchecker's known behaviour):
- It runs over HTTP against a local server: in file mode it cannot check anchors on directory URLs.
- The server sends a `LinkChecker` header, which stops linkchecker throttling itself on localhost.
- The report is read from standard output (CSV): run as root, linkchecker becomes `nobody` and
  silently writes no -F files.
- tel:, sms: and mailto: links are not fetched (nothing answers them offline). Instead every phone
  and text link is checked here with phonenumbers (a UK number in E.164, or a known short code), and
  every mailto: address for its form.
- External links are never fetched offline: they are collected into one report; `make check-external`
  checks them where a network exists.
- #anchors are checked here, from one parse of each built file (every `id`, and `name` on <a>, as
  linkchecker's own anchor check reads them), not by linkchecker: with its anchor check on, it
  fetches and parses a page again for every different #anchor that points at it (about 2,000).
  linkchecker still fetches every internal address, once each, over HTTP.
"""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from scripts.inputs import phones
from scripts.system.serve_static import serve

NOT_FETCHED = r"^(tel|sms|mailto):"
MAILTO = re.compile(r"^mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}$")


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)      # "page: link (why)"
    external: dict[str, set[str]] = field(default_factory=dict)  # link -> pages that use it
    checked: int = 0
    anchors: int = 0  # links to an #anchor on one of this site's pages, checked from the files

    def text(self) -> str:
        lines = [f"Checked {self.checked} links and {self.anchors} #anchor links: {len(self.broken)} broken."]
        lines += [f"  BROKEN {line}" for line in self.broken]
        lines.append(f"External links (not fetched offline; `make check-external` checks them): {len(self.external)}")
        lines += [f"  {url}  (on {len(pages)} page(s), e.g. {sorted(pages)[0]})" for url, pages in sorted(self.external.items())]
        return "\n".join(lines)


def pages(site: Path) -> list[str]:
    """Every HTML page the build wrote (this includes pages nothing links to and those in the sitemap)."""
    return [page_of(site, path) for path in sorted(site.rglob("*.html"))]


def page_of(site: Path, path: Path) -> str:
    """The address of a built file as pages() gives it ("pl/about-dit/", "404.html")."""
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def html_file(site: Path, page: str) -> Path:
    """The file of a page address as pages() gives it ("pl/about-dit/", "404.html")."""
    return site / (page + "index.html" if page.endswith("/") or page == "" else page)


def _html_files(site: Path, only: list[str] | None) -> list[Path]:
    return sorted(site.rglob("*.html")) if only is None else [html_file(site, page) for page in only]


class ParsedPage(HTMLParser):
    """What the checks need from one parse of a built page (Python's own parser: no tree is built)."""

    def __init__(self, text: str):
        super().__init__()
        self.anchors: set[str] = set()  # every id, and name on <a>: what #anchors may name
        self.links: list[str] = []      # every href of an <a> or <area>
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        if tag in ("a", "area") and values.get("href") is not None:
            self.links.append(values["href"])


class Pages:
    """Built pages, each parsed once, when first needed."""

    def __init__(self, site: Path):
        self.site, self._parsed = site, {}

    def __getitem__(self, path: Path) -> ParsedPage:
        if path not in self._parsed:
            self._parsed[path] = ParsedPage(path.read_text(encoding="utf-8"))
        return self._parsed[path]


def external_links(site: Path, own_host: str, only: list[str] | None = None,
                   parsed: Pages | None = None) -> dict[str, set[str]]:
    parsed = parsed or Pages(site)
    links: dict[str, set[str]] = {}
    for path in _html_files(site, only):
        for href in parsed[path].links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and parts.netloc != own_host:
                links.setdefault(href, set()).add("/" + path.relative_to(site).as_posix())
    return links


def bad_phone_link(href: str) -> str | None:
    """Why a tel: or sms: link would not connect, or None: it must dial a UK number in E.164 or one of
    the short codes (scripts/inputs/phones.py), exactly as the number's own check writes it."""
    target = href.split(":", 1)[1].split("?", 1)[0]
    try:
        number = phones.parse(target)
    except ValueError as error:
        return str(error)
    return None if number.tel == target else f"dials {target}, not the one form {number.tel}"


def bad_contact_links(site: Path, only: list[str] | None = None, parsed: Pages | None = None) -> list[str]:
    """mailto: links that are not email addresses, and tel:/sms: links that would not connect."""
    parsed = parsed or Pages(site)
    found = []
    for path in _html_files(site, only):
        page = "/" + path.relative_to(site).as_posix()
        for href in parsed[path].links:
            if href.startswith("mailto:"):
                if not MAILTO.match(href):
                    found.append(f"{page}: {href} (not an email address)")
            elif href.startswith(("tel:", "sms:")) and (problem := bad_phone_link(href)):
                found.append(f"{page}: {href} ({problem})")
    return found


def missing_anchors(site: Path, only: list[str] | None = None, parsed: Pages | None = None) -> tuple[int, list[str]]:
    """How many links name an #anchor of one of this site's HTML pages, and those whose page has no
    such id (or <a name>). A missing page is linkchecker's to report; anchors in other kinds of file
    are not checked."""
    parsed = parsed or Pages(site)
    checked, found = 0, []
    for path in _html_files(site, only):
        address = "/" + page_of(site, path)
        for href in parsed[path].links:
            target = urlsplit(urljoin("http://site" + address, href))
            if target.netloc != "site" or not target.fragment:
                continue
            file = site / target.path.lstrip("/")
            file = file / "index.html" if target.path.endswith("/") else file
            if file.suffix == ".html" and file.is_file():
                checked += 1
                if unquote(target.fragment) not in parsed[file].anchors:
                    found.append(f"{address}: {target.path}#{target.fragment} (anchor `{target.fragment}' not found)")
    return checked, found


CONFIG = """\
[checking]
threads=4
# Our own local server sends the LinkChecker header, which lets this rate apply (no throttling).
maxrequestspersecond=500
[filtering]
checkextern=0
internlinks=^{own_site}
ignore=
  {not_fetched}
"""


def check(site: Path, own_host: str, only: list[str] | None = None) -> LinkReport:
    """Every page, or `only` the pages named (addresses as pages() gives them) and what they link to
    (each link and #anchor on them, but not the links on the pages they link to)."""
    parsed = Pages(site)
    anchors, missing = missing_anchors(site, only, parsed)
    report = LinkReport(external=external_links(site, own_host, only, parsed),
                        broken=bad_contact_links(site, only, parsed) + missing, anchors=anchors)
    with tempfile.TemporaryDirectory() as tmp, serve(site, headers={"LinkChecker": "allowed"}) as base:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG.format(not_fetched=NOT_FETCHED, own_site=re.escape(base)), encoding="utf-8")
        config.chmod(0o644)
        Path(tmp).chmod(0o755)  # readable by `nobody`, whom linkchecker becomes when run as root
        command = [sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status", "--verbose", "-o", "csv",
                   *(["--recursion-level=1"] if only is not None else []),
                   *[base + page for page in (pages(site) if only is None else only)]]
        result = subprocess.run(command, capture_output=True, text=True)
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        report.checked += 1
        page = (row.get("parentname") or row["urlname"]).replace(base, "/")
        link = (row.get("url") or row["urlname"]).replace(base, "/")
        if row["valid"] != "True":
            report.broken.append(f"{page}: {link} ({row['result']})")
        elif row.get("warningstring"):
            report.broken.append(f"{page}: {link} ({row['warningstring'][:200]})")
    if result.returncode not in (0, 1) or (report.checked == 0):
        raise RuntimeError(f"linkchecker did not run: {result.stderr.strip()}")
    return report
