"""Golden cases: each tests/golden/<case>/codes.yaml beside what the catalog
decides of the module it makes.

expected.py is the generator's output with each runtime file's body replaced
by one comment naming it (``# runtime/explain.py``): the part of the module
that the catalog decides, compared byte for byte. The runtime part is the same
in every case; it is checked here once per case by pasting the runtime files
back, and the whole module, generated, must answer what its codes.yaml says
and pass mypy --strict. After a deliberate change to the template or the
generator, `pytest --update-golden` rewrites the expected files; read their
diff before committing it.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from spec_rows import SpecRows, read_spec

from codegen.format import format_source
from codegen.loader import load_runtime, load_spec
from codegen.model import build_catalog
from codegen.pipeline import catalog_part, generate_source, load_catalog
from codegen.render import render_module
from codegen.validate import validate_spec
from codegen.writer import write_if_changed

GOLDEN = Path("tests/golden")
ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(
    path.name for path in (ROOT / GOLDEN).iterdir() if (path / "codes.yaml").is_file()
)


def spec_path(case: str) -> Path:
    return GOLDEN / case / "codes.yaml"


def expected_path(case: str) -> Path:
    return GOLDEN / case / "expected.py"


def import_expected(
    case: str, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> ModuleType:
    """The case's whole module, generated into ``folder`` and imported from its
    file under a name of its own."""
    name = f"golden_{case}"
    monkeypatch.chdir(ROOT)
    out = folder / f"{name}.py"
    out.write_text(generate_source(spec_path(case), out), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, out)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look the module up in sys.modules while the classes are built.
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


def test_the_cases_are_there() -> None:
    assert set(CASES) >= {
        "aliases_and_bullets",
        "minimal",
        "multi_source",
        "no_code_info",
        "quoted_text",
        "shared_subcode",
    }


# --- output ---------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_output_is_expected_py(case: str, repo_root: Path, update_golden: bool) -> None:
    spec, out = spec_path(case), expected_path(case)
    source = catalog_part(load_catalog(spec), spec, out)
    if update_golden:
        write_if_changed(out, source)
    assert out.is_file(), "no expected.py: run pytest --update-golden"
    # Decoding bytes keeps line endings as they are: this compares byte for byte.
    assert out.read_bytes().decode("utf-8") == source


@pytest.mark.parametrize("case", CASES)
def test_the_module_is_expected_py_with_the_runtime_pasted(
    case: str, repo_root: Path
) -> None:
    expected = expected_path(case).read_text(encoding="utf-8")
    for file in load_runtime().values():
        marker = f"# {file.path}\n"
        assert expected.count(marker) == 1, file.path
        expected = expected.replace(marker, file.body)
    assert generate_source(spec_path(case), expected_path(case)) == expected


def test_the_runtime_is_pasted_verbatim(repo_root: Path) -> None:
    module = (ROOT / "generated" / "acs_call_codes.py").read_text(encoding="utf-8")
    for file in load_runtime().values():
        text = (ROOT / file.path).read_text(encoding="utf-8")
        assert file.body in text, file.path
        assert module.count(file.body) == 1, file.path


@pytest.mark.parametrize("case", CASES)
def test_the_stages_compose_to_generate_source(case: str, repo_root: Path) -> None:
    spec, out = spec_path(case), expected_path(case)
    doc = load_spec(spec, spec.as_posix())
    assert validate_spec(doc) == []
    catalog = build_catalog(doc)
    command = f"python -m codegen generate --spec {spec} --out {out}"
    rendered = render_module(catalog, load_runtime(), spec.as_posix(), command)
    assert format_source(rendered) == generate_source(spec, out)


def test_every_case_passes_mypy_strict(repo_root: Path, tmp_path: Path) -> None:
    # Each case's module whole, as a project vendoring it would check it, on
    # the oldest Python the module supports.
    paths = []
    for case in CASES:
        out = tmp_path / f"golden_{case}.py"
        out.write_text(generate_source(spec_path(case), out), encoding="utf-8")
        paths.append(str(out))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10",
         "--no-incremental", "--config-file", "", *paths],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("case", CASES)
def test_no_line_ends_in_whitespace(case: str) -> None:
    text = (ROOT / expected_path(case)).read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


@pytest.mark.parametrize("case", CASES)
def test_output_is_deterministic(case: str, repo_root: Path) -> None:
    first = generate_source(spec_path(case), expected_path(case))
    assert generate_source(spec_path(case), expected_path(case)) == first


@pytest.mark.parametrize("case", CASES)
def test_header(case: str, repo_root: Path) -> None:
    rows = read_spec(spec_path(case))
    lines = expected_path(case).read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        f"# Code generated by codegen from tests/golden/{case}/codes.yaml; DO NOT EDIT.",
        f"# Regenerate: python -m codegen generate --spec tests/golden/{case}/codes.yaml"
        f" --out tests/golden/{case}/expected.py",
        f"# Spec sha256: {rows.sha256}",
    ]


# --- answers --------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_module_answers_what_the_spec_says(
    case: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = import_expected(case, monkeypatch, tmp_path)
    rows = read_spec(ROOT / spec_path(case))

    assert module.SPEC_SHA256 == rows.sha256
    assert module.SOURCE_DOCUMENT == rows.title
    assert module.SOURCE_DATE == rows.date
    assert [(s.id, s.title, s.date, s.url) for s in module.SOURCES.values()] == [
        (row.id, row.title, row.date, row.url) for row in rows.sources
    ]
    assert list(module.SOURCES) == [row.id for row in rows.sources]

    category = module.ResultCategory
    assert [(m.name, m.value) for m in category] == [
        (row.name, row.value) for row in rows.categories
    ]
    for category_row in rows.categories:
        for alias in category_row.aliases:
            assert category(alias) is category[category_row.name]
            assert alias not in category.__members__
            assert alias not in {m.value for m in category}

    classes = sorted(rows.classes, key=lambda row: row.first)
    assert [(m.name, m.value) for m in module.CodeClass] == [
        (row.name, row.description) for row in classes
    ]
    for class_row in classes:
        member = module.CodeClass[class_row.name]
        span = range(class_row.first, class_row.last + 1)
        assert module.CODE_CLASS_RANGES[member] == span
        for code in (span.start - 1, span.start, span.stop - 1, span.stop):
            found = rows.class_of(code)
            expected = None if found is None else module.CodeClass[found.name]
            assert module.CodeClass.of(code) is expected, code

    assert [(m.name, m.value) for m in module.Code] == sorted(
        ((row.name, row.code) for row in rows.codes), key=lambda item: item[1]
    )
    assert [(m.value, m.name) for m in module.SubCode] == sorted(
        rows.subcode_names.items()
    )

    pairs = sorted((row.code, row.subcode) for row in rows.reasons)
    assert list(module.CALL_END_REASONS) == pairs
    for row in rows.reasons:
        reason = module.lookup(row.code, row.subcode)
        assert reason is module.CALL_END_REASONS[row.code, row.subcode]
        assert (reason.code, reason.subcode) == (row.code, row.subcode)
        assert type(reason.code) is module.Code
        assert type(reason.subcode) is module.SubCode
        assert reason.message == row.message
        if row.category is None:
            assert reason.result_category is None
            assert (reason.is_success, reason.is_error) == (None, None)
        else:
            assert reason.result_category is category(row.category)
        assert reason.advice == row.advice
        assert reason.sources == row.sources
        explanation = module.explain(row.code, row.subcode)
        assert explanation.match is module.MatchLevel.REASON
        assert explanation.reason is reason

    with_rows = [row for row in rows.codes if row.message is not None]
    assert list(module.CODE_INFO) == sorted(row.code for row in with_rows)
    for code_row in rows.codes:
        explanation = module.explain(code_row.code)
        if code_row.message is not None:
            info = module.CODE_INFO[code_row.code]
            assert (info.code, info.message, info.advice, info.sources) == (
                code_row.code,
                code_row.message,
                code_row.advice,
                code_row.sources,
            )
            assert explanation.match is module.MatchLevel.CODE
            assert explanation.code_info is info
        else:
            # No row of its own: the catalog's summary stands in.
            assert explanation.match is module.MatchLevel.CODE
            assert explanation.message == code_row.summary
            assert explanation.code_info is None

    assert list(module.SUBCODE_INFO) == sorted(row.subcode for row in rows.subcodes)
    for info_row in rows.subcodes:
        subcode_info = module.SUBCODE_INFO[info_row.subcode]
        assert type(subcode_info.subcode) is module.SubCode
        assert subcode_info.subcode.name == info_row.name
        assert (subcode_info.message, subcode_info.sources) == (
            info_row.message,
            info_row.sources,
        )

    rules = sorted(rows.rules, key=lambda row: row.first)
    assert [
        (
            r.name, r.prefix, r.digits, r.first, r.last, r.reads, r.direction,
            r.message, r.advice, r.sources,
        )
        for r in module.SUBCODE_RULES
    ] == [
        (
            r.name, r.prefix, r.digits, r.first, r.last, r.reads, r.direction,
            r.message, r.advice, r.sources,
        )
        for r in rules
    ]  # fmt: skip


def member_docstrings(source: str, class_name: str) -> dict[str, str]:
    """Each member of the class to the string literal right after it, as tools
    show it (through inspect.cleandoc) with whitespace runs made one space."""
    tree = ast.parse(source)
    (cls,) = [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == class_name
    ]
    docs: dict[str, str] = {}
    for statement, following in zip(cls.body, cls.body[1:], strict=False):
        if not isinstance(statement, ast.Assign):
            continue
        (target,) = statement.targets
        assert isinstance(target, ast.Name)
        assert isinstance(following, ast.Expr), f"{target.id} has no docstring"
        assert isinstance(following.value, ast.Constant)
        assert isinstance(following.value.value, str)
        docs[target.id] = " ".join(inspect.cleandoc(following.value.value).split())
    return docs


def expected_docstrings(rows: SpecRows) -> dict[str, dict[str, str]]:
    """What each member's docstring says, by class and member, from the spec."""
    names = {row.code: row.name for row in rows.codes}
    # What a subcode means whatever its code comes first, then each code's row;
    # a subcode with one row and no such meaning is that row's message alone.
    subcodes: dict[str, list[str]] = {row.name: [row.message] for row in rows.subcodes}
    for row in sorted(rows.reasons, key=lambda r: (r.subcode, r.code)):
        subcodes.setdefault(row.name, []).append(
            f"With Code.{names[row.code]} ({row.code}): {row.message}"
        )
    generic = {row.name for row in rows.subcodes}
    single = {
        row.name: row.message
        for row in rows.reasons
        if len(subcodes[row.name]) == 1 and row.name not in generic
    }
    texts = {
        "ResultCategory": {row.name: row.description for row in rows.categories},
        "CodeClass": {
            row.name: f"Codes {row.first} to {row.last}." for row in rows.classes
        },
        "Code": {row.name: row.message or row.summary for row in rows.codes},
        "SubCode": {
            name: single.get(name, "\n\n".join(parts))
            for name, parts in subcodes.items()
        },
    }
    return {
        cls: {name: " ".join(text.split()) for name, text in members.items()}
        for cls, members in texts.items()
    }


