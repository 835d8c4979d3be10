"""`make bench`: figures, never a pass or fail (the budgets are the page-weight check).

- Page weight of each kind of page in English and Arabic in headless Chromium (scripts/checks/page_weight.py):
  first visit, a second page, and after opening search; against the same pages built by an
  out-of-the-box Material configuration in the same run.
- Build time of the full site, each step's share, against a plain `mkdocs build` of the same content
  in every language (Material's defaults, static-i18n, none of our hooks or overrides).
- Scaling: the build with the content multiplied 1x, 4x and 16x, and with 1, 6 and 12 languages.
- How long each check `make test` runs takes on the whole site.
- How long `make test` itself takes (one run: it takes minutes), beside the build time, and how many tests ran.

Times are medians of several runs (`python -m scripts.tools.bench [runs]`, default 3). Prints a table and JSON.
`python -m scripts.tools.bench --build-only [runs]` measures only the build against the plain build.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import build
from scripts.checks import registry
from scripts.checks.page_weight import record, weigh
from scripts.inputs.settings import ROOT, read_yaml
from scripts.system.serve_static import serve
from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium

KINDS = {"content": "what-to-expect/", "home": "", "embed": "embed/what-to-expect/", "leaflet": "leaflet/"}
SECOND_PAGE = "phases/"
PLAIN_CONFIG = """site_name: Baseline
docs_dir: content
use_directory_urls: true
exclude_docs: strings.yml
theme:
  name: material
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
"""
EXTRA_LANGUAGES = {"fr": "Français", "de": "Deutsch", "it": "Italiano", "pt": "Português", "nl": "Nederlands", "tr": "Türkçe"}


# Page weight -----------------------------------------------------------------------------------

def page_weight(site: Path, prefix: str, address: str, browser) -> dict:
    """First visit; then, for full pages, a second page and opening search in the same visit."""
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        tab = context.new_page()
        first = record(tab, lambda: tab.goto(base + prefix + address))
        figures = {"first_visit": weigh(first)}
        if address in ("", KINDS["content"]):
            seen = set(first)
            second = record(tab, lambda: tab.goto(base + prefix + SECOND_PAGE))
            figures["second_page"] = weigh({u: b for u, b in second.items() if u not in seen})
            seen |= set(second)

            def search() -> None:
                tab.locator("label.md-header__button[for='__search']").first.click()
                tab.locator("input.md-search__input").press_sequentially("DIT", delay=20)
            after = record(tab, search)
            figures["after_search"] = weigh({u: b for u, b in after.items() if u not in seen})
        context.close()
    return figures


def _plain_project(work: Path) -> Path:
    """The same content in every language, built by Material's defaults and static-i18n alone."""
    project = work / "plain"
    shutil.copytree(ROOT / "content", project / "content")
    plugins = read_yaml(ROOT / "mkdocs.yml")["plugins"]
    languages = next(plugin["i18n"]["languages"] for plugin in plugins if isinstance(plugin, dict) and "i18n" in plugin)
    entries = "".join(f"        - locale: {item['locale']}\n          name: {item['locale']}\n"
                      + ("          default: true\n" if item.get("default") else "") for item in languages)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG + entries, encoding="utf-8")
    return project


def _mkdocs(project: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=project,
                   env=build.mkdocs_env(), check=True, capture_output=True)


def baseline_site(lang: str, work: Path) -> Path:
    """One language's pages built by Material with no overrides, hooks or extra features."""
    project = work / f"baseline-{lang}"
    shutil.copytree(ROOT / "content" / lang, project / "docs", ignore=shutil.ignore_patterns("strings.yml"))
    (project / "mkdocs.yml").write_text(
        f"site_name: Baseline\ndocs_dir: docs\nuse_directory_urls: true\ntheme:\n  name: material\n  language: {lang}\n",
        encoding="utf-8")
    _mkdocs(project, project / "site")
    return project / "site"


# Build time --------------------------------------------------------------------------------------

