"""Pages and strings cut into the blocks a translator translates (scripts/inputs/segments.py), and
block-level status (scripts/inputs/translations.py): one changed English sentence stales exactly its
block in every language; reordering stales nothing; an added block is missing, a removed one gone.
Pure functions on a copy of content/, no build."""
from __future__ import annotations

import re
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.inputs import translations
from scripts.inputs.frontmatter import split
from scripts.inputs.segments import EXTENSIONS, body_blocks, fingerprint, located, page_blocks, strings_blocks
from scripts.inputs.settings import ROOT, languages

CONTENT = ROOT / "content"
TRANSLATED = [language.code for language in languages()][1:]
PAGE = "about-dit.md"
SENTENCE = "This includes the anxiety that can come with it."  # one sentence of content/en/about-dit.md


def english(page: str = PAGE) -> str:
    return (CONTENT / "en" / page).read_text(encoding="utf-8")


def statuses(content, page: str = PAGE) -> dict[str, translations.Status]:
    return {lang: translations.status_of(content / lang / page, content / "en" / page, lang, page, {})
            for lang in TRANSLATED}


def copy_of_content(tmp_path):
    return shutil.copytree(CONTENT, tmp_path / "content")


def test_each_kind_of_block_keeps_its_placeholders_links_and_id_inside():
    blocks = {b.key: b for b in page_blocks((CONTENT / "en" / "get-help-now.md").read_text(encoding="utf-8"))}
    assert blocks["title"].text == "Get help now" and blocks["description"].kind == "description"
    assert blocks["feel-worse.h"].text == "If you feel worse, but you are not in danger {#feel-worse}"
    assert blocks["top.note1"].kind == "admonition_title" and blocks["top.note1"].text == "If a life is at risk"
    assert blocks["top.notep1"].text.startswith("Call {{ phone:emergency }} now")
    assert blocks["young-people.li2"].text == "If you are under 19, call Childline on {{ phone:childline }}."
    assert "{{ urgent_routes }}" not in {b.text for b in blocks.values()}, "a placeholder alone is not for translators"
    about = {b.key: b for b in page_blocks(english())}
    assert "[depression](glossary.md#depression)" in about["patterns.p1"].text, "a link stays whole, inside its block"


def test_a_list_items_paragraphs_and_a_nested_list_are_blocks_of_their_own():
    text = "---\ntitle: T\n---\n\n## Steps {#steps}\n\n- First.\n\n    More on first.\n\n    - Nested.\n\n- Second.\n"
    assert [(b.key, b.text) for b in page_blocks(text)][1:] == [
        ("steps.h", "Steps {#steps}"), ("steps.li1", "First."), ("steps.li2", "More on first."),
        ("steps.li3", "Nested."), ("steps.li4", "Second.")]


def test_rewrapping_a_paragraph_keeps_its_fingerprint():
    assert fingerprint("One sentence.\nAnother  one.") == fingerprint("One sentence. Another one.")
    assert fingerprint("One sentence.") != fingerprint("One sentence!")


def test_every_translation_is_stamped_block_by_block_and_up_to_date():
    for status in translations.table(CONTENT, [language.code for language in languages()], {}):
        counts = status.counts
        assert not status.stale and counts["stale"] == counts["missing"] == 0, (status.lang, status.page)
        assert counts["translated"] > 0


def test_changing_one_english_sentence_stales_exactly_its_block_in_every_language(tmp_path):
    content = copy_of_content(tmp_path)
    page = content / "en" / PAGE
    assert english().count(SENTENCE) == 1
    page.write_text(english().replace(SENTENCE, "This includes the worry that can come with it."), encoding="utf-8")
    for lang, status in statuses(content).items():
        assert [(p.key, p.english.key) for p in status.stale_passages] == [("patterns.p1", "patterns.p1")], lang
        assert status.counts["missing"] == 0 and status.counts["translated"] == len(page_blocks(english())) - 1
        assert status.stale and status.label == "draft, STALE"
    for lang in TRANSLATED:  # every other page stays up to date
        assert not translations.status_of(content / lang / "glossary.md", content / "en" / "glossary.md",
                                          lang, "glossary.md", {}).stale


def top_level_chunks(body: str) -> list[str]:
    """A page's body cut where a line starts at the margin after a blank line: a heading, paragraph,
    list or admonition (with its indented body) each stays whole."""
    return re.split(r"\n\n+(?=\S)", body.strip())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(top_level_chunks(english().split("\n---\n", 1)[1])))))
