"""What the hooks need, loaded once per build and kept on the MkDocs config (config[KEY]), never in
module globals: the settings, the clinic profile, the sign-offs, each language's strings, the
compiled templates, and the handoff to the output passes. static-i18n builds every language with
the same config object, so this lives exactly as long as one build."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.engine.handoff import Handoff
from scripts.inputs import easy_read, release, settings, signoffs

KEY = "dit_build"


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the build: static-i18n gives each language a new Jinja
    environment, which would compile every template again (about a quarter of the build)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class SiteData:
    root: Path
    docs_dir: Path
    settings: settings.Settings
    clinic: dict | None
    signoffs: list[signoffs.SignOff]
    build_date: dt.date
    handoff: Handoff
    templates: TemplateCache = field(default_factory=TemplateCache)
    # Per language: its strings, and what every page of it shows (scripts/engine/context.py).
    strings_by_language: dict[str, dict] = field(default_factory=dict)
    common_by_language: dict[str, dict] = field(default_factory=dict)
    og_locales: dict[str, str] = field(default_factory=dict)
    easy_read: object = None   # scripts/inputs/easy_read.EasyRead, loaded with the rest
    # Each translated page's status (scripts/engine/context.translation_status), by its source path.
    translation_status: dict[str, object] = field(default_factory=dict)

    def strings(self, lang: str) -> dict:
        if lang not in self.strings_by_language:
            self.strings_by_language[lang] = settings.load_strings(self.docs_dir, lang)
        return self.strings_by_language[lang]


def of(config: MkDocsConfig) -> SiteData:
    """The build's data, loaded by the first hook that asks (on_config of the first language)."""
    data = config.get(KEY)
    if data is None:
        root = Path(config.config_file_path).parent
        try:
            data = SiteData(root=root, docs_dir=Path(config.docs_dir), settings=settings.load(root),
                            clinic=settings.load_clinic(root), signoffs=signoffs.load(root),
                            build_date=release.build_date(root), handoff=Handoff(site_url=config.site_url),
                            easy_read=easy_read.load(root))
        except settings.SettingsError as error:
            raise PluginError(str(error)) from None
        config[KEY] = data
    return data
