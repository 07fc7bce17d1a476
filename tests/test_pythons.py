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

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
MODULE_PATH = GENERATED / "acs_call_codes.py"
VERSIONS = ["3.10", "3.11", "3.12", "3.13"]

CHECKS = """\
import sys

sys.path.insert(0, sys.argv[1])
import acs_call_codes as m

assert sys.version_info[:2] == tuple(map(int, sys.argv[2].split("."))), sys.version
assert sys.flags.no_site  # no site-packages: the standard library only
reason = m.lookup(495, 4507)
assert reason is not None and reason.subcode is m.SubCode.TOKEN_INVALID
assert reason.result_category is m.ResultCategory.UNEXPECTED_CLIENT_ERROR
assert reason.is_unexpected and reason.is_error and not reason.is_success
assert m.ResultCategory("UnxpectedClientError") is reason.result_category
assert m.Code.parse(" 487 ") is m.Code.CALL_CANCELED and m.Code.parse("4.0") is None
assert m.SubCode.parse(True) is None
assert m.explain(487, 10004).match is m.MatchLevel.REASON
assert m.explain(408).match is m.MatchLevel.CODE
assert m.explain(450, 1).code_class is m.CodeClass.CLIENT_ERROR
assert m.explain(999).match is m.MatchLevel.UNKNOWN
assert str(m.Code.BUSY) == "486" and f"{m.SubCode.RING_TIMEOUT}" == "10004"
assert len(m.Code) == len(m.Code.__members__)
print("ok")
"""


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
    result = run(python, ["-c", CHECKS, str(GENERATED), version], ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_module_explains_from_the_shell(python: Path) -> None:
    result = run(python, ["-m", "acs_call_codes", "487", "10004", "--json"], GENERATED)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["subcode_name"] == "RING_TIMEOUT"
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
