"""The committed module, generated/acs_call_codes.py, checked against the catalog.

The catalog is read with yaml.safe_load alone (tests/spec_rows.py), so these
tests do not trust codegen's model: every row of spec/codes.yaml must come back
from the module's tables, lookup() and explain(), with the sources that list it
in the order the spec's precedence gives; so must every source, every generic
subcode (SUBCODE_INFO) and every subcode rule (SUBCODE_RULES); and the module
must keep the promises its docstrings make.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import acs_call_codes
import pytest
from acs_call_codes import (
    CALL_END_REASONS,
    CODE_CLASS_RANGES,
    CODE_INFO,
    SOURCE_DATE,
    SOURCE_DOCUMENT,
    SOURCES,
    SUBCODE_INFO,
    SUBCODE_RULES,
    CallEndReason,
    Code,
    CodeClass,
    CodeInfo,
    Explanation,
    MatchLevel,
    ResultCategory,
    Source,
    SubCode,
    SubCodeInfo,
    SubCodeRule,
    explain,
    lookup,
)
from generated_modules import generate_and_import
from spec_examples import (
    ABSENT_PAIR,
    ABSENT_SUBCODE,
    CATEGORIES,
    CLASS_ONLY_CODE,
    CODE_CLASSES,
    CODE_WITH_INFO,
    CODES,
    GENERIC_SUBCODE,
    MISSPELLING,
    PLAIN_REASON,
    ROWS,
    RULE,
    SPEC_PATH,
    SUBCODE_NAMES,
    TOKEN_INVALID,
    TOKEN_INVALID_REASON,
    UNCATEGORIZED_REASON,
    code_name,
)
from spec_rows import ReasonRow, RuleRow, SubCodeInfoRow

MODULE_PATH = Path(acs_call_codes.__file__)
CODE_LEVEL_ROWS = [row for row in ROWS.codes if row.message is not None]

#: explain, as callers that ignore its annotations see it.
untyped_explain: Callable[..., Explanation] = explain


def reason_id(row: ReasonRow) -> str:
    return f"{row.code}/{row.subcode}"


# --- reasons --------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS.reasons, ids=reason_id)
def test_reason_row(row: ReasonRow) -> None:
    reason = lookup(row.code, row.subcode)
    assert reason is not None
    assert CALL_END_REASONS[row.code, row.subcode] is reason
    assert reason.code == row.code and type(reason.code) is Code
    assert reason.subcode == row.subcode and type(reason.subcode) is SubCode
    assert reason.subcode.name == row.name
    assert reason.message == row.message
    if row.category is None:
        assert reason.result_category is None
    else:
        assert reason.result_category is ResultCategory(row.category)
        assert reason.result_category.value == row.category
    assert reason.advice == row.advice
    # First the source whose words these are, then the others by precedence.
    assert reason.sources == row.sources
    assert reason.sources and set(reason.sources) <= set(SOURCES)

    explanation = explain(row.code, row.subcode)
    assert explanation.match is MatchLevel.REASON
    assert explanation.reason is reason
    assert (explanation.code, explanation.subcode) == (row.code, row.subcode)
    assert explanation.message == row.message
    expected = ROWS.expected_category(row.code, row)
    assert explanation.result_category is (
        None if expected is None else ResultCategory(expected)
    )
    # A pair whose row gives no category takes its class's, with its words.
    from_class = row.category is None and expected is not None
    assert (explanation.class_info is not None) is from_class
    assert explanation.advice == row.advice
    assert explanation.code_class is CodeClass.of(row.code)
    assert explanation.code_info is None


def test_the_reasons_are_the_spec_rows() -> None:
    pairs = sorted((row.code, row.subcode) for row in ROWS.reasons)
    assert list(CALL_END_REASONS) == pairs
    assert len(CALL_END_REASONS) == len(ROWS.reasons)


def test_a_row_without_a_category_has_none() -> None:
    row = UNCATEGORIZED_REASON
    reason = lookup(row.code, row.subcode)
    assert reason is not None
    assert reason.result_category is None
    explanation = explain(row.code, row.subcode)
    assert explanation.match is MatchLevel.REASON
    assert explanation.result_category is None


def test_pairs_not_in_the_catalog_have_no_reason() -> None:
    code, subcode = ABSENT_PAIR
    assert lookup(Code(code), SubCode(subcode)) is None
    assert lookup(code, subcode) is None
    assert lookup(0, -1) is None
    assert lookup(10**30, 0) is None


def test_keys_accept_members_and_plain_ints() -> None:
    row = TOKEN_INVALID_REASON
    code = Code[code_name(row.code)]
    reason = CALL_END_REASONS[code, SubCode.TOKEN_INVALID]
    assert lookup(row.code, TOKEN_INVALID) is reason
    assert lookup(code, SubCode.TOKEN_INVALID) is reason


# --- code-level rows ------------------------------------------------------------


@pytest.mark.parametrize("code", [row.code for row in CODE_LEVEL_ROWS])
def test_code_level_row(code: int) -> None:
    row = ROWS.code_row(code)
    info = CODE_INFO[code]
    assert info.code == code and type(info.code) is Code
    assert (info.message, info.advice) == (row.message, row.advice)
    assert info.sources == row.sources
    assert info.sources and set(info.sources) <= set(SOURCES)

    for subcode in (None, 999_999_999):
        explanation = explain(code, subcode)
        assert explanation.match is MatchLevel.CODE
        assert explanation.code_info is info
        assert explanation.subcode == subcode
        assert explanation.message == row.message
        assert explanation.advice == row.advice
        assert explanation.result_category is None
        assert explanation.reason is None
        assert explanation.code_class is CodeClass.of(code)


def test_code_info_is_the_code_level_rows() -> None:
    assert list(CODE_INFO) == [row.code for row in CODE_LEVEL_ROWS]


@pytest.mark.parametrize(
    "code", [row.code for row in ROWS.codes if row.message is None]
)
def test_code_without_a_code_level_row_is_explained_by_its_summary(code: int) -> None:
    summary = next(row.summary for row in ROWS.codes if row.code == code)
    for subcode in (None, ABSENT_SUBCODE):
        explanation = explain(code, subcode)
        assert explanation.match is MatchLevel.CODE
        assert explanation.message == summary
        assert explanation.code_info is None
        assert explanation.advice is None
        expected = ROWS.class_category(code)
        assert explanation.result_category is (
            None if expected is None else ResultCategory(expected)
        )


# --- sources ----------------------------------------------------------------------


def test_sources_are_the_spec_sources_in_precedence_order() -> None:
    assert list(SOURCES) == [row.id for row in ROWS.sources]
    for row in ROWS.sources:
        source = SOURCES[row.id]
        assert type(source) is Source
        assert (source.id, source.title, source.date, source.url) == (
            row.id,
            row.title,
            row.date,
            row.url,
        )


def test_source_document_is_the_first_source() -> None:
    first = ROWS.sources[0]
    assert (SOURCE_DOCUMENT, SOURCE_DATE) == (first.title, first.date)
    assert next(iter(SOURCES.values())) == Source(
        first.id, first.title, first.date, first.url
    )


def test_every_source_documents_something() -> None:
    cited = {
        source
        for table in (CALL_END_REASONS, CODE_INFO, SUBCODE_INFO)
        for record in table.values()
        for source in record.sources
    } | {source for rule in SUBCODE_RULES for source in rule.sources}
    assert cited == set(SOURCES)


# --- subcodes whatever the code ------------------------------------------------------


@pytest.mark.parametrize("row", ROWS.subcodes, ids=lambda row: str(row.subcode))
def test_subcode_info_row(row: SubCodeInfoRow) -> None:
    info = SUBCODE_INFO[row.subcode]
    assert info.subcode == row.subcode and type(info.subcode) is SubCode
    assert info.subcode.name == row.name
    assert info.message == row.message
    assert info.sources == row.sources


def test_subcode_info_is_the_subcodes_section() -> None:
    assert list(SUBCODE_INFO) == sorted(row.subcode for row in ROWS.subcodes)
    assert type(SUBCODE_INFO[GENERIC_SUBCODE.subcode]) is SubCodeInfo


# --- subcode rules -----------------------------------------------------------------


def test_subcode_rules_are_the_spec_rules() -> None:
    rows = sorted(ROWS.rules, key=lambda row: row.first)
    assert [rule.name for rule in SUBCODE_RULES] == [row.name for row in rows]


@pytest.mark.parametrize("row", ROWS.rules, ids=lambda row: row.name)
def test_subcode_rule(row: RuleRow) -> None:
    (rule,) = [rule for rule in SUBCODE_RULES if rule.name == row.name]
    assert type(rule) is SubCodeRule
    assert (rule.prefix, rule.digits, rule.first, rule.last) == (
        row.prefix,
        row.digits,
        row.first,
        row.last,
    )
    assert (rule.reads, rule.direction) == (row.reads, row.direction)
    assert (rule.message, rule.advice) == (row.message, row.advice)
    assert rule.sources == row.sources
    assert rule.read(row.first) == 0
    assert rule.read(row.last) == 10**row.digits - 1
    assert rule.read(row.first - 1) is None
    assert rule.read(row.last + 1) is None


def test_a_rule_reads_the_digits_after_its_prefix() -> None:
    # Every documented subcode in a rule's range carries its last digits: the
    # PSTN document's 560403 is SIP 403.
    prefix = str(RULE.prefix)
    (rule,) = [rule for rule in SUBCODE_RULES if rule.name == RULE.name]
    inside = [s for s in SUBCODE_NAMES if RULE.first <= s <= RULE.last]
    assert inside, f"no documented subcode under rule {RULE.name}"
    for subcode in inside:
        assert str(subcode).startswith(prefix)
        assert rule.read(subcode) == int(str(subcode)[len(prefix) :])
        assert rule.read(SubCode(subcode)) == rule.read(subcode)


def test_rules_do_not_overlap() -> None:
    for before, after in itertools.pairwise(SUBCODE_RULES):
        assert before.last < after.first


# --- members --------------------------------------------------------------------


def test_code_members_in_value_order() -> None:
    expected = sorted((row.code, row.name) for row in ROWS.codes)
    assert [(member.value, member.name) for member in Code] == expected
    assert [member.value for member in Code] == sorted(member.value for member in Code)


def test_subcode_members_in_value_order() -> None:
    # The reasons' subcodes and those that only ``subcodes`` explains.
    expected = sorted(SUBCODE_NAMES.items())
    assert [(member.value, member.name) for member in SubCode] == expected
    assert SubCode(GENERIC_SUBCODE.subcode).name == GENERIC_SUBCODE.name


def test_code_and_subcode_print_as_numbers() -> None:
    assert [str(member) for member in Code] == [str(code) for code in sorted(CODES)]
    assert f"{SubCode.TOKEN_INVALID}" == "4507"


def test_token_invalid_is_4507() -> None:
    assert SubCode.TOKEN_INVALID == TOKEN_INVALID == 4507
    assert SubCode(4507) is SubCode.TOKEN_INVALID


def test_result_category_members() -> None:
    assert [(member.name, member.value) for member in ResultCategory] == list(
        CATEGORIES.items()
    )
    assert [(m.name, m.value) for m in ResultCategory] == [
        (row.name, row.value) for row in ROWS.categories
    ]
    assert str(ResultCategory.EXPECTED_ERROR) == "ExpectedError"
    assert isinstance(ResultCategory.SUCCESS, str)
    assert ResultCategory("Success") is ResultCategory.SUCCESS


def test_the_misspelled_category_reads_as_the_right_one() -> None:
    assert ResultCategory(MISSPELLING) is ResultCategory.UNEXPECTED_CLIENT_ERROR
    assert MISSPELLING not in ResultCategory.__members__
    assert MISSPELLING not in {member.value for member in ResultCategory}
    assert MISSPELLING not in {member.name for member in ResultCategory}
    for row in ROWS.categories:
        for alias in row.aliases:
            assert ResultCategory(alias) is ResultCategory[row.name]


@pytest.mark.parametrize("value", ["Nonsense", "success", "", 0, None])
def test_unknown_category_raises_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        ResultCategory(value)


def test_code_classes_are_the_contracts() -> None:
    assert CODE_CLASS_RANGES == {
        CodeClass[name]: span for name, span in CODE_CLASSES.items()
    }


def test_code_classes_are_the_spec_ranges() -> None:
    classes = sorted(ROWS.classes, key=lambda row: row.first)
    assert [(member.name, member.value) for member in CodeClass] == [
        (row.name, row.description) for row in classes
    ]
    assert {member.name: span for member, span in CODE_CLASS_RANGES.items()} == {
        row.name: range(row.first, row.last + 1) for row in classes
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (-1, None),
        (0, None),
        (199, None),
        (200, CodeClass.SUCCESS),
        (299, CodeClass.SUCCESS),
        (300, None),
        (399, None),
        (400, CodeClass.CLIENT_ERROR),
        (499, CodeClass.CLIENT_ERROR),
        (500, CodeClass.SERVER_ERROR),
        (599, CodeClass.SERVER_ERROR),
        (600, CodeClass.GLOBAL_ERROR),
        (699, CodeClass.GLOBAL_ERROR),
        (700, None),
    ],
)
def test_code_class_of(code: int, expected: CodeClass | None) -> None:
    assert CodeClass.of(code) is expected


# --- explain for any int --------------------------------------------------------

#: A number outside every class that is no code of the catalog.
UNCLASSED_CODE = next(
    n for n in range(100, 200) if n not in CODES and ROWS.class_of(n) is None
)

EXTREMES = [-1, -(2**63), -(10**30), 2**63, 10**30, 0, 300, 399, 450, 700]


def expected_rung(code: int, subcode: int | None) -> MatchLevel:
    """The rung of explain's ladder the spec says answers a pair, read from the
    spec alone: the exact row; the subcode's one row under another code, or its
    meaning whatever the code; a rule for its range; the code; its class."""
    if subcode is not None:
        rows = [r for r in ROWS.reasons if r.subcode == subcode]
        if any(r.code == code for r in rows):
            return MatchLevel.REASON
        code_class = ROWS.class_of(code)
        meanings = {
            row.subcode
            for row in ROWS.subcodes
            if row.code_class is None
            or (code_class is not None and code_class.name == row.code_class)
        }
        if len(rows) == 1 or subcode in meanings:
            return MatchLevel.SUBCODE
        if not rows and any(r.first <= subcode <= r.last for r in ROWS.rules):
            return MatchLevel.RULE
    if code in CODES:
        return MatchLevel.CODE
    if ROWS.class_of(code) is not None:
        return MatchLevel.CODE_CLASS
    return MatchLevel.UNKNOWN


@pytest.mark.parametrize("code", EXTREMES)
@pytest.mark.parametrize("subcode", [None, 0, -1, 10**30])
def test_explain_never_raises_for_ints(code: int, subcode: int | None) -> None:
    explanation = explain(code, subcode)
    assert (explanation.code, explanation.subcode) == (code, subcode)
    assert explanation.code_class is CodeClass.of(code)
    assert explanation.match is expected_rung(code, subcode)


#: Pairs the catalog does not list, chosen from the spec by what answers them.
_UNLISTED_CODE = next(n for n in range(200, 300) if n not in CODES)
_ONE_ROW = next(
    r
    for r in ROWS.reasons
    if sum(x.subcode == r.subcode for x in ROWS.reasons) == 1
    and r.subcode not in {m.subcode for m in ROWS.subcodes}
)
_MEANING_ONLY = next(
    m for m in ROWS.subcodes if not any(r.subcode == m.subcode for r in ROWS.reasons)
)


def test_a_subcode_under_another_code_answers_with_its_one_row() -> None:
    found = explain(_UNLISTED_CODE, _ONE_ROW.subcode)
    reason = CALL_END_REASONS[_ONE_ROW.code, _ONE_ROW.subcode]
    assert found.match is MatchLevel.SUBCODE
    assert found.reason is reason
    assert (found.message, found.advice) == (reason.message, reason.advice)
    # The category is the row's within the same outcome, else the class's;
    # never one made up.
    expected = ROWS.expected_category(_UNLISTED_CODE, _ONE_ROW)
    assert found.result_category is (
        None if expected is None else ResultCategory(expected)
    )


def test_a_subcode_meaning_whatever_the_code_answers_without_a_category() -> None:
    found = explain(_UNLISTED_CODE, _MEANING_ONLY.subcode)
    assert found.match is MatchLevel.SUBCODE
    assert found.subcode_info is SUBCODE_INFO[_MEANING_ONLY.subcode]
    assert found.message == _MEANING_ONLY.message
    # No row: only the words of the code's class give a category.
    expected = ROWS.class_category(_UNLISTED_CODE)
    assert found.result_category is (
        None if expected is None else ResultCategory(expected)
    )


SPLIT_SPEC = """\
sources:
  - {id: doc, title: A split subcode, date: "2024-10-15"}
