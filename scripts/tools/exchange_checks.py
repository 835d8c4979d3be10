"""The checks every imported unit passes: translate-toolkit's own (the ones Weblate runs too), on what
a translator's tool could break in our blocks: placeholders ({{ phone:samaritans }}, {date}), numbers,
URLs, e-mail addresses, HTML tags, and Markdown: link targets, emphasis, code and {#id} lists (the
Markdown checks follow Weblate's "Markdown links" and "Markdown syntax", which translate-toolkit has not).
"""
from __future__ import annotations

import re
from collections import Counter

from translate.filters import checks
from translate.filters.decorators import critical
from translate.storage import pypo

from scripts.inputs.digits import to_ascii
from scripts.inputs.exchange_units import CODE, Unit, plural_forms
from scripts.inputs.grammar import COUNTS
from scripts.inputs.placeholders import PLACEHOLDER

# Weblate's "Placeholders" (ours, for {{ ... }}, which translate-toolkit's variables cannot read) and
# "Variables" checks (translate-toolkit's variables, for {date}), numbers, URLs,
# e-mail addresses and HTML tags ("XML markup"), and the Markdown ones below.
FILTERS = ["placeholders", "variables", "numbers", "urls", "emails", "xmltags", "markdownlinks", "markdownsyntax"]
VARIABLES = [("{{", "}}"), ("{", "}")]
LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)")
SYNTAX = re.compile(r"\*\*|__|`|\{:?\s*[#.][^}]*\}")
ENDING_ID = re.compile(r"\{:?\s*#[^}]*\}\s*$")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class ExchangeChecker(checks.StandardChecker):
    """translate-toolkit's standard checker with the Markdown checks our blocks need."""

    optional: tuple[str, ...] = ()  # placeholders a translation may leave out (a plural form's count)

    @critical
    def placeholders(self, str1: str, str2: str) -> bool:
        """Every {{ placeholder }} of the English, each as often, and no broken braces."""
        def found(text: str) -> Counter:
            return Counter(m.group(0).replace(" ", "") for m in PLACEHOLDER.finditer(text))
        missing, extra = found(str1) - found(str2) - Counter(self.optional), found(str2) - found(str1)
        whole = sum(found(str2).values())  # every {{ and }} belongs to a whole placeholder
        if not missing and not extra and str2.count("{{") == str2.count("}}") == whole:
            return True
        broken = "" if str2.count("{{") == str2.count("}}") == whole else ", and a stray {{ or }}"
        raise checks.FilterFailure(f"placeholders differ: missing {sorted(missing) or 'none'}, not in the English "
                                   f"{sorted(extra) or 'none'}{broken} (keep each {{{{ ... }}}} whole, as in the English)")

    @critical
    def markdownlinks(self, str1: str, str2: str) -> bool:
        """A translation keeps every link target ([text](target)) of the English, each as often."""
        if Counter(LINK_TARGET.findall(str1)) == Counter(LINK_TARGET.findall(str2)):
            return True
        raise checks.FilterFailure(f"link targets differ: English has {sorted(LINK_TARGET.findall(str1))}, "
                                   f"the translation {sorted(LINK_TARGET.findall(str2))}")

    @critical
    def markdownsyntax(self, str1: str, str2: str) -> bool:
        """The same Markdown markup as the English: **strong**, __strong__, `code` and {#id} lists
        (a heading's {#id} stays at its end, where it names the heading)."""
        ending = ENDING_ID.search(str1)
        if ending and not str2.rstrip().endswith(ending.group(0).strip()):
            raise checks.FilterFailure(f"the heading must end with {ending.group(0).strip()}, as in the English")
        if Counter(SYNTAX.findall(str1)) == Counter(SYNTAX.findall(str2)):
            return True
        raise checks.FilterFailure(f"Markdown markup differs: English has {sorted(SYNTAX.findall(str1))}, "
                                   f"the translation {sorted(SYNTAX.findall(str2))}")

    @critical
    def numbers(self, str1: str, str2: str) -> bool:
        """No number the English does not have: a changed figure is a different health fact. (A number
        may be written as a word, "24 hours", as docs/translating.md allows, so this is one-sided,
        unlike translate-toolkit's own numbers check.)"""
        extra = Counter(NUMBER.findall(to_ascii(CODE.sub("", str2)))) - Counter(NUMBER.findall(CODE.sub("", str1)))
        if not extra:
            return True
        raise checks.FilterFailure(f"numbers the English does not have: {', '.join(sorted(extra))}")


def checker(lang: str) -> ExchangeChecker:
    config = checks.CheckerConfig(targetlanguage=lang, varmatches=VARIABLES)
    return ExchangeChecker(checkerconfig=config, limitfilters=FILTERS)


def failures(check: ExchangeChecker, source: str, target: str, plural: bool = False) -> list[str]:
    """What broke in one translation of one English text: each failed check and its message. A plural
    form may leave its count out where the language does (Arabic "جلستان", two sessions)."""
    if not target:
        return []
    check.optional = tuple(f"{{{{{name}}}}}" for name in COUNTS) if plural else ()
    unit = pypo.pounit(source)
    unit.target = target
    return [f"{name}: {detail['message']}" for name, detail in check.run_filters(unit, categorised=True).items()]


def unit_failures(check: ExchangeChecker, unit: Unit, target: str | dict[str, str]) -> list[str]:
    """failures() for a unit's new target (a message: each plural form against the English form of
    its category, or the English "other"). Some blocks hold what each language's settings choose
    (OWN_CODES): there the codes and numbers are checked against the translation now in content/."""
    source = unit.target if unit.key in OWN_CODES and unit.target else unit.source
    if not target:
        return []
    if not unit.plural:
        return failures(check, source, target)
    english = plural_forms(source)
    return [f"[{category}] {problem}" for category, words in target.items()
            for problem in failures(check, english.get(category, english.get("other", "")), words, plural=True)]


# The urgent-help block names the routes settings/urgent_help.yml lists for each language
# (scripts/inputs/urgent_help.py checks them), so its placeholders differ from the English by design.
OWN_CODES = {"urgent.text"}
