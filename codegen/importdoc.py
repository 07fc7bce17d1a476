"""Import: the ACS code tables of a Markdown document, merged into the spec.

Two steps, both functions of their inputs (the command line reads and writes):

    read_doc     Markdown text to rows: DocTables, or SpecError located in the doc
    merge_doc    spec text + rows to new spec text and a summary of what changed

The merge edits the spec through ruamel.yaml's round trip, so everything it does
not touch (comments, blank lines, quoting, key order) stays byte for byte.
Existing entries keep their names; their message, advice and category follow the
doc. New entries get a proposed name, marked ``# review: ...`` on its line.
Entries the doc no longer has are removed. Importing the same doc twice changes
nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from codegen.diagnostics import Diagnostic, SpecError
from codegen.loader import parse_spec
from codegen.validate import load_schema, validate_spec

#: The comment that marks a proposed name; ``grep -n "# review:" spec/codes.yaml``.
REVIEW_MARK = "review:"

# --- reading the doc ---------------------------------------------------------------

#: Header cells, lower-cased with spaces and notes removed, to the field they hold.
_HEADERS = {
    "subcode": "subcode",
    "code": "code",
    "message": "message",
    "description": "message",
    "resultcategories": "category",
    "resultcategory": "category",
    "advice": "advice",
    "mitigation": "advice",
}
_NOTE = re.compile(r"\([^)]*\)")
_DELIMITER = re.compile(r"\s*:?-+:?\s*")
_NUMBERS = re.compile(r"\d+(?:\s*,\s*\d+)*")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLANKS = re.compile(r"[ \t\u00a0]+")
# An inline bullet: " - " after the end of a sentence or clause. A dash inside a
# sentence ("ended - abruptly") is left alone.
_BULLET = re.compile(r"(?<=[.:;!?])\s+-\s+")
_SOURCE_KEYS = ("title", "ms.date")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True, order=True)
class Note:
    """Something the import skipped or assumed, printed as ``PATH:LINE:COL: note: ...``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: note: {self.message}"


@dataclass(frozen=True)
class DocReason:
    """A row with a subcode; ``category`` is spelled as the doc spells it."""

    code: int
    subcode: int
    message: str
    category: str
    advice: str | None
    line: int
    category_column: int


@dataclass(frozen=True)
class DocCode:
    """A row without a subcode, one per code of its code cell: a code-level row,
    or (``message`` None) a row that only lists the code."""

    code: int
    message: str | None
    advice: str | None
    line: int


@dataclass(frozen=True)
class DocTables:
    """Everything read from a doc: rows in document order, its title and date."""

    path: str
    reasons: tuple[DocReason, ...]
    codes: tuple[DocCode, ...]
    title: str | None = None
    date: str | None = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class _Cell:
    text: str
    line: int
    column: int


