"""MkDocs hooks: insert the service settings into pages and give templates what every page shows
(urgent help, dates, checked-by line, sources, publisher, feedback) in the page's own language."""
from __future__ import annotations

import datetime as dt
import html
import logging
import sys
from functools import cache
from urllib.parse import urlsplit
from pathlib import Path

# MkDocs puts only this folder on sys.path while it loads a hook; the package lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babel.dates import format_date  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts import frontmatter, placeholders, settings  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dit")
PLACEHOLDER_DOMAIN = "example.org"


@cache
def _settings(root: str) -> settings.Settings:
    return settings.load(Path(root))


@cache
def _strings(docs_dir: str, lang: str) -> dict:
    return settings.load_strings(Path(docs_dir), lang)


def _language(config) -> str:
    return config.theme["language"]


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n else _language(config)


def _site(config) -> dict:
    """Site-wide values in the current language."""
    lang = _language(config)
    strings = _strings(config.docs_dir, lang)
    feedback = config.extra.get("feedback", {})
    href = feedback.get("url") or f"mailto:{feedback.get('email', '')}"
    return {
        "lang": lang,
        "strings": strings,
        "settings": _settings(str(Path(config.config_file_path).parent)),
        "publisher": config.extra["publisher"]["name"],
        "feedback_href": href,
        "feedback_label": strings["page_info"]["feedback"],
        "prefix": "" if lang == _default_language(config) else f"{lang}/",
    }


def _fill(text: str, site: dict, where: str) -> str:
    try:
        return placeholders.fill(text, site["settings"], site["strings"], site, where)
    except placeholders.PlaceholderError as error:
        raise PluginError(str(error)) from None


def on_config(config):
    try:
        _settings(str(Path(config.config_file_path).parent))
        _strings(config.docs_dir, _language(config))
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    # The site name and the colour-scheme toggle speak the language being built.
    strings = _strings(config.docs_dir, _language(config))
    config.site_name = strings["site_name"]
    for scheme in config.theme["palette"]:
        mode = "dark_mode" if scheme.get("scheme") == "default" else "light_mode"
        scheme["toggle"]["name"] = strings["palette"][mode]
    if PLACEHOLDER_DOMAIN in (config.site_url or ""):
        # Info, not a warning: --strict would fail the default build. The CLI repeats it loudly.
        log.info("site_url is the placeholder %s: set your own before publishing", config.site_url)
    return config


def on_page_markdown(markdown, page, config, files):
    site = _site(config)
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    found = frontmatter.problems(page.meta, where, site["settings"].reviewers, set(site["settings"].sources))
    if found:
        raise PluginError("\n".join(found))
    return _fill(markdown, site, where)


def _date(value: dt.date, locale: str) -> str:
    return f'<time datetime="{value.isoformat()}">{html.escape(format_date(value, "long", locale=locale))}</time>'


def _common(config, page_url: str | None) -> dict:
    """What every page shows; page_url None means a page served at any address (404)."""
    site = _site(config)
    strings = site["strings"]
    urgent = html.escape(strings["urgent"]["text"])
    help_page = f"{site['prefix']}get-help-now/"
    return {
        "t": strings,
        "lang": site["lang"],
        "help_url": get_relative_url(help_page, page_url) if page_url else urlsplit(config.site_url).path + help_page,
        "urgent_html": _fill(urgent, site, f"content/{site['lang']}/strings.yml: urgent.text"),
        "publisher": site["publisher"],
        "feedback_href": site["feedback_href"],
    }


def on_page_context(context, page, config, nav):
    dit = _common(config, page.url)
    meta, locale = page.meta, dit["t"].get("date_locale", dit["lang"])
    reviewer = meta.get("reviewed_by")
    reviewers = _site(config)["settings"].reviewers
    dit.update(
        last_updated=_date(meta["last_updated"], locale),
        next_review=_date(meta["next_review"], locale),
        reviewer=reviewers[reviewer] if reviewer else None,
        sources_html=placeholders.sources_list(_site(config)["settings"], meta.get("sources") or []),
    )
    context["dit"] = dit
    return context


def on_template_context(context, template_name, config):
    # Static templates (404.html) have no page, but still show urgent help in their language.
    context["dit"] = _common(config, None)
    return context
