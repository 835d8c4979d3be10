"""Load and check a clinic profile: one YAML file that brands a copy of the site for one clinic
(docs/clinics.md; docs/examples/clinic.yml is a complete example).

Its shape is scripts/inputs/schemas/clinic.schema.json, with the languages mkdocs.yml configures.
What a schema cannot know is checked here, each by a small function: phone numbers (phonenumbers),
texts in every built language, the brand colour's contrast, the logo file, local line ids, the
service settings the profile changes, a reviewer's date. Every problem is reported at once, one a
line, each naming the file and the key."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scripts.inputs import phones, schema_check, settings
from scripts.inputs.clinic_brand import MIN_CONTRAST, contrast_ratio, darker_shade, logo_problems
from scripts.inputs.settings import ROOT

LOCAL_PREFIX = "local_"
SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class ProfileError(ValueError):
    """A clinic profile is missing, does not parse, or holds bad values. The message has one problem
    a line; `problems` holds the same lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Contact:
    phone: phones.UKNumber
    email: str


@dataclass(frozen=True)
class Referral:
    text: Mapping[str, str]  # every built language
    url: str | None = None


@dataclass(frozen=True)
class LocalLine:
    id: str                  # as written in the profile; helplines.yml uses `local_` + id
    name: Mapping[str, str]  # `en` and perhaps other built languages
    phone: phones.UKNumber
    hours: Mapping[str, str] | None = None   # when it answers: every built language
    verified_on: dt.date | None = None       # when a person last checked the number

    @property
    def helpline_id(self) -> str:
        return LOCAL_PREFIX + self.id


@dataclass(frozen=True)
class UrgentHelp:
    nation: str
    local: tuple[LocalLine, ...] = ()


@dataclass(frozen=True)
class Reviewer:
    name: str
    role: Mapping[str, str]  # every built language
    checked_on: dt.date


@dataclass(frozen=True)
class ClinicProfile:
    source: Path                     # the profile file
    languages: tuple[str, ...]       # the default language first
    name: Mapping[str, str]          # `en` and perhaps other built languages
    brand_colour: str                # #rrggbb, lower case
    site_url: str
    contact: Contact
    referral: Referral
    urgent_help: UrgentHelp
    accessibility_contact: str
    logo: Path | None = None         # absolute path of the checked logo file
    service: Mapping[str, Any] = field(default_factory=dict)  # overrides of settings/service.yml
    reviewer: Reviewer | None = None
    listen: bool = True              # the Listen button on every page (the device reads the page aloud)
    offline: bool = True             # Save for offline (docs/offline.md); false turns it off

    def name_in(self, lang: str) -> str:
        """The clinic's name in one language; a name not given in that language stays in English."""
        return self.name.get(lang) or self.name["en"]


