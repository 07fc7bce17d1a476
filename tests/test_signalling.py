"""SIP response codes, Q.850 causes and the SDKs' subcode names: validated
with located errors, generated as SipStatus, Q850Cause and SubCode aliases,
and in the catalog as the IANA registry, ITU-T Q.850 and the SDKs give them."""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import acs_call_codes
import pytest
import yaml
from generated_modules import generate_and_import

from codegen.loader import parse_spec
from codegen.pipeline import generate_source
from codegen.validate import validate_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC = yaml.safe_load((ROOT / "spec" / "codes.yaml").read_text(encoding="utf-8"))

BASE = textwrap.dedent("""\
    sources:
      - id: doc
        title: Call codes
        date: "2024-10-15"
    result_categories:
      - name: EXPECTED_ERROR
        value: ExpectedError
        description: Handle it.
    code_classes:
      - name: CLIENT_ERROR
        first: 400
        last: 499
        description: Client error
    codes:
      - code: 408
        name: TIMED_OUT
        summary: No answer in time.
    reasons:
      - code: 408
        subcode: 8510
        name: INITIAL_SILENCE_TIMEOUT_REACHED
        message: Initial Silence Timeout Reached
        result_category: ExpectedError
      - code: 408
        subcode: 0
        name: UNSPECIFIED
        message: No detail.
        result_category: ExpectedError
    references:
      - {id: iana, title: SIP response codes, url: "https://example.invalid/iana"}
      - {id: rfc3261, title: SIP, url: "https://example.invalid/3261"}
      - {id: q850, title: Q.850, url: "https://example.invalid/q850"}
      - {id: rfc3398, title: ISUP to SIP, url: "https://example.invalid/3398"}
      - {id: rfc6665, title: SIP events, url: "https://example.invalid/6665"}
    sip_statuses:
      registry: iana
      statuses:
        - {code: 100, name: TRYING, phrase: Trying, reference: rfc3261}
        - {code: 486, name: BUSY_HERE, phrase: Busy Here, reference: rfc3261}
        - {code: 603, name: DECLINE, phrase: Decline, reference: rfc3261}
    q850_causes:
      reference: q850
      sip_mapping: rfc3398
      causes:
        - {cause: 16, name: NORMAL_CALL_CLEARING, phrase: Normal call clearing}
        - {cause: 17, name: USER_BUSY, phrase: User busy, sip: 486}
    sdk_names:
      - {subcode: 0, java: ReasonCode.COMPLETED_SUCCESSFULLY, dotnet: MediaEventReasonCode.CompletedSuccessfully}
      - {subcode: 8510, java: ReasonCode.Recognize.INITIAL_SILENCE_TIMEOUT, dotnet: MediaEventReasonCode.RecognizeInitialSilenceTimedOut, alias: INITIAL_SILENCE_TIMEOUT}
    """)


def problems(text: str) -> list[str]:
    doc = parse_spec(text.encode("utf-8"), "codes.yaml")
    return [str(d) for d in validate_spec(doc)]


def line_of(text: str, needle: str) -> int:
    (number,) = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return number


