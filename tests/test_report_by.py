"""``report --by hour|day|week`` and ``--by FIELD``: the time series by category
and the groups by a field's value, in the table, JSON (validated against
docs/report.schema.json) and CSV; and ``--format html`` handing the JSON
document to the package's HTML renderer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

import _report
import jsonschema
import pytest
from _report.times import parse_time
from test_report import SCHEMA, log_text, run


def _summary(time: str | None, sdk: str | None, code: str, subcode: str) -> str:
    record: dict[str, object] = {
        "ParticipantEndReason": code,
        "ParticipantEndSubCode": subcode,
    }
    if time is not None:
        record["TimeGenerated"] = time
    if sdk is not None:
        record["SdkVersion"] = sdk
    return json.dumps(record)


LOG = "\n".join(
    [
        _summary("2024-06-03T17:05:00.1234567Z", "1.0", "487", "10004"),
        _summary("2024-06-03T17:45:00Z", "1.0", "500", "560503"),  # no category: 5xx
        _summary("2024-06-03T21:10:00+02:00", "2.0", "0", "0"),  # 19:10 UTC
        _summary(None, "2.0", "0", "0"),
        _summary("2024-06-03T19:59:59Z", None, "699", "1"),  # no category: 6xx
        _summary("2024-06-03T18:30:00Z", "3.0", "", ""),  # no code: not in a bucket
    ]
)


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "calls.jsonl"
    path.write_text(LOG + "\n", encoding="utf-8")
    return path


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    status, out, err = run([*args, "--format", "json"], capsys)
    assert (status, err) == (0, "")
    document: dict[str, object] = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    return document


def test_by_hour_counts_each_category_per_bucket_with_the_gaps(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _json([str(log), "--by", "hour"], capsys)
    assert document["groups"] is None
    assert document["time"] == {
        "field": "TimeGenerated",
        "bucket": "hour",
        "without_time": 1,
        "series": [
            {
                "start": "2024-06-03T17:00:00Z",
                "total": 2,
                "by_category": {"ExpectedError": 1, "none given": 1},
            },
            {"start": "2024-06-03T18:00:00Z", "total": 0, "by_category": {}},
            {
                "start": "2024-06-03T19:00:00Z",
                "total": 2,
                "by_category": {"Success": 1, "none given": 1},
            },
        ],
    }


@pytest.mark.parametrize(
    ("bucket", "starts"),
    [("day", ["2024-06-03T00:00:00Z"]), ("week", ["2024-06-03T00:00:00Z"])],
)
def test_by_day_and_week(
    log: Path, capsys: pytest.CaptureFixture[str], bucket: str, starts: list[str]
) -> None:
    document = _json([str(log), "--by", bucket], capsys)
    time: Mapping[str, object] = document["time"]  # type: ignore[assignment]
    assert [s["start"] for s in time["series"]] == starts  # type: ignore[attr-defined]
    assert time["bucket"] == bucket


def test_a_week_starts_on_monday() -> None:
    tally = _report.Tally(by_time="week")
    text = "\n".join(
        _summary(f"2024-06-{day:02d}T12:00:00Z", None, "0", "0")
        for day in (2, 3, 9, 10)
    )
    _report.read(io.BytesIO(text.encode()), "log", tally)
    document = json.loads(_report.render(tally, "json"))
    assert [(s["start"], s["total"]) for s in document["time"]["series"]] == [
        ("2024-05-27T00:00:00Z", 1),  # Sunday the 2nd: the week of Monday the 27th
        ("2024-06-03T00:00:00Z", 2),
        ("2024-06-10T00:00:00Z", 1),
    ]


def test_by_field_gives_each_value_its_failure_share_worst_first(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = _json([str(log), "--by", "SdkVersion"], capsys)
    assert document["time"] is None
    assert document["groups"] == {
        "field": "SdkVersion",
        "without_field": 1,
        "values": [
            {
                "value": "1.0",
                "records": 2,
                "failures": 2,
                "failure_share": 1.0,
                "by_category": {"ExpectedError": 1, "none given": 1},
                "pairs": [
                    {"code": 487, "subcode": 10004, "count": 1},
                    {"code": 500, "subcode": 560503, "count": 1},
                ],
            },
            {
                "value": "2.0",
                "records": 2,
                "failures": 0,
                "failure_share": 0.0,
                "by_category": {"Success": 2},
                "pairs": [{"code": 0, "subcode": 0, "count": 2}],
            },
        ],
    }


def test_both_at_once_in_every_format(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(log), "--by", "hour", "--by", "SdkVersion"]
    document = _json(args, capsys)
    assert document["time"] is not None and document["groups"] is not None
    status, out, _ = run([*args, "--format", "csv"], capsys)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:4] == ["start", "SdkVersion", "count", "share"]
    assert [(r["start"], r["SdkVersion"], r["code"], r["count"]) for r in rows] == [
        ("2024-06-03T17:00:00Z", "1.0", "487", "1"),
        ("2024-06-03T17:00:00Z", "1.0", "500", "1"),
        ("2024-06-03T19:00:00Z", "2.0", "0", "1"),
        ("2024-06-03T19:00:00Z", "", "699", "1"),
        ("", "2.0", "0", "1"),
    ]
    status, out, _ = run(args, capsys)
    assert status == 0
    assert "\nby hour (UTC, from TimeGenerated):\n" in out
    assert "  2024-06-03 18:00      0  " in out
    assert "\nby SdkVersion (worst failure share first):\n" in out
    assert "  and 1 record without SdkVersion" in out
    assert "  and 1 record without a time" in out
    table = out.split("by SdkVersion")[1].splitlines()
    assert table[2].split()[:4] == ["1.0", "2", "2", "100.0%"]
    assert table[3].split()[:4] == ["2.0", "2", "0", "0.0%"]


def test_callbacks_by_event_type_and_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "callbacks.jsonl"
    path.write_text(log_text(500, "callbacks"), encoding="utf-8")
    document = _json([str(path), "--by", "type", "--by", "hour"], capsys)
    groups: Mapping[str, object] = document["groups"]  # type: ignore[assignment]
    values = {v["value"] for v in groups["values"]}  # type: ignore[attr-defined]
    # Only the events that carry a result have a pair.
    assert values == {
        "Microsoft.Communication.PlayCompleted",
        "Microsoft.Communication.RecognizeFailed",
    }
    time: Mapping[str, object] = document["time"]  # type: ignore[assignment]
    assert time["field"] == "time" and time["without_time"] == 0


@pytest.mark.parametrize("shape", ["csv", "query"])
def test_tables_by_column(
    shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"calls.{shape}"
    path.write_text(log_text(300, shape), encoding="utf-8")
    document = _json([str(path), "--by", "EndpointType", "--by", "day"], capsys)
    groups: Mapping[str, object] = document["groups"]  # type: ignore[assignment]
    assert {v["value"] for v in groups["values"]} == {"PSTN", "VoIP"}  # type: ignore[attr-defined]
    time: Mapping[str, object] = document["time"]  # type: ignore[assignment]
    assert time["field"] == "TimeGenerated"
    assert [s["start"] for s in time["series"]] == ["2024-06-03T00:00:00Z"]  # type: ignore[attr-defined]


def test_by_takes_one_bucket_and_one_field(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        _report.main([str(log), "--by", "hour", "--by", "day"], prog="report")
    assert exit_.value.code == 2
    assert (
        "--by takes one of hour, day, week and one FIELD at most"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-03T17:12:31.3025397+00:00", datetime(2024, 6, 3, 17, 12, 31, 302539)),
        ("2024-06-03T17:12:31Z", datetime(2024, 6, 3, 17, 12, 31)),
        ("2024-06-03 17:12:31", datetime(2024, 6, 3, 17, 12, 31)),
        ("2024-06-03T01:00:00-05:30", datetime(2024, 6, 3, 6, 30)),
        ("6/3/2024, 5:12:31.302 PM", datetime(2024, 6, 3, 17, 12, 31, 302000)),
        ("6/3/2024, 12:00:00 AM", datetime(2024, 6, 3, 0, 0)),
        ("2024-06-03", datetime(2024, 6, 3)),
        ("1970-01-01T00:00:00Z", None),  # no log of ours: taken as no time
        ("2024-13-03T00:00:00Z", None),
        ("yesterday", None),
    ],
)
def test_times_as_logs_write_them(text: str, expected: datetime | None) -> None:
    found = parse_time(text)
    assert found == (
        None if expected is None else expected.replace(tzinfo=timezone.utc)
    )


def test_format_html_hands_the_json_document_to_the_renderer(
    log: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Mapping[str, object]] = []

    def render_html(document: Mapping[str, object]) -> str:
        seen.append(document)
        return "<!doctype html><title>report</title>"

    monkeypatch.setattr(_report, "render_html", render_html)
    status, out, _ = run([str(log), "--format", "html", "--by", "hour"], capsys)
    assert (status, out) == (0, "<!doctype html><title>report</title>\n")
    (document,) = seen
    jsonschema.validate(document, SCHEMA)
    assert json.loads(json.dumps(document)) == _json([str(log), "--by", "hour"], capsys)


def test_format_html_writes_the_packages_page(
    log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        [str(log), "--format", "html", "--by", "hour", "--by", "SdkVersion"], capsys
    )
    assert (status, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert "SdkVersion" in out and "487/10004" in out
