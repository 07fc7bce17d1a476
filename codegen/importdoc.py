"""Import: the ACS code tables of a Markdown document, merged into the spec.

Two steps, both functions of their inputs (the command line reads and writes):

    read_doc     (codegen.doctables) Markdown text to rows, or SpecError located in the doc
    merge_doc    spec text + rows to new spec text and a summary of what changed

The merge edits the spec through ruamel.yaml's round trip, so everything it does
not touch (comments, blank lines, quoting, key order) stays byte for byte.
Existing entries keep their names; their message, advice and category follow the
doc. New entries get a proposed name, marked ``# review: ...`` on its line.
Entries the doc no longer has are removed. Importing the same doc twice changes
nothing.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)
from ruamel.yaml.tokens import CommentToken

from codegen.diagnostics import Diagnostic, SpecError
from codegen.doctables import DocCode, DocReason, DocTables, Note
from codegen.loader import parse_spec
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

    def summary(self, spec_path: str) -> list[str]:
        """The lines the command prints: a count, then entry by entry."""
        counts = (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.removed)} removed; {len(self.review)} to review"
        )
        lines = [f"{spec_path}: {counts}"]
        for label, items in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
            ("review", self.review),
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
    for key in ("codes", "reasons"):
        section = dict(properties[key])
        section.pop("minItems", None)
        properties[key] = section
    schema["properties"] = properties
    return schema


def _same_text(old: object, new: str | None) -> bool:
    """Equal but for whitespace: the spec may break lines where the doc does not."""
    if new is None or not isinstance(old, str):
        return old is None and new is None
    return old.split() == new.split()


def _scalar(text: str) -> str:
    """Multi-line text and text that starts with a bullet as a ``|-`` block."""
    if "\n" in text or text.startswith("- "):
        block: str = LiteralScalarString(text)
        return block
    return text


# ruamel keeps the text between two list items (blank lines, comment lines) on the
# last key of the item before, together with that key's end-of-line comment. These
# helpers move that "trailer" so it stays in front of the item it leads to.


def _token(item: CommentedMap) -> CommentToken | None:
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


def _insert(seq: CommentedSeq, index: int, item: CommentedMap) -> None:
    """Insert ``item`` at ``index``; the comment before the item that was there
    stays in front of it."""
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
    _set_trailer(before, _separator(rest))
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


_CODE_KEYS = ("code", "name", "aliases", "summary", "message", "advice")
_REASON_KEYS = (
    "code",
    "subcode",
    "name",
    "aliases",
    "message",
    "result_category",
    "advice",
)


def _put(item: CommentedMap, key: str, value: object, order: Sequence[str]) -> None:
    """Set ``key``, placing a new key where ``order`` puts it among the others."""
    if key in item:
        item[key] = value
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


def _marked(item: CommentedMap) -> bool:
    entry = item.ca.items.get("name")
    token = entry[2] if entry and len(entry) > 2 else None
    return isinstance(token, CommentToken) and REVIEW_MARK in token.value


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
    """Applies one doc to one spec, recording what it does."""

    def __init__(self, data: CommentedMap, doc: DocTables) -> None:
        self.data = data
        self.doc = doc
        self.added: list[str] = []
        self.changed: list[str] = []
        self.removed: list[str] = []
        self.errors: list[Diagnostic] = []
        self.spelling: dict[str, str] = {}
        self.listed: set[int] = set()
        for row in data["result_categories"]:
            for spelling in [row["value"], *row.get("aliases", [])]:
                self.spelling[str(spelling)] = str(row["value"])

    def wanted_reasons(self) -> dict[tuple[int, int], DocReason]:
        wanted: dict[tuple[int, int], DocReason] = {}
        for row in self.doc.reasons:
            if row.category not in self.spelling:
                self.errors.append(
                    Diagnostic(
                        self.doc.path,
                        row.line,
                        row.category_column,
                        _unknown_category(row.category, self.spelling),
                    )
                )
                continue
            first = wanted.setdefault((row.code, row.subcode), row)
            if (first.message, first.advice, self.spelling[first.category]) != (
                row.message,
                row.advice,
                self.spelling[row.category],
            ):
                self.errors.append(
                    Diagnostic(
                        self.doc.path,
                        row.line,
                        1,
                        f"code {row.code} with subcode {row.subcode} is listed "
                        f"again with other text (first at line {first.line})",
                    )
                )
        return wanted

    def wanted_codes(self) -> dict[int, DocCode]:
        """The code-level rows by code; a code only listed counts as mentioned."""
        wanted: dict[int, DocCode] = {}
        for row in self.doc.codes:
            if row.message is None:
                self.listed.add(row.code)
                continue
            first = wanted.setdefault(row.code, row)
            if (first.message, first.advice) != (row.message, row.advice):
                self.errors.append(
                    Diagnostic(
                        self.doc.path,
                        row.line,
                        1,
                        f"code {row.code} has another code-level row with other "
                        f"text (first at line {first.line})",
                    )
                )
        return wanted

    def text(self, item: CommentedMap, key: str, new: str | None, what: str) -> None:
        """Make ``item[key]`` follow the doc's ``new`` text (None: no such key)."""
        old = item.get(key)
        if _same_text(old, new):
            return
        if new is None:
            _drop(item, key)
        else:
            order = _CODE_KEYS if "subcode" not in item else _REASON_KEYS
            _put(item, key, _scalar(new), order)
        self.changed.append(f"{what}: {key}")

    def source(self) -> None:
        source = self.data["source"]
        if self.doc.title is not None and source["title"] != self.doc.title:
            source["title"] = self.doc.title
            self.changed.append("source: title")
        if self.doc.date is not None and source["date"] != self.doc.date:
            source["date"] = DoubleQuotedScalarString(self.doc.date)
            self.changed.append("source: date")

    def run(self) -> None:
        reasons_wanted = self.wanted_reasons()
        codes_wanted = self.wanted_codes()
        if self.errors:
            return
        self.source()
        codes: CommentedSeq = self.data["codes"]
        reasons: CommentedSeq = self.data["reasons"]
        code_names = {int(c["code"]): str(c["name"]) for c in codes}
        subcode_names: dict[int, str] = {}
        subcode_aliases: dict[int, list[str]] = {}
        for row in reasons:
            subcode_names[int(row["subcode"])] = str(row["name"])
            known = subcode_aliases.setdefault(int(row["subcode"]), [])
            known += (str(a) for a in row.get("aliases", []) if str(a) not in known)
        mentioned = {c for c, _ in reasons_wanted} | set(codes_wanted) | self.listed

        # Existing entries follow the doc, or go when it no longer has them.
        gone: list[int] = []
        for index, entry in enumerate(codes):
            code = int(entry["code"])
            what = f"code {code} {entry['name']}"
            if code not in mentioned:
                self.removed.append(what)
                gone.append(index)
                continue
            level = codes_wanted.get(code)
            self.text(entry, "message", level.message if level else None, what)
            self.text(entry, "advice", level.advice if level else None, what)
        for index in reversed(gone):
            _remove(self.data, "codes", index)
        gone = []
        # Codes that lose or gain a row: their curated summary may no longer
        # say what their rows say.
        regrouped: set[int] = set()
        for index, row in enumerate(reasons):
            pair = (int(row["code"]), int(row["subcode"]))
            what = f"reason {pair[0]}/{pair[1]} {row['name']}"
            if pair not in reasons_wanted:
                self.removed.append(what)
                gone.append(index)
                regrouped.add(pair[0])
                continue
            doc_row = reasons_wanted[pair]
            self.text(row, "message", doc_row.message, what)
            category = self.spelling[doc_row.category]
            if self.spelling.get(str(row["result_category"])) != category:
                row["result_category"] = category
                self.changed.append(f"{what}: result_category")
            self.text(row, "advice", doc_row.advice, what)
        for index in reversed(gone):
            _remove(self.data, "reasons", index)

        # New entries, with proposed names marked for review.
        taken_codes = _names(codes)
        for code in sorted(mentioned - set(code_names)):
            self.new_code(code, codes_wanted.get(code), reasons_wanted, taken_codes)
        taken_subcodes = _names(reasons)
        present = {(int(r["code"]), int(r["subcode"])) for r in reasons}
        for pair in sorted(set(reasons_wanted) - present, key=lambda p: (p[1], p[0])):
            self.new_reason(
                reasons_wanted[pair], subcode_names, subcode_aliases, taken_subcodes
            )
            regrouped.add(pair[0])
        for entry in codes:
            code = int(entry["code"])
            if (
                code in regrouped
                and code in code_names
                and not _has_name_comment(entry)
            ):
                _mark(entry, "summary (its rows changed)")
                self.changed.append(
                    f"code {code} {entry['name']}: rows; review its summary"
                )

    def new_code(
        self,
        code: int,
        level: DocCode | None,
        reasons_wanted: Mapping[tuple[int, int], DocReason],
        taken: set[str],
    ) -> None:
        first = min(
            (row for (c, _), row in reasons_wanted.items() if c == code),
            key=lambda row: row.subcode,
            default=None,
        )
        own = level.message if level is not None else None
        message = own or (first.message if first else f"Code {code}.")
        name = propose_name(message, code, "CODE", taken)
        entry = CommentedMap([("code", code), ("name", name)])
        entry["summary"] = _scalar(message)
        if own is not None:
            entry["message"] = _scalar(own)
        if level is not None and level.advice is not None:
            entry["advice"] = _scalar(level.advice)
        _mark(entry, "proposed name and summary")
        codes: CommentedSeq = self.data["codes"]
        _insert(codes, _sorted_index(codes, (code,), _code_key), entry)
        self.added.append(f"code {code} {name} (proposed name)")

    def new_reason(
        self,
        row: DocReason,
        subcode_names: dict[int, str],
        subcode_aliases: Mapping[int, list[str]],
        taken: set[str],
    ) -> None:
        proposed = row.subcode not in subcode_names
        if proposed:
            subcode_names[row.subcode] = propose_name(
                row.message, row.subcode, "SUBCODE", taken
            )
        name = subcode_names[row.subcode]
        entry = CommentedMap(
            [("code", row.code), ("subcode", row.subcode), ("name", name)]
        )
        if subcode_aliases.get(row.subcode):
            entry["aliases"] = _flow(subcode_aliases[row.subcode])
        entry["message"] = _scalar(row.message)
        entry["result_category"] = self.spelling[row.category]
        if row.advice is not None:
            entry["advice"] = _scalar(row.advice)
        if proposed:
            _mark(entry, "proposed name")
        reasons: CommentedSeq = self.data["reasons"]
        index = _sorted_index(reasons, (row.subcode, row.code), _reason_key)
        _insert(reasons, index, entry)
        suffix = " (proposed name)" if proposed else ""
        self.added.append(f"reason {row.code}/{row.subcode} {name}{suffix}")


