"""``python -m acs_call_codes report``: package/_report.py over logs.

Every shape a log comes in (JSON Lines of call-log rows or of callback bodies,
a JSON array, pretty-printed events one after another, CSV as Log Analytics
exports it, standard input) counts what ``find_pair`` finds record by record;
chunk boundaries, the learned fast path and bad lines change nothing of that.
Bad lines are named with their file and line, and the run goes on; exit 0, 1
when some lines were bad, 2 for usage. Memory does not grow with the file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _report
import jsonschema
import pytest
from acs_call_codes import MatchLevel, NoCodeError, explain, find_pair, find_pairs
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import logs  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "payloads"
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


def reference(values: list[object]) -> tuple[Counter[_report.Pair], int, int]:
    """What the records add up to, record by record through find_pair alone."""
    counts: Counter[_report.Pair] = Counter()
    without = bad = 0
    stack = list(reversed(values))
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
            continue
        try:
            code, subcode, _, _, diagnostic = find_pair(value)
        except NoCodeError:
            without += 1
        except (TypeError, ValueError):
            bad += 1
        else:
            counts[(code, subcode, diagnostic)] += 1
    return counts, without, bad


def tally_of(data: bytes | str, name: str = "log") -> _report.Tally:
    tally = _report.Tally()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    _report.read(io.BytesIO(raw), name, tally)
    return tally


def log_text(n: int, shape: str, seed: int = 1) -> str:
    out = io.StringIO()
    logs.write(out, n, shape, seed)
    return out.getvalue()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = _report.main(argv, prog="acs-call-codes report")
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("shape", ["summary", "callbacks"])
def test_json_lines_count_what_find_pair_finds(shape: str) -> None:
    text = log_text(3000, shape)
    tally = tally_of(text)
    counts, without, bad = reference([json.loads(line) for line in text.splitlines()])
    assert (tally.counts, tally.without_code, tally.bad) == (counts, without, bad)
    assert without > 0 and len(counts) > 10


def test_csv_as_log_analytics_exports_it() -> None:
    text = log_text(2000, "csv")
    assert text.startswith("\ufeff") and "TimeGenerated [UTC]" in text
    tally = tally_of(text)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    counts, without, bad = reference(rows)  # type: ignore[arg-type]
    assert (tally.counts, tally.without_code, tally.bad) == (counts, without, bad)
    assert bad == 0


@pytest.mark.parametrize("layout", ["array", "pretty_array", "pretty_objects"])
def test_json_arrays_and_pretty_printed_values(layout: str) -> None:
    values = [json.loads(line) for line in log_text(500, "callbacks").splitlines()]
    events = [event for body in values for event in body]
    if layout == "array":
        text = json.dumps(events)
    elif layout == "pretty_array":
        text = json.dumps(events, indent=2)
    else:
        text = "\n".join(json.dumps(event, indent=4) for event in events)
    tally = tally_of(text)
    assert (tally.counts, tally.without_code, tally.bad) == reference(events)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_each_documented_payload_fixture(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    tally = tally_of(text)
    code, subcode, _, _, diagnostic = find_pair(text)
    assert tally.counts == {(code, subcode, diagnostic): 1}


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (FIXTURES / "real").glob("*.json"))
)
def test_each_real_payload_fixture(name: str) -> None:
    # Captured payloads (tests/fixtures/payloads/real/, sources beside them):
    # the report counts what find_pairs finds in each, its events one by one.
    text = (FIXTURES / "real" / name).read_text(encoding="utf-8")
    tally = tally_of(text)
    found = Counter((p[0], p[1], p[4]) for p in find_pairs(text))
    assert tally.counts == found
    assert tally.bad == 0


@settings(max_examples=60, deadline=None)
@given(
    chunk=st.integers(min_value=1, max_value=300),
    layout=st.sampled_from(["lines", "array", "pretty"]),
    seed=st.integers(min_value=0, max_value=1000),
    damaged=st.lists(st.integers(min_value=0, max_value=39), max_size=4),
)
def test_chunk_boundaries_change_nothing(
    chunk: int, layout: str, seed: int, damaged: list[int]
) -> None:
    events = [
        event
        for body in (
            json.loads(line) for line in log_text(40, "callbacks", seed).splitlines()
        )
        for event in body
    ]
    if layout == "lines":
        lines = [json.dumps(event) for event in events]
    elif layout == "array":
        lines = [
            "[",
            *(json.dumps(e) + "," for e in events[:-1]),
            json.dumps(events[-1]),
            "]",
        ]
    else:
        lines = [json.dumps(event, indent=1).replace("\n", " ") for event in events]
    # A damaged line is cut short; every other line is read as it was.
    kept = list(events)
    for index in sorted(set(damaged), reverse=True):
        at = index + (1 if layout == "array" else 0)
        if layout == "array" and at >= len(lines) - 1:
            continue
        lines[at] = lines[at][: len(lines[at]) // 2]
        kept.pop(index)
    text = "\n".join(lines) + "\n"
    old = _report.reading.CHUNK
    _report.reading.CHUNK = chunk
    try:
        tally = tally_of(text)
    finally:
        _report.reading.CHUNK = old
    counts, without, _ = reference(kept)
    assert (tally.counts, tally.without_code) == (counts, without)
    assert tally.bad == len(lines) - len(kept) - (2 if layout == "array" else 0)


def test_the_fast_path_agrees_with_find_pair_when_shapes_change() -> None:
    records: list[object] = [
        {"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"},
        {"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"},
        {"participantEndReason": 0, "participantEndSubCode": 0},  # another case
        {"ParticipantEndReason": "", "ParticipantEndSubCode": ""},  # not ended
        {"ParticipantEndReason": " 490 ", "ParticipantEndSubCode": "4502"},
        {"ParticipantEndReason": "487"},  # no subcode column
        {"ParticipantEndReason": "+487", "ParticipantEndSubCode": "1"},  # bad
        {
            "ParticipantEndReason": "\uff14\uff18\uff17",
            "ParticipantEndSubCode": "1",
        },  # bad
        {"ParticipantEndReason": True, "ParticipantEndSubCode": "1"},  # bad
        {"ParticipantEndReason": "9" * 5000, "ParticipantEndSubCode": "1"},  # bad
        {
            "data": {
                "resultInformation": {
                    "code": 200,
                    "subCode": 7000,
                    "message": "DiagCode: 0#7000.@",
                }
            }
        },
        {
            "data": {
                "resultInformation": {"code": 200, "subCode": 7000, "message": "ok"}
            }
        },
        {"data": {"resultInformation": {"code": 400, "subCode": 8535}}},
        {"data": {"resultInformation": None}},
        {"data": {"resultInformation": {"code": 500.0, "subCode": 560503}}},
        {"data": {"resultInformation": {"code": "500", "subCode": "x"}}},  # bad
        {"data": "text"},  # words, not a holder: no code here
        {"callEndReason": {"code": 487, "subCode": 10004}},
    ]
    text = "\n".join(json.dumps(r) for r in records)
    tally = tally_of(text)
    assert (tally.counts, tally.without_code, tally.bad) == reference(records)
    assert [b.line for b in tally.bad_lines] == [7, 8, 9, 10, 16]


def test_bad_lines_are_named_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(
        "not json\n"
        '{"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"}\n'
        "\n"
        '{"ParticipantEndReason": "487", \n'
        '{"ParticipantEndReason": "abc", "ParticipantEndSubCode": "1"}\n'
        '"a string"\n'
        '{"ParticipantEndReason": "0", "ParticipantEndSubCode": "0"}\n',
        encoding="utf-8",
    )
    status, out, err = run([str(log)], capsys)
    assert status == 1
    assert err.splitlines() == [
        f"{log}:1: error: not JSON: Expecting value at column 1",
        f"{log}:4: error: not JSON: Expecting property name enclosed in double "
        "quotes at line 5, column 1",
        f"{log}:5: error: payload.ParticipantEndReason is 'abc', not a code",
        # A JSON string is read as JSON text (some pipelines wrap records so).
        f"{log}:6: error: the payload is text but not JSON: Expecting value: line 1 "
        "column 1 (char 0)",
        "4 bad records skipped",
    ]
    assert out.startswith("6 records in 1 file: 2 with a code, 0 without one, 4 bad\n")


def test_csv_damage_is_named_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "export.csv"
    log.write_text(
        "\ufeffTimeGenerated [UTC],ParticipantEndReason,ParticipantEndSubCode,Note\r\n"
        '"6/3/2024, 5:25:00.000 PM",487,10004,"two\r\nlines"\r\n'
        "6/3/2024,487\r\n"
        "6/3/2024,x,1,\r\n"
        "6/3/2024,,,not ended\r\n"
        f"6/3/2024,{'9' * 5000},1,\r\n",
        encoding="utf-8",
        newline="",
    )
    status, out, err = run([str(log), "--format", "json"], capsys)
    assert status == 1
    assert err.splitlines()[:2] == [
        f"{log}:4: error: 2 fields where the header has 4",
        f"{log}:5: error: payload.ParticipantEndReason is 'x', not a code",
    ]
    report = json.loads(out)
    assert (
        err.splitlines()[2]
        == f"{log}:7: error: payload.ParticipantEndReason has more digits than Python reads"
    )
    assert (report["with_code"], report["without_code"], report["bad"]) == (1, 1, 3)


def test_a_csv_without_a_code_column_says_which_columns_it_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "other.csv"
    log.write_text("CallId,Duration\nabc,12\n", encoding="utf-8")
    status, _, err = run([str(log)], capsys)
    assert status == 1
    assert "no column holds a code" in err and "(columns: CallId, Duration)" in err


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = log_text(200, "summary").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(["-", "--format", "json"], capsys)
    assert status == 0
    report = json.loads(out)
    assert report["files"] == ["<stdin>"]
    assert report["with_code"] + report["without_code"] == 200


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: FILE"),
        (["nowhere.jsonl"], "no such file: nowhere.jsonl"),
        (["-", "-"], "- (standard input) can be read once"),
        (["x", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _report.main(argv, prog="acs-call-codes report")
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_three_formats_tell_the_same_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(log_text(1000, "callbacks"), encoding="utf-8")
    outputs = {}
    for form in ("table", "json", "csv"):
        status, outputs[form], err = run([str(log), "--format", form], capsys)
        assert (status, err) == (0, "")
    report = json.loads(outputs["json"])
    jsonschema.validate(report, SCHEMA)
    pairs = report["pairs"]
    assert [p["count"] for p in pairs] == sorted(
        (p["count"] for p in pairs), reverse=True
    )
    assert sum(p["count"] for p in pairs) == report["with_code"]
    assert (
        sum(report["by_match"].values())
        == sum(report["by_category"].values())
        == report["with_code"]
    )
    for pair in pairs:
        found = explain(*pair["explained_as"])
        assert pair["match"] in {m.value for m in MatchLevel}
        if pair["diagnostic"] is None:
            assert found.match.value == pair["match"]
            assert found.message == pair["message"]
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert [(int(r["count"]), r["match"]) for r in rows] == [
        (p["count"], p["match"]) for p in pairs
    ]
    table = outputs["table"].splitlines()
    assert (
        table[0]
        == f"{report['records']:,} records in 1 file: {report['with_code']:,} with a code, {report['without_code']:,} without one, 0 bad"
    )
    top = pairs[0]
    assert any(
        line.lstrip().startswith(f"{top['count']:,}")
        and ("#" * 20 in line or "\u2588" * 20 in line)
        for line in table
    )
    assert "by category:" in table and "by rung:" in table


def test_the_diagnostic_code_answers_where_it_says_more(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # (200, 5300) is no documented row; the DiagCode's (0, 5300) is.
    payload = (FIXTURES / "call_disconnected_eventgrid.json").read_text("utf-8")
    payload = payload.replace("7000", "5300")
    path = tmp_path / "disconnected.json"
    path.write_text(payload, encoding="utf-8")
    status, out, _ = run([str(path), "--format", "json"], capsys)
    assert status == 0
    (pair,) = json.loads(out)["pairs"]
    assert (pair["code"], pair["subcode"], pair["diagnostic"]) == (200, 5300, [0, 5300])
    assert (pair["match"], pair["row"], pair["result_category"]) == (
        "reason",
        [0, 5300],
        "Success",
    )


def test_a_documented_sent_pair_answers_itself_beside_its_diagnostic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Call Automation documents (200, 7000) on CallDisconnected since 2025.
    status, out, _ = run(
        [str(FIXTURES / "call_disconnected_eventgrid.json"), "--format", "json"], capsys
    )
    assert status == 0
    (pair,) = json.loads(out)["pairs"]
    assert (pair["code"], pair["subcode"], pair["diagnostic"]) == (200, 7000, [0, 7000])
    assert (pair["match"], pair["row"]) == ("reason", [200, 7000])


def test_memory_does_not_grow_with_the_file() -> None:
    def peak(n: int) -> int:
        data = log_text(n, "summary").encode("utf-8")
        tracemalloc.start()
        try:
            _report.read(io.BytesIO(data), "log", _report.Tally())
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    old = _report.reading.CHUNK
    _report.reading.CHUNK = 1 << 16
    try:
        small, large = peak(2_000), peak(16_000)
    finally:
        _report.reading.CHUNK = old
    # Eight times the records: the peak is a few chunks either way.
    assert large < small * 1.5
    assert large < 4 * (1 << 16) * 4  # str chunks hold up to 4 bytes a character


def test_progress_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_report, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(_report, "PROGRESS_RECORDS", 100)
    data = log_text(1000, "summary").encode("utf-8")
    screen = io.StringIO()
    progress = _report.Progress(screen)
    _report.read(io.BytesIO(data), "calls.jsonl", _report.Tally(), progress)
    progress.clear()
    drawn = screen.getvalue()
    assert "\rcalls.jsonl: 1,000 records" not in drawn  # drawn while reading, not after
    assert "\r\x1b[Kcalls.jsonl: 900 records" in drawn
    assert drawn.endswith("\r\x1b[K")
    silent = _report.Progress(None)
    _report.read(io.BytesIO(data), "calls.jsonl", _report.Tally(), silent)
    assert not silent.shown


def test_gzip_files_and_standard_input_are_read_through(tmp_path: Path) -> None:
    text = log_text(500, "summary")
    plain = tally_of(text)
    packed = tmp_path / "calls.jsonl.gz"
    packed.write_bytes(gzip.compress(text.encode("utf-8")))
    tally = _report.Tally()
    with packed.open("rb") as binary:
        _report.read(binary, str(packed), tally)
        assert not binary.closed  # the caller's file stays the caller's
    assert (tally.counts, tally.without_code) == (plain.counts, plain.without_code)
    piped = _report.Tally()
    _report.read(io.BufferedReader(io.BytesIO(packed.read_bytes())), "-", piped)
    assert piped.counts == plain.counts


def test_a_log_analytics_query_api_response() -> None:
    # {"tables": [{"columns": [...], "rows": [[...]]}]}, as the REST API and
    # `az rest` give a query's result.
    records = [json.loads(line) for line in log_text(300, "summary").splitlines()]
    columns = list(records[0])
    response = {
        "tables": [
            {
                "name": "PrimaryResult",
                "columns": [{"name": c, "type": "string"} for c in columns],
                "rows": [[r[c] for c in columns] for r in records],
            }
        ]
    }
    for text in (json.dumps(response), json.dumps(response, indent=2)):
        tally = tally_of(text)
        assert (tally.counts, tally.without_code, tally.bad) == reference(records)


def test_a_line_cut_short_loses_no_other_line() -> None:
    # The cut line's value swallows the next line as its own; that line is
    # read again, and only the cut line is bad.
    text = (
        '{"ParticipantEndReason":"0","ParticipantEndSubCode":"0"}\n'
        '{"ParticipantEndReason":"487","ParticipantEndSubCode":\n'
        '{"ParticipantEndReason":"495","ParticipantEndSubCode":"4507"}\n'
        '{"ParticipantEndReason":"abc","ParticipantEndSubCode":"1"}\n'
        '{"ParticipantEndReason":"490","ParticipantEndSubCode":"4502"}\n'
    )
    tally = tally_of(text)
    assert tally.counts == {(0, 0, None): 1, (495, 4507, None): 1, (490, 4502, None): 1}
    assert [(b.line, b.error.split(":")[0]) for b in tally.bad_lines] == [
        (2, "not JSON"),
        (4, "payload.ParticipantEndReason is 'abc', not a code"),
    ]


def test_csv_with_code_and_sub_code_columns() -> None:
    text = "time,code,sub_code,message\n1,400,8535,bad file\n2,487,,\n"
    tally = tally_of(text)
    assert tally.counts == {(400, 8535, None): 1, (487, None, None): 1}


def test_the_table_shows_the_top_pairs_and_totals_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(
        "".join(
            json.dumps({"code": 487, "subCode": 900_000 + n}) + "\n" * (1 + n % 3)
            for n in range(30)
        ),
        encoding="utf-8",
    )
    _, table, _ = run([str(log), "--top", "5"], capsys)
    assert "... and 25 more pairs (25 records); --top 0 shows all" in table
    assert table.count("487/9000") == 5
    assert (
        table.splitlines()[-1].lstrip().startswith("code")
    )  # every pair in the totals
    assert table.splitlines()[-1].split()[1] == "30"
    _, everything, _ = run([str(log), "--top", "0"], capsys)
    assert everything.count("487/9000") == 30 and "more pairs" not in everything
    _, as_json, _ = run([str(log), "--top", "5", "--format", "json"], capsys)
    assert len(json.loads(as_json)["pairs"]) == 30


def test_utf16_as_windows_powershell_writes_it(tmp_path: Path) -> None:
    text = log_text(50, "summary")
    log = tmp_path / "calls.jsonl"
    log.write_bytes(text.encode("utf-16"))  # with its byte order mark
    tally = _report.Tally()
    with log.open("rb") as binary:
        _report.read(binary, str(log), tally)
    assert tally.counts == tally_of(text).counts and tally.bad == 0


def test_a_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _report.main([str(tmp_path)], prog="acs-call-codes report")
    assert stopped.value.code == 2
    assert f"a directory, not a file: {tmp_path}" in capsys.readouterr().err


def test_csv_output_leaves_unknown_names_empty_and_carries_advice_and_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(
        '{"code": 699, "subCode": 1}\n{"code": 495, "subCode": 4507}\n', "utf-8"
    )
    _, out, _ = run([str(log), "--format", "csv"], capsys)
    rows = {(r["code"], r["subcode"]): r for r in csv.DictReader(io.StringIO(out))}
    assert rows[("699", "1")]["code_name"] == rows[("699", "1")]["subcode_name"] == ""
    token = rows[("495", "4507")]
    assert (token["subcode_name"], token["sources"].split(";")[0]) == (
        "TOKEN_INVALID",
        "troubleshooting-codes",
    )
    assert token["advice"]


def records_of(text: str, shape: str) -> list[object]:
    """The records of a log of ``shape``, read without the report."""
    if shape == "csv":
        rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        return [{k.removesuffix(" [UTC]"): v for k, v in row.items()} for row in rows]
    if shape == "query":
        (table,) = json.loads(text)["tables"]
        names = [c["name"] for c in table["columns"]]
        return [dict(zip(names, row, strict=True)) for row in table["rows"]]
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("packed", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("shape", logs.SHAPES)
def test_the_fast_path_agrees_with_find_pair_on_every_shape(
    shape: str, packed: bool
) -> None:
    text = log_text(2500, shape, seed=7)
    data = text.encode("utf-8")
    tally = tally_of(gzip.compress(data) if packed else data)
    assert (tally.counts, tally.without_code, tally.bad) == reference(
        records_of(text, shape)
    )
    assert tally.read == tally.with_code + tally.without_code + tally.bad > 2000


@pytest.mark.parametrize("shape", logs.SHAPES)
def test_the_fast_path_is_used(shape: str) -> None:
    # find_pair reads a record of each shape once (and those the shape
    # cannot read simply: a subcode spelled otherwise, ...); the others are
    # read along the learned path. The callback log's five event types and the
    # mixed log's five shapes are each learned, those without a code too.
    tally = tally_of(log_text(3000, shape, seed=3))
    assert tally.read >= 3000
    assert tally.searched <= 8, tally.searched
    unlearned = _report.Tally()
    unlearned.shapes.read = lambda record: None  # type: ignore[method-assign]
    _report.read(io.BytesIO(log_text(300, shape).encode()), "log", unlearned)
    if shape not in ("csv", "query"):  # table rows are read where they stand
        assert unlearned.searched == unlearned.read


def _event(code: object, subcode: object, message: object) -> dict[str, object]:
    result = {"code": code, "subCode": subcode, "message": message}
    return {"type": "X", "data": {"resultInformation": result}}


def test_a_learned_shape_keeps_to_what_find_pair_says_record_by_record() -> None:
    # Same keys at every level, values that change what find_pair does.
    event: dict[str, object] = {
        "type": "PlayFailed",
        "data": {"resultInformation": {"code": 500, "subCode": 8500, "message": "x"}},
    }
    variants: list[object] = [
        event,
        _event(500, 8500, "DiagCode: 0#7000.@"),
        _event(None, 8500, "x"),
        _event("", "", "x"),
        _event("487", "", None),
        _event(1.0, 2, "x"),
        _event(True, 2, "x"),
        _event(487, [1], "x"),
        _event(487, 1, 5),
        {"type": "X", "data": '{"resultInformation": {"code": 603, "subCode": 1}}'},
        {"type": "X", "data": None},
        {"type": "X", "data": [{"resultInformation": {"code": 480, "subCode": 1}}]},
        {"a": 1, "reason": "Timeout", "data": {"b": 2}},  # no code
        {"a": 1, "reason": {"code": 410, "subCode": 3}, "data": {"b": 2}},
        {"a": 1, "reason": '{"code": 411}', "data": {"b": 2}},
        {"a": 1, "reason": None, "data": {"b": 2}},
        {"a": 1, "reason": "Timeout", "data": {"b": {"code": 5}}},
        {"a": 1, "reason": "Timeout", "data": {"b": 2, "code": "7"}},
    ]
    records = [event, *variants, *variants]
    text = "\n".join(json.dumps(r) for r in records)
    tally = tally_of(text)
    assert (tally.counts, tally.without_code, tally.bad) == reference(records)
    assert tally.searched < len(records)


class _Response(io.RawIOBase):
    """A query API response of ``rows`` ACSCallSummary rows, made as it is
    read: the test holds no copy of it."""

    def __init__(self, rows: int) -> None:
        self._parts = self._make(rows)
        self._pending = b""

    @staticmethod
    def _make(rows: int) -> Iterator[bytes]:
        columns = [{"name": c, "type": "string"} for c in logs.SUMMARY_COLUMNS]
        yield b'{"tables":[{"name":"PrimaryResult","columns":'
        yield json.dumps(columns).encode() + b',"rows":['
        for i, record in enumerate(logs.summaries(rows)):
            yield (b"," if i else b"") + json.dumps(list(record.values())).encode()
        yield b"]}]}"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self._pending) < len(buffer):
            part = next(self._parts, None)
            if part is None:
                break
            self._pending += part
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def test_a_query_api_response_streams_in_flat_memory() -> None:
    def peak(rows: int) -> tuple[int, int]:
        tally = _report.Tally()
        tracemalloc.start()
        try:
            _report.read(io.BufferedReader(_Response(rows)), "response.json", tally)
            return tracemalloc.get_traced_memory()[1], tally.read
        finally:
            tracemalloc.stop()

    old = _report.reading.CHUNK
    _report.reading.CHUNK = 1 << 16
    try:
        (small, read_small), (large, read_large) = peak(1_000), peak(12_000)
    finally:
        _report.reading.CHUNK = old
    assert (read_small, read_large) == (1_000, 12_000)
    # Twelve times the rows (about 8 MB): the peak is a few chunks either way.
    assert large < small * 1.5
    assert large < 4 * (1 << 16) * 4


def test_shapes_are_bounded_when_every_record_has_keys_of_its_own() -> None:
    records: list[object] = [
        {f"extra{i}": i, "code": 487, "subCode": 10004 + i % 3}
        for i in range(2 * _report.shapes.MAX_SHAPES + 50)
    ]
    tally = tally_of("\n".join(json.dumps(r) for r in records))
    assert (tally.counts, tally.without_code, tally.bad) == reference(records)
    assert tally.shapes.learned == _report.shapes.MAX_SHAPES
    # Past the bound, find_pair reads every record: right, if slower.
    assert tally.searched == len(records)
