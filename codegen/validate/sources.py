"""The meaning of sources: their ids, titles and dates, ``precedence``, each
entry's ``sources`` and ``prefer``, and its ``variants``, the other sources'
wordings, which must differ from what the entry says.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from codegen.diagnostics import Diagnostic
from codegen.precedence import said_by, source_ranks
from codegen.validate.sound import Sound, unique
from codegen.validate.structure import CLOSE, dotted


def check_sources(spec: Sound) -> Iterator[Diagnostic]:
    yield from unique(spec, "sources", "id", "source id")
    yield from unique(spec, "sources", "title", "source title")
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
    hint = difflib.get_close_matches(source, known, n=1, cutoff=CLOSE)
    expected = (
        f"did you mean {hint[0]!r}?" if hint else f"expected one of: {', '.join(known)}"
    )
    return f"unknown source {source!r}; {expected}"


def check_entry_sources(spec: Sound, section: str) -> Iterator[Diagnostic]:
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
                    f"{dotted(where)} is missing required key 'sources': with "
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
