"""Numbers in sentences: every count a service may set, in every language, gets its language's plural
form (CLDR through Babel), without a build. Lists of formats use CLDR's "or" lists."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from functools import cache

import pytest
from babel import Locale
from babel.core import get_global

from scripts.inputs import digits, grammar, placeholders, settings
from scripts.inputs.settings import ALLOWED, ROOT

LANGUAGES = [language.code for language in settings.languages()]
# Languages not written in the Latin script (CLDR's likely script: Arab, Beng, Hans, Cyrl...): a Latin
# word in their composed text is English (or CLDR's root data) standing in for a missing translation.
NON_LATIN = [code for code in LANGUAGES
             if (Locale.parse(code, sep="-").script or get_global("likely_subtags")[code.split("-")[0]].split("_")[1]) != "Latn"]
# Latin words these languages' composed text may hold on purpose: none yet.
ALLOWED_LATIN: set[str] = set()


@cache
def strings(lang: str) -> dict:
    return settings.load_strings(ROOT / "content", lang)


@cache
def project_settings() -> settings.Settings:
    return settings.load()


def page_locale(lang: str) -> Locale:
    """The locale a language's pages are written in: its strings.yml's date_locale (pt_PT, en_GB)."""
    return Locale.parse(strings(lang)["date_locale"]) if "date_locale" in strings(lang) else Locale.parse(lang, sep="-")


def shown(n: int, lang: str) -> str:
    """A number as the language's pages write it (Persian ۱۶, Bengali ১৬, else 16)."""
    return f"<bdi>{digits.written(str(n), lang, strings(lang))}</bdi>"


def with_service(**changes) -> settings.Settings:
    loaded = project_settings()
    return dataclasses.replace(loaded, service=dataclasses.replace(loaded.service, **changes))


def compose(lang: str, text: str, service: settings.Settings) -> str:
    """Page text with its placeholders filled, as the build fills it."""
    site = {"lang": lang, "publisher": "Publisher", "feedback_href": "mailto:x@example.org", "feedback_label": "x"}
    return placeholders.fill(text, service, strings(lang), site, f"content/{lang}/test.md")


def every_count():
    """(lang, message id, count, n) for every n in the allowed range of the count the message holds."""
    for lang in LANGUAGES:
        for key, message in strings(lang)["messages"].items():
            count = grammar.count_field(message)
            low, high = ALLOWED[count]
            for n in range(low, high + 1):
                yield lang, key, count, n


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_has_each_plural_category_of_its_language(lang):
    needed = set(page_locale(lang).plural_form.tags) | {"other"}
    assert strings(lang)["messages"], f"content/{lang}/strings.yml has no messages"
    for key, message in strings(lang)["messages"].items():
        assert set(message) == needed, f"content/{lang}/strings.yml: messages.{key}"
    assert grammar.problems(lang, strings(lang), placeholders.MESSAGE_FIELDS) == []


def test_every_count_in_the_allowed_range_gets_its_plural_form_in_every_language():
    checked = 0
    for lang, key, count, n in every_count():
        text = compose(lang, f"{{{{ message:{key} }}}}", with_service(**{count: n}))
        category = page_locale(lang).plural_form(n)
        expected = strings(lang)["messages"][key][category].replace(f"{{{{ {count} }}}}", shown(n, lang))
        assert text == expected, (lang, key, n, category)
        assert shown(n, lang) in text, f"{lang} {key}: the number {n} is not in {text!r}"
        assert "{{" not in text
        checked += 1
    assert checked >= len(LANGUAGES) * 3 * 19  # three messages, at least 19 numbers each


