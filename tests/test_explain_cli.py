"""Explain from the shell: ``python -m acs_call_codes`` and ``acs-codegen explain``.

Both run the module's own ``_main``, so they print the same thing: the message,
the category, the advice and which level of the catalog matched, or with
``--json`` one object for scripts. Input that is not a code is a usage error
(exit 2) with a message that names it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import acs_call_codes
import pytest

from codegen.cli import main as codegen_main


def run_module(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert acs_call_codes._main(argv, prog="python -m acs_call_codes") == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_text_names_the_pair_and_every_part() -> None:
    found = acs_call_codes.explain(487, 10004)
    assert acs_call_codes._report(found, as_json=False).splitlines() == [
        "code 487 (CALL_CANCELED), subcode 10004 (RING_TIMEOUT)",
        "message:  Call was canceled on timeout, as target user didn't accept or "
        "reject it on time. Ensure that user saw the notification and/or "
        "application can handle it automatically and try to initiate that call again.",
        "category: ExpectedError",
        "advice:   Call was canceled after predefined amount of time (usually 2 "
        "minutes) as target user didn't accept or reject.",
        "matched:  reason (the row for this code and subcode)",
    ]


def test_text_lines_up_the_advice_bullets(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_module(["480", "10078"], capsys).splitlines()
    advice = lines.index(next(line for line in lines if line.startswith("advice:")))
    assert lines[advice].startswith("advice:   - If the target user")
    assert lines[advice + 1].startswith(" " * 10 + "- If the target user is a Teams")


@pytest.mark.parametrize(
    ("argv", "title", "category", "matched"),
    [
        (["408"], "code 408 (CALL_CONTROLLER_TIMEOUT)", "none given", "code (the code's own row; no subcode given)"),
        (["408", "1"], "code 408 (CALL_CONTROLLER_TIMEOUT), subcode 1", "none given", "code (the code's own row; subcode not listed with it)"),
        (["450", "0"], "code 450, subcode 0 (UNSPECIFIED)", "none given", "code class (only the range the code falls in)"),
        (["999"], "code 999", "none given", "unknown (the catalog has nothing on this code)"),
        (["487"], "code 487 (CALL_CANCELED)", "none given", "code (the catalog's summary; no subcode given)"),
        (["495", "10004"], "code 495 (AUTHENTICATION_FAILED), subcode 10004 (RING_TIMEOUT)", "none given", "code (the catalog's summary; subcode not listed with it); subcode 10004 is documented with code 487"),
        ([" 0 ", "0"], "code 0 (CALL_ENDED), subcode 0 (UNSPECIFIED)", "Success", "reason (the row for this code and subcode)"),
    ],
)  # fmt: skip
def test_text_says_which_level_matched(
    argv: list[str],
    title: str,
    category: str,
    matched: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = run_module(argv, capsys).splitlines()
    assert lines[0] == title
    assert f"category: {category}" in lines
    assert lines[-1] == f"matched:  {matched}"


def test_json_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    answer = json.loads(run_module(["495", "4507", "--json"], capsys))
    assert answer == {
        "code": 495,
        "code_name": "AUTHENTICATION_FAILED",
        "subcode": 4507,
        "subcode_name": "TOKEN_INVALID",
        "match": "reason",
        "message": "Call ended as application didn't provide valid Azure "
        "Communication Services token.",
        "result_category": "UnexpectedClientError",
        "advice": "Ensure that your application implements token refresh "
        "mechanism correctly.",
        "code_class": "Client error",
        "is_success": False,
        "is_error": True,
        "is_unexpected": True,
    }


def test_json_for_an_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    answer = json.loads(run_module(["--json", "999"], capsys))
    assert answer["match"] == "unknown"
    assert answer["code_name"] is None and answer["subcode"] is None
    assert answer["result_category"] is None and answer["code_class"] is None


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["abc"], "argument CODE: not a code: 'abc'"),
        (["4.0"], "argument CODE: not a code: '4.0'"),
        (["487", "x"], "argument SUBCODE: not a code: 'x'"),
        (["487", ""], "argument SUBCODE: not a code: ''"),
        (["-5"], "argument CODE: not a code: '-5'"),
        (["True"], "argument CODE: not a code: 'True'"),
        ([], "the following arguments are required: CODE"),
        (["487", "0", "1"], "unrecognized arguments: 1"),
    ],
)
def test_what_is_not_a_code_is_a_usage_error(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        acs_call_codes._main(argv, prog="python -m acs_call_codes")
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    last = captured.err.splitlines()[-1]
    assert last.startswith(f"python -m acs_call_codes: error: {error}")
    assert "Traceback" not in captured.err


# --- acs-codegen explain ----------------------------------------------------


@pytest.mark.parametrize(
    "argv", [["487", "10004"], ["487", "10004", "--json"], ["--json", "408"], ["0"]]
)
def test_acs_codegen_explain_prints_what_the_module_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = run_module(argv, capsys)
    assert codegen_main(["explain", *argv]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (expected, "")


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["explain", "abc"], "acs-codegen explain: error: argument CODE: not a code: 'abc'"),
        (["explain", "487", "4.0"], "acs-codegen explain: error: argument SUBCODE: not a code: '4.0'"),
        (["explain"], "acs-codegen explain: error: the following arguments are required: CODE"),
    ],
)  # fmt: skip
def test_acs_codegen_explain_usage_errors(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        codegen_main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1].startswith(error)


def test_a_reader_that_goes_away_gets_no_traceback() -> None:
    generated = Path(__file__).resolve().parents[1] / "generated"
    process = subprocess.Popen(
        [sys.executable, "-m", "acs_call_codes", "--json", "487", "10004"],
        cwd=generated,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| head -0` would, before the module writes
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=30) == 0
    assert b"Traceback" not in error
