"""Build the whole site into a temporary folder, then swap it into place: a failed build leaves the
previous site untouched."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.engine import mkdocs_run
from scripts.inputs.settings import ROOT
from scripts.system import own_thread


class BuildError(RuntimeError):
    """MkDocs failed; its output says why."""


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _write_redirects(root: Path, site: Path, site_url: str) -> None:
    from scripts.inputs import settings
    from scripts.outputs import redirects
    prefixes = {language.code: "" if language.default else f"{language.code}/" for language in settings.languages(root)}
    redirects.write_redirects(site, root, site_url, prefixes)


def _build_pdfs(root: Path, site: Path) -> None:
    """Print the leaflets, in a thread of their own (scripts/system/own_thread.py)."""
    from scripts.inputs import release, settings
    from scripts.outputs import easy_read_leaflet, pdf
    leaflets = {"" if language.default else f"{language.code}/":
                (language.code, settings.load_strings(root / "content", language.code)["site_name"])
                for language in settings.languages(root)}
    leaflets.update(easy_read_leaflet.pdf_leaflets(root))  # Easy Read leaflets, beside their page
    try:
        own_thread.run(pdf.build_leaflets, site, leaflets, release.version(root), release.build_date(root))
    except Exception as error:  # Chromium or the PDF's post-processing failed: a failed build
        raise BuildError(f"Printing the leaflets to PDF failed: {error}") from error


# What a copy of the project needs to build on its own.
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides", "scripts", "settings")


def copy_project(root: Path, dest: Path) -> Path:
    """A copy that builds on its own, carrying the commit it came from (it has no .git)."""
    from scripts.inputs import release
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    release.stamp_copy(root, dest)
    return dest


def build_for_clinic(profile_path: Path, root: Path = ROOT, site_dir: Path | None = None, *,
                     pdfs: bool = True) -> Path:
    """Build a copy of the site branded for one clinic (scripts/inputs/clinic.py checks the profile first)."""
    from scripts.inputs import clinic
    profile = clinic.load_profile(profile_path, root)  # raises ProfileError naming every problem
    with tempfile.TemporaryDirectory(prefix="dit-clinic-") as tmp:
        project = copy_project(root, Path(tmp) / "project")
        clinic.apply_profile(profile, project)
        return build(project, site_dir or root / "site", pdfs=pdfs)


# The build step that runs MkDocs itself, named in `timings` (make bench reads it by this name).
MKDOCS_STEP = "mkdocs (all languages)"


def _folder_mode() -> int:
    """The mode MkDocs gives the folders it makes: 0777 less the umask (0755 usually)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask


@contextlib.contextmanager
def _step(timings: dict[str, float] | None, name: str):
    """Time one build step into `timings` (for `make bench`), when asked to."""
    start = time.perf_counter()
    yield
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def build(root: Path = ROOT, site_dir: Path | None = None, timings: dict[str, float] | None = None, *,
          pdfs: bool = True) -> Path:
    """Check every input, then build with --strict (every warning is an error) and return the
    finished site folder. Any problem stops the build before anything is written. `timings`, if
    given, receives the seconds each step took; `pdfs=False` leaves out the leaflet PDFs (tests of
    many variants, which check the PDFs elsewhere)."""
    from scripts.inputs import settings, validate
    from scripts.outputs import hosting, passes, precompress
    site_dir = site_dir or root / "site"
    work = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    work.chmod(_folder_mode())  # mkdtemp makes it 0700: a web server running as another user would answer 403
    try:
        # MkDocs builds into the temporary folder while the inputs are checked (two cores, two jobs):
        # any problem stops the build before the site is swapped in, and is what the user is told first.
        with _step(timings, MKDOCS_STEP):
            mkdocs = subprocess.Popen(
                [*mkdocs_run.COMMAND, "build", "--strict", "--clean", "--site-dir", str(work)],
                cwd=root, env=mkdocs_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            with _step(timings, "check inputs (while mkdocs builds)"):
                try:
                    problems = validate.problems(root)
                except BaseException:
                    mkdocs.kill()
                    mkdocs.communicate()
                    raise
            if problems:
                mkdocs.kill()
                mkdocs.communicate()
                raise BuildError("The build did not start. Fix these first:\n" + "\n".join(problems))
            stdout, stderr = mkdocs.communicate()
        if mkdocs.returncode != 0:
            raise BuildError(stdout + stderr)
        with _step(timings, "pages' artefacts (search, 404, embeds, JSON, QR codes, leaflets, previews)"):
            passes.run(work, root)
        if pdfs:
            with _step(timings, "leaflet PDFs"):
                _build_pdfs(root, work)
        with _step(timings, "redirects and hosting headers"):
            site_url = settings.read_yaml(root / "mkdocs.yml")["site_url"]
            _write_redirects(root, work, site_url)
            try:
                hosting.write_host_files(work)
            except ValueError as error:  # a host would skip part of _headers: say so, as any failed build does
                raise BuildError(str(error)) from None
            hosting.write_robots(work, site_url)
        with _step(timings, "precompressed copies (.gz, .br)"):
            precompress.write_compressed(work)
        old = site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        work.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return site_dir
    finally:
        shutil.rmtree(work, ignore_errors=True)
