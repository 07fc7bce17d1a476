"""The catalog (spec/codes.yaml) holds every fact of the document it follows, exactly.

The document is the one the spec's ``source`` names: the seed the catalog was
written from, or a newer one given as ``ACS_SOURCE_DOC`` (tests/source_doc.py
says which, and why the checks are skipped when there is none). This module
parses its table on its own, sharing nothing with the generator, and compares
both ways: nothing of the document is missing from the catalog, and the
catalog claims nothing the document does not say. Only the `name` and
`summary` fields, aliases, and the descriptions of result categories are the
catalog's own words.

Text is compared with whitespace normalized (every run of whitespace becomes
one space, ends stripped), so a cell's inline bullets " - X" equal the
catalog's bullets on their own lines "\\n- X".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from source_doc import SourceDoc, find_source_doc, front_matter, iso_date

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"

HEADER = ("Subcode", "Code", "Message", "Result Categories", "Advice")
MISSPELLING = "UnxpectedClientError"

# Facts of the seed file alone (source_doc.SEED_SHA256), checked only against
# it; they guard the parser as much as the catalog.
SUBCODE_ROW_COUNT = 38
CODE_LEVEL_ENTRY_COUNT = 14
CODE_COUNT = 21
CODE_CLASS_COUNT = 4
# Where the seed misspells UnexpectedClientError, as (code, subcode); the
# catalog's comment on the alias names these subcodes.
MISSPELLED_ROWS = frozenset({(410, 3100), (410, 3101), (410, 3111)})

# What to say when the catalog claims more than its document.
NEWER_DOC_HINT = (
    "if the catalog now follows a newer document, set source.date (and "
    "source.title) in spec/codes.yaml to that document's"
)

_INT = re.compile(r"\d+")
_CODE_LIST = re.compile(r"\d+(?:\s*,\s*\d+)*")


def normalize(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


# --- the document -------------------------------------------------------------


@dataclass(frozen=True)
class DocReason:
    """A table row with a subcode."""

    code: int
    subcode: int
    message: str
    category: str
    advice: str | None


@dataclass(frozen=True)
class DocCodeEntry:
    """One code of a code-level row (a row without a subcode)."""

    code: int
    message: str
    advice: str | None


@dataclass(frozen=True)
class Doc:
    title: str
    date: str
    code_classes: tuple[tuple[str, int, int], ...]
    category_values: tuple[str, ...]
    reasons: tuple[DocReason, ...]
    code_entries: tuple[DocCodeEntry, ...]
    text: str
    #: The seed file itself, whose own facts (row counts) are checked too.
    is_seed: bool


def split_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, stripped."""
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in inner.split("|")]


def is_subcode_row(cells: list[str]) -> bool:
    return len(cells) >= 2 and all(_INT.fullmatch(cell) for cell in cells[:2])


def table_rows(lines: list[str]) -> list[list[str]]:
    """The cells of each row of the table under HEADER.

    A row split over several lines (510403) is joined: a subcode row is
    complete once it has as many cells as the header.
    """
    header_at = next(
        (at for at, line in enumerate(lines) if tuple(split_cells(line)) == HEADER),
        None,
    )
    assert header_at is not None, f"no table with header {HEADER} in the document"
    separator = split_cells(lines[header_at + 1])
    assert len(separator) == len(HEADER)
    assert all(re.fullmatch(r":?-{3,}:?", cell) for cell in separator)

    rows: list[list[str]] = []
    pending: str | None = None
    for line in lines[header_at + 2 :]:
        if pending is not None:
            pending = f"{pending} {line}"
        elif line.startswith("|"):
            pending = line
        else:
            break  # the table has ended
        cells = split_cells(pending)
        if is_subcode_row(cells) and len(cells) < len(HEADER):
            continue  # the row goes on on the next line
        rows.append(cells)
        pending = None
    assert pending is None, f"the document ends inside a table row: {pending!r}"
    return rows


