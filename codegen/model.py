"""Stage 3, model: validated spec data to a typed catalog, sorted deterministically.

Everything downstream (templates, tests, tools) reads these frozen dataclasses,
never the raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from codegen.loader import SpecDocument


def default_outcome(value: str) -> str:
    """The outcome of a category the spec gives none, from the document's words:
    "Success" succeeds, "Unexpected..." errors are unexpected, others expected."""
    if value == "Success":
        return "success"
    return "unexpected_error" if value.startswith("Unexpected") else "expected_error"


@dataclass(frozen=True)
class ResultCategoryDef:
    """A result category: ``name`` is the member, ``value`` the document's
    spelling, ``outcome`` what its predicates say: success, expected_error or
    unexpected_error (is_success, is_error, is_unexpected)."""

    name: str
    value: str
    description: str
    aliases: tuple[str, ...]
    outcome: str


@dataclass(frozen=True)
class CodeClassDef:
    """A named range of codes, ``first`` to ``last`` inclusive."""

    name: str
    first: int
    last: int
    description: str


@dataclass(frozen=True)
class CodeDef:
    """A Code member; ``message`` and ``advice`` are the document's code-level row, if any."""

    code: int
    name: str
    summary: str
    message: str | None
    advice: str | None
    #: Former names, kept as enum aliases (``OLD = NEW``) so old code still runs.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReasonDef:
    """A row of the document with a subcode; ``category`` is a ResultCategoryDef name."""

    code: int
    subcode: int
    message: str
    category: str
    advice: str | None


@dataclass(frozen=True)
class SubCodeDef:
    """A SubCode member and the rows it appears in, by code."""

    subcode: int
    name: str
    reasons: tuple[ReasonDef, ...]
    #: Former names from the rows of this subcode, kept as enum aliases.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The whole catalog, each part sorted by its number."""

    source_title: str
    source_date: str
    spec_sha256: str
    categories: tuple[ResultCategoryDef, ...]
    code_classes: tuple[CodeClassDef, ...]
    codes: tuple[CodeDef, ...]
    subcodes: tuple[SubCodeDef, ...]
    reasons: tuple[ReasonDef, ...]

    @property
    def source(self) -> str:
        """The document the catalog follows, as its outputs name it."""
        return f"{self.source_title} ({self.source_date})"

    @property
    def code_names(self) -> dict[int, str]:
        """Each code's member name."""
        return {c.code: c.name for c in self.codes}

    def code(self, code: int) -> CodeDef:
        """The CodeDef of ``code``; KeyError when the catalog has none."""
        for entry in self.codes:
            if entry.code == code:
                return entry
        raise KeyError(code)

    def subcode(self, subcode: int) -> SubCodeDef:
        """The SubCodeDef of ``subcode``; KeyError when the catalog has none."""
        for entry in self.subcodes:
            if entry.subcode == subcode:
                return entry
        raise KeyError(subcode)


def _text(value: object) -> str:
    """Spec text exactly as YAML gave it: the module stores what the spec says."""
    assert isinstance(value, str)
    return value


def _optional_text(row: Mapping[str, Any], key: str) -> str | None:
    return _text(row[key]) if key in row else None


def build_catalog(doc: SpecDocument) -> Catalog:
    """The typed catalog of a spec that validate_spec found valid.

    >>> build_catalog(doc).subcode(4507).name
    'TOKEN_INVALID'
    """
    data = doc.data
    assert isinstance(data, dict), "build_catalog needs a validated spec"
    categories = tuple(
        ResultCategoryDef(
            row["name"],
            row["value"],
            _text(row["description"]),
            tuple(row.get("aliases", ())),
            row.get("outcome") or default_outcome(row["value"]),
        )
        for row in data["result_categories"]
    )
    category_by_spelling = {
        spelling: category.name
        for category in categories
        for spelling in (category.value, *category.aliases)
    }
    classes = tuple(
        sorted(
            (
                CodeClassDef(
                    row["name"], row["first"], row["last"], _text(row["description"])
                )
                for row in data["code_classes"]
            ),
            key=lambda c: c.first,
        )
    )
    codes = tuple(
        sorted(
            (
                CodeDef(
                    row["code"],
                    row["name"],
                    _text(row["summary"]),
                    _optional_text(row, "message"),
                    _optional_text(row, "advice"),
                    tuple(row.get("aliases", ())),
                )
                for row in data["codes"]
            ),
            key=lambda c: c.code,
        )
    )
    reasons = tuple(
        sorted(
            (
                ReasonDef(
                    row["code"],
                    row["subcode"],
                    _text(row["message"]),
                    category_by_spelling[row["result_category"]],
                    _optional_text(row, "advice"),
                )
                for row in data["reasons"]
            ),
            key=lambda r: (r.code, r.subcode),
        )
    )
    names = {row["subcode"]: row["name"] for row in data["reasons"]}
    aliases: dict[int, set[str]] = {}
    for row in data["reasons"]:
        aliases.setdefault(row["subcode"], set()).update(row.get("aliases", ()))
    # Grouped in one pass: a scan of every reason per subcode was quadratic.
    by_subcode: dict[int, list[ReasonDef]] = {subcode: [] for subcode in names}
    for reason in reasons:
        by_subcode[reason.subcode].append(reason)
    subcodes = tuple(
        SubCodeDef(
            subcode,
            names[subcode],
            tuple(by_subcode[subcode]),
            tuple(sorted(aliases[subcode])),
        )
        for subcode in sorted(names)
    )
    source = data["source"]
    return Catalog(
        source_title=_text(source["title"]),
        source_date=source["date"],
        spec_sha256=doc.sha256,
        categories=categories,
        code_classes=classes,
        codes=codes,
        subcodes=subcodes,
        reasons=reasons,
    )
