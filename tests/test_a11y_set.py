"""The stratified set `make test` runs the browser checks on (scripts/checks/a11y_set.py): every
template and every component, in every language, from the real built site; and every part of the
site on a page that gets every axe rule."""
from __future__ import annotations

import shutil

from scripts.checks import a11y_set, links
from scripts.inputs import settings

LANGUAGES = [language.code for language in settings.languages()]


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def html_only(site, folder):
    """The built pages alone (the set is chosen from HTML), to change one without copying the rest."""
    for path in site.rglob("*.html"):
        target = folder / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return folder


def test_every_language_has_each_template_in_the_set(site):
    chosen = a11y_set.stratified(site).pages
    every = set(links.pages(site))
    assert set(chosen) <= every
    for lang in LANGUAGES:
        mine = [page for page in chosen if page.startswith(prefix(lang)) and
                (lang != LANGUAGES[0] or not page.startswith(tuple(f"{code}/" for code in LANGUAGES[1:])))]
        kinds = {"404" if page.endswith("404.html") else "embed" if "embed/" in page else
                 "leaflet" if page.endswith("leaflet/") else "page" for page in mine}
        assert kinds == {"404", "embed", "leaflet", "page"}, (lang, mine)


def joins_the_set_once_changed(site, folder, page: str, change) -> bool:
    """Whether `page`, left out of the set today, is in it once `change` (old HTML -> new) is made."""
    copy = html_only(site, folder)
    assert page not in a11y_set.stratified(copy).pages, "pick a page the set leaves out today"
    path = links.html_file(copy, page)
    path.write_text(change(copy, path.read_text(encoding="utf-8")), encoding="utf-8")
    return page in a11y_set.stratified(copy).pages


def test_a_component_on_one_page_only_brings_that_page_into_the_set_with_every_rule(site, tmp_path):
    def add_a_box(_, html: str) -> str:
        return html.replace("</article>", '<aside class="dit-new-box">Nuevo</aside></article>', 1)
    assert joins_the_set_once_changed(site, tmp_path / "site", "es/glossary/", add_a_box)
    assert "es/glossary/" in a11y_set.stratified(tmp_path / "site").every_rule


def test_every_rule_runs_on_every_part_of_the_site_and_in_every_language(site):
    chosen = a11y_set.stratified(site)
    assert set(chosen.every_rule) < set(chosen.pages), "some pages are checked for layout only"
    parts = {page: a11y_set.parts_of(links.html_file(site, page).read_text(encoding="utf-8")) for page in links.pages(site)}
    everywhere = set().union(*(found.parts for found in parts.values()))
    assert set().union(*(parts[page].parts for page in chosen.every_rule)) == everywhere
    assert {parts[page].lang for page in chosen.every_rule} == set(LANGUAGES)


def test_the_page_with_a_languages_longest_word_is_in_the_set(site, tmp_path):
    def add_a_longer_word(copy, html: str) -> str:
        longest = max(a11y_set.parts_of(links.html_file(copy, other).read_text(encoding="utf-8")).longest_word
                      for other in links.pages(copy) if other.startswith("pl/"))  # a web address, today
        word = ("Konstantynopolitańczykowianeczka" * 10)[: longest + 1]
        return html.replace("</article>", f"<p>{word}</p></article>", 1)
    assert joins_the_set_once_changed(site, tmp_path / "site", "pl/phases/ending/", add_a_longer_word)
