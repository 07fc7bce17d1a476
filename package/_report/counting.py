"""Counting a log's records: every (code, subcode) pair, the records without
one, the bad ones, and with ``--by`` the pairs per time bucket and per value
of a field.

``Tally.add`` takes what ``reading.Log`` yields: a record (a mapping, or a list
of them: a callback body's events), or a ``Bad``. Each record is counted
once, under its pair, as without a code, or as bad, so that ``read ==
with_code + without_code + bad`` always. The pair is the one ``find_pair``
finds; ``shapes.Shapes`` finds it faster in records of a shape seen before.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import json
from dataclasses import dataclass, field

from acs_call_codes import _NoCodeError, find_pair

from .bad import Bad
from .shapes import NO_CODE, Pair, Shapes
from .times import Bucket, Times

__all__ = ["SHOWN_BAD", "BadLine", "Breakdown", "Tally"]

#: Bad lines kept to be named one by one; the rest are counted.
SHOWN_BAD = 20
#: A breakdown's key: the time bucket (None without --by TIME or without a
#: time), the field's value (None without --by FIELD or without a value), and
#: the pair.
Breakdown = tuple[Bucket | None, str | None, Pair]


@dataclass
class BadLine:
    """A record that could not be read: where, and why."""

    file: str
    line: int
    error: str


@dataclass
class Tally:
    """What the records of a run added up to. ``by_time`` is hour, day or
    week, ``by_field`` a field's name, for the breakdowns (``breakdown``)."""

    by_time: str | None = None
    by_field: str | None = None
    counts: dict[Pair, int] = field(default_factory=dict)
    without_code: int = 0
    bad: int = 0
    #: Records (and Bad) taken, counted apart from the three above.
    read: int = 0
    bad_lines: list[BadLine] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: With --by: counts by (bucket, value, pair).
    breakdown: dict[Breakdown, int] = field(default_factory=dict)
    #: The records find_pair read because no learned shape did.
    searched: int = 0
    shapes: Shapes = field(default_factory=Shapes)
    times: Times | None = None

    def __post_init__(self) -> None:
        if self.by_time is not None:
            self.times = Times(self.by_time)

    @property
    def with_code(self) -> int:
        return sum(self.counts.values())

    def add(self, value: object) -> str | None:
        """Count one record, or each item of a list of them; the error, when
        one cannot be read, for the caller to place (``fail``)."""
        if type(value) is dict:
            self.read += 1
            found = self.shapes.read(value)
            if found is None:
                return self._search(value)
            if found is NO_CODE:
                self.without_code += 1
                return None
            self.counts[found] = self.counts.get(found, 0) + 1
            if self.by_time is not None or self.by_field is not None:
                self._place(value, found)
            return None
        if type(value) is list:
            errors = [e for e in map(self.add, value) if e is not None]
            return "; ".join(errors) if errors else None
        if type(value) is Bad:
            self.read += 1
            self.bad += 1
            return value.error
        self.read += 1
        return self._search(value)

    def _search(self, value: object) -> str | None:
        """Count a record through find_pair, and learn its shape."""
        self.searched += 1
        try:
            code, subcode, where, _, diagnostic = find_pair(value)
        except _NoCodeError as exc:
            self.without_code += 1
            message = str(exc)
            if type(value) is dict and ": no code here" in message:
                self.shapes.learn(value, NO_CODE, message.split(": no code here")[0])
            return None
        except (TypeError, ValueError, RecursionError) as exc:
            self.bad += 1
            return (
                str(exc)
                if not isinstance(exc, RecursionError)
                else ("nested deeper than Python reads")
            )
        key = (code, subcode, diagnostic)
        self.counts[key] = self.counts.get(key, 0) + 1
        if type(value) is dict:
            if diagnostic is None:
                self.shapes.learn(value, key, where)
            if self.by_time is not None or self.by_field is not None:
                self._place(value, key)
        return None

    def _place(self, record: dict[str, object], pair: Pair) -> None:
        bucket = None if self.times is None else self.times.bucket(record)
        value = None if self.by_field is None else _value(record, self.by_field)
        key = (bucket, value, pair)
        self.breakdown[key] = self.breakdown.get(key, 0) + 1

    def fail(self, file: str, line: int, error: str) -> None:
        """Name a bad record (``add`` has counted it)."""
        if len(self.bad_lines) < SHOWN_BAD:
            self.bad_lines.append(BadLine(file, line, error))


def _value(record: dict[str, object], name: str) -> str | None:
    """The record's value of field ``name`` as text: a key of the record, or
    of its ``data`` or ``properties`` (an event's, a diagnostic export's), or a
    dotted path (``data.resultInformation.message``); None where it has none."""
    value = record.get(name)
    if value is None:
        for holder in ("data", "properties"):
            inner = record.get(holder)
            if type(inner) is dict and name in inner:
                value = inner[name]
                break
        else:
            if "." in name:
                value = record
                for part in name.split("."):
                    value = value.get(part) if type(value) is dict else None
    if value is None or value == "":
        return None
    if type(value) is str:
        return value
    return json.dumps(value, sort_keys=True)