def load_profile(path: Path, root: Path = ROOT) -> ClinicProfile:
    """Read and check a clinic profile against the project at `root` (its languages and service
    settings). Raises ProfileError listing every problem, one a line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ProfileError([f"{path}: file is missing"]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ProfileError([f"{path}: not valid YAML ({error})"]) from None
    return check_profile(data, path, root, schema_check.key_lines(text))


def check_profile(data: object, path: Path, root: Path = ROOT, lines: dict[str, int] | None = None) -> ClinicProfile:
    """Check profile data already read from YAML; `path` names it in messages and anchors the logo,
    `lines` (key -> line) puts the problems in the order they are written."""
    path = Path(path)
    if data is None:
        raise ProfileError([f"{path}: the file is empty"])
    configured = [language.code for language in settings.languages(root)]
    schema = schema_check.schema("clinic")
    schema["$defs"]["language"]["enum"] = configured  # the languages this project builds
    found = schema_check.problems(data, schema, lines)
    if isinstance(data, dict):  # every problem at once: what the schema cannot know too
        shaped = {p.key for p in found}
        found += [schema_check.Problem(key, message, schema_check.locate(key, lines or {}))
                  for key, message in _named_checks(data, path, root, configured, shaped)
                  if not any(key == bad or key.startswith((bad + ".", bad + "[")) for bad in shaped)]
    if found:
        raise ProfileError([f"{path}: key '{p.key}': {p.message}" if p.key else f"{path}: {p.message}"
                            for p in schema_check.in_document_order(found)])
    return _profile(data, path, configured)


def _named_checks(data: dict, path: Path, root: Path, configured: list[str], shaped: set[str]) -> list[tuple[str, str]]:
    """(key, message) for what the schema cannot know. A key the schema already found wrong is left out."""
    found = []
    languages_ok = not any(key == "languages" or key.startswith("languages[") for key in shaped)
    if languages_ok:
        found += language_problems(data, _built(data, configured), configured)
    found += phone_problems(data)
    if "brand_colour" not in shaped:
        found += colour_problems(data.get("brand_colour"))
    found += address_problems(data)
    found += local_id_problems(data)
    if isinstance(data.get("logo"), str):
        found += [("logo", problem) for problem in _logo_problems(data["logo"], path)]
    if "service" in data and not any(key.startswith("service") for key in shaped):
        found += service_problems(root / "settings" / "service.yml", data["service"])
    checked_on = schema_check.as_date(_at(data, "reviewer", "checked_on"))
    if checked_on and checked_on > dt.date.today():
        found.append(("reviewer.checked_on", f"{checked_on.isoformat()} is in the future"))
    return found


def _at(data: object, *keys: str) -> object:
    """data[key][key]..., or None where a level is missing or not a mapping (the schema says why)."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _local_lines(data: dict) -> list[tuple[int, dict]]:
    local = _at(data, "urgent_help", "local")
    return [(i, line) for i, line in enumerate(local) if isinstance(line, dict)] if isinstance(local, list) else []


def _built(data: dict, configured: list[str]) -> tuple[str, ...]:
    """The configured languages the profile builds, in mkdocs.yml's order."""
    return tuple(code for code in configured if code in data.get("languages", ()))


def _texts(data: dict) -> list[tuple[str, object, bool]]:
    """(key, value, needed in every built language) of each per-language text in the profile."""
    local = _local_lines(data)
    return [("name", data.get("name"), False), ("referral.text", _at(data, "referral", "text"), True),
            ("reviewer.role", _at(data, "reviewer", "role"), True),
            *[(f"urgent_help.local[{i}].name", line.get("name"), False) for i, line in local],
            *[(f"urgent_help.local[{i}].hours", line.get("hours"), True) for i, line in local]]


def language_problems(data: dict, built: tuple[str, ...], configured: list[str]) -> list[tuple[str, str]]:
    """A text in a configured language the profile does not build, or a sentence missing a built
    language (a sentence must never show in another language)."""
    found = []
    for key, texts, every_language in _texts(data):
        if not isinstance(texts, dict):
            continue
        for code in texts:
            if code in configured and code not in built:
                found.append((f"{key}.{code}", f"language '{code}' is not built by this profile; "
                                               "add it to 'languages' or remove this text"))
        for code in built if every_language else ():
            if code not in texts:
                found.append((f"{key}.{code}", "is missing (every language in 'languages' needs this text)"))
    return found


def phone_problems(data: dict) -> list[tuple[str, str]]:
    """Each phone number must be a real UK number (phonenumbers), and the service's own, not a short code."""
    numbers = [("contact.phone", _at(data, "contact", "phone")),
               *[(f"urgent_help.local[{i}].phone", line.get("phone")) for i, line in _local_lines(data)]]
    found = []
    for key, value in numbers:
        if isinstance(value, str):
            try:
                if phones.parse(value).is_short_code:
                    found.append((key, f"{value!r} is a national short code: give the service's own number"))
            except ValueError as error:
                found.append((key, str(error)))
    return found


def colour_problems(colour: object) -> list[tuple[str, str]]:
    """The header shows white text on the brand colour: it needs WCAG AA contrast."""
    if not isinstance(colour, str):
        return []
    colour = colour.strip().lower()
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio >= MIN_CONTRAST:
        return []
    shown = int(ratio * 100) / 100  # round down, so 4.499 never shows as 4.5
    return [("brand_colour", f"'{colour}' has a contrast ratio of {shown:.2f}:1 with white; the header "
                             f"shows white text on it, which needs at least {MIN_CONTRAST}:1. Choose a "
                             f"darker colour, for example '{darker_shade(colour)}'")]


