"""Whatever fails, the output file stays as it was and no temporary file is left.

Failures are made to happen part-way, at each step of a write (creating the
temporary file, writing it, syncing it, replacing the output) and before it
(formatting), both in write_if_changed and through the command line.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import codegen.pipeline
from codegen.cli import main
from codegen.limits import size_warnings
from codegen.pipeline import load_catalog, portable
from codegen.writer import stale_diff, write_if_changed

ROOT = Path(__file__).resolve().parents[1]
# A small catalog of several sources: what these tests check does not depend on
# the catalog's size, and black takes seconds on the real one.
SPEC = ROOT / "tests" / "golden" / "multi_source" / "codes.yaml"
PREVIOUS = b"# the previous module: not what the spec gives\n"


def _fail(exc: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


@pytest.fixture
def out(tmp_path: Path) -> Path:
    path = tmp_path / "acs_call_codes.py"
    path.write_bytes(PREVIOUS)
    path.chmod(0o640)
    return path


def _left_alone(out: Path) -> None:
    """The previous file is there byte for byte, with nothing beside it."""
    assert out.read_bytes() == PREVIOUS
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in out.parent.iterdir()] == [out.name]


# Each step of a write, made to fail: the exception propagates, nothing changes.
STEPS: list[tuple[str, object, str, BaseException]] = [
    ("create", tempfile, "mkstemp", PermissionError(13, "Permission denied")),
    ("sync", os, "fsync", OSError(28, "No space left on device")),
    ("chmod", os, "chmod", PermissionError(1, "Operation not permitted")),
    ("replace", os, "replace", OSError(16, "Device or resource busy")),
    ("interrupt", os, "replace", KeyboardInterrupt()),
]


@pytest.mark.parametrize(
    ("target", "name", "exc"),
    [step[1:] for step in STEPS],
    ids=[step[0] for step in STEPS],
)
def test_a_failed_write_leaves_the_previous_file(
    target: object,
    name: str,
    exc: BaseException,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(target, name, _fail(exc))
    with pytest.raises(type(exc)):
        write_if_changed(out, "x = 1\n")
    monkeypatch.undo()
    _left_alone(out)


def test_a_write_that_fails_half_written_leaves_the_previous_file(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class HalfWriter:
        """A file that takes a few bytes and then finds the disk full."""

        def __init__(self, fd: int) -> None:
            self._file = real_fdopen(fd, "wb")

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            self._file.write(data[:10])
            self._file.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(fd))
    with pytest.raises(OSError, match="No space"):
        write_if_changed(out, "x = 1\n" * 1000)
    monkeypatch.undo()
    _left_alone(out)


def test_a_successful_write_keeps_the_mode_and_leaves_nothing_else(out: Path) -> None:
    assert write_if_changed(out, "x = 1\n") is True
    assert out.read_bytes() == b"x = 1\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_an_unchanged_file_is_not_written(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _fail(AssertionError("written")))
    assert write_if_changed(out, PREVIOUS.decode()) is False
    _left_alone(out)


def test_stale_diff_of_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"x = '\xff'\n")
    diff = stale_diff(path, "x = 1\n", "m.py")
    assert "-x = '\ufffd'\n" in diff
    assert "+x = 1\n" in diff
    assert path.read_bytes() == b"x = '\xff'\n"


# --- through the command line ----------------------------------------------------


def _generate(out: Path, *extra: str) -> int:
    return main(["generate", "--spec", str(SPEC), "--out", str(out), *extra])


def _warnings() -> list[str]:
    """What generate says of SPEC before it writes: its size warnings, if it has
    any (tests/test_size_warning.py)."""
    return size_warnings(load_catalog(SPEC), portable(SPEC))


@pytest.mark.parametrize(
    ("target", "name", "exc", "message"),
    [
        (
            tempfile,
            "mkstemp",
            PermissionError(13, "Permission denied"),
            "Permission denied",
        ),
        (
            os,
            "replace",
            OSError(16, "Device or resource busy"),
            "Device or resource busy",
        ),
    ],
    ids=["unwritable folder", "replace fails"],
)
def test_cli_reports_a_failed_write(
    target: object,
    name: str,
    exc: BaseException,
    message: str,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(target, name, _fail(exc))
    assert _generate(out) == 1
    monkeypatch.undo()
    assert capsys.readouterr().err.splitlines() == [
        *_warnings(),
        f"{out.as_posix()}: error: cannot write: {message}",
    ]
    _left_alone(out)


def test_cli_reports_a_formatter_that_fails(
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        codegen.pipeline, "format_source", _fail(ValueError("black gave up"))
    )
    assert _generate(out) == 1
    assert capsys.readouterr().err.splitlines() == [
        *_warnings(),
        f"{out.as_posix()}: error: cannot generate the module (black gave up);"
        " left as it was",
    ]
    _left_alone(out)


def test_cli_reports_an_output_that_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "module.py"
    folder.mkdir()
    assert _generate(folder) == 1
    assert _generate(folder, "--check") == 1
    assert capsys.readouterr().err.splitlines() == [
        *_warnings(),
        f"{folder.as_posix()}: error: cannot write: Is a directory",
        *_warnings(),
        f"{folder.as_posix()}: error: cannot read: Is a directory",
    ]
    assert list(folder.iterdir()) == []


def test_cli_reports_an_output_under_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_bytes(PREVIOUS)
    assert _generate(tmp_path / "file" / "module.py") == 1
    assert capsys.readouterr().err.splitlines() == [
        *_warnings(),
        f"{(tmp_path / 'file' / 'module.py').as_posix()}: error: cannot write:"
        " Not a directory",
    ]
    assert (tmp_path / "file").read_bytes() == PREVIOUS


def test_check_never_writes(
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(os, "replace", _fail(AssertionError("written")))
    monkeypatch.setattr(tempfile, "mkstemp", _fail(AssertionError("written")))
    assert _generate(out, "--check") == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"--- {out.as_posix()} (on disk)\n")
    assert captured.err.splitlines() == [
        *_warnings(),
        f"{out.as_posix()} is stale: run `make generate`",
    ]
    _left_alone(out)
    missing = out.parent / "missing.py"
    assert _generate(missing, "--check") == 1
    assert not missing.exists()
