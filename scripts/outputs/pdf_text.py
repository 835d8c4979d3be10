"""Give every glyph in Chromium's PDFs a Unicode mapping, so copy, search and every reader get the text.

Chromium (Skia) maps each glyph, in the font's ToUnicode table, to the character the font's own cmap
gives it, or U+0000 when it has none: shaped glyphs (Urdu Nastaliq letters and dots, Bengali and
other Indic conjuncts, Arabic ligatures) have none. Their text is kept only in marked content,
`/Span <</ActualText (text)>> BDC ...glyphs... EMC`, which many readers (pypdf, for one) ignore.

A ToUnicode table maps a glyph everywhere, and one glyph means different things in different
clusters (a Nastaliq dot belongs to many letters), so no glyph's own mapping can be repaired.
Instead each glyph inside an ActualText span is shown through a new character code (CID) of its
font that draws the same glyph at the same width (CIDToGIDMap, /W) and maps, in ToUnicode, to the
span's whole text for the span's first glyph in reading order and to nothing for the others. The
ActualText spans stay, for the readers that use them (Acrobat, poppler). Pages look the same.

A mark drawn over the letter before it (Gurmukhi ੈ ੰ, which the font gives no width) ends where
it is drawn, inside that letter, and the next letter starts after the letter's full width: readers
saw a gap there and wrote a space inside the word (ਡਾਇਨੈ ਮਿਕ). Such a mark's new code is given the
width up to where Chromium puts the next glyph. Chromium places every glyph that follows with `Td`,
from the start of the mark, so nothing moves.

One change to the text itself: a bracket that Chromium drew mirrored (its glyph is the other
bracket, so it sits in right-to-left text) gets a right-to-left mark after it. Readers that order
text by strong characters alone (poppler's pdftotext) otherwise attach it to a neighbouring
left-to-right word on the wrong side: "(DIT)" in Urdu came out as "()DIT"."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    create_string_object,
)

# The tokens of a content stream that matter here; Chromium writes glyphs as hex strings and never
# inline images. Numbers, spaces and other operators are skipped in runs (`other`), for speed.
_OPERATORS = (b"BDC", b"BMC", b"EMC", b"Tf", b"Td", b"Tj", b"TJ", b"BI", b"ID")
_DELIMITED = rb"(?![^\s/<>\[\]()%{}])"
_TOKEN = re.compile(rb"""
    (?P<other>(?:\s+ | %[^\r\n]* | [+-]?(?:\d+\.?\d*|\.\d+)""" + _DELIMITED + rb"""
              | (?!(?:""" + b"|".join(_OPERATORS) + rb")" + _DELIMITED + rb""")[A-Za-z'"*][^\s/<>\[\]()%{}]*)+)
  | (?P<hex><[0-9A-Fa-f\s]*>) | (?P<dict><<|>>)
  | (?P<literal>\((?:[^\\()]|\\.|\((?:[^\\()]|\\.)*\))*\))
  | (?P<name>/[^\s/<>\[\]()%{}]*) | (?P<array>[\[\]])
  | (?P<operator>[A-Za-z]+)""", re.X | re.S)
_ANY_OPERATOR = re.compile(rb"[A-Za-z'\"*]")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_MAX_CID = 0xFFFF
RLM = "\u200f"


class PdfTextError(ValueError):
    """A PDF this module cannot rewrite safely; the message says why."""


@dataclass
class _Font:
    """A Type0 font with Identity-H encoding and the CIDs added to it: (GID, text, width or None for
    the glyph's own) -> new CID."""
    type0: DictionaryObject
    next_cid: int
    widths: dict[int, float]  # by glyph, the /W array's; others are the font's /DW
    default_width: float
    added: dict[tuple[int, str, float | None], int] = field(default_factory=dict)

    def code(self, gid: int, text: str, width: float | None = None) -> int:
        if (gid, text, width) not in self.added:
            if self.next_cid > _MAX_CID:
                raise PdfTextError(f"font {self.type0.get('/BaseFont')}: more than {_MAX_CID + 1} character codes needed")
            self.added[gid, text, width] = self.next_cid
            self.next_cid += 1
        return self.added[gid, text, width]


@dataclass
class _Span:
    text: str
    where: tuple[int, int]  # (start, end) of the ActualText string in the content stream
    reversed_chars: bool  # inside /ReversedChars: glyphs are in visual order, text right to left
    glyphs: list[tuple[int, int, _Font]] = field(default_factory=list)  # (start, end) of a hex string, font
    # A hex string's width in glyph units up to the next glyph, for a mark drawn with none (see above).
    widened: dict[int, float] = field(default_factory=dict)

    def is_one_bracket(self) -> bool:
        return len(self.text) == 1 and unicodedata.mirrored(self.text) == 1


def _string_value(kind: str, token: bytes) -> str:
    """A PDF text string (hex or literal) as Python text."""
    if kind == "hex":
        raw = bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    else:
        raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m[1], 8)]) if m[1][:1].isdigit()
                     else _ESCAPES.get(m[1], m[1]), token[1:-1], flags=re.S)
    return str(create_string_object(raw))


def _spans(data: bytes, fonts: dict[str, _Font]) -> list[_Span]:
    """Every ActualText span of a content stream, with the Identity-H glyph strings shown inside it."""
    spans: list[_Span] = []
    marks: list[_Span | str] = []  # open marked-content sequences, innermost last
    operands: list[tuple[str, bytes, int, int]] = []
    font, size, numbers = None, 0.0, b""
    last_glyph: tuple[_Span, int, float] | None = None  # a zero-width glyph's span, string start, size
    for match in _TOKEN.finditer(data):
        kind, token = match.lastgroup, match[0]
        if kind == "other":
            numbers = token
            if _ANY_OPERATOR.search(token):  # an operator we do not need ends its operands
                operands, last_glyph = [], None
            continue
        if kind != "operator":
            operands.append((kind, token, match.start(), match.end()))
            continue
        if token in (b"BI", b"ID"):
            raise PdfTextError("a content stream holds an inline image, which this rewrite does not handle")
        if token == b"BDC":
            tokens = [value for _, value, _, _ in operands]
            actual = tokens.index(b"/ActualText") if b"/ActualText" in tokens else -1
            if tokens[0] == b"/Span" and actual >= 0:
                kind_, value, start, end = operands[actual + 1]
                spans.append(_Span(_string_value(kind_, value), (start, end), "ReversedChars" in marks))
                marks.append(spans[-1])
            else:
                marks.append(tokens[0][1:].decode())
        elif token == b"BMC":
            marks.append(operands[0][1][1:].decode())
        elif token == b"EMC" and marks:
            marks.pop()
        elif token == b"Tf":
            font = fonts.get(next(value for kind_, value, _, _ in reversed(operands) if kind_ == "name").decode())
            size = float(numbers.split()[-1]) if numbers.split() else 0.0
        elif token == b"Td":
            if last_glyph is not None:
                dx, dy = (float(n) for n in numbers.split()[-2:])
                span, start, at_size = last_glyph
                if dy == 0 and 0 < dx < at_size:
                    span.widened[start] = round(dx * 1000 / at_size, 3)
            last_glyph = None
        elif token in (b"Tj", b"TJ"):
            last_glyph = None
            span = next((mark for mark in reversed(marks) if isinstance(mark, _Span)), None) if font else None
            strings = [(start, end) for kind_, _, start, end in operands if kind_ == "hex"]
            if span is not None:
                span.glyphs += [(start, end, font) for start, end in strings]
            if span is not None and token == b"Tj" and len(strings) == 1 and size > 0:
                gids = bytes.fromhex(re.sub(rb"\s", b"", data[strings[0][0] + 1:strings[0][1] - 1]).decode())
                if len(gids) == 2 and font.widths.get(int.from_bytes(gids, "big"), font.default_width) == 0:
                    last_glyph = (span, strings[0][0], size)
        operands = []
    return spans


def _reencode(data: bytes, spans: list[_Span]) -> bytes:
    """The content stream with each span's glyphs shown through their new codes."""
    edits: list[tuple[int, int, bytes]] = []
    for span in spans:
        glyphs = [(start, end, font, bytes.fromhex(re.sub(rb"\s", b"", data[start + 1:end - 1]).decode()))
                  for start, end, font in span.glyphs]
        codes = [(start, end, font, [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)])
                 for start, end, font, raw in glyphs]
        flat = [(n, i) for n, (_, _, _, gids) in enumerate(codes) for i in range(len(gids))]
        if not flat:
            continue
        text = span.text
        if len(flat) == 1 and span.is_one_bracket():  # one glyph, not its own: Chromium mirrored it
            text += RLM
            edits.append((*span.where, b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"))
        first = flat[-1] if span.reversed_chars else flat[0]  # the first glyph in reading order
        for n, (start, end, font, gids) in enumerate(codes):
            new = [font.code(gid, text if (n, i) == first else "", span.widened.get(start)) for i, gid in enumerate(gids)]
            edits.append((start, end, b"<" + b"".join(f"{cid:04X}".encode() for cid in new) + b">"))
    out, last = [], 0
    for start, end, replacement in sorted(edits):
        out += [data[last:start], replacement]
        last = end
    return b"".join(out + [data[last:]])


def _widths(cid_font: DictionaryObject) -> dict[int, float]:
    """The /W array of a CIDFont as {CID: width}."""
    widths, items, i = {}, list(cid_font.get("/W", [])), 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], list):
            widths.update((first + offset, float(width)) for offset, width in enumerate(items[i + 1]))
            i += 2
        else:
            widths.update((cid, float(items[i + 2])) for cid in range(first, int(items[i + 1]) + 1))
            i += 3
    return widths