def test_reordering_english_blocks_stales_nothing(tmp_path_factory, order):
    content = tmp_path_factory.mktemp("reordered")
    header, body = english().split("\n---\n", 1)
    chunks = top_level_chunks(body)
    for lang in ("en", *TRANSLATED):
        (content / lang).mkdir()
        shutil.copy(CONTENT / lang / PAGE, content / lang / PAGE)
    (content / "en" / PAGE).write_text(header + "\n---\n\n" + "\n\n".join(chunks[i] for i in order) + "\n", encoding="utf-8")
    for lang, status in statuses(content).items():
        assert status.counts["stale"] == status.counts["missing"] == 0 and not status.stale, lang


def test_an_added_english_block_is_missing_and_a_removed_one_no_longer_counted(tmp_path):
    content = copy_of_content(tmp_path)
    before = {lang: status.counts for lang, status in statuses(content).items()}
    removed = "DIT looks for one pattern that keeps coming back, and the feelings and wishes under it."
    assert english().count(removed) == 1
    text = english().replace(removed + "\n", "") + "\nA new paragraph.\n"  # a section's last, in the last section
    (content / "en" / PAGE).write_text(text, encoding="utf-8")
    for lang, status in statuses(content).items():
        missing = [p.english for p in status.passages if p.state == translations.MISSING]
        assert [b.text for b in missing] == ["A new paragraph."], lang
        assert status.counts == {**before[lang], "translated": before[lang]["translated"] - 1, "missing": 1}
        assert status.stale, "a missing block makes the page out of date"


def test_changing_one_english_string_stales_exactly_that_entry_in_every_language(tmp_path):
    content = copy_of_content(tmp_path)
    strings = content / "en" / "strings.yml"
    text = strings.read_text(encoding="utf-8")
    strings.write_text(text.replace("  more: Urgent help in every part of the UK", "  more: Urgent help across the UK"),
                       encoding="utf-8")
    for lang in TRANSLATED:
        status = translations.status_of(content / lang / "strings.yml", strings, lang, "strings.yml", {})
        assert [p.key for p in status.stale_passages] == ["urgent.more"] and status.counts["missing"] == 0


def test_a_message_is_one_block_whatever_the_languages_plural_categories():
    polish = yaml.safe_load((CONTENT / "pl" / "strings.yml").read_text(encoding="utf-8"))
    blocks = {b.key: b for b in strings_blocks(polish)}
    assert "few:" in blocks["messages.sessions_weekly"].text and "segments" not in {k.split(".")[0] for k in blocks}


def test_a_language_that_writes_its_own_digits_has_the_same_blocks_as_the_english():
    # `digits: native` says how numbers are written, like `date_locale`: no word to translate, so
    # stamp and parity do not see it as an entry the English lacks.
    english = yaml.safe_load((CONTENT / "en" / "strings.yml").read_text(encoding="utf-8"))
    native = dict(english, digits="native")
    assert [b.key for b in strings_blocks(native)] == [b.key for b in strings_blocks(english)]


def test_a_language_that_gives_its_own_grammar_has_the_same_blocks_as_the_english():
    # Pashto's strings.yml gives its "or" list (CLDR's is half there): grammar data, not words, so
    # `stamp` does not refuse the file as having entries the English lacks.
    english = yaml.safe_load((CONTENT / "en" / "strings.yml").read_text(encoding="utf-8"))
    pashto = yaml.safe_load((CONTENT / "ps" / "strings.yml").read_text(encoding="utf-8"))
    assert "list_patterns" in pashto
    given_grammar = dict(english, list_patterns=pashto["list_patterns"], plural_rules={"one": "n = 1"})
    assert [b.key for b in strings_blocks(given_grammar)] == [b.key for b in strings_blocks(english)]


def test_every_block_of_every_page_is_found_on_its_own_line_in_the_source():
    for page in sorted(CONTENT.rglob("*.md")):
        _, body = split(page.read_text(encoding="utf-8"))
        lines = body.split("\n")
        where = located(body)
        assert [b.key for b, _ in where] == [b.key for b in body_blocks(body)], page
        for block, line in where:
            first = block.text.split("\n", 1)[0].strip()
            assert first in lines[line], (page, block.key)


def test_blocks_are_cut_with_the_markdown_extensions_the_site_renders_with():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.search(r"^markdown_extensions:\n((?:  .*\n)+)", config, flags=re.M).group(1)
    assert re.findall(r"^  - ([\w.]+)", listed, flags=re.M) == EXTENSIONS


def test_each_table_cell_is_a_block():
    text = ("---\ntitle: T\n---\n\n<table markdown>\n<tr><th markdown>Line</th>"
            "<td markdown>Call [Samaritans](get-help-now.md) on {{ phone:samaritans }}</td></tr>\n</table>\n")
    assert [(b.key, b.kind, b.text) for b in page_blocks(text)][1:] == [
        ("top.td1", "table_cell", "Line"), ("top.td2", "table_cell", "Call [Samaritans](get-help-now.md) on {{ phone:samaritans }}")]
