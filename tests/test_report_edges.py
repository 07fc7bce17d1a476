"""The report's reading and counting at their edges: lines numbered after a
chunk is read and after reading resyncs, blank CSV lines, a record that is a
JSON array on its own line, the record-size limit at its exact boundary.

Each test states what a user sees (the counts, the line an error names);
`make mutants` (docs/testing.md) shows that these edges are held.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import _report
import pytest
from _report.jsontext import JsonText
from _report.records import Bad
from _report.times import Times, parse_time, step
from test_report import reference, tally_of

SUMMARY = '{"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"}'
EVENT = {
    "type": "Microsoft.Communication.PlayFailed",
    "data": {"resultInformation": {"code": 400, "subCode": 8535, "message": "x"}},
}


@pytest.fixture(params=[1, 7, 64, 1 << 20], ids=lambda n: f"chunk{n}")
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The report read a few characters at a time, and whole."""
    size: int = request.param
    monkeypatch.setattr(_report.reading, "CHUNK", size)
    return size


def bad_lines(text: str) -> list[tuple[int, str]]:
    tally = tally_of(text)
    return [(b.line, b.error) for b in tally.bad_lines]


def test_bad_lines_keep_their_numbers_whatever_the_chunk(chunk: int) -> None:
    # The head of a file is read whole (8 KiB): the damage comes after it, so
    # that the lines are counted across chunks read on.
    filler = [SUMMARY] * (9000 // len(SUMMARY))
    cut = '{"ParticipantEndReason": "487", "Partic'
    lines = [*filler, "not json", SUMMARY, "", SUMMARY, cut, SUMMARY, "{}x"]
    text = "\n".join(lines) + "\n"
    n = len(filler)
    found = bad_lines(text)
    assert [line for line, _ in found] == [n + 1, n + 5, n + 7]
    assert found[:2] == [
        (n + 1, "not JSON: Expecting value at column 1"),
        (n + 5, "not JSON: Invalid control character at column 40"),
    ]
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): n + 3}
    assert (tally.without_code, tally.bad, tally.read) == (1, 3, n + 7)


def test_a_line_after_a_resync_is_numbered_as_the_file_numbers_it(chunk: int) -> None:
    # A value broken across lines swallows the lines up to where JSON finds
    # the error; reading resyncs at the next line that opens a value.
    head = [SUMMARY] * (9000 // len(SUMMARY))
    n = len(head)
    lines = [
        *head,
        '{"ParticipantEndReason": "487",',  # n + 1: not closed
        "  ",
        '{"ParticipantEndReason": "abc", "ParticipantEndSubCode": "1"}',  # n + 3
        SUMMARY,
        "  garbage",  # n + 5
        SUMMARY,
    ]
    found = bad_lines("\n".join(lines) + "\n")
    assert [line for line, _ in found] == [n + 1, n + 3, n + 5]
    assert found[0][1].endswith(f"at line {n + 3}, column 1")
    assert found[1][1] == "payload.ParticipantEndReason is 'abc', not a code"


def test_a_json_array_on_each_line_is_a_callback_body(chunk: int) -> None:
    bodies = [[EVENT], [EVENT, {"type": "x", "data": {}}], [], [EVENT] * 3]
    text = "\n".join(json.dumps(body) for body in bodies) + "\n"
    tally = tally_of(text)
    events: list[object] = [event for body in bodies for event in body]
    assert (tally.counts, tally.without_code, tally.bad) == reference(events)
    assert tally.read == len(events)
    assert tally.counts == {(400, 8535, None): 5}


def test_an_array_line_with_a_damaged_item_counts_what_came_before(
    chunk: int,
) -> None:
    # The damaged item is bad, with the rest of its line: reading goes on at
    # the next line.
    text = f"[{json.dumps(EVENT)}, {{oops}}, {json.dumps(EVENT)}]\n{SUMMARY}\n"
    tally = tally_of(text)
    assert tally.counts == {(400, 8535, None): 1, (487, 10004, None): 1}
    assert tally.bad == 1
    assert [b.line for b in tally.bad_lines] == [1]


def test_blank_csv_lines_are_neither_rows_nor_damage() -> None:
    text = (
        "ParticipantEndReason,ParticipantEndSubCode\r\n"
        "\r\n"
        "487,10004\r\n"
        "\r\n"
        "\r\n"
        "0,0\r\n"
        "x,1\r\n"
        "\r\n"
        "487\r\n"
    )
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 1, (0, 0, None): 1}
    assert (tally.without_code, tally.bad, tally.read) == (0, 2, 4)
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (7, "payload.ParticipantEndReason is 'x', not a code"),
        (9, "1 fields where the header has 2"),
    ]


def test_blank_lines_before_a_csv_header() -> None:
    text = "\n\n\nParticipantEndReason,ParticipantEndSubCode\n487,10004\nbad,1\n"
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 1}
    assert [b.line for b in tally.bad_lines] == [6]


