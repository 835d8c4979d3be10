"""Save for offline (docs/offline.md), in Chromium on a real local server: nothing is stored until the
reader taps the button; then the language's pages open offline, links between them work, a page not
saved shows the offline page with urgent help; a new build replaces the saved copy when the reader is
back online; "Remove" and a build with Offline off leave nothing behind. Embed pages never use it."""
from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from scripts import build
from scripts.inputs import clinic, settings
from scripts.inputs.settings import ROOT
from scripts.outputs import hosting, offline
from scripts.system.serve_static import serve
from tests.conftest import page_path, soup
from tests.pages import LANGS

CHANGED = "In DIT you meet one to one with a therapist, once a week."
CHANGED_TO = "In DIT you and a therapist meet one to one, every week."
SAVED = "Saved. These pages now open without the internet."


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """A new build of a project copy: the first sentence of /what-to-expect/ changed, and every helpline
    last checked in January 2024 (more than a year before this build)."""
    project = build.copy_project(ROOT, tmp_path_factory.mktemp("rebuilt") / "project")
    page = project / "content" / "en" / "what-to-expect.md"
    page.write_text(page.read_text(encoding="utf-8").replace(CHANGED, CHANGED_TO), encoding="utf-8")
    helplines = project / "settings" / "helplines.yml"
    helplines.write_text(helplines.read_text(encoding="utf-8").replace("verified_on: null", "verified_on: 2024-01-02"),
                         encoding="utf-8")
    return build.build(project, project / "site", pdfs=False)


@pytest.fixture(scope="module")
def switched_off(tmp_path_factory) -> Path:
    """A clinic's build whose profile turns Offline off (`offline: false`)."""
    folder = tmp_path_factory.mktemp("off")
    shutil.copy(ROOT / "docs" / "examples" / "clinic-logo.svg", folder)
    profile = folder / "clinic.yml"
    profile.write_text((ROOT / "docs" / "examples" / "clinic.yml").read_text(encoding="utf-8") + "offline: false\n",
                       encoding="utf-8")
    return build.build_for_clinic(profile, ROOT, folder / "site", pdfs=False)


class Host:
    """One address (a real local server, with the headers Netlify or Cloudflare would send) whose
    files can be replaced by another build, as a host's are when a new build is published."""

    def __init__(self, folder: Path):
        self.folder = folder

    def publish(self, site: Path) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(site, self.folder)

    def headers(self, path: str) -> list[tuple[str, str]]:
        return hosting.headers_for(self.folder, path) if (self.folder / "_headers").exists() else []


@contextlib.contextmanager
def hosted(site: Path, folder: Path):
    host = Host(folder)
    host.publish(site)
    with serve(folder, headers=host.headers) as url:
        yield host, url


@pytest.fixture
def phone(browser):
    """A phone-sized tab in a context of its own (its own service workers and caches), with the
    policy violations and failed scripts its pages report."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    yield tab
    context.close()
    assert problems == []


def save(tab, url: str) -> None:
    tab.goto(url)
    tab.locator(".dit-offline__save").click()
    expect(tab.locator(".dit-offline__status")).to_have_text(re.compile(r"^Saved|^تم الحفظ"), timeout=30_000)
    expect(tab.locator(".dit-offline__save")).to_be_hidden()
    expect(tab.locator(".dit-offline__remove")).to_be_focused()


def stored(tab) -> list[str]:
    return tab.evaluate("caches.keys()")


# Resolves once only `cache` is stored (a new build's worker has saved again and taken over), or, for
# null, once nothing is stored and no worker is registered; it wakes on the workers' own events.
SETTLED = """async cache => {
  const done = async () => {
    const keys = await caches.keys();
    return cache ? keys.length === 1 && keys[0] === cache : keys.length === 0 && !(await navigator.serviceWorker.getRegistration());
  };
  for (;;) {
    const registration = await navigator.serviceWorker.getRegistration();
    const next = new Promise(resolve => {
      navigator.serviceWorker.addEventListener("controllerchange", resolve, {once: true});
      if (!registration) return;
      registration.addEventListener("updatefound", resolve, {once: true});
      [registration.installing, registration.waiting, registration.active].forEach(
        worker => worker && worker.addEventListener("statechange", resolve, {once: true}));
    });
    if (await done()) return true;
    await next;
  }
}"""


def wait_for_worker(tab, cache: str | None) -> None:
    """Wait until the worker has settled on `cache` (or on nothing); a worker that reloads the page
    (as one switched off does) ends the wait's script, so it starts again on the reloaded page."""
    for _ in range(3):
        try:
            tab.evaluate(SETTLED, cache)
            return
        except PlaywrightError as error:
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            tab.wait_for_load_state()
    tab.evaluate(SETTLED, cache)


def test_nothing_is_stored_and_no_worker_runs_until_the_reader_taps_save(phone, site, tmp_path):
    with hosted(site, tmp_path / "host") as (_, url):
        phone.goto(url + "what-to-expect/")
        button = phone.locator(".dit-offline__save")
        expect(button).to_be_visible()
        assert re.fullmatch(r"Save for offline \(\d{2,3} KB\)", button.inner_text())
        expect(phone.locator(".dit-offline__remove")).to_be_hidden()  # nothing to remove yet
        assert stored(phone) == [] and phone.evaluate("navigator.serviceWorker.controller") is None
        assert phone.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


