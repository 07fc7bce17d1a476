"""The structure of a spec: JSON Schema's errors, each in a sentence at its place.

The schema catches the shape (unknown keys, missing fields, wrong types, bad
names). One error is reported per value, the most basic first, and none where
the loader has already said what is wrong. ``check_structure`` gives the
sentences and the paths the schema found broken, which the checks of meaning
then leave alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema
from jsonschema.protocols import Validator

from codegen.diagnostics import Diagnostic
from codegen.loader import DataPath, SpecDocument

_KIND = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


#: How alike a typo and a known word must be for "did you mean": high enough
#: that ``mesage`` finds ``message`` but ``notes`` does not find ``codes``.
CLOSE = 0.75

#: Schema keywords about one value: when a value has the wrong type, the others
#: only repeat the news (``700.5`` is not an integer; saying it is out of range
#: too would be noise).
_VALUE_KEYWORDS = {
    "anyOf",
    "const",
    "enum",
    "maximum",
    "minimum",
    "minLength",
    "pattern",
}


def _is_integer(checker: object, instance: object) -> bool:
    """JSON Schema counts 4507.0 as an integer; a catalog of codes does not."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` as JSON Schema means it (ECMA 262), where ``$`` ends the text.

    Python's ``$`` also matches before a final newline, so ``"TOKEN\\n"`` would
    pass ``^[A-Z_]+$`` and land in the module as a broken member name. The
    schema's patterns use ``$`` only as an anchor, never inside a class.
    """
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern(
    validator: Any, pattern: str, instance: object, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and not _ecma_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# extend() has no annotations; this names what it returns.
_extend: Callable[..., type[Validator]] = jsonschema.validators.extend
_Validator = _extend(
    jsonschema.Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", _is_integer
    ),
)


def check_structure(
    doc: SpecDocument, schema: Mapping[str, Any]
) -> tuple[list[Diagnostic], set[DataPath]]:
    """The schema's errors in ``doc`` as sentences, and the paths they lie at."""
    data: Any = doc.data  # anything at all: the schema is what looks at it
    errors = [
        error
        for error in _relevant(_Validator(schema).iter_errors(data))
        if not _reported(doc, tuple(error.absolute_path))
    ]
    found = [d for e in errors for d in _explain(doc, e)]
    return found, {tuple(error.absolute_path) for error in errors}


def _reported(doc: SpecDocument, path: DataPath) -> bool:
    """Whether the loader has already said what is wrong at ``path``: a value it
    could not read as written (``NO``, ``010``), or a mapping it dropped a key of
    (so "missing key" would only repeat the news)."""
    return path in doc.incomplete or any(path[: len(bad)] == bad for bad in doc.unsound)


def _relevant(
    errors: Iterable[jsonschema.ValidationError],
) -> list[jsonschema.ValidationError]:
    """The errors worth a message: one kind per value, the most basic first."""
    errors = list(errors)
    by_kind: dict[str, set[DataPath]] = {}
    for error in errors:
        by_kind.setdefault(str(error.validator), set()).add(tuple(error.absolute_path))
    mistyped = by_kind.get("type", set())
    empty = by_kind.get("minLength", set())
    kept = []
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator in _VALUE_KEYWORDS and path in mistyped:
            continue
        if error.validator == "pattern" and path in empty:
            continue
        kept.append(error)
    return kept


