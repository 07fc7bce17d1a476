"""import-doc on Microsoft pages of the catalog's family that it does not follow
(tests/fixtures/docs, verbatim, CC BY 4.0; its README names each page's origin).

Each page either imports whole, into today's spec and into an empty one, with
every table accounted for, every row landing with its events, a catalog that
validates and generates, and a second import that changes nothing; or it is
refused with located errors and the spec left as it was.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.doctables import DocTables, read_doc
from codegen.importdoc import ImportResult, merge_doc
from codegen.loader import parse_spec
from codegen.model import Catalog, Wording, build_catalog
from codegen.pipeline import generate_source
from codegen.validate import validate_spec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "docs"
SPEC_PATH = ROOT / "spec" / "codes.yaml"
PAGES = sorted(p.name for p in FIXTURES.glob("*.md") if p.name != "README.md")

#: What the import prints of each page's tables, for the pages that import whole.
TABLES: dict[str, tuple[str, ...]] = {
    "call-automation-sdk@7aeea540.md": (
        "read     line 19 (Call Automation SDK error codes): 11 rows",
    ),
    "call-end-concepts-includes@09989aa9.md": (
        "read     line 39 (Calling End call codes and subcodes): 31 rows",
    ),
    "call-end@0bb32cfe.md": (
        "read     line 39 (Calling End call codes and subcodes): 36 rows",
    ),
    "call-end@3b0d739f-xtqqczze.md": (
        "read     line 38 (Calling End call codes and subcodes): 51 rows",
    ),
    "calling-sdk-concepts-includes@0f9083a9.md": (
        "read     line 19 (Calling SDK error codes): 17 rows",
    ),
    "play-action@03acc2f3.md": ("read     line 36 (Event codes): 11 rows",),
    "pstn@a120856b.md": (
        "read     line 23 (ParticipantEndReason 0): 3 rows",
        "read     line 34 (ParticipantEndReason 4xx): 13 rows",
        "read     line 55 (ParticipantEndReason 5xx): 2 rows",
        "read     line 65 (ParticipantEndReason 603): 1 row",
    ),
    "pstn@e2d46687-xtqqczze.md": (
        "read     line 30 (ParticipantEndReason 0): 3 rows",
        "read     line 41 (ParticipantEndReason 4xx): 14 rows",
        "read     line 63 (ParticipantEndReason 5xx): 2 rows",
        "read     line 73 (ParticipantEndReason 603): 1 row",
    ),
    "real-time-transcription-tutorial@19d2e838.md": (
        "read     line 60 (Event codes): 23 rows",
    ),
    "real-time-transcription-tutorial@60705dad.md": (
        "read     line 60 (Event codes): 23 rows",
    ),
    "recognize-action-rendered@id70280299323.md": (
        *(
            f"skipped  line {line} (Technical specifications): not a code table "
            "(Parameter, Type, Default (if not specified), Description, Required "
            "or Optional)"
            for line in (43, 361, 679, 969)
        ),
        "read     line 1236 (Event codes): 18 rows",
    ),
    "recognize-action@1210b963.md": ("read     line 31 (Event codes): 7 rows",),
    "recognize-action@b12dfcbb.md": ("read     line 37 (Event codes): 8 rows",),
    "recognize-ai-action@41877d1e.md": ("read     line 28 (Event codes): 14 rows",),
    "server-code-subcode@9b27c69c.md": (
        "read     line 19 (Azure Communication Services Calling Server error "
        "codes and subcodes): 17 rows",
    ),
    "troubleshooting-info@6684c8f1.md": (
        "read     line 344 (Calling SDK error codes): 17 rows",
        "read     line 361 (Call Automation SDK error codes): 11 rows",
        "skipped  line 387 (Chat SDK error codes): a table of Chat API status "
        "codes: they are not calling codes",
        "skipped  line 398 (SMS error codes): a table of SMS API status codes: "
        "they are not calling codes",
    ),
    "webjs-client-code-subcode@ebcc6966.md": (
        "read     line 23 (Azure Communication Services Calling SDK client error "
        "codes and subcodes): 45 rows",
    ),
}

_BULLET = (
    "is given in a bullet, not in a code table: import-doc reads tables only, "
    "so the page cannot be imported whole"
)
_BULLETS_AT = [
    (78, 32, 560000), (89, 32, 540000), (105, 30, 510403), (122, 30, 560403),
    (138, 30, 511532), (150, 32, 560404), (167, 32, 511404), (185, 32, 560408),
    (198, 32, 500001), (211, 32, 531004), (224, 32, 560480), (241, 32, 560484),
    (258, 32, 560484), (271, 32, 540487), (281, 32, 560487), (296, 32, 560500),
    (309, 32, 560503), (331, 32, 560603),
]  # fmt: skip

#: The pages that cannot be imported honestly, and exactly what the command says.
REFUSED: dict[str, list[str]] = {
    "troubleshooting-codes-raw@2238476f.md": [
        "40:1: error: no code table: the page only includes its tables from other "
        "files (./includes/codes/calling-sdk.md, ./includes/codes/call-end.md, "
        "./includes/codes/call-automation-sdk.md, ./includes/codes/pstn.md, "
        "./includes/codes/chat-sdk.md, ./includes/codes/sms-sdk.md); import those "
        "files, or the page as Microsoft Learn renders it"
    ],
    "mute-participants@id45283828478.md": [
        "9:10: error: ms.date '03/19/20223' is not a date as M/D/YYYY; give the "
        "date with --date YYYY-MM-DD"
    ],
    "concepts-troubleshooting-codes@2023-11-24-id40074631323.md": [
        f"{line}:{column}: error: subcode {subcode} {_BULLET}"
        for line, column, subcode in _BULLETS_AT
    ],
}

IMPORTED = sorted(TABLES)


def text_of(name: str) -> str:
    """The page as the command reads it (CRLF kept, as in the file)."""
    return (FIXTURES / name).read_bytes().decode("utf-8")


def doc_of(name: str) -> DocTables:
    return read_doc(text_of(name), name)


@cache
def empty_spec() -> str:
    """Today's result categories and code classes (without their sources' words), no
    source and no entry."""
    today = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    top = {
        "sources": [],
        "result_categories": today["result_categories"],
        "code_classes": [
            {key: row[key] for key in ("name", "first", "last", "description")}
            for row in today["code_classes"]
        ],
        "codes": [],
        "reasons": [],
    }
    return yaml.safe_dump(top, sort_keys=False, allow_unicode=True, width=1000)


def today_spec() -> str:
    return SPEC_PATH.read_text(encoding="utf-8")


#: The specs each page is imported into: today's catalog, and an empty one.
SPECS: dict[str, Callable[[], str]] = {"today": today_spec, "empty": empty_spec}


def catalog_of(text: str) -> Catalog:
    """The catalog of a spec that validates; a page of code-level rows alone
    imported into an empty spec leaves ``reasons`` empty, which only a catalog
    being filled may be."""
    document = parse_spec(text.encode("utf-8"), "codes.yaml")
    problems = [
        problem
        for problem in validate_spec(document)
        if problem.message != "reasons must have at least one entry"
    ]
    assert problems == []
    return build_catalog(document)


def loose(text: str | None) -> str:
    """A wording as one document's rows are compared: whitespace and a final
    period aside."""
    return " ".join((text or "").split()).removesuffix(".").rstrip()


def wordings_of(wordings: Sequence[Wording], source: str) -> list[Wording]:
    return [w for w in wordings if source in w.sources]


def assert_every_row_landed(catalog: Catalog, doc: DocTables, source: str) -> None:
    """Every row of the doc is in the catalog under the doc's source: its
    wording (whitespace and a final period aside) with its events."""
    reasons = {(r.code, r.subcode): r for r in catalog.reasons}
    codes = {c.code: c for c in catalog.codes}
    for row in doc.reasons:
        entry = reasons[row.code, row.subcode]
        found = [
            w
            for w in wordings_of(entry.wordings, source)
            if loose(w.message) == loose(row.message)
        ]
        assert found, (row, entry.wordings)
        assert set(row.events) <= set(found[0].events), (row, found)
    for code_row in doc.codes:
        code = codes[code_row.code]
        if code_row.message is None:
            continue
        found = [
            w
            for w in wordings_of(code.wordings, source)
            if loose(w.message) == loose(code_row.message)
        ]
        assert found, (code_row, code.wordings)
        assert set(code_row.events) <= set(found[0].events)


def generates(text: str, tmp_path: Path) -> None:
    """The spec, its proposed names accepted, generates a module that imports
    and explains every pair it holds."""
    accepted = re.sub(r"[ \t]*# review:.*", "", text)
    tmp_path.mkdir(exist_ok=True)
    spec = tmp_path / "codes.yaml"
    spec.write_text(accepted, encoding="utf-8")
    out = tmp_path / "acs_call_codes.py"
    out.write_text(generate_source(spec, out), encoding="utf-8")
    loaded = importlib.util.spec_from_file_location("fixture_module", out)
    assert loaded is not None and loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    for reason in catalog_of(accepted).reasons:
        assert module.explain(reason.code, reason.subcode).message == reason.message


def imported(spec: str, name: str) -> ImportResult:
    return merge_doc(spec, "codes.yaml", doc_of(name))


def test_every_fixture_has_an_expectation() -> None:
    assert sorted([*TABLES, *REFUSED]) == PAGES


@pytest.mark.parametrize("spec", sorted(SPECS))
@pytest.mark.parametrize("name", IMPORTED)
def test_a_page_imports_whole_and_a_second_import_is_a_no_op(
    name: str, spec: str, tmp_path: Path
) -> None:
    doc = doc_of(name)
    assert tuple(str(table) for table in doc.tables) == TABLES[name]
    before = SPECS[spec]()
    first = merge_doc(before, "codes.yaml", doc)
    assert first.source is not None
    assert not first.unchanged
    assert tuple(str(t) for t in first.tables) == TABLES[name]
    assert_every_row_landed(catalog_of(first.text), doc, first.source)
    again = merge_doc(first.text, "codes.yaml", doc_of(name))
    assert again.text == first.text
    assert (again.added, again.changed, again.removed) == ((), (), ())
    assert again.summary("codes.yaml")[0].startswith(
        f"codes.yaml ({first.source}): 0 added, 0 changed, 0 removed;"
    )
    if spec == "empty" and doc.reasons:
        generates(first.text, tmp_path)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_page_that_cannot_be_imported_is_refused_with_located_errors(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "codes.yaml"
    spec.write_bytes(SPEC_PATH.read_bytes())
    page = FIXTURES / name
    assert main(["import-doc", "--spec", str(spec), str(page)]) == 1
    err = capsys.readouterr().err.splitlines()
    shown = err[0].split(":")[0]
    assert Path(shown).resolve() == page
    assert err == [
        *(f"{shown}:{line}" for line in REFUSED[name]),
        f"{len(REFUSED[name])} error{'s' if len(REFUSED[name]) > 1 else ''}; "
        f"{spec} left as it was",
    ]
    assert spec.read_bytes() == SPEC_PATH.read_bytes()


def test_a_misprinted_date_is_given_by_hand_and_the_page_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The maintainer reads the date off the page (``--date``); the source takes
    it, the page imports whole, and the same command again changes nothing."""
    spec = tmp_path / "codes.yaml"
    spec.write_bytes(SPEC_PATH.read_bytes())
    page = str(FIXTURES / "mute-participants@id45283828478.md")
    command = ["import-doc", "--spec", str(spec), "--date", "2023-03-19", page]
    assert main(command) == 0
    first = spec.read_text(encoding="utf-8")
    source = yaml.safe_load(first)["sources"][-1]
    assert (source["title"], source["date"]) == (
        "Mute participants during a call",
        "2023-03-19",
    )
    capsys.readouterr()
    assert main(command) == 0
    assert spec.read_text(encoding="utf-8") == first
    assert ": 0 added, 0 changed, 0 removed;" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("date", "pages", "error"),
    [
        ("2023-02-30", 1, "argument --date: '2023-02-30' is not a date as YYYY-MM-DD"),
        ("03/19/2023", 1, "argument --date: '03/19/2023' is not a date as YYYY-MM-DD"),
        ("2023-03-19", 2, "--date is said of one document; give one DOC.md with it"),
    ],
)
def test_a_date_by_hand_is_a_real_day_for_one_document(
    date: str,
    pages: int,
    error: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = tmp_path / "codes.yaml"
    spec.write_bytes(SPEC_PATH.read_bytes())
    page = str(FIXTURES / "mute-participants@id45283828478.md")
    status: int | str | None
    try:
        status = main(
            ["import-doc", "--spec", str(spec), "--date", date, *[page] * pages]
        )
    except SystemExit as exc:  # argparse's own usage errors
        status = exc.code
    assert status == 2
    assert capsys.readouterr().err.rstrip().endswith(error)
    assert spec.read_bytes() == SPEC_PATH.read_bytes()


#: One copy of each title (the newest): copies with the same title are one source,
#: each import of which replaces what the one before said.
NEWEST = [
    "call-automation-sdk@7aeea540.md",
    "call-end@3b0d739f-xtqqczze.md",
    "calling-sdk-concepts-includes@0f9083a9.md",
    "play-action@03acc2f3.md",
    "pstn@e2d46687-xtqqczze.md",
    "real-time-transcription-tutorial@19d2e838.md",
    "recognize-action-rendered@id70280299323.md",
    "recognize-ai-action@41877d1e.md",
    "server-code-subcode@9b27c69c.md",
    "troubleshooting-info@6684c8f1.md",
    "webjs-client-code-subcode@ebcc6966.md",
]


def test_the_command_imports_the_pages_at_once_and_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One copy of each page in one command into an empty spec, each its own
    source; the catalog generates; the second run changes nothing."""
    spec = tmp_path / "codes.yaml"
    spec.write_text(empty_spec(), encoding="utf-8")
    pages = [str(FIXTURES / name) for name in NEWEST]
    assert main(["import-doc", "--spec", str(spec), *pages]) == 0
    first = spec.read_text(encoding="utf-8")
    assert len(catalog_of(first).sources) == len(NEWEST)
    capsys.readouterr()
    assert main(["import-doc", "--spec", str(spec), *pages]) == 0
    out = capsys.readouterr().out
    assert spec.read_text(encoding="utf-8") == first
    assert f"{len(pages)} documents; 0 added, 0 changed, 0 removed;" in out
    generates(first, tmp_path / "out")


# --- what the pages ask of the reader and the merge ---------------------------------


def reason_of(
    catalog: Catalog, code: int, subcode: int
) -> list[tuple[str, tuple[str, ...]]]:
    entry = next(r for r in catalog.reasons if (r.code, r.subcode) == (code, subcode))
    return [(w.message, w.events) for w in entry.wordings]


def test_a_pair_repeated_with_other_words_keeps_each_wording_with_its_events() -> None:
    catalog = catalog_of(
        imported(empty_spec(), "real-time-transcription-tutorial@19d2e838.md").text
    )
    assert reason_of(catalog, 400, 8523) == [
        ("Invalid Request, locale is missing.", ("TranscriptionFailed",)),
        (
            "Invalid Request, only locales that contain region information are "
            "supported.",
            ("TranscriptionFailed",),
        ),
    ]
    assert len(reason_of(catalog, 405, 8520)) == 3
    assert reason_of(catalog, 200, 0) == [
        (
            "Action completed successfully.",
            ("TranscriptionStarted", "TranscriptionStopped", "TranscriptionUpdated"),
        )
    ]


def test_status_column_of_event_codes_is_the_event_column() -> None:
    """Rendered page: `Status` beside `Code`, event names in backticks; exact
    duplicate rows are one wording, and so are texts that differ only by a
    final period (the first text is kept)."""
    catalog = catalog_of(
        imported(empty_spec(), "recognize-action-rendered@id70280299323.md").text
    )
    assert reason_of(catalog, 400, 8508) == [
        (
            "Action failed, the operation was canceled.",
            ("RecognizeCompleted", "RecognizeCanceled"),
        )
    ]
    assert reason_of(catalog, 500, 8511) == [
        (
            "Action failed, encountered failure while trying to play the prompt.",
            ("RecognizeFailed",),
        )
    ]
    assert reason_of(catalog, 400, 8510) == [
        ("Action failed, initial silence timeout reached.", ("RecognizeFailed",))
    ]
    assert [m for m, _ in reason_of(catalog, 400, 8565)] == [
        "Action failed, bad request to Azure AI services. Check input parameters.",
        "Action failed, bad request to Azure AI services. Unable to process "
        "payload provided, check the play source input.",
    ]


def test_action_to_take_is_advice() -> None:
    doc = doc_of("troubleshooting-info@6684c8f1.md")
    first = doc.codes[0]
    assert (first.code, first.message) == (403, "Forbidden / Authentication failure.")
    assert first.advice is not None and first.advice.startswith("Ensure that")


@pytest.mark.parametrize(
    ("header", "row", "events"),
    [
        # Status beside Code: the events; Status alone: the status code.
        (
            "| Status | Code | Subcode | Message |",
            "| PlayFailed | 400 | 8535 | Bad file. |",
            ("PlayFailed",),
        ),
        ("| Status | Subcode | Message |", "| 400 | 8535 | Bad file. |", ()),
    ],
)
def test_status_is_the_event_column_only_beside_a_code_column(
    header: str, row: str, events: tuple[str, ...]
) -> None:
    delimiter = "|---" * (header.count("|") - 1) + "|"
    doc = read_doc(f"{header}\n{delimiter}\n{row}\n", "doc.md")
    (read,) = doc.reasons
    assert (read.code, read.subcode, read.message) == (400, 8535, "Bad file.")
    assert read.events == events


def test_an_event_column_without_a_code_column_is_noted_not_read() -> None:
    doc = read_doc(
        "| Event | Subcode | Message |\n|---|---|---|\n| PlayFailed | 8535 | Bad file. |\n",
        "doc.md",
    )
    assert [(s.subcode, s.message) for s in doc.subcodes] == [(8535, "Bad file.")]
    assert [str(n) for n in doc.notes] == [
        "doc.md:1:3: note: column 'Event' not read: no field of the spec"
    ]


# --- an older copy, then a newer one ------------------------------------------------


def test_an_older_copy_then_a_newer_one_changes_the_changed_wordings_only() -> None:
    older = imported(empty_spec(), "real-time-transcription-tutorial@60705dad.md")
    newer = imported(older.text, "real-time-transcription-tutorial@19d2e838.md")
    assert newer.source == older.source
    assert (newer.added, newer.removed) == ((), ())
    assert [line.split()[:2] for line in newer.changed] == [
        ["reason", "400/8523"],
        ["reason", "400/8565"],
    ]
    changed_lines = [
        (a, b)
        for a, b in zip(older.text.splitlines(), newer.text.splitlines(), strict=True)
        if a != b
    ]
    assert changed_lines == [
        (
            "        - message: Invalid Request, only locale that contain region "
            "information are supported.",
            "        - message: Invalid Request, only locales that contain region "
            "information are supported.",
        ),
        ("    events: [TrasncriptionFailed]", "    events: [TranscriptionFailed]"),
    ]


def test_the_newer_pstn_copy_updates_the_catalogs_pstn_source() -> None:
    """An older copy of the catalog's pstn page (a typo subcode 60486 where the
    later one has 540486 and 560486), then a newer one: the typo's pair goes,
    the two pairs come back, 510403 takes the newer words."""
    today = SPEC_PATH.read_text(encoding="utf-8")
    older = imported(today, "pstn@a120856b.md")
    assert older.source == "pstn"
    assert any(line.startswith("reason 486/60486 ") for line in older.added)
    newer = imported(older.text, "pstn@e2d46687-xtqqczze.md")
    assert newer.source == "pstn"
    assert [line.split()[1] for line in newer.removed] == ["486/60486"]
    assert "486/540486" in {line.split()[1] for line in newer.added + newer.changed}
    catalog = catalog_of(newer.text)
    (blocked,) = [r for r in catalog.reasons if (r.code, r.subcode) == (403, 510403)]
    pstn = [w.message for w in blocked.wordings if "pstn" in w.sources]
    assert pstn and "Previously marked as spam and now blocked." in pstn[0]


# --- damaged pages: a result or a located error, never a traceback ------------------

_LOCATED = re.compile(r"^[^:]+:\d+:\d+: error: .+")


def _damage(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        # Mostly the tables' lines (and the front matter's), where damage matters.
        rows = [i for i, line in enumerate(lines[:80]) if "|" in line or ":" in line]
        rows += [i for i, line in enumerate(lines) if "|" in line]
        at = data.draw(st.sampled_from(rows or list(range(len(lines)))))
        line = lines[at]
        kind = data.draw(st.sampled_from(["cut", "pipe", "shuffle", "drop", "dup"]))
        if kind == "cut":
            lines[at] = line[: data.draw(st.integers(0, len(line)))]
        elif kind == "pipe" and "|" in line:
            pipes = [i for i, c in enumerate(line) if c == "|"]
            where = data.draw(st.sampled_from(pipes))
            lines[at] = line[:where] + line[where + 1 :]
        elif kind == "shuffle" and line.count("|") > 2:
            cells = line.rstrip("\r\n").split("|")
            inner = cells[1:-1]
            order = data.draw(st.permutations(inner))
            lines[at] = "|".join([cells[0], *order, cells[-1]]) + "\n"
        elif kind == "drop":
            del lines[at]
        elif kind == "dup":
            lines.insert(at, line)
    return "".join(lines)


#: The pages of moderate size (the 68 KB rendered page reads slowly).
_SMALL = [n for n in PAGES if (FIXTURES / n).stat().st_size < 20_000]


@settings(
    max_examples=int(os.environ.get("FIXTURE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(_SMALL), data=st.data())
def test_a_damaged_page_gives_a_result_or_located_errors(
    name: str, data: st.DataObject
) -> None:
    damaged = _damage(text_of(name), data)
    try:
        doc = read_doc(damaged, "doc.md")
    except SpecError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert _LOCATED.match(str(diagnostic)), str(diagnostic)
        return
    try:
        result = merge_doc(empty_spec(), "codes.yaml", doc)
    except SpecError as error:
        for diagnostic in error.diagnostics:
            assert _LOCATED.match(str(diagnostic)), str(diagnostic)
        return
    if not result.unchanged:
        catalog_of(result.text)


@pytest.mark.parametrize("name", IMPORTED)
def test_no_markup_reaches_the_words(name: str) -> None:
    """Links, ``<br>``, HTML list tags (the webjs page's stray ``</li></ul>``)
    and tabs are gone from every text read."""
    doc = doc_of(name)
    pairs: list[tuple[str | None, str | None]] = [
        (row.message, row.advice) for row in doc.reasons
    ]
    pairs += [(row.message, row.advice) for row in doc.codes]
    texts = [text for pair in pairs for text in pair if text]
    assert texts
    markup = re.compile(r"</?(?:br|li|ul|ol)\b|\]\(|\t|  ", re.IGNORECASE)
    assert [text for text in texts if markup.search(text)] == []


def test_two_copies_of_one_document_in_one_run_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copies with one title are one source: in one run the later would replace
    the earlier, and the result would depend on their order."""
    spec = tmp_path / "codes.yaml"
    spec.write_bytes(SPEC_PATH.read_bytes())
    older, newer = FIXTURES / "pstn@a120856b.md", FIXTURES / "pstn@e2d46687-xtqqczze.md"
    assert main(["import-doc", "--spec", str(spec), str(older), str(newer)]) == 1
    err = capsys.readouterr().err.splitlines()
    shown_older = err[0].split("from ")[1].split(" in this run")[0]
    assert Path(shown_older).resolve() == older
    shown_newer = err[0].split(":")[0]
    assert Path(shown_newer).resolve() == newer
    assert err == [
        f"{shown_newer}:1:1: error: this is source 'pstn' again, already imported "
        f"from {shown_older} in this run (the same title): give one copy of a "
        "document",
        f"1 error; {spec} left as it was",
    ]
    assert spec.read_bytes() == SPEC_PATH.read_bytes()
