"""``report --format html``: the report as one page to attach to a ticket.

``render_html(document)`` takes the object ``report --format json`` prints
(docs/report.schema.json) and gives one self-contained HTML page: inline CSS
and inline SVG, no script, nothing loaded from the network, readable offline,
in print, in light and dark. It holds the totals (and the bad lines' places),
a bar chart of the largest pairs, the time series by result category when the
document has one (``time``), the failure share by field value when it has
groups (``groups``), and every pair with its explanation, advice, the rung
that answered and its sources. Each chart is an ``<svg role="img">`` with a
title, and a table of the same figures beside it for screen readers.

Everything in the document may come from a log, so every text goes through one
function, ``_text`` (``html.escape``, with control characters made visible):
``<script>`` in a field value shows as text. The page's Content-Security-Policy
allows no script and no load but inline style. The same document gives the
same page, byte for byte: nothing is added that the document does not carry.

Part of the installed package only, as the report is. Standard library only.
"""

from __future__ import annotations

import html
import re
import typing
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone

from acs_call_codes import SOURCES, __version__

__all__ = ["render_html"]

#: Pairs (and field values) drawn in a chart; the tables below them and the
#: pair details hold every one.
CHART_BARS: typing.Final = 25
#: A text from the log longer than this is cut, and says how long it was:
#: a 10 MB field value would make a page nobody can read.
LONG_TEXT: typing.Final = 300
#: Time buckets drawn at their place in time, gaps included, up to this many;
#: past it (a stray date years away) they are drawn side by side.
MAX_SLOTS: typing.Final = 2000
#: A group's pairs named in its row, largest first.
SHOWN_PAIRS_PER_GROUP: typing.Final = 3
#: Field values in the groups' table: grouping by an id gives one value a
#: record, and a page of a million rows helps nobody (the JSON has them all).
GROUP_ROWS: typing.Final = 200

#: Result categories in the order they stack, and their colour's CSS class.
#: A category the catalog may add later gets ``c-other``: a class name never
#: comes from the document.
CATEGORIES: typing.Final = (
    ("Success", "c-success"),
    ("ExpectedError", "c-expected"),
    ("UnexpectedClientError", "c-client"),
    ("UnexpectedServerError", "c-server"),
    ("none given", "c-none"),
)
_CATEGORY_CLASS: typing.Final = dict(CATEGORIES)

#: What each rung of explain means, for a reader of the page.
RUNGS: typing.Final = {
    "reason": "the catalog's row for the pair",
    "subcode": "what the subcode means, whatever its code",
    "rule": "a rule a document states for a range of subcodes",
    "code": "what is known of the code alone",
    "code_class": "only the range the code falls in",
    "unknown": "nothing documented: the pair is not listed, the code is in no range",
}
BUCKET_SECONDS: typing.Final = {"hour": 3600, "day": 86400, "week": 7 * 86400}

#: C0 and C1 controls (but tab, line feed and carriage return), lone
#: surrogates (a JSON string may hold one; UTF-8 cannot), and the
#: bidirectional overrides that would make text read backwards.
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)

_DocumentMap = Mapping[str, object]


