"""The wheel installs a typed package and one command, and nothing else.

The wheel that ``python -m build`` makes (tests/distributions.py) is installed
into a fresh virtual environment with no package index, so an install that
needed any dependency would fail. There, acs_call_codes is a package with a
``py.typed`` marker (PEP 561) that mypy reads from another project;
``acs-call-codes`` and ``python -m acs_call_codes`` answer, ``--version``
included; and no other distribution or top-level name, ``codegen`` least of
all, has come with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomllib
from distributions import Distributions
from spec_examples import PLAIN_REASON, code_name

ROOT = Path(__file__).resolve().parents[1]
MODULE_PATH = ROOT / "generated" / "acs_call_codes.py"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]["version"]

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
# What the fresh environment holds, as its own Python sees it.
INVENTORY = """\
import importlib.metadata, importlib.util, json, sys, sysconfig
from pathlib import Path

site = Path(sysconfig.get_paths()["purelib"])
print(json.dumps({
    "distributions": sorted(d.metadata["Name"] for d in importlib.metadata.distributions()),
    "site_packages": sorted(p.name for p in site.iterdir() if p.name != "__pycache__"),
    "codegen": importlib.util.find_spec("codegen") is not None,
}))
"""


@dataclass(frozen=True)
class Installed:
    """A virtual environment with the project's wheel installed in it."""

    root: Path
    python: Path
    bin: Path

    def run(self, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        env = {
            k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")
        }
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
def installed(
    distributions: Distributions, tmp_path_factory: pytest.TempPathFactory
) -> Installed:
    base = tmp_path_factory.mktemp("install")
    venv = base / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    python = venv / "bin" / "python"
    # No index and no --no-deps: a dependency would make the install fail.
    _check(
        [
            *(sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"),
            *("--python", str(python), "install", "--no-index"),
            str(distributions.wheel),
        ],
        base,
    )
    return Installed(venv, python, venv / "bin")


def test_nothing_but_the_package_is_installed(
    installed: Installed, tmp_path: Path
) -> None:
    result = installed.run([str(installed.python), "-c", INVENTORY], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    inventory = json.loads(result.stdout)
    assert inventory == {
        "distributions": ["acs-call-codes"],
        "site_packages": ["acs_call_codes", f"acs_call_codes-{VERSION}.dist-info"],
        "codegen": False,
    }
    assert sorted(p.name for p in installed.bin.glob("acs*")) == ["acs-call-codes"]


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


def test_version_on_both_command_lines(installed: Installed, tmp_path: Path) -> None:
    command = installed.run(
        [str(installed.bin / "acs-call-codes"), "--version"], tmp_path
    )
    module = installed.run(
        [str(installed.python), "-m", "acs_call_codes", "--version"], tmp_path
    )
    assert (command.returncode, command.stdout, command.stderr) == (
        0,
        f"acs-call-codes {VERSION}\n",
        "",
    )
    assert (module.returncode, module.stdout, module.stderr) == (
        0,
        f"python -m acs_call_codes {VERSION}\n",
        "",
    )


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_the_command_is_python_m_acs_call_codes(
    installed: Installed, tmp_path: Path, as_json: bool
) -> None:
    pair = [str(PLAIN_REASON.code), str(PLAIN_REASON.subcode)]
    flags = ["--json"] if as_json else []
    module = installed.run(
        [str(installed.python), "-m", "acs_call_codes", *pair, *flags], tmp_path
    )
    command = installed.run(
        [str(installed.bin / "acs-call-codes"), *pair, *flags], tmp_path
    )
    assert module.returncode == 0, module.stderr
    assert (command.returncode, command.stdout, command.stderr) == (
        0,
        module.stdout,
        "",
    )
    if as_json:
        assert json.loads(module.stdout)["subcode_name"] == PLAIN_REASON.name
    else:
        assert module.stdout.startswith(f"code {PLAIN_REASON.code} (")


def test_the_readmes_pair_is_explained(installed: Installed, tmp_path: Path) -> None:
    result = installed.run(
        [str(installed.python), "-m", "acs_call_codes", "487", "10004"], tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("code 487 (")


def test_the_command_names_itself_in_usage_errors(
    installed: Installed, tmp_path: Path
) -> None:
    command = installed.run([str(installed.bin / "acs-call-codes"), "abc"], tmp_path)
    module = installed.run(
        [str(installed.python), "-m", "acs_call_codes", "abc"], tmp_path
    )
    assert command.returncode == module.returncode == 2
    assert command.stderr.splitlines()[-1].startswith("acs-call-codes: error: ")
    assert module.stderr.splitlines()[-1].startswith(
        "python -m acs_call_codes: error: "
    )


def test_the_report_command_is_installed(installed: Installed, tmp_path: Path) -> None:
    log = tmp_path / "calls.jsonl"
    log.write_text(
        '{"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"}\n'
        '{"ParticipantEndReason": "0", "ParticipantEndSubCode": "0"}\n',
        encoding="utf-8",
    )
    module = installed.run(
        [
            str(installed.python),
            "-m",
            "acs_call_codes",
            "report",
            str(log),
            "--format",
            "json",
        ],
        tmp_path,
    )
    command = installed.run(
        [str(installed.bin / "acs-call-codes"), "report", str(log), "--format", "json"],
        tmp_path,
    )
    assert module.returncode == 0, module.stderr
    assert (command.returncode, command.stdout) == (0, module.stdout)
    report = json.loads(module.stdout)
    assert [(p["code"], p["subcode"], p["count"]) for p in report["pairs"]] == [
        (0, 0, 1),
        (487, 10004, 1),
    ]
    usage = installed.run([str(installed.bin / "acs-call-codes"), "report"], tmp_path)
    assert usage.returncode == 2
    assert usage.stderr.splitlines()[-1].startswith("acs-call-codes report: error: ")


def test_the_report_page_is_installed(installed: Installed, tmp_path: Path) -> None:
    """``acs_call_codes._report.as_html`` renders the report's JSON from the
    installed package alone, with the catalog's sources linked."""
    log = tmp_path / "calls.jsonl"
    log.write_text(
        '{"ParticipantEndReason": "487", "ParticipantEndSubCode": "10004"}\n',
        encoding="utf-8",
    )
    script = (
        "import io, json, sys, contextlib\n"
        "from acs_call_codes import _report\n"
        "from acs_call_codes._report.as_html import render_html\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    _report.main([sys.argv[1], '--format', 'json'])\n"
        "sys.stdout.write(render_html(json.loads(out.getvalue())))\n"
    )
    result = installed.run([str(installed.python), "-c", script, str(log)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "487/10004" in result.stdout
    assert 'href="https://github.com/MicrosoftDocs/azure-docs/' in result.stdout
