"""A spec read with nothing but ``yaml.safe_load``, for tests to check modules against.

It shares no code with codegen: when a generated module agrees with these rows,
the generator and this reading agree on what the spec says. Result categories
are given as their value, aliases mapped, the way the module reports them.

Sources are read as the spec's comments and schema describe them: ``sources``
lists the documents, ``precedence`` orders them (the ids it lists in its order,
then the others by id), and each entry's ``sources`` come first the one whose
words the entry says (its ``prefer``, else the first by that order), then the
others in that order. An entry of a catalog with one source may leave it
unsaid; a code without a code-level row has none.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class SourceRow:
    id: str
    title: str
    date: str
    url: str | None


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
    #: The category value the class's words give its codes, canonical; None
    #: where they give none.
    category: str | None = None


@dataclass(frozen=True)
class CodeRow:
    code: int
    name: str
    summary: str
    message: str | None
    advice: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordingRow:
    """One way the sources word an entry: as the spec's comments describe
    ``variants`` and ``events``."""

    message: str
    advice: str | None
    category: str | None
    events: tuple[str, ...]
    sources: tuple[str, ...]


def _wordings(
    row: dict[str, Any], sources: tuple[str, ...], canonical: dict[str, str]
) -> tuple[WordingRow, ...]:
    """An entry's wordings: its own first, then each source's (the said one,
    then by precedence), each source's variants in order; a source without a
    variant says what the said source says. Wordings equal but for whitespace
    are one, with every source that gives it."""

    def text(
        entry: dict[str, Any],
    ) -> tuple[str, str | None, str | None, tuple[str, ...]]:
        category = entry.get("result_category")
        return (
            entry["message"],
            entry.get("advice"),
            None if category is None else canonical[category],
            tuple(entry.get("events", ())),
        )

    def key(value: tuple[str, str | None, str | None, tuple[str, ...]]) -> object:
        return (
            value[0].split(),
            None if value[1] is None else value[1].split(),
            value[2],
            value[3],
        )

    own = text(row)
    found: list[tuple[tuple[str, str | None, str | None, tuple[str, ...]], list[str]]]
    found = [(own, [])]
    said = [own]
    variants = row.get("variants") or {}
    for index, source in enumerate(sources):
        variant = variants.get(source)
        given = [
            text(v)
            for v in (
                variant if isinstance(variant, list) else [variant] if variant else []
            )
        ]
        if index == 0:
            said = texts = [own, *given]
        else:
            texts = given or said
        for each in texts:
            match = next((f for f in found if key(f[0]) == key(each)), None)
            if match is None:
                match = (each, [])
                found.append(match)
            if source not in match[1]:
                match[1].append(source)
    return tuple(WordingRow(*t, tuple(holders)) for t, holders in found)


@dataclass(frozen=True)
class ReasonRow:
    code: int
    subcode: int
    name: str
    message: str
    category: str | None
    advice: str | None
    sources: tuple[str, ...] = ()
    #: The entry's ``prefer``, if it names one.
    prefer: str | None = None
    #: The source ids of the entry's ``variants`` (other sources' wording).
    variants: tuple[str, ...] = ()
    #: Every wording, the entry's own first.
    wordings: tuple[WordingRow, ...] = ()


@dataclass(frozen=True)
class SubCodeInfoRow:
    """An entry of ``subcodes``: what a subcode means whatever its code."""

    subcode: int
    name: str
    message: str
    sources: tuple[str, ...]
    #: The code class (its name) the meaning is restricted to, if any.
    code_class: str | None = None


@dataclass(frozen=True)
class RuleRow:
    """An entry of ``subcode_rules``."""

    name: str
    prefix: int
    digits: int
    reads: str
    direction: str | None
    message: str
    advice: str | None
    sources: tuple[str, ...]

    @property
    def first(self) -> int:
        """The smallest subcode: the prefix followed by zeros."""
        return int(f"{self.prefix}{'0' * self.digits}")

    @property
    def last(self) -> int:
        """The largest subcode: the prefix followed by nines."""
        return int(f"{self.prefix}{'9' * self.digits}")


@dataclass(frozen=True)
class SpecRows:
    #: The sources in precedence order.
    sources: tuple[SourceRow, ...]
    #: The title and date of the first source by precedence.
    title: str
    date: str
    sha256: str
    categories: tuple[CategoryRow, ...]
    classes: tuple[ClassRow, ...]
    codes: tuple[CodeRow, ...]
    reasons: tuple[ReasonRow, ...]
    subcodes: tuple[SubCodeInfoRow, ...] = ()
    rules: tuple[RuleRow, ...] = ()

    def code_row(self, code: int) -> CodeRow:
        (row,) = [row for row in self.codes if row.code == code]
        return row

    def class_of(self, code: int) -> ClassRow | None:
        """The class whose range holds ``code``, if any."""
        for row in self.classes:
            if row.first <= code <= row.last:
                return row
        return None

    def class_category(self, code: int) -> str | None:
        """The category value the words of ``code``'s class give, if any."""
        row = self.class_of(code)
        return None if row is None else row.category

    def succeeds(self, code: int) -> bool:
        """Whether ``code`` is on the success side: 0, or a class whose words
        give Success."""
        return code == 0 or self.class_category(code) == "Success"

    def expected_category(self, code: int, row: ReasonRow | None) -> str | None:
        """The category explain gives ``code`` answered by ``row`` (the pair's
        own, or one under another code): the row's within the same outcome,
        else the class's."""
        if (
            row is not None
            and row.category is not None
            and self.succeeds(row.code) is self.succeeds(code)
        ):
            return row.category
        return self.class_category(code)

    def wordings(self, code: int, subcode: int) -> tuple[WordingRow, ...]:
        """The wordings of the row (code, subcode)."""
        (row,) = [r for r in self.reasons if (r.code, r.subcode) == (code, subcode)]
        return row.wordings

    def category_name(self, value: str) -> str:
        """The member name of the category with this value."""
        (row,) = [row for row in self.categories if row.value == value]
        return row.name

    @property
    def subcode_names(self) -> dict[int, str]:
        """Every SubCode member, value to name: the reasons' and the ``subcodes``'."""
        names = {row.subcode: row.name for row in self.subcodes}
        names.update((row.subcode, row.name) for row in self.reasons)
        return names

    def source(self, source_id: str) -> SourceRow:
        (row,) = [row for row in self.sources if row.id == source_id]
        return row


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    assert isinstance(items, list) and all(isinstance(i, dict) for i in items)
    return items


