"""What the templates show, built from the inputs for one language or one page: urgent help, dates,
checked-by line, sources, publisher, feedback, translation status, language alternates, the share
panel. Functions of the MkDocs config and page objects and of the build's data (site_data.py); they
write nothing."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.core import get_global
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts.engine import urgent_english
from scripts.engine.site_data import SiteData
from scripts.inputs import (
    bidi,
    easy_read,
    placeholders,
    segments,
    settings,
    sharing,
    signoffs,
    site_paths,
    stale_marks,
    translations,
    urgent_help,
    urgent_text,
)
from scripts.inputs.dates import written_date


def language(config: MkDocsConfig) -> str:
    """The language being built (static-i18n switches the theme's language for each)."""
    return config.theme["language"]


def default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n else language(config)


def languages(config: MkDocsConfig) -> list[str]:
    i18n = config.plugins.get("i18n")
    return list(i18n.build_languages) if i18n else [language(config)]


def language_names(config: MkDocsConfig) -> dict[str, str]:
    i18n = config.plugins.get("i18n")
    return {entry.locale: entry.name for entry in i18n.config.languages} if i18n else {}


def offline_enabled(config: MkDocsConfig) -> bool:
    """Save for offline (docs/offline.md), on unless mkdocs.yml's extra.offline is false."""
    return config.extra.get("offline", True) is not False


def prefix(config: MkDocsConfig, lang: str) -> str:
    """Where a language lives below the site root: "" for the default language, "pl/" for Polish."""
    return "" if lang == default_language(config) else f"{lang}/"


def site_values(data: SiteData, config: MkDocsConfig, lang: str) -> dict:
    """Site-wide values in a language, as placeholders in the Markdown use them."""
    strings = data.strings(lang)
    feedback = config.extra.get("feedback", {})
    return {
        "lang": lang,
        "strings": strings,
        "settings": data.settings,
        "publisher": config.extra["publisher"]["name"],
        "feedback_href": feedback.get("url") or f"mailto:{feedback.get('email', '')}",
        # In page text the link shows where feedback goes: the address itself, or the form's name.
        "feedback_label": feedback.get("email") if not feedback.get("url") else strings["page_info"]["feedback"],
        "prefix": prefix(config, lang),
    }


def fill(text: str, site: dict, where: str) -> str:
    try:
        return placeholders.fill(text, site["settings"], site["strings"], site, where)
    except placeholders.PlaceholderError as error:
        raise PluginError(str(error)) from None


def common(data: SiteData, config: MkDocsConfig, page_url: str | None, lang: str | None = None) -> dict:
    """What every page shows; page_url None means a page served at any address (404)."""
    lang = lang or language(config)
    if lang not in data.common_by_language:  # the same for every page of a language: made once
        data.common_by_language[lang] = _language_common(data, config, lang)
    shown = dict(data.common_by_language[lang])
    help_page = f"{shown['prefix']}get-help-now/"
    shown["help_url"] = get_relative_url(help_page, page_url) if page_url else urlsplit(config.site_url).path + help_page
    return shown


def _language_common(data: SiteData, config: MkDocsConfig, lang: str) -> dict:
    site = site_values(data, config, lang)
    strings = site["strings"]
    return {
        "t": strings,
        "lang": lang,
        "prefix": site["prefix"],
        "default_language": default_language(config),
        # A script that needs a web font has a stylesheet named after its language (assets/fonts/ur.css).
        "lang_css": (f"assets/fonts/{lang}.css"
                     if (Path(config.theme.custom_dir) / "assets" / "fonts" / f"{lang}.css").exists() else None),
        **_urgent(data, config, site),
        "publisher": site["publisher"],
        "feedback_href": site["feedback_href"],
        "clinic": _clinic_details(data, site),
    }


def _urgent(data: SiteData, config: MkDocsConfig, site: dict) -> dict:
    """The urgent-help block's sentences, with the English beside or instead of them until a qualified
    translator signs the language's urgent text (scripts/inputs/urgent_text.py)."""
    lang, source = site["lang"], default_language(config)
    own = fill(html.escape(site["strings"]["urgent"]["text"]), site, f"content/{lang}/strings.yml: urgent.text")
    if lang == source:
        return {"urgent_html": own, "urgent_lang": None, "urgent_english_html": None}
    english_site = site_values(data, config, source)
    english = fill(html.escape(english_site["strings"]["urgent"]["text"]), english_site,
                   f"content/{source}/strings.yml: urgent.text")
    shown = urgent_text.english_needed(lang, "block", data.docs_dir, data.settings.reviewers, source)
    parts = urgent_english.block(own, english, shown)
    return {"urgent_html": parts["html"], "urgent_lang": parts["lang"], "urgent_english_html": parts["english_html"]}


def help_page_html(data: SiteData, config: MkDocsConfig, page: Page, article_html: str) -> str:
    """/get-help-now/ in a translation, with the English beside or instead of it until a qualified
    translator signs it (scripts/inputs/urgent_text.py); any other page as it is."""
    lang, source = language(config), default_language(config)
    if lang == source or page.file.src_uri != f"{lang}/{urgent_text.HELP_PAGE}":
        return article_html
    shown = urgent_text.english_needed(lang, "page", data.docs_dir, data.settings.reviewers, source)
    english_site = site_values(data, config, source)
    # The English sections in this language's order (Welsh: Wales first), so each pairs with its own.
    routes = urgent_help.sections_markdown(data.settings.urgent, english_site["strings"], lang)

    def filled(body: str) -> str:
        body = re.sub(r"\{\{\s*urgent_routes\s*\}\}", lambda _: routes, body)
        return fill(body, english_site, f"{Path(config.docs_dir).name}/{source}/{urgent_text.HELP_PAGE}")
    english = urgent_english.english_page_html(config, data.docs_dir / source / urgent_text.HELP_PAGE, filled)
    return urgent_english.page(article_html, english, shown, data.strings(lang)["urgent"]["in_english"])


def _clinic_details(data: SiteData, site: dict) -> dict | None:
    """A clinic build's own details, in the page's language (a name missing there is shown in English)."""
    clinic = data.clinic
    if not clinic:
        return None
    lang = site["lang"]

    def name(texts: dict) -> dict:
        return {"text": texts.get(lang, texts["en"]), "lang": lang if lang in texts else "en"}

    phone = clinic["contact"]["phone"]
    reviewer = clinic.get("reviewer")
    return {
        "name": name(clinic["name"]),
        "phone_html": f'<a class="dit-tel" href="tel:{html.escape(phone["tel"])}" dir="ltr">{html.escape(phone["display"])}</a>',
        "email": clinic["contact"]["email"],
        "referral_text": clinic["referral"]["text"][lang],
        "referral_url": clinic["referral"].get("url"),
        "local": [{"name": name(line["name"]), "phone_html": placeholders.phone_link(site["settings"], line["id"])}
                  for line in clinic["urgent_help"]["local"]],
        # The section of /get-help-now/ for the clinic's nation (its heading ids are the same in every language).
        "nation_anchor": urgent_help.anchor(clinic["urgent_help"]["nation"]),
        "reviewer": None if not reviewer else {"name": reviewer["name"], "role": reviewer["role"][lang],
                                               "checked_on": reviewer["checked_on"]},
        "listen": clinic.get("listen", True),  # the Listen button (partials/listen.html); a clinic may turn it off
    }


def date_html(value, lang: str, strings: dict) -> str:
    return f'<time datetime="{value.isoformat()}">{html.escape(written_date(value.isoformat(), lang, strings))}</time>'


def page(data: SiteData, config: MkDocsConfig, page: Page, nav: Navigation) -> dict:
    """Everything a content page shows beyond its article."""
    dit = common(data, config, page.url)
    meta, lang, strings = page.meta, dit["lang"], dit["t"]
    dit.update(
        last_updated=date_html(meta["last_updated"], lang, strings),
        next_review=date_html(meta["next_review"], lang, strings),
        reviewer=_reviewer(data, page, lang, meta.get("reviewed_by"), strings),
        sources_html=placeholders.sources_list(data.settings, meta.get("sources") or []),
        # Past its review date on the day of the build (the commit's date): the page says so.
        due_for_review=meta["next_review"] < data.build_date,
    )
    dit.update(_alternates(config, page.url, page.file.src_uri), translation=_translation(data, config, page))
    # Easy Read: a full page's link to it; on the Easy Read page, who checked it for Easy Read.
    dit.update(easy_read.page_context(data.easy_read, data.docs_dir, dit["lang"], dit["default_language"], dit["prefix"],
                                      page.url, page.file.src_uri, data.signoffs, data.settings.reviewers))
    dit.update(_share(data, config, page, dit))
    if offline_enabled(config):
        dit["offline"] = {"size": site_paths.OFFLINE_SIZE_TOKEN, "privacy_page": page.url.endswith(site_paths.PRIVACY_PAGE)}
    if page.url[len(dit["prefix"]):] == "for-professionals/":
        dit["tools"] = _tools(config, page, nav, dit)
    return dit


def _reviewer(data: SiteData, page: Page, lang: str, named: str | None, strings: dict) -> dict | None:
    """Who checked the page: the newest recorded sign-off of it (with its date), else the front
    matter's reviewed_by. Both name someone in settings/reviewers.yml."""
    reviewers = data.settings.reviewers
    try:
        # An Easy Read checking group's sign-off is not a clinician's (scripts/inputs/easy_read.py).
        clinical = [r for r in data.signoffs if not easy_read.is_checking_group(reviewers.get(r.reviewer, {}))]
        signed = signoffs.latest(clinical, lang, page.file.src_uri[len(lang) + 1:])
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    if signed:
        return {**reviewers[signed.reviewer], "checked_on": date_html(signed.date, lang, strings)}
    return reviewers[named] if named else None


def _tools(config: MkDocsConfig, page: Page, nav: Navigation, dit: dict) -> dict:
    """What the embed picker and downloads on /for-professionals/ list: this language's pages."""
    here = dit["prefix"]
    names = language_names(config)
    pages = []
    for item in nav.pages:
        path = item.url[len(here):]
        pages.append({"path": path, "title": item.title,
                      "script": sharing.script_snippet(config.site_url, dit["lang"], dit["default_language"], path),
                      "qr": get_relative_url(site_paths.qr_path(here, path), page.url)})
    return {"pages": pages, "here": "", "root": get_relative_url(here or "./", page.url),
            "api": get_relative_url(f"{site_paths.API}/index.json", page.url),
            "languages": [{"code": code, "name": names.get(code, code)} for code in languages(config)]}


def _share(data: SiteData, config: MkDocsConfig, page: Page, dit: dict) -> dict:
    """The page's share panel, link previews and oEmbed link."""
    lang, here = dit["lang"], dit["prefix"]
    return {
        "canonical": page.canonical_url,
        "qr_svg": sharing.qr_svg(page.canonical_url, dit["t"]["share"]["qr"]),
        "og_locale": _og_locale_of(data, lang),
        "og_alternates": [_og_locale_of(data, other) for other in dit["alternates"] if other != lang],
        "oembed_url": config.site_url + site_paths.oembed_path(lang, page.url[len(here):]),
        # The language's link-preview image (written after the build by scripts/outputs/preview_images.py).
        "og_image": {"url": f"{config.site_url}{here}{site_paths.PREVIEW_FILE}",
                     "width": site_paths.PREVIEW_WIDTH, "height": site_paths.PREVIEW_HEIGHT},
    }


def _og_locale_of(data: SiteData, lang: str) -> str:
    if lang not in data.og_locales:  # the same on every page: looked up once per language
        data.og_locales[lang] = og_locale(data.strings(lang).get("date_locale", lang))
    return data.og_locales[lang]


def og_locale(locale: str) -> str:
    """Open Graph wants language_TERRITORY (en_GB, pl_PL)."""
    parsed = Locale.parse(locale)
    territory = parsed.territory or Locale.parse(get_global("likely_subtags").get(parsed.language, parsed.language)).territory
    return f"{parsed.language}_{territory}" if territory else parsed.language


def _alternates(config: MkDocsConfig, page_url: str, src_uri: str) -> dict:
    """Absolute hreflang links to this page in every language that has it (Easy Read is English
    only until translated), and x-default (the source language)."""
    here = prefix(config, language(config))
    path = page_url[len(here):] if page_url.startswith(here) else page_url
    source = src_uri.split("/", 1)[-1]
    links = {lang: f"{config.site_url}{prefix(config, lang)}{path}" for lang in languages(config)
             if lang == language(config) or (Path(config.docs_dir) / lang / source).exists()}
    return {"alternates": links, "x_default": links[default_language(config)]}


def _translation(data: SiteData, config: MkDocsConfig, page: Page) -> dict | None:
    """For a translated page: is it a reviewed or draft translation, is it stale (and are any of its
    passages marked so), where is the English."""
    status = translation_status(data, config, page)
    if status is None:
        return None
    marked = [p for p in status.stale_passages if p.key not in segments.FRONT_MATTER]  # what the page marks
    return {"status": status, "english_url": _english_url(config, page), "stale_passages": len(marked)}


def translation_status(data: SiteData, config: MkDocsConfig, page: Page) -> translations.Status | None:
    """A translated page's status, worked out once per build (its Markdown and its template both ask)."""
    lang, source = language(config), default_language(config)
    if lang == source:
        return None
    if page.file.src_uri not in data.translation_status:
        page_path = page.file.src_uri[len(lang) + 1:]
        data.translation_status[page.file.src_uri] = translations.status_of(
            data.docs_dir / lang / page_path, data.docs_dir / source / page_path, lang, page_path, data.settings.reviewers)
    return data.translation_status[page.file.src_uri]


def mark_stale_passages(data: SiteData, config: MkDocsConfig, page: Page, markdown: str) -> str:
    """A translated page's Markdown with each stale passage marked, linking to the English passage
    (the section of the English page it sits in) (scripts/inputs/stale_marks.py)."""
    status = translation_status(data, config, page)
    stale = {p.key: p.english for p in status.stale_passages} if status else {}
    if not stale:
        return markdown
    english, label = _english_url(config, page), data.strings(language(config))["translation"]["stale_passage"]
    return stale_marks.mark(markdown, stale, lambda block: stale_marks.marker(
        label, english if block.section in ("", segments.TOP) else f"{english}#{block.section}"))


def _english_url(config: MkDocsConfig, page: Page) -> str:
    path = page.url[len(language(config)) + 1:]
    return get_relative_url(path or "./", page.url)


def not_found(data: SiteData, config: MkDocsConfig) -> dict:
    """The 404 page (and other pages without a page: sitemap.xml): urgent help in its language, and
    every language's home page and 404 wording, for a page that must work without JavaScript."""
    dit = common(data, config, None)
    names, root = language_names(config), urlsplit(config.site_url).path
    dit["languages"] = [{"code": lang, "name": names.get(lang, lang), "home": root + prefix(config, lang),
                         "strings": data.strings(lang)["not_found"], "dir": bidi.direction(lang)}
                        for lang in languages(config)]
    return dit


def leaflet(data: SiteData, config: MkDocsConfig, lang: str, version: str, build_date) -> dict:
    """The printable leaflet's own values; scripts/outputs/page_artefacts.py gathers its pages."""
    strings, here = data.strings(lang), prefix(config, lang)
    # Printed and PDF leaflets link to the public site, never to where they were printed.
    home_url, help_url = config.site_url + here, f"{config.site_url}{here}get-help-now/"
    refer = (strings["clinic"]["refer"] if data.clinic and data.clinic["referral"].get("url")
             else strings["leaflet"]["find_service"])
    # In a translation, the English original is the authoritative version.
    english = [] if home_url == config.site_url else [(strings["leaflet"]["english"], f"{config.site_url}leaflet/")]
    return {**common(data, config, f"{here}leaflet/", lang),
            "direction": bidi.direction(lang), "site_name": strings["site_name"], "version": version,
            "build_date": build_date,
            "build_date_text": written_date(build_date.isoformat(), lang, strings),
            "site_url": home_url, "help_url": help_url,
            # The few addresses a leaflet's reader may type, each printed once (with its QR code).
            "address_entries": [(strings["leaflet"]["site"], home_url), (strings["urgent"]["more"], help_url),
                                (refer, data.settings.service.self_referral_url), *english]}
