"""Reading a doc: the ACS code tables of a Markdown document, as rows.

read_doc turns Markdown text into DocTables (or a SpecError located in the
doc). Columns are found by their header names in any order; the doc's quirks
are handled here: rows split over two lines, code-level rows whose subcode cell
is empty or missing, several codes in one cell, links, ``<br>`` and inline
bullets, tabs and double spaces. codegen.markdown splits the Markdown (tables
with their line numbers, headings, pivots, inline text); codegen.importdoc
merges the rows into a spec.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import yaml

from codegen.diagnostics import Diagnostic, SpecError
from codegen.markdown import (
    FENCE,
    MARKDOWN,
    Cell,
    Table,
    tables,
)
from codegen.markdown import clean_text as clean_text

#: Header cells, lower-cased with spaces and notes removed, to the field they hold.
_HEADERS = {
    "subcode": "subcode",
    "subcodes": "subcode",
    "participantendsubcode": "subcode",
    "code": "code",
    "codes": "code",
    "statuscode": "code",
    "errorcode": "code",
    "responsecode": "code",
    "participantendreason": "code",
    "message": "message",
    "description": "message",
    "resultcategories": "category",
    "resultcategory": "category",
    "category": "category",
    "advice": "advice",
    "mitigation": "advice",
    "mitigations": "advice",
    "actiontotake": "advice",
    "actionstotake": "advice",
    "callbackevent": "events",
    "callbackevents": "events",
    "event": "events",
    "events": "events",
    # The how-tos' "Event codes" tables head their event column "Status".
    "status": "events",
}

#: Header words of an event column that only holds events beside a column of
#: codes: ``Status`` alone is the status code itself (``Status | Subcode``),
#: and an event column with no codes beside it says nothing the spec keeps.
_EVENT_WORDS = {"status": "code", "event": None, "events": None}


_NOTE = re.compile(r"\([^)]*\)")


_NUMBERS = re.compile(r"\d+(?:\s*,\s*\d+)*")


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
    #: The callback events the row names (its ``Callback Event`` cell), in its order.
    events: tuple[str, ...] = ()


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
    #: The callback events the row names, where the table has such a column.
    events: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocCodeClass:
    """What a document says of a class of codes in words, under a heading such
    as ``#### 2xx codes``: ``digit`` is the class's first digit (2 for 2xx)."""

    digit: int
    message: str
    line: int