def test_lines_after_a_resync_into_the_next_chunk() -> None:
    # The damaged first line ends the chunk; the next chunk starts at that
    # line's end, and the lines after it keep their numbers.
    chunks = iter(
        [
            '{"a": x}\n{"b": 1}\n{"tables": [{"name": "' + "n" * 300 + '",\n'
            ' "rows": [[1]], "columns": ["code"], "rows": [[2]]}]}\n',
            "",
        ]
    )
    source = JsonText(lambda _: next(chunks), "oops\n", 1 << 20)
    found: list[tuple[int, object]] = []
    while first := source.skip():
        if first == "{" and source.looking_at(_report.reading._QUERY_START):
            found += [
                (source.last_line(), v)
                for v in _report.tables.read_query(source)
                if type(v) is Bad
            ]
        else:
            value = source.value()
            found.append((source.line(), value))
    assert found[1] == (2, Bad(2, "not JSON: Expecting value at column 7"))
    assert [(line, type(v).__name__) for line, v in found] == [
        (1, "Bad"),
        (2, "Bad"),
        (3, "dict"),
        (5, "Bad"),
    ]


def reader(text: str, size: int) -> Iterator[str]:
    for at in range(0, len(text), size):
        yield text[at : at + size]


def values_of(text: str, monkeypatch: pytest.MonkeyPatch, limit: int) -> list[object]:
    """The values JsonText reads from ``text`` one character at a time, with
    the record-size limit set to ``limit`` characters."""
    monkeypatch.setattr(_report.jsontext, "MAX_RECORD", limit)
    pieces = reader(text, 1)
    source = JsonText(lambda _: next(pieces, ""), "", 1)
    found = []
    while source.skip():
        found.append(source.value())
    return found


@pytest.mark.parametrize("limit", [40, 41, 100])
def test_the_record_size_limit_is_exact(
    limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A value is read while what is unread of it stays within the limit: one
    # of limit + 1 characters is read (its first limit are unfinished), one
    # of limit + 2 is bad, and reading goes on at the next line.
    def record(size: int) -> str:
        text = '{"a": "' + "x" * (size - 9) + '"}'
        assert len(text) == size
        return text

    fits, over = record(limit + 1), record(limit + 2)
    found = values_of(f"{fits}\n{over}\n[1]\n", monkeypatch, limit)
    assert found[0] == json.loads(fits)
    assert type(found[1]) is Bad and found[1].line == 2
    assert found[1].error.startswith("not JSON: ")
    assert found[2:] == [[1]]


def test_the_record_size_limit_in_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_report.reading, "CHUNK", 16)
    monkeypatch.setattr(_report.jsontext, "MAX_RECORD", 9000)
    big = {
        "ParticipantEndReason": "487",
        "ParticipantEndSubCode": "10004",
        "Note": "n" * 9500,
    }
    text = f"{SUMMARY}\n{json.dumps(big)}\n{SUMMARY}\n"
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 2}
    assert [b.line for b in tally.bad_lines] == [2]
    monkeypatch.setattr(_report.jsontext, "MAX_RECORD", 64 << 20)
    assert tally_of(text).counts == {(487, 10004, None): 3}


# --- times and breakdowns ----------------------------------------------------

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-05T17:45:30.5Z", datetime(2024, 6, 5, 17, 45, 30, 500000, UTC)),
        ("2024-06-05T17:45:30.1234567z", datetime(2024, 6, 5, 17, 45, 30, 123456, UTC)),
        ("2024-06-05 17:45:30,25", datetime(2024, 6, 5, 17, 45, 30, 250000, UTC)),
        ("2024-06-05T17:45Z", datetime(2024, 6, 5, 17, 45, 0, 0, UTC)),
        ("2024-06-05T17:45:30+0200", datetime(2024, 6, 5, 15, 45, 30, 0, UTC)),
        ("2024-06-05T17:45:30-05:30", datetime(2024, 6, 5, 23, 15, 30, 0, UTC)),
        ("6/5/2024, 5:12 PM", datetime(2024, 6, 5, 17, 12, 0, 0, UTC)),
        ("6/5/2024, 12:12:01.5 AM", datetime(2024, 6, 5, 0, 12, 1, 500000, UTC)),
        ("6/5/2024 5:12:31.1234567", datetime(2024, 6, 5, 5, 12, 31, 123456, UTC)),
        ("2000-01-01T00:00:00Z", datetime(2000, 1, 1, tzinfo=UTC)),
        ("1999-12-31T23:59:59Z", None),
        ("2100-12-31T23:59:59Z", datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("2101-01-01T00:00:00Z", None),
        ("1/1/2000, 0:00", datetime(2000, 1, 1, tzinfo=UTC)),
        ("12/31/1999, 11:59 PM", None),
        ("2024-02-30T00:00:00Z", None),
    ],
)
def test_times_to_the_microsecond(text: str, expected: datetime | None) -> None:
    assert parse_time(text) == expected


