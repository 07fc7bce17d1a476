"""The catalog's rows, made on first use: the template declares the tables
(``_REASONS``, ``_CODE_INFO``, ``_SUBCODE_INFO``) empty and writes
``_make_tables``, which fills them; this file decides when it runs, and makes
the public views (``CALL_END_REASONS``, ``CODE_INFO``, ``SUBCODE_INFO``) the
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

from acs_call_codes import _CODE_INFO, _REASONS, _SUBCODE_INFO, _make_tables

__all__: list[str] = []

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
