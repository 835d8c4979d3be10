"""Layout in every language: the phone header holds a long translation of "Need help now?", text in
tall scripts is not cut off (and the check would say so if it were), and Latin words are isolated in
every language CLDR writes right to left, not only in the ones we build today."""
from __future__ import annotations

import pytest

from scripts.checks import text_spacing
from scripts.inputs import bidi
from scripts.system.serve_static import serve
from tests import changes
from tests.faces import script_of
from tests.pages import LANGS

# The "Need help now?" link, its text and the header, in CSS px; and the header's controls that a
# reader cannot reach because they sit (partly) outside the screen.
HEADER_FIT = """() => {
  const link = document.querySelector('header .dit-help-link'), range = document.createRange();
  range.selectNodeContents(link);
  const box = r => { const b = r.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  const width = document.documentElement.clientWidth;
  const outside = [...document.querySelectorAll('.md-header__inner > *')]
    .filter(e => e.getBoundingClientRect().width > 0)
    .filter(e => e.getBoundingClientRect().left < -1 || e.getBoundingClientRect().right > width + 1)
    .map(e => e.className || e.tagName);
  return {title: link.textContent.trim(), dir: document.body.dir, text: box(range), link: box(link),
          header: box(document.querySelector('header.md-header')), width, outside,
          lines: Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight)),
          scrolls_sideways: document.documentElement.scrollWidth - width};
}"""


def inside(inner: dict, outer: dict, tolerance: float = 1) -> bool:
    return (inner["left"] >= outer["left"] - tolerance and inner["right"] <= outer["right"] + tolerance
            and inner["top"] >= outer["top"] - tolerance and inner["bottom"] <= outer["bottom"] + tolerance)


@pytest.fixture(scope="module")
def changed_url(changed):
    with serve(changed.site) as url:
        yield url


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", sorted(changes.LONG_URGENT_TITLES))
def test_a_long_need_help_now_wraps_inside_its_button_and_the_header_stays_on_the_phone(browser, changed_url, lang, width):
    tab = browser.new_page(viewport={"width": width, "height": 844})
    tab.goto(f"{changed_url}{lang}/about-dit/")
    fit = tab.evaluate(HEADER_FIT)
    tab.close()
    assert fit["title"] == changes.LONG_URGENT_TITLES[lang] and len(fit["title"]) >= 45
    assert fit["dir"] == bidi.direction(lang)
    assert fit["lines"] >= 2, f"{lang} at {width}px: the long title should wrap ({fit})"
    assert inside(fit["text"], fit["link"]), f"{lang} at {width}px: the words stick out of their button ({fit})"
    assert inside(fit["link"], fit["header"]), f"{lang} at {width}px: the button sticks out of the header ({fit})"
    assert fit["outside"] == [] and fit["scrolls_sideways"] <= 1, f"{lang} at {width}px: header wider than the screen ({fit})"


# Each word of "Need help now?" in the phone header, as the rectangles of its lines: a word drawn on more
# than one line was broken inside (the button breaks a word only when it is wider than the button).
WORD_LINES = """() => {
  const text = document.querySelector('header .dit-help-link').firstChild, words = [];
  for (const match of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    words.push([match[0], new Set([...range.getClientRects()].map(r => Math.round(r.top))).size]);
  }
  return words;
}"""


# Languages of the site in the Indic scripts, where a letter cut from its word misspells it (there is no
# hyphen to show the cut, and a vowel sign or pulli is a letter of its own).
INDIC = [lang for lang in LANGS if script_of(lang) in ("Beng", "Guru", "Gujr", "Taml")]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", INDIC)
def test_need_help_now_keeps_each_indic_word_whole_on_a_phone(page, base_url, lang, width):
    # Tamil's "தேவையா?" was 2 px wider than the 320 px phone's button: its "?" fell to a line of its own.
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{base_url}{lang}/")
    broken = [word for word, lines in page.evaluate(WORD_LINES) if lines > 1]
    assert broken == [], f"{lang} at {width}px: words broken inside the button: {broken}"


# Bengali and Tamil: scripts whose vowel signs and conjuncts reach far above and below the letters
# ("Need help now?", as long as a page title: a longer one ends in Material's "…" in the header).
TALL = {"bn": "আপনার কি এখনই সাহায্য দরকার?", "ta": "உங்களுக்கு இப்போதே உதவி தேவையா?"}
# Where tall letters would be cut: the header's button and page title, the page heading, a table cell,
# the menu's title. The page is the built one; only the copy in the browser tab changes.
PUT_TALL_TEXT = """([lang, words]) => {
  document.documentElement.lang = lang;
  for (const selector of ['header .dit-help-link', '.md-header__topic .md-ellipsis', 'article h1',
                          'article table td', '.md-nav--primary .md-nav__title']) {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`no ${selector} on the page`);
    element.textContent = words;
  }
}"""


@pytest.mark.parametrize("lang", sorted(TALL))
def test_tall_scripts_are_not_cut_off_in_headings_buttons_and_tables(page, base_url, lang):
    page.goto(f"{base_url}for-professionals/")  # the page with a table
    page.evaluate(PUT_TALL_TEXT, [lang, TALL[lang]])
    for width in (320, 390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        assert text_spacing.cut_off_text(page) == [], f"{lang} at {width}px"
    page.add_style_tag(content=text_spacing.overrides_css(lang))  # a reader's own line height (WCAG 1.4.12)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        assert text_spacing.cut_off_text(page) == [], f"{lang} at {width}px, with a reader's text spacing"


def test_a_clipped_line_of_bengali_would_be_caught(page, base_url):
    page.goto(f"{base_url}for-professionals/")
    page.evaluate(PUT_TALL_TEXT, ["bn", " ".join([TALL["bn"]] * 4)])
    # A heading one line high that hides the rest: its second line of Bengali is lost.
    page.add_style_tag(content="article h1 { height: 1.3em; overflow: hidden; }")
    page.set_viewport_size({"width": 390, "height": 844})
    found = text_spacing.cut_off_text(page)
    assert any(problem.startswith("h1") and "cut off" in problem for problem in found), found


@pytest.mark.parametrize("lang", ["fa", "ps", "ckb"])
def test_languages_cldr_writes_right_to_left_isolate_their_latin_words(lang):
    # Persian, Pashto and Sorani are not built yet: their direction comes from CLDR, with no list of ours.
    assert bidi.right_to_left(lang) and bidi.direction(lang) == "rtl"
    words = "درمان بین‌فردی پویا (DIT) را NHS Talking Therapies، برای نمونه در London، ارائه می‌دهد."
    isolated = bidi.isolate_latin_runs(f"<p>{words}</p>", lang)
    assert isolated == ('<p>درمان بین‌فردی پویا (<bdi lang="en">DIT</bdi>) را <bdi lang="en">NHS Talking Therapies</bdi>، '
                        'برای نمونه در <bdi lang="en">London</bdi>، ارائه می‌دهد.</p>')


@pytest.mark.parametrize("lang", ["en", "bn", "zh-Hans", "uk", "ta", "zh-Hant"])
def test_left_to_right_languages_keep_their_text_as_written(lang):
    assert not bidi.right_to_left(lang) and bidi.direction(lang) == "ltr"
    assert bidi.isolate_latin_runs("<p>NHS Talking Therapies</p>", lang) == "<p>NHS Talking Therapies</p>"
