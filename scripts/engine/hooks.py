"""MkDocs hooks, kept thin: they hand the inputs to MkDocs and what MkDocs made to the output passes.
What the templates show is built in context.py; the build's data lives on the config (site_data.py);
the embeds, JSON and oEmbed documents, QR codes, leaflets, per-language search indexes and 404
pages are written after the build by scripts/outputs/, from the handoff (handoff.py). MkDocs calls
each hook with its first argument by position and the rest by keyword."""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

# MkDocs puts only this folder on sys.path while it loads a hook; the package lives one level up.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from jinja2 import Environment  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.nav import Navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils.templates import TemplateContext  # noqa: E402

from scripts.engine import article, context, handoff, site_data  # noqa: E402
from scripts.inputs import bidi, easy_read, frontmatter, release, settings, site_paths  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dit")

# Material's script and search worker, which overrides/main.html loads itself (on first use). Their
# names carry a hash of their content that changes with each Material release, so they are read from
# the installed theme rather than written into the template.
MATERIAL_SCRIPTS = {"bundle": "assets/javascripts/bundle.*.min.js",
                    "search_worker": "assets/javascripts/workers/search.*.min.js"}


@event_priority(-100)  # after static-i18n has switched the config to the language being built
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    data = site_data.of(config)
    try:
        strings = data.strings(context.language(config))
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    # The site name and the colour-scheme toggle speak the language being built.
    config.site_name = strings["site_name"]
    # Material takes <body dir> from its own strings for the language, and has none for some of ours
    # (ps, ckb): CLDR's direction instead, as every other part of the site (scripts/inputs/bidi.py).
    config.theme["direction"] = bidi.direction(context.language(config))
    for scheme in config.theme["palette"]:
        mode = "dark_mode" if scheme.get("scheme") == "default" else "light_mode"
        scheme["toggle"]["name"] = strings["palette"][mode]
    if settings.is_placeholder_address(config.site_url):
        # Info, not a warning: --strict would fail the default build. The CLI repeats it loudly.
        log.info("site_url is the placeholder %s: set your own before publishing", config.site_url)
    return config


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = site_data.of(config).templates
    env.globals["material_scripts"] = _material_scripts(config)
    # Templates isolate Latin words in the interface parts of right-to-left pages as on_page_content
    # does in articles: {% filter isolate_latin(dit.lang) %} (scripts/inputs/bidi.py says why).
    env.filters["isolate_latin"] = bidi.isolate_latin_runs
    return env


def _material_scripts(config: MkDocsConfig) -> dict[str, str]:
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


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    data = site_data.of(config)
    site = context.site_values(data, config, context.language(config))
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    found = frontmatter.problems(page.meta, where, data.settings.reviewers, set(data.settings.sources))
    if found:
        raise PluginError("\n".join(found))
    markdown = context.mark_stale_passages(data, config, page, markdown)  # a translation's changed passages
    try:  # Easy Read: pictures and their credit, addressed from this page (scripts/inputs/easy_read.py)
        markdown = easy_read.fill(markdown, data.easy_read, page.url, where)
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    return context.fill(markdown, site, where)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = context.help_page_html(site_data.of(config), config, page, html)
    return article.prepare(html, context.language(config), page.canonical_url)


