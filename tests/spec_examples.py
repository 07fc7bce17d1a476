"""Examples from spec/codes.yaml chosen by what they are, and the facts the contract pins.

The catalog follows a document that Microsoft edits: rows are added, messages
reworded, subcodes moved. Tests of the generated module must survive that, so
they take their examples from the spec (read by spec_rows, without codegen) by
kind -- "a reason with advice", "a code with a code-level row", "a number that
is not a subcode" -- never by a number or a message that an update may change.

What the module promises its users is another matter: that much is pinned
below, and a catalog change that breaks it must fail the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spec_rows import CodeRow, ReasonRow, RuleRow, SubCodeInfoRow, read_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
ROWS = read_spec(SPEC_PATH)

# --- the contract: pinned on purpose ----------------------------------------------

#: SubCode.TOKEN_INVALID is 4507, the subcode the README's example tests for.
TOKEN_INVALID = 4507
#: ResultCategory's members and their values, in order.
CATEGORIES = {
    "SUCCESS": "Success",
    "EXPECTED_ERROR": "ExpectedError",
    "UNEXPECTED_CLIENT_ERROR": "UnexpectedClientError",
    "UNEXPECTED_SERVER_ERROR": "UnexpectedServerError",
}
#: (is_success, is_error, is_unexpected) for each category's value.
PREDICATES = {
    "Success": (True, False, False),
    "ExpectedError": (False, True, False),
    "UnexpectedClientError": (False, True, True),
    "UnexpectedServerError": (False, True, True),
}
#: CodeClass's members and the codes each covers.
CODE_CLASSES = {
    "SUCCESS": range(200, 300),
    "CLIENT_ERROR": range(400, 500),
    "SERVER_ERROR": range(500, 600),
    "GLOBAL_ERROR": range(600, 700),
}
#: The document's misspelling of UnexpectedClientError, accepted for it.
MISSPELLING = "UnxpectedClientError"

# --- examples chosen by kind ------------------------------------------------------

CODES = {row.code: row for row in ROWS.codes}
#: Every SubCode member, value to name: the reasons' subcodes and the generic ones.
SUBCODE_NAMES = ROWS.subcode_names
PAIRS = {(row.code, row.subcode) for row in ROWS.reasons}


def reason_where(test: Callable[[ReasonRow], bool], what: str) -> ReasonRow:
    """The catalog's first reason that passes ``test``; ``what`` says what it is."""
    found = next((row for row in ROWS.reasons if test(row)), None)
    assert found is not None, f"spec/codes.yaml has no reason {what}"
    return found


def code_name(code: int) -> str:
    return CODES[code].name


def _one_line(text: str | None) -> bool:
    return text is not None and "\n" not in text


#: A reason with a category whose message and advice are one line each.
PLAIN_REASON = reason_where(
    lambda row: (
        row.category is not None
        and _one_line(row.message)
        and _one_line(row.advice)
        and len(row.wordings) == 1
    ),
    "with a category, a one-line message and one-line advice, worded once",
)
#: A reason whose document gives no category (the PSTN tables).
UNCATEGORIZED_REASON = reason_where(
    lambda row: row.category is None and ROWS.class_category(row.code) is None,
    "without a result category, nor one from its code's class",
)
#: A reason that several sources list.
MULTI_SOURCE_REASON = reason_where(
    lambda row: len(row.sources) > 1, "listed by several sources"
)
#: A reason whose advice runs over several lines (bullets).
MULTILINE_ADVICE_REASON = reason_where(
    lambda row: row.advice is not None and "\n" in row.advice,
    "with advice over several lines",
)
#: The first row of SubCode.TOKEN_INVALID.
TOKEN_INVALID_REASON = reason_where(
    lambda row: row.subcode == TOKEN_INVALID, f"with subcode {TOKEN_INVALID}"
)


def _code_with_info() -> CodeRow:
    found = next((row for row in ROWS.codes if row.message is not None), None)
    assert found is not None, "spec/codes.yaml has no code-level row"
    return found


#: A code with a code-level row (a message of its own).
CODE_WITH_INFO = _code_with_info()


def _generic_subcode() -> SubCodeInfoRow:
    reasons = {row.subcode for row in ROWS.reasons}
    found = next((row for row in ROWS.subcodes if row.subcode not in reasons), None)
    assert found is not None, "spec/codes.yaml has no subcode without a reason"
    return found


#: A subcode that ``subcodes`` explains and no reason has: a member of its own.
GENERIC_SUBCODE = _generic_subcode()


def _rule() -> RuleRow:
    assert ROWS.rules, "spec/codes.yaml has no subcode rule"
    return ROWS.rules[0]


#: A subcode rule (the PSTN document's SBC rule).
RULE = _rule()

#: Numbers the catalog does not have: one past the largest subcode and the
#: largest subcode a rule covers, and the smallest number in a code class's
#: range that is no code.
ABSENT_SUBCODE = max([*SUBCODE_NAMES, *(rule.last for rule in ROWS.rules)]) + 1
CLASS_ONLY_CODE = min(
    code for span in CODE_CLASSES.values() for code in span if code not in CODES
)


def _absent_pair() -> tuple[int, int]:
    for code in sorted(CODES):
        for subcode in sorted(SUBCODE_NAMES):
            if (code, subcode) not in PAIRS:
                return code, subcode
    raise AssertionError("every code of the catalog has a row for every subcode")


#: A code and a subcode, both members, that have no reason together.
ABSENT_PAIR = _absent_pair()
