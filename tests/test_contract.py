"""What users of generated/acs_call_codes.py rely on, beyond the catalog's answers.

Raw values become members or None, never an exception; the predicates follow the
result category, and answer None where the document gives none; every member carries its message as an attribute docstring (IDEs
show it on hover); the enums hold nothing but their members; and the one file
works on its own, copied into another package, with the spec's hash in its header.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from acs_call_codes import (
    CALL_END_REASONS,
    CallEndReason,
    Code,
    CodeClass,
    MatchLevel,
    Q850Cause,
    ResultCategory,
    SipStatus,
    SubCode,
    explain,
    lookup,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_examples import (
    ABSENT_SUBCODE,
    CODE_WITH_INFO,
    CODES,
    MISSPELLING,
    PLAIN_REASON,
    PREDICATES,
    ROWS,
    SUBCODE_NAMES,
    TOKEN_INVALID,
    UNCATEGORIZED_REASON,
    code_name,
)

ROOT = Path(__file__).resolve().parents[1]
MODULE_PATH = ROOT / "generated" / "acs_call_codes.py"
SPEC_PATH = ROOT / "spec" / "codes.yaml"


def normalize(text: str) -> str:
    """Every run of whitespace as one space, ends stripped."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return data


# --- raw values ---------------------------------------------------------------


#: A three-digit code of the catalog, its member, and a number that is no code.
CODE = min(code for code in CODES if code >= 100)
MEMBER = Code[code_name(CODE)]
NOT_A_CODE = next(n for n in range(CODE + 1, CODE + 1000) if n not in CODES)
#: The same digits in Arabic-Indic: int() takes them, a code is ASCII.
ARABIC_INDIC = str(CODE).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (CODE, MEMBER),
        (MEMBER, MEMBER),
        (str(CODE), MEMBER),
        (f" {CODE} ", MEMBER),
        (f"{CODE}\n", MEMBER),
        ("0", Code(0) if 0 in CODES else None),
        (NOT_A_CODE, None),
        (-CODE, None),
        (f"-{CODE}", None),
        (f"+{CODE}", None),
        ("4.0", None),
        (f"{CODE}.0", None),
        (hex(CODE), None),
        (f"{str(CODE)[0]}_{str(CODE)[1:]}", None),
        (ARABIC_INDIC, None),
        ("", None),
        ("   ", None),
        (MEMBER.name, None),
        (float(CODE), None),
        (True, None),
        (False, None),
        (None, None),
        (str(CODE).encode(), None),
        ([CODE], None),
        ("9" * 5000, None),  # longer than int() converts by default
    ],
)
def test_code_parse(raw: object, expected: Code | None) -> None:
    assert Code.parse(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (TOKEN_INVALID, SubCode.TOKEN_INVALID),
        (str(TOKEN_INVALID), SubCode.TOKEN_INVALID),
        (f" {TOKEN_INVALID}", SubCode.TOKEN_INVALID),
        (SubCode.TOKEN_INVALID, SubCode.TOKEN_INVALID),
        (PLAIN_REASON.subcode, SubCode[PLAIN_REASON.name]),
        (str(max(SUBCODE_NAMES)), SubCode[SUBCODE_NAMES[max(SUBCODE_NAMES)]]),
        (ABSENT_SUBCODE, None),
        (str(ABSENT_SUBCODE), None),
        (f"{TOKEN_INVALID}.0", None),
        (True, None),
        (float(TOKEN_INVALID), None),
    ],
)
def test_subcode_parse(raw: object, expected: SubCode | None) -> None:
    assert SubCode.parse(raw) is expected


def test_parse_refuses_a_member_of_the_other_enum() -> None:
    # Both are 0, but a SubCode passed where a code belongs is a slip to catch.
    assert Code.parse(SubCode.UNSPECIFIED) is None
    assert SubCode.parse(Code.CALL_ENDED) is None
    assert Code.parse(int(SubCode.UNSPECIFIED)) is Code.CALL_ENDED


