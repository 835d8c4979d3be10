"""Load the site's settings: the service, the helplines, the sources, the reviewers, and each
language's interface strings. Every error names the file and the field."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.inputs import phones, schema_check

ROOT = Path(__file__).resolve().parents[2]
# The domain of the address mkdocs.yml ships with (https://dit.example.org/): a deployment sets its own.
PLACEHOLDER_DOMAIN = "example.org"
PHASES = ("beginning", "middle", "ending")
# What a service may set, from its schema: the ranges every translation's sentences are written and
# tested for (tests/test_plurals.py), and the formats sessions are held in.
_SERVICE = schema_check.schema("service")["$defs"]
ALLOWED = {name: (_SERVICE[name]["minimum"], _SERVICE[name]["maximum"]) for name in ("sessions", "minutes")}
FORMATS = tuple(_SERVICE["formats"]["items"]["enum"])
NATIONS = ("england", "wales", "scotland", "northern_ireland")
# The sections of /get-help-now/: each nation, then what works anywhere in the UK.
SECTIONS = (*NATIONS, "anywhere_uk")


class SettingsError(ValueError):
    """A settings file is missing, does not parse, or holds bad values: one problem a line, each
    naming the file and the field; `problems` holds the same lines."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


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
    interpreter: dict[str, tuple[str, ...]]  # who can and who cannot arrange an interpreter

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


# Every settings file and the schema its shape is checked by (scripts/inputs/schemas/<name>.schema.json).
SCHEMAS = {"service.yml": "service", "helplines.yml": "helplines", "sources.yml": "sources",
           "reviewers.yml": "reviewers", "urgent_help.yml": "urgent_help", "signoffs.yml": "signoffs",
           "moves.yml": "moves", "quality.yml": "quality", "html-waivers.yml": "html-waivers",
           "a11y-waivers.yml": "a11y-waivers", "easy_read.yml": "easy_read"}


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


def shape_problems(path: Path, data: object, schema: str, noun: str = "field") -> list[str]:
    """Where `data` (read from `path`) breaks its schema (scripts/inputs/schemas/), one line each."""
    return [f"{path}: {noun} '{p.key}' {p.message}" if p.key else f"{path}: {p.message}"
            for p in schema_check.problems(data, schema)]


def read_checked(path: Path, schema: str, noun: str = "field") -> object:
    """A YAML file's data, checked against its schema (an empty file is an empty mapping or list)."""
    data = read_yaml(path)
    if data is None:
        data = [] if schema_check.schema(schema).get("type") == "array" else {}
    found = shape_problems(path, data, schema, noun)
    if found:
        raise SettingsError(found)
    return data


def shapes_of_every_file(root: Path = ROOT) -> list[str]:
    """Where any settings file breaks its schema, every problem at once (a file that is not there is
    reported by the step that needs it)."""
    found = []
    for name, schema in SCHEMAS.items():
        path = root / "settings" / name
        if path.exists():
            try:
                read_checked(path, schema)
            except SettingsError as error:
                found += error.problems
    return found


def phase_problems(service: dict) -> list[tuple[str, str]]:
    """(field, message) where the phases do not follow on from each other to the last session."""
    previous_last = 0
    for name in PHASES:
        first, last = service["phases"][name]
        if first != previous_last + 1 or last < first:
            return [(f"phases.{name}", f"is {[first, last]}: phases must follow on from each other "
                                       f"(this one should start at session {previous_last + 1})")]
        previous_last = last
    if previous_last != service["sessions"]:
        return [("phases.ending", f"ends at {previous_last} but 'sessions' is {service['sessions']}")]
    return []


def service_problems(data: object) -> list[tuple[str, str]]:
    """(field, message) for everything wrong with service settings: their shape, then their phases."""
    shape = schema_check.problems(data, "service")
    return [(p.key, p.message) for p in shape] if shape else phase_problems(data)


def load_service(path: Path) -> Service:
    data = read_yaml(path) or {}
    found = service_problems(data)
    if found:
        raise SettingsError([f"{path}: field '{key}' {message}" for key, message in found])
    phases = {name: tuple(data["phases"][name]) for name in PHASES}
    return Service(data["sessions"], data["minutes"], phases, tuple(data["formats"]), data["self_referral_url"])


