"""Load the site's settings: the service, the helplines, the sources, the reviewers, and each
language's interface strings. Every error names the file and the field."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
# The domain of the address mkdocs.yml ships with (https://dit.example.org/): a deployment sets its own.
PLACEHOLDER_DOMAIN = "example.org"
FORMATS = ("face_to_face", "video", "phone")
PHASES = ("beginning", "middle", "ending")


class SettingsError(ValueError):
    """A settings file is missing, does not parse, or holds a bad value."""


@dataclass(frozen=True)
class Phone:
    id: str
    display: str
    dial: str
    organisation: str
    sms_body: str | None = None
    verified_on: dt.date | None = None

    @property
    def href(self) -> str:
        return f"sms:{self.dial}?body={self.sms_body}" if self.sms_body else f"tel:{self.dial}"


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
class Settings:
    service: Service
    phones: dict[str, Phone]
    sources: dict[str, Source]
    reviewers: dict[str, dict]


def read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
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

    sessions = whole("sessions", data.get("sessions"))
    minutes = whole("minutes", data.get("minutes"))
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


def load_phones(path: Path) -> dict[str, Phone]:
    phones = {}
    for key, entry in _mapping(path).items():
        if not isinstance(entry, dict) or not entry.get("display") or not str(entry.get("dial", "")).isdigit():
            raise SettingsError(f"{path}: field '{key}' needs 'display' and an all-digit 'dial'")
        phones[key] = Phone(id=key, display=str(entry["display"]), dial=str(entry["dial"]),
                            organisation=str(entry.get("organisation", "")),
                            sms_body=entry.get("sms_body"), verified_on=entry.get("verified_on"))
    return phones


def load_sources(path: Path) -> dict[str, Source]:
    sources = {}
    for key, entry in _mapping(path).items():
        if not isinstance(entry, dict) or not entry.get("text"):
            raise SettingsError(f"{path}: field '{key}' needs a 'text'")
        sources[key] = Source(id=key, text=entry["text"], url=entry.get("url"))
    return sources


def load(root: Path = ROOT) -> Settings:
    folder = root / "settings"
    return Settings(
        service=load_service(folder / "service.yml"),
        phones=load_phones(folder / "helplines.yml"),
        sources=load_sources(folder / "sources.yml"),
        reviewers=_mapping(folder / "reviewers.yml"),
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
    """settings/clinic.yml, written by a clinic build (scripts/clinic.py); None for the generic site."""
    path = root / "settings" / "clinic.yml"
    return _mapping(path) if path.exists() else None
