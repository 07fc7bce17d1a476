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
    """A unified diff from the file at ``path`` to ``content``; empty when they match."""
    try:
        # A file that is not UTF-8 is stale too; the diff shows it, mangled.
        old = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        old = ""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            content.splitlines(keepends=True),
            fromfile=f"{shown} (on disk)",
            tofile=f"{shown} (from the spec)",
        )
    )
