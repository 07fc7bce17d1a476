"""What a tally says, explained: the rows of the report and the document that
``--format json`` prints (docs/report.schema.json), which the other formats
show in their own way.

A *failure* is a record whose pair's explanation is not a success: its result
category is not ``Success`` or, where the answer gives no category (the PSTN
rows, a code the catalog does not list, an answer by code class), its code is
of class 4xx, 5xx or 6xx. A record that ends a call normally (0, 200 and
their subcodes) is no failure, nor is a code outside every class.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from acs_call_codes import (
    SOURCES,
    Code,
    CodeClass,
    Explanation,
    Q850Cause,
    SipStatus,
    Source,
    SubCode,
    _explain_found,
)

from .counting import Tally
from .shapes import Pair
from .times import Bucket, step

__all__ = [
    "NONE_GIVEN",
    "Row",
    "category",
    "details",
    "document",
    "failed",
    "rows",
    "sources_of",
    "totals",
]

#: The category of an answer that carries none.
NONE_GIVEN = "none given"
_FAILING_CLASSES = (
    CodeClass.CLIENT_ERROR,
    CodeClass.SERVER_ERROR,
    CodeClass.GLOBAL_ERROR,
)


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


def _order(pair: Pair, count: int) -> tuple[int, int, int, tuple[int, ...]]:
    code, subcode, diagnostic = pair
    return (-count, code, -1 if subcode is None else subcode, diagnostic or ())


def rows(tally: Tally) -> list[Row]:
    """The tally's pairs, explained, largest first (then by code and subcode)."""
    total = tally.with_code or 1
    ordered = sorted(tally.counts.items(), key=lambda item: _order(*item))
    return [
        Row(code, subcode, diagnostic, n, n / total, explained(pair))
        for pair, n in ordered
        for code, subcode, diagnostic in (pair,)
    ]


@functools.lru_cache(maxsize=1 << 12)
def explained(pair: Pair) -> Explanation:
    """The pair's explanation (the DiagCode's where it says more), once a pair."""
    return _explain_found(*pair)


def category(found: Explanation) -> str:
    """The answer's result category, or NONE_GIVEN."""
    return NONE_GIVEN if found.result_category is None else found.result_category.value


def failed(pair: Pair) -> bool:
    """Whether records of ``pair`` are failures (see the module's docstring)."""
    found = explained(pair)
    if found.result_category is not None:
        return not found.result_category.is_success
    return CodeClass.of(pair[0]) in _FAILING_CLASSES


def sources_of(found: Explanation) -> list[Source]:
    """The documents of the row, meaning or rule that answered, the one whose
    words these are first; none where the answer is the catalog's own."""
    record = found.reason or found.code_info or found.subcode_info or found.rule
    return [] if record is None else [SOURCES[s] for s in record.sources]


def totals(counts: Iterable[tuple[Pair, int]], of: str = "category") -> dict[str, int]:
    """Counts by result category (``of="category"``) or by rung (``"match"``),
    largest first."""
    found: dict[str, int] = {}
    for pair, n in counts:
        answer = explained(pair)
        key = category(answer) if of == "category" else answer.match.value
        found[key] = found.get(key, 0) + n
    return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


def _pair(row: Row) -> dict[str, object]:
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
        "sources": [source.id for source in sources_of(found)],
    }


def document(tally: Tally, report: list[Row] | None = None) -> dict[str, object]:
    """The report as docs/report.schema.json describes it."""
    report = rows(tally) if report is None else report
    counts = list(tally.counts.items())
    return {
        "files": tally.files,
        "records": tally.with_code + tally.without_code + tally.bad,
        "with_code": tally.with_code,
        "without_code": tally.without_code,
        "bad": tally.bad,
        "bad_lines": [
            {"file": b.file, "line": b.line, "error": b.error} for b in tally.bad_lines
        ],
        "pairs": [_pair(row) for row in report],
        "by_category": totals(counts),
        "by_match": totals(counts, "match"),
        "time": time_series(tally),
        "groups": groups(tally),
        "sip_details": details(tally.sip, SipStatus),
        "q850_details": details(tally.q850, Q850Cause),
    }


def details(
    counts: dict[int, int], members: type[SipStatus] | type[Q850Cause]
) -> list[dict[str, object]]:
    """The ``sip_details`` or ``q850_details`` member: each SIP response or
    Q.850 cause that records carried beside their pair, with its member's name
    and standard phrase where ``members`` names it, largest first."""
    shown: list[dict[str, object]] = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        member = members.parse(code)
        shown.append(
            {
                "code": code,
                "name": None if member is None else member.name,
                "phrase": None if member is None else member.phrase,
                "count": n,
            }
        )
    return shown


def time_series(tally: Tally) -> dict[str, object] | None:
    """The ``time`` member: counts by category per bucket, gaps included."""
    if tally.times is None:
        return None
    buckets: dict[Bucket, dict[Pair, int]] = {}
    without = 0
    for (bucket, _, pair), n in tally.breakdown.items():
        if bucket is None:
            without += n
        else:
            held = buckets.setdefault(bucket, {})
            held[pair] = held.get(pair, 0) + n
    series: list[dict[str, object]] = []
    if buckets:
        width = step(tally.times.width)
        when, last = min(buckets), max(buckets)
        while when <= last:
            held = buckets.get(when, {})
            series.append(
                {
                    "start": when.strftime("%Y-%m-%dT%H:00:00Z"),
                    "total": sum(held.values()),
                    "by_category": totals(held.items()),
                }
            )
            when += width
    return {
        "field": tally.times.field,
        "bucket": tally.times.width,
        "without_time": without,
        "series": series,
    }


def groups(tally: Tally) -> dict[str, object] | None:
    """The ``groups`` member: each value's pairs and failure share, worst first."""
    if tally.by_field is None:
        return None
    values: dict[str, dict[Pair, int]] = {}
    without = 0
    for (_, value, pair), n in tally.breakdown.items():
        if value is None:
            without += n
        else:
            held = values.setdefault(value, {})
            held[pair] = held.get(pair, 0) + n
    shown: list[dict[str, object]] = []
    for value, held in values.items():
        records = sum(held.values())
        failures = sum(n for pair, n in held.items() if failed(pair))
        plain: dict[tuple[int, int | None], int] = {}
        for (code, subcode, _), n in held.items():
            plain[(code, subcode)] = plain.get((code, subcode), 0) + n
        shown.append(
            {
                "value": value,
                "records": records,
                "failures": failures,
                "failure_share": failures / records,
                "by_category": totals(held.items()),
                "pairs": [
                    {"code": code, "subcode": subcode, "count": n}
                    for (code, subcode), n in sorted(
                        plain.items(),
                        key=lambda item: _order((*item[0], None), item[1]),
                    )
                ],
            }
        )
    shown.sort(key=lambda g: (-g["failure_share"], -g["records"], g["value"]))  # type: ignore[operator]
    return {"field": tally.by_field, "without_field": without, "values": shown}
