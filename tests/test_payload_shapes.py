"""Real payloads, the SIP and Q.850 details beside a pair, payloads of several
events, and the edges of runtime/payloads.py.

The fixtures under tests/fixtures/payloads/real/ were captured from SDK
recordings, SDK tests, Microsoft's documentation and public bug reports; the
``.txt`` beside each names its source and licence. Each test here asserts
what the reader finds in them, as text, bytes and parsed JSON.

find_pair and its kin are runtime/payloads.py's as written (what mutation
testing changes); explain_payload and explain_payloads are the generated
module's, whose exceptions are its own classes (``m.PayloadError``).
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from pathlib import Path

import acs_call_codes as m
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime import payloads
from runtime.payloads import (
    NoCodeError,
    PayloadError,
    find_pair,
    find_pairs,
    find_result,
)

REAL = Path(__file__).parent / "fixtures" / "payloads" / "real"


def real(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def as_given(text: str) -> list[object]:
    """A payload as users hold it: text, bytes, parsed."""
    return [text, text.encode("utf-8"), json.loads(text)]


# --- real shapes ---------------------------------------------------------------

REAL_SHAPES = [
    # name, (code, subcode), where, DiagCode pair
    (
        "net_recording_envelope.json",
        (200, 5002),
        "payload.entries[0].body[0].data.resultInformation",
        (0, 5002),
    ),
    (
        "net_recording_create_call_failed.json",
        (200, 5002),
        "payload[0].data.resultInformation",
        (0, 5002),
    ),
    ("js_calling_error_underscore_keys.json", (0, 5317), "payload.error", None),
    ("teams_call_end.json", (408, 10056), "payload.callEnd", None),
    (
        "graph_notification_transfer.json",
        (0, 7015),
        "payload.value[0].resourceData.resultInfo",
        None,
    ),
    (
        "graph_notification_terminated.json",
        (200, 5001),
        "payload.value[0].resourceData.resultInfo",
        None,
    ),
    (
        "result_information_sip_q850.json",
        (500, 560503),
        "payload.ResultInformation",
        None,
    ),
    (
        "py_recording_cancel_add_participant.json",
        (200, 5300),
        "payload.data.resultInformation",
        (0, 5300),
    ),
    (
        "py_recording_hold_audio_completed.json",
        (400, 8508),
        "payload.data.resultInformation",
        None,
    ),
    (
        "py_issue_recognize_failed.json",
        (500, 9999),
        "payload[0].data.resultInformation",
        None,
    ),
    (
        "java_media_streaming_failed.json",
        (500, 8603),
        "payload[0].data.resultInformation",
        None,
    ),
]


@pytest.mark.parametrize(("name", "pair", "where", "diagnostic"), REAL_SHAPES)
def test_real_shapes(
    name: str,
    pair: tuple[int, int],
    where: str,
    diagnostic: tuple[int, int] | None,
) -> None:
    for payload in as_given(real(name)):
        code, subcode, found_where, _, found_diagnostic = find_pair(payload)
        assert ((code, subcode), found_where, found_diagnostic) == (
            pair,
            where,
            diagnostic,
        )
        # One payload of one event: find_pairs finds the same one.
        assert [p[:5] for p in find_pairs(payload)] == [find_pair(payload)]


def test_real_messages_are_the_services_words() -> None:
    assert find_pair(real("teams_call_end.json"))[3] == (
        "Call Controller timed out while waiting for acknowledgement."
    )
    assert find_pair(real("js_calling_error_underscore_keys.json"))[3] == (
        "ActionNotAllowed"
    )


def test_every_real_fixture_names_its_source() -> None:
    names = sorted(p.name for p in REAL.glob("*.json"))
    assert len(names) == len(REAL_SHAPES) + 2  # and the two refused below
    for name in names:
        note = (REAL / name).with_suffix(".txt").read_text(encoding="utf-8")
        assert "Source: " in note, name


def test_real_shapes_without_one_pair_are_refused() -> None:
    # Event Grid's CallEnded carries no code at all.
    with pytest.raises(NoCodeError, match=r"^payload\[0\]\.data: no code here"):
        find_pair(real("eventgrid_call_ended_no_code.json"))
    assert list(find_pairs(real("eventgrid_call_ended_no_code.json"))) == []
    # A test harness's mapping of event type to events: keys that name event
    # types hold no code find_pair looks for.
    with pytest.raises(NoCodeError, match="keys: CallDisconnected, PlayFailed"):
        find_pair(real("py_recording_by_event_type.json"))


def test_real_shapes_explained() -> None:
    # The DiagCode's pair (0, 5300) is a documented row, so it answers.
    cancel = m.explain_payload(real("py_recording_cancel_add_participant.json"))
    assert (cancel.code, cancel.subcode, cancel.match) == (
        0,
        5300,
        m.MatchLevel.REASON,
    )
    web = m.explain_payload(real("js_calling_error_underscore_keys.json"))
    assert web.reason is m.lookup(0, 5317)


# --- SIP and Q.850 details -----------------------------------------------------


def test_sip_and_q850_details_of_the_documented_example() -> None:
    for payload in as_given(real("result_information_sip_q850.json")):
        found = find_result(payload)
        assert found[:5] == find_pair(payload)
        assert found[5:] == (
            m.SipDetails(486, "Busy Here"),
            m.Q850Details(17, "User busy"),
        )
    explained = m.explain_payload(real("result_information_sip_q850.json"))
    assert explained.sip_details == m.SipDetails(486, "Busy Here")
    assert explained.q850_details == m.Q850Details(17, "User busy")
    # The rest is explain's answer for the pair.
    assert m.explain(500, 560503).sip_details is None
    assert explained.message == m.explain(500, 560503).message


@pytest.mark.parametrize(
    ("sip_key", "q850_key"),
    [
        ("sipDetails", "q850Details"),
        ("SipDetails", "Q850Details"),
        ("sip_details", "q850_details"),
        ("SIPDETAILS", "Q850DETAILS"),
    ],
)
def test_details_in_any_spelling(sip_key: str, q850_key: str) -> None:
    payload = {
        "data": {
            "resultInformation": {
                "code": 500,
                "subCode": 560486,
                "message": "m",
                sip_key: {"code": "486", "message": "Busy Here"},
                q850_key: json.dumps({"Code": 17}),  # JSON text, no message
            }
        }
    }
    assert find_result(payload)[5:] == (
        m.SipDetails(486, "Busy Here"),
        m.Q850Details(17, None),
    )


@pytest.mark.parametrize(
    "details",
    [None, {}, {"code": None, "message": "nothing"}, "", "n/a"],
)
def test_details_without_a_code_are_none(details: object) -> None:
    payload = {"code": 487, "subCode": 10004, "sipDetails": details}
    assert find_result(payload)[5:] == (None, None)
    assert m.explain_payload(payload) == m.explain(487, 10004)


def test_details_with_a_malformed_code_say_where() -> None:
    with pytest.raises(
        PayloadError, match=r"^payload\.resultInformation\.sipDetails\.code is 'busy'"
    ):
        find_result(
            {"resultInformation": {"code": 500, "sipDetails": {"code": "busy"}}}
        )


@dataclass
class SipDiagnosticInfo:
    """The SDKs' model of a detail: code and message."""

    code: int | None
    message: str | None


