"""Builds that many tests read, each made once per test run however many pytest-xdist workers run
it: the first worker to need one builds it under a file lock in the run's shared temporary folder
(pytest-xdist's own recipe); a worker that finds it being built builds, meanwhile, another one the
run needs that nobody has started, then waits."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, NamedTuple

from filelock import FileLock, Timeout

from scripts import build
from scripts.inputs.settings import ROOT
from tests import changes

# Each build is made in its own process, in the conditions it names: time zone, locale and hash seed
# reach only a new interpreter, and the caller's tests may be changing os.environ meanwhile.
BUILD = ("import sys; from pathlib import Path; from scripts import build; "
         "build.build(Path(sys.argv[1]), Path(sys.argv[2]), pdfs=sys.argv[3] == 'pdfs')")
# The session's site is built in these conditions; tests/test_determinism.py builds another copy in
# others and compares the two byte for byte. The session's site takes its PDFs and preview images from
# the project's caches, as `make site` does (in CI `make site` has just printed them: the cache key
# holds everything that goes into one, Chromium and the fonts included); the copy prints and draws
# every one again, with empty caches of its own.
FIRST_CONDITIONS = {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"}
DONE = ".done"


def build_in_a_process(project: Path, site: Path, conditions: dict[str, str], *, pdfs: bool = True) -> Path:
    result = subprocess.run([sys.executable, "-c", BUILD, str(project), str(site), "pdfs" if pdfs else "no-pdfs"],
                            cwd=ROOT, env={**os.environ, **conditions}, capture_output=True, text=True)
    assert result.returncode == 0, f"the build of {project} failed:\n{result.stdout}{result.stderr}"
    return site


def _site(folder: Path) -> None:
    """The site as `make site` builds it, with the leaflet PDFs."""
    build_in_a_process(ROOT, folder / "site", FIRST_CONDITIONS)


class Changed(NamedTuple):
    project: Path
    site: Path


def _changed(folder: Path) -> None:
    """One copy of the project with every change in tests/changes.py, built once (no PDFs: no test
    of a change reads them)."""
    project = build.copy_project(ROOT, folder / "project")
    changes.apply_all(project)
    build_in_a_process(project, folder / "site", changes.CONDITIONS, pdfs=False)


# By the name of the fixture that reads each (tests/conftest.py).
MAKERS: dict[str, Callable[[Path], None]] = {"site": _site, "changed": _changed}


def shared_folder(tmp_path_factory) -> Path:
    """The folder every worker of this run sees (each worker's own basetemp is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(name: str, tmp_path_factory, wanted: set[str]) -> Path:
    """The folder of the shared build `name`, made by whichever worker came first. `wanted` names the
    shared builds this run's tests use, so a waiting worker builds only what will be read."""
    shared = shared_folder(tmp_path_factory)
    if not _make_unless_busy(shared, name, wait=False):
        for other in sorted(wanted - {name}):
            try:
                _make_unless_busy(shared, other, wait=False)
            except Exception:  # its own tests build it again and report why it fails
                pass
        _make_unless_busy(shared, name, wait=True)
    return shared / name


def _make_unless_busy(shared: Path, name: str, *, wait: bool) -> bool:
    """Make `name` unless it is made already; False (without waiting, when told so) while another
    worker is making it."""
    folder = shared / name
    try:
        with FileLock(f"{folder}.lock", timeout=-1 if wait else 0):
            if not (folder / DONE).exists():
                shutil.rmtree(folder, ignore_errors=True)  # a failed attempt's leftovers
                folder.mkdir()
                MAKERS[name](folder)
                (folder / DONE).touch()
    except Timeout:
        return False
    return True
