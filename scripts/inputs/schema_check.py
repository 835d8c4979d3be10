"""Check YAML inputs against their JSON Schemas (scripts/inputs/schemas/, Draft 2020-12) and turn
each error into a friendly problem: the key, the line where known, what is wrong and what to do.

A schema says the friendly words itself: `x-message` on the schema that failed (or `x-messages`,
keyed by the failing keyword, "type:integer" before "type"), with these fields filled in:
{value} (the value as written, quoted), {short} (the same, cut to 40 characters), {found} (what a
`not`-`pattern` found), {length}, {limit}, {suggestion} ("did you mean 'x'?" or "use one of: ...").
A required key takes its message from the key's own schema (`x-messages.required`)."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

FOLDER = Path(__file__).parent / "schemas"


@dataclass(frozen=True)
class Problem:
    key: str              # as a user reads it: "urgent_help.local[0].phone"; "" for the whole file
    message: str          # what is wrong and what to do
    line: int | None = None


FORMATS = FormatChecker(formats=())


@FORMATS.checks("yaml-date")
def _is_yaml_date(value: object) -> bool:
    # YAML reads 2026-11-26 written bare as a date; quoted, or written 26/11/2026, it is text. Pages and
    # settings need the date itself (templates format it); an editor's YAML server ignores this format.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


@FORMATS.checks("date")
def _is_date(value: object) -> bool:
    # JSON Schema's own meaning, as an editor checks it: a real date written YYYY-MM-DD, bare or quoted.
    return _is_yaml_date(value) or as_date(value) is not None


def as_date(value: object) -> dt.date | None:
    """A YAML date, or text written YYYY-MM-DD that is a real date; else None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def schema_path(name: str) -> Path:
    return FOLDER / f"{name}.schema.json"


@cache
def _registry() -> Registry:
    # Schemas refer to each other by file name ("service.schema.json#/$defs/sessions"), as an editor does.
    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(FOLDER.glob("*.schema.json")))


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), registry=_registry(), format_checker=FORMATS)


def schema(name: str) -> dict:
    """A fresh copy of one schema, which the caller may narrow (the clinic profile's languages)."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


def problems(data: object, name_or_schema: str | dict, lines: dict[str, int] | None = None) -> list[Problem]:
    """Every way `data` breaks the schema, in the order of the document's keys."""
    validator = (_validator(name_or_schema) if isinstance(name_or_schema, str)
                 else Draft202012Validator(name_or_schema, registry=_registry(), format_checker=FORMATS))
    found = [problem for error in validator.iter_errors(data) for problem in _translate(error)]
    return in_document_order([Problem(p.key, p.message, locate(p.key, lines or {})) for p in found])


def locate(key: str, lines: dict[str, int]) -> int | None:
    """The line of a key, or of the nearest key around it (a missing key: the mapping it belongs in)."""
    while key:
        if key in lines:
            return lines[key]
        key = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
    return None


def in_document_order(found: list[Problem]) -> list[Problem]:
    """Problems in the order their keys are written; those with no line (a missing key) last."""
    return sorted(found, key=lambda p: (p.line is None, p.line or 0))


def key_of(path) -> str:
    """A path of keys and indexes as a user reads it: urgent_help.local[0].phone."""
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _translate(error: ValidationError) -> list[Problem]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in known
                  and not any(re.search(p, str(k)) for p in error.schema.get("patternProperties", {}))]
        template = _template(error.schema, "additionalProperties") or "unknown key; {suggestion}"
        return [Problem(key_of([*path, name]), template.format(suggestion=suggestion(str(name), known)))
                for name in extras]
    if error.validator == "required":
        name = re.match(r"'(.*?)' is a required property", error.message).group(1)
        own = error.schema.get("properties", {}).get(name, {})
        return [Problem(key_of([*path, name]), _template(own, "required") or "is missing")]
    if "propertyNames" in error.relative_schema_path:
        path.append(error.instance)  # the key itself is wrong: name it
    value = error.instance
    template = _template(error.schema, error.validator, value)
    if template is None:
        return [Problem(key_of(path), _default(error))]
    fields = {"value": repr(value), "short": _short(value), "limit": error.validator_value,
              "length": len(value) if isinstance(value, (str, list, dict)) else "",
              "suggestion": suggestion(str(value), [str(c) for c in error.validator_value])
              if error.validator == "enum" else "",
              "found": _found(error)}
    return [Problem(key_of(path), template.format(**fields))]


def _template(schema: dict, keyword: str, value: object = ...) -> str | None:
    if not isinstance(schema, dict):
        return None
    messages = schema.get("x-messages", {})
    if value is None and "null" in messages:
        return messages["null"]
    if value is not ... and f"{keyword}:{_json_type(value)}" in messages:
        return messages[f"{keyword}:{_json_type(value)}"]
    return messages.get(keyword) or (schema.get("x-message") if keyword not in ("required", "additionalProperties")
                                     else None)


def _default(error: ValidationError) -> str:
    """The words for an error whose schema gives none."""
    value = error.instance
    if value is None:
        return "is empty"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"must be {' or '.join(TYPE_NAMES[t] for t in wanted)}, not {type_name(value)}"
    if error.validator == "enum":
        return f"unknown value {value!r}; {suggestion(str(value), [str(c) for c in error.validator_value])}"
    if isinstance(value, str) and not value.strip():
        return "is empty"
    return error.message  # jsonschema's own words, for a rule that has no x-message yet


TYPE_NAMES = {"object": "a mapping of keys to values", "array": "a list", "string": "text",
              "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "empty"}


def type_name(value: object) -> str:
    """What YAML read, in words: 'a list', 'text', 'a date'."""
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty", dt.date: "a date"}.get(type(value), type(value).__name__)


def _json_type(value: object) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
            dict: "object", type(None): "null"}.get(type(value), "other")


def suggestion(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"


def _short(value: object) -> str:
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _found(error: ValidationError) -> str:
    pattern = error.validator_value.get("pattern") if isinstance(error.validator_value, dict) else None
    match = re.search(pattern, error.instance) if pattern and isinstance(error.instance, str) else None
    return repr(match.group(0)) if match else ""


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Each key's line in a YAML text ("translation.status" -> 7), read from the parser's node marks,
    in the order the keys are written; empty if the text is not YAML."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: fast
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                lines[key_of([*path, key_node.value])] = key_node.start_mark.line + first_line
                walk(value_node, [*path, key_node.value])
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[key_of([*path, index])] = item.start_mark.line + first_line
                walk(item, [*path, index])
    walk(root, [])
    return lines
