"""lookup() and explain() give the same answers on their fast paths as on their slow ones.

explain() keeps the answers it takes from the catalog; these tests check that a
kept answer is the one a fresh call would give, whatever was asked before, and
that the store stays bounded by the catalog.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Mapping
from http import HTTPStatus

import acs_call_codes
import pytest
from acs_call_codes import Code, MatchLevel, SubCode, explain, lookup
from hypothesis import given, settings
from hypothesis import strategies as st

PAIRS = list(acs_call_codes.CALL_END_REASONS)
CODES = [int(code) for code in Code]
SUBCODES = [int(subcode) for subcode in SubCode]

_ints = st.one_of(
    st.sampled_from(CODES + SUBCODES), st.integers(min_value=-1, max_value=10**6)
)


def fresh(code: int, subcode: int | None = None) -> acs_call_codes.Explanation:
    """What explain answers with nothing kept."""
    return acs_call_codes._explain(code, subcode)


def test_lookup_finds_every_pair_by_plain_ints() -> None:
    for code, subcode in PAIRS:
        assert (
            lookup(int(code), int(subcode))
            is acs_call_codes.CALL_END_REASONS[code, subcode]
        )


@settings(max_examples=200, deadline=None)
@given(code=_ints, subcode=_ints)
def test_lookup_is_the_table(code: int, subcode: int) -> None:
    assert lookup(code, subcode) is acs_call_codes.CALL_END_REASONS.get((code, subcode))


@settings(max_examples=200, deadline=None)
@given(code=_ints, subcode=st.one_of(st.none(), _ints))
def test_explain_answers_as_a_fresh_call_every_time(
    code: int, subcode: int | None
) -> None:
    first = explain(code, subcode)
    assert first == fresh(code, subcode)
    assert explain(code, subcode) == first


@pytest.mark.parametrize(("code", "subcode"), PAIRS)
def test_explain_keeps_the_argument_types(code: Code, subcode: SubCode) -> None:
    plain = explain(int(code), int(subcode))
    typed = explain(code, subcode)
    assert plain == typed
    assert type(plain.code) is int and type(plain.subcode) is int
    assert type(typed.code) is Code and type(typed.subcode) is SubCode
    assert repr(explain(int(code), int(subcode))) == repr(
        fresh(int(code), int(subcode))
    )
    assert repr(explain(code, subcode)) == repr(fresh(code, subcode))


def test_explain_still_refuses_bools_after_the_int_was_kept() -> None:
    code, subcode = (int(part) for part in PAIRS[0])
    explain(code, subcode)
    explain(code, None)
    with pytest.raises(
        TypeError, match="subcode must be an int or a SubCode, not bool"
    ):
        explain(code, bool(subcode))
    with pytest.raises(TypeError, match="code must be an int or a Code, not bool"):
        explain(True, None)


@pytest.mark.parametrize("bad", [[1], {"a": 1}, "401", 401.0, None])
def test_explain_refuses_non_ints_with_its_message(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^code must be an int or a Code, not "):
        explain(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^subcode must be an int or a SubCode, not "):
        explain(0, [bad])  # type: ignore[arg-type]


def test_explain_keeps_only_answers_from_the_catalog() -> None:
    code_level = next(iter(acs_call_codes.CODE_INFO))
    for subcode in range(100_000, 102_000):  # undocumented with a documented code
        assert explain(code_level, subcode).match is MatchLevel.CODE
    for code in range(450, 460):  # in a class, not in the catalog
        assert explain(code, 1).match is MatchLevel.CODE_CLASS
    for code, subcode in PAIRS:
        explain(code, subcode)
        explain(int(code), int(subcode))
    # At most one entry per documented pair or code-level row and argument type.
    rows = len(PAIRS) + len(acs_call_codes.CODE_INFO)
    by_subcode = acs_call_codes._cached_by_subcode[0]
    assert len(acs_call_codes._EXPLAINED) <= 2 * 3 * rows + by_subcode


def test_answers_by_subcode_are_kept_up_to_a_bound() -> None:
    subcode = next(
        s for s, info in acs_call_codes.SUBCODE_INFO.items() if info.code_class is None
    )
    limit = acs_call_codes._CACHED_BY_SUBCODE_LIMIT
    first = explain(100_000, subcode)
    assert first.match is MatchLevel.SUBCODE
    assert explain(100_000, subcode) is first  # kept
    before = len(acs_call_codes._EXPLAINED)
    for code in range(100_001, 100_001 + 2 * limit):  # made-up codes
        assert explain(code, subcode).match is MatchLevel.SUBCODE
    assert acs_call_codes._cached_by_subcode[0] == limit
    assert len(acs_call_codes._EXPLAINED) - before <= limit


def test_module_annotations_resolve_at_run_time() -> None:
    """The module's annotations, postponed, still resolve for tools that read
    them."""
    hints = typing.get_type_hints(acs_call_codes)
    assert hints["SPEC_SHA256"] == typing.Final[str]
    assert typing.get_args(hints["SOURCES"]) == (
        Mapping[str, acs_call_codes.Source],
    )
    assert typing.get_type_hints(acs_call_codes.explain)["return"] is (
        acs_call_codes.Explanation
    )
    for name in acs_call_codes.__all__:
        value = getattr(acs_call_codes, name)
        if isinstance(value, type) or inspect.isfunction(value):
            typing.get_type_hints(value)


def test_explain_refuses_members_of_other_enums() -> None:
    # Swapped arguments, or an HTTP status where a call end code belongs.
    code, subcode = (int(part) for part in PAIRS[0])
    with pytest.raises(TypeError, match=r"^code must be an int or a Code, not SubCode"):
        explain(SubCode(subcode), Code(code))
    with pytest.raises(
        TypeError, match=r"^code must be an int or a Code, not HTTPStatus"
    ):
        explain(HTTPStatus.NOT_FOUND)
    assert explain(Code(code), SubCode(subcode)).match is MatchLevel.REASON


def test_a_meaning_restricted_to_a_code_class_answers_only_there() -> None:
    # Subcode 0's generic meaning is "Success": it explains a 2xx code, and a
    # (404, 0) is explained by its code, never as a success.
    restricted = [
        info for info in acs_call_codes.SUBCODE_INFO.values() if info.code_class
    ]
    assert restricted
    for info in restricted:
        assert info.code_class is not None
        span = acs_call_codes.CODE_CLASS_RANGES[info.code_class]
        inside = explain(span.start + 4, int(info.subcode))
        assert inside.match is MatchLevel.SUBCODE
        assert inside.subcode_info is info
        for code_class, other in acs_call_codes.CODE_CLASS_RANGES.items():
            if code_class is info.code_class:
                continue
            for code in (
                other.start + 4,
                *(c for c in acs_call_codes.CODE_INFO if c in other),
            ):
                found = explain(code, int(info.subcode))
                if found.match is not MatchLevel.REASON:
                    assert found.subcode_info is None
                    assert found.match in (MatchLevel.CODE, MatchLevel.CODE_CLASS)
    assert explain(404, 0).message == acs_call_codes.CODE_INFO[404].message
    assert explain(204, 0).message == "Success"
    # (200, 0) is a documented row of its own (Call Automation's CallDisconnected).
    assert explain(200, 0).match is MatchLevel.REASON
    assert (
        explain(200, 0).message == "Call ended successfully by the local participant."
    )
