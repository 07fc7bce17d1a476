"""Explain from the shell: ``python -m acs_call_codes`` (also the installed
``acs-call-codes`` command) and ``python -m codegen explain``.

Both run the module's own ``_main``, so they print the same thing: the message,
the category, the advice, the documents of the row that answered and which
level of the catalog matched, or with ``--json`` one object for scripts. Input that is not a code is a usage error
(exit 2) with a message that names it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import acs_call_codes
import pytest
from spec_examples import (
    ABSENT_SUBCODE,
    CLASS_ONLY_CODE,
    CODE_WITH_INFO,
    CODES,
    MULTI_SOURCE_REASON,
    MULTILINE_ADVICE_REASON,
    PAIRS,
    PLAIN_REASON,
    PREDICATES,
    ROWS,
    RULE,
    SUBCODE_NAMES,
    TOKEN_INVALID_REASON,
    UNCATEGORIZED_REASON,
    code_name,
)
from spec_rows import ReasonRow

from codegen.cli import main as codegen_main


def run_module(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert acs_call_codes._main(argv, prog="python -m acs_call_codes") == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def source_lines(ids: tuple[str, ...]) -> list[str]:
    """The report's ``sources:`` line and its continuations for these ids."""
    shown = [f"{i}: {ROWS.source(i).title} ({ROWS.source(i).date})" for i in ids]
    if not shown:
        return ["sources:  none (the catalog's own words)"]
    return [f"sources:  {shown[0]}", *(" " * 10 + line for line in shown[1:])]


def source_objects(ids: tuple[str, ...]) -> list[dict[str, str | None]]:
    """The report's JSON ``sources`` for these ids."""
    rows = [ROWS.source(i) for i in ids]
    return [
        {"id": row.id, "title": row.title, "date": row.date, "url": row.url}
        for row in rows
    ]


def test_text_names_the_pair_and_every_part() -> None:
    row = PLAIN_REASON
    assert row.advice is not None
    found = acs_call_codes.explain(row.code, row.subcode)
    assert acs_call_codes._describe(found, as_json=False).splitlines() == [
        f"code {row.code} ({code_name(row.code)}), subcode {row.subcode} ({row.name})",
        f"message:  {row.message}",
        f"category: {row.category}",
        f"advice:   {row.advice}",
        *source_lines(row.sources),
        "matched:  reason (the row for this code and subcode)",
    ]


def test_text_names_every_source_of_the_row_whose_words_come_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    row = MULTI_SOURCE_REASON
    lines = run_module([str(row.code), str(row.subcode)], capsys).splitlines()
    start = lines.index(next(line for line in lines if line.startswith("sources:")))
    assert lines[start : start + len(row.sources)] == source_lines(row.sources)
    assert lines[start].startswith(f"sources:  {row.sources[0]}: ")
    assert lines[start + len(row.sources)].startswith("matched:  ")


def wording_facts(code: int, subcode: int) -> dict[str, object]:
    """The JSON's wording keys for a documented pair explained without an
    event: its first wording, its others, nothing lent or from its class."""
    first, *others = (
        {
            "message": w.message,
            "advice": w.advice,
            "result_category": w.category,
            "events": list(w.events),
            "sources": list(w.sources),
        }
        for w in ROWS.wordings(code, subcode)
    )
    return {
        "wording": first,
        "wording_choice": "first" if others else "only",
        "other_wordings": others,
        "category_from": None,
        "class_info": None,
    }


def uncategorized_lines(row: ReasonRow) -> list[str]:
    """The text report of a row whose document gives no category."""

    def block(label: str, text: str | None) -> list[str]:
        first, *rest = (text or "none given").splitlines()
        return [f"{label + ':':<10}{first}", *(" " * 10 + line for line in rest)]

    return [
        f"code {row.code} ({code_name(row.code)}), subcode {row.subcode} ({row.name})",
        *block("message", row.message),
        "category: none given",
        *block("advice", row.advice),
        *source_lines(row.sources),
        "matched:  reason (the row for this code and subcode)",
    ]


def test_text_of_a_row_without_a_category(capsys: pytest.CaptureFixture[str]) -> None:
    row = UNCATEGORIZED_REASON
    lines = run_module([str(row.code), str(row.subcode)], capsys).splitlines()
    assert lines == uncategorized_lines(row)