def test_a_bucket_starts_on_the_hour_the_day_and_monday() -> None:
    when = "2024-06-05T17:45:30.25Z"  # a Wednesday
    assert Times("hour").of(when) == datetime(2024, 6, 5, 17, tzinfo=UTC)
    assert Times("day").of(when) == datetime(2024, 6, 5, tzinfo=UTC)
    assert Times("week").of(when) == datetime(2024, 6, 3, tzinfo=UTC)
    assert (step("hour"), step("day"), step("week")) == (
        timedelta(hours=1),
        timedelta(days=1),
        timedelta(days=7),
    )


@pytest.mark.parametrize(
    "times",
    [
        # Times of the same first 13 characters, in and out of UTC, either
        # order: each keeps its own hour.
        ["2024-06-05T17:30:00+02:00", "2024-06-05T17:10:00Z"],
        ["2024-06-05T17:10:00Z", "2024-06-05T17:30:00-05:00"],
        ["2024-06-05T17:10:00z", "2024-06-05T17:30:00+0130"],
        ["2024-06-05T17:10:00+00:00", "2024-06-05T17:11:00.5-01:00"],
        ["2024-06-05T17:10:00.123", "2024-06-05T17:40:00.9+01:00"],
        ["2024-06-05T17:30:00-0100", "2024-06-05T17:10:00"],
        ["2024-06-05 17:10:00", "2024-06-05T17:30:00+01:00", "2024-06-05 17:20:00"],
    ],
)
def test_each_time_keeps_its_own_hour(times: list[str]) -> None:
    bucket = Times("hour")
    for text in times * 2:
        found = parse_time(text)
        assert found is not None
        assert bucket.of(text) == found.replace(minute=0, second=0, microsecond=0)


def test_what_is_not_a_time_has_no_bucket() -> None:
    bucket = Times("day")
    for value in (None, 17, "", "soon", "2024-06-05T25:00:00Z", "2024-06-05T1"):
        assert bucket.of(value) is None


CALLS = [
    # time, SdkVersion, code, subcode, message
    ("2024-06-05T17:45:30Z", "1.2", 487, 10004, None),
    ("2024-06-05T17:05:00+01:00", "1.2", 487, 10004, None),
    ("2024-06-05T16:59:59.999Z", "1.3", 0, 0, None),
    ("2024-06-06T08:00:00", "", 490, 4502, "DiagCode: 490#4502.@"),
    ("2024-06-06T08:00:00", None, 490, 4502, "fine"),
    ("", "1.3", 487, 10004, None),
    ("not a time", "1.3", 487, None, None),
]


def call_records() -> list[dict[str, object]]:
    return [
        {
            "TimeGenerated": time,
            "SdkVersion": sdk,
            "ParticipantEndReason": str(code),
            "ParticipantEndSubCode": "" if subcode is None else str(subcode),
            "Message": message,
        }
        for time, sdk, code, subcode, message in CALLS
    ]


def expected_breakdown(width: str) -> dict[object, int]:
    found: dict[object, int] = {}
    for time, sdk, code, subcode, message in CALLS:
        when = parse_time(time)
        bucket = None
        if when is not None:
            bucket = when.replace(minute=0, second=0, microsecond=0)
            if width == "day":
                bucket = bucket.replace(hour=0)
        diagnostic = (490, 4502) if message and "DiagCode" in message else None
        key = (bucket, sdk or None, (code, subcode, diagnostic))
        found[key] = found.get(key, 0) + 1
    return found


