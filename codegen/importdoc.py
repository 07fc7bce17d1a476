"""Import: the ACS code tables of a Markdown document, merged into the spec.

Two steps, both functions of their inputs (the command line reads and writes):

    read_doc     (codegen.doctables) Markdown text to rows, or SpecError located in the doc
    merge_doc    spec text + rows to new spec text and a summary of what changed

The merge edits the spec through ruamel.yaml's round trip, so everything it does
not touch (comments, blank lines, quoting, key order) stays byte for byte.
The doc is one source of the catalog, and only that source's claims change:
existing entries keep their names and record the doc's words (as the entry's
own fields when the source wins precedence, else under ``variants``); new
entries get a proposed name, marked ``# review: ...`` on its line; the source
leaves the entries the doc no longer has, and an entry goes when no source is
left. Importing the same doc twice changes nothing, and importing several docs
gives the same catalog in any order, names aside.
"""

from __future__ import annotations

import difflib
import io
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
)
from ruamel.yaml.tokens import CommentToken

from codegen.diagnostics import Diagnostic, SpecError
from codegen.doctables import DocReason, DocTables, Note, TableReport
from codegen.loader import parse_spec
from codegen.model import said_by, same_words, source_ranks
from codegen.validate import load_schema, validate_spec

#: The comment that marks a proposed name; ``grep -n "# review:" spec/codes.yaml``.
REVIEW_MARK = "review:"

# --- proposing names -----------------------------------------------------------------

# Words that carry no meaning in a name. "Call" is here because nearly every
# message starts with it.
_FILLER = frozenset(
    "A AN AND ARE AS AT BE BECAUSE BEEN BY CALL DID DUE FOR FROM HAS HAD HAVE IN IS IT "
    "ITS OF ON OR THE THAT THIS TO WAS WERE WITH".split()
)
#: Names are cut at this many words: long enough to say what happened, short
#: enough to type. The number is a judgement, not a rule of the language.
_NAME_WORDS = 4


def propose_name(message: str, number: int, prefix: str, taken: set[str]) -> str:
    """An UPPER_SNAKE name from the first sentence of ``message``, not in ``taken``.

    The same inputs always give the same name; ``number`` (the code or subcode)
    and then a counter make it unique.

    >>> propose_name("Call timed out. Retry.", 4506, "SUBCODE", set())
    'TIMED_OUT'
    """
    sentence = re.split(r"[.:;\n]", message, maxsplit=1)[0].replace("'", "")
    words = [w.upper() for w in re.findall(r"[A-Za-z0-9]+", sentence)]
    meaningful = [w for w in words if w not in _FILLER][:_NAME_WORDS]
    base = "_".join(meaningful) or prefix
    if not base[0].isalpha():
        base = f"{prefix}_{base}"
    candidates = [base, f"{base}_{number}"]
    candidates += (f"{base}_{number}_{n}" for n in range(2, len(taken) + 3))
    name = next(c for c in candidates if c not in taken)
    taken.add(name)
    return name


# --- merging -------------------------------------------------------------------------


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


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Long messages stay on one line, as the spec writes them.
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


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


def _scalar(text: str) -> str:
    """Multi-line text and text that starts with a bullet as a ``|-`` block."""
    if "\n" in text or text.startswith("- "):
        block: str = LiteralScalarString(text)
        return block
    # Plain, not str: ruamel would write a str in the style of the value it
    # replaces (a one-line message where a block was stays a block).
    plain: str = PlainScalarString(text)
    return plain


# ruamel keeps the text between two list items (blank lines, comment lines) on the
# last key of the item before, together with that key's end-of-line comment; where
# the item ends in a nested mapping (variants), on the last key of that mapping,
# since the text on the key of a mapping prints right after the key. These helpers
# move that "trailer" so it stays in front of the item it leads to.


def _holder(item: CommentedMap) -> CommentedMap:
    """The mapping whose last key holds ``item``'s trailer: ``item``, or the
    innermost mapping it ends in."""
    while item and isinstance(last := item[list(item)[-1]], CommentedMap) and last:
        item = last
    return item


def _token(item: CommentedMap) -> CommentToken | None:
    item = _holder(item)
    if not item:
        return None
    entry = item.ca.items.get(list(item)[-1])
    if not entry or len(entry) < 3:
        return None
    token = entry[2]
    return token if isinstance(token, CommentToken) else None


def _split_token(token: CommentToken | None) -> tuple[str, str]:
    """The end-of-line comment (without its newline) and the lines after it."""
    if token is None:
        return "", ""
    value: str = token.value
    if value.startswith("#"):
        eol, _, rest = value.partition("\n")
        return eol, rest
    return "", value[1:] if value.startswith("\n") else value


def _ends_in_block(item: CommentedMap) -> bool:
    """True when the item's last value is a block scalar (``|-``): its own line
    end belongs to the scalar, so the whole token is the trailer."""
    item = _holder(item)
    return bool(item) and isinstance(
        item[list(item)[-1]], (LiteralScalarString, FoldedScalarString)
    )


