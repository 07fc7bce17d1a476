"""The version has one home, pyproject.toml, and everything else follows it.

The committed module carries it as ``__version__`` (the drift check covers
it), both command lines print it with ``--version``, and a module generated
from any other catalog says it is no release's. Version arithmetic: the bump
between two versions, and whether it covers what a change needs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import acs_call_codes
import pytest
import tomllib
from generated_modules import generate_and_import

from codegen.changes import MAJOR, MINOR, NONE, PATCH
from codegen.cli import main
from codegen.diagnostics import SpecError
from codegen.loader import load_spec, read_text
from codegen.model import build_catalog
from codegen.pipeline import module_source, read_version
from codegen.render import UNVERSIONED
from codegen.validate import validate_spec
from codegen.version import Version, covers, project_version

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]["version"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_module_carries_the_projects_version() -> None:
    assert acs_call_codes.__version__ == VERSION
    assert str(read_version(ROOT / "pyproject.toml")) == VERSION
    assert Version.parse(VERSION) is not None, "a release is MAJOR.MINOR.PATCH"


def test_python_m_version(tmp_path: Path) -> None:
    module = _run([sys.executable, "-m", "acs_call_codes", "--version"], GENERATED)
    script = _run(
        [sys.executable, str(GENERATED / "acs_call_codes.py"), "--version"], tmp_path
    )
    codegen = _run([sys.executable, "-m", "codegen", "--version"], ROOT)
    assert (module.returncode, module.stdout) == (
        0,
        f"python -m acs_call_codes {VERSION}\n",
    )
    # Run as a file, the command is named after it, as argparse names it.
    assert (script.returncode, script.stdout) == (0, f"acs_call_codes.py {VERSION}\n")
    assert (codegen.returncode, codegen.stdout) == (0, f"python -m codegen {VERSION}\n")


def test_main_names_the_command_it_is_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        acs_call_codes._main(["--version"], prog="acs-call-codes")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"acs-call-codes {VERSION}\n"


def test_the_version_is_the_checkouts_own_catalogs(tmp_path: Path) -> None:
    """Written elsewhere, the checkout's spec still makes a module of this
    version; a copy of it, or any other catalog, makes one of no release."""
    doc = load_spec(ROOT / "spec" / "codes.yaml", "spec/codes.yaml")
    assert validate_spec(doc) == []
    catalog = build_catalog(doc)
    elsewhere = module_source(catalog, ROOT / "spec" / "codes.yaml", tmp_path / "m.py")
    assert f'\n__version__: Final[str] = "{VERSION}"\n' in elsewhere
    text = (ROOT / "spec" / "codes.yaml").read_text(encoding="utf-8")
    other = generate_and_import(text, tmp_path, "copy_of_the_catalog")
    assert other.__version__ == UNVERSIONED


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            '[project]\nname = "x"\nversion = "1.2"\n',
            "pyproject.toml:3:1: error: [project] version must be MAJOR.MINOR.PATCH, not '1.2'",
        ),
        (
            '[project]\nname = "x"\nversion = "1.2.0rc1"\n',
            "pyproject.toml:3:1: error: [project] version must be MAJOR.MINOR.PATCH, not '1.2.0rc1'",
        ),
        (
            '[project]\nname = "x"\ndynamic = ["version"]\n',
            "pyproject.toml: error: [project] version must be MAJOR.MINOR.PATCH, not None",
        ),
    ],
    ids=["two-parts", "pre-release", "dynamic"],
)  # fmt: skip
def test_a_version_that_is_not_semver_is_an_error(text: str, error: str) -> None:
    with pytest.raises(SpecError) as raised:
        project_version(text, "pyproject.toml")
    assert [str(d) for d in raised.value.diagnostics] == [error]


def test_an_unreadable_pyproject_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        read_version(Path("pyproject.toml"))
    (diagnostic,) = raised.value.diagnostics
    assert str(diagnostic).startswith("pyproject.toml: error: invalid TOML: ")
    assert read_text(tmp_path / "pyproject.toml") == "[project\n"
    # The changelog command reports it like any input error, and exits 1.
    assert main(["changelog", "--check"]) == 1
    assert capsys.readouterr().err.startswith("pyproject.toml: error: invalid TOML: ")


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.2.3", "2.0.0", MAJOR),
        ("0.1.0", "1.0.0", MAJOR),
        ("1.2.3", "1.3.0", MINOR),
        ("1.2.3", "1.2.4", PATCH),
        ("1.2.3", "1.2.3", NONE),
    ],
)
def test_the_bump_between_two_versions(old: str, new: str, bump: str) -> None:
    before, after = Version.parse(old), Version.parse(new)
    assert before is not None and after is not None
    assert before.bump_to(after) == bump
    if bump != NONE:
        assert before.bumped(bump) <= after


@pytest.mark.parametrize(
    "text", ["1.2", "01.2.3", "1.2.3.4", "v1.2.3", "1.2.3-rc.1", ""]
)
def test_only_plain_semver_parses(text: str) -> None:
    assert Version.parse(text) is None


def test_a_bigger_bump_covers_a_smaller_need() -> None:
    order = [NONE, PATCH, MINOR, MAJOR]
    for i, bump in enumerate(order):
        for j, needed in enumerate(order):
            assert covers(bump, needed) is (i >= j)