def parse_table(lines: list[str]) -> tuple[list[DocReason], list[DocCodeEntry]]:
    reasons: list[DocReason] = []
    entries: list[DocCodeEntry] = []
    for cells in table_rows(lines):
        if is_subcode_row(cells):
            assert len(cells) == len(HEADER), f"malformed subcode row: {cells}"
            subcode, code, message, category, advice = cells
            assert message and category, f"subcode row with empty cells: {cells}"
            reasons.append(
                DocReason(int(code), int(subcode), message, category, advice or None)
            )
            continue
        # A code-level row: codes, message and optionally advice, then empty
        # cells at most.
        while cells and not cells[-1]:
            cells = cells[:-1]
        assert 2 <= len(cells) <= 3, f"malformed code-level row: {cells}"
        assert _CODE_LIST.fullmatch(cells[0]), f"not a list of codes: {cells[0]!r}"
        assert cells[1], f"code-level row without a message: {cells}"
        code_advice = cells[2] if len(cells) == 3 else None
        for code in cells[0].split(","):
            entries.append(DocCodeEntry(int(code), cells[1], code_advice))
    return reasons, entries


def parse_code_classes(lines: list[str]) -> tuple[tuple[str, int, int], ...]:
    """The bullets after "The code categories:", e.g. "- Client error (400-499)"."""
    start = next(
        (at for at, line in enumerate(lines) if line.endswith("The code categories:")),
        None,
    )
    assert start is not None, "the document has no list of code categories"
    classes: list[tuple[str, int, int]] = []
    for line in lines[start + 1 :]:
        match = re.fullmatch(r"- (.+?) \((\d+)-(\d+)\)", line.strip())
        if match is None:
            break
        classes.append((match[1], int(match[2]), int(match[3])))
    return tuple(classes)


def parse_category_values(text: str) -> tuple[str, ...]:
    """The ResultCategory values the document's prose lists."""
    match = re.search(r"the value can be ([^.]+)\.", text)
    assert match is not None, "the document does not list the result categories"
    items = [item.strip() for item in match[1].split(",")]
    return tuple(item.removeprefix("or ").strip() for item in items)


def parse_doc(source: SourceDoc) -> Doc | None:
    """The document ``source`` names, parsed; None when there is none."""
    if source.path is None:
        return None
    text = source.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    front = front_matter(text)
    reasons, entries = parse_table(lines)
    return Doc(
        title=front["title"],
        date=iso_date(front["ms.date"]),
        code_classes=parse_code_classes(lines),
        category_values=parse_category_values(text),
        reasons=tuple(reasons),
        code_entries=tuple(entries),
        text=text,
        is_seed=source.is_seed,
    )


# --- the catalog --------------------------------------------------------------


