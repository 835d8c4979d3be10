"""Replace {{ placeholders }} in page Markdown and interface strings with values from the settings.

Numbers that differ between services (sessions, minutes, phases, format) and every phone number are
written once in settings/ and inserted here, so a clinic build and every translation change together.
A count is only ever inside a message ({{ message:ID }}), whose sentence fits the number (grammar.py).
Numbers are wrapped in <bdi> and phone links carry dir="ltr", so their digits keep their order inside
right-to-left text."""
from __future__ import annotations

import html
import re

from scripts.inputs import digits, grammar, urgent_help
from scripts.inputs.settings import PHASES, Settings

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([a-z0-9_]+))?\s*\}\}")
# What a message's sentences may hold: the counts, the phase numbers, the formats and phone numbers.
MESSAGE_FIELDS = {*grammar.COUNTS, "format", "phone", *(f"{p}_{end}" for p in PHASES for end in ("first", "last"))}


COUNT_OUTSIDE_MESSAGE = ("counts something, and the words around a number change with it: write the sentence in "
                         "strings.yml under 'messages:', once per plural category, and use {{ message:ID }} here "
                         "(see docs/translating.md)")


class PlaceholderError(ValueError):
    """A page or string uses a placeholder that does not exist."""


def number(n: int, lang: str, strings: dict) -> str:
    """A count or session number, in the language's digits (digits.py), isolated for right-to-left text."""
    return f"<bdi>{digits.written(str(n), lang, strings)}</bdi>"


def phone_link(settings: Settings, key: str) -> str:
    phone = settings.phones[key]
    return (f'<a class="dit-tel" href="{html.escape(phone.href)}" dir="ltr">'
            f"{html.escape(phone.display)}</a>")


def format_phrase(settings: Settings, strings: dict, lang: str) -> str:
    """"face to face or by video": the service's formats as the language lists alternatives."""
    return html.escape(grammar.or_list([strings["formats"][f] for f in settings.service.formats], lang, strings))


def timeline(settings: Settings, strings: dict, lang: str) -> str:
    """The sessions of the therapy grouped by phase, as an HTML list (text, not a picture)."""
    labels = strings["timeline"]
    items = []
    for name in PHASES:
        first, last = settings.service.phases[name]
        sessions = "".join(f"<li>{number(n, lang, strings)}</li>" for n in range(first, last + 1))
        span = html.escape(labels["range"]).format(first=number(first, lang, strings), last=number(last, lang, strings))
        items.append(
            f'<li class="dit-timeline__phase dit-timeline__phase--{name}">'
            f'<p class="dit-timeline__label"><strong>{html.escape(labels[name])}</strong> {span}</p>'
            f'<ol class="dit-timeline__sessions" aria-hidden="true">{sessions}</ol></li>')
    return (f'<ol class="dit-timeline" aria-label="{html.escape(labels["label"])}">'
            + "".join(items) + "</ol>")


def sources_list(settings: Settings, ids: list[str] | None = None) -> str:
    """Sources as an HTML list with the class that readability checks leave out."""
    chosen = [settings.sources[i] for i in (ids if ids is not None else settings.sources)]
    items = "".join(
        f'<li id="source-{s.id}"><span dir="ltr">{html.escape(s.text)}'
        + (f' <a href="{html.escape(s.url)}">{html.escape(s.url)}</a>' if s.url else "") + "</span></li>"
        for s in chosen)
    # References are cited in English, their original language, whatever the page's language; each
    # runs left to right inside the page's own list layout.
    return f'<ul class="references" lang="en">{items}</ul>'


def values(settings: Settings, strings: dict, site: dict) -> dict[str, str]:
    service, lang = settings.service, site["lang"]
    out = {
        "sessions": number(service.sessions, lang, strings),
        "minutes": number(service.minutes, lang, strings),
        "format": format_phrase(settings, strings, site["lang"]),
        "self_referral_url": html.escape(service.self_referral_url),
        "publisher": html.escape(site["publisher"]),
        "feedback": f'<a href="{html.escape(site["feedback_href"])}">{html.escape(site["feedback_label"])}</a>',
        "timeline": timeline(settings, strings, lang),
        "sources_list": sources_list(settings),
    }
    for name, (first, last) in service.phases.items():
        out[f"{name}_first"], out[f"{name}_last"] = number(first, lang, strings), number(last, lang, strings)
    return out


def counts(settings: Settings) -> dict[str, int]:
    """The numbers a message's plural category is chosen by."""
    return {"sessions": settings.service.sessions, "minutes": settings.service.minutes}


def fill(text: str, settings: Settings, strings: dict, site: dict, where: str, in_message: bool = False) -> str:
    """Replace every placeholder in text; an unknown one is an error naming `where`. A count
    ({{ sessions }}) belongs inside a message ({{ message:ID }}), whose sentence fits the number."""
    known = values(settings, strings, site)

    def replace(match: re.Match) -> str:
        name, arg = match.groups()
        if name == "phone" and arg in settings.phones:
            return phone_link(settings, arg)
        if name == "hours" and arg in settings.phones and settings.phones[arg].hours:
            if site["lang"] not in settings.phones[arg].hours:
                raise PlaceholderError(f"{where}: settings/helplines.yml has no '{arg}.hours.{site['lang']}' "
                                       f"(the opening hours in the words of '{site['lang']}')")
            return urgent_help.hours_html(settings.phones, arg, site["lang"])
        if name == "name" and arg in settings.urgent.names:
            return urgent_help.name_html(settings.urgent, arg, site["lang"])
        if name == "urgent_routes" and arg is None:
            sections = urgent_help.sections_markdown(settings.urgent, strings, site["lang"])
            return fill(sections, settings, strings, site, f"{where} (urgent.routes)", in_message)
        if name == "message" and not in_message and arg in (strings.get("messages") or {}):
            chosen = grammar.sentence(site["lang"], strings, arg, counts(settings))
            return fill(chosen, settings, strings, site, f"{where} (messages.{arg})", in_message=True)
        if name in grammar.COUNTS and arg is None and not in_message:
            raise PlaceholderError(f"{where}: '{match.group(0)}' {COUNT_OUTSIDE_MESSAGE}")
        if arg is None and name in known:
            return known[name]
        if name == "message":
            raise PlaceholderError(f"{where}: unknown message '{match.group(0)}' (known: "
                                   f"{', '.join(strings.get('messages') or {})})")
        hint = (f"phone ids: {', '.join(settings.phones)}" if name == "phone" else
                f"name ids: {', '.join(settings.urgent.names)}" if name == "name" else f"known: {', '.join(sorted(known))}")
        raise PlaceholderError(f"{where}: unknown placeholder '{match.group(0)}' ({hint})")

    return PLACEHOLDER.sub(replace, text)
