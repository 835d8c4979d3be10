"""Urgent help composed from data: the short block on every page and the nations' sections of
/get-help-now/, from settings/urgent_help.yml (which routes, in which order, organisation names) and
each language's sentences (strings.yml `urgent.text`, `urgent.sections`, `urgent.routes`), whose
named placeholders ({{ phone:lifeline_ni }}) must name exactly the routes the settings list. IDs are
compared, not digits: three routes dial 111."""
from __future__ import annotations

import html
import re

from scripts.inputs.settings import UrgentRoutes

PHONE = re.compile(r"\{\{\s*phone:([a-z0-9_]+)\s*\}\}")
NAME = re.compile(r"\{\{\s*name:([a-z0-9_]+)\s*\}\}")
HOURS = re.compile(r"\{\{\s*hours:([a-z0-9_]+)\s*\}\}")
# A sentence ends at . ! ? (Latin and Arabic script) or the Urdu full stop, before a space, a line
# break or the end of the text.
SENTENCE_END = re.compile(r"(?<=[.!?\u06d4\u061f])(?:\s+|$)|\n\s*\n|\n\s*[-*] ")


def name_html(routes: UrgentRoutes, route: str, lang: str) -> str:
    """The organisation's name in the language; the English name, marked as English, where it has none."""
    names = routes.names[route]
    if lang in names:
        return html.escape(names[lang])
    return html.escape(names["en"]) if lang == "en" else f'<span lang="en">{html.escape(names["en"])}</span>'


def hours_html(phones: dict, route: str, lang: str) -> str:
    """A part-time line's opening hours in the language, from settings/helplines.yml."""
    return f'<span class="dit-hours">{html.escape(phones[route].hours[lang])}</span>'


def part_time_problems(text: str, phones: dict, where: str) -> list[str]:
    """A line that is not open 24 hours carries its own hours from settings ({{ hours:ID }}, a sentence)
    in the sentence that names it or right after it, and shares neither with another line nor with
    "24", so no reader takes "open 24 hours" (or "any time") said of another line as its hours.
    Language-blind: it looks at placeholders and digits, not words."""
    found = []
    chunks = SENTENCE_END.split(text)
    for i, sentence in enumerate(chunks):
        following = chunks[i + 1] if i + 1 < len(chunks) else ""
        window = sentence + (" " + following if HOURS.match(following.strip()) else "")
        for route in [r for r in PHONE.findall(sentence) if r in phones and phones[r].hours]:
            others = sorted({r for r in PHONE.findall(window) if r != route})
            if route not in HOURS.findall(window):
                found.append(f"{where}: {{{{ phone:{route} }}}} is not open 24 hours: give its hours in the same "
                             f"sentence or right after it with {{{{ hours:{route} }}}} (settings/helplines.yml, "
                             f"{route}.hours)")
            if others:
                found.append(f"{where}: {{{{ phone:{route} }}}} is not open 24 hours, so it needs a sentence of its "
                             f"own, apart from {', '.join(others)}")
            if "24" in PHONE.sub("", HOURS.sub("", window)):
                found.append(f"{where}: the sentence with {{{{ phone:{route} }}}} says '24', but that line is not "
                             "open 24 hours")
    for route in HOURS.findall(text):
        if route not in phones or not phones[route].hours:
            found.append(f"{where}: '{{{{ hours:{route} }}}}' names a line without hours in settings/helplines.yml")
    return found


def anchor(section: str) -> str:
    """A section's heading id on /get-help-now/ (#northern-ireland), the same in every language."""
    return section.replace("_", "-")


def sections_markdown(routes: UrgentRoutes, strings: dict, lang: str) -> str:
    """The nations' sections of /get-help-now/ as Markdown, placeholders not yet filled: a heading
    with its fixed id, then the route's sentences (a list where a section has several routes)."""
    urgent = strings["urgent"]
    parts = []
    for section, ids in routes.sections_for(lang):
        parts.append(f"## {urgent['sections'][section]} {{#{anchor(section)}}}")
        texts = [" ".join(urgent["routes"][route].split()) for route in ids]
        parts.append(texts[0] if len(texts) == 1 else "\n".join(f"- {text}" for text in texts))
    return "\n\n".join(parts)


def _difference(where: str, key: str, used: list[str], wanted: tuple[str, ...] | set[str], lang: str) -> list[str]:
    missing, extra = sorted(set(wanted) - set(used)), sorted(set(used) - set(wanted))
    if not (missing or extra):
        return []
    said = []
    if missing:
        said.append("missing " + ", ".join(f"{{{{ phone:{i} }}}}" for i in missing))
    if extra:
        said.append("not listed " + ", ".join(f"{{{{ phone:{i} }}}}" for i in extra))
    return [f"{where}: key '{key}' must name the routes settings/urgent_help.yml lists for '{lang}' "
            f"({', '.join(sorted(set(wanted)))}): {'; '.join(said)}"]


def problems(lang: str, strings: dict, routes: UrgentRoutes, phones: dict) -> list[str]:
    """Every way a language's urgent-help sentences differ from the settings' routes, and every
    part-time line written without its own hours."""
    where = f"content/{lang}/strings.yml"
    urgent = strings.get("urgent") or {}
    found = []
    for route, phone in phones.items():
        if phone.hours and lang not in phone.hours:
            found.append(f"settings/helplines.yml: field '{route}.hours.{lang}' is missing (the opening hours "
                         f"in the words of '{lang}')")
    if isinstance(urgent.get("text"), str):
        found += part_time_problems(urgent["text"], phones, f"{where}: key 'urgent.text'")
    for route, text in (urgent.get("routes") or {}).items():
        found += part_time_problems(str(text), phones, f"{where}: key 'urgent.routes.{route}'")
    if isinstance(urgent.get("text"), str):
        found += _difference(where, "urgent.text", PHONE.findall(urgent["text"]), routes.block_for(lang), lang)
    sections, sentences = urgent.get("sections") or {}, urgent.get("routes") or {}
    for section in sorted(set(routes.sections) - set(sections)):
        found.append(f"{where}: key 'urgent.sections.{section}' is missing (the heading of that section of "
                     "/get-help-now/)")
    listed = {route for ids in routes.sections.values() for route in ids}
    for route in sorted(listed - set(sentences)):
        found.append(f"{where}: key 'urgent.routes.{route}' is missing (a sentence saying how to reach it, "
                     f"with {{{{ phone:{route} }}}})")
    for route in sorted(set(sentences) - listed):
        found.append(f"{where}: key 'urgent.routes.{route}' is not a route in settings/urgent_help.yml "
                     f"(routes: {', '.join(sorted(listed))})")
    for route in sorted(set(sentences) & listed):
        found += _difference(where, f"urgent.routes.{route}", PHONE.findall(str(sentences[route])), {route}, lang)
    for key, text in [("urgent.text", urgent.get("text")), *((f"urgent.routes.{r}", t) for r, t in sentences.items())]:
        for name in NAME.findall(str(text or "")):
            if name not in routes.names:
                found.append(f"{where}: key '{key}' uses '{{{{ name:{name} }}}}', which has no name in "
                             "settings/urgent_help.yml (names:)")
    return found
