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
a ``Bad`` at their line, and reading goes on where it can. When the stream
fails (``gunzip`` for gzip data), every record read before the failure is
given, then the line the failure cut (a JSON value unfinished, a CSV row cut
short) and the failure, each a ``Bad``.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Final, Protocol

from .gunzip import Gunzip
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
#: A CSV file's last line, when the data ends inside it because the stream
#: under it failed.
_CUT_ROW: Final = "a row cut short: the data ends inside it"
_QUERY_START = re.compile(r"\{\s*\"tables\"\s*:\s*\[")


class _Lines(Protocol):
    def line(self) -> int: ...
    def last_line(self) -> int: ...


class _Source(Protocol):
    """A binary stream that can look ahead: a buffered file, or ``Gunzip``."""

    def peek(self, size: int, /) -> bytes: ...
    def read1(self, size: int, /) -> bytes: ...


class _Guarded(io.BufferedIOBase):
    """A binary stream whose failure (a gzip file cut short or corrupt, a disk
    error) ends it, kept in ``error``: the text layer above sees the end of
    the file, so that every byte read before the failure is decoded and its
    records counted, and nothing after it is read. Each read asks the stream
    under it for one chunk (``read1``): a failing read loses only what it
    failed on."""

    def __init__(self, read1: Callable[[int], bytes], gzipped: bool) -> None:
        super().__init__()
        self._read1 = read1
        self.gzipped = gzipped
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1, /) -> bytes:
        """A chunk (the text layer asks for one of ``size`` bytes); b"" at
        the end, and from the failure on."""
        if self.error is not None:
            return b""
        try:
            return self._read1(size)
        except (EOFError, OSError, zlib.error) as exc:
            self.error = _stream_error(exc, self.gzipped)
            return b""


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
        source: _Source = binary  # type: ignore[assignment] # pyright: ignore[reportAssignmentType]
        gzipped = source.peek(2)[:2] == b"\x1f\x8b"
        try:
            yield from self._records(Gunzip(binary) if gzipped else source, gzipped)
        finally:
            if buffered is not None:
                buffered.detach()  # the caller's stream stays the caller's

    def _records(self, source: _Source, gzipped: bool) -> Iterator[object]:
        try:
            mark = source.peek(2)[:2]
        except (EOFError, OSError, zlib.error) as exc:
            yield Bad(1, _stream_error(exc, gzipped))
            return
        # UTF-16 by its mark, as Windows PowerShell 5 writes a redirected file.
        encoding = "utf-16" if mark in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        guarded = _Guarded(source.read1, gzipped)
        stream = io.TextIOWrapper(
            guarded,  # type: ignore[type-var] # pyright: ignore[reportArgumentType]
            encoding=encoding,
            errors="replace",
            newline="",
        )
        try:
            head = stream.read(_HEAD)
            if _binary(head):
                yield Bad(1, "not a log file: binary data, not text")
                return
            # The first two lines that are not blank say which: a JSON value
            # opens with { or [, and a CSV export's first line is its header.
            # A JSON log whose first line is damaged is still read as JSON.
            starts = [line.lstrip()[:1] for line in head.splitlines() if line.strip()]
            first = starts[0] if starts else ""
            cut = [False]
            if {"{", "["} & set(starts[:2]):
                text = JsonText(stream.read, head, CHUNK)
                self._source = text
                yield from _json_values(text)
            elif first:
                rows = CsvRows(_lines(stream, head, guarded, cut))
                self._source = rows
                yield from rows
                if cut[0]:
                    # Its fields may be cut too (10004 read as 10): not a row.
                    yield Bad(rows.last_line() + 1, _CUT_ROW)
            if guarded.error is not None:
                # At the line the failure cut, or after the last one read.
                at = (
                    head.count("\n") + 1
                    if self._source is None
                    else (self._source.last_line() + cut[0])
                )
                yield Bad(at, guarded.error)
        finally:
            stream.detach()  # the stream under it stays open for its owner


def _lines(
    stream: IO[str], head: str, guarded: _Guarded, cut: list[bool]
) -> Iterator[str]:
    """The lines of ``head`` (what was read already), then of the rest of
    ``stream``; the head's last line joined to the rest of it. A last line
    without its line ending after the stream failed (``guarded.error``) is
    cut short: not given, and ``cut[0]`` says so."""
    parts = io.StringIO(head, newline="").readlines()
    last = parts.pop() if parts and not parts[-1].endswith("\n") else ""
    yield from parts
    if last:
        parts = [last + stream.readline()]
    else:
        parts = []
    for line in itertools.chain(parts, stream):
        if guarded.error is not None and not line.endswith(("\n", "\r")):
            cut[0] = True
            return
        yield line


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


def _binary(head: str) -> bool:
    """Whether the first characters of a file are binary data, not a log."""
    if "\x00" in head:
        return True
    return len(_BINARY.findall(head)) * 20 > max(len(head), 40)