@settings(max_examples=200, deadline=None)
@given(st.integers())
def test_parse_of_any_int_is_the_member_or_none(number: int) -> None:
    codes = {member.value: member for member in Code}
    subcodes = {member.value: member for member in SubCode}
    assert Code.parse(number) is codes.get(number)
    assert SubCode.parse(number) is subcodes.get(number)
    assert Code.parse(str(number)) is (codes.get(number) if number >= 0 else None)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.floats(), st.binary(), st.booleans(), st.none()))
def test_parse_never_raises(raw: object) -> None:
    for parsed in (Code.parse(raw), SubCode.parse(raw), ResultCategory.parse(raw)):
        assert parsed is None or isinstance(parsed, (Code, SubCode, ResultCategory))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Success", ResultCategory.SUCCESS),
        (" ExpectedError\n", ResultCategory.EXPECTED_ERROR),
        ("UnexpectedClientError", ResultCategory.UNEXPECTED_CLIENT_ERROR),
        (MISSPELLING, ResultCategory.UNEXPECTED_CLIENT_ERROR),
        ("UnexpectedServerError", ResultCategory.UNEXPECTED_SERVER_ERROR),
        (ResultCategory.SUCCESS, ResultCategory.SUCCESS),
        ("success", None),
        ("SUCCESS", None),
        ("", None),
        (0, None),
        (None, None),
    ],
)
def test_result_category_parse(raw: object, expected: ResultCategory | None) -> None:
    assert ResultCategory.parse(raw) is expected


# --- predicates ---------------------------------------------------------------


def test_predicates_cover_every_category() -> None:
    assert set(PREDICATES) == {category.value for category in ResultCategory}


@pytest.mark.parametrize(("value", "expected"), PREDICATES.items())
def test_category_predicates(value: str, expected: tuple[bool, bool, bool]) -> None:
    category = ResultCategory(value)
    assert (category.is_success, category.is_error, category.is_unexpected) == expected


def reason_id(reason: CallEndReason) -> str:
    return f"{reason.code.value}/{reason.subcode.value}"


@pytest.mark.parametrize("reason", CALL_END_REASONS.values(), ids=reason_id)
def test_reason_and_explanation_predicates_follow_the_category(
    reason: CallEndReason,
) -> None:
    category = reason.result_category
    # Not known where the document gives no category: neither True nor False.
    expected = (None, None, None) if category is None else PREDICATES[category.value]
    assert (reason.is_success, reason.is_error, reason.is_unexpected) == expected
    found = explain(reason.code, reason.subcode)
    assert found.match is MatchLevel.REASON
    # A row without one takes the category its class's words give (2xx).
    value = ROWS.expected_category(int(reason.code), None) if category is None else None
    if value is not None:
        expected = PREDICATES[value]
    assert (found.is_success, found.is_error, found.is_unexpected) == expected


#: The first documented pair of each category, as the spec gives it.
FIRST_OF_EACH_CATEGORY = {
    row.category: row for row in reversed(ROWS.reasons) if row.category is not None
}
#: Rows whose document gives no category (the PSTN tables), under codes whose
#: class's words give none either.
WITHOUT_CATEGORY = [
    row
    for row in ROWS.reasons
    if row.category is None and ROWS.class_category(row.code) is None
]


@pytest.mark.parametrize("value", sorted(FIRST_OF_EACH_CATEGORY))
def test_predicates_on_documented_pairs(value: str) -> None:
    row = FIRST_OF_EACH_CATEGORY[value]
    found = explain(row.code, row.subcode)
    assert (found.is_success, found.is_error, found.is_unexpected) == PREDICATES[value]


def test_a_row_without_a_category_answers_not_known() -> None:
    assert UNCATEGORIZED_REASON in WITHOUT_CATEGORY
    for row in WITHOUT_CATEGORY:
        reason = lookup(row.code, row.subcode)
        assert reason is not None
        assert reason.result_category is None
        assert (reason.is_success, reason.is_error, reason.is_unexpected) == (
            None,
            None,
            None,
        )
        found = explain(row.code, row.subcode)
        assert found.match is MatchLevel.REASON
        assert found.reason is reason
        assert found.result_category is None
        assert (found.is_success, found.is_error, found.is_unexpected) == (
            None,
            None,
            None,
        )


