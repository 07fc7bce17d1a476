"""A record's time, and the hour, day or week (UTC) it falls in.

The time comes from the first field of ``FIELDS`` that the first record with
a time has (Log Analytics' ``TimeGenerated``, a CloudEvent's ``time``, an Event
Grid event's ``eventTime``, ACSCallSummary's ``CallStartTime``...); the field
found is kept for the whole run, and a record without it, or with a value that
is not a time, is counted apart. Times are ISO 8601 (any number of fractional
digits, ``Z``, an offset, or none for UTC) or the portal's
``6/3/2024, 5:12:31.302 PM``; a year before 2000 or after 2100 is taken as no
time, so that one bad value does not make a series of a million empty hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Final

__all__ = ["BUCKETS", "FIELDS", "Bucket", "Times", "parse_time", "step"]

#: Where logs keep a record's time, most telling first.
FIELDS: Final = (
    "TimeGenerated",
    "timeGenerated",
    "time",
    "eventTime",
    "timestamp",
    "Timestamp",
    "CallStartTime",
    "callStartTime",
    "ParticipantStartTime",
    "startTime",
)
BUCKETS: Final = ("hour", "day", "week")
#: A bucket's start, UTC.
Bucket = datetime

_ISO = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$",
    re.IGNORECASE,
)
_PORTAL = re.compile(
    r"\s*(\d{1,2})/(\d{1,2})/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"\s*([AP]M)?\s*$",
    re.IGNORECASE,
)


def parse_time(text: str) -> datetime | None:
    """``text`` as an aware UTC datetime, or None when it is not a time."""
    found = _ISO.match(text)
    try:
        if found is not None:
            year, month, day, hour, minute, second, fraction, zone = found.groups()
            when = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                int(second or 0), int((fraction or "0")[:6].ljust(6, "0")),
                tzinfo=timezone.utc,
            )  # fmt: skip
            if zone and zone.upper() != "Z":
                sign = -1 if zone[0] == "-" else 1
                digits = zone[1:].replace(":", "")
                when -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        else:
            found = _PORTAL.match(text)
            if found is None:
                return None
            month, day, year, hour, minute, second, fraction, half = found.groups()
            hours = int(hour)
            if half:
                hours = hours % 12 + (12 if half.upper() == "PM" else 0)
            when = datetime(
                int(year), int(month), int(day), hours, int(minute), int(second or 0),
                int((fraction or "0")[:6].ljust(6, "0")), tzinfo=timezone.utc,
            )  # fmt: skip
    except (ValueError, OverflowError):
        return None
    return when if 2000 <= when.year <= 2100 else None


def start(when: datetime, bucket: str) -> Bucket:
    """The start of the hour, day or week (from Monday) ``when`` falls in."""
    hour = when.replace(minute=0, second=0, microsecond=0)
    if bucket == "hour":
        return hour
    day = hour.replace(hour=0)
    return day if bucket == "day" else day - timedelta(days=day.weekday())


def step(bucket: str) -> timedelta:
    """The width of a bucket."""
    return {"hour": timedelta(hours=1), "day": timedelta(days=1)}.get(
        bucket, timedelta(days=7)
    )


class Times:
    """The bucket of each record's time, for one run."""

    def __init__(self, bucket: str) -> None:
        self.width = bucket
        #: The field the times come from, once a record has shown one.
        self.field: str | None = None
        #: Buckets of UTC times by their first 13 characters (up to the hour).
        self._hours: dict[str, Bucket] = {}

    def pick(self, keys: Iterable[str]) -> str | None:
        """The field of FIELDS that ``keys`` (a record's, a table's columns)
        hold, the first; kept for the run once found."""
        if self.field is None:
            held = set(keys)
            self.field = next((k for k in FIELDS if k in held), None)
        return self.field

    def bucket(self, record: dict[str, object]) -> Bucket | None:
        """The record's bucket; None when it has no time."""
        name = self.field
        if name is None:
            name = next((k for k in FIELDS if record.get(k) not in (None, "")), None)
            if name is None:
                return None
            self.field = name
        return self.of(record.get(name))

    def of(self, text: object) -> Bucket | None:
        """The bucket of a time, None for a value that is not one."""
        if type(text) is not str:
            return None
        if len(text) >= 19 and text[10] == "T" and _utc(text):
            known = self._hours.get(text[:13])
            if known is not None:
                return known
        found = parse_time(text)
        if found is None:
            return None
        bucket = start(found, self.width)
        if text[10:11] == "T" and _utc(text) and len(self._hours) < 1 << 16:
            self._hours[text[:13]] = bucket
        return bucket


def _utc(text: str) -> bool:
    """Whether an ISO time is UTC (``Z``, ``+00:00`` or no offset): its hour
    is then in its first 13 characters."""
    if text[-1] in "zZ" or text.endswith("+00:00"):
        return True
    tail = text[19:]
    return "+" not in tail and "-" not in tail
