"""The release gate (`make check-release`): what must be true before a site goes to patients.

It fails, naming the file and field of each reason, while any helpline is unchecked (no verified_on
date, or one more than 12 months old), a clinic's own line has no hours, the site or feedback address
is a placeholder, the publisher is still the template's, or a page is past its review date.

The repository is a template and fails this gate by design, so it is not part of `make test`.
With a clinic profile it checks the project as the clinic build would make it (scripts/inputs/clinic.py)."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from scripts import build
from scripts.checks import review
from scripts.inputs import release, settings
from scripts.inputs.settings import ROOT

# The template's own publisher name (mkdocs.yml extra.publisher.name as the project ships it). A site
# published under it claims to be the upstream project: a deployment names who publishes it.
TEMPLATE_PUBLISHER = "The DIT patient information project"
# Names reserved for examples and tests (RFC 2606, RFC 6761): an address there reaches no one.
RESERVED_DOMAINS = ("example", "example.org", "example.com", "example.net", "test", "invalid", "localhost")
LOCAL_PREFIX = "local_"  # scripts/inputs/clinic.py writes a clinic's own lines under this prefix


def _placeholder_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in RESERVED_DOMAINS)


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year - 1, day=28)


def _has_hours(value: object) -> bool:
    """Hours as a sentence, or per language with at least English (another helper's national lines
    may use either form)."""
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, dict) and isinstance(value.get("en"), str) and bool(value["en"].strip())


def helpline_problems(root: Path, today: dt.date, labels: dict[str, str] | None = None) -> list[str]:
    """`labels` names where a line is set, when not in settings/helplines.yml (a clinic's profile)."""
    entries = settings.read_yaml(root / "settings" / "helplines.yml") or {}
    found = []
    for key, entry in entries.items():
        entry = entry if isinstance(entry, dict) else {}
        where = (labels or {}).get(key, f"settings/helplines.yml: '{key}'")
        checked = entry.get("verified_on")
        if not isinstance(checked, dt.date):
            found.append(f"{where} has no verified_on date (check the number against the "
                         "organisation's own page, then set the date)")
        elif checked < _year_before(today):
            found.append(f"{where} verified_on {checked.isoformat()} is more than 12 months old "
                         "(check the number again, then update the date)")
        if key.startswith(LOCAL_PREFIX) and not _has_hours(entry.get("hours")):
            found.append(f"{where}: the clinic's own line has no hours (say when it answers, like "
                         "hours: {en: Every day, 24 hours})")
    return found


def address_problems(root: Path, labels: dict[str, str] | None = None) -> list[str]:
    """`labels` names where a field is set, when not in mkdocs.yml (a clinic's profile)."""
    labels = {"site_url": "mkdocs.yml: site_url", "email": "mkdocs.yml: extra.feedback.email", **(labels or {})}
    config = settings.read_yaml(root / "mkdocs.yml") or {}
    extra = config.get("extra") or {}
    found = []
    site_url = str(config.get("site_url") or "")
    if not site_url or _placeholder_host(urlsplit(site_url).hostname or ""):
        found.append(f"{labels['site_url']} {site_url!r} is a placeholder (set the address the site is "
                     "published at)")
    feedback = extra.get("feedback") or {}
    email, url = str(feedback.get("email") or ""), str(feedback.get("url") or "")
    if not email and not url:
        found.append("mkdocs.yml: extra.feedback has neither an email nor a url (say where readers "
                     "tell you something is wrong)")
    if email and _placeholder_host(email.rpartition("@")[2]):
        found.append(f"{labels['email']} {email!r} is a placeholder (set an address a "
                     "person reads)")
    if url and _placeholder_host(urlsplit(url).hostname or ""):
        found.append(f"mkdocs.yml: extra.feedback.url {url!r} is a placeholder (set your own form's address)")
    publisher = str((extra.get("publisher") or {}).get("name") or "")
    if not publisher or publisher == TEMPLATE_PUBLISHER:
        found.append(f"mkdocs.yml: extra.publisher.name {publisher!r} is the template's (name the "
                     "organisation that publishes this site)")
    return found


def problems(root: Path = ROOT, labels: dict[str, str] | None = None) -> list[str]:
    """Every reason the project at `root` is not ready for release, one a line."""
    today = release.build_date(root)
    return [*helpline_problems(root, today, labels), *address_problems(root, labels), *review.overdue(root, today)]


def clinic_problems(profile_path: Path, root: Path = ROOT) -> list[str]:
    """The same gate on the project as the clinic build makes it (nothing is built). The clinic's own
    address, feedback email and lines come from its profile, so those reasons name the profile."""
    from scripts.inputs import clinic
    profile = clinic.load_profile(profile_path, root)  # raises ProfileError naming every problem
    labels = {"site_url": f"{profile_path}: key 'site_url'", "email": f"{profile_path}: key 'contact.email'"}
    labels.update({line.helpline_id: f"{profile_path}: key 'urgent_help.local[{index}]' ({line.id})"
                   for index, line in enumerate(profile.urgent_help.local)})
    with tempfile.TemporaryDirectory(prefix="dit-release-") as tmp:
        project = build.copy_project(root, Path(tmp) / "project")
        clinic.apply_profile(profile, project)
        return problems(project, labels)
