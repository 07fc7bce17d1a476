"""Former names kept as enum aliases: validated, and generated as ``OLD = NEW``."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from generated_modules import generate_and_import
from minimal_spec import minimal_spec

from codegen.loader import parse_spec
from codegen.pipeline import generate_source
from codegen.validate import validate_spec

SPEC = minimal_spec() + textwrap.dedent("""\
    codes:
      - code: 0
        name: CALL_ENDED
        summary: The call ended.
      - code: 404
        name: CALL_MISSING
        aliases: [CALL_NOT_FOUND]
        summary: No such call.
    reasons:
      - code: 0
        subcode: 0
        name: UNSPECIFIED
        message: Call ended.
        result_category: Success
      - code: 0
        subcode: 4507
        name: TOKEN_REJECTED
        aliases: [TOKEN_INVALID]
        message: Token rejected.
        result_category: Success
      - code: 404
        subcode: 4507
        name: TOKEN_REJECTED
        aliases: [TOKEN_INVALID, BAD_TOKEN]
        message: Token rejected here too.
        result_category: Success
    """)


def problems(text: str) -> list[str]:
    return [
        str(d) for d in validate_spec(parse_spec(text.encode("utf-8"), "codes.yaml"))
    ]


def test_aliases_validate() -> None:
    assert problems(SPEC) == []


def test_alias_may_not_be_a_member_name() -> None:
    text = SPEC.replace("aliases: [CALL_NOT_FOUND]", "aliases: [CALL_ENDED]")
    assert problems(text) == [
        "codes.yaml:20:15: error: alias CALL_ENDED is already the name of Code 0"
    ]


def test_alias_may_not_be_its_own_member_name() -> None:
    text = SPEC.replace("aliases: [CALL_NOT_FOUND]", "aliases: [CALL_MISSING]")
    assert problems(text) == [
        "codes.yaml:20:15: error: alias CALL_MISSING is already the name of Code 404"
    ]


def test_alias_may_not_be_another_members_alias() -> None:
    text = SPEC.replace(
        "name: UNSPECIFIED\n", "name: UNSPECIFIED\n    aliases: [BAD_TOKEN]\n"
    )
    assert problems(text) == [
        "codes.yaml:38:30: error: alias BAD_TOKEN is already an alias of SubCode 0 (line 26)"
    ]


def test_alias_listed_twice() -> None:
    text = SPEC.replace("aliases: [CALL_NOT_FOUND]", "aliases: [OLD, OLD]")
    assert problems(text) == ["codes.yaml:20:20: error: alias OLD is listed twice"]


def test_alias_must_be_upper_snake() -> None:
    text = SPEC.replace("aliases: [CALL_NOT_FOUND]", "aliases: [callNotFound]")
    assert problems(text) == [
        "codes.yaml:20:15: error: codes[1].aliases[0] 'callNotFound' is not an UPPER_SNAKE "
        "identifier (capital letters, digits and underscores, starting with a letter)"
    ]


def test_enums_are_separate_namespaces_for_aliases() -> None:
    # Enums are separate namespaces: a SubCode alias may equal a Code name.
    text = SPEC.replace("aliases: [TOKEN_INVALID]\n", "aliases: [CALL_ENDED]\n")
    assert problems(text) == []


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    folder = tmp_path_factory.mktemp("aliases")
    return generate_and_import(SPEC, folder, "acs_call_codes_aliases")


def test_old_names_are_the_same_members(module: ModuleType) -> None:
    code, subcode = module.Code, module.SubCode
    assert code.CALL_NOT_FOUND is code.CALL_MISSING
    assert subcode.TOKEN_INVALID is subcode.TOKEN_REJECTED is subcode.BAD_TOKEN
    assert subcode(4507).name == "TOKEN_REJECTED"
    assert subcode["TOKEN_INVALID"] is subcode.TOKEN_REJECTED
    assert [m.name for m in subcode] == ["UNSPECIFIED", "TOKEN_REJECTED"]
    assert module.lookup(404, 4507).subcode is subcode.TOKEN_INVALID


def test_aliases_follow_the_members_in_source(tmp_path: Path) -> None:
    spec = tmp_path / "codes.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    source = generate_source(spec, tmp_path / "out.py")
    assert "        CALL_NOT_FOUND = CALL_MISSING\n" in source
    assert (
        "        BAD_TOKEN = TOKEN_REJECTED\n        TOKEN_INVALID = TOKEN_REJECTED\n"
        in source
    )


def test_aliases_work_on_the_oldest_supported_python(tmp_path: Path) -> None:
    python = Path.home() / ".pyenv" / "versions" / "3.10.13" / "bin" / "python3.10"
    if not python.exists():
        pytest.skip("Python 3.10 is not installed here")
    spec = tmp_path / "codes.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "acs_call_codes.py"
    out.write_text(generate_source(spec, out), encoding="utf-8")
    check = "from acs_call_codes import Code; assert Code.CALL_NOT_FOUND is Code.CALL_MISSING"
    done = subprocess.run(
        [str(python), "-c", check],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


CONSUMER = """\
from typing import assert_never

from acs_call_codes import Code, SubCode


def describe(value: SubCode) -> str:
    match value:
        case SubCode.UNSPECIFIED:
            return "no detail"
        case SubCode.TOKEN_REJECTED:
            return "token"
        case _:
            assert_never(value)


def old_names_still_type_check(value: SubCode) -> bool:
    former: SubCode = SubCode.TOKEN_INVALID
    return value is former or Code(404) is Code.CALL_NOT_FOUND
"""


def test_an_alias_keeps_exhaustive_matches_whole_for_both_checkers(
    tmp_path: Path,
) -> None:
    # An alias must not read as a member of its own: mypy would then call every
    # exhaustive match over the enum incomplete, and a compatible rename would
    # break every consumer that proves its matches.
    spec = tmp_path / "codes.yaml"
    spec.write_text(SPEC, encoding="utf-8")
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


def test_a_member_named_type_checking_keeps_the_former_names(tmp_path: Path) -> None:
    # The alias block asks typing.TYPE_CHECKING, qualified: a bare TYPE_CHECKING
    # in the class body would be this member, true, and hide every alias.
    text = SPEC.replace("name: CALL_MISSING", "name: TYPE_CHECKING")
    found = generate_and_import(text, tmp_path, "acs_call_codes_tc")
    assert found.Code.CALL_NOT_FOUND is found.Code.TYPE_CHECKING