def signalling_docstrings(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """SipStatus and Q850Cause docstrings, and the SDKs' names each SubCode
    member's docstring ends with, from the spec's raw sections."""
    labels = {
        row["id"]: (f"RFC {row['id'][3:]}" if row["id"][3:].isdigit() else row["title"])
        for row in spec.get("references", [])
    }
    statuses = spec.get("sip_statuses", {}).get("statuses", [])
    phrases = {row["code"]: row["phrase"] for row in statuses}
    q850 = spec.get("q850_causes", {})
    mapping = labels.get(q850.get("sip_mapping"), "")
    sip = {
        row["name"]: f"{row['phrase']} ({labels[row['reference']]})."
        + (f" {row['note']}" if "note" in row else "")
        for row in statuses
    }
    causes = {
        row["name"]: f"{row['phrase']}."
        + (
            f" {mapping} maps it to SIP {row['sip']} {phrases[row['sip']]}."
            if "sip" in row
            else ""
        )
        for row in q850.get("causes", [])
    }
    sdk = {
        row["subcode"]: f"In the SDKs: {row['java']} (Java), {row['dotnet']} (.NET)."
        for row in spec.get("sdk_names", [])
    }
    return {
        "SipStatus": sip,
        "Q850Cause": causes,
        "sdk": {str(k): v for k, v in sdk.items()},
    }


@pytest.mark.parametrize("case", CASES)
def test_member_docstrings_are_the_spec_text(case: str) -> None:
    source = (ROOT / expected_path(case)).read_text(encoding="utf-8")
    expected = expected_docstrings(read_spec(ROOT / spec_path(case)))
    raw = yaml.safe_load((ROOT / spec_path(case)).read_text(encoding="utf-8"))
    signalling = signalling_docstrings(raw)
    names = {row["subcode"]: row["name"] for row in raw["reasons"]}
    names.update((row["subcode"], row["name"]) for row in raw.get("subcodes", []))
    for subcode, sentence in signalling.pop("sdk").items():
        name = names[int(subcode)]
        expected["SubCode"][name] = " ".join(
            f"{expected['SubCode'][name]} {sentence}".split()
        )
    expected.update(signalling)
    for class_name, members in expected.items():
        assert member_docstrings(source, class_name) == members, class_name


# --- what each case is for ------------------------------------------------------
# An edit to a case's codes.yaml must not quietly drop what the case is there for.


def test_shared_subcode_case_shares_a_subcode() -> None:
    rows = read_spec(ROOT / spec_path("shared_subcode"))
    codes_of_zero = sorted(row.code for row in rows.reasons if row.subcode == 0)
    assert len(codes_of_zero) >= 3
    source = (ROOT / expected_path("shared_subcode")).read_text(encoding="utf-8")
    for code in codes_of_zero:
        assert f"With Code.{rows.code_row(code).name} ({code}):" in source


def test_aliases_and_bullets_case_has_both() -> None:
    rows = read_spec(ROOT / spec_path("aliases_and_bullets"))
    assert max(len(row.aliases) for row in rows.categories) >= 2
    texts = [row.message for row in rows.reasons] + [
        text for row in rows.codes for text in (row.message, row.advice) if text
    ]
    assert sum("\n- " in text for text in texts) >= 3


def test_no_code_info_case_has_empty_mappings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = read_spec(ROOT / spec_path("no_code_info"))
    assert all(row.message is None for row in rows.codes)
    assert all(row.advice is None for row in rows.reasons)
    assert all(not row.aliases for row in rows.categories)
    module = import_expected("no_code_info", monkeypatch, tmp_path)
    assert dict(module.CODE_INFO) == {}
    assert {r.advice for r in module.CALL_END_REASONS.values()} == {None}


def test_multi_source_case_has_every_part(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = read_spec(ROOT / spec_path("multi_source"))
    listed = [row.id for row in rows.sources]
    # Precedence, not the order of the list, decides which source comes first.
    assert len(listed) >= 2 and rows.title != rows.sources[-1].title
    data = (ROOT / spec_path("multi_source")).read_text(encoding="utf-8")
    assert data.index(f"id: {listed[0]}") > data.index(f"id: {listed[1]}")
    preferred = [row for row in rows.reasons if row.prefer is not None]
    assert preferred and all(row.prefer != listed[0] for row in preferred)
    assert any(row.variants for row in rows.reasons)
    assert any(row.category is None for row in rows.reasons)
    reason_subcodes = {row.subcode for row in rows.reasons}
    assert any(row.subcode not in reason_subcodes for row in rows.subcodes)
    assert any(row.subcode in reason_subcodes for row in rows.subcodes)
    assert rows.rules

    module = import_expected("multi_source", monkeypatch, tmp_path)
    for row in preferred:
        reason = module.lookup(row.code, row.subcode)
        assert reason.sources[0] == row.prefer
        assert reason.message == row.message
    (rule,) = module.SUBCODE_RULES
    inside = [s for s in rows.subcode_names if rule.first <= s <= rule.last]
    assert inside
    for subcode in inside:
        assert rule.read(subcode) == int(str(subcode)[len(str(rule.prefix)) :])


def test_quoted_text_case_needs_repr_docstrings() -> None:
    source = (ROOT / expected_path("quoted_text")).read_text(encoding="utf-8")
    # A member docstring that a triple-quoted literal could not hold as it is.
    assert re.search(r"^    '.*'$", source, flags=re.MULTILINE)
