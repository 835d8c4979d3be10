"""A file put into one of the build's content-addressed caches (.cache/): written beside its place under
a name of this process's own, then renamed, so another build running at the same time never reads it
half-written."""
from __future__ import annotations

import os
from pathlib import Path


def store(cached: Path, data: bytes) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    temp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, cached)
