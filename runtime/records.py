"""The module's records: frozen dataclasses for what the catalog holds
(``Source``, ``Wording``, ``CodeClassInfo``, ``CallEndReason``, ``CodeInfo``,
``SubCodeInfo``, ``SubCodeRule``), for what a payload carries beside its pair
(``SipDetails``, ``Q850Details``) and for what ``explain`` answers
(``MatchLevel``, ``WordingChoice``, ``Explanation``).

Their fields are the same whatever the catalog says; the generator pastes
this file's body into generated/acs_call_codes.py after the enums (runtime/
__init__.py has the convention).
"""

from __future__ import annotations

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false
import sys
import typing
from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, replace
from enum import Enum
from operator import attrgetter
from typing import TypeVar

from acs_call_codes import (
    _CODE_WORDING_ROWS,
    _WORDING_ROWS,
    Code,
    CodeClass,
    Q850Cause,
    ResultCategory,
    SipStatus,
    SubCode,
)

__all__ = [
    "CallEndReason",
    "CodeClassInfo",
    "CodeInfo",
    "Explanation",
    "MatchLevel",
    "Q850Details",
    "SipDetails",
    "Source",
    "SubCodeInfo",
    "SubCodeRule",
    "Wording",
    "WordingChoice",
]

# The dataclasses below do without the code that @dataclass would otherwise
# write and compile with exec() at every import, which was most of this
# module's import time. Each spells out its __init__; _Record holds the rest,
# written once over each class's fields: __repr__, __eq__, __hash__, the
# __getstate__/__setstate__ pair that slots=True adds, and the __setattr__ and
# __delattr__ that frozen=True adds (they raise FrozenInstanceError). Type
# checkers read the decorator as the real @dataclass(frozen=True). What only
# the dataclasses module reads (__dataclass_fields__ and __dataclass_params__,
# for dataclasses.fields, asdict, replace, is_dataclass and subclassing) is
# made by a plain @dataclass the first time anything asks for it; the class
# then counts as frozen for subclasses. From Python 3.13, copy.replace() works
# on them from the start, as on any dataclass. They behave as
# @dataclass(frozen=True, slots=True) would, which the generator's tests check.
_T = TypeVar("_T")


class _Record:
    """The methods @dataclass(frozen=True, slots=True) writes, the same for every
    record: each class has its ``_fields`` (its slots, in order) and
    ``_values``, which reads them into a tuple, from the decorator below."""

    __slots__ = ()
    if typing.TYPE_CHECKING:  # attrgetter is generic to the type checkers only
        _fields: typing.ClassVar[tuple[str, ...]]
        _values: typing.ClassVar[attrgetter[tuple[object, ...]]]

    def __repr__(self) -> str:
        fields = zip(self._fields, self._values(self), strict=True)
        shown = ", ".join([f"{name}={value!r}" for name, value in fields])
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values(self) == self._values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __getstate__(self) -> list[object]:
        return list(self._values(self))

    def __setstate__(self, state: list[object]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)

    # What frozen=True's exec() writes: no name can be assigned or deleted on a
    # record, and no field on an instance of a subclass, which may have names
    # of its own. Hidden from the type checkers, which would otherwise take
    # any misspelt attribute as assignable.
    if not typing.TYPE_CHECKING:

        def __setattr__(self, name: str, value: object) -> None:
            cls = self.__class__
            if "_fields" in cls.__dict__ or name in cls._fields:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            object.__setattr__(self, name, value)

        def __delattr__(self, name: str) -> None:
            cls = self.__class__
            if "_fields" in cls.__dict__ or name in cls._fields:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            object.__delattr__(self, name)


if typing.TYPE_CHECKING:
    from dataclasses import dataclass as _frozen_dataclass
