"""Link-preview images (og:image): one PNG per language, 1200 by 630 pixels, the site's name in that
language on the site's colour, for people who share a link in a messaging app.

Chromium draws them, as it prints the leaflets: the Arabic and Urdu names end in Latin "(DIT)", which
the Arabic-script fonts lack, and Chromium shapes every script and falls back between fonts within a
line (Pillow, even with libraqm, draws a line in one font). No network: the card is inline HTML and the
fonts are Debian's Noto. Content-addressed cache: an image is drawn again only when its name, the
card, Chromium or the fonts change (scripts/system/drawing.py)."""
from __future__ import annotations

import hashlib
import html
import io
import os
import shutil
from pathlib import Path

from PIL import Image

from scripts.inputs.settings import ROOT
from scripts.inputs.site_paths import PREVIEW_FILE as FILE
from scripts.inputs.site_paths import PREVIEW_HEIGHT as HEIGHT
from scripts.inputs.site_paths import PREVIEW_WIDTH as WIDTH
from scripts.system import cache_store, drawing
from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium

CACHE = Path(os.environ.get("DIT_PREVIEW_CACHE", ROOT / ".cache" / "preview"))
# The header's icon (Material Design Icons "chat-outline", Apache-2.0), as in assets/favicon.svg.
ICON = ("M12 3C6.5 3 2 6.58 2 11a7.22 7.22 0 0 0 2.75 5.5c0 .6-.42 2.17-2.75 4.5 2.37-.11 4.64-1 6.47-2.5 "
        "1.14.33 2.34.5 3.53.5 5.5 0 10-3.58 10-8s-4.5-8-10-8m0 14c-4.42 0-8-2.69-8-6s3.58-6 8-6 8 2.69 8 6-3.58 6-8 6")
CARD = """<!doctype html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
  body {{ box-sizing: border-box; display: flex; flex-direction: column; justify-content: center; gap: 40px;
         padding: 72px 96px; background: #1d5461; color: #fff;
         font: 700 80px/1.3 "Noto Sans", "Noto Naskh Arabic", sans-serif; }}
  body:lang(ur) {{ font-family: "Noto Nastaliq Urdu", "Noto Sans", sans-serif; font-size: 68px; line-height: 2; }}
  svg {{ width: 128px; height: 128px; }}
  h1 {{ margin: 0; font: inherit; }}
</style></head><body>
  <svg viewBox="0 0 24 24" aria-hidden="true"><path fill="#fff" d="{icon}"/></svg>
  <h1>{name}</h1>
</body></html>"""


def card_html(name: str, lang: str, direction: str) -> str:
    return CARD.format(lang=lang, direction=direction, width=WIDTH, height=HEIGHT, icon=ICON, name=html.escape(name))


def _compact(png: bytes) -> bytes:
    """The same picture in at most 64 colours (a flat card and anti-aliased text need no more): about
    a tenth of the bytes, and the same bytes for the same picture."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_previews(site: Path, languages: dict[str, tuple[str, str, str]]) -> list[Path]:
    """`languages` maps a language prefix ("" or "pl/") to (code, direction, site name); each image
    goes to <prefix>preview.png. Returns the images written."""
    drawn_by = drawing.fingerprint()
    jobs, written = [], []
    for prefix, (lang, direction, name) in languages.items():
        markup = card_html(name, lang, direction)
        key = hashlib.sha256(f"{drawn_by}\n{markup}".encode()).hexdigest()
        cached = CACHE / f"{key}.png"
        out = site / prefix / FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        if cached.exists():
            shutil.copyfile(cached, out)
        else:
            jobs.append((markup, cached, out))
        written.append(out)
    if jobs:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
            tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
            tab.route("**/*", lambda route: route.abort())  # the card needs nothing from anywhere
            for markup, cached, out in jobs:
                tab.set_content(markup, wait_until="load")
                tab.evaluate("document.fonts.ready.then(() => true)")
                png = _compact(tab.screenshot(type="png"))
                out.write_bytes(png)
                cache_store.store(cached, png)
            browser.close()
    return written
