"""The catalog (spec/codes.yaml) holds every fact of the seed document exactly.

The seed is the Markdown document the catalog was written from. This module
parses its table on its own, sharing nothing with the generator, and compares
both ways: nothing of the seed is missing from the catalog, and the catalog
claims nothing the seed does not say. Only the `name` and `summary` fields and
the descriptions of result categories are the catalog's own words.

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

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "spec" / "codes.yaml"
# In CI the repository is cloned with a copy of shared/ beside it.
SEED_PATH = ROOT.parent / "shared" / "seed" / "000_1eaf3bdabe79a899.txt"

HEADER = ("Subcode", "Code", "Message", "Result Categories", "Advice")
MISSPELLING = "UnxpectedClientError"

# The seed is a fixed document (its file name is a content hash); these counts
# guard the parser as much as the catalog.
SUBCODE_ROW_COUNT = 38
CODE_LEVEL_ENTRY_COUNT = 14
CODE_COUNT = 21
# Where the seed misspells UnexpectedClientError, as (code, subcode); the
# catalog's comment on the alias names these subcodes.
MISSPELLED_ROWS = frozenset({(410, 3100), (410, 3101), (410, 3111)})

_INT = re.compile(r"\d+")
_CODE_LIST = re.compile(r"\d+(?:\s*,\s*\d+)*")


def normalize(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


# --- the seed ---------------------------------------------------------------


@dataclass(frozen=True)
class SeedReason:
    """A table row with a subcode."""

    code: int
    subcode: int
    message: str
    category: str
    advice: str | None


@dataclass(frozen=True)
class SeedCodeEntry:
    """One code of a code-level row (a row without a subcode)."""

    code: int
    message: str
    advice: str | None


@dataclass(frozen=True)
class Seed:
    title: str
    date: str
    code_classes: tuple[tuple[str, int, int], ...]
    category_values: tuple[str, ...]
    reasons: tuple[SeedReason, ...]
    code_entries: tuple[SeedCodeEntry, ...]
    text: str


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
    assert header_at is not None, f"no table with header {HEADER} in the seed"
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
    assert pending is None, f"the seed ends inside a table row: {pending!r}"
    return rows


def parse_table(lines: list[str]) -> tuple[list[SeedReason], list[SeedCodeEntry]]:
    reasons: list[SeedReason] = []
    entries: list[SeedCodeEntry] = []
    for cells in table_rows(lines):
        if is_subcode_row(cells):
            assert len(cells) == len(HEADER), f"malformed subcode row: {cells}"
            subcode, code, message, category, advice = cells
            assert message and category, f"subcode row with empty cells: {cells}"
            reasons.append(
                SeedReason(int(code), int(subcode), message, category, advice or None)
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
            entries.append(SeedCodeEntry(int(code), cells[1], code_advice))
    return reasons, entries


def parse_front_matter(lines: list[str]) -> dict[str, str]:
    """The `| key | value |` lines the seed starts with."""
    fields: dict[str, str] = {}
    for line in lines:
        if not line.startswith("|"):
            break
        cells = split_cells(line)
        if len(cells) == 2 and not re.fullmatch(r"-+", cells[0]):
            fields[cells[0]] = cells[1]
    return fields


def parse_code_classes(lines: list[str]) -> tuple[tuple[str, int, int], ...]:
    """The bullets after "The code categories:", e.g. "- Client error (400-499)"."""
    start = next(
        (at for at, line in enumerate(lines) if line.endswith("The code categories:")),
        None,
    )
    assert start is not None, "the seed has no list of code categories"
    classes: list[tuple[str, int, int]] = []
    for line in lines[start + 1 :]:
        match = re.fullmatch(r"- (.+?) \((\d+)-(\d+)\)", line.strip())
        if match is None:
            break
        classes.append((match[1], int(match[2]), int(match[3])))
    return tuple(classes)


def parse_category_values(text: str) -> tuple[str, ...]:
    """The ResultCategory values the seed's prose lists."""
    match = re.search(r"the value can be ([^.]+)\.", text)
    assert match is not None, "the seed does not list the result categories"
    items = [item.strip() for item in match[1].split(",")]
    return tuple(item.removeprefix("or ").strip() for item in items)


def parse_seed(path: Path) -> Seed:
    if not path.is_file():
        raise FileNotFoundError(
            f"seed document not found at {path}; the repository expects a copy "
            "of shared/ beside it"
        )
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    front = parse_front_matter(lines)
    month, day, year = front["ms.date"].split("/")
    reasons, entries = parse_table(lines)
    return Seed(
        title=front["title"],
        date=f"{int(year):04d}-{int(month):02d}-{int(day):02d}",
        code_classes=parse_code_classes(lines),
        category_values=parse_category_values(text),
        reasons=tuple(reasons),
        code_entries=tuple(entries),
        text=text,
    )


# --- the catalog ------------------------------------------------------------


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


SEED = parse_seed(SEED_PATH)
SPEC = load_spec(SPEC_PATH)

SEED_REASONS = {(row.code, row.subcode): row for row in SEED.reasons}
SPEC_REASONS = {(row["code"], row["subcode"]): row for row in entries(SPEC, "reasons")}
SEED_CODE_ENTRIES = {entry.code: entry for entry in SEED.code_entries}
SPEC_CODES = {entry["code"]: entry for entry in entries(SPEC, "codes")}
SPEC_CODES_WITH_MESSAGE = {
    code: entry for code, entry in SPEC_CODES.items() if "message" in entry
}


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


# --- the tests --------------------------------------------------------------


