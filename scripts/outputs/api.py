"""Content as data for clinics' own systems: /api/v1/index.json lists every page in every language,
each with its own JSON document; both are described by JSON Schemas published beside them."""
from __future__ import annotations

import json
from pathlib import Path

from scripts.inputs.site_paths import API, document_path  # noqa: F401 (where the documents live, named once)

SCHEMA_DIR = Path(__file__).resolve().parent / "api_schemas"


def write_json(site_dir: Path, relative: str, data: dict) -> None:
    out = site_dir / relative
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_index(site_dir: Path, site_url: str) -> None:
    """The index of every page document, and the schemas beside it."""
    pages = []
    for doc in sorted((site_dir / API / "pages").rglob("*.json")):
        data = json.loads(doc.read_text(encoding="utf-8"))
        pages.append({key: data[key] for key in ("language", "path", "title", "canonical_url")}
                     | {"document": site_url + doc.relative_to(site_dir).as_posix()})
    write_json(site_dir, f"{API}/index.json", {
        "$schema": f"{site_url}{API}/index.schema.json", "api_version": 1, "pages": pages})
    for schema in SCHEMA_DIR.glob("*.schema.json"):
        (site_dir / API / schema.name).write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