@pytest.mark.parametrize("lang, key, n, words", [
    ("pl", "sessions_weekly", 22, "22</bdi> sesje,"),
    ("pl", "sessions_weekly", 16, "16</bdi> sesji,"),
    ("pl", "sessions_weekly", 24, "24</bdi> sesje,"),
    ("pl", "sessions_weekly", 12, "12</bdi> sesji,"),
    ("pl", "sessions_in_all", 22, "masz w sumie <bdi>22</bdi> sesje,"),
    ("pl", "session_minutes", 32, "około <bdi>32</bdi> minut."),  # około takes the genitive
    ("cy", "sessions_weekly", 16, "16</bdi> sesiwn,"),
    ("ar", "session_minutes", 50, "<bdi>50</bdi> دقيقة."),
    ("ar", "sessions_weekly", 8, "<bdi>8</bdi> جلسات،"),
    ("ar", "sessions_weekly", 16, "<bdi>16</bdi> جلسة،"),
    ("ur", "sessions_weekly", 16, "<bdi>16</bdi> سیشن ہوتے ہیں"),
    ("es", "sessions_weekly", 16, "<bdi>16</bdi> sesiones,"),
    ("en", "session_minutes", 45, "about <bdi>45</bdi> minutes."),
    ("fa", "sessions_weekly", 22, "<bdi>۲۲</bdi> جلسه دارید، هفته‌ای یک بار."),  # Persian digits, singular noun
    ("bn", "sessions_weekly", 22, "<bdi>২২</bdi>টি সেশন হয়, সপ্তাহে একবার।"),  # Bengali digits
    ("uk", "sessions_weekly", 21, "<bdi>21</bdi> сеанс, раз на тиждень."),  # 21 is "one" in Ukrainian
    ("uk", "sessions_weekly", 22, "<bdi>22</bdi> сеанси,"),
    ("uk", "sessions_weekly", 12, "<bdi>12</bdi> сеансів,"),  # 11-14 are "many"
    ("uk", "sessions_weekly", 16, "<bdi>16</bdi> сеансів,"),
    ("uk", "session_minutes", 31, "близько <bdi>31</bdi> хвилини."),  # близько takes the genitive
    ("uk", "session_minutes", 32, "близько <bdi>32</bdi> хвилин."),
])
def test_known_right_forms(lang, key, n, words):
    count = grammar.count_field(strings(lang)["messages"][key])
    assert words in compose(lang, f"{{{{ message:{key} }}}}", with_service(**{count: n}))


@pytest.mark.parametrize("lang, key, n, words", [
    ("pl", "sessions_weekly", 25, "{{ sessions }} sesji,"),
    ("pl", "sessions_weekly", 2, "{{ sessions }} sesje,"),
    ("cy", "session_minutes", 2, "{{ minutes }} funud."),
    ("ar", "session_minutes", 3, "{{ minutes }} دقائق."),
    ("ar", "session_minutes", 2, "دقيقتين."),
    ("ar", "sessions_weekly", 100, "{{ sessions }} جلسة،"),
    ("es", "sessions_weekly", 1_000_000, "{{ sessions }} de sesiones,"),
    ("ur", "sessions_weekly", 1, "{{ sessions }} سیشن ہوتا ہے۔"),
])
def test_forms_outside_the_range_follow_cldr_too(lang, key, n, words):
    count = grammar.count_field(strings(lang)["messages"][key])
    assert words in grammar.sentence(lang, strings(lang), key, {count: n})


