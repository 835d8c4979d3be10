"""The terms check: no translated page or strings.yml uses a variant its language's termbase rejects
(settings/termbase/<lang>.tbx). Words are compared by stem (scripts/inputs/term_stems.py), so
"placówce" is caught as "placówka" and "wasanaeth" as "gwasanaeth".

Only what a reader sees is read: a page's title, description and body, strings.yml's values, and the
language's opening hours in settings/helplines.yml.
Placeholders ({{ phone:samaritans }}), link targets, heading ids, HTML tags, inline code and YAML keys
are English ids, not prose, so they are blanked first (keeping columns, so a report can point at them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.inputs import term_stems, termbase
from scripts.inputs.termbase import Term

NOT_PROSE = re.compile(
    r"\{\{.*?\}\}"                  # placeholders
    r"|\]\([^)]*\)"                 # link targets: [text](target)
    r"|\{[#:.][^}]*\}"              # attributes: {#anchor}, {: .class}
    r"|<[^>]*>"                     # HTML tags
    r"|`[^`]*`"                     # inline code
    r"|https?://\S+")               # bare addresses
YAML_KEY = re.compile(r"^(\s*(?:-\s+)?)[\w.-]+:")  # dotted: the segments record (urgent.routes.samaritans)
FRONT_MATTER_PROSE = ("title:", "description:")
HELPLINES = Path("settings") / "helplines.yml"


@dataclass(frozen=True)
class Use:
    where: str        # "content/pl/about-dit.md:12"
    found: str        # the words on the page: "placówce"
    term: Term
    variant: str      # the rejected variant it matched: "placówka"

    def problem(self) -> str:
        return (f"{self.where}: '{self.found}' is the rejected variant '{self.variant}' of '{self.term.english}'; "
                f"write '{self.term.preferred}' (termbase {self.term.where}"
                + (f": {self.term.note}" if self.term.note else "") + ")")


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text with non-prose blanked) for every line a reader sees."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix in (".yml", ".yaml"):
        return [(number, _blank(YAML_KEY.sub(lambda m: " " * len(m.group(0)), line)))
                for number, line in enumerate(lines, 1) if not line.lstrip().startswith("#")]
    found, in_front_matter = [], bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, 1):
        if in_front_matter:
            if number > 1 and line.strip() == "---":
                in_front_matter = False
            elif line.startswith(FRONT_MATTER_PROSE):
                key = line.split(":", 1)[0] + ":"
                found.append((number, " " * len(key) + _blank(line[len(key):])))
            continue
        found.append((number, _blank(line)))
    return found


def _blank(text: str) -> str:
    return NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)


def uses(lines: list[tuple[int, str]], shown_as: str, terms: list[Term], lang: str) -> list[Use]:
    """Every rejected variant in one file's prose lines."""
    keys = [(term, variant, term_stems.key(variant, lang)) for term in terms for variant in term.rejected]
    found = []
    for number, line in lines:
        for term, variant, variant_key in keys:
            for text, _ in term_stems.find(variant_key, line, lang):
                found.append(Use(f"{shown_as}:{number}", text, term, variant))
    return found


def hours_lines(root: Path, lang: str) -> list[tuple[int, str]]:
    """(line number, text) of each of the language's opening hours in settings/helplines.yml."""
    own = re.compile(rf"^(\s+{re.escape(lang)}:)(.*)$")
    lines = (root / HELPLINES).read_text(encoding="utf-8").splitlines() if (root / HELPLINES).exists() else []
    return [(number, " " * len(match.group(1)) + _blank(match.group(2)))
            for number, line in enumerate(lines, 1) if (match := own.match(line))]


def files(content: Path, lang: str) -> list[Path]:
    """A language's pages and its strings.yml."""
    folder = content / lang
    return sorted(folder.rglob("*.md")) + sorted(folder.glob("strings.yml"))


def problems(root: Path, languages: list[str]) -> tuple[list[str], list[str]]:
    """(problems, figures): the termbase's own problems, then every rejected variant used."""
    base = termbase.load(root, languages)
    found = list(base.problems)
    figures = []
    for lang in languages:
        terms = base.terms.get(lang, [])
        checked = files(root / "content", lang)
        used = [use for path in checked
                for use in uses(prose_lines(path), path.relative_to(root).as_posix(), terms, lang)]
        used += uses(hours_lines(root, lang), HELPLINES.as_posix(), terms, lang)
        found += [use.problem() for use in used]
        rejected = sum(len(term.rejected) for term in terms)
        # An empty chosen term: a new language's termbase (`new-language`) not filled in yet.
        to_fill = sum(not term.preferred for term in terms)
        figures.append(f"{lang}: {len(terms)} terms" + (f" ({to_fill} to fill)" if to_fill else "") +
                       f", {rejected} rejected variants, {len(checked)} files and {HELPLINES.as_posix()} read")
    return found, figures
