"""MkDocs hooks: insert the service settings into pages and give templates what every page shows
(urgent help, dates, checked-by line, sources, publisher, feedback) in the page's own language."""
from __future__ import annotations

import datetime as dt
import html
import json
import logging
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

# MkDocs puts only this folder on sys.path while it loads a hook; the package lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from babel.core import get_global  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts.inputs import easy_read, frontmatter, placeholders, release, settings, signoffs, translations, urgent_help  # noqa: E402
from scripts.outputs import api, bidi, easy_read_leaflet, page_artefacts, preview_images, sharing  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dit")
RTL = bidi.RTL
# The Jinja environment MkDocs renders the current language's pages with. Embed pages and the leaflet
# use it too: `config.theme.get_env()` makes a new one on each call, compiling every template again
# (about a second for 90 embed pages).
_build_env: dict = {}


def on_env(env, config, files):
    _build_env["env"] = env
    env.globals["material_scripts"] = _material_scripts(config)
    # Templates isolate Latin words in the interface parts of right-to-left pages as the hook below
    # does in articles: {% filter isolate_latin(dit.lang) %} (scripts/outputs/bidi.py says why).
    env.filters["isolate_latin"] = bidi.isolate_latin_runs
    return env


# Material's script and search worker, which overrides/main.html loads itself (on first use). Their
# names carry a hash of their content that changes with each Material release, so they are read from
# the installed theme rather than written into the template.
MATERIAL_SCRIPTS = {"bundle": "assets/javascripts/bundle.*.min.js",
                    "search_worker": "assets/javascripts/workers/search.*.min.js"}


def _material_scripts(config) -> dict[str, str]:
    found = {}
    for name, pattern in MATERIAL_SCRIPTS.items():
        matches = sorted({path.relative_to(folder).as_posix()
                          for folder in map(Path, config.theme.dirs) for path in folder.glob(pattern)})
        if len(matches) != 1:
            raise PluginError(f"overrides/main.html needs exactly one {pattern} in the Material theme "
                              f"({', '.join(config.theme.dirs)}), found {matches or 'none'}: "
                              "reinstall mkdocs-material (requirements.txt)")
        found[name] = matches[0]
    return found


@cache
def _settings(root: str) -> settings.Settings:
    return settings.load(Path(root))


@cache
def _clinic(root: str) -> dict | None:
    return settings.load_clinic(Path(root))


@cache
def _signoffs(root: str) -> list[signoffs.SignOff]:
    return signoffs.load(Path(root))


@cache
def _easy_read(root: str) -> easy_read.EasyRead:
    return easy_read.load(Path(root))


@cache
def _strings(docs_dir: str, lang: str) -> dict:
    return settings.load_strings(Path(docs_dir), lang)


def _language(config) -> str:
    return config.theme["language"]


def _default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n else _language(config)


def _languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    return list(i18n.build_languages) if i18n else [_language(config)]


def _direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def _prefix(config, lang: str) -> str:
    """Where a language lives below the site root: "" for the default language, "pl/" for Polish."""
    return "" if lang == _default_language(config) else f"{lang}/"


def _site(config, lang: str | None = None) -> dict:
    """Site-wide values in a language (by default the one being built)."""
    lang = lang or _language(config)
    strings = _strings(config.docs_dir, lang)
    feedback = config.extra.get("feedback", {})
    href = feedback.get("url") or f"mailto:{feedback.get('email', '')}"
    return {
        "lang": lang,
        "strings": strings,
        "settings": _settings(str(Path(config.config_file_path).parent)),
        "publisher": config.extra["publisher"]["name"],
        "feedback_href": href,
        # In page text the link shows where feedback goes: the address itself, or the form's name.
        "feedback_label": feedback.get("email") if not feedback.get("url") else strings["page_info"]["feedback"],
        "prefix": _prefix(config, lang),
    }


def _fill(text: str, site: dict, where: str) -> str:
    try:
        return placeholders.fill(text, site["settings"], site["strings"], site, where)
    except placeholders.PlaceholderError as error:
        raise PluginError(str(error)) from None


