"""A spec read with nothing but ``yaml.safe_load``, for tests to check modules against.

It shares no code with codegen: when a generated module agrees with these rows,
the generator and this reading agree on what the spec says. Result categories
are given as their value, aliases mapped, the way the module reports them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class CategoryRow:
    name: str
    value: str
    description: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ClassRow:
    name: str
    first: int
    last: int
    description: str


@dataclass(frozen=True)
class CodeRow:
    code: int
    name: str
    summary: str
    message: str | None
    advice: str | None


@dataclass(frozen=True)
class ReasonRow:
    code: int
    subcode: int
    name: str
    message: str
    category: str | None
    advice: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpecRows:
    title: str
    date: str
    sha256: str
    categories: tuple[CategoryRow, ...]
    classes: tuple[ClassRow, ...]
    codes: tuple[CodeRow, ...]
    reasons: tuple[ReasonRow, ...]

    def code_row(self, code: int) -> CodeRow:
        (row,) = [row for row in self.codes if row.code == code]
        return row

    def class_of(self, code: int) -> ClassRow | None:
        """The class whose range holds ``code``, if any."""
        for row in self.classes:
            if row.first <= code <= row.last:
                return row
        return None

    def category_name(self, value: str) -> str:
        """The member name of the category with this value."""
        (row,) = [row for row in self.categories if row.value == value]
        return row.name


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data[key]
    assert isinstance(items, list) and all(isinstance(i, dict) for i in items)
    return items


def read_spec(path: Path) -> SpecRows:
    """The rows of the spec at ``path``, in the spec's order."""
    raw = path.read_bytes()
    data = yaml.safe_load(raw)
    assert isinstance(data, dict), f"{path} is not a mapping"
    categories = tuple(
        CategoryRow(
            row["name"], row["value"], row["description"], tuple(row.get("aliases", []))
        )
        for row in _items(data, "result_categories")
    )
    canonical = {
        spelling: row.value
        for row in categories
        for spelling in (row.value, *row.aliases)
    }
    return SpecRows(
        title=data["sources"][0]["title"],
        date=data["sources"][0]["date"],
        sha256=hashlib.sha256(raw).hexdigest(),
        categories=categories,
        classes=tuple(
            ClassRow(row["name"], row["first"], row["last"], row["description"])
            for row in _items(data, "code_classes")
        ),
        codes=tuple(
            CodeRow(
                row["code"],
                row["name"],
                row["summary"],
                row.get("message"),
                row.get("advice"),
            )
            for row in _items(data, "codes")
        ),
        reasons=tuple(
            ReasonRow(
                row["code"],
                row["subcode"],
                row["name"],
                row["message"],
                (
                    canonical[row["result_category"]]
                    if "result_category" in row
                    else None
                ),
                row.get("advice"),
                tuple(row.get("sources", ())),
            )
            for row in _items(data, "reasons")
        ),
    )
