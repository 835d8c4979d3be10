"""The package's layout: small modules, and imports that run only forward along the pipeline, so a
newcomer finds a module from its stage and no stage depends on a later one."""
from __future__ import annotations

import ast
from pathlib import Path

from scripts.inputs.settings import ROOT

PACKAGE = ROOT / "scripts"
MOST_LINES = 400
# The pipeline's stages in order: a module may import from its own stage or an earlier one.
STAGES = ["system", "inputs", "engine", "outputs", "build", "checks", "tools", "cli", "__main__"]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def stage(name: str) -> str | None:
    """The stage of a module named like scripts.checks.links (None for the package itself)."""
    parts = name.split(".")
    return parts[1] if parts[0] == "scripts" and len(parts) > 1 else None


def imported(path: Path) -> set[str]:
    """Every scripts module this file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from scripts import build` imports the module scripts.build
            found.update(f"{node.module}.{alias.name}" if node.module == "scripts" else node.module
                         for alias in node.names)
    return {name for name in found if name.split(".")[0] == "scripts"}


def test_no_module_is_over_400_lines():
    lines = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in modules()}
    too_long = {name: count for name, count in lines.items() if count > MOST_LINES}
    assert too_long == {}, f"split these modules (at most {MOST_LINES} lines each): {too_long}"


def test_imports_run_only_forward_along_the_pipeline():
    backward = set()
    for path in modules():
        here = stage(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if here not in STAGES:
            continue  # scripts/__init__.py
        for name in imported(path):
            there = stage(name)
            if there in STAGES and STAGES.index(there) > STAGES.index(here):
                backward.add((path.relative_to(ROOT).as_posix(), there))
    assert backward == set(), "these imports run backwards along the pipeline " \
        f"({' -> '.join(STAGES)}): move the code to the stage that owns it: {sorted(backward)}"
