"""Stage 3, model: validated spec data to a typed catalog, sorted deterministically.

Everything downstream (templates, tests, tools) reads these frozen dataclasses,
never the raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from codegen.loader import SpecDocument
from codegen.precedence import said_by as said_by
from codegen.precedence import same_words as same_words
from codegen.precedence import source_ranks as source_ranks


def default_outcome(value: str) -> str:
    """The outcome of a category the spec gives none, from the document's words:
    "Success" succeeds, "Unexpected..." errors are unexpected, others expected."""
    if value == "Success":
        return "success"
    return "unexpected_error" if value.startswith("Unexpected") else "expected_error"


@dataclass(frozen=True)
class SourceDef:
    """A document the catalog follows; ``rank`` 0 wins where sources disagree."""

    id: str
    title: str
    date: str
    url: str | None
    rank: int


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
    #: What a document says of the class in words ("A 2xx code represents a
    #: successful response. ..."), the first source's by precedence; None
    #: where no document does.
    message: str | None = None
    #: The sources that say ``message``, the one whose words it is first.
    sources: tuple[str, ...] = ()
    #: The ResultCategoryDef name the class's words give its codes ("A 2xx
    #: code represents a successful response": SUCCESS); None where they give
    #: none. It answers for a pair where no row gives one.
    result_category: str | None = None


@dataclass(frozen=True)
class Wording:
    """One way the sources word a row: its text, the callback events whose rows
    give it (where a document names them), and the sources that word it so.

    A (code, subcode) pair may be documented several times, one row per
    callback event or scenario; each different wording is one Wording.
    ``result_category`` is a ResultCategoryDef name, None where none is given.
    """

    message: str
    advice: str | None
    result_category: str | None
    events: tuple[str, ...]
    sources: tuple[str, ...]


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
    #: The sources with a code-level row for this code, the one whose words
    #: ``message`` and ``advice`` are first; empty when no source has one.
    sources: tuple[str, ...] = ()
    #: Every wording of the code-level row: the entry's own first, then by
    #: precedence and document order; empty when no source has one.
    wordings: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class ReasonDef:
    """A (code, subcode) row; ``category`` is a ResultCategoryDef name, or None
    where the source whose words the row says gives none. ``sources`` are the
    documents that list the pair, the one whose words these are first."""

    code: int
    subcode: int
    message: str
    category: str | None
    advice: str | None
    sources: tuple[str, ...] = ()
    #: Every wording of the pair: the entry's own first (``message``,
    #: ``category``, ``advice``), then by precedence and document order.
    wordings: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class SubCodeInfoDef:
    """What a subcode means whatever its code (a table of subcodes alone)."""

    subcode: int
    message: str
    sources: tuple[str, ...]
    #: The code class (its name) the meaning is restricted to, or None for
    #: every code: the catalog's curation, not the document's.
    code_class: str | None = None


@dataclass(frozen=True)
class SubCodeRuleDef:
    """A rule for the subcodes ``prefix`` followed by ``digits`` digits, which
    read as ``reads`` (the SIP status code)."""

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
        """The rule's smallest subcode."""
        first: int = self.prefix * 10**self.digits
        return first

    @property
    def last(self) -> int:
        """The rule's largest subcode."""
        last: int = self.first + 10**self.digits - 1
        return last


