"""A translation whose English changed keeps its words, says so at the top, and marks each stale
passage with a labelled link to the English passage (scripts/inputs/stale_marks.py): in the Markdown
(pure tests), and on the built pages in a real browser, left to right and right to left, in the page
and in its embed."""
from __future__ import annotations

import markdown
import yaml
from bs4 import BeautifulSoup

from scripts.inputs import stale_marks
from scripts.inputs.frontmatter import split
from scripts.inputs.segments import EXTENSIONS, body_blocks
from scripts.inputs.settings import ROOT
from tests import changes

CONTENT = ROOT / "content"


def _marked(lang: str, page: str, keys: list[str]) -> tuple[str, BeautifulSoup]:
    _, body = split((CONTENT / lang / page).read_text(encoding="utf-8"))
    blocks = {b.key: b for b in body_blocks(body)}
    english = {b.key: b for b in body_blocks(split((CONTENT / "en" / page).read_text(encoding="utf-8"))[1])}
    marked = stale_marks.mark(body, {key: english[key] for key in keys},
                              lambda block: stale_marks.marker("STALE", f"../../x/#{block.section}"))
    assert all(blocks[key].text in marked for key in keys), "the translation's words stay"
    return marked, BeautifulSoup(markdown.markdown(marked, extensions=EXTENSIONS), "html.parser")


def test_each_kind_of_stale_block_is_marked_and_nothing_else():
    keys = ["top.p1", "top.note1", "feel-worse.h", "feel-worse.p2", "young-people.li2"]
    source, html = _marked("pl", "get-help-now.md", keys)
    markers = html.select("a.dit-stale")
    assert len(markers) == len(keys) and {m["hreflang"] for m in markers} == {"en"}
    assert [m["href"] for m in markers] == ["../../x/#top", "../../x/#top", "../../x/#feel-worse",
                                            "../../x/#feel-worse", "../../x/#young-people"]
    assert markers[0].parent.name == "p" and markers[0].parent.get_text().startswith("STALE Jeśli")
    assert markers[1].find_parent("div", class_="admonition"), "an admonition's title: marked in its body"
    assert markers[2].parent.find_previous_sibling("h2")["id"] == "feel-worse", "after the heading, not in it"
    assert markers[4].parent.name == "li" and markers[4].find_parent("ul")
    heading = html.find("h2", id="feel-worse")
    assert "STALE" not in heading.get_text(), "the heading (and so the table of contents) is unchanged"


def test_a_page_with_no_stale_block_is_unchanged():
    _, body = split((CONTENT / "ar" / "about-dit.md").read_text(encoding="utf-8"))
    assert stale_marks.mark(body, {}, lambda block: "never") == body


def strings(lang: str) -> dict:
    return yaml.safe_load((CONTENT / lang / "strings.yml").read_text(encoding="utf-8"))["translation"]


def test_stale_passages_are_marked_in_polish_and_arabic_and_link_to_the_english_passage(changed, browser):
    from scripts.system.serve_static import serve
    with serve(changed.site) as url:
        tab = browser.new_page()
        try:
            for lang in ("pl", "ar"):
                words = strings(lang)
                for address in (f"{lang}/{changes.CHANGED_PAGE}/", f"{lang}/embed/{changes.CHANGED_PAGE}/"):
                    tab.goto(f"{url}{address}")
                    note = tab.locator(".dit-translation__stale")
                    assert words["stale_marked"] in " ".join(note.inner_text().split()), address
                    marker = tab.get_by_role("link", name=words["stale_passage"])
                    assert marker.count() == 1 and marker.is_visible(), f"{address}: one passage changed"
                    # The marker starts the passage whose English changed: the first under #childhood.
                    assert marker.evaluate("a => a.parentElement.previousElementSibling.id") == changes.CHANGED_SECTION
                    assert marker.evaluate("a => a.href") == f"{url}{changes.CHANGED_PAGE}/#{changes.CHANGED_SECTION}"
                    if lang == "ar":  # right to left: the marker sits at the start (the right) of its line
                        box, line = marker.bounding_box(), marker.evaluate(
                            "a => { const r = a.parentElement.getBoundingClientRect(); return r.right; }")
                        assert marker.evaluate("a => getComputedStyle(a).direction") == "rtl"
                        assert abs(box["x"] + box["width"] - line) < 30, (box, line)
            marker.click()
            tab.wait_for_url(f"{url}{changes.CHANGED_PAGE}/#{changes.CHANGED_SECTION}")
            assert tab.locator(f"#{changes.CHANGED_SECTION}").is_visible()
            assert tab.evaluate("document.documentElement.lang") == "en"
        finally:
            tab.close()
