"""Accessibility: axe-core (WCAG 2.2 A and AA rules) on whole pages in Debian's headless Chromium,
in light and dark colour schemes, at phone and desktop widths, then reflow (1.4.10) and text spacing
(1.4.12) checks that axe does not make. One browser tab per page runs all of them. Any request to
another host is blocked and reported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import axe_playwright_python

from scripts.checks import text_spacing
from scripts.system import own_thread
from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Rules axe files under best practice, run as well: a dialog without a name is announced as just
# "dialog" (Material's search).
EXTRA_RULES = ["aria-dialog-name"]
# The only WCAG rules whose result depends on colour: the dark scheme re-runs just these.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The WCAG rules whose result depends on how long a page's words are: a longer translation can make a
# table scroll (its scroll region must take focus) or crowd a link's target. A page checked for layout
# only runs just these, with reflow and text spacing (scripts/checks/a11y_set.py says which pages).
LAYOUT_RULES = ["scrollable-region-focusable", "target-size"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# WCAG 1.4.10 Reflow is met at 320 CSS px wide: the narrowest phones, where a long translation in the
# header pushed its buttons off the screen while 390 px had room. Only reflow is measured there.
NARROWEST = {"width": 320, "height": 844}
SCHEMES = ("light", "dark")


@dataclass
class A11yReport:
    violations: list[str] = field(default_factory=list)
    waived: list[str] = field(default_factory=list)
    incomplete: dict[str, set[str]] = field(default_factory=dict)  # rule -> pages axe could not decide
    other_hosts: list[str] = field(default_factory=list)
    runs: int = 0

    def text(self) -> str:
        lines = [f"Accessibility (axe-core, WCAG 2.2 A/AA): {self.runs} runs, "
                 f"{len(self.violations)} violation(s), {len(self.other_hosts)} request(s) to other hosts."]
        lines += [f"  VIOLATION {v}" for v in self.violations]
        lines += [f"  BLOCKED REQUEST {u}" for u in self.other_hosts]
        lines += [f"  waived: {w}" for w in self.waived]
        lines.append("Needs a person to check (axe 'incomplete'):")
        lines += [f"  {rule}: {len(pages)} page(s), e.g. {sorted(pages)[0]}" for rule, pages in sorted(self.incomplete.items())]
        return "\n".join(lines)


MIN_PAGES_PER_BROWSER = 4


def check_parallel(base_url: str, addresses: list[str], waivers: dict[str, str],
                   layout_only: frozenset[str] = frozenset()) -> A11yReport:
    """The same check, split over one Chromium per processor core (each in a process of its own:
    Playwright's synchronous API drives one browser per thread). A few pages are checked here, in
    one browser: starting a process and a browser costs about as much as checking a page."""
    workers = max(1, min(os.cpu_count() or 1, 4, len(addresses) // MIN_PAGES_PER_BROWSER))
    if workers == 1:
        report = check(base_url, addresses, waivers, layout_only=layout_only)
        report.violations.sort()
        return report
    chunks = [addresses[i::workers] for i in range(workers)]
    options = json.dumps({"waivers": waivers, "layout_only": sorted(layout_only)})
    processes = [subprocess.Popen([sys.executable, "-m", "scripts.checks.accessibility", base_url, options, *chunk],
                                  stdout=subprocess.PIPE, text=True) for chunk in chunks if chunk]
    report = A11yReport()
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError("an accessibility worker failed")
        part = json.loads(out)
        report.violations += part["violations"]
        report.waived += part["waived"]
        report.other_hosts += part["other_hosts"]
        report.runs += part["runs"]
        for rule, pages in part["incomplete"].items():
            report.incomplete.setdefault(rule, set()).update(pages)
    report.violations.sort()
    return report


# Material's search builds its index in a worker on every page load; axe does not use it and the
# search dialog is checked as it is before first use, so that work is blocked here.
SEARCH_WORK = ["*/search/search_index.json*", "*/workers/search.*"]


def check(base_url: str, addresses: list[str], waivers: dict[str, str], browser=None, *,
          layout_only: frozenset[str] = frozenset()) -> A11yReport:
    """Run axe on every address (relative to base_url); on those in `layout_only`, only the layout
    checks. `waivers` maps an axe rule id to its reason. `browser` is a running Playwright browser to
    share; without one, Chromium is started here, unable to resolve any host but this machine's, so a
    request to another host is blocked as well as reported."""
    if browser is None:
        return own_thread.run(_check_in_own_browser, base_url, addresses, waivers, layout_only)
    return _check(base_url, addresses, waivers, browser, layout_only)


def _check_in_own_browser(base_url: str, addresses: list[str], waivers: dict[str, str],
                          layout_only: frozenset[str]) -> A11yReport:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path=str(ensure_chromium()),
                                         args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        try:
            return _check(base_url, addresses, waivers, own, layout_only)
        finally:
            own.close()


def _check(base_url: str, addresses: list[str], waivers: dict[str, str], browser,
           layout_only: frozenset[str]) -> A11yReport:
    report = A11yReport()
    # No request routing: Playwright turns the browser's cache off for a routed context, and each page
    # would then fetch and compile Material's scripts and styles again. Requests are watched instead.
    context = browser.new_context()
    context.on("request", lambda request: None if request.url.startswith((base_url, "data:")) else
               report.other_hosts.append(f"{request.url} (from {request.frame.url})"))
    # axe in every document before the page's own scripts: compiled once, not once per page.
    context.add_init_script(path=str(AXE_SCRIPT))
    try:
        tab = context.new_page()
        devtools = context.new_cdp_session(tab)
        devtools.send("Network.enable")
        devtools.send("Network.setBlockedURLs", {"urls": SEARCH_WORK})
        for address in addresses:
            _check_page(tab, base_url, address, waivers, report, layout_only=address in layout_only)
    finally:
        context.close()
    return report


# Once the page is in the colour scheme asked for (emulation may take a moment to reach it), axe.
RUN_AXE = """async ([scheme, options]) => {
  const query = matchMedia(`(prefers-color-scheme: ${scheme})`);
  if (!query.matches) {
    await new Promise((settled, failed) => {
      query.addEventListener("change", settled, {once: true});
      setTimeout(() => failed(new Error(`the page did not switch to the ${scheme} scheme`)), 10000);
    });
  }
  return axe.run(document, {...options, resultTypes: ["violations", "incomplete"]});
}"""
# Each width in both schemes, ordered so the scheme changes only when the width does not.
STATES = [("desktop", "light"), ("desktop", "dark"), ("phone", "dark"), ("phone", "light")]
LAYOUT_STATES = [("desktop", "light"), ("phone", "light")]


def _check_reflow(tab, where: str, report: A11yReport) -> None:
    """WCAG 1.4.10 Reflow: at the tab's width nothing may make the page scroll sideways."""
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 1:
        report.violations.append(f"{where}: reflow: the page scrolls sideways by {overflow}px")


def _check_page(tab, base_url: str, address: str, waivers: dict[str, str], report: A11yReport, *,
                layout_only: bool = False) -> None:
    """One page load: at phone and desktop widths the reflow check and axe in light and dark schemes
    (four runs; for layout only, the layout rules in light, two runs); reflow at 320 px; then, with a
    reader's text spacing applied, the text-spacing check at both widths."""
    tab.set_viewport_size(VIEWPORTS["desktop"])
    tab.emulate_media(color_scheme="light")
    tab.goto(base_url + address.lstrip("/"), wait_until="load")
    # Check the settled page, not colours caught halfway through a theme transition.
    tab.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    measured, scheme_now = set(), "light"
    for width, scheme in LAYOUT_STATES if layout_only else STATES:
        if width not in measured:
            measured.add(width)
            tab.set_viewport_size(VIEWPORTS[width])
            _check_reflow(tab, f"{address} [{width}]", report)
        if scheme != scheme_now:
            tab.emulate_media(color_scheme=scheme)
            scheme_now = scheme
        # Light runs every WCAG rule; dark changes only colours, so it re-runs the colour rules.
        options = ({"runOnly": {"type": "rule", "values": LAYOUT_RULES}} if layout_only else
                   {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "rules": {r: {"enabled": True} for r in EXTRA_RULES}}
                   if scheme == "light" else {"runOnly": {"type": "rule", "values": COLOUR_RULES}})
        result = tab.evaluate(RUN_AXE, [scheme, options])
        report.runs += 1
        where = f"{address} [{width}, {scheme}]"
        for violation in result["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            line = f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            if violation["id"] in waivers:
                report.waived.append(f"{line} (waiver: {waivers[violation['id']]})")
            else:
                report.violations.append(line)
        for item in result["incomplete"]:
            report.incomplete.setdefault(item["id"], set()).add(address)
    tab.set_viewport_size(NARROWEST)
    _check_reflow(tab, f"{address} [320px]", report)
    # WCAG 1.4.12 Text Spacing: with a reader's spacing applied, at each width, no text is cut off.
    tab.add_style_tag(content=text_spacing.overrides_css(tab.evaluate("document.documentElement.lang")))
    for width in ("phone", "desktop"):
        tab.set_viewport_size(VIEWPORTS[width])
        for problem in text_spacing.cut_off_text(tab):
            report.violations.append(f"{address} [{width}]: text spacing: {problem}")


if __name__ == "__main__":  # a worker of check_parallel: BASE_URL OPTIONS_JSON ADDRESS...
    given = json.loads(sys.argv[2])
    found = check(sys.argv[1], sys.argv[3:], given["waivers"], layout_only=frozenset(given["layout_only"]))
    print(json.dumps({**asdict(found), "incomplete": {k: sorted(v) for k, v in found.incomplete.items()}}))
