"""Links that never break: the published-addresses check names an address that is gone and one not yet
recorded, and a moved page's old address redirects in every language."""
from __future__ import annotations

from scripts.checks import registry
from tests.conftest import soup
from tests.pages import LANGS


def test_a_published_address_that_is_gone_and_a_new_one_not_recorded_fail_the_check(project, tmp_path):
    """Every address ever published still resolving on the real site is tests/test_checks.py."""
    (project / "settings" / "published-addresses.txt").write_text("# published\n/\n/old-page/\n", encoding="utf-8")
    site = tmp_path / "site"
    for page in ("index.html", "new-page/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<!doctype html><title>x</title>", encoding="utf-8")
    problems, _ = registry.run("published-addresses", site, root=project)
    assert problems == [
        "/old-page/: published, but this build has no such page (add a move to settings/moves.yml)",
        "/new-page/: new in this build, not in settings/published-addresses.txt (run `python -m scripts "
        "record-addresses` and commit)"]


def test_a_moved_page_redirects_from_its_old_address_in_every_language(changed):
    site = changed.site  # changes.a_moved_page: words-we-use/ moved to glossary/
    for prefix in ["", *(f"{code}/" for code in LANGS[1:])]:
        page = soup(site / prefix / "words-we-use" / "index.html")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../glossary/"
        assert page.find("link", rel="canonical")["href"] == f"https://dit.example.org/{prefix}glossary/"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.a["href"] == "../glossary/" and page.a.get_text() == soup(site / prefix / "glossary" / "index.html").h1.get_text(strip=True)


def test_a_move_to_a_page_that_does_not_exist_is_rejected(project):
    from scripts.inputs import validate
    (project / "settings" / "moves.yml").write_text("- from: old/\n  to: nowhere/\n", encoding="utf-8")
    assert "settings/moves.yml: entry 1: 'to: nowhere/' is not a page" in validate.problems(project)
