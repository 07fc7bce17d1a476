"""Diff: what changed between two catalogs, and whether it breaks downstream code.

``diff_catalogs(old, new)`` compares the generated module's surface entry by
entry: the members of ResultCategory, CodeClass, Code and SubCode, the reasons
(CALL_END_REASONS) and the code-level rows (CODE_INFO).

Breaking: a member removed, renamed or renumbered, a name that no longer exists,
a reason or code-level row removed, a subcode moved under another code.
Compatible: additions, a rename that keeps the old name as an alias, and
rewording. The semver bump follows: major, minor (something added) or patch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from codegen.model import Catalog

MAJOR, MINOR, PATCH, NONE = "major", "minor", "patch", "none"


@dataclass(frozen=True)
class Change:
    """One difference; ``kind`` is added, removed, renamed, renumbered, moved,
    reworded or recategorized."""

    kind: str
    subject: str
    detail: str
    breaking: bool

    @property
    def bump(self) -> str:
        """The semver part this change alone calls for."""
        if self.breaking:
            return MAJOR
        return MINOR if self.kind in {"added", "renamed"} else PATCH

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


@dataclass(frozen=True)
class _Member:
    value: object
    name: str
    aliases: tuple[str, ...]
    shown: str


def _members(enum: str, old: Iterable[_Member], new: Iterable[_Member]) -> list[Change]:
    """Members matched by value, then the unmatched ones by name (renumbered)."""
    before = {m.value: m for m in old}
    after = {m.value: m for m in new}
    changes: list[Change] = []
    for value in [v for v in before if v in after]:
        was, now = before[value], after[value]
        if was.name != now.name:
            kept = was.name in now.aliases
            # The old name still works and type-checks; only an exhaustive
            # match must name the new member, as a type checker cannot narrow
            # on a former name.
            detail = (
                "old name kept as an alias; exhaustive matches name the new one"
                if kept
                else ""
            )
            changes.append(
                Change(
                    "renamed",
                    f"{enum}.{was.name} -> {enum}.{now.name} ({now.shown})",
                    detail,
                    breaking=not kept,
                )
            )
        for alias in was.aliases:
            if alias not in now.aliases and alias != now.name:
                changes.append(
                    Change(
                        "removed",
                        f"{enum}.{alias} ({now.shown})",
                        f"alias of {enum}.{now.name}",
                        breaking=True,
                    )
                )
        for alias in now.aliases:
            if alias not in was.aliases and alias != was.name:
                changes.append(
                    Change(
                        "added",
                        f"{enum}.{alias} ({now.shown})",
                        f"alias of {enum}.{now.name}",
                        breaking=False,
                    )
                )
    gone = {m.name: m for v, m in before.items() if v not in after}
    came = {m.name: m for v, m in after.items() if v not in before}
    for name, was in gone.items():
        if name in came:
            changes.append(
                Change(
                    "renumbered",
                    f"{enum}.{name}",
                    f"{was.shown} -> {came[name].shown}",
                    breaking=True,
                )
            )
        else:
            changes.append(Change("removed", f"{enum}.{name} ({was.shown})", "", True))
    for name, now in came.items():
        if name not in gone:
            # Compatible, but a type checker now finds every exhaustive match
            # over the enum one case short: which is what it is for.
            changes.append(
                Change(
                    "added",
                    f"{enum}.{name} ({now.shown})",
                    "exhaustive matches must handle it",
                    False,
                )
            )
    return changes


def _reworded(
    subject: str, fields: Mapping[str, tuple[object, object]]
) -> list[Change]:
    changed = [name for name, (was, now) in fields.items() if was != now]
    if not changed:
        return []
    return [Change("reworded", subject, ", ".join(changed), breaking=False)]


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """The changes from ``old`` to ``new``, section by section in number order."""
    changes: list[Change] = []

    # ResultCategory: the doc's spelling is the value; its aliases are accepted
    # spellings, so dropping one breaks ResultCategory("...") calls.
    changes += _members(
        "ResultCategory",
        (_Member(c.value, c.name, (), repr(c.value)) for c in old.categories),
        (_Member(c.value, c.name, (), repr(c.value)) for c in new.categories),
    )
    new_categories = {c.value: c for c in new.categories}
    for was in old.categories:
        now = new_categories.get(was.value)
        if now is None:
            continue
        if was.outcome != now.outcome:
            changes.append(
                Change(
                    "recategorized",
                    f"ResultCategory.{now.name}",
                    f"outcome {was.outcome} -> {now.outcome}: its predicates answer "
                    "otherwise",
                    breaking=True,
                )
            )
        for spelling in sorted(set(was.aliases) - set(now.aliases)):
            changes.append(
                Change(
                    "removed",
                    f"ResultCategory spelling {spelling!r}",
                    f"of ResultCategory.{now.name}",
                    breaking=True,
                )
            )
        for spelling in sorted(set(now.aliases) - set(was.aliases)):
            changes.append(
                Change(
                    "added",
                    f"ResultCategory spelling {spelling!r}",
                    f"of ResultCategory.{now.name}",
                    breaking=False,
                )
            )
        changes += _reworded(
            f"ResultCategory.{now.name}",
            {"description": (was.description, now.description)},
        )

    # CodeClass: the value is the doc's description; its range is data.
    changes += _members(
        "CodeClass",
        (
            _Member(k.description, k.name, (), repr(k.description))
            for k in old.code_classes
        ),
        (
            _Member(k.description, k.name, (), repr(k.description))
            for k in new.code_classes
        ),
    )
    new_classes = {k.description: k for k in new.code_classes}
    for was_class in old.code_classes:
        now_class = new_classes.get(was_class.description)
        if now_class is not None and (was_class.first, was_class.last) != (
            now_class.first,
            now_class.last,
        ):
            changes.append(
                Change(
                    "reworded",
                    f"CodeClass.{now_class.name}",
                    f"range {was_class.first}-{was_class.last} -> "
                    f"{now_class.first}-{now_class.last}",
                    breaking=False,
                )
            )

    # Code members and their code-level rows.
    changes += _members(
        "Code",
        (_Member(c.code, c.name, c.aliases, str(c.code)) for c in old.codes),
        (_Member(c.code, c.name, c.aliases, str(c.code)) for c in new.codes),
    )
    new_codes = {c.code: c for c in new.codes}
    for was_code in old.codes:
        now_code = new_codes.get(was_code.code)
        if now_code is None:
            continue
        subject = f"Code.{now_code.name} ({now_code.code})"
        if was_code.message is not None and now_code.message is None:
            changes.append(Change("removed", subject, "code-level row", True))
        elif was_code.message is None and now_code.message is not None:
            changes.append(Change("added", subject, "code-level row", False))
        else:
            changes += _reworded(
                subject,
                {
                    "summary": (was_code.summary, now_code.summary),
                    "message": (was_code.message, now_code.message),
                    "advice": (was_code.advice, now_code.advice),
                },
            )

    # SubCode members, then the reasons they appear in.
    changes += _members(
        "SubCode",
        (_Member(s.subcode, s.name, s.aliases, str(s.subcode)) for s in old.subcodes),
        (_Member(s.subcode, s.name, s.aliases, str(s.subcode)) for s in new.subcodes),
    )
    changes += _reasons(old, new)
    return CatalogDiff(tuple(changes))


def _reasons(old: Catalog, new: Catalog) -> list[Change]:
    """Reasons of the subcodes both catalogs have (a removed or added subcode is
    reported as a member)."""
    changes: list[Change] = []
    old_codes = {c.code: c.name for c in old.codes}
    new_codes = {c.code: c.name for c in new.codes}
    new_subcodes = {s.subcode: s for s in new.subcodes}
    for was in old.subcodes:
        now = new_subcodes.get(was.subcode)
        if now is None:
            continue
        subject = f"SubCode.{now.name} ({now.subcode})"
        before = {r.code: r for r in was.reasons}
        after = {r.code: r for r in now.reasons}
        lost = sorted(set(before) - set(after))
        gained = sorted(set(after) - set(before))

        def codes(numbers: list[int], names: Mapping[int, str]) -> str:
            return ", ".join(f"Code.{names[n]} ({n})" for n in numbers)

        if lost and gained:
            changes.append(
                Change(
                    "moved",
                    subject,
                    f"{codes(lost, old_codes)} -> {codes(gained, new_codes)}",
                    breaking=True,
                )
            )
        elif lost:
            changes.append(
                Change("removed", subject, f"with {codes(lost, old_codes)}", True)
            )
        elif gained:
            changes.append(
                Change("added", subject, f"with {codes(gained, new_codes)}", False)
            )
        for code in sorted(set(before) & set(after)):
            was_row, now_row = before[code], after[code]
            where = f"{subject} with Code.{new_codes[code]} ({code})"
            changes += _reworded(
                where,
                {
                    "message": (was_row.message, now_row.message),
                    "advice": (was_row.advice, now_row.advice),
                },
            )
            if was_row.category != now_row.category:
                changes.append(
                    Change(
                        "recategorized",
                        where,
                        f"{was_row.category} -> {now_row.category}",
                        breaking=False,
                    )
                )
    return changes