else:

    def _frozen_dataclass(
        *, frozen: bool, **options: bool
    ) -> Callable[[type[_T]], type[_T]]:
        def decorate(cls: type[_T]) -> type[_T]:
            cls._fields = fields = cls.__slots__
            cls._values = attrgetter(*fields)
            if sys.version_info >= (3, 13):
                cls.__replace__ = _replace_fields
            for name in ("__dataclass_fields__", "__dataclass_params__"):
                setattr(cls, name, _Dataclass(cls, name, options))
            return cls

        return decorate

    def _replace_fields(self: _T, /, **changes: object) -> _T:
        return replace(self, **changes)

    class _Dataclass:
        """Stands for one of a record class's two dataclass attributes until
        it is first read (on the class, an instance or a subclass): then a
        plain @dataclass makes both, in its place, and marks the class frozen.
        Making them twice, as two threads might, makes equal ones."""

        __slots__ = ("cls", "name", "options")

        def __init__(self, cls: type, name: str, options: dict[str, bool]) -> None:
            self.cls = cls
            self.name = name
            self.options = options

        def __get__(self, instance: object, owner: type) -> object:
            cls = self.cls
            if cls.__dict__.get(self.name) is self:
                dataclass(**self.options)(cls)
                cls.__dataclass_params__.frozen = True
            return getattr(cls, self.name)


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class Source(_Record):
    """A document the catalog follows: ``id`` is how rows name it."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("id", "title", "date", "url")

    id: str
    title: str
    date: str
    url: str | None

    def __init__(self, id: str, title: str, date: str, url: str | None) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "url", url)


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class Wording(_Record):
    """One way the documents word a row. A pair may be documented several
    times, one row per callback event or scenario (``400/8523`` says "locale
    is missing" in one row, and that only locales with region information are
    supported in another); each different wording is one Wording.

    ``events`` are the callback events whose rows give it (``AnswerFailed``),
    where a document names them; ``sources`` the ids of the documents
    (``SOURCES``) that word it so. ``result_category`` and ``advice`` are
    None where the wording's document gives none.
    """

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = (
        "message",
        "advice",
        "result_category",
        "events",
        "sources",
    )

    message: str
    advice: str | None
    result_category: ResultCategory | None
    events: tuple[str, ...]
    sources: tuple[str, ...]

    def __init__(
        self,
        message: str,
        advice: str | None,
        result_category: ResultCategory | None,
        events: tuple[str, ...],
        sources: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "advice", advice)
        object.__setattr__(self, "result_category", result_category)
        object.__setattr__(self, "events", events)
        object.__setattr__(self, "sources", sources)


#: A wording as the module stores it, plain constants the compiler folds (the
#: category as its value): (message, advice, category, events, sources).
_WordingRow = tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...]]
#: Wordings made on first need, by table and key: only rows documented more
#: than once or with events are stored as data, and none is built at import.
_WORDINGS_MADE: dict[int | tuple[int, int], tuple[Wording, ...]] = {}


def _wordings_of(
    key: int | tuple[int, int],
    message: str,
    advice: str | None,
    category: ResultCategory | None,
    sources: tuple[str, ...],
) -> tuple[Wording, ...]:
    """The wordings of a row, ``key`` being its (code, subcode) pair, or its
    code for a code-level row; a row absent from the data has one, its own
    fields."""
    made = _WORDINGS_MADE.get(key)
    if made is None:
        rows = (
            _CODE_WORDING_ROWS.get(key)
            if isinstance(key, int)
            else _WORDING_ROWS.get(key)
        )
        made = (
            (Wording(message, advice, category, (), sources),)
            if rows is None
            else tuple(
                Wording(
                    text,
                    tip,
                    None if value is None else ResultCategory(value),
                    events,
                    said,
                )
                for text, tip, value, events, said in rows
            )
        )
        _WORDINGS_MADE[key] = made
    return made


class WordingChoice(Enum):
    """Why an Explanation says the wording it says (``Explanation.wording``)."""

    ONLY = "only"
    """The row has one wording."""
    EVENT = "event"
    """The callback event names it: the event's type (``CallDisconnected``) is
    among the wording's ``events``."""
    MESSAGE = "message"
    """The service's own message matches it, case, whitespace and punctuation
    aside (extra text such as ``DiagCode: ...`` allowed)."""
    FIRST = "first"
    """Nothing told the wordings apart: the first by precedence, the row's own
    ``message``."""


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class CodeClassInfo(_Record):
    """What the documents say of a class of codes in words ("A 2xx code
    represents a successful response. ..."): ``result_category`` is the
    category those words give every code of the class (None where they give
    none), which answers for a pair where no row gives one; ``sources`` as in
    CallEndReason."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("code_class", "message", "result_category", "sources")

    code_class: CodeClass
    message: str
    result_category: ResultCategory | None
    sources: tuple[str, ...]

    def __init__(
        self,
        code_class: CodeClass,
        message: str,
        result_category: ResultCategory | None,
        sources: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "code_class", code_class)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "result_category", result_category)
        object.__setattr__(self, "sources", sources)


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class CallEndReason(_Record):
    """What the documents say of one (code, subcode) pair.

    ``sources`` are the ids of the documents (``SOURCES``) that list the pair,
    first the one whose words these are. ``result_category`` is None where
    that document gives none (the PSTN tables), and the predicates then
    answer None: not known.
    """

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = (
        "code",
        "subcode",
        "message",
        "result_category",
        "advice",
        "sources",
    )

    code: Code
    subcode: SubCode
    message: str
    result_category: ResultCategory | None
    advice: str | None
    sources: tuple[str, ...]

    def __init__(
        self,
        code: Code,
        subcode: SubCode,
        message: str,
        result_category: ResultCategory | None,
        advice: str | None,
        sources: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "subcode", subcode)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "result_category", result_category)
        object.__setattr__(self, "advice", advice)
        object.__setattr__(self, "sources", sources)

    @property
    def wordings(self) -> tuple[Wording, ...]:
        """Every wording of the pair, the first this row's own (``message``,
        ``advice``, ``result_category``: the first by precedence), then by
        precedence and document order, each with its callback events and
        sources."""
        return _wordings_of(
            (int(self.code), int(self.subcode)),
            self.message,
            self.advice,
            self.result_category,
            self.sources,
        )

    @property
    def is_success(self) -> bool | None:
        """True if the call ended as intended (see ResultCategory.is_success),
        None when the document gives no category."""
        category = self.result_category
        return None if category is None else category.is_success

    @property
    def is_error(self) -> bool | None:
        """True if the call ended in an error, expected or not; None when the
        document gives no category."""
        category = self.result_category
        return None if category is None else category.is_error

    @property
    def is_unexpected(self) -> bool | None:
        """True if the call ended in an unexpected client or server error; None
        when the document gives no category."""
        category = self.result_category
        return None if category is None else category.is_unexpected


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class CodeInfo(_Record):
    """What a document says of a code whatever its subcode (a code-level row);
    ``sources`` as in CallEndReason."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("code", "message", "advice", "sources")

    code: Code
    message: str
    advice: str | None
    sources: tuple[str, ...]

    def __init__(
        self, code: Code, message: str, advice: str | None, sources: tuple[str, ...]
    ) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "advice", advice)
        object.__setattr__(self, "sources", sources)

    @property
    def wordings(self) -> tuple[Wording, ...]:
        """Every wording of the code-level row, the first this row's own, then
        by precedence and document order (the documents give a code-level row
        no category)."""
        return _wordings_of(
            int(self.code), self.message, self.advice, None, self.sources
        )


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class SubCodeInfo(_Record):
    """What a document says a subcode means whatever its code (Call
    Automation's generic subcodes); ``sources`` as in CallEndReason. Where
    ``code_class`` is set, the catalog restricts the meaning to codes of that
    class: subcode 0's "Success" explains a 2xx code, not a 404."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("subcode", "message", "sources", "code_class")

    subcode: SubCode
    message: str
    sources: tuple[str, ...]
    code_class: CodeClass | None

    def __init__(
        self,
        subcode: SubCode,
        message: str,
        sources: tuple[str, ...],
        code_class: CodeClass | None,
    ) -> None:
        object.__setattr__(self, "subcode", subcode)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "sources", sources)
        object.__setattr__(self, "code_class", code_class)


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class SubCodeRule(_Record):
    """A rule a document states for a range of subcodes instead of rows: the
    subcodes ``first`` to ``last`` are ``prefix`` followed by ``digits``
    digits, which read as ``reads`` (``"sip_status"``: the SIP response code,
    so 560403 is SIP 403). ``direction`` is the call's, where the rule says.
    """

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = (
        "name",
        "prefix",
        "digits",
        "first",
        "last",
        "reads",
        "direction",
        "message",
        "advice",
        "sources",
    )

    name: str
    prefix: int
    digits: int
    first: int
    last: int
    reads: str
    direction: str | None
    message: str
    advice: str | None
    sources: tuple[str, ...]

    def __init__(
        self,
        name: str,
        prefix: int,
        digits: int,
        first: int,
        last: int,
        reads: str,
        direction: str | None,
        message: str,
        advice: str | None,
        sources: tuple[str, ...],
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "digits", digits)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "reads", reads)
        object.__setattr__(self, "direction", direction)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "advice", advice)
        object.__setattr__(self, "sources", sources)

    def read(self, subcode: int) -> int | None:
        """The number that ``subcode`` carries under this rule (the SIP status
        code), or None when the rule does not cover ``subcode``."""
        if self.first <= subcode <= self.last:
            return subcode - self.first
        return None


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class SipDetails(_Record):
    """The SIP response a result carries beside its pair (``sipDetails`` of Call
    Automation's ``resultInformation``): the final response that a SIP trunk
    or a session border controller gave, such as 486 Busy Here on a PSTN call."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("code", "message")

    code: int
    message: str | None
    """The words the response carried (``"Busy Here"``), None where it had none."""

    def __init__(self, code: int, message: str | None) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)

    @property
    def status(self) -> SipStatus | None:
        """The code as a SipStatus member (``SipStatus.BUSY_HERE`` for 486),
        None for a code the registry does not define."""
        return SipStatus.parse(self.code)


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class Q850Details(_Record):
    """The ITU-T Q.850 cause a result carries beside its pair (``q850Details`` of
    Call Automation's ``resultInformation``): why the telephone network ended
    the call, such as 17 User busy."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = ("code", "message")

    code: int
    message: str | None
    """The words the cause carried (``"User busy"``), None where it had none."""

    def __init__(self, code: int, message: str | None) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)

    @property
    def cause(self) -> Q850Cause | None:
        """The code as a Q850Cause member (``Q850Cause.USER_BUSY`` for 17), None
        for a value the standard does not define."""
        return Q850Cause.parse(self.code)


class MatchLevel(Enum):
    """How much of a (code, subcode) pair ``explain`` found in the catalog."""

    REASON = "reason"
    """The exact (code, subcode) pair."""
    SUBCODE = "subcode"
    """What the subcode means whatever its code: the one row that documents it
    under another code (``reason``, whose ``code`` is not the one asked), or a
    document's meaning of the subcode alone (``subcode_info``)."""
    RULE = "rule"
    """A rule a document states for a range of subcodes (``rule``), such as the
    PSTN document's: 560403 is SIP 403 from the customer's SBC."""
    CODE = "code"
    """What is known of the code alone (the subcode was not given or is not
    listed with it): the document's code-level row, ``code_info``, or where
    the document has none, the catalog's summary of the code's rows."""
    CODE_CLASS = "code_class"
    """Only the range the code falls in."""
    UNKNOWN = "unknown"
    """Nothing to go on: the pair is not listed, the code is not in the
    catalog and it falls in no range."""


