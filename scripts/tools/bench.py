"""`make bench`: figures, never a pass or fail (the budgets are the page-weight check).

- Page weight of each kind of page in English and Arabic in headless Chromium (scripts/checks/page_weight.py):
  first visit, a second page, and after opening search; against the same pages built by an
  out-of-the-box Material configuration in the same run.
- Build time of the full site, each step's share, against a plain `mkdocs build` of the same content
  in every language (Material's defaults, static-i18n, none of our hooks or overrides).
- Scaling: the build with the content multiplied 1x, 4x and 16x, and with one language, the site's
  languages and twenty (the missing ones copies of the Polish pages under other codes); each
  language's build cost, and the twenty-language build against a plain build of the same content.
- How long each check `make test` runs takes on the whole site.
- How long `make test` takes (one run each: it takes minutes) as committed and without the newer half
  of its translations: the difference is each language's cost, and the projection to twenty follows.

Times are medians of several runs (`python -m scripts.tools.bench [runs]`, default 3). Prints a table and JSON.
`python -m scripts.tools.bench --build-only [runs]` measures only the build against the plain build;
`--languages [runs]` only what each language costs, in the build and in `make test`.
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
from scripts.engine import mkdocs_run
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
  custom_dir: overrides
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
"""
# Codes for the copies that make a project with fewer languages (a clinic's, say) up to TWENTY: codes
# Material has words for; the site's own twenty need none.
EXTRA_LANGUAGES = ["ro", "pt", "tr", "ta", "zh-Hant", "hi", "fr", "de", "it", "nl", "sv", "fi", "da", "el",
                   "bn", "zh-Hans", "fa", "uk"]
TWENTY = 20
LANGUAGE_ENTRY = re.compile(r"\n        - locale: (?P<code>[\w-]+)\n          name: .*")


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


def _plain_project(work: Path, source: Path = ROOT) -> Path:
    """The same content in every language, built by Material's defaults and static-i18n alone."""
    project = work / f"plain-{source.name}"
    shutil.copytree(source / "content", project / "content")
    # Only Material's words for codes it names otherwise (zh-Hans): without them it cannot build them.
    shutil.copytree(source / "overrides" / "partials" / "languages", project / "overrides" / "partials" / "languages")
    plugins = read_yaml(source / "mkdocs.yml")["plugins"]
    languages = next(plugin["i18n"]["languages"] for plugin in plugins if isinstance(plugin, dict) and "i18n" in plugin)
    entries = "".join(f"        - locale: {item['locale']}\n          name: {item['locale']}\n"
                      + ("          default: true\n" if item.get("default") else "") for item in languages)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG + entries, encoding="utf-8")
    return project


def _mkdocs(project: Path, out: Path) -> None:
    subprocess.run([*mkdocs_run.COMMAND, "build", "-q", "-d", str(out)], cwd=project,  # ROOT: the runner
                   env={**build.mkdocs_env(), "PYTHONPATH": str(ROOT)}, check=True, capture_output=True)


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


def site_languages(root: Path = ROOT) -> list[str]:
    return [m.group("code") for m in LANGUAGE_ENTRY.finditer((root / "mkdocs.yml").read_text(encoding="utf-8"))]


def _scaled_project(work: Path, copies: int, languages: int) -> Path:
    """A copy of the project with every non-index page copied `copies - 1` more times beside itself
    (same depth, so relative links still resolve), and 1 language, the site's own, or more (the extra
    ones copies of the Polish draft under other codes)."""
    project = build.copy_project(ROOT, work / f"project-{copies}x-{languages}")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # Copies are not in the navigation; say so quietly instead of failing --strict.
    text = text.replace("validation:\n  omitted_files: warn", "validation:\n  omitted_files: info")
    if languages == 1:
        for folder in (project / "content").iterdir():
            if folder.is_dir() and folder.name != "en":
                shutil.rmtree(folder)
        text = LANGUAGE_ENTRY.sub(lambda m: m.group(0) if m.group("code") == "en" else "", text)
    have = site_languages()
    for code in [c for c in EXTRA_LANGUAGES if c not in have][:max(0, languages - len(have))]:
        shutil.copytree(project / "content" / "pl", project / "content" / code)
        _hours_as_polish(project, code)
        last = have[-1]
        text = re.sub(rf"(\n        - locale: {re.escape(last)}\n          name: .*)",
                      rf"\1\n        - locale: {code}\n          name: {code}", text)
        have = [*have, code]
    config.write_text(text, encoding="utf-8")
    for page in list((project / "content").rglob("*.md")):
        if page.stem != "index":
            for n in range(2, copies + 1):
                page.with_name(f"{page.stem}-copy{n}.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def _hours_as_polish(project: Path, code: str) -> None:
    """A copied language's opening hours: the Polish ones under its code (the build needs them)."""
    path = project / "settings" / "helplines.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(\s+)pl: (.*)$", lambda m: f"{m.group(0)}\n{m.group(1)}{code}: {m.group(2)}", text, flags=re.M)
    path.write_text(text, encoding="utf-8")