def on_page_context(ctx: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    data = site_data.of(config)
    ctx["dit"] = context.page(data, config, page, nav)
    lang = context.language(config)
    here = context.prefix(config, lang)
    data.handoff.pages.append(handoff.PageRecord(
        lang=lang, direction=bidi.direction(lang), prefix=here, path=page.url[len(here):], url=page.url,
        canonical=page.canonical_url, title=page.meta["title"], description=page.meta["description"],
        article_html=page.content, meta=page.meta, site_name=config.site_name, dit=ctx["dit"]))
    return ctx


def on_post_page(output: str, /, *, page: Page | None, config: MkDocsConfig) -> str:
    """Material sets dir only on <body>; a right-to-left page says so on <html> too, so the whole
    document (title, scroll bars, validators) knows its direction."""
    if bidi.right_to_left(context.language(config)):
        output = output.replace("<html ", '<html dir="rtl" ', 1)
    return output


def on_template_context(ctx: TemplateContext, /, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
    # Static templates (404.html, sitemap.xml) have no page. The 404 page still shows urgent help in
    # its language, and offers every language.
    ctx["dit"] = context.not_found(site_data.of(config), config)
    if template_name == site_paths.OFFLINE_TEMPLATE:
        # Served in place of any page: its links start at the site root, as MkDocs does for 404.html.
        ctx["base_url"] = urlsplit(config.site_url or "/").path
    return ctx


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """Each language's 404 page, with its direction on <html>, goes to the passes, which put it in
    the language's folder (static-i18n renders every language's 404 to the site root)."""
    handed = {"404.html": site_data.of(config).handoff.not_found, site_paths.OFFLINE_TEMPLATE: site_data.of(config).handoff.offline}
    if template_name in handed:
        handed[template_name][context.language(config)] = on_post_page(output, page=None, config=config)
    return "" if template_name == site_paths.OFFLINE_TEMPLATE else output  # MkDocs skips an empty template


@event_priority(-100)  # after Material's search plugin and static-i18n have made their index
def on_post_build(*, config: MkDocsConfig) -> None:
    """Each language hands over its search index and leaflet; the last post_build of the whole site
    (static-i18n builds the other languages inside the default language's) writes the handoff."""
    data, i18n = site_data.of(config), config.plugins.get("i18n")
    # When this runs for the default language (last), the config still speaks the last language built.
    lang = context.language(config) if i18n and i18n.building else context.default_language(config)
    search = config.plugins.get("material/search")
    if search:
        data.handoff.search[lang] = {"config": _search_settings(search, config, lang),
                                     "entries": list(search.search_index.entries)}
    data.handoff.leaflets[lang] = context.leaflet(data, config, lang, release.version(), release.build_date())
    if easy_read.exists(data.docs_dir, lang):  # its own leaflet (scripts/outputs/easy_read_leaflet.py)
        here = context.prefix(config, lang)
        data.handoff.easy_read[lang] = easy_read.page_context(
            data.easy_read, data.docs_dir, lang, context.default_language(config), here, here + easy_read.ADDRESS,
            f"{lang}/{easy_read.SOURCE}", data.signoffs, data.settings.reviewers)["easy_read_page"]
    if i18n and i18n.building:
        return
    names = context.language_names(config)
    data.handoff.default_language = context.default_language(config)
    data.handoff.offline_enabled = context.offline_enabled(config)
    data.handoff.languages = [handoff.Language(code, names.get(code, code), bidi.direction(code),
                                               context.prefix(config, code), data.strings(code)["site_name"])
                              for code in context.languages(config)]
    data.handoff.theme_dirs, data.handoff.favicon = list(config.theme.dirs), config.theme["favicon"]
    data.handoff.sources = {key: {k: v for k, v in vars(source).items() if v is not None}
                            for key, source in data.settings.sources.items()}
    handoff.write(data.handoff, Path(config.site_dir))


def _search_settings(search, config: MkDocsConfig, lang: str) -> dict:
    """Material's search settings (lunr language, separator, pipeline) for one language. Material's
    plugin looks them up once, for the first language built, so look them up here for each, as its
    own _translate does, from one theme environment rather than a new one per word."""
    built, config.theme["language"] = config.theme["language"], lang
    try:
        env = config.theme.get_env()
        env.bytecode_cache = site_data.of(config).templates
        translate = env.get_template("partials/language.html", None, {"config": config}).module.t
        return {"lang": [translate("search.config.lang")], "separator": translate("search.config.separator"),
                "pipeline": [p for p in re.split(r"\s*,\s*", translate("search.config.pipeline")) if p.strip()],
                "fields": search.config.fields}
    finally:
        config.theme["language"] = built
