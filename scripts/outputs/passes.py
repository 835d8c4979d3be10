"""The passes over the built site that turn the engine's handoff into files: per-language search
indexes and 404 pages, each page's embed page, JSON and oEmbed documents and QR code, each
language's leaflet, the JSON API's index and the link-preview images. scripts/build.py runs them
after MkDocs and before the leaflet PDFs, redirects and hosting files."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts.engine import handoff as engine_handoff
from scripts.outputs import api, page_artefacts, per_language, preview_images


def run(site_dir: Path) -> None:
    handoff = engine_handoff.take(site_dir)
    per_language.write_search_indexes(site_dir, handoff)
    per_language.write_not_found_pages(site_dir, handoff)
    page_artefacts.write_all(site_dir, handoff)
    api.write_index(site_dir, handoff.site_url)
    previews = {language.prefix: (language.code, language.direction, language.site_name) for language in handoff.languages}
    # Chromium draws a missing image through Playwright's synchronous API, which allows one driver per
    # thread: a thread of its own, as the caller (a test, say) may be driving one already.
    with ThreadPoolExecutor(1) as worker:
        worker.submit(preview_images.write_previews, site_dir, previews).result()
