"""Web fonts for scripts that need one: a subset holding only the characters our pages use.

Urdu is read in Nastaliq, which few phones have. `python -m scripts fonts` subsets Noto Nastaliq Urdu
(SIL Open Font Licence; Debian package fonts-noto-core) to the characters of the Urdu pages, their
interface strings and Material's Urdu interface text, and writes a WOFF2 file that only Urdu pages load
(see overrides/assets/fonts/). Run it again after the Urdu text changes; a test says when it is due."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scripts.settings import ROOT

SOURCE = Path("/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf")
OUTPUT = ROOT / "overrides" / "assets" / "fonts" / "noto-nastaliq-urdu-subset.woff2"
MATERIAL_STRINGS = "material/templates/partials/languages/ur.html"
# Characters the page layout itself adds around Urdu words.
ALWAYS = " 0123456789.,:()-–«»؟،۔٪"  # those the source font has


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
    options.layout_features = ["*"]  # Nastaliq joins and stacks letters through its layout features
    options.hinting = False
    options.desubroutinize = True
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
