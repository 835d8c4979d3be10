"""Replace {{ placeholders }} in page Markdown and interface strings with values from the settings.

Numbers that differ between services (sessions, minutes, phases, format) and every phone number are
written once in settings/ and inserted here, so a clinic build and every translation change together.
Numbers are wrapped in <bdi> and phone links carry dir="ltr", so their digits keep their order inside
right-to-left text."""
from __future__ import annotations

import html
import re

from scripts.settings import PHASES, Settings

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([a-z0-9_]+))?\s*\}\}")


class PlaceholderError(ValueError):
    """A page or string uses a placeholder that does not exist."""


def number(n: int) -> str:
    return f"<bdi>{n}</bdi>"


def phone_link(settings: Settings, key: str) -> str:
    phone = settings.phones[key]
    return (f'<a class="dit-tel" href="{html.escape(phone.href)}" dir="ltr">'
            f"{html.escape(phone.display)}</a>")


def format_phrase(settings: Settings, strings: dict) -> str:
    words = [strings["formats"][f] for f in settings.service.formats]
    joiner = f" {strings['formats']['or']} "
    comma = strings["formats"].get("comma", ", ")  # Arabic and Urdu write "، "
    return html.escape(comma.join(words[:-1]) + joiner + words[-1] if len(words) > 1 else words[0])


def timeline(settings: Settings, strings: dict) -> str:
    """The sessions of the therapy grouped by phase, as an HTML list (text, not a picture)."""
    labels = strings["timeline"]
    items = []
    for name in PHASES:
        first, last = settings.service.phases[name]
        sessions = "".join(f"<li>{number(n)}</li>" for n in range(first, last + 1))
        span = html.escape(labels["range"]).format(first=number(first), last=number(last))
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
    service = settings.service
    out = {
        "sessions": number(service.sessions),
        "minutes": number(service.minutes),
        "format": format_phrase(settings, strings),
        "self_referral_url": html.escape(service.self_referral_url),
        "publisher": html.escape(site["publisher"]),
        "feedback": f'<a href="{html.escape(site["feedback_href"])}">{html.escape(site["feedback_label"])}</a>',
        "timeline": timeline(settings, strings),
        "sources_list": sources_list(settings),
    }
    for name, (first, last) in service.phases.items():
        out[f"{name}_first"], out[f"{name}_last"] = number(first), number(last)
    return out


def fill(text: str, settings: Settings, strings: dict, site: dict, where: str) -> str:
    """Replace every placeholder in text; an unknown one is an error naming `where`."""
    known = values(settings, strings, site)

    def replace(match: re.Match) -> str:
        name, arg = match.groups()
        if name == "phone" and arg in settings.phones:
            return phone_link(settings, arg)
        if arg is None and name in known:
            return known[name]
        hint = f"phone ids: {', '.join(settings.phones)}" if name == "phone" else f"known: {', '.join(sorted(known))}"
        raise PlaceholderError(f"{where}: unknown placeholder '{match.group(0)}' ({hint})")

    return PLACEHOLDER.sub(replace, text)
