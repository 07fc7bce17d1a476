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
from collections import deque
from collections.abc import Generator, Iterator
from typing import Any, Final

from .jsontext import JsonText
from .records import Bad, Header

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
        yield Header(names)
        ended = yield from _rows(source)
        yield Header(None)
        if not ended:
            return


def _rows(source: JsonText) -> Generator[object, None, bool]:
    """The rows of the array that starts here, each a list (or a Bad); the
    return value says whether the array ended as it should."""
    source.pos += 1
    while True:
        first = source.skip()
        if first == "]":
            source.pos += 1
            return True
        if first == ",":
            source.pos += 1
        elif first == "[":
            yield source.value()  # a list, or a Bad: reading goes on
        else:
            yield _broken(source, "a row (an array)")
            return False


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
    """The rows of CSV text with a header row: a Header of the column names
    (``TimeGenerated [UTC]`` as ``TimeGenerated``), then each row as a list
    of values, or a Bad."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        #: The lines of the row being read, and the lines read before the
        #: reader now at work.
        self._taken: list[str] = []
        self._base = 0
        self._rows: Any = None
        self._start = 1
        self._again: deque[str] | None = None

    def line(self) -> int:
        """The line where the last row read starts: the lines read, less
        those of the row (which it keeps until the next is read)."""
        if self._taken and self._rows is not None:
            return self._base + int(self._rows.line_num) - len(self._taken) + 1
        return self._start

    def last_line(self) -> int:
        return self._base + (0 if self._rows is None else int(self._rows.line_num))

    def _reader(self, delimiter: str, strict: bool = True) -> Any:
        taken = self._taken

        def feed() -> Iterator[str]:
            for line in self._lines:
                taken.append(line)
                yield line

        self._rows = csv.reader(feed(), delimiter=delimiter, strict=strict)
        return self._rows

    def __iter__(self) -> Iterator[object]:
        taken = self._taken
        rows = self._reader(",", strict=False)
        header: list[str] = []
        while not any(header):
            try:
                header = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Bad(self.last_line(), f"not CSV: {exc}")
                return
        delimiter = max(
            _DELIMITERS, key=lambda d: (sum(c.count(d) for c in header), d == ",")
        )
        if delimiter != ",":
            header = next(csv.reader(["".join(taken)], delimiter=delimiter))
        taken.clear()
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
        yield Header(names)
        self._base = self.last_line()
        while True:
            base = self._base
            rows = self._reader(delimiter)
            try:
                for row in rows:
                    if len(row) == width:
                        yield row  # line() counts its lines from taken
                        taken.clear()
                        continue
                    self._start = base + rows.line_num - len(taken) + 1
                    if not any(row):
                        taken.clear()  # a blank line
                    elif len(taken) > 1:
                        break  # a quote never closed ran into the next lines
                    else:
                        taken.clear()
                        yield Bad(
                            self._start,
                            f"{len(row)} fields where the header has {width}",
                        )
                else:
                    return
            except csv.Error as exc:
                self._start = base + rows.line_num - len(taken) + 1
                if len(taken) <= 1 and "end of data" not in str(exc):
                    taken.clear()
                    yield Bad(self._start, f"not CSV: {exc}")
                    self._base = base + rows.line_num
                    continue
            yield Bad(
                self._start,
                "a quoted field is not closed on this line; the lines after it "
                "are read as rows of their own",
            )
            self._replay()

    def _replay(self) -> None:
        """Read again the lines after the first of the row just read."""
        again = self._again
        if again is None:
            again = self._again = deque()
            self._lines = _after(again, self._lines)
        again.extendleft(reversed(self._taken[1:]))
        self._base = self._start
        self._taken.clear()


def _after(again: deque[str], lines: Iterator[str]) -> Iterator[str]:
    """The lines of ``again`` (read again), then of ``lines``."""
    while True:
        while again:
            yield again.popleft()
        line = next(lines, None)
        if line is None:
            return
        yield line


def _name(column: str) -> str:
    # The portal writes a datetime column as "TimeGenerated [UTC]".
    name = column.split(" [")[0].strip()
    return _FLATTENED.get(name.lower(), name)
