"""runtime/payloads.py finds the (code, subcode) pair in each shape users hold.

The fixtures under tests/fixtures/payloads/ follow the documented shapes: a
Call Automation callback as an array of CloudEvents, an Event Grid event, a
web client's forwarded callEndReason, an ACSCallSummary row as Log Analytics
exports it (PascalCase, numbers as strings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from runtime.payloads import find_pair

FIXTURES = Path(__file__).parent / "fixtures" / "payloads"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "pair", "where"),
    [
        (
            "play_failed_cloudevents.json",
            (400, 8535),
            "payload[0].data.resultInformation",
        ),
        (
            "call_disconnected_eventgrid.json",
            (200, 7000),
            "payload.data.resultInformation",
        ),
        ("call_end_reason.json", (487, 10004), "payload.callEndReason"),
        ("acs_call_summary.json", (487, 560487), "payload"),
        # Event Grid's Microsoft.Communication.CallEnded: data.reason
        # {code, subCode, phrase} (AcsCallEndedEventData).
        ("call_ended_eventgrid.json", (0, 0), "payload.data.reason"),
    ],
)
def test_documented_shapes_as_text_and_as_data(
    name: str, pair: tuple[int, int], where: str
) -> None:
    text = fixture(name)
    for payload in (text, text.encode("utf-8"), json.loads(text)):
        code, subcode, found_where, _, _ = find_pair(payload)
        assert (code, subcode) == pair
        assert found_where == where


def test_diagnostic_code_in_the_message() -> None:
    _, _, _, message, diagnostic = find_pair(
        fixture("call_disconnected_eventgrid.json")
    )
    assert diagnostic == (0, 7000)
    assert message is not None and "DiagCode" in message
    assert find_pair(fixture("call_end_reason.json"))[4] is None


@dataclass
class ResultInformation:
    """The Python Call Automation SDK's model, as far as find_pair reads it."""

    code: int | None
    sub_code: int | None
    message: str | None = None


@dataclass
class PlayFailed:
    result_information: ResultInformation | None


def test_sdk_objects() -> None:
    info = ResultInformation(400, 8535, "Action failed. DiagCode: 400#8535.@")
    assert find_pair(info) == (400, 8535, "payload", info.message, (400, 8535))
    assert find_pair(PlayFailed(info))[:3] == (
        400,
        8535,
        "payload.result_information",
    )


@pytest.mark.parametrize(
    "record",
    [
        {"participantEndReason": 0, "participantEndSubCode": 0},
        {"ParticipantEndReason": "0", "ParticipantEndSubCode": "0"},
        {"participantendreason": " 0 ", "participantendsubcode": "0"},
        {"properties": {"participantEndReason": "0", "participantEndSubCode": "0"}},
    ],
)
def test_call_log_records_in_any_case(record: dict[str, object]) -> None:
    assert find_pair(record)[:2] == (0, 0)


def test_a_missing_subcode_is_none() -> None:
    assert find_pair({"code": 603})[:2] == (603, None)
    assert find_pair({"ParticipantEndReason": "603", "ParticipantEndSubCode": ""})[
        :2
    ] == (603, None)


@pytest.mark.parametrize(
    ("payload", "error", "words"),
    [
        ({"data": {"callConnectionId": "x"}}, ValueError, "payload.data: no code here"),
        ({"resultInformation": None}, ValueError, "no code here"),
        ({"code": "BadRequest"}, ValueError, "payload.code is 'BadRequest'"),
        ({"code": True, "subCode": 1}, TypeError, "payload.code is a bool"),
        ([], ValueError, "a list of 0 items"),
        (
            [{"code": 1}, {"code": 2}],
            ValueError,
            "explain_payloads (or find_pairs) reads each",
        ),
        ("{not json", ValueError, "not JSON"),
        (42, TypeError, "an int, which carries no code"),
        (ResultInformation(None, 1), ValueError, "payload.code is None"),
        ({"code": "9" * 5000}, ValueError, "more digits than Python reads"),
    ],
)
def test_payloads_without_a_code_say_what_was_found(
    payload: object, error: type[Exception], words: str
) -> None:
    with pytest.raises(error) as caught:
        find_pair(payload)
    assert words in str(caught.value)
    assert not isinstance(caught.value, KeyError)


