"""The passes over the built site that turn the engine's handoff into files: per-language search
indexes and 404 pages, each page's embed page, JSON and oEmbed documents and QR code, each
language's leaflet, the JSON API's index, the link-preview images and what Save for offline keeps
(docs/offline.md). scripts/build.py runs them
after MkDocs and before the leaflet PDFs, redirects and hosting files."""
from __future__ import annotations

from pathlib import Path

from scripts.engine import handoff as engine_handoff
from scripts.inputs import release, settings
from scripts.outputs import api, easy_read_leaflet, offline, page_artefacts, per_language, preview_images
from scripts.system import own_thread


def run(site_dir: Path, root: Path) -> None:
    handoff = engine_handoff.take(site_dir)
    per_language.write_search_indexes(site_dir, handoff)
    per_language.write_not_found_pages(site_dir, handoff)
    env = page_artefacts.templates(handoff)  # one template environment for every pass that renders
    page_artefacts.write_all(site_dir, env, handoff)
    for language in handoff.languages:
        if language.code in handoff.easy_read:
            easy_read_leaflet.write(site_dir, env, handoff.leaflets[language.code], language.code, language.prefix,
                                    handoff.site_url, handoff.easy_read[language.code])
    api.write_index(site_dir, handoff.site_url)
    previews = {language.prefix: (language.code, language.direction, language.site_name) for language in handoff.languages}
    # Chromium draws a missing image (scripts/system/own_thread.py says why in a thread of its own).
    own_thread.run(preview_images.write_previews, site_dir, previews)
    _write_offline(site_dir, root, handoff)


def _write_offline(site_dir: Path, root: Path, handoff: engine_handoff.Handoff) -> None:
    """Each language's offline page in its folder, then what the worker keeps: last, as it lists and
    weighs every page, leaflet and 404 page of the language."""
    if handoff.offline_enabled:
        for language in handoff.languages:
            page = site_dir / language.prefix / "offline" / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(handoff.offline[language.code], encoding="utf-8")
    languages = [offline.Language(code=language.code, prefix=language.prefix, direction=language.direction,
                                  strings=settings.load_strings(root / "content", language.code))
                 for language in handoff.languages]
    offline.write_offline_files(site_dir, root, languages, enabled=handoff.offline_enabled,
                                version=release.version(root), checked_fallback=release.build_date(root))
