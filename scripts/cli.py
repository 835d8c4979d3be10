"""One command for the project's jobs: python -m scripts <command>."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import build
from scripts.inputs import settings, translations
from scripts.inputs.settings import ROOT
from scripts.system import system_packages
from scripts.tools import host_tools

PLACEHOLDER_WARNING = """
  *** site_url is the placeholder {site_url} ***
  Links, QR codes and previews point nowhere real. Set site_url in {where}
  before publishing this site.
"""


def cmd_build(args: argparse.Namespace) -> int:
    from scripts.inputs.clinic import ProfileError
    try:
        site = build.build_for_clinic(Path(args.clinic).resolve(), ROOT) if args.clinic else build.build(ROOT)
    except (build.BuildError, ProfileError) as error:
        print(error, file=sys.stderr)
        print("Build failed: the previous site/ was left as it was.", file=sys.stderr)
        return 1
    from scripts.checks import review
    for line in review.overdue():
        print(f"WARNING: {line}", file=sys.stderr)
    # The address the site was built for: the clinic profile's (checked by the build), else mkdocs.yml's.
    config = Path(args.clinic) if args.clinic else ROOT / "mkdocs.yml"
    site_url = settings.read_yaml(config)["site_url"]
    if settings.is_placeholder_address(site_url):
        print(PLACEHOLDER_WARNING.format(site_url=site_url, where=args.clinic or "mkdocs.yml"), file=sys.stderr)
    print(f"Built the site in {site.relative_to(ROOT)}/")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run checks from the registry (scripts/checks/registry.py); print each report; fail if any found a problem."""
    from scripts.checks import registry
    from scripts.inputs.clinic import ProfileError
    if args.list:
        for check in registry.CHECKS.values():
            where = "make test" if check.in_make_test else "alone"
            print(f"{check.name:<20} {where:<9} needs {check.needs:<12} {check.description}")
        return 0
    names = [name for given in args.names for name in (registry.in_make_test() if given == "all" else [given])]
    unknown = [name for name in names if name not in registry.CHECKS]
    if unknown or not names:
        print(f"check: {', '.join(unknown) or 'nothing to run'}: name checks from {', '.join(registry.CHECKS)}, "
              "or all (see `check --list`)", file=sys.stderr)
        return 2
    site = Path(args.site).resolve()
    if any(registry.CHECKS[name].needs == registry.SITE for name in names):
        if args.build and cmd_build(args):
            return 1
        if not (site / "index.html").exists():
            print(f"{site}: no built site here (run `make site` first)", file=sys.stderr)
            return 2
    failed = []
    for name in dict.fromkeys(names):
        try:
            problems, report = registry.run(name, site, ROOT, Path(args.clinic) if args.clinic else None)
        except ProfileError as error:
            print(error, file=sys.stderr)
            return 1
        print(report, end="\n\n")
        if problems:
            failed.append(f"{name}: {len(problems)} problem(s)")
    print("All checks passed." if not failed else "FAILED: " + "; ".join(failed))
    return 1 if failed else 0


def run_one_check(name: str, clinic: str | None = None) -> int:
    """The old commands (check-review, check-release): one check's report alone, and its verdict."""
    from scripts.checks import registry
    from scripts.inputs.clinic import ProfileError
    try:
        problems, report = registry.run(name, clinic=Path(clinic) if clinic else None)
    except ProfileError as error:
        print(error, file=sys.stderr)
        return 1
    print(report)
    return 1 if problems else 0


def cmd_check_review(args: argparse.Namespace) -> int:
    """Fail when any page is past its review date (run this on a schedule)."""
    return run_one_check("review")


def cmd_check_release(args: argparse.Namespace) -> int:
    """Fail, listing every reason, while the site is not ready to publish (docs/editing.md)."""
    return run_one_check("release", args.clinic)


def cmd_serve(args: argparse.Namespace) -> int:
    from scripts.tools import preview
    preview.run(ROOT)
    return 0


