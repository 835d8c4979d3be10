"""Web fonts for scripts that need one: a subset holding only the characters our pages use.

Urdu is read in Nastaliq. ur.css names the Nastaliq fonts devices already have first ("Noto Nastaliq
Urdu" on Android, iOS, macOS, ChromeOS and Linux; "Urdu Typesetting" on Windows), so those readers download
nothing. Only a reader with neither gets our web font, and it is Naskh, not Nastaliq: a lossless Noto
Nastaliq Urdu subset cannot fit the 40 KB budget for a script's web font (it was 88 KB; its layout tables
GSUB, GPOS and GDEF alone compress to about 47 KB, as cascading joins live there), while a Noto Naskh
Arabic subset with every layout feature kept is about 11 KB. (Measured November 2026, fontTools 4.68,
Debian fonts-noto-core 20201225.)

`python -m scripts fonts` subsets Noto Naskh Arabic (SIL Open Font Licence; Debian package
fonts-noto-core) to the characters of the Urdu pages, their interface strings and Material's Urdu
interface text, and writes a WOFF2 file that only Urdu pages load (see overrides/assets/fonts/). The
output depends only on the source font and the text, so running it twice gives the same bytes. Run it
again after the Urdu text changes; a test says when it is due."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scripts.inputs.settings import ROOT

SOURCE = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
OUTPUT = ROOT / "overrides" / "assets" / "fonts" / "noto-naskh-arabic-urdu-subset.woff2"
MATERIAL_STRINGS = "material/templates/partials/languages/ur.html"
# Characters the page layout itself adds around Urdu words: those the source font has. It has no
# brackets or dashes; the reader's system font draws them.
ALWAYS = " 0123456789.,:«»؟،۔٪"


def urdu_text(root: Path = ROOT) -> str:
    """Every piece of Urdu text the site shows."""
    import material
    folder = root / "content" / "ur"
    parts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".md", ".yml")]
    parts.append((Path(material.__file__).parent / MATERIAL_STRINGS.split("/", 1)[1]).read_text(encoding="utf-8"))
    return "".join(parts)


def needed_characters(text: str) -> set[str]:
    """Characters of the Arabic script (and the marks joined to them) in the text, plus punctuation."""
    arabic = {c for c in text if "ARABIC" in unicodedata.name(c, "") or c in "\u200c\u200d"}
    return arabic | set(ALWAYS)


def build_subset(source: Path = SOURCE, output: Path = OUTPUT) -> Path:
    from fontTools import subset
    options = subset.Options()
    options.flavor = "woff2"
    # Every feature the kept glyphs use (init, medi, fina, rlig, liga, mark, mkmk...): joining, ligatures and
    # mark placement live in the layout tables, and keeping them all costs 0.2 KB more than fontTools' default
    # list. A fixed list could drop a feature a newer copy of the font needs.
    options.layout_features = ["*"]
    options.hinting = False  # TrueType hints cost bytes; browsers render unhinted outlines smoothly
    options.glyph_names = False  # the default, set here on purpose: browsers don't use glyph names
    options.notdef_outline = False  # the default: an empty .notdef, since missing characters use the fallback font
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(needed_characters(urdu_text()))))
    subsetter.subset(font)
    output.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(output), options)
    return output


def missing_characters(font: Path = OUTPUT) -> set[str]:
    """Characters our Urdu pages use that the shipped subset lacks."""
    from fontTools.ttLib import TTFont
    cmap = TTFont(str(font)).getBestCmap()
    return {c for c in needed_characters(urdu_text()) if not re.match(r"\s", c) and ord(c) not in cmap}
