"""Load the site's settings: the service, the helplines, the sources, the reviewers, and each
language's interface strings. Every error names the file and the field."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.inputs import phones

ROOT = Path(__file__).resolve().parents[2]
# The domain of the address mkdocs.yml ships with (https://dit.example.org/): a deployment sets its own.
PLACEHOLDER_DOMAIN = "example.org"
FORMATS = ("face_to_face", "video", "phone")
PHASES = ("beginning", "middle", "ending")
# What a service may set, inclusive: the range every translation's sentences are written and tested
# for (tests/test_plurals.py). DIT is usually 16 sessions of about 50 minutes; services vary around it.
ALLOWED = {"sessions": (6, 24), "minutes": (30, 60)}
NATIONS = ("england", "wales", "scotland", "northern_ireland")
# The sections of /get-help-now/: each nation, then what works anywhere in the UK.
SECTIONS = (*NATIONS, "anywhere_uk")


class SettingsError(ValueError):
    """A settings file is missing, does not parse, or holds a bad value."""


@dataclass(frozen=True)
class Phone:
    id: str
    number: phones.UKNumber
    organisation: str
    sms_body: str | None = None
    verified_on: dt.date | None = None
    # A line that is not open 24 hours: its opening hours, language code -> words ({{ hours:ID }}).
    hours: dict[str, str] | None = None

    @property
    def display(self) -> str:
        return self.number.display

    @property
    def href(self) -> str:
        tel = self.number.tel
        return f"sms:{tel}?body={self.sms_body}" if self.sms_body else f"tel:{tel}"


@dataclass(frozen=True)
class Service:
    sessions: int
    minutes: int
    phases: dict[str, tuple[int, int]]
    formats: tuple[str, ...]
    self_referral_url: str


@dataclass(frozen=True)
class Source:
    id: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class UrgentRoutes:
    """Who to call where (settings/urgent_help.yml), by the ids of settings/helplines.yml."""
    block: tuple[str, ...]                  # named by the short block on every page
    sections: dict[str, tuple[str, ...]]    # each section of /get-help-now/ and its routes, in order
    names: dict[str, dict[str, str]]        # organisation names: route id -> language -> name
    languages: dict[str, dict]              # a language's own order (first) and added routes (block)

    def block_for(self, lang: str) -> tuple[str, ...]:
        return self.block + tuple(self.languages.get(lang, {}).get("block", ()))

    def sections_for(self, lang: str) -> list[tuple[str, tuple[str, ...]]]:
        """The sections in the language's order: what it puts first leads its list."""
        first = self.languages.get(lang, {}).get("first", ())

        def ordered(ids):
            return sorted(ids, key=lambda i: (i not in first, list(ids).index(i)))
        return [(key, tuple(ordered(self.sections[key]))) for key in ordered(tuple(self.sections))]


@dataclass(frozen=True)
class Settings:
    service: Service
    phones: dict[str, Phone]
    sources: dict[str, Source]
    reviewers: dict[str, dict]
    urgent: UrgentRoutes


def load_yaml(text: str) -> object:
    """yaml.safe_load, by libyaml when it is there (ten times faster: the build reads every page's
    front matter and every strings file). Bad YAML is read again by PyYAML's own parser, so the
    error names the same place in the same words either way."""
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def read_yaml(path: Path) -> object:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: file is missing") from None
    except yaml.YAMLError as error:
        raise SettingsError(f"{path}: not valid YAML ({error})") from None


def is_placeholder_address(site_url: str | None) -> bool:
    """Whether a site_url's host is the placeholder domain (example.org or a name below it); the
    domain written anywhere else (a feedback address, a page, another host) does not count."""
    host = urlsplit(site_url or "").hostname or ""
    return host == PLACEHOLDER_DOMAIN or host.endswith("." + PLACEHOLDER_DOMAIN)


def _mapping(path: Path) -> dict:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a mapping of names to values")
    return data


