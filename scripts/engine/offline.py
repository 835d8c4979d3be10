"""MkDocs hooks for "Save for offline" (docs/offline.md), kept apart from scripts/engine/hooks.py: give
pages the button's details, write each language's offline page, and at the end of the whole build
write what the worker needs (scripts/outputs/offline.py). `extra.offline: false` in mkdocs.yml (a
clinic profile's `offline: false`) turns it off: no button, and a worker that removes itself."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

# MkDocs puts only this folder on sys.path while it loads a hook; the package lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import event_priority  # noqa: E402

from scripts.inputs import release, settings  # noqa: E402
from scripts.outputs import bidi, offline  # noqa: E402

# The page whose privacy statement says what is stored: it always shows "Remove saved pages".
PRIVACY_PAGE = "about-this-information/"


def _enabled(config) -> bool:
    return config.extra.get("offline", True) is not False


def _languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    return [language.locale for language in i18n.config.languages] if i18n else [config.theme["language"]]


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n else config.theme["language"]


def _prefix(config, lang: str) -> str:
    return "" if lang == _default_language(config) else f"{lang}/"


@event_priority(-50)  # after hooks.py has given the page its `dit`
def on_page_context(context, page, config, nav):
    if _enabled(config) and context.get("dit"):
        context["dit"]["offline"] = {"size": offline.SIZE_TOKEN,
                                     "privacy_page": page.url.endswith(PRIVACY_PAGE)}
    return context


@event_priority(-50)  # after hooks.py has given the template its `dit`
def on_template_context(context, template_name, config):
    """The offline page is served in place of any page, so its links start at the site root, as
    MkDocs does for 404.html (it does so only for error pages)."""
    if template_name == offline.PAGE_TEMPLATE:
        context["base_url"] = urlsplit(config.site_url or "/").path
    return context


def on_post_template(output, template_name, config):
    """offline.html (a static template, like 404.html) goes to <prefix>offline/ of the language being
    built, with its direction on <html>; nothing is left at the site root."""
    if template_name != offline.PAGE_TEMPLATE:
        return output
    if _enabled(config):
        lang = config.theme["language"]
        if lang in bidi.RTL:
            output = output.replace("<html ", '<html dir="rtl" ', 1)
        out = Path(config.site_dir) / _prefix(config, lang) / "offline" / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(output, encoding="utf-8")
    return ""  # MkDocs skips writing an empty template


@event_priority(-110)  # after static-i18n has built every language and hooks.py its leaflets
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n and i18n.building:
        return
    root = Path(config.config_file_path).parent
    languages = [offline.Language(code=lang, prefix=_prefix(config, lang),
                                  direction="rtl" if lang in bidi.RTL else "ltr",
                                  strings=settings.load_strings(Path(config.docs_dir), lang))
                 for lang in _languages(config)]
    offline.write_offline_files(Path(config.site_dir), root, languages, enabled=_enabled(config),
                                version=release.version(root), checked_fallback=release.build_date(root))
