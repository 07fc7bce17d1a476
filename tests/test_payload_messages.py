"""What the payload reader (runtime/payloads.py, as the module has it) says
where a payload carries no readable code, word for word and at its place:
the messages users read in their logs. And the paths the other payload tests
leave: ``find_pairs`` over an SDK object, over plain text, over a holder that
is words or whose code is empty; details on SDK objects; codes written as
text that are no codes."""

from __future__ import annotations

import acs_call_codes as m
import pytest
from acs_call_codes import (
    NoCodeError,
    PayloadError,
    PayloadTypeError,
    SipDetails,
    WordingChoice,
    find_pair,
    find_pairs,
    find_result,
)

EXPECTED = (
    "expected code and subCode, participantEndReason and participantEndSubCode, "
    "or an object holding them: resultInformation, callEndReason, reason, data, "
    "properties"
)
NOT_A_HOLDER = (
    "which carries no code: expected an object with code and sub_code (or "
    "result_information), a mapping, or JSON"
)


class Sdk:
    """An SDK object: its attributes as given."""

    def __init__(self, **attributes: object) -> None:
        self.__dict__.update(attributes)


def _refused(payload: object) -> str:
    with pytest.raises((TypeError, ValueError)) as refused:
        find_result(payload)
    return str(refused.value)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, f"payload: no code here (keys: none); {EXPECTED}"),
        (
            {f"k{n:02}": 1 for n in range(13)},  # the first twelve are named
            "payload: no code here (keys: "
            + ", ".join(f"k{n:02}" for n in range(12))
            + f"); {EXPECTED}",
        ),
        ({"data": "words"}, f"payload: no code here (keys: data); {EXPECTED}"),
    ],
    ids=["empty", "many-keys", "words-in-a-holder"],
)
def test_a_mapping_without_a_code_says_which_keys_it_has(
    payload: object, message: str
) -> None:
    with pytest.raises(NoCodeError) as refused:
        find_pair(payload)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("payload", "kind"),
    [(1.5, "a float"), (7, "an int"), (object(), "an object")],
)
def test_what_holds_no_code_is_named_with_its_article(
    payload: object, kind: str
) -> None:
    with pytest.raises(PayloadTypeError) as refused:
        find_pair(payload)
    assert str(refused.value) == f"payload: {kind}, {NOT_A_HOLDER}"


def test_text_nested_too_deep_is_refused_by_every_reader() -> None:
    text = "[" * 200_000
    said = "payload: nested deeper than any ACS payload"
    for read in (find_pair, find_result, lambda p: list(find_pairs(p))):
        with pytest.raises(PayloadError) as refused:
            read(text)
        assert str(refused.value) == said


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (Sdk(code=487, sub_code="busy"), "payload.sub_code is 'busy', not a code"),
        (Sdk(code="x", sub_code=1), "payload.code is 'x', not a code"),
        (
            Sdk(code=487, sub_code=1, sip_details=Sdk(code="busy")),
            "payload.sip_details.code is 'busy', not a code",
        ),
        (
            {"code": 487, "subCode": 1, "sipDetails": "{busy"},
            "payload.sipDetails is text but not JSON: Expecting property name "
            "enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ({"code": "-487", "subCode": "1"}, "payload.code is '-487', not a code: "
         "codes are never negative"),
        ({"code": "487.X", "subCode": "1"}, "payload.code is '487.X', not a code"),
        ({"code": "487.0.0", "subCode": "1"}, "payload.code is '487.0.0', not a code"),
        ({"code": "-x", "subCode": "1"}, "payload.code is '-x', not a code"),
        # Digits of another script: int() reads them, a log never writes them.
        ({"code": "-\u0664\u0668\u0667", "subCode": "1"},
         "payload.code is '-\u0664\u0668\u0667', not a code"),
        ({"code": "-\u066487", "subCode": "1"}, "payload.code is '-\u066487', not a code"),
    ],
    ids=[
        "sdk-subcode", "sdk-code", "sdk-sip-code", "sip-text", "negative-text",
        "dot-letters", "two-dots", "dash-letters", "dash-arabic", "dash-mixed",
    ],
)  # fmt: skip
def test_a_bad_value_is_named_at_its_place(payload: object, message: str) -> None:
    assert _refused(payload) == message


def test_details_on_sdk_objects_without_a_message_or_with_one_not_text() -> None:
    for details in (Sdk(code=486), Sdk(code=486, message=5)):
        *_, sip, _ = find_result(Sdk(code=487, sub_code=1, sip_details=details))
        assert sip == SipDetails(486, None)
    *_, sip, _ = find_result(
        Sdk(code=487, sub_code=1, sip_details=Sdk(code=486, message="m"))
    )
    assert sip == SipDetails(486, "m")


def test_find_pairs_reads_an_sdk_object_and_plain_text() -> None:
    assert [p[:3] for p in find_pairs(Sdk(code=487, sub_code=10004))] == [
        (487, 10004, "payload")
    ]
    text = "participantEndReason=487, participantEndSubCode=10004"
    assert [p[:4] for p in find_pairs(text)] == [(487, 10004, "payload (text)", text)]
    # A code without a subcode, in text: the code alone.
    assert find_pair("participantEndReason=487 and more")[:2] == (487, None)


def test_find_pairs_passes_over_words_and_looks_past_an_empty_code() -> None:
    assert list(find_pairs({"data": "code: 487, subCode: 10004"})) == []
    with pytest.raises(PayloadError) as refused:
        list(find_pairs({"data": "{code"}))
    assert str(refused.value).startswith("payload.data is text but not JSON: ")
    found = find_pairs(
        {
            "code": "",
            "subCode": "",
            "data": [{"code": 487, "subCode": 10004}, {"code": 480, "subCode": 10037}],
        }
    )
    assert [p[:3] for p in found] == [
        (487, 10004, "payload.data[0]"),
        (480, 10037, "payload.data[1]"),
    ]


def test_find_pairs_counts_holders_toward_the_nesting_limit() -> None:
    holders: object = {"code": 1}
    for _ in range(m._MAX_DEPTH):
        holders = {"data": holders}
    assert [p[0] for p in find_pairs(holders)] == [1]
    with pytest.raises(PayloadError, match=r"^payload(\.data){9}: nested deeper"):
        list(find_pairs({"data": holders}))


def test_one_event_alone_is_explained_with_its_own_wording() -> None:
    (code, subcode), event = next(
        (pair, wording.events[0])
        for pair, reason in m.CALL_END_REASONS.items()
        for wording in reason.wordings[1:]
        if wording.events
    )
    body = {
        "type": f"Microsoft.Communication.{event}",
        "data": {"resultInformation": {"code": code, "subCode": subcode}},
    }
    (found,) = m.explain_payloads(body)
    assert found.wording_choice is WordingChoice.EVENT
    assert found.wording is not None and event in found.wording.events


def test_words_where_a_payload_is_expected_are_not_read_as_json() -> None:
    said = f"payload[0]: a str, {NOT_A_HOLDER}"
    for read in (find_pair, lambda p: list(find_pairs(p))):
        with pytest.raises(PayloadTypeError) as refused:
            read(["Timeout"])
        assert str(refused.value) == said


def test_text_that_names_a_code_and_a_diagcode_keeps_both() -> None:
    text = "participantEndReason=487 DiagCode: 480#10037"
    code, subcode, where, message, diagnostic, *_ = find_result(text)
    assert (code, subcode, where, message) == (487, None, "payload (text)", text)
    assert diagnostic == (480, 10037)
