"""Find Debian's Chromium for the browser tests, installing it when this machine allows."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background requests to Google's hosts, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def ensure_chromium() -> Path:
    """Return Chromium's path; install Debian's package as root if it is missing, else explain."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        return CHROMIUM
    raise SystemExit("Chromium is missing and cannot be installed from here. "
                     "Install Debian's package as root: apt-get install chromium")