def _trailer(item: CommentedMap) -> str:
    if _ends_in_block(item):
        token = _token(item)
        return "" if token is None else str(token.value)
    return _split_token(_token(item))[1]


def _set_trailer(item: CommentedMap, rest: str) -> None:
    token = _token(item)
    item = _holder(item)
    key = list(item)[-1]
    if _ends_in_block(item):
        if rest:
            mark = token.start_mark if token is not None else CommentMark(0)
            entry = item.ca.items.setdefault(key, [None, None, None, None])
            entry[2] = CommentToken(rest, mark, None)
        elif token is not None:
            item.ca.items[key][2] = None
        return
    eol, _ = _split_token(token)
    if not eol and not rest:
        if token is not None:
            item.ca.items[key][2] = None
        return
    value = f"{eol}\n{rest}" if eol else f"\n{rest}"
    mark = token.start_mark if token is not None else CommentMark(0)
    entry = item.ca.items.setdefault(key, [None, None, None, None])
    entry[2] = CommentToken(value, mark, None)


def _has_comment(rest: str) -> bool:
    return any(line.strip() for line in rest.splitlines())


def _separator(rest: str) -> str:
    """The blank lines at the start of a trailer: how the list spaces its items."""
    return rest[: len(rest) - len(rest.lstrip("\n"))]


def _insert(
    seq: CommentedSeq, index: int, item: CommentedMap, spaced: bool = True
) -> None:
    """Insert ``item`` at ``index``; the comment before the item that was there
    stays in front of it. In a ``spaced`` list a blank line parts the items."""
    if len(seq) == 0:
        seq.fa.set_block_style()
        seq.append(item)
        return
    if index == 0:
        _set_trailer(item, _separator(_trailer(seq[0])) or "\n")
        seq.insert(0, item)
        return
    before = seq[index - 1]
    rest = _trailer(before)
    _set_trailer(item, rest)
    _set_trailer(before, _separator(rest) if spaced else "")
    seq.insert(index, item)


def _remove(parent: CommentedMap, key: str, index: int) -> None:
    """Remove item ``index`` of the list ``parent[key]``, keeping the comments
    around it."""
    seq: CommentedSeq = parent[key]
    rest = _trailer(seq[index])
    if index > 0:
        before = seq[index - 1]
        kept = _trailer(before)
        if _has_comment(kept) and _has_comment(rest):
            rest = kept + rest.lstrip("\n")
        elif _has_comment(kept):
            rest = kept
        _set_trailer(before, rest)
    elif _has_comment(rest) and len(seq) > 1:
        # The first item's trailer leads to the second, which becomes the first:
        # the comment moves to the lines between the key and the list.
        lines = rest.lstrip("\n")
        token = CommentToken(lines, CommentMark(0), None)
        entry = parent.ca.items.setdefault(key, [None, None, None, None])
        if entry[3] is None:
            entry[3] = []
        entry[3].append(token)
        seq.ca.comment = [None, entry[3]]
    del seq[index]


_K = TypeVar("_K")

#: The order of each kind of entry's keys, as the spec writes them.
_KEYS = {
    "code_classes": (
        "name",
        "first",
        "last",
        "description",
        "sources",
        "prefer",
        "message",
        "variants",
    ),
    "codes": (
        "code",
        "name",
        "aliases",
        "summary",
        "sources",
        "prefer",
        "message",
        "advice",
        "events",
        "variants",
    ),
    "reasons": (
        "code",
        "subcode",
        "name",
        "aliases",
        "sources",
        "prefer",
        "message",
        "result_category",
        "advice",
        "events",
        "variants",
    ),
    "subcodes": (
        "subcode",
        "name",
        "aliases",
        "sources",
        "prefer",
        "message",
        "advice",
        "variants",
    ),
    "subcode_rules": (
        "name",
        "prefix",
        "digits",
        "reads",
        "direction",
        "sources",
        "message",
        "advice",
    ),
}


def _put(item: CommentedMap, key: str, value: object, order: Sequence[str]) -> None:
    """Set ``key``, placing a new key where ``order`` puts it among the others."""
    if key in item:
        last = list(item)[-1] == key
        rest = _trailer(item) if last else ""
        if last:
            _set_trailer(item, "")
        item[key] = value
        if last:
            _set_trailer(item, rest)
        return
    rank = order.index(key)
    position = sum(1 for k in item if k in order and order.index(k) < rank)
    if position == len(item):
        rest = _trailer(item)
        _set_trailer(item, "")
        item.insert(position, key, value)
        _set_trailer(item, rest)
    else:
        item.insert(position, key, value)


def _drop(item: CommentedMap, key: str) -> None:
    if key not in item:
        return
    if list(item)[-1] == key:
        rest = _trailer(item)
        del item[key]
        item.ca.items.pop(key, None)
        _set_trailer(item, rest)
    else:
        del item[key]
        item.ca.items.pop(key, None)