def load_phones(path: Path) -> dict[str, Phone]:
    found, problems = {}, []
    for key, entry in read_checked(path, "helplines").items():
        try:
            number = phones.parse(entry["number"], as_written=True)
        except ValueError as error:
            problems.append(f"{path}: field '{key}.number': {error}")
            continue
        hours = entry.get("hours")
        found[key] = Phone(id=key, number=number, organisation=entry["organisation"],
                           sms_body=entry.get("sms_body"), verified_on=entry.get("verified_on"),
                           hours={str(k): " ".join(v.split()) for k, v in hours.items()} if hours else None)
    if problems:
        raise SettingsError(problems)
    return found


def load_sources(path: Path) -> dict[str, Source]:
    return {key: Source(id=key, text=entry["text"], url=entry.get("url"))
            for key, entry in read_checked(path, "sources").items()}


def route_problems(data: dict, phones: dict[str, Phone]) -> list[tuple[str, str]]:
    """(field, message) where settings/urgent_help.yml names a route settings/helplines.yml lacks, leaves a
    nation out of the block on every page, or a route without its name."""
    found = []
    lists = {f"sections.{key}": data["sections"][key] for key in SECTIONS} | {"block": data["block"]}
    lists |= {f"languages.{lang}.block": own["block"] for lang, own in (data.get("languages") or {}).items()
              if "block" in own}
    for field, ids in lists.items():
        for item in ids:
            if item not in phones:
                found.append((field, f"names '{item}', which is not in settings/helplines.yml (known: {', '.join(phones)})"))
    if list(data["sections"]) != list(SECTIONS):
        found.append(("sections", f"must list {', '.join(SECTIONS)}, in this order, each with its routes"))
    for nation in NATIONS:
        if data["sections"][nation][0] not in data["block"]:
            found.append(("block", f"must name {nation}'s route '{data['sections'][nation][0]}': "
                                   "the block on every page shows every UK nation's route"))
    routes = {i for ids in lists.values() for i in ids}
    for route in sorted(routes - set(data["names"])):
        found.append((f"names.{route}", "needs the organisation's name in English (en)"))
    for lang, own in (data.get("languages") or {}).items():
        for item in own.get("first", []):
            if item not in SECTIONS and item not in routes:
                found.append((f"languages.{lang}.first", f"names '{item}', which is neither a section nor a route"))
    return found


def load_urgent(path: Path, phones: dict[str, Phone]) -> UrgentRoutes:
    data = read_checked(path, "urgent_help")
    found = route_problems(data, phones)
    if found:
        raise SettingsError([f"{path}: field '{key}' {message}" for key, message in found])
    sections = {key: tuple(data["sections"][key]) for key in SECTIONS}
    interpreter = {key: tuple(ids) for key, ids in (data.get("interpreter") or {}).items()}
    return UrgentRoutes(tuple(data["block"]), sections, data["names"], data.get("languages") or {}, interpreter)


def load(root: Path = ROOT) -> Settings:
    """Every settings file the site is built from, checked; SettingsError names every problem found."""
    folder = root / "settings"
    found: list[str] = []

    def attempt(load_one, *args):
        try:
            return load_one(*args)
        except SettingsError as error:
            found.extend(error.problems)
            return None
    service = attempt(load_service, folder / "service.yml")
    phones_found = attempt(load_phones, folder / "helplines.yml")
    sources = attempt(load_sources, folder / "sources.yml")
    reviewers = attempt(read_checked, folder / "reviewers.yml", "reviewers")
    urgent = attempt(load_urgent, folder / "urgent_help.yml", phones_found) if phones_found is not None else None
    if found:
        raise SettingsError(found)
    return Settings(service=service, phones=phones_found, sources=sources, reviewers=reviewers, urgent=urgent)


def load_strings(docs_dir: Path, lang: str) -> dict:
    """The interface strings of one language, from content/<lang>/strings.yml."""
    return read_checked(docs_dir / lang / "strings.yml", "strings", noun="key")


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
    return read_checked(root / "settings" / "quality.yml", "quality")


def load_clinic(root: Path = ROOT) -> dict | None:
    """settings/clinic.yml, written by a clinic build (scripts/inputs/clinic.py); None for the generic site."""
    path = root / "settings" / "clinic.yml"
    return read_yaml(path) if path.exists() else None
