"""Check every input before anything is built, and report every problem at once, each naming the
file (and line where it applies), the field, and what to do. Nothing is written."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

from scripts.inputs import easy_read, frontmatter, grammar, settings, urgent_help
from scripts.inputs.placeholders import COUNT_OUTSIDE_MESSAGE, MESSAGE_FIELDS, PLACEHOLDER

# Something that looks like a UK phone number (0800 1111 too, or 999, 111, 116 123, 18001 111) typed into a page;
# "NHS 111", "NHS 24" and "999 BSL" (a video relay app and website, not a number) are the services' names.
TYPED_PHONE = re.compile(r"(?<!NHS )(?<!\d)(?<!\d\.)(?:0\d{2,4}[ \u00a0]?\d{3,4}[ \u00a0]?\d{3,4}|0800[ \u00a0]?\d{4}|999(?![ \u00a0]BSL)|111|116[ \u00a0]?123|18001[ \u00a0]?111|85258)(?!\d|\.\d)")


def check_page(path: Path, where: str, reviewers: dict, source_ids: set[str], phones: dict,
               messages: dict | None = None) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [f"{where}:{line}: not UTF-8 text (save the file as UTF-8)"]
    try:
        meta, body = frontmatter.read(text)
    except frontmatter.FrontMatterError as error:
        return [f"{where}:{error.line}: {error}"]
    found = frontmatter.problems(meta, where, reviewers, source_ids, frontmatter.lines(text))
    if not body.strip():
        found.append(f"{where}: the page has no text (write the page, or remove the file and its nav entry)")
    try:
        markdown.markdown(body, extensions=["attr_list", "admonition", "md_in_html"])
    except Exception as error:  # Python-Markdown rarely fails, but when it does, say where
        found.append(f"{where}: the Markdown could not be read ({error})")
    offset = text.count("\n", 0, len(text) - len(body))  # the body is the end of the file
    for number, line in enumerate(body.splitlines(), start=offset + 1):
        found += _count_problems(f"{where}:{number}", line, messages or {})
        for typed in TYPED_PHONE.finditer(PLACEHOLDER.sub(" ", line)):
            digits = re.sub(r"\D", "", typed.group(0))
            known = next((key for key, phone in phones.items() if phone.number.digits == digits), None)
            advice = (f"write {{{{ phone:{known} }}}} so it always matches settings/helplines.yml" if known else
                      "it is not one of the numbers in settings/helplines.yml: add it there, then use {{ phone:ID }}")
            found.append(f"{where}:{number}: phone number '{typed.group(0)}' is typed into the page ({advice})")
    found += urgent_help.part_time_problems(body, phones, where)
    return found


def _count_problems(where: str, line: str, messages: dict) -> list[str]:
    """A count written into a page, outside a message, or a message the language lacks."""
    found = []
    for match in PLACEHOLDER.finditer(line):
        name, arg = match.groups()
        if name in grammar.COUNTS and arg is None:
            found.append(f"{where}: '{match.group(0)}' {COUNT_OUTSIDE_MESSAGE}")
        elif name == "message" and arg not in messages:
            found.append(f"{where}: '{match.group(0)}' is not in this language's strings.yml "
                         f"(messages: {', '.join(messages) or 'none'})")
    return found


def problems(root: Path = settings.ROOT) -> list[str]:
    """Every problem in the project's inputs; an empty list means the build may start."""
    found: list[str] = []
    try:
        # Settings problems stop the check here: nothing else can be trusted without them.
        found = settings.shapes_of_every_file(root)
        if found:
            raise settings.SettingsError(found)
        loaded = settings.load(root)
    except settings.SettingsError as error:
        return [problem.replace(f"{root}/", "") for problem in error.problems]  # files as the editor sees them
    from scripts.inputs import addresses
    try:
        for number, move in enumerate(addresses.moves(root), start=1):
            if not (root / "content" / "en" / (move["to"].rstrip("/") + ".md")).exists() and \
                    not (root / "content" / "en" / move["to"] / "index.md").exists():
                found.append(f"settings/moves.yml: entry {number}: 'to: {move['to']}' is not a page")
    except settings.SettingsError as error:
        found += error.problems
    try:
        languages = [language.code for language in settings.languages(root)]
    except (settings.SettingsError, KeyError, TypeError) as error:
        return [f"mkdocs.yml: field 'plugins.i18n.languages' cannot be read ({error})"]
    content = root / "content"
    folders = sorted(p.name for p in content.iterdir() if p.is_dir())
    for folder in folders:
        if folder not in languages:
            found.append(f"content/{folder}/: this language folder is not in mkdocs.yml "
                         f"(add '- locale: {folder}' with its name to plugins.i18n.languages, or remove the folder)")
    for code in languages:
        if code not in folders:
            found.append(f"mkdocs.yml: language '{code}' is configured but content/{code}/ does not exist")
    source = languages[0]
    english = {p.relative_to(content / source).as_posix() for p in (content / source).rglob("*.md")} if source in folders else set()
    english_strings = _strings_keys(content / source / "strings.yml")
    for code in languages:
        if code not in folders:
            continue
        pages = {p.relative_to(content / code).as_posix() for p in (content / code).rglob("*.md")}
        # Easy Read is English only until a language translates it (scripts/inputs/easy_read.py).
        for page in sorted(english - pages - {easy_read.SOURCE}):
            found.append(f"content/{code}/{page}: missing (every page of content/{source}/ needs a translation here)")
        for page in sorted(pages - english):
            found.append(f"content/{code}/{page}: has no English source content/{source}/{page} "
                         "(rename it to match an English page, or add the English page first)")
        strings = content / code / "strings.yml"
        data = _strings(strings)
        found += settings.shape_problems(Path(f"content/{code}/strings.yml"), data, "strings", noun="key") \
            if strings.exists() else []
        for page in sorted(pages):
            found += check_page(content / code / page, f"content/{code}/{page}", loaded.reviewers,
                                set(loaded.sources), loaded.phones, data.get("messages") or {})
        if not strings.exists():
            found.append(f"content/{code}/strings.yml: missing (copy content/{source}/strings.yml and translate it)")
            continue
        if code != source:
            for key in sorted(english_strings - _strings_keys(strings)):
                found.append(f"content/{code}/strings.yml: key '{key}' is missing (translate it from content/{source}/strings.yml)")
        found += grammar.problems(code, data, MESSAGE_FIELDS)
        found += urgent_help.problems(code, data, loaded.urgent, loaded.phones)
    return found


def _strings(path: Path) -> dict:
    """A strings file's data; empty if it cannot be read (reported elsewhere)."""
    try:
        data = settings.load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _strings_keys(path: Path) -> set[str]:
    """Every key of a strings file, dotted ("page_info.sources"). A message is one key: its plural
    categories are the language's own (checked by grammar.problems)."""
    return _dotted_keys(_strings(path))


def _dotted_keys(data: dict, prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        nested = isinstance(value, dict) and prefix != "messages."
        keys |= _dotted_keys(value, f"{prefix}{key}.") if nested else {f"{prefix}{key}"}
    return keys
