"""``pip install .`` gives an importable, typed acs_call_codes and a working generator.

The project is built into a wheel (offline, with the setuptools of this
environment) from a copy of the checkout, and installed into a fresh virtual
environment. There, acs_call_codes is a package with a ``py.typed`` marker
(PEP 561), so mypy in another project reads its types; ``python -m
acs_call_codes`` and ``acs-codegen explain`` answer; and ``acs-codegen generate``
makes the same module from a spec outside any checkout, with the template and
the schema that were installed with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
from spec_examples import PLAIN_REASON, code_name

from codegen.cli import load_catalog
from codegen.limits import size_warnings

ROOT = Path(__file__).resolve().parents[1]
MODULE_PATH = ROOT / "generated" / "acs_call_codes.py"
# Left out of the copy that is built: nothing in them goes into the wheel.
NOT_BUILT = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "tests",
)

# Members named as the spec names them: mypy knows them only from the types.
CONSUMER = f"""\
from acs_call_codes import Code, ResultCategory, SubCode, explain, lookup

reason = lookup(Code.{code_name(PLAIN_REASON.code)}, SubCode.{PLAIN_REASON.name})
category: ResultCategory | None = None if reason is None else reason.result_category
member: Code | None = Code.parse("{PLAIN_REASON.code}")
unexpected: bool | None = explain(495, 4507).is_unexpected
"""
# The same consumer with one mistake, which mypy sees only if it reads the types.
MISTAKE = f'name: str = Code.parse("{PLAIN_REASON.code}")\n'


@dataclass(frozen=True)
class Installed:
    """A virtual environment with the project's wheel installed in it."""

    root: Path
    python: Path
    bin: Path
    # The generator's dependencies come from the test's own environment: the
    # wheel is installed without them, so that nothing is downloaded.
    dependencies: Path

    def run(
        self, args: list[str], cwd: Path, with_dependencies: bool = False
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        if with_dependencies:
            env["PYTHONPATH"] = str(self.dependencies)
        return subprocess.run(
            args,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


def _check(args: list[str], cwd: Path) -> None:
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    source, dist, venv = base / "source", base / "dist", base / "venv"
    shutil.copytree(ROOT, source, ignore=NOT_BUILT)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    offline = ["--no-deps", "--no-build-isolation", "--no-index"]
    _check([*pip, "wheel", *offline, "--wheel-dir", str(dist), str(source)], base)
    (wheel,) = dist.glob("acs_call_codes-*.whl")
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    python = venv / "bin" / "python"
    _check(
        [
            *pip,
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        base,
    )
    dependencies = Path(sysconfig.get_paths()["purelib"])
    return Installed(venv, python, venv / "bin", dependencies)


def test_module_is_a_typed_package_in_site_packages(installed: Installed) -> None:
    result = installed.run(
        [
            str(installed.python),
            "-c",
            "import acs_call_codes; print(acs_call_codes.__file__)",
        ],
        cwd=installed.root,
    )
    assert result.returncode == 0, result.stderr
    init = Path(result.stdout.strip())
    assert init.is_relative_to(installed.root)
    assert (init.parent.name, init.name) == ("acs_call_codes", "__init__.py")
    assert (init.parent / "py.typed").is_file()
    assert init.read_bytes() == MODULE_PATH.read_bytes()


def test_mypy_reads_the_installed_types(installed: Installed, tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(CONSUMER, encoding="utf-8")
    (tmp_path / "bad.py").write_text(CONSUMER + MISTAKE, encoding="utf-8")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mypy", "--strict", "--no-error-summary"),
            f"--python-executable={installed.python}",
            f"--cache-dir={tmp_path / 'cache'}",
            *("good.py", "bad.py"),
        ],
        cwd=tmp_path,
        env={
            k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    line = len(CONSUMER.splitlines()) + 1
    assert result.stdout.splitlines() == [
        f"bad.py:{line}: error: Incompatible types in assignment (expression has "
        'type "Code | None", variable has type "str")  [assignment]'
    ]


def test_python_m_and_acs_codegen_explain(installed: Installed, tmp_path: Path) -> None:
    pair = [str(PLAIN_REASON.code), str(PLAIN_REASON.subcode)]
    module = installed.run(
        [str(installed.python), "-m", "acs_call_codes", *pair, "--json"],
        cwd=tmp_path,
    )
    assert module.returncode == 0, module.stderr
    assert json.loads(module.stdout)["subcode_name"] == PLAIN_REASON.name
    script = installed.run(
        [str(installed.bin / "acs-codegen"), "explain", *pair, "--json"],
        cwd=tmp_path,
        with_dependencies=True,
    )
    assert (script.returncode, script.stdout, script.stderr) == (0, module.stdout, "")


def test_generator_works_outside_the_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    (tmp_path / "spec").mkdir()
    shutil.copy(ROOT / "spec" / "codes.yaml", tmp_path / "spec" / "codes.yaml")
    where = installed.run(
        [str(installed.python), "-c", "import codegen; print(codegen.__file__)"],
        cwd=tmp_path,
        with_dependencies=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.root), where.stderr
    generate = [str(installed.bin / "acs-codegen"), "generate"]
    args = ["--spec", "spec/codes.yaml", "--out", "generated/acs_call_codes.py"]
    result = installed.run([*generate, *args], cwd=tmp_path, with_dependencies=True)
    assert result.returncode == 0, result.stderr
    made = tmp_path / "generated" / "acs_call_codes.py"
    assert made.read_bytes() == MODULE_PATH.read_bytes()
    check = installed.run(
        [*generate, *args, "--check"], cwd=tmp_path, with_dependencies=True
    )
    # Nothing but the catalog's size warnings, which the checkout's run also prints.
    warnings = size_warnings(load_catalog(ROOT / "spec" / "codes.yaml"), args[1])
    expected = "".join(f"{line}\n" for line in warnings)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", expected)
