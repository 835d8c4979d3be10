"""Review dates: an overdue page says so, the build warns, and check-review fails; "today" is the
commit's date (or SOURCE_DATE_EPOCH), so an old commit always builds the same. That no page is overdue
today is the review check (tests/test_checks.py)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from scripts.checks import review
from scripts.inputs import release
from scripts.inputs.settings import ROOT, load_strings
from tests import changes
from tests.conftest import page_path, soup


def test_build_date_comes_from_source_date_epoch_or_the_commit(monkeypatch):
    release.build_date.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", changes.epoch("2030-02-03"))
    assert release.build_date() == dt.date(2030, 2, 3)
    release.build_date.cache_clear()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    committed = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert release.build_date() == dt.date.fromisoformat(committed)
    release.build_date.cache_clear()


def test_an_overdue_page_shows_a_notice_in_its_language(changed):
    # changes.an_overdue_polish_page: the Polish glossary was due on 2027-01-01; built on changes.TODAY
    assert changes.TODAY == "2027-06-01"
    notice = soup(page_path(changed.site, "pl/glossary/")).select_one("article .dit-due")
    assert notice.get_text(strip=True) == load_strings(ROOT / "content", "pl")["page_info"]["due_for_review"]
    assert soup(page_path(changed.site, "pl/about-dit/")).select_one(".dit-due") is None
    assert review.overdue(changed.project, dt.date(2027, 6, 1)) == [
        "content/pl/glossary.md: review was due on 2027-01-01 (check the page, then update last_updated and next_review)"]


def test_check_review_fails_on_an_overdue_page():
    future = {"SOURCE_DATE_EPOCH": changes.epoch("2028-01-01")}
    import os
    result = subprocess.run([sys.executable, "-m", "scripts", "check-review"], cwd=ROOT,
                            env={**os.environ, **future}, capture_output=True, text=True)
    assert result.returncode == 1
    due = re.search(r"^next_review: (\S+)$", (ROOT / "content" / "en" / "index.md").read_text(encoding="utf-8"), re.M).group(1)
    assert due < "2028-01-01" and f"OVERDUE content/en/index.md: review was due on {due}" in result.stdout