@event_priority(-100)  # after static-i18n has switched the config to the language being built
def on_config(config):
    try:
        _settings(str(Path(config.config_file_path).parent))
        strings = _strings(config.docs_dir, _language(config))
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    # The site name and the colour-scheme toggle speak the language being built.
    config.site_name = strings["site_name"]
    for scheme in config.theme["palette"]:
        mode = "dark_mode" if scheme.get("scheme") == "default" else "light_mode"
        scheme["toggle"]["name"] = strings["palette"][mode]
    if settings.is_placeholder_address(config.site_url):
        # Info, not a warning: --strict would fail the default build. The CLI repeats it loudly.
        log.info("site_url is the placeholder %s: set your own before publishing", config.site_url)
    return config


def on_page_markdown(markdown, page, config, files):
    site = _site(config)
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    found = frontmatter.problems(page.meta, where, site["settings"].reviewers, set(site["settings"].sources))
    if found:
        raise PluginError("\n".join(found))
    # Easy Read: pictures and their credit, addressed from this page (scripts/inputs/easy_read.py).
    try:
        markdown = easy_read.fill(markdown, _easy_read(str(Path(config.config_file_path).parent)), page.url, where)
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    return _fill(markdown, site, where)


def on_page_content(html, page, config, files):
    """Every link in the article carries its absolute address, which print CSS writes out after it.
    In a right-to-left page each Latin-script run is isolated and marked English (scripts/outputs/bidi.py);
    search, the embed page, the JSON document and the leaflet reuse this article."""
    html = bidi.isolate_latin_runs(html, _language(config))
    return page_artefacts.mark_print_links(html, page.canonical_url)


def _date(value: dt.date, locale: str) -> str:
    return f'<time datetime="{value.isoformat()}">{html.escape(page_artefacts.written_date(value.isoformat(), locale))}</time>'


def _common(config, page_url: str | None, lang: str | None = None) -> dict:
    """What every page shows; page_url None means a page served at any address (404)."""
    site = _site(config, lang)
    strings = site["strings"]
    urgent = html.escape(strings["urgent"]["text"])
    help_page = f"{site['prefix']}get-help-now/"
    return {
        "t": strings,
        "lang": site["lang"],
        "prefix": site["prefix"],
        "default_language": _default_language(config),
        # A script that needs a web font has a stylesheet named after its language (assets/fonts/ur.css).
        "lang_css": (f"assets/fonts/{site['lang']}.css"
                     if (Path(config.theme.custom_dir) / "assets" / "fonts" / f"{site['lang']}.css").exists() else None),
        "help_url": get_relative_url(help_page, page_url) if page_url else urlsplit(config.site_url).path + help_page,
        "urgent_html": _fill(urgent, site, f"content/{site['lang']}/strings.yml: urgent.text"),
        "publisher": site["publisher"],
        "feedback_href": site["feedback_href"],
        "clinic": _clinic_details(config, site),
    }


def _clinic_details(config, site: dict) -> dict | None:
    """A clinic build's own details, in the page's language (a name missing there is shown in English)."""
    clinic = _clinic(str(Path(config.config_file_path).parent))
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
    }


def on_page_context(context, page, config, nav):
    dit = _common(config, page.url)
    meta, locale = page.meta, dit["t"].get("date_locale", dit["lang"])
    reviewer = meta.get("reviewed_by")
    site_settings = _site(config)["settings"]
    dit.update(
        last_updated=_date(meta["last_updated"], locale),
        next_review=_date(meta["next_review"], locale),
        reviewer=_reviewer(config, page, reviewer, locale),
        sources_html=placeholders.sources_list(site_settings, meta.get("sources") or []),
        # Past its review date on the day of the build (the commit's date): the page says so.
        due_for_review=meta["next_review"] < release.build_date(Path(config.config_file_path).parent),
    )
    dit.update(_alternates(config, page.url, page.file.src_uri), translation=_translation(config, page))
    dit.update(_easy_read_context(config, page, dit))
    dit.update(_share(config, page, dit, context))
    if page.url[len(dit["prefix"]):] == "for-professionals/":
        dit["tools"] = _tools(config, page, nav, dit)
    context["dit"] = dit
    return context


