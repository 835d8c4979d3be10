"""The pages load Material's script and search worker (overrides/main.html) from addresses that exist,
with the installed Material and after an upgrade renames those content-hashed files."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import material

from scripts import build
from scripts.engine import mkdocs_run
from scripts.inputs.settings import ROOT

SCRIPT_ADDRESS = re.compile(r'<script\b[^>]*\b(?:src|data-bundle)="([^"]+)"')
WORKER_ADDRESS = re.compile(r'<script id="__config"[^>]*>[^<]*?"search": *"([^"]+)"')
BASE = re.compile(r'<base\b[^>]*\bhref="([^"]+)"')


def script_files(site: Path) -> dict[str, Path]:
    """Every script and search worker address the built pages reference, as the file it names."""
    found = {}
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page_url = "/" + page.relative_to(site).as_posix()
        base = BASE.search(text)
        base_url = urljoin(page_url, html.unescape(base.group(1))) if base else page_url
        for address in SCRIPT_ADDRESS.findall(text) + WORKER_ADDRESS.findall(text):
            path = urljoin(base_url, html.unescape(address)).split("?")[0]
            found[f"{page_url} -> {address}"] = site / path.lstrip("/")
    return found


def test_every_script_and_search_worker_address_in_the_pages_exists(site):
    files = script_files(site)
    assert any("bundle." in address for address in files) and any("workers/search." in address for address in files)
    assert [address for address, path in files.items() if not path.is_file()] == []


def _material_renamed_by_an_upgrade(dest: Path) -> Path:
    """A stand-in for the next Material release: the installed package (linked, not copied) except
    that its bundle and search worker carry other content hashes."""
    installed = Path(material.__file__).parent
    scripts = Path("templates/assets/javascripts")
    package = dest / "material"
    for depth in range(len(scripts.parts) + 1):  # real folders down to javascripts/, links beside them
        folder = Path(*scripts.parts[:depth])
        (package / folder).mkdir(parents=True, exist_ok=True)
        for item in (installed / folder).iterdir():
            inner = folder / item.name
            if item.name != "__pycache__" and inner not in scripts.parents and inner != scripts:
                (package / inner).symlink_to(item)
    javascripts = package / scripts
    for old in javascripts.glob("bundle.*.min.js*"):
        old.unlink()
        shutil.copy(installed / scripts / old.name, javascripts / old.name.replace(old.name.split(".")[1], "0badc0de"))
    workers = javascripts / "workers"
    workers.unlink()
    workers.mkdir()
    for old in (installed / scripts / "workers").iterdir():
        shutil.copy(old, workers / old.name.replace(old.name.split(".")[1], "5eed5eed"))
    return dest


def test_an_upgrade_that_renames_materials_scripts_keeps_search_and_scripts_working(tmp_path):
    python_path = _material_renamed_by_an_upgrade(tmp_path / "packages")
    site = tmp_path / "site"
    env = {**build.mkdocs_env(), "PYTHONPATH": str(python_path), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([*mkdocs_run.COMMAND, "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (site / "assets/javascripts/bundle.0badc0de.min.js").is_file(), "the build used the installed Material"
    files = script_files(site)
    assert [address for address, path in files.items() if not path.is_file()] == []
    assert any("bundle.0badc0de" in address for address in files)
    assert any("search.5eed5eed" in address for address in files)
