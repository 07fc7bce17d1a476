"""Reading a log: its records one by one, or located errors in their place.

``Log(binary, name)`` opens one input (gzip or not; UTF-8, with or without a
byte order mark, or UTF-16 by its mark), tells its format apart by the first
character that is not blank, and iterates over its records: parsed JSON values
(a line of JSON Lines, an item of an array, a row of a Log Analytics query API
response or of a CSV export, as a mapping of column to value) and ``Bad``
errors. ``Log.line()`` is the line of the last record yielded, for an error the
caller finds in it. Memory holds one chunk of text, whatever the size of the
file: a huge array, a query API response and a CSV export stream like JSON
Lines. Nothing here raises for what the file holds: a damaged gzip stream, a
binary file, a quote never closed, nesting deeper than Python reads all become
a ``Bad`` at their line, and reading goes on where it can.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from typing import IO, Final, Protocol

from .jsontext import JsonText
from .records import Bad
from .tables import CsvRows, read_query

__all__ = ["Bad", "Log"]

#: Read this much text at a time: large enough that per-chunk work vanishes,
#: small enough that memory stays flat. Not Final: tests cut it small.
CHUNK = 1 << 20
#: The head of a file looked at to tell a log from binary data.
_HEAD: Final = 8192
#: A head with more of these than 1 in 20 characters, or any NUL, is binary
#: data: a log is text, with at most a stray undecodable byte.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_QUERY_START = re.compile(r"\{\s*\"tables\"\s*:\s*\[")


class _Lines(Protocol):
    def line(self) -> int: ...
    def last_line(self) -> int: ...


class _Text:
    """The decoded text of a file, read in chunks; a failure of the stream
    under it (a gzip file cut short or corrupt, a disk error) ends the text
    and is kept in ``error``, so that what was read before it still counts."""

    def __init__(self, stream: IO[str], gzipped: bool) -> None:
        self.stream = stream
        self.gzipped = gzipped
        self.error: str | None = None

    def read(self, size: int) -> str:
        if self.error is not None:
            return ""
        try:
            return self.stream.read(size)
        except (EOFError, OSError, zlib.error) as exc:
            self.error = _stream_error(exc, self.gzipped)
            return ""

    def lines(self, head: str) -> Iterator[str]:
        """The lines of ``head`` (what was read already), then of the rest;
        the head's last line joined to the rest of it."""
        parts = io.StringIO(head, newline="").readlines()
        last = parts.pop() if parts and not parts[-1].endswith("\n") else ""
        yield from parts
        try:
            if last:
                yield last + self.stream.readline()
            yield from self.stream
        except (EOFError, OSError, zlib.error) as exc:
            self.error = _stream_error(exc, self.gzipped)


def _stream_error(exc: BaseException, gzipped: bool) -> str:
    if isinstance(exc, EOFError):
        return "the gzip data ends early (a file cut short?); the records before are counted"
    what = "corrupt gzip data" if gzipped else "cannot read on"
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"{what}: {detail}; the records before are counted"


class Log:
    """The records of one input, in order (see the module's docstring)."""

    def __init__(self, binary: IO[bytes], name: str) -> None:
        self.name = name
        self.binary = binary
        self._source: _Lines | None = None

    def line(self) -> int:
        """The line where the last record yielded starts."""
        return 1 if self._source is None else self._source.line()

    def size(self) -> int | None:
        """The input's size in bytes, when it is a file."""
        try:
            return os.fstat(self.binary.fileno()).st_size
        except (OSError, ValueError, io.UnsupportedOperation):
            return None

    def done(self) -> int | None:
        """How many bytes of the input have been read, when it can say."""
        try:
            return self.binary.tell()
        except (OSError, ValueError, io.UnsupportedOperation):
            return None

    def __iter__(self) -> Iterator[object]:
        binary: IO[bytes] = self.binary
        buffered = None
        if not hasattr(binary, "peek"):
            # A stream that cannot look ahead (BytesIO, a socket's file).
            buffered = binary = io.BufferedReader(binary)  # type: ignore[type-var]
        gzipped = _peek(binary, 2) == b"\x1f\x8b"
        if gzipped:
            binary = gzip.GzipFile(fileobj=binary, mode="rb")  # type: ignore[assignment]
        try:
            yield from self._records(binary, gzipped)
        finally:
            if gzipped:
                binary.close()  # the gzip reader, not the file under it
            if buffered is not None:
                buffered.detach()  # the caller's stream stays the caller's

    def _records(self, binary: IO[bytes], gzipped: bool) -> Iterator[object]:
        try:
            mark = _peek(binary, 2)
        except (EOFError, OSError, zlib.error) as exc:
            yield Bad(1, _stream_error(exc, gzipped))
            return
        # UTF-16 by its mark, as Windows PowerShell 5 writes a redirected file.
        encoding = "utf-16" if mark in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        stream = io.TextIOWrapper(
            binary, encoding=encoding, errors="replace", newline=""
        )
        text = _Text(stream, gzipped)
        try:
            head = text.read(_HEAD)
            if _binary(head):
                yield Bad(1, "not a log file: binary data, not text")
                return
            # The first two lines that are not blank say which: a JSON value
            # opens with { or [, and a CSV export's first line is its header.
            # A JSON log whose first line is damaged is still read as JSON.
            starts = [line.lstrip()[:1] for line in head.splitlines() if line.strip()]
            first = starts[0] if starts else ""
            if {"{", "["} & set(starts[:2]):
                source = JsonText(text.read, head, CHUNK)
                self._source = source
                yield from _json_values(source)
            elif first:
                rows = CsvRows(text.lines(head))
                self._source = rows
                yield from rows
            if text.error is not None and self._source is not None:
                yield Bad(self._source.last_line(), text.error)
        finally:
            stream.detach()  # the stream under it stays open for its owner


def _json_values(source: JsonText) -> Iterator[object]:
    """JSON values one after another; the items of an array too big for one
    chunk one by one, and a query API response's rows one by one."""
    while first := source.skip():
        if first == "{" and source.looking_at(_QUERY_START):
            yield from read_query(source)
        elif first == "[":
            value = source.value(whole_or_none=True)
            if value is None:
                yield from source.items()
            else:
                yield value
        else:
            yield source.value()


def _peek(binary: IO[bytes], n: int) -> bytes:
    peek = getattr(binary, "peek", None)
    return b"" if peek is None else bytes(peek(n)[:n])


def _binary(head: str) -> bool:
    """Whether the first characters of a file are binary data, not a log."""
    if "\x00" in head:
        return True
    return len(_BINARY.findall(head)) * 20 > max(len(head), 40)
