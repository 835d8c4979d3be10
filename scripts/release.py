"""The site's version and build date, both taken from the commit, so the same commit always builds
the same output ("today" for the build is the commit's date, or SOURCE_DATE_EPOCH when set)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import cache
from pathlib import Path

from scripts.settings import ROOT


def _git(*args: str, root: Path = ROOT) -> str:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


@cache
def build_date(root: Path = ROOT) -> dt.date:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()
    committed = _git("log", "-1", "--format=%cs", root=root)
    return dt.date.fromisoformat(committed) if committed else dt.date(1970, 1, 1)


@cache
def version(root: Path = ROOT) -> str:
    """The commit this site was built from, e.g. "2026.11.26-409dd77" (date and short hash)."""
    commit = _git("rev-parse", "--short=7", "HEAD", root=root)
    return f"{build_date(root):%Y.%m.%d}-{commit}" if commit else f"{build_date(root):%Y.%m.%d}-unversioned"
