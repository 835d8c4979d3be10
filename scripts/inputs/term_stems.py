"""Word stems for the termbase check: enough of each language's grammar to see that "placówce" is
"placówka" and "wasanaeth" is "gwasanaeth", and no more. A full stemmer (Morfeusz, a Welsh lemmatiser)
would be a new dependency for a handful of terms; these few rules are small enough to read and test.

A rejected variant is written in its plain form ("placówka", "Samaritans", "مزاج منخفض"); the check
turns it into a `key` (one stem per word) and asks, word by word, whether a page's word has that stem
among its `forms`. Each language:

- pl: case endings are stripped from the end of the word (placówka, placówki, placówkę, placówką,
  placówkach -> placówk), with the two stem changes the declension brings: -c- before -e back to -k-
  (placówce) and the "fleeting e" of -ek (ośrodek / ośrodka -> ośrodk).
- cy: a word may begin with a mutated consonant (soft, nasal or aspirate mutation, or h- before a
  vowel): its forms are every radical it could have come from (wasanaeth, ngwasanaeth -> gwasanaeth;
  Samariaid -> Samariaid). Some forms are not real words (fam -> bam and mam): harmless, since a form
  only matters when it equals a rejected variant.
- ar: letters that are written several ways are unified (أ إ آ -> ا, ة -> ه, ى -> ي, no short vowels
  or tatweel); the attached prefixes و ف, then ب ل ك, then ال (and لل, which is ل + ال) may be
  taken off the front, and one attached pronoun (ك، ه، ها، هم، كم، نا، ي...) off the end.
- ur: letters unified as for Arabic, with Urdu's own forms (ک ی ہ); Urdu writes its case words apart
  (کا، کی، میں), so no affix is taken off: "سیشنوں" and "سیشنز" stay different words, as they should.
- fa: Arabic ك ي read as Persian ک ی, and the zero-width non-joiner ignored (جلسه‌ها = جلسهها).
- bn: a vowel sign is part of its word (\\w alone would cut words at each one); one case or plural
  ending written onto a noun may be taken off the end (সার্ভিসের, সার্ভিসগুলো -> সার্ভিস).
- ta: a vowel sign and the pulli (்) are part of their word, as in Bengali; one case or plural ending
  written onto a noun may be taken off the end, undoing the joins Tamil makes there: a glide (சிகிச்சை
  + இல் -> சிகிச்சையில்), a final உ or pulli dropped before a vowel (தேர்வு -> தேர்வில், வைத்தியர் ->
  வைத்தியரை), -ம் turned to -த்த- or -ங்- (கூட்டம் -> கூட்டத்தில், கூட்டங்கள்), and the doubled
  consonant before the next word (பேச்சுச் சிகிச்சை).
- gu: as for Bengali, a vowel sign (ા િ ે ્...) is part of its word; one case ending or postposition
  written onto a noun may be taken off the end (સેવાના, સેવામાં, સેવાઓ -> સેવા).
- pa: Gurmukhi vowel signs are part of their word, as for Bengali; a letter with a nukta may be typed
  as one character or as letter + nukta (ਸ਼ U+0A36 or ਸ + ਼; NFC always gives the pair), and many
  writers leave the nukta out (ਫ਼ੋਨ, ਫੋਨ): both are read without it. Panjabi writes its case words
  apart (ਦਾ, ਨੂੰ, ਵਿੱਚ), so no ending is taken off.
- zh (and ja): written without spaces between words, so a run of Han characters is a whole clause, not
  a word: a rejected variant is found anywhere inside the line ("16 个疗程" holds 疗程). Chinese has
  no inflection to undo.
- tr: suffixes are stacked onto a word (kurum, kurumunuz, kurumunuza; NHS'ten after an apostrophe),
  so a page's word stands for each of its beginnings; a final b c d ğ is read back as p ç t k, the
  consonant a vowel suffix softens (mektubu -> mektup). Lower case the Turkish way (I -> ı, İ -> i).
  Any longer word starting with a variant counts (mahremiyet holds mahrem): reject whole roots.
- es (and any other language): lower case only; a variant of several words is matched word for word.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from scripts.inputs.writing import without_spaces

# The vowel signs and other marks of the Indic scripts (Devanagari to Sinhala, U+0900-U+0DFF: Bengali,
# Gurmukhi, Gujarati, Tamil...), and the joiners inside Bengali words (র‍্যা): \w leaves them out,
# which would cut "সেবা" into "স" and "ব".
INDIC_MARKS = "".join(chr(c) for c in range(0x0900, 0x0E00) if unicodedata.category(chr(c)) in ("Mn", "Mc"))
# A letter, or a combining mark (Arabic short vowels, Indic vowel signs), repeated; "o'r" is one word.
LETTERS = rf"(?:[^\W_]|[\u0300-\u036f\u064b-\u065f\u0670\u200c\u200d{INDIC_MARKS}])+"
WORD = re.compile(rf"{LETTERS}(?:[’']{LETTERS})*")

# Polish -------------------------------------------------------------------------------------------

# Noun and adjective case endings, longest first, so "-iach" goes before "-ach" before "-a".
POLISH_ENDINGS = sorted({
    "a", "u", "y", "i", "e", "ę", "ą", "o", "om", "em", "ie", "owi", "ów", "ach", "ami",
    "ia", "io", "ii", "ią", "ię", "iom", "iach", "iami", "iem", "ego", "emu", "ej", "ym", "im", "ych", "ich", "ymi", "imi",
}, key=len, reverse=True)
POLISH_MIN_STEM = 3


def polish_stem(word: str) -> str:
    word = word.lower()
    stem, ending = word, ""
    for candidate in POLISH_ENDINGS:
        if word.endswith(candidate) and len(word) - len(candidate) >= POLISH_MIN_STEM:
            stem, ending = word[: -len(candidate)], candidate
            break
    if ending in ("e", "ie") and stem.endswith("c"):
        stem = stem[:-1] + "k"  # placówce -> placówk (k softens to c before -e)
    if not ending and re.search(r"[^aeiouyąęó]ek$", stem):
        stem = stem[:-2] + "k"  # ośrodek, placówek -> ośrodk, placówk (the e drops when an ending follows)
    return stem


# Welsh --------------------------------------------------------------------------------------------

# Each mutation as (radical, mutated) pairs, longest mutated form first when read back.
SOFT = [("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"), ("g", ""), ("m", "f"), ("ll", "l"), ("rh", "r")]
NASAL = [("p", "mh"), ("t", "nh"), ("c", "ngh"), ("b", "m"), ("d", "n"), ("g", "ng")]
ASPIRATE = [("p", "ph"), ("t", "th"), ("c", "ch")]
WELSH_MUTATIONS = SOFT + NASAL + ASPIRATE
WELSH_VOWELS = "aeiouwyâêîôûŵŷ"


def welsh_mutations(radical: str) -> set[str]:
    """Every form a Welsh word can take at its start: the radical and its mutations."""
    radical = radical.lower()
    forms = {radical}
    for start, mutated in WELSH_MUTATIONS:
        if radical.startswith(start) and radical[:2] not in ("ph", "th", "ch"):  # ch-, th- never mutate
            forms.add(mutated + radical[len(start):])
    if radical[:1] in WELSH_VOWELS:
        forms.add("h" + radical)  # ei henw, ei hiselder: h- before a vowel after "her", "our"...
    return {form for form in forms if form}


def welsh_radicals(word: str) -> set[str]:
    """Every radical a Welsh word could be a mutation of (itself included)."""
    word = word.lower()
    radicals = {word}
    for start, mutated in WELSH_MUTATIONS:
        if mutated and word.startswith(mutated):
            radicals.add(start + word[len(mutated):])
    radicals.add("g" + word)  # the soft mutation drops g: wasanaeth -> gwasanaeth
    if word.startswith("h") and word[1:2] in WELSH_VOWELS:
        radicals.add(word[1:])
    return radicals


# Arabic, Urdu and Persian ----------------------------------------------------------------------

ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None})
URDU_LETTERS = str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی", "ه": "ہ", "ة": "ہ", "ۀ": "ہ", "ـ": None, "\u200c": None})
# Persian writes ک and ی where Arabic has ك and ي (a keyboard may type either), and joins or parts a
# word's pieces with the zero-width non-joiner (جلسه‌ها, می‌توانید) or without it.
PERSIAN_LETTERS = str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی", "ـ": None, "\u200c": None})
ARABIC_CONJUNCTIONS = ("و", "ف")
ARABIC_PREPOSITIONS = ("ب", "ل", "ك")
ARABIC_SUFFIXES = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها", "ك", "ه", "ي")
ARABIC_MIN_STEM = 2


def _without_marks(word: str) -> str:
    # Short vowels, shadda and sukun are combining marks: a word means the same with or without them.
    return "".join(ch for ch in unicodedata.normalize("NFC", word) if not unicodedata.combining(ch))


def arabic_letters(word: str) -> str:
    return _without_marks(word).translate(ARABIC_LETTERS)


def urdu_letters(word: str) -> str:
    return _without_marks(word).translate(URDU_LETTERS)


def persian_letters(word: str) -> str:
    return _without_marks(word).translate(PERSIAN_LETTERS)


def arabic_stems(word: str) -> set[str]:
    """The word and each reading of it with attached prefixes and one pronoun suffix taken off."""
    word = arabic_letters(word)
    starts = {word}
    for conjunction in ("", *ARABIC_CONJUNCTIONS):
        for preposition in ("", *ARABIC_PREPOSITIONS):
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if prefix and word.startswith(prefix):
                    starts.add(word[len(prefix):])
                if preposition == "ل" and article and word.startswith(conjunction + "لل"):
                    starts.add(word[len(conjunction) + 2:])  # لل = ل + ال: للمزاج -> مزاج
    stems = set(starts)
    for start in starts:
        for suffix in ARABIC_SUFFIXES:
            if start.endswith(suffix):
                stems.add(start[: -len(suffix)])
    return {stem for stem in stems if len(stem) >= ARABIC_MIN_STEM}


# Bengali ------------------------------------------------------------------------------------------

# Case and plural endings written onto a noun (সার্ভিসের, সার্ভিসগুলো, সার্ভিসকে, সার্ভিসে), longest
# first; one is taken off, leaving at least two letters.
BENGALI_ENDINGS = ("গুলোকে", "গুলোতে", "গুলোর", "গুলো", "গুলি", "দেরকে", "দের", "টিকে", "টির", "টি", "টা",
                   "কে", "তে", "য়ে", "য়", "ের", "এর", "র", "ে", "রা")
BENGALI_MIN_STEM = 2


def one_ending_off(endings: tuple[str, ...], min_stem: int) -> Callable[[str], set[str]]:
    """Stems for a language that writes its case endings onto a noun: the word, and the word with one
    of `endings` taken off, leaving at least `min_stem` letters."""
    def stems(word: str) -> set[str]:
        word = unicodedata.normalize("NFC", word)
        return {word} | {word[: -len(ending)] for ending in endings
                         if word.endswith(ending) and len(word) - len(ending) >= min_stem}
    return stems


bengali_stems = one_ending_off(BENGALI_ENDINGS, BENGALI_MIN_STEM)


# Turkish ------------------------------------------------------------------------------------------

TURKISH_CASE = str.maketrans({"I": "ı", "İ": "i"})
# A vowel suffix softens a final p ç t k to b c d ğ (mektup -> mektubu, kitap -> kitabı).
TURKISH_SOFTENED = {"b": "p", "c": "ç", "d": "t", "ğ": "k"}
TURKISH_MIN_STEM = 3


def turkish_lower(word: str) -> str:
    return word.translate(TURKISH_CASE).lower()


def turkish_key(word: str) -> str:
    return turkish_lower(word).replace("'", "")


def turkish_stems(word: str) -> set[str]:
    """Every beginning of the word (at least three letters), and each with a softened end read back."""
    word = turkish_lower(word.replace("’", "'")).replace("'", "")
    stems = {word[:end] for end in range(TURKISH_MIN_STEM, len(word) + 1)} | {word}
    return stems | {stem[:-1] + TURKISH_SOFTENED[stem[-1]] for stem in stems if stem[-1:] in TURKISH_SOFTENED}


# Tamil ---------------------------------------------------------------------------------------------

PULLI = "\u0bcd"
# Case endings that begin with a vowel sign: the noun's final pulli or உ gave way to the vowel
# (வைத்தியர் + ஐ -> வைத்தியரை, தேர்வு + இல் -> தேர்வில்).
TAMIL_VOWEL_ENDINGS = ("ிலிருந்து", "ிடமிருந்து", "ுக்கு", "ுடன்", "ிடம்", "ில்", "ின்", "ால்", "ோடு", "ும்", "ாக", "ை")
# Plural and plural-with-case endings, written straight onto the noun (சிகிச்சைகளில்).
TAMIL_PLURALS = ("களிலிருந்து", "களுக்கு", "களுடன்", "களிடம்", "களில்", "களின்", "களால்", "களும்", "களை", "கள்")
# -ம் nouns: கூட்டம் -> கூட்டத்தில், கூட்டத்துக்கு, கூட்டங்கள்.
TAMIL_M_ENDINGS = ("த்திலிருந்து", "த்துக்கு", "த்துடன்", "த்தில்", "த்தின்", "த்தால்", "த்தை", "த்தும்", "மாக",
                   "ங்களுக்கு", "ங்களில்", "ங்களை", "ங்கள்")
# The dative after a vowel, and a hard consonant doubled before the next word (பேச்சுச் சிகிச்சை).
TAMIL_PLAIN_ENDINGS = ("க்கு", "க்", "ச்", "த்", "ப்")
TAMIL_MIN_STEM = 2


def tamil_stems(word: str) -> set[str]:
    """The word and each noun it may be with one case or plural ending taken off."""
    word = unicodedata.normalize("NFC", word)  # ொ ோ ௌ typed as two signs are the same letter
    stems = {word}

    def cut(ending: str) -> str | None:
        rest = word[: -len(ending)]
        return rest if word.endswith(ending) and len(rest) >= TAMIL_MIN_STEM else None

    for ending in TAMIL_VOWEL_ENDINGS:
        for glide in ("ய", "வ"):  # after a vowel a glide comes in: சிகிச்சையில், பலவின்
            if (rest := cut(glide + ending)) is not None:
                stems.add(rest)
        if (rest := cut(ending)) is not None:
            stems.update({rest + PULLI, rest + "ு"})
    for ending in TAMIL_PLURALS + TAMIL_PLAIN_ENDINGS:
        if (rest := cut(ending)) is not None:
            stems.add(rest)
    for ending in TAMIL_M_ENDINGS:
        if (rest := cut(ending)) is not None:
            stems.add(rest + "ம" + PULLI)
    return stems


# Gujarati -----------------------------------------------------------------------------------------

# Postpositions and plural endings written onto a noun (સેવાના, સેવામાં, સેવાઓનો, સેવાથી), longest
# first; one is taken off, leaving at least two letters.
GUJARATI_ENDINGS = ("ઓમાંથી", "માંથી", "ઓમાં", "ઓને", "ઓનો", "ઓની", "ઓના", "ઓનું", "માં", "થી", "નાં", "નું",
                    "ના", "ની", "નો", "ને", "એ", "ઓ")
GUJARATI_MIN_STEM = 2
gujarati_stems = one_ending_off(GUJARATI_ENDINGS, GUJARATI_MIN_STEM)


# Panjabi (Gurmukhi) --------------------------------------------------------------------------------

GURMUKHI_NUKTA = "\u0a3c"


def gurmukhi_letters(word: str) -> str:
    """One spelling for a Gurmukhi word however its nukta letters were typed (ਸ਼, ਸ + ਼, ਸ)."""
    return unicodedata.normalize("NFC", word).replace(GURMUKHI_NUKTA, "")


# One interface for the check ----------------------------------------------------------------------

@cache  # a page repeats its words, and each is compared with every rejected variant
def forms(word: str, lang: str) -> frozenset[str]:
    """Every stem a page's word may stand for, in one language."""
    return frozenset(_forms(word, lang))


