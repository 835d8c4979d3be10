"""Links that never break: every address ever published still resolves, and a moved page's old
address redirects in every language."""
from __future__ import annotations

from scripts.inputs.settings import ROOT
from scripts.outputs import redirects
from tests.conftest import soup


def test_every_published_address_still_resolves(site):
    published = redirects.published(ROOT)
    assert len(published) > 400
    missing = [a for a in published if not (site / a.lstrip("/") / ("index.html" if a.endswith("/") else "")).exists()]
    assert missing == [], "an address that was published no longer exists: add a move to settings/moves.yml"


def test_every_address_of_this_build_is_recorded_as_published(site):
    new = sorted(redirects.current_addresses(site) - set(redirects.published(ROOT)))
    assert new == [], f"run `.venv/bin/python -m scripts record-addresses` and commit: {new[:5]}"


def test_a_moved_page_redirects_from_its_old_address_in_every_language(changed):
    site = changed.site  # changes.a_moved_page: words-we-use/ moved to glossary/
    for prefix in ("", "cy/", "pl/", "es/", "ar/", "ur/"):
        page = soup(site / prefix / "words-we-use" / "index.html")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../glossary/"
        assert page.find("link", rel="canonical")["href"] == f"https://dit.example.org/{prefix}glossary/"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.a["href"] == "../glossary/" and page.a.get_text() == soup(site / prefix / "glossary" / "index.html").h1.get_text(strip=True)


def test_a_move_to_a_page_that_does_not_exist_is_rejected(project):
    from scripts.inputs import validate
    (project / "settings" / "moves.yml").write_text("- from: old/\n  to: nowhere/\n", encoding="utf-8")
    assert "settings/moves.yml: entry 1: 'to: nowhere/' is not a page" in validate.problems(project)