def load_spec(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


def entries(spec: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = spec[key]
    assert isinstance(items, list), f"spec `{key}` is not a list"
    assert all(isinstance(item, dict) for item in items)
    return items


def optional_text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    assert value is None or isinstance(value, str), f"{key} is not a string"
    return None if value is None else normalize(value)


SOURCE = find_source_doc()
DOC_OR_NONE = parse_doc(SOURCE)
SPEC = load_spec(SPEC_PATH)

DOC_REASONS = (
    {} if DOC_OR_NONE is None else {(r.code, r.subcode): r for r in DOC_OR_NONE.reasons}
)
DOC_CODE_ENTRIES = (
    {} if DOC_OR_NONE is None else {e.code: e for e in DOC_OR_NONE.code_entries}
)
SPEC_REASONS = {(row["code"], row["subcode"]): row for row in entries(SPEC, "reasons")}
SPEC_CODES = {entry["code"]: entry for entry in entries(SPEC, "codes")}
SPEC_CODES_WITH_MESSAGE = {
    code: entry for code, entry in SPEC_CODES.items() if "message" in entry
}


def document() -> Doc:
    """The document the spec follows; without it the calling test is skipped,
    with the reason (or fails, in CI)."""
    SOURCE.require()
    assert DOC_OR_NONE is not None
    return DOC_OR_NONE


def per_row(keys: list[Any]) -> list[Any]:
    """The parameters of a test run once per row of the document: its rows, or
    one case that ``document()`` skips when there is no document."""
    return keys if DOC_OR_NONE is not None else [pytest.param(None, id="no-document")]


def canonical_categories() -> dict[str, str]:
    """Every spelling the catalog accepts (values and aliases) -> the value."""
    spellings: dict[str, str] = {}
    for category in entries(SPEC, "result_categories"):
        for spelling in [category["value"], *category.get("aliases", [])]:
            assert spelling not in spellings, f"{spelling!r} is spelled twice"
            spellings[spelling] = category["value"]
    return spellings


def reason_id(key: tuple[int, int]) -> str:
    return f"code={key[0]}/subcode={key[1]}"


# --- the tests: the catalog against its document ------------------------------


def test_seed_parses_to_the_expected_shape() -> None:
    doc = document()
    if not doc.is_seed:
        pytest.skip("the row counts are facts of the seed file alone")
    subcode_rows = len(doc.reasons)
    code_level_entries = len(doc.code_entries)
    codes = len({row.code for row in doc.reasons} | set(DOC_CODE_ENTRIES))
    assert subcode_rows == SUBCODE_ROW_COUNT
    assert code_level_entries == CODE_LEVEL_ENTRY_COUNT
    assert codes == CODE_COUNT
    assert len(doc.code_classes) == CODE_CLASS_COUNT


def test_source() -> None:
    doc = document()
    assert SPEC["source"] == {"title": doc.title, "date": doc.date}


def test_reasons_are_the_document_rows_with_a_subcode() -> None:
    doc = document()
    doc_counts = Counter((row.code, row.subcode) for row in doc.reasons)
    spec_counts = Counter(
        (row["code"], row["subcode"]) for row in entries(SPEC, "reasons")
    )
    assert [key for key, n in doc_counts.items() if n > 1] == []
    assert [key for key, n in spec_counts.items() if n > 1] == []
    missing = sorted(set(doc_counts) - set(spec_counts))
    extra = sorted(set(spec_counts) - set(doc_counts))
    assert missing == [], f"document rows missing from spec reasons: {missing}"
    assert extra == [], (
        f"spec reasons the document of {doc.date} does not have: {extra}; "
        + NEWER_DOC_HINT
    )


@pytest.mark.parametrize("key", per_row(sorted(DOC_REASONS)), ids=reason_id)
def test_reason_matches_document_row(key: tuple[int, int]) -> None:
    document()
    doc_row = DOC_REASONS[key]
    assert key in SPEC_REASONS, f"no spec reason for {reason_id(key)}"
    spec_row = SPEC_REASONS[key]
    spellings = canonical_categories()

    assert normalize(spec_row["message"]) == normalize(doc_row.message)
    expected_advice = None if doc_row.advice is None else normalize(doc_row.advice)
    assert optional_text(spec_row, "advice") == expected_advice
    assert doc_row.category in spellings, f"unknown category {doc_row.category!r}"
    assert spec_row["result_category"] == spellings[doc_row.category]


def test_code_level_rows_give_each_code_once() -> None:
    doc = document()
    counts = Counter(entry.code for entry in doc.code_entries)
    repeated = sorted(code for code, n in counts.items() if n > 1)
    assert repeated == [], f"codes with more than one code-level row: {repeated}"


def test_codes_with_a_message_are_the_code_level_rows() -> None:
    doc = document()
    missing = sorted(set(DOC_CODE_ENTRIES) - set(SPEC_CODES_WITH_MESSAGE))
    extra = sorted(set(SPEC_CODES_WITH_MESSAGE) - set(DOC_CODE_ENTRIES))
    assert missing == [], f"code-level rows missing a spec message: {missing}"
    assert extra == [], (
        f"spec codes with a message but no code-level row in the document of "
        f"{doc.date}: {extra}; " + NEWER_DOC_HINT
    )


@pytest.mark.parametrize(
    "code", per_row(sorted(DOC_CODE_ENTRIES)), ids=lambda c: f"code={c}"
)
def test_code_matches_code_level_row(code: int) -> None:
    document()
    doc_entry = DOC_CODE_ENTRIES[code]
    assert code in SPEC_CODES, f"no spec code {code}"
    spec_entry = SPEC_CODES[code]
    assert optional_text(spec_entry, "message") == normalize(doc_entry.message)
    expected_advice = None if doc_entry.advice is None else normalize(doc_entry.advice)
    assert optional_text(spec_entry, "advice") == expected_advice


def test_codes_are_every_code_in_the_table() -> None:
    doc = document()
    doc_codes = {row.code for row in doc.reasons} | set(DOC_CODE_ENTRIES)
    spec_codes = [entry["code"] for entry in entries(SPEC, "codes")]
    missing = sorted(doc_codes - set(spec_codes))
    extra = sorted(set(spec_codes) - doc_codes)
    assert missing == [], (
        f"codes in the document's table without a spec entry: {missing}"
    )
    assert extra == [], (
        f"spec codes the table of {doc.date} never mentions: {extra}; " + NEWER_DOC_HINT
    )


def test_result_category_values_are_the_documents() -> None:
    doc = document()
    values = tuple(entry["value"] for entry in entries(SPEC, "result_categories"))
    assert values == doc.category_values


def test_misspellings_are_recorded() -> None:
    doc = document()
    categories = entries(SPEC, "result_categories")
    values = {entry["value"] for entry in categories}
    aliases = {alias for entry in categories for alias in entry.get("aliases", [])}
    doc_spellings = {row.category for row in doc.reasons}

    # Every spelling of the document that is not a value is recorded as an
    # alias (an alias outlives the document's typo: removing one breaks callers).
    assert doc_spellings - values <= aliases
    assert aliases.isdisjoint(values)
    # The catalog's rows use the correct spelling.
    assert {row["result_category"] for row in entries(SPEC, "reasons")} <= values


def test_misspelling_is_where_the_seed_has_it() -> None:
    doc = document()
    if not doc.is_seed:
        pytest.skip("where the misspelling occurs is a fact of the seed file alone")
    categories = entries(SPEC, "result_categories")
    values = {entry["value"] for entry in categories}
    aliases = {alias for entry in categories for alias in entry.get("aliases", [])}
    seed_spellings = {row.category for row in doc.reasons}

    # The seed's category cells are the listed values plus the misspelling,
    # and the spec's aliases are exactly the spellings that are not values.
    assert seed_spellings - set(doc.category_values) == {MISSPELLING}
    assert aliases == seed_spellings - values == {MISSPELLING}
    (owner,) = [
        entry for entry in categories if MISSPELLING in entry.get("aliases", [])
    ]
    assert owner["value"] == "UnexpectedClientError"

    # Where it occurs: these rows and nowhere else in the document.
    misspelled = {
        (row.code, row.subcode) for row in doc.reasons if row.category == MISSPELLING
    }
    assert misspelled == MISSPELLED_ROWS
    assert doc.text.count(MISSPELLING) == len(MISSPELLED_ROWS)


def test_code_classes_are_the_documents() -> None:
    doc = document()
    spec_classes = tuple(
        (entry["description"], entry["first"], entry["last"])
        for entry in entries(SPEC, "code_classes")
    )
    assert spec_classes == doc.code_classes


# --- the tests: the catalog on its own ----------------------------------------


def test_codes_are_unique() -> None:
    counts = Counter(entry["code"] for entry in entries(SPEC, "codes"))
    assert sorted(code for code, n in counts.items() if n > 1) == []


def test_rows_sharing_a_subcode_share_a_name() -> None:
    names: dict[int, set[str]] = {}
    for row in entries(SPEC, "reasons"):
        names.setdefault(row["subcode"], set()).add(row["name"])
    split = {subcode: n for subcode, n in names.items() if len(n) > 1}
    assert split == {}, f"subcodes with more than one name: {split}"


def test_subcode_names_are_unique() -> None:
    subcodes: dict[str, set[int]] = {}
    for row in entries(SPEC, "reasons"):
        subcodes.setdefault(row["name"], set()).add(row["subcode"])
    shared = {name: s for name, s in subcodes.items() if len(s) > 1}
    assert shared == {}, f"names given to more than one subcode: {shared}"


def test_code_names_are_unique() -> None:
    counts = Counter(entry["name"] for entry in entries(SPEC, "codes"))
    shared = sorted(name for name, n in counts.items() if n > 1)
    assert shared == [], f"names given to more than one code: {shared}"
