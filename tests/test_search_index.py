"""Each language's search index as Material's search worker reads it: it cuts the page text, and
what a reader types, at the index's `separator` (docs/translating.md, "Search in every script").
tests/test_browser.py types words into the real search box."""
from __future__ import annotations

import json
import re

from scripts.inputs.settings import languages

OPENING_MARKS = "([{\"«„“‘‹（「『【《〈"


def _indexes(site):
    for language in languages():
        prefix = "" if language.default else f"{language.code}/"
        yield language.code, json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_a_word_in_brackets_or_quotes_is_indexed_without_them(site):
    # Material adds a trailing wildcard to every word typed, so a closing mark does no harm
    # ("dit*" finds "dit)"), but an opening one hides the word: "(nice)" is never found by "nice".
    for lang, index in _indexes(site):
        cut = re.compile(index["config"]["separator"])
        for doc in index["docs"]:
            text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
            glued = [word for word in cut.split(text) if word[:1] in OPENING_MARKS and len(word) > 1]
            assert not glued, f"{lang} search: /{doc['location']} has words glued to a mark: {glued[:5]}"


def test_no_index_stems_words_the_search_box_never_stems(site):
    # lunr runs no pipeline on a word with a wildcard, and Material adds one to every word typed:
    # Material's Chinese settings (an English stemmer) indexed "Fonagy" as "fonagi", never found.
    for lang, index in _indexes(site):
        assert not {"stemmer", "trimmer"} & set(index["config"]["pipeline"]), f"{lang}: {index['config']}"
