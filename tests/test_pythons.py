"""The generated module works on Python 3.10, 3.11, 3.12 and 3.13.

Each interpreter found under pyenv imports the module with nothing but the
standard library (no site-packages, warnings as errors), checks a few answers
and explains a pair from the shell. An interpreter missing here is skipped,
except in CI (the CI variable set), which must see all four. mypy checks the
module as Python 3.10 code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spec_examples import (
    CLASS_ONLY_CODE,
    CODE_WITH_INFO,
    PLAIN_REASON,
    PREDICATES,
    ROWS,
    RULE,
    TOKEN_INVALID_REASON,
    UNCATEGORIZED_REASON,
    code_name,
)

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
MODULE_PATH = GENERATED / "acs_call_codes.py"
VERSIONS = ["3.10", "3.11", "3.12", "3.13"]

# The answers to check come from the spec, as JSON in argv[3].
CHECKS = """\
import json
import sys

sys.path.insert(0, sys.argv[1])
import acs_call_codes as m

assert sys.version_info[:2] == tuple(map(int, sys.argv[2].split("."))), sys.version
assert sys.flags.no_site  # no site-packages: the standard library only
spec = json.loads(sys.argv[3])
token = spec["token_invalid"]
reason = m.lookup(token["code"], 4507)
assert reason is not None and reason.subcode is m.SubCode.TOKEN_INVALID
assert reason.result_category is m.ResultCategory(token["category"])
predicates = (reason.is_success, reason.is_error, reason.is_unexpected)
assert list(predicates) == token["predicates"], predicates
assert m.ResultCategory("UnxpectedClientError") is m.ResultCategory.UNEXPECTED_CLIENT_ERROR
plain = spec["plain"]
code = m.Code.parse(f" {plain['code']} ")
assert code is m.Code[plain["code_name"]] and m.Code.parse("4.0") is None
assert m.SubCode.parse(True) is None
found = m.explain(plain["code"], plain["subcode"])
assert found.match is m.MatchLevel.REASON and found.message == plain["message"]
assert m.explain(spec["code_with_info"]).match is m.MatchLevel.CODE
class_only = m.explain(spec["class_only"]["code"], 1)
assert class_only.code_class is m.CodeClass[spec["class_only"]["class"]]
assert m.explain(999).match is m.MatchLevel.UNKNOWN
assert str(code) == str(plain["code"])
assert f"{m.SubCode[plain['name']]}" == str(plain["subcode"])
assert len(m.Code) == len(m.Code.__members__)
uncategorized = spec["uncategorized"]
reason = m.lookup(uncategorized["code"], uncategorized["subcode"])
assert reason is not None and reason.result_category is None
assert (reason.is_success, reason.is_error, reason.is_unexpected) == (None, None, None)
assert reason.sources == tuple(uncategorized["sources"])
assert list(m.SOURCES) == spec["sources"]
rule = spec["rule"]
(found_rule,) = [r for r in m.SUBCODE_RULES if r.name == rule["name"]]
assert (found_rule.read(rule["first"]), found_rule.read(rule["first"] - 1)) == (0, None)
print("ok")
"""


def spec_facts() -> str:
    """What CHECKS expects, from the spec, as JSON."""
    token, plain = TOKEN_INVALID_REASON, PLAIN_REASON
    class_only = ROWS.class_of(CLASS_ONLY_CODE)
    assert class_only is not None
    assert token.category is not None
    return json.dumps(
        {
            "token_invalid": {
                "code": token.code,
                "category": token.category,
                "predicates": PREDICATES[token.category],
            },
            "plain": {
                "code": plain.code,
                "code_name": code_name(plain.code),
                "subcode": plain.subcode,
                "name": plain.name,
                "message": plain.message,
            },
            "code_with_info": CODE_WITH_INFO.code,
            "class_only": {"code": CLASS_ONLY_CODE, "class": class_only.name},
            "uncategorized": {
                "code": UNCATEGORIZED_REASON.code,
                "subcode": UNCATEGORIZED_REASON.subcode,
                "sources": UNCATEGORIZED_REASON.sources,
            },
            "sources": [row.id for row in ROWS.sources],
            "rule": {"name": RULE.name, "first": RULE.first},
        }
    )


def interpreter(version: str) -> Path | None:
    """pyenv's python{version}, the newest of that line; None if there is none."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = [
        path
        for path in root.glob(f"{version}.*/bin/python{version}")
        if path.is_file() and os.access(path, os.X_OK)
    ]
    return max(
        found, key=lambda p: [int(n) for n in p.parts[-3].split(".")], default=None
    )