def _easy_read_context(config, page, dit: dict) -> dict:
    """Easy Read: a full page's link to it; on the Easy Read page, who checked it for Easy Read."""
    root = str(Path(config.config_file_path).parent)
    return easy_read.page_context(_easy_read(root), Path(config.docs_dir), dit["lang"], dit["default_language"],
                                  dit["prefix"], page.url, page.file.src_uri, _signoffs(root),
                                  _site(config)["settings"].reviewers)


def _reviewer(config, page, named: str | None, locale: str) -> dict | None:
    """Who checked the page: the newest recorded sign-off of it (with its date), else the front
    matter's reviewed_by. Both name someone in settings/reviewers.yml."""
    lang = _language(config)
    root = str(Path(config.config_file_path).parent)
    reviewers = _site(config)["settings"].reviewers
    try:
        # An Easy Read checking group's sign-off is not a clinician's (scripts/inputs/easy_read.py).
        clinical = [r for r in _signoffs(root) if not easy_read.is_checking_group(reviewers.get(r.reviewer, {}))]
        signed = signoffs.latest(clinical, lang, page.file.src_uri[len(lang) + 1:])
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    if signed:
        return {**reviewers[signed.reviewer], "checked_on": _date(signed.date, locale)}
    return reviewers[named] if named else None


def _tools(config, page, nav, dit: dict) -> dict:
    """What the embed picker and downloads on /for-professionals/ list: this language's pages."""
    prefix = dit["prefix"]
    i18n = config.plugins.get("i18n")
    names = {language.locale: language.name for language in i18n.config.languages} if i18n else {}
    pages = []
    for item in nav.pages:
        path = item.url[len(prefix):]
        pages.append({"path": path, "title": item.title,
                      "script": sharing.script_snippet(config.site_url, dit["lang"], dit["default_language"], path),
                      "qr": get_relative_url(_qr_path(prefix, path), page.url)})
    return {"pages": pages, "here": "", "root": get_relative_url(prefix or "./", page.url),
            "api": get_relative_url(f"{api.API}/index.json", page.url),
            "languages": [{"code": code, "name": names.get(code, code)} for code in _languages(config)]}


def _qr_path(prefix: str, path: str) -> str:
    """A page's downloadable QR code: pl/qr/phases-middle.svg (home: pl/qr/index.svg)."""
    return f"{prefix}qr/{path.strip('/').replace('/', '-') or 'index'}.svg"


def _share(config, page, dit: dict, context: dict) -> dict:
    """The page's share panel, link previews and oEmbed link; and, written beside the page, its
    embeddable variant, JSON document and oEmbed document."""
    lang, prefix = dit["lang"], dit["prefix"]
    record = page_artefacts.PageRecord(
        lang=lang, direction=_direction(lang), prefix=prefix, path=page.url[len(prefix):],
        url=page.url, canonical=page.canonical_url, title=page.meta["title"],
        description=page.meta["description"], article_html=page.content, meta=page.meta)
    site_dir, settings_ = Path(config.site_dir), _site(config)["settings"]
    reviewer = dit["reviewer"]
    status = dit["translation"]["status"] if dit["translation"] else None
    page_artefacts.write_document(
        site_dir, config.site_url, record,
        checked_by=f"{reviewer['name']}, {reviewer['role']}" if reviewer else None,
        translation=None if not status else {
            "status": "reviewed" if status.reviewed else "draft", "up_to_date": not status.stale,
            "english_url": dit["alternates"][dit["default_language"]]},
        sources=[{k: v for k, v in vars(settings_.sources[i]).items() if v is not None}
                 for i in page.meta.get("sources") or []])
    page_artefacts.write_oembed(site_dir, config.site_url, config.site_name, record)
    share = {
        "canonical": page.canonical_url,
        "qr_svg": sharing.qr_svg(page.canonical_url, dit["t"]["share"]["qr"]),
        "og_locale": _og_locale(dit["t"].get("date_locale", lang)),
        "og_alternates": [_og_locale(_strings(config.docs_dir, other).get("date_locale", other))
                          for other in dit["alternates"] if other != lang],
        "oembed_url": config.site_url + page_artefacts.oembed_path(record),
        # The language's link-preview image (written at the end of the build, in on_post_build).
        "og_image": {"url": f"{config.site_url}{prefix}{preview_images.FILE}",
                     "width": preview_images.WIDTH, "height": preview_images.HEIGHT},
    }
    page_artefacts.write_embed_page(site_dir, _build_env["env"], {**context, "dit": {**dit, **share}}, record)
    qr_file = site_dir / _qr_path(prefix, record.path)
    qr_file.parent.mkdir(parents=True, exist_ok=True)
    qr_file.write_text(share["qr_svg"], encoding="utf-8")
    return share


