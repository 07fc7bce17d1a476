"""Versions: the project's, read from pyproject.toml, and the semver bump
between two of them.

The version has one home, ``[project] version`` in pyproject.toml. The
generator renders it into the module as ``__version__`` (so the drift check
covers it), and ``codegen changelog --check`` holds it against the catalog's
changes since the last release (codegen/changelog.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tomllib

from codegen.changes import MAJOR, MINOR, NONE, PATCH
from codegen.diagnostics import Diagnostic, SpecError

#: From the least to the most a change can ask of a version.
BUMPS = (NONE, PATCH, MINOR, MAJOR)

_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


@dataclass(frozen=True, order=True)
class Version:
    """A release version, MAJOR.MINOR.PATCH (no pre-release or local part)."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """The version ``text`` spells, or None: ``Version.parse("0.2.0")``."""
        found = _SEMVER.fullmatch(text)
        if found is None:
            return None
        major, minor, patch = (int(part) for part in found.groups())
        return cls(major, minor, patch)

    def bump_to(self, other: Version) -> str:
        """The part that changes from this version to a later ``other``:
        ``major``, ``minor``, ``patch``, or ``none`` when they are equal."""
        if other.major != self.major:
            return MAJOR
        if other.minor != self.minor:
            return MINOR
        return PATCH if other.patch != self.patch else NONE

    def bumped(self, part: str) -> Version:
        """The smallest version after this one that bumps ``part``."""
        if part == MAJOR:
            return Version(self.major + 1, 0, 0)
        if part == MINOR:
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def covers(bump: str, needed: str) -> bool:
    """True when a version bump of ``bump`` is at least ``needed``."""
    return BUMPS.index(bump) >= BUMPS.index(needed)


def project_version(text: str, path: str) -> Version:
    """``[project] version`` of the pyproject.toml text ``text``; raises
    SpecError, at ``path``, when it is missing or not MAJOR.MINOR.PATCH."""
    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError as exc:
        raise SpecError([Diagnostic(path, 0, 0, f"invalid TOML: {exc}")]) from None
    value = project.get("version") if isinstance(project, dict) else None
    version = Version.parse(value) if isinstance(value, str) else None
    if version is None:
        line = next(
            (
                n
                for n, row in enumerate(text.splitlines(), 1)
                if row.startswith("version")
            ),
            0,
        )
        raise SpecError(
            [
                Diagnostic(
                    path,
                    line,
                    1 if line else 0,
                    f"[project] version must be MAJOR.MINOR.PATCH, not {value!r}",
                )
            ]
        )
    return version
