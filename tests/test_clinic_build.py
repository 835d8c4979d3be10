"""A clinic's branded copy of the site, built from one small profile (docs/examples/clinic.yml)."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from scripts import build
from scripts.inputs import release, settings
from scripts.inputs.clinic import ProfileError
from scripts.inputs.settings import ROOT
from scripts.outputs import page_artefacts
from tests import nginx
from tests.conftest import page_path, soup
from tests.pages import PAGES

EXAMPLE = ROOT / "docs" / "examples" / "clinic.yml"


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    return build.build_for_clinic(EXAMPLE, ROOT, tmp_path_factory.mktemp("clinic") / "site")


def test_every_page_shows_the_clinics_details_and_numbers(clinic_site):
    names = {"": "Riverside NHS Talking Therapies (example)", "pl/": "Riverside NHS Talking Therapies (przykład)",
             "ur/": "Riverside NHS Talking Therapies (مثال)"}
    for prefix, name in names.items():
        for address in PAGES:
            html = soup(page_path(clinic_site, prefix + address))
            box = html.select_one(".dit-clinic")
            assert box is not None and name in box.get_text(), f"/{prefix}{address}"
            assert box.select_one('a[href="tel:+442079460000"]').get_text() == "020 7946 0000"
            assert box.select_one('a[href="mailto:dit@riverside.example"]')
            assert box.select_one('a[href="tel:+441134960000"]'), "the local crisis line"
            assert html.find("link", rel="canonical")["href"] == f"https://dit.riverside.example/{prefix}{address}"
        urgent = html.select_one("aside.dit-urgent")
        assert urgent.select_one('a[href="tel:+441134960000"]'), "the local crisis line is in the urgent-help block"
        assert urgent.select_one("a.dit-urgent__more")["href"].endswith("get-help-now/#england")
        embed = soup(clinic_site / prefix / "embed" / "index.html")
        assert name in embed.select_one(".dit-clinic").get_text()


def test_a_clinic_build_carries_the_commits_date_and_version(clinic_site):
    """The clinic build runs in a copy without .git: it must still print the commit's date, on the
    leaflet page and in the PDF a reader's tool extracts, never 1970."""
    day, version = release.build_date(ROOT), release.version(ROOT)
    assert not version.endswith("unversioned") and day.year > 1970
    for prefix, lang in (("", "en"), ("pl/", "pl"), ("ur/", "ur")):
        written = page_artefacts.written_date(day.isoformat(), lang, settings.load_strings(ROOT / "content", lang))
        meta = soup(clinic_site / prefix / "leaflet" / "index.html").select_one(".dit-leaflet__meta")
        assert meta.time["datetime"] == day.isoformat() and written in meta.get_text() and version in meta.get_text()
        pdf = PdfReader(clinic_site / prefix / "leaflet.pdf")
        assert pdf.metadata.subject == f"Version {version}"
        assert pdf.metadata["/CreationDate"].startswith(f"D:{day:%Y%m%d}")
        if not prefix:
            assert written in pdf.pages[0].extract_text(), "the date a reader sees on paper"


def test_only_the_clinics_languages_are_built(clinic_site):
    assert (clinic_site / "pl").is_dir() and (clinic_site / "ur").is_dir()
    for code in ("cy", "es", "ar"):
        assert not (clinic_site / code).exists()
    switcher = {a["hreflang"] for a in soup(page_path(clinic_site, "")).select(".md-select__link")}
    assert switcher == {"en", "pl", "ur"}


def test_the_clinics_brand_colour_and_logo_are_used(clinic_site):
    html = soup(page_path(clinic_site, "about-dit/"))
    assert any(l["href"].endswith("assets/clinic/brand.css") for l in html.find_all("link", rel="stylesheet"))
    assert "#005eb8" in (clinic_site / "assets" / "clinic" / "brand.css").read_text(encoding="utf-8")
    logo = html.select_one(".md-header img[src$='assets/clinic/clinic-logo.svg']")
    assert (logo["width"], logo["height"]) == ("64", "64"), "the header reserves the logo's space"


def test_nginx_as_another_user_serves_a_copy_of_the_clinic_site_with_permissions_kept(clinic_site):
    with nginx.web_root() as folder, nginx.serve(nginx.copy_keeping_permissions(clinic_site, folder)) as url:
        for address in ("/", "/pl/about-dit/", "/ur/embed/", "/leaflet.pdf", "/assets/clinic/brand.css"):
            assert nginx.fetch(url, address)[0] == 200, address


def test_a_broken_profile_is_rejected_by_key_and_nothing_is_written(tmp_path):
    profile = tmp_path / "clinic.yml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8").replace("site_url: https://", "site_url: http://")
                       .replace("languages: [en, pl, ur]", "langauges: [en, pl, ur]"), encoding="utf-8")
    (tmp_path / "clinic-logo.svg").write_bytes((EXAMPLE.parent / "clinic-logo.svg").read_bytes())
    site = tmp_path / "site"
    with pytest.raises(ProfileError) as error:
        build.build_for_clinic(profile, ROOT, site)
    message = str(error.value)
    assert "key 'site_url'" in message and "https" in message
    assert "key 'langauges'" in message and "languages" in message
    assert not site.exists()


def test_a_clinic_with_22_sessions_gets_the_right_plural_in_every_language(tmp_path):
    profile = tmp_path / "clinic.yml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8")
                       .replace("sessions: 16", "sessions: 22").replace("minutes: 50", "minutes: 45")
                       .replace("middle: [5, 12]", "middle: [5, 16]").replace("ending: [13, 16]", "ending: [17, 22]"),
                       encoding="utf-8")
    (tmp_path / "clinic-logo.svg").write_bytes((EXAMPLE.parent / "clinic-logo.svg").read_bytes())
    site = build.build_for_clinic(profile, ROOT, tmp_path / "site", pdfs=False)  # the pages' text is what counts here
    expected = {"pl/": ["Zwykle masz 22 sesje, raz w tygodniu.", "Każda sesja trwa około 45 minut."],
                "": ["You usually have 22 sessions, once a week.", "Each session lasts about 45 minutes."],
                "ur/": ["عام طور پر آپ کے 22 سیشن ہوتے ہیں، ہفتے میں ایک بار۔", "ہر سیشن تقریباً 45 منٹ کا ہوتا ہے۔"]}
    for prefix, sentences in expected.items():
        for address in ("", "what-to-expect/"):
            text = soup(page_path(site, prefix + address)).select_one("article").get_text(" ", strip=True)
            for sentence in sentences:
                assert " ".join(sentence.split()) in " ".join(text.split()), f"/{prefix}{address}: {sentence}"


def test_robots_txt_names_the_clinics_own_sitemap(clinic_site):
    from urllib.robotparser import RobotFileParser
    robots = RobotFileParser()
    robots.parse((clinic_site / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() == ["https://dit.riverside.example/sitemap.xml"]
    assert robots.can_fetch("*", "https://dit.riverside.example/pl/phases/middle/")
