"""Property tests over clinic variants: Hypothesis writes valid clinic profiles (6-24 sessions of 30-60
minutes, phases that cover them, English and up to three other languages, 0-3 local lines, a logo or none, long names),
builds each for real and checks what a reader of every built language would see.

`make test` builds DIT_VARIANTS=2 profiles (PDFs off); `make check-variants` builds more. The seed is
printed; `make check-variants SEED=n` replays a run."""
from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import string
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from scripts import build
from scripts.checks import accessibility, links, registry
from scripts.inputs import digits, grammar, settings
from scripts.inputs.settings import ROOT
from scripts.system.serve_static import serve
from tests.conftest import page_path, soup
from tests.pages import PAGES

EXAMPLE_LOGO = ROOT / "docs" / "examples" / "clinic-logo.svg"
EXAMPLES = int(os.environ.get("DIT_VARIANTS", "2"))
# New each run; the same in every pytest-xdist worker of one run (they must collect the same test ids).
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
SEED = int(os.environ.get("DIT_VARIANTS_SEED")
           or (int(hashlib.sha256(_RUN.encode()).hexdigest()[:8], 16) if _RUN else random.SystemRandom().randrange(2**32)))
SETTINGS = settings.load(ROOT)
LANGUAGES = [language.code for language in settings.languages(ROOT)]
# A clinic's own referral sentence in each language (a clinic writes its own; these are fixtures).
REFERRAL = {
    "en": "You can refer yourself on our website or by phone.",
    "cy": "Gallwch gyfeirio eich hun ar ein gwefan neu dros y ffôn.",
    "pl": "Możesz zgłosić się sam przez naszą stronę albo telefonicznie.",
    "es": "Puede pedir cita usted mismo en nuestra web o por teléfono.",
    "ar": "يمكنك أن تحيل نفسك عبر موقعنا أو بالهاتف.",
    "ur": "آپ ہماری ویب سائٹ یا فون کے ذریعے خود رجوع کر سکتے ہیں۔",
    "uk": "Ви можете звернутися самостійно на нашому сайті або телефоном.",
    "bn": "আপনি আমাদের ওয়েবসাইটে বা ফোনে নিজে রেফার করতে পারেন।",
    "fa": "می‌توانید از طریق وب‌سایت ما یا با تلفن، مراجعهٔ مستقیم کنید.",
    "zh-Hans": "您可以通过我们的网站或电话自我转介。",
    "ro": "Vă puteți înscrie direct pe site-ul nostru sau prin telefon.",
    "pt": "Pode fazer um pedido direto no nosso site ou por telefone.",
    "tr": "Web sitemizden ya da telefonla doğrudan başvurabilirsiniz.",
    "so": "Waxaad is-gudbin kartaa boggayaga internetka ama taleefanka.",
    "ta": "எங்கள் இணையதளத்தில் அல்லது தொலைபேசியில் சுய பரிந்துரை செய்யலாம்.",
    "ps": "تاسو کولی شئ زموږ په ویب پاڼه یا په ټیلیفون ځان معرفي کړئ.",
    "zh-Hant": "你可以透過我們的網站或電話自行轉介。",
    "ckb": "دەتوانن لە ڕێگەی ماڵپەڕەکەمانەوە یان بە تەلەفۆن خۆتان ڕەوانە بکەن.",
    "gu": "તમે અમારી વેબસાઇટ પર અથવા ફોન દ્વારા જાતે રેફરલ કરી શકો છો.",
    "pa": "ਤੁਸੀਂ ਸਾਡੀ ਵੈੱਬਸਾਈਟ ਰਾਹੀਂ ਜਾਂ ਫ਼ੋਨ ਰਾਹੀਂ ਆਪਣੇ ਆਪ ਨੂੰ ਰੈਫਰ ਕਰ ਸਕਦੇ ਹੋ।",
}


def test_every_language_has_a_referral_sentence_for_generated_profiles():
    # A language added with `new-language` needs its sentence here, or no profile could build it.
    assert set(REFERRAL) == set(LANGUAGES), f"REFERRAL lacks {set(LANGUAGES) - set(REFERRAL)}"


# Ofcom's ranges for drama that the numbering plan holds: they reach no one.
DRAMA = ("020 7946 0{:03d}", "0113 496 0{:03d}", "0117 496 0{:03d}")
CHANGED_PAGES = ("", "what-to-expect/", "phases/", "get-help-now/")
# Each profile builds English and at most three other languages, drawn anew every run: a variant's
# cost grows with its languages, and twenty in one build would double `make test`. Every language is
# built in the session's site, and its sentence for every count a clinic may set is checked in
# tests/test_plurals.py; the variants look for settings and languages that break together.
MAX_OTHERS = 3
NAME_LETTERS = string.ascii_letters + "ąęłóśżÀéñŵŷ"


