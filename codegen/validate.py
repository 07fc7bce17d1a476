"""Stage 2, validate: structure against spec/codes.schema.json, then meaning in code.

Every problem is returned, each at its place in the YAML. The schema catches the
shape (unknown keys, missing fields, wrong types, bad names); the checks below
catch what a schema cannot say (uniqueness, cross references, ranges that
overlap, floats posing as integers).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from codegen.diagnostics import Diagnostic
from codegen.files import data_path
from codegen.loader import DataPath, SpecDocument

SCHEMA_PATH = data_path("spec/codes.schema.json")

_KIND = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


@cache
def load_schema(path: Path = SCHEMA_PATH) -> Mapping[str, Any]:
    """The JSON Schema of a spec, read once."""
    schema: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def validate_spec(
    doc: SpecDocument, schema: Mapping[str, Any] | None = None
) -> list[Diagnostic]:
    """Every problem with ``doc``, sorted by place; an empty list means it is valid."""
    schema = load_schema() if schema is None else schema
    validator = jsonschema.Draft202012Validator(schema)
    found = [
        d for error in validator.iter_errors(doc.data) for d in _explain(doc, error)
    ]
    if not found:
        found = list(_check_meaning(doc))
    return sorted(set(found))


# --- structure -------------------------------------------------------------------


def _where(path: DataPath) -> str:
    """``reasons[3].message`` for ("reasons", 3, "message")."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the top level"


