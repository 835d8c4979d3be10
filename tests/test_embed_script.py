"""overrides/embed.js, the script a clinic pastes into its own website to show one of our pages.

The tests do not need the real site: a tiny fake site holds embed.js and a few fake embed pages
that report their height the way the real ones do. A clinic's page is served from a different
origin (localhost instead of 127.0.0.1), as it would be on the web.
"""
from __future__ import annotations

import math
import re
import shutil
import time

import pytest

from scripts.inputs.settings import ROOT
from scripts.system.serve_static import serve

EMBED_JS = ROOT / "overrides" / "embed.js"
DEFAULT_TITLE = "Dynamic Interpersonal Therapy (DIT) information"

# A fake embed page holding `body`, reporting its height the way the real ones do.
FAKE_EMBED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<style>html, body {{ margin: 0; font: 16px/1.5 sans-serif; }}</style></head>
<body><main id="content">{body}</main>
<script>
  function report() {{
    // The root element's box: it includes margins that collapse through <body>, and, unlike
    // scrollHeight, it can shrink below the iframe's current height.
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({{type: "dit-embed:height", height: height}}, "*");
  }}
  // On load too: browsers may not run ResizeObserver in an off-screen frame from another origin.
  addEventListener("load", report);
  new ResizeObserver(report).observe(document.documentElement);
</script></body></html>
"""

# Wrapping text: the page is taller on a phone than on a desktop screen.
LONG_TEXT = "<p>" + "DIT is a talking therapy for depression. " * 3 + "</p>"
PAGES = {
    "embed/": "<h1>Home</h1>" + LONG_TEXT * 40,
    "embed/phases/middle/": '<div style="height: 1234px">The middle phase</div>',
    "pl/embed/phases/middle/": '<div style="height: 1777px">Faza środkowa</div>',
    "zh-Hans/embed/phases/middle/": '<div style="height: 1555px">中间阶段</div>',
}

# A page that posts a well-formed height message to its parent: what a spoofer would do.
SPOOF_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>spoof</title></head><body>
<script>
  window.parent.postMessage({type: "dit-embed:height", height: 77}, "*");
  window.parent.postMessage({type: "test:done"}, "*");
</script></body></html>
"""

# The clinic's page. It records every message it receives, so a test can tell that a message
# really arrived (and was then ignored) rather than never having been sent.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Our clinic</title>
<style>body {{ margin: 0; }}</style>
<script>
  window.seen = [];
  addEventListener("message", (event) => window.seen.push({{origin: event.origin, data: event.data}}));
  {head_script}
</script></head>
<body><h1>Our clinic</h1>
{body}
</body></html>
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The fake DIT site, with embed.js at its root; at http://127.0.0.1:PORT/."""
    root = tmp_path_factory.mktemp("dit-site")
    shutil.copy2(EMBED_JS, root / "embed.js")
    for path, body in PAGES.items():
        (root / path).mkdir(parents=True, exist_ok=True)
        page = FAKE_EMBED_PAGE.format(name=path, body=body)
        (root / path / "index.html").write_text(page, encoding="utf-8")
    (root / "spoof.html").write_text(SPOOF_PAGE, encoding="utf-8")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def other_url(tmp_path_factory):
    """Some other website: same host as the DIT site but another port, so another origin."""
    root = tmp_path_factory.mktemp("other-site")
    (root / "spoof.html").write_text(SPOOF_PAGE, encoding="utf-8")
    with serve(root) as url:
        yield url


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """The clinic's website at http://localhost:PORT/: (folder to write pages into, its URL)."""
    root = tmp_path_factory.mktemp("clinic-site")
    with serve(root) as url:
        yield root, url.replace("127.0.0.1", "localhost")


@pytest.fixture
def clinic(browser, site_url, other_url, host):
    """Open a clinic page holding `body`, in a fresh tab of width `width`; returns the tab.
    The tab may reach only the three local test servers, and records what it asks the DIT site for."""
    root, host_url = host
    contexts, blocked = [], []

    def only_local(route):
        if route.request.url.startswith((site_url, other_url, host_url)):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def open_page(body: str, width: int = 390, head_script: str = ""):
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.route("**/*", only_local)
        contexts.append(context)
        tab = context.new_page()
        tab.site_requests = []
        tab.on("request", lambda r: tab.site_requests.append(r.url) if r.url.startswith(site_url) else None)
        name = f"clinic-{len(list(root.iterdir()))}.html"
        (root / name).write_text(HOST_PAGE.format(body=body, head_script=head_script), encoding="utf-8")
        tab.goto(host_url + name)
        return tab

    yield open_page
    for context in contexts:
        context.close()
    assert blocked == [], f"the page tried to reach other hosts: {blocked}"


def script_tag(site_url: str, **data: str) -> str:
    attributes = "".join(f' data-{name}="{value}"' for name, value in data.items())
    return f'<script src="{site_url}embed.js"{attributes} async></script>'


def frame_heights(tab) -> list[float]:
    return tab.eval_on_selector_all("iframe", "frames => frames.map(f => f.getBoundingClientRect().height)")


