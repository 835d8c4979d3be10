"""Numbers and lists in each language's own grammar, from CLDR (through Babel).

A sentence that holds a count (sessions, minutes) is written in content/<lang>/strings.yml under
`messages:` once per CLDR plural category of its language, as a whole sentence: the noun and its case
change with the number (Polish "16 sesji" but "22 sesje", "po 22 sesjach"), so one noun per category
would not do. Babel says which category a number falls in. Lists ("a, b or c") come from CLDR's list
patterns. Where CLDR has no data for a language, its strings.yml gives the rules (`plural_rules`,
`list_patterns`) in CLDR's own form."""
from __future__ import annotations

import pickle
import re
from functools import cache

from babel import Locale, UnknownLocaleError, localedata
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
def _cldr(language: str) -> dict:
    """CLDR's own data for a bare language ("pl"), without what every locale inherits from the root
    (whose English-like "or" would otherwise stand in silently). Read from Babel's file directly:
    babel.localedata.load(merge_inherited=False) would cache the unmerged data for every later use."""
    if not localedata.exists(language):
        return {}
    with open(localedata.resolve_locale_filename(language), "rb") as data:
        return pickle.load(data)


def _language(lang: str, strings: dict) -> str:
    """The bare language of the page's Babel locale (en for en_GB)."""
    try:
        return Locale.parse(strings.get("date_locale", lang)).language
    except (UnknownLocaleError, ValueError):
        return lang


def plural_rule(lang: str, strings: dict) -> PluralRule:
    """The language's CLDR plural rule, or the one its strings.yml gives where CLDR has none."""
    rule = _cldr(_language(lang, strings)).get("plural_form")
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
    """'a, b or c' in the language: CLDR's "or" list, or strings.yml's where CLDR has none."""
    if "or" in _cldr(_language(lang, strings)).get("list_patterns", {}):
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
