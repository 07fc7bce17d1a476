"""The meaning of the catalog's entries: result categories, code classes, codes,
reasons, subcodes, subcode rules and the enums' aliases, each unique where it
must be, and every cross reference (a reason's code, its result category, a
subcode's class) known.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from codegen.diagnostics import Diagnostic
from codegen.loader import DataPath
from codegen.validate.sound import Sound, unique
from codegen.validate.sources import variant_wordings
from codegen.validate.structure import CLOSE


def check_categories(spec: Sound) -> Iterator[Diagnostic]:
    yield from unique(spec, "result_categories", "name", "result category name")
    spellings: dict[object, int] = {}
    for where, row in spec.rows("result_categories"):
        places: list[tuple[DataPath, object]] = []
        if "value" in row:
            places.append(((*where, "value"), row["value"]))
        for index, alias in enumerate(row.get("aliases", [])):
            places.append(((*where, "aliases", index), alias))
        for place, spelling in places:
            if spelling in spellings:
                yield spec.doc.diagnostic(
                    place,
                    f"duplicate result category spelling {spelling!r} "
                    f"(first at line {spellings[spelling]})",
                )
            else:
                spellings[spelling] = spec.doc.position(place).line


def check_classes(spec: Sound) -> Iterator[Diagnostic]:
    yield from unique(spec, "code_classes", "name", "code class name")
    yield from unique(
        spec,
        "code_classes",
        "description",
        "code class description",
        "; it is the CodeClass member's value, so each must differ",
    )
    spans: list[tuple[int, int, int]] = []
    for where, row in spec.rows("code_classes", "first", "last"):
        first, last = row["first"], row["last"]
        label = f"code class {row['name']}" if "name" in row else "this code class"
        line = spec.doc.position(where).line
        if first > last:
            yield spec.doc.diagnostic(
                (*where, "last"),
                f"{label} ends ({last}) before it starts ({first})",
            )
            continue
        for other_first, other_last, other_line in spans:
            if first <= other_last and other_first <= last:
                yield spec.doc.diagnostic(
                    where,
                    f"{label} ({first}-{last}) overlaps "
                    f"{other_first}-{other_last} (line {other_line})",
                )
        spans.append((first, last, line))


def check_codes(spec: Sound) -> Iterator[Diagnostic]:
    yield from unique(spec, "codes", "code", "code")
    yield from unique(spec, "codes", "name", "Code member name")


def check_reasons(spec: Sound) -> Iterator[Diagnostic]:
    doc = spec.doc
    codes = (
        {row["code"] for _, row in spec.rows("codes", "code")}
        if spec.whole("codes")
        else None
    )
    spellings = (
        [
            spelling
            for _, row in spec.rows("result_categories", "value")
            for spelling in [row["value"], *row.get("aliases", [])]
        ]
        if spec.whole("result_categories")
        else None
    )
    pairs: dict[tuple[int, int], int] = {}
    for where, row in spec.rows("reasons", "code", "subcode"):
        pair = row["code"], row["subcode"]
        if pair in pairs:
            yield doc.diagnostic(
                where,
                f"duplicate reason: code {pair[0]} with subcode {pair[1]} "
                f"(first at line {pairs[pair]})",
            )
        else:
            pairs[pair] = doc.position(where).line
    for where, row in spec.rows("reasons", "code"):
        if codes is not None and row["code"] not in codes:
            yield doc.diagnostic(
                (*where, "code"),
                f"code {row['code']} has no entry in codes; add it there with a name",
            )
    places = [
        ((*where, "result_category"), row["result_category"])
        for section in ("code_classes", "reasons")
        for where, row in spec.rows(section, "result_category")
    ]
    for where, row in spec.rows("reasons", "variants"):
        for source, variant in row["variants"].items():
            for at, wording in variant_wordings(variant):
                if "result_category" in wording:
                    places.append(
                        (
                            (*where, "variants", source, *at, "result_category"),
                            wording["result_category"],
                        )
                    )
    for place, category in places:
        if spellings is not None and category not in spellings:
            hint = difflib.get_close_matches(category, spellings, n=1, cutoff=CLOSE)
            expected = (
                f"did you mean {hint[0]!r}?"
                if hint
                else f"expected one of: {', '.join(sorted(spellings))}"
            )
            yield doc.diagnostic(
                place, f"unknown result category {category!r}; {expected}"
            )
    name_of: dict[int, tuple[str, int]] = {}
    subcode_of: dict[str, tuple[int, int]] = {}
    for where, row in spec.rows("reasons", "subcode", "name"):
        subcode, name = row["subcode"], row["name"]
        line = doc.position(where).line
        if subcode in name_of and name_of[subcode][0] != name:
            first_name, first_line = name_of[subcode]
            yield doc.diagnostic(
                (*where, "name"),
                f"subcode {subcode} is named {first_name} at line {first_line}; "
                "rows that share a subcode share its name",
            )
        name_of.setdefault(subcode, (name, line))
        if name in subcode_of and subcode_of[name][0] != subcode:
            other, other_line = subcode_of[name]
            yield doc.diagnostic(
                (*where, "name"),
                f"name {name} already names subcode {other} (line {other_line})",
            )
        subcode_of.setdefault(name, (subcode, line))


def check_aliases(
    spec: Sound, section: str, number: str, enum: str
) -> Iterator[Diagnostic]:
    """An alias (a former name) must name nothing else in its enum: no member,
    and no other member's alias. Rows that share a subcode may repeat one."""
    members = {
        row["name"]: row[number] for _, row in spec.rows(section, "name", number)
    }
    owner: dict[str, tuple[object, int]] = {}
    for where, row in spec.rows(section, number, "aliases"):
        seen: set[str] = set()
        for index, alias in enumerate(row["aliases"]):
            place = (*where, "aliases", index)
            line = spec.doc.position(place).line
            if alias in seen:
                yield spec.doc.diagnostic(place, f"alias {alias} is listed twice")
            elif alias in members:
                yield spec.doc.diagnostic(
                    place,
                    f"alias {alias} is already the name of {enum} {members[alias]}",
                )
            elif alias in owner and owner[alias][0] != row[number]:
                other, other_line = owner[alias]
                yield spec.doc.diagnostic(
                    place,
                    f"alias {alias} is already an alias of {enum} {other} "
                    f"(line {other_line})",
                )
            seen.add(alias)
            owner.setdefault(alias, (row[number], line))


