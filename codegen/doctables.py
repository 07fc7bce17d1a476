"""Reading a doc: the ACS code tables of a Markdown document, as rows.

read_doc turns Markdown text into DocTables (or a SpecError located in the
doc). Columns are found by their header names in any order; the doc's quirks
are handled here: rows split over two lines, code-level rows whose subcode cell
is empty or missing, several codes in one cell, links, ``<br>`` and inline
bullets, tabs and double spaces. codegen.importdoc merges the rows into a spec.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from codegen.diagnostics import Diagnostic, SpecError

#: Header cells, lower-cased with spaces and notes removed, to the field they hold.
_HEADERS = {
    "subcode": "subcode",
    "code": "code",
    "statuscode": "code",
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
    """A row with a code and a subcode; ``category`` is spelled as the doc
    spells it, None where its cell is empty or the table has no such column."""

    code: int
    subcode: int
    message: str
    category: str | None
    advice: str | None
    line: int
    category_column: int


@dataclass(frozen=True)
class DocSubCode:
    """A row of a table of subcodes alone: what a subcode means whatever its code."""

    subcode: int
    message: str
    line: int


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
    subcodes: tuple[DocSubCode, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the doc has no row to import."""
        return not (self.reasons or self.codes or self.subcodes)


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
    #: The text of the nearest Markdown heading above the table.
    heading: str = ""


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
    heading = ""
    while index + 1 < len(lines):
        if not _is_header(lines, index):
            if lines[index].startswith("#"):
                heading = lines[index].lstrip("#").strip()
            index += 1
            continue
        table = _Table(_split_row(lines[index], index + 1)[0], heading=heading)
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


#: Services whose documents list API status codes, not calling codes: their
#: tables are skipped, whatever their columns.
_NOT_CALLING = re.compile(r"\b(chat|sms)\b", re.IGNORECASE)


class _Reader:
    """Collects rows, notes and errors while reading one doc."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.reasons: list[DocReason] = []
        self.codes: list[DocCode] = []
        self.subcodes: list[DocSubCode] = []
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
        service = _NOT_CALLING.search(f"{self.source.get('title', '')} {table.heading}")
        if service is not None:
            name = "SMS" if service.group(1).lower() == "sms" else "Chat"
            self.note(
                first,
                f"skipped a table of {name} API status codes: they are not calling codes",
            )
            return
        if "message" not in named or not {"code", "subcode"} & set(named):
            self.note(first, f"skipped a table that is not a code table ({shown})")
            return
        if len(named) != len(set(named)):
            self.note(first, f"skipped a table with a column twice ({shown})")
            return
        for row in table.rows:
            if "code" in named:
                self._row(fields, row, table.header)
            else:
                self._subcode_row(fields, row)

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

    def _subcode_row(self, fields: list[str | None], cells: list[_Cell]) -> None:
        """A row of a table of subcodes alone (Subcode, Description)."""
        padded = cells + [_Cell("", cells[-1].line, cells[-1].column)] * len(fields)
        by_field = {n: padded[at] for at, n in enumerate(fields) if n is not None}
        extra = [cell for cell in cells[len(fields) :] if cell.text]
        if extra:
            self.error(
                extra[0], f"a row with more cells than the header ({len(fields)})"
            )
            return
        cell, message = by_field["subcode"], by_field["message"]
        subcodes = _numbers(cell)
        text = clean_text(message.text)
        if subcodes is None:
            self.error(
                cell, f"expected a subcode or a list of subcodes, not {cell.text!r}"
            )
        if not text:
            self.error(message, "a subcode row with no description")
        if subcodes is None or not text:
            return
        for subcode in subcodes:
            self.subcodes.append(DocSubCode(subcode, text, cell.line))

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
        message = by_field["message"]
        category = by_field.get("category")
        text = clean_text(message.text)
        if not text:
            self.error(message, "a row with a subcode but no message")
        if codes is None or subcodes is None or not text:
            return
        # An empty category cell (every PSTN row) is no category, not an error:
        # the catalog never invents one.
        spelled = clean_text(category.text) if category is not None else ""
        advice = clean_text(by_field["advice"].text) if "advice" in by_field else ""
        for subcode in subcodes:
            for code in codes:
                self.reasons.append(
                    DocReason(
                        code,
                        subcode,
                        text,
                        spelled or None,
                        advice or None,
                        subcode_cell.line,
                        message.column if category is None else category.column,
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
    skipped_service = any("API status codes" in n.message for n in reader.notes)
    if (
        not reader.reasons
        and not reader.codes
        and not reader.subcodes
        and not reader.errors
        and not skipped_service
    ):
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
        subcodes=tuple(reader.subcodes),
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