def as_csv(records: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().replace("TimeGenerated", "TimeGenerated [UTC]", 1)


def as_query(records: list[dict[str, object]]) -> str:
    columns = list(records[0])
    return json.dumps(
        {
            "tables": [
                {
                    "name": "PrimaryResult",
                    "columns": [{"name": c, "type": "string"} for c in columns],
                    "rows": [[r[c] for c in columns] for r in records],
                }
            ]
        }
    )


@pytest.mark.parametrize("width", ["hour", "day"])
@pytest.mark.parametrize("form", ["jsonl", "csv", "query"])
def test_breakdowns_are_the_same_in_every_format(width: str, form: str) -> None:
    records = call_records()
    if form == "jsonl":
        text = "\n".join(json.dumps(r) for r in records)
    elif form == "csv":
        text = as_csv(records)
    else:
        text = as_query(records)
    for _ in range(2):  # the second time through, what the table remembered
        tally = _report.Tally(by_time=width, by_field="SdkVersion")
        _report.read(io.BytesIO(text.encode("utf-8")), "log", tally)
        assert tally.breakdown == expected_breakdown(width)
        assert tally.read == len(CALLS) and tally.bad == 0
        assert tally.times is not None and tally.times.field == "TimeGenerated"


def test_a_table_without_the_time_or_the_field_counts_all_apart() -> None:
    records = [
        {k: v for k, v in r.items() if k not in ("TimeGenerated", "SdkVersion")}
        for r in call_records()
    ]
    for text in (as_csv(records), as_query(records)):
        tally = _report.Tally(by_time="hour", by_field="SdkVersion")
        _report.read(io.BytesIO(text.encode("utf-8")), "log", tally)
        assert sum(tally.breakdown.values()) == len(CALLS)
        assert {bucket for bucket, _, _ in tally.breakdown} == {None}
        assert {value for _, value, _ in tally.breakdown} == {None}


def test_a_field_is_found_in_data_properties_or_a_dotted_path() -> None:
    events = [
        {"type": "A", "data": {"resultInformation": {"code": 400, "subCode": 1}}},
        {"properties": {"type": "B", "code": 400, "subCode": 1}},
        {"type": None, "data": {"type": "C", "code": 400, "subCode": 1}},
        {"data": {"resultInformation": {"code": 400, "subCode": 1, "type": "D"}}},
        {"type": {"b": 1, "a": [2]}, "code": 400, "subCode": 1},
        {"type": 7, "code": 400, "subCode": 1},
        {"data": "text", "code": 400, "subCode": 1},
    ]
    text = "\n".join(json.dumps(e) for e in events)
    for name, values in (
        ("type", ["A", "B", "C", None, '{"a": [2], "b": 1}', "7", None]),
        (
            "data.resultInformation.type",
            [None, None, None, "D", None, None, None],
        ),
    ):
        tally = _report.Tally(by_field=name)
        _report.read(io.BytesIO(text.encode("utf-8")), "log", tally)
        counted: dict[str | None, int] = {}
        for value in values:
            counted[value] = counted.get(value, 0) + 1
        found: dict[str | None, int] = {}
        for (_, value, _), n in tally.breakdown.items():
            found[value] = found.get(value, 0) + n
        assert found == counted, name


# --- a damaged query API response ---------------------------------------------

ROW = '["487", "10004"]'
COLUMNS = '"columns": [{"name": "ParticipantEndReason"}, "ParticipantEndSubCode"]'
CUT = "(the file is cut short); the rows before are counted"


@pytest.mark.parametrize(
    ("text", "pairs", "bad"),
    [
        (
            '{"tables": [{'
            + COLUMNS
            + ',\n "rows": [\n'
            + ROW
            + ",\n"
            + ROW
            + ',\n["0"',
            2,
            [
                (
                    5,
                    "not JSON: Expecting ',' delimiter at column 5 (the file ends inside the value)",
                ),
                (
                    5,
                    f"not JSON: the query API response ends inside a row (an array) {CUT}",
                ),
            ],
        ),
        (
            '{"tables": [{' + COLUMNS + ',\n "rows": [' + ROW + "],",
            1,
            [
                (
                    2,
                    f"not JSON: the query API response ends inside a member of an object {CUT}",
                )
            ],
        ),
        (
            '{"tables": [{'
            + COLUMNS
            + ',\n "rows": ['
            + ROW
            + ",\n 5, "
            + ROW
            + ']}]}\n{"code": 1}',
            2,
            [
                (
                    3,
                    "not JSON: the query API response is damaged here: expected a row "
                    '(an array), found \'5, ["487", "10004"]]\'',
                )
            ],
        ),
        (
            '{"tables": [\n 7]}\n{"code": 1}\n',
            1,
            [
                (
                    2,
                    "not JSON: the query API response is damaged here: expected a table "
                    "(an object), found '7]}\\n{\"code\": 1}\\n'",
                )
            ],
        ),
        (
            '{"tables": [\n',
            0,
            [
                (
                    2,
                    f"not JSON: the query API response ends inside a table (an object) {CUT}",
                )
            ],
        ),
        (
            '{"tables": [{' + COLUMNS + ",\n oops: 1}]}",
            0,
            [
                (
                    2,
                    "not JSON: the query API response is damaged here: expected a member "
                    "of an object, found 'oops: 1}]}'",
                )
            ],
        ),
        (
            '{"tables": [{"rows": ['
            + ROW
            + "],\n "
            + COLUMNS
            + ', "rows": ['
            + ROW
            + "]}]}",
            1,
            [(1, "not JSON: the query API response has rows before their columns")],
        ),
        (
            '{"tables": [{1: 2}]}',
            0,
            [
                (
                    1,
                    "not JSON: the query API response is damaged here: expected a member "
                    "of an object, found '1: 2}]}'",
                )
            ],
        ),
        (
            '{"tables": []\n oops}\n{"code": 1}',
            1,
            [
                (
                    2,
                    "not JSON: the query API response is damaged here: expected a member "
                    "of an object, found 'oops}\\n{\"code\": 1}'",
                )
            ],
        ),
    ],
    ids=[
        "cut-in-a-row",
        "cut-after-the-rows",
        "a-row-not-an-array",
        "a-table-not-an-object",
        "cut-in-the-tables",
        "a-member-without-quotes",
        "rows-before-columns",
        "a-key-not-text",
        "damage-after-the-tables",
    ],
)
def test_a_damaged_query_api_response_is_named_at_its_line(
    text: str, pairs: int, bad: list[tuple[int, str]], chunk: int
) -> None:
    tally = tally_of(text)
    assert [(b.line, b.error) for b in tally.bad_lines] == bad
    assert tally.with_code == pairs
    assert tally.bad == len(bad)
    assert tally.read == pairs + len(bad)


def test_a_query_api_response_passes_over_other_members_and_tables() -> None:
    text = json.dumps(
        {
            "tables": [
                {"name": "A", "columns": ["code", "subCode"], "rows": [[1, 2]]},
                {"rows": None, "name": "B", "columns": [{"name": "code"}, 5]},
                {
                    "columns": [{"name": "code"}, {"type": "x"}],
                    "extra": {"rows": [[9, 9]]},
                    "rows": [[3, 4], [5], [6, 7, 8]],
                },
            ],
            "stats": {"tables": [1], "rows": [[1]]},
            "render": {"tables": []},
        }
    )
    tally = tally_of(text)
    assert tally.counts == {
        (1, 2, None): 1,
        (3, None, None): 1,
        (5, None, None): 1,
        (6, None, None): 1,
    }
    assert (tally.bad, tally.without_code) == (0, 0)


# --- CSV exports and damaged streams --------------------------------------------

CSV_HEADER = "ParticipantEndReason,ParticipantEndSubCode\r\n"


def test_a_csv_quoting_error_is_named_and_the_rows_after_it_count() -> None:
    text = CSV_HEADER + '487,10004\r\n"0"x,0\r\n0,0\r\n"1"y,1\r\n487,10004\r\n'
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 2, (0, 0, None): 1}
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (3, "not CSV: ',' expected after '\"'"),
        (5, "not CSV: ',' expected after '\"'"),
    ]


