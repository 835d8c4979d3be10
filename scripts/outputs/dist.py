"""One versioned archive of the built site, for web teams that cannot run Python. The archive is
reproducible: files in sorted order, fixed owner and times (the build date). Every folder is in it
too, with mode 0755 (files 0644): extracted as root, tar then gives folders that a web server's own
user may read whatever the umask (a folder tar makes on its own follows the umask: 0750 under 027)."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import tarfile
from pathlib import Path

from scripts.inputs import release
from scripts.inputs.settings import ROOT


def pack(site: Path, out_dir: Path, root: Path = ROOT) -> Path:
    version = release.version(root)
    mtime = _epoch(root)
    name = f"dit-site-{version}"
    archive = out_dir / f"{name}.tar.gz"
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [site, *sorted(site.rglob("*"))]:
            info = tarfile.TarInfo("/".join([name, *path.relative_to(site).parts]))
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
            if path.is_dir():
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
                continue
            info.size, info.mode = path.stat().st_size, 0o644
            with path.open("rb") as data:
                tar.addfile(info, data)
    # Level 6, not 9: half the site is compressed already (the .gz and .br copies), and 9 takes three
    # times as long for 0.4 % less.
    with archive.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=mtime, filename="") as gz:
        gz.write(buffer.getvalue())
    return archive


def _epoch(root: Path) -> int:
    """The build date as a timestamp: every file in the archive carries it."""
    day = release.build_date(root)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
