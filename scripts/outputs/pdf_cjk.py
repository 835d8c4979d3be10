"""Chinese characters in Chromium's PDFs read as themselves, not as radicals.

Chromium (Skia) writes each font's ToUnicode table by turning the font's cmap round: glyph -> the
lowest code point that maps to it. Noto Sans CJK draws many ideographs with the same glyph as the
radical of that shape, and the radicals (U+2E80-U+2FDF) come first, so 人 (U+4EBA) was written as the
Kangxi radical ⼈ (U+2F08), 页 as ⻚ (U+2EDA), 门 as ⻔: the page looks right, but copied, searched or
read-aloud text is wrong. Our pages never write radicals as such, so each radical in a ToUnicode
table is put back to its ideograph: a Kangxi radical by Unicode's own decomposition (NFKC), a CJK
Radicals Supplement one by the table below, the pairs Noto Sans CJK (Debian fonts-noto-cjk
20220127) draws with one glyph. One radical is a different ideograph in each face: ⼾ is 户 in the
Simplified Chinese face, 戶 in the Traditional ones, 戸 in the Japanese."""
from __future__ import annotations

import re
import unicodedata

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from scripts.outputs.pdf_text import PdfTextError

_SUPPLEMENT = "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
SUPPLEMENT = dict(zip(_SUPPLEMENT[::2], _SUPPLEMENT[1::2]))
DOOR = {"sc": "\u6237", "jp": "\u6238"}  # ⼾ (U+2F3E) in these faces; 戶 (NFKC) in the others
_RADICALS = re.compile("[\u2e80-\u2fdf]")
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BLOCK = re.compile(rb"\d+\s+begin(bfchar|bfrange)(.*?)end\1", re.S)


def ideograph(radical: str, face: str) -> str:
    """The ideograph a radical's shared glyph stands for in the face (PostScript name)."""
    if radical == "\u2f3e":
        return next((ideo for tag, ideo in DOOR.items() if f"CJK{tag}" in face), unicodedata.normalize("NFKC", radical))
    return SUPPLEMENT.get(radical) or unicodedata.normalize("NFKC", radical)


def _text(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be", "surrogatepass")


def _hex(text: str, width: int = 0) -> str:
    return text.encode("utf-16-be").hex().upper().rjust(width, "0")


def repaired_cmap(cmap: bytes, face: str) -> bytes | None:
    """The ToUnicode CMap with every radical put back to its ideograph, or None if it has none."""
    mapping: dict[str, str] = {}  # source code (hex, as written) -> text
    for kind, body in _BLOCK.findall(cmap):
        if kind == b"bfchar":
            mapping.update((source.decode(), _text(target)) for source, target in _ENTRY.findall(body))
        else:
            if b"[" in body:
                raise PdfTextError(f"{face}: a ToUnicode range maps to an array, which this rewrite does not handle")
            for first, last, target in _RANGE.findall(body):
                start, width = int(first, 16), len(first)
                text = _text(target)
                for offset in range(int(last, 16) - start + 1):  # consecutive codes, consecutive last characters
                    mapping[f"{start + offset:0{width}X}"] = text[:-1] + chr(ord(text[-1]) + offset)
    if not any(_RADICALS.search(text) for text in mapping.values()):
        return None
    fixed = {source: _RADICALS.sub(lambda m: ideograph(m[0], face), text) for source, text in mapping.items()}
    entries = sorted(fixed.items())
    blocks = b"".join(  # a CMap block holds at most 100 entries
        f"{len(chunk)} beginbfchar\n".encode()
        + b"".join(f"<{source}> <{_hex(text)}>\n".encode() for source, text in chunk)
        + b"endbfchar\n" for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    start, end = _BLOCK.search(cmap).start(), list(_BLOCK.finditer(cmap))[-1].end()
    return cmap[:start] + blocks + cmap[end:].lstrip(b"\n")


def face(font) -> str:
    """A font's PostScript name: its BaseFont, or for a Type 3 font (Chromium draws a CFF font such
    as Noto Sans CJK as Type 3: each glyph's outline) its descriptor's FontName."""
    descriptor = font.get("/FontDescriptor")
    name = font.get("/BaseFont") or (descriptor.get_object().get("/FontName") if descriptor else "")
    return str(name)


def map_radicals_to_ideographs(writer: PdfWriter) -> None:
    """Repair the ToUnicode table of every font in `writer` whose glyphs map to radicals."""
    seen = set()
    for page in writer.pages:
        for reference in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = reference.get_object()
            if reference.idnum in seen or "/ToUnicode" not in font:
                continue
            seen.add(reference.idnum)
            repaired = repaired_cmap(font["/ToUnicode"].get_object().get_data(), face(font))
            if repaired is not None:
                stream = DecodedStreamObject()
                stream.set_data(repaired)
                font[NameObject("/ToUnicode")] = writer._add_object(stream.flate_encode(level=9))
