"""Options and fixtures shared by the tests.

``pytest --update-golden`` rewrites tests/golden/<case>/expected.py from each
case's codes.yaml instead of comparing: run it after a deliberate change to the
template or the generator, then read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from distributions import Distributions, build

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*/expected.py from their codes.yaml instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's root, made the working folder for the test.

    The generator records paths as given, relative to the working folder, so
    output made from here is the same on every machine.
    """
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> Distributions:
    """The project's sdist and wheel, built once for the whole run."""
    return build(ROOT, tmp_path_factory.mktemp("dist"))