def test_json_of_a_row_without_a_category(capsys: pytest.CaptureFixture[str]) -> None:
    row = UNCATEGORIZED_REASON
    answer = json.loads(run_module([str(row.code), str(row.subcode), "--json"], capsys))
    code_class = ROWS.class_of(row.code)
    assert answer == {
        "code": row.code,
        "code_name": code_name(row.code),
        "subcode": row.subcode,
        "subcode_name": row.name,
        "match": "reason",
        "message": row.message,
        "result_category": None,
        "advice": row.advice,
        "sources": source_objects(row.sources),
        "matched": "reason (the row for this code and subcode)",
        "row": {"code": row.code, "subcode": row.subcode},
        "subcode_info": None,
        "rule": None,
        "code_info": False,
        "subcode_documented_with": [],
        "code_class": None if code_class is None else code_class.description,
        # Not known: neither an error nor not one.
        "is_success": None,
        "is_error": None,
        "is_unexpected": None,
        **wording_facts(row.code, row.subcode),
        "sip_details": None,
        "q850_details": None,
    }


def test_text_lines_up_the_advice_bullets(capsys: pytest.CaptureFixture[str]) -> None:
    row = MULTILINE_ADVICE_REASON
    assert row.advice is not None
    lines = run_module([str(row.code), str(row.subcode)], capsys).splitlines()
    advice = lines.index(next(line for line in lines if line.startswith("advice:")))
    first, *rest = row.advice.splitlines()
    assert rest, row.advice
    assert lines[advice : advice + 1 + len(rest)] == [
        f"advice:   {first}",
        *(" " * 10 + line for line in rest),
    ]


def title(code: int, subcode: int | None = None) -> str:
    """The first line of the text report on ``code`` and ``subcode``."""
    text = f"code {code}" + (f" ({CODES[code].name})" if code in CODES else "")
    if subcode is not None:
        text += f", subcode {subcode}"
        text += f" ({SUBCODE_NAMES[subcode]})" if subcode in SUBCODE_NAMES else ""
    return text


INFO, REASON = CODE_WITH_INFO.code, PLAIN_REASON
# A code the document gives no row of its own, and a reason whose subcode is
# documented under one code only, and not under that one.
SUMMARY_ONLY = min(row.code for row in ROWS.codes if row.message is None)
ELSEWHERE = next(
    row
    for row in ROWS.reasons
    if row.subcode
    and (SUMMARY_ONLY, row.subcode) not in PAIRS
    and sum(other.subcode == row.subcode for other in ROWS.reasons) == 1
)


#: A subcode only a table of subcodes alone explains, and one only a rule does.
MEANING_ONLY = next(
    m for m in ROWS.subcodes if not any(r.subcode == m.subcode for r in ROWS.reasons)
)
RULE_SUBCODE = next(
    n for n in range(RULE.first + 400, RULE.last) if n not in SUBCODE_NAMES
)


