"""The quality gates over a built site: links, readability, accessibility and HTML. Each returns
its problems (empty means it passes) and a report that names the page and the problem."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from scripts.checks import accessibility, html_validation, links, readability
from scripts.inputs import settings
from scripts.system.serve_static import serve

Result = tuple[list[str], str]


def _site_url(root: Path) -> str:
    return settings.read_yaml(root / "mkdocs.yml")["site_url"]


def content_pages(site: Path, root: Path = settings.ROOT) -> dict[str, str]:
    """Every built content page (/pl/about-dit/) and its language."""
    codes = [language.code for language in settings.languages(root)]
    found = {}
    for page in links.pages(site):
        derived = "/embed/" in f"/{page}" or "/leaflet/" in f"/{page}"  # the same text, gated at its page
        derived = derived or "/offline/" in f"/{page}"  # offline page (docs/offline.md): strings, like 404.html
        if (page.endswith("/") or page == "") and not derived:
            first = page.split("/", 1)[0]
            found["/" + page] = first if first in codes[1:] else codes[0]
    return found


def check_links(site: Path, root: Path = settings.ROOT) -> Result:
    report = links.check(site, urlsplit(_site_url(root)).netloc)
    return report.broken, report.text()


def check_external(site: Path, root: Path = settings.ROOT) -> Result:
    """Fetch every external link (needs a network; never part of the offline gates)."""
    urls = sorted(links.external_links(site, urlsplit(_site_url(root)).netloc))
    result = subprocess.run([sys.executable, "-m", "linkcheck", "--check-extern", "--recursion-level=0",
                             "--no-status", *urls], capture_output=True, text=True)
    problems = [] if result.returncode == 0 else [f"{len(urls)} external links checked: see the report"]
    return problems, result.stdout


def check_readability(site: Path, root: Path = settings.ROOT) -> Result:
    scores, failures = readability.check(site, content_pages(site, root), settings.quality(root)["readability"])
    return failures, readability.report(scores, failures)


def check_accessibility(site: Path, root: Path = settings.ROOT) -> Result:
    addresses = ["/" + page for page in links.pages(site)]
    waivers = settings.read_yaml(root / "settings" / "a11y-waivers.yml") or {}
    with serve(site) as base:
        report = accessibility.check_parallel(base, addresses, waivers)
    return report.violations + [f"request to another host: {u}" for u in report.other_hosts], report.text()


def check_html(site: Path, root: Path = settings.ROOT) -> Result:
    report = html_validation.check(site, settings.read_yaml(root / "settings" / "html-waivers.yml") or [])
    return report.errors, report.text()


CHECKS = {"links": check_links, "readability": check_readability, "a11y": check_accessibility,
          "html": check_html, "external": check_external}
