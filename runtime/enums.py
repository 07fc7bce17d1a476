"""What the module's enums do, apart from their members: reading raw values
(``Code.parse``, ``ResultCategory.parse``), the category predicates,
``CodeClass.of``, and what SipStatus and Q850Cause say of a member (its phrase,
its RFC, its SIP response).

The catalog decides the members; the template declares each enum with its
mixin from here first among its bases (``class Code(_NumberEnum, IntEnum)``),
so the methods are written once, as plain Python. The mixins are plain
classes, not member-less enums: an enum class costs some 30 to 90 us to
create, at every import. The generator pastes this file's body into
generated/acs_call_codes.py above the enums (runtime/__init__.py has the
convention).
"""

from __future__ import annotations

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
    _Q850_PHRASES,
    _Q850_SIP_STATUSES,
    _SIP_STATUS_PHRASES,
    _SIP_STATUS_REFERENCES,
    _SUCCESS_CATEGORIES,
    _UNEXPECTED_CATEGORIES,
    CODE_CLASS_RANGES,
    CodeClass,
    ResultCategory,
    SipStatus,
)

__all__ = [
    "_CategoryEnum",
    "_NumberEnum",
    "_Q850CauseEnum",
    "_RangeEnum",
    "_SipStatusEnum",
    "_parse_member",
    "_raw_int",
]

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

    def __str__(self: _Valued) -> str:
        return self.value

    @classmethod
    def _missing_(cls, value: object) -> ResultCategory | None:
        return _CATEGORY_ALIASES.get(value) if isinstance(value, str) else None

    #: The category a raw value names, or None: a member, or a string spelled as
    #: the document spells it (known misspellings included), spaces around
    #: ignored. ``ResultCategory.parse("UnxpectedClientError")`` is
    #: ``ResultCategory.UNEXPECTED_CLIENT_ERROR``.
    parse = _CategoryParser()

    @property
    def is_success(self: _Valued) -> bool:
        """True if the call ended as intended."""
        return self in _SUCCESS_CATEGORIES

    @property
    def is_error(self: _Valued) -> bool:
        """True for every category but success, expected errors included."""
        return self not in _SUCCESS_CATEGORIES

    @property
    def is_unexpected(self: _Valued) -> bool:
        """True for the unexpected errors, on the client or the server side."""
        return self in _UNEXPECTED_CATEGORIES


class _RangeEnum:
    """CodeClass's methods: the class of a code."""

    def __str__(self: _Valued) -> str:
        return self.value

    @classmethod
    def of(cls, code: int) -> CodeClass | None:
        """The class whose range holds ``code``; None for a code outside every
        range, such as 0."""
        for code_class, span in CODE_CLASS_RANGES.items():
            if code in span:
                return code_class
        return None


class _NumberEnum:
    """Code's and SubCode's methods: printed as their number, read from raw
    values."""

    def __str__(self: _Numbered) -> str:
        return int.__repr__(int(self))

    #: The member for a raw value, or None if it is not one of them. Takes a
    #: member, an int, or a string of decimal digits with spaces around
    #: (``"487"``, ``" 10004 "``); bools, floats, other strings and members of
    #: other enums give None.
    parse = _NumberParser()


class _SipStatusEnum(_NumberEnum):
    """SipStatus's methods beside Code's: the code's phrase and RFC, and its
    class as RFC 3261 section 7.2 names it (``is_client_error``, as HTTPStatus
    has it)."""

    @property
    def phrase(self: _Numbered) -> str:
        """The code's default reason phrase: ``SipStatus.BUSY_HERE.phrase`` is
        ``"Busy Here"``. A response on the wire may carry other words."""
        return _SIP_STATUS_PHRASES[int(self)]

    @property
    def reference(self: _Numbered) -> str:
        """The RFC that defines the code, such as ``"RFC 3261"``."""
        return _SIP_STATUS_REFERENCES[int(self)]

    @property
    def is_provisional(self: _Numbered) -> bool:
        """True for 1xx: the request is still being processed."""
        return 100 <= int(self) <= 199

    @property
    def is_success(self: _Numbered) -> bool:
        """True for 2xx: the request succeeded."""
        return 200 <= int(self) <= 299

    @property
    def is_redirection(self: _Numbered) -> bool:
        """True for 3xx: the request should be tried elsewhere."""
        return 300 <= int(self) <= 399

    @property
    def is_client_error(self: _Numbered) -> bool:
        """True for 4xx: the request failed at this server (RFC 3261's
        request failures)."""
        return 400 <= int(self) <= 499

    @property
    def is_server_error(self: _Numbered) -> bool:
        """True for 5xx: the server failed to fulfil a valid request."""
        return 500 <= int(self) <= 599

    @property
    def is_global_failure(self: _Numbered) -> bool:
        """True for 6xx: the request fails at every server."""
        return 600 <= int(self) <= 699


class _Q850CauseEnum(_NumberEnum):
    """Q850Cause's methods beside Code's: the cause's short name and the SIP
    response it maps to."""

    @property
    def phrase(self: _Numbered) -> str:
        """The standard's short name of the cause: ``Q850Cause.USER_BUSY.phrase``
        is ``"User busy"``."""
        return _Q850_PHRASES[int(self)]

    @property
    def sip_status(self: _Numbered) -> SipStatus | None:
        """The SIP response the cause maps to (``Q850Cause.USER_BUSY`` to
        ``SipStatus.BUSY_HERE``), or None where the mapping gives none."""
        return _Q850_SIP_STATUSES.get(int(self))


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
    except TypeError:
        # An enum without members (SipStatus of a catalog without the SIP
        # table) refuses every call, even one that looks a value up.
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
