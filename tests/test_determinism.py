"""Two builds of the same commit are byte-identical, PDFs, QR codes, preview images, JSON and the compressed sitemap
included, even built in another folder, time zone and locale, with another hash seed, on what is
another calendar day where each runs (UTC+14 and UTC-10).

The first is the session's site (tests/builds.py: this project's folder, UTC+14, C.UTF-8, hash seed 1,
the project's PDF and preview caches, as `make site` fills them); this test builds the second, in a
copy, in the other conditions, printing and drawing every PDF and image again."""
from __future__ import annotations

from scripts import build
from scripts.inputs import release
from scripts.inputs.settings import ROOT
from tests import builds


def test_two_builds_in_different_conditions_are_byte_identical(site, tmp_path):
    assert builds.FIRST_CONDITIONS["TZ"] == "Pacific/Kiritimati" and builds.FIRST_CONDITIONS["PYTHONHASHSEED"] == "1"
    one = site
    two = builds.build_in_a_process(
        build.copy_project(ROOT, tmp_path / "b" / "somewhere" / "else"), tmp_path / "b" / "site",
        {"TZ": "America/Adak", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "987",
         "DIT_PDF_CACHE": str(tmp_path / "cache-b"), "DIT_PREVIEW_CACHE": str(tmp_path / "preview-b")})
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    different = [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    assert different == []
    for needed in ("leaflet.pdf", "ar/leaflet-large-print.pdf", "sitemap.xml.gz", "qr/index.svg", "api/v1/index.json",
                   "preview.png", "ur/preview.png", "robots.txt"):
        assert needed in files
    # The copy has no .git: it carries the commit's date, not 1970 (identical but wrong is no pass).
    for built in (one, two):
        leaflet = (built / "leaflet" / "index.html").read_text(encoding="utf-8")
        assert release.build_date(ROOT).isoformat() in leaflet and release.version(ROOT) in leaflet
