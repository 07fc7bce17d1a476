"""docs/logs.md's SQL, run as the document gives it in embedded DuckDB over
generated/acs_call_codes.csv, answers what ``report`` and ``explain`` answer.

The query is read from the document, so the document cannot drift from what
is tested.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import _report
import acs_call_codes
import duckdb
import pytest
from generated_modules import generate_and_import

from codegen.pipeline import load_catalog
from codegen.tables import render_csv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from logs import SUMMARY_COLUMNS, write  # noqa: E402

DOC = ROOT / "docs" / "logs.md"
CATALOG_CSV = ROOT / "generated" / "acs_call_codes.csv"

#: (code, subcode) as the log holds them, text, each reaching a rung.
HAND_ROWS: tuple[tuple[str, str], ...] = (
    ("487", "10004"),  # reason
    ("200", "7000"),  # subcode: its one row is 0/7000
    ("603", "10003"),  # subcode: its one row is under another code
    ("400", "8535"),  # subcode: a generic meaning
    ("487", "560502"),  # rule: outbound SIP status
    ("500", "560777"),  # rule
    ("480", "540486"),  # rule: inbound
    ("500", "8522"),  # subcode: listed under two codes, and a meaning of its own
    ("487", "999999"),  # code: a subcode nobody lists
    ("204", "0"),  # subcode: 0's "Success", which the catalog keeps to 2xx codes
    ("404", "0"),  # code: "Success" does not explain a 404
    ("699", "0"),  # code_class: nor a 6xx
    ("487", ""),  # code: no subcode at all
    ("699", "1"),  # code_class
    ("42", "1"),  # unknown
    ("487", "10003"),  # reason, worded three times
    ("404", "999999"),  # code: a code-level row worded twice
    ("250", "10003"),  # subcode: a row worded three times, under a 4xx code
    ("490", "4097"),  # subcode: an error code does not borrow 0/4097's Success
    ("200", "5010"),  # reason without a category: the 2xx class's Success
    (" 487 ", " 10004 "),  # spaces around the numbers, read as report reads them
    ("", ""),  # no end reason: counted apart by report, left out by the query
    ("", "10004"),
)


def documented_sql() -> str:
    """The one ```sql block of docs/logs.md."""
    blocks: list[str] = re.findall(
        r"^```sql\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.M | re.S
    )
    assert len(blocks) == 1, "docs/logs.md must hold exactly one sql block"
    return blocks[0]


def log_rows(pairs: Iterable[tuple[str, str]]) -> Iterator[dict[str, str]]:
    """ACSCallSummary records with these end reasons, the other columns blank."""
    for code, subcode in pairs:
        row = dict.fromkeys(SUMMARY_COLUMNS, "")
        row["ParticipantEndReason"] = code
        row["ParticipantEndSubCode"] = subcode
        yield row


def export(pairs: Iterable[tuple[str, str]], generated: int = 0) -> str:
    """A CSV export of ACSCallSummary: ``generated`` rows from bench/logs.py,
    then one row per pair."""
    out = io.StringIO(newline="")
    write(out, generated, "csv")
    writer = csv.DictWriter(out, SUMMARY_COLUMNS, lineterminator="\r\n")
    if not generated:
        out.write("\ufeff")
        writer.writeheader()
    writer.writerows(log_rows(pairs))
    return out.getvalue()