def scaling(work: Path, runs: int) -> dict:
    out = {}
    own = len(site_languages())
    for copies, languages in ((1, own), (4, own), (16, own), (1, 1), (1, TWENTY)):
        project = _scaled_project(work, copies, languages)
        pages = sum(1 for _ in (project / "content").rglob("*.md"))
        seconds, steps = _median_build(project, work / f"out-{copies}-{languages}", runs)
        out[f"{copies}x content, {languages} languages"] = {
            "pages": pages, "seconds": round(seconds, 2), "ms_per_page": round(seconds / pages * 1000),
            "mkdocs_seconds": steps[build.MKDOCS_STEP]}
        if languages == TWENTY:
            out[f"{copies}x content, {languages} languages"].update(twenty_against_plain(project, work, runs))
        shutil.rmtree(project)
    one, ours = out["1x content, 1 languages"]["seconds"], out[f"1x content, {own} languages"]["seconds"]
    out["per_language_seconds"] = round((ours - one) / max(own - 1, 1), 2)
    return out


def twenty_against_plain(project: Path, work: Path, runs: int) -> dict:
    """The plain build of the twenty-language copy, for the ratio the issue sets (at most 1.5x)."""
    plain = _plain_project(work, project)
    times = []
    for run in range(runs):
        start = time.perf_counter()
        _mkdocs(plain, work / f"plain-twenty-{run}")
        times.append(time.perf_counter() - start)
        shutil.rmtree(work / f"plain-twenty-{run}")
    shutil.rmtree(plain)
    return {"plain_mkdocs_seconds": round(statistics.median(times), 2)}


def gate_times(site: Path) -> dict:
    out = {}
    for name in registry.in_make_test():
        start = time.perf_counter()
        registry.run(name, site)
        out[name] = round(time.perf_counter() - start, 1)
    return out


