"""The site's version and build date, both taken from the commit, so the same commit always builds
the same output ("today" for the build is the commit's date, or SOURCE_DATE_EPOCH when set).

A copy of the project (a clinic build, a test's throwaway copy) has no .git: `stamp_copy` gives it
the commit it was copied from, so its pages, leaflets and PDFs carry the real date and version."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import cache
from pathlib import Path

from scripts.inputs.settings import ROOT

# In a copy of the project: "2026-11-30 723fb14", the date and short hash of the commit it came from.
STAMP = ".release"


def _git(*args: str, root: Path = ROOT) -> str:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _commit(root: Path) -> tuple[dt.date, str] | None:
    """The date and short hash of the commit the project at `root` is, from git or from its stamp."""
    line = _git("log", "-1", "--format=%cs %h", "--abbrev=7", root=root)
    if not line and (root / STAMP).is_file():
        line = (root / STAMP).read_text(encoding="utf-8").strip()
    if not line:
        return None
    day, short = line.split()
    return dt.date.fromisoformat(day), short


def stamp_copy(root: Path, copy: Path) -> None:
    """Record in `copy` which commit of `root` it was copied from (nothing if `root` has none)."""
    commit = _commit(root)
    if commit:
        (copy / STAMP).write_text(f"{commit[0].isoformat()} {commit[1]}\n", encoding="utf-8")


@cache
def build_date(root: Path = ROOT) -> dt.date:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc).date()
    commit = _commit(root)
    return commit[0] if commit else dt.date(1970, 1, 1)


@cache
def version(root: Path = ROOT) -> str:
    """The commit this site was built from, e.g. "2026.11.26-409dd77" (date and short hash)."""
    commit = _commit(root)
    return f"{build_date(root):%Y.%m.%d}-{commit[1] if commit else 'unversioned'}"