def test_a_csv_header_that_cannot_be_read() -> None:
    text = "x" * 200_000 + ",ParticipantEndReason\r\n487\r\n"
    tally = tally_of(text)
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (1, "not CSV: field larger than field limit (131072)")
    ]
    assert (tally.read, tally.bad) == (1, 1)


def test_a_csv_without_a_code_column_is_one_bad_record_at_line_one() -> None:
    columns = [f"C{n}" for n in range(14)]
    text = "\r\n\r\n" + ",".join(columns) + "\r\n" + ",".join("1" * 14) + "\r\n"
    tally = tally_of(text)
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (
            1,
            "no column holds a code: expected ParticipantEndReason and "
            "ParticipantEndSubCode, or code and subCode (columns: "
            + ", ".join(columns[:12])
            + ")",
        )
    ]


@pytest.mark.parametrize(
    "header",
    [
        '"ParticipantEndReason";"ParticipantEndSubCode";"Note, with a comma"',
        "ParticipantEndReason\tParticipantEndSubCode\tNote; with a semicolon",
        "ParticipantEndReason",
        "TimeGenerated [UTC],resultInformation.code,resultInformation.subCode",
        "Data.ResultInformation.Code,data.resultinformation.SubCode,"
        "data.resultInformation.message",
    ],
)
def test_csv_headers_as_exports_write_them(header: str) -> None:
    delimiter = ";" if ";" in header.split("\t")[0] else "\t" if "\t" in header else ","
    cells = ["487", "10004", "DiagCode: 0#7000.@"][: header.count(delimiter) + 1]
    if header.startswith("TimeGenerated"):
        cells = ["2024-06-05T17:45:30Z", "487", "10004"]
    text = header + "\r\n" + delimiter.join(cells) + "\r\n"
    tally = tally_of(text)
    assert tally.bad_lines == []
    ((pair, count),) = tally.counts.items()
    assert count == 1 and pair[0] == 487
    assert pair[1] == (None if header == "ParticipantEndReason" else 10004)


