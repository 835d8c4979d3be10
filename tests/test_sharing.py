"""For referrers and clinics: share, print, embed and reuse every page in every language."""
from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
from babel.dates import format_date
from PIL import Image
from pypdf import PdfReader

from scripts.inputs import digits, settings
from scripts.outputs import api
from tests.conftest import page_path, shown_text, soup
from tests.pages import ENGLISH_ONLY, LANGS, PAGES, RIGHT_TO_LEFT

SITE_URL = "https://dit.example.org/"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def qr_image(svg: str) -> Image.Image:
    """Draw a QR code from its SVG path (horizontal runs of one-module-high lines), independently of
    the library that wrote it, so a scanner can read it."""
    import re
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg, re.I).group(1))
    image = Image.new("L", (size, size), 255)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", re.search(r' d="([^"]+)"', svg).group(1)):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x + float(a))):
                image.putpixel((column, int(y)), 0)
            x += float(a)
    return image.resize((size * 8, size * 8), Image.NEAREST)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_qr_code_that_opens_its_canonical_url(site, lang):
    import zxingcpp
    for address in PAGES:
        svg = soup(page_path(site, prefix(lang) + address)).select_one(".dit-share svg.dit-qr")
        assert svg["role"] == "img" and svg["aria-label"]
        decoded = [result.text for result in zxingcpp.read_barcodes(qr_image(str(svg)))]
        assert decoded == [f"{SITE_URL}{prefix(lang)}{address}"], f"/{prefix(lang)}{address}"
        downloadable = (site / prefix(lang) / "qr" / f"{address.strip('/').replace('/', '-') or 'index'}.svg")
        assert [r.text for r in zxingcpp.read_barcodes(qr_image(downloadable.read_text(encoding="utf-8")))] == decoded


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_link_preview_tags(site, lang):
    for address in PAGES:
        html = soup(page_path(site, prefix(lang) + address))
        og = {m["property"]: m["content"] for m in html.find_all("meta", property=True)
              if m["property"] != "og:locale:alternate"}
        assert og["og:url"] == f"{SITE_URL}{prefix(lang)}{address}"
        assert og["og:title"] == shown_text(html.h1)
        assert og["og:description"] == html.find("meta", attrs={"name": "description"})["content"]
        assert og["og:locale"].split("_")[0] == lang.split("-")[0]  # Open Graph: zh_CN for zh-Hans
        alternates = [m["content"] for m in html.find_all("meta", property="og:locale:alternate")]
        assert sorted(a.split("_")[0] for a in alternates) == sorted(code.split("-")[0] for code in set(LANGS) - {lang})
        assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
        assert og["og:image"] == f"{SITE_URL}{prefix(lang)}preview.png", "an absolute address, one image per language"
        assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == ("1200", "630", "image/png")
        assert og["og:image:alt"] == og["og:site_name"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_small_preview_image_of_the_size_its_page_states(site, lang):
    import yaml

    from scripts.inputs.settings import ROOT
    png = site / prefix(lang) / "preview.png"
    assert png.stat().st_size < 40_000, "small enough for a phone on a slow connection"
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        colours = image.convert("RGB").getcolors(maxcolors=1_000)
    assert len(colours) > 8, "anti-aliased text on the card, not a blank image"
    name = yaml.safe_load((ROOT / "content" / lang / "strings.yml").read_text(encoding="utf-8"))["site_name"]
    assert soup(page_path(site, prefix(lang))).find("meta", property="og:image:alt")["content"] == name
    if lang != "en":
        assert png.read_bytes() != (site / "preview.png").read_bytes(), "the name in the page's own language"


def test_oembed_discovery_points_to_a_rich_document_with_the_iframe(site):
    from bs4 import BeautifulSoup
    # As consumers read it: the rel attribute exactly "alternate" (html.parser would split it into tokens)
    html = BeautifulSoup(page_path(site, "pl/phases/middle/").read_text(encoding="utf-8"), "html.parser",
                         multi_valued_attributes=None)
    links = html.select('link[rel="alternate"][type="application/json+oembed"]')
    assert len(links) == 1, "consumers that select link[rel=alternate] exactly find the oEmbed document"
    document = json.loads((site / links[0]["href"].replace(SITE_URL, "")).read_text(encoding="utf-8"))
    assert document["type"] == "rich" and document["version"] == "1.0"
    assert f'src="{SITE_URL}pl/embed/phases/middle/"' in document["html"] and document["html"].startswith("<iframe")


def test_the_oembed_iframe_keeps_its_size_where_a_host_strips_styles(site, browser):
    """WordPress removes the style attribute from an untrusted provider's HTML: the iframe must still be
    the document's width and height, not the browser's 300 by 150."""
    document = json.loads((site / "api/v1/oembed/ar/phases/middle.json").read_text(encoding="utf-8"))
    stripped = re.sub(r' style="[^"]*"', "", document["html"])
    context = browser.new_context(viewport={"width": 1280, "height": 1200})
    context.route("**/*", lambda route: route.abort())
    tab = context.new_page()
    tab.set_content(f"<!doctype html><body style='margin:0'>{stripped}</body>")
    size = tab.evaluate("() => { const frame = document.querySelector('iframe'); return [frame.clientWidth, frame.clientHeight]; }")
    context.close()
    assert size == [document["width"], document["height"]]


def test_materials_script_fetches_no_sitemap_beside_the_pages_links(page, base_url):
    """Material's script fetches sitemap.xml beside every link[rel=alternate] it finds: none of the
    page's own links (hreflang, oEmbed) may make it ask for one, here or on the public host."""
    sitemaps = []
    page.on("request", lambda request: sitemaps.append(request.url) if "sitemap" in request.url else None)
    page.goto(f"{base_url}pl/phases/middle/")
    with page.expect_response(lambda response: response.url.endswith("search/search_index.json")):
        page.keyboard.press("Shift")  # the first key press loads Material's script
    page.wait_for_function("window.__dit_bundle === true")
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    assert sitemaps == []


def test_printing_a_page_gives_a_clean_leaflet(page, base_url):
    page.goto(f"{base_url}ar/what-to-expect/")
    page.emulate_media(media="print")
    for hidden in ["header.md-header", ".md-sidebar--primary", ".md-search", "footer.md-footer", ".dit-help-link"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    for kept in ["article h1", ".dit-page-info time", "aside.dit-urgent", ".dit-share svg.dit-qr"]:
        assert page.locator(kept).first.is_visible(), kept
    written_out = page.evaluate("""() => getComputedStyle(
        document.querySelector('article a[data-print]'), '::after').content""")
    assert "https://dit.example.org/ar/" in written_out


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_leaflet_page_and_pdfs_in_its_own_script(site, lang):
    html = soup(site / prefix(lang) / "leaflet" / "index.html")
    assert html.html["lang"] == lang
    assert [shown_text(h) for h in html.select(".dit-leaflet__section > h2")] == [
        shown_text(soup(page_path(site, prefix(lang) + a)).h1) for a in ("", "what-to-expect/", "phases/", "get-help-now/")]
    assert html.select_one("aside.dit-urgent a[href='tel:999']")
    normal, large = (PdfReader(site / prefix(lang) / name) for name in ("leaflet.pdf", "leaflet-large-print.pdf"))
    for pdf in (normal, large):
        assert pdf.trailer["/Root"]["/Lang"] == lang
        assert "/StructTreeRoot" in pdf.trailer["/Root"], "a tagged PDF"
        assert pdf.metadata.title == html.title.get_text()
        assert pdf.metadata.subject.startswith("Version ")
        links = [a["/A"]["/URI"] for p in pdf.pages for a in (p.get("/Annots") or [])
                 if "/A" in a.get_object() and "/URI" in a["/A"]]
        assert links and all(link.startswith(("https://dit.example.org/", "tel:", "sms:", "mailto:", "https://doi.org",
                                               "https://www.")) for link in links), links
        text = "".join(p.extract_text() for p in pdf.pages)
        assert "999" in text
        if lang in RIGHT_TO_LEFT:  # every right-to-left language of the site is written in the Arabic script
            assert sum("\u0600" <= c <= "\u06ff" for c in text) > 500, "Arabic-script text"
    assert len(large.pages) > len(normal.pages), "large print takes more pages"


@pytest.mark.parametrize("lang", LANGS)
def test_every_leaflet_says_how_to_refer_its_sources_feedback_and_dates_in_words(site, lang):
    """What a patient holding the paper needs: how to get the therapy, where the facts come from,
    where to write, dates as the language writes them, and, in a translation, the English original."""
    from tests.test_leaflet_addresses import pdf_texts
    html = soup(site / prefix(lang) / "leaflet" / "index.html")
    strings = settings.load_strings(settings.ROOT / "content", lang)
    assert html.select_one(".dit-leaflet__refer").get_text(" ", strip=True).startswith(strings["leaflet"]["refer_title"])
    cited = {source["text"] for path in ("", "what-to-expect/", "phases/", "get-help-now/")
             for source in json.loads((site / api.document_path(lang, path)).read_text(encoding="utf-8"))["sources"]}
    assert cited and {li.get_text(strip=True) for li in html.select(".dit-leaflet__sources li")} == cited
    assert "feedback@dit.example.org" in html.select_one(".dit-leaflet__footer").get_text()
    for time in html.select(".dit-leaflet__dates time, .dit-leaflet__meta time"):
        day = dt.date.fromisoformat(time["datetime"])
        # Babel's date in the language, in its own digits where its pages use them (Persian ۲۰۲۷).
        written = digits.written(format_date(day, "long", locale=strings["date_locale"]), lang, strings)
        assert time.get_text(strip=True) == written, time
        assert str(day.year) in digits.to_ascii(time.get_text()) and not re.search(r"\d{4}-\d\d-\d\d", time.get_text())
        if strings.get("digits") == "native":
            assert not re.search("[0-9]", time.get_text()), time
    english = [a["href"] for a in html.select(".dit-leaflet__address a")]
    assert (f"{SITE_URL}leaflet/" in english) == (lang != "en"), "a translation names its English original"
    text = pdf_texts(site / prefix(lang) / "leaflet.pdf")["pdftotext"]
    assert "feedback@dit.example.org" in text
    if lang == "en":
        assert "How to get DIT" in text and format_date(dt.date.fromisoformat(html.select_one(".dit-leaflet__dates time")["datetime"]), "long", locale="en_GB") in text


def test_large_print_leaflet_is_at_least_16_point(page, base_url):
    page.goto(f"{base_url}leaflet/")
    page.evaluate("document.documentElement.classList.add('large-print')")
    size_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.dit-leaflet__section > p')).fontSize)")
    assert size_px * 0.75 >= 16, f"{size_px * 0.75} pt"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_an_embed_variant_without_site_chrome(site, lang):
    for address in PAGES:
        html = soup(site / prefix(lang) / "embed" / address / "index.html")
        where = f"/{prefix(lang)}embed/{address}"
        assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex", where
        assert html.find("link", rel="canonical")["href"] == f"{SITE_URL}{prefix(lang)}{address}", where
        assert html.find("meta", attrs={"name": "responsive-embedded-sizing"}) is not None
        assert html.find("base")["target"] == "_top"
        assert not html.select("nav, .md-header, .md-sidebar, .md-search, footer.md-footer, form"), where
        scripts = [s["src"] for s in html.find_all("script")]
        assert len(scripts) == 1 and scripts[0].endswith("assets/embed-frame.js"), where
        assert all(not l["href"].startswith("http") for l in html.find_all("link", rel="stylesheet"))
        assert html.select_one("aside.dit-urgent") and html.select_one(".dit-embed__dates time")
        assert html.select_one(".dit-embed__attribution a[href='./']")


def test_json_documents_are_valid_against_their_schemas(site):
    folder = site / api.API
    index_schema = json.loads((folder / "index.schema.json").read_text(encoding="utf-8"))
    page_schema = json.loads((folder / "page.schema.json").read_text(encoding="utf-8"))
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    checker = jsonschema.Draft202012Validator
    checker(index_schema, format_checker=checker.FORMAT_CHECKER).validate(index)
    assert len(index["pages"]) == len(PAGES) * len(LANGS) + len(ENGLISH_ONLY)
    for entry in index["pages"]:
        document = json.loads((site / entry["document"].replace(SITE_URL, "")).read_text(encoding="utf-8"))
        checker(page_schema, format_checker=checker.FORMAT_CHECKER).validate(document)
        assert document["canonical_url"] == entry["canonical_url"]
        assert document["direction"] == ("rtl" if document["language"] in RIGHT_TO_LEFT else "ltr")
        assert (document["translation"] is None) == (document["language"] == "en")
        assert 'href="../' not in document["article_html"], "links are absolute"


def test_a_document_that_breaks_the_schema_is_caught(site):
    folder = site / api.API
    page_schema = json.loads((folder / "page.schema.json").read_text(encoding="utf-8"))
    document = json.loads((folder / "pages" / "pl" / "index.json").read_text(encoding="utf-8"))
    document.pop("canonical_url")
    with pytest.raises(jsonschema.ValidationError, match="canonical_url"):
        jsonschema.validate(document, page_schema)


def test_professionals_page_offers_snippets_and_downloads(page, base_url):
    page.goto(f"{base_url}pl/for-professionals/")
    page.select_option("#dit-tools-page", "phases/middle/")
    page.select_option("#dit-tools-lang", "ar")
    script = page.input_value("#dit-tools-script")
    assert script == f'<script src="{SITE_URL}embed.js" data-page="phases/middle" data-lang="ar" async></script>'
    assert f'src="{SITE_URL}ar/embed/phases/middle/"' in page.input_value("#dit-tools-iframe")
    for name in ("leaflet.pdf", "leaflet-large-print.pdf"):
        assert page.locator(f".dit-tools a[href$='{name}']").count() == 1
    response = page.request.get(page.locator(".dit-tools__qr a").first.evaluate("a => a.href"))
    assert response.ok and response.body().startswith(b"<svg")


def test_dist_packs_the_whole_site_into_one_reproducible_archive(site, tmp_path):
    import tarfile

    from scripts.inputs import release
    from scripts.outputs import dist
    first = dist.pack(site, tmp_path / "a")
    second = dist.pack(site, tmp_path / "b")
    assert first.name == f"dit-site-{release.version()}.tar.gz"
    assert first.read_bytes() == second.read_bytes(), "the same site gives the same archive"
    with tarfile.open(first) as archive:
        names = {member.name for member in archive.getmembers() if member.isfile()}
    top = first.name.removesuffix(".tar.gz")
    for needed in ("index.html", "pl/leaflet.pdf", "embed.js", "api/v1/index.json", "ar/embed/phases/middle/index.html"):
        assert f"{top}/{needed}" in names
    assert len(names) == sum(1 for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("address", ["embed/", "ar/embed/phases/middle/"])
def test_an_embed_page_shows_the_sites_icon_and_logs_no_error(browser, site, address):
    from scripts.system.serve_static import serve
    served = []  # every path the server answered, 404s included
    with serve(site, headers=lambda path: served.append(path) or []) as url:
        context = browser.new_context()
        tab = context.new_page()
        errors = []
        tab.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)
        tab.goto(url + address, wait_until="load")
        # Chromium asks for the tab's icon after the page has loaded: wait until it has.
        for _ in range(100):
            if any(path.endswith(("favicon.ico", "favicon.svg")) for path in served):
                break
            tab.wait_for_timeout(50)
        tab.evaluate("() => new Promise(requestAnimationFrame)")
        context.close()
    assert "/assets/favicon.svg" in served, served
    assert "/favicon.ico" not in served
    assert errors == []
