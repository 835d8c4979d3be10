"""`make check-release`: the template fails it with every reason listed; a project made ready passes."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.inputs import release
from scripts.inputs.settings import ROOT


def check_release(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The gate as an editor runs it, on the project at `root` (a copy runs its own scripts)."""
    return subprocess.run([sys.executable, "-m", "scripts", "check-release", *args], cwd=root,
                          capture_output=True, text=True)


def make_ready(project: Path) -> None:
    """What a deployment does before release: every number checked today, its own addresses."""
    today = release.build_date(ROOT).isoformat()
    path = project / "settings" / "helplines.yml"
    path.write_text(re.sub(r"verified_on: null", f"verified_on: {today}", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("https://dit.example.org/", "https://dit.riverside-nhs.uk/")
    text = text.replace("feedback@dit.example.org", "dit-feedback@riverside-nhs.uk")
    text = text.replace("name: The DIT patient information project", "name: Riverside Talking Therapies")
    config.write_text(text, encoding="utf-8")


def test_the_template_fails_the_release_gate_with_every_reason():
    result = check_release(ROOT)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    helplines = yaml.safe_load((ROOT / "settings" / "helplines.yml").read_text(encoding="utf-8"))
    for key in helplines:
        assert (f"settings/helplines.yml: '{key}' has no verified_on date (check the number against the "
                "organisation's own page, then set the date)") in lines
    assert any(line.startswith("mkdocs.yml: site_url 'https://dit.example.org/' is a placeholder") for line in lines)
    assert any(line.startswith("mkdocs.yml: extra.feedback.email 'feedback@dit.example.org' is a placeholder")
               for line in lines)
    assert any(line.startswith("mkdocs.yml: extra.publisher.name 'The DIT patient information project' is the "
                               "template's") for line in lines)


def test_a_project_made_ready_passes_the_release_gate(project):
    make_ready(project)
    result = check_release(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ready for release." in result.stdout


def test_an_old_check_an_overdue_page_and_a_feedback_form_on_example_org_fail(project):
    make_ready(project)
    today = release.build_date(ROOT)
    helplines = project / "settings" / "helplines.yml"
    old = (today - dt.timedelta(days=400)).isoformat()
    helplines.write_text(re.sub(r"(samaritans: .*verified_on: )[0-9-]+", rf"\g<1>{old}",
                                helplines.read_text(encoding="utf-8")), encoding="utf-8")
    page = project / "content" / "en" / "questions.md"
    page.write_text(re.sub(r"next_review: .*", f"next_review: {today - dt.timedelta(days=1)}",
                           page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('url: ""', "url: https://forms.example.org/dit"),
                      encoding="utf-8")
    result = check_release(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        f"settings/helplines.yml: 'samaritans' verified_on {old} is more than 12 months old "
        "(check the number again, then update the date)",
        "mkdocs.yml: extra.feedback.url 'https://forms.example.org/dit' is a placeholder (set your own form's address)",
        f"content/en/questions.md: review was due on {today - dt.timedelta(days=1)} "
        "(check the page, then update last_updated and next_review)",
    ]


def test_a_clinic_build_is_checked_with_its_own_lines_and_addresses(project, tmp_path):
    make_ready(project)
    profile = yaml.safe_load((ROOT / "docs" / "examples" / "clinic.yml").read_text(encoding="utf-8"))
    profile.pop("logo")
    del profile["urgent_help"]["local"][0]["hours"]
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = check_release(project, "--clinic", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        f"{path}: key 'urgent_help.local[0]' (riverside_crisis) has no verified_on date (check the number "
        "against the organisation's own page, then set the date)",
        f"{path}: key 'urgent_help.local[0]' (riverside_crisis): the clinic's own line has no hours (say when "
        "it answers, like hours: {en: Every day, 24 hours})",
        f"{path}: key 'site_url' 'https://dit.riverside.example/' is a placeholder (set the address the site "
        "is published at)",
        f"{path}: key 'contact.email' 'dit@riverside.example' is a placeholder (set an address a person reads)",
    ]
    profile["site_url"] = "https://dit.riverside-nhs.uk/"
    profile["contact"]["email"] = "dit@riverside-nhs.uk"
    profile["urgent_help"]["local"][0].update(hours={"en": "Every day, 24 hours", "pl": "Codziennie, całą dobę",
                                                     "ur": "ہر روز، 24 گھنٹے"}, verified_on=release.build_date(ROOT))
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    result = check_release(project, "--clinic", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