def _has_name_comment(item: CommentedMap) -> bool:
    entry = item.ca.items.get("name")
    return bool(entry and len(entry) > 2 and entry[2] is not None)


def _mark(item: CommentedMap, what: str) -> None:
    # Two spaces before the comment, as PEP 8 has it and new entries get; an
    # entry read from the file needs its column given.
    try:
        column: int | None = item.lc.key("name")[1] + len(f"name: {item['name']}  ")
    except (KeyError, TypeError):
        column = None
    item.yaml_add_eol_comment(f"# {REVIEW_MARK} {what}", "name", column=column)


def _sorted_index(seq: CommentedSeq, key: tuple[int, ...], key_of: Any) -> int:
    """Where ``key`` goes in a list sorted by ``key_of``: before the first larger."""
    for index, item in enumerate(seq):
        if key_of(item) > key:
            return index
    return len(seq)


def _code_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["code"]),)


def _reason_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["subcode"]), int(item["code"]))


class _Merge:
    """Applies one doc, as one source, to one spec, recording what it does.

    Each entry says the words of one of its sources (``said_by``: its
    ``prefer``, else the first by precedence); the others' words, where they
    differ, are kept under ``variants``. So whatever order documents are
    imported in, each entry ends up saying the same thing, and removing a
    source later still leaves the others' words intact.
    """

    def __init__(self, data: CommentedMap, doc: DocTables, source: str) -> None:
        self.data = data
        self.doc = doc
        self.source = source
        ids = [str(row["id"]) for row in data["sources"]]
        #: In a catalog of one source, an entry with text that lists no
        #: sources is that source's; with several, every such entry lists them.
        self.implied = ids[0] if len(ids) == 1 else None
        self.added: list[str] = []
        self.changed: list[str] = []
        self.removed: list[str] = []
        self.disagree: list[str] = []
        self.errors: list[Diagnostic] = []
        self.spelling: dict[str, str] = {}
        self.listed: set[int] = set()
        self.ranks: dict[str, int] = {}
        for row in data["result_categories"]:
            for spelling in [row["value"], *row.get("aliases", [])]:
                self.spelling[str(spelling)] = str(row["value"])

    # --- what the doc says ----------------------------------------------------------

    def _collect(self, rows: Iterable[tuple[_K, _Text]]) -> dict[_K, _Claim]:
        """Each key's wordings in document order. A row that repeats a wording
        adds nothing; rows with the same text and different events are one
        wording with the events of both."""
        wanted: dict[_K, list[_Text]] = {}
        for key, text in rows:
            texts = wanted.setdefault(key, [])
            for at, known in enumerate(texts):
                if _same(known, text, events=False) and (
                    bool(known.get("events")) == bool(text.get("events"))
                ):
                    merged = tuple(
                        dict.fromkeys(
                            [*(known.get("events") or ()), *(text.get("events") or ())]
                        )
                    )
                    texts[at] = {**known, "events": merged or None}
                    break
            else:
                texts.append(text)
        return {key: tuple(texts) for key, texts in wanted.items()}

    def _category(self, row: DocReason) -> tuple[bool, str | None]:
        """Whether the row's category is known, and its value (None: no category)."""
        if row.category is None:
            return True, None
        if row.category not in self.spelling:
            self.errors.append(
                Diagnostic(
                    self.doc.path,
                    row.line,
                    row.category_column,
                    _unknown_category(row.category, self.spelling),
                )
            )
            return False, None
        return True, self.spelling[row.category]

    def wanted_reasons(self) -> dict[tuple[int, int], _Claim]:
        rows: list[tuple[tuple[int, int], _Text]] = []
        for row in self.doc.reasons:
            known, category = self._category(row)
            if known:
                text: _Text = {
                    "message": row.message,
                    "result_category": category,
                    "advice": row.advice,
                    "events": row.events or None,
                }
                rows.append(((row.code, row.subcode), text))
        return self._collect(rows)

    def wanted_codes(self) -> dict[int, _Claim]:
        """The code-level rows by code; a code only listed counts as mentioned."""
        self.listed.update(row.code for row in self.doc.codes if row.message is None)
        return self._collect(
            (
                row.code,
                {
                    "message": row.message,
                    "advice": row.advice,
                    "events": row.events or None,
                },
            )
            for row in self.doc.codes
            if row.message is not None
        )

    def wanted_subcodes(self) -> dict[int, _Claim]:
        return self._collect(
            (row.subcode, {"message": row.message}) for row in self.doc.subcodes
        )

    # --- one entry's sources and words ----------------------------------------------

    def _rank(self, source: str) -> tuple[int, str]:
        return (self.ranks.get(source, 1 << 30), source)

    def sources_of(self, item: CommentedMap) -> list[str]:
        """The sources that document ``item``, as listed or implied."""
        listed = [str(s) for s in item.get("sources", [])]
        if listed or self.implied is None or "message" not in item:
            return listed
        return [self.implied]

    def _said(self, prefer: object, sources: Sequence[str]) -> str:
        return said_by({"sources": sources, "prefer": prefer}, self.ranks)

    def claims(self, item: CommentedMap, fields: Sequence[str]) -> dict[str, _Claim]:
        """What each of the entry's sources says of it: the said source its own
        fields and then its further wordings, a source with a variant that, a
        source without one the entry's own fields."""
        sources = self.sources_of(item)
        if not sources:
            return {}
        own = _own(item, fields)
        said = self._said(item.get("prefer"), sources)
        block = item.get("variants") or {}
        texts = {
            s: tuple(_wording(v, fields) for v in _as_list(block.get(s)))
            for s in sources
        }
        says = (own, *texts[said])
        # A source without a variant says what the said source says.
        return {s: says if s == said else texts[s] or says for s in sources}

    def follow(
        self,
        item: CommentedMap,
        fields: Sequence[str],
        new: _Claim | None,
        what: str,
        fresh: bool = False,
    ) -> bool:
        """Make ``item`` record what this source says of it (``new``, its
        wordings in document order; None: the source does not document it).
        Returns False when no source is left. ``fresh`` is for an entry being
        added: its words are no change."""
        before = self.claims(item, fields)
        after = dict(before)
        prefer = item.get("prefer")
        if new is None:
            if self.source not in after:
                return True
            del after[self.source]
            if not after:
                return False
            if prefer == self.source:
                _drop(item, "prefer")
                prefer = None
            self.changed.append(f"{what}: no longer in {self.source}")
        else:
            if self.source not in after and after:
                self.changed.append(f"{what}: also in {self.source}")
            after[self.source] = new
        sources = sorted(after, key=self._rank)
        said = self._said(prefer, sources)
        own = after[said][0]
        old = _own(item, fields)
        if not _same(old, own):
            self.say(item, fields, old, own, fresh)
        elif (
            not fresh
            and new is not None
            and self.source in before
            and not _same_claims(before[self.source], new)
        ):
            label = "variant" if self.source != said else "further wordings"
            self.changed.append(f"{what}: {self.source}'s {label}")
        variants: dict[str, _Claim] = {}
        for source in sources:
            claim = after[source]
            if source == said:
                if len(claim) > 1:
                    variants[source] = claim[1:]
            elif not _same_claims(claim, after[said]):
                variants[source] = claim
        self._store(item, sources, variants, fields)
        parts = []
        if len(after[said]) > 1:
            parts.append(f"{said} words it {len(after[said])} ways")
        others = [s for s in variants if s != said]
        if others:
            verb = "words" if len(others) == 1 else "word"
            parts.append(f"{', '.join(others)} {verb} it otherwise")
        if parts:
            self.disagree.append(f"{what}: says {said}'s words; {'; '.join(parts)}")
        return True

    def say(
        self,
        item: CommentedMap,
        fields: Sequence[str],
        old: _Text,
        new: _Text,
        fresh: bool,
    ) -> None:
        """Put ``new`` in the entry's own fields."""
        order = _KEYS[_kind_of(item)]
        keys = [
            key
            for key in (*fields, "events")
            if key in new or key in old
            if not same_words(old.get(key), new.get(key))
        ]
        for key in (*fields, "events"):
            value = new.get(key)
            if key not in fields and key != "events":
                continue
            if same_words(old.get(key), value):
                continue
            if not value:
                _drop(item, key)
            else:
                _put(item, key, _yaml_value(key, value), order)
        if not fresh:
            self.changed.append(f"{_describe(item)}: {', '.join(keys)}")

    def _store(
        self,
        item: CommentedMap,
        sources: list[str],
        variants: Mapping[str, _Claim],
        fields: Sequence[str],
    ) -> None:
        """Write ``sources`` and ``variants`` where they differ from the entry's.
        An entry of a catalog of one source need not list it."""
        order = _KEYS[_kind_of(item)]
        listed = [str(s) for s in item.get("sources", [])]
        implied = not listed and sources == [self.implied]
        if set(listed) != set(sources) and not implied:
            _put(item, "sources", _flow(sorted(sources, key=self._rank)), order)
        if not variants:
            _drop(item, "variants")
            return
        said = self._said(item.get("prefer"), sources)
        block_now = item.get("variants") or {}
        current = {
            str(s): tuple(_wording(v, fields) for v in _as_list(block_now[s]))
            for s in block_now
        }
        same = set(current) == set(variants) and all(
            _same_claims(current[s], variants[s])
            and (isinstance(block_now[s], list) == (s == said or len(variants[s]) > 1))
            for s in variants
        )
        if same:
            return
        block = CommentedMap()
        for source in sorted(variants, key=self._rank):
            texts = [_variant_map(text) for text in variants[source]]
            if source == said or len(texts) > 1:
                seq = CommentedSeq(texts)
                block[source] = seq
            else:
                block[source] = texts[0]
        _put(item, "variants", block, order)

    # --- the whole spec ---------------------------------------------------------------

    def run(self) -> None:
        reasons_wanted = self.wanted_reasons()
        codes_wanted = self.wanted_codes()
        subcodes_wanted = self.wanted_subcodes()
        if self.errors:
            return
        self.ranks = source_ranks(self.data)
        codes: CommentedSeq = self.data["codes"]
        reasons: CommentedSeq = self.data["reasons"]
        generic: CommentedSeq = self.data.setdefault("subcodes", CommentedSeq())
        subcode_names: dict[int, str] = {}
        subcode_aliases: dict[int, list[str]] = {}
        for row in [*reasons, *generic]:
            subcode_names[int(row["subcode"])] = str(row["name"])
            known = subcode_aliases.setdefault(int(row["subcode"]), [])
            known += (str(a) for a in row.get("aliases", []) if str(a) not in known)

        # Reasons: follow the doc; go when no source is left.
        regrouped: set[int] = set()
        present: set[tuple[int, int]] = set()
        gone: list[int] = []
        for index, row in enumerate(reasons):
            pair = (int(row["code"]), int(row["subcode"]))
            present.add(pair)
            what = f"reason {pair[0]}/{pair[1]} {row['name']}"
            if not self.follow(row, _REASON_TEXT, reasons_wanted.get(pair), what):
                self.removed.append(what)
                gone.append(index)
                regrouped.add(pair[0])
        for index in reversed(gone):
            _remove(self.data, "reasons", index)
        taken_subcodes = _names(reasons) | _names(generic)
        for pair in sorted(set(reasons_wanted) - present, key=lambda p: (p[1], p[0])):
            self.new_reason(
                pair,
                reasons_wanted[pair],
                subcode_names,
                subcode_aliases,
                taken_subcodes,
            )
            regrouped.add(pair[0])

        # Generic subcodes, the same way.
        present_subcodes: set[int] = set()
        gone = []
        for index, row in enumerate(generic):
            subcode = int(row["subcode"])
            present_subcodes.add(subcode)
            what = f"subcode {subcode} {row['name']}"
            if not self.follow(row, _SUBCODE_TEXT, subcodes_wanted.get(subcode), what):
                self.removed.append(what)
                gone.append(index)
        for index in reversed(gone):
            _remove(self.data, "subcodes", index)
        for subcode in sorted(set(subcodes_wanted) - present_subcodes):
            self.new_subcode(
                subcode,
                subcodes_wanted[subcode],
                subcode_names,
                subcode_aliases,
                taken_subcodes,
            )
        if not generic:
            del self.data["subcodes"]

        # Code classes: what the doc says of each in words. A class is never
        # removed; when no source says anything of it, its words go.
        classes_wanted = self._collect(
            (row.digit, {"message": row.message}) for row in self.doc.classes
        )
        for row in self.data["code_classes"]:
            first, last = int(row["first"]), int(row["last"])
            digit = first // 100 if first % 100 == 0 and last == first + 99 else None
            what = f"code class {row['name']}"
            wanted = classes_wanted.get(digit) if digit is not None else None
            if not self.follow(row, _SUBCODE_TEXT, wanted, what):
                for key in ("variants", "prefer", "sources", "message"):
                    _drop(row, key)
                self.changed.append(f"{what}: words no longer given")

        # Codes: their code-level rows follow the doc; a code goes when no
        # source has a row for it or a reason with it.
        used = {int(row["code"]) for row in reasons} | self.listed
        present_codes: set[int] = set()
        gone = []
        for index, entry in enumerate(codes):
            code = int(entry["code"])
            present_codes.add(code)
            what = f"code {code} {entry['name']}"
            if not self.follow(entry, _CODE_TEXT, codes_wanted.get(code), what):
                for key in ("sources", "variants", "prefer", "message", "advice"):
                    _drop(entry, key)
                if code in used:
                    self.changed.append(f"{what}: no code-level row left")
            if code not in used and not self.sources_of(entry):
                self.removed.append(what)
                gone.append(index)
        for index in reversed(gone):
            _remove(self.data, "codes", index)
        taken_codes = _names(codes)
        for code in sorted((used | set(codes_wanted)) - present_codes):
            self.new_code(code, codes_wanted.get(code), reasons_wanted, taken_codes)
        for entry in codes:
            code = int(entry["code"])
            if (
                code in regrouped
                and code in present_codes
                and not _has_name_comment(entry)
            ):
                _mark(entry, "summary (its rows changed)")
                self.changed.append(
                    f"code {code} {entry['name']}: rows; review its summary"
                )

    def new_code(
        self,
        code: int,
        level: _Claim | None,
        reasons_wanted: Mapping[tuple[int, int], _Claim],
        taken: set[str],
    ) -> None:
        first = min(
            ((s, row) for (c, s), row in reasons_wanted.items() if c == code),
            key=lambda item: item[0],
            default=None,
        )
        own = level[0]["message"] if level is not None else None
        message = own or (first[1][0]["message"] if first else None) or f"Code {code}."
        name = propose_name(message, code, "CODE", taken)
        entry = CommentedMap([("code", code), ("name", name)])
        entry["summary"] = _scalar(message)
        codes: CommentedSeq = self.data["codes"]
        if level is not None:
            self.follow(entry, _CODE_TEXT, level, f"code {code} {name}", fresh=True)
        _mark(entry, "proposed name and summary")
        _insert(codes, _sorted_index(codes, (code,), _code_key), entry)
        self.added.append(f"code {code} {name} (proposed name)")

    def _subcode_name(
        self, subcode: int, message: str, names: dict[int, str], taken: set[str]
    ) -> tuple[str, bool]:
        proposed = subcode not in names
        if proposed:
            names[subcode] = propose_name(message, subcode, "SUBCODE", taken)
        return names[subcode], proposed

    def new_reason(
        self,
        pair: tuple[int, int],
        text: _Claim,
        subcode_names: dict[int, str],
        subcode_aliases: Mapping[int, list[str]],
        taken: set[str],
    ) -> None:
        code, subcode = pair
        message = str(text[0]["message"])
        name, proposed = self._subcode_name(subcode, message, subcode_names, taken)
        entry = CommentedMap([("code", code), ("subcode", subcode), ("name", name)])
        if subcode_aliases.get(subcode):
            entry["aliases"] = _flow(subcode_aliases[subcode])
        self.follow(
            entry, _REASON_TEXT, text, f"reason {code}/{subcode} {name}", fresh=True
        )
        if proposed:
            _mark(entry, "proposed name")
        reasons: CommentedSeq = self.data["reasons"]
        _insert(reasons, _sorted_index(reasons, (subcode, code), _reason_key), entry)
        suffix = " (proposed name)" if proposed else ""
        self.added.append(f"reason {code}/{subcode} {name}{suffix}")

    def new_subcode(
        self,
        subcode: int,
        text: _Claim,
        subcode_names: dict[int, str],
        subcode_aliases: Mapping[int, list[str]],
        taken: set[str],
    ) -> None:
        message = str(text[0]["message"])
        name, proposed = self._subcode_name(subcode, message, subcode_names, taken)
        entry = CommentedMap([("subcode", subcode), ("name", name)])
        if subcode_aliases.get(subcode):
            entry["aliases"] = _flow(subcode_aliases[subcode])
        self.follow(entry, _SUBCODE_TEXT, text, f"subcode {subcode} {name}", fresh=True)
        if proposed:
            _mark(entry, "proposed name")
        generic: CommentedSeq = self.data["subcodes"]
        _insert(generic, _sorted_index(generic, (subcode,), _subcode_key), entry)
        suffix = " (proposed name)" if proposed else ""
        self.added.append(f"subcode {subcode} {name}{suffix}")


