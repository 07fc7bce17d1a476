"""Stage 2, validate: structure against spec/codes.schema.json, then meaning in code.

Every problem is returned, each at its place in the YAML. The schema catches the
shape (unknown keys, missing fields, wrong types, bad names); the checks below
catch what a schema cannot say (uniqueness, cross references, ranges that
overlap, real dates). The checks of meaning look at every value the schema
passed, even when other values failed it, so one run reports all it can.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import jsonschema
from jsonschema.protocols import Validator

from codegen.diagnostics import Diagnostic
from codegen.loader import SCHEMA_PATH as SCHEMA_PATH
from codegen.loader import DataPath, SpecDocument
from codegen.loader import load_schema as load_schema
from codegen.precedence import said_by, source_ranks

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
_CLOSE = 0.75

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


def validate_spec(
    doc: SpecDocument, schema: Mapping[str, Any] | None = None
) -> list[Diagnostic]:
    """Every problem with ``doc``, sorted by place; an empty list means it is valid."""
    schema = load_schema() if schema is None else schema
    data: Any = doc.data  # anything at all: the schema is what looks at it
    errors = [
        error
        for error in _relevant(_Validator(schema).iter_errors(data))
        if not _reported(doc, tuple(error.absolute_path))
    ]
    found = [*doc.problems, *(d for e in errors for d in _explain(doc, e))]
    broken = doc.unsound | doc.incomplete
    broken |= {tuple(error.absolute_path) for error in errors}
    found.extend(_check_meaning(_Sound(doc, broken)))
    return sorted(set(found))


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


# --- structure -------------------------------------------------------------------


def _where(path: DataPath) -> str:
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
    return _where(path)


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
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=_CLOSE)
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
        unknown = set(value) - set(schema.get("properties", {}))
        for key in rule:
            # A misspelt key ("mesage") is reported once, as an unknown key with
            # a "did you mean"; the missing key it was meant to be is not.
            if key not in value and not difflib.get_close_matches(
                key, unknown, n=1, cutoff=_CLOSE
            ):
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
        yield doc.diagnostic(path, f"{_where(path)}: {error.message}")


# --- meaning ---------------------------------------------------------------------

# The schema has checked the shape of every value these checks read; these
# aliases only name that shape for the reader.
_Row = dict[str, Any]


class _Sound:
    """The parts of a spec that passed the schema, for the checks of meaning.

    A row's value is sound when no schema error lies at or under it; a section
    is whole when no schema error lies anywhere in it. Checks within a section
    read sound values only; checks that look a value up in another section
    (a reason's code in ``codes``) run only when that section is whole, so a
    broken row never causes a second, misleading message elsewhere.
    """

    def __init__(self, doc: SpecDocument, broken: frozenset[DataPath]) -> None:
        self.doc = doc
        self._broken = broken

    def _sound(self, path: DataPath) -> bool:
        return not any(p[: len(path)] == path for p in self._broken)

    def sound(self, path: DataPath) -> bool:
        """Whether no schema error lies at or under ``path``."""
        return self._sound(path)

    def _section(self, section: str) -> list[object] | None:
        data = self.doc.data
        rows = data.get(section) if isinstance(data, dict) else None
        return rows if isinstance(rows, list) else None

    def whole(self, section: str) -> bool:
        return self._section(section) is not None and self._sound((section,))

    def rows(self, section: str, *keys: str) -> Iterator[tuple[DataPath, _Row]]:
        """The rows of ``section`` whose ``keys`` are all present and sound;
        each row holds its sound values only."""
        for index, row in enumerate(self._section(section) or ()):
            where: DataPath = (section, index)
            if not isinstance(row, dict):
                continue
            sound = {k: v for k, v in row.items() if self._sound((*where, k))}
            if all(key in sound for key in keys):
                yield where, sound

    def value(self, *path: str) -> object:
        """The sound value at a path of keys, or None."""
        value: object = self.doc.data
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value if self._sound(path) else None


def _check_meaning(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _check_sources(spec)
    yield from _check_categories(spec)
    yield from _check_classes(spec)
    yield from _check_codes(spec)
    yield from _check_reasons(spec)
    yield from _check_subcodes(spec)
    yield from _check_rules(spec)
    for section in ("code_classes", "codes", "reasons", "subcodes", "subcode_rules"):
        yield from _check_entry_sources(spec, section)
    yield from _check_aliases(spec, "codes", "code", "Code")
    yield from _check_aliases(spec, "reasons", "subcode", "SubCode")
    yield from _check_aliases(spec, "subcodes", "subcode", "SubCode")
    yield from _check_references(spec)
    yield from _check_signalling(spec)
    yield from _check_sdk_names(spec)


def unreviewed(doc: SpecDocument) -> list[Diagnostic]:
    """An error for each ``# review:`` mark import left: what it proposed (a
    name, a summary) must not ship until someone has read it."""
    return [
        Diagnostic(
            doc.path,
            place.line,
            place.column,
            f"not reviewed: {what or 'an imported entry'}; correct it if need "
            "be, then delete the '# review:' comment",
        )
        for place, what in doc.review_marks
    ]


def _check_sources(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _unique(spec, "sources", "id", "source id")
    yield from _unique(spec, "sources", "title", "source title")
    for where, row in spec.rows("sources", "date"):
        date = row["date"]
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            yield spec.doc.diagnostic(
                (*where, "date"), f"date {date!r} is not a day of the calendar"
            )
    precedence = spec.value("precedence")
    if not isinstance(precedence, list) or not spec.whole("sources"):
        return
    ids = {row["id"] for _, row in spec.rows("sources", "id")}
    seen: set[str] = set()
    for index, source in enumerate(precedence):
        place = ("precedence", index)
        if source in seen:
            yield spec.doc.diagnostic(place, f"source {source!r} is listed twice")
        elif source not in ids:
            yield spec.doc.diagnostic(place, _unknown_source(source, ids))
        seen.add(source)


def _unknown_source(source: str, ids: Iterable[str]) -> str:
    known = sorted(ids)
    hint = difflib.get_close_matches(source, known, n=1, cutoff=_CLOSE)
    expected = (
        f"did you mean {hint[0]!r}?" if hint else f"expected one of: {', '.join(known)}"
    )
    return f"unknown source {source!r}; {expected}"


def _check_entry_sources(spec: _Sound, section: str) -> Iterator[Diagnostic]:
    """An entry's sources are known, each once; ``prefer`` is one of them; a
    variant is another source's wording, one that differs from what is said."""
    if not spec.whole("sources"):
        return
    data = spec.doc.data
    assert isinstance(data, dict)
    precedence = spec.value("precedence")
    ranks = source_ranks(
        {
            "sources": [row for _, row in spec.rows("sources", "id")],
            "precedence": [
                p
                for p in (precedence if isinstance(precedence, list) else ())
                if isinstance(p, str)
            ],
        }
    )
    doc = spec.doc
    precedence_sound = not isinstance(precedence, list) or (
        len(set(precedence)) == len(precedence) and set(precedence) <= set(ranks)
    )
    if len(ranks) > 1:
        for where, row in spec.rows(section, "message"):
            if "sources" not in row and not spec.doc.unsound & {(*where, "sources")}:
                yield doc.diagnostic(
                    where,
                    f"{_where(where)} is missing required key 'sources': with "
                    "several sources, each entry names those that document it",
                )
    for where, row in spec.rows(section, "sources"):
        listed: list[str] = row["sources"]
        seen: set[str] = set()
        for index, source in enumerate(listed):
            place = (*where, "sources", index)
            if source in seen:
                yield doc.diagnostic(place, f"source {source!r} is listed twice")
            elif source not in ranks:
                yield doc.diagnostic(place, _unknown_source(source, ranks))
            seen.add(source)
        if not seen <= set(ranks):
            continue
        prefer = row.get("prefer")
        if prefer is not None and prefer not in seen:
            yield doc.diagnostic(
                (*where, "prefer"),
                f"prefer names {prefer!r}, which is not one of the entry's sources "
                f"({', '.join(listed)})",
            )
            continue
        if not precedence_sound:
            continue  # which source an entry says is unknown; precedence is reported
        said = said_by(row, ranks)
        own = _wording_key(row)
        # A source without a variant says what the said source says: its
        # own fields, then its further wordings.
        says = [own] + [
            _wording_key(w)
            for _, w in variant_wordings((row.get("variants") or {}).get(said))
        ]
        for source, variant in (row.get("variants") or {}).items():
            place = (*where, "variants", source)
            if source not in seen:
                yield doc.diagnostic(
                    place,
                    f"a variant of {source!r}, which is not one of the entry's "
                    f"sources ({', '.join(listed)})",
                    at_key=True,
                )
                continue
            if source == said and isinstance(variant, dict):
                yield doc.diagnostic(
                    place,
                    f"variant of {source!r}, the source whose words the entry says "
                    "(its own fields); remove it, set prefer to another source, or "
                    "write the source's further wordings as a list",
                    at_key=True,
                )
                continue
            given = [_wording_key(w) for _, w in variant_wordings(variant)]
            if source != said and given == says:
                yield doc.diagnostic(
                    place,
                    f"the variant of {source!r} says what the entry says; remove it",
                    at_key=True,
                )
                continue
            if not isinstance(variant, list):
                continue
            keys = [own] if source == said else []
            for index, wording in enumerate(variant):
                if not isinstance(wording, dict):
                    continue
                key = _wording_key(wording)
                if key in keys:
                    yield doc.diagnostic(
                        (*place, index),
                        f"wording {index + 1} of {source!r} repeats one the entry "
                        "already gives for that source; remove it",
                    )
                keys.append(key)


