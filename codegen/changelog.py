"""Changelog: each release's entry in CHANGELOG.md, rendered from the diff, and
the check that the version follows the catalog.

An entry is headed ``## VERSION (DATE)`` once released, ``## VERSION
(unreleased)`` until then, and records the sha256 of the spec it describes;
only the newest entry may be unreleased. The version is pyproject.toml's. Its
entry lists the changes since the last released entry, whose spec is found in
git by that sha256, and the version must bump at least what they call for
(codegen.changes): major for a breaking change, minor for an addition, patch for
rewording.

Everything here is a function of its inputs; cli.py reads the files and git.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from codegen.changes import MAJOR, MINOR, PATCH, CatalogDiff, Change
from codegen.diagnostics import Diagnostic, SpecError
from codegen.diff import diff_catalogs
from codegen.model import Catalog
from codegen.version import Version, covers

UNRELEASED = "unreleased"

#: The top of a new CHANGELOG.md, above the entries.
PREAMBLE = """\
# Changelog

Each release's version follows its catalog, `spec/codes.yaml`, by semver:
major when a change breaks code written against the module (a member removed,
renamed without an alias or renumbered, a subcode moved under another code),
minor when something is added (a new member leaves every exhaustive `match`
over its enum one case short, by design), patch when only text changes.

