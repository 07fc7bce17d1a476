"""Both type checkers see the enums as closed sets.

A consumer's ``match`` over ResultCategory, Code or SubCode that ends in
``assert_never`` passes ``mypy --strict`` and pyright in strict mode when it has
a case for every member, and fails both, at the ``assert_never`` line and naming
the member, when one case is missing. The consumers target Python 3.11, where
``typing.assert_never`` appeared (3.10 has it in typing_extensions).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from acs_call_codes import Code, ResultCategory, SubCode

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
PYRIGHT = Path(sys.executable).parent / "pyright"
ENUMS: list[type[Enum]] = [ResultCategory, Code, SubCode]

# The rest of the contract, for the checkers to type: raw values, predicates.
USES = """\
from acs_call_codes import CallEndReason, Code, Explanation, ResultCategory, SubCode
from acs_call_codes import explain, lookup


def raw(code: object, subcode: object) -> CallEndReason | None:
    member: Code | None = Code.parse(code)
    sub: SubCode | None = SubCode.parse(subcode)
    if member is None or sub is None:
        return None
    return lookup(member, sub)


def alert(code: int, subcode: int | None) -> bool:
    found: Explanation = explain(code, subcode)
    category: ResultCategory | None = ResultCategory.parse("UnxpectedClientError")
    flags: tuple[bool | None, bool | None] = (found.is_success, found.is_error)
    return bool(found.is_unexpected) or category is None or not any(flags)
"""


def consumer(enum: type[Enum], missing: str | None = None) -> tuple[str, int]:
    """Source of a function matching every member of ``enum`` but ``missing``,
    and the line number of its ``assert_never``."""
    lines = [
        "from typing import assert_never",
        "",
        f"from acs_call_codes import {enum.__name__}",
        "",
        "",
        f"def describe(value: {enum.__name__}) -> str:",
        "    match value:",
    ]
    for member in enum:
        if member.name != missing:
            lines += [
                f"        case {enum.__name__}.{member.name}:",
                f"            return {member.name!r}",
            ]
    lines += ["        case _:", "            assert_never(value)"]
    return "\n".join(lines) + "\n", len(lines)


def dropped(enum: type[Enum]) -> str:
    """The member left out of the incomplete match: one from the middle."""
    names = [member.name for member in enum]
    return names[len(names) // 2]


@pytest.fixture(scope="module")
def consumers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of consumer files: ``complete_*.py``, ``missing_*.py``, ``uses.py``."""
    folder = tmp_path_factory.mktemp("consumers")
    for enum in ENUMS:
        complete, _ = consumer(enum)
        incomplete, _ = consumer(enum, dropped(enum))
        (folder / f"complete_{enum.__name__}.py").write_text(complete, encoding="utf-8")
        (folder / f"missing_{enum.__name__}.py").write_text(
            incomplete, encoding="utf-8"
        )
    (folder / "uses.py").write_text(USES, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mypy_errors(consumers: Path) -> dict[str, list[tuple[int, str]]]:
    """mypy --strict over every consumer at once: (line, message) by file name."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version=3.11",
            "--no-error-summary",
            "--show-error-codes",
            "--no-color-output",
            f"--cache-dir={consumers / '.mypy_cache'}",
            *sorted(p.name for p in consumers.glob("*.py")),
        ],
        cwd=consumers,
        env={**os.environ, "MYPYPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    errors: dict[str, list[tuple[int, str]]] = {}
    for line in result.stdout.splitlines():
        path, number, kind, message = line.split(":", 3)
        if kind.strip() == "error":
            errors.setdefault(path, []).append((int(number), message.strip()))
    return errors


@pytest.fixture(scope="module")
def pyright_errors(consumers: Path) -> dict[str, list[tuple[int, str]]]:
    """pyright in strict mode over every consumer: (line, message) by file name."""
    config = {
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
        "extraPaths": [str(GENERATED)],
        "include": ["."],
    }
    (consumers / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--project", str(consumers)],
        cwd=consumers,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    errors: dict[str, list[tuple[int, str]]] = {}
    for diagnostic in json.loads(result.stdout)["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            line = diagnostic["range"]["start"]["line"] + 1  # pyright counts from 0
            name = Path(diagnostic["file"]).name
            errors.setdefault(name, []).append((line, diagnostic["message"]))
    return errors


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_the_contract_type_checks(checker: str, request: pytest.FixtureRequest) -> None:
    errors: dict[str, list[tuple[int, str]]] = request.getfixturevalue(
        f"{checker}_errors"
    )
    assert errors.get("uses.py", []) == []


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("enum", ENUMS, ids=lambda enum: enum.__name__)
def test_exhaustive_match_passes(
    checker: str, enum: type[Enum], request: pytest.FixtureRequest
) -> None:
    errors: dict[str, list[tuple[int, str]]] = request.getfixturevalue(
        f"{checker}_errors"
    )
    assert errors.get(f"complete_{enum.__name__}.py", []) == []


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
@pytest.mark.parametrize("enum", ENUMS, ids=lambda enum: enum.__name__)
def test_match_missing_a_case_fails(
    checker: str, enum: type[Enum], request: pytest.FixtureRequest
) -> None:
    errors: dict[str, list[tuple[int, str]]] = request.getfixturevalue(
        f"{checker}_errors"
    )
    missing = dropped(enum)
    _, assert_line = consumer(enum, missing)
    found = errors.get(f"missing_{enum.__name__}.py", [])
    assert len(found) == 1, found
    line, message = found[0]
    assert line == assert_line
    assert f"{enum.__name__}.{missing}" in message
