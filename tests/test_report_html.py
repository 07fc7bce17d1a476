"""``report --format html``: package/_report/as_html.py's page, parsed and in a browser.

The page is read back with ``html.parser``: its structure (totals, one bar per
pair shown, the time series and the groups when the document has them, a
table beside every chart), the escaping of every value a log can carry, and
that nothing is loaded from anywhere. Then headless Chromium (Debian's
``chromium``) renders it: the screenshot is not blank and shows the charts'
colours, and the DOM it built holds the bars expected. Without Chromium those
tests skip, and in CI (``CI`` set) they fail.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import _report
import pytest
from _report.as_html import render_html
from _report.charts import CHART_BARS, GROUP_ROWS
from _report.markup import escaped
from acs_call_codes import SOURCES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))

import logs  # noqa: E402
import report_screenshot  # noqa: E402

Document = dict[str, object]


class Page(HTMLParser):
    """A parsed page: every start tag with its attributes and the ids of the
    elements around it, and the text inside each element with an id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.all_text: list[str] = []
        self.declarations: list[str] = []
        self.feed(text)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes, self.ids()))
        if tag not in VOID:
            self.open.append((tag, attributes.get("id")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}, self.ids()))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in (t for t, _ in self.open):
            return  # Chromium writes </rect>; an end tag never opened closes nothing
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "style":
            return
        self.all_text.append(data)
        for element_id in self.ids():
            self.texts.setdefault(element_id, []).append(data)

    def ids(self) -> tuple[str, ...]:
        return tuple(i for _, i in self.open if i is not None)

    def text(self, element_id: str | None = None) -> str:
        parts = self.all_text if element_id is None else self.texts.get(element_id, [])
        return " ".join(" ".join(parts).split())

    def within(
        self, element_id: str, tag: str, css: str | None = None
    ) -> list[dict[str, str]]:
        """The ``tag`` elements inside ``element_id`` (with class ``css``)."""
        return [
            attrs
            for name, attrs, ids in self.tags
            if name == tag
            and element_id in ids
            and (css is None or css in attrs.get("class", "").split())
        ]

    def body_rows(self, table_id: str) -> int:
        return len(self.within(table_id, "tr")) - 1  # less the header row


VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line", "wbr"}


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """``report --format json`` over a log of call-log rows: the real thing."""
    log = tmp_path_factory.mktemp("log") / "calls.jsonl"
    with log.open("w", encoding="utf-8") as out:
        logs.write(out, 600, "summary")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert _report.main([str(log), "--format", "json"]) == 0
    loaded: Document = json.loads(printed.getvalue())
    return loaded


def with_time_and_groups(document: Document) -> Document:
    """The document with a time series (hours 0, 1 and 5: a gap) and groups."""
    full = copy.deepcopy(document)
    full["time"] = {
        "field": "TimeGenerated",
        "bucket": "hour",
        "without_time": 3,
        "series": [
            {"start": "2024-06-03T00:00:00Z", "total": 30, "by_category": {"Success": 20, "ExpectedError": 10}},
            {"start": "2024-06-03T01:00:00Z", "total": 15, "by_category": {"Success": 10, "none given": 3, "UnexpectedClientError": 2}},
            {"start": "2024-06-03T05:00:00Z", "total": 60, "by_category": {"Success": 60}},
        ],
    }  # fmt: skip
    full["groups"] = {
        "field": "SdkVersion",
        "without_field": 7,
        "values": [
            {"value": "1.22.0.3", "records": 40, "failures": 20, "failure_share": 0.5,
             "by_category": {"UnexpectedClientError": 20, "Success": 20},
             "pairs": [{"code": 490, "subcode": 4502, "count": 20}, {"code": 0, "subcode": 0, "count": 20}]},
            {"value": "1.31.1.1", "records": 100, "failures": 10, "failure_share": 0.1,
             "by_category": {"Success": 90, "UnexpectedClientError": 10},
             "pairs": [{"code": 0, "subcode": None, "count": 90}]},
        ],
    }  # fmt: skip
    return full


def pairs_of(document: Document) -> list[dict[str, object]]:
    pairs = document["pairs"]
    assert isinstance(pairs, list)
    return pairs


# Structure.