@dataclass(frozen=True)
class ReferenceDef:
    """A standard the catalog cites beside its sources (an RFC, ITU-T Q.850):
    not a source, and no part of precedence."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class SipStatusDef:
    """A SipStatus member: a SIP response code of the registry, its default
    reason phrase, and the reference id of the RFC that defines it."""

    code: int
    name: str
    phrase: str
    reference: str
    #: What a reader must know beside the phrase (202 is deprecated), or None.
    note: str | None = None


@dataclass(frozen=True)
class Q850CauseDef:
    """A Q850Cause member: a cause value, the standard's short name, and the
    SIP response code the mapping gives it (None where it gives none)."""

    cause: int
    name: str
    phrase: str
    sip: int | None = None


@dataclass(frozen=True)
class SdkNamesDef:
    """What the Java and .NET Call Automation SDKs call a subcode; ``alias``
    is the name kept as a SubCode alias, or None."""

    subcode: int
    java: str
    dotnet: str
    alias: str | None = None


@dataclass(frozen=True)
class SubCodeDef:
    """A SubCode member and the rows it appears in, by code."""

    subcode: int
    name: str
    reasons: tuple[ReasonDef, ...]
    #: Former names from the rows of this subcode, kept as enum aliases.
    aliases: tuple[str, ...] = ()
    #: What the subcode means whatever its code, where a source says.
    info: SubCodeInfoDef | None = None
    #: What the Call Automation SDKs call it, where they name it.
    sdk_names: SdkNamesDef | None = None


@dataclass(frozen=True)
class Catalog:
    """The whole catalog, each part sorted by its number."""

    sources: tuple[SourceDef, ...]
    spec_sha256: str
    categories: tuple[ResultCategoryDef, ...]
    code_classes: tuple[CodeClassDef, ...]
    codes: tuple[CodeDef, ...]
    subcodes: tuple[SubCodeDef, ...]
    reasons: tuple[ReasonDef, ...]
    rules: tuple[SubCodeRuleDef, ...] = ()
    #: The standards cited beside the sources, in the spec's order.
    references: tuple[ReferenceDef, ...] = ()
    #: The SIP response codes, by code, and the id of the registry they follow.
    sip_statuses: tuple[SipStatusDef, ...] = ()
    sip_registry: str | None = None
    #: The Q.850 causes, by cause, the id of the standard, and the id of the
    #: document whose SIP mapping their ``sip`` values follow.
    q850_causes: tuple[Q850CauseDef, ...] = ()
    q850_reference: str | None = None
    q850_sip_mapping: str | None = None

    def reference(self, id: str) -> ReferenceDef:
        """The reference with this id; KeyError when the catalog has none."""
        for entry in self.references:
            if entry.id == id:
                return entry
        raise KeyError(id)

    @property
    def source_title(self) -> str:
        """The title of the first source by precedence."""
        return self.sources[0].title

    @property
    def source_date(self) -> str:
        """The date of the first source by precedence."""
        return self.sources[0].date

    @property
    def subcode_infos(self) -> tuple[SubCodeInfoDef, ...]:
        """The subcodes' meanings whatever their code, by subcode."""
        return tuple(s.info for s in self.subcodes if s.info is not None)

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


def _sources(row: Mapping[str, Any], ranks: Mapping[str, int]) -> tuple[str, ...]:
    """An entry's sources, the one it says first, then by rank. An entry of a
    catalog with one source may leave it unsaid."""
    if "sources" not in row:
        return tuple(ranks) if len(ranks) == 1 and "message" in row else ()
    first = said_by(row, ranks)
    rest = sorted(
        (str(s) for s in row["sources"] if s != first),
        key=lambda s: (ranks.get(s, 1 << 30), s),
    )
    return (first, *rest)


def _wordings(
    row: Mapping[str, Any],
    sources: tuple[str, ...],
    category_of: Mapping[str, str],
) -> tuple[Wording, ...]:
    """Every wording of an entry, sources that word it alike sharing one: the
    entry's own first, then each source's in ``sources`` order (the said one,
    then by precedence), each source's wordings in document order."""
    if "message" not in row:
        return ()

    def fields(
        text: Mapping[str, Any],
    ) -> tuple[str, str | None, str | None, tuple[str, ...]]:
        category = text.get("result_category")
        return (
            _text(text["message"]),
            _optional_text(text, "advice"),
            category_of[category] if category is not None else None,
            tuple(str(e) for e in text.get("events", ())),
        )

    def key(value: tuple[str, str | None, str | None, tuple[str, ...]]) -> object:
        message, advice, category, events = value
        return (
            " ".join(message.split()),
            advice and " ".join(advice.split()),
            category,
            events,
        )

    own = fields(row)
    variants: Mapping[str, Any] = row.get("variants") or {}
    found: dict[
        object, tuple[tuple[str, str | None, str | None, tuple[str, ...]], list[str]]
    ] = {key(own): (own, [])}
    said = [own]
    for number, source in enumerate(sources or ("",)):
        variant = variants.get(source)
        given = [fields(v) for v in variant] if isinstance(variant, list) else []
        if isinstance(variant, dict):
            given = [fields(variant)]
        if number == 0:
            said = texts = [own, *given]
        else:
            # A source without a variant says what the said source says.
            texts = given or said
        for text in texts:
            _, holders = found.setdefault(key(text), (text, []))
            if source and source not in holders:
                holders.append(source)
    return tuple(
        Wording(text[0], text[1], text[2], text[3], tuple(holders))
        for text, holders in found.values()
    )