def _flow(items: list[str]) -> CommentedSeq:
    """A list written on one line, ``[A, B]``, as the spec writes aliases."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _names(seq: CommentedSeq) -> set[str]:
    return {str(item["name"]) for item in seq} | {
        str(alias) for item in seq for alias in item.get("aliases", [])
    }


def _to_review(data: CommentedMap) -> list[str]:
    found: list[str] = []
    for section, label in (("codes", "Code"), ("reasons", "SubCode")):
        seen: set[str] = set()
        for item in data[section]:
            name = str(item["name"])
            if _marked(item) and name not in seen:
                seen.add(name)
                # The line of the name, where `grep -n "# review:"` finds it.
                try:
                    line = item.lc.key("name")[0] + 1
                except (KeyError, TypeError):
                    line = item.lc.line + 1 if item.lc.line is not None else 0
                found.append(f"{label}.{name} (line {line})")
    return found


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


def merge_doc(spec_text: str, spec_path: str, doc: DocTables) -> ImportResult:
    """The spec with the doc's tables merged in; raises SpecError for problems.

    The spec must be valid (it may have no codes or reasons yet); problems with
    the doc are located in the doc. When nothing changes, the text comes back
    exactly as it was given.
    """
    spec = parse_spec(spec_text.encode("utf-8"), spec_path)
    problems = validate_spec(spec, _import_schema())
    if problems:
        raise SpecError(problems)
    yaml = _yaml()
    data = yaml.load(spec_text)
    merge = _Merge(data, doc)
    merge.run()
    if merge.errors:
        raise SpecError(merge.errors)
    text = spec_text
    if merge.added or merge.changed or merge.removed:
        out = io.StringIO()
        yaml.dump(data, out)
        text = out.getvalue()
        merged = parse_spec(text.encode("utf-8"), spec_path)
        problems = validate_spec(merged)
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
        data = yaml.load(text)
    return ImportResult(
        text=text,
        added=tuple(merge.added),
        changed=tuple(merge.changed),
        removed=tuple(merge.removed),
        review=tuple(_to_review(data)),
        notes=doc.notes,
    )