def _og_locale(locale: str) -> str:
    """Open Graph wants language_TERRITORY (en_GB, pl_PL)."""
    from babel import Locale
    parsed = Locale.parse(locale)
    territory = parsed.territory or Locale.parse(get_global("likely_subtags").get(parsed.language, parsed.language)).territory
    return f"{parsed.language}_{territory}" if territory else parsed.language


def _alternates(config, page_url: str, src_uri: str) -> dict:
    """Absolute hreflang links to this page in every language that has it (Easy Read is English
    only until translated), and x-default (the source language)."""
    here = _prefix(config, _language(config))
    path = page_url[len(here):] if page_url.startswith(here) else page_url
    source = src_uri.split("/", 1)[-1]
    links = {lang: f"{config.site_url}{_prefix(config, lang)}{path}" for lang in _languages(config)
             if lang == _language(config) or (Path(config.docs_dir) / lang / source).exists()}
    return {"alternates": links, "x_default": links[_default_language(config)]}


def _translation(config, page) -> dict | None:
    """For a translated page: is it a reviewed or draft translation, is it stale, where is the English."""
    lang, source = _language(config), _default_language(config)
    if lang == source:
        return None
    docs = Path(config.docs_dir)
    page_path = page.file.src_uri[len(lang) + 1:]
    status = translations.status_of(docs / lang / page_path, docs / source / page_path, lang, page_path,
                                    _site(config)["settings"].reviewers)
    path = page.url[len(lang) + 1:]
    return {"status": status, "english_url": get_relative_url(path or "./", page.url)}


def on_post_page(output, page, config):
    """Material sets dir only on <body>; a right-to-left page says so on <html> too, so the whole
    document (title, scroll bars, validators) knows its direction."""
    if _language(config) in RTL:
        output = output.replace("<html ", '<html dir="rtl" ', 1)
    return output


def on_template_context(context, template_name, config):
    # Static templates (404.html, sitemap.xml) have no page. The 404 page still shows urgent help in
    # its language, and offers every language.
    context["dit"] = _common(config, None)
    context["dit"]["languages"] = _all_languages(config)
    return context


def _all_languages(config) -> list[dict]:
    """Each language's home page and 404 wording, for the 404 page that must work without JavaScript."""
    i18n = config.plugins.get("i18n")
    names = {lang.locale: lang.name for lang in i18n.config.languages} if i18n else {}
    root = urlsplit(config.site_url).path
    return [{"code": lang, "name": names.get(lang, lang), "home": root + _prefix(config, lang),
             "strings": _strings(config.docs_dir, lang)["not_found"],
             "dir": _direction(lang)} for lang in _languages(config)]


def on_post_template(output, template_name, config):
    """Each language's 404 page goes to its own folder, with its direction on <html> (see
    on_post_page). static-i18n renders every language's 404 to the site root, so for a translation
    the root keeps the default language's page (written first)."""
    if template_name != "404.html":
        return output
    output = on_post_page(output, None, config)
    if not _prefix(config, _language(config)):
        return output
    site = Path(config.site_dir)
    own = site / _prefix(config, _language(config)) / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(output, encoding="utf-8")
    return (site / "404.html").read_text(encoding="utf-8")


