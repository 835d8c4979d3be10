"""How each language's search index tells Material's search worker to cut text into words, so that a
word typed in any script finds the pages that contain it (docs/translating.md, "Search in every
script"). Material's settings for the language are kept, except where they stop whole words matching."""
from __future__ import annotations

from backrefs import bre

# One separator for every language, a superset of Material's own (`[\s\-]+`, and Chinese's
# `[\s\u200b\u3000\-、。，．？！；]+`): Material's worker cuts both the page and the query with it. Without
# the punctuation of each script a word in brackets or quotes, `(NICE)`, `„psychodynamiczna”`,
# `«النفسي»`, is indexed with its mark and never matches. \u200b is where Material's search plugin cut
# Chinese into words (with jieba). Apostrophes stay inside words (Welsh "i'r", Ukrainian "м'ята").
# It is a JavaScript pattern without the unicode flag, so it names characters, never \p{...}.
SEPARATOR = ("[\\s\\u200b\\u3000\\-–—.,;:!?…()\\[\\]{}/|\"«»“”„‘‹›"
             "、。，．？！；：（）「」『』【】《》〈〉"    # Chinese and Japanese
             "\\u060c\\u061b\\u061f\\u06d4"            # Arabic comma, semicolon, question mark; Urdu full stop
             "\\u0964\\u0965]+")                       # danda and double danda (Bengali, Hindi, Punjabi...)

# Material adds a trailing * to every query word ("DIT" is searched as "dit*"), and lunr runs no
# pipeline on a word with a wildcard: a stemmed index (Chinese's English stemmer turns "Fonagy" into
# "fonagi") then misses the whole word typed. lunr's default trimmer strips every letter outside
# A-Z (its \W has no unicode flag); the separator does its job for every script instead.
NEVER = ("stemmer", "trimmer")


# Chinese, as Material's search plugin finds it (its _segment_chinese) and cuts it with jieba.
HAN = bre.compile(r"\p{script=Han}+")
# The words jieba finds inside the words it cut ("关系" inside "人际关系"), in a field of their own
# that no result shows: lunr matches only from the start of a word, as "ship" never finds "relationship".
INNER = "inner_words"


def for_language(material: dict, entries: list[dict]) -> dict:
    """Material's search settings for one language ({"lang", "separator", "pipeline", "fields"}),
    as its index is written: the common separator, no step that breaks a whole-word match, and the
    field of inner words if its entries have any (with_inner_words)."""
    fields = dict(material["fields"], **({INNER: {"boost": 1.0}} if any(INNER in e for e in entries) else {}))
    return dict(material, separator=SEPARATOR, fields=fields,
                pipeline=[step for step in material["pipeline"] if step not in NEVER])


def with_inner_words(entry: dict) -> dict:
    """An index entry, with the words jieba's search mode finds inside its Chinese words, if any."""
    runs = HAN.findall(f"{entry['title']} {entry['text']}")
    if not runs:
        return entry
    import jieba  # in requirements; Material's plugin cut the text with it when it is installed
    inner = {}
    for run in runs:
        whole = set(jieba.cut(run))
        inner.update((word, None) for word in jieba.cut_for_search(run) if word not in whole and HAN.fullmatch(word))
    return dict(entry, **{INNER: "\u200b".join(inner)}) if inner else entry
