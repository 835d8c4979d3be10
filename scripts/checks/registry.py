"""The one registry of quality gates. The CLI (`python -m scripts check NAME`), `make check-NAME` and
pytest (tests/test_checks.py) all run a gate from here, so it runs the same way from all three.

Each check has a name, a one-line description, what it needs (the sources, or a built site), whether
`make test` runs it, and a function from its inputs to its problems (empty means it passes) and a
report that names the page or file and the problem."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from scripts.checks import (
    a11y_set,
    accessibility,
    html_validation,
    links,
    page_weight,
    parity,
    readability,
    release_gate,
    review,
    terms,
    urgent_text,
)
from scripts.inputs import addresses, easy_read, release, settings, translations
from scripts.outputs import redirects
from scripts.system import own_thread
from scripts.system.serve_static import serve

Result = tuple[list[str], str]
SITE, SOURCES = "a built site", "the sources"


@dataclass(frozen=True)
class Inputs:
    root: Path = settings.ROOT     # the project: content/, settings/, mkdocs.yml
    site: Path | None = None       # the built site, for the checks that read one
    clinic: Path | None = None     # a clinic profile: the release check checks the project as it builds it
    pages: list[str] | None = None # some pages only ("pl/about-dit/"): a planted test checks just those


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    needs: str                     # SITE or SOURCES
    in_make_test: bool
    run: Callable[[Inputs], Result]


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


# Checks of a built site ---------------------------------------------------------------------------

def check_links(inputs: Inputs) -> Result:
    """With `inputs.pages`, only those pages and what they link to."""
    report = links.check(inputs.site, urlsplit(_site_url(inputs.root)).netloc, inputs.pages)
    return report.broken, report.text()


def check_external(inputs: Inputs) -> Result:
    urls = sorted(links.external_links(inputs.site, urlsplit(_site_url(inputs.root)).netloc))
    result = subprocess.run([sys.executable, "-m", "linkcheck", "--check-extern", "--recursion-level=0",
                             "--no-status", *urls], capture_output=True, text=True)
    problems = [] if result.returncode == 0 else [f"{len(urls)} external links checked: see the report"]
    return problems, result.stdout


def check_readability(inputs: Inputs) -> Result:
    scores, failures = readability.check(inputs.site, content_pages(inputs.site, inputs.root),
                                         settings.quality(inputs.root)["readability"])
    return failures, readability.report(scores, failures)


def check_accessibility(inputs: Inputs) -> Result:
    """Every page (with `inputs.pages`, only those)."""
    return _accessibility(inputs, inputs.pages or links.pages(inputs.site))


def check_accessibility_set(inputs: Inputs) -> Result:
    """The same checks on the fixed, stratified set (scripts/checks/a11y_set.py): every rule on some
    pages, the layout checks on the others."""
    if inputs.pages:
        return _accessibility(inputs, inputs.pages)
    chosen = a11y_set.stratified(inputs.site)
    return _accessibility(inputs, chosen.pages, chosen.layout_only)


def _accessibility(inputs: Inputs, pages: list[str], layout_only: frozenset[str] = frozenset()) -> Result:
    waivers = settings.read_yaml(inputs.root / "settings" / "a11y-waivers.yml") or {}
    with serve(inputs.site) as base:
        report = accessibility.check_parallel(base, ["/" + page for page in pages], waivers,
                                              frozenset("/" + page for page in layout_only))
    return report.violations + [f"request to another host: {u}" for u in report.other_hosts], report.text()


def check_html(inputs: Inputs) -> Result:
    """With `inputs.pages`, only those pages."""
    only = None if inputs.pages is None else [links.html_file(inputs.site, page) for page in inputs.pages]
    report = html_validation.check(inputs.site, settings.read_yaml(inputs.root / "settings" / "html-waivers.yml") or [],
                                   only)
    return report.errors, report.text()


def check_page_weight(inputs: Inputs) -> Result:
    problems, figures = own_thread.run(_weigh_pages, inputs.site)
    return problems, _report("Page weight (gzip, as a host sends it)", figures, problems)


def _weigh_pages(site: Path) -> tuple[list[str], dict]:
    from playwright.sync_api import sync_playwright

    from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        try:
            return page_weight.budget_problems(site, base, browser)
        finally:
            browser.close()


def check_published_addresses(inputs: Inputs) -> Result:
    published = addresses.published(inputs.root)
    missing = [f"{address}: published, but this build has no such page (add a move to settings/moves.yml)"
               for address in published
               if not (inputs.site / address.lstrip("/") / ("index.html" if address.endswith("/") else "")).exists()]
    unrecorded = [f"{address}: new in this build, not in settings/{addresses.PUBLISHED} (run `python -m "
                  "scripts record-addresses` and commit)"
                  for address in sorted(redirects.current_addresses(inputs.site) - set(published))]
    return missing + unrecorded, _report(f"{len(published)} published addresses", [], missing + unrecorded)


# Checks of the sources ----------------------------------------------------------------------------

def check_parity(inputs: Inputs) -> Result:
    codes = [language.code for language in settings.languages(inputs.root)]
    found = parity.project_differences(inputs.root / "content", codes, settings.quality(inputs.root)["length_ratio"])
    return found, _report(f"Structure of every translation against its English page ({', '.join(codes[1:])})", [], found)


def check_translations(inputs: Inputs) -> Result:
    """Every page and strings.yml translated, block by block up to date with the English it was made
    from (scripts/inputs/translations.py)."""
    content = inputs.root / "content"
    source, *others = [language.code for language in settings.languages(inputs.root)]
    statuses = {(s.lang, s.page): s for s in translations.table(content, [source, *others],
                                                                  settings.load(inputs.root).reviewers, source)}
    found = []
    for lang in others:
        for page in [*translations.pages(content, source), translations.STRINGS]:
            status = statuses.get((lang, page))
            if status is None and page == easy_read.SOURCE:
                continue  # Easy Read is English only until a language translates it
            if status is None:
                found.append(f"content/{lang}/{page}: missing (translate content/{source}/{page})")
            elif status.stale:
                found.append(f"content/{lang}/{page}: out of date with content/{source}/{page}: "
                             + "; ".join(_blocks_out_of_date(status))
                             + " (update them, then run `python -m scripts stamp`)")
    return found, _report("Translations against the English they were made from", [], found)


def _blocks_out_of_date(status: translations.Status) -> list[str]:
    stale = [p.key for p in status.stale_passages]
    missing = [p.english.key for p in status.passages if p.state == translations.MISSING]
    return ([f"{len(stale)} stale ({', '.join(stale)})"] if stale else []) \
        + ([f"{len(missing)} missing ({', '.join(missing)})"] if missing else [])


def check_terms(inputs: Inputs) -> Result:
    codes = [language.code for language in settings.languages(inputs.root)]
    found, figures = terms.problems(inputs.root, codes[1:])
    return found, _report("Rejected term variants in every translation (settings/termbase/)", figures, found)


def check_urgent_text(inputs: Inputs) -> Result:
    codes = [language.code for language in settings.languages(inputs.root)]
    found = urgent_text.problems(inputs.root / "content", inputs.root / "settings", codes,
                                 settings.load(inputs.root).urgent)
    return found, _report(f"Interpreter lines and ASCII digits in the urgent text of {', '.join(codes)}", [], found)


def check_review(inputs: Inputs) -> Result:
    found = review.overdue(inputs.root)
    lines = [f"Review dates on {release.build_date(inputs.root).isoformat()}: {len(found)} page(s) overdue."]
    return found, "\n".join(lines + [f"  OVERDUE {line}" for line in found])


def check_release(inputs: Inputs) -> Result:
    """Raises clinic.ProfileError, naming every problem, for a clinic profile that does not load."""
    found = (release_gate.clinic_problems(inputs.clinic, inputs.root) if inputs.clinic
             else release_gate.problems(inputs.root))
    return found, "\n".join(found + [f"Not ready for release: {len(found)} reason(s) above." if found
                                     else "Ready for release."])


def check_lint(inputs: Inputs) -> Result:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "--no-cache",
                             "scripts", "tests"], cwd=inputs.root, capture_output=True, text=True)
    found = [line for line in result.stdout.splitlines() if line.split(":", 1)[0].endswith(".py")]
    if result.returncode and not found:  # ruff itself failed (a bad setting): say how
        found = [f"ruff: {(result.stderr or result.stdout).strip()}"]
    return found, "\n".join([f"ruff check scripts tests: {len(found)} problem(s)."] + [f"  PROBLEM {line}" for line in found])


def _report(title: str, figures: list[str], problems: list[str]) -> str:
    return "\n".join([f"{title}: {len(problems)} problem(s)."] + [f"  {line}" for line in figures]
                     + [f"  PROBLEM {line}" for line in problems])


CHECKS = {check.name: check for check in (
    Check("links", "every page's internal links and #anchors, and every phone, text and email link", SITE, True,
          check_links),
    Check("readability", "every page's reading level and sentence lengths, in every language", SITE, True,
          check_readability),
    Check("a11y", "WCAG 2.2 A and AA (axe), reflow (also at 320 px) and text spacing, light and dark, phone and desktop, on "
          "every page (before a release; too slow for `make test`)", SITE, False, check_accessibility),
    Check("a11y-set", "the a11y check on a fixed stratified set: every template, component and language",
          SITE, True, check_accessibility_set),
    Check("html", "valid HTML on every page (Nu HTML Checker)", SITE, True, check_html),
    Check("page-weight", "bytes and requests of a first visit, a second page and an embed page, within budget",
          SITE, True, check_page_weight),
    Check("published-addresses", "every address ever published still resolves; every new one is recorded",
          SITE, True, check_published_addresses),
    Check("parity", "every translation keeps its English page's structure, links, placeholders and numbers",
          SOURCES, True, check_parity),
    Check("translations", "every translation exists and is up to date with the English it was made from",
          SOURCES, True, check_translations),
    Check("terms", "no translation uses a term variant its language's termbase rejects (matched by word stem)",
          SOURCES, True, check_terms),
    Check("urgent-text", "every language's /get-help-now/ says who can arrange an interpreter, and its urgent "
          "text writes numbers in ASCII digits", SOURCES, True, check_urgent_text),
    Check("review", "no page is past its review date (run on a schedule too)", SOURCES, True, check_review),
    Check("lint", "ruff over scripts/ and tests/ (settings in pyproject.toml)", SOURCES, True, check_lint),
    Check("external", "every external link answers (needs a network, so never in `make test`)", SITE, False,
          check_external),
    Check("release", "ready to publish: numbers checked, own addresses and publisher, no page overdue "
          "(the template fails it by design, so not in `make test`)", SOURCES, False, check_release),
)}


def in_make_test() -> list[str]:
    """The checks `make test` runs, which is what `check all` runs."""
    return [name for name, check in CHECKS.items() if check.in_make_test]


def run(name: str, site: Path | None = None, root: Path = settings.ROOT, clinic: Path | None = None,
        pages: list[str] | None = None) -> Result:
    """One check's problems and report."""
    return CHECKS[name].run(Inputs(root=root, site=site, clinic=clinic, pages=pages))
