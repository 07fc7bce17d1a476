"""``--format csv``: one row per pair, for spreadsheets and scripts.

Without ``--by``, a row per pair, every pair. With ``--by hour|day|week``, a
``start`` column (the bucket's start, ISO 8601 UTC, empty for a record
without a time) and with ``--by FIELD`` a column named after the field (empty
for a record without it) come first, and a row is one pair in one bucket and
group; ``count`` and ``share`` are that row's.
"""

from __future__ import annotations

import csv
import io

from .counting import Tally
from .document import Row, explained, sources_of

__all__ = ["render_csv"]

_PAIR_COLUMNS = (
    "count", "share", "code", "subcode", "diagnostic", "code_name",
    "subcode_name", "match", "result_category", "message", "advice", "sources",
)  # fmt: skip


def render_csv(tally: Tally, report: list[Row]) -> str:
    """The report as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if tally.by_time is None and tally.by_field is None:
        writer.writerow(_PAIR_COLUMNS)
        writer.writerows(_cells(row) for row in report)
        return out.getvalue().rstrip("\n")
    leading = (["start"] if tally.by_time is not None else []) + (
        [tally.by_field] if tally.by_field is not None else []
    )
    writer.writerow([*leading, *_PAIR_COLUMNS])
    total = tally.with_code or 1
    keyed = sorted(
        tally.breakdown.items(),
        key=lambda item: (
            item[0][0] is None,
            item[0][0] or 0,
            item[0][1] is None,
            item[0][1] or "",
            -item[1],
            item[0][2][0],
            -1 if item[0][2][1] is None else item[0][2][1],
            item[0][2][2] or (),
        ),
    )
    for (bucket, value, pair), n in keyed:
        code, subcode, diagnostic = pair
        row = Row(code, subcode, diagnostic, n, n / total, explained(pair))
        cells: list[object] = []
        if tally.by_time is not None:
            cells.append(
                "" if bucket is None else bucket.strftime("%Y-%m-%dT%H:00:00Z")
            )
        if tally.by_field is not None:
            cells.append("" if value is None else value)
        writer.writerow([*cells, *_cells(row)])
    return out.getvalue().rstrip("\n")


def _cells(row: Row) -> list[object]:
    found = row.explanation
    return [
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
        ";".join(source.id for source in sources_of(found)),
    ]