def _field(path: DataPath) -> str:
    """The name a message uses for the value at ``path``."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "entry"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a float ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"  # pragma: no cover - the loader only makes the kinds above


def _explain(
    doc: SpecDocument, error: jsonschema.ValidationError
) -> Iterator[Diagnostic]:
    """One or more sentences for one schema error, placed at the offending node."""
    path: DataPath = tuple(error.absolute_path)
    name = _field(path)
    kind = error.validator
    value = error.instance
    schema: Mapping[str, Any] = (
        error.schema if isinstance(error.schema, Mapping) else {}
    )
    rule: Any = error.validator_value
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            hint = difflib.get_close_matches(key, allowed, n=1)
            guess = (
                f"; did you mean {hint[0]!r}?"
                if hint
                else f" (expected one of: {', '.join(allowed)})"
            )
            yield doc.diagnostic(
                (*path, key),
                f"unknown key {key!r} in {_where(path)}{guess}",
                at_key=True,
            )
    elif kind == "required" and isinstance(value, dict):
        for key in rule:
            if key not in value:
                yield doc.diagnostic(
                    path, f"{_where(path)} is missing required key {key!r}"
                )
    elif kind == "dependentRequired" and isinstance(value, dict):
        for key, needs in rule.items():
            for need in needs:
                if key in value and need not in value:
                    yield doc.diagnostic(
                        (*path, key),
                        f"{_where(path)} has {key!r} but no {need!r}",
                        at_key=True,
                    )
    elif kind == "type":
        expected: list[str] = rule if isinstance(rule, list) else [rule]
        wanted = " or ".join(_KIND.get(t, t) for t in expected)
        yield doc.diagnostic(path, f"{name} must be {wanted}, not {_describe(value)}")
    elif kind == "pattern" and schema.get("pattern") == "\\S":
        yield doc.diagnostic(path, f"{name} must not be blank")
    elif kind == "pattern" and "UPPER_SNAKE" in schema.get("description", ""):
        yield doc.diagnostic(
            path,
            f"{name} {value!r} is not an UPPER_SNAKE identifier "
            "(capital letters, digits and underscores, starting with a letter)",
        )
    elif kind == "pattern" and name == "date":
        yield doc.diagnostic(path, f"date {value!r} must be written as YYYY-MM-DD")
    elif kind == "pattern":
        yield doc.diagnostic(path, f"{name} {value!r} must be a single word of letters")
    elif kind == "minLength":
        yield doc.diagnostic(path, f"{name} must not be empty")
    elif kind == "minItems":
        yield doc.diagnostic(path, f"{name} must have at least one entry")
    elif kind in {"anyOf", "minimum", "maximum"} and name in {"code", "first", "last"}:
        yield doc.diagnostic(
            path, f"{name} {value} is out of range: a code is 0 or from 100 to 699"
        )
    elif kind == "minimum" and name == "subcode":
        yield doc.diagnostic(
            path, f"subcode {value} is negative: a subcode is 0 or more"
        )
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield doc.diagnostic(path, f"{_where(path)}: {error.message}")


# --- meaning ---------------------------------------------------------------------

# After the schema has passed, the data has the schema's shape; these aliases only
# name that shape for the reader.
_Row = dict[str, Any]


def _rows(doc: SpecDocument, key: str) -> Iterator[tuple[DataPath, _Row]]:
    data = doc.data
    assert isinstance(data, dict)
    for index, row in enumerate(data[key]):
        yield (key, index), row


def _check_meaning(doc: SpecDocument) -> Iterator[Diagnostic]:
    yield from _check_integers(doc)
    yield from _check_categories(doc)
    yield from _check_classes(doc)
    yield from _check_codes(doc)
    yield from _check_reasons(doc)
    yield from _check_aliases(doc, "codes", "code", "Code")
    yield from _check_aliases(doc, "reasons", "subcode", "SubCode")


def _check_integers(doc: SpecDocument) -> Iterator[Diagnostic]:
    """JSON Schema counts 4507.0 as an integer; a catalog of codes does not."""
    for section, keys in (
        ("code_classes", ("first", "last")),
        ("codes", ("code",)),
        ("reasons", ("code", "subcode")),
    ):
        for where, row in _rows(doc, section):
            for key in keys:
                if isinstance(row[key], float):
                    yield doc.diagnostic(
                        (*where, key),
                        f"{key} must be an integer, not {_describe(row[key])}",
                    )


def _unique(
    doc: SpecDocument,
    section: str,
    key: str,
    what: str,
    seen: dict[object, int] | None = None,
) -> Iterator[Diagnostic]:
    """Errors for repeated values of ``key`` across the rows of ``section``."""
    seen = {} if seen is None else seen
    for where, row in _rows(doc, section):
        value = row[key]
        if value in seen:
            yield doc.diagnostic(
                (*where, key),
                f"duplicate {what} {value!r} (first at line {seen[value]})",
            )
        else:
            seen[value] = doc.position((*where, key)).line


def _check_categories(doc: SpecDocument) -> Iterator[Diagnostic]:
    yield from _unique(doc, "result_categories", "name", "result category name")
    spellings: dict[object, int] = {}
    for where, row in _rows(doc, "result_categories"):
        for index, spelling in enumerate([row["value"], *row.get("aliases", [])]):
            place: DataPath = (
                (*where, "value") if index == 0 else (*where, "aliases", index - 1)
            )
            if spelling in spellings:
                yield doc.diagnostic(
                    place,
                    f"duplicate result category spelling {spelling!r} "
                    f"(first at line {spellings[spelling]})",
                )
            else:
                spellings[spelling] = doc.position(place).line


def _check_classes(doc: SpecDocument) -> Iterator[Diagnostic]:
    yield from _unique(doc, "code_classes", "name", "code class name")
    # The description is the CodeClass member's value: a repeated one would make
    # the second class an alias of the first and lose its range.
    yield from _unique(doc, "code_classes", "description", "code class description")
    spans: list[tuple[int, int, int]] = []
    for where, row in _rows(doc, "code_classes"):
        first, last = row["first"], row["last"]
        line = doc.position(where).line
        if first > last:
            yield doc.diagnostic(
                (*where, "last"),
                f"code class {row['name']} ends ({last}) before it starts ({first})",
            )
            continue
        for other_first, other_last, other_line in spans:
            if first <= other_last and other_first <= last:
                yield doc.diagnostic(
                    where,
                    f"code class {row['name']} ({first}-{last}) overlaps "
                    f"{other_first}-{other_last} (line {other_line})",
                )
        spans.append((first, last, line))


def _check_codes(doc: SpecDocument) -> Iterator[Diagnostic]:
    yield from _unique(doc, "codes", "code", "code")
    yield from _unique(doc, "codes", "name", "Code member name")


def _check_reasons(doc: SpecDocument) -> Iterator[Diagnostic]:
    data = doc.data
    assert isinstance(data, dict)
    codes = {row["code"] for row in data["codes"]}
    spellings = {
        spelling
        for row in data["result_categories"]
        for spelling in [row["value"], *row.get("aliases", [])]
    }
    pairs: dict[tuple[int, int], int] = {}
    name_of: dict[int, tuple[str, int]] = {}
    subcode_of: dict[str, tuple[int, int]] = {}
    for where, row in _rows(doc, "reasons"):
        code, subcode, name = row["code"], row["subcode"], row["name"]
        line = doc.position(where).line
        if (code, subcode) in pairs:
            yield doc.diagnostic(
                where,
                f"duplicate reason: code {code} with subcode {subcode} "
                f"(first at line {pairs[code, subcode]})",
            )
        else:
            pairs[code, subcode] = line
        if code not in codes:
            yield doc.diagnostic(
                (*where, "code"),
                f"code {code} has no entry in codes; add it there with a name",
            )
        if row["result_category"] not in spellings:
            yield doc.diagnostic(
                (*where, "result_category"),
                f"unknown result category {row['result_category']!r} "
                f"(expected one of: {', '.join(sorted(map(str, spellings)))})",
            )
        if subcode in name_of and name_of[subcode][0] != name:
            first_name, first_line = name_of[subcode]
            yield doc.diagnostic(
                (*where, "name"),
                f"subcode {subcode} is named {first_name} at line {first_line}; "
                "rows that share a subcode share its name",
            )
        name_of.setdefault(subcode, (name, line))
        if name in subcode_of and subcode_of[name][0] != subcode:
            other, other_line = subcode_of[name]
            yield doc.diagnostic(
                (*where, "name"),
                f"name {name} already names subcode {other} (line {other_line})",
            )
        subcode_of.setdefault(name, (subcode, line))


def _check_aliases(
    doc: SpecDocument, section: str, number: str, enum: str
) -> Iterator[Diagnostic]:
    """An alias (a former name) must name nothing else in its enum: no member,
    and no other member's alias. Rows that share a subcode may repeat one."""
    members = {row["name"]: row[number] for _, row in _rows(doc, section)}
    owner: dict[str, tuple[object, int]] = {}
    for where, row in _rows(doc, section):
        seen: set[str] = set()
        for index, alias in enumerate(row.get("aliases", [])):
            place = (*where, "aliases", index)
            line = doc.position(place).line
            if alias in seen:
                yield doc.diagnostic(place, f"alias {alias} is listed twice")
            elif alias in members:
                yield doc.diagnostic(
                    place,
                    f"alias {alias} is already the name of {enum} {members[alias]}",
                )
            elif alias in owner and owner[alias][0] != row[number]:
                other, other_line = owner[alias]
                yield doc.diagnostic(
                    place,
                    f"alias {alias} is already an alias of {enum} {other} "
                    f"(line {other_line})",
                )
            seen.add(alias)
            owner.setdefault(alias, (row[number], line))