#: The fields of a wording, compared whitespace aside.
_WORDING_FIELDS = ("message", "result_category", "advice")


def _wording_key(row: Mapping[str, Any]) -> tuple[object, ...]:
    """What makes two wordings the same: their text, whitespace aside, and events."""
    text = tuple(
        " ".join(value.split()) if isinstance(value, str) else value
        for value in (row.get(key) for key in _WORDING_FIELDS)
    )
    events = row.get("events")
    return (*text, tuple(events) if isinstance(events, list) else ())


def variant_wordings(
    variant: object,
) -> list[tuple[tuple[int, ...], Mapping[str, Any]]]:
    """The wordings of one source's variant, a mapping or a list of them, each
    with its place below the variant (``()`` for a mapping, ``(index,)`` in a list)."""
    if isinstance(variant, dict):
        return [((), variant)]
    if isinstance(variant, list):
        return [((i,), w) for i, w in enumerate(variant) if isinstance(w, dict)]
    return []


def _check_subcodes(spec: _Sound) -> Iterator[Diagnostic]:
    """A subcode's meaning whatever its code: one entry each, and its name is
    the one its reasons give it."""
    yield from _unique(spec, "subcodes", "subcode", "subcode")
    yield from _unique(spec, "subcodes", "name", "SubCode member name")
    if not spec.whole("reasons"):
        return
    named: dict[int, tuple[str, int]] = {}
    owner: dict[str, tuple[int, int]] = {}
    for where, row in spec.rows("reasons", "subcode", "name"):
        line = spec.doc.position(where).line
        named.setdefault(row["subcode"], (row["name"], line))
        owner.setdefault(row["name"], (row["subcode"], line))
    classes = {row["name"] for _, row in spec.rows("code_classes", "name")}
    for where, row in spec.rows("subcodes", "subcode", "name"):
        code_class = row.get("code_class")
        if isinstance(code_class, str) and code_class not in classes:
            yield spec.doc.diagnostic(
                (*where, "code_class"),
                f"unknown code class {code_class!r}; expected one of: "
                + ", ".join(sorted(classes)),
            )
    for where, row in spec.rows("subcodes", "subcode", "name"):
        subcode, name = row["subcode"], row["name"]
        if subcode in named and named[subcode][0] != name:
            yield spec.doc.diagnostic(
                (*where, "name"),
                f"subcode {subcode} is named {named[subcode][0]} at line "
                f"{named[subcode][1]}; a subcode has one name",
            )
        elif name in owner and owner[name][0] != subcode:
            yield spec.doc.diagnostic(
                (*where, "name"),
                f"name {name} already names subcode {owner[name][0]} "
                f"(line {owner[name][1]})",
            )