def test_the_page_holds_the_totals_the_chart_and_every_pair(document: Document) -> None:
    page = Page(render_html(document))
    pairs = pairs_of(document)
    assert page.declarations == ["DOCTYPE html"]
    (html,) = [a for t, a, _ in page.tags if t == "html"]
    assert html["lang"] == "en"
    assert page.text("totals").startswith(
        f"Totals Records {document['records']:,} With a code {document['with_code']:,} "
        f"Without a code {document['without_code']:,} Bad {document['bad']:,}"
    )
    assert 0 < len(pairs) <= CHART_BARS
    bars = page.within("pairs-chart", "rect", "bar")
    assert len(bars) == len(pairs)
    assert page.body_rows("pairs-chart-table") == len(pairs)
    # Bars are as long as their counts, largest first.
    widths = [float(b["width"]) for b in bars]
    counts = [p["count"] for p in pairs]
    assert isinstance(counts[0], int)
    for width, count in zip(widths, counts, strict=True):
        assert isinstance(count, int)
        assert width == pytest.approx(max(widths) * count / counts[0], abs=1.6)
    for i, pair in enumerate(pairs):
        details = page.text(f"pair-{i}")
        assert " ".join(str(pair["message"]).split()) in details
        if pair["advice"] is not None:
            assert " ".join(str(pair["advice"]).split()) in details
        assert f"Answered by {pair['match']}: " in details
        sources = pair["sources"]
        assert isinstance(sources, list)
        links = [a["href"] for a in page.within(f"pair-{i}", "a")]
        assert links == [SOURCES[s].url for s in sources]
    by_category = document["by_category"]
    assert isinstance(by_category, dict) and by_category
    for category, count in by_category.items():
        assert f"{category} {count:,}" in page.text("by-category")
    assert "CC BY 4.0" in page.text()
    assert "Over time" not in page.text() and "time-chart" not in page.texts


def test_every_chart_is_an_image_named_beside_its_table(document: Document) -> None:
    text = render_html(with_time_and_groups(document))
    page = Page(text)
    charts = [a for t, a, _ in page.tags if t == "svg"]
    assert [c["id"] for c in charts] == ["pairs-chart", "time-chart", "groups-chart"]
    for chart in charts:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert page.text(title) and page.text(desc)
        assert page.within(chart["id"], "title")[0]["id"] == title
        (link,) = [
            a
            for t, a, _ in page.tags
            if t == "a" and a.get("href") == f"#{chart['id']}-table"
        ]
        assert link
        (table,) = [
            a
            for t, a, _ in page.tags
            if t == "table" and a.get("id") == f"{chart['id']}-table"
        ]
        assert table
        assert page.text(f"{chart['id']}-table-caption")
        assert page.within(f"{chart['id']}-table", "th")[0]["scope"] == "col"


def test_only_the_largest_pairs_are_drawn_and_every_pair_is_explained(
    document: Document,
) -> None:
    many = copy.deepcopy(document)
    pair = pairs_of(document)[0]
    many["pairs"] = [
        {**pair, "code": 1000 + i, "count": 100 - i, "share": (100 - i) / 5050}
        for i in range(CHART_BARS + 5)
    ]
    page = Page(render_html(many))
    assert len(page.within("pairs-chart", "rect", "bar")) == CHART_BARS
    assert page.body_rows("pairs-chart-table") == CHART_BARS
    assert (
        "And 5 more pairs ("
        + f"{sum(100 - i for i in range(CHART_BARS, CHART_BARS + 5)):,}"
        in page.text()
    )
    assert all(f"pair-{i}" in page.texts for i in range(CHART_BARS + 5))


def test_the_time_series_stacks_each_category_at_its_time(document: Document) -> None:
    page = Page(render_html(with_time_and_groups(document)))
    bars = page.within("time-chart", "rect", "bar")
    assert len(bars) == 2 + 3 + 1  # one rect per bucket and category counted
    assert [b["class"] for b in bars] == [
        "bar c-success", "bar c-expected",
        "bar c-success", "bar c-client", "bar c-none",
        "bar c-success",
    ]  # fmt: skip
    xs = sorted({float(b["x"]) for b in bars})
    # Hours 0, 1 and 5: the gap of three empty hours keeps its width.
    assert xs[2] - xs[1] == pytest.approx(4 * (xs[1] - xs[0]), rel=0.01)
    heights: dict[float, float] = {}
    for bar in bars:
        heights[float(bar["x"])] = heights.get(float(bar["x"]), 0) + float(
            bar["height"]
        )
    assert [heights[x] / heights[xs[2]] for x in xs] == pytest.approx(
        [0.5, 0.25, 1], rel=0.01
    )
    assert page.body_rows("time-chart-table") == 3
    table = page.text("time-chart-table")
    assert "2024-06-03 01:00 UTC 15 10 0 2 3" in table
    assert "from the field TimeGenerated (UTC); 3 records without a time" in page.text()


