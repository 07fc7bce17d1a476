"""Logs that are tables: a Log Analytics query API response and a CSV export.

Both give their rows as records keyed by column name, one row at a time:
``read_query`` walks the response's ``{"tables": [{"columns": [...], "rows":
[[...], ...]}]}`` and decodes one row at a time, never the document;
``CsvRows`` reads CSV with a header row (RFC 4180 quoting, the delimiter
sniffed from the header: ``,``, ``;`` or a tab). A quote that is never closed
is named at its own line, and the lines after that line are read again as
rows of their own: none is lost unreported.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Final

from .bad import Bad
from .jsontext import JsonText

__all__ = ["CsvRows", "read_query"]


def read_query(source: JsonText) -> Iterator[object]:
    """The rows of the query API response that starts here, as records."""
    members = _members(source)
    for key in members:
        if type(key) is Bad:
            yield key
            return
        if key != "tables" or source.skip() != "[":
            _ = source.value()  # another member: passed over
            continue
        source.pos += 1
        while True:
            first = source.skip()
            if first == ",":
                source.pos += 1
            elif first == "]":
                source.pos += 1
                break
            elif first == "{":
                for row in _table(source):
                    yield row
                    if type(row) is Bad and row.error.startswith(_BROKEN):
                        return
            else:
                yield _broken(source, "a table (an object)")
                return


_BROKEN: Final = "not JSON: the query API response"


def _broken(source: JsonText, what: str) -> Bad:
    if not source.skip():
        return Bad(
            source.last_line(),
            f"{_BROKEN} ends inside {what} (the file is cut short); the rows "
            "before are counted",
        )
    bad = source.broken(what)
    bad.error = f"{_BROKEN} is damaged here: " + bad.error.removeprefix("not JSON: ")
    return bad


def _members(source: JsonText) -> Iterator[str | Bad]:
    """The keys of the object that starts here; after each, the caller reads
    its value."""
    source.pos += 1
    while True:
        first = source.skip()
        if first == "}":
            source.pos += 1
            return
        if first == ",":
            source.pos += 1
            continue
        key = source.value() if first == '"' else None
        if type(key) is not str or source.skip() != ":":
            yield _broken(source, "a member of an object")
            return
        source.pos += 1
        source.skip()
        yield key


def _table(source: JsonText) -> Iterator[object]:
    names: list[str] | None = None
    for key in _members(source):
        if type(key) is Bad:
            yield key
            return
        if key == "columns":
            columns = source.value()
            if type(columns) is list:
                names = [
                    str(c.get("name")) if type(c) is dict else str(c) for c in columns
                ]
            continue
        if key != "rows" or source.skip() != "[":
            _ = source.value()
            continue
        if names is None:
            yield Bad(source.last_line(), f"{_BROKEN} has rows before their columns")
            _ = source.value()
            continue
        source.pos += 1
        while True:
            first = source.skip()
            if first == "]":
                source.pos += 1
                break
            if first == ",":
                source.pos += 1
            elif first == "[":
                row = source.value()
                if type(row) is list:
                    yield dict(zip(names, row, strict=False))
                else:
                    yield row  # a Bad: reading goes on at the next row
            else:
                yield _broken(source, "a row (an array)")
                return


#: CSV columns (lower case, any case in the file) of a flattened callback:
#: read as the keys find_pair knows.
_FLATTENED: Final = {
    "resultinformation.code": "code",
    "resultinformation.subcode": "subCode",
    "resultinformation.message": "message",
    "data.resultinformation.code": "code",
    "data.resultinformation.subcode": "subCode",
    "data.resultinformation.message": "message",
}
_CODE_COLUMNS: Final = ("participantendreason", "code")
_DELIMITERS: Final = (",", ";", "\t")


class CsvRows:
    """The rows of CSV text with a header row, as records keyed by column
    name (``TimeGenerated [UTC]`` as ``TimeGenerated``), and Bad rows."""

    def __init__(self, lines: Iterable[str], head: str) -> None:
        self._lines = _joined(head, lines)
        #: Lines read, and those of the row being read.
        self._count = 0
        self._taken: list[str] = []
        self._again: deque[str] = deque()
        self._start = 1

    def line(self) -> int:
        """The line where the last row read starts."""
        return self._start

    def last_line(self) -> int:
        return self._count

    def _feed(self) -> Iterator[str]:
        again, taken, lines = self._again, self._taken, self._lines
        while True:
            if again:
                line = again.popleft()
            else:
                following = next(lines, None)
                if following is None:
                    return
                line = following
            self._count += 1
            taken.append(line)
            yield line

    def _replay(self) -> None:
        """Read the lines after the first of the row just read again: that
        row ran past its line with a quote never closed."""
        taken = self._taken
        self._again.extendleft(reversed(taken[1:]))
        self._count -= len(taken) - 1
        taken.clear()

    def __iter__(self) -> Iterator[object]:
        feed = self._feed()
        header: list[str] = []
        while not any(header):
            try:
                header = next(csv.reader(feed))
            except StopIteration:
                return
            except csv.Error as exc:
                yield Bad(self._count, f"not CSV: {exc}")
                return
        delimiter = max(
            _DELIMITERS, key=lambda d: (sum(c.count(d) for c in header), d == ",")
        )
        if delimiter != ",":
            header = next(csv.reader(["".join(self._taken)], delimiter=delimiter))
        self._taken.clear()
        names = [_name(column) for column in header]
        if not any(name.lower() in _CODE_COLUMNS for name in names):
            shown = ", ".join(header[:12])
            yield Bad(
                1,
                "no column holds a code: expected ParticipantEndReason and "
                f"ParticipantEndSubCode, or code and subCode (columns: {shown})",
            )
            return
        width = len(names)
        taken = self._taken
        while True:
            self._start = self._count + 1
            rows = csv.reader(feed, delimiter=delimiter, strict=True)
            try:
                for row in rows:
                    if len(row) == width:
                        taken.clear()
                        yield dict(zip(names, row, strict=True))
                        self._start = self._count + 1
                        continue
                    if not any(row):
                        taken.clear()  # a blank line
                    elif len(taken) > 1:
                        yield self._unclosed()
                    else:
                        taken.clear()
                        yield Bad(
                            self._start,
                            f"{len(row)} fields where the header has {width}",
                        )
                    self._start = self._count + 1
                return
            except csv.Error as exc:
                if len(taken) > 1 or "end of data" in str(exc):
                    yield self._unclosed()
                else:
                    taken.clear()
                    yield Bad(self._start, f"not CSV: {exc}")

    def _unclosed(self) -> Bad:
        bad = Bad(
            self._start,
            "a quoted field is not closed on this line; the lines after it are "
            "read as rows of their own",
        )
        self._replay()
        return bad


def _name(column: str) -> str:
    # The portal writes a datetime column as "TimeGenerated [UTC]".
    name = column.split(" [")[0].strip()
    return _FLATTENED.get(name.lower(), name)


def _joined(head: str, lines: Iterable[str]) -> Iterator[str]:
    """The lines of ``head`` and then of ``lines``, the head's last line
    joined to the first of ``lines`` where the head cut it."""
    rest = iter(lines)
    parts = io.StringIO(head, newline="").readlines()
    if parts and (not parts[-1].endswith("\n")):
        parts[-1] += next(rest, "")
    yield from parts
    yield from rest
