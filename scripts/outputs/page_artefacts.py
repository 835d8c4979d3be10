"""Per page, beside the page itself: the embeddable variant, the JSON document and the oEmbed
document. Per language: the printable leaflet. Written during the MkDocs build by the hooks."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from babel.dates import format_date
from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from scripts.outputs import api, sharing

# The core pages a leaflet gathers, in order: at a glance, what to expect, the phases, urgent help.
LEAFLET_PAGES = ("", "what-to-expect/", "phases/", "get-help-now/")


@dataclass(frozen=True)
class PageRecord:
    lang: str
    direction: str
    prefix: str          # "" or "pl/"
    path: str            # below the language root: "phases/middle/" ("" for home)
    url: str             # MkDocs' page.url: "pl/phases/middle/"
    canonical: str
    title: str
    description: str
    article_html: str    # the rendered Markdown
    meta: dict


def absolute_links(fragment: str, base: str) -> str:
    """The HTML with every relative link made absolute, so it works wherever it is reused."""
    soup = BeautifulSoup(fragment, "html.parser")
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            element[attribute] = urljoin(base, element[attribute])
    return str(soup)


def mark_print_links(fragment: str, base: str) -> str:
    """Every link carries its absolute address, which the pages' print CSS writes out after it."""
    soup = BeautifulSoup(fragment, "html.parser")
    for link in soup.find_all("a", href=True):
        if not link["href"].startswith(("tel:", "sms:", "mailto:", "#")):
            link["data-print"] = urljoin(base, link["href"])
    return str(soup)


def written_date(iso: str, locale: str) -> str:
    """A date as a reader of the language writes it: "26 November 2026", "26 listopada 2026"."""
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale)


def unmark_print_links(fragment: str) -> str:
    """The HTML with links that print as their words only (a leaflet gives its few addresses once)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for link in soup.find_all("a", attrs={"data-print": True}):
        del link["data-print"]
    return str(soup)


def write_document(site_dir: Path, site_url: str, page: PageRecord, checked_by: str | None,
                   translation: dict | None, sources: list[dict]) -> None:
    api.write_json(site_dir, api.document_path(page.lang, page.path), {
        "$schema": f"{site_url}{api.API}/page.schema.json",
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
        "checked_by": checked_by,
        "translation": translation,
        "sources": sources,
        "licence": "CC-BY-4.0",
    })


def oembed_path(page: PageRecord) -> str:
    return f"{api.API}/oembed/{page.lang}/{page.path.strip('/') or 'index'}.json"


def write_oembed(site_dir: Path, site_url: str, site_name: str, page: PageRecord) -> None:
    api.write_json(site_dir, oembed_path(page),
                   sharing.oembed(page.title, site_name, site_url, page.prefix, page.path))


def write_embed_page(site_dir: Path, env, context: dict, page: PageRecord) -> None:
    """The article alone, for an iframe: links resolve as on the full page and open in the top window."""
    embed_url = f"{page.prefix}embed/{page.path}"
    html = env.get_template("embed.html").render(
        **context, article_html=page.article_html, page_record=page,
        base_href=get_relative_url(page.url or "./", embed_url),
        # Assets are addressed from the full page's location, because <base> points there.
        asset_root=get_relative_url("./", page.url or "./"))
    out = site_dir / embed_url / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")


def write_leaflet(site_dir: Path, env, context: dict, lang: str, prefix: str) -> None:
    """The printable leaflet of one language, gathered from the core pages' JSON documents: their
    text, their dates written out in the language ("26 November 2026"), and their sources, once each."""
    locale = context["dit"]["t"].get("date_locale", lang)
    sections, sources = [], {}
    for path in LEAFLET_PAGES:
        document = json.loads((site_dir / api.document_path(lang, path)).read_text(encoding="utf-8"))
        sections.append({**document, "article_html": unmark_print_links(document["article_html"]),
                         **{f"{key}_text": written_date(document[key], locale) for key in ("last_updated", "next_review")}})
        sources.update((source["id"], source) for source in document["sources"])
    html = env.get_template("leaflet.html").render(**context, sections=sections, sources=list(sources.values()),
                                                   asset_root=get_relative_url("./", f"{prefix}leaflet/"))
    out = site_dir / prefix / "leaflet" / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