@dataclass(frozen=True)
class TableReport:
    """What the import did with one table of the doc: read ``rows`` rows, or
    skipped it (``skipped`` says why)."""

    line: int
    title: str
    rows: int = 0
    skipped: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" ({self.title})" if self.title else "")
        if self.skipped is not None:
            return f"skipped  {where}: {self.skipped}"
        return f"read     {where}: {self.rows} row{'' if self.rows == 1 else 's'}"


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
    #: Every table of the doc, in document order: read or skipped.
    tables: tuple[TableReport, ...] = ()
    #: What the doc says of classes of codes in words, in document order.
    classes: tuple[DocCodeClass, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the doc has no row to import."""
        return not (self.reasons or self.codes or self.subcodes)


def _header_key(text: str) -> str:
    """A header cell's words, lower-cased, without spaces, marks or notes:
    ``Result categories (public preview *)`` is ``resultcategories``."""
    return re.sub(r"[\s*_`-]", "", _NOTE.sub("", clean_text(text))).lower()


def _header_field(text: str) -> str | None:
    return _HEADERS.get(_header_key(text))


def _fields(header: Sequence[Cell]) -> list[str | None]:
    """The field each header cell holds, None for a column the spec has no
    field for. ``Status`` and ``Event`` name the event column only when a
    separate code column exists (``Status | Code | Subcode | Message``)."""
    fields = [_header_field(cell.text) for cell in header]
    keys = [_header_key(cell.text) for cell in header]
    has_code = any(
        field == "code" and key not in _EVENT_WORDS
        for field, key in zip(fields, keys, strict=True)
    )
    if has_code:
        return fields
    return [
        _EVENT_WORDS[key] if key in _EVENT_WORDS else field
        for field, key in zip(fields, keys, strict=True)
    ]


def _numbers(cell: Cell) -> list[int] | None:
    if not _NUMBERS.fullmatch(cell.text):
        return None
    return [int(part) for part in cell.text.split(",")]


#: Services whose documents list API status codes, not calling codes: their
#: tables are skipped, whatever their columns.
_NOT_CALLING = re.compile(r"\b(chat|sms)\b", re.IGNORECASE)


#: Words that name calling: a text that also names them (the combined page's
#: title, "... Calling SDK, Call Automation SDK, PSTN, Chat SDK, and SMS SDK")
#: does not say that a table is Chat's or SMS's.
_CALLING = re.compile(
    r"\b(call|calls|calling|callend|automation|pstn)\b", re.IGNORECASE
)


def _other_service(table: Table, title: str) -> str | None:
    """ "Chat" or "SMS" when the table belongs to that service: decided by the
    pivot in force, else the nearest heading that names one service, else the
    document's title."""
    for text in (table.pivot, *reversed(table.headings), title):
        other = _NOT_CALLING.search(text)
        calling = _CALLING.search(text)
        if other and not calling:
            return "SMS" if other.group(1).lower() == "sms" else "Chat"
        if calling and not other:
            return None
    return None


def _events(cell: Cell | None) -> tuple[str, ...]:
    """The event names of an event cell: ``CreateCallFailed / AnswerFailed``,
    ``A, B``, ``A or B``, one per line; backticks and links dropped."""
    if cell is None:
        return ()
    text = clean_text(cell.text).replace("`", "")
    parts = re.split(r"\s*(?:/|,|;|\n|\bor\b|\band\b)\s*", text)
    names = [part.strip().lstrip("- ").strip() for part in parts]
    return tuple(dict.fromkeys(name for name in names if name))


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
        self.tables: list[TableReport] = []
        #: The doc's link reference definitions (``[ref]: url``), by label.
        self.references: dict[str, object] = {}
        #: Whether a table had the columns of a code table (read or not).
        self.looks_like_codes = False

    def clean(self, text: str) -> str:
        """``clean_text`` with the doc's link references."""
        return clean_text(text, self.references)

    def error(self, cell: Cell, message: str) -> None:
        self.errors.append(Diagnostic(self.path, cell.line, cell.column, message))

    def note(self, cell: Cell, message: str) -> None:
        self.notes.append(Note(self.path, cell.line, cell.column, message))

    def table(self, table: Table) -> None:
        first = table.header[0]
        if len(table.header) == 2 and first.text.lower() in _SOURCE_KEYS:
            self._front_matter(table)
            return
        before = len(self.reasons) + len(self.codes) + len(self.subcodes)
        skipped = self._read_table(table)
        rows = len(self.reasons) + len(self.codes) + len(self.subcodes) - before
        self.tables.append(TableReport(first.line, table.heading, rows, skipped))

    def _read_table(self, table: Table) -> str | None:
        """Reads the table's rows; returns why it was skipped, None when read."""
        fields = _fields(table.header)
        shown = ", ".join(cell.text for cell in table.header)
        first = table.header[0]
        named = [name for name in fields if name]
        service = _other_service(table, self.source.get("title", ""))
        if service is not None:
            why = f"a table of {service} API status codes: they are not calling codes"
            self.note(first, f"skipped {why}")
            return why
        if "message" not in named or not {"code", "subcode"} & set(named):
            why = f"not a code table ({shown})"
            self.note(first, f"skipped a table that is {why}")
            return why
        if len(named) != len(set(named)):
            self.looks_like_codes = True
            why = f"a column twice ({shown})"
            self.note(first, f"skipped a table with {why}")
            return why
        self.looks_like_codes = True
        for cell, name in zip(table.header, fields, strict=True):
            if name is None and cell.text:
                self.note(cell, f"column {cell.text!r} not read: no field of the spec")
        for row in table.rows:
            if "code" in named:
                self._row(fields, row, table.header)
            else:
                self._subcode_row(fields, row)
        return None

    def _front_matter(self, table: Table) -> None:
        for key, *rest in [table.header, *table.rows]:
            if rest and key.text.lower() in _SOURCE_KEYS:
                self.source.setdefault(key.text.lower(), clean_text(rest[0].text))

    def _row(
        self, fields: list[str | None], cells: list[Cell], header: list[Cell]
    ) -> None:
        width = len(fields)
        padded = cells + [
            Cell("", cells[-1].line, cells[-1].column) for _ in range(width)
        ]
        by_field = {
            name: padded[at] for at, name in enumerate(fields) if name is not None
        }
        kept = [n for n in fields if n not in ("subcode", "category", "events")]
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

    def _subcode_row(self, fields: list[str | None], cells: list[Cell]) -> None:
        """A row of a table of subcodes alone (Subcode, Description)."""
        padded = cells + [Cell("", cells[-1].line, cells[-1].column)] * len(fields)
        by_field = {n: padded[at] for at, n in enumerate(fields) if n is not None}
        extra = [cell for cell in cells[len(fields) :] if cell.text]
        if extra:
            self.error(
                extra[0], f"a row with more cells than the header ({len(fields)})"
            )
            return
        cell, message = by_field["subcode"], by_field["message"]
        subcodes = _numbers(cell)
        text = self.clean(message.text)
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

    def _codes(self, cell: Cell) -> list[int] | None:
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

    def _code_row(self, by_field: Mapping[str, Cell]) -> None:
        codes = self._codes(by_field["code"])
        message = by_field["message"]
        text = self.clean(message.text)
        advice = self.clean(by_field["advice"].text) if "advice" in by_field else ""
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
        events = _events(by_field.get("events"))
        for code in codes or ():
            self.codes.append(
                DocCode(code, text or None, advice or None, message.line, events)
            )

    def _reason_row(self, by_field: Mapping[str, Cell], subcode_cell: Cell) -> None:
        codes = self._codes(by_field["code"])
        subcodes = _numbers(subcode_cell)
        if subcodes is None:
            self.error(
                subcode_cell,
                f"expected a subcode or a list of subcodes, not {subcode_cell.text!r}",
            )
        message = by_field["message"]
        category = by_field.get("category")
        text = self.clean(message.text)
        if not text:
            self.error(message, "a row with a subcode but no message")
        if codes is None or subcodes is None or not text:
            return
        # An empty category cell (every PSTN row) is no category, not an error:
        # the catalog never invents one.
        spelled = self.clean(category.text) if category is not None else ""
        advice = self.clean(by_field["advice"].text) if "advice" in by_field else ""
        events = _events(by_field.get("events"))
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
                        events,
                    )
                )


