"""The bad-input corpus (tests/bad_inputs/*.yml): each case damages a copy of the project in one way
and names the exact message the check must give. Validation only, so the corpus runs in seconds."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from scripts import build
from scripts.inputs import validate
from scripts.inputs.settings import ROOT

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yml"))


def damage(project: Path, case: dict) -> None:
    if "replace" in case:
        edit = case["replace"]
        path = project / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"the case no longer matches {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    if "write" in case:
        (project / case["write"]["file"]).write_text(case["write"]["text"], encoding="utf-8")
    if "write_latin1" in case:
        (project / case["write_latin1"]["file"]).write_bytes(case["write_latin1"]["text"].encode("latin-1"))
    if "keep_front_matter_only" in case:
        path = project / case["keep_front_matter_only"]
        path.write_text(re.match(r"\A---\n.*?\n---\n", path.read_text(encoding="utf-8"), re.S).group(0), encoding="utf-8")
    if "delete" in case:
        (project / case["delete"]).unlink()
    if "copy_folder" in case:
        shutil.copytree(project / case["copy_folder"]["from"], project / case["copy_folder"]["to"])
    if "delete_folder" in case:
        shutil.rmtree(project / case["delete_folder"])


def test_the_corpus_has_at_least_25_cases():
    assert len(CASES) >= 25


def test_the_real_project_has_no_problems():
    assert validate.problems(ROOT) == []


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_each_bad_input_gets_its_exact_message(project, path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    damage(project, case)
    found = validate.problems(project)
    if "expect_start" in case:
        matching = [p for p in found if p.startswith(case["expect_start"]) and case["expect"] in p]
    else:
        matching = [p for p in found if p == case["expect"]]
    assert matching, f"{case['what']}: expected {case['expect']!r}, got {found}"


def test_every_problem_is_reported_at_once(project):
    for name in ("01-missing-title", "14-missing-translation", "23-service-not-number"):
        damage(project, yaml.safe_load((Path(__file__).parent / "bad_inputs" / f"{name}.yml").read_text(encoding="utf-8")))
    found = validate.problems(project)
    # Settings problems stop the check first (nothing else can be trusted without them); fix and rerun.
    assert found == ["settings/service.yml: field 'minutes' must be a whole number from 30 to 60, not 'fifty'"]
    (project / "settings" / "service.yml").write_text(
        (ROOT / "settings" / "service.yml").read_text(encoding="utf-8"), encoding="utf-8")
    found = validate.problems(project)
    assert "content/en/glossary.md: front matter field 'title' is missing" in found
    assert "content/ur/glossary.md: missing (every page of content/en/ needs a translation here)" in found


def test_a_failed_build_leaves_the_previous_site_untouched(project, tmp_path, site):
    site = shutil.copytree(site, tmp_path / "site")  # the site as the last good build left it
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    damage(project, yaml.safe_load((Path(__file__).parent / "bad_inputs" / "02-bad-date.yml").read_text(encoding="utf-8")))
    with pytest.raises(build.BuildError, match="must be a date like 2026-11-26"):
        build.build(project, site)
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == before
    assert not list(tmp_path.glob(".site-*")), "no half-written build is left behind"
