"""Numbers and lists in each language's own grammar, from CLDR (through Babel).

A sentence that holds a count (sessions, minutes) is written in content/<lang>/strings.yml under
`messages:` once per CLDR plural category of its language, as a whole sentence: the noun and its case
change with the number (Polish "16 sesji" but "22 sesje", "po 22 sesjach"), so one noun per category
would not do. Babel says which category a number falls in, by the rule of the language's full locale
(strings.yml's `date_locale`) where CLDR gives it one of its own (pt_PT, not Brazil's pt). Lists
("a, b or c") come from CLDR's list patterns. Where CLDR has no data for a language, its strings.yml
gives the rules (`plural_rules`, `list_patterns`) in CLDR's own form."""
from __future__ import annotations

import pickle
import re
from functools import cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from babel.lists import format_list
from babel.plural import PluralRule, RuleError

# The settings that count something: a page writes them only inside a message.
COUNTS = ("sessions", "minutes")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
FIELD = re.compile(r"\{\{\s*([a-z_]+)(?::[a-z0-9_]+)?\s*\}\}")
LIST_PARTS = ("start", "middle", "end", "2")


class GrammarError(ValueError):
    """A language's messages or grammar data are incomplete; the message names the file and the key."""


@cache
def _cldr(locale: str) -> dict:
    """CLDR's own data for one locale ("pl", "pt_PT"), without what it inherits from its parents or the
    root (whose English-like "or" would otherwise stand in silently). Read from Babel's file directly:
    babel.localedata.load(merge_inherited=False) would cache the unmerged data for every later use."""
    if not localedata.exists(locale):
        return {}
    with open(localedata.resolve_locale_filename(locale), "rb") as data:
        return pickle.load(data)


@cache
def _lineage(locale: str) -> tuple[str, ...]:
    """A locale and those it inherits from, most specific first, down to its bare language but never
    the root: pt_PT, pt; en_GB, en_001, en."""
    try:
        bare = Locale.parse(locale).language
    except (UnknownLocaleError, ValueError):
        return (locale,)
    chain = [locale]
    while "_" in chain[-1]:
        chain.append(get_global("parent_exceptions").get(chain[-1]) or chain[-1].rsplit("_", 1)[0])
    return tuple(dict.fromkeys(name for name in [*chain, bare] if name != "root"))


def _from_cldr(lang: str, strings: dict, *keys: str):
    """The first CLDR value at `keys` along the page locale's lineage: the full locale decides where it
    differs from its bare language (European Portuguese counts 0 as "other", pt's Brazilian rule as
    "one"); None where CLDR has none."""
    for locale in _lineage(strings.get("date_locale", lang)):
        value = _cldr(locale)
        for name in keys:
            value = value.get(name) if isinstance(value, dict) else None
        if value is not None:
            return value
    return None


def plural_rule(lang: str, strings: dict) -> PluralRule:
    """The language's CLDR plural rule, or the one its strings.yml gives where CLDR has none."""
    rule = _from_cldr(lang, strings, "plural_form")
    if rule is not None:
        return rule
    given = strings.get("plural_rules")
    if not isinstance(given, dict):
        raise GrammarError(f"content/{lang}/strings.yml: key 'plural_rules' is missing: CLDR has no plural rules "
                           f"for '{lang}', so give them in CLDR's form, like {{one: 'n = 1'}}")
    try:
        return PluralRule(given)
    except (RuleError, ValueError) as error:
        raise GrammarError(f"content/{lang}/strings.yml: key 'plural_rules' is not a CLDR plural rule ({error})") from None


def categories(lang: str, strings: dict) -> tuple[str, ...]:
    """The plural categories the language uses, in CLDR's order; 'other' always."""
    tags = plural_rule(lang, strings).tags | {"other"}
    return tuple(c for c in CATEGORIES if c in tags)


def count_field(message: dict) -> str | None:
    """The count a message's category is chosen by: the one of COUNTS its sentences use."""
    used = {name for text in message.values() if isinstance(text, str) for name in FIELD.findall(text)}
    found = [name for name in COUNTS if name in used]
    return found[0] if len(found) == 1 else None


def sentence(lang: str, strings: dict, key: str, numbers: dict[str, int]) -> str:
    """The message `key` in the plural category of its count, placeholders not yet filled."""
    message = strings.get("messages", {}).get(key)
    if not isinstance(message, dict):
        raise GrammarError(f"content/{lang}/strings.yml: key 'messages.{key}' is missing")
    category = plural_rule(lang, strings)(numbers[count_field(message)])
    return message[category]


def or_list(words: list[str], lang: str, strings: dict) -> str:
    """'a, b or c' in the language: CLDR's "or" list, or strings.yml's where CLDR has none (or half of one)."""
    # CLDR's own "or" must hold both parts that say "or" ("2", "end"); start and middle are only commas,
    # so root's serve. Pashto's has "end" alone: root's "{0} or {1}" would put English in a two-item list.
    # A locale gives only what differs from its parent (en_001's "end" drops en's comma): merge the lineage.
    cldr = {}
    for locale in reversed(_lineage(strings.get("date_locale", lang))):
        cldr.update(_cldr(locale).get("list_patterns", {}).get("or", {}))
    if {"2", "end"} <= set(cldr):
        return format_list(words, style="or", locale=strings.get("date_locale", lang))
    patterns = (strings.get("list_patterns") or {}).get("or")
    if not isinstance(patterns, dict) or any(not isinstance(patterns.get(p), str) for p in LIST_PARTS):
        raise GrammarError(f"content/{lang}/strings.yml: key 'list_patterns.or' is missing: CLDR has no lists "
                           f"for '{lang}', so give CLDR's four patterns ({', '.join(LIST_PARTS)}), "
                           "like {start: '{0}, {1}', middle: '{0}, {1}', end: '{0} or {1}', 2: '{0} or {1}'}")
    if len(words) < 2:
        return "".join(words)
    if len(words) == 2:
        return patterns["2"].format(*words)
    text = patterns["start"].format(words[0], words[1])
    for word in words[2:-1]:
        text = patterns["middle"].format(text, word)
    return patterns["end"].format(text, words[-1])


def problems(lang: str, strings: dict, known_fields: set[str]) -> list[str]:
    """Every problem in a language's messages: a category CLDR gives the language but the message
    lacks, one it does not use, a field nobody fills, or no single count to choose by."""
    where = f"content/{lang}/strings.yml"
    try:
        needed = categories(lang, strings)
    except GrammarError as error:
        return [str(error)]
    found = []
    for key, message in (strings.get("messages") or {}).items():
        if not isinstance(message, dict):
            continue  # its shape is reported by the strings schema
        for category in needed:
            if not isinstance(message.get(category), str):
                found.append(f"{where}: key 'messages.{key}.{category}' is missing (CLDR gives '{lang}' the "
                             f"plural categories {', '.join(needed)}: write the whole sentence for each)")
        for category in sorted(set(message) - set(needed)):
            found.append(f"{where}: key 'messages.{key}.{category}' is not a plural category of '{lang}' "
                         f"(it has {', '.join(needed)})")
        for category, text in message.items():
            for name in FIELD.findall(str(text)):
                if name not in known_fields:
                    found.append(f"{where}: key 'messages.{key}.{category}' uses '{{{{ {name} }}}}', "
                                 f"which is not a field (known: {', '.join(sorted(known_fields))})")
        if count_field(message) is None:
            found.append(f"{where}: key 'messages.{key}' must count exactly one of {', '.join(COUNTS)} "
                         "(write '{{ sessions }}' or '{{ minutes }}' in its sentences)")
    return found