def test_nesting_past_any_known_shape_is_refused() -> None:
    payload: object = {"code": 1}
    for _ in range(10):
        payload = {"data": payload}
    with pytest.raises(ValueError, match="nested deeper"):
        find_pair(payload)


# --- through the generated module ----------------------------------------------


def test_the_module_explains_each_payload_shape() -> None:
    import acs_call_codes as m

    play = m.explain_payload(fixture("play_failed_cloudevents.json"))
    assert (play.code, play.subcode, play.match) == (400, 8535, m.MatchLevel.SUBCODE)
    assert play.subcode_info is m.SUBCODE_INFO[8535]

    # (200, 7000) is a documented row (Call Automation's CallDisconnected):
    # it answers, though the message's DiagCode names (0, 7000).
    ended = m.explain_payload(json.loads(fixture("call_disconnected_eventgrid.json")))
    assert (ended.code, ended.subcode, ended.match) == (200, 7000, m.MatchLevel.REASON)
    # Its row gives no category: the 2xx class's words do.
    assert ended.result_category is m.ResultCategory.SUCCESS
    # (200, 5300) is not: the DiagCode's (0, 5300), a documented row, says more.
    other = fixture("call_disconnected_eventgrid.json").replace("7000", "5300")
    ended = m.explain_payload(json.loads(other))
    assert (ended.code, ended.subcode, ended.match) == (0, 5300, m.MatchLevel.REASON)

    web = m.explain_payload(fixture("call_end_reason.json"))
    assert web.reason is m.lookup(487, 10004)

    pstn = m.explain_payload(fixture("acs_call_summary.json"))
    assert (pstn.code, pstn.subcode) == (487, 560487)
    assert pstn.match is m.MatchLevel.SUBCODE

    assert m.explain_payload(ResultInformation(487, 10004)).reason is web.reason


def test_the_module_refuses_a_payload_without_a_code() -> None:
    import acs_call_codes as m

    with pytest.raises(ValueError, match="no code here"):
        m.explain_payload({"data": {}})
    assert m.find_pair is not None and "explain_payload" in m.__all__


def test_a_holder_may_be_json_text() -> None:
    # An exported column or a captured body keeps the object as text.
    inner = json.dumps({"code": 400, "subCode": 8535, "message": "bad file"})
    for payload in (
        {"data": {"resultInformation": inner}},
        {
            "properties": json.dumps(
                {"participantEndReason": "487", "participantEndSubCode": "10004"}
            )
        },
        {"body": json.dumps([{"data": {"resultInformation": json.loads(inner)}}])},
    ):
        code, subcode, where, _, _ = find_pair(payload)
        assert (code, subcode) in {(400, 8535), (487, 10004)}, where


def test_text_that_is_not_json_is_not_a_holder() -> None:
    # A reason in words (an SDK object's or a log's) is passed over, not read.
    assert find_pair({"reason": "Timeout", "data": {"code": 408, "subCode": 10057}})[
        :2
    ] == (408, 10057)

    class Response:  # an object whose .reason is a phrase, as HTTP libraries have
        reason = "OK"
        code = 200
        sub_code = 0

    assert find_pair(Response())[:3] == (200, 0, "payload")
    with pytest.raises(
        ValueError, match=r"^payload.data.resultInformation is text but not JSON: "
    ):
        find_pair({"data": {"resultInformation": "{not json"}})