def test_seed_parses_to_the_expected_shape() -> None:
    subcode_rows = len(SEED.reasons)
    code_level_entries = len(SEED.code_entries)
    codes = len({row.code for row in SEED.reasons} | set(SEED_CODE_ENTRIES))
    assert subcode_rows == SUBCODE_ROW_COUNT
    assert code_level_entries == CODE_LEVEL_ENTRY_COUNT
    assert codes == CODE_COUNT


def test_source() -> None:
    assert SPEC["source"] == {"title": SEED.title, "date": SEED.date}


def test_reasons_are_the_seed_rows_with_a_subcode() -> None:
    seed_counts = Counter((row.code, row.subcode) for row in SEED.reasons)
    spec_counts = Counter(
        (row["code"], row["subcode"]) for row in entries(SPEC, "reasons")
    )
    assert [key for key, n in seed_counts.items() if n > 1] == []
    assert [key for key, n in spec_counts.items() if n > 1] == []
    missing = sorted(set(seed_counts) - set(spec_counts))
    extra = sorted(set(spec_counts) - set(seed_counts))
    assert missing == [], f"seed rows missing from spec reasons: {missing}"
    assert extra == [], f"spec reasons the seed does not have: {extra}"


def test_reasons_are_sorted_by_subcode_then_code() -> None:
    keys = [(row["subcode"], row["code"]) for row in entries(SPEC, "reasons")]
    assert keys == sorted(keys)


@pytest.mark.parametrize("key", sorted(SEED_REASONS), ids=reason_id)
def test_reason_matches_seed_row(key: tuple[int, int]) -> None:
    seed_row = SEED_REASONS[key]
    assert key in SPEC_REASONS, f"no spec reason for {reason_id(key)}"
    spec_row = SPEC_REASONS[key]
    spellings = canonical_categories()

    assert normalize(spec_row["message"]) == normalize(seed_row.message)
    expected_advice = None if seed_row.advice is None else normalize(seed_row.advice)
    assert optional_text(spec_row, "advice") == expected_advice
    assert seed_row.category in spellings, f"unknown category {seed_row.category!r}"
    assert spec_row["result_category"] == spellings[seed_row.category]


def test_code_level_rows_give_each_code_once() -> None:
    counts = Counter(entry.code for entry in SEED.code_entries)
    repeated = sorted(code for code, n in counts.items() if n > 1)
    assert repeated == [], f"codes with more than one code-level row: {repeated}"


def test_codes_with_a_message_are_the_code_level_rows() -> None:
    missing = sorted(set(SEED_CODE_ENTRIES) - set(SPEC_CODES_WITH_MESSAGE))
    extra = sorted(set(SPEC_CODES_WITH_MESSAGE) - set(SEED_CODE_ENTRIES))
    assert missing == [], f"code-level rows missing a spec message: {missing}"
    assert extra == [], f"spec codes with a message but no code-level row: {extra}"


@pytest.mark.parametrize("code", sorted(SEED_CODE_ENTRIES), ids=lambda c: f"code={c}")
def test_code_matches_code_level_row(code: int) -> None:
    seed_entry = SEED_CODE_ENTRIES[code]
    assert code in SPEC_CODES, f"no spec code {code}"
    spec_entry = SPEC_CODES[code]
    assert optional_text(spec_entry, "message") == normalize(seed_entry.message)
    expected_advice = (
        None if seed_entry.advice is None else normalize(seed_entry.advice)
    )
    assert optional_text(spec_entry, "advice") == expected_advice


def test_codes_are_every_code_in_the_table() -> None:
    seed_codes = {row.code for row in SEED.reasons} | set(SEED_CODE_ENTRIES)
    spec_codes = [entry["code"] for entry in entries(SPEC, "codes")]
    assert spec_codes == sorted(set(spec_codes)), "spec codes not sorted and unique"
    missing = sorted(seed_codes - set(spec_codes))
    extra = sorted(set(spec_codes) - seed_codes)
    assert missing == [], f"codes in the seed table without a spec entry: {missing}"
    assert extra == [], f"spec codes the seed table never mentions: {extra}"


def test_result_category_values_are_the_seeds() -> None:
    values = tuple(entry["value"] for entry in entries(SPEC, "result_categories"))
    assert values == SEED.category_values


def test_misspelling_is_recorded_where_the_seed_has_it() -> None:
    categories = entries(SPEC, "result_categories")
    values = {entry["value"] for entry in categories}
    aliases = {alias for entry in categories for alias in entry.get("aliases", [])}
    seed_spellings = {row.category for row in SEED.reasons}

    # The seed's category cells are the listed values plus the misspelling,
    # and the spec's aliases are exactly the spellings that are not values.
    assert seed_spellings - set(SEED.category_values) == {MISSPELLING}
    assert aliases == seed_spellings - values == {MISSPELLING}
    assert MISSPELLING not in values
    (owner,) = [
        entry for entry in categories if MISSPELLING in entry.get("aliases", [])
    ]
    assert owner["value"] == "UnexpectedClientError"

    # Where it occurs: these rows and nowhere else in the document.
    misspelled = {
        (row.code, row.subcode) for row in SEED.reasons if row.category == MISSPELLING
    }
    assert misspelled == MISSPELLED_ROWS
    assert SEED.text.count(MISSPELLING) == len(MISSPELLED_ROWS)
    # The catalog's rows use the correct spelling.
    assert {row["result_category"] for row in entries(SPEC, "reasons")} <= values


def test_code_classes_are_the_seeds() -> None:
    assert len(SEED.code_classes) == 4
    spec_classes = tuple(
        (entry["description"], entry["first"], entry["last"])
        for entry in entries(SPEC, "code_classes")
    )
    assert spec_classes == SEED.code_classes


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
