"""The top of a small spec, for tests that write a catalog of their own: its
sources (and precedence), result categories and code classes, as YAML text.

A test adds the codes, reasons and whatever else it is about::

    SPEC = minimal_spec(categories=[SUCCESS]) + textwrap.dedent('''\\
        codes:
          ...
        ''')

Entries are mappings written in their order, one ``key: value`` a line, values
as given (``"[UnxpectedClientError]"``, ``'"2024-10-15"'``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Entry = Mapping[str, str]

#: The one source most tests need.
DOC: Entry = {"id": "doc", "title": "Call codes", "date": '"2024-10-15"'}
SUCCESS: Entry = {"name": "SUCCESS", "value": "Success", "description": "Fine."}
CLIENT_ERROR: Entry = {
    "name": "CLIENT_ERROR",
    "first": "400",
    "last": "499",
    "description": "Client error",
}
SERVER_ERROR: Entry = {
    "name": "SERVER_ERROR",
    "first": "500",
    "last": "599",
    "description": "Server error",
}


def entries(key: str, items: Sequence[Entry]) -> str:
    """``key:`` and a YAML list of ``items``, each a mapping."""
    lines = [f"{key}:"]
    for item in items:
        lines += (
            f"{'  - ' if index == 0 else '    '}{field}: {value}"
            for index, (field, value) in enumerate(item.items())
        )
    return "\n".join(lines) + "\n"


def minimal_spec(
    *,
    sources: Sequence[Entry] = (DOC,),
    precedence: Sequence[str] | None = None,
    categories: Sequence[Entry] = (SUCCESS,),
    classes: Sequence[Entry] = (CLIENT_ERROR,),
) -> str:
    """The spec's sources, precedence (when given), result categories and code
    classes, as YAML text ending in a newline."""
    text = entries("sources", sources)
    if precedence is not None:
        text += f"precedence: [{', '.join(precedence)}]\n"
    return (
        text
        + entries("result_categories", categories)
        + entries("code_classes", classes)
    )
