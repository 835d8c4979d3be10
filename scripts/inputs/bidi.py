"""Latin-script words inside right-to-left pages: each run isolated, in reading order, and marked English.

In Arabic or Urdu text the Unicode bidirectional algorithm joins neighbouring Latin words, and the
neutral punctuation between them, into one left-to-right stretch: "DIT، NHS Talking Therapies"
showed the two names swapped, so an Urdu reader read "offered by DIT". A run inside its own <bdi>
is one unit placed in the page's reading order, while its own letters still run left to right.

A run is consecutive Latin-script words with the spaces, digits and Latin punctuation between them
("NHS 111 Wales", "Interpersonal-Affective Focus, IPAF", "feedback@dit.example.org"); it starts with
a letter (or a number and a space before one: "999 BSL") and ends with a letter or digit, so the Arabic comma, a closing full stop or a bracket
stays with the right-to-left text around it. Numbers alone are isolated where they are inserted
(scripts/inputs/placeholders.py), phone links carry dir="ltr".

Pure functions of HTML text, so they live with the inputs: the engine calls them on every article and,
as a Jinja filter, on the interface parts of a page; the output passes use the same filter for the
embed pages and leaflets; another engine could call them the same way."""
from __future__ import annotations

import re
from functools import cache

from babel import Locale
from bs4 import BeautifulSoup, NavigableString, Tag

_LETTER = "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF"  # Latin letters (not × or ÷)
_WORD = f"[{_LETTER}0-9]"
# What may stand between two words of one run: spaces (after a comma too: "Focus, IPAF"), or Latin
# punctuation inside a word or address ("A&E", "4.0", "https://"), or a spaced dash, slash or "&".
# Not a full stop and a space: in Arabic text that ends a sentence.
_JOIN = r"(?:,?\s+|[-.,:/@&+_'’]+|\s+[-–&/+]\s+)"
# A name may start with a number ("999 BSL"): the number goes with it, or the two would swap places.
LATIN_RUN = re.compile(f"(?:[0-9]+ )?[{_LETTER}](?:{_WORD}|{_JOIN}(?={_WORD}))*")
_ADDRESS = re.compile(r"://|@|^www\.")
# Text that cannot hold a <bdi>, or must stay exactly as written.
_UNTOUCHED = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "option", "title", "svg", "math", "template"}


@cache
def right_to_left(lang: str) -> bool:
    """Whether CLDR says the language is written right to left (ar, ur, fa, ps, ckb...). From CLDR,
    not a list of our own, so a language added to mkdocs.yml gets its direction with no code changed.
    Codes are as in the content folders, BCP 47 with a hyphen (zh-Hans)."""
    return Locale.parse(lang, sep="-").character_order == "right-to-left"


def direction(lang: str) -> str:
    """The language's dir attribute value: "rtl" or "ltr"."""
    return "rtl" if right_to_left(lang) else "ltr"


def _isolated_or_untouchable(node: NavigableString) -> bool:
    return any(parent.name in _UNTOUCHED or parent.name == "bdi" or parent.has_attr("dir")
               for parent in node.parents if isinstance(parent, Tag))


def _declared_language(node, page_lang: str) -> str | None:
    """The language an element around `node` declares, when it differs from the page's."""
    for parent in node.parents:
        if isinstance(parent, Tag) and parent.get("lang"):
            return None if parent["lang"] == page_lang else parent["lang"]
    return None


def isolate_latin_runs(html: str, lang: str) -> str:
    """The HTML with every Latin-script run of its text in <bdi lang="en">, for a right-to-left
    language; any other language's HTML comes back unchanged.

    The language is English because a Latin run in our Arabic and Urdu pages always is: the names
    of NHS services and organisations (NHS Talking Therapies, Samaritans, Relay UK), English
    abbreviations (DIT, CBT, A&E) and the English term given in brackets after a translated one
    (WCAG 3.1.2). A run inside an element that declares another language (a language's own name in
    a list of languages) keeps that language; a web or email address is isolated but not marked."""
    if not right_to_left(lang):
        return html
    soup = BeautifulSoup(html, "html.parser")
    isolate_latin_in(soup, lang)
    return str(soup)


def isolate_latin_in(soup: BeautifulSoup, lang: str) -> None:
    """isolate_latin_runs on a parsed document, changed in place (for a caller that changes it more)."""
    for bdi in soup.find_all("bdi", lang=False):
        # An isolate already there (the publisher's name) gets its language when it is one Latin run.
        if LATIN_RUN.fullmatch(bdi.get_text().strip()) and _declared_language(bdi, lang) is None:
            bdi["lang"] = "en"
    for node in soup.find_all(string=LATIN_RUN):
        if type(node) is not NavigableString or _isolated_or_untouchable(node):
            continue  # comments, doctypes; or text already isolated or that must not change
        declared = _declared_language(node, lang)
        pieces, start = [], 0
        for run in LATIN_RUN.finditer(node):
            if run.start() > start:
                pieces.append(NavigableString(node[start:run.start()]))
            # A web or email address is no language's words (WCAG 3.1.2): isolated, not marked.
            english = not declared and not _ADDRESS.search(run.group())
            bdi = soup.new_tag("bdi", attrs={"lang": "en"} if english else {})
            bdi.string = run.group()
            pieces.append(bdi)
            start = run.end()
        if start < len(node):
            pieces.append(NavigableString(node[start:]))
        node.replace_with(*pieces)
