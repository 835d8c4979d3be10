"""Changes tests make to a copy of the project, to read their effect on the built pages. They touch
different files, or different parts of one file, so a single copy holds them all and a single build
(the `changed_site` fixture, tests/builds.py) serves every test that reads them: one build instead
of one each. Each test names the change it reads; a new change must leave the pages the other tests
read as they expect them (a translation goes stale when its English title, description or text
changes, so the English pages changed here are ones whose translations no test reads as up to date)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.inputs import translations


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for the start of `day` (UTC): the build's "today"."""
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()))


# The changed copy is built on this day, when an_overdue_polish_page is overdue and no other page is.
TODAY = "2027-06-01"
CONDITIONS = {"SOURCE_DATE_EPOCH": epoch(TODAY)}


def _edit(path: Path, change) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def add_french(project: Path) -> None:
    """A seventh language: its folder (the Polish pages, copied) and its entry in mkdocs.yml."""
    shutil.copytree(project / "content" / "pl", project / "content" / "fr")
    _edit(project / "mkdocs.yml", lambda text: text.replace(
        "        - locale: ur\n", "        - locale: fr\n          name: Français\n        - locale: ur\n"))


def give_french_helpline_hours(project: Path) -> None:
    """The hours of lines that are not open 24 hours, in French (here the Polish, copied)."""
    _edit(project / "settings" / "helplines.yml",
          lambda text: re.sub(r"^    pl: (.*)$", r"    pl: \1\n    fr: \1", text, flags=re.M))


# Chinese text, for the search (no Chinese pages yet): the English "Relationships, feelings and
# patterns" and two of its sentences, at the end of the French about page. Material's search plugin
# cuts any Han text into words with jieba, whatever the page's language.
CHINESE_PAGE = "fr/about-dit/"
CHINESE_HEADING = "人际关系、感受和模式"
CHINESE_TEXT = "DIT 是一种治疗抑郁症的疗法。你和治疗师一起找出一个反复出现的模式，并针对它进行工作。"


def a_chinese_passage(project: Path) -> None:
    _edit(project / "content" / "fr" / "about-dit.md", lambda text: (
        f"{text.rstrip()}\n\n## {CHINESE_HEADING} {{#chinese lang=zh}}\n\n{CHINESE_TEXT}\n{{: lang=zh }}\n"))


def fewer_sessions_by_video(project: Path) -> None:
    """12 sessions of 45 minutes (phases 1-4, 5-9, 10-12), by video only."""
    def change(text: str) -> str:
        text = text.replace("sessions: 16", "sessions: 12").replace("minutes: 50", "minutes: 45")
        text = text.replace("middle: [5, 12]", "middle: [5, 9]").replace("ending: [13, 16]", "ending: [10, 12]")
        return text.replace("formats: [face_to_face, video]", "formats: [video]")
    _edit(project / "settings" / "service.yml", change)


REVIEWER = "test-reviewer"


def a_listed_reviewer_and_a_sign_off(project: Path) -> None:
    """A listed reviewer named by the English glossary, and a signed review pack recorded for two
    other English pages, as an editor does (the copy runs its own scripts on its own files)."""
    (project / "settings" / "reviewers.yml").write_text(
        f"{REVIEWER}:\n  name: Test Reviewer\n  role: Test role\n  qualification: Made-up qualification\n",
        encoding="utf-8")
    _edit(project / "content" / "en" / "glossary.md", lambda text: text.replace('reviewed_by: ""', f"reviewed_by: {REVIEWER}"))
    subprocess.run([sys.executable, "-m", "scripts", "sign-off", "--reviewer", REVIEWER, "--date", "2026-11-02",
                    "--commit", "2026.11.01-0000000", "content/en/about-dit.md", "content/en/phases/middle.md"],
                   cwd=project, check=True, capture_output=True, text=True)


def a_reviewed_and_a_stale_translation(project: Path) -> None:
    """The Spanish glossary reviewed (by the reviewer a_listed_reviewer_and_a_sign_off lists), and
    the English questions page changed after its translations were made."""
    spanish = project / "content" / "es" / "glossary.md"
    translations.mark_reviewed(spanish, REVIEWER)
    meta, _ = translations.split(spanish.read_text(encoding="utf-8"))
    assert meta["translation"]["status"] == "reviewed" and meta["translation"]["reviewer"] == REVIEWER
    _edit(project / "content" / "en" / "questions.md", lambda text: text + "\nA new answer.\n")