def cmd_ensure_tools(args: argparse.Namespace) -> int:
    print(f"Chromium: {system_packages.ensure_chromium()}")
    print(f"Java (for the HTML checker): {system_packages.ensure_java()}")
    print(f"Netlify's and Cloudflare's own tools (npm): {host_tools.ensure_installed()}")
    print(f"pdftotext (reads the leaflet PDFs): {system_packages.ensure_pdftotext()}")
    print(f"nginx (for the hosting tests): {system_packages.ensure_nginx()}")
    print(f"msgfmt (checks the exported PO files): {system_packages.ensure_msgfmt()}")
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """Print each translated page's counts of blocks (translated, stale, missing, reviewed), a row per
    language and page, or the same as JSON; --blocks names the stale and missing ones."""
    import json
    codes = [language.code for language in settings.languages()]
    statuses = translations.table(ROOT / "content", codes, settings.load().reviewers, codes[0])
    summary = translations.summary(statuses)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(translations.summary_table(summary, blocks=args.blocks))
    if not args.check:
        return 0
    from scripts.checks import registry
    problems, _ = registry.run("translations")  # the verdict is the registry's check, as for `check translations`
    return 1 if problems else 0


def cmd_stamp(args: argparse.Namespace) -> int:
    """Record, block by block, the English each translated file (a page or strings.yml) now translates."""
    docs = ROOT / "content"
    source = settings.languages()[0].code
    for name in args.files:
        path = Path(name).resolve()
        lang, page = path.relative_to(docs).parts[0], path.relative_to(docs / path.relative_to(docs).parts[0])
        try:
            changed = translations.stamp(path, docs / source / page, args.block or None)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"{'stamped' if changed else 'already current'}: {path.relative_to(ROOT)} ({lang})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the translations as XLIFF 1.2 and PO files (one per page and language) and a TMX memory."""
    from scripts.tools import exchange_export
    codes = [language.code for language in settings.languages()]
    unknown = [lang for lang in args.lang or [] if lang not in codes[1:]]
    if unknown:
        print(f"export: --lang {', '.join(unknown)}: not a translated language ({', '.join(codes[1:])})", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    written = exchange_export.export(ROOT / "content", args.lang or codes[1:], out)
    print(f"Wrote {len(written)} file(s) in {out} (each language's .xlf and .po files, and translations.tmx)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Read translated XLIFF or PO files back into content/<lang>/, all or nothing."""
    from scripts.tools import exchange_import
    try:
        report = exchange_import.run(ROOT / "content", [Path(name).resolve() for name in args.files])
    except exchange_import.ImportRefused as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Mark translations as checked by a qualified reviewer listed in settings/reviewers.yml."""
    reviewers = settings.load().reviewers
    if args.reviewer not in reviewers:
        print(f"settings/reviewers.yml: no reviewer '{args.reviewer}' (add the person there first)", file=sys.stderr)
        return 1
    for name in args.files:
        translations.mark_reviewed(Path(name).resolve(), args.reviewer)
        print(f"reviewed by {args.reviewer}: {name}")
    return 0


def cmd_sign_off(args: argparse.Namespace) -> int:
    """Record that a listed reviewer signed a review pack for these pages (settings/signoffs.yml)."""
    import datetime as dt

    from scripts.inputs import signoffs
    docs = ROOT / "content"
    paths = [Path(name).resolve() for name in args.files]
    outside = [name for name, path in zip(args.files, paths) if not path.is_relative_to(docs)]
    if outside:
        print(f"{outside[0]}: not a page under content/<language>/", file=sys.stderr)
        return 1
    languages = {path.relative_to(docs).parts[0] for path in paths}
    if len(languages) != 1:
        print(f"sign-off: one language at a time, not {', '.join(sorted(languages))}", file=sys.stderr)
        return 1
    lang = languages.pop()
    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError:
        print(f"--date {args.date!r}: write the date on the sheet like 2026-11-30", file=sys.stderr)
        return 1
    entry = signoffs.SignOff(args.reviewer, lang, day, tuple(p.relative_to(docs / lang).as_posix() for p in paths),
                             args.commit)
    try:
        signoffs.record(ROOT, entry)
    except settings.SettingsError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Recorded in {signoffs.FILE}: {args.reviewer} signed {len(paths)} {lang} page(s) on {day} "
          f"(version {args.commit})")
    return 0


def cmd_review_pack(args: argparse.Namespace) -> int:
    from scripts.tools import review_pack
    site = Path(args.site).resolve()
    if not (site / "index.html").exists():
        print(f"{site}: no built site here (run `make site` first)", file=sys.stderr)
        return 2
    for path in review_pack.write(site, Path(args.out).resolve(), args.languages or None):
        print(f"Wrote {path}")
    return 0


def cmd_leaflet_pdfs(args: argparse.Namespace) -> int:
    from scripts.inputs import release
    from scripts.outputs import easy_read_leaflet, pdf
    root = Path(args.root).resolve()
    leaflets = {}
    for language in settings.languages(root):
        prefix = "" if language.default else f"{language.code}/"
        leaflets[prefix] = (language.code, settings.load_strings(root / "content", language.code)["site_name"])
    leaflets.update(easy_read_leaflet.pdf_leaflets(root))  # Easy Read leaflets, beside their page
    for path in pdf.build_leaflets(Path(args.site).resolve(), leaflets, release.version(root), release.build_date(root)):
        print(f"Wrote {path}")
    return 0


def cmd_dist(args: argparse.Namespace) -> int:
    from scripts.outputs import dist
    site = ROOT / "site"
    if not (site / "index.html").exists():
        print("site/: no built site here (run `make site` first)", file=sys.stderr)
        return 2
    print(f"Wrote {dist.pack(site, ROOT / 'dist').relative_to(ROOT)}")
    return 0


def cmd_record_addresses(args: argparse.Namespace) -> int:
    """Add the built site's new addresses to settings/published-addresses.txt (it only grows)."""
    from scripts.outputs import redirects
    print(f"Added {redirects.record(ROOT / 'site')} new address(es) to settings/{redirects.PUBLISHED}")
    return 0


def cmd_fonts(args: argparse.Namespace) -> int:
    from scripts.tools import fonts
    out = fonts.build_subset()
    print(f"Wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")
    return 0


def cmd_new_language(args: argparse.Namespace) -> int:
    from scripts.tools import new_language
    try:
        found, terms = new_language.add(args.code, ROOT, args.name)
    except new_language.NewLanguageError as error:
        print(f"new-language: {error}; nothing was written", file=sys.stderr)
        return 2
    print(new_language.report(found, terms))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="build the whole site into site/ (strict)")
    build_command.add_argument("--clinic", help="a clinic profile (YAML) to build a branded copy for")
    build_command.set_defaults(run=cmd_build)
    commands.add_parser("serve", help="preview at http://127.0.0.1:8000").set_defaults(run=cmd_serve)
    commands.add_parser("ensure-tools", help="find or install Chromium, Java, pdftotext, nginx, msgfmt and the hosts' npm tools for the checks"
                        ).set_defaults(run=cmd_ensure_tools)
    check = commands.add_parser("check", help="run checks by name (`check --list`), or `check all`: those `make test` runs")
    check.add_argument("names", nargs="*", help="check names, or all")
    check.add_argument("--list", action="store_true", help="list every check: name, when it runs, what it needs")
    check.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    check.add_argument("--build", action="store_true", help="build site/ first when a named check reads it")
    check.add_argument("--clinic", help="a clinic profile: --build builds its copy; `release` checks the project as it builds it")
    check.set_defaults(run=cmd_check)
    commands.add_parser("check-review", help="the same as `check review`").set_defaults(run=cmd_check_review)
    gate = commands.add_parser("check-release", help="the same as `check release` (fails, listing every reason, while the site is not ready to publish)")
    gate.add_argument("--clinic", help="check the project as this clinic profile builds it")
    gate.set_defaults(run=cmd_check_release)
    status = commands.add_parser("translations", help="print each translation's counts of translated, stale, missing and reviewed blocks")
    status.add_argument("--check", action="store_true", help="exit 1 if any translation is missing or stale (as `check translations`)")
    status.add_argument("--json", action="store_true", help="print the same as JSON")
    status.add_argument("--blocks", action="store_true", help="name each stale and missing block under its page")
    status.set_defaults(run=cmd_translations)
    stamp = commands.add_parser("stamp", help="record, block by block, the English a translation now matches")
    stamp.add_argument("files", nargs="+", help="translated files, e.g. content/pl/about-dit.md content/pl/strings.yml")
    stamp.add_argument("--block", action="append", help="stamp only this block (a key `translations --blocks` names); repeat for more")
    stamp.set_defaults(run=cmd_stamp)
    export = commands.add_parser("export", help="write each translation as XLIFF and PO files, and a TMX memory (for translators' tools)")
    export.add_argument("--lang", action="append", help="only this language (repeat for more; default: every translation)")
    export.add_argument("--out", default=str(ROOT / "exchange"), help="where to write (default: exchange/, not in git)")
    export.set_defaults(run=cmd_export)
    back = commands.add_parser("import", help="read translated XLIFF or PO files back into content/<lang>/ (all checked first)")
    back.add_argument("files", nargs="+", help="files `export` wrote, e.g. exchange/pl/about-dit.po")
    back.set_defaults(run=cmd_import)
    review = commands.add_parser("review", help="mark translations as checked by a listed reviewer")
    review.add_argument("--reviewer", required=True, help="an id from settings/reviewers.yml")
    review.add_argument("files", nargs="+", help="translated Markdown files")
    review.set_defaults(run=cmd_review)
    sign = commands.add_parser("sign-off", help="record a signed review pack: the pages show who checked them")
    sign.add_argument("--reviewer", required=True, help="an id from settings/reviewers.yml")
    sign.add_argument("--date", required=True, help="the date on the signed sheet, like 2026-11-30")
    sign.add_argument("--commit", required=True, help="the version printed on the pack that was read")
    sign.add_argument("files", nargs="+", help="the signed pages, e.g. content/en/about-dit.md")
    sign.set_defaults(run=cmd_sign_off)
    pack = commands.add_parser("review-pack", help="write review-pack/<lang>.html and .pdf from the built site")
    pack.add_argument("--out", default=str(ROOT / "review-pack"), help="where to write (default: review-pack/)")
    pack.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    pack.add_argument("languages", nargs="*", help="language codes (default: every language)")
    pack.set_defaults(run=cmd_review_pack)
    pdfs = commands.add_parser("leaflet-pdfs", help="print a built site's leaflets to PDF (part of build)")
    pdfs.add_argument("site")
    pdfs.add_argument("--root", default=str(ROOT))
    pdfs.set_defaults(run=cmd_leaflet_pdfs)
    commands.add_parser("dist", help="pack site/ into dist/dit-site-<version>.tar.gz").set_defaults(run=cmd_dist)
    commands.add_parser("record-addresses", help="add the built site's new addresses to the published list"
                        ).set_defaults(run=cmd_record_addresses)
    new = commands.add_parser("new-language", help="add a language: its mkdocs.yml entry, strings.yml, style sheet and termbase")
    new.add_argument("code", help="a BCP 47 code CLDR knows: uk, fa, bn, zh-Hans")
    new.add_argument("--name", help="the language's name in itself (default: CLDR's, from Babel)")
    new.set_defaults(run=cmd_new_language)
    commands.add_parser("fonts", help="rebuild the Urdu web-font subset from the Urdu pages").set_defaults(run=cmd_fonts)
    args = parser.parse_args(argv)
    return args.run(args)
