"""How each language's search index tells Material's search worker to cut text into words, so that a
word typed in any script finds the pages that contain it (docs/translating.md, "Search in every
script"). Material's settings for the language are kept, except where they stop whole words matching."""
from __future__ import annotations

# One separator for every language, a superset of Material's own (`[\s\-]+`, and Chinese's
# `[\s\u200b\u3000\-、。，．？！；]+`): Material's worker cuts both the page and the query with it. Without
# the punctuation of each script a word in brackets or quotes, `(NICE)`, `„psychodynamiczna”`,
# `«النفسي`, is indexed with its mark and never matches. \u200b is where Material's search plugin cut
# Chinese into words (with jieba). Apostrophes stay inside words (Welsh "i'r", Ukrainian "м'ята").
# It is a JavaScript pattern without the unicode flag, so it names characters, never \p{...}.
SEPARATOR = ("[\\s\\u200b\\u3000\\-–—.,;:!?…()\\[\\]{}/|\"«»“”„‘‹›"
             "、。，．？！；：（）「」『』【】《》〈〉"    # Chinese and Japanese
             "\\u060c\\u061b\\u061f\\u06d4"            # Arabic comma, semicolon, question mark; Urdu full stop
             "\\u0964\\u0965]+")                       # danda and double danda (Bengali, Hindi, Punjabi...)

# Material types a trailing * after every query word ("DIT" is searched as "dit*"), and lunr runs no
# pipeline on a word with a wildcard: a stemmed index (Chinese's English stemmer turns "Fonagy" into
# "fonagi") then misses the whole word typed. lunr's default trimmer strips every letter outside
# A-Z (its \W has no unicode flag); the separator does its job for every script instead.
NEVER = ("stemmer", "trimmer")


def for_language(material: dict) -> dict:
    """Material's search settings for one language ({"lang", "separator", "pipeline", "fields"}),
    as its index is written: the common separator, and no step that breaks a whole-word match."""
    return dict(material, separator=SEPARATOR,
                pipeline=[step for step in material["pipeline"] if step not in NEVER])