def test_time(root: Path = ROOT) -> dict:
    """`make test` as the Makefile runs it (two pytest-xdist workers), once, on this machine."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "-q", "-p", "no:cacheprovider"],
                          cwd=root, capture_output=True, text=True)
    summary = next((line for line in reversed(done.stdout.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    return {"seconds": round(time.perf_counter() - start, 1), "summary": summary.strip("= "), "returncode": done.returncode}


def _checkout_without(work: Path, dropped: list[str]) -> Path:
    """The committed project in a git worktree of its own, without the `dropped` languages."""
    tree = work / f"without-{len(dropped)}"
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), "HEAD"], cwd=ROOT, check=True)
    for shared in (".venv", "tools/hosts/node_modules"):
        if (ROOT / shared).exists():
            (tree / shared).symlink_to(ROOT / shared)
    config = tree / "mkdocs.yml"
    config.write_text(LANGUAGE_ENTRY.sub(lambda m: "" if m.group("code") in dropped else m.group(0),
                                         config.read_text(encoding="utf-8")), encoding="utf-8")
    for code in dropped:
        shutil.rmtree(tree / "content" / code)
        for extra in (tree / "settings" / "termbase" / f"{code}.tbx", tree / "docs" / "translating" / f"{code}.md"):
            extra.unlink(missing_ok=True)
        helplines = tree / "settings" / "helplines.yml"
        helplines.write_text(re.sub(rf"^\s+{re.escape(code)}: .*\n", "", helplines.read_text(encoding="utf-8"), flags=re.M),
                             encoding="utf-8")
    return tree


def test_cost_per_language(work: Path) -> dict:
    """`make test` on the committed project and on the same without the newer half of its
    translations, one after the other in this run: their difference over the languages dropped is
    what one language costs, and twenty languages cost the whole run plus that for each one more."""
    languages = site_languages()
    dropped = languages[len(languages) - (len(languages) - 1) // 2:]
    runs = {}
    for name, drop in (("all", []), ("fewer", dropped)):
        tree = _checkout_without(work, drop)
        try:
            runs[name] = test_time(tree)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
    per_language = (runs["all"]["seconds"] - runs["fewer"]["seconds"]) / len(dropped)
    return {"languages": len(languages), "without": dropped, "all": runs["all"], "fewer": runs["fewer"],
            "per_language_seconds": round(per_language, 1),
            "projected_twenty_seconds": round(runs["all"]["seconds"] + (TWENTY - len(languages)) * per_language)}


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
        results["make_test"] = test_cost_per_language(work)
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
    lines += ["", "Scaling (median build time):"]
    for name, s in results["scaling"].items():
        if isinstance(s, dict):
            lines.append(f"  {name:<28}{s['pages']:>5} pages {s['seconds']:>7} s {s['ms_per_page']:>5} ms/page (mkdocs {s['mkdocs_seconds']} s)"
                         + (f"; plain {s['plain_mkdocs_seconds']} s, ratio {s['seconds'] / s['plain_mkdocs_seconds']:.2f}x"
                            if "plain_mkdocs_seconds" in s else ""))
    lines.append(f"  build cost per language: {results['scaling']['per_language_seconds']} s")
    if "make_test" in results:
        t = results["make_test"]
        lines += ["", f"make test (one run each, 2 workers): {t['languages']} languages {t['all']['seconds']} s "
                  f"({t['all']['summary']}); without {', '.join(t['without'])} {t['fewer']['seconds']} s ({t['fewer']['summary']})",
                  f"  cost per language: {t['per_language_seconds']} s; projected with {TWENTY} languages: "
                  f"{t['projected_twenty_seconds']} s ({t['projected_twenty_seconds'] / 60:.1f} min)"]
    lines += ["", "Quality gates on the whole site:"] + [f"  {name}: {s} s" for name, s in results["gates_seconds"].items()]
    return "\n".join(lines)


def language_costs(work: Path, runs: int) -> dict:
    """What each language costs: the build with one language, the site's and twenty (against a plain
    build of the twenty), and `make test` with and without the newer half of the translations."""
    own = len(site_languages())
    found = {}
    for languages in sorted({1, own, TWENTY}):  # the site's own may be the twenty
        project = _scaled_project(work, 1, languages)
        _timed_build(project, work / f"warm-{languages}")  # PDFs and QR codes cached, as after a first build
        seconds, _ = _median_build(project, work / f"out-{languages}", runs)
        found[languages] = {"pages": sum(1 for _ in (project / "content").rglob("*.md")), "seconds": round(seconds, 2)}
        if languages == TWENTY:
            found[languages].update(twenty_against_plain(project, work, runs))
        shutil.rmtree(project)
    return {"build": found, "build_per_language_seconds": round((found[own]["seconds"] - found[1]["seconds"]) / max(own - 1, 1), 2),
            "make_test": test_cost_per_language(work)}


def language_lines(costs: dict) -> list[str]:
    b, t = costs["build"], costs["make_test"]
    lines = [f"Build: {n} language(s), {f['pages']} pages: {f['seconds']} s"
             + (f" (plain static-i18n build {f['plain_mkdocs_seconds']} s, ratio {f['seconds'] / f['plain_mkdocs_seconds']:.2f}x)"
                if "plain_mkdocs_seconds" in f else "") for n, f in b.items()]
    lines.append(f"Build cost per language: {costs['build_per_language_seconds']} s")
    lines += [f"make test: {t['languages']} languages {t['all']['seconds']} s ({t['all']['summary']}); without "
              f"{', '.join(t['without'])} {t['fewer']['seconds']} s ({t['fewer']['summary']})",
              f"make test cost per language: {t['per_language_seconds']} s; projected with {TWENTY} languages: "
              f"{t['projected_twenty_seconds']} s ({t['projected_twenty_seconds'] / 60:.1f} min)"]
    return lines


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(arguments[0]) if arguments else 3
    if "--build-only" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            print("\n".join(build_lines(build_times(Path(tmp), runs))))
        sys.exit(0)
    if "--languages" in sys.argv:  # only what each language costs (about 25 minutes with one run)
        with tempfile.TemporaryDirectory() as tmp:
            costs = language_costs(Path(tmp), runs)
        print("\n".join(language_lines(costs)))
        print(json.dumps(costs, indent=1))
        sys.exit(0)
    found = main(runs)
    print(table(found))
    print(json.dumps(found, indent=1))