@dataclass
class ResultInformation:
    """The Python Call Automation SDK's model, with its details."""

    code: int | None
    sub_code: int | None
    message: str | None = None
    sip_details: SipDiagnosticInfo | None = None
    q850_details: SipDiagnosticInfo | None = None


def test_details_of_an_sdk_object() -> None:
    info = ResultInformation(
        500,
        560486,
        "m",
        SipDiagnosticInfo(486, "Busy Here"),
        SipDiagnosticInfo(17, None),
    )
    assert find_result(info)[5:] == (
        m.SipDetails(486, "Busy Here"),
        m.Q850Details(17, None),
    )
    assert find_result(ResultInformation(500, 1, None, SipDiagnosticInfo(None, "x")))[
        5:
    ] == (None, None)


def test_details_are_frozen_records() -> None:
    import dataclasses
    import pickle

    detail = m.SipDetails(486, "Busy Here")
    assert dataclasses.astuple(detail) == (486, "Busy Here")
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.code = 1  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(detail)) == detail
    assert repr(detail) == "SipDetails(code=486, message='Busy Here')"
    assert detail != m.Q850Details(486, "Busy Here")
    assert hash(detail) == hash(m.SipDetails(486, "Busy Here"))


def test_details_name_their_members() -> None:
    assert m.SipDetails(486, None).status is m.SipStatus.BUSY_HERE
    assert m.Q850Details(17, None).cause is m.Q850Cause.USER_BUSY
    assert m.SipDetails(499, "not registered").status is None
    assert m.Q850Details(126, None).cause is None


