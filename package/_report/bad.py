"""``Bad``: what could not be read in a log, and where."""

from __future__ import annotations

__all__ = ["Bad"]


class Bad:
    """What could not be read, and the line (1-based) where it starts."""

    __slots__ = ("error", "line")

    def __init__(self, line: int, error: str) -> None:
        self.line = line
        self.error = error

    def __repr__(self) -> str:
        return f"Bad({self.line}, {self.error!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is Bad and (other.line, other.error) == (
            self.line,
            self.error,
        )

    def __hash__(self) -> int:
        return hash((self.line, self.error))
