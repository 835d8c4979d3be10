"""A clinic's brand, checked before it reaches a page: the header colour must carry white text
(WCAG 2.2 AA contrast), and the logo must be a small, safe image file (no script, nothing fetched
from elsewhere)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

LOGO_TYPES = (".png", ".webp", ".svg")
# The logo is part of every first visit, whose whole budget is 60 KB (docs/performance.md).
LOGO_MAX_BYTES = 20 * 1024
# The header shows white text on the brand colour: WCAG 2.2 AA for normal text (1.4.3).
MIN_CONTRAST = 4.5

# ---------------------------------------------------------------------------------------------------
# Colours


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of #rrggbb."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker_shade(colour: str, target: float = MIN_CONTRAST) -> str:
    """The nearest shade of the same hue that white text can sit on (a suggestion for the error)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{int(c * step / 100):02x}" for c in (r, g, b))
        if contrast_ratio(shade, "#ffffff") >= target:
            return shade
    return "#000000"


# ---------------------------------------------------------------------------------------------------
# Logos

SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG file is not safe to serve as a logo: script, event handlers, javascript: URLs,
    foreignObject, or references to anything outside the file. An empty list: it is safe."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["is not UTF-8 text"]
    problems = []
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        problems.append("has a DOCTYPE or ENTITY declaration (remove it)")
        return problems  # do not parse entity declarations at all
    if "<script" in lowered:
        problems.append("has a <script> element")
    if "<foreignobject" in lowered:
        problems.append("has a <foreignObject> element")
    if re.search(r"javascript\s*:", lowered):
        problems.append("has a javascript: URL")
    if re.search(r"[\s\"'/]on[a-z]+\s*=", lowered):
        problems.append("has an on...= event attribute")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        problems.append(f"is not well-formed SVG ({error})")
        return problems
    if root.tag not in (SVG_NS + "svg", "svg"):
        problems.append("does not start with an <svg> element")
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag == "script" and "has a <script> element" not in problems:
            problems.append("has a <script> element")
        if tag == "foreignobject" and "has a <foreignObject> element" not in problems:
            problems.append("has a <foreignObject> element")
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") and "has an on...= event attribute" not in problems:
                problems.append("has an on...= event attribute")
            if "javascript:" in compact and "has a javascript: URL" not in problems:
                problems.append("has a javascript: URL")
            if name == "href" and not _internal_reference(compact) and "javascript:" not in compact:
                problems.append(f"refers to something outside the file ({attribute.rsplit('}', 1)[-1]}="
                                f"{value[:40]!r}); only #ids and data:image/ URLs are allowed")
        if _local(element.attrib.get("attributeName", "")) == "href":
            problems.append(f"has an <{tag}> that changes a link")
        css = (element.attrib.get("style", "") + " " + ((element.text or "") if tag == "style" else "")).lower()
        for target in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", css):
            if not _internal_reference(target):
                problems.append(f"refers to something outside the file (url({target[:40]}))")
        if "@import" in css:
            problems.append("has a CSS @import")
    return problems


def _internal_reference(target: str) -> bool:
    """#id, or an embedded raster image. An embedded SVG could carry its own script: refused."""
    target = target.strip().lower()
    return target.startswith("#") or (target.startswith("data:image/") and not target.startswith("data:image/svg"))


def logo_problems(path: Path) -> list[str]:
    """Why a logo file cannot be used (type, size, content). An empty list: it can."""
    suffix = path.suffix.lower()
    if suffix not in LOGO_TYPES:
        return [f"must be a PNG, WebP or SVG file (.png, .webp, .svg), not {path.suffix or 'a file without a type'}"]
    if not path.is_file():
        return [f"does not exist (looked for {path})"]
    data = path.read_bytes()
    if len(data) > LOGO_MAX_BYTES:
        return [f"is {len(data) // 1024} KB; a logo may be at most {LOGO_MAX_BYTES // 1024} KB "
                f"(make it smaller, or use SVG)"]
    if suffix == ".png" and not data.startswith(PNG_MAGIC):
        return ["is called .png but is not a PNG image"]
    if suffix == ".webp" and not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return ["is called .webp but is not a WebP image"]
    if suffix == ".svg":
        problems = [f"is not a safe SVG: it {problem}" for problem in svg_problems(data)]
        if not problems and logo_size(path) is None:
            problems.append("has no size: give its <svg> element a viewBox (or width and height)")
        return problems
    if logo_size(path) is None:
        return ["cannot be read as an image"]
    return []


def logo_size(path: Path) -> tuple[int, int] | None:
    """The logo's width and height, for the page to reserve its space before it loads."""
    if path.suffix.lower() == ".svg":
        root = ET.fromstring(path.read_text(encoding="utf-8"))  # checked safe before this is called
        box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
        sizes = [root.get("width", ""), root.get("height", "")]
        if all(re.fullmatch(r"\d+(\.\d+)?(px)?", size) for size in sizes):
            return round(float(sizes[0].removesuffix("px"))), round(float(sizes[1].removesuffix("px")))
        if len(box) == 4 and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in box) and float(box[2]) > 0 and float(box[3]) > 0:
            return round(float(box[2])), round(float(box[3]))
        return None
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None