def test_an_event_grid_sdk_model_with_reason() -> None:
    # azure-eventgrid's AcsCallEndedEventData: .reason is an AcsCallEndReason
    # with code, sub_code and phrase.
    class AcsCallEndReason:
        code = 487
        sub_code = 10004
        phrase = "Call was canceled on timeout. DiagCode: 487#10004.@"

    class AcsCallEndedEventData:
        reason = AcsCallEndReason()
        call_duration_in_seconds = 12.0

    code, subcode, where, message, diagnostic = find_pair(AcsCallEndedEventData())
    assert (code, subcode, where) == (487, 10004, "payload.reason")
    assert message is not None and diagnostic == (487, 10004)


@pytest.mark.parametrize(
    ("text", "pair", "diagnostic"),
    [
        # A JavaScript object as the browser console prints it.
        ("callEndReason: {code: 487, subCode: 10004}", (487, 10004), None),
        ("CallEndReason { code: 0, subCode: 5300 }", (0, 5300), None),
        # A Python repr of the SDK's model, and a log line.
        (
            "ResultInformation(code=500, sub_code=8500, message='DiagCode: 500#8500.@')",
            (500, 8500),
            (500, 8500),
        ),
        ("{'code': 400, 'subcode': 8535}", (400, 8535), None),
        ("participantEndReason=487 participantEndSubCode=560487", (487, 560487), None),
        ("code: 490", (490, None), None),
        # A message alone: its DiagCode names the pair.
        ("The conversation has ended. DiagCode: 0#7000.@", (0, 7000), (0, 7000)),
    ],
)
def test_text_that_is_not_json_names_its_pair(
    text: str, pair: tuple[int, int | None], diagnostic: tuple[int, int] | None
) -> None:
    code, subcode, where, message, found = find_pair(text)
    assert ((code, subcode), where, message, found) == (
        pair,
        "payload (text)",
        text,
        diagnostic,
    )


@pytest.mark.parametrize(
    "text",
    [
        "code 487",  # no key: value
        "DiagCode: 0#7000 and DiagCode: 0#5300",
        "subCode: 10004",  # no code
        "the call failed",
        "code: 487.5",
    ],
)
def test_text_that_names_no_one_pair_is_not_read(text: str) -> None:
    with pytest.raises(ValueError, match=r"^the payload is text but not JSON: "):
        find_pair(text)


@pytest.mark.parametrize("key", ["sub_code", "subCode", "subcode", "SubCode"])
def test_every_spelling_of_the_subcode_key(key: str) -> None:
    # ResultInformation.as_dict() writes sub_code; JSON writes subCode.
    for payload in (
        {"code": 400, key: 8535},
        {"resultInformation": {"code": 400, key: 8535}},
        {"result_information": {"code": 400, key: 8535, "message": "m"}},
    ):
        assert find_pair(payload)[:2] == (400, 8535)


def test_an_sdk_event_object_with_data() -> None:
    # azure.core.messaging.CloudEvent and azure.eventgrid.EventGridEvent keep
    # the event's data, a dict, in .data.
    class CloudEvent:
        def __init__(self) -> None:
            self.source = "calling/callConnections/1"
            self.type = "Microsoft.Communication.PlayFailed"
            self.data = {
                "resultInformation": {"code": 400, "subCode": 8535, "message": "m"}
            }

    assert find_pair(CloudEvent())[:3] == (400, 8535, "payload.data.resultInformation")


def test_text_that_names_two_pairs_says_so() -> None:
    with pytest.raises(
        ValueError, match=r"^the text names more than one pair \(codes 487, 480\)"
    ):
        find_pair("code: 487, subCode: 0 / code: 480, subCode: 10037")


def test_numbers_written_as_floats_are_read_when_whole() -> None:
    # pandas writes an integer column with gaps as floats: "487.0".
    record = {"ParticipantEndReason": "487.0", "ParticipantEndSubCode": "10004.00"}
    assert find_pair(record)[:2] == (487, 10004)
    assert find_pair({"code": 490.0, "subCode": 4502})[:2] == (490, 4502)
    for bad in ("487.5", ".0", "487.", "4 87"):
        with pytest.raises(ValueError, match="not a code"):
            find_pair({"code": bad, "subCode": 1})
