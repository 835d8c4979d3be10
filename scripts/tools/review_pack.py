"""Review packs: per language, one document a clinician or translator reads and signs away from a
computer (review-pack/<lang>.html and .pdf).

The text is the built site's own article (placeholders filled, plural messages composed: what the
patient reads), page by page in the navigation's order, each with its address, dates, translation
status, sources, what changed since its last sign-off (scripts/inputs/signoffs.py), ruled space to write, and
a sign-off table at the end. A translation sits beside the English, section by section: pages are
split at their h2 headings and paired by heading id, which every translation keeps."""
from __future__ import annotations

import html
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from scripts.inputs import bidi, easy_read, release, settings, signoffs, translations
from scripts.inputs.settings import ROOT

# The page-info footer's own headings, not the article's sections.
FOOTER_IDS = {"sources", "dit-share-title"}
SIGN_OFF_COLUMNS = ("Name", "Role", "Qualification", "Date", "Pages", "Signature")
SIGN_OFF_ROWS = 6


@dataclass
class Section:
    id: str                 # the h2's id; "" for what comes before the first h2
    html: str


@dataclass
class Page:
    path: str               # the Markdown file under content/<lang>/
    url: str
    title: str
    sections: list[Section] = field(default_factory=list)
    sources_html: str = ""


def nav_pages(root: Path) -> list[str]:
    """The Markdown files in the navigation's order (mkdocs.yml nav)."""
    return [entry if isinstance(entry, str) else next(iter(entry.values()))
            for entry in settings.read_yaml(root / "mkdocs.yml")["nav"]]


def page_url(path: str) -> str:
    stem = path.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/")