def test_saved_pages_open_offline_and_an_unsaved_page_shows_the_offline_page(phone, site, rebuilt, tmp_path):
    with hosted(site, tmp_path / "host") as (host, url):
        save(phone, url + "what-to-expect/")
        phone.context.set_offline(True)
        for path, title in (("about-dit/", "How DIT works"), ("phases/middle/", "The middle phase"),
                            ("questions/", "Common questions"), ("get-help-now/", "Get help now")):
            phone.goto(url + path)
            expect(phone.locator("article h1")).to_have_text(title)
            expect(phone.locator(".dit-saved-note")).to_contain_text("Saved on this device on")
        # A link between saved pages: the urgent-help block's link to /get-help-now/, then the home page.
        phone.goto(url + "phases/middle/")
        phone.locator("a.dit-urgent__more").click()
        expect(phone.locator("article h1")).to_have_text("Get help now")
        expect(phone.locator(".dit-saved-note")).not_to_contain_text("may have changed")
        # Polish was not saved: the offline page, in the saved language, with the urgent-help numbers.
        phone.goto(url + "pl/about-dit/")
        expect(phone.locator("article h1")).to_have_text("You are offline")
        assert {"tel:999", "tel:116123"} <= set(phone.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
        # A new build is published; back online, the next visit replaces the saved copy.
        host.publish(rebuilt)
        phone.context.set_offline(False)
        phone.goto(url + "about-dit/")
        new_cache = re.search(r'"cache": "([^"]+)"', (rebuilt / offline.WORKER).read_text(encoding="utf-8")).group(1)
        wait_for_worker(phone, new_cache)
        phone.context.set_offline(True)
        phone.goto(url + "what-to-expect/")
        expect(phone.locator("article")).to_contain_text(CHANGED_TO)
        expect(phone.locator(".dit-saved-note")).to_contain_text("may have changed. In an emergency, 999 always works.")


def test_remove_on_the_privacy_statement_deletes_everything_saved(phone, site, tmp_path):
    with hosted(site, tmp_path / "host") as (_, url):
        save(phone, url + "ar/")
        phone.goto(url + "ar/about-this-information/")
        expect(phone.locator("html")).to_have_attribute("data-dit-saved", "")
        phone.locator(".dit-offline__remove").click()
        expect(phone.locator(".dit-offline__status")).to_have_text("تم حذف الصفحات المحفوظة من هذا الجهاز.")
        assert stored(phone) == []
        assert phone.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


def test_a_build_with_offline_off_removes_what_readers_saved(phone, site, switched_off, tmp_path):
    assert not (switched_off / "offline").exists() and "dit-offline" not in page_path(switched_off, "").read_text(encoding="utf-8")
    with hosted(site, tmp_path / "host") as (host, url):
        save(phone, url + "what-to-expect/")
        host.publish(switched_off)
        loads = []
        phone.on("load", lambda _: loads.append(phone.url))
        phone.goto(url + "about-dit/")
        wait_for_worker(phone, None)
        if len(loads) < 2:  # the retiring worker reloads open pages from the network
            phone.wait_for_event("load")
        assert stored(phone) == [] and phone.locator(".dit-saved-note").count() == 0


def test_the_privacy_statement_says_what_is_stored_and_how_to_remove_it_beside_the_button(site):
    for lang in LANGS:
        words = settings.load_strings(ROOT / "content", lang)["offline"]
        page = soup(page_path(site, f"{'' if lang == 'en' else lang + '/'}about-this-information/"))
        statement = " ".join(p.get_text() for p in page.find(id="privacy").find_all_next("p", limit=3))
        assert words["save"] in statement and words["remove"] in statement, lang
        assert page.select_one(".dit-offline--privacy .dit-offline__remove").get_text() == words["remove"], lang


def test_embed_pages_and_leaflets_never_offer_or_register_the_worker(site):
    for path in ("embed/", "ar/embed/phases/middle/", "leaflet/", "ur/leaflet/"):
        text = page_path(site, path).read_text(encoding="utf-8")
        assert "dit-offline" not in text and "serviceWorker" not in text and "sw.js" not in text, path


def test_each_language_has_a_manifest_in_its_language_and_direction(site):
    for prefix, lang, direction in (("", "en", "ltr"), ("pl/", "pl", "ltr"), ("ur/", "ur", "rtl")):
        manifest = yaml.safe_load((site / prefix / offline.MANIFEST).read_text(encoding="utf-8"))
        assert (manifest["lang"], manifest["dir"], manifest["start_url"]) == (lang, direction, "./")
        assert manifest["theme_color"].startswith("#") and manifest["icons"]


def test_the_worker_is_never_cached_by_hosts_and_the_policy_allows_only_this_site(site):
    sent = dict(hosting.headers_for(site, "/sw.js"))
    assert sent["Cache-Control"] == "no-cache"
    assert "worker-src 'self'" in sent["Content-Security-Policy"] and "manifest-src 'self'" in sent["Content-Security-Policy"]
    assert "Service-Worker-Allowed" not in sent  # the worker sits at the root it serves
    assert "location = /sw.js {" in (site / "_nginx.conf").read_text(encoding="utf-8")


def test_a_clinic_profile_may_turn_offline_off_and_nothing_else(tmp_path):
    example = yaml.safe_load((ROOT / "docs" / "examples" / "clinic.yml").read_text(encoding="utf-8"))
    shutil.copy(ROOT / "docs" / "examples" / "clinic-logo.svg", tmp_path)
    assert clinic.check_profile(example, tmp_path / "clinic.yml").offline is True
    assert clinic.check_profile({**example, "offline": False}, tmp_path / "clinic.yml").offline is False
    with pytest.raises(clinic.ProfileError, match=r"key 'offline': 'no' must be true or false"):
        clinic.check_profile({**example, "offline": "no"}, tmp_path / "clinic.yml")
