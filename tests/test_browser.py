"""What a reader sees and does in a real browser (Debian's headless Chromium)."""
from __future__ import annotations

import re

import pytest

from scripts.inputs.settings import languages
from scripts.outputs import search_settings
from tests import changes
from tests.conftest import page_path, shown_text, soup
from tests.pages import LANGS, RIGHT_TO_LEFT

DIGITS_IN_ORDER = """(element) => {
  // The horizontal centre of each character of the element's text, in the order the text stores them.
  const text = element.firstChild;
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const range = document.createRange();
    range.setStart(text, i); range.setEnd(text, i + 1);
    const box = range.getBoundingClientRect();
    if (/[0-9]/.test(text.data[i])) out.push(box.left + box.width / 2);
  }
  return out;
}"""


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_phone_numbers_keep_their_digit_order_in_right_to_left_pages(page, base_url, lang):
    page.goto(f"{base_url}{lang}/get-help-now/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    links = page.locator("article a.dit-tel")
    assert links.count() >= 12
    for i in range(links.count()):
        xs = links.nth(i).evaluate(DIGITS_IN_ORDER)
        assert xs == sorted(xs), f"digits of {links.nth(i).inner_text()} are shown out of order"
    # The urgent-help block and the page dates too.
    for selector in ["aside.dit-urgent a.dit-tel", ".dit-page-info time"]:
        for i in range(page.locator(selector).count()):
            element = page.locator(selector).nth(i)
            if element.evaluate("e => e.firstChild && e.firstChild.nodeType === 3"):
                xs = element.evaluate(DIGITS_IN_ORDER)
                if element.evaluate("e => e.tagName") == "TIME":
                    year = xs[-4:]
                    assert year == sorted(year), f"the year in {element.inner_text()} is reversed"
                else:
                    assert xs == sorted(xs), f"{element.inner_text()} is shown out of order"


TEXT_BOXES = """([first, between, second]) => {
  // The boxes of two phrases, found as `first + between + second` in the article's text, which may
  // run across several text nodes (each phrase may sit in an element of its own).
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) { nodes.push({node: walker.currentNode, start: text.length}); text += walker.currentNode.data; }
  const at = text.indexOf(first + between + second);
  if (at < 0) return null;
  const point = (offset, end) => {
    const n = nodes.find(n => end ? offset > n.start && offset <= n.start + n.node.length
                                  : offset >= n.start && offset < n.start + n.node.length);
    return [n.node, offset - n.start];
  };
  const box = (start, end) => {
    const range = document.createRange();
    range.setStart(...point(start, false)); range.setEnd(...point(end, true));
    const r = range.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, height: r.height};
  };
  const second_at = at + first.length + between.length;
  return [box(at, at + first.length), box(second_at, second_at + second.length)];
}"""


@pytest.mark.parametrize("address, first, between, second", [
    ("ur/for-professionals/", "CBT", "، ", "IPT"),   # "such as CBT, IPT or counselling for depression"
    ("ur/glossary/", "Interpersonal-Affective Focus", "، ", "IPAF"),
])
def test_latin_names_in_right_to_left_text_are_shown_in_reading_order(page, base_url, address, first, between, second):
    """Two Latin names with an Arabic comma between them: a right-to-left reader meets the first
    written name first, so it must stand to the right of the second, not joined into one
    left-to-right stretch that puts it on the left."""
    page.set_viewport_size({"width": 1280, "height": 800})  # both names on one line
    page.goto(f"{base_url}{address}")
    boxes = page.evaluate(TEXT_BOXES, [first, between, second])
    assert boxes, f"'{first}{between}{second}' is not in the text of /{address}"
    one, two = boxes
    assert abs(one["top"] - two["top"]) < one["height"] / 2, "the names are not on one line"
    assert one["left"] >= two["right"] - 1, (
        f"'{first}' is shown left of '{second}' ({one['left']:.0f}px < {two['right']:.0f}px): an Urdu reader reads them swapped")


@pytest.mark.parametrize("address", [f"{lang}/get-help-now/" for lang in RIGHT_TO_LEFT])
def test_an_english_name_that_starts_with_a_number_keeps_its_order_in_right_to_left_text(page, base_url, address):
    """"999 BSL" is one English name: inside Arabic or Urdu text it must still read 999, then BSL,
    left to right, not "BSL 999" (the number on its own would join the right-to-left text)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}{address}")
    boxes = page.evaluate(TEXT_BOXES, ["999", " ", "BSL"])
    assert boxes, f"'999 BSL' is not in the text of /{address}"
    number, letters = boxes
    assert abs(number["top"] - letters["top"]) < number["height"] / 2, "the name is split over two lines"
    assert number["right"] <= letters["left"] + 1, f"/{address} shows 'BSL 999'"


# Search in every script (docs/translating.md): a word of a page's own text, typed into the search
# box, lists that page, and only pages in the reader's language.


def words(text: str) -> list[str]:
    """The words the search makes of a text: cut at the separator, Chinese at jieba's word
    boundaries, as Material's search plugin cuts it (jieba splits other scripts into letters)."""
    import jieba
    pieces = [piece for piece in re.split(search_settings.SEPARATOR, text) if piece]
    return [word for piece in pieces
            for word in (jieba.lcut(piece) if search_settings.HAN.search(piece) else [piece]) if word.strip()]


def search(page, url: str, query: str) -> list[str]:
    """Open `url` and search for `query` in its search box: the paths the results list."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page.goto(url, wait_until="networkidle")
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    # The whole query, then a key: Material searches on keyup, for what the box holds, as after a
    # reader's last key or an input method's (Chinese, say). One search, so the list read is the
    # query's; typed letter by letter, a word outside the US keyboard layout never even fires keyup.
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    try:  # Material adds the first ten results at once
        page.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    except PlaywrightTimeout:
        return []
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("lang", [language.code for language in languages()])
def test_a_word_from_a_page_finds_it_in_the_readers_language_only(page, site, base_url, lang):
    prefixes = {language.code: "" if language.default else f"{language.code}/" for language in languages()}
    address = f"{prefixes[lang]}about-dit/"
    headings = soup(page_path(site, address)).select("article h1, article h2")
    word = max((word for heading in headings for word in words(shown_text(heading))), key=len)
    found = search(page, f"{base_url}{address}", word)
    assert f"/{address}" in found, f"{word!r} typed in the {lang} search does not list /{address}: {found}"
    others = tuple(f"/{prefix}" for code, prefix in prefixes.items() if code != lang and prefix)
    assert all(path.startswith(f"/{prefixes[lang]}") and not path.startswith(others) for path in found), found


def test_chinese_words_find_their_page_alone_together_or_inside_a_longer_word(changed, browser):
    """Material's plugin cuts Chinese into words with jieba; the search box cuts what a reader types
    against the words of the index, so words written together, as Chinese is, are found too."""
    import jieba

    from scripts.system.serve_static import serve
    heading, text = words(changes.CHINESE_HEADING), words(changes.CHINESE_TEXT)
    assert "人际关系" in heading and "抑郁症" in text, "jieba cut the passage into words"
    first, second = sorted(heading, key=len, reverse=True)[:2]
    # A word jieba keeps inside a longer one, not at its start: "关系" (relationships) in "人际关系".
    inner = next(word for word in jieba.cut_for_search(first) if word != first and not first.startswith(word))
    with serve(changed.site) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone, as `page`
        try:
            for query in ("抑郁", f"{first} {second}", f"{first}{second}", max(text, key=len), inner):
                found = search(context.new_page(), f"{url}{changes.CHINESE_PAGE}", query)
                assert f"/{changes.CHINESE_PAGE}" in found, f"{query!r} does not list /{changes.CHINESE_PAGE}: {found}"
        finally:
            context.close()


def test_language_switcher_goes_to_the_same_page_in_another_language(page, base_url):
    page.goto(f"{base_url}phases/middle/")
    page.locator(".md-header__option .md-select button").click()
    page.locator(".md-select__link[hreflang='pl']").click()
    page.wait_for_url(f"{base_url}pl/phases/middle/")
    assert page.locator("html").get_attribute("lang") == "pl"


def test_root_404_offers_every_language_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    response = tab.goto(f"{base_url}no/such/page/")
    assert response.status == 404
    links = tab.locator("ul.dit-languages a")
    assert links.count() == len(LANGS)
    links.nth(2).click()
    assert tab.locator("html").get_attribute("lang") == "pl"
    context.close()


# Material's bundle loads on first use (overrides/main.html): the menu, the language list and the
# colour toggle must work before it does, and keep working after it has loaded.

def _bundle_loaded(page) -> bool:
    return page.evaluate("!!document.querySelector('script[src*=\"bundle\"]')")


def test_the_mobile_menu_opens_and_leads_to_a_page_before_any_script_loads(page, base_url):
    page.goto(f"{base_url}what-to-expect/", wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-nav--primary a.md-nav__link[href$='get-help-now/']").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url(f"{base_url}get-help-now/")
    assert not _bundle_loaded(page)


@pytest.mark.parametrize("load_bundle_first", [False, True])
def test_the_colour_toggle_switches_and_the_choice_carries_to_the_next_page(page, base_url, load_bundle_first):
    page.goto(f"{base_url}what-to-expect/", wait_until="networkidle")
    if load_bundle_first:
        page.keyboard.press("Shift")  # any key loads Material's bundle
        page.wait_for_function("document.documentElement.classList.contains('js') && !!window.component$")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.locator("label[for='__palette_0']").is_visible(), "the toggle back to light is shown"
    page.goto(f"{base_url}phases/", wait_until="networkidle")
    assert body.get_attribute("data-md-color-scheme") == "slate", "the choice did not carry to the next page"
    page.keyboard.press("Shift")  # the bundle takes over and agrees
    page.wait_for_function("!!window.component$")
    page.wait_for_timeout(200)
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("label[for='__palette_0']:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


def test_a_reader_whose_device_prefers_dark_gets_dark_pages_at_once(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(f"{base_url}what-to-expect/", wait_until="networkidle")
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert not _bundle_loaded(tab)
    context.close()


def test_the_language_list_opens_from_the_keyboard(page, base_url):
    page.goto(f"{base_url}phases/middle/", wait_until="networkidle")
    page.locator(".md-header__option .md-select button").focus()
    link = page.locator(".md-select__link[hreflang='ar']")
    link.wait_for(state="visible")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}ar/phases/middle/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_search_opens_from_the_keyboard_once_a_key_has_loaded_materials_script(page, base_url):
    page.goto(f"{base_url}about-dit/", wait_until="networkidle")
    page.keyboard.press("Shift")
    page.wait_for_function("!!window.component$")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("ending", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10000)


@pytest.mark.parametrize("shortcut", ["/", "s", "f"])
def test_a_search_shortcut_on_a_fresh_page_opens_search_and_keeps_every_letter_typed_next(page, base_url, shortcut):
    page.goto(f"{base_url}about-dit/", wait_until="networkidle")
    page.keyboard.press(shortcut)  # the first key of the visit: Material's script is not there yet
    page.keyboard.type("session", delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10000)
    assert page.locator("input.md-search__input").input_value() == "session"
    assert page.locator(".md-search-result__item mark").first.inner_text().lower().startswith("session")


def test_search_shortcut_letters_typed_in_a_form_field_stay_in_the_field(page, base_url):
    # Material leaves shortcuts alone while focus is in a form field; so does the loader.
    page.goto(f"{base_url}about-dit/", wait_until="networkidle")
    page.evaluate("""() => { const field = document.createElement("textarea");
                         document.querySelector("article").append(field); field.focus(); }""")
    page.keyboard.type("fs/", delay=30)
    assert page.locator("article textarea").input_value() == "fs/"
    assert not page.locator("#__search").is_checked()


def test_search_in_the_desktop_header_finds_pages_and_marks_the_words_on_the_result(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{base_url}about-dit/", wait_until="networkidle")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("ending", delay=30)
    result = tab.locator(".md-search-result__item a").first
    result.wait_for(timeout=10000)
    result.click()
    tab.wait_for_url("**/?h=ending*")
    tab.locator("mark").first.wait_for(timeout=10000)  # search.highlight: the bundle loads for ?h=
    context.close()


# Material's header forms: search, and the colour scheme. Audit tools (HTML_CodeSniffer, WCAG technique
# H32) want a submit button in each; submitting must keep the reader on the page (the site is static:
# a submitted form would reload the page with ?query=... or ?__palette=on and lose what they did).
HEADER_FORMS = ["form[name=search]", "form[data-md-component=palette]"]
SUBMIT = """async (selector) => {
  const form = document.querySelector(selector);
  const navigations = [];
  navigation.addEventListener("navigate", (event) => { navigations.push(event.destination.url); event.preventDefault(); });
  form.querySelector(".md-search__input")?.setAttribute("value", "ending");
  const button = form.querySelector("[type=submit]");
  button ? button.click() : form.requestSubmit();  /* what activating the button, or Enter, does */
  await new Promise((resolve) => setTimeout(resolve, 0));  /* a submission navigates in a task of its own */
  return navigations;
}"""


@pytest.mark.parametrize("load_bundle_first", [False, True])
def test_the_header_forms_have_a_submit_button_that_keeps_the_reader_on_the_page(page, base_url, load_bundle_first):
    page.goto(f"{base_url}what-to-expect/", wait_until="networkidle")
    if load_bundle_first:
        page.keyboard.press("Shift")
        page.wait_for_function("!!window.component$")
    for form in HEADER_FORMS:
        # H32 as HTML_CodeSniffer checks it: an input of type submit or image, or a button not of type reset or button
        submit = page.locator(f"{form} :is(input[type=submit], input[type=image], button:not([type=reset]):not([type=button]))")
        assert submit.count() == 1, f"{form}: no submit button"
        box = submit.bounding_box()
        assert submit.get_attribute("tabindex") == "-1" and box["width"] <= 1 and box["height"] <= 1, \
            "out of sight and of the tab order"
        assert submit.evaluate("b => b.textContent.trim()"), "the button has a name"
        assert page.evaluate(SUBMIT, form) == [], f"{form}: submitting it leaves the page"
    assert page.url == f"{base_url}what-to-expect/"


def test_enter_in_the_search_field_before_materials_script_has_run_keeps_the_reader_on_the_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.abort() if "/bundle." in route.request.url or not
                  route.request.url.startswith(base_url) else route.continue_())  # the script never arrives
    tab = context.new_page()
    tab.goto(f"{base_url}what-to-expect/", wait_until="load")
    tab.evaluate("""() => { window.navigations = [];
        navigation.addEventListener("navigate", (e) => { window.navigations.push(e.destination.url); e.preventDefault(); }); }""")
    field = tab.locator("input.md-search__input")
    field.fill("ending")
    field.focus()
    tab.keyboard.press("Enter")
    tab.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    navigations = tab.evaluate("window.navigations")
    context.close()
    assert navigations == [], "pressing Enter reloaded the page and lost the search"
