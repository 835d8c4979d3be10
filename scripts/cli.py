"""One command for the project's jobs: python -m scripts <command>."""
from __future__ import annotations

import argparse
import subprocess
import sys

from scripts import browser, build
from scripts.settings import ROOT

PLACEHOLDER_WARNING = """
  *** site_url is the placeholder https://dit.example.org/ ***
  Links, QR codes and previews point nowhere real. Set site_url in mkdocs.yml
  (or in a clinic profile) before publishing this site.
"""


def cmd_build(args: argparse.Namespace) -> int:
    try:
        site = build.build()
    except build.BuildError as error:
        print(error, file=sys.stderr)
        print("Build failed: the previous site/ was left as it was.", file=sys.stderr)
        return 1
    if "example.org" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"):
        print(PLACEHOLDER_WARNING, file=sys.stderr)
    print(f"Built the site in {site.relative_to(ROOT)}/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", "127.0.0.1:8000"],
                           cwd=ROOT, env=build.mkdocs_env())


def cmd_ensure_browser(args: argparse.Namespace) -> int:
    print(f"Chromium: {browser.ensure_chromium()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="build the whole site into site/ (strict)").set_defaults(run=cmd_build)
    commands.add_parser("serve", help="preview at http://127.0.0.1:8000").set_defaults(run=cmd_serve)
    commands.add_parser("ensure-browser", help="find or install Chromium for the browser tests"
                        ).set_defaults(run=cmd_ensure_browser)
    args = parser.parse_args(argv)
    return args.run(args)