@pytest.mark.parametrize(
    ("code", "subcode"),
    [
        (CODE_WITH_INFO.code, None),
        (CODE_WITH_INFO.code, ABSENT_SUBCODE),
        (next(c for c in range(400, 700) if c not in CODES), ABSENT_SUBCODE),
        (999, 1),
    ],
)
def test_explanation_without_a_category_is_neither_success_nor_error(
    code: int, subcode: int | None
) -> None:
    found = explain(code, subcode)
    assert found.match is not MatchLevel.REASON
    assert found.result_category is None
    # Unknown, not "no": an undocumented pair is neither an error nor not one.
    assert (found.is_success, found.is_error, found.is_unexpected) == (None, None, None)


@settings(max_examples=200, deadline=None)
@given(st.integers(), st.one_of(st.none(), st.integers()))
def test_explain_answers_any_pair(code: int, subcode: int | None) -> None:
    found = explain(code, subcode)
    assert found.code == code and found.subcode == subcode
    assert found.message
    flags = (found.is_success, found.is_error, found.is_unexpected)
    if found.result_category is None:
        # No category: not known, whether or not a row answered.
        assert flags == (None, None, None)
    else:
        # A category comes only from the row that answered (the pair's own,
        # or the subcode's one row under another code, of the same outcome),
        # else from the words of the code's class.
        if found.class_info is not None:
            assert found.result_category is found.class_info.result_category
            assert CodeClass.of(code) is found.class_info.code_class
        else:
            assert found.reason is not None
            assert found.result_category is found.reason.result_category
            assert found.match in (MatchLevel.REASON, MatchLevel.SUBCODE)
            assert ROWS.succeeds(int(found.reason.code)) is ROWS.succeeds(code)
        assert None not in flags
        assert found.is_success is not found.is_error
        assert not found.is_unexpected or found.is_error


# --- the enum classes ---------------------------------------------------------


def _class(tree: ast.Module, name: str) -> ast.ClassDef:
    return next(
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == name
    )