def _timed_build(project: Path, out: Path) -> tuple[float, dict[str, float]]:
    """One full build's seconds, and each step's; the site is removed afterwards."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    build.build(project, out, timings)
    seconds = time.perf_counter() - start
    shutil.rmtree(out)
    return seconds, timings


def _median_build(project: Path, work: Path, runs: int) -> tuple[float, dict[str, float]]:
    totals, steps = [], []
    work.mkdir(parents=True, exist_ok=True)
    for run in range(runs):
        seconds, timings = _timed_build(project, work / f"site-{run}")
        totals.append(seconds)
        steps.append(timings)
    return statistics.median(totals), {name: round(statistics.median(s[name] for s in steps), 2) for name in steps[0]}


def build_times(work: Path, runs: int) -> dict:
    """The full build and the plain one, alternating run by run, so a busy spell on a shared machine
    slows both alike."""
    plain = _plain_project(work)
    totals, steps, plain_times = [], [], []
    for run in range(runs):
        seconds, timings = _timed_build(ROOT, work / f"site-{run}")
        totals.append(seconds)
        steps.append(timings)
        start = time.perf_counter()
        _mkdocs(plain, work / f"plain-site-{run}")
        plain_times.append(time.perf_counter() - start)
        shutil.rmtree(work / f"plain-site-{run}")
    ours = statistics.median(totals)
    steps = {name: round(statistics.median(s[name] for s in steps), 2) for name in steps[0]}
    return {"full_site_seconds": round(ours, 2), "steps_seconds": steps,
            "plain_mkdocs_seconds": round(statistics.median(plain_times), 2),
            "ratio": round(ours / statistics.median(plain_times), 2), "runs": runs}


def _scaled_project(work: Path, copies: int, languages: int) -> Path:
    """A copy of the project with every non-index page copied `copies - 1` more times beside itself
    (same depth, so relative links still resolve), and 1, 6 or 12 languages (the extra six are copies
    of the Polish draft under other codes)."""
    project = build.copy_project(ROOT, work / f"project-{copies}x-{languages}")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Copies are not in the navigation; say so quietly instead of failing --strict.
    text = text.replace("validation:\n  omitted_files: warn", "validation:\n  omitted_files: info")
    if languages == 1:
        for folder in (project / "content").iterdir():
            if folder.is_dir() and folder.name != "en":
                shutil.rmtree(folder)
        text = re.sub(r"\n        - locale: (?!en\n)\w+\n          name: .*", "", text)
    elif languages == 12:
        for code, name in EXTRA_LANGUAGES.items():
            shutil.copytree(project / "content" / "pl", project / "content" / code)
            text = text.replace("        - locale: ur\n", f"        - locale: {code}\n          name: {name}\n        - locale: ur\n")
    config.write_text(text, encoding="utf-8")
    for page in list((project / "content").rglob("*.md")):
        if page.stem != "index":
            for n in range(2, copies + 1):
                page.with_name(f"{page.stem}-copy{n}.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def scaling(work: Path, runs: int) -> dict:
    out = {}
    for copies, languages in ((1, 6), (4, 6), (16, 6), (1, 1), (1, 12)):
        project = _scaled_project(work, copies, languages)
        pages = sum(1 for _ in (project / "content").rglob("*.md"))
        seconds, steps = _median_build(project, work / f"out-{copies}-{languages}", runs)
        out[f"{copies}x content, {languages} languages"] = {
            "pages": pages, "seconds": round(seconds, 2), "ms_per_page": round(seconds / pages * 1000),
            "mkdocs_seconds": steps[build.MKDOCS_STEP]}
        shutil.rmtree(project)
    return out


def gate_times(site: Path) -> dict:
    out = {}
    for name in registry.in_make_test():
        start = time.perf_counter()
        registry.run(name, site)
        out[name] = round(time.perf_counter() - start, 1)
    return out


def test_time() -> dict:
    """`make test` as the Makefile runs it (two pytest-xdist workers), once, on this machine."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True)
    summary = next((line for line in reversed(done.stdout.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    return {"seconds": round(time.perf_counter() - start, 1), "summary": summary.strip("= "), "returncode": done.returncode}


# Report ------------------------------------------------------------------------------------------

def main(runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "date": time.strftime("%Y-%m-%d"), "page_weight": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        site = build.build(ROOT, work / "site")
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        for lang, prefix in (("en", ""), ("ar", "ar/")):
            baseline = baseline_site(lang, work)
            for kind, address in KINDS.items():
                entry = {"ours": page_weight(site, prefix, address, browser)}
                if kind in ("content", "home"):
                    entry["baseline"] = page_weight(baseline, "", address, browser)
                    entry["ratio_gzip"] = round(entry["ours"]["first_visit"]["gzip_total"]
                                                / entry["baseline"]["first_visit"]["gzip_total"], 2)
                results["page_weight"][f"{lang}/{kind}"] = entry
        browser.close()
        results["gates_seconds"] = gate_times(site)
        results["build"] = build_times(work, runs)
        results["scaling"] = scaling(work, runs)
    results["make_test"] = test_time()
    return results


def build_lines(b: dict) -> list[str]:
    return [f"Build (median of {b['runs']} runs): full site {b['full_site_seconds']} s, plain mkdocs build of the "
            f"same content in every language {b['plain_mkdocs_seconds']} s",
            f"Build ratio (full / plain): {b['ratio']}x"] + [f"  {step}: {seconds} s" for step, seconds in b["steps_seconds"].items()]


def table(results: dict) -> str:
    kb = lambda figures, key: f"{figures.get(key, 0) / 1024:.1f}"  # noqa: E731
    head = f"{'page':<12}{'visit':<13}{'req':>4}{'gzip KB':>9}{'brotli':>8}{'html':>6}{'css':>6}{'js':>6}{'data':>6}{'fonts':>6}{'img':>6}  baseline gzip KB (req)"
    lines = [f"{results['date']}, {results['machine']}", "", head]
    for name, entry in results["page_weight"].items():
        for visit, f in entry["ours"].items():
            base = entry.get("baseline", {}).get(visit)
            lines.append(f"{name:<12}{visit:<13}{f['requests']:>4}{kb(f, 'gzip_total'):>9}{kb(f, 'brotli_total'):>8}"
                         + "".join(f"{kb(f, 'gzip_' + k):>6}" for k in ("html", "css", "js", "data", "fonts", "images"))
                         + (f"  {kb(base, 'gzip_total')} ({base['requests']})" if base else ""))
        if "ratio_gzip" in entry:
            lines.append(f"{'':<12}first visit against baseline: {entry['ratio_gzip']}x")
    b = results["build"]
    lines += [""] + build_lines(b)
    if "make_test" in results:
        lines.append(f"make test (one run, 2 workers): {results['make_test']['seconds']} s ({results['make_test']['summary']})")
    lines += ["", "Scaling (median build time):"]
    lines += [f"  {name:<28}{s['pages']:>5} pages {s['seconds']:>7} s {s['ms_per_page']:>5} ms/page (mkdocs {s['mkdocs_seconds']} s)"
              for name, s in results["scaling"].items()]
    lines += ["", "Quality gates on the whole site:"] + [f"  {name}: {s} s" for name, s in results["gates_seconds"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--build-only"]
    runs = int(arguments[0]) if arguments else 3
    if "--build-only" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            print("\n".join(build_lines(build_times(Path(tmp), runs))))
        sys.exit(0)
    found = main(runs)
    print(table(found))
    print(json.dumps(found, indent=1))
