"""The writer: --check calls a file stale exactly when generate would rewrite it."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.writer import stale_diff, write_if_changed

CONTENT = 'x = "caf\u00e9"\ny = "\ufffd"\n'
DATA = CONTENT.encode("utf-8")


@pytest.mark.parametrize(
    ("on_disk", "stale"),
    [
        pytest.param(DATA, False, id="same"),
        pytest.param(None, True, id="missing"),
        pytest.param(b"", True, id="empty"),
        pytest.param(DATA.replace(b"\n", b"\r\n"), True, id="crlf"),
        pytest.param(DATA.rstrip(b"\n"), True, id="no-final-newline"),
        pytest.param(b"\xff\xfe" + DATA, True, id="not-utf8"),
        # Decodes, with errors replaced, to CONTENT itself.
        pytest.param(DATA.replace("\ufffd".encode(), b"\xff"), True, id="lookalike"),
    ],
)
def test_stale_exactly_when_a_write_would_happen(
    tmp_path: Path, on_disk: bytes | None, stale: bool
) -> None:
    path = tmp_path / "out.py"
    if on_disk is not None:
        path.write_bytes(on_disk)
    diff = stale_diff(path, CONTENT, "out.py")
    assert bool(diff) is stale
    if stale:
        assert diff.startswith("--- out.py (on disk)\n+++ out.py (from the spec)\n")
        # Every line of the diff ends where it should.
        assert all(
            line.startswith(("---", "+++", "@@", "-", "+", " ", "\\", "("))
            for line in diff.split("\n")[:-1]
        )
        assert diff.endswith("\n")
    assert write_if_changed(path, CONTENT) is stale
    assert path.read_bytes() == DATA
    assert stale_diff(path, CONTENT, "out.py") == ""


def test_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "out.py"
    path.write_bytes(b"x = 1")
    assert stale_diff(path, "x = 1\n", "out.py").splitlines()[3:] == [
        "-x = 1",
        "\\ No newline at end of file",
        "+x = 1",
    ]


def test_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.py"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)
    assert write_if_changed(path, "new\n") is True
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.py"]
