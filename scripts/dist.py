"""One versioned archive of the built site, for web teams that cannot run Python. The archive is
reproducible: files in sorted order, fixed owner and times (the build date)."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import tarfile
from pathlib import Path

from scripts import release
from scripts.settings import ROOT


def pack(site: Path, out_dir: Path, root: Path = ROOT) -> Path:
    version = release.version(root)
    mtime = _epoch(root)
    name = f"dit-site-{version}"
    archive = out_dir / f"{name}.tar.gz"
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = tarfile.TarInfo(f"{name}/{path.relative_to(site).as_posix()}")
            info.size, info.mtime, info.mode = path.stat().st_size, mtime, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with path.open("rb") as data:
                tar.addfile(info, data)
    with archive.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=mtime, filename="") as gz:
        gz.write(buffer.getvalue())
    return archive


def _epoch(root: Path) -> int:
    """The build date as a timestamp: every file in the archive carries it."""
    day = release.build_date(root)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
