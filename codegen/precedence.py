"""Which source's words an entry says: the sources' ranks by ``precedence``,
the source an entry follows, and wordings equal but for whitespace.

Below validate and model (and importdoc), which all need them: validate
checks a ``variants`` entry against the words the entry says, model orders an
entry's sources, importdoc merges a document's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def same_words(first: object, second: object) -> bool:
    """Equal but for whitespace when both are text (the spec may break lines
    where a document does not); plainly equal otherwise."""
    if isinstance(first, str) and isinstance(second, str):
        return first.split() == second.split()
    return first == second


def source_ranks(data: Mapping[str, Any]) -> dict[str, int]:
    """Each source id's rank, 0 first: the ids ``precedence`` lists in its
    order, then the others by id."""
    ids = [str(row["id"]) for row in data.get("sources", ())]
    # A source listed twice ranks where it is first listed (the validator
    # reports the repeat).
    listed = list(dict.fromkeys(str(i) for i in data.get("precedence", ()) if i in ids))
    ordered = listed + sorted(set(ids) - set(listed))
    return {source: rank for rank, source in enumerate(ordered)}


def said_by(row: Mapping[str, Any], ranks: Mapping[str, int]) -> str:
    """The source whose words an entry says: its ``prefer``, else the first of
    its sources by rank."""
    prefer = row.get("prefer")
    if prefer is not None:
        return str(prefer)
    return min(
        (str(s) for s in row["sources"]), key=lambda s: (ranks.get(s, 1 << 30), s)
    )
