"""What draws the leaflet PDFs and preview images besides their own HTML: the installed Chromium and
the fonts fontconfig offers it. Part of both caches' keys, so a file drawn by another Chromium or with
other fonts is drawn again: a cached copy would hide what this machine draws (a font gone, say)."""
from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from pathlib import Path

from scripts.system.system_packages import ensure_chromium

# Debian's launcher is a script; the browser it starts is here.
CHROMIUM_BINARY = Path("/usr/lib/chromium/chromium")


@functools.cache
def fingerprint() -> str:
    """Each file's path, size and time: Chromium's, and every font's. Reading them takes a fraction
    of a second; asking Chromium its version starts it."""
    fonts = subprocess.run([shutil.which("fc-list") or "fc-list", "--format", "%{file}\n"],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    files = sorted({Path(ensure_chromium()), CHROMIUM_BINARY, *(Path(font) for font in fonts if font)})
    return hashlib.sha256("\n".join(f"{path} {path.stat().st_size} {path.stat().st_mtime_ns}"
                                    for path in files if path.exists()).encode()).hexdigest()
