"""`make serve`: the whole site as readers get it (every pass after MkDocs too: per-language search,
embed pages, leaflets, offline files), served on localhost and rebuilt when a source changes.
`mkdocs serve` alone would show MkDocs' part only (docs/architecture.md)."""
from __future__ import annotations

import time
from pathlib import Path

from scripts import build
from scripts.system.serve_static import serve

WATCHED = ("content", "settings", "overrides", "mkdocs.yml")


def _stamp(root: Path) -> tuple:
    files = [path for name in WATCHED for path in ([root / name] if (root / name).is_file() else (root / name).rglob("*"))]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files if path.is_file()))


def run(root: Path, port: int = 8000) -> None:
    site = build.build(root)
    seen = _stamp(root)
    with serve(site, port=port) as url:
        print(f"Serving the built site at {url} (Ctrl+C stops); it is rebuilt when a source changes.")
        try:
            while True:
                time.sleep(1)
                now = _stamp(root)
                if now != seen:
                    seen = now
                    try:
                        build.build(root)
                        print("Rebuilt.")
                    except build.BuildError as error:
                        print(f"{error}\nThe previous site is still being served.")
        except KeyboardInterrupt:
            pass
