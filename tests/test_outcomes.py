"""What the predicates answer comes from each category's ``outcome``.

Left out, the outcome follows the document's words ("Success", "Unexpected...");
given, it wins, so a category the document renames keeps its predicates. A row
without a category has no outcome: its predicates answer None.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import ModuleType

from generated_modules import generate_and_import
from minimal_spec import minimal_spec

#: Categories with an outcome of their own, and without one.
CATEGORIES = [
    {"name": "FINE", "value": "Fine", "outcome": "success",
     "description": "Renamed success."},
    {"name": "SURPRISE", "value": "Surprise", "outcome": "unexpected_error",
     "description": "Renamed unexpected error."},
    {"name": "SUCCESS", "value": "Success",
     "description": "Derived from its spelling."},
    {"name": "UNEXPECTED_SERVER_ERROR", "value": "UnexpectedServerError",
     "description": "Derived from its spelling."},
    {"name": "FORESEEN", "value": "Foreseen",
     "description": "Anything else is an expected error."},
]  # fmt: skip

SPEC = minimal_spec(categories=CATEGORIES) + textwrap.dedent("""\
    codes:
      - code: 0
        name: CALL_ENDED
        summary: The call ended.
    reasons:
      - code: 0
        subcode: 0
        name: UNSPECIFIED
        message: Call ended.
        result_category: Fine
      - code: 0
        subcode: 1
        name: NOT_SAID
        message: Call ended; the document gives no category.
    """)


def generated(tmp_path: Path) -> ModuleType:
    return generate_and_import(SPEC, tmp_path, "acs_call_codes_outcomes")


def test_predicates_follow_each_categorys_outcome(tmp_path: Path) -> None:
    category = generated(tmp_path).ResultCategory
    answers = {
        member.name: (member.is_success, member.is_error, member.is_unexpected)
        for member in category
    }
    assert answers == {
        "FINE": (True, False, False),
        "SURPRISE": (False, True, True),
        "SUCCESS": (True, False, False),
        "UNEXPECTED_SERVER_ERROR": (False, True, True),
        "FORESEEN": (False, True, False),
    }


def test_a_reason_answers_through_its_category(tmp_path: Path) -> None:
    module = generated(tmp_path)
    assert module.lookup(0, 0).is_success is True
    assert module.explain(0, 0).is_error is False
    assert module.explain(0, 1).is_error is None


def test_a_reason_without_a_category_answers_none(tmp_path: Path) -> None:
    module = generated(tmp_path)
    reason = module.lookup(0, 1)
    assert reason.result_category is None
    assert (reason.is_success, reason.is_error, reason.is_unexpected) == (
        None,
        None,
        None,
    )
    found = module.explain(0, 1)
    assert found.match is module.MatchLevel.REASON
    assert (found.is_success, found.is_error, found.is_unexpected) == (None, None, None)
