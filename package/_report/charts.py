"""The report's HTML page's charts: the largest pairs, the time series by result
category and the failure share by field value, each an ``<svg role="img">``
with a title and a table of the same figures beside it for screen readers.
Standard library only.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from datetime import datetime, timezone

from .markup import (
    DocumentMap,
    breakable,
    category_of,
    category_order,
    counted,
    css_class,
    data_table,
    describe_pair,
    escaped,
    member_names,
    read_counts,
    read_int,
    read_maps,
    read_number,
    read_str,
    swatch,
)

#: Pairs (and field values) drawn in a chart; the tables below them and the
#: pair details hold every one.
CHART_BARS: typing.Final = 25
#: Time buckets drawn at their place in time, gaps included, up to this many;
#: past it (a stray date years away) they are drawn side by side.
MAX_SLOTS: typing.Final = 2000
#: A group's pairs named in its row, largest first.
SHOWN_PAIRS_PER_GROUP: typing.Final = 3
#: Field values in the groups' table: grouping by an id gives one value a
#: record, and a page of a million rows helps nobody (the JSON has them all).
GROUP_ROWS: typing.Final = 200
BUCKET_SECONDS: typing.Final = {"hour": 3600, "day": 86400, "week": 7 * 86400}


def _label(value: object, limit: int = 34) -> str:
    """A chart's label: cut short with an ellipsis, then escaped."""
    text = str(value)
    return escaped(text if len(text) <= limit else text[: limit - 1] + "\u2026", None)


def _figure(
    chart_id: str, title: str, desc: str, width: int, height: int, body: str
) -> str:
    """An SVG chart named for assistive technology, and a link to its table."""
    return (
        f'<figure class="chart">'
        f'<svg id="{chart_id}" class="chart-svg" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{title}</title>'
        f'<desc id="{chart_id}-desc">{desc}</desc>\n{body}</svg>'
        f'<figcaption>{title}. <a href="#{chart_id}-table">The same figures as a table</a>.'
        f"</figcaption></figure>"
    )


def _bars(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float, str, str]],
) -> str:
    """A horizontal bar chart: each item a label, a value from 0 to 1 of the
    longest bar, the text at the bar's end, and the bar's CSS class. Labels
    and texts are markup already."""
    row, label_width, bar_width, width = 26, 330, 500, 960
    height = row * len(items) + 8
    parts: list[str] = []
    for i, (label, fraction, value_text, css) in enumerate(items):
        y = 4 + i * row
        length = max(fraction * bar_width, 1.5)
        parts.append(
            f'<text class="label" x="{label_width - 10}" y="{y + 17}" text-anchor="end">{label}</text>'
            f'<rect class="bar {css}" x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" rx="2"/>'
            f'<text class="value" x="{label_width + length + 8:.1f}" y="{y + 17}">{value_text}</text>\n'
        )
    desc = f"{len(items)} bars, longest first."
    return _figure(chart_id, title, desc, width, height, "".join(parts))


def top_pairs(pairs: list[DocumentMap], with_code: int) -> str:
    if not pairs:
        return (
            '<section id="pairs" aria-labelledby="pairs-title"><h2 id="pairs-title">Pairs</h2>'
            "<p>No (code, subcode) pair found.</p></section>"
        )
    shown = pairs[:CHART_BARS]
    largest = max(read_int(p.get("count"), "pairs.count") for p in shown) or 1
    items: list[tuple[str, float, str, str]] = []
    rows: list[list[str]] = []
    for i, pair in enumerate(shown):
        where = f"pairs[{i}]"
        count = read_int(pair.get("count"), f"{where}.count")
        share = read_number(pair.get("share"), f"{where}.share")
        pair_text, category = describe_pair(pair, where), category_of(pair)
        name = pair.get("subcode_name") or pair.get("code_name")
        label = pair_text if name is None else f"{pair_text} \u00b7 {name}"
        items.append(
            (
                _label(label),
                count / largest,
                f"{count:,} ({share:.1%})",
                css_class(category),
            )
        )
        rows.append(
            [
                f'<a class="nowrap" href="#pair-{i}">{escaped(pair_text)}</a>',
                breakable(member_names(pair)),
                f"{count:,}",
                f"{share:.1%}",
                f'<span class="nowrap">{swatch(category)}{escaped(category)}</span>',
                f'<span class="nowrap">{escaped(pair.get("match"))}</span>',
            ]
        )
    rest = pairs[len(shown) :]
    note = ""
    if rest:
        records = sum(read_int(p.get("count"), "pairs.count") for p in rest)
        note = (
            f"<p>And {counted(len(rest), 'more pair')} ({records:,} records), "
            'explained under <a href="#details">Every pair</a>.</p>'
        )
    title = f"The {counted(len(shown), 'largest pair')} of {with_code:,} records with a code"
    return "\n".join(
        [
            '<section id="pairs" aria-labelledby="pairs-title"><h2 id="pairs-title">Largest pairs</h2>',
            _bars("pairs-chart", escaped(title), items),
            data_table(
                "pairs-chart-table",
                escaped(title),
                [
                    ("Pair", False),
                    ("Names", False),
                    ("Records", True),
                    ("Share", True),
                    ("Category", False),
                    ("Rung", False),
                ],
                rows,
            ),
            note,
            "</section>",
        ]
    )


