"""Errors as values: a message and the place in the spec it is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem with a spec, printed as ``PATH:LINE:COL: error: MESSAGE``.

    ``line`` and ``column`` are 1-based; both are 0 when the problem has no
    place (an unreadable file, say), and the place is then left out.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        return f"{self.path}: error: {self.message}"


class SpecError(Exception):
    """Raised when a spec cannot be turned into a module; carries every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__("\n".join(str(d) for d in self.diagnostics))
