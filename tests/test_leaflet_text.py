"""The leaflet PDFs keep their words: what a reader copies, searches or hears read aloud is the text on
the page, in shaped scripts too (Urdu Nastaliq, Arabic, Bengali conjuncts, Chinese), read by two
unrelated PDF readers (pypdf, and poppler's pdftotext); every letter of the language's script is drawn
in an embedded face made for it (the Noto face of site.css's stack on Linux); and the PDFs describe
themselves in XMP."""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts.inputs.settings import ROOT
from scripts.outputs import pdf_cjk
from scripts.system.system_packages import ensure_pdftotext
from tests.conftest import soup
from tests.faces import letters_and_faces
from tests.pages import LANGS

VARIANTS = ["leaflet.pdf", "leaflet-large-print.pdf"]
# Leaflet-like pages in scripts no language of the site uses yet, with the leaflets' style sheets.
SCRIPT_FIXTURES = Path(__file__).parent / "fixtures" / "script-leaflets"
# Spaces, and the bidi marks pdftotext adds around runs of the other direction.
SPACES_AND_BIDI_MARKS = re.compile("[\\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def poppler_reading(text: str) -> str:
    """How pdftotext gives Arabic words with a lam-alef ligature: poppler reorders right-to-left
    lines letter by letter and so swaps the two letters of that one glyph ('العلاج' comes out
    'العالج'). The PDF stores them in reading order, as pypdf and PDFBox (PDFBOX-4531) read them."""
    return re.sub("(\u0644)([\u0622\u0623\u0625\u0627])", r"\2\1", text)


@functools.cache
def pypdf_reading(pdf: Path) -> tuple[str, dict[str, set[str]]]:
    """pypdf's text of the PDF, and which face drew which characters: face (PostScript name, no subset
    tag; "Type3" for glyphs of no named face, such as a bold Chromium made up) -> characters. One pass
    for both, as pypdf takes seconds a leaflet."""
    drawn: dict[str, set[str]] = {}

    def keep(text, _cm, _tm, font, _size) -> None:
        if font is not None and text.strip():
            drawn.setdefault(str(pdf_cjk.face(font) or "Type3").lstrip("/").split("+")[-1], set()).update(text)

    return "".join(page.extract_text(visitor_text=keep) for page in PdfReader(pdf).pages), drawn


def assert_keeps_its_text(pdf: Path, title: str) -> None:
    text, _ = pypdf_reading(pdf)
    assert "\x00" not in text, f"{pdf.name}: {text.count(chr(0))} glyphs read by pypdf as U+0000"
    for word in re.sub(r"[()]", " ", title).split():
        assert word in text, f"{pdf.name}: pypdf does not find '{word}'"
    poppler = subprocess.run([str(ensure_pdftotext()), "-enc", "UTF-8", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
    plain, wanted = SPACES_AND_BIDI_MARKS.sub("", poppler), SPACES_AND_BIDI_MARKS.sub("", title)
    assert wanted in plain or poppler_reading(wanted) in plain, f"{pdf.name}: pdftotext does not give '{title}'"


def assert_draws_its_script_in_its_face(pdf: Path, lang: str) -> None:
    """Every letter of the language's script is drawn in its face (tests/faces.py)."""
    letter_name, faces = letters_and_faces(lang)
    _, drawn = pypdf_reading(pdf)
    letters = {face: {c for c in chars if unicodedata.name(c, "").startswith(letter_name)} for face, chars in drawn.items()}
    assert any(letters.values()), f"{pdf}: no {letter_name} letters drawn"
    wrong = {face: "".join(sorted(found))[:20] for face, found in letters.items() if found and not face.startswith(faces)}
    assert not wrong, f"{pdf}: {lang} letters drawn in {wrong}, not in {faces}"


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_leaflet_pdf_keeps_its_text(site, lang, name):
    title = soup(site / prefix(lang) / "leaflet" / "index.html").title.get_text()
    assert_keeps_its_text(site / prefix(lang) / name, title)
    assert_draws_its_script_in_its_face(site / prefix(lang) / name, lang)


def test_bengali_chinese_persian_and_ukrainian_pdfs_keep_their_text_in_their_faces(tmp_path):
    """Scripts the site has no language in yet (Bengali conjuncts, Simplified and Traditional Chinese,
    Persian, Cyrillic): fixture pages, with the site's style sheets, printed by the leaflets' own code."""
    site = shutil.copytree(SCRIPT_FIXTURES, tmp_path / "site")
    (site / "assets").mkdir()
    for sheet in ("site.css", "leaflet.css"):
        shutil.copyfile(ROOT / "overrides" / "assets" / sheet, site / "assets" / sheet)
    titles = {f"{page.name}/": (page.name, soup(page / "leaflet" / "index.html").title.get_text())
              for page in sorted(SCRIPT_FIXTURES.iterdir())}
    # A process of its own: Playwright's synchronous API allows one browser driver per thread.
    subprocess.run([sys.executable, "-c", "import datetime, json, sys; from pathlib import Path; from scripts.outputs import pdf; "
                    "pdf.build_leaflets(Path(sys.argv[1]), json.loads(sys.argv[2]), 'test', datetime.date(2026, 1, 1))",
                    str(site), json.dumps(titles)], cwd=ROOT, check=True,
                   env={**os.environ, "DIT_PDF_CACHE": str(tmp_path / "cache")})
    for folder, (lang, title) in titles.items():
        paragraphs = [p.get_text() for p in soup(site / folder / "leaflet" / "index.html").find_all("p")]
        for name in VARIANTS:
            assert_keeps_its_text(site / folder / name, title)
            assert_draws_its_script_in_its_face(site / folder / name, lang)
            text, _ = pypdf_reading(site / folder / name)
            for word in " ".join(paragraphs).split():  # every word: 户 in Simplified, 戶 in Traditional Chinese
                assert word in text, f"{folder}{name}: pypdf does not give '{word}'"


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