def build_catalog(doc: SpecDocument) -> Catalog:
    """The typed catalog of a spec that validate_spec found valid.

    >>> build_catalog(doc).subcode(4507).name
    'TOKEN_INVALID'
    """
    data = doc.data
    assert isinstance(data, dict), "build_catalog needs a validated spec"
    ranks = source_ranks(data)
    sources = tuple(
        sorted(
            (
                SourceDef(
                    row["id"],
                    _text(row["title"]),
                    row["date"],
                    row.get("url"),
                    ranks[row["id"]],
                )
                for row in data["sources"]
            ),
            key=lambda s: s.rank,
        )
    )
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
                    row["name"],
                    row["first"],
                    row["last"],
                    _text(row["description"]),
                    _optional_text(row, "message"),
                    _sources(row, ranks),
                    (
                        category_by_spelling[row["result_category"]]
                        if "result_category" in row
                        else None
                    ),
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
                    _sources(row, ranks),
                    _wordings(row, _sources(row, ranks), category_by_spelling),
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
                    (
                        category_by_spelling[row["result_category"]]
                        if "result_category" in row
                        else None
                    ),
                    _optional_text(row, "advice"),
                    _sources(row, ranks),
                    _wordings(row, _sources(row, ranks), category_by_spelling),
                )
                for row in data["reasons"]
            ),
            key=lambda r: (r.code, r.subcode),
        )
    )
    generic = data.get("subcodes", ())
    names = {row["subcode"]: row["name"] for row in [*data["reasons"], *generic]}
    aliases: dict[int, set[str]] = {}
    for row in [*data["reasons"], *generic]:
        aliases.setdefault(row["subcode"], set()).update(row.get("aliases", ()))
    infos = {
        row["subcode"]: SubCodeInfoDef(
            row["subcode"],
            _text(row["message"]),
            _sources(row, ranks),
            row.get("code_class"),
        )
        for row in generic
    }
    sdk = {
        row["subcode"]: SdkNamesDef(
            row["subcode"], row["java"], row["dotnet"], row.get("alias")
        )
        for row in data.get("sdk_names", ())
    }
    for subcode, names_of in sdk.items():
        if names_of.alias is not None:
            aliases.setdefault(subcode, set()).add(names_of.alias)
    # Grouped in one pass: a scan of every reason per subcode was quadratic.
    by_subcode: dict[int, list[ReasonDef]] = {subcode: [] for subcode in names}
    for reason in reasons:
        by_subcode[reason.subcode].append(reason)
    subcodes = tuple(
        SubCodeDef(
            subcode,
            names[subcode],
            tuple(by_subcode[subcode]),
            tuple(sorted(aliases.get(subcode, ()))),
            infos.get(subcode),
            sdk.get(subcode),
        )
        for subcode in sorted(names)
    )
    rules = tuple(
        sorted(
            (
                SubCodeRuleDef(
                    row["name"],
                    row["prefix"],
                    row["digits"],
                    row["reads"],
                    row.get("direction"),
                    _text(row["message"]),
                    _optional_text(row, "advice"),
                    _sources(row, ranks),
                )
                for row in data.get("subcode_rules", ())
            ),
            key=lambda r: r.first,
        )
    )
    sip = data.get("sip_statuses") or {}
    q850 = data.get("q850_causes") or {}
    return Catalog(
        references=tuple(
            ReferenceDef(row["id"], _text(row["title"]), row["url"])
            for row in data.get("references", ())
        ),
        sip_statuses=tuple(
            sorted(
                (
                    SipStatusDef(
                        row["code"],
                        row["name"],
                        _text(row["phrase"]),
                        row["reference"],
                        _optional_text(row, "note"),
                    )
                    for row in sip.get("statuses", ())
                ),
                key=lambda s: s.code,
            )
        ),
        sip_registry=sip.get("registry"),
        q850_causes=tuple(
            sorted(
                (
                    Q850CauseDef(
                        row["cause"], row["name"], _text(row["phrase"]), row.get("sip")
                    )
                    for row in q850.get("causes", ())
                ),
                key=lambda c: c.cause,
            )
        ),
        q850_reference=q850.get("reference"),
        q850_sip_mapping=q850.get("sip_mapping"),
        sources=sources,
        spec_sha256=doc.sha256,
        categories=categories,
        code_classes=classes,
        codes=codes,
        subcodes=subcodes,
        reasons=reasons,
        rules=rules,
    )