#: What one source says of an entry in one wording: its text fields, None
#: where it says nothing, and ``events``, a tuple of names or None.
_Text = Mapping[str, Any]
#: Everything one source says of an entry: its wordings in document order.
_Claim = tuple[_Text, ...]

_REASON_TEXT = ("message", "result_category", "advice")
_CODE_TEXT = ("message", "advice")
_SUBCODE_TEXT = ("message",)


def _kind_of(item: CommentedMap) -> str:
    if "first" in item:
        return "code_classes"
    if "code" not in item:
        return "subcodes"
    return "reasons" if "subcode" in item else "codes"


def _describe(item: CommentedMap) -> str:
    kind = _kind_of(item)
    if kind == "reasons":
        return f"reason {item['code']}/{item['subcode']} {item['name']}"
    if kind == "subcodes":
        return f"subcode {item['subcode']} {item['name']}"
    if kind == "code_classes":
        return f"code class {item['name']}"
    return f"code {item['code']} {item['name']}"


def _plain(value: object) -> str | None:
    return None if value is None else str(value)


def _wording(text: Mapping[str, Any], fields: Sequence[str]) -> _Text:
    """One wording of a spec mapping (an entry's own fields, or a variant)."""
    found: dict[str, Any] = {key: _plain(text.get(key)) for key in fields}
    if "subcode" not in fields:
        events = text.get("events")
        found["events"] = tuple(str(e) for e in events) if events else None
    return found


