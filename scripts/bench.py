"""`make bench`: figures, never a pass or fail. Page weight of each kind of page in English and Arabic,
measured in headless Chromium against the same pages built with an out-of-the-box Material
configuration in the same run, and the build time of the full site against a plain `mkdocs build` of
the same content (median of several runs). Prints a table and JSON.

Not yet measured here (issue 6): scaling with 4x/16x content and 6/12 languages, and each gate's time
(`pytest --durations` shows the gates' times on every test run)."""
from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import brotli

from scripts import build
from scripts.serve_static import serve
from scripts.settings import ROOT
from scripts.system_packages import CHROMIUM_ARGS, ensure_chromium

KINDS = {"content": "what-to-expect/", "home": "", "embed": "embed/what-to-expect/", "leaflet": "leaflet/"}
SECOND_PAGE = "phases/"
TYPES = {".html": "html", "/": "html", ".css": "css", ".js": "js", ".json": "js", ".woff2": "fonts",
         ".png": "images", ".svg": "images", ".ico": "images"}
BASELINE_CONFIG = "site_name: Baseline\ndocs_dir: docs\nuse_directory_urls: true\ntheme:\n  name: material\n  language: {lang}\n"


def _kind(url: str) -> str:
    path = urlsplit(url).path
    return next((kind for suffix, kind in TYPES.items() if path.endswith(suffix)), "other")


def _sizes(site: Path, urls: list[str]) -> dict:
    out = {"requests": len(urls)}
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        file = site / path / "index.html" if (site / path).is_dir() or path == "" else site / path
        body = file.read_bytes() if file.exists() else b""
        kind = _kind(url)
        for codec, size in (("gzip", len(gzip.compress(body, 6))), ("brotli", len(brotli.compress(body, quality=5)))):
            out[f"{codec}_{kind}"] = out.get(f"{codec}_{kind}", 0) + size
            out[f"{codec}_total"] = out.get(f"{codec}_total", 0) + size
    return out


def page_weight(site: Path, prefix: str, address: str, browser) -> dict:
    """Bytes (as gzip and brotli would send them) and requests: first visit, a second page, search."""
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        seen: list[str] = []
        context.on("request", lambda request: seen.append(request.url) if request.url.startswith(base) else None)
        tab = context.new_page()
        tab.goto(base + prefix + address, wait_until="networkidle")
        first = list(dict.fromkeys(seen))
        figures = {"first_visit": _sizes(site, first)}
        if (site / prefix / SECOND_PAGE).exists() and "embed" not in address and "leaflet" not in address:
            seen.clear()
            tab.goto(base + prefix + SECOND_PAGE, wait_until="networkidle")
            figures["second_page"] = _sizes(site, [u for u in dict.fromkeys(seen) if u not in first])
            seen.clear()
            search = tab.locator("label.md-header__button[for='__search']")
            if search.count():
                search.first.click()
                tab.locator("input.md-search__input").press_sequentially("DIT", delay=20)
                tab.wait_for_timeout(500)
            figures["after_search"] = _sizes(site, [u for u in dict.fromkeys(seen) if u not in first])
        context.close()
    return figures


def _baseline_site(lang: str, work: Path) -> Path:
    """The same pages built by Material with no overrides, hooks or extra features."""
    project = work / f"baseline-{lang}"
    (project / "docs").mkdir(parents=True)
    for page in (ROOT / "content" / lang).rglob("*.md"):
        target = project / "docs" / page.relative_to(ROOT / "content" / lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(BASELINE_CONFIG.format(lang=lang), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project,
                   env=build.mkdocs_env(), check=True, capture_output=True)
    return project / "site"


def build_times(work: Path, runs: int) -> dict:
    ours, plain = [], []
    for run in range(runs):
        start = time.perf_counter()
        build.build(ROOT, work / f"ours-{run}")
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        _baseline_site("en", work / f"plain-{run}")
        plain.append(time.perf_counter() - start)
    return {"full_site_seconds_median": round(statistics.median(ours), 2),
            "plain_mkdocs_english_seconds_median": round(statistics.median(plain), 2),
            "ratio": round(statistics.median(ours) / statistics.median(plain), 1), "runs": runs}


def main(runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright
    results: dict = {"page_weight": {}, "build": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        site = build.build(ROOT, work / "site")
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        for lang, prefix in (("en", ""), ("ar", "ar/")):
            baseline = _baseline_site(lang, work)
            for kind, address in KINDS.items():
                ours = page_weight(site, prefix, address, browser)
                entry = {"ours": ours}
                if kind in ("content", "home"):
                    entry["baseline"] = page_weight(baseline, "", address, browser)
                    entry["ratio_gzip"] = round(ours["first_visit"]["gzip_total"] / entry["baseline"]["first_visit"]["gzip_total"], 2)
                results["page_weight"][f"{lang}/{kind}"] = entry
        browser.close()
        results["build"] = build_times(work, runs)
    return results


def table(results: dict) -> str:
    lines = [f"{'page':<14}{'visit':<14}{'requests':>9}{'gzip KB':>9}{'brotli KB':>10}{'html':>7}{'css':>7}{'js':>7}{'fonts':>7}{'baseline gz':>12}"]
    for name, entry in results["page_weight"].items():
        for visit, f in entry["ours"].items():
            base = entry.get("baseline", {}).get(visit, {}).get("gzip_total")
            lines.append(f"{name:<14}{visit:<14}{f['requests']:>9}{f.get('gzip_total', 0) / 1024:>9.1f}"
                         f"{f.get('brotli_total', 0) / 1024:>10.1f}" + "".join(f"{f.get('gzip_' + k, 0) / 1024:>7.1f}" for k in ("html", "css", "js", "fonts"))
                         + (f"{base / 1024:>12.1f}" if base else f"{'':>12}"))
    b = results["build"]
    lines.append(f"\nBuild: full site {b['full_site_seconds_median']} s (median of {b['runs']}), plain mkdocs build of "
                 f"the English pages {b['plain_mkdocs_english_seconds_median']} s: {b['ratio']}x")
    return "\n".join(lines)


if __name__ == "__main__":
    found = main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(table(found))
    print(json.dumps(found, indent=1))
