"""``--format table``: the report as text for people.

The counts first, then the largest pairs with a bar, their names, category,
the rung of ``explain`` that answered and the message; the totals by category
and by rung; with ``--by``, the time series and the groups.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

from collections.abc import Mapping

from acs_call_codes import Explanation

from .counting import Tally
from .document import NONE_GIVEN, Row, category, document

__all__ = ["render_table"]


def render_table(tally: Tally, report: list[Row], bar: str = "#", top: int = 0) -> str:
    """The report as text, its ``top`` pairs (all for 0)."""
    total = tally.with_code
    everything = report
    if top and len(report) > top:
        report = report[:top]
    lines = [
        f"{_counted(total + tally.without_code + tally.bad, 'record')} in {_counted(len(tally.files), 'file')}: "
        f"{total:,} with a code, {tally.without_code:,} without one, "
        f"{tally.bad:,} bad",
    ]
    if not report:
        return "\n".join([*lines, "no (code, subcode) pair found"])
    lines += _pairs(report, bar)
    if len(everything) > len(report):
        rest = everything[len(report) :]
        lines.append(
            f"... and {_counted(len(rest), 'more pair')} "
            f"({sum(row.count for row in rest):,} records); --top 0 shows all"
        )
    shown = document(tally, everything)
    for title, of in (("by category", "by_category"), ("by rung", "by_match")):
        lines += ["", f"{title}:"]
        counts: Mapping[str, int] = shown[of]  # type: ignore[assignment]
        width = max(map(len, counts))
        number_width = max(len(f"{n:,}") for n in counts.values())
        lines += [
            f"  {key:<{width}}  {n:>{number_width},}  {n / total:>6.1%}"
            for key, n in counts.items()
        ]
    for title, of in (
        ("by SIP response (sipDetails)", "sip_details"),
        ("by Q.850 cause (q850Details)", "q850_details"),
    ):
        lines += _details(title, shown[of], total)  # type: ignore[arg-type]
    if shown["time"] is not None:
        lines += _time(shown["time"], bar)  # type: ignore[arg-type]
    if shown["groups"] is not None:
        lines += _groups(shown["groups"])  # type: ignore[arg-type]
    return "\n".join(lines)


def _pairs(report: list[Row], bar: str) -> list[str]:
    largest = report[0].count
    pairs = [_pair_text(row) for row in report]
    pair_width = max(len("pair"), *map(len, pairs))
    count_width = max(len("count"), len(f"{largest:,}"))
    names_width = max(len("names"), *(len(row.names) for row in report))
    categories = [category(row.explanation) for row in report]
    category_width = max(len("category"), *map(len, categories))
    lines = [
        "",
        f"{'count':>{count_width}}  {'share':>6}  {'':20}  {'pair':<{pair_width}}  "
        f"{'names':<{names_width}}  {'category':<{category_width}}  matched",
    ]
    for row, pair, kind in zip(report, pairs, categories, strict=True):
        found = row.explanation
        blocks = bar * max(1, round(20 * row.count / largest))
        lines.append(
            f"{row.count:>{count_width},}  {row.share:>6.1%}  {blocks:<20}  "
            f"{pair:<{pair_width}}  {row.names:<{names_width}}  "
            f"{kind:<{category_width}}  {_matched(found, row)}"
        )
        message = " ".join(found.message.split())
        lines.append(f"{'':>{count_width}}  {message}")
    return lines


def _details(title: str, counts: list[Mapping[str, object]], total: int) -> list[str]:
    """The SIP responses or Q.850 causes records carried, largest first, with
    their share of the records with a code; nothing when none carried any."""
    if not counts:
        return []
    names = [f"{c['code']}  {c['name'] or '-'}" for c in counts]
    width = max(map(len, names))
    number_width = max(len(f"{c['count']:,}") for c in counts)
    return ["", f"{title}:"] + [
        f"  {name:<{width}}  {c['count']:>{number_width},}  "
        f"{int(c['count']) / total:>6.1%}  {c['phrase'] or ''}".rstrip()  # type: ignore[call-overload]
        for name, c in zip(names, counts, strict=True)
    ]


def _time(time: Mapping[str, object], bar: str) -> list[str]:
    field = time["field"]
    series: list[Mapping[str, object]] = time["series"]  # type: ignore[assignment]
    title = (
        f"by {time['bucket']} (UTC, from {field}):"
        if field
        else f"by {time['bucket']}:"
    )
    lines = ["", title]
    if not series:
        return [*lines, "  no record has a time"]
    kinds: dict[str, int] = {}
    for item in series:
        for key, n in item["by_category"].items():  # type: ignore[attr-defined]
            kinds[key] = kinds.get(key, 0) + n
    columns = sorted(kinds, key=lambda k: (k == NONE_GIVEN, -kinds[k], k))
    largest = max(int(item["total"]) for item in series) or 1  # type: ignore[call-overload]
    start_width = 16 if time["bucket"] == "hour" else 10
    widths = [max(len(c), len(f"{kinds[c]:,}")) for c in columns]
    total_width = max(len("total"), len(f"{largest:,}"))
    lines.append(
        f"  {'start':<{start_width}}  {'total':>{total_width}}  {'':20}  "
        + "  ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    for item in series:
        total = int(item["total"])  # type: ignore[call-overload]
        counts: Mapping[str, int] = item["by_category"]  # type: ignore[assignment]
        start = str(item["start"]).replace("T", " ")[:start_width]
        blocks = bar * round(20 * total / largest) if total else ""
        lines.append(
            f"  {start:<{start_width}}  {total:>{total_width},}  {blocks:<20}  "
            + "  ".join(
                f"{counts.get(c, 0):>{w},}"
                for c, w in zip(columns, widths, strict=True)
            )
        )
    if time["without_time"]:
        lines.append(f"  and {_counted(int(time['without_time']), 'record')} without a time")  # type: ignore[call-overload]
    return lines


def _groups(groups: Mapping[str, object]) -> list[str]:
    values: list[Mapping[str, object]] = groups["values"]  # type: ignore[assignment]
    lines = ["", f"by {groups['field']} (worst failure share first):"]
    if not values:
        return [*lines, f"  no record has {groups['field']}"]
    shown = [str(v["value"]) for v in values]
    width = min(40, max(len("value"), *map(len, shown)))
    records_width = max(len("records"), *(len(f"{v['records']:,}") for v in values))
    lines.append(
        f"  {'value':<{width}}  {'records':>{records_width}}  {'failures':>8}  "
        f"{'share':>6}  top pairs"
    )
    for value, text in zip(values, shown, strict=True):
        if len(text) > width:
            text = text[: width - 3] + "..."
        pairs: list[Mapping[str, object]] = value["pairs"]  # type: ignore[assignment]
        top = ", ".join(
            (str(p["code"]) if p["subcode"] is None else f"{p['code']}/{p['subcode']}")
            + f" ({p['count']:,})"
            for p in pairs[:3]
        )
        lines.append(
            f"  {text:<{width}}  {value['records']:>{records_width},}  "
            f"{value['failures']:>8,}  {value['failure_share']:>6.1%}  {top}"
        )
    if groups["without_field"]:
        lines.append(
            f"  and {_counted(int(groups['without_field']), 'record')} without "  # type: ignore[call-overload]
            f"{groups['field']}"
        )
    return lines


def _counted(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _pair_text(row: Row) -> str:
    shown = str(row.code) if row.subcode is None else f"{row.code}/{row.subcode}"
    if row.diagnostic is not None:
        shown += " (DiagCode {}#{})".format(*row.diagnostic)
    return shown


def _matched(found: Explanation, row: Row) -> str:
    """The rung, and for a row that answered under another pair, which."""
    text = found.match.value
    if found.reason is not None and (found.reason.code, found.reason.subcode) != (
        row.code,
        row.subcode,
    ):
        text += f" (row {int(found.reason.code)}/{int(found.reason.subcode)})"
    elif found.rule is not None:
        text += f" ({found.rule.name})"
    return text
