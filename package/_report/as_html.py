"""``report --format html``: the report as one page to attach to a ticket.

``render_html(document)`` takes the object ``report --format json`` prints
(docs/report.schema.json) and gives one self-contained HTML page: inline CSS
and inline SVG, no script, nothing loaded from the network, readable offline,
in print, in light and dark. It holds the totals (and the bad lines' places),
a bar chart of the largest pairs, the time series by result category when the
document has one (``time``), the failure share by field value when it has
groups (``groups``), and every pair with its explanation, advice, the rung
that answered and its sources. The charts are ``charts``'s, the pieces
``markup``'s. Each chart is an ``<svg role="img">`` with a
title, and a table of the same figures beside it for screen readers.

Everything in the document may come from a log, so every text goes through one
function, ``markup.escaped`` (``html.escape``, with control characters made
visible): ``<script>`` in a field value shows as text. The page's Content-Security-Policy
allows no script and no load but inline style. The same document gives the
same page, byte for byte: nothing is added that the document does not carry.

Part of the installed package only, as the report is. Standard library only.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

from acs_call_codes import SOURCES, __version__

from .charts import field_groups, time_series, top_pairs
from .markup import (
    DocumentMap,
    category_of,
    counted,
    css_class,
    data_table,
    describe_pair,
    escaped,
    member_names,
    read_counts,
    read_int,
    read_list,
    read_maps,
    read_number,
    read_optional,
    read_str,
    share_of,
    swatch,
)

__all__ = ["render_html"]

#: What each rung of explain means, for a reader of the page.
RUNGS: typing.Final = {
    "reason": "the catalog's row for the pair",
    "subcode": "what the subcode means, whatever its code",
    "rule": "a rule a document states for a range of subcodes",
    "code": "what is known of the code alone",
    "code_class": "only the range the code falls in",
    "unknown": "nothing documented: the pair is not listed, the code is in no range",
}


def _totals(document: DocumentMap) -> str:
    records = read_int(document.get("records"), "records")
    with_code = read_int(document.get("with_code"), "with_code")
    without = read_int(document.get("without_code"), "without_code")
    bad = read_int(document.get("bad"), "bad")
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
    by_category = read_counts(document.get("by_category"), "by_category")
    by_match = read_counts(document.get("by_match"), "by_match")
    parts.append('<div class="two">')
    parts.append(
        data_table(
            "by-category",
            "Records with a code, by result category",
            [("Category", False), ("Records", True), ("Share", True)],
            [
                [swatch(k) + escaped(k), f"{n:,}", share_of(n, with_code)]
                for k, n in by_category
            ],
        )
    )
    parts.append(
        data_table(
            "by-rung",
            "By the rung of explain that answered",
            [("Rung", False), ("Records", True), ("Share", True)],
            [
                [
                    f'<span title="{escaped(RUNGS.get(k, ""))}">{escaped(k)}</span>',
                    f"{n:,}",
                    share_of(n, with_code),
                ]
                for k, n in by_match
            ],
        )
    )
    parts.append("</div>")
    bad_lines = read_maps(document.get("bad_lines", []), "bad_lines")
    if bad_lines:
        items = "".join(
            f"<li><code>{escaped(read_str(b.get('file'), 'bad_lines.file'))}:"
            f"{read_int(b.get('line'), 'bad_lines.line')}</code> "
            f"{escaped(read_str(b.get('error'), 'bad_lines.error'))}</li>\n"
            for b in bad_lines
        )
        more = bad - len(bad_lines)
        tail = f"<p>And {counted(more, 'more bad line')}.</p>" if more > 0 else ""
        parts.append(
            f'<h3 id="bad-lines">Bad lines</h3><ol class="bad-lines">\n{items}</ol>{tail}'
        )
    parts.append("</section>")
    return "\n".join(parts)


def _rung(pair: DocumentMap, where: str) -> str:
    match = str(pair.get("match"))
    text = f"<strong>{escaped(match)}:</strong> {escaped(RUNGS.get(match, ''))}"
    row = pair.get("row")
    if row is not None:
        numbers = [read_int(n, f"{where}.row") for n in read_list(row, f"{where}.row")]
        if numbers != [pair.get("code"), pair.get("subcode")]:
            text += f" (row {escaped('/'.join(map(str, numbers)))})"
    rule = pair.get("rule")
    if rule is not None:
        text += f" (rule <code>{escaped(rule)}</code>)"
    explained = pair.get("explained_as")
    if explained is not None:
        shown = [
            str(n)
            for n in read_list(explained, f"{where}.explained_as")
            if n is not None
        ]
        own = [str(pair.get("code"))] + (
            [] if pair.get("subcode") is None else [str(pair.get("subcode"))]
        )
        if shown != own:
            text += f"; explained as {escaped('/'.join(shown))}, the DiagCode's pair"
    return text


def _sources(ids: list[object]) -> str:
    items: list[str] = []
    for source_id in ids:
        source = SOURCES.get(str(source_id))
        if source is None:
            items.append(f"<li><code>{escaped(source_id)}</code></li>")
        elif source.url is not None and source.url.startswith("https://"):
            items.append(
                f'<li><a href="{escaped(source.url, None)}">{escaped(source.title)}</a> '
                f"({escaped(source.date)})</li>"
            )
        else:
            items.append(f"<li>{escaped(source.title)} ({escaped(source.date)})</li>")
    return f'<ul class="sources">{"".join(items)}</ul>' if items else "<p>None.</p>"


def _details(pairs: list[DocumentMap]) -> str:
    articles: list[str] = []
    for i, pair in enumerate(pairs):
        where = f"pairs[{i}]"
        count = read_int(pair.get("count"), f"{where}.count")
        share = read_number(pair.get("share"), f"{where}.share")
        category = category_of(pair)
        advice = pair.get("advice")
        sources = read_list(pair.get("sources", []), f"{where}.sources")
        articles.append(
            f'<article id="pair-{i}" class="pair {css_class(category)}">'
            f"<h3>{escaped(describe_pair(pair, where))} <small>{escaped(member_names(pair))}</small></h3>"
            f'<p class="meta">{count:,} records ({share:.1%}) \u00b7 '
            f"{swatch(category)}{escaped(category)}</p><dl>"
            f"<dt>Message</dt><dd>{escaped(pair.get('message', ''), None)}</dd>"
            + (
                ""
                if advice is None
                else f"<dt>Advice</dt><dd>{escaped(advice, None)}</dd>"
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
    files = [
        read_str(f, "files") for f in read_list(document.get("files", []), "files")
    ]
    records = read_int(document.get("records"), "records")
    with_code = read_int(document.get("with_code"), "with_code")
    pairs = read_maps(document.get("pairs"), "pairs")
    time = read_optional(document, "time")
    groups = read_optional(document, "groups")
    named = ", ".join(escaped(f) for f in files[:10])
    if len(files) > 10:
        named += f" and {len(files) - 10:,} more"
    sections = [_totals(document), top_pairs(pairs, with_code)]
    if time is not None:
        sections += [
            '<section id="time" aria-labelledby="time-title"><h2 id="time-title">Over time</h2>',
            time_series(time),
            "</section>",
        ]
    if groups is not None:
        field = escaped(read_str(groups.get("field"), "groups.field"))
        sections += [
            f'<section id="groups" aria-labelledby="groups-title"><h2 id="groups-title">By {field}</h2>',
            field_groups(groups),
            "</section>",
        ]
    if pairs:
        sections.append(_details(pairs))
    title = f"ACS call codes report: {counted(records, 'record')}"
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
            f'<meta name="generator" content="acs-call-codes {escaped(__version__)}">',
            f"<title>{escaped(title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>ACS call codes report</h1>",
            f'<p class="files">{escaped(counted(records, "record"))} in '
            f"{escaped(counted(len(files), 'file'))}: {named}</p>",
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
            f"Written by acs-call-codes {escaped(__version__)}.</p>",
            "</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )
