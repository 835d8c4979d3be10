"""Addresses that must keep working: old addresses and where they moved (settings/moves.yml), and every
address ever published (settings/published-addresses.txt, a file that only grows)."""
from __future__ import annotations

from pathlib import Path

from scripts.inputs import settings

PUBLISHED = "published-addresses.txt"


def moves(root: Path = settings.ROOT) -> list[dict]:
    return settings.read_checked(root / "settings" / "moves.yml", "moves")


def published(root: Path = settings.ROOT) -> list[str]:
    path = root / "settings" / PUBLISHED
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")] if path.exists() else []