def test_groups_show_their_failure_share_worst_first(document: Document) -> None:
    page = Page(render_html(with_time_and_groups(document)))
    bars = page.within("groups-chart", "rect", "bar")
    assert len(bars) == 2
    assert float(bars[0]["width"]) == pytest.approx(
        5 * float(bars[1]["width"]), rel=0.01
    )
    assert page.body_rows("groups-chart-table") == 2
    table = page.text("groups-chart-table")
    assert "1.22.0.3 40 20 50.0%" in table
    assert "490/4502 \u00d720, 0/0 \u00d720" in table and "0 \u00d790" in table
    assert (
        "By SdkVersion" in page.text("groups")
        and "7 records without the field" in page.text()
    )


def test_a_field_of_many_values_shows_the_worst(document: Document) -> None:
    many = with_time_and_groups(document)
    groups = many["groups"]
    assert isinstance(groups, dict)
    value = groups["values"][1]
    groups["values"] = [
        {**value, "value": f"id-{i}", "pairs": [value["pairs"][0]] * (i % 5)}
        for i in range(GROUP_ROWS + 7)
    ]
    page = Page(render_html(many))
    assert len(page.within("groups-chart", "rect", "bar")) == CHART_BARS
    assert page.body_rows("groups-chart-table") == GROUP_ROWS
    assert "id-0 " in page.text("groups-chart-table")
    assert f"id-{GROUP_ROWS} " not in page.text("groups-chart-table")
    assert "And 7 more values (700 records), the least failing" in page.text()
    # A row names a group's three largest pairs, and counts the others.
    assert "0 \u00d790, 0 \u00d790, 0 \u00d790, 1 more" in page.text()


@pytest.mark.parametrize("absent", ["missing", "null"])
def test_time_and_groups_are_left_out_when_absent_or_null(
    document: Document, absent: str
) -> None:
    plain = copy.deepcopy(document)
    if absent == "null":
        plain["time"] = plain["groups"] = None
    else:
        plain.pop("time", None)
        plain.pop("groups", None)
    page = Page(render_html(plain))
    assert [a["id"] for t, a, _ in page.tags if t == "svg"] == ["pairs-chart"]


def test_bad_lines_are_named_with_their_places(document: Document) -> None:
    bad = copy.deepcopy(document)
    bad["bad"] = 25
    bad["bad_lines"] = [
        {"file": "calls.jsonl", "line": 4 + i, "error": "not JSON: Expecting value"}
        for i in range(20)
    ]
    page = Page(render_html(bad))
    items = [a for t, a, ids in page.tags if t == "li" and "totals" in ids]
    assert len(items) == 20
    assert "calls.jsonl:4 not JSON: Expecting value" in page.text("totals")
    assert "And 5 more bad lines." in page.text("totals")


def test_an_empty_report_says_so() -> None:
    page = Page(
        render_html(
            {"files": ["-"], "records": 0, "with_code": 0, "without_code": 0, "bad": 0,
             "bad_lines": [], "pairs": [], "by_category": {}, "by_match": {}}
        )
    )  # fmt: skip
    assert "No (code, subcode) pair found." in page.text()
    assert not [a for t, a, _ in page.tags if t == "svg"]


def test_a_document_not_of_the_schema_is_a_located_error(document: Document) -> None:
    broken = copy.deepcopy(document)
    broken["records"] = "many"
    with pytest.raises(
        ValueError, match=r"^report document: records is not a whole number: 'many'$"
    ):
        render_html(broken)
    broken = with_time_and_groups(document)
    broken["groups"]["values"][1]["failures"] = None  # type: ignore[index]
    with pytest.raises(
        ValueError, match=r"groups\.values\[1\]\.failures is not a whole number"
    ):
        render_html(broken)


def test_the_same_document_gives_the_same_page(document: Document) -> None:
    full = with_time_and_groups(document)
    assert render_html(full) == render_html(copy.deepcopy(full))


# Nothing runs, nothing loads.

#: The only addresses the page names: the documents and their licence.
ALLOWED_LINKS = {s.url for s in SOURCES.values()} | {
    "https://github.com/MicrosoftDocs/azure-docs",
    "https://creativecommons.org/licenses/by/4.0/",
}


