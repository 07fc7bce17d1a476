"""What the module's enums do, apart from their members: reading raw values
(``Code.parse``, ``ResultCategory.parse``), the category predicates and
``CodeClass.of``.

The catalog decides the members; the template declares each enum with its
mixin from here first among its bases (``class Code(_NumberEnum, IntEnum)``),
so the methods are written once, as plain Python. The mixins are plain
classes, not member-less enums: an enum class costs some 30 to 90 us to
create, at every import. The generator pastes this file's body into
generated/acs_call_codes.py above the enums (runtime/__init__.py has the
convention).
"""

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false

import typing
from collections.abc import Callable
from enum import Enum, IntEnum
from functools import partial
from typing import Protocol, TypeVar

from acs_call_codes import (
    _CATEGORY_ALIASES,
    _SUCCESS_CATEGORIES,
    _UNEXPECTED_CATEGORIES,
    CODE_CLASS_RANGES,
    CodeClass,
    ResultCategory,
)

__all__ = ["_CategoryEnum", "_NumberEnum", "_RangeEnum", "_parse_member", "_raw_int"]

_Member = TypeVar("_Member", bound=IntEnum)
_Category = TypeVar("_Category", bound=Enum)


if typing.TYPE_CHECKING:
    # For the type checkers alone: a Protocol class costs its creation at import.

    class _Valued(Protocol):
        """What the category mixins' methods need of their enum: its value."""

        @property
        def value(self) -> str: ...

    class _Numbered(Protocol):
        """What the number mixin's methods need of their enum: an int."""

        def __int__(self) -> int: ...


class _CategoryParser:
    """``ResultCategory.parse``: a descriptor, as a classmethod of a mixin
    could not say which enum it returns."""

    def __get__(
        self, instance: object, owner: type[_Category]
    ) -> Callable[[object], _Category | None]:
        return partial(_parse_category, owner)


class _NumberParser:
    """``Code.parse`` and ``SubCode.parse``: a descriptor, as a classmethod of a
    mixin could not say which enum it returns."""

    def __get__(
        self, instance: object, owner: type[_Member]
    ) -> Callable[[object], _Member | None]:
        return partial(_parse_member, owner)


class _CategoryEnum:
    """ResultCategory's methods: the category a raw value names, and what the
    category says of the outcome."""

    def __str__(self: "_Valued") -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> "ResultCategory | None":
        return _CATEGORY_ALIASES.get(value) if isinstance(value, str) else None

    #: The category a raw value names, or None: a member, or a string spelled as
    #: the document spells it (known misspellings included), spaces around
    #: ignored. ``ResultCategory.parse("UnxpectedClientError")`` is
    #: ``ResultCategory.UNEXPECTED_CLIENT_ERROR``.
    parse = _CategoryParser()

    @property
    def is_success(self: "_Valued") -> bool:
        """True if the call ended as intended."""
        return self in _SUCCESS_CATEGORIES

    @property
    def is_error(self: "_Valued") -> bool:
        """True for every category but success, expected errors included."""
        return self not in _SUCCESS_CATEGORIES

    @property
    def is_unexpected(self: "_Valued") -> bool:
        """True for the unexpected errors, on the client or the server side."""
        return self in _UNEXPECTED_CATEGORIES


class _RangeEnum:
    """CodeClass's methods: the class of a code."""

    def __str__(self: "_Valued") -> str:
        return self.value

    @classmethod
    def of(cls, code: int) -> "CodeClass | None":
        """The class whose range holds ``code``; None for a code outside every
        range, such as 0."""
        for code_class, span in CODE_CLASS_RANGES.items():
            if code in span:
                return code_class
        return None


class _NumberEnum:
    """Code's and SubCode's methods: printed as their number, read from raw
    values."""

    def __str__(self: "_Numbered") -> str:
        return int.__repr__(int(self))

    #: The member for a raw value, or None if it is not one of them. Takes a
    #: member, an int, or a string of decimal digits with spaces around
    #: (``"487"``, ``" 10004 "``); bools, floats, other strings and members of
    #: other enums give None.
    parse = _NumberParser()


def _parse_category(cls: type[_Category], value: object) -> _Category | None:
    """The member of ``cls`` a raw value names, or None (see ResultCategory.parse)."""
    if not isinstance(value, str):
        return None
    try:
        return cls(value.strip())
    except ValueError:
        return None


def _parse_member(cls: type[_Member], value: object) -> _Member | None:
    """The member of ``cls`` a raw value stands for, or None (see Code.parse)."""
    if isinstance(value, Enum) and not isinstance(value, cls):
        return None  # SubCode.UNSPECIFIED is not Code.CALL_ENDED, though both are 0
    number = _raw_int(value)
    if number is None:
        return None
    try:
        return cls(number)
    except ValueError:
        return None


def _raw_int(value: object) -> int | None:
    """``value`` as an int if it is an int (not a bool) or a string of ASCII
    digits with optional spaces around; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            try:
                return int(text)
            except ValueError:  # more digits than int() accepts
                return None
    return None