result_categories:
  - {name: SUCCESS, value: Success, description: Fine.}
code_classes:
  - {name: CLIENT_ERROR, first: 400, last: 499, description: Client error}
codes:
  - {code: 404, name: NOT_FOUND, summary: Not found.}
  - {code: 405, name: NOT_ALLOWED, summary: Not allowed.}
reasons:
  - {code: 404, subcode: 8522, name: SPLIT, message: The resource is not found.}
  - {code: 405, subcode: 8522, name: SPLIT, message: Missing configuration.}
"""


def test_a_subcode_with_several_meanings_is_not_guessed(tmp_path: Path) -> None:
    module = generate_and_import(SPLIT_SPEC, tmp_path, "split_catalog")
    found = module.explain(409, 8522)
    # Two codes, two meanings, and no meaning whatever the code: the answer is
    # the code's class, not one of the two rows.
    assert found.match is module.MatchLevel.CODE_CLASS
    assert found.reason is None and found.subcode_info is None
    assert module.explain(404, 8522).match is module.MatchLevel.REASON


@pytest.mark.parametrize("rule", ROWS.rules, ids=lambda r: r.name)
def test_a_rule_reads_the_sip_status(rule: RuleRow) -> None:
    listed = {r.subcode for r in ROWS.reasons} | {m.subcode for m in ROWS.subcodes}
    subcode = next(n for n in range(rule.first + 400, rule.last) if n not in listed)
    found = explain(_UNLISTED_CODE, subcode)
    assert found.match is MatchLevel.RULE
    assert found.rule is not None and found.rule.name == rule.name
    assert found.message.startswith(f"SIP {subcode - rule.first}")
    assert (rule.direction or "") in found.message
    expected = ROWS.class_category(_UNLISTED_CODE)
    assert found.result_category is (
        None if expected is None else ResultCategory(expected)
    )
    assert found.advice == rule.advice


def test_explain_gives_the_class_when_it_knows_only_the_range() -> None:
    explanation = explain(CLASS_ONLY_CODE, 12)
    code_class = ROWS.class_of(CLASS_ONLY_CODE)
    assert code_class is not None
    assert explanation.match is MatchLevel.CODE_CLASS
    assert explanation.code_class is CodeClass[code_class.name]
    assert explanation.message == (
        f"{code_class.description} ({code_class.first}-{code_class.last})."
    )
    expected = ROWS.class_category(CLASS_ONLY_CODE)
    assert explanation.result_category is (
        None if expected is None else ResultCategory(expected)
    )
    assert explanation.advice is None
    assert explanation.reason is None
    assert explanation.code_info is None


@pytest.mark.parametrize(
    ("code", "subcode", "message"),
    [
        (-1, None, "No documented meaning for code -1."),
        (10**30, None, f"No documented meaning for code {10**30}."),
        (700, 5, "No documented meaning for code 700 with subcode 5."),
        (
            UNCLASSED_CODE,
            ABSENT_SUBCODE,
            f"No documented meaning for code {UNCLASSED_CODE} with subcode "
            f"{ABSENT_SUBCODE}.",
        ),
        pytest.param(
            10**5000,
            None,
            f"No documented meaning for code a {(10**5000).bit_length()}-bit integer.",
            id="past-the-digit-limit",
        ),
    ],
)
def test_explain_says_when_it_knows_nothing(
    code: int, subcode: int | None, message: str
) -> None:
    explanation = explain(code, subcode)
    assert explanation.match is MatchLevel.UNKNOWN
    assert explanation.message == message
    assert explanation.code_class is None
    assert explanation.result_category is None
    assert explanation.advice is None
    assert explanation.reason is None
    assert explanation.code_info is None


@pytest.mark.parametrize("value", [True, False, 404.0, "404", None, b"404"])
def test_explain_refuses_a_code_that_is_not_an_int(value: object) -> None:
    with pytest.raises(TypeError, match=r"^code must be an int or a Code, not "):
        untyped_explain(value)


@pytest.mark.parametrize("value", [True, 4507.0, "4507"])
def test_explain_refuses_a_subcode_that_is_not_an_int(value: object) -> None:
    with pytest.raises(TypeError, match=r"^subcode must be an int or a SubCode, not "):
        untyped_explain(495, value)


def test_type_errors_name_the_type_given() -> None:
    with pytest.raises(TypeError, match=r"not bool: True$"):
        untyped_explain(True)
    with pytest.raises(TypeError, match=r"not float: 4507\.5$"):
        untyped_explain(495, 4507.5)


# --- immutability ---------------------------------------------------------------


def instances() -> list[object]:
    row, code = PLAIN_REASON, CODE_WITH_INFO.code
    return [
        CALL_END_REASONS[row.code, row.subcode],
        CODE_INFO[code],
        explain(row.code, row.subcode),
        explain(code),
        SOURCES[ROWS.sources[0].id],
        SUBCODE_INFO[GENERIC_SUBCODE.subcode],
        SUBCODE_RULES[0],
    ]


@pytest.mark.parametrize("instance", instances(), ids=lambda i: type(i).__name__)
def test_records_are_frozen_and_hashable(instance: object) -> None:
    assert dataclasses.is_dataclass(instance)
    for field in dataclasses.fields(instance):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(instance, field.name, None)
    # A name that is not a field cannot be set either. Frozen dataclasses with
    # slots raise TypeError for it, not FrozenInstanceError (a CPython quirk,
    # 3.10 to 3.13): either way the record is unchanged.
    with pytest.raises((dataclasses.FrozenInstanceError, TypeError)):
        setattr(instance, "extra", 1)  # noqa: B010 - the name is the point
    twin = copy.copy(instance)
    assert twin is not instance
    assert twin == instance and hash(twin) == hash(instance)
    assert len({instance, twin}) == 1


def test_record_classes() -> None:
    for cls in (
        CallEndReason,
        CodeInfo,
        Explanation,
        Source,
        SubCodeInfo,
        SubCodeRule,
    ):
        assert dataclasses.is_dataclass(cls)
        assert "__slots__" in vars(cls)


@pytest.mark.parametrize(
    "table",
    [CALL_END_REASONS, CODE_INFO, CODE_CLASS_RANGES, SOURCES, SUBCODE_INFO],
    ids=[
        "CALL_END_REASONS",
        "CODE_INFO",
        "CODE_CLASS_RANGES",
        "SOURCES",
        "SUBCODE_INFO",
    ],
)
def test_tables_are_read_only(table: object) -> None:
    assert isinstance(table, MappingProxyType)
    writable: Any = table
    key = next(iter(writable))
    with pytest.raises(TypeError):
        writable[key] = None
    with pytest.raises(TypeError):
        del writable[key]
    with pytest.raises(AttributeError):
        writable.clear()


# --- the module as a file -------------------------------------------------------


def test_subcode_rules_are_a_tuple() -> None:
    assert type(SUBCODE_RULES) is tuple


def test_all_names_exist_and_cover_the_public_api() -> None:
    names = acs_call_codes.__all__
    # Sorted as ruff (RUF022) sorts it: constants, then classes, then functions.
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    for name in names:
        assert hasattr(acs_call_codes, name), name
    defined_here = {
        name
        for name, value in vars(acs_call_codes).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == acs_call_codes.__name__
    }
    assert defined_here <= set(names)


def test_header() -> None:
    digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()
    lines = MODULE_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Code generated by codegen from spec/codes.yaml; DO NOT EDIT."
    assert lines[1] == (
        "# Regenerate: python -m codegen generate"
        " --spec spec/codes.yaml --out generated/acs_call_codes.py"
    )
    assert lines[2] == f"# Spec sha256: {digest}"
    assert lines[3].startswith('"""')
    assert acs_call_codes.SPEC_SHA256 == digest


def test_no_timestamps() -> None:
    text = MODULE_PATH.read_text(encoding="utf-8")
    # The only dates are the source documents'.
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", text))
    assert dates == {row.date for row in ROWS.sources}
    assert acs_call_codes.SOURCE_DATE == ROWS.date
    assert not re.search(r"\d{1,2}:\d{2}(:\d{2})?", text)
    assert not re.search(r"generated (on|at) ", text, flags=re.IGNORECASE)


def test_no_line_ends_in_whitespace() -> None:
    lines = MODULE_PATH.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