def _own(item: CommentedMap, fields: Sequence[str]) -> _Text:
    """The wording the entry's own fields give; subcode meanings carry no events."""
    text = _wording(item, fields)
    if _kind_of(item) in ("subcodes", "code_classes"):
        text.pop("events", None)  # type: ignore[attr-defined]
    return text


def _as_list(variant: object) -> list[Mapping[str, Any]]:
    if isinstance(variant, Mapping):
        return [variant]
    if isinstance(variant, list):
        return [v for v in variant if isinstance(v, Mapping)]
    return []


def _same(first: _Text, second: _Text, events: bool = True) -> bool:
    keys = (set(first) | set(second)) - (set() if events else {"events"})
    return all(same_words(first.get(k) or None, second.get(k) or None) for k in keys)


def _same_claims(first: _Claim, second: _Claim) -> bool:
    return len(first) == len(second) and all(
        _same(a, b) for a, b in zip(first, second, strict=True)
    )


def _yaml_value(key: str, value: object) -> object:
    if key == "events":
        return _flow([str(e) for e in value])  # type: ignore[attr-defined]
    if key == "result_category":
        return value
    return _scalar(str(value))


def _variant_map(text: _Text) -> CommentedMap:
    out = CommentedMap()
    for key in ("message", "result_category", "advice", "events"):
        value = text.get(key)
        if value:
            out[key] = _yaml_value(key, value)
    return out


