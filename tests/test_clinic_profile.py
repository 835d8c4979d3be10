"""Clinic profiles: the example loads, every broken profile gets its exact message (all of them at
once), and applying a profile rewrites a copy of the project. No site is built here."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from scripts.inputs import phones, settings
from scripts.inputs.clinic import ProfileError, apply_profile, check_profile, contrast_ratio, load_profile
from scripts.inputs.settings import ROOT
from tests.pages import LANGS

EXAMPLE = ROOT / "docs" / "examples" / "clinic.yml"

SAFE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            '<defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/></svg>')

# A small valid profile; each broken profile below changes one thing in it.
VALID = {
    "name": {"en": "Test Clinic (example)", "pl": "Test Clinic (przykład)"},
    "brand_colour": "#005eb8",
    "site_url": "https://dit.clinic.example/",
    "contact": {"phone": "020 7946 0123", "email": "dit@clinic.example"},
    "referral": {"text": {"en": "Call us to refer yourself.", "pl": "Zadzwoń do nas."},
                 "url": "https://clinic.example/refer/"},
    "urgent_help": {"nation": "wales",
                    "local": [{"id": "crisis", "name": {"en": "Crisis line (example)"},
                               "phone": "0117 496 0123"}]},
    "accessibility_contact": "access@clinic.example",
    "languages": ["en", "pl"],
}


def write(tmp_path, data, files=None):
    """Write a profile (a dict, or YAML text) and any files beside it; return its path."""
    for name, content in (files or {}).items():
        target = tmp_path / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    path = tmp_path / "clinic.yml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def changed(**changes):
    """VALID with changes; a dotted key reaches into a mapping, a value of DELETE removes the key."""
    data = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for parent in parents:
            target = target[parent]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return data


DELETE = object()


def test_the_example_profile_loads():
    profile = load_profile(EXAMPLE)
    assert profile.languages == ("en", "pl", "ur")
    assert profile.name["en"] == "Riverside NHS Talking Therapies (example)"
    assert profile.contact.phone.e164 == "+442079460000"
    assert profile.contact.phone.display == "020 7946 0000"
    assert profile.brand_colour == "#005eb8"
    assert profile.urgent_help.nation == "england"
    assert [line.helpline_id for line in profile.urgent_help.local] == ["local_riverside_crisis"]
    assert profile.service["sessions"] == 16 and profile.service["formats"] == ["face_to_face", "video"]
    assert profile.reviewer is None
    assert profile.logo == (EXAMPLE.parent / "clinic-logo.svg").resolve()
    assert set(profile.referral.text) == {"en", "pl", "ur"}


def test_the_small_valid_profile_loads(tmp_path):
    profile = load_profile(write(tmp_path, VALID))
    assert profile.languages == ("en", "pl")
    assert profile.name_in("pl") == "Test Clinic (przykład)"


SCRIPT_SVG = SAFE_SVG.replace("</svg>", "<script>alert(1)</script></svg>")
ONLOAD_SVG = SAFE_SVG.replace('viewBox="0 0 10 10"', 'viewBox="0 0 10 10" onload="alert(1)"')
EXTERNAL_SVG = SAFE_SVG.replace("</svg>", '<image href="https://tracker.example/pixel.png"/></svg>')
JS_SVG = SAFE_SVG.replace("</svg>", '<a href="javascript:alert(1)"><text>x</text></a></svg>')
FOREIGN_SVG = SAFE_SVG.replace("</svg>", "<foreignObject><p>hi</p></foreignObject></svg>")
XLINK_SVG = SAFE_SVG.replace('xmlns="http://www.w3.org/2000/svg"',
                             'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
                             ).replace("</svg>", '<use xlink:href="other.svg#icon"/></svg>')

# (id, profile, files beside it, the one problem line it must produce, after "<path>: ")
BROKEN = [
    ("unknown top-level key", changed(contcat={"email": "x@clinic.example"}), None,
     "key 'contcat': unknown key; did you mean 'contact'?"),
    ("unknown nested key", changed(contact__emial="x@clinic.example"), None,
     "key 'contact.emial': unknown key; did you mean 'email'?"),
    ("unknown key deep in a list", changed(urgent_help__local=[
        {"id": "crisis", "name": {"en": "Crisis line"}, "phone": "0117 496 0123", "phnoe": "x"}]), None,
     "key 'urgent_help.local[0].phnoe': unknown key; did you mean 'phone'?"),
    ("http URL", changed(referral__url="http://clinic.example/refer/"), None,
     "key 'referral.url': 'http://clinic.example/refer/' must start with https://"),
    ("site_url without trailing slash", changed(site_url="https://dit.clinic.example"), None,
     "key 'site_url': 'https://dit.clinic.example' must end with / (write 'https://dit.clinic.example/')"),
    ("bad phone", changed(contact__phone="0207 946 000"), None,
     "key 'contact.phone': '0207 946 000' is not a valid UK phone number: the UK numbering plan has no "
     "such number (check the digits and how many there are; write it like 020 7946 0000, 0800 1111 or "
     "+44 20 7946 0000)"),
    ("bad local phone", changed(urgent_help__local=[
        {"id": "crisis", "name": {"en": "Crisis line"}, "phone": "+33 1 23 45 67 89"}]), None,
     "key 'urgent_help.local[0].phone': '+33 1 23 45 67 89' is not a UK number: it has the country code +33"),
    ("phone read as a number", yaml.safe_dump(VALID, sort_keys=False, allow_unicode=True).replace(
        "phone: 020 7946 0123", "phone: 02070000000"), None,
     "key 'contact.phone': YAML read this as a number, not as the phone number you wrote: put it in "
     "quotes, like \"020 7946 0000\""),
    ("bad colour", changed(brand_colour="blue"), None,
     "key 'brand_colour': 'blue' is not a colour: write it as \"#rrggbb\", in quotes, like \"#005eb8\""),
    ("unquoted colour is a YAML comment", yaml.safe_dump(VALID, sort_keys=False, allow_unicode=True).replace(
        "brand_colour: '#005eb8'", "brand_colour: #005eb8"), None,
     "key 'brand_colour': is missing (in YAML, # starts a comment: put the colour in quotes, "
     "like \"#005eb8\")"),
    ("low-contrast colour", changed(brand_colour="#ffff00"), None,
     "key 'brand_colour': '#ffff00' has a contrast ratio of 1.07:1 with white; the header shows white "
     "text on it, which needs at least 4.5:1. Choose a darker colour, for example '#7a7a00'"),
    ("unknown language", changed(languages=["en", "pol"]), None,
     "key 'languages[1]': unknown language 'pol'; did you mean 'pl'?"),
    ("language list without en", changed(languages=["pl"]), None,
     "key 'languages': must include 'en', the site's source language"),
    ("text in a language not built", changed(name={"en": "Test Clinic", "pl": "Test", "cy": "Clinig Prawf"}),
     None, "key 'name.cy': language 'cy' is not built by this profile; add it to 'languages' or remove "
           "this text"),
    ("text in an unknown language", changed(name={"en": "Test Clinic", "fr": "Clinique"}), None,
     f"key 'name.fr': unknown language 'fr'; use one of: {', '.join(LANGS)}"),
    ("text given as one string", changed(name="Test Clinic"), None,
     "key 'name': must be given per language, like {en: 'Test Clinic'}"),
    ("sentence missing a built language", changed(referral__text={"en": "Call us."}), None,
     "key 'referral.text.pl': is missing (every language in 'languages' needs this text)"),
    ("HTML in name", changed(name={"en": "<b>Test</b> Clinic"}), None,
     "key 'name.en': '<b>Test</b> Clinic' holds markup ('<'); write plain text without <, >, &...; "
     "entities, {{ }} or Markdown links"),
    ("entity in referral text", changed(referral__text={"en": "Call us &amp; ask.", "pl": "Zadzwoń."}), None,
     "key 'referral.text.en': 'Call us &amp; ask.' holds markup ('&amp;'); write plain text without <, >, "
     "&...; entities, {{ }} or Markdown links"),
    ("placeholder in name", changed(name={"en": "Clinic {{ sessions }}"}), None,
     "key 'name.en': 'Clinic {{ sessions }}' holds markup ('{{'); write plain text without <, >, &...; "
     "entities, {{ }} or Markdown links"),
    ("missing en name", changed(name={"pl": "Test Clinic (przykład)"}), None,
     "key 'name.en': is missing"),
    ("missing required key", changed(accessibility_contact=DELETE), None,
     "key 'accessibility_contact': is missing"),
    ("SVG logo with <script>", changed(logo="logo.svg"), {"logo.svg": SCRIPT_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it has a <script> element"),
    ("SVG logo with onload=", changed(logo="logo.svg"), {"logo.svg": ONLOAD_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it has an on...= event attribute"),
    ("SVG logo with a javascript: link", changed(logo="logo.svg"), {"logo.svg": JS_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it has a javascript: URL"),
    ("SVG logo with foreignObject", changed(logo="logo.svg"), {"logo.svg": FOREIGN_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it has a <foreignObject> element"),
    ("SVG logo with an external image", changed(logo="logo.svg"), {"logo.svg": EXTERNAL_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it refers to something outside the file "
     "(href='https://tracker.example/pixel.png'); only #ids and data:image/ URLs are allowed"),
    ("SVG logo with an external xlink:href", changed(logo="logo.svg"), {"logo.svg": XLINK_SVG},
     "key 'logo': 'logo.svg' is not a safe SVG: it refers to something outside the file "
     "(href='other.svg#icon'); only #ids and data:image/ URLs are allowed"),
    ("PNG logo that is not a PNG", changed(logo="logo.png"), {"logo.png": SAFE_SVG},
     "key 'logo': 'logo.png' is called .png but is not a PNG image"),
    ("SVG logo with no size", changed(logo="logo.svg"), {"logo.svg": SAFE_SVG.replace(' viewBox="0 0 10 10"', "")},
     "key 'logo': 'logo.svg' has no size: give its <svg> element a viewBox (or width and height)"),
    ("PNG logo that cannot be read", changed(logo="logo.png"), {"logo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 40},
     "key 'logo': 'logo.png' cannot be read as an image"),
    ("logo too big", changed(logo="logo.webp"), {"logo.webp": b"RIFF\0\0\0\0WEBP" + b"\0" * 210_000},
     "key 'logo': 'logo.webp' is 205 KB; a logo may be at most 20 KB (make it smaller, or use SVG)"),
    ("logo of another type", changed(logo="logo.gif"), {"logo.gif": b"GIF89a"},
     "key 'logo': 'logo.gif' must be a PNG, WebP or SVG file (.png, .webp, .svg), not .gif"),
    ("phases that don't add up", changed(service={"sessions": 16, "phases": {
        "beginning": [1, 4], "middle": [5, 10], "ending": [12, 16]}}), None,
     "key 'service.phases.ending': is [12, 16]: phases must follow on from each other "
     "(this one should start at session 11)"),
    ("sessions changed without phases", changed(service={"sessions": 12}), None,
     "key 'service.phases.ending': ends at 16 but 'service.sessions' is 12 "
     "(when you change 'service.sessions', give 'service.phases' as well)"),
    ("too many sessions", changed(service={"sessions": 40}), None,
     "key 'service.sessions': must be a whole number from 6 to 24, not 40"),
    ("sessions too short", changed(service={"minutes": 20}), None,
     "key 'service.minutes': must be a whole number from 30 to 60, not 20"),
    ("unknown format", changed(service={"formats": ["video", "telephone"]}), None,
     "key 'service.formats[1]': unknown format 'telephone'; did you mean 'phone'?"),
    ("bad email", changed(contact__email="dit at clinic.example"), None,
     "key 'contact.email': 'dit at clinic.example' is not an email address "
     "(write it like info@clinic.example)"),
    ("unknown nation", changed(urgent_help__nation="northern ireland"), None,
     "key 'urgent_help.nation': unknown nation 'northern ireland'; did you mean 'northern_ireland'?"),
    ("local id with the prefix", changed(urgent_help__local=[
        {"id": "local_crisis", "name": {"en": "Crisis line"}, "phone": "0117 496 0123"}]), None,
     "key 'urgent_help.local[0].id': 'local_crisis': leave out 'local_', the build adds it "
     "(pages write {{ phone:local_crisis }})"),
    ("local hours missing a built language", changed(urgent_help__local=[
        {"id": "crisis", "name": {"en": "Crisis line"}, "phone": "0117 496 0123", "hours": {"en": "Every day"}}]), None,
     "key 'urgent_help.local[0].hours.pl': is missing (every language in 'languages' needs this text)"),
    ("local hours not per language", changed(urgent_help__local=[
        {"id": "crisis", "name": {"en": "Crisis line"}, "phone": "0117 496 0123", "hours": "Every day"}]), None,
     "key 'urgent_help.local[0].hours': must be given per language, like {en: 'Every day'}"),
    ("local verified_on not a date", changed(urgent_help__local=[
        {"id": "crisis", "name": {"en": "Crisis line"}, "phone": "0117 496 0123", "verified_on": "last week"}]),
     None, "key 'urgent_help.local[0].verified_on': 'last week' must be a date like 2026-11-26"),
    ("reviewer checked in the future", changed(reviewer={
        "name": "Dr Test Person", "role": {"en": "Clinical psychologist", "pl": "Psycholog kliniczny"},
        "checked_on": dt.date.today() + dt.timedelta(days=3)}), None,
     f"key 'reviewer.checked_on': {(dt.date.today() + dt.timedelta(days=3)).isoformat()} is in the future"),
]


@pytest.mark.parametrize("data, files, expected", [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_profile_gets_its_exact_message(tmp_path, data, files, expected):
    path = write(tmp_path, data, files)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [f"{path}: {expected}"]
    assert str(caught.value) == f"{path}: {expected}"


def test_the_corpus_is_large_enough():
    assert len(BROKEN) >= 12


def test_every_problem_is_reported_at_once(tmp_path):
    data = changed(site_url="http://dit.clinic.example/", contact__phone="12345",
                   brand_colour="#eeeeee")
    path = write(tmp_path, data)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 3, lines
    assert all(line.startswith(f"{path}: key '") for line in lines)
    assert [line.split("'")[1] for line in lines] == ["brand_colour", "site_url", "contact.phone"]


def test_a_profile_that_is_not_yaml_or_not_a_mapping(tmp_path):
    path = write(tmp_path, "name: [unclosed\n")
    with pytest.raises(ProfileError, match=r"clinic\.yml: not valid YAML"):
        load_profile(path)
    path = write(tmp_path, "- just\n- a list\n")
    with pytest.raises(ProfileError, match=r"clinic\.yml: must be a mapping of keys to values, not a list"):
        load_profile(path)
    with pytest.raises(ProfileError, match="file is missing"):
        load_profile(tmp_path / "nowhere.yml")


def test_a_safe_svg_logo_is_accepted(tmp_path):
    embedded = SAFE_SVG.replace("</svg>", '<image href="data:image/png;base64,iVBORw0KGgo="/></svg>')
    profile = load_profile(write(tmp_path, changed(logo="logo.svg"), {"logo.svg": embedded}))
    assert profile.logo == (tmp_path / "logo.svg").resolve()


@pytest.mark.parametrize("text, e164, display", [
    ("020 7946 0000", "+442079460000", "020 7946 0000"),
    ("02079460999", "+442079460999", "020 7946 0999"),
    ("+44 (0)20 7946 0000", "+442079460000", "020 7946 0000"),
    ("0044 20 7946 0000", "+442079460000", "020 7946 0000"),
    ("(0113) 496-0000", "+441134960000", "0113 496 0000"),
    ("+441134960500", "+441134960500", "0113 496 0500"),
    ("0800 123 4567", "+448001234567", "0800 123 4567"),
    ("0800 123 456", "+44800123456", "0800 123456"),  # libphonenumber's grouping
    ("0808 808 8000", "+448088088000", "0808 808 8000"),
    ("0800 1111", "+448001111", "0800 1111"),  # Childline: 7 digits after 0800
    ("0300 123 4567", "+443001234567", "0300 123 4567"),
])
def test_uk_phone_numbers_are_normalised(text, e164, display):
    number = phones.parse(text)
    assert (number.e164, number.display, number.tel) == (e164, display, e164)


@pytest.mark.parametrize("text", ["0207 946 000", "020 7946 00000", "+33 1 23 45 67 89", "0909 879 0000",
                                  "tel:02079460000", "", "07700 90000", "07700 900123", "0800 111"])
def test_bad_phone_numbers_are_refused(text):
    with pytest.raises(ValueError):
        phones.parse(text)


@pytest.mark.parametrize("text, dials", [("999", "999"), ("116 123", "116123"), ("18001 111", "18001111")])
def test_short_codes_dial_as_written(text, dials):
    number = phones.parse(text)
    assert number.is_short_code and number.tel == dials and number.display == text


def test_every_helpline_dials_in_one_form(project):
    """E.164 for every full number, the digits for a short code: one form, checked by phonenumbers."""
    import phonenumbers
    for phone in settings.load(project).phones.values():
        tel = phone.href.split(":", 1)[1].split("?")[0]
        if phone.number.is_short_code:
            assert tel in phones.SHORT_CODES, phone.id
        else:
            parsed = phonenumbers.parse(tel)
            assert phonenumbers.is_valid_number(parsed) and tel == phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164), phone.id


def test_a_clinic_may_give_a_short_freephone_number_but_not_a_short_code(tmp_path):
    childline_like = changed(contact={"phone": "0800 1111", "email": "dit@riverside.example"})
    assert load_profile(write(tmp_path, childline_like)).contact.phone.tel == "+448001111"
    with pytest.raises(ProfileError, match="national short code"):
        load_profile(write(tmp_path, changed(contact={"phone": "116 123", "email": "dit@riverside.example"})))


def test_contrast_ratio_follows_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54
    assert contrast_ratio("#ffffff", "#ffffff") == 1.0


def test_check_profile_takes_data_already_read(tmp_path):
    profile = check_profile(copy.deepcopy(VALID), tmp_path / "clinic.yml")
    assert profile.urgent_help.local[0].phone.display == "0117 496 0123"


def test_a_local_lines_hours_and_check_date_reach_the_helplines(project, tmp_path):
    data = copy.deepcopy(VALID)
    hours = {"en": "Every day, 24 hours", "pl": "Codziennie, całą dobę"}
    data["urgent_help"]["local"][0].update(hours=hours, verified_on=dt.date(2026, 11, 2))
    apply_profile(check_profile(data, tmp_path / "clinic.yml"), project)
    written = yaml.safe_load((project / "settings" / "helplines.yml").read_text(encoding="utf-8"))["local_crisis"]
    assert written["hours"] == hours
    assert written["verified_on"] == dt.date(2026, 11, 2)


def test_apply_profile_brands_a_copy_of_the_project(project):
    profile = load_profile(EXAMPLE, root=project)
    apply_profile(profile, project)

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://dit.riverside.example/"
    assert config["extra"]["publisher"]["name"] == "Riverside NHS Talking Therapies (example)"
    assert config["extra"]["feedback"]["email"] == "dit@riverside.example"
    assert [language.code for language in settings.languages(project)] == ["en", "pl", "ur"]
    assert config["exclude_docs"].split() == ["strings.yml", "LICENSE"]
    for code in ("en", "pl", "ur"):
        assert (project / "content" / code / "index.md").exists()
    for code in ("cy", "es", "ar"):
        assert not (project / "content" / code).exists()
    assert (project / "content" / "LICENSE").exists()

    clinic = yaml.safe_load((project / "settings" / "clinic.yml").read_text(encoding="utf-8"))
    assert clinic["name"] == {"en": "Riverside NHS Talking Therapies (example)",
                              "pl": "Riverside NHS Talking Therapies (przykład)",
                              "ur": "Riverside NHS Talking Therapies (مثال)"}
    assert clinic["contact"] == {"phone": {"display": "020 7946 0000", "tel": "+442079460000"},
                                 "email": "dit@riverside.example"}
    assert set(clinic["referral"]["text"]) == {"en", "pl", "ur"}
    assert clinic["referral"]["url"] == "https://riverside.example/refer-yourself/"
    assert clinic["urgent_help"] == {"nation": "england", "local": [{
        "id": "local_riverside_crisis",
        "name": {"en": "Riverside 24-hour mental health crisis line (example)"},
        "phone": {"display": "0113 496 0000", "tel": "+441134960000"}}]}
    assert clinic["brand_colour"] == "#005eb8"
    assert clinic["logo"] == "clinic-logo.svg"
    assert clinic["reviewer"] is None
    assert clinic["accessibility_contact"] == "accessibility@riverside.example"

    logo = project / "overrides" / "assets" / "clinic" / "clinic-logo.svg"
    assert logo.read_bytes() == (EXAMPLE.parent / "clinic-logo.svg").read_bytes()

    # The rewritten settings load with the build's own rules.
    loaded = settings.load(project)
    assert loaded.phones["local_riverside_crisis"].display == "0113 496 0000"
    assert loaded.phones["local_riverside_crisis"].href == "tel:+441134960000"
    assert loaded.phones["local_riverside_crisis"].verified_on is None
    assert loaded.phones["samaritans"].href == "tel:116123", "the existing helplines are kept"
    assert loaded.service.sessions == 16 and loaded.service.formats == ("face_to_face", "video")
    assert loaded.service.self_referral_url == "https://riverside.example/refer-yourself/"


def test_apply_profile_merges_service_overrides(project, tmp_path):
    data = changed(service={"sessions": 12, "minutes": 45, "formats": ["video"],
                            "phases": {"beginning": [1, 3], "middle": [4, 9], "ending": [10, 12]}},
                   reviewer={"name": "Dr Test Person",
                             "role": {"en": "Clinical psychologist", "pl": "Psycholog kliniczny"},
                             "checked_on": "2026-01-15"})
    profile = load_profile(write(tmp_path, data), root=project)
    apply_profile(profile, project)
    service = settings.load_service(project / "settings" / "service.yml")
    assert (service.sessions, service.minutes, service.formats) == (12, 45, ("video",))
    assert service.phases == {"beginning": (1, 3), "middle": (4, 9), "ending": (10, 12)}
    clinic = yaml.safe_load((project / "settings" / "clinic.yml").read_text(encoding="utf-8"))
    assert clinic["reviewer"] == {"name": "Dr Test Person",
                                  "role": {"en": "Clinical psychologist", "pl": "Psycholog kliniczny"},
                                  "checked_on": dt.date(2026, 1, 15)}
    assert clinic["logo"] is None
    assert [p.name for p in (project / "overrides" / "assets" / "clinic").iterdir()] == ["brand.css"], "no logo"
    assert [language.code for language in settings.languages(project)] == ["en", "pl"]


def test_apply_profile_refuses_the_project_itself():
    with pytest.raises(ValueError, match="copy of the project"):
        apply_profile(load_profile(EXAMPLE), ROOT)
