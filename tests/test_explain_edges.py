"""The explain ladder (runtime/explain.py, as the module has it) at its edges:
what it refuses and how it says so, numbers past Python's digits, and which
pair answers when a message's DiagCode names another."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from acs_call_codes import (
    Code,
    MatchLevel,
    SubCode,
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
