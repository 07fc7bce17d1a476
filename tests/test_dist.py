"""The sdist and the wheel, as ``python -m build`` makes them for a release.

Both pass ``twine check --strict``, and the wheel ``check-wheel-contents``. The
wheel holds the one package and its metadata: no dependencies, the licences,
the credit to the catalog's source. The sdist holds everything the generator
and the tests need; unpacked, it regenerates the committed files unchanged,
its version check passes without git, and a part of its tests pass (the whole
suite runs here, in the checkout; see docs/testing.md).
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import tomllib
from distributions import Distributions

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"
]
VERSION: str = PROJECT["version"]
DIST_INFO = f"acs_call_codes-{VERSION}.dist-info"
SOURCE_DOCUMENT_URL = (
    "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/"
    "communication-services/resources/troubleshooting/voice-video-calling/"
    "includes/codes/call-end.md"
)
#: The sdist's tests, run from the unpacked sdist: the committed module against
#: the spec row by row, and its command line. The rest need more time than
#: make test has to spare twice, or a checkout (git, the seed beside it).
#: The report command's modules, one file each (package/_report/).
REPORT_FILES = sorted(
    f"acs_call_codes/_report/{path.name}"
    for path in (ROOT / "package" / "_report").glob("*.py")
)
SDIST_TESTS = ["tests/test_module.py", "tests/test_explain_cli.py"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _metadata(wheel: Path) -> email.message.EmailMessage:
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(f"{DIST_INFO}/METADATA")
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    assert isinstance(message, email.message.EmailMessage)
    return message


@pytest.fixture(scope="module")
def unpacked(
    distributions: Distributions, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The sdist, unpacked where no checkout is around it."""
    folder = tmp_path_factory.mktemp("sdist")
    with tarfile.open(distributions.sdist) as archive:
        archive.extractall(folder, filter="data")
    return folder / f"acs_call_codes-{VERSION}"


def test_twine_check_passes(distributions: Distributions) -> None:
    result = _run(
        [
            str(BIN / "twine"),
            "check",
            "--strict",
            str(distributions.sdist),
            str(distributions.wheel),
        ],
        ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_check_wheel_contents_passes(distributions: Distributions) -> None:
    result = _run([str(BIN / "check-wheel-contents"), str(distributions.wheel)], ROOT)
    assert (result.returncode, result.stdout) == (
        0,
        f"{distributions.wheel}: OK\n",
    ), result.stderr


def test_the_wheel_holds_the_package_and_nothing_else(
    distributions: Distributions,
) -> None:
    with zipfile.ZipFile(distributions.wheel) as archive:
        names = sorted(archive.namelist())
        init = archive.read("acs_call_codes/__init__.py")
        main = archive.read("acs_call_codes/__main__.py")
        report = {
            name: archive.read(name)
            for name in names
            if name.startswith("acs_call_codes/_report/")
        }
    assert names == [
        f"{DIST_INFO}/METADATA",
        f"{DIST_INFO}/RECORD",
        f"{DIST_INFO}/WHEEL",
        f"{DIST_INFO}/entry_points.txt",
        f"{DIST_INFO}/licenses/LICENSE",
        f"{DIST_INFO}/licenses/NOTICE",
        "acs_call_codes/__init__.py",
        "acs_call_codes/__main__.py",
        *REPORT_FILES,
        "acs_call_codes/py.typed",
    ]
    assert init == (ROOT / "generated" / "acs_call_codes.py").read_bytes()
    assert main == (ROOT / "package" / "__main__.py").read_bytes()
    assert report == {
        name: (ROOT / "package" / name.removeprefix("acs_call_codes/")).read_bytes()
        for name in REPORT_FILES
    }


def test_the_wheel_depends_on_nothing_and_credits_its_source(
    distributions: Distributions,
) -> None:
    metadata = _metadata(distributions.wheel)
    assert metadata["Name"] == "acs-call-codes"
    assert metadata["Version"] == VERSION
    assert metadata.get_all("Requires-Dist") is None
    assert metadata["Requires-Python"] == ">=3.10"
    assert metadata["License-Expression"] == "MIT AND CC-BY-4.0"
    assert metadata.get_all("License-File") == ["LICENSE", "NOTICE"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert urls["Catalog source"] == SOURCE_DOCUMENT_URL
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])
    description = metadata.get_content()
    assert "CC BY 4.0" in description
    assert "Understanding calling codes and subcodes errors" in description


def test_the_sdist_holds_what_the_generator_and_the_tests_need(
    distributions: Distributions,
) -> None:
    prefix = f"acs_call_codes-{VERSION}/"
    with tarfile.open(distributions.sdist) as archive:
        names = {
            name.removeprefix(prefix) for name in archive.getnames() if name != prefix
        }
    needed = {
        "CHANGELOG.md",
        "LICENSE",
        "Makefile",
        "NOTICE",
        "PKG-INFO",
        "README.md",
        "docs/codes.md",
        "docs/logs.md",
        "generated/acs_call_codes.py",
        "generated/acs_call_codes.csv",
        "generated/acs_call_codes.kql",
        "package/__main__.py",
        "package/_report/as_html.py",
        "package/py.typed",
        "pyproject.toml",
        "spec/codes.schema.json",
        "spec/codes.yaml",
        "templates/acs_call_codes.kql.jinja",
        "templates/codes.md.jinja",
        "templates/module.py.jinja",
        "tools/kql/.npmrc",
        "tools/kql/kql_check.js",
        "tools/kql/package-lock.json",
        "tools/kql/package.json",
    }
    for folder in ("codegen", "runtime", "tests"):
        needed |= {
            path.relative_to(ROOT).as_posix()
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
    assert needed - names == set()


def test_the_unpacked_sdist_regenerates_what_it_holds(unpacked: Path) -> None:
    python = sys.executable
    generate = _run([python, "-m", "codegen", "generate", "--check"], unpacked)
    assert (generate.returncode, generate.stdout, generate.stderr) == (0, "", "")
    # No git: a released version whose catalog is unchanged needs none.
    changelog = _run([python, "-m", "codegen", "changelog", "--check"], unpacked)
    assert changelog.returncode == 0, changelog.stderr
    version = _run([python, "-m", "codegen", "--version"], unpacked)
    assert version.stdout == f"python -m codegen {VERSION}\n"


def test_the_unpacked_sdist_passes_its_tests(unpacked: Path) -> None:
    result = _run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SDIST_TESTS],
        unpacked,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert " passed" in result.stdout.splitlines()[-1]
