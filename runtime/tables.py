"""The catalog's rows, made on first use: the template declares the tables
(``_REASONS``, ``_CODE_INFO``, ``_SUBCODE_INFO``) empty and holds their rows
as constants (``_REASON_ROWS``, ``_CODE_ROWS``, ``_SUBCODE_ROWS``);
``_make_tables`` here makes the rows records and fills the tables, this file
decides when it runs, and it makes the public views (``CALL_END_REASONS``, ``CODE_INFO``, ``SUBCODE_INFO``) the
first time a program reads them.

Inside the module, code reads the underscored tables, after
``_fill_tables()``; ``lookup`` and ``explain`` do it on their first call.
The same whatever the catalog says: the generator pastes this file's body into
generated/acs_call_codes.py after the tables (runtime/__init__.py has the
convention).
"""

from __future__ import annotations

# The module's own names, private ones included: pasted into it, this file's
# body uses them as its own.
# pyright: reportPrivateUsage=false
import typing
from _thread import allocate_lock
from collections.abc import Mapping
from types import MappingProxyType

from acs_call_codes import (
    _CODE_INFO,
    _CODE_ROWS,
    _REASON_ROWS,
    _REASONS,
    _SUBCODE_INFO,
    _SUBCODE_ROWS,
    CallEndReason,
    Code,
    CodeClass,
    CodeInfo,
    ResultCategory,
    SubCode,
    SubCodeInfo,
)

__all__: list[str] = []


def _make_tables() -> None:
    codes = {int(member): member for member in Code}
    subcodes = {int(member): member for member in SubCode}
    categories = {member.value: member for member in ResultCategory}
    for code, subcode, message, category, advice, sources in _REASON_ROWS:
        pair = codes[code], subcodes[subcode]
        _REASONS[pair] = CallEndReason(
            *pair,
            message,
            None if category is None else categories[category],
            advice,
            sources,
        )
    for code, message, advice, sources in _CODE_ROWS:
        _CODE_INFO[codes[code]] = CodeInfo(codes[code], message, advice, sources)
    for subcode, message, sources, code_class in _SUBCODE_ROWS:
        _SUBCODE_INFO[subcodes[subcode]] = SubCodeInfo(
            subcodes[subcode],
            message,
            sources,
            None if code_class is None else CodeClass[code_class],
        )


_TABLES_LOCK = allocate_lock()
#: [True] once _make_tables has run.
_tables_made = [False]


def _fill_tables() -> None:
    """Make the catalog's rows unless they are made: once, whichever thread
    asks first, and the others wait for it."""
    with _TABLES_LOCK:
        if not _tables_made[0]:
            _make_tables()
            _tables_made[0] = True


#: The module's read-only views of its rows, by name, each made on first read.
_VIEWS: Mapping[str, Mapping[typing.Any, object]] = {
    "CALL_END_REASONS": _REASONS,
    "CODE_INFO": _CODE_INFO,
    "SUBCODE_INFO": _SUBCODE_INFO,
}

# To the type checkers the views are the module's declared names (see the
# tables above), so a misspelt name is still their error; at run time the
# first read of one makes the rows, and the view is then the module's own.
if not typing.TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        rows = _VIEWS.get(name)
        if rows is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        _fill_tables()
        view = globals()[name] = MappingProxyType(rows)
        return view

    def __dir__() -> list[str]:
        return sorted({*globals(), *_VIEWS})