def load_service(path: Path) -> Service:
    data = _mapping(path)

    def whole(field: str, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SettingsError(f"{path}: field '{field}' must be a whole number above 0, not {value!r}")
        return value

    for field in ALLOWED:
        problem = range_problem(field, data.get(field))
        if problem:
            raise SettingsError(f"{path}: field '{field}' {problem}")
    sessions, minutes = data["sessions"], data["minutes"]
    phases: dict[str, tuple[int, int]] = {}
    previous_last = 0
    for name in PHASES:
        span = (data.get("phases") or {}).get(name)
        if not (isinstance(span, list) and len(span) == 2):
            raise SettingsError(f"{path}: field 'phases.{name}' must be [first session, last session]")
        first, last = (whole(f"phases.{name}", n) for n in span)
        if first != previous_last + 1 or last < first:
            raise SettingsError(
                f"{path}: field 'phases.{name}' is {span}: phases must follow on from each other "
                f"(this one should start at session {previous_last + 1})")
        phases[name] = (first, last)
        previous_last = last
    if previous_last != sessions:
        raise SettingsError(f"{path}: field 'phases.ending' ends at {previous_last} but 'sessions' is {sessions}")
    formats = tuple(data.get("formats") or ())
    if not formats or any(f not in FORMATS for f in formats):
        raise SettingsError(f"{path}: field 'formats' must list some of {', '.join(FORMATS)}, not {list(formats)}")
    url = data.get("self_referral_url")
    if not (isinstance(url, str) and url.startswith("https://")):
        raise SettingsError(f"{path}: field 'self_referral_url' must be an https:// address")
    return Service(sessions, minutes, phases, formats, url)


def range_problem(field: str, value: object) -> str | None:
    """What is wrong with a service's count (sessions, minutes), or None."""
    low, high = ALLOWED[field]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        return f"must be a whole number from {low} to {high}, not {value!r}"
    return None


def load_phones(path: Path) -> dict[str, Phone]:
    found = {}
    for key, entry in _mapping(path).items():
        if not isinstance(entry, dict) or "number" not in entry:
            raise SettingsError(f"{path}: field '{key}' needs a 'number' (as the organisation writes it, in quotes)")
        try:
            number = phones.parse(entry["number"], as_written=True)
        except ValueError as error:
            raise SettingsError(f"{path}: field '{key}.number': {error}") from None
        hours = entry.get("hours")
        if hours is not None and not (isinstance(hours, dict) and isinstance(hours.get("en"), str) and hours["en"].strip()
                                      and all(isinstance(v, str) and v.strip() for v in hours.values())):
            raise SettingsError(f"{path}: field '{key}.hours' must map language codes to the opening hours in words, "
                                "with at least 'en' (en: Monday to Thursday from 6pm to 2am)")
        found[key] = Phone(id=key, number=number, organisation=str(entry.get("organisation", "")),
                           sms_body=entry.get("sms_body"), verified_on=entry.get("verified_on"),
                           hours={str(k): " ".join(v.split()) for k, v in hours.items()} if hours else None)
    return found


def load_sources(path: Path) -> dict[str, Source]:
    sources = {}
    for key, entry in _mapping(path).items():
        if not isinstance(entry, dict) or not entry.get("text"):
            raise SettingsError(f"{path}: field '{key}' needs a 'text'")
        sources[key] = Source(id=key, text=entry["text"], url=entry.get("url"))
    return sources


def load_urgent(path: Path, phones: dict[str, Phone]) -> UrgentRoutes:
    data = _mapping(path)

    def ids(field: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise SettingsError(f"{path}: field '{field}' must be a list of ids from settings/helplines.yml")
        for item in value:
            if item not in phones:
                raise SettingsError(f"{path}: field '{field}' names '{item}', which is not in settings/helplines.yml "
                                    f"(known: {', '.join(phones)})")
        return tuple(value)

    raw_sections = data.get("sections")
    if not isinstance(raw_sections, dict) or list(raw_sections) != list(SECTIONS):
        raise SettingsError(f"{path}: field 'sections' must list {', '.join(SECTIONS)}, in this order, "
                            "each with its routes")
    sections = {key: ids(f"sections.{key}", raw_sections[key]) for key in SECTIONS}
    block = ids("block", data.get("block"))
    for nation in NATIONS:
        if sections[nation][0] not in block:
            raise SettingsError(f"{path}: field 'block' must name {nation}'s route '{sections[nation][0]}': "
                                "the block on every page shows every UK nation's route")
    names = data.get("names") or {}
    routes = {i for key in SECTIONS for i in sections[key]} | set(block)
    for route in sorted(routes):
        if not (isinstance(names.get(route), dict) and isinstance(names[route].get("en"), str)):
            raise SettingsError(f"{path}: field 'names.{route}' needs the organisation's name in English (en)")
    languages = data.get("languages") or {}
    for lang, own in languages.items():
        if not isinstance(own, dict) or set(own) - {"first", "block"}:
            raise SettingsError(f"{path}: field 'languages.{lang}' may hold 'first' and 'block' only")
        for item in own.get("first", []):
            if item not in SECTIONS and item not in routes:
                raise SettingsError(f"{path}: field 'languages.{lang}.first' names '{item}', which is neither a "
                                    "section nor a route")
        if "block" in own:
            ids(f"languages.{lang}.block", own["block"])
    return UrgentRoutes(block, sections, names, languages)


def load(root: Path = ROOT) -> Settings:
    folder = root / "settings"
    phones = load_phones(folder / "helplines.yml")
    return Settings(
        service=load_service(folder / "service.yml"),
        phones=phones,
        sources=load_sources(folder / "sources.yml"),
        reviewers=_mapping(folder / "reviewers.yml"),
        urgent=load_urgent(folder / "urgent_help.yml", phones),
    )


def load_strings(docs_dir: Path, lang: str) -> dict:
    """The interface strings of one language, from content/<lang>/strings.yml."""
    return _mapping(docs_dir / lang / "strings.yml")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool


def languages(root: Path = ROOT) -> list[Language]:
    """The languages configured for static-i18n in mkdocs.yml, the default (source) language first."""
    config = read_yaml(root / "mkdocs.yml")
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            found = [Language(entry["locale"], entry["name"], bool(entry.get("default")))
                     for entry in plugin["i18n"]["languages"]]
            return sorted(found, key=lambda language: not language.default)
    raise SettingsError(f"{root / 'mkdocs.yml'}: field 'plugins.i18n.languages' is missing")


def quality(root: Path = ROOT) -> dict:
    """Thresholds for the content checks (settings/quality.yml)."""
    return _mapping(root / "settings" / "quality.yml")


def load_clinic(root: Path = ROOT) -> dict | None:
    """settings/clinic.yml, written by a clinic build (scripts/inputs/clinic.py); None for the generic site."""
    path = root / "settings" / "clinic.yml"
    return _mapping(path) if path.exists() else None
