"""JSON text read a chunk at a time: values one after another, with their lines.

``JsonText`` holds the unread rest of one chunk and reads the next when a value
runs past it; a value that cannot be read becomes a ``Bad`` with its line and
JSON's whole message, and reading goes on at the next line that opens an
object or an array (a line of JSON Lines cut short may have swallowed the lines
after it into its own broken value: they are read again).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Final

from .records import Bad

__all__ = ["MAX_RECORD", "JsonText"]

#: A JSON value still unfinished after this much text is bad, not incomplete:
#: no ACS record comes near it, and reading on would hold the file in memory.
MAX_RECORD: Final = 64 << 20

_SPACE = re.compile(r"[ \t\r\n]*")
#: The start of a line that opens a JSON object or array: where reading goes
#: on after a value that is not JSON.
_NEXT_VALUE = re.compile(r"\n[ \t\r]*(?=[\[{])")
_decode = json.JSONDecoder().raw_decode


class JsonText:
    """Text from ``read`` (a file's ``read``), ``chunk`` characters at a time,
    after ``head`` (what was read of it already)."""

    def __init__(self, read: Callable[[int], str], head: str, chunk: int) -> None:
        self._read = read
        self._chunk = chunk
        self.text = head
        #: Where reading is in ``text``.
        self.pos = 0
        #: The line of ``text[0]``, and where the last value read starts.
        self._first_line = 1
        self._start = 0
        self.eof = False

    def line(self) -> int:
        """The line where the last value read starts."""
        return self._first_line + self.text.count("\n", 0, self._start)

    def last_line(self) -> int:
        """The line reading has reached."""
        return self._first_line + self.text.count("\n", 0, self.pos)

    def more(self) -> bool:
        """Drop what has been read and read the next chunk; False at the end."""
        if self.eof:
            return False
        more = self._read(self._chunk)
        self._first_line += self.text.count("\n", 0, self.pos)
        self.text = self.text[self.pos :] + more
        self._start = max(0, self._start - self.pos)
        self.pos = 0
        self.eof = not more
        return not self.eof

    def skip(self) -> str:
        """Pass over blank space; the next character, or "" at the end."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def looking_at(self, pattern: re.Pattern[str]) -> bool:
        """Whether the text from here starts with ``pattern`` (short)."""
        if len(self.text) - self.pos < 256:
            self.more()
        return pattern.match(self.text, self.pos) is not None

    def value(self, whole_or_none: bool = False) -> object:
        """The JSON value that starts here, or a Bad. With ``whole_or_none``,
        None for a value that cannot be read whole from this chunk: an array
        to read item by item (one too big for a chunk, or with a damaged item)."""
        while True:
            self._start = self.pos
            try:
                value, end = _decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if whole_or_none:
                    return None
                if not self.eof and self._unfinished(exc):
                    self.more()
                    continue
                bad = self._bad(exc)
            except RecursionError:
                if whole_or_none:
                    return None
                bad = Bad(
                    self.line(),
                    "not JSON: nested deeper than Python reads (no log record nests "
                    "like this)",
                )
            else:
                if (
                    end == len(self.text)
                    and not self.eof
                    and type(value) not in (dict, list)
                ):
                    # A number or a literal cut by the chunk's end: read on.
                    self.more()
                    continue
                self.pos = end
                return value
            self.resync()
            return bad

    def items(self) -> Iterator[object]:
        """The items of the array that starts here, one by one (values or Bad)."""
        self.pos += 1
        while True:
            first = self.skip()
            if first == "]":
                self.pos += 1
                return
            if first == ",":
                self.pos += 1
            elif not first:
                return  # cut short: the item cut is bad already
            else:
                yield self.value()

    def broken(self, what: str) -> Bad:
        """A Bad for text that is not ``what`` here; reading goes on at the
        next line that opens a value."""
        self._start = self.pos
        found = self.text[self.pos : self.pos + 20]
        bad = Bad(self.line(), f"not JSON: expected {what}, found {found!r}")
        self.resync()
        return bad

    def resync(self) -> None:
        """Go on at the next line after this one that opens an object or an array."""
        at = self.pos + 1
        while True:
            found = _NEXT_VALUE.search(self.text, at)
            if found is not None:
                self.pos = found.end()
                return
            if self.eof:
                self.pos = len(self.text)
                return
            # Keep the last line's start: the next chunk may open a value.
            last = self.text.rfind("\n", at)
            self.pos = len(self.text) if last < 0 else last
            self.more()
            at = 0

    def _unfinished(self, error: json.JSONDecodeError) -> bool:
        """Whether a value failed only because the text ends inside it. JSON
        strings hold no raw newline, so a failure with a newline after it is in
        the text itself; a value that runs past MAX_RECORD is taken as bad."""
        if len(self.text) - self.pos > MAX_RECORD:
            return False
        return "\n" not in self.text[max(error.pos, self.pos) :]

    def _bad(self, error: json.JSONDecodeError) -> Bad:
        """JSON's message, whole, with the place it points at."""
        at = max(error.pos, self.pos)
        line = self.line()
        at_line = line + self.text.count("\n", self.pos, at)
        column = at - self.text.rfind("\n", 0, at)
        where = f"column {column}"
        if at_line != line:
            where = f"line {at_line}, column {column}"
        message = error.msg
        text = (
            f"{message} {where}" if message.endswith(" at") else f"{message} at {where}"
        )
        rest = self.text[at:].rstrip()
        if self.eof and (
            not rest or (message.startswith("Unterminated") and "\n" not in rest)
        ):
            text += " (the file ends inside the value)"
        return Bad(line, f"not JSON: {text}")
