"""Clinic profiles: one YAML file that brands a copy of the site for one clinic.

`load_profile` reads and checks a profile and reports every problem at once, one a line, each naming
the file and the key. `apply_profile` writes the profile into a *copy* of the project (never into the
project itself): mkdocs.yml, settings/service.yml, settings/helplines.yml, a normalised
settings/clinic.yml for the templates, and the clinic's logo. The format is described in
docs/clinics.md; docs/examples/clinic.yml is a complete example.

Run `python -m scripts.inputs.clinic PROFILE` to check a profile without building anything."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scripts.inputs import phones, settings
from scripts.inputs.settings import FORMATS, PHASES, ROOT, SettingsError

NATIONS = settings.NATIONS
LOGO_TYPES = (".png", ".webp", ".svg")
# The logo is part of every first visit, whose whole budget is 60 KB (docs/performance.md).
LOGO_MAX_BYTES = 20 * 1024
# The header shows white text on the brand colour: WCAG 2.2 AA for normal text (1.4.3).
MIN_CONTRAST = 4.5
NAME_MAX = 100
TEXT_MAX = 600
LOCAL_PREFIX = "local_"
LOGO_FOLDER = Path("overrides") / "assets" / "clinic"

# Every key a profile may hold, level by level (None: the value is not a mapping of fixed keys).
TOP_KEYS = ("name", "logo", "brand_colour", "site_url", "contact", "referral", "urgent_help", "service",
            "reviewer", "accessibility_contact", "languages", "offline")
REQUIRED_TOP = ("name", "brand_colour", "site_url", "contact", "referral", "urgent_help",
                "accessibility_contact", "languages")
CONTACT_KEYS = ("phone", "email")
REFERRAL_KEYS = ("text", "url")
URGENT_KEYS = ("nation", "local")
LOCAL_KEYS = ("id", "name", "phone", "hours", "verified_on")
LOCAL_REQUIRED = ("id", "name", "phone")  # hours and verified_on may wait; `make check-release` asks for them
SERVICE_KEYS = ("sessions", "minutes", "phases", "formats")
REVIEWER_KEYS = ("name", "role", "checked_on")


class ProfileError(ValueError):
    """A clinic profile is missing, does not parse, or holds bad values. The message has one problem
    a line; `problems` holds the same lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# ---------------------------------------------------------------------------------------------------
# The validated profile


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
    offline: bool = True             # Save for offline (docs/offline.md); false turns it off

    def name_in(self, lang: str) -> str:
        """The clinic's name in one language; a name not given in that language stays in English."""
        return self.name.get(lang) or self.name["en"]


# ---------------------------------------------------------------------------------------------------
# Colours


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of #rrggbb."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker_shade(colour: str, target: float = MIN_CONTRAST) -> str:
    """The nearest shade of the same hue that white text can sit on (a suggestion for the error)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{int(c * step / 100):02x}" for c in (r, g, b))
        if contrast_ratio(shade, "#ffffff") >= target:
            return shade
    return "#000000"


# ---------------------------------------------------------------------------------------------------
# Logos

SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG file is not safe to serve as a logo: script, event handlers, javascript: URLs,
    foreignObject, or references to anything outside the file. An empty list: it is safe."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["is not UTF-8 text"]
    problems = []
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        problems.append("has a DOCTYPE or ENTITY declaration (remove it)")
        return problems  # do not parse entity declarations at all
    if "<script" in lowered:
        problems.append("has a <script> element")
    if "<foreignobject" in lowered:
        problems.append("has a <foreignObject> element")
    if re.search(r"javascript\s*:", lowered):
        problems.append("has a javascript: URL")
    if re.search(r"[\s\"'/]on[a-z]+\s*=", lowered):
        problems.append("has an on...= event attribute")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        problems.append(f"is not well-formed SVG ({error})")
        return problems
    if root.tag not in (SVG_NS + "svg", "svg"):
        problems.append("does not start with an <svg> element")
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag == "script" and "has a <script> element" not in problems:
            problems.append("has a <script> element")
        if tag == "foreignobject" and "has a <foreignObject> element" not in problems:
            problems.append("has a <foreignObject> element")
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") and "has an on...= event attribute" not in problems:
                problems.append("has an on...= event attribute")
            if "javascript:" in compact and "has a javascript: URL" not in problems:
                problems.append("has a javascript: URL")
            if name == "href" and not _internal_reference(compact) and "javascript:" not in compact:
                problems.append(f"refers to something outside the file ({attribute.rsplit('}', 1)[-1]}="
                                f"{value[:40]!r}); only #ids and data:image/ URLs are allowed")
        if _local(element.attrib.get("attributeName", "")) == "href":
            problems.append(f"has an <{tag}> that changes a link")
        css = (element.attrib.get("style", "") + " " + ((element.text or "") if tag == "style" else "")).lower()
        for target in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", css):
            if not _internal_reference(target):
                problems.append(f"refers to something outside the file (url({target[:40]}))")
        if "@import" in css:
            problems.append("has a CSS @import")
    return problems


def _internal_reference(target: str) -> bool:
    """#id, or an embedded raster image. An embedded SVG could carry its own script: refused."""
    target = target.strip().lower()
    return target.startswith("#") or (target.startswith("data:image/") and not target.startswith("data:image/svg"))