def _check_rules(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _unique(spec, "subcode_rules", "name", "subcode rule name")
    spans: list[tuple[int, int, int, str]] = []
    for where, row in spec.rows("subcode_rules", "prefix", "digits"):
        first = row["prefix"] * 10 ** row["digits"]
        last = first + 10 ** row["digits"] - 1
        line = spec.doc.position(where).line
        for other_first, other_last, other_line, other_name in spans:
            if first <= other_last and other_first <= last:
                yield spec.doc.diagnostic(
                    where,
                    f"subcode rule {row.get('name', '')} ({first}-{last}) overlaps "
                    f"{other_name} ({other_first}-{other_last}, line {other_line})",
                )
        spans.append((first, last, line, str(row.get("name", ""))))


def _unique(
    spec: _Sound,
    section: str,
    key: str,
    what: str,
    why: str = "",
) -> Iterator[Diagnostic]:
    """Errors for repeated values of ``key`` across the rows of ``section``."""
    seen: dict[object, int] = {}
    for where, row in spec.rows(section, key):
        value = row[key]
        if value in seen:
            yield spec.doc.diagnostic(
                (*where, key),
                f"duplicate {what} {value!r} (first at line {seen[value]}){why}",
            )
        else:
            seen[value] = spec.doc.position((*where, key)).line


def _check_categories(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _unique(spec, "result_categories", "name", "result category name")
    spellings: dict[object, int] = {}
    for where, row in spec.rows("result_categories"):
        places: list[tuple[DataPath, object]] = []
        if "value" in row:
            places.append(((*where, "value"), row["value"]))
        for index, alias in enumerate(row.get("aliases", [])):
            places.append(((*where, "aliases", index), alias))
        for place, spelling in places:
            if spelling in spellings:
                yield spec.doc.diagnostic(
                    place,
                    f"duplicate result category spelling {spelling!r} "
                    f"(first at line {spellings[spelling]})",
                )
            else:
                spellings[spelling] = spec.doc.position(place).line


def _check_classes(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _unique(spec, "code_classes", "name", "code class name")
    yield from _unique(
        spec,
        "code_classes",
        "description",
        "code class description",
        "; it is the CodeClass member's value, so each must differ",
    )
    spans: list[tuple[int, int, int]] = []
    for where, row in spec.rows("code_classes", "first", "last"):
        first, last = row["first"], row["last"]
        label = f"code class {row['name']}" if "name" in row else "this code class"
        line = spec.doc.position(where).line
        if first > last:
            yield spec.doc.diagnostic(
                (*where, "last"),
                f"{label} ends ({last}) before it starts ({first})",
            )
            continue
        for other_first, other_last, other_line in spans:
            if first <= other_last and other_first <= last:
                yield spec.doc.diagnostic(
                    where,
                    f"{label} ({first}-{last}) overlaps "
                    f"{other_first}-{other_last} (line {other_line})",
                )
        spans.append((first, last, line))


def _check_codes(spec: _Sound) -> Iterator[Diagnostic]:
    yield from _unique(spec, "codes", "code", "code")
    yield from _unique(spec, "codes", "name", "Code member name")


def _check_reasons(spec: _Sound) -> Iterator[Diagnostic]:
    doc = spec.doc
    codes = (
        {row["code"] for _, row in spec.rows("codes", "code")}
        if spec.whole("codes")
        else None
    )
    spellings = (
        [
            spelling
            for _, row in spec.rows("result_categories", "value")
            for spelling in [row["value"], *row.get("aliases", [])]
        ]
        if spec.whole("result_categories")
        else None
    )
    pairs: dict[tuple[int, int], int] = {}
    for where, row in spec.rows("reasons", "code", "subcode"):
        pair = row["code"], row["subcode"]
        if pair in pairs:
            yield doc.diagnostic(
                where,
                f"duplicate reason: code {pair[0]} with subcode {pair[1]} "
                f"(first at line {pairs[pair]})",
            )
        else:
            pairs[pair] = doc.position(where).line
    for where, row in spec.rows("reasons", "code"):
        if codes is not None and row["code"] not in codes:
            yield doc.diagnostic(
                (*where, "code"),
                f"code {row['code']} has no entry in codes; add it there with a name",
            )
    places = [
        ((*where, "result_category"), row["result_category"])
        for where, row in spec.rows("reasons", "result_category")
    ]
    for where, row in spec.rows("reasons", "variants"):
        for source, variant in row["variants"].items():
            for at, wording in variant_wordings(variant):
                if "result_category" in wording:
                    places.append(
                        (
                            (*where, "variants", source, *at, "result_category"),
                            wording["result_category"],
                        )
                    )
    for place, category in places:
        if spellings is not None and category not in spellings:
            hint = difflib.get_close_matches(category, spellings, n=1, cutoff=_CLOSE)
            expected = (
                f"did you mean {hint[0]!r}?"
                if hint
                else f"expected one of: {', '.join(sorted(spellings))}"
            )
            yield doc.diagnostic(
                place, f"unknown result category {category!r}; {expected}"
            )
    name_of: dict[int, tuple[str, int]] = {}
    subcode_of: dict[str, tuple[int, int]] = {}
    for where, row in spec.rows("reasons", "subcode", "name"):
        subcode, name = row["subcode"], row["name"]
        line = doc.position(where).line
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
    spec: _Sound, section: str, number: str, enum: str
) -> Iterator[Diagnostic]:
    """An alias (a former name) must name nothing else in its enum: no member,
    and no other member's alias. Rows that share a subcode may repeat one."""
    members = {
        row["name"]: row[number] for _, row in spec.rows(section, "name", number)
    }
    owner: dict[str, tuple[object, int]] = {}
    for where, row in spec.rows(section, number, "aliases"):
        seen: set[str] = set()
        for index, alias in enumerate(row["aliases"]):
            place = (*where, "aliases", index)
            line = spec.doc.position(place).line
            if alias in seen:
                yield spec.doc.diagnostic(place, f"alias {alias} is listed twice")
            elif alias in members:
                yield spec.doc.diagnostic(
                    place,
                    f"alias {alias} is already the name of {enum} {members[alias]}",
                )
            elif alias in owner and owner[alias][0] != row[number]:
                other, other_line = owner[alias]
                yield spec.doc.diagnostic(
                    place,
                    f"alias {alias} is already an alias of {enum} {other} "
                    f"(line {other_line})",
                )
            seen.add(alias)
            owner.setdefault(alias, (row[number], line))


# --- SIP, Q.850 and the SDKs' names --------------------------------------------


def _nested_rows(
    spec: _Sound, section: str, key: str, *needed: str
) -> Iterator[tuple[DataPath, _Row]]:
    """The sound rows of the list ``section.key`` (``sip_statuses.statuses``)
    that have ``needed``, each with its sound values only."""
    holder = _top(spec).get(section)
    rows = holder.get(key) if isinstance(holder, dict) else None
    for index, row in enumerate(rows if isinstance(rows, list) else ()):
        where: DataPath = (section, key, index)
        if not isinstance(row, dict):
            continue
        sound = {k: v for k, v in row.items() if spec.sound((*where, k))}
        if all(field in sound for field in needed):
            yield where, sound


def _unique_at(
    spec: _Sound, rows: Iterable[tuple[DataPath, _Row]], key: str, what: str
) -> Iterator[Diagnostic]:
    """Errors for repeated values of ``key`` across ``rows``."""
    seen: dict[object, int] = {}
    for where, row in rows:
        value = row[key]
        if value in seen:
            yield spec.doc.diagnostic(
                (*where, key),
                f"duplicate {what} {value!r} (first at line {seen[value]})",
            )
        else:
            seen[value] = spec.doc.position((*where, key)).line


def _reference_ids(spec: _Sound) -> set[str] | None:
    """The references' ids, or None while the section is broken."""
    if spec.value("references") is None:
        return set() if "references" not in _top(spec) else None
    if not spec.whole("references"):
        return None
    return {row["id"] for _, row in spec.rows("references", "id")}


def _top(spec: _Sound) -> Mapping[str, object]:
    data = spec.doc.data
    return data if isinstance(data, dict) else {}


def _check_references(spec: _Sound) -> Iterator[Diagnostic]:
    """References are not sources: each id once, none a source's id."""
    yield from _unique(spec, "references", "id", "reference id")
    yield from _unique(spec, "references", "title", "reference title")
    sources = {row["id"] for _, row in spec.rows("sources", "id")}
    for where, row in spec.rows("references", "id"):
        if row["id"] in sources:
            yield spec.doc.diagnostic(
                (*where, "id"),
                f"reference id {row['id']!r} is a source's id; a reference is a "
                "standard the catalog cites, not a document it follows",
            )


def _check_reference(
    spec: _Sound, ids: set[str] | None, place: DataPath, value: object
) -> Iterator[Diagnostic]:
    if ids is None or not isinstance(value, str) or value in ids:
        return
    known = sorted(ids)
    hint = difflib.get_close_matches(value, known, n=1, cutoff=_CLOSE)
    expected = (
        f"did you mean {hint[0]!r}?"
        if hint
        else "add it to references" + (f" (known: {', '.join(known)})" if known else "")
    )
    yield spec.doc.diagnostic(place, f"unknown reference {value!r}; {expected}")


def _check_signalling(spec: _Sound) -> Iterator[Diagnostic]:
    """SIP statuses and Q.850 causes: each number and each name once, every
    reference known, every cause's SIP response one of the statuses."""
    ids = _reference_ids(spec)
    for section, key in (("sip_statuses", "registry"), ("q850_causes", "reference")):
        for name in (key, "sip_mapping"):
            value = spec.value(section, name)
            if value is not None:
                yield from _check_reference(spec, ids, (section, name), value)
    statuses = list(_nested_rows(spec, "sip_statuses", "statuses"))
    yield from _unique_at(
        spec, [r for r in statuses if "code" in r[1]], "code", "SIP response code"
    )
    yield from _unique_at(
        spec, [r for r in statuses if "name" in r[1]], "name", "SipStatus member name"
    )
    for where, row in statuses:
        if "reference" in row:
            yield from _check_reference(
                spec, ids, (*where, "reference"), row["reference"]
            )
    causes = list(_nested_rows(spec, "q850_causes", "causes"))
    yield from _unique_at(
        spec, [r for r in causes if "cause" in r[1]], "cause", "Q.850 cause"
    )
    yield from _unique_at(
        spec, [r for r in causes if "name" in r[1]], "name", "Q850Cause member name"
    )
    codes = (
        {row["code"] for _, row in statuses if "code" in row}
        if spec.sound(("sip_statuses",))
        else None
    )
    mapped = [(where, row) for where, row in causes if "sip" in row]
    if mapped and spec.value("q850_causes", "sip_mapping") is None:
        if spec.sound(("q850_causes",)):
            yield spec.doc.diagnostic(
                ("q850_causes",),
                "q850_causes maps causes to SIP (`sip`) but names no `sip_mapping`: "
                "the reference whose mapping they follow",
            )
    for where, row in mapped:
        if codes is not None and row["sip"] not in codes:
            yield spec.doc.diagnostic(
                (*where, "sip"),
                f"sip {row['sip']} is not one of sip_statuses; add it there first",
            )


def _check_sdk_names(spec: _Sound) -> Iterator[Diagnostic]:
    """Each subcode once and a SubCode member; each alias a name no SubCode
    member or other alias has."""
    yield from _unique(spec, "sdk_names", "subcode", "subcode")
    if not spec.whole("reasons") or (
        _has(spec, "subcodes") and not spec.whole("subcodes")
    ):
        return  # which subcodes are members is unknown; the schema errors say why
    members: dict[str, object] = {}
    aliases: dict[str, object] = {}
    for section in ("reasons", "subcodes"):
        for _, row in spec.rows(section, "subcode", "name"):
            members.setdefault(row["name"], row["subcode"])
            for alias in row.get("aliases", ()):
                aliases.setdefault(alias, row["subcode"])
    numbers = set(members.values())
    taken: dict[str, tuple[object, int]] = {}
    for where, row in spec.rows("sdk_names", "subcode"):
        subcode = row["subcode"]
        if subcode not in numbers:
            yield spec.doc.diagnostic(
                (*where, "subcode"),
                f"subcode {subcode} is not a SubCode member; an SDK's name is kept "
                "for a subcode the catalog documents",
            )
            continue
        alias = row.get("alias")
        if alias is None:
            continue
        place = (*where, "alias")
        line = spec.doc.position(place).line
        if alias in members:
            yield spec.doc.diagnostic(
                place, f"alias {alias} is already the name of SubCode {members[alias]}"
            )
        elif alias in aliases and aliases[alias] != subcode:
            yield spec.doc.diagnostic(
                place, f"alias {alias} is already an alias of SubCode {aliases[alias]}"
            )
        elif alias in taken:
            yield spec.doc.diagnostic(
                place,
                f"alias {alias} is already an alias of SubCode {taken[alias][0]} "
                f"(line {taken[alias][1]})",
            )
        taken.setdefault(alias, (subcode, line))


def _has(spec: _Sound, section: str) -> bool:
    return section in _top(spec)
