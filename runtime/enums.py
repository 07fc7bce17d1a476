"""What the module's enums do, apart from their members: reading raw values
(``Code.parse``, ``ResultCategory.parse``), the category predicates and
``CodeClass.of``.

The catalog decides the members; the template declares each enum as a subclass
of its base here (an enum with no members can be subclassed), so the methods
are written once, as plain Python. The generator pastes this file's body into
generated/acs_call_codes.py above the enums (runtime/__init__.py has the
convention).
"""

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false

from enum import Enum, IntEnum
from typing import TypeVar

from acs_call_codes import (
    _CATEGORY_ALIASES,
    _SUCCESS_CATEGORIES,
    _UNEXPECTED_CATEGORIES,
    CODE_CLASS_RANGES,
    CodeClass,
    ResultCategory,
)

__all__ = ["_CategoryEnum", "_NumberEnum", "_RangeEnum", "_parse_member", "_raw_int"]

# The methods below take these rather than typing.Self, which is Python 3.11's
# (ruff's PYI019 would have Self).
_Member = TypeVar("_Member", bound=IntEnum)
_Category = TypeVar("_Category", bound="_CategoryEnum")


class _CategoryEnum(str, Enum):
    """ResultCategory's methods: the category a raw value names, and what the
    category says of the outcome."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ResultCategory | None":
        return _CATEGORY_ALIASES.get(value) if isinstance(value, str) else None

    @classmethod
    def parse(cls: type[_Category], value: object) -> _Category | None:  # noqa: PYI019
        """The category a raw value names, or None: a member, or a string spelled
        as the document spells it (known misspellings included), spaces around
        ignored. ``ResultCategory.parse("UnxpectedClientError")`` is
        ``ResultCategory.UNEXPECTED_CLIENT_ERROR``.
        """
        if not isinstance(value, str):
            return None
        try:
            return cls(value.strip())
        except ValueError:
            return None

    @property
    def is_success(self) -> bool:
        """True if the call ended as intended."""
        return self in _SUCCESS_CATEGORIES

    @property
    def is_error(self) -> bool:
        """True for every category but success, expected errors included."""
        return self not in _SUCCESS_CATEGORIES

    @property
    def is_unexpected(self) -> bool:
        """True for the unexpected errors, on the client or the server side."""
        return self in _UNEXPECTED_CATEGORIES


class _RangeEnum(Enum):
    """CodeClass's methods: the class of a code."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def of(cls, code: int) -> "CodeClass | None":
        """The class whose range holds ``code``; None for a code outside every
        range, such as 0."""
        for code_class, span in CODE_CLASS_RANGES.items():
            if code in span:
                return code_class
        return None


class _NumberEnum(IntEnum):
    """Code's and SubCode's methods: printed as their number, read from raw
    values."""

    def __str__(self) -> str:
        return int.__repr__(self)

    @classmethod
    def parse(cls: type[_Member], value: object) -> _Member | None:  # noqa: PYI019
        """The member for a raw value, or None if it is not one of them.

        Takes a member, an int, or a string of decimal digits with spaces
        around (``"487"``, ``" 10004 "``); bools, floats, other strings and
        members of other enums give None.
        """
        return _parse_member(cls, value)


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
