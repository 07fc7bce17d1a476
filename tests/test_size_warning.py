"""The generator warns when an enum grows past what type checkers handle quickly."""

from __future__ import annotations

from pathlib import Path

import pytest
from spec_examples import ROWS

from codegen.cli import main
from codegen.limits import ENUM_MEMBER_LIMIT, size_warnings
from codegen.loader import load_spec
from codegen.model import build_catalog

ROOT = Path(__file__).resolve().parents[1]


def catalog_text(subcodes: int) -> str:
    """A valid spec whose SubCode enum has ``subcodes`` members."""
    reasons = "".join(
        f"  - {{code: 404, subcode: {n}, name: SUB_{n}, message: Gone {n}., "
        "result_category: Success}\n"
        for n in range(subcodes)
    )
    return (
        "sources:\n"
        '  - {id: doc, title: A catalog, date: "2024-10-15"}\n'
        "result_categories:\n"
        "  - {name: SUCCESS, value: Success, description: Fine.}\n"
        "code_classes:\n"
        "  - {name: CLIENT_ERROR, first: 400, last: 499, description: Client error}\n"
        "codes:\n"
        "  - {code: 404, name: CALL_NOT_FOUND, summary: Not found.}\n"
        f"reasons:\n{reasons}"
    )


def test_the_real_catalog_is_warned_about_exactly_its_big_enums() -> None:
    # `make generate` warns about each enum past the limit, and nothing else.
    sizes = {"Code": len(ROWS.codes), "SubCode": len(ROWS.subcode_names)}
    expected = [
        f"x: warning: {name} has {count:,} members; type checkers slow down past "
        f"{ENUM_MEMBER_LIMIT:,} even for code that only uses it (mypy grows with "
        "the square of its size; an exhaustive match over it takes pyright minutes)"
        for name, count in sizes.items()
        if count > ENUM_MEMBER_LIMIT
    ]
    found = size_warnings(build_catalog(load_spec(ROOT / "spec" / "codes.yaml")), "x")
    assert found == expected


def test_a_catalog_at_the_limit_draws_no_warning(tmp_path: Path) -> None:
    spec = tmp_path / "codes.yaml"
    spec.write_text(catalog_text(ENUM_MEMBER_LIMIT), encoding="utf-8")
    assert size_warnings(build_catalog(load_spec(spec)), "codes.yaml") == []


def test_a_big_enum_is_warned_about_and_the_module_is_still_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    # Black lays out the module and takes most of the time a catalog this big
    # needs; the warning and the write do not depend on it.
    monkeypatch.setattr("codegen.pipeline.format_source", lambda source: source)
    Path("codes.yaml").write_text(catalog_text(ENUM_MEMBER_LIMIT + 1), encoding="utf-8")
    status = main(["generate", "--spec", "codes.yaml", "--out", "out.py"])
    err = capsys.readouterr().err.splitlines()
    assert status == 0
    assert Path("out.py").is_file()
    assert err[0] == (
        f"codes.yaml: warning: SubCode has {ENUM_MEMBER_LIMIT + 1:,} members; type "
        f"checkers slow down past {ENUM_MEMBER_LIMIT:,} even for code that only "
        "uses it (mypy grows with the square of its size; an exhaustive match over "
        "it takes pyright minutes)"
    )
    assert err[1:] == ["out.py: written"]
    # --check warns too, and its status still says only whether the file is stale.
    assert main(["generate", "--spec", "codes.yaml", "--out", "out.py", "--check"]) == 0
    assert capsys.readouterr().err.startswith("codes.yaml: warning: SubCode has")