def frame_sources(tab) -> list[str]:
    return tab.eval_on_selector_all("iframe", "frames => frames.map(f => f.src)")


def wait_for(condition, what: str, state=lambda: None, timeout: float = 10):
    """Poll `condition` until it gives a true value and return that; else fail, showing `state()`."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; state: {state()!r}")
        time.sleep(0.05)
    return value


def wait_for_heights(tab, expected: list[float]):
    wait_for(lambda: frame_heights(tab) == expected, f"iframe heights {expected}", lambda: frame_heights(tab))
    time.sleep(0.3)  # and they stay so
    assert frame_heights(tab) == expected


def wait_for_done_message(tab, origin: str):
    """Wait until the clinic page got the spoofer's closing message (so the spoof has arrived too)."""
    tab.wait_for_function(
        "origin => window.seen.some(m => m.origin === origin && m.data && m.data.type === 'test:done')",
        arg=origin.rstrip("/"), timeout=10000)


def test_script_is_small_licensed_and_uses_no_risky_features():
    source = EMBED_JS.read_text(encoding="utf-8")
    assert re.match(r"/\*! DIT embed v\d+\.\d+\.\d+ \| MIT \*/\n", source)
    # The code alone: without comments, and with runs of spaces as one (roughly what a minifier keeps).
    code = re.sub(r"(?m)(^|\s)//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S))
    code = re.sub(r"\s+", " ", code)
    for risky in ("cookie", "localStorage", "sessionStorage", "indexedDB", "eval(", "Function(",
                  "innerHTML", "outerHTML", "document.write", "fetch(", "XMLHttpRequest", "sendBeacon"):
        assert risky not in code, f"embed.js should not use {risky}"
    assert len(code.encode()) < 2048, "embed.js is loaded on clinics' pages: keep it small"


@pytest.mark.parametrize("data, address, title", [
    ({"page": "phases/middle"}, "embed/phases/middle/", DEFAULT_TITLE),
    ({"page": "phases/middle", "lang": "pl"}, "pl/embed/phases/middle/", DEFAULT_TITLE),
    ({"page": "phases/middle", "lang": "zh-Hans"}, "zh-Hans/embed/phases/middle/", DEFAULT_TITLE),
    ({"page": "/phases/middle/", "lang": "en", "title": "DIT: the middle sessions"},
     "embed/phases/middle/", "DIT: the middle sessions"),
    ({}, "embed/", DEFAULT_TITLE),
], ids=["english", "polish", "chinese-with-script-subtag", "english-with-title", "home-page"])
def test_one_script_tag_makes_one_iframe_at_the_right_address(clinic, site_url, data, address, title):
    tab = clinic(f"<p>Before</p>{script_tag(site_url, **data)}<p>After</p>")
    iframe = tab.locator("iframe")
    iframe.wait_for()
    assert iframe.count() == 1
    assert iframe.get_attribute("src") == site_url + address
    assert iframe.get_attribute("title") == title
    assert iframe.get_attribute("loading") == "lazy"
    assert iframe.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert iframe.evaluate("f => f.style.height.endsWith('px')"), "sized by the page's own report"
    # Right where the script tag is, not at the end of the page.
    assert tab.eval_on_selector("script[src$='embed.js']", "s => s.nextElementSibling.tagName") == "IFRAME"
    # The page really loads, and the script asks the DIT site for nothing else.
    tab.frame_locator("iframe").locator("#content").wait_for()
    assert sorted(tab.site_requests) == [site_url + "embed.js", site_url + address]


@pytest.mark.parametrize("first, then", [(390, 1280), (1280, 390)])
def test_iframe_is_as_tall_as_the_page_in_it_at_phone_and_desktop_widths(clinic, site_url, first, then):
    tab = clinic(script_tag(site_url), width=first)
    tab.locator("iframe").wait_for()
    inner = tab.locator("iframe").element_handle().content_frame()
    heights = {}
    for width in (first, then):
        tab.set_viewport_size({"width": width, "height": 800})
        wait_for(lambda: inner.evaluate("innerWidth") == tab.eval_on_selector("iframe", "f => f.clientWidth"),
                 "the embedded page to get the new width")

        def fits():
            # The embedded page runs in its own process: its viewport takes the frame's new height a
            # moment after the clinic's page sets it, so wait for both sides to agree.
            content = math.ceil(inner.evaluate("document.documentElement.getBoundingClientRect().height"))
            agreed = frame_heights(tab) == [content] and inner.evaluate("innerHeight") == content
            return content > 600 and agreed and content
        heights[width] = wait_for(fits, f"the iframe to fit its page at width {width}",
                                  lambda: (frame_heights(tab), inner.evaluate("innerHeight")))
        # No scrollbar inside the iframe: the reader scrolls the clinic's page only.
        assert inner.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    assert heights[390] > heights[1280], "the text should wrap into more lines on a phone"


def test_two_embeds_on_one_page_each_get_their_own_height(clinic, site_url):
    tab = clinic(script_tag(site_url, page="phases/middle") + "<p>Between</p>"
                 + script_tag(site_url, page="phases/middle", lang="pl"))
    wait_for_heights(tab, [1234, 1777])


@pytest.mark.parametrize("sender", ["clinic-page", "other-origin-frame", "dit-site-other-frame",
                                    "embed-frame-after-leaving-the-dit-site"])
def test_height_messages_from_anyone_but_the_embedded_dit_page_are_ignored(
        clinic, site_url, other_url, host, sender):
    tab = clinic(script_tag(site_url, page="phases/middle"))
    wait_for_heights(tab, [1234])
    if sender == "clinic-page":
        tab.evaluate("""() => {
            window.postMessage({type: "dit-embed:height", height: 77}, "*");
            window.postMessage({type: "test:done"}, "*");
        }""")
        origin = host[1]
    elif sender in ("other-origin-frame", "dit-site-other-frame"):
        origin = other_url if sender == "other-origin-frame" else site_url
        tab.evaluate("src => document.body.append(Object.assign(document.createElement('iframe'), {src}))",
                     origin + "spoof.html")
    else:  # the embedded frame itself is sent elsewhere, e.g. by a redirect
        inner = tab.locator("iframe").element_handle().content_frame()
        inner.evaluate("url => { location.href = url; }", other_url + "spoof.html")
        origin = other_url
    wait_for_done_message(tab, origin)
    spoof = {"origin": origin.rstrip("/"), "data": {"type": "dit-embed:height", "height": 77}}
    assert spoof in tab.evaluate("window.seen")
    time.sleep(0.2)
    assert frame_heights(tab)[0] == 1234


def test_malformed_height_messages_from_the_embedded_page_are_ignored(clinic, site_url):
    tab = clinic(script_tag(site_url, page="phases/middle"))
    wait_for_heights(tab, [1234])
    inner = tab.locator("iframe").element_handle().content_frame()
    inner.evaluate("""() => {
        const bad = ["dit-embed:height", {type: "other", height: 77}, {type: "dit-embed:height"},
                     {type: "dit-embed:height", height: "77"}, {type: "dit-embed:height", height: NaN},
                     {type: "dit-embed:height", height: Infinity}, {type: "dit-embed:height", height: -5},
                     {type: "dit-embed:height", height: 0}, {type: "dit-embed:height", height: 100001}];
        for (const message of bad) parent.postMessage(message, "*");
        parent.postMessage({type: "test:done"}, "*");
    }""")
    wait_for_done_message(tab, site_url)
    time.sleep(0.2)
    assert frame_heights(tab) == [1234]
    # The same frame with a good message is believed.
    inner.evaluate("() => parent.postMessage({type: 'dit-embed:height', height: 900.4}, '*')")
    wait_for_heights(tab, [901])


@pytest.mark.parametrize("lang", ["zh-Hans", "ckb"])
def test_a_language_with_its_script_or_a_three_letter_code_makes_an_iframe_at_its_address(clinic, site_url, lang):
    # Chinese is written in two scripts: its codes name the script (zh-Hans), as its folder does.
    # Central Kurdish has no two-letter code (ckb), as BCP 47 allows.
    tab = clinic(script_tag(site_url, page="phases/middle", lang=lang))
    tab.locator("iframe").wait_for()
    assert frame_sources(tab) == [site_url + f"{lang}/embed/phases/middle/"]


@pytest.mark.parametrize("data", [
    {"page": "../../x"}, {"page": "javascript:alert(1)"}, {"page": "https://evil.example/x"},
    {"page": "phases/middle?x=1"}, {"page": "phases//middle"}, {"page": "%2e%2e/x"},
    {"page": "Phases/Middle"},
    {"page": "phases/middle", "lang": "../x"}, {"page": "phases/middle", "lang": "polish"},
    {"page": "phases/middle", "lang": "zh-hans-x"},
], ids=lambda data: ",".join(f"{k}={v}" for k, v in data.items()))
def test_bad_page_or_language_makes_no_iframe(clinic, site_url, data):
    # A good tag after the bad one shows that the script did run.
    tab = clinic(script_tag(site_url, **data) + script_tag(site_url, page="phases/middle"))
    tab.locator("iframe").wait_for()
    time.sleep(0.2)
    assert frame_sources(tab) == [site_url + "embed/phases/middle/"]
    assert site_url + "embed/phases/middle/" in tab.site_requests
    assert all(url.endswith(("/embed.js", "/embed/phases/middle/")) for url in tab.site_requests)


def test_browsers_without_currentscript_still_get_one_iframe_per_tag(clinic, site_url):
    tags = script_tag(site_url, page="phases/middle") + script_tag(site_url, page="phases/middle", lang="pl")
    tab = clinic(tags, head_script="Object.defineProperty(document, 'currentScript', {get: () => null});")
    wait_for_heights(tab, [1234, 1777])
    assert tab.evaluate("document.currentScript") is None
    assert frame_sources(tab) == [site_url + "embed/phases/middle/", site_url + "pl/embed/phases/middle/"]
