"""`python -m scripts new-language CODE`: what a new language needs before its translator starts (the
mkdocs.yml entry, strings.yml and part-time helplines' hours in English to translate, a style sheet,
a termbase with empty chosen terms), and what CLDR (through Babel) and this machine say about its
script, fonts and search. The pages are the translator's (docs/translating.md, "Adding a language")."""
from __future__ import annotations

import dataclasses
import importlib.util
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from lxml import etree
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from scripts.inputs import grammar, settings

SOURCE = "en"
TO_TRANSLATE = "English: to translate"


class NewLanguageError(Exception):  # a code that cannot be added; nothing has been written
    pass


@dataclass(frozen=True)
class Facts:
    """What CLDR and this machine say about a language, reported after adding it."""
    code: str
    name: str
    script: str
    right_to_left: bool
    digits: str                 # CLDR's default numbering system: latn, arabext, beng...
    plurals: tuple[str, ...]    # CLDR plural categories, "other" last
    font: str | None            # an installed font covering its letters, None if there is none
    search: str                 # what the site's search does with its words
    interface: str = ""         # where Material's own words (search box, menus) come from
    page_font: str = ""         # whether site.css names faces for its script


def locale_of(code: str, root: Path) -> Locale:
    configured = [language.code for language in settings.languages(root)]
    if code in configured:
        raise NewLanguageError(f"'{code}' is already a language of the site (mkdocs.yml: {', '.join(configured)})")
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError) as error:
        raise NewLanguageError(f"'{code}' is not a language CLDR knows ({error}); use a BCP 47 code "
                               "such as uk, fa, bn or zh-Hans") from None


def facts(code: str, locale: Locale, name: str) -> Facts:
    script_code = locale.script or (get_global("likely_subtags").get(locale.language, "") + "_Zyyy").split("_")[1]
    letters = "".join(locale.months["format"]["wide"].values()) + "".join(locale.days["format"]["wide"].values())
    return Facts(code, name, f"{Locale('en').scripts.get(script_code, script_code)} ({script_code})",
                 locale.character_order == "right-to-left", locale.default_numbering_system,
                 tuple(sorted(set(plural_categories(locale)) - {"other"})) + ("other",), installed_font(letters),
                 search_note(script_code))


def plural_categories(locale: Locale) -> tuple[str, ...]:
    """The categories the build will ask every message for (grammar.py), in CLDR's order."""
    return grammar.categories(str(locale), {"date_locale": str(locale)})


def installed_font(text: str) -> str | None:
    """The first installed font (fontconfig) that has every letter of the text, as Chromium would find it."""
    wanted = " ".join(f"{ord(c):x}" for c in sorted(set(text)) if c.isalpha())
    if not shutil.which("fc-list") or not wanted:
        return None
    found = subprocess.run(["fc-list", f":charset={wanted}", "family"], capture_output=True, text=True).stdout
    families = sorted(line.split(",")[0] for line in found.splitlines() if line.strip())
    return next((f for f in families if f.startswith("Noto")), families[0] if families else None)


def search_note(script_code: str) -> str:
    """What search does with the language's words (docs/translating.md, "Search in every script")."""
    if script_code not in ("Hans", "Hant", "Hani"):
        return "whole words and their beginnings, unstemmed, as in every language"
    if importlib.util.find_spec("jieba"):
        return "pages cut into words by jieba; a query is cut at the words the pages have"
    return "jieba is NOT installed: Chinese pages cannot be searched word by word (it is in requirements)"


