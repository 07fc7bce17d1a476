"""The explain ladder (runtime/explain.py, as the module has it) at its edges:
what it refuses and how it says so, numbers past Python's digits, and which
pair answers when a message's DiagCode names another."""

from __future__ import annotations

import re
from http import HTTPStatus

import acs_call_codes
import pytest
from acs_call_codes import (
    Code,
    MatchLevel,
    SubCode,
    WordingChoice,
    explain,
    explain_payload,
    lookup,
)
from spec_examples import ABSENT_SUBCODE, CLASS_ONLY_CODE, CODE_CLASSES, PLAIN_REASON

PLAIN = (PLAIN_REASON.code, PLAIN_REASON.subcode)
#: A number that is no code and in no code class's range.
NOWHERE = 987654


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("487",), "code must be an int or a Code, not str: '487'"),
        ((True,), "code must be an int or a Code, not bool: True"),
        ((487.0,), "code must be an int or a Code, not float: 487.0"),
        (
            (HTTPStatus.OK,),
            "code must be an int or a Code, not HTTPStatus: <HTTPStatus.OK: 200>",
        ),
        ((487, "0"), "subcode must be an int or a SubCode, not str: '0'"),
        ((487, False), "subcode must be an int or a SubCode, not bool: False"),
        (
            (487, HTTPStatus.OK),
            "subcode must be an int or a SubCode, not HTTPStatus: <HTTPStatus.OK: 200>",
        ),
        (([487],), "code must be an int or a Code, not list: [487]"),
    ],
)
def test_what_explain_refuses_it_names(args: tuple[object, ...], message: str) -> None:
    for _ in range(2):  # and the second time, when answers may be kept
        with pytest.raises(TypeError) as raised:
            explain(*args)  # type: ignore[arg-type]
        assert str(raised.value) == message


def test_members_are_numbers_of_their_own_enum() -> None:
    code, subcode = PLAIN
    found = explain(Code(code), SubCode(subcode))
    assert found.match is MatchLevel.REASON
    assert found.code is Code(code) and found.subcode is SubCode(subcode)
    assert explain(code, subcode) == found
    with pytest.raises(
        TypeError, match="subcode must be an int or a SubCode, not Code"
    ):
        explain(code, Code(code))


def test_numbers_past_python_s_digits_are_described() -> None:
    huge = 10**5000
    found = explain(huge, huge)
    assert found.match is MatchLevel.UNKNOWN
    bits = huge.bit_length()
    assert found.message == (
        f"No documented meaning for code a {bits}-bit integer with subcode a "
        f"{bits}-bit integer."
    )
    assert explain(-1).message == "No documented meaning for code -1."
    assert explain(-1, 0).message == "No documented meaning for code -1 with subcode 0."


def test_a_code_class_names_its_range() -> None:
    found = explain(CLASS_ONLY_CODE, ABSENT_SUBCODE)
    assert found.match is MatchLevel.CODE_CLASS
    (span,) = [span for span in CODE_CLASSES.values() if CLASS_ONLY_CODE in span]
    assert found.message == f"{found.code_class.value} ({span.start}-{span.stop - 1})."  # type: ignore[union-attr]
    assert found.reason is None and found.code_info is None


def test_lookup_is_exact() -> None:
    assert lookup(*PLAIN) is not None
    assert lookup(PLAIN[0], ABSENT_SUBCODE) is None
    assert lookup(CLASS_ONLY_CODE, PLAIN[1]) is None or CLASS_ONLY_CODE == PLAIN[0]


def test_the_diagcode_answers_only_where_it_says_more() -> None:
    code, subcode = PLAIN
    assert explain(NOWHERE, NOWHERE).match is MatchLevel.UNKNOWN
    # The payload's own pair is documented: it answers, whatever the DiagCode.
    own = explain_payload(
        {"code": code, "subCode": subcode, "message": f"DiagCode: {CLASS_ONLY_CODE}#1"}
    )
    assert (own.code, own.subcode, own.match) == (code, subcode, MatchLevel.REASON)
    # The payload's pair says less than the DiagCode's: the DiagCode answers.
    inner = explain_payload(
        {"code": NOWHERE, "subCode": 1, "message": f"DiagCode: {code}#{subcode}.@"}
    )
    assert (inner.code, inner.subcode, inner.match) == (
        code,
        subcode,
        MatchLevel.REASON,
    )
    # Neither says anything: the payload's own pair.
    neither = explain_payload(
        {"code": NOWHERE, "subCode": 2, "message": f"DiagCode: {NOWHERE + 1}#3"}
    )
    assert (neither.code, neither.subcode) == (NOWHERE, 2)
    # Equally specific: the payload's own pair.
    same = explain_payload(
        {
            "code": CLASS_ONLY_CODE,
            "subCode": ABSENT_SUBCODE,
            "message": f"DiagCode: {CLASS_ONLY_CODE}#{ABSENT_SUBCODE + 1}",
        }
    )
    assert (same.code, same.subcode) == (CLASS_ONLY_CODE, ABSENT_SUBCODE)


