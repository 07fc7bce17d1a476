"""``report`` over damaged input: every damage is named at its place, the
counts of what was read are printed, the other files are still read, and the
exit status is 1 (data), never 2 (usage), never a traceback.

The fuzz test cuts, flips bytes, nests deeply and concatenates logs of every
shape, gzipped or not, and checks that the counts always add up.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import _report
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report import log_text, records_of, reference, run, tally_of


def test_a_truncated_gzip_is_named_and_what_came_before_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = log_text(400, "summary")
    packed = gzip.compress(text.encode("utf-8"))
    cut = tmp_path / "half.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    whole = tmp_path / "whole.jsonl"
    whole.write_text(log_text(10, "summary", seed=2), encoding="utf-8")
    status, out, err = run([str(cut), str(whole)], capsys)
    assert status == 1
    lines = err.splitlines()
    # The record the cut goes through, and the cut itself.
    assert lines[0].startswith(f"{cut}:") and "not JSON: " in lines[0]
    assert lines[1].startswith(f"{cut}:") and lines[1].endswith(
        ": error: the gzip data ends early (a file cut short?); the records "
        "before are counted"
    )
    assert lines[-1] == "2 bad records skipped"
    first = out.splitlines()[0]
    records = int(first.split()[0].replace(",", ""))
    assert " in 2 files: " in first and first.endswith(", 2 bad")
    assert 10 + 2 < records < 400 + 10  # some of the cut file, all of the other


def test_a_corrupt_gzip_is_data_not_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packed = bytearray(gzip.compress(log_text(300, "summary").encode("utf-8")))
    for at in range(40, len(packed) - 40, 97):
        packed[at] ^= 0x5A
    corrupt = tmp_path / "corrupt.gz"
    corrupt.write_bytes(bytes(packed))
    status, _, err = run([str(corrupt)], capsys)
    assert status == 1
    assert err.startswith(f"{corrupt}:")
    assert "corrupt gzip data" in err or "not JSON" in err or "binary" in err
    assert "None" not in err.splitlines()[0]


def test_a_binary_file_is_not_a_log_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "picture.png"
    rng = random.Random(1)
    binary.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    status, out, err = run([str(binary)], capsys)
    assert status == 1
    assert (
        err.splitlines()[0]
        == f"{binary}:1: error: not a log file: binary data, not text"
    )
    assert out.startswith("1 record in 1 file: 0 with a code, 0 without one, 1 bad")
    assert "\x00" not in out + err


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_csv_delimiter_is_sniffed(delimiter: str) -> None:
    text = log_text(300, "csv")
    records = records_of(text, "csv")
    changed = text.replace(",", delimiter) if delimiter != "," else text
    tally = tally_of(changed)
    assert (tally.counts, tally.without_code, tally.bad) == reference(records)


def test_an_unclosed_csv_quote_is_named_at_its_line_and_no_row_is_lost() -> None:
    text = log_text(600, "csv")
    lines = text.splitlines(keepends=True)
    records = records_of(text, "csv")
    # Row 101 (line 102) opens a quote it never closes, in its last column.
    damaged = 101
    lines[damaged] = lines[damaged].rstrip("\r\n") + ',"oops\r\n'
    lines[damaged] = lines[damaged].replace(",ACSCallSummary,", ",ACSCallSummary", 1)
    tally = tally_of("".join(lines))
    kept = records[: damaged - 1] + records[damaged:]
    assert (tally.counts, tally.without_code) == reference(kept)[:2]
    assert tally.bad == 1
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (
            damaged + 1,
            "a quoted field is not closed on this line; the lines after it are "
            "read as rows of their own",
        )
    ]


def test_an_unclosed_quote_on_the_last_line() -> None:
    text = 'ParticipantEndReason,ParticipantEndSubCode,x\n487,10004,a\n480,10037,"b\n'
    tally = tally_of(text)
    assert tally.counts == {(487, 10004, None): 1}
    assert [(b.line, b.error[:26]) for b in tally.bad_lines] == [
        (3, "a quoted field is not clos")
    ]


def test_json_errors_carry_whole_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(
        '{"code": 487, "subCode": 10004}\n'
        '{"code": 487, "message": "a\tb"}\n'
        '{"code": 487, "subCode": 10004,}\n'
        '{"code": "unterminated\n'
        '{"code": "cut short',
        encoding="utf-8",
    )
    status, _, err = run([str(log)], capsys)
    assert status == 1
    assert err.splitlines() == [
        f"{log}:2: error: not JSON: Invalid control character at column 28",
        f"{log}:3: error: not JSON: Expecting property name enclosed in double "
        "quotes at column 32",
        f"{log}:4: error: not JSON: Invalid control character at column 23",
        f"{log}:5: error: not JSON: Unterminated string starting at column 10 "
        "(the file ends inside the value)",
        "4 bad records skipped",
    ]


def test_nesting_deeper_than_any_payload_is_one_bad_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "deep.jsonl"
    log.write_text(
        '{"code": 487, "subCode": 10004}\n'
        + "[" * 200_000
        + "\n"
        + '{"data": ' * 100_000
        + "1"
        + "}" * 100_000
        + "\n"
        + '{"code": 480, "subCode": 10037}\n',
        encoding="utf-8",
    )
    status, out, err = run([str(log)], capsys)
    assert status == 1
    assert "Traceback" not in err
    assert f"{log}:2: error: not JSON: nested deeper than Python reads" in err
    assert f"{log}:3: error: not JSON: nested deeper than Python reads" in err
    assert out.startswith("4 records in 1 file: 2 with a code, 0 without one, 2 bad")


def test_an_unreadable_file_is_named_and_the_others_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"code": 487, "subCode": 10004}\n', encoding="utf-8")
    locked = tmp_path / "locked.jsonl"
    locked.write_text("{}", encoding="utf-8")
    real_open = open

    def refusing(name: object, *args: object, **kwargs: object) -> object:
        if str(name) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refusing)
    status, out, err = run([str(locked), str(good)], capsys)
    assert status == 1
    assert err.splitlines()[0] == f"{locked}:1: error: cannot read: Permission denied"
    assert out.startswith("2 records in 2 files: 1 with a code, 0 without one, 1 bad")


def _damage(data: bytes, how: str, rng: random.Random) -> bytes:
    if how == "cut":
        return data[: rng.randrange(len(data) + 1)]
    if how == "flip":
        out = bytearray(data)
        for _ in range(rng.randrange(1, 12)):
            at = rng.randrange(len(out))
            out[at] = rng.randrange(256)
        return bytes(out)
    if how == "nest":
        at = rng.randrange(len(data) + 1)
        deep = rng.choice([b"[" * 50_000, b'{"a":' * 30_000, b"[{" * 20_000 + b"\n"])
        return data[:at] + deep + data[at:]
    if how == "splice":
        at = rng.randrange(len(data) + 1)
        return data[:at] + b"\x00\xff\xfe garbage \x1f\x8b" + data[at:]
    return data


@settings(max_examples=120, deadline=None)
@given(
    shapes=st.lists(
        st.sampled_from(["summary", "callbacks", "mixed", "csv", "query"]),
        min_size=1,
        max_size=3,
    ),
    damages=st.lists(
        st.sampled_from(["cut", "flip", "nest", "splice", "none"]),
        min_size=1,
        max_size=3,
    ),
    packed=st.booleans(),
    seed=st.integers(min_value=0, max_value=10_000),
    chunk=st.sampled_from([7, 300, 1 << 20]),
)
def test_damaged_input_is_never_fatal_and_the_counts_add_up(
    shapes: list[str], damages: list[str], packed: bool, seed: int, chunk: int
) -> None:
    rng = random.Random(seed)
    # Logs of several shapes concatenated, then damaged, maybe gzipped (and
    # damaged again, inside the gzip stream).
    data = b"".join(
        log_text(rng.randrange(1, 30), shape, seed).encode() for shape in shapes
    )
    for how in damages:
        data = _damage(data, how, rng)
    if packed:
        data = gzip.compress(data)
        if rng.random() < 0.5:
            data = _damage(data, rng.choice(["cut", "flip"]), rng)
    old = _report.reading.CHUNK
    _report.reading.CHUNK = chunk
    try:
        tally = _report.Tally(by_time="hour", by_field="type")
        _report.read(io.BytesIO(data), "log", tally)
    finally:
        _report.reading.CHUNK = old
    assert tally.read == tally.with_code + tally.without_code + tally.bad
    assert len(tally.bad_lines) == min(tally.bad, _report.counting.SHOWN_BAD)
    assert all(b.line >= 1 for b in tally.bad_lines)
    for form in ("table", "json", "csv"):
        _report.render(tally, form)
    document = json.loads(_report.render(tally, "json"))
    assert document["records"] == tally.read