def _glyph_count(cid_font: DictionaryObject) -> int:
    """numGlyphs of the embedded TrueType program (its maxp table); Chromium keeps glyph numbers."""
    descriptor = cid_font["/FontDescriptor"].get_object()
    if "/FontFile2" not in descriptor:
        return 0
    program = descriptor["/FontFile2"].get_object().get_data()
    for i in range(int.from_bytes(program[4:6], "big")):
        record = program[12 + 16 * i:28 + 16 * i]
        if record[:4] == b"maxp":
            offset = int.from_bytes(record[8:12], "big")
            return int.from_bytes(program[offset + 4:offset + 6], "big")
    return 0


def _font(type0: DictionaryObject) -> _Font | None:
    """Our view of a font whose glyphs we can re-encode: Type0, Identity-H, TrueType, with ToUnicode."""
    if type0.get("/Subtype") != "/Type0" or type0.get("/Encoding") != "/Identity-H" or "/ToUnicode" not in type0:
        return None
    cid_font = type0["/DescendantFonts"][0].get_object()
    if cid_font.get("/Subtype") != "/CIDFontType2" or cid_font.get("/CIDToGIDMap", "/Identity") != "/Identity":
        return None
    widths = _widths(cid_font)
    return _Font(type0, max([_glyph_count(cid_font), *(cid + 1 for cid in widths)]), widths, float(cid_font.get("/DW", 1000)))


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream.flate_encode(level=9))


