"""docs/clinics.md shows clinics what each language says for the numbers they may set: the table
must be what the build writes, or a clinic would be promised the wrong sentence."""
from __future__ import annotations

import re

from scripts.inputs import digits, grammar, settings
from scripts.inputs.settings import ROOT

ROW = re.compile(r"^\| `([\w-]+)` \| `(\w+)` \| (\d+) \| (.+) \|$", re.M)


def test_the_clinic_guides_examples_are_the_sentences_the_build_writes():
    rows = ROW.findall((ROOT / "docs" / "clinics.md").read_text(encoding="utf-8"))
    assert {lang for lang, *_ in rows} == {language.code for language in settings.languages(ROOT)}
    for lang, key, n, shown in rows:
        strings = settings.load_strings(ROOT / "content", lang)
        count = grammar.count_field(strings["messages"][key])
        sentence = grammar.sentence(lang, strings, key, {count: int(n)})
        # The number as the page writes it: Persian ۱۶, Bengali ১৬ (strings.yml `digits`).
        assert re.sub(r"\{\{\s*\w+\s*\}\}", digits.written(n, lang, strings), sentence) == shown, (lang, key, n)