@_frozen_dataclass(frozen=True, init=False, repr=False, eq=False)
class Explanation(_Record):
    """The best the catalog can say about a pair; ``match`` says how it was found."""

    # Both in field order, as @dataclass(slots=True) writes them.
    __match_args__ = __slots__ = (
        "code",
        "subcode",
        "match",
        "message",
        "result_category",
        "advice",
        "code_class",
        "reason",
        "code_info",
        "subcode_info",
        "rule",
        "wording",
        "wording_choice",
        "class_info",
        "sip_details",
        "q850_details",
    )

    code: int
    subcode: int | None
    match: MatchLevel
    message: str
    result_category: ResultCategory | None
    advice: str | None
    code_class: CodeClass | None
    reason: CallEndReason | None
    code_info: CodeInfo | None
    subcode_info: SubCodeInfo | None
    rule: SubCodeRule | None
    #: The wording of the answering row that ``message`` says (``reason``'s,
    #: or ``code_info``'s), and why that one: the row's only one, the one the
    #: callback event or the service's message names, or the first by
    #: precedence. None where no row answered.
    wording: Wording | None
    wording_choice: WordingChoice | None
    #: The documents' words on the code's class, where they gave the category
    #: (no row did): "A 2xx code represents a successful response."
    class_info: CodeClassInfo | None
    sip_details: SipDetails | None
    """The SIP response the payload carried beside its pair
    (``explain_payload``); None where it carried none, and from ``explain``."""
    q850_details: Q850Details | None
    """The Q.850 cause the payload carried beside its pair, as ``sip_details``."""

    def __init__(
        self,
        code: int,
        subcode: int | None,
        match: MatchLevel,
        message: str,
        result_category: ResultCategory | None,
        advice: str | None,
        code_class: CodeClass | None,
        reason: CallEndReason | None,
        code_info: CodeInfo | None,
        subcode_info: SubCodeInfo | None,
        rule: SubCodeRule | None,
        wording: Wording | None,
        wording_choice: WordingChoice | None,
        class_info: CodeClassInfo | None,
        sip_details: SipDetails | None,
        q850_details: Q850Details | None,
    ) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "subcode", subcode)
        object.__setattr__(self, "match", match)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "result_category", result_category)
        object.__setattr__(self, "advice", advice)
        object.__setattr__(self, "code_class", code_class)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "code_info", code_info)
        object.__setattr__(self, "subcode_info", subcode_info)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "wording", wording)
        object.__setattr__(self, "wording_choice", wording_choice)
        object.__setattr__(self, "class_info", class_info)
        object.__setattr__(self, "sip_details", sip_details)
        object.__setattr__(self, "q850_details", q850_details)

    @property
    def is_success(self) -> bool | None:
        """True if the catalog says the call ended as intended, False if it says
        otherwise, None when it gives no category (``match`` is not REASON, or
        the row's document gives none)."""
        category = self.result_category
        return None if category is None else category.is_success

    @property
    def is_error(self) -> bool | None:
        """True if the catalog says the call ended in an error, expected or not,
        False if it says otherwise, None when it gives no category: an
        undocumented 5xx is not known to be an error, nor known not to be."""
        category = self.result_category
        return None if category is None else category.is_error

    @property
    def is_unexpected(self) -> bool | None:
        """True if the catalog says the call ended in an unexpected client or
        server error, False if it says otherwise, None when it gives no category."""
        category = self.result_category
        return None if category is None else category.is_unexpected
