"""What the engine hands the output passes (scripts/outputs/), written once at the end of the MkDocs
build into the site folder and read (and removed) by scripts/build.py: each page's record, each
language's leaflet context, search index and 404 page. Any engine that fills these records, MkDocs
today or Zensical tomorrow, feeds the same passes."""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from scripts.inputs.site_paths import HANDOFF


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str
    prefix: str          # "" for the default language, "pl/" for Polish
    site_name: str       # in the language


@dataclass(frozen=True)
class PageRecord:
    lang: str
    direction: str
    prefix: str          # "" or "pl/"
    path: str            # below the language root: "phases/middle/" ("" for home)
    url: str             # MkDocs' page.url: "pl/phases/middle/"
    canonical: str
    title: str
    description: str
    article_html: str    # the rendered Markdown, as the page shows it
    meta: dict
    site_name: str       # in the page's language
    dit: dict            # what the page's templates showed (scripts/engine/context.py), for its embed page


@dataclass
class Handoff:
    site_url: str
    default_language: str = ""
    languages: list[Language] = field(default_factory=list)
    theme_dirs: list[str] = field(default_factory=list)   # where embed.html and leaflet.html are found
    favicon: str = ""
    sources: dict[str, dict] = field(default_factory=dict)      # id -> a source as page documents cite it
    pages: list[PageRecord] = field(default_factory=list)
    leaflets: dict[str, dict] = field(default_factory=dict)     # language -> the leaflet's `dit`
    search: dict[str, dict] = field(default_factory=dict)       # language -> {"config", "entries"}
    not_found: dict[str, str] = field(default_factory=dict)     # language -> its rendered 404 page
    offline: dict[str, str] = field(default_factory=dict)       # language -> its rendered offline page
    easy_read: dict[str, dict] = field(default_factory=dict)    # language -> its Easy Read page's values
    offline_enabled: bool = True                                # extra.offline (docs/offline.md)


def write(handoff: Handoff, site_dir: Path) -> None:
    (site_dir / HANDOFF).write_bytes(pickle.dumps(handoff, protocol=pickle.HIGHEST_PROTOCOL))


def take(site_dir: Path) -> Handoff:
    """The engine's handoff, removed from the site folder (it is no page of the site)."""
    path = site_dir / HANDOFF
    handoff = pickle.loads(path.read_bytes())
    path.unlink()
    return handoff
