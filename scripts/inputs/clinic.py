"""Clinic profiles: one YAML file that brands a copy of the site for one clinic (docs/clinics.md;
docs/examples/clinic.yml is a complete example, scripts/inputs/schemas/clinic.schema.json its shape).

The work is in two modules, by job: clinic_profile loads and checks a profile (every problem at
once), clinic_copy applies a checked profile to a copy of the project. This module is where the build
and the release gate reach both, and the command that checks profiles without building anything:

    python -m scripts.inputs.clinic PROFILE [PROFILE ...]"""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.inputs.clinic_brand import contrast_ratio
from scripts.inputs.clinic_copy import apply_profile, clinic_settings
from scripts.inputs.clinic_profile import ClinicProfile, ProfileError, check_profile, load_profile

__all__ = ["ClinicProfile", "ProfileError", "apply_profile", "check_profile", "clinic_settings",
           "contrast_ratio", "load_profile", "main"]


def main(argv: list[str] | None = None) -> int:
    """Check clinic profiles: python -m scripts.inputs.clinic PROFILE [PROFILE ...]"""
    paths = (sys.argv[1:] if argv is None else argv)
    if not paths or any(p in ("-h", "--help") for p in paths):
        print(main.__doc__)
        return 0 if paths else 2
    failed = False
    for name in paths:
        try:
            profile = load_profile(Path(name))
        except ProfileError as error:
            print(error, file=sys.stderr)
            failed = True
        else:
            print(f"{name}: OK ({profile.name['en']}; languages {', '.join(profile.languages)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
