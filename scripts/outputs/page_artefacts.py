"""Per page, beside the page itself: the embeddable variant, the JSON document, the oEmbed document
and the QR code. Per language: the printable leaflet. Written after the MkDocs build from the
engine's handoff (scripts/engine/handoff.py)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from mkdocs.utils import get_relative_url

from scripts.engine.handoff import Handoff, PageRecord
from scripts.inputs import bidi, sharing, site_paths
from scripts.inputs.dates import written_date
from scripts.outputs import api

# The core pages a leaflet gathers, in order: at a glance, what to expect, the phases, urgent help.
LEAFLET_PAGES = ("", "what-to-expect/", "phases/", "get-help-now/")


# An article comes as BeautifulSoup wrote it (scripts/engine/article.py): attributes in double quotes,
# with only &, < and > escaped. So its links are found by pattern, not by parsing it again (parsing
# was most of the time these passes took).
_LINK_ADDRESS = re.compile(r'(<a\b[^>]*?\shref="|<img\b[^>]*?\ssrc=")([^"]*)"')
_PRINT_ADDRESS = re.compile(r'(<a\b[^>]*?)\sdata-print="[^"]*"')


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def absolute_links(fragment: str, base: str) -> str:
    """The HTML with every relative link made absolute, so it works wherever it is reused."""
    return _LINK_ADDRESS.sub(lambda m: f'{m[1]}{_attribute(urljoin(base, html.unescape(m[2])))}"', fragment)


def unmark_print_links(fragment: str) -> str:
    """The HTML with links that print as their words only (a leaflet gives its few addresses once)."""
    return _PRINT_ADDRESS.sub(r"\1", fragment)


def templates(handoff: Handoff) -> jinja2.Environment:
    """The theme's templates (overrides/ first), as MkDocs loads them, with the filter they use."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(handoff.theme_dirs), auto_reload=False)
    env.filters["isolate_latin"] = bidi.isolate_latin_runs
    return env


def write_document(site_dir: Path, handoff: Handoff, page: PageRecord) -> None:
    dit, site_url = page.dit, handoff.site_url
    reviewer, translation = dit["reviewer"], dit["translation"]
    status = translation["status"] if translation else None
    api.write_json(site_dir, site_paths.document_path(page.lang, page.path), {
        "$schema": f"{site_url}{site_paths.API}/page.schema.json",
        "api_version": 1,
        "language": page.lang,
        "direction": page.direction,
        "path": page.path,
        "title": page.title,
        "description": page.description,
        "canonical_url": page.canonical,
        "embed_url": sharing.embed_url(site_url, page.prefix, page.path),
        "article_html": absolute_links(page.article_html, page.canonical),
        "last_updated": page.meta["last_updated"].isoformat(),
        "next_review": page.meta["next_review"].isoformat(),
        "checked_by": f"{reviewer['name']}, {reviewer['role']}" if reviewer else None,
        "translation": None if not status else {
            "status": "reviewed" if status.reviewed else "draft", "up_to_date": not status.stale,
            "english_url": dit["alternates"][dit["default_language"]]},
        "sources": [handoff.sources[source] for source in page.meta.get("sources") or []],
        "licence": "CC-BY-4.0",
    })


def write_oembed(site_dir: Path, handoff: Handoff, page: PageRecord) -> None:
    api.write_json(site_dir, site_paths.oembed_path(page.lang, page.path),
                   sharing.oembed(page.title, page.site_name, handoff.site_url, page.prefix, page.path))


def write_qr(site_dir: Path, page: PageRecord) -> None:
    """The page's QR code as a file to download, the same as its share panel shows."""
    out = site_dir / site_paths.qr_path(page.prefix, page.path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.dit["qr_svg"], encoding="utf-8")


def write_embed_page(site_dir: Path, env: jinja2.Environment, handoff: Handoff, page: PageRecord) -> None:
    """The article alone, for an iframe: links resolve as on the full page and open in the top window."""
    embed_url = f"{page.prefix}embed/{page.path}"
    page_html = env.get_template("embed.html").render(
        config={"site_name": page.site_name, "theme": {"favicon": handoff.favicon}}, dit=page.dit,
        article_html=page.article_html, page_record=page,
        base_href=get_relative_url(page.url or "./", embed_url),
        # Assets are addressed from the full page's location, because <base> points there.
        asset_root=get_relative_url("./", page.url or "./"))
    out = site_dir / embed_url / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page_html, encoding="utf-8")


def write_leaflet(site_dir: Path, env: jinja2.Environment, dit: dict, lang: str, prefix: str) -> None:
    """The printable leaflet of one language, gathered from the core pages' JSON documents: their
    text, their dates written out in the language ("26 November 2026"), and their sources, once each."""
    sections, sources = [], {}
    for path in LEAFLET_PAGES:
        document = json.loads((site_dir / site_paths.document_path(lang, path)).read_text(encoding="utf-8"))
        sections.append({**document, "article_html": unmark_print_links(document["article_html"]),
                         **{f"{key}_text": written_date(document[key], lang, dit["t"]) for key in ("last_updated", "next_review")}})
        sources.update((source["id"], source) for source in document["sources"])
    # The few addresses a reader may type, each printed once, short, with its QR code.
    dit = {**dit, "addresses": sharing.printed_addresses(dit["address_entries"])}
    leaflet_html = env.get_template("leaflet.html").render(dit=dit, sections=sections, sources=list(sources.values()),
                                                   asset_root=get_relative_url("./", f"{prefix}leaflet/"))
    out = site_dir / prefix / "leaflet" / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(leaflet_html, encoding="utf-8")


def write_all(site_dir: Path, env: jinja2.Environment, handoff: Handoff) -> None:
    """Every page's artefacts, then each language's leaflet (made from the pages' documents)."""
    for page in handoff.pages:
        write_document(site_dir, handoff, page)
        write_oembed(site_dir, handoff, page)
        write_embed_page(site_dir, env, handoff, page)
        write_qr(site_dir, page)
    for language in handoff.languages:
        write_leaflet(site_dir, env, handoff.leaflets[language.code], language.code, language.prefix)