def test_the_base_spec_is_valid() -> None:
    assert problems(BASE) == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "at", "message"),
    [
        (
            "{code: 100, name: TRYING",
            "{code: 99, name: TRYING",
            "code: 99,",
            "99,",
            "SIP response code 99 is out of range: it is from 100 to 699",
        ),
        (
            "{code: 603,",
            "{code: 700,",
            "code: 700,",
            "700,",
            "SIP response code 700 is out of range: it is from 100 to 699",
        ),
        (
            "{cause: 17,",
            "{cause: 128,",
            "cause: 128",
            "128",
            "cause 128 is out of range: a Q.850 cause is from 0 to 127",
        ),
        (
            "{cause: 16,",
            "{cause: -1,",
            "cause: -1",
            "-1",
            "cause -1 is out of range: a Q.850 cause is from 0 to 127",
        ),
        (
            "{code: 603, name: DECLINE",
            "{code: 603, name: BUSY_HERE",
            "code: 603",
            "BUSY_HERE, phrase: Decline",
            "duplicate SipStatus member name 'BUSY_HERE' (first at line {first})",
        ),
        (
            "{code: 603,",
            "{code: 486,",
            "name: DECLINE",
            "486,",
            "duplicate SIP response code 486 (first at line {first})",
        ),
        (
            "{cause: 17, name: USER_BUSY",
            "{cause: 17, name: NORMAL_CALL_CLEARING",
            "cause: 17",
            "NORMAL_CALL_CLEARING, phrase: User",
            "duplicate Q850Cause member name 'NORMAL_CALL_CLEARING' (first at line {first})",
        ),
        (
            "{cause: 17,",
            "{cause: 16,",
            "name: USER_BUSY",
            "16,",
            "duplicate Q.850 cause 16 (first at line {first})",
        ),
        (
            "sip: 486}",
            "sip: 487}",
            "sip: 487",
            "487}",
            "sip 487 is not one of sip_statuses; add it there first",
        ),
        (
            "sip: 486}",
            "sip: 99}",
            "sip: 99",
            "99}",
            "sip 99 is out of range: a SIP response code is from 100 to 699",
        ),
        (
            "name: DECLINE, phrase: Decline, reference: rfc3261}",
            "name: DECLINE, phrase: Decline, reference: rfc3216}",
            "name: DECLINE",
            "rfc3216",
            "unknown reference 'rfc3216'; did you mean 'rfc3261'?",
        ),
        (
            "{id: rfc6665,",
            "{id: doc,",
            "id: doc,",
            "doc,",
            "reference id 'doc' is a source's id; a reference is a standard the "
            "catalog cites, not a document it follows",
        ),
        (
            "dotnet: MediaEventReasonCode.CompletedSuccessfully",
            "dotnet: Completed Successfully",
            "Completed Successfully",
            "Completed Successfully",
            "dotnet 'Completed Successfully' is not a qualified name (identifiers "
            "joined by dots, such as ReasonCode.Recognize.INITIAL_SILENCE_TIMEOUT)",
        ),
        (
            "{subcode: 0, java",
            "{subcode: 4507, java",
            "subcode: 4507",
            "4507",
            "subcode 4507 is not a SubCode member; an SDK's name is kept for a "
            "subcode the catalog documents",
        ),
        (
            "alias: INITIAL_SILENCE_TIMEOUT}",
            "alias: UNSPECIFIED}",
            "alias: UNSPECIFIED",
            "UNSPECIFIED}",
            "alias UNSPECIFIED is already the name of SubCode 0",
        ),
    ],
)
def test_located_errors(old: str, new: str, needle: str, at: str, message: str) -> None:
    """Each error is placed at the value it is about (``at``, on the line that
    holds ``needle``); a repeat names the line of the row it repeats."""
    assert BASE.count(old) == 1
    text = BASE.replace(old, new)
    line = line_of(text, needle)
    column = text.splitlines()[line - 1].index(at) + 1
    assert problems(text) == [
        f"codes.yaml:{line}:{column}: error: {message.format(first=line - 1)}"
    ]


def test_all_problems_at_once() -> None:
    text = BASE.replace("{code: 100,", "{code: 800,").replace(
        "{cause: 17,", "{cause: 200,"
    )
    assert len(problems(text)) == 2


def test_a_mapping_needs_its_reference() -> None:
    text = BASE.replace("  sip_mapping: rfc3398\n", "")
    assert problems(text) == [
        f"codes.yaml:{line_of(text, 'q850_causes:') + 1}:3: error: q850_causes maps "
        "causes to SIP (`sip`) but names no `sip_mapping`: the reference whose "
        "mapping they follow"
    ]


# --- the generated module ---------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generate_and_import(
        BASE, tmp_path_factory.mktemp("signalling"), "acs_call_codes_signalling"
    )


def test_small_module_members_phrases_and_mapping(small: ModuleType) -> None:
    sip, q850 = small.SipStatus, small.Q850Cause
    assert [m.name for m in sip] == ["TRYING", "BUSY_HERE", "DECLINE"]
    assert sip.BUSY_HERE.phrase == "Busy Here"
    assert sip.BUSY_HERE.reference == "RFC 3261"
    assert q850.USER_BUSY.sip_status is sip.BUSY_HERE
    assert q850.NORMAL_CALL_CLEARING.sip_status is None
    assert "SipStatus" in small.__all__ and "Q850Cause" in small.__all__
    assert small.SubCode.INITIAL_SILENCE_TIMEOUT is (
        small.SubCode.INITIAL_SILENCE_TIMEOUT_REACHED
    )


