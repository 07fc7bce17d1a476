"""``python -m acs_call_codes report FILE...``: what a day of logs says.

Reads call logs and callbacks as they are exported or saved: JSON Lines, a JSON
array (or several, or pretty-printed objects one after another), a Log
Analytics query API response (``tables`` of ``columns`` and ``rows``), or CSV
as Log Analytics exports it, each record in any shape ``find_pair`` knows, and
any of them gzip-compressed. Counts
every (code, subcode) pair, explains each distinct pair once, and prints them
largest first with totals by result category and by the rung of ``explain``
that answered.

It streams: memory holds one chunk of input and one count per distinct pair,
whatever the size of the file. A line that cannot be read is counted and named
(``FILE:LINE``) and the run goes on; a record that carries no code at all (an
event with no result, a participant with no end reason) is counted apart.
Exit status: 0, or 1 when some lines were bad, 2 for a usage error.

Part of the installed package only: the vendorable module keeps what a service
needs, and this is a support engineer's tool. Standard library only.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import sys
import time
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Final

from acs_call_codes import (
    Code,
    Explanation,
    SubCode,
    _explain_found,
    _keys_of,
    _NoCodeError,
    _print,
    _sources_of,
    find_pair,
)

__all__ = ["Pair", "Tally", "main", "read", "render"]

#: Read this much text at a time: large enough that per-chunk work vanishes,
#: small enough that memory stays flat. Not Final: tests cut it small.
CHUNK = 1 << 20
#: A JSON value still unfinished after this much text is bad, not incomplete:
#: no ACS record comes near it, and reading on would hold the file in memory.
MAX_RECORD: Final = 64 << 20
#: Bad lines named one by one on stderr; the rest are counted.
SHOWN_BAD: Final = 20
#: How often the progress line is redrawn, in seconds, and how many records
#: pass between looks at the clock.
PROGRESS_EVERY: Final = 0.25
PROGRESS_RECORDS: Final = 1 << 14

#: A counted pair: code, subcode (None when the record has none), and the pair
#: a ``DiagCode`` in the record's message names (None when it names none).
Pair = tuple[int, int | None, tuple[int, int] | None]

_SPACE = re.compile(r"[ \t\r\n]*")
#: The start of a line that opens a JSON object or array: where reading goes
#: on after a record that is not JSON.
_NEXT_VALUE = re.compile(r"\n[ \t\r]*(?=[\[{])")
#: Called with the number of records read so far, now and then.
_Tick = Callable[[int], None]


@dataclass
class BadLine:
    """A line that could not be read: where, and why."""

    file: str
    line: int
    error: str


@dataclass
class Tally:
    """What the records of a run added up to."""

    counts: dict[Pair, int] = field(default_factory=dict)
    without_code: int = 0
    bad: int = 0
    bad_lines: list[BadLine] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def with_code(self) -> int:
        return sum(self.counts.values())

    #: Where the last record read kept its pair (see _Shape): the records of
    #: one log share a shape, so most are read without find_pair's search.
    shape: _Shape | None = None

    def add(self, value: object) -> str | None:
        """Count one parsed record, or each item of a list of them (a
        callback's body is an array of events); the error, when the record
        cannot be read, for the caller to place (``fail``)."""
        if type(value) is dict and self.shape is not None:
            key = self.shape.read(value)
            if key is not None:
                self.counts[key] = self.counts.get(key, 0) + 1
                return None
        if type(value) is list:
            return self._add_all(value)
        if type(value) is dict and "tables" in value:
            rows = _query_rows(value)
            if rows is not None:
                return self._add_all(rows)
        try:
            code, subcode, where, _, diagnostic = find_pair(value)
        except _NoCodeError:
            self.without_code += 1
            return None
        except (TypeError, ValueError) as exc:
            self.bad += 1
            return str(exc)
        key = (code, subcode, diagnostic)
        self.counts[key] = self.counts.get(key, 0) + 1
        if type(value) is dict:
            shape = _Shape.learn(value, where)
            # Kept only if it reads this very record as find_pair did.
            if shape is not None and shape.read(value) == key:
                self.shape = shape
        return None

    def _add_all(self, values: Iterable[object]) -> str | None:
        """Count the records of one line (a callback body's events); a line
        with several bad ones is one bad line, named by its first error."""
        errors = [e for e in map(self.add, values) if e is not None]
        self.bad -= max(0, len(errors) - 1)
        return errors[0] if errors else None

    def fail(self, file: str, line: int, error: str, counted: bool = False) -> None:
        """Record a bad line; ``counted`` when ``add`` has counted it already."""
        self.bad += not counted
        if len(self.bad_lines) < SHOWN_BAD:
            self.bad_lines.append(BadLine(file, line, error))


@dataclass(frozen=True)
class _Shape:
    """The keys that lead to a record's pair, learned from one record that
    ``find_pair`` read: the holders (``data``, ``resultInformation``), then the
    code's, the subcode's and the message's keys in the holder. ``read`` gives
    a record's pair the same way, or None for any record it cannot read as
    simply (a missing key, an empty code, a DiagCode in the message): those go
    to ``find_pair``, whose answer is the reference."""

    path: tuple[str, ...]
    code: str
    subcode: str | None
    message: str | None

    @classmethod
    def learn(cls, record: dict[str, object], where: str) -> _Shape | None:
        path = tuple(where.split(".")[1:])  # where is "payload.data.resultInformation"
        holder: object = record
        for key in path:
            if not isinstance(holder, dict) or key not in holder:
                return None
            holder = holder[key]
        if not isinstance(holder, dict):
            return None
        fields = typing.cast("dict[object, object]", holder)
        for code, subcode, message in _keys_of(fields):
            if fields[code] not in (None, ""):
                return cls(path, str(code), _str(subcode), _str(message))
        return None

    def read(self, record: dict[str, object]) -> Pair | None:
        holder: object = record
        try:
            for key in self.path:
                holder = holder[key]  # type: ignore[index]
            code = holder[self.code]  # type: ignore[index]
            subcode = None if self.subcode is None else holder.get(self.subcode)  # type: ignore[attr-defined]
            message = None if self.message is None else holder.get(self.message)  # type: ignore[attr-defined]
        except (KeyError, TypeError, AttributeError):
            return None
        if type(code) is str:
            if not _digits(code):
                return None
            code = int(code)
        elif type(code) is not int:
            return None
        if type(subcode) is str:
            if not _digits(subcode):
                return None
            subcode = int(subcode)
        elif subcode is not None and type(subcode) is not int:
            return None
        if message is not None and (type(message) is not str or "DiagCode" in message):
            return None
        return (code, subcode, None)


def _str(key: object | None) -> str | None:
    return None if key is None else str(key)


def _query_rows(value: dict[str, object]) -> Iterator[dict[str, object]] | None:
    """The rows of a Log Analytics query API response (``{"tables": [{"columns":
    [{"name": ...}], "rows": [[...]]}]}``, as ``az rest`` or the REST API
    give it) as records keyed by column name; None for any other mapping."""
    tables = value.get("tables")
    if not isinstance(tables, list) or not all(
        isinstance(t, dict)
        and isinstance(t.get("columns"), list)
        and isinstance(t.get("rows"), list)
        for t in tables
    ):
        return None

    def rows() -> Iterator[dict[str, object]]:
        for table in tables:
            names = [
                str(c.get("name")) if isinstance(c, dict) else str(c)
                for c in table["columns"]
            ]
            for row in table["rows"]:
                yield (
                    dict(zip(names, row, strict=False))
                    if isinstance(row, list)
                    else row
                )

    return rows()


def _digits(text: str) -> bool:
    """Whether ``int(text)`` reads ``text`` as find_pair would: ASCII digits
    only, and few enough that int() takes them (a longer one is find_pair's
    to report)."""
    return text.isdigit() and text.isascii() and len(text) < 100


class _Progress:
    """A line on stderr, redrawn while a file is read, when stderr is a terminal."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.shown = False
        self.last = time.monotonic()

    def show(self, name: str, done: int | None, size: int | None, records: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        where = f"{name}: {records:,} records"
        if done is not None and size:
            where += f", {done / size:.0%} of {_size(size)}"
        self.stream.write(f"\r\x1b[K{where}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    raise AssertionError("unreachable")


def read(
    binary: IO[bytes], name: str, tally: Tally, progress: _Progress | None = None
) -> None:
    """Count the records of one input into ``tally``: JSON (lines, arrays,
    objects one after another) or CSV with a header row, told apart by the
    first character. UTF-8, with or without a byte order mark; bytes that are
    not UTF-8 become U+FFFD, and spoil only the record they are in."""
    tally.files.append(name)
    try:
        size: int | None = os.fstat(binary.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        size = None
    raw = binary  # progress is the compressed file's, for a gzip file

    def where() -> int | None:
        try:
            return raw.tell()
        except (OSError, ValueError):
            return None

    peek = getattr(binary, "peek", None)
    if peek is not None and peek(2)[:2] == b"\x1f\x8b":
        # gzip, as logs are often kept: read through it, streaming.
        binary = gzip.GzipFile(fileobj=binary, mode="rb")  # type: ignore[assignment]
    # UTF-8 with or without its byte order mark; UTF-16 by its mark, as
    # Windows PowerShell 5 writes a redirected file.
    peek = getattr(binary, "peek", None)
    mark = b"" if peek is None else peek(2)[:2]
    encoding = "utf-16" if mark in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")

    def tick(records: int) -> None:
        if progress is not None:
            progress.show(name, where() if size else None, size, records)

    # The first two lines that are not blank say which: a JSON value opens
    # with { or [, and a CSV export's first line is its header. A JSON log
    # whose first line is damaged is still read as JSON.
    head = ""
    starts: list[str] = []
    while len(starts) < 2:
        line = text.readline(CHUNK)
        if not line:
            break
        head += line
        if line.strip():
            starts.append(line.lstrip()[:1])
    try:
        if not starts:
            return
        if starts[0] in ("{", "[") or starts[-1] in ("{", "["):
            _read_json(text, head, name, tally, tick)
        else:
            _read_csv(text, head, name, tally, tick)
    finally:
        text.detach()  # the caller's stream stays open, and the caller closes it
        if binary is not raw:
            binary.close()  # the gzip reader, not the file under it


def _read_json(
    text: IO[str], buffer: str, name: str, tally: Tally, tick: _Tick
) -> None:
    """JSON values one after another; an array's items are records one by
    one, so that a file holding one huge array streams like JSON Lines."""
    decode = json.JSONDecoder().raw_decode
    skip = _SPACE.match
    add = tally.add
    pos = 0
    # Lines are counted only where one is named: the line of buffer[0], and
    # the newlines from there to the place in question.
    first_line = 1
    eof = False
    in_array = False
    count = 0
    resync = False
    while True:
        if resync:
            found = _NEXT_VALUE.search(buffer, pos)
            if found is None:
                if eof:
                    break
                # Keep the last line's start: its next line may open a value.
                cut = max(buffer.rfind("\n", pos), pos)
                first_line += buffer.count("\n", 0, cut)
                buffer, pos, eof = _refill(text, buffer, cut)
                continue
            pos, resync = found.end(), False
        pos = skip(buffer, pos).end()  # type: ignore[union-attr]
        if in_array and buffer.startswith(",", pos):
            pos = skip(buffer, pos + 1).end()  # type: ignore[union-attr]
        if pos >= len(buffer):
            if eof:
                break
            first_line += buffer.count("\n", 0, pos)
            buffer, pos, eof = _refill(text, buffer, pos)
            continue
        first = buffer[pos]
        if first == "[" and not in_array:
            in_array = True
            pos += 1
            continue
        if first == "]" and in_array:
            in_array = False
            pos += 1
            continue
        try:
            value, end = decode(buffer, pos)
        except json.JSONDecodeError as exc:
            if not eof and _unfinished(buffer, pos, exc):
                first_line += buffer.count("\n", 0, pos)
                buffer, pos, eof = _refill(text, buffer, pos)
                continue
            at = max(exc.pos, pos)
            line = first_line + buffer.count("\n", 0, pos)
            at_line = line + buffer.count("\n", pos, at)
            where = "" if at_line == line else f" (at line {at_line})"
            tally.fail(name, line, f"not JSON: {exc.msg}{where}")
            # Go on at the next line after the record's first that starts a
            # value: a line of JSON Lines cut short may have swallowed the
            # lines after it into its own (broken) value, and they are read
            # again; the inner lines of a broken pretty-printed value are not.
            pos, resync = pos + 1, True
            continue
        if end == len(buffer) and not eof and not isinstance(value, (dict, list)):
            # A number or a literal cut by the chunk's end: read on.
            first_line += buffer.count("\n", 0, pos)
            buffer, pos, eof = _refill(text, buffer, pos)
            continue
        error = add(value)
        if error is not None:
            line = first_line + buffer.count("\n", 0, pos)
            tally.fail(name, line, error, counted=True)
        pos = end
        count += 1
        if not count % PROGRESS_RECORDS:
            tick(count)


def _unfinished(buffer: str, pos: int, error: json.JSONDecodeError) -> bool:
    """Whether a value failed only because the buffer ends inside it. JSON
    strings hold no raw newline, so a failure with a newline after it is in
    the text itself; a value that runs past MAX_RECORD is taken as bad."""
    if len(buffer) - pos > MAX_RECORD:
        return False
    return "\n" not in buffer[max(error.pos, pos) :]


def _refill(text: IO[str], buffer: str, pos: int) -> tuple[str, int, bool]:
    """The unread rest of ``buffer`` and the next chunk; True when the input
    has ended."""
    more = text.read(CHUNK)
    return buffer[pos:] + more, 0, not more


#: CSV columns that hold the code and the subcode (any case), most specific
#: first: Log Analytics' ACSCallSummary, then a flattened callback.
_CSV_KEYS: Final = (
    ("participantendreason", ("participantendsubcode",)),
    ("code", ("subcode", "sub_code")),
    ("resultinformation.code", ("resultinformation.subcode",)),
    ("data.resultinformation.code", ("data.resultinformation.subcode",)),
)


def _column(header: Sequence[str], wanted: str) -> int | None:
    for index, column in enumerate(header):
        # The portal writes a datetime column as "TimeGenerated [UTC]".
        if column.split(" [")[0].strip().lower() == wanted:
            return index
    return None


def _read_csv(text: IO[str], head: str, name: str, tally: Tally, tick: _Tick) -> None:
    """CSV with a header row (RFC 4180 quoting, as Log Analytics exports)."""
    rows = csv.reader(_chain(head, text), strict=True)
    try:
        header = next(rows)
    except csv.Error as exc:
        tally.fail(name, rows.line_num, f"not CSV: {exc}")
        return
    columns = None
    for code_key, subcode_keys in _CSV_KEYS:
        code_at = _column(header, code_key)
        if code_at is not None:
            found = (_column(header, key) for key in subcode_keys)
            columns = (
                code_at,
                next((at for at in found if at is not None), None),
                _column(header, "message"),
            )
            break
    if columns is None:
        shown = ", ".join(header[:12])
        tally.fail(
            name,
            1,
            "no column holds a code: expected ParticipantEndReason and "
            f"ParticipantEndSubCode, or code and subCode (columns: {shown})",
        )
        return
    code_at, subcode_at, message_at = columns
    width = len(header)
    counts = tally.counts
    keys = (
        header[code_at],
        "subCode" if subcode_at is None else header[subcode_at],
        "message" if message_at is None else header[message_at],
    )
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            tally.fail(name, rows.line_num, f"not CSV: {exc}")
            continue
        if len(row) != width:
            if not any(row):
                continue  # a blank line
            tally.fail(
                name, rows.line_num, f"{len(row)} fields where the header has {width}"
            )
            continue
        count += 1
        if not count % PROGRESS_RECORDS:
            tick(count)
        code = row[code_at]
        subcode = "" if subcode_at is None else row[subcode_at]
        message = "" if message_at is None else row[message_at]
        # Plain digits, no DiagCode: counted here; anything else is read by
        # find_pair, whose answer is the reference.
        if (
            _digits(code)
            and (subcode == "" or _digits(subcode))
            and "DiagCode" not in message
        ):
            key = (int(code), int(subcode) if subcode else None, None)
            counts[key] = counts.get(key, 0) + 1
            continue
        record = {
            keys[0]: code,
            keys[1]: None if subcode_at is None else subcode,
            keys[2]: None if message_at is None else message,
        }
        error = tally.add(record)
        if error is not None:
            tally.fail(name, rows.line_num, error, counted=True)


def _chain(head: str, text: IO[str]) -> Iterator[str]:
    yield from io.StringIO(head, newline="")
    yield from text


# Output.


@dataclass(frozen=True)
class Row:
    """One distinct pair of the report, explained."""

    code: int
    subcode: int | None
    diagnostic: tuple[int, int] | None
    count: int
    share: float
    explanation: Explanation

    @property
    def code_name(self) -> str | None:
        code = Code.parse(self.code)
        return None if code is None else code.name

    @property
    def subcode_name(self) -> str | None:
        subcode = None if self.subcode is None else SubCode.parse(self.subcode)
        return None if subcode is None else subcode.name

    @property
    def names(self) -> str:
        shown = self.code_name or "-"
        if self.subcode is not None:
            shown += "/" + (self.subcode_name or "-")
        return shown


def rows(tally: Tally) -> list[Row]:
    """The tally's pairs, explained, largest first (then by code and subcode)."""
    total = tally.with_code or 1
    ordered = sorted(
        tally.counts.items(),
        key=lambda item: (
            -item[1],
            item[0][0],
            -1 if item[0][1] is None else item[0][1],
            item[0][2] or (),
        ),
    )
    return [
        Row(
            code,
            subcode,
            diagnostic,
            n,
            n / total,
            _explain_found(code, subcode, diagnostic),
        )
        for (code, subcode, diagnostic), n in ordered
    ]


def _category(found: Explanation) -> str:
    category = found.result_category
    return "none given" if category is None else category.value


def _totals(report: list[Row], of: str) -> list[tuple[str, int]]:
    """Counts by result category (``of="category"``) or by rung, largest first."""
    counts: dict[str, int] = {}
    for row in report:
        key = (
            _category(row.explanation)
            if of == "category"
            else row.explanation.match.value
        )
        counts[key] = counts.get(key, 0) + row.count
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render(tally: Tally, form: str, bar: str = "#", top: int = 0) -> str:
    """The report as text (``table``, its ``top`` pairs, or all for 0), one
    JSON object (``json``) or CSV, one row per pair (``csv``); both of these
    hold every pair."""
    report = rows(tally)
    if form == "json":
        return _json(tally, report)
    if form == "csv":
        return _csv(report)
    return _table(tally, report, bar, top)


def _counted(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _pair_text(row: Row) -> str:
    shown = str(row.code) if row.subcode is None else f"{row.code}/{row.subcode}"
    if row.diagnostic is not None:
        shown += " (DiagCode {}#{})".format(*row.diagnostic)
    return shown


def _matched(found: Explanation, row: Row) -> str:
    """The rung, and for a row that answered under another pair, which."""
    text = found.match.value
    if found.reason is not None and (found.reason.code, found.reason.subcode) != (
        row.code,
        row.subcode,
    ):
        text += f" (row {int(found.reason.code)}/{int(found.reason.subcode)})"
    elif found.rule is not None:
        text += f" ({found.rule.name})"
    return text


def _table(tally: Tally, report: list[Row], bar: str, top: int = 0) -> str:
    total = tally.with_code
    everything = report
    if top and len(report) > top:
        report = report[:top]
    records = total + tally.without_code + tally.bad
    lines = [
        f"{_counted(records, 'record')} in {_counted(len(tally.files), 'file')}: "
        f"{total:,} with a code, {tally.without_code:,} without one, "
        f"{tally.bad:,} bad",
    ]
    if not report:
        return "\n".join([*lines, "no (code, subcode) pair found"])
    largest = report[0].count
    pairs = [_pair_text(row) for row in report]
    pair_width = max(len("pair"), *map(len, pairs))
    count_width = max(len("count"), len(f"{largest:,}"))
    names_width = max(len("names"), *(len(row.names) for row in report))
    categories = [_category(row.explanation) for row in report]
    category_width = max(len("category"), *map(len, categories))
    lines += [
        "",
        f"{'count':>{count_width}}  {'share':>6}  {'':20}  {'pair':<{pair_width}}  "
        f"{'names':<{names_width}}  {'category':<{category_width}}  matched",
    ]
    for row, pair, category in zip(report, pairs, categories, strict=True):
        found = row.explanation
        blocks = bar * max(1, round(20 * row.count / largest))
        lines.append(
            f"{row.count:>{count_width},}  {row.share:>6.1%}  {blocks:<20}  "
            f"{pair:<{pair_width}}  {row.names:<{names_width}}  "
            f"{category:<{category_width}}  {_matched(found, row)}"
        )
        message = " ".join(found.message.split())
        lines.append(f"{'':>{count_width}}  {message}")
    if len(everything) > len(report):
        rest = everything[len(report) :]
        lines.append(
            f"... and {_counted(len(rest), 'more pair')} "
            f"({sum(row.count for row in rest):,} records); --top 0 shows all"
        )
    for title, of in (("by category", "category"), ("by rung", "match")):
        lines += ["", f"{title}:"]
        totals = _totals(everything, of)
        width = max(len(key) for key, _ in totals)
        number_width = max(len(f"{n:,}") for _, n in totals)
        lines += [
            f"  {key:<{width}}  {n:>{number_width},}  {n / total:>6.1%}"
            for key, n in totals
        ]
    return "\n".join(lines)


def _json(tally: Tally, report: list[Row]) -> str:
    def pair(row: Row) -> dict[str, object]:
        found = row.explanation
        return {
            "code": row.code,
            "subcode": row.subcode,
            "diagnostic": None if row.diagnostic is None else list(row.diagnostic),
            "code_name": row.code_name,
            "subcode_name": row.subcode_name,
            "count": row.count,
            "share": row.share,
            "match": found.match.value,
            "explained_as": [found.code, found.subcode],
            "row": (
                None
                if found.reason is None
                else [int(found.reason.code), int(found.reason.subcode)]
            ),
            "rule": None if found.rule is None else found.rule.name,
            "result_category": (
                None if found.result_category is None else found.result_category.value
            ),
            "message": found.message,
            "advice": found.advice,
            "sources": [source.id for source in _sources_of(found)],
        }

    return json.dumps(
        {
            "files": tally.files,
            "records": tally.with_code + tally.without_code + tally.bad,
            "with_code": tally.with_code,
            "without_code": tally.without_code,
            "bad": tally.bad,
            "bad_lines": [
                {"file": b.file, "line": b.line, "error": b.error}
                for b in tally.bad_lines
            ],
            "pairs": [pair(row) for row in report],
            "by_category": dict(_totals(report, "category")),
            "by_match": dict(_totals(report, "match")),
        },
        indent=2,
    )


def _csv(report: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "count", "share", "code", "subcode", "diagnostic", "code_name",
            "subcode_name", "match", "result_category", "message", "advice",
            "sources",
        ]
    )  # fmt: skip
    for row in report:
        found = row.explanation
        writer.writerow(
            [
                row.count,
                f"{row.share:.6f}",
                row.code,
                "" if row.subcode is None else row.subcode,
                "" if row.diagnostic is None else "{}#{}".format(*row.diagnostic),
                row.code_name or "",
                row.subcode_name or "",
                found.match.value,
                "" if found.result_category is None else found.result_category.value,
                found.message,
                found.advice or "",
                ";".join(source.id for source in _sources_of(found)),
            ]
        )
    return out.getvalue().rstrip("\n")


# The command.


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """``report FILE... [--format table|json|csv]``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Count and explain the ACS (code, subcode) pairs in call logs "
        "and callbacks: JSON Lines, JSON arrays or CSV as Log Analytics exports it.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="a log file; - reads standard input"
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (the default) for people, json or csv for scripts",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=40,
        metavar="N",
        help="the table's N largest pairs (default 40; 0 for all); json and csv "
        "hold every pair",
    )
    args = parser.parse_args(argv)
    if args.top < 0:
        parser.error("--top takes 0 (all) or more")
    folders = [f for f in args.files if f != "-" and os.path.isdir(f)]
    if folders:
        parser.error("a directory, not a file: " + ", ".join(folders))
    missing = [f for f in args.files if f != "-" and not os.path.exists(f)]
    if missing:
        parser.error("no such file: " + ", ".join(missing))
    if args.files.count("-") > 1:
        parser.error("- (standard input) can be read once")
    stderr = sys.stderr
    progress = _Progress(stderr if stderr.isatty() else None)
    tally = Tally()
    for name in args.files:
        try:
            if name == "-":
                read(sys.stdin.buffer, "<stdin>", tally, progress)
            else:
                with open(name, "rb") as binary:
                    read(binary, name, tally, progress)
        except OSError as exc:
            parser.exit(
                2, f"{parser.prog}: error: cannot read {name}: {exc.strerror}\n"
            )
        finally:
            progress.clear()
    encoding = (sys.stdout.encoding or "").lower().replace("-", "")
    _print(
        render(tally, args.format, "\u2588" if encoding == "utf8" else "#", args.top)
    )
    for bad in tally.bad_lines:
        stderr.write(f"{bad.file}:{bad.line}: error: {bad.error}\n")
    if tally.bad > len(tally.bad_lines):
        stderr.write(f"... and {tally.bad - len(tally.bad_lines):,} more bad lines\n")
    if tally.bad:
        stderr.write(f"{_counted(tally.bad, 'bad line')} skipped\n")
    return 1 if tally.bad else 0
