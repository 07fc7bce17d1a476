"""The catalog holds every fact of every document it follows, exactly, and no more.

Each source of spec/codes.yaml names a document (tests/source_doc.py finds it
beside the repository, or skips with the reason). This module reads each
document's tables on its own, sharing nothing with the generator, and checks
both ways, for every source:

- every (code, subcode) row, code-level row and subcode-only row of the
  document is in the catalog, says that the source documents it, and has the
  document's words: the entry's own fields when the source is the one the
  entry says (by precedence or the entry's ``prefer``), else its variant, or
  the entry's fields when the source words it the same;
- every entry that names the source is in its document;
- the generated module shows where each row comes from.

Text is compared as words: links keep their text, ``<br>`` and runs of
whitespace are one space. Only names, summaries, descriptions of categories
and classes, and the rules' wording are the catalog's own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import acs_call_codes
import pytest
import yaml
from source_doc import (
    SPEC_PATH,
    SourceDoc,
    find_source_docs,
    front_matter,
    superseded_copies,
)

# Facts of the seed file alone, checked only against it (source_doc.SEED_SHA256).
SEED_SUBCODE_ROWS = 38
SEED_CODE_LEVEL_ENTRIES = 14
SEED_MISSPELLED_ROWS = frozenset({(410, 3100), (410, 3101), (410, 3111)})
MISSPELLING = "UnxpectedClientError"

_HEADERS = {
    "subcode": "subcode",
    "code": "code",
    "statuscode": "code",
    "message": "message",
    "description": "message",
    "resultcategory": "category",
    "resultcategories": "category",
    "advice": "advice",
    "mitigation": "advice",
    "callbackevent": "events",
    "event": "events",
}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LIST_TAGS = re.compile(r"</?(?:ul|ol|li)\s*>", re.IGNORECASE)
_CODES = re.compile(r"\d+(\s*,\s*\d+)*")


def words(text: str | None) -> str | None:
    """``text`` as the comparison sees it: links' text, no ``<br>`` and no HTML
    list tags (``<li>``, ``</ul>``), single spaces."""
    if text is None:
        return None
    text = _BR.sub(" ", _LINK.sub(r"\1", text)).replace("\\", "")
    text = _LIST_TAGS.sub(" ", text)
    return " ".join(text.split()) or None


# --- the documents --------------------------------------------------------------


@dataclass
class Doc:
    title: str
    text: str
    #: (code, subcode) -> its wordings (message, category as spelled or None,
    #: advice), each once, in document order: a page may document a pair twice
    pairs: dict[tuple[int, int], list[tuple[str, str | None, str | None]]] = field(
        default_factory=dict
    )
    #: (code, subcode) -> the callback events its rows name
    events: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    #: code -> its wordings (message, advice), from code-level rows and
    #: status-code tables
    codes: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)
    #: subcode -> its wordings, from tables of subcodes alone
    subcodes: dict[int, list[str]] = field(default_factory=dict)
    #: every code any table mentions
    mentioned: set[int] = field(default_factory=set)
    #: first digit of a class of codes -> what the doc says of it in words
    #: (the paragraph under "#### 2xx codes")
    classes: dict[int, str] = field(default_factory=dict)
    #: category cells as spelled, with their pair
    spellings: list[tuple[tuple[int, int], str]] = field(default_factory=list)


def cells_of(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(text: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """(heading above, header cells, rows) of each pipe table. A line that does
    not start with a pipe continues the row above while that row has fewer
    cells than the header (the seed splits 510403 so)."""
    lines = text.replace("\r\n", "\n").split("\n")
    found: list[tuple[str, list[str], list[list[str]]]] = []
    heading = ""
    at = 0
    while at < len(lines):
        line = lines[at]
        below = lines[at + 1] if at + 1 < len(lines) else ""
        if line.startswith("#"):
            heading = line.strip("# ")
        if not (
            line.startswith("|") and re.fullmatch(r"\|?(\s*:?-+:?\s*\|)+\s*", below)
        ):
            at += 1
            continue
        header = cells_of(line)
        raw: list[str] = []
        at += 2
        while at < len(lines):
            line = lines[at]
            if line.startswith("|"):
                raw.append(line)
            elif line.strip() and raw and len(cells_of(raw[-1])) < len(header):
                raw[-1] = f"{raw[-1].rstrip()} {line.strip()}"
                if not raw[-1].rstrip().endswith("|"):
                    raw[-1] += " |"
            else:
                break
            at += 1
        found.append((heading, header, [cells_of(r) for r in raw]))
    return found


def field_of(header: str) -> str | None:
    key = re.sub(r"\([^)]*\)", "", header).replace(" ", "").replace("*", "").lower()
    return _HEADERS.get(key)


def _add(found: list[Any], wording: Any) -> None:
    if wording not in found:
        found.append(wording)


def _other_service(title: str, heading: str) -> bool:
    """A Chat or SMS table: its heading says so, or the title does and names
    no calling (the 2025 page's title names every service)."""
    other = re.compile(r"\b(chat|sms)\b", re.IGNORECASE)
    calling = re.compile(r"\b(call|calling|pstn|automation)\b", re.IGNORECASE)
    if other.search(heading):
        return True
    return bool(other.search(title)) and not calling.search(title)


def read(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    title = front_matter(text)["title"]
    doc = Doc(title, text)
    for match in re.finditer(
        r"(?m)^#+\s+([1-6])xx codes?\s*\n((?:[^#|\n>][^\n]*\n)+)", text
    ):
        doc.classes[int(match[1])] = " ".join(match[2].split())
    for heading, header, rows in tables(text):
        fields = [field_of(cell) for cell in header]
        if _other_service(title, heading):
            continue
        if "message" not in fields or not {"code", "subcode"} & set(fields):
            continue
        for cells in rows:
            cells = cells + [""] * (len(fields) - len(cells))
            row = {f: cells[i] for i, f in enumerate(fields) if f is not None}
            if "code" not in row:
                _add(doc.subcodes.setdefault(int(row["subcode"]), []), row["message"])
                continue
            code_cell, subcode_cell = row["code"], row.get("subcode", "")
            if (
                fields[0] == "subcode"
                and _CODES.fullmatch(subcode_cell)
                and not (_CODES.fullmatch(code_cell))
            ):
                # The seed leaves the subcode cell out of its code-level rows.
                code_cell = cells[0]
                row = {"code": code_cell, "message": cells[1], "advice": cells[2]}
                subcode_cell = ""
            codes = [int(c) for c in code_cell.split(",")]
            doc.mentioned.update(codes)
            message = row["message"]
            advice = words(row.get("advice"))
            if not subcode_cell:
                for code in codes:
                    _add(doc.codes.setdefault(code, []), (message, advice))
                continue
            category = row.get("category") or None
            events = set(re.findall(r"[A-Za-z]+", row.get("events", "")))
            for code in codes:
                pair = (code, int(subcode_cell))
                _add(doc.pairs.setdefault(pair, []), (message, category, advice))
                doc.events.setdefault(pair, set()).update(events)
                if category:
                    doc.spellings.append((pair, category))
    return doc


# --- the catalog ------------------------------------------------------------------

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
SOURCE_DOCS = find_source_docs()
SPELLING = {
    spelling: row["value"]
    for row in SPEC["result_categories"]
    for spelling in [row["value"], *row.get("aliases", [])]
}


def ranks() -> dict[str, int]:
    ids = [row["id"] for row in SPEC["sources"]]
    listed = [i for i in SPEC.get("precedence", []) if i in ids]
    return {s: n for n, s in enumerate(listed + sorted(set(ids) - set(listed)))}


def said(entry: dict[str, Any]) -> str:
    if "prefer" in entry:
        return str(entry["prefer"])
    order = ranks()
    return str(min(entry["sources"], key=lambda s: order[s]))


def texts_of(entry: dict[str, Any], source: str) -> list[dict[str, Any]]:
    """Every wording ``source`` gives ``entry``, as the spec records it: the
    entry's own fields, then its list, for the source the entry says; its
    variant (one mapping, or a list), else the entry's fields, for the others."""
    variant = entry.get("variants", {}).get(source)
    further = variant if isinstance(variant, list) else [variant] if variant else []
    if source == said(entry):
        return [entry, *further]
    # A source without a variant says what the said source says.
    return further or texts_of(entry, said(entry))


def words_of(
    entry: dict[str, Any], source: str, keys: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """What ``source`` says of ``entry``, one tuple per wording, without repeats
    (rows that differ only in their events are one wording per text)."""
    found: list[tuple[Any, ...]] = []
    for text in texts_of(entry, source):
        _add(
            found,
            tuple(
                (
                    SPELLING.get(text.get(k), text.get(k))
                    if k == "result_category"
                    else words(text.get(k))
                )
                for k in keys
            ),
        )
    return found


def events_of(entry: dict[str, Any], source: str) -> set[str]:
    return {e for text in texts_of(entry, source) for e in text.get("events", [])}


def claims(section: str, source: str) -> dict[Any, dict[str, Any]]:
    found: dict[Any, dict[str, Any]] = {}
    for entry in SPEC.get(section, []):
        if source in entry.get("sources", []):
            key = (
                (entry["code"], entry["subcode"])
                if section == "reasons"
                else entry.get("code", entry.get("subcode"))
            )
            found[key] = entry
    return found


def with_doc(source: SourceDoc) -> Doc:
    return read(source.require())


IDS = [s.source for s in SOURCE_DOCS]


# --- the tests ---------------------------------------------------------------------


def test_older_copies_say_so() -> None:
    """A copy beside the repository that no source follows (an older commit of
    a document whose newer copy a source follows) is not checked: say which."""
    copies = superseded_copies()
    followed = {s.source: s.path for s in SOURCE_DOCS if s.path is not None}
    for path, source in copies:
        assert source in followed, f"{path}: source {source} follows no document here"
    if copies:
        pytest.skip(
            "; ".join(
                f"{path.name} is an older copy of source {source}'s document, which "
                f"follows {followed[source].parent.name}/{followed[source].name}: "
                "the catalog is not checked against it"
                for path, source in copies
            )
        )


def test_every_source_is_a_document() -> None:
    titles = [row["title"] for row in SPEC["sources"]]
    assert len(titles) == len(set(titles))
    for source in SOURCE_DOCS:
        if source.path is not None:
            front = front_matter(source.path.read_text(encoding="utf-8"))
            (row,) = [r for r in SPEC["sources"] if r["id"] == source.source]
            assert front["title"] == row["title"]


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_pairs_of_the_document_are_in_the_catalog(source: SourceDoc) -> None:
    doc = with_doc(source)
    spec = {(e["code"], e["subcode"]): e for e in SPEC["reasons"]}
    problems = []
    for pair, wordings in sorted(doc.pairs.items()):
        entry = spec.get(pair)
        if entry is None or source.source not in entry.get("sources", []):
            problems.append(f"{pair}: not in the catalog as a row of {source.source}")
            continue
        expected: list[tuple[Any, ...]] = []
        for message, category, advice in wordings:
            _add(expected, (words(message), SPELLING.get(category or ""), advice))
        got = words_of(entry, source.source, ("message", "result_category", "advice"))
        if got != expected:
            problems.append(f"{pair}: catalog says {got}, document says {expected}")
        if events_of(entry, source.source) != doc.events[pair]:
            problems.append(
                f"{pair}: catalog names events {sorted(events_of(entry, source.source))}"
                f", document {sorted(doc.events[pair])}"
            )
    assert problems == []


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_the_catalog_claims_no_pair_its_document_lacks(source: SourceDoc) -> None:
    doc = with_doc(source)
    extra = sorted(set(claims("reasons", source.source)) - set(doc.pairs))
    assert extra == [], f"rows that name {source.source} but its document lacks"


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_code_level_rows_are_in_the_catalog(source: SourceDoc) -> None:
    doc = with_doc(source)
    claimed = claims("codes", source.source)
    assert sorted(claimed) == sorted(doc.codes)
    for code, wordings in doc.codes.items():
        expected: list[tuple[Any, ...]] = []
        for message, advice in wordings:
            _add(expected, (words(message), advice))
        assert words_of(claimed[code], source.source, ("message", "advice")) == (
            expected
        ), f"code {code}"


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_subcodes_alone_are_in_the_catalog(source: SourceDoc) -> None:
    doc = with_doc(source)
    claimed = claims("subcodes", source.source)
    assert sorted(claimed) == sorted(doc.subcodes)
    for subcode, messages in doc.subcodes.items():
        expected: list[tuple[Any, ...]] = []
        for message in messages:
            _add(expected, (words(message),))
        assert words_of(claimed[subcode], source.source, ("message",)) == (
            expected
        ), f"subcode {subcode}"


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_what_the_document_says_of_code_classes_is_in_the_catalog(
    source: SourceDoc,
) -> None:
    doc = with_doc(source)
    claimed = {
        row["first"] // 100: words_of(row, source.source, ("message",))
        for row in SPEC["code_classes"]
        if source.source in row.get("sources", [])
    }
    assert claimed == {digit: [(words(text),)] for digit, text in doc.classes.items()}


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_every_code_the_document_mentions_has_a_member(source: SourceDoc) -> None:
    doc = with_doc(source)
    members = {e["code"] for e in SPEC["codes"]}
    assert sorted(doc.mentioned - members) == []


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_rules_are_stated_by_their_document(source: SourceDoc) -> None:
    doc = with_doc(source)
    for rule in SPEC.get("subcode_rules", []):
        if source.source in rule["sources"]:
            assert re.search(rf"start(s|ing) with {rule['prefix']}\b", doc.text), rule[
                "name"
            ]


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_the_module_says_where_each_row_comes_from(source: SourceDoc) -> None:
    doc = with_doc(source)
    for pair in doc.pairs:
        reason = acs_call_codes.CALL_END_REASONS[pair]
        assert source.source in reason.sources, pair
        assert reason.sources[0] in acs_call_codes.SOURCES
    for code in doc.codes:
        assert source.source in acs_call_codes.CODE_INFO[code].sources, code
    for subcode in doc.subcodes:
        assert source.source in acs_call_codes.SUBCODE_INFO[subcode].sources, subcode
    row = acs_call_codes.SOURCES[source.source]
    assert (row.title, row.date) == (doc.title, row.date)


@pytest.mark.parametrize("source", SOURCE_DOCS, ids=IDS)
def test_misspelled_categories_are_recorded_aliases(source: SourceDoc) -> None:
    doc = with_doc(source)
    values = {row["value"] for row in SPEC["result_categories"]}
    unknown = sorted({c for _, c in doc.spellings} - set(SPELLING))
    assert unknown == []
    # The catalog's own fields always use the correct spelling.
    for entry in SPEC["reasons"]:
        if "result_category" in entry:
            assert entry["result_category"] in values


def test_the_seed_has_its_known_shape() -> None:
    seeds = [s for s in SOURCE_DOCS if s.path is not None and s.is_seed]
    if not seeds:
        pytest.skip("the seed is not the document of any source here")
    (seed,) = seeds
    doc = read(seed.require())
    assert len(doc.pairs) == SEED_SUBCODE_ROWS
    assert len(doc.codes) == SEED_CODE_LEVEL_ENTRIES
    misspelled = {pair for pair, spelled in doc.spellings if spelled == MISSPELLING}
    assert misspelled == SEED_MISSPELLED_ROWS
    (owner,) = [
        r for r in SPEC["result_categories"] if MISSPELLING in r.get("aliases", [])
    ]
    assert owner["value"] == "UnexpectedClientError"
    # The code classes and categories are the ones its prose lists.
    for row in SPEC["code_classes"]:
        assert (
            f"{row['description']} (**{row['first']}-{row['last']}**)"
            in doc.text.replace("(", "(**").replace(")", "**)")
            or f"{row['description']} ({row['first']}-{row['last']})" in doc.text
        )
    listed = re.search(r"the value can be ([^.]+)\.", doc.text)
    assert listed is not None
    values = [v.strip().removeprefix("or ").strip() for v in listed[1].split(",")]
    assert values == [row["value"] for row in SPEC["result_categories"]]


def test_whole_catalog_figures_in_readme() -> None:
    """README states the catalog's size; it must be the catalog's."""
    readme = (SPEC_PATH.parents[1] / "README.md").read_text(encoding="utf-8")
    subcodes = {e["subcode"] for e in SPEC["reasons"]} | {
        e["subcode"] for e in SPEC.get("subcodes", [])
    }
    figures = {
        "sources": len(SPEC["sources"]),
        "pairs": len(SPEC["reasons"]),
        "codes": len(SPEC["codes"]),
        "subcodes": len(subcodes),
        "subcode rules": len(SPEC.get("subcode_rules", [])),
    }
    assert readme_changes(readme, figures) == []


def readme_changes(readme: str, figures: dict[str, int]) -> list[str]:
    """What to change in README for it to state ``figures``, one line each, as
    ``README.md:LINE: change '111 pairs' to '125 pairs'``."""
    changes = []
    for label, number in figures.items():
        words_of_label = r"\s+".join(re.escape(word) for word in label.split())
        pattern = rf"\b(\d+)(\s+){words_of_label}"
        stated = re.search(pattern, readme)
        if stated is None:
            changes.append(f"README.md: state the catalog's '{number} {label}'")
        elif int(stated[1]) != number:
            line = readme.count("\n", 0, stated.start()) + 1
            changes.append(
                f"README.md:{line}: change '{stated[0]}' to "
                f"'{number}{stated[0][len(stated[1]):]}'"
            )
    return changes


def test_readme_changes_name_the_line_and_the_words() -> None:
    readme = "intro\nholds 6 sources, 111\npairs and 2 subcode rules\n"
    assert readme_changes(readme, {"sources": 6, "pairs": 125, "codes": 36}) == [
        "README.md:2: change '111\npairs' to '125\npairs'",
        "README.md: state the catalog's '36 codes'",
    ]


def test_sources_disagree_only_where_recorded() -> None:
    """Every variant is another source's different wording (validated), and the
    count of entries that sources word differently is what README says."""
    varied = Counter(
        section
        for section in ("reasons", "codes", "subcodes")
        for entry in SPEC.get(section, [])
        if entry.get("variants")
    )
    readme = (SPEC_PATH.parents[1] / "README.md").read_text(encoding="utf-8")
    assert (
        readme_changes(
            readme,
            {
                "pairs are worded": varied["reasons"],
                "codes' code-level rows": varied["codes"],
            },
        )
        == []
    )