def test_a_spec_without_the_tables_still_has_the_enums(tmp_path: Path) -> None:
    text = BASE[: BASE.index("references:")]
    found = generate_and_import(text, tmp_path, "acs_call_codes_no_tables")
    assert list(found.SipStatus) == [] and list(found.Q850Cause) == []
    assert found.SipStatus.parse(486) is None


def test_sip_status_reads_like_http_status() -> None:
    status = acs_call_codes.SipStatus
    assert int(status.BUSY_HERE) == 486 and status(487) is status.REQUEST_TERMINATED
    assert status.REQUEST_TERMINATED.phrase == "Request Terminated"
    assert str(status.BUSY_HERE) == "486"
    assert status.parse("486") is status.BUSY_HERE
    assert status.parse(" 603 ") is status.DECLINE
    for raw in (333, 486.0, True, "busy", acs_call_codes.Code(486)):
        assert status.parse(raw) is None
    values = [int(m) for m in status]
    assert values == sorted(values)
    assert status.TRYING.is_provisional and not status.TRYING.is_success
    assert status.OK.is_success and status.MOVED_TEMPORARILY.is_redirection
    assert status.BUSY_HERE.is_client_error and status.BAD_GATEWAY.is_server_error
    assert status.DECLINE.is_global_failure and not status.DECLINE.is_client_error
    assert status.EARLY_DIALOG_TERMINATED.reference == "RFC 6228"
    assert status.REJECTED.reference == "RFC 8688"


# The codes the IANA registry lists (retrieved for this catalog), and none other:
# 409 and 411 (RFC 2543's) and 333 are in no registry.
REGISTRY = {
    100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415,
    416, 417, 420, 421, 422, 423, 424, 425, 428, 429, 430, 433, 436, 437,
    438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488,
    489, 491, 493, 494, 500, 501, 502, 503, 504, 505, 513, 555, 580, 600,
    603, 604, 606, 607, 608,
}  # fmt: skip


def test_the_catalog_has_every_registered_sip_code() -> None:
    assert {int(m) for m in acs_call_codes.SipStatus} == REGISTRY
    assert len(acs_call_codes.SipStatus) == 75


# Table 1/Q.850: every cause value the standard defines.
Q850 = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31, 34, 38, 39, 40, 41, 42, 43, 44, 46, 47, 49, 50,
    53, 55, 57, 58, 62, 63, 65, 66, 69, 70, 79, 81, 82, 83, 84, 85, 86, 87,
    88, 90, 91, 95, 96, 97, 98, 99, 100, 101, 102, 103, 110, 111, 127,
}  # fmt: skip

# RFC 3398 section 7.2.4.1, cause to SIP response (29's "510" read as 501).
RFC3398 = {
    1: 404, 2: 404, 3: 404, 17: 486, 18: 408, 19: 480, 20: 480, 21: 403,
    22: 410, 23: 410, 26: 404, 27: 502, 28: 484, 29: 501, 31: 480, 34: 503,
    38: 503, 41: 503, 42: 503, 47: 503, 55: 403, 57: 403, 58: 503, 65: 488,
    70: 488, 79: 501, 87: 403, 88: 503, 102: 504, 111: 500, 127: 500,
}  # fmt: skip


def test_the_catalog_has_every_q850_cause_and_rfc3398s_mapping() -> None:
    cause = acs_call_codes.Q850Cause
    assert {int(m) for m in cause} == Q850
    mapped = {int(m): int(m.sip_status) for m in cause if m.sip_status is not None}
    assert mapped == RFC3398
    assert cause.USER_BUSY.phrase == "User busy"
    assert cause.NORMAL_CALL_CLEARING.phrase == "Normal call clearing"
    assert cause.NORMAL_CALL_CLEARING.sip_status is None
    assert cause.USER_BUSY.sip_status is acs_call_codes.SipStatus.BUSY_HERE
    assert cause.parse("17") is cause.USER_BUSY and cause.parse(0) is None


