"""Precompressed copies of the site's text files (index.html.gz and index.html.br beside index.html),
so a server sends them as they are (nginx's gzip_static, Caddy's precompressed) instead of compressing
the same file on every request. Deterministic: a gzip header with no file name and no time."""
from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

from scripts.inputs.settings import ROOT
from scripts.system import cache_store

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")
# Levels chosen for a small cost on every build. gzip 9 makes the copies 0.4 % smaller in twice the
# time. Brotli 8 is within 0.2 % of 9 in a tenth of its time; 10 and 11 make the copies 8 to 10 %
# smaller but add 4 to 14 seconds.
GZIP_LEVEL = 6
BROTLI_QUALITY = 8
# Content-addressed: a file is compressed again only when its bytes (or a level above) change; most of a
# site is the same from one build to the next, and compressing it all was a tenth of a build.
CACHE = Path(os.environ.get("DIT_COMPRESS_CACHE", ROOT / ".cache" / "compressed"))


def _compressed(data: bytes, suffix: str) -> bytes:
    key = hashlib.sha256(f"{suffix} {GZIP_LEVEL} {BROTLI_QUALITY} {brotli.__version__}\n".encode() + data).hexdigest()
    cached = CACHE / key[:2] / f"{key}{suffix}"
    if cached.exists():
        return cached.read_bytes()
    packed = gzip.compress(data, GZIP_LEVEL, mtime=0) if suffix == ".gz" else brotli.compress(data, quality=BROTLI_QUALITY)
    cache_store.store(cached, packed)
    return packed


def write_compressed(site: Path) -> int:
    """Write a .gz and a .br copy next to every text file in `site`; return the bytes written."""
    written = 0
    for path in sorted(p for p in site.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file()):
        data = path.read_bytes()
        for suffix in (".gz", ".br"):
            packed = _compressed(data, suffix)
            path.with_name(path.name + suffix).write_bytes(packed)
            written += len(packed)
    return written
