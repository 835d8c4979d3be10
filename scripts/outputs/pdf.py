"""Print each language's leaflet to A4 PDFs, normal and large print (at least 16 pt), with Chromium,
which shapes every script correctly (joined Arabic and Urdu letters, right to left). Each PDF is
tagged, carries its language and title (in the document information and as XMP), its shaped glyphs
map to their text (scripts/outputs/pdf_text.py), and its dates come from the commit, not the clock."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject, TextStringObject

from scripts.inputs.settings import ROOT
from scripts.outputs import pdf_cjk, pdf_text
from scripts.system import cache_store, drawing
from scripts.system.serve_static import serve
from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium

VARIANTS = {"leaflet.pdf": "", "leaflet-large-print.pdf": "large-print"}
# Content-addressed: a PDF is printed again only when something that goes into it changed, Chromium
# and the fonts included (scripts/system/drawing.py).
CACHE = Path(os.environ.get("DIT_PDF_CACHE", ROOT / ".cache" / "pdf"))
# Bump when what happens to a PDF after Chromium prints it changes, so cached PDFs are printed again.
POSTPROCESS = 4
INPUTS = ("assets/site.css", "assets/leaflet.css", "assets/fonts/ur.css", "assets/fonts/noto-naskh-arabic-urdu-subset.woff2")


def cache_key(site: Path, prefix: str, variant: str, stamp: tuple) -> str:
    digest = hashlib.sha256(repr((POSTPROCESS, variant, stamp, drawing.fingerprint())).encode())
    digest.update((site / prefix / "leaflet" / "index.html").read_bytes())
    for name in INPUTS:
        if (site / name).exists():
            digest.update((site / name).read_bytes())
    return digest.hexdigest()


def _pdf_date(day: dt.date) -> str:
    return f"D:{day:%Y%m%d}000000Z"


def _xmp(title: str, lang: str, day: dt.date) -> bytes:
    """The same title, language and dates as the document information, as XMP (ISO 16684-1)."""
    title, date = escape(title), f"{day:%Y-%m-%d}T00:00:00Z"
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:CreatorTool>Chromium</xmp:CreatorTool>
   <pdf:Producer>DIT patient information</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>""".encode()


def stamp(path: Path, title: str, lang: str, version: str, day: dt.date) -> None:
    """Fixed metadata: title, language, version and the build date (so two builds are identical);
    and a Unicode mapping for every shaped glyph, and Chinese characters as themselves, not radicals,
    so the text can be copied and searched."""
    writer = PdfWriter(clone_from=PdfReader(path))
    pdf_text.map_shaped_glyphs(writer)
    pdf_cjk.map_radicals_to_ideographs(writer)
    writer.add_metadata({"/Title": title, "/Subject": f"Version {version}", "/Producer": "DIT patient information",
                         "/Creator": "Chromium", "/CreationDate": _pdf_date(day), "/ModDate": _pdf_date(day)})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    metadata = DecodedStreamObject()
    metadata.set_data(_xmp(title, lang, day))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(metadata)
    writer._ID = None
    with path.open("wb") as out:
        writer.write(out)


def build_leaflets(site: Path, leaflets: dict[str, tuple[str, str]], version: str, day: dt.date) -> list[Path]:
    """`leaflets` maps a language prefix ("" or "pl/") to (language code, title). Returns the PDFs."""
    written, missing = [], []
    for prefix, (lang, title) in leaflets.items():
        for name, html_class in VARIANTS.items():
            key = cache_key(site, prefix, html_class, (lang, title, version, day.isoformat()))
            if (CACHE / f"{key}.pdf").exists():
                shutil.copyfile(CACHE / f"{key}.pdf", site / prefix / name)
                written.append(site / prefix / name)
            else:
                missing.append((prefix, lang, title, name, html_class, key))
    if not missing:
        return written
    from playwright.sync_api import sync_playwright  # only to print: a cached build starts no browser
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        for prefix, lang, title, name, html_class, key in missing:
            tab.goto(f"{base}{prefix}leaflet/", wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            if html_class:
                tab.evaluate("c => document.documentElement.classList.add(c)", html_class)
            out = site / prefix / name
            tab.pdf(path=str(out), format="A4", print_background=True, tagged=True, outline=True,
                    prefer_css_page_size=True)
            stamp(out, title, lang, version, day)
            cache_store.store(CACHE / f"{key}.pdf", out.read_bytes())
            written.append(out)
        browser.close()
    return written