def _subcode_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["subcode"]),)


def _flow(items: list[str]) -> CommentedSeq:
    """A list written on one line, ``[A, B]``, as the spec writes aliases."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _names(seq: CommentedSeq) -> set[str]:
    return {str(item["name"]) for item in seq} | {
        str(alias) for item in seq for alias in item.get("aliases", [])
    }


#: A name import proposed, as the dumped spec writes it: ``name: X  # review: ...``.
_MARKED_NAME = re.compile(r"^ +(?:- )?name: ([A-Z][A-Z0-9_]*) +#\s*" + REVIEW_MARK)
_LABELS = {"codes": "Code", "reasons": "SubCode", "subcodes": "SubCode"}


def _to_review(text: str) -> list[str]:
    """Each member whose name is marked for review, once, with the line of its
    name (where ``grep -n "# review:"`` finds it): Code members first.

    Read from the text, which the merge has just written: loading it again to
    find the marks would take as long as the merge itself.
    """
    found: dict[str, list[str]] = {"Code": [], "SubCode": []}
    seen: set[tuple[str, str]] = set()
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line[0].isspace() and not line.startswith("#"):
            section = line.split(":", 1)[0]
        label = _LABELS.get(section)
        marked = _MARKED_NAME.match(line)
        if label is not None and marked and (label, marked[1]) not in seen:
            seen.add((label, marked[1]))
            found[label].append(f"{label}.{marked[1]} (line {number})")
    return [*found["Code"], *found["SubCode"]]


def _unknown_category(spelling: str, known: Mapping[str, str]) -> str:
    """The message for a category the spec has no spelling of. The document
    misspells categories at times, so the way out is an alias, not an edit."""
    close = difflib.get_close_matches(spelling, list(known), n=1)
    if close:
        category = known[close[0]]
        return (
            f"unknown result category {spelling!r}; did you mean {close[0]!r}? If the "
            f"document spells it so, add {spelling!r} to the aliases of {category} "
            "in result_categories"
        )
    return (
        f"unknown result category {spelling!r} (expected one of: "
        f"{', '.join(sorted(known))}); if it is new, add it to result_categories"
    )


#: The lists whose entries the spec separates with a blank line.
_SPACED = frozenset({"codes", "reasons", "subcodes", "subcode_rules"})


def space_entries(text: str) -> str:
    """``text`` with one blank line before each entry of the spaced lists (and
    before the comment lines that lead to it), and after the last, as the spec
    is written by hand. The round trip loses that space after an entry that
    ends in a nested block, and a section import adds follows the one before.

    >>> space_entries("codes:\\n  - code: 0\\n  - code: 1\\nreasons: []\\n")
    'codes:\\n\\n  - code: 0\\n\\n  - code: 1\\n\\nreasons: []\\n'
    """
    lines = text.split("\n")
    out: list[str] = []
    section = ""
    for line in lines:
        key = bool(line) and not line[0].isspace() and not line.startswith("#")
        if section in _SPACED and (key or line.startswith("  - ")):
            lead = "#" if key else "  #"
            at = len(out)
            while at > 0 and out[at - 1].startswith(lead):
                at -= 1
            if at > 0 and out[at - 1].strip():
                out.insert(at, "")
        if key:
            section = line.split(":", 1)[0]
        out.append(line)
    return "\n".join(out)


#: A line that starts a chunk of the spec: a top-level key, or an item of a
#: top-level list.
_CHUNK_START = re.compile(r"^(?:[A-Za-z_]|  - )")


def _chunks(text: str) -> list[tuple[tuple[str, ...], str]]:
    """The text cut where a top-level key or a list item starts, each chunk
    with the comment and blank lines after it, and named by its section and
    first line (and the subcode line of a reason)."""
    chunks: list[tuple[tuple[str, ...], str]] = []
    lines = text.splitlines(keepends=True)
    section = ""
    current: list[str] = []
    for line in lines:
        if _CHUNK_START.match(line) and current:
            chunks.append((_chunk_key(section, current), "".join(current)))
            current = []
        if line[:1].isalpha() or line.startswith("_"):
            section = line.split(":", 1)[0]
        current.append(line)
    if current:
        chunks.append((_chunk_key(section, current), "".join(current)))
    return chunks


def _chunk_key(section: str, lines: Sequence[str]) -> tuple[str, ...]:
    key = [section, lines[0].split("#", 1)[0].strip()]
    if len(lines) > 1 and lines[1].strip().startswith("subcode:"):
        key.append(lines[1].strip())
    return tuple(key)


def _same_chunk(first: str, second: str) -> bool:
    """Equal but for layout: the same words and comments, and the same data."""
    if first.split() != second.split():
        return False
    try:
        return yaml.safe_load(textwrap.dedent(first)) == yaml.safe_load(
            textwrap.dedent(second)
        )
    except yaml.YAMLError:
        return False


def keep_layout(original: str, merged: str) -> str:
    """``merged`` with every chunk that says what it said in ``original`` (the
    same entry, its words and comments unchanged) taken byte for byte from
    ``original``: the round trip reflows multi-line plain scalars and moves
    blank lines, and an import must leave what it does not change as it was."""
    old_chunks = _chunks(original)
    before: dict[tuple[str, ...], list[str]] = {}
    follows: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for at, (key, chunk) in enumerate(old_chunks):
        before.setdefault(key, []).append(chunk)
        follows[key] = old_chunks[at + 1][0] if at + 1 < len(old_chunks) else None
    new_chunks = _chunks(merged)
    out: list[str] = []
    for at, (key, chunk) in enumerate(new_chunks):
        kept = next((c for c in before.get(key, ()) if _same_chunk(c, chunk)), None)
        if kept is None and len(before.get(key, ())) == 1:
            # The entry changed: keep the layout of the keys that did not.
            kept = _keep_keys(before[key][0], chunk)
        if kept is None:
            out.append(chunk)
            continue
        following = new_chunks[at + 1][0] if at + 1 < len(new_chunks) else None
        if following != follows.get(key):
            # A neighbour came or went: the blank lines after it are the merge's.
            kept = kept.rstrip("\n") + "\n" + chunk[len(chunk.rstrip("\n")) + 1 :]
        out.append(kept)
    return "".join(out)


#: A key of an entry of a top-level list (``    summary: ...``), or its first.
_ENTRY_KEY = re.compile(r"^(?:  - |    )([a-z_]+):")


def _keep_keys(original: str, merged: str) -> str:
    """``merged``, one entry, with each key whose value and comments did not
    change taken as ``original`` writes it."""

    def parts(text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for line in text.splitlines(keepends=True):
            start = _ENTRY_KEY.match(line)
            if start or not found:
                found.append((start[1] if start else "", line))
            else:
                found[-1] = (found[-1][0], found[-1][1] + line)
        return found

    old = dict(parts(original))
    out = []
    for key, part in parts(merged):
        kept = old.get(key)
        same = (
            kept is not None and kept.startswith(part[:4]) and _same_chunk(kept, part)
        )
        if same and kept is not None:
            # The value as written; the blank lines after it are the merge's.
            part = kept.rstrip("\n") + "\n" + part[len(part.rstrip("\n")) + 1 :]
        out.append(part)
    return "".join(out)


def _slug(title: str) -> str:
    """A source id made from a document's title: lower-case words and hyphens."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words) or "source"