def test_nothing_is_loaded_and_nothing_runs(document: Document) -> None:
    text = render_html(with_time_and_groups(document))
    page = Page(text)
    tags = {t for t, _, _ in page.tags}
    assert not tags & {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "link",
        "image",
        "use",
        "foreignobject",
        "base",
        "form",
    }
    (policy,) = [
        a["content"]
        for t, a, _ in page.tags
        if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    for tag, attrs, _ in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "src" not in attrs and "xlink:href" not in attrs
        if "href" in attrs:
            assert tag == "a"
            assert attrs["href"].startswith("#") or attrs["href"] in ALLOWED_LINKS
        if tag == "svg":
            assert attrs["xmlns"] == "http://www.w3.org/2000/svg"  # a name, not a load
    (css,) = re.findall(r"<style>(.*?)</style>", text, re.S)
    assert "url(" not in css and "@import" not in css and "http" not in css
    # Every address in the page is one of a link's.
    assert set(re.findall(r"https?://[^\s\"'<>]+", text)) <= ALLOWED_LINKS | {
        "http://www.w3.org/2000/svg"
    }


# Hostile values.

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</title></style></svg><script>alert(1)</script>",
    "a & b &amp; &lt;c&gt; &#60;",
    "<!-- --><![CDATA[ ]]>",
]


def hostile_document(document: Document, value: str) -> Document:
    """Every string of the document a log or a file name can set, set to ``value``."""
    hostile = with_time_and_groups(document)
    hostile["files"] = [value, f"logs/{value}.jsonl"]
    hostile["bad"] = 1
    hostile["bad_lines"] = [{"file": value, "line": 3, "error": f"not JSON: {value}"}]
    for pair in pairs_of(hostile):
        pair.update(
            message=value, advice=value, code_name=value, subcode_name=value,
            rule=value, result_category=value, match=value, sources=[value, "call-end"],
        )  # fmt: skip
    hostile["by_category"] = {value: 1}
    hostile["by_match"] = {value: 1}
    time = hostile["time"]
    assert isinstance(time, dict)
    time["field"] = value
    time["bucket"] = value
    time["series"][0]["start"] = value
    time["series"][0]["by_category"] = {value: 30}
    groups = hostile["groups"]
    assert isinstance(groups, dict)
    groups["field"] = value
    for entry in groups["values"]:
        entry["value"] = value
        entry["by_category"] = {value: 1}
    return hostile


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_show_as_text_in_every_place(
    document: Document, value: str
) -> None:
    hostile = hostile_document(document, value)
    text = render_html(hostile)
    page = Page(text)
    assert {t for t, _, _ in page.tags} <= SAFE_TAGS
    for tag, attrs, _ in page.tags:
        assert not [k for k in attrs if k.startswith("on") or k == "src"], (tag, attrs)
    shown = page.text()
    # Each place, as text: the files, the bad line, the pairs' texts, the
    # totals, the time series and the groups.
    places = [
        f"2 files: {value}, logs/{value}.jsonl",
        f"{value}:3 not JSON: {value}",
        f"Message {value} Advice {value}",
        f"{value}/{value}",  # the names
        f"rule {value}",
        f"Sources {value} Understanding calling codes",  # an id SOURCES lacks
        f"from the field {value} (UTC)",
        f"Failure share by {value}",
        f"By {value}",
    ]
    for place in places:
        assert " ".join(place.split()) in shown, place
    for table in ("by-category", "by-rung"):
        assert " ".join(f"{value} 1".split()) in page.text(table)
    # The first hour's two categories are one unknown category now.
    assert len(page.within("time-chart", "rect", "bar")) == 5
    # A category the page does not know is drawn in its own colour, never as a class name.
    classes = {a.get("class", "") for _, a, _ in page.tags}
    assert not [c for c in classes if value in c]


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer",
    "section", "h1", "h2", "h3", "p", "small", "strong", "code", "a", "ul", "ol", "li",
    "dl", "dt", "dd", "div", "span", "table", "caption", "thead", "tbody", "tr", "th",
    "td", "figure", "figcaption", "svg", "desc", "rect", "line", "text", "article", "wbr",
}  # fmt: skip


