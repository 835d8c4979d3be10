"""Find the system programs the checks need (Debian's Chromium, a Java runtime for the HTML
checker, poppler's pdftotext for the leaflets' text, nginx for the hosting tests, gettext's msgfmt for
the exported PO files), installing them
when this machine allows (root on Debian, as on CI)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Every script needs a font with its letters (Chromium brings only Latin ones), for the browser checks
# and the PDF leaflets: Debian's fonts-noto-core has Noto for Arabic, Urdu, Bengali, Gurmukhi, Gujarati,
# Tamil, Cyrillic...; fonts-noto-cjk has Chinese (Simplified and Traditional). One file of each says it is there.
SCRIPT_FONTS = {"fonts-noto-core": Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"),
                "fonts-noto-cjk": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")}
# Flags for a closed network: no background requests to Google's hosts, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _apt_install(*packages: str) -> None:
    if not (os.geteuid() == 0 and shutil.which("apt-get")):
        raise SystemExit(f"Debian's package(s) {', '.join(packages)} are missing and cannot be installed from "
                         f"here. Install them as root: apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)


def ensure_chromium() -> Path:
    """Chromium's path, installing Debian's package (and the fonts for every script) if they are
    missing and we may."""
    wanted = {"chromium": CHROMIUM, **SCRIPT_FONTS}
    missing = [package for package, path in wanted.items() if not path.exists()]
    if missing:
        _apt_install(*missing)
    return CHROMIUM


def ensure_java() -> Path:
    """A Java runtime for the Nu HTML Checker, installing Debian's if it is missing and we may."""
    if not shutil.which("java"):
        _apt_install("default-jre-headless")
    return Path(shutil.which("java"))


def ensure_pdftotext() -> Path:
    """poppler's pdftotext, a second reader of the leaflet PDFs' text, installing Debian's
    poppler-utils if it is missing and we may."""
    if not shutil.which("pdftotext"):
        _apt_install("poppler-utils")
    return Path(shutil.which("pdftotext"))


NGINX = Path("/usr/sbin/nginx")


def ensure_nginx() -> Path:
    """nginx, to serve the built site in the hosting tests as a real server would; Debian's smallest
    build (nginx-light) is enough, installed if it is missing and we may."""
    if not NGINX.exists():
        _apt_install("nginx-light")
    return NGINX


def ensure_msgfmt() -> Path:
    """gettext's msgfmt, which checks the exported PO files as gettext itself reads them, installing
    Debian's gettext if it is missing and we may."""
    if not shutil.which("msgfmt"):
        _apt_install("gettext")
    return Path(shutil.which("msgfmt"))