# --- errors --------------------------------------------------------------------


def test_the_errors_are_public_and_keep_their_bases() -> None:
    for name in ("PayloadError", "NoCodeError", "PayloadTypeError"):
        assert name in m.__all__
    assert issubclass(m.NoCodeError, m.PayloadError)
    assert issubclass(m.PayloadError, ValueError)
    assert issubclass(m.PayloadTypeError, TypeError)
    assert issubclass(m.PayloadTypeError, m.PayloadError)
    with pytest.raises(m.NoCodeError):
        m.explain_payload({"data": {}})
    with pytest.raises(m.PayloadTypeError, match="an int, which carries no code"):
        m.explain_payload(42)
    with pytest.raises(m.PayloadTypeError, match="is a bool"):
        m.explain_payload({"code": False})
    # Code written against the former name keeps working.
    assert payloads._NoCodeError is NoCodeError


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ((1, 2), "payload: a tuple of 2 items; explain_payloads"),
        ([1, 2], "payload: a list of 2 items; explain_payloads"),
        ({"data": ({"code": 1}, {"code": 2})}, "payload.data: a tuple of 2 items"),
    ],
)
def test_several_items_are_named_by_their_kind(payload: object, words: str) -> None:
    with pytest.raises(PayloadError) as caught:
        find_pair(payload)
    assert str(caught.value).startswith(words)
    with pytest.raises(m.PayloadError, match="explain_payloads"):
        m.explain_payload(payload)


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"code": -1}, "payload.code is -1, not a code: codes are never negative"),
        ({"code": "-1"}, "payload.code is '-1', not a code: codes are never negative"),
        ({"code": -5.0}, "payload.code is -5, not a code"),
        ({"code": 487, "subCode": -10004}, "payload.subCode is -10004"),
        ({"ParticipantEndReason": " -487 "}, "codes are never negative"),
    ],
)
def test_negative_codes_are_refused(payload: object, words: str) -> None:
    with pytest.raises(PayloadError) as caught:
        find_pair(payload)
    assert words in str(caught.value)
    assert not isinstance(caught.value, NoCodeError)


@pytest.mark.parametrize(
    "record",
    [
        {"participant_end_reason": "487", "participant_end_sub_code": "10004"},
        {"PARTICIPANT_END_REASON": 487, "participant_end_subcode": 10004},
        {"result_information": {"code": 487, "sub_code": 10004}},
        {"call_end_reason": {"Code": 487, "Sub_Code": 10004}},
    ],
)
def test_snake_case_keys(record: dict[str, object]) -> None:
    assert find_pair(record)[:2] == (487, 10004)


def test_an_underscore_spelling_gives_way_to_the_plain_one() -> None:
    assert find_pair({"_code": 1, "code": 487, "_subCode": 2, "subCode": 0})[:2] == (
        487,
        0,
    )
    assert find_pair({"code": 487, "_code": 1})[:2] == (487, None)


# --- several events ------------------------------------------------------------


def event(kind: str, result: tuple[int, int] | None) -> dict[str, object]:
    data: dict[str, object] = {"callConnectionId": "c"}
    if result is not None:
        data["resultInformation"] = {"code": result[0], "subCode": result[1]}
    return {"type": f"Microsoft.Communication.{kind}", "data": data}


def test_a_callback_of_several_events() -> None:
    body = [
        event("CallConnected", None),
        event("PlayFailed", (400, 8535)),
        event("ParticipantsUpdated", None),
        event("CallDisconnected", (200, 7000)),
    ]
    for payload in as_given(json.dumps(body)):
        assert [p[:3] for p in find_pairs(payload)] == [
            (400, 8535, "payload[1].data.resultInformation"),
            (200, 7000, "payload[3].data.resultInformation"),
        ]
        assert [(e.code, e.subcode) for e in m.explain_payloads(payload)] == [
            (400, 8535),
            (200, 7000),
        ]
    with pytest.raises(m.PayloadError, match="a list of 4 items; explain_payloads"):
        m.explain_payload(body)