def test_a_gzip_csv_cut_short_counts_the_rows_before() -> None:
    rows = "".join(f"487,{n}\r\n" for n in range(20000))
    packed = gzip.compress((CSV_HEADER + rows).encode("utf-8"))
    tally = tally_of(packed[: len(packed) // 2])
    (last,) = tally.bad_lines[-1:]
    assert last.error == (
        "the gzip data ends early (a file cut short?); the records before are counted"
    )
    assert 1000 < tally.with_code < 20000
    assert last.line >= tally.with_code + 1


class Failing(io.RawIOBase):
    """A stream that gives ``data`` and then fails with ``error``."""

    def __init__(self, data: bytes, error: OSError) -> None:
        self.data, self.error = data, error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.data:
            raise self.error
        n = min(len(buffer), len(self.data))
        buffer[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(5, "Input/output error"), "Input/output error"),
        (OSError("the disk is gone"), "the disk is gone"),
        (OSError(), "OSError"),
    ],
)
@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_stream_that_fails_is_named_with_what_it_said(
    error: OSError, said: str, form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_report.reading, "CHUNK", 64)
    if form == "jsonl":
        data, first = (SUMMARY + "\n") * 300, 1
    else:
        data, first = CSV_HEADER + "487,10004\r\n" * 1000, 2
    tally = _report.Tally()
    _report.read(Failing(data.encode("utf-8"), error), "log", tally)  # type: ignore[arg-type]
    # Every record read before the failure counts.
    assert tally.counts == {(487, 10004, None): data.count("\n") + 1 - first}
    assert (tally.without_code, tally.bad) == (0, 1)
    line, message = tally.bad_lines[-1].line, tally.bad_lines[-1].error
    assert message == f"cannot read on: {said}; the records before are counted"
    assert line >= data.count("\n")


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_stream_that_fails_inside_a_line_names_the_line(form: str) -> None:
    if form == "jsonl":
        data, first = (SUMMARY + "\n") * 300, 1
    else:
        data, first = CSV_HEADER + "487,10004\r\n" * 1000, 2
    data += SUMMARY[:28] if form == "jsonl" else "487,100"  # a line's start
    tally = _report.Tally()
    failing = Failing(data.encode("utf-8"), OSError(5, "Input/output error"))
    _report.read(failing, "log", tally)  # type: ignore[arg-type]
    whole = data.count("\n") + 1 - first
    assert tally.counts == {(487, 10004, None): whole}
    cut = data.count("\n") + 1
    found = [(b.line, b.error) for b in tally.bad_lines]
    assert [line for line, _ in found] == [cut, cut]
    assert found[0][1] == (
        "a row cut short: the data ends inside it"
        if form == "csv"
        else "not JSON: Unterminated string starting at column 26 (the file ends "
        "inside the value)"
    )
    assert found[1][1] == (
        "cannot read on: Input/output error; the records before are counted"
    )


def test_a_corrupt_gzip_says_what_gzip_said() -> None:
    packed = bytearray(gzip.compress(((SUMMARY + "\n") * 2000).encode("utf-8")))
    packed[-8] ^= 0xFF  # the checksum of the data
    tally = tally_of(bytes(packed))
    line, message = tally.bad_lines[-1].line, tally.bad_lines[-1].error
    assert message == (
        "corrupt gzip data: CRC check failed: the data is not what was "
        "compressed; the records before are counted"
    )
    assert tally.with_code == 2000 and line == 2001


def test_bad_records_compare_by_line_and_error() -> None:
    assert Bad(3, "x") == Bad(3, "x") and hash(Bad(3, "x")) == hash(Bad(3, "x"))
    assert Bad(3, "x") != Bad(4, "x") and Bad(3, "x") != Bad(3, "y")
    assert Bad(3, "x") != (3, "x")
    assert len({Bad(3, "x"), Bad(3, "x"), Bad(3, "y")}) == 2
    assert repr(Bad(3, "x")) == "Bad(3, 'x')"


def test_the_time_field_is_the_first_record_s_and_kept_for_the_run() -> None:
    bucket = Times("hour")
    assert bucket.bucket({"code": 1}) is None and bucket.field is None
    assert bucket.bucket({"TimeGenerated": "", "time": "2024-06-05T17:45:30Z"}) == (
        datetime(2024, 6, 5, 17, tzinfo=UTC)
    )
    assert bucket.field == "time"
    # A later record without that field has no time, whatever else it has.
    assert bucket.bucket({"TimeGenerated": "2024-06-05T18:00:00Z"}) is None
    assert bucket.bucket({"time": "2024-06-05T19:10:00Z"}) == datetime(
        2024, 6, 5, 19, tzinfo=UTC
    )


def test_twenty_bad_records_are_named_and_the_rest_counted() -> None:
    text = "\n".join(["{x}"] * 25 + [SUMMARY]) + "\n"
    tally = tally_of(text)
    assert [b.line for b in tally.bad_lines] == list(range(1, 21))
    assert (tally.bad, tally.with_code) == (25, 1)


def test_values_cut_by_a_chunk_are_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '123456789\n-15 true\n"text"\nnull\n[1, 2]\n{"a": "b"}\n'
    assert values_of(text, monkeypatch, 64 << 20) == [
        123456789,
        -15,
        True,
        "text",
        None,
        [1, 2],
        {"a": "b"},
    ]


def test_the_record_size_limit_counts_from_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Values read already in the chunk do not count against the next one.
    monkeypatch.setattr(_report.jsontext, "MAX_RECORD", 40)
    rest = iter(['xxxxxxxxxx"}\n', ""])
    head = "[1]\n" * 50 + '{"a": "xxxxxxxxxx'
    source = JsonText(lambda _: next(rest), head, 1 << 20)
    found = []
    while source.skip():
        found.append(source.value())
    assert found == [[1]] * 50 + [{"a": "x" * 20}]


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (
            '{"a": "abc',
            "Unterminated string starting at column 7 (the file ends inside the value)",
        ),
        (
            '{"a": "abc\n',
            "Invalid control character at column 11 (the file ends inside the value)",
        ),
        ('{"a": 1 x}\n', "Expecting ',' delimiter at column 9"),
        ('{"a": 1 x}', "Expecting ',' delimiter at column 9"),
        (
            '{"a": 1,\n',
            "Expecting property name enclosed in double quotes at line 3, column 1 (the file ends inside the value)",
        ),
        ('{"a": "abc\n"}\n', "Invalid control character at column 11"),
    ],
)
def test_the_file_ends_inside_the_value_only_where_it_does(
    tail: str, message: str, chunk: int
) -> None:
    found = bad_lines(SUMMARY + "\n" + tail)
    assert found[0] == (2, f"not JSON: {message}")