def test_escaping_is_html_escape_with_controls_made_visible() -> None:
    assert escaped("<a href=\"x\" title='y'>&</a>") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    )
    assert (
        escaped("nul\x00 esc\x1b del\x7f c1\x85 tab\t nl\n")
        == "nul\u2400 esc\u241b del\u2421 c1\ufffd tab\t nl\n"
    )
    assert escaped("lone \ud800 surrogate") == "lone \ufffd surrogate"
    assert (
        escaped("right-to-left \u202eoverride\u2066")
        == "right-to-left \ufffdoverride\ufffd"
    )
    assert escaped("x" * 301) == "x" * 300 + "\u2026 (301 characters)"
    assert escaped("x" * 300) == "x" * 300
    assert escaped("<" * 10, None) == "&lt;" * 10


def test_control_characters_and_long_values_reach_the_page_as_text(
    document: Document,
) -> None:
    long = "A" * 100_000
    hostile = hostile_document(document, "tab\tnul\x00bell\x07\ud800\u202e<b>")
    groups = hostile["groups"]
    assert isinstance(groups, dict)
    groups["values"][0]["value"] = long
    text = render_html(hostile)
    text.encode("utf-8")  # a lone surrogate would raise here
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    page = Page(text)
    assert "tab nul\u2400bell\u2407\ufffd\ufffd<b>" in page.text()
    assert not [t for t, _, _ in page.tags if t == "b"]
    assert "A" * 300 + "\u2026 (100,000 characters)" in page.text("groups-chart-table")
    assert len(text) < 200_000


# In a browser.


@pytest.fixture(scope="module")
def chromium() -> str:
    found = report_screenshot.find_chromium()
    if found is None:
        reason = "no chromium on the path: apt-get install chromium (Debian), or set CHROMIUM"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def browser_page(document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    hostile = with_time_and_groups(document)
    groups = hostile["groups"]
    assert isinstance(groups, dict)
    groups["values"][1]["value"] = HOSTILE[1]
    hostile["files"] = [HOSTILE[0]]
    page = tmp_path_factory.mktemp("page") / "report.html"
    page.write_text(render_html(hostile), encoding="utf-8")
    return page


def test_chromium_builds_the_charts_bars_and_runs_nothing(
    chromium: str, document: Document, browser_page: Path
) -> None:
    dom = Page(report_screenshot.dump_dom(chromium, browser_page))
    assert len(dom.within("pairs-chart", "rect", "bar")) == len(pairs_of(document))
    assert len(dom.within("time-chart", "rect", "bar")) == 6
    assert len(dom.within("groups-chart", "rect", "bar")) == 2
    assert not [t for t, _, _ in dom.tags if t in ("script", "img")]
    assert HOSTILE[0] in dom.text() and HOSTILE[1] in dom.text("groups-chart-table")


def colours(rows: list[bytes]) -> Iterator[tuple[int, int, int]]:
    for row in rows:
        for x in range(0, len(row), 3):
            yield row[x], row[x + 1], row[x + 2]


#: The page's background and two categories' colours in each scheme (the CSS's).
SCHEMES = {
    "light": ((255, 255, 255), {"Success": (0x1A, 0x7F, 0x37), "ExpectedError": (0xBF, 0x87, 0x00)}),
    "dark": ((0x0D, 0x11, 0x17), {"Success": (0x3F, 0xB9, 0x50), "ExpectedError": (0xD2, 0x99, 0x22)}),
}  # fmt: skip


@pytest.mark.parametrize("scheme", SCHEMES)
def test_chromium_paints_the_page(
    chromium: str, browser_page: Path, tmp_path: Path, scheme: str
) -> None:
    png = tmp_path / "report.png"
    report_screenshot.screenshot(
        chromium, browser_page, png, 1000, 1400, dark=scheme == "dark"
    )
    width, height, rows = report_screenshot.png_pixels(png.read_bytes())
    assert (width, height) == (1000, 1400)
    counts: dict[tuple[int, int, int], int] = {}
    for colour in colours(rows):
        counts[colour] = counts.get(colour, 0) + 1
    background, most = max(counts.items(), key=lambda item: item[1])
    page_colour, bar_colours = SCHEMES[scheme]
    assert background == page_colour
    # Not blank: text, lines and bars cover a good part of the window...
    assert most < 0.95 * width * height
    assert len(counts) > 50
    # ... and the bars are painted in their categories' colours: whole areas
    # of each, not a stray anti-aliased pixel.
    for name, rgb in bar_colours.items():
        assert counts.get(rgb, 0) > 500, name
