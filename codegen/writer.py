"""Stage 6, write: replace the output atomically, and only when its bytes change."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, content: str) -> bool:
    """Write ``content`` to ``path`` unless it is there already; True if written.

    The text goes to a temporary file in the same folder, which then replaces the
    old file in one step: a failure part-way leaves the old file as it was.
    """
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def stale_diff(path: Path, content: str, shown: str) -> str:
    """A unified diff from the file at ``path`` to ``content``; empty when they match.

    It is empty exactly when write_if_changed would not write: the bytes are
    compared, so a file that differs only in line endings or in bytes that are
    not UTF-8 is stale too.
    """
    data = content.encode("utf-8")
    try:
        on_disk = path.read_bytes()
    except FileNotFoundError:
        on_disk = b""
    else:
        if on_disk == data:
            return ""
    # bytes.decode keeps "\r\n", so line endings show in the diff.
    old = on_disk.decode("utf-8", errors="replace")
    fromfile, tofile = f"{shown} (on disk)", f"{shown} (from the spec)"
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        content.splitlines(keepends=True),
        fromfile=fromfile,
        tofile=tofile,
    )
    # A last line without a newline is marked the way diff(1) marks it, so the
    # next line of the diff does not run on from it.
    diff = "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
        for line in lines
    )
    # Bytes that decode to the very same text (undecodable bytes in place of
    # U+FFFD) leave no textual difference to show.
    return diff or f"--- {fromfile}\n+++ {tofile}\n(the files differ in bytes only)\n"
