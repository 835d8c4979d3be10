"""The Easy Read version of the core information (settings/easy_read.yml): its pictures, which of its
sections each full page links to, whether a language has it yet, and whether people with learning
disabilities have checked it.

Easy Read is written in English first and translated like any other page (content/<lang>/easy-read.md).
Until a language has its own, that language's pages link to the English Easy Read, marked
hreflang="en", and the checks that compare a translation with its English page leave it out."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from scripts.inputs import signoffs
from scripts.inputs.settings import ROOT, SettingsError, read_yaml

SOURCE = "easy-read.md"          # below content/<lang>/
ADDRESS = "easy-read/"           # below a language's root
PICTURES = "assets/easy-read/"   # below the site root (vendored in overrides/assets/easy-read/)
# A reviewer in settings/reviewers.yml with `checks: easy-read` is a group of people with learning
# disabilities who check Easy Read; their sign-off of the page removes its "not yet checked" notice.
CHECKING_GROUP = "easy-read"
PICTURE = re.compile(r"\{\{\s*picture:([a-z0-9_]+)\s*\}\}")
SIZE = 72  # OpenMoji's own grid (viewBox 0 0 72 72); CSS sets the size shown


@dataclass(frozen=True)
class Picture:
    id: str
    file: str
    meaning: str


@dataclass(frozen=True)
class EasyRead:
    sections: dict[str, str]
    pictures: dict[str, Picture]
    credit: dict[str, str]


def load(root: Path = ROOT) -> EasyRead:
    path = root / "settings" / "easy_read.yml"
    data = read_yaml(path) or {}
    pictures = {}
    for key, entry in (data.get("pictures") or {}).items():
        if not isinstance(entry, dict) or not entry.get("file") or not entry.get("meaning"):
            raise SettingsError(f"settings/easy_read.yml: picture '{key}' needs 'file' and 'meaning'")
        if not (root / "overrides" / PICTURES / entry["file"]).exists():
            raise SettingsError(f"settings/easy_read.yml: picture '{key}': overrides/{PICTURES}{entry['file']} "
                                "does not exist (copy it from the openmoji npm package's color/svg/)")
        pictures[key] = Picture(key, entry["file"], entry["meaning"])
    return EasyRead(dict(data.get("sections") or {}), pictures, dict(data.get("credit") or {}))


def exists(docs_dir: Path, lang: str) -> bool:
    """Whether a language has its own Easy Read page yet."""
    return (Path(docs_dir) / lang / SOURCE).exists()


def is_easy_read(src_uri: str, lang: str) -> bool:
    return src_uri == f"{lang}/{SOURCE}"


def insert_pictures(markdown: str, easy_read: EasyRead, page_url: str, where: str) -> str:
    """Each {{ picture:ID }} as an image addressed from the page. Its alt text is empty: the words
    beside it say what it shows (settings/easy_read.yml)."""
    def replace(match: re.Match) -> str:
        picture = easy_read.pictures.get(match.group(1))
        if picture is None:
            raise SettingsError(f"{where}: unknown picture '{match.group(0)}' (known: "
                                f"{', '.join(easy_read.pictures)}; add a new one to settings/easy_read.yml)")
        src = get_relative_url(PICTURES + picture.file, page_url or "./")
        return (f'<img class="dit-picture" src="{html.escape(src)}" alt="" width="{SIZE}" height="{SIZE}" '
                f'loading="lazy" decoding="async">')
    return PICTURE.sub(replace, markdown)


def link(easy_read: EasyRead, docs_dir: Path, lang: str, default_language: str, prefix: str,
         path: str, page_url: str) -> dict | None:
    """Where a full page's "Easy Read" link goes: its section of the Easy Read page in the page's
    language, or of the English one (hreflang en) while the language has none. None on the Easy
    Read page itself."""
    if path == ADDRESS:
        return None
    own = exists(docs_dir, lang)
    target_prefix = prefix if own else ""  # the default language lives at the site root
    section = easy_read.sections.get(path, "")
    href = get_relative_url(target_prefix + ADDRESS, page_url or "./") + (f"#{section}" if section else "")
    return {"href": href, "lang": lang if own else default_language}


def is_checking_group(reviewer: dict) -> bool:
    return reviewer.get("checks") == CHECKING_GROUP


def credit_html(easy_read: EasyRead) -> str:
    """Who made the pictures and under which licence, as links (CC BY-SA asks for both)."""
    credit = {key: html.escape(value) for key, value in easy_read.credit.items()}
    return (f'<a href="{credit["url"]}">{credit["name"]}</a> '
            f'(<a href="{credit["licence_url"]}">{credit["licence"]}</a>)')


def fill(markdown: str, easy_read: EasyRead, page_url: str, where: str) -> str:
    """The Easy Read placeholders, which need the page's address: {{ picture:ID }} and
    {{ easy_read_credit }}. The other placeholders are filled after these (placeholders.py)."""
    return insert_pictures(markdown, easy_read, page_url, where).replace("{{ easy_read_credit }}", credit_html(easy_read))


def page_context(easy_read: EasyRead, docs_dir: Path, lang: str, default_language: str, prefix: str,
                 page_url: str, src_uri: str, records: list[signoffs.SignOff], reviewers: dict) -> dict:
    """What the templates show: on a full page, its link to Easy Read; on the Easy Read page, who
    checked it for Easy Read (None: not yet checked) and the pictures' credit."""
    if not is_easy_read(src_uri, lang):
        return {"easy_read_link": link(easy_read, docs_dir, lang, default_language, prefix,
                                       page_url[len(prefix):], page_url)}
    groups = [r for r in records if is_checking_group(reviewers.get(r.reviewer, {}))]
    signed = signoffs.latest(groups, lang, SOURCE)
    return {"easy_read_page": {
        "checked_by": {**reviewers[signed.reviewer], "date": signed.date} if signed else None,
        "full_url": get_relative_url(prefix or "./", page_url),
        "credit_html": credit_html(easy_read)}}
