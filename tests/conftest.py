"""Build the site once per test session; tests read the built pages."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import build
from scripts.settings import ROOT

# What a copy of the project needs to build on its own.
PROJECT_PARTS = ("mkdocs.yml", "content", "overrides", "scripts", "settings")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build.build(ROOT, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project that a test may change and build."""
    return copy_project(tmp_path / "project")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(site: Path, url_path: str) -> Path:
    """The built HTML file for a page address like 'phases/middle/' or ''."""
    return site / url_path / "index.html"