def logo_problems(path: Path) -> list[str]:
    """Why a logo file cannot be used (type, size, content). An empty list: it can."""
    suffix = path.suffix.lower()
    if suffix not in LOGO_TYPES:
        return [f"must be a PNG, WebP or SVG file (.png, .webp, .svg), not {path.suffix or 'a file without a type'}"]
    if not path.is_file():
        return [f"does not exist (looked for {path})"]
    data = path.read_bytes()
    if len(data) > LOGO_MAX_BYTES:
        return [f"is {len(data) // 1024} KB; a logo may be at most {LOGO_MAX_BYTES // 1024} KB "
                f"(make it smaller, or use SVG)"]
    if suffix == ".png" and not data.startswith(PNG_MAGIC):
        return ["is called .png but is not a PNG image"]
    if suffix == ".webp" and not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return ["is called .webp but is not a WebP image"]
    if suffix == ".svg":
        problems = [f"is not a safe SVG: it {problem}" for problem in svg_problems(data)]
        if not problems and logo_size(path) is None:
            problems.append("has no size: give its <svg> element a viewBox (or width and height)")
        return problems
    if logo_size(path) is None:
        return ["cannot be read as an image"]
    return []


def logo_size(path: Path) -> tuple[int, int] | None:
    """The logo's width and height, for the page to reserve its space before it loads."""
    if path.suffix.lower() == ".svg":
        root = ET.fromstring(path.read_text(encoding="utf-8"))  # checked safe before this is called
        box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
        sizes = [root.get("width", ""), root.get("height", "")]
        if all(re.fullmatch(r"\d+(\.\d+)?(px)?", size) for size in sizes):
            return round(float(sizes[0].removesuffix("px"))), round(float(sizes[1].removesuffix("px")))
        if len(box) == 4 and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in box) and float(box[2]) > 0 and float(box[3]) > 0:
            return round(float(box[2])), round(float(box[3]))
        return None
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


