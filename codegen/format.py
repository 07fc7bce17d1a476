"""Stage 5, format: black, in-process, with the mode fixed here."""

from __future__ import annotations

from functools import lru_cache

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

#: Fixed so that output depends on nothing but the input; the lowest target keeps
#: the module valid on every Python it supports.
MODE = Mode(
    target_versions={TargetVersion.PY310},
    line_length=88,
    string_normalization=True,
    is_pyi=False,
)


# One run formats the same rendered text more than once (the module for
# --check and for writing, the same catalog for several outputs, a test suite's
# many runs of one catalog); black is most of a run's time, and its output
# depends on nothing but its input.
@lru_cache(maxsize=8)
def format_source(source: str) -> str:
    """``source`` as black lays it out; raises ValueError if it is not valid Python.

    black.format_str does not check its own output (only its file-level entry
    points do), so the result is compiled here once: nothing unparsable is ever
    written.
    """
    try:
        formatted = black.format_str(source, mode=MODE)
    except InvalidInput as exc:
        raise ValueError(f"rendered module is not valid Python: {exc}") from exc
    try:
        compile(formatted, "<formatted module>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"formatted module is not valid Python: {exc}") from exc
    return formatted