def test_nesting_deeper_than_python_reads_is_named(chunk: int) -> None:
    text = SUMMARY + "\n" + '{"a": ' + "[" * 100_000 + "\n" + SUMMARY + "\n"
    tally = tally_of(text)
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (
            2,
            "not JSON: nested deeper than Python reads (no log record nests like this)",
        )
    ]
    assert tally.with_code == 2


def test_arrays_read_item_by_item_across_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_report.reading, "CHUNK", 5)
    events: list[object] = [EVENT, {"code": 487, "subCode": 10004}] * 3000
    once = json.dumps(events, separators=(",", ":"))
    tally = tally_of(once + once + "\n" + json.dumps(events))
    assert tally.counts == {(400, 8535, None): 9000, (487, 10004, None): 9000}
    assert tally.bad == 0


# --- the fast path ------------------------------------------------------------


@pytest.mark.parametrize(
    "records",
    [
        # A code key set where the learned record had it empty.
        [
            {"ParticipantEndReason": None, "code": 5, "subCode": 1},
            {"ParticipantEndReason": "487", "code": 5, "subCode": 1},
        ],
        [
            {"code": None, "data": {"code": 1, "subCode": 2}},
            {"code": 5, "data": {"code": 1, "subCode": 2}},
        ],
        # A holder that was words, then JSON text (with blanks before it).
        [
            {"reason": None, "data": {"code": 1, "subCode": 1}},
            {"reason": ' {"code": 2, "subCode": 2}', "data": {"code": 1, "subCode": 1}},
            {
                "reason": '[{"code": 3, "subCode": 3}]',
                "data": {"code": 1, "subCode": 1},
            },
            {"reason": "Timeout", "data": {"code": 1, "subCode": 1}},
        ],
        # A message that names DiagCode without a pair.
        [
            {"code": 1, "subCode": 2, "message": "DiagCode: none"},
            {"code": 1, "subCode": 2, "message": "DiagCode: 0#7000"},
            {"code": 1, "subCode": 2, "message": "DiagCode: none"},
        ],
    ],
    ids=["outer-code", "outer-code-over-a-holder", "holder-text", "diagcode-text"],
)
def test_learned_shapes_answer_as_find_pair_record_by_record(
    records: list[object],
) -> None:
    for order in (records, records[::-1], records * 3):
        tally = tally_of("\n".join(json.dumps(r) for r in order))
        assert (tally.counts, tally.without_code, tally.bad) == reference(order)


def test_plain_table_rows_are_counted_without_find_pair() -> None:
    records = call_records()
    for text in (as_csv(records), as_query(records)):
        tally = tally_of(text)
        assert tally.read == len(CALLS) and tally.searched == 0
        assert tally.breakdown == {}


def test_a_row_s_message_decides_its_diagnostic_whatever_came_before() -> None:
    rows: list[dict[str, object]] = [
        {"code": "490", "subCode": "4502", "message": ""},
        {"code": "490", "subCode": "4502", "message": "DiagCode: 0#7000.@"},
        {"code": "490", "subCode": "4502", "message": ""},
        {"code": "490", "subCode": "4502", "message": "DiagCode: 0#5300.@"},
    ]
    expected = {
        (490, 4502, None): 2,
        (490, 4502, (0, 7000)): 1,
        (490, 4502, (0, 5300)): 1,
    }
    for order in (rows, rows[::-1]):
        for text in (as_csv(order), as_query(order)):
            assert tally_of(text).counts == expected


def test_table_rows_with_their_pair_in_a_holder_column() -> None:
    columns = ["type", "data"]
    rows = [
        ["A", {"resultInformation": {"code": 400, "subCode": 8535}}],
        ["B", json.dumps({"resultInformation": {"code": 487, "subCode": 0}})],
        ["C"],
        [],
        ["D", None, "extra"],
    ]
    text = json.dumps({"tables": [{"name": "T", "columns": columns, "rows": rows}]})
    tally = tally_of(text)
    assert tally.counts == {(400, 8535, None): 1, (487, 0, None): 1}
    assert (tally.without_code, tally.bad, tally.read) == (3, 0, 5)


def test_a_short_row_in_a_table_with_a_code_column() -> None:
    text = json.dumps(
        {
            "tables": [
                {
                    "columns": ["type", "code", "subCode"],
                    "rows": [["A", 487, 0], [], ["B"], ["C", 490, 1, "x"]],
                }
            ]
        }
    )
    tally = tally_of(text)
    assert tally.counts == {(487, 0, None): 1, (490, 1, None): 1}
    assert (tally.without_code, tally.bad) == (2, 0)