# ---------------------------------------------------------------------------------------------------
# Checking a profile


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _type_name(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty", dt.date: "a date"}.get(type(value), type(value).__name__)


MARKUP = re.compile(r"[<>]|&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);|\{\{|\}\}|\{%|%\}|\]\(", re.IGNORECASE)
EMAIL = re.compile(r"[A-Za-z0-9.!#$%'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
LOCAL_ID = re.compile(r"[a-z][a-z0-9_]*")
SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class _Checker:
    """Collects problems while reading one profile; each problem names the file and the key."""

    def __init__(self, path: Path, configured: list[settings.Language]):
        self.path = path
        self.problems: list[str] = []
        self.configured = [language.code for language in configured]
        self.default = next(language.code for language in configured if language.default)
        self.built: tuple[str, ...] = tuple(self.configured)
        # False when 'languages' itself is wrong: texts in other languages are then not reported too.
        self.languages_ok = True

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.path}: key '{key}': {message}" if key else f"{self.path}: {message}")

    # -- shapes -----------------------------------------------------------------------------------

    def mapping(self, key: str, value: object, allowed: Iterable[str],
                required: Iterable[str] = ()) -> dict | None:
        """A mapping with only the allowed keys; unknown keys are reported with a suggestion."""
        if not isinstance(value, dict):
            self.problem(key, f"must be a mapping of keys to values, not {_type_name(value)}")
            return None
        allowed = tuple(allowed)
        for name in value:
            if name not in allowed:
                self.unknown(_join(key, str(name)), None, allowed, "key", guess=str(name))
        for name in required:
            if value.get(name) is None:
                self.problem(_join(key, name), "is missing" + _quote_hint(value, name))
        return value

    def unknown(self, key: str, value: object, choices: Iterable[str], what: str, guess: str = "") -> None:
        """An unknown key (named by the key path itself) or an unknown value, with the closest choice."""
        choices = tuple(choices)
        close = difflib.get_close_matches(guess or str(value), choices, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; use one of: {', '.join(choices)}"
        self.problem(key, f"unknown {what}" + ("" if value is None else f" {str(value)!r}") + hint)

    # -- values -----------------------------------------------------------------------------------

    def plain(self, key: str, value: object, limit: int, single_line: bool) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be text, not {_type_name(value)}" if not isinstance(value, str)
                         else "is empty")
            return None
        text = " ".join(value.split())
        if MARKUP.search(value):
            self.problem(key, f"{_short(value)} holds markup ({MARKUP.search(value).group(0)!r}); "
                              "write plain text without <, >, &...; entities, {{ }} or Markdown links")
            return None
        if single_line and "\n" in value.strip():
            self.problem(key, "must be one line")
            return None
        if len(text) > limit:
            self.problem(key, f"is {len(text)} characters long; keep it to {limit}")
            return None
        return text

    def texts(self, key: str, value: object, limit: int, *, every_language: bool,
              single_line: bool) -> dict[str, str] | None:
        """Free text given per language: {en: ..., pl: ...}. `en` is always required; with
        `every_language`, every built language is (a sentence must never show in another language)."""
        if isinstance(value, str):
            self.problem(key, f"must be given per language, like {{{self.default}: {_short(value)}}}")
            return None
        if not isinstance(value, dict):
            self.problem(key, f"must be a mapping of language codes to text, not {_type_name(value)}")
            return None
        out = {}
        for code, text in value.items():
            sub = _join(key, str(code))
            if code not in self.configured:
                self.unknown(sub, code, self.configured, "language")
            elif code not in self.built:
                if self.languages_ok:
                    self.problem(sub, f"language '{code}' is not built by this profile; "
                                      "add it to 'languages' or remove this text")
            else:
                checked = self.plain(sub, text, limit, single_line=single_line)
                if checked is not None:
                    out[code] = checked
        needed = self.built if every_language and self.languages_ok else (self.default,)
        for code in needed:
            if code not in value:
                self.problem(_join(key, code), "is missing" + (
                    " (every language in 'languages' needs this text)" if every_language else ""))
        return out if not any(code not in out for code in needed) else None

    def https(self, key: str, value: object, *, trailing_slash: bool = False) -> str | None:
        if not isinstance(value, str):
            self.problem(key, f"must be an https:// address, not {_type_name(value)}")
            return None
        url = value.strip()
        parts = urlsplit(url)
        if parts.scheme != "https":
            self.problem(key, f"{url!r} must start with https://")
            return None
        if not parts.hostname or "." not in parts.hostname or parts.username or parts.password \
                or re.search(r"[\s<>\"']", url):
            self.problem(key, f"{url!r} is not a web address")
            return None
        if trailing_slash:
            if parts.query or parts.fragment:
                self.problem(key, f"{url!r} must not have a ? or # part")
                return None
            if not url.endswith("/"):
                self.problem(key, f"{url!r} must end with / (write {url + '/'!r})")
                return None
        return url

    def email(self, key: str, value: object) -> str | None:
        if not isinstance(value, str) or not EMAIL.fullmatch(value.strip()):
            self.problem(key, f"{value!r} is not an email address (write it like info@clinic.example)")
            return None
        return value.strip()

    def phone(self, key: str, value: object) -> phones.UKNumber | None:
        if _is_int(value):
            # 02070000000 unquoted is octal to YAML: showing the number it read would only confuse.
            self.problem(key, "YAML read this as a number, not as the phone number you wrote: put it in "
                              "quotes, like \"020 7946 0000\"")
            return None
        try:
            number = phones.parse(value)
        except ValueError as error:
            self.problem(key, str(error))
            return None
        if number.is_short_code:
            self.problem(key, f"{value!r} is a national short code: give the service's own number")
            return None
        return number

    def colour(self, key: str, value: object) -> str | None:
        if not isinstance(value, str) or not COLOUR.fullmatch(value.strip()):
            self.problem(key, f"{value!r} is not a colour: write it as \"#rrggbb\", in quotes, "
                              "like \"#005eb8\"")
            return None
        colour = value.strip().lower()
        ratio = contrast_ratio(colour, "#ffffff")
        if ratio < MIN_CONTRAST:
            shown = int(ratio * 100) / 100  # round down, so 4.499 never shows as 4.5
            self.problem(key, f"'{colour}' has a contrast ratio of {shown:.2f}:1 with white; the header "
                              f"shows white text on it, which needs at least {MIN_CONTRAST}:1. Choose a "
                              f"darker colour, for example '{darker_shade(colour)}'")
            return None
        return colour


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else str(name)


def _short(value: str) -> str:
    value = " ".join(str(value).split())
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _quote_hint(mapping: dict, name: str) -> str:
    # `brand_colour: #005eb8` is a YAML comment, so the key is there but empty.
    return (" (in YAML, # starts a comment: put the colour in quotes, like \"#005eb8\")"
            if name in mapping and name == "brand_colour" else "")


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def load_profile(path: Path, root: Path = ROOT) -> ClinicProfile:
    """Read and check a clinic profile against the project at `root` (its languages and service
    settings). Raises ProfileError listing every problem, one a line."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError([f"{path}: file is missing"]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ProfileError([f"{path}: not valid YAML ({error})"]) from None
    return check_profile(data, path, root)


def check_profile(data: object, path: Path, root: Path = ROOT) -> ClinicProfile:
    """Check profile data already read from YAML; `path` names it in messages and anchors the logo."""
    path = Path(path)
    check = _Checker(path, settings.languages(root))
    top = check.mapping("", data, TOP_KEYS, REQUIRED_TOP) if data is not None else None
    if top is None:
        if data is None:
            check.problem("", "the file is empty")
        raise ProfileError(check.problems)

    # Languages first: per-language texts are checked against them.
    languages = _check_languages(check, top.get("languages"))

    name = (check.texts("name", top["name"], NAME_MAX, every_language=False, single_line=True)
            if top.get("name") is not None else None)
    colour = check.colour("brand_colour", top["brand_colour"]) if top.get("brand_colour") is not None else None
    site_url = (check.https("site_url", top["site_url"], trailing_slash=True)
                if top.get("site_url") is not None else None)

    contact = None
    if top.get("contact") is not None:
        raw = check.mapping("contact", top["contact"], CONTACT_KEYS, CONTACT_KEYS)
        if raw is not None:
            phone = check.phone("contact.phone", raw["phone"]) if raw.get("phone") is not None else None
            email = check.email("contact.email", raw["email"]) if raw.get("email") is not None else None
            if phone and email:
                contact = Contact(phone, email)

    referral = None
    if top.get("referral") is not None:
        raw = check.mapping("referral", top["referral"], REFERRAL_KEYS, ("text",))
        if raw is not None:
            text = (check.texts("referral.text", raw["text"], TEXT_MAX, every_language=True, single_line=False)
                    if raw.get("text") is not None else None)
            url = check.https("referral.url", raw["url"]) if raw.get("url") is not None else None
            if text is not None and (url is not None or raw.get("url") is None):
                referral = Referral(text, url)

    urgent = _check_urgent_help(check, top["urgent_help"]) if top.get("urgent_help") is not None else None
    accessibility = (check.email("accessibility_contact", top["accessibility_contact"])
                     if top.get("accessibility_contact") is not None else None)
    logo = _check_logo(check, top["logo"], path) if top.get("logo") is not None else None
    service = _check_service(check, top["service"], root) if top.get("service") is not None else {}
    reviewer = _check_reviewer(check, top["reviewer"]) if top.get("reviewer") is not None else None
    offline = True if top.get("offline") is None else top["offline"]
    if not isinstance(offline, bool):
        check.problem("offline", f"{_short(offline)} must be true or false (false turns off Save for offline)")

    if check.problems:
        raise ProfileError(check.problems)
    return ClinicProfile(source=path, languages=languages, name=name, brand_colour=colour, site_url=site_url,
                         contact=contact, referral=referral, urgent_help=urgent,
                         accessibility_contact=accessibility, logo=logo, service=service or {},
                         reviewer=reviewer, offline=offline)


def _check_languages(check: _Checker, value: object) -> tuple[str, ...]:
    if value is None:
        check.languages_ok = False  # already reported as missing
        return check.built
    if not isinstance(value, list) or not value:
        check.problem("languages", f"must be a list of language codes, like [{check.default}], "
                                   f"not {_type_name(value)}")
        check.languages_ok = False
        return check.built
    chosen = []
    before = len(check.problems)
    for index, code in enumerate(value):
        if code not in check.configured:
            check.unknown(f"languages[{index}]", code, check.configured, "language")
        elif code in chosen:
            check.problem(f"languages[{index}]", f"'{code}' is listed twice")
        else:
            chosen.append(code)
    if check.default not in value:
        check.problem("languages", f"must include '{check.default}', the site's source language")
    check.languages_ok = len(check.problems) == before
    # Per-language texts may only use languages this profile builds (the default one always).
    check.built = tuple(code for code in check.configured if code in chosen or code == check.default)
    return check.built


def _check_urgent_help(check: _Checker, value: object) -> UrgentHelp | None:
    raw = check.mapping("urgent_help", value, URGENT_KEYS, ("nation",))
    if raw is None:
        return None
    nation = raw.get("nation")
    if nation is not None and nation not in NATIONS:
        check.unknown("urgent_help.nation", nation, NATIONS, "nation")
        nation = None
    lines: list[LocalLine] = []
    local = raw.get("local")
    if local is not None and not isinstance(local, list):
        check.problem("urgent_help.local", f"must be a list of local lines, not {_type_name(local)}")
        local = None
    ids: set[str] = set()
    for index, entry in enumerate(local or []):
        key = f"urgent_help.local[{index}]"
        item = check.mapping(key, entry, LOCAL_KEYS, LOCAL_REQUIRED)
        if item is None:
            continue
        line_id = item.get("id")
        good_id = None
        if line_id is not None:
            if not isinstance(line_id, str) or not LOCAL_ID.fullmatch(line_id):
                check.problem(f"{key}.id", f"{line_id!r} must be lower-case letters, digits and _, "
                                           "starting with a letter, like crisis_line")
            elif line_id.startswith(LOCAL_PREFIX):
                placeholder = "{{ phone:" + line_id + " }}"
                check.problem(f"{key}.id", f"'{line_id}': leave out '{LOCAL_PREFIX}', the build adds it "
                                           f"(pages write {placeholder})")
            elif line_id in ids:
                check.problem(f"{key}.id", f"'{line_id}' is used by another local line")
            else:
                ids.add(line_id)
                good_id = line_id
        name = (check.texts(f"{key}.name", item["name"], NAME_MAX, every_language=False, single_line=True)
                if item.get("name") is not None else None)
        phone = check.phone(f"{key}.phone", item["phone"]) if item.get("phone") is not None else None
        # Hours are a sentence a reader acts on: in every built language, never shown in another one.
        hours = (check.texts(f"{key}.hours", item["hours"], NAME_MAX, every_language=True, single_line=True)
                 if item.get("hours") is not None else None)
        verified_on = _date(item.get("verified_on"))
        if item.get("verified_on") is not None and verified_on is None:
            check.problem(f"{key}.verified_on", f"{item['verified_on']!r} must be a date like 2026-11-26")
        if good_id and name and phone and (hours or item.get("hours") is None):
            lines.append(LocalLine(good_id, name, phone, hours, verified_on))
    return UrgentHelp(nation, tuple(lines)) if nation else None


def _check_logo(check: _Checker, value: object, profile: Path) -> Path | None:
    if not isinstance(value, str) or not value.strip():
        check.problem("logo", f"must be the path of an image file, not {_type_name(value)}")
        return None
    logo = (profile.parent / value.strip()).resolve()
    if not SAFE_FILE_NAME.fullmatch(logo.name):
        check.problem("logo", f"{logo.name!r}: name the file with letters, digits, '.', '-' and '_' only")
        return None
    problems = logo_problems(logo)
    for problem in problems:
        check.problem("logo", f"{value!r} {problem}")
    return None if problems else logo


def _check_service(check: _Checker, value: object, root: Path) -> dict[str, Any]:
    raw = check.mapping("service", value, SERVICE_KEYS)
    if raw is None:
        return {}
    out: dict[str, Any] = {}
    before = len(check.problems)
    for name in settings.ALLOWED:
        if name in raw:
            problem = settings.range_problem(name, raw[name])
            if problem:
                check.problem(f"service.{name}", problem)
            else:
                out[name] = raw[name]
    if "phases" in raw:
        phases = check.mapping("service.phases", raw["phases"], PHASES, PHASES)
        if phases is not None:
            spans = {}
            for name in PHASES:
                span = phases.get(name)
                if span is None:
                    continue
                if not (isinstance(span, list) and len(span) == 2 and all(_is_int(n) and n >= 1 for n in span)):
                    check.problem(f"service.phases.{name}", f"must be [first session, last session], "
                                                            f"not {span!r}")
                else:
                    spans[name] = list(span)
            if len(spans) == len(PHASES):
                out["phases"] = spans
    if "formats" in raw:
        formats = raw["formats"]
        if not isinstance(formats, list) or not formats:
            check.problem("service.formats", f"must be a list of some of {', '.join(FORMATS)}")
        else:
            for index, name in enumerate(formats):
                if name not in FORMATS:
                    check.unknown(f"service.formats[{index}]", name, FORMATS, "format")
            if len(set(map(str, formats))) != len(formats):
                check.problem("service.formats", "lists a format twice")
            if all(name in FORMATS for name in formats) and len(set(formats)) == len(formats):
                out["formats"] = list(formats)
    if len(check.problems) == before:
        # The overrides on top of the project's own settings must still make a whole, consistent service.
        message = service_problem(root / "settings" / "service.yml", out)
        if message:
            check.problem(*message)
    return out


def merged_service(base: Path, overrides: Mapping[str, Any]) -> dict[str, Any]:
    data = settings.read_yaml(base) or {}
    return {**data, **{key: value for key, value in overrides.items()}}


def service_problem(base: Path, overrides: Mapping[str, Any]) -> tuple[str, str] | None:
    """(key, message) when the service settings at `base` with these overrides are inconsistent,
    checked by the same rules as every build (scripts.inputs.settings.load_service)."""
    merged = merged_service(base, overrides)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "service.yml"
        target.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")
        try:
            settings.load_service(target)
        except SettingsError as error:
            text = str(error).removeprefix(f"{target}: ")
            found = re.match(r"field '([^']+)' (.*)", text, re.DOTALL)
            key, message = (f"service.{found.group(1)}", found.group(2)) if found else ("service", text)
            message = message.replace("'sessions'", "'service.sessions'")
            if "phases" not in overrides and ("phases" in key or "sessions" in overrides):
                message += " (when you change 'service.sessions', give 'service.phases' as well)"
            return key, message
    return None


def _check_reviewer(check: _Checker, value: object) -> Reviewer | None:
    raw = check.mapping("reviewer", value, REVIEWER_KEYS, REVIEWER_KEYS)
    if raw is None:
        return None
    name = check.plain("reviewer.name", raw["name"], NAME_MAX, single_line=True) \
        if raw.get("name") is not None else None
    role = check.texts("reviewer.role", raw["role"], NAME_MAX, every_language=True, single_line=True) \
        if raw.get("role") is not None else None
    checked_on = None
    if raw.get("checked_on") is not None:
        checked_on = _date(raw["checked_on"])
        if checked_on is None:
            check.problem("reviewer.checked_on", f"{raw['checked_on']!r} is not a date written YYYY-MM-DD")
        elif checked_on > dt.date.today():
            check.problem("reviewer.checked_on", f"{checked_on.isoformat()} is in the future")
            checked_on = None
    if name and role and checked_on:
        return Reviewer(name, role, checked_on)
    return None


# ---------------------------------------------------------------------------------------------------
# Applying a profile to a copy of the project


class _BlockDumper(yaml.SafeDumper):
    """Safe YAML, with text of several lines written as a | block (as mkdocs.yml's exclude_docs)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    # Session spans stay on one line, as in settings/service.yml: [1, 4].
    flow = bool(value) and all(isinstance(item, int) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_BlockDumper.add_representer(str, _text)
_BlockDumper.add_representer(list, _list)


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)


def apply_profile(profile: ClinicProfile, project: Path) -> None:
    """Brand a copy of the project for the clinic: rewrite its mkdocs.yml and settings, drop the
    languages it does not build, and copy the logo. Never call this on the project itself."""
    project = Path(project)
    if project.resolve() == ROOT.resolve():
        raise ValueError(f"{project}: apply a clinic profile to a copy of the project, never to the project")
    _apply_mkdocs(profile, project)
    _apply_service(profile, project)
    _apply_helplines(profile, project)
    logo_name = _copy_logo(profile, project)
    _apply_brand(profile, project, logo_name)
    _write_clinic(profile, project, logo_name)


def _apply_brand(profile: ClinicProfile, project: Path, logo_name: str | None) -> None:
    """The clinic's colour in the header (checked above for contrast with white text) and its logo."""
    folder = project / LOGO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.css").write_text(
        "/* The clinic's brand colour, from its profile (written by scripts/inputs/clinic.py). */\n"
        ":root, [data-md-color-scheme=\"default\"], [data-md-color-scheme=\"slate\"] {\n"
        f"  --md-primary-fg-color: {profile.brand_colour};\n}}\n", encoding="utf-8")
    path = project / "mkdocs.yml"
    header, body = path.read_text(encoding="utf-8").split("\n", 1)
    config = yaml.safe_load(body)
    config["extra_css"] = [*config.get("extra_css", []), "assets/clinic/brand.css"]
    if logo_name:
        config["theme"]["logo"] = f"assets/clinic/{logo_name}"
        config.setdefault("extra", {})["logo_size"] = list(logo_size(profile.logo))  # for partials/logo.html
        config["theme"].get("icon", {}).pop("logo", None)
    path.write_text(header + "\n" + _dump(config), encoding="utf-8")


def _apply_mkdocs(profile: ClinicProfile, project: Path) -> None:
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["site_url"] = profile.site_url
    extra = config.setdefault("extra", {})
    extra.setdefault("publisher", {})["name"] = profile.name["en"]
    feedback = extra.setdefault("feedback", {})
    feedback["email"] = profile.contact.email
    feedback["url"] = ""  # feedback goes to the clinic, not to a form of the upstream project
    extra["offline"] = profile.offline  # Save for offline (docs/offline.md)
    dropped = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"]["languages"]
            dropped = [entry["locale"] for entry in entries if entry["locale"] not in profile.languages]
            plugin["i18n"]["languages"] = [entry for entry in entries if entry["locale"] in profile.languages]
    header = (f"# Built for a clinic from {profile.source.name} by scripts/inputs/clinic.py; "
              "edit the profile, not this copy.\n")
    path.write_text(header + _dump(config), encoding="utf-8")
    for code in dropped:
        shutil.rmtree(project / "content" / code, ignore_errors=True)


def _apply_service(profile: ClinicProfile, project: Path) -> None:
    path = project / "settings" / "service.yml"
    overrides = dict(profile.service)
    if profile.referral.url:
        overrides["self_referral_url"] = profile.referral.url
    found = service_problem(path, overrides)
    if found:
        raise ProfileError([f"{profile.source}: key '{found[0]}': {found[1]}"])
    merged = merged_service(path, overrides)
    header = (f"# How this clinic runs DIT: settings/service.yml with the overrides of {profile.source.name}"
              " (written by scripts/inputs/clinic.py).\n")
    path.write_text(header + _dump(merged), encoding="utf-8")


def _apply_helplines(profile: ClinicProfile, project: Path) -> None:
    path = project / "settings" / "helplines.yml"
    text = path.read_text(encoding="utf-8")
    existing = settings.read_yaml(path) or {}
    lines = []
    for line in profile.urgent_help.local:
        if line.helpline_id in existing:
            raise ProfileError([f"{profile.source}: key 'urgent_help.local': '{line.helpline_id}' is already "
                                "in settings/helplines.yml; choose another id"])
        fields = {"number": line.phone.display, "organisation": line.name["en"]}
        if line.hours:
            fields["hours"] = dict(line.hours)
        flow = ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
        verified = line.verified_on.isoformat() if line.verified_on else "null"
        lines.append(f"{line.helpline_id}: {{{flow}, verified_on: {verified}}}")
    if lines:
        if not text.endswith("\n"):
            text += "\n"
        text += (f"# The clinic's own local lines, from {profile.source.name}. Check each number against "
                 "the organisation's own page and set verified_on in the profile.\n" + "\n".join(lines) + "\n")
        path.write_text(text, encoding="utf-8")


def _copy_logo(profile: ClinicProfile, project: Path) -> str | None:
    if profile.logo is None:
        return None
    folder = project / LOGO_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(profile.logo, folder / profile.logo.name)
    return profile.logo.name


def clinic_settings(profile: ClinicProfile, logo_name: str | None) -> dict[str, Any]:
    """What settings/clinic.yml holds: the profile, normalised for templates. Sentences (referral
    text, reviewer role) are there in every built language; names as the profile gives them, always
    in `en`, so a template shows name[lang] or else the English name marked lang="en"."""
    def names(texts: Mapping[str, str]) -> dict[str, str]:
        return {code: texts[code] for code in profile.languages if code in texts}

    reviewer = profile.reviewer
    return {
        "languages": list(profile.languages),
        "name": names(profile.name),
        "brand_colour": profile.brand_colour,
        "logo": logo_name,
        "contact": {"phone": _phone_fields(profile.contact.phone), "email": profile.contact.email},
        "referral": {"text": dict(profile.referral.text), "url": profile.referral.url},
        "urgent_help": {
            "nation": profile.urgent_help.nation,
            "local": [{"id": line.helpline_id, "name": names(line.name), "phone": _phone_fields(line.phone)}
                      for line in profile.urgent_help.local],
        },
        "reviewer": None if reviewer is None else {
            "name": reviewer.name, "role": dict(reviewer.role), "checked_on": reviewer.checked_on},
        "accessibility_contact": profile.accessibility_contact,
    }


def _phone_fields(number: phones.UKNumber) -> dict[str, str]:
    return {"display": number.display, "tel": number.tel}


def _write_clinic(profile: ClinicProfile, project: Path, logo_name: str | None) -> None:
    header = (f"# The clinic this copy of the site is built for, from {profile.source.name}; written by "
              "scripts/inputs/clinic.py.\n# Texts are plain text: templates must escape them. Sentences are in every "
              "language below; a name missing\n# in a language is shown in English, marked lang=\"en\". "
              f"The logo is in {LOGO_FOLDER.as_posix()}/ (site path assets/clinic/).\n")
    (project / "settings" / "clinic.yml").write_text(header + _dump(clinic_settings(profile, logo_name)),
                                                     encoding="utf-8")


# ---------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Check clinic profiles: python -m scripts.inputs.clinic PROFILE [PROFILE ...]"""
    paths = (sys.argv[1:] if argv is None else argv)
    if not paths or any(p in ("-h", "--help") for p in paths):
        print(main.__doc__)
        return 0 if paths else 2
    failed = False
    for name in paths:
        try:
            profile = load_profile(Path(name))
        except ProfileError as error:
            print(error, file=sys.stderr)
            failed = True
        else:
            print(f"{name}: OK ({profile.name['en']}; languages {', '.join(profile.languages)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
