"""What a log's reader yields besides records: ``Bad``, what could not be
read, and where; ``Header``, the columns of the rows that follow (a CSV
export's, a query API table's), each row then a list of values in their
order, until the next Header. ``Header(None)`` ends a table."""

from __future__ import annotations

__all__ = ["Bad", "Header"]


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


class Header:
    """The column names of the rows that follow; None after a table's last."""

    __slots__ = ("names",)

    def __init__(self, names: list[str] | None) -> None:
        self.names = names

    def __repr__(self) -> str:
        return f"Header({self.names!r})"