def test_several_graph_notifications_and_recorded_entries() -> None:
    one = json.loads(real("graph_notification_transfer.json"))["value"][0]
    two = json.loads(real("graph_notification_terminated.json"))["value"][0]
    graph = {"value": [one, two]}
    assert [p[:2] for p in find_pairs(graph)] == [(0, 7015), (200, 5001)]
    entry = json.loads(real("net_recording_envelope.json"))["entries"][0]
    body = json.loads(entry["body"])
    entries = {"entries": [dict(entry, body=json.dumps(body * 2)), {"body": "[]"}]}
    assert [p[2] for p in find_pairs(entries)] == [
        "payload.entries[0].body[0].data.resultInformation",
        "payload.entries[0].body[1].data.resultInformation",
    ]


def test_several_events_stop_at_a_malformed_code() -> None:
    body = [event("PlayFailed", (400, 8535)), {"code": "BadRequest"}]
    found = m.explain_payloads(body)
    assert next(found).subcode == 8535
    with pytest.raises(m.PayloadError, match=r"^payload\[1\]\.code is 'BadRequest'"):
        next(found)


def test_several_events_of_text_that_is_not_json() -> None:
    assert [p[:2] for p in find_pairs("code: 487, subCode: 10004")] == [(487, 10004)]
    with pytest.raises(PayloadError, match="text but not JSON"):
        list(find_pairs("the call failed"))
    assert list(find_pairs([])) == []


# --- nesting -------------------------------------------------------------------


def nested_in_lists(levels: int) -> object:
    payload: object = {"code": 487, "subCode": 10004}
    for _ in range(levels):
        payload = [payload]
    return payload


def test_nesting_at_the_limit_is_read_and_one_more_is_refused() -> None:
    limit = payloads._MAX_DEPTH
    at_limit, past = nested_in_lists(limit), nested_in_lists(limit + 1)
    for payload in (at_limit, json.dumps(at_limit)):
        assert find_pair(payload)[:2] == (487, 10004)
        assert [p[:2] for p in find_pairs(payload)] == [(487, 10004)]
    for payload in (past, json.dumps(past)):
        with pytest.raises(PayloadError, match="nested deeper than any ACS payload"):
            find_pair(payload)
        with pytest.raises(PayloadError, match="nested deeper than any ACS payload"):
            list(find_pairs(payload))
    # Holders count as lists do.
    holders: object = {"code": 1}
    for _ in range(limit):
        holders = {"data": holders}
    assert find_pair(holders)[0] == 1
    with pytest.raises(PayloadError, match=r"^payload(\.data){9}: nested deeper"):
        find_pair({"data": holders})


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "[" * 200_000 + "]" * 200_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
    ],
)
def test_text_nested_past_what_json_parses_is_a_value_error(text: str) -> None:
    for payload in (text, text.encode(), {"data": text}, {"body": text.encode()}):
        with pytest.raises(PayloadError, match="nested deeper than any ACS payload"):
            find_pair(payload)
        with pytest.raises(ValueError, match="nested deeper"):
            m.explain_payload(payload)
        with pytest.raises(ValueError, match="nested deeper"):
            list(m.explain_payloads(payload))


# --- holders and SDK objects ---------------------------------------------------


@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_bytes_inside_a_holder(kind: type[bytes] | type[bytearray]) -> None:
    inner = json.dumps({"resultInformation": {"code": 400, "subCode": 8535}})
    assert find_pair({"data": kind(inner.encode())})[:3] == (
        400,
        8535,
        "payload.data.resultInformation",
    )
    # Bytes that are not a JSON object or array are words, passed over.
    assert find_pair({"reason": kind(b"Timeout"), "data": {"code": 408}})[:2] == (
        408,
        None,
    )
    with pytest.raises(PayloadError, match=r"^payload\.data is text but not JSON: "):
        find_pair({"data": kind(b"{not json")})


