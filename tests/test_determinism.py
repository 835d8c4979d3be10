"""Two builds of the same commit are byte-identical, PDFs, QR codes, preview images, JSON and the compressed sitemap
included, even built in another folder, time zone and locale, with another hash seed, on what is
another calendar day where each runs (UTC+14 and UTC-10)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts import build
from scripts.inputs import release
from scripts.inputs.settings import ROOT

BUILD = "import sys; from pathlib import Path; from scripts import build; build.build(Path(sys.argv[1]), Path(sys.argv[2]))"


def _build(project: Path, out: Path, env: dict[str, str]) -> Path:
    subprocess.run([sys.executable, "-c", BUILD, str(project), str(out)], cwd=ROOT,
                   env={**os.environ, **env}, check=True, capture_output=True)
    return out


def test_two_builds_in_different_conditions_are_byte_identical(tmp_path):
    one = _build(build.copy_project(ROOT, tmp_path / "a" / "project"), tmp_path / "a" / "site",
                 {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1",
                  "DIT_PDF_CACHE": str(tmp_path / "cache-a"), "DIT_PREVIEW_CACHE": str(tmp_path / "preview-a")})
    two = _build(build.copy_project(ROOT, tmp_path / "b" / "somewhere" / "else"), tmp_path / "b" / "site",
                 {"TZ": "America/Adak", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "987",
                  "DIT_PDF_CACHE": str(tmp_path / "cache-b"), "DIT_PREVIEW_CACHE": str(tmp_path / "preview-b")})
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    different = [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    assert different == []
    for needed in ("leaflet.pdf", "ar/leaflet-large-print.pdf", "sitemap.xml.gz", "qr/index.svg", "api/v1/index.json",
                   "preview.png", "ur/preview.png", "robots.txt"):
        assert needed in files
    # Both copies have no .git: they carry the commit's date, not 1970 (identical but wrong is no pass).
    leaflet = (one / "leaflet" / "index.html").read_text(encoding="utf-8")
    assert release.build_date(ROOT).isoformat() in leaflet and release.version(ROOT) in leaflet