# changes.one_english_sentence_changed: the English passage changed, and where it sits.
CHANGED_PAGE, CHANGED_SECTION, CHANGED_BLOCK = "questions", "childhood", "childhood.p1"


def one_english_sentence_changed(project: Path) -> None:
    """One sentence of the English questions page reworded: its passage in every translation is stale
    (the page is already stale: a_reviewed_and_a_stale_translation adds an answer to it)."""
    _edit(project / "content" / "en" / f"{CHANGED_PAGE}.md", lambda text: text.replace(
        "DIT is mostly about your life now.", "DIT is mainly about your life today.", 1))


SIGNED_LANGUAGE, STALE_LANGUAGE = "es", "ur"


def a_translator_signs_spanish_urgent_text_and_urdus_goes_stale(project: Path) -> None:
    """The listed reviewer (a_listed_reviewer_and_a_sign_off) is a qualified translator into Spanish
    and reviewed the Spanish /get-help-now/, which signs Spanish urgent text; the Urdu /get-help-now/
    was made from an older English page (stale), so Urdu urgent text shows the English instead."""
    _edit(project / "settings" / "reviewers.yml", lambda text: text + f"  translates: [{SIGNED_LANGUAGE}]\n")
    translations.mark_reviewed(project / "content" / SIGNED_LANGUAGE / "get-help-now.md", REVIEWER)
    _edit(project / "content" / STALE_LANGUAGE / "get-help-now.md",
          lambda text: re.sub(r"^    top\.p1: \S+$", "    top.p1: abcdefabcdefabcd", text, count=1, flags=re.M))


def a_moved_page(project: Path) -> None:
    """The glossary's old address, words-we-use/, recorded as moved."""
    (project / "settings" / "moves.yml").write_text("- from: words-we-use/\n  to: glossary/\n", encoding="utf-8")


def an_overdue_polish_page(project: Path) -> None:
    """The Polish glossary was due for review on 2027-01-01, before TODAY."""
    _edit(project / "content" / "pl" / "glossary.md",
          lambda text: re.sub(r"^next_review: \S+$", "next_review: 2027-01-01", text, flags=re.M))


QUOTED_PAGE = "other-therapies"
QUOTED_DESCRIPTION = 'Words "we" use & more'


def quotes_in_a_description(project: Path) -> None:
    """Double quotes and an ampersand in an English page's description."""
    def change(text: str) -> str:
        old = next(line for line in text.splitlines() if line.startswith("description: "))
        return text.replace(old, f"description: '{QUOTED_DESCRIPTION}'", 1)
    _edit(project / "content" / "en" / f"{QUOTED_PAGE}.md", change)


# "Need help now?" as a long translation may say it, in a left-to-right and a right-to-left language
# (the French folder holds the Polish, copied): over 45 characters, with a word of 15 letters.
LONG_URGENT_TITLES = {"fr": "Czy potrzebujesz natychmiastowej pomocy teraz?",
                      "ar": "هل تحتاج إلى مساعدة عاجلة من شخص ما الآن فورًا؟"}


def long_need_help_now_titles(project: Path) -> None:
    """The header's "Need help now?" (strings.yml urgent.title) much longer in French and Arabic."""
    for lang, title in LONG_URGENT_TITLES.items():
        _edit(project / "content" / lang / "strings.yml",
              lambda text, title=title: re.sub(r"^(urgent:\n  title: ).*$", rf"\g<1>{title}", text, count=1, flags=re.M))


# French first: it copies the Polish pages before the Polish glossary becomes overdue.
ALL = (add_french, give_french_helpline_hours, a_chinese_passage, fewer_sessions_by_video,
       a_listed_reviewer_and_a_sign_off, a_reviewed_and_a_stale_translation, one_english_sentence_changed,
       a_translator_signs_spanish_urgent_text_and_urdus_goes_stale, a_moved_page, an_overdue_polish_page,
       quotes_in_a_description, long_need_help_now_titles)


def apply_all(project: Path) -> None:
    for change in ALL:
        change(project)
