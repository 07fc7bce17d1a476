"""What the checks of meaning read: the parts of a spec that passed the schema.

``Sound`` answers which rows and values are sound; ``unique`` is the check
every section makes of its keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codegen.diagnostics import Diagnostic
from codegen.loader import DataPath, SpecDocument

# The schema has checked the shape of every value these checks read; this
# alias only names that shape for the reader.
Row = dict[str, Any]


class Sound:
    """The parts of a spec that passed the schema, for the checks of meaning.

    A row's value is sound when no schema error lies at or under it; a section
    is whole when no schema error lies anywhere in it. Checks within a section
    read sound values only; checks that look a value up in another section
    (a reason's code in ``codes``) run only when that section is whole, so a
    broken row never causes a second, misleading message elsewhere.
    """

    def __init__(self, doc: SpecDocument, broken: frozenset[DataPath]) -> None:
        self.doc = doc
        self._broken = broken

    def _sound(self, path: DataPath) -> bool:
        return not any(p[: len(path)] == path for p in self._broken)

    def sound(self, path: DataPath) -> bool:
        """Whether no schema error lies at or under ``path``."""
        return self._sound(path)

    def _section(self, section: str) -> list[object] | None:
        data = self.doc.data
        rows = data.get(section) if isinstance(data, dict) else None
        return rows if isinstance(rows, list) else None

    def whole(self, section: str) -> bool:
        return self._section(section) is not None and self._sound((section,))

    def rows(self, section: str, *keys: str) -> Iterator[tuple[DataPath, Row]]:
        """The rows of ``section`` whose ``keys`` are all present and sound;
        each row holds its sound values only."""
        for index, row in enumerate(self._section(section) or ()):
            where: DataPath = (section, index)
            if not isinstance(row, dict):
                continue
            sound = {k: v for k, v in row.items() if self._sound((*where, k))}
            if all(key in sound for key in keys):
                yield where, sound

    def value(self, *path: str) -> object:
        """The sound value at a path of keys, or None."""
        value: object = self.doc.data
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value if self._sound(path) else None


def unique(
    spec: Sound,
    section: str,
    key: str,
    what: str,
    why: str = "",
) -> Iterator[Diagnostic]:
    """Errors for repeated values of ``key`` across the rows of ``section``."""
    seen: dict[object, int] = {}
    for where, row in spec.rows(section, key):
        value = row[key]
        if value in seen:
            yield spec.doc.diagnostic(
                (*where, key),
                f"duplicate {what} {value!r} (first at line {seen[value]}){why}",
            )
        else:
            seen[value] = spec.doc.position((*where, key)).line
