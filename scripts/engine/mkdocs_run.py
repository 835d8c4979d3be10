"""MkDocs' own command line, with static-i18n accepting a three-letter language code (`ckb`).

mkdocs-static-i18n 1.3.1 checks every language code against `[a-z]{2}`, so Central Kurdish (`ckb`)
fails its config check, and before any hook of ours could load (MkDocs loads hooks after plugins).
BCP 47 allows two or three letters. Upstream's fix is an open pull request (#348); when a release
has it, run `python -m mkdocs` again and delete this module. Everything else is MkDocs' own."""
import re
import sys

# static-i18n's own pattern (mkdocs_static_i18n/config.py), with {2,3} for {2}.
LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")

# How the build, the benchmark and the tests start MkDocs.
COMMAND = [sys.executable, "-m", "scripts.engine.mkdocs_run"]


def main() -> None:
    from mkdocs.__main__ import cli
    from mkdocs_static_i18n import config
    config.RE_LOCALE = LOCALE
    cli()


if __name__ == "__main__":
    main()
