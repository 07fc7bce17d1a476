"""The report's reading and counting at their edges: lines numbered after a
chunk is read and after reading resyncs, blank CSV lines, a record that is a
JSON array on its own line, the record-size limit at its exact boundary.

Each test states what a user sees (the counts, the line an error names);
`make mutants` (docs/testing.md) shows that these edges are held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import _report
import pytest
from _report.jsontext import JsonText
from _report.records import Bad
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
    assert found[0][1].startswith("not JSON: Expecting value at column 1")
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