def _resolve_source(
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
                "the document has no ms.date (as M/D/YYYY) in its front matter",
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
        _insert(sources, len(sources), entry, spaced=False)
        changed.append(f"source {new_id}: new ({doc.title}, {doc.date})")
        return new_id
    if doc.title is not None and entry["title"] != doc.title:
        entry["title"] = doc.title
        changed.append(f"source {entry['id']}: title")
    if doc.date is not None and entry["date"] != doc.date:
        entry["date"] = DoubleQuotedScalarString(doc.date)
        changed.append(f"source {entry['id']}: date")
    return str(entry["id"])


def _list_sources(data: CommentedMap, source: str) -> None:
    """Make ``source`` explicit on every entry with text that lists no sources:
    a catalog of one source may leave it unsaid, one of several may not."""
    for section, order in _KEYS.items():
        for item in data.get(section) or ():
            if "message" in item and "sources" not in item:
                _put(item, "sources", _flow([source]), order)


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
    yaml = _yaml()
    data = yaml.load(spec_text)
    changed: list[str] = []
    known = [str(row["id"]) for row in data["sources"]]
    source_id = _resolve_source(data, doc, source, changed)
    if len(known) == 1 and source_id not in known:
        _list_sources(data, known[0])
    merge = _Merge(data, doc, source_id)
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
        review=tuple(_to_review(text)),
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
