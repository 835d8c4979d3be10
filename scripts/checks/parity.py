"""Structural parity: a translation keeps its English page's headings, paragraphs, list items, internal
links, placeholders (service numbers, phone numbers, urgent help) and no typed number the English
lacks, and a length
within a per-language ratio of the English."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from scripts.inputs import frontmatter
from scripts.inputs.digits import to_ascii
from scripts.inputs.placeholders import PLACEHOLDER
from scripts.inputs.segments import EXTENSIONS
from scripts.inputs.translations import split


@dataclass(frozen=True)
class Shape:
    headings: list[tuple[int, str]]
    paragraphs: int
    list_items: int
    links: Counter
    placeholders: Counter
    numbers: Counter
    length: int


def shape(text: str) -> Shape:
    _, body = split(text)
    placeholders = Counter(m.group(0).replace(" ", "") for m in PLACEHOLDER.finditer(body))
    # Each placeholder becomes a word joiner (U+2060): not a space, so a line that starts with two
    # placeholders is not read as indented code, and a list item that is one placeholder stays an item
    html = BeautifulSoup(markdown.markdown(PLACEHOLDER.sub("\u2060", body), extensions=EXTENSIONS), "html.parser")
    links = Counter(a["href"] for a in html.find_all("a", href=True)
                    if not re.match(r"[a-z]+:", a["href"]) or "{{" in a["href"])
    links.update(m.group(1) for m in re.finditer(r"\]\((\{\{[^)]*\}\})\)", body))
    words = html.get_text(" ")
    return Shape(
        headings=sorted((int(h.name[1]), h.get("id", "")) for h in html.find_all(re.compile("^h[1-6]$"))),
        paragraphs=len(html.find_all("p")),
        list_items=len(html.find_all("li")),
        links=links,
        placeholders=placeholders,
        numbers=Counter(re.findall(r"\d+", to_ascii(words))),  # ۱۶ and ১৬ are 16
        length=len(re.sub(r"\s+", " ", words).strip()),
    )


def differences(english: Path, translated: Path, ratio: tuple[float, float], where: str | None = None) -> list[str]:
    """Every way the translation's structure differs from the English, each naming the file (as `where`
    says, else its whole path)."""
    where = where or translated.as_posix()
    text = translated.read_text(encoding="utf-8")
    try:  # front matter MkDocs cannot read would count as body text: paragraphs, numbers the English lacks
        if frontmatter.block(text) is not None:
            frontmatter.read(text)
    except frontmatter.FrontMatterError as error:
        return [f"{where}:{error.line}: {error}"]
    source, target = shape(english.read_text(encoding="utf-8")), shape(text)
    found = []
    if source.headings != target.headings:
        missing = sorted(set(source.headings) - set(target.headings))
        extra = sorted(set(target.headings) - set(source.headings))
        found.append(f"{where}: headings differ from {english.name} (missing {missing}, extra {extra}; "
                     "keep each heading's level and {#id})")
    for name in ("paragraphs", "list_items"):
        if getattr(source, name) != getattr(target, name):
            found.append(f"{where}: {getattr(target, name)} {name.replace('_', ' ')}, "
                         f"the English has {getattr(source, name)}")
    for name in ("links", "placeholders"):
        a, b = getattr(source, name), getattr(target, name)
        if a != b:
            found.append(f"{where}: {name} differ from the English: missing {sorted((a - b).elements())}, "
                         f"extra {sorted((b - a).elements())}")
    # Typed numbers (ages, years) may be written as words ("24 hours" is "całą dobę"), but a number
    # the English does not have is a mistake: a typed phone number, or a changed age.
    extra = target.numbers - source.numbers
    if extra:
        found.append(f"{where}: numbers the English does not have: {sorted(extra.elements())} "
                     "(write phone numbers and service numbers as placeholders)")
    low, high = ratio
    if source.length and not low <= target.length / source.length <= high:
        found.append(f"{where}: length is {target.length / source.length:.2f} times the English "
                     f"(expected {low} to {high})")
    return found


def project_differences(content: Path, languages: list[str], ratios: dict) -> list[str]:
    """Every translated page under content/ against its English page (the first language), each
    problem naming the file as content/<lang>/<page>. `ratios` is quality.yml's length_ratio."""
    source, found = languages[0], []
    for lang in languages[1:]:
        ratio = tuple(ratios.get(lang, ratios["default"]))
        for english in sorted((content / source).rglob("*.md")):
            page = english.relative_to(content / source)
            translated = content / lang / page
            if translated.exists():
                found += differences(english, translated, ratio, f"{content.name}/{lang}/{page.as_posix()}")
    return found