@pytest.mark.parametrize(
    ("argv", "title", "category", "sources", "matched"),
    [
        ([f"{INFO}"], title(INFO), "none given", CODE_WITH_INFO.sources, "code (the code's own row; no subcode given)"),
        ([f"{INFO}", f"{ABSENT_SUBCODE}"], title(INFO, ABSENT_SUBCODE), "none given", CODE_WITH_INFO.sources, "code (the code's own row; subcode not listed with it)"),
        ([f"{CLASS_ONLY_CODE}", f"{ABSENT_SUBCODE}"], title(CLASS_ONLY_CODE, ABSENT_SUBCODE), ROWS.class_category(CLASS_ONLY_CODE) or "none given", (), "code class (only the range the code falls in)"),
        (["999"], "code 999", "none given", (), "unknown (the catalog has nothing on this code)"),
        ([f"{SUMMARY_ONLY}"], title(SUMMARY_ONLY), ROWS.class_category(SUMMARY_ONLY) or "none given", (), "code (the catalog's summary; no subcode given)"),
        ([f"{SUMMARY_ONLY}", f"{ELSEWHERE.subcode}"], title(SUMMARY_ONLY, ELSEWHERE.subcode), ROWS.expected_category(SUMMARY_ONLY, ELSEWHERE) or "none given", ELSEWHERE.sources, f"subcode (not listed with this code; the one row of subcode {ELSEWHERE.subcode}, under code {ELSEWHERE.code})"),
        ([f"{SUMMARY_ONLY}", f"{MEANING_ONLY.subcode}"], title(SUMMARY_ONLY, MEANING_ONLY.subcode), ROWS.class_category(SUMMARY_ONLY) or "none given", MEANING_ONLY.sources, "subcode (what the subcode means whatever its code)"),
        ([f"{SUMMARY_ONLY}", f"{RULE_SUBCODE}"], title(SUMMARY_ONLY, RULE_SUBCODE), ROWS.class_category(SUMMARY_ONLY) or "none given", RULE.sources, f"rule ({RULE.name}: a rule for this range of subcodes)"),
        ([f" {REASON.code} ", f"{REASON.subcode}"], title(REASON.code, REASON.subcode), REASON.category, REASON.sources, "reason (the row for this code and subcode)"),
        ([f"{UNCATEGORIZED_REASON.code}", f"{UNCATEGORIZED_REASON.subcode}"], title(UNCATEGORIZED_REASON.code, UNCATEGORIZED_REASON.subcode), "none given", UNCATEGORIZED_REASON.sources, "reason (the row for this code and subcode)"),
    ],
)  # fmt: skip
def test_text_says_which_level_matched(
    argv: list[str],
    title: str,
    category: str,
    sources: tuple[str, ...],
    matched: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = run_module(argv, capsys).splitlines()
    assert lines[0] == title
    # The category, then where it comes from when not from the pair's row.
    assert any(
        line == f"category: {category}" or line.startswith(f"category: {category} (")
        for line in lines
    ), lines
    shown = source_lines(sources)
    start = next(i for i, line in enumerate(lines) if line.startswith("sources:"))
    assert lines[start : start + len(shown)] == shown
    assert lines[-1] == f"matched:  {matched}"


def test_json_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    row = TOKEN_INVALID_REASON
    argv = [str(row.code), str(row.subcode), "--json"]
    answer = json.loads(run_module(argv, capsys))
    code_class = ROWS.class_of(row.code)
    assert row.category is not None
    is_success, is_error, is_unexpected = PREDICATES[row.category]
    assert answer == {
        "code": row.code,
        "code_name": code_name(row.code),
        "subcode": row.subcode,
        "subcode_name": "TOKEN_INVALID",
        "match": "reason",
        "message": row.message,
        "result_category": row.category,
        "advice": row.advice,
        "sources": source_objects(row.sources),
        "matched": "reason (the row for this code and subcode)",
        "row": {"code": row.code, "subcode": row.subcode},
        "subcode_info": None,
        "rule": None,
        "code_info": False,
        "subcode_documented_with": [],
        "code_class": None if code_class is None else code_class.description,
        "is_success": is_success,
        "is_error": is_error,
        "is_unexpected": is_unexpected,
        **wording_facts(row.code, row.subcode),
        "sip_details": None,
        "q850_details": None,
    }


def test_json_for_an_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    answer = json.loads(run_module(["--json", "999"], capsys))
    assert answer["match"] == "unknown"
    assert answer["code_name"] is None and answer["subcode"] is None
    assert answer["result_category"] is None and answer["code_class"] is None
    assert answer["sources"] == []


def test_json_of_a_code_level_row_names_its_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    answer = json.loads(run_module(["--json", str(CODE_WITH_INFO.code)], capsys))
    assert answer["match"] == "code"
    assert answer["sources"] == source_objects(CODE_WITH_INFO.sources)
    assert answer["sources"]
    assert answer["code_info"] is True


SCHEMA = json.loads(
    (Path(__file__).parents[1] / "docs" / "explain.schema.json").read_text("utf-8")
)


def explained_pairs() -> list[list[str]]:
    """Every pair of the catalog, every code alone, and pairs off the catalog
    that reach each other rung."""
    pairs = [
        [str(code), str(subcode)] for code, subcode in acs_call_codes.CALL_END_REASONS
    ]
    pairs += [[str(int(code))] for code in acs_call_codes.Code]
    off = [("200", "7000"), ("400", "8535"), ("487", "560502"), ("487", "999999"),
           ("699", "1"), ("42", "1"), ("487", "540999"), ("500", "0")]  # fmt: skip
    return pairs + [list(pair) for pair in off]


def test_json_output_validates_against_the_schema_on_every_rung(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    rungs = set()
    for argv in explained_pairs():
        answer = json.loads(run_module([*argv, "--json"], capsys))
        validator.validate(answer)
        text = run_module(argv, capsys)
        # The JSON carries what the text shows.
        assert text.splitlines()[-1] == f"matched:  {answer['matched']}"
        assert f"message:  {answer['message'].splitlines()[0]}" in text
        rungs.add(answer["match"])
    assert rungs == {level.value for level in acs_call_codes.MatchLevel}


def test_json_names_the_rule_and_what_it_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [str(SUMMARY_ONLY), str(RULE_SUBCODE), "--json"]
    answer = json.loads(run_module(argv, capsys))
    assert answer["match"] == "rule"
    assert answer["rule"]["name"] == RULE.name
    assert answer["rule"]["value"] == RULE_SUBCODE - RULE.first
    assert answer["row"] is None and answer["result_category"] is None


def test_json_says_under_which_codes_a_stray_subcode_is_documented(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 4507 (TOKEN_INVALID) under a code it is not documented with.
    answer = json.loads(run_module(["487", "4507", "--json"], capsys))
    if answer["match"] == "subcode":
        assert answer["row"] == {"code": 495, "subcode": 4507}
        assert answer["subcode_documented_with"] == []
    else:
        assert 495 in answer["subcode_documented_with"]
    answer = json.loads(run_module(["480", "0", "--json"], capsys))
    assert answer["subcode_documented_with"] == []  # subcode 0 says nothing


def test_list_prints_the_whole_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    text = run_module(["--list"], capsys)
    listed = json.loads(run_module(["--list", "--json"], capsys))
    assert len(listed["reasons"]) == len(acs_call_codes.CALL_END_REASONS)
    assert len(listed["codes"]) == len(acs_call_codes.Code)
    assert len(listed["subcodes"]) == len(acs_call_codes.SUBCODE_INFO)
    assert len(listed["rules"]) == len(acs_call_codes.SUBCODE_RULES)
    for reason in listed["reasons"]:
        assert f"{reason['code_name']}/{reason['subcode_name']}" in text
    assert text.splitlines()[0] == f"{len(listed['reasons'])} pairs (code, subcode):"


def test_list_of_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = TOKEN_INVALID_REASON.code
    listed = json.loads(run_module(["--list", str(code), "--json"], capsys))
    assert {(r["code"], r["subcode"]) for r in listed["reasons"]} == {
        (c, s) for c, s in acs_call_codes.CALL_END_REASONS if c == code
    }
    assert [c["code"] for c in listed["codes"]] == [code]
    assert listed["subcodes"] == listed["rules"] == []
    text = run_module(["--list", "AUTHENTICATION_FAILED"], capsys)
    assert "TOKEN_INVALID" in text and "subcodes, whatever the code" not in text
    with pytest.raises(SystemExit) as stopped:
        acs_call_codes._main(["--list", "487", "0"], prog="python -m acs_call_codes")
    assert stopped.value.code == 2
    assert "--list takes a CODE alone" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        acs_call_codes._main([], prog="python -m acs_call_codes")
    assert (
        "give a CODE (and a SUBCODE), --payload FILE, or --list"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["abc"], "argument CODE: not a code: 'abc'"),
        (["4.0"], "argument CODE: not a code: '4.0'"),
        (["487", "x"], "argument SUBCODE: not a subcode: 'x'"),
        (["487", ""], "argument SUBCODE: not a subcode: ''"),
        (
            ["9" * 5000],
            "argument CODE: a number of 5,000 digits is more than Python reads",
        ),
        (
            ["487", "9" * 5000],
            "argument SUBCODE: a number of 5,000 digits is more than Python reads",
        ),
        (
            ["UNSPECIFIED"],
            "SubCode.UNSPECIFIED (0) is documented under 0, 200, 487, 603; give the code too",
        ),
        (
            ["TOKEN_INVALID", "1"],
            "TOKEN_INVALID is a SubCode name; give the code first",
        ),
        (["-5"], "argument CODE: not a code: '-5'"),
        (["True"], "argument CODE: not a code: 'True'"),
        ([], "give a CODE (and a SUBCODE), --payload FILE, or --list"),
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


# --- python -m codegen explain ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [str(PLAIN_REASON.code), str(PLAIN_REASON.subcode)],
        [str(PLAIN_REASON.code), str(PLAIN_REASON.subcode), "--json"],
        [str(UNCATEGORIZED_REASON.code), str(UNCATEGORIZED_REASON.subcode), "--json"],
        ["--json", str(CODE_WITH_INFO.code)],
        [str(CLASS_ONLY_CODE)],
        ["999"],
    ],
)
def test_codegen_explain_prints_what_the_module_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = run_module(argv, capsys)
    assert codegen_main(["explain", *argv]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (expected, "")


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["explain", "abc"], "python -m codegen explain: error: argument CODE: not a code: 'abc'"),
        (["explain", "487", "4.0"], "python -m codegen explain: error: argument SUBCODE: not a subcode: '4.0'"),
        (["explain"], "python -m codegen explain: error: the following arguments are required: CODE"),
    ],
)  # fmt: skip
def test_codegen_explain_usage_errors(
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


@pytest.mark.parametrize(
    ("argv", "same_as"),
    [
        (["TOKEN_INVALID"], ["495", "4507"]),
        (["SubCode.TOKEN_INVALID"], ["495", "4507"]),
        (["AUTHENTICATION_FAILED", "token_invalid"], ["495", "4507"]),
        (["Code.CALL_CANCELED", "RING_TIMEOUT"], ["487", "10004"]),
        (["CALL_CANCELED"], ["487"]),
    ],
)
def test_member_names_stand_for_their_numbers(
    argv: list[str], same_as: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_module(argv, capsys) == run_module(same_as, capsys)