def test_references_are_not_sources() -> None:
    sources = {row["id"] for row in SPEC["sources"]}
    references = {row["id"] for row in SPEC["references"]}
    assert not sources & references
    assert not references & set(SPEC["precedence"])
    assert not references & set(acs_call_codes.SOURCES)


# --- the SDKs' names ----------------------------------------------------------------

# ReasonCode (Java, azure-communication-callautomation) and MediaEventReasonCode
# (.NET, Azure.Communication.CallAutomation): every name, with its value.
JAVA = {
    "ReasonCode.Recognize.INITIAL_SILENCE_TIMEOUT": 8510,
    "ReasonCode.Recognize.INTER_DIGIT_TIMEOUT": 8532,
    "ReasonCode.Recognize.PLAY_PROMPT_FAILED": 8511,
    "ReasonCode.Recognize.MAX_DIGITS_RECEIVED": 8531,
    "ReasonCode.Recognize.STOP_TONE_DETECTED": 8514,
    "ReasonCode.Recognize.DMTF_OPTION_MATCHED": 8533,
    "ReasonCode.Recognize.SPEECH_OPTION_MATCHED": 8545,
    "ReasonCode.Recognize.SPEECH_OPTION_NOT_MATCHED": 8547,
    "ReasonCode.Recognize.INCORRECT_TONE_DETECTED": 8534,
    "ReasonCode.Recognize.SPEECH_NOT_RECOGNIZED": 8563,
    "ReasonCode.Recognize.SPEECH_COGNITIVE_SERVICE_CONNECTION_ERROR": 8564,
    "ReasonCode.Play.DOWNLOAD_FAILED": 8536,
    "ReasonCode.Play.INVALID_FILE_FORMAT": 8535,
    "ReasonCode.Play.COGNITIVE_SERVICES_ERROR": 8565,
    "ReasonCode.Play.TEXT_OR_SSML_SOURCE_EMPTY": 8582,
    "ReasonCode.COMPLETED_SUCCESSFULLY": 0,
    "ReasonCode.UNSPECIFIED_ERROR": 9999,
}
DOTNET = {
    "RecognizeInitialSilenceTimedOut": 8510,
    "RecognizeInterDigitTimedOut": 8532,
    "RecognizeDtmfOptionMatched": 8533,
    "RecognizePlayPromptFailed": 8511,
    "RecognizeMaxDigitsReceived": 8531,
    "RecognizeIncorrectToneDetected": 8534,
    "RecognizeStopToneDetected": 8514,
    "RecognizeSpeechOptionMatched": 8545,
    "RecognizeSpeechOptionNotMatched": 8547,
    "RecognizeSpeechNotRecognized": 8563,
    "RecognizeSpeechServiceConnectionError": 8564,
    "PlayDownloadFailed": 8536,
    "PlayInvalidFileFormat": 8535,
    "PlaySourceTextOrSsmlEmpty": 8582,
    "CognitiveServicesError": 8565,
    "CompletedSuccessfully": 0,
    "UnspecifiedError": 9999,
}


def test_every_sdk_name_is_recorded_with_its_value() -> None:
    rows = SPEC["sdk_names"]
    assert {row["java"]: row["subcode"] for row in rows} == JAVA
    assert {
        row["dotnet"].removeprefix("MediaEventReasonCode."): row["subcode"]
        for row in rows
    } == DOTNET


def test_sdk_names_are_in_the_member_docstrings() -> None:
    source = (ROOT / "generated" / "acs_call_codes.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    (subcode,) = [
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "SubCode"
    ]
    docs: dict[str, str] = {}
    body = subcode.body
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.Assign)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
        ):
            target = node.targets[0]
            assert isinstance(target, ast.Name)
            docs[target.id] = " ".join(str(after.value.value).split())
    for row in SPEC["sdk_names"]:
        name = acs_call_codes.SubCode(row["subcode"]).name
        assert f"{row['java']} (Java), {row['dotnet']} (.NET)" in docs[name], name