def run_sql(folder: Path, catalog_csv: str, log_csv: str) -> list[tuple[object, ...]]:
    """The documented query's rows, run in ``folder`` with the two files under
    the names the document gives them."""
    (folder / "acs_call_codes.csv").write_bytes(catalog_csv.encode("utf-8"))
    (folder / "ACSCallSummary.csv").write_bytes(log_csv.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        connection = duckdb.connect()
        try:
            return connection.execute(documented_sql()).fetchall()
        finally:
            connection.close()


#: The query's columns, in order.
COLUMNS = (
    "code", "subcode", "calls", "share", "code_name", "subcode_name", "rule",
    "result_category", "rung", "message", "advice",
)  # fmt: skip


@pytest.fixture(scope="module")
def fixture_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("logs")
    path = folder / "ACSCallSummary.csv"
    path.write_bytes(export(HAND_ROWS * 3, generated=3000).encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def queried(fixture_log: Path) -> list[dict[str, object]]:
    rows = run_sql(
        fixture_log.parent,
        CATALOG_CSV.read_bytes().decode("utf-8"),
        fixture_log.read_bytes().decode("utf-8"),
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def reported(fixture_log: Path) -> tuple[_report.Tally, list[_report.Row]]:
    tally = _report.Tally()
    with fixture_log.open("rb") as binary:
        _report.read(binary, fixture_log.name, tally)
    return tally, _report.rows(tally)


def test_the_query_counts_and_explains_as_report_does(
    queried: list[dict[str, object]],
    reported: tuple[_report.Tally, list[_report.Row]],
) -> None:
    tally, rows = reported
    assert tally.bad == 0
    assert [(q["code"], q["subcode"], q["calls"], q["rung"]) for q in queried] == [
        (row.code, row.subcode, row.count, row.explanation.match.value) for row in rows
    ]
    assert sum(int(str(q["calls"])) for q in queried) == tally.with_code


def test_the_fixture_reaches_every_rung_and_has_records_without_a_code(
    queried: list[dict[str, object]],
    reported: tuple[_report.Tally, list[_report.Row]],
) -> None:
    tally, _ = reported
    assert {q["rung"] for q in queried} == {m.value for m in acs_call_codes.MatchLevel}
    assert tally.without_code > 0


def test_shares_are_the_reports_percentages(
    queried: list[dict[str, object]],
    reported: tuple[_report.Tally, list[_report.Row]],
) -> None:
    _, rows = reported
    assert [q["share"] for q in queried] == [round(100 * r.share, 2) for r in rows]
    assert sum(float(str(q["share"])) for q in queried) == pytest.approx(100, abs=0.1)


def test_names_categories_and_messages_are_explains(
    queried: list[dict[str, object]],
) -> None:
    for q in queried:
        check_row(acs_call_codes, q)


def check_row(module: object, q: dict[str, object]) -> None:
    """One row of the query against ``module``'s explain (the real module, or
    one generated for a catalog of the test's own)."""
    code, subcode = q["code"], q["subcode"]
    assert isinstance(code, int) and (subcode is None or isinstance(subcode, int))
    found = module.explain(code, subcode)  # type: ignore[attr-defined]
    assert q["rung"] == found.match.value, (code, subcode)
    code_member = module.Code.parse(code)  # type: ignore[attr-defined]
    subcode_member = (
        None if subcode is None else module.SubCode.parse(subcode)  # type: ignore[attr-defined]
    )
    assert q["code_name"] == (None if code_member is None else code_member.name)
    assert q["subcode_name"] == (
        None if subcode_member is None else subcode_member.name
    )
    category = found.result_category
    assert q["result_category"] == (None if category is None else category.value)
    if found.rule is not None:
        # The module words the SIP status into the message; the query gives
        # the rule's own text and its name.
        assert (q["rule"], q["message"], q["advice"]) == (
            found.rule.name,
            found.rule.message,
            found.rule.advice,
        )
    elif q["rung"] in ("code_class", "unknown"):
        assert (q["rule"], q["message"], q["advice"]) == (None, None, None)
    else:
        assert (q["rule"], q["message"], q["advice"]) == (
            None,
            found.message,
            found.advice,
        )


def test_every_pair_of_codes_and_subcodes_is_explained_as_explain_does(
    tmp_path: Path,
) -> None:
    # Every code and subcode of the catalog with each other, and numbers it
    # does not hold: the ladder row by row, whatever a log happens to contain.
    codes = {int(c) for c in acs_call_codes.Code} | {42, 250, 699}
    subcodes = {int(s) for s in acs_call_codes.SubCode} | {1, 560403, 540486, 999999}
    pairs = [(str(c), str(s)) for c in sorted(codes) for s in sorted(subcodes)]
    pairs += [(str(c), "") for c in sorted(codes)]
    rows = run_sql(tmp_path, CATALOG_CSV.read_bytes().decode("utf-8"), export(pairs))
    assert len(rows) == len(pairs)
    for row in rows:
        check_row(acs_call_codes, dict(zip(COLUMNS, row, strict=True)))


#: The generic meaning of 8522 in the spec: without it, 8522 is a subcode
#: documented under two codes with no meaning of its own.
GENERIC_8522 = """\
  - subcode: 8522
    name: NOT_FOUND
    sources: [troubleshooting-codes, call-automation]
    message: Not Found

"""


def test_a_subcode_listed_under_several_codes_without_a_meaning_falls_to_the_code(
    tmp_path: Path,
) -> None:
    spec_text = (ROOT / "spec" / "codes.yaml").read_text(encoding="utf-8")
    assert spec_text.count(GENERIC_8522) == 1
    spec_text = spec_text.replace(GENERIC_8522, "")
    module = generate_and_import(spec_text, tmp_path, "several_codes")
    catalog_csv = render_csv(load_catalog(tmp_path / "several_codes.yaml"))
    pairs = [("404", "8522"), ("405", "8522"), ("500", "8522"), ("42", "8522")]
    rows = [
        dict(zip(COLUMNS, r, strict=True))
        for r in run_sql(tmp_path, catalog_csv, export(pairs))
    ]
    assert Counter(str(r["rung"]) for r in rows) == Counter(
        {"reason": 2, "code": 1, "unknown": 1}
    )
    for row in rows:
        check_row(module, row)


def worded_several_times(q: dict[str, object]) -> bool:
    """Whether the row that answers the query row's pair has several wordings."""
    code, subcode = q["code"], q["subcode"]
    assert isinstance(code, int) and (subcode is None or isinstance(subcode, int))
    found = acs_call_codes.explain(code, subcode)
    row = found.reason or found.code_info
    return row is not None and len(row.wordings) > 1


def test_pairs_with_several_wordings_count_once_and_say_the_first(
    queried: list[dict[str, object]],
    reported: tuple[_report.Tally, list[_report.Row]],
) -> None:
    # The catalog has rows per wording; the query still counts each call once
    # and says the wording explain says without an event: the first.
    tally, rows = reported
    counts = {(row.code, row.subcode): row.count for row in rows}
    several = [q for q in queried if worded_several_times(q)]
    assert {(q["code"], q["subcode"]) for q in several} >= {
        (487, 10003),
        (404, 999999),
        (250, 10003),
    }
    table = list(csv.DictReader(io.StringIO(CATALOG_CSV.read_text(encoding="utf-8"))))
    assert (
        sum(
            r["level"] == "reason" and r["code"] == "487" and r["subcode"] == "10003"
            for r in table
        )
        == 3
    )
    for q in several:
        assert q["calls"] == counts[(q["code"], q["subcode"])]  # type: ignore[index]
        check_row(acs_call_codes, q)
    assert sum(int(str(q["calls"])) for q in queried) == tally.with_code


def test_categories_follow_the_outcome_and_the_class(
    queried: list[dict[str, object]],
) -> None:
    by_pair = {(q["code"], q["subcode"]): q for q in queried}
    assert by_pair[(490, 4097)]["result_category"] is None
    assert by_pair[(490, 4097)]["rung"] == "subcode"
    assert by_pair[(200, 5010)]["result_category"] == "Success"
    assert by_pair[(204, 0)]["result_category"] == "Success"
    assert by_pair[(699, 1)]["result_category"] is None