def add_config_entry(root: Path, code: str, name: str) -> None:
    yaml, path = YAML(), root / "mkdocs.yml"  # round trip: comments and order stay as the editor wrote them
    yaml.preserve_quotes, yaml.width = True, 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    config = yaml.load(path.read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = i18n["languages"]
    entry = CommentedMap(locale=code, name=name)
    # What follows the list (the blank line before markdown_extensions) stays after it.
    trailing = languages[-1].ca.items.pop("name", None)
    if trailing:
        entry.ca.items["name"] = trailing
    languages.append(entry)
    yaml.dump(config, path)


def add_helpline_hours(root: Path, code: str) -> None:
    """The build refuses a part-time line without its hours in every language: the English, to
    translate, after each line's last language (edited as text: the file's columns are aligned by hand)."""
    path = root / "settings" / "helplines.yml"
    lines, out, english = path.read_text(encoding="utf-8").splitlines(), [], None
    for number, line in enumerate(lines):
        out.append(line)
        english = line[len("    en: "):] if line.startswith("    en: ") else english
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if english and not re.match(r"    [\w-]+: ", following):
            out.append(f"    {code}: {english}  # {TO_TRANSLATE}")
            english = None
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def add_clinic_language(root: Path, code: str) -> None:
    """The published clinic schema lists the languages a clinic profile may name (an editor offers
    them): the new code after the last one (edited as text, so the file's layout stays)."""
    path = root / "scripts" / "inputs" / "schemas" / "clinic.schema.json"
    text = path.read_text(encoding="utf-8")
    listed = re.search(r'("language": \{[^}]*?"enum": \[)(.*?)(\n\s*\])', text, flags=re.S)
    last = listed.group(2).rstrip().splitlines()[-1]
    entry = f'{last},\n{last[:len(last) - len(last.lstrip())]}"{code}"'
    path.write_text(text[:listed.start(2)] + listed.group(2).rstrip()[:-len(last)] + entry + text[listed.end(2):], encoding="utf-8")


def write_interface_words(root: Path, code: str, language: str, direction: str) -> str:
    """Material's own words (search box, menus, skip link) come from partials/languages/<code>.html,
    and the build fails without one. Where Material has none for the code: its words for the bare
    language under the code (zh-Hans: zh.html), else its English ones, to translate."""
    material = Path(importlib.util.find_spec("material").origin).parent / "templates" / "partials" / "languages"
    ours = root / "overrides" / "partials" / "languages" / f"{code}.html"
    if (material / f"{code}.html").exists() or ours.exists():
        return f"Material's words for {code}"
    ours.parent.mkdir(parents=True, exist_ok=True)
    if language != code and (material / f"{language}.html").exists():
        ours.write_text(f'{{#- Material\'s words for {language}, under the code the site uses ({code}). -#}}\n'
                        f'{{% import "partials/languages/{language}.html" as words %}}\n'
                        f'{{% macro t(key) %}}{{{{ "{code}" if key == "language" else words.t(key) }}}}{{% endmacro %}}\n',
                        encoding="utf-8")
        return f"Material's words for {language} (overrides/partials/languages/{code}.html)"
    english = (material / "en.html").read_text(encoding="utf-8")
    english = english[english.index("{% macro"):].replace('"language": "en"', f'"language": "{code}"')
    ours.write_text(f"{{#- Material's interface words for {code} ({TO_TRANSLATE}; keep the keys). -#}}\n"
                    + english.replace('"direction": "ltr"', f'"direction": "{direction}"'), encoding="utf-8")
    return f"NONE in Material: English words to translate in overrides/partials/languages/{code}.html"


def page_font(root: Path, code: str, locale: Locale, script: str) -> str:
    """Pages draw a script other than Latin in the faces site.css names for it (its "Fonts" block)."""
    if "(Latn)" in script:
        return "Latin: the theme's own faces"
    css = (root / "overrides" / "assets" / "site.css").read_text(encoding="utf-8")
    if re.search(rf":lang\(({re.escape(code)}|{re.escape(locale.language)})\)", css):
        return "overrides/assets/site.css names faces for it"
    return (f"NONE: add a :lang({code}) stack to the Fonts block of overrides/assets/site.css, and its script "
            "to tests/faces.py")


def write_strings(root: Path, code: str, locale: Locale, name: str) -> None:
    english = (root / "content" / SOURCE / "strings.yml").read_text(encoding="utf-8")
    body = english[english.index("\nsite_name:") + 1:]
    body = re.sub(r"^# Dates are .*\ndate_locale: .*$", f"# Dates in the language (a babel locale).\ndate_locale: {locale}",
                  body, count=1, flags=re.M)
    body = re.sub(r"(?m)^messages:\n(?:  .*\n)+", lambda block: _plural_forms(block.group(0), locale), body)
    header = (f"# Interface strings for {name} ({code}): the English, every entry to translate. None is recorded\n"
              "# as translated yet (no `segments:`): `python -m scripts translations` counts none translated.\n")
    path = root / "content" / code / "strings.yml"
    path.parent.mkdir(parents=True)
    path.write_text(header + body, encoding="utf-8")


def _plural_forms(block: str, locale: Locale) -> str:
    """The English messages, with a sentence (the English one, else its `other`) for each of the
    language's CLDR plural categories and none other: the build refuses a message without them all."""
    categories = plural_categories(locale)
    out = ["messages:"]
    for name, forms in re.findall(r"(?m)^  (\w+):\n((?:    .*\n)+)", block):
        english = dict(re.findall(r"(?m)^    (\w+): (.*)$", forms))
        out += [f"  {name}:"] + [f"    {c}: {english.get(c, english['other'])}" for c in categories]
    return "\n".join(out) + "\n"


def write_style_sheet(root: Path, found: Facts) -> None:
    digits = ("Western digits (0-9), CLDR's default" if found.digits == "latn" else f"CLDR's default digits are "
              f"'{found.digits}', not 0-9: decide which the text uses; phone numbers are always written 0-9 (`make check-urgent-text` fails otherwise)")
    sections = {
        "Register": "Decide: formal or informal, and why (who reads these pages).",
        "The reader": "Decide: how to address the reader (pronoun, verb forms), and gender-neutral wording.",
        "Numbers and digits": f"{digits}. CLDR plural categories: {', '.join(found.plurals)}; "
                              "every message in `strings.yml` needs each (docs/translating.md, plurals).",
        "Dates": "Written out by Babel in the language (`date_locale` in `strings.yml`).",
        "Service names": "Decide: which names stay in English (NHS, DIT); others in `settings/urgent_help.yml`.",
        "Interpreters": "How the pages say that an interpreter can be arranged (dit-facts.md, \"Interpreters\").",
        "Draft changes": "None yet: list here each change a draft makes to the English, and why.",
    }
    text = f"# Style sheet: {found.name} ({found.code})\n\nA skeleton written by `python -m scripts new-language`: " \
           f"fill in each section.\nScript: {found.script}, {'right-to-left' if found.right_to_left else 'left-to-right'}.\n"
    text += "".join(f"\n## {heading}\n\n{words}\n" for heading, words in sections.items())
    (root / "docs" / "translating").mkdir(parents=True, exist_ok=True)  # a project copy may have no docs/
    (root / "docs" / "translating" / f"{found.code}.md").write_text(text, encoding="utf-8")


def write_termbase(root: Path, code: str, name: str) -> int:
    """A copy of an existing termbase: each entry keeps its English term and gets one empty chosen
    term (`python -m scripts check terms` counts these to fill). Returns how many entries."""
    model = sorted((root / "settings" / "termbase").glob("*.tbx"))[0]  # English terms are the same in each
    tree, xml = etree.parse(str(model)), "{http://www.w3.org/XML/1998/namespace}lang"
    for lang_set in tree.iter("langSet"):
        if lang_set.get(xml) == model.stem:
            for child in list(lang_set):
                lang_set.remove(child)
            lang_set.set(xml, code)
            tig = etree.SubElement(lang_set, "tig")
            etree.SubElement(tig, "term").text = ""
            etree.SubElement(tig, "termNote", type="administrativeStatus").text = "preferredTerm-admn-sts"
    if tree.getroot().getprevious() is not None:  # the file's opening comment
        tree.getroot().getprevious().text = (f" Termbase, English to {name} (docs/translating/{code}.md): each chosen term "
                                             "is empty, to fill in (an empty <term> is not yet a term). ")
    tree.find(".//p").text = f"DIT patient information: key terms, English to {name}"
    etree.indent(tree, space="  ")
    text = etree.tostring(tree, encoding="unicode", doctype=tree.docinfo.doctype)
    (root / "settings" / "termbase" / f"{code}.tbx").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n' + text.replace("--><martif", "-->\n<martif") + "\n", encoding="utf-8")
    return sum(1 for _ in tree.iter("termEntry"))


def add(code: str, root: Path = settings.ROOT, name: str | None = None) -> tuple[Facts, int]:
    """Add the language; refuses (writing nothing) a configured code or one CLDR does not know."""
    locale = locale_of(code, root)
    name = name or locale.get_display_name(locale)
    found = facts(code, locale, name)
    write_strings(root, code, locale, name)
    add_config_entry(root, code, name)
    add_helpline_hours(root, code)
    add_clinic_language(root, code)
    found = dataclasses.replace(found, interface=write_interface_words(
        root, code, locale.language, "rtl" if found.right_to_left else "ltr"), page_font=page_font(root, code, locale, found.script))
    write_style_sheet(root, found)
    return found, write_termbase(root, code, name)


def report(found: Facts, terms: int) -> str:
    return "\n".join([
        f"Added {found.name} ({found.code}).",
        f"  script: {found.script}, {'right-to-left' if found.right_to_left else 'left-to-right'}",
        f"  digits: {found.digits} (CLDR default); plural categories: {', '.join(found.plurals)}",
        f"  font: {found.font or 'NONE installed covers its letters (install a Noto font, e.g. fonts-noto-core)'}",
        f"  search: {found.search}",
        f"  interface words: {found.interface}",
        f"  page font: {found.page_font}",
        f"  termbase: {terms} terms to fill in settings/termbase/{found.code}.tbx",
        "Next steps:",
        f"  1. Copy the pages of content/{SOURCE}/ (not easy-read.md) into content/{found.code}/ and translate "
        "them, or use `python -m scripts export` / `import` with a translation tool.",
        f"  2. Translate content/{found.code}/strings.yml and the hours in settings/helplines.yml "
        f"(marked '{TO_TRANSLATE}'), then `python -m scripts stamp content/{found.code}/strings.yml`.",
        f"  3. Fill in the chosen terms and docs/translating/{found.code}.md; a qualified translator signs "
        "the urgent text (docs/translating.md).",
    ])