def clean_text(text: str) -> str:
    """A cell's text as the spec keeps it: plain lines, no Markdown.

    ``<br>`` and inline bullets start new lines, links keep their text, escapes
    lose their backslash, runs of spaces and tabs become one space.

    >>> clean_text("Causes: - [User](u) hung up. - Lost  network.")
    'Causes:\\n- User hung up.\\n- Lost network.'
    """
    text = _BR.sub("\n", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    lines: list[str] = []
    for raw in text.splitlines():
        line = _BLANKS.sub(" ", raw).strip()
        line = _BULLET.sub("\n- ", line)
        lines.extend(part.strip() for part in line.splitlines())
    return "\n".join(line for line in lines if line)


def _split_row(line: str, number: int) -> tuple[list[_Cell], bool]:
    """The cells of one physical line, and whether it ends with a closing pipe.

    Pipes escaped with a backslash stay in their cell.
    """
    text = line.rstrip()
    body = text.lstrip()
    offset = len(text) - len(body)
    if body.startswith("|"):
        body, offset = body[1:], offset + 1
    cells: list[_Cell] = []
    at = index = 0
    while index < len(body):
        if body[index] == "\\":
            index += 2
            continue
        if body[index] == "|":
            cells.append(_Cell(body[at:index], number, offset + at + 1))
            at = index + 1
        index += 1
    closed = bool(cells) and at >= len(body)
    if not closed:
        cells.append(_Cell(body[at:], number, offset + at + 1))
    return [_strip(cell) for cell in cells], closed


def _strip(cell: _Cell) -> _Cell:
    lead = len(cell.text) - len(cell.text.lstrip())
    return _Cell(cell.text.strip(), cell.line, cell.column + lead)


def _header_field(text: str) -> str | None:
    key = _NOTE.sub("", clean_text(text)).replace("*", "").replace(" ", "").lower()
    return _HEADERS.get(key)


@dataclass
class _Table:
    header: list[_Cell]
    rows: list[list[_Cell]] = field(default_factory=list)


def _is_header(lines: Sequence[str], index: int) -> bool:
    """Whether a table starts at ``lines[index]``: a row, then a delimiter row."""
    if index + 1 >= len(lines):
        return False
    line, below = lines[index], lines[index + 1]
    if not (line.lstrip().startswith("|") and below.lstrip().startswith("|")):
        return False
    header, _ = _split_row(line, index + 1)
    delimiter, _ = _split_row(below, index + 2)
    return len(delimiter) == len(header) and all(
        _DELIMITER.fullmatch(cell.text) for cell in delimiter
    )


def _tables(lines: Sequence[str]) -> Iterator[_Table]:
    """The pipe tables of the text, rows split over lines joined again.

    A line that does not start with a pipe continues the row before it while
    that row has fewer cells than the header; otherwise it ends the table.
    """
    index = 0
    while index + 1 < len(lines):
        if not _is_header(lines, index):
            index += 1
            continue
        table = _Table(_split_row(lines[index], index + 1)[0])
        header = table.header
        index += 2
        closed = True
        while index < len(lines):
            line = lines[index]
            if _is_header(lines, index):
                break
            if line.lstrip().startswith("|"):
                cells, closed = _split_row(line, index + 1)
                table.rows.append(cells)
            elif line.strip() and table.rows and len(table.rows[-1]) < len(header):
                cells, line_closed = _split_row(line, index + 1)
                row = table.rows[-1]
                if not closed and cells:
                    last = row.pop()
                    cells[0] = _Cell(
                        f"{last.text} {cells[0].text}".strip(), last.line, last.column
                    )
                row.extend(cells)
                closed = line_closed
            else:
                break
            index += 1
        yield table


def _numbers(cell: _Cell) -> list[int] | None:
    if not _NUMBERS.fullmatch(cell.text):
        return None
    return [int(part) for part in cell.text.split(",")]


class _Reader:
    """Collects rows, notes and errors while reading one doc."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.reasons: list[DocReason] = []
        self.codes: list[DocCode] = []
        self.notes: list[Note] = []
        self.errors: list[Diagnostic] = []
        self.source: dict[str, str] = {}

    def error(self, cell: _Cell, message: str) -> None:
        self.errors.append(Diagnostic(self.path, cell.line, cell.column, message))

    def note(self, cell: _Cell, message: str) -> None:
        self.notes.append(Note(self.path, cell.line, cell.column, message))

    def table(self, table: _Table) -> None:
        fields = [_header_field(cell.text) for cell in table.header]
        shown = ", ".join(cell.text for cell in table.header)
        first = table.header[0]
        if len(table.header) == 2 and first.text.lower() in _SOURCE_KEYS:
            self._front_matter(table)
            return
        named = [name for name in fields if name]
        if "code" not in named or "message" not in named:
            self.note(first, f"skipped a table that is not a code table ({shown})")
            return
        if len(named) != len(set(named)):
            self.note(first, f"skipped a table with a column twice ({shown})")
            return
        if "subcode" in named and "category" not in named:
            self.note(
                first,
                f"skipped a table with subcodes but no result category ({shown})",
            )
            return
        for row in table.rows:
            self._row(fields, row, table.header)

    def _front_matter(self, table: _Table) -> None:
        for key, *rest in [table.header, *table.rows]:
            if rest and key.text.lower() in _SOURCE_KEYS:
                self.source.setdefault(key.text.lower(), clean_text(rest[0].text))

    def _row(
        self, fields: list[str | None], cells: list[_Cell], header: list[_Cell]
    ) -> None:
        width = len(fields)
        padded = cells + [
            _Cell("", cells[-1].line, cells[-1].column) for _ in range(width)
        ]
        by_field = {
            name: padded[at] for at, name in enumerate(fields) if name is not None
        }
        kept = [n for n in fields if n not in ("subcode", "category")]
        if (
            "subcode" in by_field
            and by_field["code"].text
            and _numbers(by_field["code"]) is None
            and _numbers(by_field["subcode"]) is not None
            and not any(cell.text for cell in cells[len(kept) :])
        ):
            # The seed's code-level rows leave out the subcode cell, and the
            # result category with it: code, message and advice follow in the
            # header's order, then empty cells at most.
            by_field = {
                name: cell
                for name, cell in zip(kept, padded, strict=False)
                if name is not None
            }
            width = len(kept)
        extra = [cell for cell in cells[width:] if cell.text]
        if extra:
            self.error(extra[0], f"a row with more cells than the header ({width})")
            return
        subcode = by_field.get("subcode")
        if subcode is None or not subcode.text:
            self._code_row(by_field)
        else:
            self._reason_row(by_field, subcode)

    def _codes(self, cell: _Cell) -> list[int] | None:
        codes = _numbers(cell)
        if codes is None:
            what = repr(cell.text) if cell.text else "an empty cell"
            self.error(cell, f"expected a code or a list of codes, not {what}")
            return None
        bad = [c for c in codes if not (c == 0 or 100 <= c <= 699)]
        if bad:
            self.error(
                cell, f"code {bad[0]} is out of range: a code is 0 or from 100 to 699"
            )
            return None
        return codes

    def _code_row(self, by_field: Mapping[str, _Cell]) -> None:
        codes = self._codes(by_field["code"])
        message = by_field["message"]
        text = clean_text(message.text)
        advice = clean_text(by_field["advice"].text) if "advice" in by_field else ""
        if not text and advice:
            self.error(message, "a code-level row with advice but no message")
            return
        category = by_field.get("category")
        if category is not None and category.text:
            self.note(
                category,
                "result category of a code-level row left out: the spec keeps "
                "categories for rows with a subcode",
            )
        for code in codes or ():
            self.codes.append(DocCode(code, text or None, advice or None, message.line))

    def _reason_row(self, by_field: Mapping[str, _Cell], subcode_cell: _Cell) -> None:
        codes = self._codes(by_field["code"])
        subcodes = _numbers(subcode_cell)
        if subcodes is None:
            self.error(
                subcode_cell,
                f"expected a subcode or a list of subcodes, not {subcode_cell.text!r}",
            )
        message, category = by_field["message"], by_field["category"]
        text = clean_text(message.text)
        if not text:
            self.error(message, "a row with a subcode but no message")
        if not category.text:
            self.error(category, "a row with a subcode but no result category")
        if codes is None or subcodes is None or not text or not category.text:
            return
        advice = clean_text(by_field["advice"].text) if "advice" in by_field else ""
        for subcode in subcodes:
            for code in codes:
                self.reasons.append(
                    DocReason(
                        code,
                        subcode,
                        text,
                        clean_text(category.text),
                        advice or None,
                        subcode_cell.line,
                        category.column,
                    )
                )


def read_doc(text: str, path: str) -> DocTables:
    """The code tables of a Markdown doc; raises SpecError, located in the doc.

    Columns are found by their header names in any order; tables of other
    shapes are skipped with a note. A doc without a code table is an error, so a
    wrong file cannot empty the spec.
    """
    reader = _Reader(path)
    lines = text.removeprefix("\ufeff").splitlines()
    _yaml_front_matter(lines, reader.source)
    for table in _tables(lines):
        reader.table(table)
    if not reader.reasons and not reader.codes and not reader.errors:
        reader.errors.append(
            Diagnostic(
                path,
                0,
                0,
                "no code table found: expected a table with Code and Message columns",
            )
        )
    if reader.errors:
        raise SpecError(reader.errors)
    return DocTables(
        path=path,
        reasons=tuple(reader.reasons),
        codes=tuple(reader.codes),
        title=reader.source.get("title"),
        date=_iso_date(reader.source.get("ms.date")),
        notes=tuple(sorted(reader.notes)),
    )


def _yaml_front_matter(lines: Sequence[str], source: dict[str, str]) -> None:
    """``title`` and ``ms.date`` from a ``---`` block at the top, as the docs
    repository writes them (plain ``key: value`` lines only)."""
    if not lines or lines[0].strip() != "---":
        return
    for line in lines[1:]:
        if line.strip() == "---":
            return
        key, colon, value = line.partition(":")
        if colon and key.strip() in _SOURCE_KEYS:
            source.setdefault(key.strip(), value.strip().strip("'\""))


def _iso_date(text: str | None) -> str | None:
    """``10/15/2024`` (the doc's ms.date) as ``2024-10-15``."""
    match = _DATE.fullmatch(text or "")
    if match is None:
        return None
    month, day, year = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- proposing names -----------------------------------------------------------------

# Words that carry no meaning in a name. "Call" is here because nearly every
# message starts with it.
_FILLER = frozenset(
    "A AN AND ARE AS AT BE BEEN BY CALL DUE FOR FROM HAS HAD HAVE IN IS IT ITS OF ON "
    "OR THE THAT THIS TO WAS WERE WITH".split()
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


def _trailer(item: CommentedMap) -> str:
    return _split_token(_token(item))[1]


def _set_trailer(item: CommentedMap, rest: str) -> None:
    token = _token(item)
    eol, _ = _split_token(token)
    key = list(item)[-1]
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


def _mark(item: CommentedMap, what: str) -> None:
    item.yaml_add_eol_comment(f"# {REVIEW_MARK} {what}", "name")


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
                        f"unknown result category {row.category!r} "
                        f"(expected one of: {', '.join(sorted(self.spelling))}); "
                        "record a new spelling as an alias in result_categories",
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
        for index, row in enumerate(reasons):
            pair = (int(row["code"]), int(row["subcode"]))
            what = f"reason {pair[0]}/{pair[1]} {row['name']}"
            if pair not in reasons_wanted:
                self.removed.append(what)
                gone.append(index)
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
                line = item.lc.line + 1 if item.lc.line is not None else 0
                found.append(f"{label}.{name} (line {line})")
    return found


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
