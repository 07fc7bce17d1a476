"""Stage 2, validate: structure against spec/codes.schema.json, then meaning in code.

Every problem is returned, each at its place in the YAML. The schema catches the
shape (unknown keys, missing fields, wrong types, bad names); the checks of
meaning catch what a schema cannot say (uniqueness, cross references, ranges
that overlap, real dates). The checks of meaning look at every value the schema
passed, even when other values failed it, so one run reports all it can.

One module per concern: ``structure`` (the schema's errors in sentences),
``sound`` (what passed it, as the checks read it), ``sources`` (sources,
precedence, variants and wordings), ``entries`` (categories, classes, codes,
reasons, subcodes, rules, aliases) and ``signalling`` (SIP, Q.850, references
and the SDKs' names).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from codegen.diagnostics import Diagnostic
from codegen.loader import SCHEMA_PATH as SCHEMA_PATH
from codegen.loader import SpecDocument
from codegen.loader import load_schema as load_schema
from codegen.validate.entries import (
    check_aliases,
    check_categories,
    check_classes,
    check_codes,
    check_reasons,
    check_rules,
    check_subcodes,
)
from codegen.validate.signalling import (
    check_references,
    check_sdk_names,
    check_signalling,
)
from codegen.validate.sound import Sound
from codegen.validate.sources import check_entry_sources, check_sources
from codegen.validate.structure import check_structure

__all__ = ["SCHEMA_PATH", "load_schema", "unreviewed", "validate_spec"]


def validate_spec(
    doc: SpecDocument, schema: Mapping[str, Any] | None = None
) -> list[Diagnostic]:
    """Every problem with ``doc``, sorted by place; an empty list means it is valid."""
    schema = load_schema() if schema is None else schema
    errors, broken = check_structure(doc, schema)
    found = [*doc.problems, *errors]
    found.extend(_check_meaning(Sound(doc, doc.unsound | doc.incomplete | broken)))
    return sorted(set(found))


def _check_meaning(spec: Sound) -> Iterator[Diagnostic]:
    yield from check_sources(spec)
    yield from check_categories(spec)
    yield from check_classes(spec)
    yield from check_codes(spec)
    yield from check_reasons(spec)
    yield from check_subcodes(spec)
    yield from check_rules(spec)
    for section in ("code_classes", "codes", "reasons", "subcodes", "subcode_rules"):
        yield from check_entry_sources(spec, section)
    yield from check_aliases(spec, "codes", "code", "Code")
    yield from check_aliases(spec, "reasons", "subcode", "SubCode")
    yield from check_aliases(spec, "subcodes", "subcode", "SubCode")
    yield from check_references(spec)
    yield from check_signalling(spec)
    yield from check_sdk_names(spec)


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
