"""Apply a checked clinic profile to a *copy* of the project (never to the project itself):
mkdocs.yml, settings/service.yml, settings/helplines.yml, a normalised settings/clinic.yml for the
templates, the brand colour and the clinic's logo."""
from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from scripts.inputs import phones, settings
from scripts.inputs.clinic_brand import logo_size
from scripts.inputs.clinic_profile import ClinicProfile, ProfileError, merged_service, service_problems
from scripts.inputs.settings import ROOT

LOGO_FOLDER = Path("overrides") / "assets" / "clinic"


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
        "/* The clinic's brand colour, from its profile (written by scripts/inputs/clinic_copy.py). */\n"
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
    header = (f"# Built for a clinic from {profile.source.name} by scripts/inputs/clinic_copy.py; "
              "edit the profile, not this copy.\n")
    path.write_text(header + _dump(config), encoding="utf-8")
    for code in dropped:
        shutil.rmtree(project / "content" / code, ignore_errors=True)


def _apply_service(profile: ClinicProfile, project: Path) -> None:
    path = project / "settings" / "service.yml"
    overrides = dict(profile.service)
    if profile.referral.url:
        overrides["self_referral_url"] = profile.referral.url
    found = service_problems(path, overrides)
    if found:
        raise ProfileError([f"{profile.source}: key '{key}': {message}" for key, message in found])
    merged = merged_service(path, overrides)
    header = (f"# How this clinic runs DIT: settings/service.yml with the overrides of {profile.source.name}"
              " (written by scripts/inputs/clinic_copy.py).\n")
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
        "listen": profile.listen,
    }


def _phone_fields(number: phones.UKNumber) -> dict[str, str]:
    return {"display": number.display, "tel": number.tel}


def _write_clinic(profile: ClinicProfile, project: Path, logo_name: str | None) -> None:
    header = (f"# The clinic this copy of the site is built for, from {profile.source.name}; written by "
              "scripts/inputs/clinic_copy.py.\n# Texts are plain text: templates must escape them. Sentences are in every "
              "language below; a name missing\n# in a language is shown in English, marked lang=\"en\". "
              f"The logo is in {LOGO_FOLDER.as_posix()}/ (site path assets/clinic/).\n")
    (project / "settings" / "clinic.yml").write_text(header + _dump(clinic_settings(profile, logo_name)),
                                                     encoding="utf-8")

