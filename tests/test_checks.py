"""Every check `make test` runs passes on the real site, run through the one registry
(scripts/checks/registry.py) exactly as `python -m scripts check NAME` and `make check-NAME` run it; and
the CLI, make, pytest and docs/quality-gates.md all know the same checks. The planted failures that
show each check names the page and the problem are in tests/test_quality_gates.py."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from scripts.checks import a11y_set, registry
from scripts.inputs.settings import ROOT


def runs_of(chosen: a11y_set.Selection) -> int:
    """Four axe runs on a page checked with every rule, two on a page checked for layout only."""
    return 4 * len(chosen.every_rule) + 2 * len(chosen.layout_only)


def reports_that_checked_something(site) -> dict[str, list[str]]:
    """What a passing report must also say, so a check that silently checked nothing cannot pass."""
    return {
        "links": ["Checked", "https://doi.org/10.1017/S0033291719000928"],
        "a11y-set": [f"{runs_of(a11y_set.stratified(site))} runs"],
        "html": ["waived"],  # the one known theme quirk, with its reason
        "page-weight": ["/ur/what-to-expect/ first visit"],
    }


@pytest.mark.parametrize("name", registry.in_make_test())
def test_check_passes(site, name):
    problems, report = registry.run(name, site)
    assert problems == [], f"`python -m scripts check {name}` found problems:\n{report}"
    for words in reports_that_checked_something(site).get(name, []):
        assert words in report, f"the {name} report does not say {words!r}:\n{report}"


def cli_list() -> dict[str, bool]:
    """Every check `python -m scripts check --list` names, and whether `make test` runs it."""
    out = subprocess.run([sys.executable, "-m", "scripts", "check", "--list"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return {line.split()[0]: line.split()[1] == "make" for line in out.splitlines()}


def test_the_cli_make_and_pytest_know_the_same_checks():
    listed = cli_list()
    assert list(listed) == list(registry.CHECKS)
    assert [name for name, in_make_test in listed.items() if in_make_test] == registry.in_make_test()
    # make: `make check-NAME` runs the registry's check for every name (one pattern rule, no list).
    dry_run = subprocess.run(["make", "-n", *(f"check-{name}" for name in listed)], cwd=ROOT, capture_output=True,
                             text=True)
    for name in listed:
        assert re.search(rf"-m scripts check .*\b{re.escape(name)}$", dry_run.stdout, re.M), dry_run.stdout
    # The Makefile names no check of its own: its other check-* targets are not gates.
    targets = set(re.findall(r"^(check-[\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    assert targets == {"check-variants"}, "add a check to scripts/checks/registry.py, not to the Makefile"
    # pytest: one test per check `make test` runs.
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                "tests/test_checks.py::test_check_passes"], cwd=ROOT, capture_output=True, text=True)
    # (sorted: tests/conftest.py starts the longest check first)
    assert sorted(re.findall(r"test_check_passes\[(.+?)\]", collected.stdout)) == sorted(registry.in_make_test()), \
        collected.stdout


def docs_table() -> str:
    rows = [f"| `make check-{check.name}` | {check.description} | {check.needs} | "
            f"{'yes' if check.in_make_test else 'no'} |" for check in registry.CHECKS.values()]
    return "\n".join(["| command | what it checks | needs | in `make test` |", "|---|---|---|---|", *rows])


def test_the_quality_gates_page_lists_every_check():
    page = (ROOT / "docs" / "quality-gates.md").read_text(encoding="utf-8")
    assert docs_table() in page, f"docs/quality-gates.md: replace the table of checks with:\n\n{docs_table()}\n"
