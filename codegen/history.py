"""History: the spec as a release had it, found in git by its sha256.

CHANGELOG.md records the sha256 of the spec each release was made from (the
``SPEC_SHA256`` of its module). The commit that holds those bytes is found by
reading every version of the spec in the history of HEAD, so nothing depends
on tags having been pushed or fetched.
"""

from __future__ import annotations

import hashlib
import subprocess


class HistoryUnavailable(Exception):
    """Raised when git cannot answer: no git, no repository (an unpacked sdist),
    or a shallow clone that may not reach the release."""


def _git(args: list[str], stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], input=stdin, capture_output=True, check=False
        )
    except OSError as exc:
        raise HistoryUnavailable(f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(
            lines[-1] if lines else f"git exited {done.returncode}"
        )
    return done.stdout


def find_spec_commit(sha256: str, path: str) -> str | None:
    """The newest commit in HEAD's history whose ``path`` (relative to the working
    folder) has the sha256 ``sha256``, or None when no commit has it.

    Raises HistoryUnavailable when git cannot tell: not a repository, or a
    shallow clone in which none was found.
    """
    _git(["rev-parse", "--verify", "--quiet", "HEAD"])
    commits = _git(["rev-list", "HEAD", "--", path]).decode().split()
    if commits:
        # One git process reads every version: "<commit>:./<path>" per line in,
        # "<id> blob <size>\n<bytes>\n" (or "<name> missing\n") per line out.
        wanted = "".join(f"{commit}:./{path}\n" for commit in commits).encode()
        out = _git(["cat-file", "--batch"], stdin=wanted)
        at = 0
        for commit in commits:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if header[-1] == b"missing":
                continue
            size = int(header[2])
            if hashlib.sha256(out[at : at + size]).hexdigest() == sha256:
                return commit
            at += size + 1
    if _git(["rev-parse", "--is-shallow-repository"]).strip() == b"true":
        raise HistoryUnavailable(
            "a shallow clone: fetch the whole history (git fetch --unshallow)"
        )
    return None
