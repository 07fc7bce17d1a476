"""Import: the ACS code tables of a Markdown document, merged into the spec.

Two steps, both functions of their inputs (the command line reads and writes):

    read_doc     (codegen.doctables) Markdown text to rows, or SpecError located in the doc
    merge_doc    spec text + rows to new spec text and a summary of what changed

The merge edits the spec through ruamel.yaml's round trip (yamledit), so
everything it does not touch (comments, blank lines, quoting, key order) stays
byte for byte. The modules: ``names`` proposes and marks names, ``yamledit``
edits the YAML keeping its layout, ``texts`` compares wordings, ``merge``
applies one document, ``sources`` finds or adds its source.

Two YAML libraries hold the spec, each where it is the better tool: the
generator loads it with PyYAML (fast, and the loader's line marks locate every
error), and only this command edits it, through ruamel.yaml, whose round trip
keeps comments; ruamel's loader is several times slower and PyYAML cannot
write a file back as it was, so neither can do both jobs alone.
The doc is one source of the catalog, and only that source's claims change:
existing entries keep their names and record the doc's words (as the entry's
own fields when the source wins precedence, else under ``variants``); new
entries get a proposed name, marked ``# review: ...`` on its line; the source
leaves the entries the doc no longer has, and an entry goes when no source is
left. Importing the same doc twice changes nothing, and importing several docs
gives the same catalog in any order, names aside.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from codegen.diagnostics import Diagnostic, SpecError
from codegen.doctables import DocTables, Note, TableReport
from codegen.importdoc.merge import Merge
from codegen.importdoc.names import REVIEW_MARK, marked_for_review, propose_name
from codegen.importdoc.sources import list_sources, resolve_source
from codegen.importdoc.yamledit import keep_layout, round_trip, space_entries
from codegen.loader import parse_spec
from codegen.validate import load_schema, validate_spec

__all__ = [
    "REVIEW_MARK",
    "ImportResult",
    "keep_layout",
    "merge_doc",
    "propose_name",
    "space_entries",
]


@dataclass(frozen=True)
class ImportResult:
    """The merged spec text and what the merge did, one line per entry."""

    text: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    review: tuple[str, ...]
    notes: tuple[Note, ...]
    #: The id of the source the doc was imported as; None when nothing was.
    source: str | None = None
    #: The entries of this source that other sources word otherwise.
    disagree: tuple[str, ...] = ()
    #: Every table of the doc: read (with its rows) or skipped (with why).
    tables: tuple[TableReport, ...] = ()

    @property
    def unchanged(self) -> bool:
        """True when the import changed nothing."""
        return not (self.added or self.changed or self.removed)

    def summary(self, spec_path: str, verbose: bool = False) -> list[str]:
        """The lines the command prints: a count, each table read or skipped,
        then entry by entry. The entries that other sources word otherwise are
        listed when the import changed something, or when ``verbose``."""
        counts = (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed; {len(self.review)} to review; "
            f"{len(self.disagree)} worded otherwise by another source"
        )
        shown = spec_path if self.source is None else f"{spec_path} ({self.source})"
        lines = [f"{shown}: {counts}"]
        lines += (f"  {table}" for table in self.tables)
        disagree = self.disagree if verbose or not self.unchanged else ()
        for label, items in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
            ("review", self.review),
            ("disagree", disagree),
        ):
            lines += (f"  {label:<8} {item}" for item in items)
        return lines


@cache
def _import_schema() -> Mapping[str, Any]:
    """The spec's schema, but a spec being filled by import may have no entries yet."""
    schema: dict[str, Any] = dict(load_schema())
    properties = dict(schema["properties"])
    for key in ("sources", "codes", "reasons"):
        section = dict(properties[key])
        section.pop("minItems", None)
        properties[key] = section
    schema["properties"] = properties
    return schema


def merge_doc(
    spec_text: str, spec_path: str, doc: DocTables, source: str | None = None
) -> ImportResult:
    """The spec with the doc's tables merged in as one source; raises SpecError
    for problems.

    The source is the one whose title is the doc's, or ``source`` (an id) when
    given; a doc the spec does not know becomes a new source. Only that
    source's entries change. The spec must be valid (it may have no sources,
    codes or reasons yet); problems with the doc are located in the doc. When
    nothing changes, the text comes back exactly as it was given; a doc with
    no calling table (a Chat or SMS one) changes nothing and says why in
    ``notes``.
    """
    if doc.empty:
        # Nothing of calls in it (a Chat or SMS document): the notes say why,
        # and the spec is left as it is, unread.
        return ImportResult(spec_text, (), (), (), (), doc.notes, tables=doc.tables)
    spec = parse_spec(spec_text.encode("utf-8"), spec_path)
    problems = validate_spec(spec, _import_schema())
    if problems:
        raise SpecError(problems)
    yaml = round_trip()
    data = yaml.load(spec_text)
    changed: list[str] = []
    known = [str(row["id"]) for row in data["sources"]]
    source_id = resolve_source(data, doc, source, changed)
    if len(known) == 1 and source_id not in known:
        list_sources(data, known[0])
    merge = Merge(data, doc, source_id)
    merge.changed.extend(changed)
    merge.run()
    if merge.errors:
        raise SpecError(merge.errors)
    text = spec_text
    if merge.added or merge.changed or merge.removed:
        out = io.StringIO()
        yaml.dump(data, out)
        text = keep_layout(spec_text, space_entries(out.getvalue()))
        merged = parse_spec(text.encode("utf-8"), spec_path)
        problems = validate_spec(merged, _import_schema())
        if problems:
            raise SpecError(
                Diagnostic(
                    p.path,
                    p.line,
                    p.column,
                    f"the merged spec would be invalid: {p.message}",
                )
                for p in problems
            )
    return ImportResult(
        text=text,
        added=_by_kind(merge.added),
        changed=_by_kind(merge.changed),
        removed=_by_kind(merge.removed),
        review=tuple(marked_for_review(text)),
        notes=doc.notes,
        source=source_id,
        disagree=_by_kind(merge.disagree),
        tables=doc.tables,
    )


#: The order the summary lists entries in, by the word each line starts with.
_KIND_ORDER = ("source", "code", "reason", "subcode")


def _by_kind(lines: Sequence[str]) -> tuple[str, ...]:
    """``lines`` with the sources first, then codes, reasons and subcodes, each
    kind in the order the merge met them."""
    return tuple(sorted(lines, key=lambda line: _KIND_ORDER.index(line.split()[0])))