def address_problems(data: dict) -> list[tuple[str, str]]:
    """https:// addresses must name a real host; the site's address must be a folder (end in /)."""
    found = []
    for key, value in (("site_url", data.get("site_url")), ("referral.url", _at(data, "referral", "url"))):
        if not isinstance(value, str):
            continue
        url = value.strip()
        parts = urlsplit(url)
        if not parts.hostname or "." not in parts.hostname or parts.username or parts.password \
                or any(c in url for c in " \t\n<>\"'"):
            found.append((key, f"{url!r} is not a web address"))
        elif key == "site_url" and (parts.query or parts.fragment):
            found.append((key, f"{url!r} must not have a ? or # part"))
        elif key == "site_url" and not url.endswith("/"):
            found.append((key, f"{url!r} must end with / (write {url + '/'!r})"))
    return found


def local_id_problems(data: dict) -> list[tuple[str, str]]:
    """A local line's id is written without the prefix the build adds, and used once."""
    found, seen = [], set()
    for index, line in _local_lines(data):
        line_id = line.get("id")
        key = f"urgent_help.local[{index}].id"
        if not isinstance(line_id, str):
            continue
        if line_id.startswith(LOCAL_PREFIX):
            placeholder = "{{ phone:" + line_id + " }}"
            found.append((key, f"'{line_id}': leave out '{LOCAL_PREFIX}', the build adds it (pages write {placeholder})"))
        elif line_id in seen:
            found.append((key, f"'{line_id}' is used by another local line"))
        seen.add(line_id)
    return found


def _logo_problems(value: str, profile: Path) -> list[str]:
    """The logo file beside the profile: a safe name, then its type, size and content."""
    logo = (profile.parent / value.strip()).resolve()
    if not SAFE_FILE_NAME.fullmatch(logo.name):
        return [f"{logo.name!r}: name the file with letters, digits, '.', '-' and '_' only"]
    return [f"{value!r} {problem}" for problem in logo_problems(logo)]


def merged_service(base: Path, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The project's service settings with the profile's overrides on top."""
    return {**(settings.read_yaml(base) or {}), **overrides}


def service_problems(base: Path, overrides: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, message) when the service settings at `base` with these overrides do not make a whole,
    consistent service, by the rules every build uses (settings.service_problems)."""
    found = []
    for key, message in settings.service_problems(merged_service(base, overrides)):
        message = message.replace("'sessions'", "'service.sessions'")
        if "phases" not in overrides and ("phases" in key or "sessions" in overrides):
            message += " (when you change 'service.sessions', give 'service.phases' as well)"
        found.append((f"service.{key}", message))
    return found


def _profile(data: dict, path: Path, configured: list[str]) -> ClinicProfile:
    """The checked profile, normalised: texts on one line each, the default language first."""
    def texts(value: Mapping[str, str] | None) -> dict[str, str] | None:
        return None if value is None else {code: " ".join(text.split()) for code, text in value.items()}

    urgent = data["urgent_help"]
    local = tuple(LocalLine(line["id"], texts(line["name"]), phones.parse(line["phone"]), texts(line.get("hours")),
                            schema_check.as_date(line.get("verified_on"))) for line in urgent.get("local") or [])
    reviewer = data.get("reviewer")
    return ClinicProfile(
        source=path, languages=_built(data, configured), name=texts(data["name"]),
        brand_colour=data["brand_colour"].strip().lower(), site_url=data["site_url"].strip(),
        contact=Contact(phones.parse(data["contact"]["phone"]), data["contact"]["email"].strip()),
        referral=Referral(texts(data["referral"]["text"]), (data["referral"].get("url") or "").strip() or None),
        urgent_help=UrgentHelp(urgent["nation"], local),
        accessibility_contact=data["accessibility_contact"].strip(),
        logo=(path.parent / data["logo"].strip()).resolve() if data.get("logo") else None,
        service=dict(data.get("service") or {}),
        reviewer=None if reviewer is None else Reviewer(" ".join(reviewer["name"].split()), texts(reviewer["role"]),
                                                        schema_check.as_date(reviewer["checked_on"])),
        listen=data.get("listen", True), offline=data.get("offline") is not False)
