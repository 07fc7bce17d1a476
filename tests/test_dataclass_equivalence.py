"""The generated dataclasses behave as @dataclass(frozen=True, slots=True) makes them.

The checks live in tests/dataclass_equivalence.py, which every supported Python
can also run on its own; here they run on real rows and on arbitrary values.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import acs_call_codes
import pytest
from dataclass_equivalence import (
    CLASS_NAMES,
    FIRST_USES,
    check_class,
    check_first_uses,
    check_instance,
    check_module,
    check_subclassing,
    samples,
)
from hypothesis import given, settings
from hypothesis import strategies as st

CLASSES = [getattr(acs_call_codes, name) for name in CLASS_NAMES]

# The kinds of value the fields hold: ints and their enums, text, source ids, None.
_FIELD_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.text(max_size=20),
    st.lists(st.text(max_size=8), max_size=3).map(tuple),
    st.sampled_from(list(acs_call_codes.Code)),
    st.sampled_from(list(acs_call_codes.SubCode)),
    st.sampled_from(list(acs_call_codes.ResultCategory)),
    st.sampled_from(list(acs_call_codes.MatchLevel)),
)


def _rows(cls: type) -> st.SearchStrategy[tuple[object, ...]]:
    return st.tuples(*(_FIELD_VALUES for _ in dataclasses.fields(cls)))


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_NAMES)
def test_class_matches_plain_dataclass(cls: type) -> None:
    check_class(cls)


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_NAMES)
def test_every_catalog_instance_behaves_as_plain_dataclass(cls: type) -> None:
    rows = samples(acs_call_codes)[cls.__name__]
    assert rows
    for values in rows:
        check_instance(cls, values)


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_NAMES)
def test_subclassing_behaves_as_plain_dataclass(cls: type) -> None:
    check_subclassing(cls, samples(acs_call_codes)[cls.__name__][0])


@pytest.mark.parametrize("cls", CLASSES, ids=CLASS_NAMES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_arbitrary_values_behave_as_plain_dataclass(
    cls: type, data: st.DataObject
) -> None:
    check_instance(cls, data.draw(_rows(cls)))


def test_standalone_run_covers_every_class() -> None:
    assert check_module(acs_call_codes) >= len(acs_call_codes.CALL_END_REASONS)


@pytest.mark.parametrize("use", FIRST_USES)
def test_fields_asked_for_first_are_the_dataclass_fields(use: str) -> None:
    folder = Path(acs_call_codes.__file__).parent
    assert check_first_uses(str(folder), [use]) == 1