@st.composite
def clinic_profiles(draw) -> dict:
    sessions = draw(st.integers(6, 24))
    first_end = draw(st.integers(1, sessions - 2))
    middle_end = draw(st.integers(first_end + 1, sessions - 1))
    others = draw(st.lists(st.sampled_from(LANGUAGES[1:]), unique=True, max_size=MAX_OTHERS))
    languages = [LANGUAGES[0], *others]
    words = st.text(NAME_LETTERS, min_size=1, max_size=12)
    name = draw(st.lists(words, min_size=1, max_size=8).map(" ".join).filter(lambda n: len(n) <= 100))
    long_name = (name + " " + "NHS Talking Therapies service for the whole county")[:100].strip()
    numbers = draw(st.lists(st.tuples(st.sampled_from(DRAMA), st.integers(0, 999)), max_size=3, unique=True))
    return {
        "name": {lang: long_name for lang in draw(st.sets(st.sampled_from(languages))) | {"en"}},
        "brand_colour": draw(st.sampled_from(["#005eb8", "#330072", "#006747", "#8a1538"])),
        "site_url": "https://dit.variant.example/",
        "contact": {"phone": "020 7946 0123", "email": "dit@variant.example"},
        "referral": {"text": {lang: REFERRAL[lang] for lang in languages}, "url": "https://variant.example/refer/"},
        "urgent_help": {"nation": draw(st.sampled_from(["england", "wales", "scotland", "northern_ireland"])),
                        "local": [{"id": f"line_{i}", "name": {"en": f"Local crisis line {i + 1} (example)"},
                                   "phone": pattern.format(n)} for i, (pattern, n) in enumerate(numbers)]},
        "service": {"sessions": sessions, "minutes": draw(st.integers(30, 60)),
                    "phases": {"beginning": [1, first_end], "middle": [first_end + 1, middle_end],
                               "ending": [middle_end + 1, sessions]},
                    "formats": draw(st.lists(st.sampled_from(["face_to_face", "video", "phone"]), min_size=1,
                                             unique=True))},
        "accessibility_contact": "access@variant.example",
        "languages": languages,
        **({"logo": "clinic-logo.svg"} if draw(st.booleans()) else {}),
    }


def build_variant(profile: dict, folder) -> tuple[dict, object]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(EXAMPLE_LOGO, folder / "clinic-logo.svg")
    path = folder / "clinic.yml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return profile, build.build_for_clinic(path, ROOT, folder / "site", pdfs=False)


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def check_variant(profile: dict, site) -> None:
    service = profile["service"]
    for lang in profile["languages"]:
        for address in PAGES:
            html = soup(page_path(site, prefix(lang) + address))
            for code in html.find_all(["script", "style"]):
                code.decompose()  # minified scripts hold "}}"; the text and attributes must not
            assert "{{" not in str(html) and "}}" not in str(html), f"a placeholder survived on /{prefix(lang)}{address}"
        timeline = soup(page_path(site, prefix(lang) + "phases/")).select_one(".dit-timeline")
        sessions = [int(li.get_text()) for li in timeline.select(".dit-timeline__sessions li")]
        assert sessions == list(range(1, service["sessions"] + 1)), lang
        # The whole sentence in the plural form of this language for this number (grammar.py).
        expect = " ".join(soup(page_path(site, prefix(lang) + "what-to-expect/")).select_one("article").get_text().split())
        for key in ("sessions_weekly", "session_minutes"):
            assert sentence(lang, key, service) in expect, (lang, key, service)
        # The urgent-help block names every route the settings give this language (ids, not digits:
        # three routes dial 111, so each must be there as often as the settings name it).
        shown = Counter(a["href"] for a in soup(page_path(site, prefix(lang) + "get-help-now/")).select("aside.dit-urgent a.dit-tel"))
        wanted = Counter(SETTINGS.phones[route].href for route in SETTINGS.urgent.block_for(lang))
        assert wanted - shown == Counter(), (lang, wanted - shown)
        urgent = soup(page_path(site, prefix(lang) + "about-dit/")).select_one("aside.dit-urgent")
        for line in profile["urgent_help"]["local"]:
            assert urgent.select_one(f'a[href="tel:{to_e164(line["phone"])}"]'), (lang, line)
    for lang in LANGUAGES[1:]:
        assert (site / lang).is_dir() == (lang in profile["languages"]), lang
    assert links.bad_contact_links(site) == []
    for name in ("readability", "html"):
        problems, report = registry.run(name, site, ROOT)
        assert problems == [], report
    # Accessibility on the pages whose numbers and names changed (the whole site takes minutes).
    changed = [f"/{prefix(lang)}{address}" for lang in profile["languages"] for address in CHANGED_PAGES]
    with serve(site) as base:
        report = accessibility.check_parallel(base, changed, settings.read_yaml(ROOT / "settings" / "a11y-waivers.yml") or {})
    assert report.violations == [] and report.other_hosts == [], report.text()


def sentence(lang: str, key: str, service: dict) -> str:
    strings = settings.load_strings(ROOT / "content", lang)
    text = grammar.sentence(lang, strings, key, {"sessions": service["sessions"], "minutes": service["minutes"]})
    for count in grammar.COUNTS:
        shown = digits.written(str(service[count]), lang, strings)  # Persian ۲۴, Bengali ২৪
        text = re.sub(r"\{\{\s*" + count + r"\s*\}\}", shown, text)
    return " ".join(text.split())


def to_e164(national: str) -> str:
    return "+44" + national.replace(" ", "")[1:]


@pytest.mark.parametrize("_", [None], ids=[f"seed={SEED}"])
def test_generated_clinic_variants_build_right_in_every_language(_, tmp_path_factory):
    print(f"variants: {EXAMPLES} profile(s), seed {SEED} (replay: make check-variants SEED={SEED})")
    folder = tmp_path_factory.mktemp("variants")

    @seed(SEED)
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None,
                         phases=[Phase.generate],  # each example is a real build: no shrinking
                         suppress_health_check=list(HealthCheck))
    @given(clinic_profiles())
    def one(profile):
        check_variant(*build_variant(profile, folder / "clinic"))

    one()
