"""Links that never break: old addresses (settings/moves.yml) redirect in every language, and every
address ever published (settings/published-addresses.txt, a file that only grows) must still resolve."""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.utils import get_relative_url

from scripts.inputs import settings
from scripts.inputs.addresses import PUBLISHED, moves, published


def redirect_page(lang: str, title: str, here: str, target: str, canonical: str) -> str:
    """A tiny page at an old address: it sends the browser on at once, and offers the link too."""
    href = html.escape(get_relative_url(target, here))
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{html.escape(title)}</title><meta name="robots" content="noindex">'
            f'<link rel="canonical" href="{html.escape(canonical)}">'
            f'<meta http-equiv="refresh" content="0; url={href}"></head>'
            f'<body><p><a href="{href}">{html.escape(title)}</a></p></body></html>\n')


def write_redirects(site: Path, root: Path, site_url: str, prefixes: dict[str, str]) -> list[str]:
    """Write every move in every language (prefixes: language code -> "" or "pl/"). Returns the
    old addresses written."""
    import json
    written = []
    for move in moves(root):
        for lang, prefix in prefixes.items():
            target = prefix + move["to"]
            document = site / "api" / "v1" / "pages" / lang / f"{move['to'].strip('/') or 'index'}.json"
            title = json.loads(document.read_text(encoding="utf-8"))["title"]
            here = prefix + move["from"]
            out = site / here / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(redirect_page(lang, title, here, target, site_url + target), encoding="utf-8")
            written.append("/" + here)
    return written


def current_addresses(site: Path) -> set[str]:
    """Every address a reader or a printed QR code may use: pages, embeds, leaflets, data."""
    found = set()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site).as_posix()
        if relative.endswith("index.html"):
            found.add("/" + relative[: -len("index.html")])
        elif relative.endswith((".pdf", ".json", ".svg")) and not relative.startswith(("assets/", "search/")):
            found.add("/" + relative)
    return found


def record(site: Path, root: Path = settings.ROOT) -> int:
    """Add the site's new addresses to the published list (it only ever grows). Returns how many."""
    known = set(published(root))
    new = sorted(current_addresses(site) - known)
    path = root / "settings" / PUBLISHED
    with path.open("a", encoding="utf-8") as out:
        out.writelines(f"{address}\n" for address in new)
    return len(new)
