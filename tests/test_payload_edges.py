"""The payload reader (runtime/payloads.py, as the module has it) at its
edges: the nesting limit exactly, bytes where text may stand, SDK objects
with some of their attributes, numbers as logs write them."""

from __future__ import annotations

import json
from types import SimpleNamespace

import acs_call_codes
import pytest
from acs_call_codes import find_pair

PAIR = {"code": 487, "subCode": 10004}


def nested(depth: int) -> object:
    """A pair ``depth`` holders down."""
    payload: object = PAIR
    for _ in range(depth):
        payload = {"data": payload}
    return payload


def test_the_nesting_limit_is_exact() -> None:
    limit = acs_call_codes._MAX_DEPTH
    assert find_pair(nested(limit))[:3] == (487, 10004, "payload" + ".data" * limit)
    with pytest.raises(ValueError, match="nested deeper than any ACS payload"):
        find_pair(nested(limit + 1))
    # As JSON text, and in a list of one, the same.
    assert find_pair(json.dumps(nested(limit)))[:2] == (487, 10004)
    with pytest.raises(ValueError, match="nested deeper than any ACS payload"):
        find_pair([nested(limit)])


@pytest.mark.parametrize("kind", [bytes, bytearray, str])
def test_a_holder_kept_as_bytes_or_text(kind: type) -> None:
    inner = json.dumps({"resultInformation": {**PAIR, "message": "DiagCode: 0#7000.@"}})
    text = "  \n" + inner
    held = kind(text, "utf-8") if kind is not str else text
    found = find_pair({"type": "x", "data": held})
    assert found == (
        487,
        10004,
        "payload.data.resultInformation",
        "DiagCode: 0#7000.@",
        (0, 7000),
    )
    # Words in a holder's place hold no code: the search goes on, or ends.
    words = kind("Timeout", "utf-8") if kind is not str else "Timeout"
    assert find_pair({"reason": words, "callEndReason": PAIR})[:3] == (
        487,
        10004,
        "payload.callEndReason",
    )
    with pytest.raises(ValueError, match="no code here"):
        find_pair({"reason": words})


@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_a_payload_as_bytes(kind: type) -> None:
    assert find_pair(kind(json.dumps([{"data": PAIR}]), "utf-8"))[:3] == (
        487,
        10004,
        "payload[0].data",
    )
    assert find_pair(kind("{code: 487, subCode: 10004}", "utf-8"))[:3] == (
        487,
        10004,
        "payload (text)",
    )
    with pytest.raises(ValueError, match="the payload is text but not JSON"):
        find_pair(kind("no pair in here", "utf-8"))


def test_an_sdk_object_with_a_code_and_no_subcode() -> None:
    assert find_pair(SimpleNamespace(code=487, message="gone"))[:4] == (
        487,
        None,
        "payload",
        "gone",
    )
    assert find_pair(SimpleNamespace(code="487", phrase="DiagCode: 0#7000"))[:5] == (
        487,
        None,
        "payload",
        "DiagCode: 0#7000",
        (0, 7000),
    )


@pytest.mark.parametrize("name", ["sub_code", "subcode", "sub_code_value"])
def test_an_sdk_object_s_subcode_by_each_name(name: str) -> None:
    found = find_pair(SimpleNamespace(code=487, **{name: "10004"}, message=None))
    assert found == (487, 10004, "payload", None, None)


def test_an_sdk_object_without_a_code() -> None:
    with pytest.raises(
        ValueError, match=r"payload\.code is None: the object carries no code"
    ):
        find_pair(SimpleNamespace(code=None, sub_code=1))
    with pytest.raises(
        TypeError, match=r"payload: a SimpleNamespace, which carries no code"
    ):
        find_pair(SimpleNamespace(sub_code=1))
    with pytest.raises(TypeError, match=r"payload: an object, which carries no code"):
        find_pair(object())


@pytest.mark.parametrize(
    "attribute", ["result_information", "call_end_reason", "reason", "data"]
)
def test_an_sdk_event_holds_its_result(attribute: str) -> None:
    inner = SimpleNamespace(code=400, sub_code=8535, message="m")
    event = SimpleNamespace(**{attribute: inner})
    assert find_pair(event)[:3] == (400, 8535, f"payload.{attribute}")
    # Words where a holder may be are passed over.
    words = SimpleNamespace(**{attribute: "Timeout"}, code=487, sub_code=0)
    assert find_pair(words)[:3] == (487, 0, "payload")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (487, 487),
        ("487", 487),
        (" 487 ", 487),
        ("487.0", 487),
        ("487.000", 487),
        (487.0, 487),
    ],
)
def test_codes_as_logs_write_them(value: object, expected: int) -> None:
    assert find_pair({"code": value, "subCode": value})[:2] == (expected, expected)