def _nfc(word: str) -> str:
    return unicodedata.normalize("NFC", word)


# Per language: how a termbase variant's word is written as a stem (`key`), and every stem a page's
# word may stand for (`forms`). A language not listed compares words in lower case.
RULES: dict[str, tuple[Callable[[str], str], Callable[[str], set[str]]]] = {
    "pl": (polish_stem, lambda word: {polish_stem(word)}),
    "cy": (str.lower, lambda word: welsh_radicals(word.replace("’", "'"))),
    "ar": (arabic_letters, arabic_stems),
    "ur": (urdu_letters, lambda word: {urdu_letters(word)}),
    "fa": (persian_letters, lambda word: {persian_letters(word)}),
    "bn": (_nfc, bengali_stems),
    "tr": (turkish_key, turkish_stems),
    "ta": (_nfc, tamil_stems),
    "gu": (_nfc, gujarati_stems),
    "pa": (gurmukhi_letters, lambda word: {gurmukhi_letters(word)}),
}
PLAIN = (str.lower, lambda word: {word.lower()})


def _forms(word: str, lang: str) -> set[str]:
    return RULES.get(lang, PLAIN)[1](word)


def key(variant: str, lang: str) -> tuple[str, ...]:
    """A termbase variant as stems, one per word, to compare with `forms` of a page's words."""
    stem = RULES.get(lang, PLAIN)[0]
    return tuple(stem(word) for word in WORD.findall(variant))


def words(text: str) -> list[tuple[str, int]]:
    """The words of a line and the column (0-based) each starts at."""
    return [(match.group(0), match.start()) for match in WORD.finditer(text)]


def find(variant_key: tuple[str, ...], line: str, lang: str) -> list[tuple[str, int]]:
    """Where a variant's words occur, in order and side by side, in a line: (the text found, column)."""
    if without_spaces(lang):  # a run of Han characters is a clause: look inside it
        variant = " ".join(variant_key)
        return [(variant, m.start()) for m in re.finditer(re.escape(variant), line.lower())] if variant else []
    found_words = words(line)
    hits = []
    size = len(variant_key)
    for index in range(len(found_words) - size + 1):
        window = found_words[index:index + size]
        if size and all(stem in forms(word, lang) for stem, (word, _) in zip(variant_key, window)):
            start, (last, last_column) = window[0][1], window[-1]
            hits.append((line[start:last_column + len(last)], start))
    return hits