def test_an_sdk_object_with_code_but_no_sub_code() -> None:
    class CallEndReason:
        code = 603
        message = "Declined. DiagCode: 603#0.@"

    code, subcode, where, message, diagnostic = find_pair(CallEndReason())
    assert (code, subcode, where) == (603, None, "payload")
    assert (message, diagnostic) == (CallEndReason.message, (603, 0))
    assert m.explain_payload(CallEndReason()).subcode == 0  # the DiagCode's


def test_an_sdk_object_whose_subcode_has_another_name() -> None:
    class Reason:
        code = 487
        subcode = 10004

    assert find_pair(Reason())[:2] == (487, 10004)


# --- properties ----------------------------------------------------------------

_CODES = st.integers(min_value=0, max_value=10**7)


def _spellings(name: str) -> st.SearchStrategy[str]:
    """``name`` as payloads spell it: any case, an underscore between words."""
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(name, upper, strict=True)
        )
    )


@st.composite
def wrapped(draw: st.DrawFn) -> tuple[object, int, int | None]:
    code = draw(_CODES)
    subcode = draw(st.none() | _CODES)
    as_text = draw(st.booleans())
    record: dict[str, object] = {
        draw(_spellings("code")): str(code) if as_text else code
    }
    if subcode is not None:
        key = draw(st.sampled_from(["subCode", "sub_code", "_subCode", "SUBCODE"]))
        record[key] = subcode
    payload: object = record
    for holder in draw(
        st.lists(
            st.sampled_from(
                [
                    "data",
                    "resultInformation",
                    "result_information",
                    "body",
                    "error",
                    "[]",
                ]
            ),
            max_size=payloads._MAX_DEPTH,
        )
    ):
        payload = [payload] if holder == "[]" else {holder: payload}
    return payload, code, subcode


@settings(max_examples=200, deadline=None)
@given(wrapped(), st.booleans())
def test_any_wrapping_of_a_pair_is_found(
    case: tuple[object, int, int | None], as_json: bool
) -> None:
    payload, code, subcode = case
    given_payload = json.dumps(payload) if as_json else payload
    found = find_result(given_payload)
    assert found[:2] == (code, subcode)
    assert found[:5] == find_pair(given_payload)
    assert [p[:2] for p in find_pairs(given_payload)] == [(code, subcode)]
    assert m.explain_payload(given_payload) == m.explain(code, subcode)


@settings(max_examples=100, deadline=None)
@given(st.integers(max_value=-1), st.sampled_from(["code", "subCode"]))
def test_a_negative_number_is_never_a_code(number: int, key: str) -> None:
    record: dict[str, object] = {"code": 487, key: number}
    with pytest.raises(PayloadError, match="codes are never negative"):
        find_pair(record)
    with pytest.raises(PayloadError, match="codes are never negative"):
        find_pair(json.dumps(record))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable + "[]{}", max_size=200))
def test_any_text_is_a_pair_or_a_value_error(text: str) -> None:
    try:
        found = find_result(text)
    except ValueError:
        return
    assert isinstance(found[0], int) and found[0] >= 0


def test_each_event_of_several_gets_its_own_wording() -> None:
    # A pair worded for one callback event and otherwise: each event of a
    # body is explained with the wording of its own type.
    row = next(
        r
        for r in m.CALL_END_REASONS.values()
        if len(r.wordings) > 1
        and not r.wordings[0].events
        and any(w.events for w in r.wordings[1:])
    )
    named = next(w for w in row.wordings if w.events)
    pair = (int(row.code), int(row.subcode))
    body = [
        {"type": f"Microsoft.Communication.{named.events[0]}",
         "data": {"resultInformation": {"code": pair[0], "subCode": pair[1]}}},
        {"type": "Microsoft.Communication.SomethingElse",
         "data": {"resultInformation": {"code": pair[0], "subCode": pair[1]}}},
    ]  # fmt: skip
    first, second = m.explain_payloads(json.dumps(body))
    assert (first.wording, first.wording_choice) == (named, m.WordingChoice.EVENT)
    assert first == m.explain_payload(body[0])
    assert second.wording_choice is m.WordingChoice.FIRST
    assert second == m.explain_payload(body[1])
