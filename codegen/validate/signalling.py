"""The meaning of the signalling sections and the SDKs' names: SIP statuses and
Q.850 causes each once, their references known, every cause's SIP response
one of the statuses; references apart from sources; an SDK's name kept for a
documented subcode, clashing with no member or alias.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping

from codegen.diagnostics import Diagnostic
from codegen.loader import DataPath
from codegen.validate.sound import Row, Sound, unique
from codegen.validate.structure import CLOSE


def _nested_rows(
    spec: Sound, section: str, key: str, *needed: str
) -> Iterator[tuple[DataPath, Row]]:
    """The sound rows of the list ``section.key`` (``sip_statuses.statuses``)
    that have ``needed``, each with its sound values only."""
    holder = _top(spec).get(section)
    rows = holder.get(key) if isinstance(holder, dict) else None
    for index, row in enumerate(rows if isinstance(rows, list) else ()):
        where: DataPath = (section, key, index)
        if not isinstance(row, dict):
            continue
        sound = {k: v for k, v in row.items() if spec.sound((*where, k))}
        if all(field in sound for field in needed):
            yield where, sound


def _unique_at(
    spec: Sound, rows: Iterable[tuple[DataPath, Row]], key: str, what: str
) -> Iterator[Diagnostic]:
    """Errors for repeated values of ``key`` across ``rows``."""
    seen: dict[object, int] = {}
    for where, row in rows:
        value = row[key]
        if value in seen:
            yield spec.doc.diagnostic(
                (*where, key),
                f"duplicate {what} {value!r} (first at line {seen[value]})",
            )
        else:
            seen[value] = spec.doc.position((*where, key)).line


def _reference_ids(spec: Sound) -> set[str] | None:
    """The references' ids, or None while the section is broken."""
    if spec.value("references") is None:
        return set() if "references" not in _top(spec) else None
    if not spec.whole("references"):
        return None
    return {row["id"] for _, row in spec.rows("references", "id")}


def _top(spec: Sound) -> Mapping[str, object]:
    data = spec.doc.data
    return data if isinstance(data, dict) else {}


def check_references(spec: Sound) -> Iterator[Diagnostic]:
    """References are not sources: each id once, none a source's id."""
    yield from unique(spec, "references", "id", "reference id")
    yield from unique(spec, "references", "title", "reference title")
    sources = {row["id"] for _, row in spec.rows("sources", "id")}
    for where, row in spec.rows("references", "id"):
        if row["id"] in sources:
            yield spec.doc.diagnostic(
                (*where, "id"),
                f"reference id {row['id']!r} is a source's id; a reference is a "
                "standard the catalog cites, not a document it follows",
            )


def _check_reference(
    spec: Sound, ids: set[str] | None, place: DataPath, value: object
) -> Iterator[Diagnostic]:
    if ids is None or not isinstance(value, str) or value in ids:
        return
    known = sorted(ids)
    hint = difflib.get_close_matches(value, known, n=1, cutoff=CLOSE)
    expected = (
        f"did you mean {hint[0]!r}?"
        if hint
        else "add it to references" + (f" (known: {', '.join(known)})" if known else "")
    )
    yield spec.doc.diagnostic(place, f"unknown reference {value!r}; {expected}")


def check_signalling(spec: Sound) -> Iterator[Diagnostic]:
    """SIP statuses and Q.850 causes: each number and each name once, every
    reference known, every cause's SIP response one of the statuses."""
    ids = _reference_ids(spec)
    for section, key in (("sip_statuses", "registry"), ("q850_causes", "reference")):
        for name in (key, "sip_mapping"):
            value = spec.value(section, name)
            if value is not None:
                yield from _check_reference(spec, ids, (section, name), value)
    statuses = list(_nested_rows(spec, "sip_statuses", "statuses"))
    yield from _unique_at(
        spec, [r for r in statuses if "code" in r[1]], "code", "SIP response code"
    )
    yield from _unique_at(
        spec, [r for r in statuses if "name" in r[1]], "name", "SipStatus member name"
    )
    for where, row in statuses:
        if "reference" in row:
            yield from _check_reference(
                spec, ids, (*where, "reference"), row["reference"]
            )
    causes = list(_nested_rows(spec, "q850_causes", "causes"))
    yield from _unique_at(
        spec, [r for r in causes if "cause" in r[1]], "cause", "Q.850 cause"
    )
    yield from _unique_at(
        spec, [r for r in causes if "name" in r[1]], "name", "Q850Cause member name"
    )
    codes = (
        {row["code"] for _, row in statuses if "code" in row}
        if spec.sound(("sip_statuses",))
        else None
    )
    mapped = [(where, row) for where, row in causes if "sip" in row]
    if mapped and spec.value("q850_causes", "sip_mapping") is None:
        if spec.sound(("q850_causes",)):
            yield spec.doc.diagnostic(
                ("q850_causes",),
                "q850_causes maps causes to SIP (`sip`) but names no `sip_mapping`: "
                "the reference whose mapping they follow",
            )
    for where, row in mapped:
        if codes is not None and row["sip"] not in codes:
            yield spec.doc.diagnostic(
                (*where, "sip"),
                f"sip {row['sip']} is not one of sip_statuses; add it there first",
            )


def check_sdk_names(spec: Sound) -> Iterator[Diagnostic]:
    """Each subcode once and a SubCode member; each alias a name no SubCode
    member or other alias has."""
    yield from unique(spec, "sdk_names", "subcode", "subcode")
    if not spec.whole("reasons") or (
        _has(spec, "subcodes") and not spec.whole("subcodes")
    ):
        return  # which subcodes are members is unknown; the schema errors say why
    members: dict[str, object] = {}
    aliases: dict[str, object] = {}
    for section in ("reasons", "subcodes"):
        for _, row in spec.rows(section, "subcode", "name"):
            members.setdefault(row["name"], row["subcode"])
            for alias in row.get("aliases", ()):
                aliases.setdefault(alias, row["subcode"])
    numbers = set(members.values())
    taken: dict[str, tuple[object, int]] = {}
    for where, row in spec.rows("sdk_names", "subcode"):
        subcode = row["subcode"]
        if subcode not in numbers:
            yield spec.doc.diagnostic(
                (*where, "subcode"),
                f"subcode {subcode} is not a SubCode member; an SDK's name is kept "
                "for a subcode the catalog documents",
            )
            continue
        alias = row.get("alias")
        if alias is None:
            continue
        place = (*where, "alias")
        line = spec.doc.position(place).line
        if alias in members:
            yield spec.doc.diagnostic(
                place, f"alias {alias} is already the name of SubCode {members[alias]}"
            )
        elif alias in aliases and aliases[alias] != subcode:
            yield spec.doc.diagnostic(
                place, f"alias {alias} is already an alias of SubCode {aliases[alias]}"
            )
        elif alias in taken:
            yield spec.doc.diagnostic(
                place,
                f"alias {alias} is already an alias of SubCode {taken[alias][0]} "
                f"(line {taken[alias][1]})",
            )
        taken.setdefault(alias, (subcode, line))


def _has(spec: Sound, section: str) -> bool:
    return section in _top(spec)
