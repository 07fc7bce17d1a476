"""Counting a log's records: every (code, subcode) pair, the records without
one, the bad ones, and with ``--by`` the pairs per time bucket and per value
of a field.

``Tally.add`` takes what ``reading.Log`` yields: a record (a mapping, or a list
of them: a callback body's events), or a ``Bad``. Each record is counted
once, under its pair, as without a code, or as bad, so that ``read ==
with_code + without_code + bad`` always. The pair is the one ``find_pair``
finds; ``shapes.Shapes`` finds it faster in records of a shape seen before.
The SIP responses and Q.850 causes that results carry beside their pair
(``sipDetails``, ``q850Details``: ``find_result``) are counted by code.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from acs_call_codes import NoCodeError, find_result

from .records import Bad
from .shapes import NO_CODE, Pair, Shapes, columns_of, pair_of
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
    #: Records with a code that carried SIP or Q.850 details, by the
    #: details' code (``sipDetails``, ``q850Details``: find_result).
    sip: dict[int, int] = field(default_factory=dict)
    q850: dict[int, int] = field(default_factory=dict)
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
            errors = None
            for item in value:
                error = self.add(item)
                if error is not None:
                    errors = error if errors is None else f"{errors}; {error}"
            return errors
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
            code, subcode, where, _, diagnostic, sip, q850 = find_result(value)
        except NoCodeError as exc:
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
        if sip is not None:
            self.sip[sip.code] = self.sip.get(sip.code, 0) + 1
        if q850 is not None:
            self.q850[q850.code] = self.q850.get(q850.code, 0) + 1
        if type(value) is dict:
            self.shapes.learn(value, key, where)
            if self.by_time is not None or self.by_field is not None:
                self._place(value, key)
        return None

    def row_adder(self, names: list[str]) -> Callable[[object], str | None]:
        """``add`` for the rows of a table with columns ``names`` (a list of
        values each, in their order): a row whose code and subcode are plain
        is counted where it stands, any other is read as a record."""
        add, counts = self.add, self.counts
        at = columns_of(names)
        if at is None:
            return lambda row: add(
                dict(zip(names, row, strict=False)) if type(row) is list else row
            )
        code_at, subcode_at, message_at = at
        width = len(names)
        time_at = None
        if self.times is not None:
            field = self.times.pick(names)
            time_at = names.index(field) if field in names else None
        field_at = names.index(self.by_field) if self.by_field in names else None
        placing = self.times is not None or self.by_field is not None

        # The pairs of plain values seen, by value: a log repeats a few pairs.
        known: dict[tuple[object, object], Pair] = {}

        def add_row(row: object) -> str | None:
            if type(row) is not list:
                return add(row)
            if len(row) == width:
                code = row[code_at]
                subcode = None if subcode_at is None else row[subcode_at]
                message = None if message_at is None else row[message_at]
                try:
                    found = None if message else known.get((code, subcode))
                except TypeError:  # a value that is a list or an object
                    found = None
                if found is None:
                    found = pair_of(code, subcode, message)
                    if found is not None and not message and len(known) < 1 << 12:
                        known[(code, subcode)] = found
                if found is not None:
                    self.read += 1
                    counts[found] = counts.get(found, 0) + 1
                    if placing:
                        self._place_row(row, found, time_at, field_at)
                    return None
            return add(dict(zip(names, row, strict=False)))

        return add_row

    def _place_row(
        self, row: list[object], pair: Pair, time_at: int | None, field_at: int | None
    ) -> None:
        bucket = None
        if self.times is not None and time_at is not None:
            bucket = self.times.of(row[time_at])
        value = None if field_at is None else _text(row[field_at])
        key = (bucket, value, pair)
        self.breakdown[key] = self.breakdown.get(key, 0) + 1

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
    return _text(value)


def _text(value: object) -> str | None:
    """A field's value as text; None for null or empty."""
    if value is None or value == "":
        return None
    if type(value) is str:
        return value
    return json.dumps(value, sort_keys=True)