`make changelog` writes the entry of the version in `pyproject.toml` from the
diff against the last release, and `make test` fails when the version does not
bump enough. To release, replace "unreleased" in the heading with the date.
"""

_HEADING = re.compile(
    r"## (?P<version>\S+) \((?P<status>unreleased|\d{4}-\d{2}-\d{2})\)"
)
_SHA_LINE = re.compile(r"Spec sha256: (?P<sha>[0-9a-f]{64})")


@dataclass(frozen=True)
class Entry:
    """One release's entry: its heading's place, and its text up to the next."""

    version: Version
    date: str | None
    spec_sha256: str
    line: int
    text: str

    @property
    def released(self) -> bool:
        return self.date is not None


@dataclass(frozen=True)
class Changelog:
    """CHANGELOG.md as text before the first entry, then the entries, newest first."""

    preamble: str
    entries: tuple[Entry, ...]

    @property
    def last_release(self) -> Entry | None:
        """The newest released entry, if any."""
        return next((e for e in self.entries if e.released), None)

    def text(self) -> str:
        return self.preamble + "".join(entry.text for entry in self.entries)


def parse_changelog(text: str, path: str) -> Changelog:
    """CHANGELOG.md's entries; raises SpecError with every malformed heading,
    missing sha256, misplaced unreleased entry or out-of-order version."""
    lines = text.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.startswith("## ")]
    problems: list[Diagnostic] = []
    entries: list[Entry] = []
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = lines[start:stop]
        heading = _HEADING.fullmatch(body[0].rstrip("\n"))
        version = Version.parse(heading["version"]) if heading else None
        if heading is None or version is None:
            problems.append(
                Diagnostic(
                    path,
                    start + 1,
                    1,
                    "an entry's heading is '## MAJOR.MINOR.PATCH (unreleased)' or "
                    "'## MAJOR.MINOR.PATCH (YYYY-MM-DD)'",
                )
            )
            continue
        found = next(
            (m for m in (_SHA_LINE.fullmatch(row.rstrip("\n")) for row in body) if m),
            None,
        )
        if found is None:
            problems.append(
                Diagnostic(
                    path,
                    start + 1,
                    1,
                    f"the entry of {version} has no 'Spec sha256:' line",
                )
            )
            continue
        status = heading["status"]
        entry = Entry(
            version,
            None if status == UNRELEASED else status,
            found["sha"],
            start + 1,
            "".join(body),
        )
        if entries and not entry.released:
            problems.append(
                Diagnostic(
                    path,
                    entry.line,
                    1,
                    f"{version} is unreleased below a later entry; only the newest "
                    "entry may be unreleased",
                )
            )
        if entries and not entry.version < entries[-1].version:
            problems.append(
                Diagnostic(
                    path,
                    entry.line,
                    1,
                    f"{version} is listed below {entries[-1].version}; entries go "
                    "newest first",
                )
            )
        entries.append(entry)
    if problems:
        raise SpecError(problems)
    preamble = "".join(lines[: starts[0]]) if starts else text
    return Changelog(preamble, tuple(entries))


def _sources(catalog: Catalog) -> str:
    return "Follows: " + "; ".join(f"{s.title} ({s.date})" for s in catalog.sources)


def _section(title: str, changes: list[Change]) -> list[str]:
    if not changes:
        return []
    rows = [
        f"- {c.kind} {c.subject}" + (f": {c.detail}" if c.detail else "")
        for c in changes
    ]
    return ["", f"### {title}", "", *rows]


def render_entry(
    version: Version,
    catalog: Catalog,
    since: tuple[Version, CatalogDiff] | None,
) -> str:
    """The unreleased entry of ``version`` for ``catalog``, with the changes
    ``since`` the last release (its version, and the diff from its catalog), or
    as the first release when there is none. It ends with one newline."""
    lines = [
        f"## {version} ({UNRELEASED})",
        "",
        f"Spec sha256: {catalog.spec_sha256}",
        _sources(catalog),
        "",
    ]
    if since is None:
        entries = sum(c.message is not None for c in catalog.codes)
        lines.append(
            f"First release: {len(catalog.codes)} codes, {len(catalog.subcodes)} "
            f"subcodes, {len(catalog.reasons)} reasons (code and subcode pairs) "
            f"and {entries} code-level entries."
        )
        return "\n".join(lines) + "\n"
    previous, diff = since
    if not diff.changes:
        lines.append(f"The catalog is as in {previous}.")
        return "\n".join(lines) + "\n"
    lines += [f"Changes since {previous}: semver {diff.bump}."]
    lines += _section("Breaking", [c for c in diff.changes if c.bump == MAJOR])
    lines += _section(
        "Added (an exhaustive match over the enum must handle each new member)",
        [c for c in diff.changes if c.bump == MINOR],
    )
    lines += _section("Changed", [c for c in diff.changes if c.bump == PATCH])
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Verdict:
    """What ``codegen changelog`` finds: the text CHANGELOG.md should have, or
    the problems that stop it; and any check it could not make, and why."""

    text: str | None
    problems: tuple[Diagnostic, ...]
    skipped: str | None = None


def plan_changelog(
    changelog: Changelog,
    path: str,
    version: Version,
    catalog: Catalog,
    released_catalog: Callable[[Entry], Catalog],
) -> Verdict:
    """CHANGELOG.md as it should be for ``version`` of ``catalog``.

    ``released_catalog(entry)`` gives the catalog a released entry was made
    from (read from git), raising LookupError with the reason when it cannot.
    """
    last = changelog.last_release
    newest = changelog.entries[0] if changelog.entries else None
    if last is not None and version <= last.version:
        if version < last.version:
            message = (
                f"the version {version} is older than the last release, {last.version}"
            )
        elif catalog.spec_sha256 != last.spec_sha256:
            try:
                needed = diff_catalogs(released_catalog(last), catalog).bump
                at_least = f"{last.version.bumped(needed)} (semver: {needed})"
            except LookupError:
                at_least = f"{last.version.bumped(PATCH)} or later"
            message = (
                f"the catalog changed since {last.version} was released: set "
                f"[project] version in pyproject.toml to at least {at_least}, "
                "then run make changelog"
            )
        elif newest is not last:
            message = (
                f"the unreleased entry {newest.version if newest else ''} is for a "
                f"version pyproject.toml does not have ({version})"
            )
        else:
            return Verdict(changelog.text(), ())
        return Verdict(None, (Diagnostic(path, last.line, 1, message),))
    since: tuple[Version, CatalogDiff] | None = None
    if last is not None:
        try:
            diff = diff_catalogs(released_catalog(last), catalog)
        except LookupError as exc:
            return _unchecked(changelog, path, version, catalog, last, str(exc))
        since = (last.version, diff)
        needed = diff.bump
        bump = last.version.bump_to(version)
        if not covers(bump, needed):
            return Verdict(
                None,
                (
                    Diagnostic(
                        path,
                        last.line,
                        1,
                        f"{version} is a {bump} bump from {last.version}, but the "
                        f"catalog's changes since then need {needed}: set [project] "
                        f"version in pyproject.toml to {last.version.bumped(needed)}",
                    ),
                ),
            )
    entry = render_entry(version, catalog, since)
    kept = tuple(e for e in changelog.entries if e.released)
    if kept:
        # One blank line between entries, whatever the entry ends with.
        entry = entry.rstrip("\n") + "\n\n"
    preamble = changelog.preamble.rstrip("\n") + "\n\n"
    return Verdict(preamble + entry + "".join(e.text for e in kept), ())


def _unchecked(
    changelog: Changelog,
    path: str,
    version: Version,
    catalog: Catalog,
    last: Entry,
    reason: str,
) -> Verdict:
    """What can be checked without the last release's catalog: that the newest
    entry is this version's and records this spec. The bump is not checked."""
    newest = changelog.entries[0]
    skipped = f"the bump from {last.version} is not checked: {reason}"
    if newest.released or newest.version != version:
        message = f"no entry for {version}: run make changelog"
    elif newest.spec_sha256 != catalog.spec_sha256:
        message = f"the entry of {version} records another spec: run make changelog"
    else:
        return Verdict(changelog.text(), (), skipped)
    return Verdict(None, (Diagnostic(path, newest.line, 1, message),), skipped)


def stale_changelog(text: str, path: str, verdict: Verdict) -> list[str]:
    """The lines ``codegen changelog --check`` prints when ``text`` is not what
    the verdict wants; nothing when it is, or when the verdict cannot say."""
    if verdict.text is None or verdict.text == text:
        return []
    return [f"{path} is stale: run make changelog"]