@pytest.mark.parametrize("by", [("hour", None), (None, "SdkVersion")])
def test_a_table_broken_down_by_time_or_by_field_alone(
    by: tuple[str | None, str | None],
) -> None:
    by_time, by_field = by
    for text in (as_csv(call_records()), as_query(call_records())):
        tally = _report.Tally(by_time=by_time, by_field=by_field)
        _report.read(io.BytesIO(text.encode("utf-8")), "log", tally)
        assert sum(tally.breakdown.values()) == len(CALLS)
        buckets = {bucket for bucket, _, _ in tally.breakdown}
        values = {value for _, value, _ in tally.breakdown}
        assert (len(buckets) > 1) == (by_time is not None)
        assert (len(values) > 1) == (by_field is not None)


def test_a_one_character_bad_line_loses_no_record(chunk: int) -> None:
    found = tally_of(f"x\n{SUMMARY}\n]\n{SUMMARY}\n")
    assert found.with_code == 2 and found.bad == 2


def test_compact_query_api_tables_one_after_another() -> None:
    table = {"columns": ["code", "subCode"], "rows": [[1, 2]]}
    text = json.dumps({"tables": [table, table, table]}, separators=(",", ":"))
    assert tally_of(text).counts == {(1, 2, None): 3}


def test_a_csv_line_ending_the_first_read_exactly() -> None:
    # The head is 8,192 characters; here its last is a line's end.
    row = "487,10004\n"
    filler = "x" * (8192 - len(CSV_HEADER.replace("\r", "")) - len(row) * 100 - 5)
    text = CSV_HEADER.replace("\r", "") + row * 100 + f"0,0,{filler}\n" + row * 5
    assert len(text[:8192]) == 8192 and text[8191] == "\n"
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 105}
    assert [b.line for b in tally.bad_lines] == [102]


def test_a_corrupt_gzip_csv_says_so() -> None:
    packed = bytearray(gzip.compress((CSV_HEADER + "487,10004\r\n" * 3000).encode()))
    packed[-8] ^= 0xFF
    tally = tally_of(bytes(packed))
    assert tally.bad_lines[-1].error.startswith("corrupt gzip data: CRC check failed")


def test_a_csv_whose_third_line_opens_like_json_is_still_csv() -> None:
    # Only the first two lines that are not blank tell JSON from CSV: a value
    # further down may start with a brace.
    text = "Properties,ParticipantEndReason,ParticipantEndSubCode\n" + (
        "a,487,10004\n{x},487,10004\n[y],487,10004\n"
    )
    tally = tally_of(text)
    assert (tally.counts, tally.bad) == ({(487, 10004, None): 3}, 0)


def test_json_lines_indented_are_json() -> None:
    tally = tally_of(f"   {SUMMARY}\n\t{SUMMARY}\n")
    assert (tally.counts, tally.bad) == ({(487, 10004, None): 2}, 0)


@pytest.mark.parametrize("text", ["", "\n", "  \n\t\n", "\r\n" * 3])
def test_a_blank_file_has_no_records(text: str) -> None:
    tally = tally_of(text)
    assert (tally.read, tally.bad) == (0, 0)


def test_a_csv_without_a_last_line_ending_counts_its_last_row() -> None:
    tally = tally_of(CSV_HEADER + "487,10004\r\n487,10004")
    assert (tally.counts, tally.bad) == ({(487, 10004, None): 2}, 0)


def test_a_callback_body_is_one_record_and_its_errors_one_line() -> None:
    # An array on one line (a callback's body): its events' errors are named
    # together, at its line.
    bad = '{"code": "busy", "subCode": 1}'
    body = f'[{bad}, {SUMMARY}, {bad.replace("busy", "idle")}]'
    tally = tally_of(f"{SUMMARY}\n{body}\n")
    assert tally.counts == {(487, 10004, None): 2}
    assert tally.bad == 2
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (
            2,
            "payload.code is 'busy', not a code; payload.code is 'idle', not a code",
        )
    ]


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        # Any NUL: binary, even in a log.
        (f"{SUMMARY}\n" * 3 + "\x00\n", True),
        # Stray control characters, one in 20 exactly: still a log.
        ("\x01" + SUMMARY[:19] + "\x02" + SUMMARY[:19] + "\x03" + SUMMARY[:19], False),
        # One more than 1 in 20: binary.
        ("\x01\x02\x03\x04" + SUMMARY[:56] + "\x05", True),
        # Control characters, none of them NUL: binary.
        ("\x01\x02\x03" * 40, True),
        # A short head is judged as if 40 characters long: 2 of them may be.
        ("\x01\x02" + SUMMARY[:10], False),
    ],
    ids=["nul", "one-in-20", "more", "controls", "short"],
)
def test_binary_data_is_told_from_a_log_with_stray_characters(
    text: str, binary: bool
) -> None:
    tally = tally_of(text)
    said = [b.error for b in tally.bad_lines]
    assert (said == ["not a log file: binary data, not text"]) is binary, said