def _width(value: float) -> NumberObject | FloatObject:
    return NumberObject(int(value)) if value == int(value) else FloatObject(value)


def _extend(writer: PdfWriter, font: _Font) -> None:
    """Declare the new codes: the same glyph (CIDToGIDMap), its width (/W), their text (ToUnicode)."""
    cid_font = font.type0["/DescendantFonts"][0].get_object()
    gids = bytearray(b"".join(cid.to_bytes(2, "big") for cid in range(font.next_cid)))
    new_widths = []
    for (gid, _, width), cid in sorted(font.added.items(), key=lambda entry: entry[1]):
        gids[2 * cid:2 * cid + 2] = gid.to_bytes(2, "big")
        own = font.widths.get(gid, font.default_width)
        new_widths += [NumberObject(cid), ArrayObject([_width(own if width is None else width)])]
    cid_font[NameObject("/W")] = ArrayObject([*cid_font.get("/W", []), *new_widths])
    cid_font[NameObject("/CIDToGIDMap")] = _stream(writer, bytes(gids))
    entries = sorted((cid, text) for (_, text, _), cid in font.added.items())
    blocks = "".join(  # a CMap block holds at most 100 entries
        f"{len(chunk)} beginbfchar\n"
        + "".join(f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>\n" for cid, text in chunk)
        + "endbfchar\n" for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    cmap = font.type0["/ToUnicode"].get_object().get_data().decode("latin-1")
    font.type0[NameObject("/ToUnicode")] = _stream(writer, cmap.replace("endcmap", blocks + "endcmap", 1).encode("latin-1"))


def map_shaped_glyphs(writer: PdfWriter) -> None:
    """Re-encode the glyphs of every ActualText span in the pages of `writer` (see the module's note)."""
    fonts: dict[int, _Font | None] = {}
    for page in writer.pages:
        names = {}
        for name, reference in (page.get("/Resources", {}).get("/Font") or {}).items():
            if isinstance(reference, IndirectObject):
                if reference.idnum not in fonts:
                    fonts[reference.idnum] = _font(reference.get_object())
                if fonts[reference.idnum]:
                    names[name] = fonts[reference.idnum]
        contents = page.get("/Contents")
        if contents is None:
            continue
        if isinstance(contents.get_object(), ArrayObject):
            raise PdfTextError("a page's content is split into several streams, which this rewrite does not handle")
        stream = contents.get_object()
        data = stream.get_data()
        spans = _spans(data, names)
        if any(span.glyphs for span in spans):
            stream.set_data(_reencode(data, spans))
    for font in fonts.values():
        if font and font.added:
            _extend(writer, font)
