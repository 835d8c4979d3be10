"""Listen: the device's own voice reads a page aloud (overrides/assets/listen.js). Chromium's own speech
is replaced by a recording stand-in (FAKE_SPEECH below) that keeps each utterance's text, language, voice
and the sentence highlighted when it started, and fires the events a browser fires."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from scripts.inputs import settings
from scripts.inputs.clinic import ProfileError, check_profile, clinic_settings
from scripts.inputs.settings import ROOT
from tests.conftest import soup
from tests.pages import LANGS

# Two network voices (never to be used: they send the text to their vendor) and local ones.
VOICES = [
    {"name": "Network English", "lang": "en-GB", "localService": False, "default": True},
    {"name": "Local English (US)", "lang": "en-US", "localService": True, "default": False},
    {"name": "Local English (UK)", "lang": "en-GB", "localService": True, "default": False},
    {"name": "Local Welsh", "lang": "cy_GB", "localService": True, "default": False},
    {"name": "Network Arabic", "lang": "ar-SA", "localService": False, "default": False},
    {"name": "Local Arabic", "lang": "ar-SA", "localService": True, "default": False},
]

# `auto`: each utterance ends as soon as it starts; otherwise it lasts until the test calls __speech.end().
# `late`: the first getVoices() is empty and voiceschanged follows, as in Chromium on a first visit.
FAKE_SPEECH = """(() => {
  const config = %s;
  const log = [], queue = [];
  let current = null, voicesReady = !config.late;
  class Utterance extends EventTarget {
    constructor(text) { super(); Object.assign(this, {text: text || "", lang: "", voice: null, rate: 1, pitch: 1, volume: 1}); }
  }
  function fire(target, type, extra) {
    const event = Object.assign(new Event(type), {utterance: target}, extra || {});
    if (typeof target["on" + type] === "function") target["on" + type](event);
    target.dispatchEvent(event);
  }
  const synth = new EventTarget();
  function startNext() {
    if (current || !queue.length) return;
    const utterance = current = queue.shift();
    synth.speaking = true;
    fire(utterance, "start");
    const marked = CSS.highlights.get("dit-listen");
    log.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name,
              highlighted: marked ? [...marked].map(String).join("") : ""});
    if (config.auto) setTimeout(end, 0);
  }
  function end() {
    if (!current || synth.paused) return;
    const utterance = current;
    current = null;
    synth.speaking = false;
    fire(utterance, "end");
    startNext();
  }
  Object.assign(synth, {
    speaking: false, paused: false, pending: false,
    getVoices() {
      if (voicesReady) return config.voices.map(v => ({...v, voiceURI: v.name}));
      voicesReady = true;
      setTimeout(() => fire(synth, "voiceschanged"), 0);
      return [];
    },
    speak(utterance) { queue.push(utterance); setTimeout(startNext, 0); },
    pause() { synth.paused = true; if (current) fire(current, "pause"); },
    resume() { synth.paused = false; if (current) fire(current, "resume"); },
    cancel() {
      sessionStorage.setItem("cancels", String(Number(sessionStorage.getItem("cancels") || 0) + 1));
      queue.length = 0;
      const utterance = current;
      current = null;
      Object.assign(synth, {speaking: false, paused: false});
      if (utterance) fire(utterance, "error", {error: "interrupted"});
    },
  });
  window.__speech = {log, end, synth};
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
})();"""

NO_SPEECH = "delete Window.prototype.speechSynthesis; delete window.SpeechSynthesisUtterance;"


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "content" / lang / "strings.yml").read_text(encoding="utf-8"))["listen"]


def digit_by_digit(written: str) -> str:
    """How a phone number is spoken: each digit, a pause (a comma) between the groups it is written in."""
    return ", ".join(" ".join(group) for group in written.split())


@pytest.fixture
def speaking_tab(browser, base_url):
    """A function that opens a page with the stand-in speech; the tab's requests are kept in .requests."""
    contexts = []

    def open_page(address: str, voices=VOICES, auto=True, late=False, init=None):
        context = browser.new_context(viewport={"width": 390, "height": 844})
        contexts.append(context)
        context.add_init_script(init or FAKE_SPEECH % json.dumps({"voices": voices, "auto": auto, "late": late}))
        tab = context.new_page()
        tab.requests = []
        tab.on("request", lambda request: tab.requests.append(request.url))
        tab.goto(base_url + address, wait_until="load")
        return tab

    yield open_page
    for context in contexts:
        context.close()