def _member_docstrings(cls: ast.ClassDef) -> dict[str, str | None]:
    """Each `NAME = value` of the class body, with the string literal after it."""
    found: dict[str, str | None] = {}
    for node, after in zip(cls.body, [*cls.body[1:], None], strict=True):
        if isinstance(node, ast.Assign):
            assert len(node.targets) == 1
            target = node.targets[0]
            assert isinstance(target, ast.Name)
            doc = None
            if (
                isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                doc = after.value.value
            found[target.id] = doc
    return found


@pytest.fixture(scope="module")
def module_tree() -> ast.Module:
    return ast.parse(MODULE_PATH.read_text(encoding="utf-8"))


def test_every_code_member_carries_its_message(
    module_tree: ast.Module, spec: dict[str, Any]
) -> None:
    docs = _member_docstrings(_class(module_tree, "Code"))
    expected = {
        row["name"]: row.get("message", row["summary"]) for row in spec["codes"]
    }
    assert docs.keys() == expected.keys()
    for name, doc in docs.items():
        assert doc is not None, f"Code.{name} has no docstring"
        assert normalize(doc) == normalize(expected[name]), name


def test_every_subcode_member_carries_its_messages(
    module_tree: ast.Module, spec: dict[str, Any]
) -> None:
    docs = _member_docstrings(_class(module_tree, "SubCode"))
    code_names = {row["code"]: row["name"] for row in spec["codes"]}
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in spec["reasons"]:
        rows.setdefault(row["name"], []).append(row)
    generic = {row["name"]: row["message"] for row in spec.get("subcodes", [])}
    assert docs.keys() == rows.keys() | generic.keys()
    for name, doc in docs.items():
        assert doc is not None, f"SubCode.{name} has no docstring"
        text = normalize(doc)
        if name in generic:
            # What the subcode means whatever its code comes first.
            assert text.startswith(normalize(generic[name])), name
        elif len(rows[name]) == 1:
            assert text == normalize(rows[name][0]["message"]), name
            continue
        # Otherwise each code is named before its message.
        for row in rows.get(name, []):
            with_code = f"With Code.{code_names[row['code']]} ({row['code']}):"
            assert normalize(f"{with_code} {row['message']}") in text, name


def _declared_aliases(spec: dict[str, Any], enum: str) -> set[str]:
    """The aliases the spec gives the members of ``enum``: former names, and
    for SubCode the SDKs' names it keeps."""
    sections = {"Code": ("codes",), "SubCode": ("reasons", "subcodes")}
    names = {
        alias
        for section in sections.get(enum, ())
        for row in spec.get(section, [])
        for alias in row.get("aliases", [])
    }
    if enum == "SubCode":
        names |= {row["alias"] for row in spec.get("sdk_names", []) if "alias" in row}
    return names


@pytest.mark.parametrize(
    "enum",
    [ResultCategory, Code, SubCode, SipStatus, Q850Cause],
    ids=lambda e: e.__name__,
)
def test_enum_classes_hold_only_their_members(
    module_tree: ast.Module, spec: dict[str, Any], enum: type[Any]
) -> None:
    """Per-member data lives outside the enums: a class attribute in the body
    would become a member and break exhaustive matches downstream. The only
    other names are the aliases the spec declares."""
    members = _member_docstrings(_class(module_tree, enum.__name__))
    assert [member.name for member in enum] == list(members)
    aliases = {name for name, m in enum.__members__.items() if m.name != name}
    assert aliases == _declared_aliases(spec, enum.__name__)
    assert len(enum.__members__) == len(members) + len(aliases)


# --- the one file, vendored ---------------------------------------------------


def test_header_hash_is_the_spec_file_hash() -> None:
    import acs_call_codes

    header = MODULE_PATH.read_text(encoding="utf-8").splitlines()[:3]
    digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()
    assert header[2] == f"# Spec sha256: {digest}"
    assert acs_call_codes.SPEC_SHA256 == digest


@pytest.fixture(scope="module")
def vendored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the one file copied into a package of its own, and nothing else."""
    root = tmp_path_factory.mktemp("vendored")
    package = root / "myapp" / "_vendor"
    package.mkdir(parents=True)
    (root / "myapp" / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    shutil.copy(MODULE_PATH, package / "acs_call_codes.py")
    return root


def _run_bare(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run Python with no site-packages and no PYTHONPATH: the standard library only."""
    return subprocess.run(
        [sys.executable, "-S", "-E", "-W", "error", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_vendored_copy_imports_and_answers(vendored: Path) -> None:
    row = PLAIN_REASON
    assert row.category is not None
    script = (
        "from myapp._vendor.acs_call_codes import Code, SubCode, explain, lookup\n"
        f"reason = lookup(Code.parse('{row.code}'), SubCode.parse({row.subcode}))\n"
        f"assert reason is not None and reason.message == {row.message!r}, reason\n"
        f"assert reason.is_error is {PREDICATES[row.category][1]}, reason\n"
        f"assert explain({row.code}, {row.subcode}).advice == {row.advice!r}\n"
        "print('ok')\n"
    )
    result = _run_bare(["-c", script], vendored)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_vendored_copy_explains_from_the_shell(vendored: Path) -> None:
    row = PLAIN_REASON
    pair = [str(row.code), str(row.subcode)]
    result = _run_bare(
        ["-m", "myapp._vendor.acs_call_codes", *pair, "--json"], vendored
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["code_name"], answer["subcode_name"], answer["match"]) == (
        code_name(row.code),
        row.name,
        "reason",
    )


def test_vendored_copy_refuses_what_is_not_a_code(vendored: Path) -> None:
    result = _run_bare(["-m", "myapp._vendor.acs_call_codes", "487", "x"], vendored)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "python -m myapp._vendor.acs_call_codes: error: argument SUBCODE: "
        "not a subcode: 'x' (a number or a SubCode name, such as 10004 or "
        "RING_TIMEOUT)"
    )