@pytest.mark.parametrize(
    ("value", "error", "said"),
    [
        ("487.5", ValueError, "payload.code is '487.5', not a code"),
        (".0", ValueError, "payload.code is '.0', not a code"),
        ("487.", ValueError, "payload.code is '487.', not a code"),
        (487.5, ValueError, "payload.code is 487.5, not a code"),
        ("\u0664\u0668\u0667", ValueError, "not a code"),
        (True, TypeError, "payload.code is a bool (True), not a code"),
        ("9" * 5000, ValueError, "payload.code has more digits than Python reads"),
    ],
)
def test_what_is_not_a_code(value: object, error: type[Exception], said: str) -> None:
    with pytest.raises(error) as raised:
        find_pair({"code": value, "subCode": 1})
    assert said in str(raised.value)


def test_an_empty_code_is_no_code_and_the_search_goes_on() -> None:
    found = find_pair({"code": "", "subCode": "", "data": {"code": 0, "subCode": ""}})
    assert found[:3] == (0, None, "payload.data")


def test_the_nesting_limit_through_an_sdk_object_s_attributes() -> None:
    limit = acs_call_codes._MAX_DEPTH

    def chain(depth: int) -> object:
        payload: object = SimpleNamespace(code=487, sub_code=10004)
        for _ in range(depth):
            payload = SimpleNamespace(result_information=payload)
        return payload

    assert find_pair(chain(limit))[:3] == (
        487,
        10004,
        "payload" + ".result_information" * limit,
    )
    with pytest.raises(ValueError, match="nested deeper than any ACS payload"):
        find_pair(chain(limit + 1))


def test_a_message_that_is_not_text_is_no_message() -> None:
    assert find_pair({"code": 1, "subCode": 2, "message": 5}) == (
        1,
        2,
        "payload",
        None,
        None,
    )
    assert find_pair(
        SimpleNamespace(code=1, sub_code=2, message=["DiagCode: 0#1"])
    ) == (
        1,
        2,
        "payload",
        None,
        None,
    )


def test_an_empty_code_key_gives_way_to_the_next() -> None:
    found = find_pair({"participantEndReason": None, "code": 5, "subCode": 6})
    assert found[:3] == (5, 6, "payload")
    found = find_pair(
        {"ParticipantEndReason": "", "ParticipantEndSubCode": "", "code": 5}
    )
    assert found[:3] == (5, None, "payload")


class Xenon:
    """A class whose name starts with a consonant that is a vowel's neighbour."""


@pytest.mark.parametrize(
    ("payload", "kind"),
    [(Xenon(), "a Xenon"), (5, "an int"), (5.5, "a float"), (object(), "an object")],
)
def test_a_payload_of_no_known_kind_is_named_with_its_article(
    payload: object, kind: str
) -> None:
    with pytest.raises(TypeError, match=f"^payload: {kind}, which carries no code"):
        find_pair(payload)


class RecognizeFailed:
    """An SDK event by its class name, as the Call Automation SDK has them."""

    def __init__(self) -> None:
        self.result_information = SimpleNamespace(code=400, sub_code=8510)


@pytest.mark.parametrize(
    ("payload", "event"),
    [
        (
            {"type": "Microsoft.Communication.PlayFailed", "data": {}},
            "Microsoft.Communication.PlayFailed",
        ),
        (
            {"EventType": "Microsoft.Communication.CallEnded"},
            "Microsoft.Communication.CallEnded",
        ),
        ([{"type": "A.B"}], "A.B"),
        ([{"type": "A.B"}, {"type": "C.D"}], None),
        ([], None),
        ({"type": ""}, None),
        ({"type": 5}, None),
        (SimpleNamespace(type="X.Y", code=1), "X.Y"),
        (SimpleNamespace(event_type="X.Z"), "X.Z"),
        (SimpleNamespace(type="", event_type="X.Z"), "X.Z"),
        (RecognizeFailed(), "RecognizeFailed"),
        (SimpleNamespace(code=1), None),
        (None, None),
        ('{"type": "A.B"}', None),
    ],
)
def test_the_event_a_payload_is(payload: object, event: str | None) -> None:
    assert acs_call_codes.find_event(payload) == event


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "code: 487 subCode: 1, code: 490 subCode: 1",
            "the text names more than one pair (codes 487, 490); explain each",
        ),
        (
            "code: 487 subCode: 1, code: 487 subCode: 2",
            "the text names more than one pair (codes 487); explain each",
        ),
        (
            "code: 487 subCode: " + "9" * 5000,
            "payload (text) subCode has more digits than Python reads",
        ),
        (
            "code: " + "9" * 5000,
            "payload (text) code has more digits than Python reads",
        ),
    ],
)
def test_text_that_names_too_much(text: str, said: str) -> None:
    with pytest.raises(ValueError) as raised:
        find_pair(text)
    assert str(raised.value) == said


def test_text_that_names_a_pair() -> None:
    assert find_pair("CODE: 487, SubCode=10004")[:3] == (487, 10004, "payload (text)")
    assert find_pair(b"code=487 \xff")[:2] == (487, None)
    assert find_pair("DiagCode: 0#7000 at the end")[:2] == (0, 7000)
