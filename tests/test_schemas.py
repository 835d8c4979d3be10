"""The JSON Schemas every YAML input is checked by (scripts/inputs/schemas/): each is a valid Draft
2020-12 schema, and the project's own inputs and the example clinic profile all fit them."""
from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from scripts.inputs import frontmatter, schema_check, settings, validate
from scripts.inputs.settings import ROOT

SCHEMAS = sorted(schema_check.FOLDER.glob("*.schema.json"))
EXAMPLE = ROOT / "docs" / "examples" / "clinic.yml"


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_schema_is_a_valid_draft_2020_12_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_settings_file_has_a_schema():
    files = {path.name for path in (ROOT / "settings").glob("*.yml")}
    assert files == set(settings.SCHEMAS), "add the new file's schema to settings.SCHEMAS"
    assert {schema_check.schema_path(name) for name in settings.SCHEMAS.values()} <= set(SCHEMAS)


@pytest.mark.parametrize("name", sorted(settings.SCHEMAS))
def test_every_real_settings_file_fits_its_schema(name):
    data = yaml.safe_load((ROOT / "settings" / name).read_text(encoding="utf-8"))
    assert schema_check.problems(data, settings.SCHEMAS[name]) == []


def test_the_example_clinic_profile_fits_the_published_schema():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../scripts/inputs/schemas/clinic.schema.json\n")
    assert schema_check.problems(yaml.safe_load(text), "clinic") == []


def test_the_published_clinic_schema_lists_the_configured_languages():
    # An editor offers these codes; the check itself reads them from mkdocs.yml.
    published = schema_check.schema("clinic")["$defs"]["language"]["enum"]
    assert published == [language.code for language in settings.languages(ROOT)]


def test_every_page_and_strings_file_fits_its_schema():
    for page in sorted((ROOT / "content").rglob("*.md")):
        meta, _ = frontmatter.read(page.read_text(encoding="utf-8"))
        assert schema_check.problems(meta, "frontmatter") == [], page
    for strings in sorted((ROOT / "content").glob("*/strings.yml")):
        assert schema_check.problems(yaml.safe_load(strings.read_text(encoding="utf-8")), "strings") == [], strings


def test_a_schema_error_reads_as_a_friendly_message_with_its_line():
    text = "title: Words we use\ndescripton: Plain meanings\nlast_updated: 30/11/2026\n"
    found = schema_check.problems(yaml.safe_load(text), "frontmatter", schema_check.key_lines(text))
    assert [(p.key, p.line, p.message) for p in found][:2] == [
        ("descripton", 2, "is not known (did you mean 'description'?)"),
        ("last_updated", 3, "must be a date like 2026-11-26, not '30/11/2026'")]
    assert {p.key for p in found[2:]} == {"description", "next_review", "reviewed_by"}
    assert all(p.message.startswith("is missing") and p.line is None for p in found[2:])


def test_problems_in_several_settings_files_are_reported_at_once(project):
    service = project / "settings" / "service.yml"
    service.write_text(service.read_text(encoding="utf-8").replace("minutes: 50", "minutes: fifty"), encoding="utf-8")
    sources = project / "settings" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + "wikipedia: {txt: An encyclopedia}\n", encoding="utf-8")
    assert validate.problems(project) == [
        "settings/service.yml: field 'minutes' must be a whole number from 30 to 60, not 'fifty'",
        "settings/sources.yml: field 'wikipedia.text' is missing",
        "settings/sources.yml: field 'wikipedia.txt' unknown key; did you mean 'text'?"]
