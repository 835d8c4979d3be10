"""Building: settings flow into every page, and bad input stops the build with a clear message."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts import build
from scripts.inputs import frontmatter
from scripts.inputs.settings import ROOT
from tests.conftest import page_path, soup


def test_changing_the_service_settings_changes_the_pages(changed):
    site = changed.site  # changes.fewer_sessions_by_video: 12 sessions of 45 minutes, by video only

    home = soup(page_path(site, "")).article.get_text(" ", strip=True)
    assert "12 sessions" in home and "45 minutes" in home
    assert "16" not in home
    expect = soup(page_path(site, "what-to-expect/")).article.get_text(" ", strip=True)
    assert "Sessions take place by video." in expect
    timeline = soup(page_path(site, "phases/")).select(".dit-timeline__sessions li")
    assert [int(li.get_text()) for li in timeline] == list(range(1, 13))
    ending = soup(page_path(site, "phases/ending/")).article.get_text(" ", strip=True)
    assert "sessions 10 to 12" in ending


@pytest.fixture(scope="module")
def refused(site, tmp_path_factory) -> tuple[str, Path]:
    """One strict build of a copy whose questions page has a broken link and a link to a missing
    anchor, over a copy of the built site: the build's error message, and that site's folder."""
    folder = tmp_path_factory.mktemp("refused")
    project = build.copy_project(ROOT, folder / "project")
    page = project / "content" / "en" / "questions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Gone](no-such-page.md)\n\n[Focus](glossary.md#no-such-term)\n",
                    encoding="utf-8")
    previous = shutil.copytree(site, folder / "site")  # the site as the last good build left it
    with pytest.raises(build.BuildError) as error:
        build.build(project, previous)
    return str(error.value), previous


def test_a_broken_link_fails_the_strict_build_and_keeps_the_old_site(refused):
    message, site = refused
    assert re.search(r"questions\.md.*no-such-page\.md", message), message
    assert (site / "questions" / "index.html").exists(), "the previous site is still there"
    assert "no-such-page" not in (site / "questions" / "index.html").read_text(encoding="utf-8")


def test_a_missing_anchor_fails_the_strict_build(refused):
    message, _ = refused
    assert "no-such-term" in message
    # A warning, which --strict makes fatal (the same build also holds the broken link).
    assert re.search(r"^WARNING\b.*no-such-term", message, re.M), message


def test_an_unknown_placeholder_names_the_file(project, tmp_path):
    page = project / "content" / "en" / "after-dit.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCall {{ phone:nobody }}.\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"content/en/after-dit\.md: unknown placeholder '\{\{ phone:nobody \}\}'"):
        build.build(project, tmp_path / "site")


def test_phases_that_do_not_add_up_are_rejected(project, tmp_path):
    settings = project / "settings" / "service.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("middle: [5, 12]", "middle: [5, 15]"),
                        encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"settings/service\.yml: field 'phases\.ending'"):
        build.build(project, tmp_path / "site")


GOOD = {"title": "T", "description": "D", "reviewed_by": "", "sources": [],
        "last_updated": __import__("datetime").date(2026, 11, 26),
        "next_review": __import__("datetime").date(2027, 11, 26)}


@pytest.mark.parametrize("change, message", [
    ({"title": None}, "front matter field 'title' is missing"),
    ({"next_review": "soon"}, "field 'next_review' must be a date like 2026-11-26"),
    ({"next_review": GOOD["last_updated"].replace(year=2028)}, "more than 12 months after 'last_updated'"),
    ({"next_review": GOOD["last_updated"]}, "'next_review' must be after 'last_updated'"),
    ({"reviewed_by": "dr-nobody"}, "names 'dr-nobody', who is not in settings/reviewers.yml"),
    ({"sources": ["made-up"]}, "names 'made-up', which is not in settings/sources.yml"),
])
def test_front_matter_problems_name_the_file_and_field(change, message):
    meta = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    found = frontmatter.problems(meta, "content/en/x.md", reviewers={}, source_ids=set())
    assert len(found) == 1 and found[0].startswith("content/en/x.md: ") and message in found[0]


def test_good_front_matter_has_no_problems():
    assert frontmatter.problems(GOOD, "content/en/x.md", reviewers={}, source_ids=set()) == []


def test_a_listed_reviewer_and_a_recorded_sign_off_are_named_on_their_pages(changed):
    site = changed.site  # changes.a_listed_reviewer_and_a_sign_off: the glossary's reviewer, two signed pages
    info = soup(page_path(site, "glossary/")).select_one(".dit-page-info").get_text(" ", strip=True)
    assert "Checked by: Test Reviewer, Test role" in info and "Not yet checked" not in info
    for signed in ("about-dit/", "phases/middle/"):
        info = soup(page_path(site, signed)).select_one(".dit-page-info").get_text(" ", strip=True)
        assert re.search(r"Checked by: Test Reviewer, Test role \(\s*2 November 2026\s*\)", info), info
    welsh = soup(page_path(site, "cy/about-dit/")).select_one(".dit-page-info").get_text(" ", strip=True)
    assert "Test Reviewer" not in welsh, "an English sign-off does not vouch for the Welsh page"
    assert soup(page_path(site, "glossary/")).select_one(".dit-unchecked") is None, "a page with a reviewer drops the top notice"
    assert soup(page_path(site, "questions/")).select_one(".dit-unchecked"), "an unsigned page keeps it"
    assert soup(page_path(site, "about-dit/")).select_one(".dit-unchecked") is None, "a recorded sign-off drops it too"
    other = soup(page_path(site, "questions/")).select_one(".dit-page-info").get_text(" ", strip=True)
    assert re.search("Not yet checked by a clinician", other)


@pytest.mark.parametrize("mkdocs_site_url, clinic_site_url, warned", [
    ("https://dit.example.org/", None, True),
    ("https://example.org/dit/", None, True),
    # example.org still appears in mkdocs.yml (the feedback address), but the site has its own address
    ("https://dit.nhs.example/", None, False),
    ("https://dit.example.org/", "https://dit.riverside.example/", False),
    ("https://dit.nhs.example/", "https://dit.example.org/", True),
])
def test_the_build_warns_only_when_the_site_address_is_the_placeholder(
        project, tmp_path, monkeypatch, capsys, mkdocs_site_url, clinic_site_url, warned):
    """The terminal warning after `python -m scripts build [--clinic ...]`. MkDocs itself is not run:
    the warning depends only on the address the site was built for."""
    from scripts import cli
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://dit.example.org/",
                                                                 f"site_url: {mkdocs_site_url}"), encoding="utf-8")
    assert "example.org" in config.read_text(encoding="utf-8")
    monkeypatch.setattr(cli, "ROOT", project)
    monkeypatch.setattr(build, "build", lambda *args, **kwargs: project / "site")
    monkeypatch.setattr(build, "build_for_clinic", lambda *args, **kwargs: project / "site")
    argv = ["build"]
    if clinic_site_url:
        profile = tmp_path / "clinic.yml"
        profile.write_text((ROOT / "docs" / "examples" / "clinic.yml").read_text(encoding="utf-8").replace(
            "site_url: https://dit.riverside.example/", f"site_url: {clinic_site_url}"), encoding="utf-8")
        argv += ["--clinic", str(profile)]
    assert cli.main(argv) == 0
    stderr = capsys.readouterr().err
    assert ("site_url is the placeholder" in stderr) == warned, stderr
    if warned:
        assert (clinic_site_url or mkdocs_site_url) in stderr
