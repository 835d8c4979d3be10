"""Addresses that must keep working: old addresses and where they moved (settings/moves.yml), and every
address ever published (settings/published-addresses.txt, a file that only grows)."""
from __future__ import annotations

from pathlib import Path

from scripts.inputs import settings

PUBLISHED = "published-addresses.txt"


def moves(root: Path = settings.ROOT) -> list[dict]:
    data = settings.read_yaml(root / "settings" / "moves.yml") or []
    for number, move in enumerate(data, start=1):
        if not (isinstance(move, dict) and set(move) == {"from", "to"}
                and all(isinstance(v, str) and v.endswith("/") and not v.startswith("/") for v in move.values())):
            raise settings.SettingsError(f"settings/moves.yml: entry {number} must be 'from: old-path/' and "
                                         "'to: new-path/' (paths below the language root, ending in /)")
    return data


def published(root: Path = settings.ROOT) -> list[str]:
    path = root / "settings" / PUBLISHED
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")] if path.exists() else []
