"""Urgent text that stays safe in every language: each language's /get-help-now/ keeps the interpreter
lines (settings/urgent_help.yml `interpreter`: 999 and 111 can arrange an interpreter, Samaritans and
Shout cannot), and every number in its urgent text (the page, `urgent:` in strings.yml, the opening
hours in settings/helplines.yml) is written in ASCII digits, as phone links dial them and as callers
read them out. Each problem names the file and the line."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scripts.inputs import urgent_text
from scripts.inputs.settings import UrgentRoutes

HELP_PAGE = urgent_text.HELP_PAGE
SECTION = "{#interpreter}"
HEADING = re.compile(r"^#{1,6} ")


def foreign_digits(text: str, where: str, first_line: int = 1) -> list[str]:
    """Each line of `text` with a digit other than 0-9 (Arabic-Indic ١١١, Extended Arabic-Indic ۱۱۱)."""
    found = []
    for number, line in enumerate(text.splitlines(), first_line):
        for run in re.finditer(r"\d+", line):
            odd = [c for c in run.group() if not "0" <= c <= "9"]
            if odd:
                script = unicodedata.name(odd[0]).rsplit(" DIGIT", 1)[0].title()
                found.append(f"{where}:{number}: '{run.group()}' is written in {script} digits: write numbers "
                             "in ASCII digits (0-9), as phone links dial them and callers read them out")
    return found


def urgent_lines(strings_text: str) -> tuple[int, str]:
    """The `urgent:` block of a strings.yml and the number of its first line."""
    lines = strings_text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("urgent:")), None)
    if start is None:
        return 1, ""
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#")), len(lines))
    return start + 1, "\n".join(lines[start:end])


def _names(routes: UrgentRoutes, route: str) -> list[str]:
    return ["{{ phone:%s }}" % route, "{{ name:%s }}" % route, *routes.names.get(route, {}).values()]


def _said(line: str, routes: UrgentRoutes, route: str) -> bool:
    squeezed = re.sub(r"\{\{\s*([a-z]+):([a-z0-9_]+)\s*\}\}", r"{{ \1:\2 }}", line)
    return any(name in squeezed for name in _names(routes, route))


def interpreter_problems(page_text: str, routes: UrgentRoutes, where: str) -> list[str]:
    """The page's {#interpreter} section has a line naming every route that can arrange an interpreter,
    and another line naming every route that cannot, neither naming a route of the other kind."""
    lines = page_text.splitlines()
    heading = next((i for i, line in enumerate(lines) if HEADING.match(line) and SECTION in line), None)
    if heading is None:
        return [f"{where}: no section '{SECTION}' (keep the English page's 'If you need an interpreter' "
                "section: who can arrange an interpreter and who cannot)"]
    end = next((i for i in range(heading + 1, len(lines)) if HEADING.match(lines[i])), len(lines))
    section = [(i + 1, lines[i]) for i in range(heading + 1, end)]
    found = []
    for kind, other, meaning in (("can", "cannot", "can arrange an interpreter"),
                                 ("cannot", "can", "cannot arrange an interpreter")):
        wanted, unwanted = routes.interpreter.get(kind, ()), routes.interpreter.get(other, ())
        lines_found = [(n, line) for n, line in section
                       if all(_said(line, routes, r) for r in wanted) and not any(_said(line, routes, r) for r in unwanted)]
        if wanted and not lines_found:
            said = " and ".join(routes.names.get(r, {}).get("en", r) for r in wanted)
            found.append(f"{where}:{heading + 1}: the interpreter section has no line saying that {said} "
                         f"{meaning} (one line for {', '.join(wanted)}, apart from {', '.join(unwanted)}; "
                         "settings/urgent_help.yml, interpreter)")
    return found


def problems(content: Path, settings_dir: Path, languages: list[str], routes: UrgentRoutes) -> list[str]:
    """Every language's urgent text against both rules, naming content/<lang>/<file>:<line>."""
    found = []
    for lang in languages:
        page = content / lang / HELP_PAGE
        where = f"{content.name}/{lang}/{HELP_PAGE}"
        if page.exists():
            text = page.read_text(encoding="utf-8")
            found += interpreter_problems(text, routes, where) + foreign_digits(text, where)
        strings = content / lang / "strings.yml"
        if strings.exists():
            first, block = urgent_lines(strings.read_text(encoding="utf-8"))
            found += foreign_digits(block, f"{content.name}/{lang}/strings.yml", first)
    helplines = settings_dir / "helplines.yml"
    found += foreign_digits(helplines.read_text(encoding="utf-8"), f"{settings_dir.name}/helplines.yml")
    return found