def read_aloud(tab) -> list[dict]:
    """Press Listen and wait until the reading is over (the button says Listen again)."""
    toggle = tab.locator(".dit-listen__toggle")
    toggle.click()
    tab.wait_for_function("__speech.log.length > 0 && !__speech.synth.speaking"
                          " && document.querySelector('.dit-listen__stop').hidden")
    return tab.evaluate("__speech.log")


def expected_text(page_html: str) -> str:
    """What should be read, without spaces: the article (less controls, dates, sources, share panel,
    embed picker, the English beside a translation's urgent text) and then the urgent-help block, with
    every phone number digit by digit."""
    html = soup_of(page_html)
    for unread in html.select(".dit-listen, .dit-page-info, .dit-tools, .dit-english, script, svg"):
        unread.decompose()
    for phone in html.select("a[href^='tel:'], a[href^='sms:']"):
        phone.string = digit_by_digit(phone.get_text())
    text = html.select_one("article").get_text() + html.select_one(".dit-urgent").get_text()
    return re.sub(r"\s+", "", text)


def soup_of(text: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("prefix, lang, voice", [("", "en", "Local English (UK)"), ("cy/", "cy", "Local Welsh"),
                                                 ("ar/", "ar", "Local Arabic")])
def test_listen_reads_the_article_then_urgent_help_sentence_by_sentence(speaking_tab, site, prefix, lang, voice):
    tab = speaking_tab(f"{prefix}about-dit/", late=lang == "cy")
    assert not [url for url in tab.requests if url.endswith(".js")], "no script before the button is pressed"
    log = read_aloud(tab)
    assert any(url.endswith("/assets/listen.js") for url in tab.requests)
    spoken = [entry["text"] for entry in log]
    assert {(entry["lang"], entry["voice"]) for entry in log} == {(lang, voice)}
    built = (site / prefix / "about-dit" / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"\s+", "", "".join(spoken)) == expected_text(built), "all of it, in order, nothing else"
    page = soup(site / prefix / "about-dit" / "index.html")
    title = page.select_one("article h1").get_text(" ", strip=True)
    assert title in spoken, "the heading is read on its own"
    last = " ".join(page.select_one(".dit-urgent__more").get_text().split())
    assert spoken[-1] == last, "it ends with the urgent-help block"
    first_paragraph = " ".join(page.select_one("article h1 + p").get_text().split())
    at = spoken.index(title) + 1
    assert len(spoken[at]) < len(first_paragraph) and (spoken[at] + " " + spoken[at + 1]).startswith(first_paragraph[:60]), \
        "a paragraph of two sentences is read as two"
    for entry in log:  # the sentence being read is the one highlighted (its numbers as written)
        assert re.sub(r"[\s,]", "", entry["highlighted"]) == re.sub(r"[\s,]", "", entry["text"]), entry
    assert tab.evaluate("CSS.highlights.has('dit-listen')") is False, "no highlight left when reading ends"


def test_every_phone_number_is_read_digit_by_digit_in_groups(speaking_tab):
    tab = speaking_tab("get-help-now/")
    spoken = [entry["text"] for entry in read_aloud(tab)]
    for phone in settings.load(ROOT).phones.values():
        said = digit_by_digit(phone.display)
        assert any(re.search(rf"(^|\s){re.escape(said)}([.,]|\s|$)", line) for line in spoken), (phone.id, said)
        if " " in phone.display:
            assert not any(phone.display in line for line in spoken), f"{phone.display} was read as a number"
    assert "Call Samaritans on 1 1 6, 1 2 3. It is free and open 24 hours." in " ".join(spoken)
    assert "0 8 0 0, 8 3, 8 5, 8 7" in " ".join(spoken)
    # The same numbers in the words around them too, where a voice would say "one hundred and eleven".
    assert "Call NHS 1 1 1 on 1 1 1 and choose the mental health option." in spoken
    assert "In an emergency, you can use 9 9 9 BSL." in spoken


def test_pause_resume_and_stop_by_keyboard(speaking_tab, base_url):
    words = strings("en")
    tab = speaking_tab("about-dit/", auto=False)
    toggle, stop = tab.locator(".dit-listen__toggle"), tab.locator(".dit-listen__stop")
    toggle.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("__speech.log.length === 1")
    assert toggle.inner_text() == words["pause"] and stop.is_visible()
    tab.keyboard.press("Space")
    tab.wait_for_function("!__speech.synth.speaking")
    assert toggle.inner_text() == words["resume"] and tab.evaluate("CSS.highlights.has('dit-listen')")
    tab.keyboard.press("Enter")
    tab.wait_for_function("__speech.log.length === 2")
    log = tab.evaluate("__speech.log")
    assert log[1]["text"] == log[0]["text"], "Continue says the paused sentence again from its start"
    assert toggle.inner_text() == words["pause"]
    tab.evaluate("__speech.end()")
    tab.wait_for_function("__speech.log.length === 3")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.matches('.dit-listen__stop')")
    tab.keyboard.press("Enter")
    tab.wait_for_function("!__speech.synth.speaking")
    assert toggle.inner_text() == words["listen"] and not stop.is_visible()
    assert tab.evaluate("document.activeElement.matches('.dit-listen__toggle')"), "focus stays on the controls"
    assert tab.evaluate("CSS.highlights.has('dit-listen')") is False
    tab.evaluate("__speech.end()")
    assert tab.evaluate("__speech.log.length") == 3, "nothing more is read after Stop"

    toggle.focus()
    tab.keyboard.press("Enter")  # reading again, then the reader leaves the page
    tab.wait_for_function("__speech.log.length === 4")
    cancels = int(tab.evaluate("sessionStorage.getItem('cancels')"))
    tab.locator("a.dit-urgent__more").click()
    tab.wait_for_url("**/get-help-now/")
    assert int(tab.evaluate("sessionStorage.getItem('cancels')")) > cancels, "leaving the page stops the voice"


def test_with_no_local_voice_for_the_language_the_button_says_so(speaking_tab):
    network_only = [v for v in VOICES if v["name"] != "Local Arabic"]  # Arabic only from a network voice
    tab = speaking_tab("ar/about-dit/", voices=network_only)
    toggle = tab.locator(".dit-listen__toggle")
    toggle.click()
    tab.wait_for_function("document.querySelector('.dit-listen__toggle').getAttribute('aria-disabled') === 'true'")
    assert toggle.inner_text() == strings("ar")["no_voice"]
    toggle.dispatch_event("click")  # pressed again: still nothing
    assert tab.evaluate("__speech.log") == [], "nothing is read in a wrong voice or sent to a network voice"

    tab = speaking_tab("about-dit/", init=NO_SPEECH)
    assert tab.locator(".dit-listen").is_hidden(), "a browser without speech shows no button"


def test_the_button_is_on_content_pages_in_every_language_but_not_on_embeds(site):
    for lang in ["", *(f"{code}/" for code in LANGS[1:])]:
        words = strings(lang.rstrip("/") or "en")
        box = soup(site / lang / "what-to-expect" / "index.html").select_one("article .dit-listen")
        assert box is not None and box.get_text(" ", strip=True) == f"{words['listen']} {words['stop']}", lang
        assert box["aria-label"] == words["label"] and box.has_attr("hidden")
        assert soup(site / lang / "embed" / "what-to-expect" / "index.html").select_one(".dit-listen") is None


def test_a_clinic_profile_can_turn_listen_off(tmp_path):
    from tests.test_clinic_profile import VALID, write
    profile = check_profile({**VALID, "listen": False}, write(tmp_path, VALID))
    assert profile.listen is False and clinic_settings(profile, None)["listen"] is False
    assert check_profile(VALID, write(tmp_path, VALID)).listen is True, "on unless a clinic turns it off"
    with pytest.raises(ProfileError, match="'listen'.*true or false"):
        check_profile({**VALID, "listen": "no"}, write(tmp_path, VALID))