def _shown(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point < 0x20:
        return chr(0x2400 + point)  # the Control Pictures block: NUL shows as ␀
    return "\u2421" if point == 0x7F else "\ufffd"


def _label(value: object, limit: int = 34) -> str:
    """A chart's label: cut short with an ellipsis, then through ``_text``."""
    text = str(value)
    return _text(text if len(text) <= limit else text[: limit - 1] + "\u2026", None)


def _text(value: object, limit: int | None = LONG_TEXT) -> str:
    """``value`` as HTML text or attribute value: the one way anything reaches
    the page. Escaped by ``html.escape`` (``<``, ``>``, ``&``, both quotes),
    control characters shown as their pictures, and cut past ``limit``
    characters with the length it had (``None``: never cut)."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}\u2026 ({len(text):,} characters)"
    return html.escape(_UNSHOWABLE.sub(_shown, text), quote=True)


# Reading the document: the schema's types, or a ValueError naming the place.


def _fail(where: str, kind: str, value: object) -> ValueError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:60] + "..."
    return ValueError(f"report document: {where} is not {kind}: {shown}")


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "a whole number", value)
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, "a number", value)
    return float(value)


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "a string", value)
    return value


def _map(value: object, where: str) -> _DocumentMap:
    if not isinstance(value, Mapping):
        raise _fail(where, "an object", value)
    return typing.cast("_DocumentMap", value)


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, (list, tuple)):
        raise _fail(where, "an array", value)
    return list(typing.cast("Sequence[object]", value))


def _maps(value: object, where: str) -> list[_DocumentMap]:
    return [_map(item, f"{where}[{i}]") for i, item in enumerate(_list(value, where))]


def _counts(value: object, where: str) -> list[tuple[str, int]]:
    """A ``{name: count}`` object's items, in the document's order."""
    return [(str(k), _int(n, f"{where}.{k}")) for k, n in _map(value, where).items()]


def _optional(document: _DocumentMap, key: str) -> _DocumentMap | None:
    value = document.get(key)
    return None if value is None else _map(value, key)


# Small pieces.


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "0.0%"


def _css_class(category: str) -> str:
    return _CATEGORY_CLASS.get(category, "c-other")


def _category_order(names: set[str]) -> list[str]:
    known = [name for name, _ in CATEGORIES if name in names]
    return known + sorted(names - set(known))


def _pair_text(pair: _DocumentMap, where: str) -> str:
    code = _int(pair.get("code"), f"{where}.code")
    subcode = pair.get("subcode")
    text = str(code) if subcode is None else f"{code}/{_int(subcode, where)}"
    diagnostic = pair.get("diagnostic")
    if diagnostic is not None:
        numbers = [_int(n, f"{where}.diagnostic") for n in _list(diagnostic, where)]
        text += " (DiagCode " + "#".join(map(str, numbers)) + ")"
    return text


def _names(pair: _DocumentMap) -> str:
    code_name = pair.get("code_name")
    shown = "-" if code_name is None else str(code_name)
    if pair.get("subcode") is not None:
        subcode_name = pair.get("subcode_name")
        shown += "/" + ("-" if subcode_name is None else str(subcode_name))
    return shown


def _breakable(names: str) -> str:
    """Member names as text that may wrap after each ``/`` (and only there:
    CODE/SUBCODE reads badly cut inside a name)."""
    return _text(names).replace("/", "/<wbr>")


def _category_of(pair: _DocumentMap) -> str:
    category = pair.get("result_category")
    return "none given" if category is None else str(category)


def _swatch(category: str) -> str:
    return f'<span class="swatch {_css_class(category)}" aria-hidden="true"></span>'


def _table(
    table_id: str,
    caption: str,
    head: Sequence[tuple[str, bool]],
    rows: Sequence[Sequence[str]],
) -> str:
    """A data table; ``caption``, the headers and the cells are markup
    already (each text in them went through ``_text``). ``head`` names each
    column and whether it holds numbers (set to the right)."""
    numeric = [n for _, n in head]
    cells = "".join(
        f'<th scope="col" class="num">{h}</th>' if n else f'<th scope="col">{h}</th>'
        for h, n in head
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if n else f"<td>{c}</td>"
            for c, n in zip(row, numeric, strict=True)
        )
        + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-labelledby="{table_id}-caption">'
        f'<table id="{table_id}"><caption id="{table_id}-caption">{caption}</caption>\n'
        f"<thead><tr>{cells}</tr></thead>\n<tbody>\n{body}</tbody></table></div>"
    )


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


# The sections.


def _totals(document: _DocumentMap) -> str:
    records = _int(document.get("records"), "records")
    with_code = _int(document.get("with_code"), "with_code")
    without = _int(document.get("without_code"), "without_code")
    bad = _int(document.get("bad"), "bad")
    cards = "".join(
        f'<div class="card{extra}"><dt>{label}</dt><dd>{n:,}</dd></div>'
        for label, n, extra in (
            ("Records", records, ""),
            ("With a code", with_code, ""),
            ("Without a code", without, ""),
            ("Bad", bad, " bad" if bad else ""),
        )
    )
    parts = [
        '<section id="totals" aria-labelledby="totals-title"><h2 id="totals-title">Totals</h2>',
        f'<dl class="cards">{cards}</dl>',
    ]
    by_category = _counts(document.get("by_category"), "by_category")
    by_match = _counts(document.get("by_match"), "by_match")
    parts.append('<div class="two">')
    parts.append(
        _table(
            "by-category",
            "Records with a code, by result category",
            [("Category", False), ("Records", True), ("Share", True)],
            [
                [_swatch(k) + _text(k), f"{n:,}", _share(n, with_code)]
                for k, n in by_category
            ],
        )
    )
    parts.append(
        _table(
            "by-rung",
            "By the rung of explain that answered",
            [("Rung", False), ("Records", True), ("Share", True)],
            [
                [
                    f'<span title="{_text(RUNGS.get(k, ""))}">{_text(k)}</span>',
                    f"{n:,}",
                    _share(n, with_code),
                ]
                for k, n in by_match
            ],
        )
    )
    parts.append("</div>")
    bad_lines = _maps(document.get("bad_lines", []), "bad_lines")
    if bad_lines:
        items = "".join(
            f"<li><code>{_text(_str(b.get('file'), 'bad_lines.file'))}:"
            f"{_int(b.get('line'), 'bad_lines.line')}</code> "
            f"{_text(_str(b.get('error'), 'bad_lines.error'))}</li>\n"
            for b in bad_lines
        )
        more = bad - len(bad_lines)
        tail = f"<p>And {_count(more, 'more bad line')}.</p>" if more > 0 else ""
        parts.append(
            f'<h3 id="bad-lines">Bad lines</h3><ol class="bad-lines">\n{items}</ol>{tail}'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _top_pairs(pairs: list[_DocumentMap], with_code: int) -> str:
    if not pairs:
        return (
            '<section id="pairs" aria-labelledby="pairs-title"><h2 id="pairs-title">Pairs</h2>'
            "<p>No (code, subcode) pair found.</p></section>"
        )
    shown = pairs[:CHART_BARS]
    largest = max(_int(p.get("count"), "pairs.count") for p in shown) or 1
    items: list[tuple[str, float, str, str]] = []
    rows: list[list[str]] = []
    for i, pair in enumerate(shown):
        where = f"pairs[{i}]"
        count = _int(pair.get("count"), f"{where}.count")
        share = _number(pair.get("share"), f"{where}.share")
        pair_text, category = _pair_text(pair, where), _category_of(pair)
        name = pair.get("subcode_name") or pair.get("code_name")
        label = pair_text if name is None else f"{pair_text} \u00b7 {name}"
        items.append(
            (
                _label(label),
                count / largest,
                f"{count:,} ({share:.1%})",
                _css_class(category),
            )
        )
        rows.append(
            [
                f'<a class="nowrap" href="#pair-{i}">{_text(pair_text)}</a>',
                _breakable(_names(pair)),
                f"{count:,}",
                f"{share:.1%}",
                f'<span class="nowrap">{_swatch(category)}{_text(category)}</span>',
                f'<span class="nowrap">{_text(pair.get("match"))}</span>',
            ]
        )
    rest = pairs[len(shown) :]
    note = ""
    if rest:
        records = sum(_int(p.get("count"), "pairs.count") for p in rest)
        note = (
            f"<p>And {_count(len(rest), 'more pair')} ({records:,} records), "
            'explained under <a href="#details">Every pair</a>.</p>'
        )
    title = (
        f"The {_count(len(shown), 'largest pair')} of {with_code:,} records with a code"
    )
    return "\n".join(
        [
            '<section id="pairs" aria-labelledby="pairs-title"><h2 id="pairs-title">Largest pairs</h2>',
            _bars("pairs-chart", _text(title), items),
            _table(
                "pairs-chart-table",
                _text(title),
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


def _time_series(time: _DocumentMap) -> str:
    field = _text(_str(time.get("field"), "time.field"))
    bucket = _str(time.get("bucket"), "time.bucket")
    without = _int(time.get("without_time"), "time.without_time")
    series = _maps(time.get("series"), "time.series")
    starts = [_str(s.get("start"), "time.series.start") for s in series]
    counts = [_counts(s.get("by_category"), "time.series.by_category") for s in series]
    totals = [_int(s.get("total"), "time.series.total") for s in series]
    categories = _category_order({name for c in counts for name, _ in c})
    head = [
        f"<p>By {_text(bucket)}, from the field <code>{field}</code> (UTC)"
        + (
            f"; {_count(without, 'record')} without a time, not drawn."
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
                f'<rect class="bar {_css_class(name)}" x="{x:.2f}" y="{base:.2f}" '
                f'width="{bar_w:.2f}" height="{h:.2f}"/>'
            )
        parts.append("\n")
    labels = min(len(series), 8)
    for k in range(labels):
        i = round(k * (len(series) - 1) / max(labels - 1, 1))
        x = left + slots[i] * step_x + step_x / 2
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{_text(_start_label(starts[i], bucket, short=True))}</text>\n"
        )
    title = f"Records with a code per {bucket}, stacked by result category"
    desc = f"{_count(len(series), bucket)} from {starts[0]} to {starts[-1]}."
    legend = "".join(f"<li>{_swatch(name)}{_text(name)}</li>" for name in categories)
    rows = [
        [_text(_start_label(start, bucket, short=False)), f"{total:,}"]
        + [f"{dict(count).get(name, 0):,}" for name in categories]
        for start, total, count in zip(starts, totals, counts, strict=True)
    ]
    return "\n".join(
        [
            *head,
            _figure(
                "time-chart", _text(title), _text(desc), width, height, "".join(parts)
            ),
            f'<ul class="legend" aria-hidden="true">{legend}</ul>',
            _table(
                "time-chart-table",
                _text(title),
                [
                    (f"Start ({_text(bucket)})", False),
                    ("Total", True),
                    *((_text(c), True) for c in categories),
                ],
                rows,
            ),
        ]
    )


def _groups(groups: _DocumentMap) -> str:
    field = _text(_str(groups.get("field"), "groups.field"))
    without = _int(groups.get("without_field"), "groups.without_field")
    values = _maps(groups.get("values"), "groups.values")
    head = (
        f"<p>Records grouped by the field <code>{field}</code>, the largest failure "
        "share first"
        + (f"; {_count(without, 'record')} without the field." if without else ".")
        + "</p>"
    )
    if not values:
        return head + "<p>No record has the field.</p>"
    items: list[tuple[str, float, str, str]] = []
    rows: list[list[str]] = []
    for i, value in enumerate(values[:GROUP_ROWS]):
        where = f"groups.values[{i}]"
        name = _str(value.get("value"), f"{where}.value")
        records = _int(value.get("records"), f"{where}.records")
        failures = _int(value.get("failures"), f"{where}.failures")
        share = _number(value.get("failure_share"), f"{where}.failure_share")
        if i < CHART_BARS:
            items.append(
                (
                    _label(name),
                    min(max(share, 0.0), 1.0),
                    f"{share:.1%} of {records:,}",
                    "fail",
                )
            )
        categories = _counts(value.get("by_category", {}), f"{where}.by_category")
        pairs = _maps(value.get("pairs", []), f"{where}.pairs")
        shown_pairs = ", ".join(
            f"{_text(_pair_text(p, where))} \u00d7{_int(p.get('count'), where):,}"
            for p in pairs[:SHOWN_PAIRS_PER_GROUP]
        )
        if len(pairs) > SHOWN_PAIRS_PER_GROUP:
            shown_pairs += f", {len(pairs) - SHOWN_PAIRS_PER_GROUP:,} more"
        rows.append(
            [
                _text(name),
                f"{records:,}",
                f"{failures:,}",
                f"{share:.1%}",
                ", ".join(f"{_swatch(k)}{_text(k)} {n:,}" for k, n in categories),
                shown_pairs,
            ]
        )
    title = f"Failure share by {_str(groups.get('field'), 'groups.field')}"
    rest = values[GROUP_ROWS:]
    note = ""
    if rest:
        records = sum(_int(v.get("records"), "groups.values.records") for v in rest)
        note = (
            f"<p>And {_count(len(rest), 'more value')} ({records:,} records), "
            "the least failing; the report's JSON holds them all.</p>"
        )
    return "\n".join(
        [
            head,
            _bars("groups-chart", _text(title), items),
            _table(
                "groups-chart-table",
                _text(title),
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


def _rung(pair: _DocumentMap, where: str) -> str:
    match = str(pair.get("match"))
    text = f"<strong>{_text(match)}:</strong> {_text(RUNGS.get(match, ''))}"
    row = pair.get("row")
    if row is not None:
        numbers = [_int(n, f"{where}.row") for n in _list(row, f"{where}.row")]
        if numbers != [pair.get("code"), pair.get("subcode")]:
            text += f" (row {_text('/'.join(map(str, numbers)))})"
    rule = pair.get("rule")
    if rule is not None:
        text += f" (rule <code>{_text(rule)}</code>)"
    explained = pair.get("explained_as")
    if explained is not None:
        shown = [
            str(n) for n in _list(explained, f"{where}.explained_as") if n is not None
        ]
        own = [str(pair.get("code"))] + (
            [] if pair.get("subcode") is None else [str(pair.get("subcode"))]
        )
        if shown != own:
            text += f"; explained as {_text('/'.join(shown))}, the DiagCode's pair"
    return text


def _sources(ids: list[object]) -> str:
    items: list[str] = []
    for source_id in ids:
        source = SOURCES.get(str(source_id))
        if source is None:
            items.append(f"<li><code>{_text(source_id)}</code></li>")
        elif source.url is not None and source.url.startswith("https://"):
            items.append(
                f'<li><a href="{_text(source.url, None)}">{_text(source.title)}</a> '
                f"({_text(source.date)})</li>"
            )
        else:
            items.append(f"<li>{_text(source.title)} ({_text(source.date)})</li>")
    return f'<ul class="sources">{"".join(items)}</ul>' if items else "<p>None.</p>"


def _details(pairs: list[_DocumentMap]) -> str:
    articles: list[str] = []
    for i, pair in enumerate(pairs):
        where = f"pairs[{i}]"
        count = _int(pair.get("count"), f"{where}.count")
        share = _number(pair.get("share"), f"{where}.share")
        category = _category_of(pair)
        advice = pair.get("advice")
        sources = _list(pair.get("sources", []), f"{where}.sources")
        articles.append(
            f'<article id="pair-{i}" class="pair {_css_class(category)}">'
            f"<h3>{_text(_pair_text(pair, where))} <small>{_text(_names(pair))}</small></h3>"
            f'<p class="meta">{count:,} records ({share:.1%}) \u00b7 '
            f"{_swatch(category)}{_text(category)}</p><dl>"
            f"<dt>Message</dt><dd>{_text(pair.get('message', ''), None)}</dd>"
            + (
                ""
                if advice is None
                else f"<dt>Advice</dt><dd>{_text(advice, None)}</dd>"
            )
            + f"<dt>Answered by</dt><dd>{_rung(pair, where)}</dd>"
            f"<dt>Sources</dt><dd>{_sources(sources)}</dd></dl></article>\n"
        )
    return (
        '<section id="details" aria-labelledby="details-title"><h2 id="details-title">Every pair</h2>\n'
        + "".join(articles)
        + "</section>"
    )


_STYLE = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;
--panel:#f6f8fa;--link:#0969da;--c-success:#1a7f37;--c-expected:#bf8700;--c-client:#d1242f;
--c-server:#8250df;--c-none:#8c959f;--c-other:#0969da;--fail:#cf222e}
@media screen and (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;
--line:#3d444d;--panel:#151b23;--link:#4493f8;--c-success:#3fb950;--c-expected:#d29922;
--c-client:#f85149;--c-server:#ab7df8;--c-none:#9198a1;--c-other:#4493f8;--fail:#f85149}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-print-color-adjust:exact;
print-color-adjust:exact}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:24px;border-bottom:1px solid var(--line)}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;
border-bottom:1px solid var(--line)}h3{font-size:16px;margin:18px 0 8px}
h3 small{color:var(--muted);font-weight:normal;font-family:ui-monospace,SFMono-Regular,Menlo,
Consolas,monospace;font-size:13px}
p.files{color:var(--muted);margin:0 0 16px;overflow-wrap:anywhere}
a{color:var(--link)}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:13px;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.card dt{color:var(--muted);font-size:13px}.card dd{margin:0;font-size:26px;font-weight:600;
font-variant-numeric:tabular-nums}.card.bad dd{color:var(--fail)}
.two{display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:start}
.scroll{overflow:auto;max-height:28em;margin:12px 0}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;font-weight:600;padding:4px 0 8px;caption-side:top}
th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line);vertical-align:top;
overflow-wrap:break-word}
thead th{position:sticky;top:0;background:var(--bg);border-bottom:2px solid var(--line)}
.nowrap{white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;
background:var(--c-other)}
.swatch.c-success{background:var(--c-success)}.swatch.c-expected{background:var(--c-expected)}
.swatch.c-client{background:var(--c-client)}.swatch.c-server{background:var(--c-server)}
.swatch.c-none{background:var(--c-none)}
.chart{margin:8px 0}.chart-svg{width:100%;height:auto;display:block}
.chart figcaption{color:var(--muted);font-size:13px}
svg text{fill:var(--fg);font-size:13px}svg text.axis{fill:var(--muted);font-size:12px}
svg text.value{fill:var(--muted);font-variant-numeric:tabular-nums}
svg .grid{stroke:var(--line);stroke-width:1}
.bar{fill:var(--c-other)}.bar.c-success{fill:var(--c-success)}.bar.c-expected{fill:var(--c-expected)}
.bar.c-client{fill:var(--c-client)}.bar.c-server{fill:var(--c-server)}.bar.c-none{fill:var(--c-none)}
.bar.fail{fill:var(--fail)}
.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:16px;font-size:13px}
.bad-lines{font-size:14px;overflow-wrap:anywhere}
.pair{border:1px solid var(--line);border-left:4px solid var(--c-other);border-radius:6px;
padding:4px 16px 8px;margin:12px 0;break-inside:avoid}
.pair.c-success{border-left-color:var(--c-success)}.pair.c-expected{border-left-color:var(--c-expected)}
.pair.c-client{border-left-color:var(--c-client)}.pair.c-server{border-left-color:var(--c-server)}
.pair.c-none{border-left-color:var(--c-none)}
.pair .meta{color:var(--muted);margin:0 0 6px;font-size:14px}
.pair dl{display:grid;grid-template-columns:8em 1fr;gap:4px 12px;margin:0}
.pair dt{color:var(--muted)}.pair dd{margin:0;overflow-wrap:anywhere}
.sources{margin:0;padding-left:1.2em}
footer{margin-top:32px;padding-top:12px;padding-bottom:32px;border-top:1px solid var(--line);
color:var(--muted);font-size:13px}
@media (max-width:720px){.cards{grid-template-columns:repeat(2,1fr)}.two{display:block}}
@media print{body{font-size:11pt}header,main,footer{max-width:none;padding:0}
.scroll{max-height:none;overflow:visible}thead th{position:static}
h2{break-after:avoid}.chart,tr{break-inside:avoid}
.sources a::after,footer a::after{content:" <" attr(href) ">";color:var(--muted);
overflow-wrap:anywhere}}
"""

#: No script, no load from anywhere: only the page's own style (and the
#: inline SVG, which is part of the page).
CONTENT_SECURITY_POLICY: typing.Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def render_html(document: Mapping[str, object]) -> str:
    """The report ``document`` (what ``report --format json`` prints, with
    ``time`` and ``groups`` when it has them) as one self-contained HTML page.

    Raises ValueError, naming the place, for a document not of the schema's
    types (a count that is not a number, ``pairs`` that is not an array).

    >>> page = render_html({"files": ["a.jsonl"], "records": 0, "with_code": 0,
    ...     "without_code": 0, "bad": 0, "bad_lines": [], "pairs": [],
    ...     "by_category": {}, "by_match": {}})
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    files = [_str(f, "files") for f in _list(document.get("files", []), "files")]
    records = _int(document.get("records"), "records")
    with_code = _int(document.get("with_code"), "with_code")
    pairs = _maps(document.get("pairs"), "pairs")
    time = _optional(document, "time")
    groups = _optional(document, "groups")
    named = ", ".join(_text(f) for f in files[:10])
    if len(files) > 10:
        named += f" and {len(files) - 10:,} more"
    sections = [_totals(document), _top_pairs(pairs, with_code)]
    if time is not None:
        sections += [
            '<section id="time" aria-labelledby="time-title"><h2 id="time-title">Over time</h2>',
            _time_series(time),
            "</section>",
        ]
    if groups is not None:
        field = _text(_str(groups.get("field"), "groups.field"))
        sections += [
            f'<section id="groups" aria-labelledby="groups-title"><h2 id="groups-title">By {field}</h2>',
            _groups(groups),
            "</section>",
        ]
    if pairs:
        sections.append(_details(pairs))
    title = f"ACS call codes report: {_count(records, 'record')}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f'<meta name="generator" content="acs-call-codes {_text(__version__)}">',
            f"<title>{_text(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>ACS call codes report</h1>",
            f'<p class="files">{_text(_count(records, "record"))} in '
            f"{_text(_count(len(files), 'file'))}: {named}</p>",
            "</header>",
            "<main>",
            *sections,
            "</main>",
            "<footer>",
            "<p>Messages and advice are Microsoft's text, from the Azure Communication "
            'Services documentation (<a href="https://github.com/MicrosoftDocs/azure-docs">'
            "MicrosoftDocs/azure-docs</a>), licensed under "
            '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>; '
            "each pair names the documents it comes from. "
            f"Written by acs-call-codes {_text(__version__)}.</p>",
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )
