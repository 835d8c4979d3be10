"""The leaflet PDFs keep their words: what a reader copies, searches or hears read aloud is the text on
the page, in shaped scripts too (Urdu Nastaliq, Arabic, Bengali conjuncts), read by two unrelated
PDF readers (pypdf, and poppler's pdftotext), and the PDFs describe themselves in XMP."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts.inputs.settings import ROOT
from scripts.system.system_packages import ensure_pdftotext
from tests.conftest import soup
from tests.pages import LANGS

VARIANTS = ["leaflet.pdf", "leaflet-large-print.pdf"]
BENGALI = Path(__file__).parent / "fixtures" / "bengali-leaflet"
# Spaces, and the bidi marks pdftotext adds around runs of the other direction.
SPACES_AND_BIDI_MARKS = re.compile("[\\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def poppler_reading(text: str) -> str:
    """How pdftotext gives Arabic words with a lam-alef ligature: poppler reorders right-to-left
    lines letter by letter and so swaps the two letters of that one glyph ('العلاج' comes out
    'العالج'). The PDF stores them in reading order, as pypdf and PDFBox (PDFBOX-4531) read them."""
    return re.sub("(\u0644)([\u0622\u0623\u0625\u0627])", r"\2\1", text)


def assert_keeps_its_text(pdf: Path, title: str) -> None:
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "\x00" not in text, f"{pdf.name}: {text.count(chr(0))} glyphs read by pypdf as U+0000"
    for word in re.sub(r"[()]", " ", title).split():
        assert word in text, f"{pdf.name}: pypdf does not find '{word}'"
    poppler = subprocess.run([str(ensure_pdftotext()), "-enc", "UTF-8", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    plain, wanted = SPACES_AND_BIDI_MARKS.sub("", poppler), SPACES_AND_BIDI_MARKS.sub("", title)
    assert wanted in plain or poppler_reading(wanted) in plain, f"{pdf.name}: pdftotext does not give '{title}'"


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_leaflet_pdf_keeps_its_text(site, lang, name):
    title = soup(site / prefix(lang) / "leaflet" / "index.html").title.get_text()
    assert_keeps_its_text(site / prefix(lang) / name, title)


def test_bengali_conjuncts_keep_their_text(tmp_path):
    """Bengali is not a language of the site: a fixture page printed by the leaflets' own code."""
    site = shutil.copytree(BENGALI, tmp_path / "site")
    title = soup(site / "leaflet" / "index.html").title.get_text()
    # A process of its own: Playwright's synchronous API allows one browser driver per thread.
    subprocess.run([sys.executable, "-c", "import datetime, sys; from pathlib import Path; from scripts.outputs import pdf; "
                    "pdf.build_leaflets(Path(sys.argv[1]), {'': ('bn', sys.argv[2])}, 'test', datetime.date(2026, 1, 1))",
                    str(site), title], cwd=ROOT, check=True, env={**os.environ, "DIT_PDF_CACHE": str(tmp_path / "cache")})
    for name in VARIANTS:
        assert_keeps_its_text(site / name, title)


@pytest.mark.parametrize("lang", LANGS)
def test_leaflet_pdfs_give_title_and_language_in_xmp(site, lang):
    title = soup(site / prefix(lang) / "leaflet" / "index.html").title.get_text()
    for name in VARIANTS:
        pdf = PdfReader(site / prefix(lang) / name)
        xmp = pdf.xmp_metadata
        assert xmp.dc_title == {"x-default": title, lang: title}
        assert xmp.dc_language == [lang]
        assert xmp.xmp_create_date.date() == xmp.xmp_modify_date.date() == pdf.metadata.creation_date.date()
        assert b"pdfuaid" not in pdf.trailer["/Root"]["/Metadata"].get_data(), "no PDF/UA claim: nothing here checks it"
