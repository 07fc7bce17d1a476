"""``report`` over damaged input: every damage is named at its place, the
counts of what was read are printed, the other files are still read, and the
exit status is 1 (data), never 2 (usage), never a traceback.

The fuzz test cuts, flips bytes, nests deeply and concatenates logs of every
shape, gzipped or not, and checks that the counts always add up.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import zlib
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


# A damaged gzip file, built here: N records of a log (JSON Lines or CSV), a
# third of them without a code, compressed; then the checksum at the end
# flipped, the tail cut, or a block that no gzip reader can decompress put
# after a full flush (the stream fails there, mid-read, with everything before
# it whole). Every record decompressed before the failure is counted.

GZ_RECORDS = 2000
WITH_CODE = '{"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"}'
WITHOUT_CODE = '{"ParticipantType": "ACS"}'
CSV_HEAD = "ParticipantEndReason,ParticipantEndSubCode,ParticipantId\r\n"
#: A deflate block header that says "last block, of the reserved type 3".
INVALID_BLOCK = b"\xff" * 16


def gz_lines(form: str, n: int = GZ_RECORDS) -> tuple[str, list[str]]:
    """The head of a log (CSV's header) and its n record lines, every third
    without a code, each naming its participant."""
    if form == "jsonl":
        return "", [
            (WITHOUT_CODE if i % 3 == 0 else WITH_CODE)[:-1]
            + f', "ParticipantId": "p{i}"}}\n'
            for i in range(n)
        ]
    return CSV_HEAD, [
        (",," if i % 3 == 0 else "487,10004,") + f"p{i}\r\n" for i in range(n)
    ]


def failing_at(text: str, at: int) -> bytes:
    """text gzipped, whole up to character ``at`` (ASCII), then a block gzip
    cannot decompress."""
    packer = zlib.compressobj(wbits=31)
    data = text.encode("ascii")
    return packer.compress(data[:at]) + packer.flush(zlib.Z_FULL_FLUSH) + INVALID_BLOCK


def counts_of(tally: _report.Tally) -> tuple[int, int, int, int]:
    assert tally.read == tally.with_code + tally.without_code + tally.bad
    return tally.read, tally.with_code, tally.without_code, tally.bad


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_gzip_with_a_bad_checksum_counts_every_record(form: str) -> None:
    head, lines = gz_lines(form)
    packed = bytearray(gzip.compress((head + "".join(lines)).encode("ascii")))
    packed[-8] ^= 0xFF  # the CRC-32 of the data, at the end of the file
    tally = tally_of(bytes(packed))
    without = (GZ_RECORDS + 2) // 3
    assert counts_of(tally) == (GZ_RECORDS + 1, GZ_RECORDS - without, without, 1)
    ((_, message),) = [(b.line, b.error) for b in tally.bad_lines]
    assert message.startswith("corrupt gzip data: CRC check failed: ")
    assert message.endswith("; the records before are counted")


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_gzip_without_its_trailer_counts_every_record(form: str) -> None:
    head, lines = gz_lines(form)
    packed = gzip.compress((head + "".join(lines)).encode("ascii"))
    tally = tally_of(packed[:-8])  # the checksum and the size cut off
    without = (GZ_RECORDS + 2) // 3
    assert counts_of(tally) == (GZ_RECORDS + 1, GZ_RECORDS - without, without, 1)
    assert [b.error for b in tally.bad_lines] == [
        "the gzip data ends early (a file cut short?); the records before are counted"
    ]


@pytest.mark.parametrize("form", ["jsonl", "csv"])
@pytest.mark.parametrize("record", [1, 500, 1999])
def test_a_gzip_that_fails_mid_read_counts_the_records_before(
    form: str, record: int
) -> None:
    # The stream fails after `record` whole records (record 1 within the
    # first 8 KiB a log's format is told by, 1999 next to its end).
    head, lines = gz_lines(form)
    text = head + "".join(lines)
    tally = tally_of(failing_at(text, len(head) + sum(map(len, lines[:record]))))
    without = (record + 2) // 3
    assert counts_of(tally) == (record + 1, record - without, without, 1)
    ((line, message),) = [(b.line, b.error) for b in tally.bad_lines]
    assert message.startswith("corrupt gzip data: ")
    assert message.endswith("; the records before are counted")
    assert line >= record + (1 if head else 0)


@pytest.mark.parametrize("form", ["jsonl", "csv"])
@pytest.mark.parametrize("record", [1, 500, 1999])
def test_the_line_a_failing_gzip_cuts_is_a_bad_record_at_its_line(
    form: str, record: int
) -> None:
    # The stream fails 5 characters into the line after `record` whole ones:
    # that line is a bad record (its fields may be cut: 10004 read as 10),
    # and the failure is named at it.
    head, lines = gz_lines(form)
    text = head + "".join(lines)
    tally = tally_of(failing_at(text, len(head) + sum(map(len, lines[:record])) + 5))
    without = (record + 2) // 3
    assert counts_of(tally) == (record + 2, record - without, without, 2)
    cut = record + 1 + (1 if head else 0)
    first, second = [(b.line, b.error) for b in tally.bad_lines]
    if form == "jsonl":
        assert first[0] == cut and first[1].startswith("not JSON: ")
    else:
        assert first == (cut, "a row cut short: the data ends inside it")
    assert second[0] == cut and second[1].startswith("corrupt gzip data: ")


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_gzip_cut_anywhere_counts_what_it_holds(form: str) -> None:
    # What a gzip reader can decompress of the file, whole lines and the one
    # cut, is what is counted.
    head, lines = gz_lines(form)
    packed = gzip.compress((head + "".join(lines)).encode("ascii"))
    for keep in (len(packed) // 5, len(packed) // 2, len(packed) - 20):
        held = zlib.decompressobj(wbits=31).decompress(packed[:keep]).decode("ascii")
        whole = held[len(head) :].count("\n")
        assert len(held) > len(head)
        cut = 0 if held.endswith("\n") else 1
        tally = tally_of(packed[:keep])
        without = (whole + 2) // 3
        assert counts_of(tally) == (whole + cut + 1, whole - without, without, cut + 1)
        assert tally.bad_lines[-1].error == (
            "the gzip data ends early (a file cut short?); the records before are counted"
        )


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_flipped_byte_mid_gzip_is_named_and_the_counts_add_up(form: str) -> None:
    # Stored (uncompressed) blocks: the byte flipped is a character of one
    # record, so the data read is whole but one record, and its checksum fails.
    head, lines = gz_lines(form)
    text = head + "".join(lines)
    packed = bytearray(gzip.compress(text.encode("ascii"), compresslevel=0))
    at = len(packed) - 8 - len(text) + text.index(lines[1000]) + 1
    packed[at] ^= 0x20  # a letter to upper case or a digit to another sign
    tally = tally_of(bytes(packed))
    assert tally.read == GZ_RECORDS + 1
    assert tally.bad_lines[-1].error.startswith("corrupt gzip data: CRC check failed: ")
    assert tally.with_code + tally.without_code == GZ_RECORDS - (tally.bad - 1)


@pytest.mark.parametrize("form", ["table", "json", "csv", "html"])
def test_a_damaged_gzip_in_every_format(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines = gz_lines("jsonl")
    packed = bytearray(gzip.compress("".join(lines).encode("ascii")))
    packed[-8] ^= 0xFF
    damaged = tmp_path / "calls.jsonl.gz"
    damaged.write_bytes(bytes(packed))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(failing_at("".join(lines), sum(map(len, lines[:300])) + 20))
    whole = tmp_path / "more.jsonl"
    whole.write_text(WITH_CODE + "\n", encoding="utf-8")
    status, out, err = run(
        [str(damaged), str(cut), str(whole), "--format", form], capsys
    )
    assert status == 1
    named = err.splitlines()
    assert named[0].startswith(
        f"{damaged}:{GZ_RECORDS + 1}: error: corrupt gzip data: "
    )
    assert named[1].startswith(f"{cut}:301: error: not JSON: ")
    assert named[2].startswith(f"{cut}:301: error: corrupt gzip data: ")
    assert named[3:] == ["3 bad records skipped"]
    with_code = GZ_RECORDS - (GZ_RECORDS + 2) // 3 + 300 - 100 + 1
    without = (GZ_RECORDS + 2) // 3 + 100
    if form == "table":
        assert out.startswith(
            f"{with_code + without + 3:,} records in 3 files: {with_code:,} with a "
            f"code, {without:,} without one, 3 bad"
        )
    elif form == "json":
        document = json.loads(out)
        assert (document["records"], document["with_code"]) == (
            with_code + without + 3,
            with_code,
        )
        assert (document["without_code"], document["bad"]) == (without, 3)
        assert [b["line"] for b in document["bad_lines"]] == [GZ_RECORDS + 1, 301, 301]
    elif form == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [(r["code"], r["subcode"], r["count"]) for r in rows] == [
            ("487", "10004", str(with_code))
        ]
    else:
        assert f"<code>{damaged}:{GZ_RECORDS + 1}</code> corrupt gzip data: " in out
        assert f"<code>{cut}:301</code> not JSON: " in out


def test_gzip_members_one_after_another_are_one_log() -> None:
    # As `cat a.gz b.gz` makes them, one with its file name in its header,
    # and the zero padding some tools leave between members.
    _, lines = gz_lines("jsonl", 600)
    named = io.BytesIO()
    with gzip.GzipFile("calls.jsonl", "wb", fileobj=named, mtime=0) as packer:
        packer.write("".join(lines[:200]).encode("ascii"))
    first = named.getvalue()
    assert first[3] & 0x08  # FNAME: the header carries a file name
    data = first + b"\0" * 7 + gzip.compress("".join(lines[200:]).encode("ascii"))
    tally = tally_of(data)
    assert counts_of(tally) == (600, 400, 200, 0)
    garbage = tally_of(data + b"not gzip at all\n")
    assert counts_of(garbage) == (601, 400, 200, 1)
    assert garbage.bad_lines[0].error == (
        "corrupt gzip data: not a gzip member where one should start; the records "
        "before are counted"
    )


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (-1, "the data's length is not the one recorded"),  # the size, last
        (-8, "CRC check failed: the data is not what was compressed"),
    ],
)
def test_a_gzip_trailer_that_does_not_match_is_named(damage: int, said: str) -> None:
    _, lines = gz_lines("jsonl", 300)
    packed = bytearray(gzip.compress("".join(lines).encode("ascii")))
    packed[damage] ^= 0x01
    tally = tally_of(bytes(packed))
    assert counts_of(tally) == (301, 200, 100, 1)
    assert [(b.line, b.error) for b in tally.bad_lines] == [
        (301, f"corrupt gzip data: {said}; the records before are counted")
    ]


def test_a_gzip_cut_inside_its_header_is_one_bad_record() -> None:
    packed = gzip.compress(b'{"code": 487, "subCode": 10004}\n')
    for keep in (2, 5, 10):
        tally = tally_of(packed[:keep])
        assert counts_of(tally) == (1, 0, 0, 1)
        assert [(b.line, b.error) for b in tally.bad_lines] == [
            (
                1,
                "the gzip data ends early (a file cut short?); the records before "
                "are counted",
            )
        ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_gzipped_utf16_log_is_told_by_its_mark(encoding: str) -> None:
    # As Windows PowerShell 5 writes a redirected file, then compressed.
    _, lines = gz_lines("jsonl", 3000)
    text = "\ufeff" + "".join(lines)
    tally = tally_of(gzip.compress(text.encode(encoding)))
    assert counts_of(tally) == (3000, 2000, 1000, 0)


def test_zero_padding_longer_than_a_read_between_gzip_members() -> None:
    # Tape and block devices pad with zeros: 100 KiB of them, more than one
    # read of the compressed file, between two members.
    _, lines = gz_lines("jsonl", 600)
    first = gzip.compress("".join(lines[:300]).encode("ascii"))
    second = gzip.compress("".join(lines[300:]).encode("ascii"))
    tally = tally_of(first + b"\0" * 100_000 + second + b"\0" * 70_000)
    assert counts_of(tally) == (600, 400, 200, 0)


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_gzip_that_fails_between_cr_and_lf_cuts_no_line(form: str) -> None:
    # The failure falls inside a CRLF line ending: the line before it is whole.
    head, lines = gz_lines(form, 50)
    lines = [line.rstrip("\r\n") + "\r\n" for line in lines]
    text = head + "".join(lines)
    tally = tally_of(failing_at(text, len(head) + sum(map(len, lines[:20])) - 1))
    assert counts_of(tally) == (21, 13, 7, 1)
    assert tally.bad_lines[0].error.startswith("corrupt gzip data: ")


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_a_gzip_that_fails_one_character_into_a_line(form: str) -> None:
    head, lines = gz_lines(form, 50)
    text = head + "".join(lines)
    tally = tally_of(failing_at(text, len(head) + sum(map(len, lines[:20])) + 1))
    assert counts_of(tally) == (22, 13, 7, 2)
    cut = 21 + (1 if head else 0)
    assert [b.line for b in tally.bad_lines] == [cut, cut]


def test_a_gzip_of_blank_lines_that_fails_is_named_after_them() -> None:
    tally = tally_of(failing_at("\n" * 5, 5))
    assert counts_of(tally) == (1, 0, 0, 1)
    ((line, error),) = [(b.line, b.error) for b in tally.bad_lines]
    assert line == 6 and error.startswith("corrupt gzip data: ")


class FailingOnce(io.RawIOBase):
    """A stream that gives ``data``, fails once, then would give ``more``."""

    def __init__(self, data: bytes, more: bytes) -> None:
        self.data, self.more, self.failed = data, more, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.data and not self.failed:
            self.failed = True
            raise OSError(5, "Input/output error")
        if not self.data:
            self.data, self.more = self.more, b""
        n = min(len(buffer), len(self.data))
        buffer[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


def test_nothing_is_read_after_a_failure() -> None:
    # What a stream gives after it failed would be records past a gap.
    _, lines = gz_lines("jsonl", 30)
    stream = FailingOnce("".join(lines[:10]).encode(), "".join(lines[10:]).encode())
    tally = _report.Tally()
    _report.read(stream, "log", tally)  # type: ignore[arg-type]
    assert counts_of(tally) == (11, 6, 4, 1)
    assert [b.error for b in tally.bad_lines] == [
        "cannot read on: Input/output error; the records before are counted"
    ]
