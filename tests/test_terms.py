"""The termbase (settings/termbase/<lang>.tbx) and the terms check: a page that uses a rejected variant,
in any of its grammatical forms, fails with the file, the line, the variant and the term to write."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scripts.checks import terms
from scripts.inputs import term_stems, termbase
from scripts.inputs.settings import ROOT
from tests.pages import LANGS

LANGUAGES = LANGS[1:]  # the translated ones: each has a termbase (new-language writes one)


def project_with(tmp_path: Path, lang: str, page: str) -> Path:
    """The real termbase and one translated page."""
    shutil.copytree(ROOT / "settings" / "termbase", tmp_path / "settings" / "termbase")
    (tmp_path / "content" / lang).mkdir(parents=True)
    (tmp_path / "content" / lang / "about-dit.md").write_text(page, encoding="utf-8")
    return tmp_path


def test_a_polish_page_that_says_placowka_fails_naming_file_line_and_the_term_to_write(tmp_path):
    page = "---\ntitle: Jak działa DIT\n---\n\nPierwsza linia.\n\nZapytaj w swojej placówce o DIT.\n"
    found, _ = terms.problems(project_with(tmp_path, "pl", page), LANGUAGES)
    assert len(found) == 1, found
    assert found[0].startswith("content/pl/about-dit.md:7: 'placówce' is the rejected variant 'placówka'")
    assert "write 'poradnia'" in found[0]


def test_placeholders_links_and_heading_ids_are_not_read_as_words(tmp_path):
    page = "Zadzwoń do {{ name:samaritans }} ([placówka](placowka.md)) {#placowka}.\n"
    found, _ = terms.problems(project_with(tmp_path, "cy", page.replace("placówka", "Samariaid")), LANGUAGES)
    assert found == []


def test_welsh_names_callers_hear_are_checked_in_every_mutation(tmp_path):
    found, _ = terms.problems(project_with(tmp_path, "cy", "Ffoniwch NHS 111 Wales heddiw.\n"), LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["content/cy/about-dit.md:1"]
    assert "write 'GIG 111 Cymru'" in found[0]


def test_opening_hours_in_settings_are_checked_too(tmp_path):
    root = project_with(tmp_path, "ur", "ٹھیک ہے۔\n")
    (root / "settings" / "helplines.yml").write_text(
        'samaritans_welsh:\n  hours:\n    en: "It is open every day."\n    ur: "یہ ہر روز کھلی ہے۔"\n', encoding="utf-8")
    found, _ = terms.problems(root, LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["settings/helplines.yml:4"], found


def test_a_broken_termbase_names_its_file_and_entry(tmp_path):
    root = project_with(tmp_path, "pl", "Nic.\n")
    path = root / "settings" / "termbase" / "pl.tbx"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<term>poradnia</term>", "<term>ośrodek</term>", 1), encoding="utf-8")
    found, _ = terms.problems(root, LANGUAGES)
    assert any(f.startswith("settings/termbase/pl.tbx:") and "entry 'service' rejects 'ośrodek', which is its own "
               "preferred term" in f for f in found), found


def test_translate_toolkit_reads_every_termbase_as_weblate_would():
    base = termbase.load(ROOT, LANGUAGES)
    assert base.problems == []
    assert sorted(base.terms) == sorted(LANGUAGES)
    for lang, entries in base.terms.items():
        ids = [term.id for term in entries]
        assert {"session", "low-mood", "service", "interpreter", "gp", "urgent-help"} <= set(ids), lang
    service = next(term for term in base.terms["pl"] if term.id == "service")
    assert (service.preferred, service.rejected) == ("poradnia", ("ośrodek", "placówka"))


# The stemmers ------------------------------------------------------------------------------------

POLISH_NOUNS = {  # the nouns the termbase rejects, in every case, singular and plural
    "placówka": ["placówka", "placówki", "placówce", "placówkę", "placówką", "placówko", "placówek",
                 "placówkom", "placówkami", "placówkach"],
    "ośrodek": ["ośrodek", "ośrodka", "ośrodkowi", "ośrodkiem", "ośrodku", "ośrodki", "ośrodków",
                "ośrodkom", "ośrodkami", "ośrodkach"],
    "poradnia": ["poradnia", "poradni", "poradnię", "poradnią", "poradnio", "poradnie", "poradniom",
                 "poradniami", "poradniach"],
}


@given(st.sampled_from([(noun, form) for noun, forms in POLISH_NOUNS.items() for form in forms]),
       st.sampled_from([str.lower, str.capitalize, str.upper]))
def test_every_declined_form_of_a_polish_noun_has_its_stem(noun_and_form, case):
    noun, form = noun_and_form
    assert term_stems.find(term_stems.key(noun, "pl"), f"Zapytaj: {case(form)}.", "pl"), form


@given(st.sampled_from(["poradnictwo", "porada", "ośrodkowy", "placek", "program", "pomoc"]))
def test_other_polish_words_are_not_taken_for_a_rejected_noun(word):
    assert not term_stems.find(term_stems.key("placówka", "pl"), word, "pl")
    assert not term_stems.find(term_stems.key("ośrodek", "pl"), word, "pl")


@given(st.sampled_from(["gwasanaeth", "cyfieithydd", "pryd", "teulu", "brys", "llythyr", "rhaglen", "meddyg",
                        "dweud", "iselder", "Samariaid"]))
def test_every_mutation_of_a_welsh_word_leads_back_to_its_radical(word):
    for mutated in term_stems.welsh_mutations(word):
        assert word.lower() in term_stems.welsh_radicals(mutated), mutated


@given(st.sampled_from(["p", "t", "c", "b", "d", "g", "m", "ll", "rh", "a", "i", "s", "n"]),
       st.text(alphabet="aeiouwyâŵŷdfghlnrst", min_size=2, max_size=10))
def test_any_welsh_radical_is_found_again_from_each_of_its_mutations(start, rest):
    radical = start + rest
    for mutated in term_stems.welsh_mutations(radical):
        assert term_stems.find(term_stems.key(radical, "cy"), f"Ffoniwch {mutated.capitalize()} heddiw", "cy"), mutated


def test_welsh_mutations_are_the_ones_a_reader_meets():
    assert term_stems.welsh_mutations("gwasanaeth") == {"gwasanaeth", "wasanaeth", "ngwasanaeth"}
    assert term_stems.welsh_mutations("pryd") == {"pryd", "bryd", "mhryd", "phryd"}
    assert term_stems.welsh_mutations("iselder") == {"iselder", "hiselder"}


ARABIC_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "ولل", "فب", "وب", "ول"]


@given(st.sampled_from(ARABIC_PREFIXES), st.sampled_from(["", "ك", "هم", "ه", "نا", "كم"]))
def test_an_arabic_word_is_found_behind_attached_prefixes_and_a_pronoun(prefix, suffix):
    word = prefix + "مزاج" + suffix
    assert term_stems.find(term_stems.key("مزاج منخفض", "ar"), f"{word} المنخفض", "ar"), word


def test_arabic_letter_forms_and_short_vowels_do_not_hide_a_word():
    assert term_stems.find(term_stems.key("لتساعدك", "ar"), "فقط لِتُساعِدَك على", "ar")
    assert not term_stems.find(term_stems.key("لتساعدك", "ar"), "فقط لمساعدتك على", "ar")
    assert not term_stems.find(term_stems.key("مزاج منخفض", "ar"), "علاجًا منخفض الشدة", "ar")


def test_urdu_keeps_its_plural_forms_apart():
    assert term_stems.find(term_stems.key("سیشنز", "ur"), "آپ کے سیشنز میں", "ur")
    assert not term_stems.find(term_stems.key("سیشنز", "ur"), "آپ کے سیشنوں میں", "ur")
    assert term_stems.find(term_stems.key("سیشنز", "ur"), "سيشنز", "ur")  # Arabic ي for Urdu ی


def test_a_bengali_word_is_one_word_with_its_vowel_signs_and_found_behind_its_endings():
    # Each vowel sign is a combining mark: read as a word break, "সেবা" would be "স" and "ব".
    assert term_stems.words("আপনার পরিষেবার থেরাপিস্ট") == [("আপনার", 0), ("পরিষেবার", 6), ("থেরাপিস্ট", 15)]
    for form in ("পরিষেবা", "পরিষেবার", "পরিষেবাগুলো", "পরিষেবাকে", "পরিষেবায়"):
        assert term_stems.find(term_stems.key("পরিষেবা", "bn"), f"আপনার {form} আছে", "bn"), form
    assert not term_stems.find(term_stems.key("সেবা", "bn"), "আপনার পরিষেবা আছে", "bn")


def test_a_gujarati_word_is_one_word_with_its_vowel_signs_and_found_behind_its_endings():
    # Gujarati vowel signs and the virama (ા િ ે ્) are combining marks, as in Bengali: "સેવા" is one word.
    assert term_stems.words("આપની સેવાના થેરાપિસ્ટ") == [("આપની", 0), ("સેવાના", 5), ("થેરાપિસ્ટ", 12)]
    for form in ("સેવા", "સેવાના", "સેવામાં", "સેવાઓ", "સેવાથી"):
        assert term_stems.find(term_stems.key("સેવા", "gu"), f"આપની {form} છે", "gu"), form
    assert not term_stems.find(term_stems.key("સેવા", "gu"), "આપની આરોગ્યસેવા છે", "gu")


def test_a_panjabi_word_is_one_word_with_its_vowel_signs_however_its_nukta_was_typed():
    # Gurmukhi vowel signs (ਿ ੀ ੈ ੰ ੱ) are combining marks: "ਡਿਪਰੈਸ਼ਨ" is one word, not "ਡ" and "ਪਰ".
    assert term_stems.words("ਤੁਹਾਡਾ ਡਿਪਰੈਸ਼ਨ ਸੈਸ਼ਨ") == [("ਤੁਹਾਡਾ", 0), ("ਡਿਪਰੈਸ਼ਨ", 7), ("ਸੈਸ਼ਨ", 16)]
    one_character, letter_and_nukta, no_nukta = "ਨਿਰਾ\u0a36ਾ", "ਨਿਰਾ\u0a38\u0a3cਾ", "ਨਿਰਾ\u0a38ਾ"
    for variant in (one_character, letter_and_nukta):
        for page_word in (one_character, letter_and_nukta, no_nukta):
            assert term_stems.find(term_stems.key(variant, "pa"), f"ਇਹ {page_word} ਹੈ।", "pa"), (variant, page_word)
    assert not term_stems.find(term_stems.key("ਨਿਰਾਸ਼ਾ", "pa"), "ਮੈਂ ਨਿਰਾਸ਼ ਹਾਂ।", "pa")  # "let down" is not the rejected noun


def test_a_panjabi_page_that_calls_the_service_sanstha_fails(tmp_path):
    page = "---\ntitle: DIT\n---\n\nਤੁਹਾਡੀ ਸੇਵਾ ਮੁਫ਼ਤ ਹੈ।\n\nਤੁਹਾਡੀ ਸੰਸਥਾ ਮੁਫ਼ਤ ਹੈ।\n"
    found, _ = terms.problems(project_with(tmp_path, "pa", page), LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["content/pa/about-dit.md:7"], found


def test_a_persian_page_that_calls_talking_therapy_speech_therapy_fails(tmp_path):
    # گفتاردرمانی is speech and language therapy; خلق پایین a calque of "low mood" (fa.tbx).
    page = "---\ntitle: DIT\n---\n\nDIT درمان با گفت\u200cوگو است و به روحیهٔ پایین کمک می\u200cکند.\n\nDIT یک گفتاردرمانی برای خلق پایین است.\n"
    found, _ = terms.problems(project_with(tmp_path, "fa", page), LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["content/fa/about-dit.md:7"] * 2, found
    assert any("write 'درمان با گفت\u200cوگو'" in f for f in found)


def test_a_persian_word_typed_with_arabic_letters_or_without_its_joiner_is_still_found():
    # A keyboard may give Arabic ك and ي, and a writer may leave out the zero-width non-joiner.
    assert term_stems.find(term_stems.key("گفتاردرمانی", "fa"), "یک گفتاردرماني است", "fa")
    assert term_stems.find(term_stems.key("سرویس\u200cها", "fa"), "این سرویسها رایگان است", "fa")
    assert not term_stems.find(term_stems.key("سرویس", "fa"), "این مرکز رایگان است", "fa")


def test_chinese_finds_a_rejected_variant_inside_a_run_of_characters(tmp_path):
    """Chinese writes no spaces between words: 疗程 (a whole course of treatment) is caught inside
    "16 个疗程", and the chosen 会谈 is not taken for it."""
    page = "---\ntitle: DIT\n---\n\n您通常会有 16 次会谈。\n\n您通常会有 16 个疗程。\n"
    found, _ = terms.problems(project_with(tmp_path, "zh-Hans", page), LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["content/zh-Hans/about-dit.md:7"], found
    assert "write '会谈'" in found[0]


def test_a_turkish_word_is_found_under_its_stacked_suffixes_and_softened_end():
    for line in ("Kurumunuza sorun.", "Oturumlarınız haftada bir.", "Ayrılık mektubunuzu okuyun.",
                 "PRATİSYEN HEKİMİNİZE gidin."):
        found = [term_stems.find(term_stems.key(variant, "tr"), line, "tr")
                 for variant in ("kurum", "oturum", "ayrılık mektubu", "pratisyen hekim")]
        assert any(found), line
    # psikolojik is not psikolog, and a shorter word is not the variant.
    assert not term_stems.find(term_stems.key("psikolog", "tr"), "psikolojik danışmanlık", "tr")
    assert not term_stems.find(term_stems.key("rehberlik", "tr"), "Rehberli kendi kendine yardım", "tr")


def test_a_tamil_word_keeps_its_vowel_signs_and_pulli_and_is_found_behind_its_endings():
    # The vowel signs (ி ை ொ) and the pulli (்) are combining marks: read as word breaks, "சிகிச்சை"
    # would fall apart into single letters.
    assert term_stems.words("உங்கள் சிகிச்சையாளர் பேசுவார்") == [("உங்கள்", 0), ("சிகிச்சையாளர்", 7), ("பேசுவார்", 21)]
    for variant, form in [("தேர்வு", "தேர்வுக்கு"), ("தேர்வு", "தேர்வில்"), ("தேர்வு", "தேர்வுகள்"),
                          ("வைத்தியர்", "வைத்தியரை"), ("வைத்தியர்", "வைத்தியரிடம்"), ("கூட்டம்", "கூட்டத்தில்"),
                          ("கூட்டம்", "கூட்டங்கள்"), ("இரகசியம்", "இரகசியமாக"), ("உறவுமுறை", "உறவுமுறையில்")]:
        assert term_stems.find(term_stems.key(variant, "ta"), f"இது {form} உள்ளது", "ta"), form
    # ொ typed as its two signs (ெ + ா) is the same letter
    assert term_stems.find(term_stems.key("பொது", "ta"), "இது \u0baa\u0bc6\u0bbeது", "ta")
    # the chosen words are not taken for the rejected ones
    assert not term_stems.find(term_stems.key("தேர்வு", "ta"), "உங்கள் மதிப்பீட்டில் தெரிவு உண்டு", "ta")
    assert not term_stems.find(term_stems.key("உறவுமுறை", "ta"), "உங்கள் உறவுப் போக்கு", "ta")


def test_a_tamil_page_that_calls_talking_therapy_speech_therapy_fails(tmp_path):
    # பேச்சு சிகிச்சை is speech and language therapy (ta.tbx), with or without the doubled ச்.
    page = ("---\ntitle: DIT\n---\n\nDIT ஓர் உரையாடல் சிகிச்சை.\n\n"
            "DIT ஒரு பேச்சுச் சிகிச்சையாக வழங்கப்படுகிறது.\n")
    found, _ = terms.problems(project_with(tmp_path, "ta", page), LANGUAGES)
    assert [f.split(": '")[0] for f in found] == ["content/ta/about-dit.md:7"], found
    assert "write 'NHS Talking Therapies'" in found[0]
