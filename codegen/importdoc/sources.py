"""Which source a document is: found by its title or id, or added."""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
)

from codegen.diagnostics import Diagnostic, SpecError
from codegen.doctables import DocTables
from codegen.importdoc.yamledit import KEY_ORDER, flow, insert_item, put_key


def _slug(title: str) -> str:
    """A source id made from a document's title: lower-case words and hyphens."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words) or "source"


def resolve_source(
    data: CommentedMap, doc: DocTables, source_id: str | None, changed: list[str]
) -> str:
    """The id of the source ``doc`` is, adding it to ``sources`` when the spec
    does not know it; its title and date follow the doc."""
    sources: CommentedSeq = data["sources"]
    entry: CommentedMap | None = None
    for row in sources:
        if (source_id is not None and row["id"] == source_id) or (
            source_id is None and row["title"] == doc.title
        ):
            entry = row
    problems: list[Diagnostic] = []
    if source_id is None and doc.title is None:
        problems.append(
            Diagnostic(
                doc.path,
                1,
                1,
                "the document has no title in its front matter; name its source "
                "with --source ID",
            )
        )
    titled = [
        row for row in sources if doc.title is not None and row["title"] == doc.title
    ]
    if source_id is not None and titled and titled[0]["id"] != source_id:
        problems.append(
            Diagnostic(
                doc.path,
                1,
                1,
                f"the document's title is that of source {titled[0]['id']!r}, not "
                f"{source_id!r}; leave out --source to import it as {titled[0]['id']!r}",
            )
        )
    elif source_id is not None and entry is None and doc.title is None:
        problems.append(
            Diagnostic(
                doc.path,
                1,
                1,
                f"the spec has no source {source_id!r}, and the document has no "
                "title in its front matter to add it with",
            )
        )
    if doc.date is None and doc.title is not None:
        problems.append(
            Diagnostic(
                doc.path,
                1,
                1,
                "the document has no ms.date (as M/D/YYYY) in its front matter; "
                "give the date with --date YYYY-MM-DD",
            )
        )
    if problems:
        raise SpecError(problems)
    if entry is None:
        ids = {str(row["id"]) for row in sources}
        base = source_id or _slug(str(doc.title))
        new_id = next(
            c
            for c in [base, *(f"{base}-{n}" for n in range(2, len(ids) + 3))]
            if c not in ids
        )
        entry = CommentedMap(
            [
                ("id", new_id),
                ("title", doc.title),
                ("date", DoubleQuotedScalarString(doc.date or "")),
            ]
        )
        insert_item(sources, len(sources), entry, spaced=False)
        changed.append(f"source {new_id}: new ({doc.title}, {doc.date})")
        return new_id
    if doc.title is not None and entry["title"] != doc.title:
        entry["title"] = doc.title
        changed.append(f"source {entry['id']}: title")
    if doc.date is not None and entry["date"] != doc.date:
        entry["date"] = DoubleQuotedScalarString(doc.date)
        changed.append(f"source {entry['id']}: date")
    return str(entry["id"])


def list_sources(data: CommentedMap, source: str) -> None:
    """Make ``source`` explicit on every entry with text that lists no sources:
    a catalog of one source may leave it unsaid, one of several may not."""
    for section, order in KEY_ORDER.items():
        for item in data.get(section) or ():
            if "message" in item and "sources" not in item:
                put_key(item, "sources", flow([source]), order)
