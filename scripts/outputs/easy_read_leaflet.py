"""The Easy Read leaflet of a language that has an Easy Read page: the page's text and pictures on A4
(HTML at <prefix>easy-read/leaflet/, printed to PDF beside it by scripts/outputs/pdf.py), with its
notices, dates, the pictures' credit and the two addresses a reader may type."""
from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from scripts.inputs import easy_read, sharing
from scripts.inputs.dates import written_date
from scripts.inputs.site_paths import document_path
from scripts.outputs import page_artefacts

FOLDER = easy_read.ADDRESS + "leaflet/"  # below a language's root; the PDFs go in easy_read.ADDRESS


def local_pictures(fragment: str, site_url: str, leaflet_url: str) -> str:
    """The JSON document gives every image its public address; the leaflet (and Chromium printing it
    offline) takes the pictures from the site it is part of, all at once (paper does not scroll)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for image in soup.find_all("img", src=True):
        if image["src"].startswith(site_url):
            image["src"] = get_relative_url(image["src"][len(site_url):], leaflet_url)
        del image["loading"]
    return str(soup)


def write(site_dir: Path, env, dit: dict, lang: str, prefix: str, site_url: str, easy_read_page: dict) -> Path:
    """`dit` is the language's leaflet values (scripts/engine/context.py); `easy_read_page` what
    easy_read.page_context gives the Easy Read page (checked_by, credit_html)."""
    leaflet_url = prefix + FOLDER
    document = json.loads((site_dir / document_path(lang, easy_read.ADDRESS)).read_text(encoding="utf-8"))
    article = local_pictures(page_artefacts.unmark_print_links(document["article_html"]), site_url, leaflet_url)
    page_url = site_url + prefix + easy_read.ADDRESS
    addresses = sharing.printed_addresses([(dit["t"]["leaflet"]["site"], page_url),
                                           (dit["t"]["urgent"]["more"], dit["help_url"])])
    html = env.get_template("easy-read-leaflet.html").render(
        dit=dit, document=document, article_html=article, easy_read_page=easy_read_page, addresses=addresses,
        last_updated_text=written_date(document["last_updated"], lang, dit["t"]),
        next_review_text=written_date(document["next_review"], lang, dit["t"]),
        asset_root=get_relative_url("./", leaflet_url))
    out = site_dir / leaflet_url / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


def pdf_leaflets(root: Path) -> dict[str, tuple[str, str]]:
    """For scripts/outputs/pdf.py: each Easy Read leaflet's folder ("easy-read/", "pl/easy-read/") and
    its (language, title); the PDFs are written in that folder, beside the Easy Read page."""
    from scripts.inputs import settings, translations
    found = {}
    for language in settings.languages(root):
        if easy_read.exists(root / "content", language.code):
            meta, _ = translations.split((root / "content" / language.code / easy_read.SOURCE).read_text(encoding="utf-8"))
            prefix = "" if language.default else f"{language.code}/"
            found[prefix + easy_read.ADDRESS] = (language.code, meta["title"])
    return found