def dotted(path: DataPath) -> str:
    """``reasons[3].message`` for ("reasons", 3, "message")."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the top level"


def _field(path: DataPath) -> str:
    """The name a message uses for the value at ``path``: its key, or where it
    stands when it is an entry of a list (``reasons[3]``)."""
    if path and isinstance(path[-1], str):
        return path[-1]
    return dotted(path)


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
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=CLOSE)
            guess = (
                f"; did you mean {hint[0]!r}?"
                if hint
                else f" (expected one of: {', '.join(allowed)})"
            )
            yield doc.diagnostic(
                (*path, key),
                f"unknown key {key!r} in {dotted(path)}{guess}",
                at_key=True,
            )
    elif kind == "required" and isinstance(value, dict):
        unknown = set(value) - set(schema.get("properties", {}))
        for key in rule:
            # A misspelt key ("mesage") is reported once, as an unknown key with
            # a "did you mean"; the missing key it was meant to be is not.
            if key not in value and not difflib.get_close_matches(
                key, unknown, n=1, cutoff=CLOSE
            ):
                yield doc.diagnostic(
                    path, f"{dotted(path)} is missing required key {key!r}"
                )
    elif kind == "dependentRequired" and isinstance(value, dict):
        for key, needs in rule.items():
            for need in needs:
                if key in value and need not in value:
                    yield doc.diagnostic(
                        (*path, key),
                        f"{dotted(path)} has {key!r} but no {need!r}",
                        at_key=True,
                    )
    elif kind == "type":
        expected: list[str] = rule if isinstance(rule, list) else [rule]
        wanted = " or ".join(_KIND.get(t, t) for t in expected)
        if value is None:
            yield doc.diagnostic(path, f"{name} must be {wanted}, but it is empty")
            return
        tip = ""
        if "integer" in expected and isinstance(value, str):
            tip = "; write the number without quotes"
        yield doc.diagnostic(
            path, f"{name} must be {wanted}, not {_describe(value)}{tip}"
        )
    elif kind == "pattern" and schema.get("pattern") == "\\S":
        yield doc.diagnostic(path, f"{name} must not be blank")
    elif kind == "pattern" and "UPPER_SNAKE" in schema.get("description", ""):
        yield doc.diagnostic(
            path,
            f"{name} {value!r} is not an UPPER_SNAKE identifier "
            "(capital letters, digits and underscores, starting with a letter)",
        )
    elif kind == "pattern" and "qualified name" in schema.get("description", ""):
        yield doc.diagnostic(
            path,
            f"{name} {value!r} is not a qualified name (identifiers joined by dots, "
            "such as ReasonCode.Recognize.INITIAL_SILENCE_TIMEOUT)",
        )
    elif kind == "pattern" and path[:1] == ("references",) and name == "id":
        yield doc.diagnostic(
            path, f"id {value!r} must be lower-case words joined by hyphens"
        )
    elif kind == "pattern" and name == "date":
        yield doc.diagnostic(path, f"date {value!r} must be written as YYYY-MM-DD")
    elif kind == "pattern":
        yield doc.diagnostic(path, f"{name} {value!r} must be a single word of letters")
    elif kind == "minLength":
        yield doc.diagnostic(path, f"{name} must not be empty")
    elif kind == "minItems":
        yield doc.diagnostic(path, f"{name} must have at least one entry")
    elif kind in {"minimum", "maximum"} and path[:1] == ("sip_statuses",):
        yield doc.diagnostic(
            path, f"SIP response code {value} is out of range: it is from 100 to 699"
        )
    elif kind in {"minimum", "maximum"} and name == "sip":
        yield doc.diagnostic(
            path, f"sip {value} is out of range: a SIP response code is from 100 to 699"
        )
    elif kind in {"minimum", "maximum"} and name == "cause":
        yield doc.diagnostic(
            path, f"cause {value} is out of range: a Q.850 cause is from 0 to 127"
        )
    elif kind in {"anyOf", "minimum", "maximum"} and name in {"code", "first", "last"}:
        yield doc.diagnostic(
            path, f"{name} {value} is out of range: a code is 0 or from 100 to 699"
        )
    elif kind == "enum":
        hint = difflib.get_close_matches(str(value), [str(v) for v in rule], n=1)
        guess = f"; did you mean {hint[0]!r}?" if hint else ""
        yield doc.diagnostic(
            path,
            f"{name} {value!r} is not one of: {', '.join(map(str, rule))}{guess}",
        )
    elif kind == "minimum" and name == "subcode":
        yield doc.diagnostic(
            path, f"subcode {value} is negative: a subcode is 0 or more"
        )
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield doc.diagnostic(path, f"{dotted(path)}: {error.message}")
