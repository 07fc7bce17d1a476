"""What a change between two catalogs is, and the semver part it calls for.

``Change`` is one difference (added, removed, renamed, reworded, ...), breaking
or not; ``CatalogDiff`` holds them all and gives the verdict: ``major`` when
one breaks downstream code, ``minor`` when something is added, ``patch`` for
rewording, ``none`` for no change. diff.py finds the changes; version.py and
changelog.py weigh them, and version.py needs nothing of the catalog's model.
"""

from __future__ import annotations

from dataclasses import dataclass

MAJOR, MINOR, PATCH, NONE = "major", "minor", "patch", "none"


@dataclass(frozen=True)
class Change:
    """One difference; ``kind`` is added, removed, renamed, renumbered, moved,
    restricted (a subcode meaning's code class),
    reworded, recategorized, redefined (a rule reads its subcodes otherwise),
    reattributed (other sources for an entry), updated (a source's title, date
    or address) or reordered (the sources' precedence)."""

    kind: str
    subject: str
    detail: str
    breaking: bool

    @property
    def bump(self) -> str:
        """The semver part this change alone calls for."""
        if self.breaking:
            return MAJOR
        # A meaning restricted to another code class takes answers away from
        # some pairs (explain falls back to their code) and gives them to
        # others: more than a rewording.
        # So is a wording taken away: explain no longer gives it.
        return (
            MINOR
            if self.kind in {"added", "renamed", "restricted", "removed"}
            else PATCH
        )

    def __str__(self) -> str:
        flag = "breaking" if self.breaking else "ok"
        text = f"{flag:<9}{self.kind:<14}{self.subject}"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True)
class CatalogDiff:
    """Every change from one catalog to another, in the module's order."""

    changes: tuple[Change, ...]

    @property
    def breaking(self) -> bool:
        return any(change.breaking for change in self.changes)

    @property
    def bump(self) -> str:
        """``major``, ``minor``, ``patch`` or ``none``."""
        bumps = {change.bump for change in self.changes}
        return next((b for b in (MAJOR, MINOR, PATCH) if b in bumps), NONE)

    def report(self) -> list[str]:
        """The lines the command prints: each change, then the verdict."""
        lines = [str(change) for change in self.changes]
        count = sum(change.breaking for change in self.changes)
        if not self.changes:
            verdict = "no changes"
        elif count:
            verdict = f"{count} breaking change{'s' if count != 1 else ''}"
        else:
            verdict = "compatible"
        lines.append(f"semver: {self.bump} ({verdict})")
        return lines
