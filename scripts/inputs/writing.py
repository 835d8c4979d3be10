"""How a language is written, where the checks must know it: whether it puts spaces between words."""
from __future__ import annotations

# Chinese and Japanese write no spaces between words: a run of their characters is a clause, not a word.
WITHOUT_SPACES = ("zh", "ja")


def without_spaces(lang: str) -> bool:
    """True for zh-Hans, zh-Hant, ja...: words are not the text's space-separated pieces."""
    return lang.split("-")[0] in WITHOUT_SPACES