def test_sdk_aliases_are_the_same_members() -> None:
    sub = acs_call_codes.SubCode
    assert sub.INITIAL_SILENCE_TIMEOUT is sub.INITIAL_SILENCE_TIMEOUT_REACHED
    assert sub.INTER_DIGIT_TIMEOUT is sub.INTER_DIGIT_TIMEOUT_REACHED
    assert sub.INCORRECT_TONE_DETECTED is sub.INCORRECT_TONE_ENTERED
    assert sub.PLAY_DOWNLOAD_FAILED is sub.FILE_DOWNLOAD_FAILED
    assert sub.UNSPECIFIED_ERROR is sub.UNKNOWN
    assert sub.SPEECH_COGNITIVE_SERVICE_CONNECTION_ERROR is (
        sub.SPEECH_SERVICE_CONNECTION_ERROR
    )
    assert sub.TEXT_OR_SSML_SOURCE_EMPTY is sub.PLAY_SOURCE_TEXT_OR_SSML_EMPTY
    # Our names stay the members' names.
    assert sub(8510).name == "INITIAL_SILENCE_TIMEOUT_REACHED"


def test_subcode_zero_is_never_aliased_as_a_success() -> None:
    # 0 comes with error codes too (404/0, 500/0): an alias such as
    # COMPLETED_SUCCESSFULLY would read as a success that did not happen.
    sub = acs_call_codes.SubCode
    aliases_of_zero = [name for name, member in sub.__members__.items() if member == 0]
    assert aliases_of_zero == ["UNSPECIFIED"]
    (zero,) = [row for row in SPEC["sdk_names"] if row["subcode"] == 0]
    assert "alias" not in zero
    assert not hasattr(sub, "COMPLETED_SUCCESSFULLY")


CONSUMER = """\
from typing import assert_never

from acs_call_codes import Q850Cause, SipStatus, SubCode


def sip(value: SipStatus) -> str:
    match value:
        case SipStatus.TRYING:
            return "wait"
        case SipStatus.BUSY_HERE | SipStatus.DECLINE:
            return value.phrase
        case _:
            assert_never(value)


def cause(value: Q850Cause) -> SipStatus | None:
    match value:
        case Q850Cause.NORMAL_CALL_CLEARING:
            return None
        case Q850Cause.USER_BUSY:
            return value.sip_status
        case _:
            assert_never(value)


def ported(value: SubCode) -> bool:
    return value is SubCode.INITIAL_SILENCE_TIMEOUT
"""


def test_exhaustive_matches_type_check_for_both_checkers(tmp_path: Path) -> None:
    spec = tmp_path / "codes.yaml"
    spec.write_text(BASE, encoding="utf-8")
    out = tmp_path / "acs_call_codes.py"
    out.write_text(generate_source(spec, out), encoding="utf-8")
    (tmp_path / "consumer.py").write_text(CONSUMER, encoding="utf-8")
    (tmp_path / "pyrightconfig.json").write_text(
        '{"typeCheckingMode": "strict", "pythonVersion": "3.11"}', encoding="utf-8"
    )
    bin_dir = Path(sys.executable).parent
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--python-version=3.11",
         f"--cache-dir={tmp_path / '.mypy_cache'}", "consumer.py", "acs_call_codes.py"],
        [str(bin_dir / "pyright"), "consumer.py", "acs_call_codes.py"],
    ):  # fmt: skip
        done = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_pstn_rules_name_the_sip_response_as_sip_status_does() -> None:
    # 560486 is SIP 486 from the customer's SBC on an outbound call, 540486 on
    # an inbound one: the text names the response by SipStatus's phrase, and a
    # number the registry lacks by its number alone.
    checked = 0
    for prefix in (540, 560):
        for status in acs_call_codes.SipStatus:
            found = acs_call_codes.explain(500, prefix * 1000 + status)
            if found.match is not acs_call_codes.MatchLevel.RULE:
                continue  # a row documents this subcode itself
            assert found.message.startswith(f"SIP {int(status)} {status.phrase}: ")
            checked += 1
        unregistered = acs_call_codes.explain(500, prefix * 1000 + 599)
        assert unregistered.match is acs_call_codes.MatchLevel.RULE
        assert unregistered.message.startswith("SIP 599: ")
    assert checked > 100