def _words(text: str) -> set[str]:
    return set(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _several_wordings() -> list[tuple[tuple[int, int], int]]:
    """Each documented pair with several wordings, and a wording of it whose
    words are not all in another's (so its message names it alone)."""
    found = []
    for pair, reason in acs_call_codes._REASONS.items():
        wordings = reason.wordings
        for at, wording in enumerate(wordings):
            words = _words(wording.message)
            others = [_words(w.message) for i, w in enumerate(wordings) if i != at]
            if (
                at
                and len(words) > 2
                and not any(words <= o or o <= words for o in others)
            ):
                found.append(((int(pair[0]), int(pair[1])), at))
                break
    return found


SEVERAL = _several_wordings()


def test_the_catalog_has_pairs_worded_several_times() -> None:
    assert len(SEVERAL) >= 3


@pytest.mark.parametrize(("pair", "at"), SEVERAL)
def test_the_wording_the_service_s_message_says(pair: tuple[int, int], at: int) -> None:
    code, subcode = pair
    reason = acs_call_codes._REASONS[pair]
    wording = reason.wordings[at]
    first = explain_payload({"code": code, "subCode": subcode})
    assert first.wording_choice is WordingChoice.FIRST
    assert first.message == reason.wordings[0].message
    said = wording.message.upper().replace(" ", "  ") + " DiagCode: 0#7000.@"
    for payload in (
        {"code": code, "subCode": subcode, "message": said},
        {
            "data": {
                "resultInformation": {"code": code, "subCode": subcode, "message": said}
            }
        },
    ):
        found = explain_payload(payload)
        assert found.wording_choice is WordingChoice.MESSAGE
        assert found.wording == wording
        assert found.message == wording.message
        assert found.advice == (wording.advice or first.advice)
        assert found.result_category == (
            wording.result_category or first.result_category
        )
        assert (found.code, found.subcode, found.match) == (
            code,
            subcode,
            MatchLevel.REASON,
        )
        assert found.reason == first.reason
    # Words that are not the wording's whole words name none of them.
    partial = " ".join(sorted(_words(wording.message))[:2])
    assert (
        explain_payload(
            {"code": code, "subCode": subcode, "message": partial}
        ).wording_choice
        is WordingChoice.FIRST
    )


def test_the_wording_an_event_names() -> None:
    named = [
        (pair, wording)
        for pair, reason in acs_call_codes._REASONS.items()
        for wording in reason.wordings[1:]
        if wording.events
    ]
    assert named
    for pair, wording in named:
        code, subcode = int(pair[0]), int(pair[1])
        event = wording.events[0]
        for payload in (
            {
                "type": f"Microsoft.Communication.{event}",
                "data": {"resultInformation": {"code": code, "subCode": subcode}},
            },
            [
                {
                    "eventType": f"Microsoft.Communication.{event.upper()}",
                    "data": {"resultInformation": {"code": code, "subCode": subcode}},
                }
            ],
        ):
            found = explain_payload(payload)
            assert found.wording_choice is WordingChoice.EVENT, (pair, event)
            assert event.casefold() in (e.casefold() for e in found.wording.events)  # type: ignore[union-attr]
            assert found.message == found.wording.message  # type: ignore[union-attr]
        other = explain_payload(
            {
                "type": "Microsoft.Communication.NoSuchEvent",
                "data": {"resultInformation": {"code": code, "subCode": subcode}},
            }
        )
        assert other.wording_choice is WordingChoice.FIRST


def test_explain_takes_the_event_s_wording_too() -> None:
    named = [
        (pair, wording)
        for pair, reason in acs_call_codes._REASONS.items()
        for wording in reason.wordings[1:]
        if wording.events
    ]
    for pair, wording in named:
        code, subcode = int(pair[0]), int(pair[1])
        event = wording.events[0]
        found = explain(code, subcode, event=f"Microsoft.Communication.{event}")
        assert found.wording_choice is WordingChoice.EVENT
        assert found.message == wording.message or event in found.wording.events  # type: ignore[union-attr]
        assert (found.code, found.subcode) == (code, subcode)
        plain = explain(code, subcode)
        assert plain.wording_choice is WordingChoice.FIRST
        assert explain(code, subcode, event="NoSuchEvent") == plain


def test_explain_payloads_explains_each_event() -> None:
    code, subcode = PLAIN
    body = [
        {
            "type": "A",
            "data": {"resultInformation": {"code": code, "subCode": subcode}},
        },
        {"type": "B", "data": {"resultInformation": {"code": NOWHERE, "subCode": 1}}},
    ]
    found = list(acs_call_codes.explain_payloads(body))
    assert [(f.code, f.subcode) for f in found] == [(code, subcode), (NOWHERE, 1)]
    assert found[0] == explain_payload(body[0])
    assert [f.match for f in found] == [MatchLevel.REASON, MatchLevel.UNKNOWN]


@pytest.mark.parametrize(
    ("subcode", "status", "direction"),
    [
        # 599 is in no SIP registry: the number alone, no phrase.
        (560599, "SIP 599", "an outbound call"),
        (540608, "SIP 608 Rejected", "an inbound call"),
    ],
)
def test_the_sbc_rule_names_the_sip_status_and_the_direction(
    subcode: int, status: str, direction: str
) -> None:
    found = explain(487, subcode)
    assert found.match is MatchLevel.RULE
    assert found.message.startswith(
        f"{status}: the customer's session border controller (SBC) gave this "
        f"final response on {direction}. "
    )
    assert found.rule is not None
    assert found.rule.direction is not None
    assert found.rule.direction in direction


@pytest.mark.parametrize("first", ["lookup", "explain"])
def test_the_first_lookup_or_explain_makes_the_rows(
    first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a module just imported: the rows not yet made, lookup not yet
    # bound to them, nothing explained.
    code, subcode = PLAIN
    row = lookup(code, subcode)
    assert row is not None
    monkeypatch.setattr(acs_call_codes, "_tables_made", [False])
    monkeypatch.setattr(acs_call_codes, "_REASONS", {})
    monkeypatch.setattr(acs_call_codes, "_reason_of", acs_call_codes._first_reason_of)
    monkeypatch.setattr(acs_call_codes, "_EXPLAINED", {})
    if first == "lookup":
        assert lookup(code, subcode) == row
        assert lookup(code, subcode) == row  # from then on, the table's own get
    found = explain(code, subcode)
    assert (found.match, found.reason) == (MatchLevel.REASON, row)
    assert lookup(code, subcode) == row