def test_european_portuguese_counts_zero_as_other_not_as_brazil_does():
    # content/pt/strings.yml writes pt_PT: CLDR gives it "one" for 1 only; bare pt (Brazil) also for 0.
    pt = strings("pt")
    assert pt["date_locale"] == "pt_PT"
    said = {n: grammar.sentence("pt", pt, "sessions_weekly", {"sessions": n}) for n in (0, 1, 2)}
    assert said == {0: "Em geral, tem {{ sessions }} sessões, uma vez por semana.",
                    1: "Em geral, tem {{ sessions }} sessão.",
                    2: "Em geral, tem {{ sessions }} sessões, uma vez por semana."}
    brazil = {**pt, "date_locale": "pt_BR"}
    assert grammar.sentence("pt", brazil, "sessions_weekly", {"sessions": 0}) == said[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_counts_by_its_page_locales_rule(lang):
    # The full locale decides where CLDR gives it a rule of its own (pt_PT); elsewhere (en_GB, cy, zh_Hans)
    # it is the language's rule, as before.
    rule = grammar.plural_rule(lang, strings(lang))
    assert [rule(n) for n in (0, 1, 2, 3, 5, 11, 21, 22, 100, 1_000_000)] == [
        page_locale(lang).plural_form(n) for n in (0, 1, 2, 3, 5, 11, 21, 22, 100, 1_000_000)]
    assert rule.rules == Locale.parse(lang, sep="-").plural_form.rules or lang == "pt"


def test_a_count_outside_a_message_is_refused():
    with pytest.raises(placeholders.PlaceholderError, match=r"content/pl/test.md: '\{\{ sessions \}\}' counts something"):
        compose("pl", "Zwykle masz {{ sessions }} sesji.", settings.load())


@pytest.mark.parametrize("formats, lang, phrase", [
    (("face_to_face", "video", "phone"), "en", "face to face, by video or by phone"),
    (("face_to_face", "video"), "pl", "osobiście lub przez połączenie wideo"),
    (("face_to_face", "video", "phone"), "cy", "wyneb yn wyneb, drwy fideo neu dros y ffôn"),
    (("face_to_face", "video", "phone"), "es", "en persona, por vídeo o por teléfono"),
    (("video", "phone"), "ar", "عبر الفيديو أو عبر الهاتف"),
    (("face_to_face", "video", "phone"), "ur", "آمنے سامنے، ویڈیو پر، یا فون پر"),
    (("face_to_face", "video", "phone"), "uk", "особисто, відеозв’язком або телефоном"),
    (("face_to_face", "video", "phone"), "pt", "presencialmente, por vídeo ou por telefone"),
])
def test_formats_are_listed_the_languages_own_way(formats, lang, phrase):
    assert compose(lang, "{{ format }}", with_service(formats=formats)) == phrase


def test_a_language_cldr_lacks_gives_its_rules_in_strings():
    own = {"plural_rules": {"one": "n = 1", "few": "n in 2..4"},
           "list_patterns": {"or": {"start": "{0}; {1}", "middle": "{0}; {1}", "end": "{0} / {1}", "2": "{0} / {1}"}},
           "messages": {"m": {"one": "{{ sessions }} a", "few": "{{ sessions }} b", "other": "{{ sessions }} c"}}}
    assert grammar.categories("zz", own) == ("one", "few", "other")
    assert [grammar.sentence("zz", own, "m", {"sessions": n}) for n in (1, 3, 6)] == [
        "{{ sessions }} a", "{{ sessions }} b", "{{ sessions }} c"]
    assert grammar.or_list(["x", "y", "z", "w"], "zz", own) == "x; y; z / w"
    assert grammar.problems("zz", own, placeholders.MESSAGE_FIELDS) == []
    with pytest.raises(grammar.GrammarError, match=r"content/zz/strings.yml: key 'plural_rules' is missing"):
        grammar.categories("zz", {})
    with pytest.raises(grammar.GrammarError, match=r"content/zz/strings.yml: key 'list_patterns.or' is missing"):
        grammar.or_list(["x", "y"], "zz", {})


def latin_words(markup: str) -> set[str]:
    """Latin-script words in composed text, leaving out what the build inserts to be Latin on purpose:
    phone links (their digits), English organisation names marked lang="en", and Markdown heading ids
    ({#england}); other markup is dropped."""
    text = re.sub(r'<a class="dit-tel"[^>]*>.*?</a>|<span lang="en">[^<]*</span>|\{#[a-z-]+\}', " ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return set(re.findall(r"[A-Za-z][A-Za-z&'-]*", text))


def composed_texts(lang: str):
    """Every composed sentence of a language that the build makes from numbers and lists."""
    for _, key, count, n in (case for case in every_count() if case[0] == lang):
        yield compose(lang, f"{{{{ message:{key} }}}}", with_service(**{count: n}))
    for size in (1, 2, 3):
        yield compose(lang, "{{ format }}", with_service(formats=settings.FORMATS[:size]))


@pytest.mark.parametrize("lang", NON_LATIN)
def test_no_latin_words_in_composed_text_of_a_non_latin_language(lang):
    found = set().union(*(latin_words(text) for text in composed_texts(lang))) - ALLOWED_LATIN
    assert not found, f"{lang}: Latin-script words in composed text: {sorted(found)}"


def test_the_latin_word_check_finds_cldr_root_words():
    # A language whose strings lack a word falls back to English or CLDR's root ("a or b"): caught.
    assert latin_words('<bdi>16</bdi> جلسة or <a class="dit-tel" href="tel:111" dir="ltr">111</a>') == {"or"}


def test_reading_cldr_leaves_babels_own_data_whole():
    # Asking CLDR for a language's own data must not replace what Babel has cached for that language.
    for lang in LANGUAGES:
        grammar.or_list(["a", "b", "c"], lang, strings(lang))
        grammar.categories(lang, strings(lang))
    from babel.dates import format_date
    from babel.lists import format_list
    assert format_list(["a", "b", "c"], style="or", locale="es") == "a, b o c"
    assert format_date(dt.date(2026, 11, 26), "long", locale="cy") == "26 Tachwedd 2026"


def phase_splits():
    """Phases covering every allowed number of sessions, with boundaries across 1-24."""
    low, high = ALLOWED["sessions"]
    for sessions in range(low, high + 1):
        first_end = max(1, sessions // 4)
        yield sessions, {"beginning": (1, first_end), "middle": (first_end + 1, sessions - 2),
                         "ending": (sessions - 1, sessions)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phase_boundaries_appear_in_every_phase_page(lang):
    pages = {path: path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
             for path in sorted((ROOT / "content" / lang / "phases").glob("*.md"))}
    for sessions, phases in phase_splits():
        service = with_service(sessions=sessions, phases=phases)
        for path, body in pages.items():
            text = compose(lang, body, service)
            assert "{{" not in text, path
            for name, (first, last) in phases.items():
                if f"{name}_first" in body:
                    assert shown(first, lang) in text and shown(last, lang) in text, (path, sessions, name)