def _search_settings(search, config, lang: str) -> dict:
    """Material's search settings (lunr language, separator, pipeline) for one language. Material's
    plugin looks them up once, for the first language built, so look them up here for each."""
    built, config.theme["language"] = config.theme["language"], lang
    try:
        translate = lambda key: search._translate(config, f"search.config.{key}")  # noqa: E731
        return {"lang": [translate("lang")], "separator": translate("separator"),
                "pipeline": [p for p in re.split(r"\s*,\s*", translate("pipeline")) if p.strip()],
                "fields": search.config.fields}
    finally:
        config.theme["language"] = built


def _leaflet_addresses(config, strings: dict, home_url: str, help_url: str) -> list[dict]:
    """The few addresses a leaflet's reader may type, each printed once: the site, urgent help, the
    referral route (a clinic's own referral page, which its build puts in self_referral_url) and, in
    a translation, the English original, which is the authoritative version."""
    root = str(Path(config.config_file_path).parent)
    clinic = _clinic(root)
    refer = strings["clinic"]["refer"] if clinic and clinic["referral"].get("url") else strings["leaflet"]["find_service"]
    english = [] if home_url == config.site_url else [(strings["leaflet"]["english"], f"{config.site_url}leaflet/")]
    return sharing.printed_addresses([
        (strings["leaflet"]["site"], home_url),
        (strings["urgent"]["more"], help_url),
        (refer, _settings(root).service.self_referral_url),
        *english])


@event_priority(-100)  # after Material's search plugin and static-i18n have written their index
def on_post_build(config):
    """One search index per language at <prefix>search/search_index.json, so a reader's search finds
    pages in their own language only. Locations become relative to the language's root, which the
    template gives the search as its base."""
    search, i18n = config.plugins.get("material/search"), config.plugins.get("i18n")
    if not search:
        return
    # static-i18n builds the other languages inside the default language's post_build, so when this
    # runs for the default language (last), the config still speaks the last language built.
    lang = _language(config) if i18n and i18n.building else _default_language(config)
    prefix = _prefix(config, lang)
    others = tuple(_prefix(config, other) for other in _languages(config) if other != lang)
    entries = [dict(entry, location=entry["location"][len(prefix):])
               for entry in search.search_index.entries
               if entry["location"].startswith(prefix) and not (not prefix and entry["location"].startswith(others))]
    out = Path(config.site_dir) / prefix / "search" / "search_index.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    index = {"config": _search_settings(search, config, lang), "docs": entries}
    out.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

    strings = _strings(config.docs_dir, lang)
    # Printed and PDF leaflets link to the public site, never to where they were printed.
    help_url = f"{config.site_url}{prefix}get-help-now/"
    leaflet_context = {"config": config, "dit": {**_common(config, f"{prefix}leaflet/", lang),
                                                 "direction": _direction(lang),
                                                 "site_name": strings["site_name"],
                                                 "version": release.version(),
                                                 "build_date": release.build_date(),
                                                 "build_date_text": page_artefacts.written_date(
                                                     release.build_date().isoformat(), strings.get("date_locale", lang)),
                                                 "site_url": config.site_url + prefix,
                                                 "help_url": help_url,
                                                 "addresses": _leaflet_addresses(config, strings, config.site_url + prefix, help_url)}}
    page_artefacts.write_leaflet(Path(config.site_dir), _build_env["env"], leaflet_context, lang, prefix)
    # Easy Read: its own leaflet, in each language that has the page (scripts/outputs/easy_read_leaflet.py).
    if easy_read.exists(Path(config.docs_dir), lang):
        root = str(Path(config.config_file_path).parent)
        page = easy_read.page_context(_easy_read(root), Path(config.docs_dir), lang, _default_language(config), prefix,
                                      prefix + easy_read.ADDRESS, f"{lang}/{easy_read.SOURCE}", _signoffs(root),
                                      _settings(root).reviewers)["easy_read_page"]
        easy_read_leaflet.write(Path(config.site_dir), _build_env["env"], leaflet_context, lang, prefix, config.site_url, page)
    if not (i18n and i18n.building):  # the last post_build of the whole site
        api.write_index(Path(config.site_dir), config.site_url)
        preview_images.write_previews(Path(config.site_dir), {
            _prefix(config, code): (code, _direction(code), _strings(config.docs_dir, code)["site_name"])
            for code in _languages(config)})