def read_page(site: Path, prefix: str, path: str) -> Page | None:
    """One built page's article, split into sections; None when the language has no such page."""
    built = site / prefix / page_url(path) / "index.html"
    if not built.exists():
        return None
    soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    canonical = soup.find("link", rel="canonical")
    footer = article.find("footer", class_="dit-page-info")
    sources = footer.find(id="sources") if footer else None
    sources_list = sources.find_next_sibling(["ul", "ol"]) if sources else None
    sources_html = str(sources_list) if sources_list else ""
    for unwanted in article.select("footer.dit-page-info, .dit-translation, .dit-unchecked, .dit-due, script, img, .headerlink"):
        unwanted.decompose()
    for link in article.find_all("a"):
        link.unwrap()  # paper has no links; the text stays
    for folded in article.find_all("details"):
        folded["open"] = ""  # print what a reader can unfold
    heading = article.find("h1")
    title = heading.get_text(" ", strip=True) if heading else path
    if heading:
        heading.decompose()
    page = Page(path, canonical["href"] if canonical else "", title, sources_html=sources_html)
    current = Section("", "")
    for node in list(article.children):
        if isinstance(node, Tag) and node.name == "h2" and node.get("id") not in FOOTER_IDS:
            page.sections.append(current)
            current = Section(node["id"], "")
        current.html += str(node)
    page.sections.append(current)
    page.sections = [s for s in page.sections if s.id or s.html.strip()]
    return page


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def changes_html(root: Path, lang: str, path: str, records: list[signoffs.SignOff], reviewers: dict) -> str:
    """What changed in the page's Markdown since its last sign-off, as a diff of lines."""
    signed = signoffs.latest(records, lang, path)
    if signed is None:
        return "<p>Not signed off before.</p>"
    who = html.escape(str(reviewers.get(signed.reviewer, {}).get("name", signed.reviewer)))
    since = f"Last signed off by {who} on {signed.date.isoformat()} (version {html.escape(signed.commit)})."
    commit = signed.commit.rsplit("-", 1)[-1]
    diff = _git(root, "diff", "--unified=0", "--no-color", commit, "--", f"content/{lang}/{path}")
    if diff is None:
        return (f"<p>{since} The changes cannot be shown: that version is not in this copy's history "
                "(no git repository here, or an unknown commit).</p>")
    lines = [line for line in diff.splitlines()
             if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    if not lines:
        return f"<p>{since} No change since then.</p>"
    rows = "".join(f'<li class="{"added" if line[0] == "+" else "removed"}">'
                   f'{"Added" if line[0] == "+" else "Removed"}: {html.escape(line[1:])}</li>' for line in lines)
    return f"<p>{since} Changed lines of the page's source:</p><ul class=\"diff\">{rows}</ul>"


def _ruled(label: str, lines: int) -> str:
    """A box of ruled lines to write in (real borders: a printer drops thin background gradients)."""
    return (f'<div class="write"><p class="write__label">{label}</p>' + '<div class="write__line"></div>' * lines
            + "</div>")


def _facts(root: Path, lang: str, source: str, path: str, page: Page, reviewers: dict) -> str:
    meta, _ = translations.split((root / "content" / lang / path).read_text(encoding="utf-8"))
    rows = [("Address", f'<span dir="ltr">{html.escape(page.url)}</span>'),
            ("Last updated", str(meta.get("last_updated", ""))),
            ("Next review", str(meta.get("next_review", "")))]
    if lang != source:
        status = translations.status_of(root / "content" / lang / path, root / "content" / source / path,
                                        lang, path, reviewers)
        rows.append(("Translation", html.escape(status.label)))
    return "<dl class=\"facts\">" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _page_html(root: Path, lang: str, source: str, page: Page, english: Page | None,
               records: list[signoffs.SignOff], reviewers: dict) -> str:
    direction = bidi.direction(lang)
    title = html.escape(page.title)
    parts = [f'<section class="page" id="page-{page_url(page.path).strip("/").replace("/", "-") or "home"}">',
             f'<h1 lang="{lang}" dir="{direction}">{title}</h1>' if lang == source else
             f'<h1><span lang="{source}" dir="ltr">{html.escape(english.title if english else "")}</span>'
             f' / <span lang="{lang}" dir="{direction}">{title}</span></h1>',
             f'<p class="file">content/{lang}/{html.escape(page.path)}</p>',
             _facts(root, lang, source, page.path, page, reviewers),
             "<h2 class=\"part\">What changed since the last sign-off</h2>",
             changes_html(root, lang, page.path, records, reviewers),
             "<h2 class=\"part\">Text</h2>"]
    if english is None:
        for section in page.sections:
            parts.append(f'<div class="section" data-section="{section.id}" lang="{lang}" dir="{direction}">'
                         f"{section.html}</div>")
    else:
        english_sections = {s.id: s for s in english.sections}
        ids = [s.id for s in english.sections] + [s.id for s in page.sections if s.id not in english_sections]
        translated = {s.id: s for s in page.sections}
        for section_id in ids:
            left, right = english_sections.get(section_id), translated.get(section_id)
            parts.append(
                f'<div class="pair" data-section="{section_id}">'
                f'<div class="column" lang="{source}" dir="ltr" data-section="{section_id}">'
                f'{left.html if left else "<p class=missing>(not in the English page)</p>"}</div>'
                f'<div class="column" lang="{lang}" dir="{direction}" data-section="{section_id}">'
                f'{right.html if right else "<p class=missing>(missing in this translation)</p>"}</div></div>')
    parts.append("<h2 class=\"part\">Sources</h2>" + (page.sources_html or "<p>No sources listed.</p>"))
    parts.append(_ruled("Your comments on this page", 6))
    parts.append("</section>")
    return "\n".join(parts)


STYLE = """
@page { size: A4 %(orientation)s; margin: 14mm 12mm; }
body { font: 11pt/1.45 "Noto Sans", "Noto Naskh Arabic", "Noto Nastaliq Urdu", sans-serif; color: #000; margin: 0; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif; }
:lang(ur) { font-family: "Noto Nastaliq Urdu", "Noto Naskh Arabic", sans-serif; line-height: 2.1; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 10pt 0 4pt; }
h2.part { font-size: 10pt; text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid #000; }
.page { break-before: page; }
.file { font: 9pt monospace; margin: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 6pt 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 8mm; border-top: 1px solid #999; padding-top: 4pt; break-inside: avoid-page; }
.column[dir=rtl] { text-align: right; }
.missing { font-style: italic; }
.diff li.added { font-weight: bold; }
.diff li.removed { text-decoration: line-through; }
.write { border: 1px solid #000; margin: 8pt 0; padding: 0 4pt; break-inside: avoid; }
.write__label { font-size: 9pt; margin: 2pt 0 0; }
.write__line { height: 9mm; border-bottom: 1px solid #888; }
.write__line:last-child { border-bottom: 0; }
table.sign-off { width: 100%%; border-collapse: collapse; }
table.sign-off th, table.sign-off td { border: 1px solid #000; padding: 4pt; text-align: left; }
table.sign-off td { height: 14mm; }
table.sign-off th:nth-child(5) { width: 22%%; }  /* pages: the longest entry */
"""


def document(root: Path, site: Path, lang: str, source: str, prefix: str, source_prefix: str) -> str:
    """The whole review pack of one language, as HTML."""
    loaded = settings.load(root)
    records = signoffs.load(root)
    direction = bidi.direction(lang)
    language_name = next(l.name for l in settings.languages(root) if l.code == lang)
    version, built = release.version(root), release.build_date(root)
    pages = []
    # The Easy Read page is outside the navigation; it is checked like any page (where the language has it).
    for path in [*nav_pages(root), easy_read.SOURCE]:
        page = read_page(site, prefix, path)
        if page is None:
            continue
        english = read_page(site, source_prefix, path) if lang != source else None
        pages.append(_page_html(root, lang, source, page, english, records, loaded.reviewers))
    kind = "clinician or translator" if lang != source else "clinician"
    header = f"""<header class="cover">
<h1>Review pack: <span lang="{lang}" dir="{direction}">{html.escape(language_name)}</span> ({lang})</h1>
<p>Version {version}, built {built.isoformat()}. Every page of the site in this language, in order, as a
patient reads it{", beside the English, section by section" if lang != source else ""}.</p>
<p>For the {kind}: read each page, write your corrections in the ruled boxes, then fill in the
sign-off table at the end with the pages you checked. The editor records your sign-off with
<code>python -m scripts sign-off --reviewer ID --date DATE --commit {version} PAGES</code>; the site then
shows your name and the date on those pages.</p>
</header>"""
    rows = "".join("<tr>" + "<td></td>" * len(SIGN_OFF_COLUMNS) + "</tr>" for _ in range(SIGN_OFF_ROWS))
    table = (f'<section class="page" id="sign-off"><h1>Sign-off</h1><p>I have read the pages listed and they are correct, '
             f'or corrected as marked (version {version}).</p><table class="sign-off"><thead><tr>'
             + "".join(f"<th>{c}</th>" for c in SIGN_OFF_COLUMNS) + f"</tr></thead><tbody>{rows}</tbody></table>"
             + _ruled("Other comments", 8) + "</section>")
    style = STYLE % {"orientation": "landscape" if lang != source else "portrait"}
    # The pack's own words (instructions, headings, table) are English; each text carries its own language.
    return (f'<!doctype html>\n<html lang="{source}" dir="ltr"><head>'
            f'<meta charset="utf-8"><title>Review pack: {lang}, version {version}</title>'
            f"<style>{style}</style></head><body>{header}{''.join(pages)}{table}</body></html>\n")


def write(site: Path, out: Path, languages: list[str] | None = None, root: Path = ROOT) -> list[Path]:
    """Write <out>/<lang>.html and .pdf for each language (all by default); return the files."""
    from playwright.sync_api import sync_playwright

    from scripts.outputs.pdf import stamp
    from scripts.system.system_packages import CHROMIUM_ARGS, ensure_chromium
    configured = settings.languages(root)
    source = configured[0].code
    prefixes = {l.code: "" if l.default else f"{l.code}/" for l in configured}
    unknown = [code for code in languages or [] if code not in prefixes]
    if unknown:
        raise settings.SettingsError(f"mkdocs.yml: language '{unknown[0]}' is not configured "
                                     f"(known: {', '.join(prefixes)})")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        # Paper needs nothing from anywhere: refuse every request but the file itself.
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
        for lang in languages or list(prefixes):
            page_html = out / f"{lang}.html"
            page_html.write_text(document(root, site, lang, source, prefixes[lang], prefixes[source]),
                                 encoding="utf-8")
            tab.goto(page_html.as_uri(), wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            pdf = out / f"{lang}.pdf"
            tab.pdf(path=str(pdf), print_background=True, tagged=True, outline=True, prefer_css_page_size=True)
            # As the leaflets: title, language and dates fixed, shaped Arabic and Urdu glyphs readable as text.
            stamp(pdf, f"Review pack ({lang})", lang, release.version(root), release.build_date(root))
            written += [page_html, pdf]
        browser.close()
    return written