@pytest.fixture(params=VERSIONS)
def python(request: pytest.FixtureRequest) -> Path:
    version: str = request.param
    path = interpreter(version)
    if path is None:
        message = f"no Python {version} under pyenv"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run on every supported version")
        pytest.skip(message)
    return path


def run(python: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python`` with the standard library only, warnings as errors."""
    return subprocess.run(
        [str(python), "-S", "-E", "-W", "error", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_module_imports_and_answers(python: Path) -> None:
    version = python.name.removeprefix("python")
    result = run(python, ["-c", CHECKS, str(GENERATED), version, spec_facts()], ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_the_dataclasses_behave_as_plain_ones(python: Path) -> None:
    """tests/dataclass_equivalence.py, run by this interpreter: every record
    class against plain @dataclass(frozen=True, slots=True), and each way of
    asking for the fields first."""
    script = ROOT / "tests" / "dataclass_equivalence.py"
    result = run(python, [str(script), str(GENERATED)], ROOT)
    assert result.returncode == 0, result.stderr
    assert "behave as @dataclass makes them" in result.stdout


def test_module_explains_from_the_shell(python: Path) -> None:
    row = PLAIN_REASON
    pair = [str(row.code), str(row.subcode)]
    result = run(python, ["-m", "acs_call_codes", *pair, "--json"], GENERATED)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["subcode_name"] == row.name
    result = run(python, ["-m", "acs_call_codes", "4.0"], GENERATED)
    assert result.returncode == 2
    assert "error: argument CODE: not a code: '4.0'" in result.stderr


def test_mypy_accepts_the_module_as_python_310(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version=3.10",
            "--no-error-summary",
            f"--cache-dir={tmp_path}",
            str(MODULE_PATH),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_the_report_page_is_the_same_on_every_python(
    python: Path, tmp_path: Path
) -> None:
    """package/_report/as_html.py, with the standard library only, writes the
    page this interpreter writes, byte for byte (times read with
    ``fromisoformat``, which 3.10 reads less of)."""
    from _report.as_html import render_html

    series = [
        {"start": f"2024-06-0{3 + i // 24}T{i % 24:02d}:00:00Z", "total": i + 1,
         "by_category": {"Success": i + 1}}
        for i in range(0, 30, 4)
    ]  # fmt: skip
    document = {
        "files": ["calls <1>.jsonl"], "records": 3, "with_code": 2, "without_code": 1,
        "bad": 0, "bad_lines": [], "by_category": {"ExpectedError": 2},
        "by_match": {"reason": 2},
        "pairs": [
            {"code": 487, "subcode": 10004, "diagnostic": None, "code_name": "CALL_CANCELED",
             "subcode_name": "RING_TIMEOUT", "count": 2, "share": 1.0, "match": "reason",
             "explained_as": [487, 10004], "row": [487, 10004], "rule": None,
             "result_category": "ExpectedError", "message": "Call was canceled & \x00",
             "advice": None, "sources": ["call-end"]},
        ],
        "time": {"field": "TimeGenerated", "bucket": "hour", "without_time": 0,
                 "series": series},
        "groups": {"field": "SdkVersion", "without_field": 0, "values": [
            {"value": "1.2<3", "records": 2, "failures": 1, "failure_share": 0.5,
             "by_category": {"ExpectedError": 2},
             "pairs": [{"code": 487, "subcode": 10004, "count": 2}]}]},
    }  # fmt: skip
    source = tmp_path / "report.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    script = (
        "import json, sys\n"
        "sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
        "from _report.as_html import render_html\n"
        "with open(sys.argv[3], encoding='utf-8') as f:\n"
        "    page = render_html(json.load(f))\n"
        "sys.stdout.buffer.write(page.encode('utf-8'))\n"
    )
    result = subprocess.run(
        [str(python), "-S", "-E", "-W", "error", "-c", script,
         str(GENERATED), str(ROOT / "package"), str(source)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == render_html(document)
