"""Every wording of a pair, and the category at every rung.

A pair documented several times (one row per callback event or scenario)
keeps every wording with its events and sources; ``message`` is the first by
precedence, and ``explain_payload`` says the one the payload's event type
names, failing that the one the service's message says. A category comes from
the pair's own row, from a row under another code of the same outcome only,
or from what the documents say of the code's class.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from types import ModuleType, SimpleNamespace

import acs_call_codes
import pytest
from generated_modules import generate_and_import
from minimal_spec import minimal_spec

from codegen.loader import parse_spec
from codegen.validate import validate_spec

SOURCES = [
    {"id": "new", "title": "Newer codes", "date": '"2025-07-14"'},
    {"id": "old", "title": "Older codes", "date": '"2024-10-15"'},
]
CATEGORIES = [
    {"name": "SUCCESS", "value": "Success", "description": "Fine."},
    {"name": "EXPECTED_ERROR", "value": "ExpectedError", "description": "Known."},
]
CLASSES = [
    {
        "name": "SUCCESS",
        "first": "200",
        "last": "299",
        "description": "Successful responses",
        "sources": "[new]",
        "message": "A 2xx code represents a successful response.",
        "result_category": "Success",
    },
    {
        "name": "CLIENT_ERROR",
        "first": "400",
        "last": "499",
        "description": "Client error",
        "sources": "[new]",
        "message": "A 4xx code represents a client error.",
    },
]

SPEC = minimal_spec(
    sources=SOURCES, precedence=["new", "old"], categories=CATEGORIES, classes=CLASSES
) + textwrap.dedent("""\
    codes:
      - code: 0
        name: CALL_ENDED
        summary: The call ended.
      - code: 200
        name: OK
        summary: Success.
      - code: 405
        name: NOT_ALLOWED
        summary: Not allowed.
      - code: 490
        name: NETWORK
        summary: Network trouble.
    reasons:
      - code: 0
        subcode: 4097
        name: ENDED_BY_ORGANIZER
        sources: [new]
        message: Call ended for all users by the meeting organizer.
        result_category: Success
      - code: 200
        subcode: 5010
        name: ONE_LEFT
        sources: [new]
        message: Call ended because only one participant remained.
        events: [CallDisconnected]
      - code: 405
        subcode: 8520
        name: NOT_SUPPORTED
        sources: [new, old]
        message: Recognize is not supported here.
        result_category: ExpectedError
        events: [RecognizeFailed]
        variants:
          new:
            - message: Playing the prompt is not supported here.
              events: [PlayFailed]
            - message: Transcription is not supported here!
              advice: Start transcription on a connected call.
              events: [TranscriptionFailed, RecognizeFailed]
          old:
            message: Feature not supported.
            result_category: ExpectedError
      - code: 405
        subcode: 8521
        name: ONCE
        sources: [new]
        message: Said once.
        result_category: ExpectedError
    """)  # fmt: skip


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    folder: Path = tmp_path_factory.mktemp("wordings")
    return generate_and_import(SPEC, folder, "wordings_module")


# --- the wordings -----------------------------------------------------------------


def test_every_wording_is_kept_with_its_events_and_sources(module: ModuleType) -> None:
    reason = module.lookup(405, 8520)
    W, EXPECTED = module.Wording, module.ResultCategory.EXPECTED_ERROR
    assert reason.message == "Recognize is not supported here."
    assert reason.wordings == (
        W("Recognize is not supported here.", None, EXPECTED, ("RecognizeFailed",), ("new",)),
        W("Playing the prompt is not supported here.", None, None, ("PlayFailed",), ("new",)),
        W(
            "Transcription is not supported here!",
            "Start transcription on a connected call.",
            None,
            ("TranscriptionFailed", "RecognizeFailed"),
            ("new",),
        ),
        W("Feature not supported.", None, EXPECTED, (), ("old",)),
    )  # fmt: skip
    # Made once, then shared.
    assert reason.wordings is module.lookup(405, 8520).wordings


def test_a_row_with_one_wording_has_its_own_fields(module: ModuleType) -> None:
    reason = module.lookup(405, 8521)
    (wording,) = reason.wordings
    assert (wording.message, wording.advice, wording.result_category) == (
        reason.message,
        reason.advice,
        reason.result_category,
    )
    assert wording.events == () and wording.sources == ("new",)
    # Its events, where the document names them, are kept too.
    (one,) = module.lookup(200, 5010).wordings
    assert one.events == ("CallDisconnected",)
    # The module stores only the rows it cannot make from their own fields.
    assert (405, 8521) not in module._WORDING_ROWS
    assert (405, 8520) in module._WORDING_ROWS


def test_explain_says_the_first_wording_and_why(module: ModuleType) -> None:
    found = module.explain(405, 8520)
    assert found.message == "Recognize is not supported here."
    assert found.wording is module.lookup(405, 8520).wordings[0]
    assert found.wording_choice is module.WordingChoice.FIRST
    once = module.explain(405, 8521)
    assert once.wording_choice is module.WordingChoice.ONLY
    # No row, no wording.
    assert module.explain(200).wording is None
    assert module.explain(200).wording_choice is None


@pytest.mark.parametrize(
    "event",
    [
        "PlayFailed",
        "Microsoft.Communication.PlayFailed",
        "microsoft.communication.playfailed",
    ],
)
def test_explain_with_an_event_says_its_wording(module: ModuleType, event: str) -> None:
    found = module.explain(405, 8520, event=event)
    assert found.message == "Playing the prompt is not supported here."
    assert found.wording_choice is module.WordingChoice.EVENT
    assert found.match is module.MatchLevel.REASON
    # A wording without a category keeps the pair's.
    assert found.result_category is module.ResultCategory.EXPECTED_ERROR


def test_an_event_no_wording_names_says_the_first(module: ModuleType) -> None:
    found = module.explain(405, 8520, event="Microsoft.Communication.CallConnected")
    assert found == module.explain(405, 8520)


def _cloud_event(
    event: str | None, code: int, subcode: int, message: str
) -> dict[str, object]:
    body: dict[str, object] = {
        "data": {
            "resultInformation": {"code": code, "subCode": subcode, "message": message}
        }
    }
    if event is not None:
        body["type"] = event
    return body


def test_explain_payload_picks_by_the_cloud_event_type(module: ModuleType) -> None:
    payload = _cloud_event("Microsoft.Communication.PlayFailed", 405, 8520, "Failed.")
    found = module.explain_payload(payload)
    assert found.message == "Playing the prompt is not supported here."
    assert found.wording_choice is module.WordingChoice.EVENT
    # The same as JSON text, and as a callback's list of one event.
    assert module.explain_payload(json.dumps(payload)) == found
    assert module.explain_payload([payload]) == found


def test_explain_payload_picks_by_the_event_grid_event_type(module: ModuleType) -> None:
    payload = {
        "eventType": "Microsoft.Communication.PlayFailed",
        "data": {"resultInformation": {"code": 405, "subCode": 8520}},
    }
    found = module.explain_payload(payload)
    assert found.wording_choice is module.WordingChoice.EVENT
    assert found.message == "Playing the prompt is not supported here."


def test_explain_payload_picks_by_an_sdk_event_class_name(module: ModuleType) -> None:
    class PlayFailed:  # as the Call Automation SDK names its event classes
        def __init__(self) -> None:
            self.result_information = SimpleNamespace(
                code=405, sub_code=8520, message=None
            )

    found = module.explain_payload(PlayFailed())
    assert found.wording_choice is module.WordingChoice.EVENT
    assert found.message == "Playing the prompt is not supported here."
    assert module.find_event(PlayFailed()) == "PlayFailed"


def test_an_event_two_wordings_carry_is_told_apart_by_the_message(
    module: ModuleType,
) -> None:
    # RecognizeFailed carries two wordings; the message says which.
    message = "transcription IS NOT supported, here. DiagCode: 405#8520.@"
    payload = _cloud_event("RecognizeFailed", 405, 8520, message)
    found = module.explain_payload(payload)
    assert found.message == "Transcription is not supported here!"
    assert found.advice == "Start transcription on a connected call."
    assert found.wording_choice is module.WordingChoice.MESSAGE
    # Without a message that says one, the event's first.
    other = module.explain_payload(_cloud_event("RecognizeFailed", 405, 8520, "x"))
    assert other.message == "Recognize is not supported here."
    assert other.wording_choice is module.WordingChoice.EVENT


@pytest.mark.parametrize(
    "message",
    [
        "Feature not supported.",
        "FEATURE NOT SUPPORTED",
        "Feature  not\nsupported. DiagCode: 405#8520.@ bla",
        "Action failed: feature not supported (see docs)",
    ],
)
def test_explain_payload_picks_by_the_service_message(
    module: ModuleType, message: str
) -> None:
    found = module.explain_payload(_cloud_event(None, 405, 8520, message))
    assert found.message == "Feature not supported."
    assert found.wording_choice is module.WordingChoice.MESSAGE


def test_a_message_that_matches_no_wording_says_the_first(module: ModuleType) -> None:
    found = module.explain_payload(_cloud_event(None, 405, 8520, "Something else."))
    assert found == module.explain(405, 8520)
    assert found.wording_choice is module.WordingChoice.FIRST
    # A part of a word is not a match.
    partial = module.explain_payload(_cloud_event(None, 405, 8520, "Featured not"))
    assert partial.wording_choice is module.WordingChoice.FIRST


def test_a_pair_with_one_wording_is_its_only_one_whatever_the_event(
    module: ModuleType,
) -> None:
    found = module.explain_payload(_cloud_event("PlayFailed", 405, 8521, "Other."))
    assert found.message == "Said once."
    assert found.wording_choice is module.WordingChoice.ONLY


@pytest.mark.parametrize(
    ("payload", "event"),
    [
        ({"type": "Microsoft.Communication.CallConnected"}, "Microsoft.Communication.CallConnected"),
        ({"eventType": "Microsoft.Communication.CallEnded"}, "Microsoft.Communication.CallEnded"),
        ({"EventType": "X"}, "X"),
        ([{"type": "A"}], "A"),
        ([{"type": "A"}, {"type": "B"}], None),
        ({"code": 487}, None),
        ("text", None),
        (SimpleNamespace(type="Microsoft.Communication.PlayFailed"), "Microsoft.Communication.PlayFailed"),
        (SimpleNamespace(event_type="Microsoft.Communication.CallEnded"), "Microsoft.Communication.CallEnded"),
        (SimpleNamespace(code=487, sub_code=0), None),
    ],
)  # fmt: skip
def test_find_event(payload: object, event: str | None) -> None:
    assert acs_call_codes.find_event(payload) == event


# --- categories at every rung --------------------------------------------------


def test_a_2xx_row_without_a_category_is_success_by_its_class(
    module: ModuleType,
) -> None:
    found = module.explain(200, 5010)
    assert found.result_category is module.ResultCategory.SUCCESS
    assert found.class_info is module.CODE_CLASS_INFO[module.CodeClass.SUCCESS]
    assert found.class_info.sources == ("new",)
    # The row itself says none: the category is the explanation's.
    assert module.lookup(200, 5010).result_category is None


@pytest.mark.parametrize(("code", "subcode"), [(200, None), (201, None), (250, 77)])
def test_a_2xx_code_is_success_at_every_rung(
    module: ModuleType, code: int, subcode: int | None
) -> None:
    found = module.explain(code, subcode)
    assert found.result_category is module.ResultCategory.SUCCESS
    assert found.is_success is True
    assert found.class_info is not None


def test_a_row_lends_its_category_within_the_same_outcome(module: ModuleType) -> None:
    found = module.explain(200, 4097)
    assert found.match is module.MatchLevel.SUBCODE
    assert found.reason is module.lookup(0, 4097)
    assert found.result_category is module.ResultCategory.SUCCESS
    assert found.class_info is None  # the row's, not the class's


def test_an_error_code_never_borrows_success(module: ModuleType) -> None:
    found = module.explain(490, 4097)
    # The message is still the row's, and the explanation names the row.
    assert found.match is module.MatchLevel.SUBCODE
    assert found.reason is module.lookup(0, 4097)
    assert found.message == "Call ended for all users by the meeting organizer."
    assert found.result_category is None
    assert found.is_success is None and found.class_info is None


def test_code_0_never_borrows_an_error(module: ModuleType) -> None:
    found = module.explain(0, 8521)
    assert found.reason is module.lookup(405, 8521)
    assert found.result_category is None


def test_the_text_says_which_row_lent_or_kept_its_category(
    module: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert module._main(["490", "4097"]) == 0
    text = capsys.readouterr().out
    assert (
        "category: none given (row 0/4097 says Success, which it lends only to "
        "codes of the same outcome)"
    ) in text
    assert "the one row of subcode 4097, under code 0" in text
    assert module._main(["200", "4097"]) == 0
    assert "category: Success (from row 0/4097, whose outcome is this code's too)" in (
        capsys.readouterr().out
    )
    assert module._main(["200", "5010", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["result_category"] == "Success"
    assert answer["class_info"] == {
        "message": "A 2xx code represents a successful response.",
        "sources": ["new"],
    }


def test_the_command_lists_the_other_wordings(
    module: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert module._main(["405", "8520", "--event", "PlayFailed"]) == 0
    text = capsys.readouterr().out
    assert "message:  Playing the prompt is not supported here." in text
    assert "(the one documented for the event, of 4)" in text
    assert "'Recognize is not supported here.' [RecognizeFailed; new]" in text
    assert "'Feature not supported.' [no event named; old]" in text
    assert module._main(["405", "8520", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["wording_choice"] == "first"
    assert answer["wording"]["events"] == ["RecognizeFailed"]
    assert [w["message"] for w in answer["other_wordings"]] == [
        "Playing the prompt is not supported here.",
        "Transcription is not supported here!",
        "Feature not supported.",
    ]
    assert answer["other_wordings"][1]["events"] == [
        "TranscriptionFailed",
        "RecognizeFailed",
    ]


def test_a_class_category_must_be_a_known_one() -> None:
    bad = SPEC.replace("result_category: Success\n", "result_category: Sucess\n", 1)
    assert bad != SPEC
    problems = [str(p) for p in validate_spec(parse_spec(bad.encode(), "spec.yaml"))]
    (line,) = [p for p in problems if "Sucess" in p]
    # Located at the class's key.
    place = SPEC.splitlines().index("    result_category: Success") + 1
    assert line.startswith(f"spec.yaml:{place}:")
    assert "unknown result category 'Sucess'; did you mean 'Success'?" in line


# --- the catalog ----------------------------------------------------------------


def test_200_0_is_success_by_the_call_automation_document() -> None:
    m = acs_call_codes
    found = m.explain(200, 0)
    assert found.result_category is m.ResultCategory.SUCCESS
    assert found.class_info is not None
    assert "successful response" in found.class_info.message
    assert "call-automation" in found.class_info.sources


def test_490_4097_is_not_success() -> None:
    m = acs_call_codes
    found = m.explain(490, 4097)
    assert found.reason is m.lookup(0, 4097)
    assert found.result_category is not m.ResultCategory.SUCCESS
    assert found.is_success is not True


def test_a_catalog_pair_with_several_wordings_picks_by_event() -> None:
    m = acs_call_codes
    reason = m.lookup(487, 10003)
    assert reason is not None and len(reason.wordings) > 1
    (documented,) = [w for w in reason.wordings if "CallDisconnected" in w.events]
    payload = _cloud_event("Microsoft.Communication.CallDisconnected", 487, 10003, "")
    found = m.explain_payload(payload)
    assert found.wording is documented
    assert found.message == documented.message
    assert found.wording_choice is m.WordingChoice.EVENT


def test_the_reference_lists_every_further_wording_with_its_events(
    tmp_path: Path,
) -> None:
    from codegen.pipeline import load_catalog
    from codegen.reference import render_reference

    spec = tmp_path / "codes.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    text = render_reference(load_catalog(spec), "codes.yaml", "make generate")
    section = text[
        text.index("## Further wordings") : text.index("## Subcodes whatever")
    ]
    rows = [line for line in section.splitlines() if line.startswith("| 405/8520 |")]
    assert rows == [
        "| 405/8520 | 2 | Playing the prompt is not supported here. |  |  | PlayFailed | `new` |",
        "| 405/8520 | 3 | Transcription is not supported here! |  | Start transcription "
        "on a connected call. | TranscriptionFailed, RecognizeFailed | `new` |",
        "| 405/8520 | 4 | Feature not supported. | ExpectedError |  |  | `old` |",
    ]
    classes = text[text.index("## Code classes") :]
    assert (
        "| 200-299 | `CodeClass.SUCCESS` | Successful responses | A 2xx code "
        "represents a successful response. | Success | `new` |"
    ) in classes