#: A heading over what a document says of a class of codes: "2xx codes".
_CLASS_HEADING = re.compile(r"^#{1,6}\s+([1-6])xx\s+codes?\s*$", re.IGNORECASE)


def _outside_fences(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """Each line with its index, but the lines of code fences (a fence and what
    it holds): an example in a fence is not what the page documents."""
    fence = ""
    for index, line in enumerate(lines):
        opened = FENCE.match(line)
        if opened or fence:
            if fence and opened and opened.group(1)[0] == fence[0]:
                fence = ""
            elif not fence and opened:
                fence = opened.group(1)
            continue
        yield index, line


def _code_classes(lines: Sequence[str], path: str) -> list[DocCodeClass]:
    """The paragraph under each ``Nxx codes`` heading, outside code fences."""
    found: list[DocCodeClass] = []
    for index, line in _outside_fences(lines):
        heading = _CLASS_HEADING.match(line)
        if heading is None:
            continue
        paragraph: list[str] = []
        for below in lines[index + 1 :]:
            stripped = below.strip()
            if not stripped and paragraph:
                break
            if stripped.startswith(("#", "|", ">", ":::", "```")):
                break
            if stripped:
                paragraph.append(stripped)
        text = clean_text(" ".join(paragraph))
        if text:
            found.append(DocCodeClass(int(heading[1]), text, index + 2))
    return found


def read_doc(text: str, path: str, date: str | None = None) -> DocTables:
    """The code tables of a Markdown doc; raises SpecError, located in the doc.

    ``date`` (YYYY-MM-DD) dates the doc when its own ms.date is missing or
    misprinted (``03/19/20223``), as the maintainer reads it; it replaces the
    doc's ms.date.

    Columns are found by their header names in any order; tables of other
    shapes are skipped with a note. A doc without a code table is an error, so a
    wrong file cannot empty the spec.
    """
    reader = _Reader(path)
    env: dict[str, object] = {}
    MARKDOWN.parse(text, env)
    found = env.get("references")
    if isinstance(found, dict):
        reader.references = {str(k): v for k, v in found.items()}
    lines = text.removeprefix("\ufeff").splitlines()
    _yaml_front_matter(lines, reader.source)
    for table in tables(lines):
        reader.table(table)
    reader.errors += _codes_outside_tables(lines, path)
    if date is None:
        reader.errors += _bad_date(lines, path, reader.source.get("ms.date"))
    rows = reader.reasons or reader.codes or reader.subcodes
    if not rows and not reader.errors:
        if reader.looks_like_codes:
            # Tables with the columns of code tables, and not one row read: a
            # layout the reader does not follow, never a silent "0 added".
            for report in reader.tables:
                if report.skipped is None or "column twice" in report.skipped:
                    reader.errors.append(
                        Diagnostic(
                            path,
                            report.line,
                            1,
                            "a code table with no row read"
                            + (f": {report.skipped}" if report.skipped else ""),
                        )
                    )
        elif not any("API status codes" in n.message for n in reader.notes):
            reader.errors.append(_no_table(lines, path))
    if reader.errors:
        raise SpecError(reader.errors)
    return DocTables(
        path=path,
        reasons=tuple(reader.reasons),
        codes=tuple(reader.codes),
        subcodes=tuple(reader.subcodes),
        title=reader.source.get("title"),
        date=date or _iso_date(reader.source.get("ms.date")),
        notes=tuple(sorted(reader.notes)),
        tables=tuple(reader.tables),
        classes=tuple(_code_classes(lines, path)),
    )


#: ``[!INCLUDE [Call end](./includes/codes/call-end.md)]``: the docs
#: repository's source pages pull their tables in from other files.
_INCLUDE = re.compile(r"^\s*\[!INCLUDE\s*\[[^\]]*\]\(([^)]*)\)\]", re.IGNORECASE)


def _no_table(lines: Sequence[str], path: str) -> Diagnostic:
    """Why a doc without a code table cannot be imported: a source page that
    only includes other files says which, located at its first include."""
    included = [
        (index + 1, match.group(1))
        for index, line in enumerate(lines)
        if (match := _INCLUDE.match(line)) and "/codes/" in match.group(1)
    ]
    if included:
        files = ", ".join(target for _, target in included)
        return Diagnostic(
            path,
            included[0][0],
            1,
            "no code table: the page only includes its tables from other files "
            f"({files}); import those files, or the page as Microsoft Learn "
            "renders it",
        )
    return Diagnostic(
        path,
        1,
        1,
        "no code table found: expected a table with Code and Message columns",
    )


#: A bullet or heading that gives a subcode outside any table, as the 2023
#: Troubleshooting page lists PSTN codes: ``- `ParticipantEndSubReason`: **560000**``.
_LISTED_SUBCODE = re.compile(
    r"^\s*[-*+]\s+`?(?:participantendsubreason|participantendsubcode|sub\s*code)`?"
    r"\s*:\s*\**\s*(\d+)",
    re.IGNORECASE,
)


def _codes_outside_tables(lines: Sequence[str], path: str) -> list[Diagnostic]:
    """One error per bullet that gives a subcode outside a table (code fences
    aside): the importer reads tables, so such a page cannot be imported whole,
    and importing its tables alone would drop these codes without a word."""
    found: list[Diagnostic] = []
    for index, line in _outside_fences(lines):
        match = _LISTED_SUBCODE.match(line)
        if match:
            found.append(
                Diagnostic(
                    path,
                    index + 1,
                    match.start(1) + 1,
                    f"subcode {match.group(1)} is given in a bullet, not in a code "
                    "table: import-doc reads tables only, so the page cannot be "
                    "imported whole",
                )
            )
    return found


def _bad_date(lines: Sequence[str], path: str, text: str | None) -> list[Diagnostic]:
    """An ms.date that is not a date (``03/19/20223``), located at its line."""
    if text is None or _iso_date(text) is not None:
        return []
    at = next(
        (i for i, line in enumerate(lines) if re.match(r"\s*\|?\s*ms\.date\b", line)),
        0,
    )
    column = lines[at].find(text) + 1 if lines else 1
    return [
        Diagnostic(
            path,
            at + 1,
            max(column, 1),
            f"ms.date {text!r} is not a date as M/D/YYYY; give the date "
            "with --date YYYY-MM-DD",
        )
    ]


def _yaml_front_matter(lines: Sequence[str], source: dict[str, str]) -> None:
    """``title`` and ``ms.date`` from a ``---`` block at the top, as the docs
    repository writes them, read as YAML; a block that is not YAML mappings
    gives nothing (the ``| title |`` table may still)."""
    if not lines or lines[0].strip() != "---":
        return
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        return
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return
    if not isinstance(data, dict):
        return
    for key in _SOURCE_KEYS:
        value = data.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            source.setdefault(key, str(value).strip())


def _iso_date(text: str | None) -> str | None:
    """``10/15/2024`` (the doc's ms.date) as ``2024-10-15``."""
    match = _DATE.fullmatch(text or "")
    if match is None:
        return None
    month, day, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