def _parse_start(text: str) -> datetime | None:
    try:
        start = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (
        start.astimezone(timezone.utc)
        if start.tzinfo
        else start.replace(tzinfo=timezone.utc)
    )


def _start_label(text: str, bucket: str, short: bool) -> str:
    start = _parse_start(text)
    if start is None:
        return text
    if bucket == "hour":
        return start.strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M UTC")
    return start.strftime("%Y-%m-%d")


def _slots(starts: list[str], bucket: str) -> list[int]:
    """Each bucket's place on the time axis: by its start, gaps kept, when
    every start reads as a time; else side by side."""
    seconds = BUCKET_SECONDS.get(bucket)
    times = [_parse_start(s) for s in starts]
    parsed = [t for t in times if t is not None]
    if seconds is None or len(parsed) != len(times) or not parsed:
        return list(range(len(starts)))
    first = min(parsed)
    slots = [int((t - first).total_seconds() // seconds) for t in parsed]
    if max(slots) >= MAX_SLOTS or len(set(slots)) != len(slots):
        return list(range(len(starts)))
    return slots


def _nice_step(largest: int) -> int:
    """A round step for about four gridlines up to ``largest``."""
    step = 1
    while largest / step > 5:
        for factor in (2, 5, 10):
            if largest / (step * factor) <= 5:
                return step * factor
        step *= 10
    return step


def time_series(time: DocumentMap) -> str:
    field = escaped(read_str(time.get("field"), "time.field"))
    bucket = read_str(time.get("bucket"), "time.bucket")
    without = read_int(time.get("without_time"), "time.without_time")
    series = read_maps(time.get("series"), "time.series")
    starts = [read_str(s.get("start"), "time.series.start") for s in series]
    counts = [
        read_counts(s.get("by_category"), "time.series.by_category") for s in series
    ]
    totals = [read_int(s.get("total"), "time.series.total") for s in series]
    categories = category_order({name for c in counts for name, _ in c})
    head = [
        f"<p>By {escaped(bucket)}, from the field <code>{field}</code> (UTC)"
        + (
            f"; {counted(without, 'record')} without a time, not drawn."
            if without
            else "."
        )
        + "</p>"
    ]
    if not series:
        return "\n".join([*head, "<p>No record has a time.</p>"])
    slots = _slots(starts, bucket)
    width, height, left, right, top, bottom = 960, 300, 64, 44, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(slots) + 1
    step_x = plot_w / span
    bar_w = max(step_x * 0.8, 1.0)
    largest = max(
        max(totals), max((sum(n for _, n in c) for c in counts), default=0), 1
    )
    step = _nice_step(largest)
    scale_top = -(-largest // step) * step
    parts: list[str] = []
    for tick in range(0, scale_top + 1, step):
        y = top + plot_h - tick / scale_top * plot_h
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>\n'
        )
    for slot, count in zip(slots, counts, strict=True):
        x = left + slot * step_x + (step_x - bar_w) / 2
        base: float = top + plot_h
        by_name = dict(count)
        for name in categories:
            n = by_name.get(name, 0)
            if n <= 0:
                continue
            h = n / scale_top * plot_h
            base -= h
            parts.append(
                f'<rect class="bar {css_class(name)}" x="{x:.2f}" y="{base:.2f}" '
                f'width="{bar_w:.2f}" height="{h:.2f}"/>'
            )
        parts.append("\n")
    labels = min(len(series), 8)
    for k in range(labels):
        i = round(k * (len(series) - 1) / max(labels - 1, 1))
        x = left + slots[i] * step_x + step_x / 2
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{escaped(_start_label(starts[i], bucket, short=True))}</text>\n"
        )
    title = f"Records with a code per {bucket}, stacked by result category"
    desc = f"{counted(len(series), bucket)} from {starts[0]} to {starts[-1]}."
    legend = "".join(f"<li>{swatch(name)}{escaped(name)}</li>" for name in categories)
    rows = [
        [escaped(_start_label(start, bucket, short=False)), f"{total:,}"]
        + [f"{dict(count).get(name, 0):,}" for name in categories]
        for start, total, count in zip(starts, totals, counts, strict=True)
    ]
    return "\n".join(
        [
            *head,
            _figure(
                "time-chart",
                escaped(title),
                escaped(desc),
                width,
                height,
                "".join(parts),
            ),
            f'<ul class="legend" aria-hidden="true">{legend}</ul>',
            data_table(
                "time-chart-table",
                escaped(title),
                [
                    (f"Start ({escaped(bucket)})", False),
                    ("Total", True),
                    *((escaped(c), True) for c in categories),
                ],
                rows,
            ),
        ]
    )


def field_groups(groups: DocumentMap) -> str:
    field = escaped(read_str(groups.get("field"), "groups.field"))
    without = read_int(groups.get("without_field"), "groups.without_field")
    values = read_maps(groups.get("values"), "groups.values")
    head = (
        f"<p>Records grouped by the field <code>{field}</code>, the largest failure "
        "share first"
        + (f"; {counted(without, 'record')} without the field." if without else ".")
        + "</p>"
    )
    if not values:
        return head + "<p>No record has the field.</p>"
    items: list[tuple[str, float, str, str]] = []
    rows: list[list[str]] = []
    for i, value in enumerate(values[:GROUP_ROWS]):
        where = f"groups.values[{i}]"
        name = read_str(value.get("value"), f"{where}.value")
        records = read_int(value.get("records"), f"{where}.records")
        failures = read_int(value.get("failures"), f"{where}.failures")
        share = read_number(value.get("failure_share"), f"{where}.failure_share")
        if i < CHART_BARS:
            items.append(
                (
                    _label(name),
                    min(max(share, 0.0), 1.0),
                    f"{share:.1%} of {records:,}",
                    "fail",
                )
            )
        categories = read_counts(value.get("by_category", {}), f"{where}.by_category")
        pairs = read_maps(value.get("pairs", []), f"{where}.pairs")
        shown_pairs = ", ".join(
            f"{escaped(describe_pair(p, where))} \u00d7{read_int(p.get('count'), where):,}"
            for p in pairs[:SHOWN_PAIRS_PER_GROUP]
        )
        if len(pairs) > SHOWN_PAIRS_PER_GROUP:
            shown_pairs += f", {len(pairs) - SHOWN_PAIRS_PER_GROUP:,} more"
        rows.append(
            [
                escaped(name),
                f"{records:,}",
                f"{failures:,}",
                f"{share:.1%}",
                ", ".join(f"{swatch(k)}{escaped(k)} {n:,}" for k, n in categories),
                shown_pairs,
            ]
        )
    title = f"Failure share by {read_str(groups.get('field'), 'groups.field')}"
    rest = values[GROUP_ROWS:]
    note = ""
    if rest:
        records = sum(read_int(v.get("records"), "groups.values.records") for v in rest)
        note = (
            f"<p>And {counted(len(rest), 'more value')} ({records:,} records), "
            "the least failing; the report's JSON holds them all.</p>"
        )
    return "\n".join(
        [
            head,
            _bars("groups-chart", escaped(title), items),
            data_table(
                "groups-chart-table",
                escaped(title),
                [
                    ("Value", False),
                    ("Records", True),
                    ("Failures", True),
                    ("Failure share", True),
                    ("By category", False),
                    ("Pairs", False),
                ],
                rows,
            ),
            note,
        ]
    )