def read_spec(path: Path) -> SpecRows:
    """The rows of the spec at ``path``, in the spec's order."""
    raw = path.read_bytes()
    data = yaml.safe_load(raw)
    assert isinstance(data, dict), f"{path} is not a mapping"
    listed = [
        SourceRow(row["id"], row["title"], row["date"], row.get("url"))
        for row in _items(data, "sources")
    ]
    ids = [row.id for row in listed]
    precedence = [i for i in data.get("precedence", []) if i in ids]
    order = precedence + sorted(i for i in ids if i not in precedence)
    sources = tuple(sorted(listed, key=lambda row: order.index(row.id)))

    def sources_of(row: dict[str, Any]) -> tuple[str, ...]:
        if "sources" not in row:
            return tuple(order) if len(order) == 1 and "message" in row else ()
        named = sorted(row["sources"], key=order.index)
        said = row.get("prefer", named[0])
        return (said, *(s for s in named if s != said))

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
        sources=sources,
        title=sources[0].title,
        date=sources[0].date,
        sha256=hashlib.sha256(raw).hexdigest(),
        categories=categories,
        classes=tuple(
            ClassRow(
                row["name"],
                row["first"],
                row["last"],
                row["description"],
                canonical.get(row.get("result_category", "")),
            )
            for row in _items(data, "code_classes")
        ),
        codes=tuple(
            CodeRow(
                row["code"],
                row["name"],
                row["summary"],
                row.get("message"),
                row.get("advice"),
                sources_of(row),
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
                sources_of(row),
                row.get("prefer"),
                tuple(row.get("variants") or {}),
                _wordings(row, sources_of(row), canonical),
            )
            for row in _items(data, "reasons")
        ),
        subcodes=tuple(
            SubCodeInfoRow(
                row["subcode"],
                row["name"],
                row["message"],
                sources_of(row),
                row.get("code_class"),
            )
            for row in _items(data, "subcodes")
        ),
        rules=tuple(
            RuleRow(
                row["name"],
                row["prefix"],
                row["digits"],
                row["reads"],
                row.get("direction"),
                row["message"],
                row.get("advice"),
                sources_of(row),
            )
            for row in _items(data, "subcode_rules")
        ),
    )
