"""The explain command on what users hold and on numbers the catalog lacks:
``--payload FILE`` (``-`` for standard input) explains a payload as
``explain_payload`` does, with the SIP and Q.850 details it carried;
``--list CODE`` says when the catalog has no row for the code, and ``--list``
takes a SubCode name as explain does.

A payload without a readable code is a data error (exit 1, the message on
standard error); a code the catalog lacks is answered, as explain answers an
unknown pair (exit 0); input that is no code at all is a usage error (exit 2).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import acs_call_codes
import jsonschema
import pytest

PROG = "python -m acs_call_codes"
REAL = Path(__file__).parent / "fixtures" / "payloads" / "real"
SIP_EXAMPLE = REAL / "result_information_sip_q850.json"
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "docs" / "explain.schema.json").read_text("utf-8")
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = acs_call_codes._main(argv, prog=PROG)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_payload_with_sip_and_q850_details(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, text, err = run(["--payload", str(SIP_EXAMPLE)], capsys)
    assert (status, err) == (0, "")
    lines = text.splitlines()
    assert lines[0] == "code 500 (INFRASTRUCTURE_ERROR), subcode 560503 " + (
        "(PSTN_REMOTE_SERVICE_UNAVAILABLE)"
    )
    assert lines[-2:] == [
        "sip:      486 Busy Here (SipStatus.BUSY_HERE)",
        "q850:     17 User busy (Q850Cause.USER_BUSY)",
    ]
    # The rest is what the payload says without its details.
    bare = json.loads(SIP_EXAMPLE.read_text(encoding="utf-8"))
    del bare["ResultInformation"]["SipDetails"], bare["ResultInformation"]["Q850Details"]
    bare_path = tmp_path / "bare.json"
    bare_path.write_text(json.dumps(bare), encoding="utf-8")
    _, alone, _ = run(["--payload", str(bare_path)], capsys)
    assert text == alone + "\n".join(lines[-2:]) + "\n"

    status, out, _ = run(["--payload", str(SIP_EXAMPLE), "--json"], capsys)
    answer = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(answer)
    assert answer["sip_details"] == {
        "code": 486,
        "message": "Busy Here",
        "name": "BUSY_HERE",
        "phrase": "Busy Here",
    }
    assert answer["q850_details"] == {
        "code": 17,
        "message": "User busy",
        "name": "USER_BUSY",
        "phrase": "User busy",
    }
    _, alone_json, _ = run(["--payload", str(bare_path), "--json"], capsys)
    plain = json.loads(alone_json)
    jsonschema.Draft202012Validator(SCHEMA).validate(plain)
    assert plain["sip_details"] is plain["q850_details"] is None
    assert {k: v for k, v in answer.items() if not k.endswith("_details")} == {
        k: v for k, v in plain.items() if not k.endswith("_details")
    }


def test_a_payload_without_details_prints_no_detail_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "event.json"
    path.write_text('{"data": {"resultInformation": {"code": 487, "subCode": 10004}}}')
    status, text, _ = run(["--payload", str(path)], capsys)
    assert status == 0
    assert text == run(["487", "10004"], capsys)[1]
    assert "sip:" not in text and "q850:" not in text


@pytest.mark.parametrize(
    ("details", "sip", "q850"),
    [
        # No words: the standard's phrase is shown beside the member.
        (
            {"sipDetails": {"code": 487}, "q850Details": {"code": 16}},
            "sip:      487 (SipStatus.REQUEST_TERMINATED: Request Terminated)",
            "q850:     16 (Q850Cause.NORMAL_CALL_CLEARING: Normal call clearing)",
        ),
        # Other words than the standard's: both.
        (
            {"SipDetails": {"Code": 486, "Message": "busy"}, "Q850Details": {"Code": 17, "Message": "User busy"}},
            "sip:      486 busy (SipStatus.BUSY_HERE: Busy Here)",
            "q850:     17 User busy (Q850Cause.USER_BUSY)",
        ),
        # Codes no registry names: the code and words alone.
        (
            {"sipDetails": {"code": 499, "message": "m"}, "q850Details": {"code": 126}},
            "sip:      499 m",
            "q850:     126",
        ),
    ],
)  # fmt: skip
def test_detail_lines(
    details: dict[str, object],
    sip: str,
    q850: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"resultInformation": {"code": 500, **details}}))
    status, text, _ = run(["--payload", str(path)], capsys)
    assert status == 0 and text.splitlines()[-2:] == [sip, q850]
    _, out, _ = run(["--payload", str(path), "--json"], capsys)
    answer = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(answer)
    if "(" not in sip:
        assert answer["sip_details"]["name"] is answer["sip_details"]["phrase"] is None


def test_a_payload_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = SIP_EXAMPLE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(["--payload", "-", "--json"], capsys)
    assert status == 0 and json.loads(out)["sip_details"]["code"] == 486


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b'{"data": {"callConnectionId": "c"}}', "payload.data: no code here"),
        (b'{"code": -1}', "payload.code is -1, not a code: codes are never negative"),
        (b"[" * 100_000, "payload: nested deeper than any ACS payload"),
        (
            b'[{"code": 1}, {"code": 2}]',
            "payload: a list of 2 items; explain_payloads",
        ),
    ],
)
def test_a_payload_without_a_readable_code_is_a_data_error(
    content: bytes, error: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "payload.json"
    path.write_bytes(content)
    status, out, err = run(["--payload", str(path)], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"{PROG}: error: {path}: {error}")
    assert "Traceback" not in err


def test_a_payload_file_that_cannot_be_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(["--payload", str(tmp_path / "absent.json")], capsys)
    assert (status, out) == (1, "")
    assert (
        err
        == f"{PROG}: error: cannot read {tmp_path / 'absent.json'}: No such file or directory\n"
    )


def test_a_code_and_a_payload_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        acs_call_codes._main(["487", "--payload", str(SIP_EXAMPLE)], prog=PROG)
    assert stopped.value.code == 2
    assert "give a CODE or --payload FILE, not both" in capsys.readouterr().err


# --- --list of what the catalog lacks --------------------------------------------


def unlisted_code() -> int:
    """A code in a range the catalog knows, of which it has no row."""
    codes = {int(c) for c in acs_call_codes.Code}
    codes |= {int(code) for code, _ in acs_call_codes.CALL_END_REASONS}
    return next(n for n in range(200, 700) if n not in codes)


def test_list_of_a_code_in_a_known_range(capsys: pytest.CaptureFixture[str]) -> None:
    code = unlisted_code()
    status, text, err = run(["--list", str(code)], capsys)
    assert (status, err) == (0, "")
    assert text == (
        f"The catalog has no row for code {code}: no pair, no row of the code "
        f"alone. Only its range is known: {acs_call_codes.explain(code).message}\n"
    )
    status, out, _ = run(["--list", str(code), "--json"], capsys)
    listed = json.loads(out)
    assert listed["reasons"] == listed["codes"] == listed["subcodes"] == []
    assert listed["note"] == text.rstrip("\n")


def test_list_of_a_subcode_given_as_a_code(capsys: pytest.CaptureFixture[str]) -> None:
    member = acs_call_codes.SubCode(9999)
    status, text, _ = run(["--list", "9999"], capsys)
    assert status == 0
    assert text.startswith("The catalog has no row for code 9999: no pair, ")
    assert "Nor does it fall in a range the catalog knows." in text
    assert text.rstrip("\n").endswith(
        f"9999 is a subcode, SubCode.{member.name}: --list SubCode.{member.name} "
        "lists its rows."
    )


def test_list_of_a_listed_code_has_no_note(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["--list", "487", "--json"], capsys)
    assert json.loads(out)["note"] is None
    _, whole, _ = run(["--list", "--json"], capsys)
    assert json.loads(whole)["note"] is None


def member_9999() -> str:
    return acs_call_codes.SubCode(9999).name


def test_list_of_a_subcode_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, text, _ = run(["--list", "TOKEN_INVALID"], capsys)
    assert status == 0
    subcode = int(acs_call_codes.SubCode.TOKEN_INVALID)
    rows = [r for r in acs_call_codes.CALL_END_REASONS.values() if r.subcode == subcode]
    assert (
        text.splitlines()[0]
        == f"{len(rows)} pair{'' if len(rows) == 1 else 's'} (code, subcode):"
    )
    for row in rows:
        assert f"{row.code.name}/{row.subcode.name}" in text
    _, out, _ = run(["--list", "SubCode.TOKEN_INVALID", "--json"], capsys)
    listed = json.loads(out)
    assert {(r["code"], r["subcode"]) for r in listed["reasons"]} == {
        (int(r.code), subcode) for r in rows
    }
    assert listed["codes"] == listed["rules"] == []
    # The hint --list 9999 gives works.
    _, out, _ = run(["--list", f"SubCode.{member_9999()}", "--json"], capsys)
    assert json.loads(out)["codes"] == []
    # A subcode with a meaning whatever the code lists it too.
    meaning = next(iter(acs_call_codes.SUBCODE_INFO.values()))
    _, out, _ = run(["--list", meaning.subcode.name, "--json"], capsys)
    assert json.loads(out)["subcodes"] == [
        {
            "subcode": int(meaning.subcode),
            "subcode_name": meaning.subcode.name,
            "message": meaning.message,
            "sources": list(meaning.sources),
        }
    ]