def check_subcodes(spec: Sound) -> Iterator[Diagnostic]:
    """A subcode's meaning whatever its code: one entry each, and its name is
    the one its reasons give it."""
    yield from unique(spec, "subcodes", "subcode", "subcode")
    yield from unique(spec, "subcodes", "name", "SubCode member name")
    if not spec.whole("reasons"):
        return
    named: dict[int, tuple[str, int]] = {}
    owner: dict[str, tuple[int, int]] = {}
    for where, row in spec.rows("reasons", "subcode", "name"):
        line = spec.doc.position(where).line
        named.setdefault(row["subcode"], (row["name"], line))
        owner.setdefault(row["name"], (row["subcode"], line))
    classes = {row["name"] for _, row in spec.rows("code_classes", "name")}
    for where, row in spec.rows("subcodes", "subcode", "name"):
        code_class = row.get("code_class")
        if isinstance(code_class, str) and code_class not in classes:
            yield spec.doc.diagnostic(
                (*where, "code_class"),
                f"unknown code class {code_class!r}; expected one of: "
                + ", ".join(sorted(classes)),
            )
    for where, row in spec.rows("subcodes", "subcode", "name"):
        subcode, name = row["subcode"], row["name"]
        if subcode in named and named[subcode][0] != name:
            yield spec.doc.diagnostic(
                (*where, "name"),
                f"subcode {subcode} is named {named[subcode][0]} at line "
                f"{named[subcode][1]}; a subcode has one name",
            )
        elif name in owner and owner[name][0] != subcode:
            yield spec.doc.diagnostic(
                (*where, "name"),
                f"name {name} already names subcode {owner[name][0]} "
                f"(line {owner[name][1]})",
            )


def check_rules(spec: Sound) -> Iterator[Diagnostic]:
    yield from unique(spec, "subcode_rules", "name", "subcode rule name")
    spans: list[tuple[int, int, int, str]] = []
    for where, row in spec.rows("subcode_rules", "prefix", "digits"):
        first = row["prefix"] * 10 ** row["digits"]
        last = first + 10 ** row["digits"] - 1
        line = spec.doc.position(where).line
        for other_first, other_last, other_line, other_name in spans:
            if first <= other_last and other_first <= last:
                yield spec.doc.diagnostic(
                    where,
                    f"subcode rule {row.get('name', '')} ({first}-{last}) overlaps "
                    f"{other_name} ({other_first}-{other_last}, line {other_line})",
                )
        spans.append((first, last, line, str(row.get("name", ""))))
