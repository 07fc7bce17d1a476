"""Diff: what changed between two catalogs, and whether it breaks downstream code.

``diff_catalogs(old, new)`` compares the generated module's surface entry by
entry: the documents (SOURCES), the members of ResultCategory, CodeClass, Code
and SubCode, the reasons (CALL_END_REASONS), the code-level rows (CODE_INFO),
what subcodes mean whatever their code (SUBCODE_INFO) and the subcode rules
(SUBCODE_RULES).

Breaking: a member removed, renamed or renumbered, a name that no longer exists,
a reason, code-level row, subcode meaning, subcode rule or source removed, a
subcode moved under another code, a rule whose range or reading changed, and a
reason that loses its result category: its predicates answered True or False
and now answer None, which a plain ``if reason.is_error:`` reads as False.
Compatible: additions (a reason that gains a category among them: predicates
that answered None now answer a bool, which code handling None already
expects), a rename that keeps the old name as an alias, rewording, another
category for a reason, and changes of which documents list an entry or in which
order they come (data about the data; what the module answers stays). The
semver bump follows: major, minor (something added) or patch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from codegen.changes import CatalogDiff, Change
from codegen.model import Catalog, SubCodeRuleDef, Wording


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


def _reattributed(
    subject: str, was: tuple[str, ...], now: tuple[str, ...]
) -> list[Change]:
    """The change of an entry's sources (the one whose words it says first):
    never breaking, the module answers the same; reported so that a reviewer
    sees which document an entry now follows."""
    if was == now:
        return []
    shown = f"sources {', '.join(was) or 'none'} -> {', '.join(now) or 'none'}"
    return [Change("reattributed", subject, shown, breaking=False)]


def _sources(old: Catalog, new: Catalog) -> list[Change]:
    """SOURCES: documents added (minor), removed (breaking: ``SOURCES[id]``
    fails), updated, and the precedence between those both have."""
    changes: list[Change] = []
    before = {s.id: s for s in old.sources}
    after = {s.id: s for s in new.sources}
    for was in old.sources:
        now = after.get(was.id)
        subject = f"SOURCES[{was.id!r}]"
        if now is None:
            changes.append(Change("removed", subject, was.title, breaking=True))
            continue
        updated = [
            f"date {was.date} -> {now.date}" if name == "date" else name
            for name, was_value, now_value in (
                ("title", was.title, now.title),
                ("date", was.date, now.date),
                ("url", was.url, now.url),
            )
            if was_value != now_value
        ]
        if updated:
            changes.append(Change("updated", subject, ", ".join(updated), False))
    for now in new.sources:
        if now.id not in before:
            changes.append(
                Change("added", f"SOURCES[{now.id!r}]", now.title, breaking=False)
            )
    kept_before = [s.id for s in old.sources if s.id in after]
    kept_after = [s.id for s in new.sources if s.id in before]
    if kept_before != kept_after:
        # Which words an entry says may follow; each such entry is reported too.
        changes.append(
            Change(
                "reordered",
                "SOURCES",
                f"precedence {', '.join(kept_before)} -> {', '.join(kept_after)}",
                breaking=False,
            )
        )
    return changes


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """The changes from ``old`` to ``new``, section by section in number order."""
    changes: list[Change] = _sources(old, new)

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
        if now_class is not None:
            # The category the class's words give answers for every pair of
            # the class that no row gives one.
            changes += _recategorized(
                f"CodeClass.{now_class.name}",
                was_class.result_category,
                now_class.result_category,
            )
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
            if now_code.message is not None:
                changes += _reattributed(
                    f"{subject} code-level row", was_code.sources, now_code.sources
                )

    # SubCode members, then the reasons they appear in.
    changes += _members(
        "SubCode",
        (_Member(s.subcode, s.name, s.aliases, str(s.subcode)) for s in old.subcodes),
        (_Member(s.subcode, s.name, s.aliases, str(s.subcode)) for s in new.subcodes),
    )
    changes += _reasons(old, new)
    changes += _subcode_infos(old, new)
    changes += _rules(old, new)
    changes += _signalling(old, new)
    return CatalogDiff(tuple(changes))


def _signalling(old: Catalog, new: Catalog) -> list[Change]:
    """SipStatus and Q850Cause members, as Code's are compared, and the words
    and mapping they carry (a changed phrase or SIP response is a rewording)."""
    changes = _members(
        "SipStatus",
        (_Member(s.code, s.name, (), str(s.code)) for s in old.sip_statuses),
        (_Member(s.code, s.name, (), str(s.code)) for s in new.sip_statuses),
    )
    statuses = {s.code: s for s in new.sip_statuses}
    for was in old.sip_statuses:
        now = statuses.get(was.code)
        if now is not None:
            changes += _reworded(
                f"SipStatus.{now.name} ({now.code})",
                {
                    "phrase": (was.phrase, now.phrase),
                    "reference": (was.reference, now.reference),
                    "note": (was.note, now.note),
                },
            )
    changes += _members(
        "Q850Cause",
        (_Member(c.cause, c.name, (), str(c.cause)) for c in old.q850_causes),
        (_Member(c.cause, c.name, (), str(c.cause)) for c in new.q850_causes),
    )
    causes = {c.cause: c for c in new.q850_causes}
    for was_cause in old.q850_causes:
        now_cause = causes.get(was_cause.cause)
        if now_cause is not None:
            changes += _reworded(
                f"Q850Cause.{now_cause.name} ({now_cause.cause})",
                {
                    "phrase": (was_cause.phrase, now_cause.phrase),
                    "sip": (was_cause.sip, now_cause.sip),
                },
            )
    return changes


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
            changes += _recategorized(where, was_row.category, now_row.category)
            changes += _reattributed(where, was_row.sources, now_row.sources)
            changes += _rewordings(where, was_row.wordings, now_row.wordings)
    return changes


def _rewordings(
    where: str, was: tuple[Wording, ...], now: tuple[Wording, ...]
) -> list[Change]:
    """A pair's further wordings (one per callback event or scenario), by text
    and events: one added is an addition, one removed takes an answer away
    (minor, not breaking: no name changes). The entry's own wording is
    reported as reworded."""

    def key(wording: Wording) -> tuple[str, tuple[str, ...]]:
        return " ".join(wording.message.split()), wording.events

    def shown(wording: Wording) -> str:
        text = " ".join(wording.message.split())
        text = text if len(text) <= 60 else text[:57] + "..."
        events = f" ({', '.join(wording.events)})" if wording.events else ""
        return f"wording {text!r}{events}"

    own = {key(w) for w in (*was[:1], *now[:1])}
    before = {key(w): w for w in was if key(w) not in own}
    after = {key(w): w for w in now if key(w) not in own}
    changes = [
        Change("added", where, shown(w), breaking=False)
        for k, w in after.items()
        if k not in before
    ]
    changes += (
        Change("removed", where, shown(w), breaking=False)
        for k, w in before.items()
        if k not in after
    )
    return changes


def _recategorized(where: str, was: str | None, now: str | None) -> list[Change]:
    """A reason's category: another one is a patch (the document corrected);
    one given where there was none is an addition; none where there was one is
    breaking, as the predicates go from a bool to None."""
    if was == now:
        return []
    if was is None:
        detail = f"result category {now}: its predicates answer a bool, not None"
        return [Change("added", where, detail, breaking=False)]
    if now is None:
        detail = (
            f"result category {was}: its predicates answer None (not known), not a bool"
        )
        return [Change("removed", where, detail, breaking=True)]
    return [Change("recategorized", where, f"{was} -> {now}", breaking=False)]


def _subcode_infos(old: Catalog, new: Catalog) -> list[Change]:
    """SUBCODE_INFO for the subcodes both catalogs have (a removed or added
    subcode is reported as a member). A meaning removed is breaking: code that
    reads ``SUBCODE_INFO[subcode]`` fails."""
    changes: list[Change] = []
    new_subcodes = {s.subcode: s for s in new.subcodes}
    for was in old.subcodes:
        now = new_subcodes.get(was.subcode)
        if now is None:
            continue
        subject = f"SubCode.{now.name} ({now.subcode})"
        what = "meaning whatever the code (SUBCODE_INFO)"
        if was.info is not None and now.info is None:
            changes.append(Change("removed", subject, what, breaking=True))
        elif was.info is None and now.info is not None:
            changes.append(Change("added", subject, what, breaking=False))
        elif was.info is not None and now.info is not None:
            where = f"{subject} whatever the code"
            changes += _reworded(
                where, {"message": (was.info.message, now.info.message)}
            )
            changes += _reattributed(where, was.info.sources, now.info.sources)
            if was.info.code_class != now.info.code_class:
                # Which codes the meaning answers for: explain's answers move
                # between rungs, as with a category, and no name breaks.
                shown = [
                    c or "every code"
                    for c in (was.info.code_class, now.info.code_class)
                ]
                changes.append(
                    Change("restricted", where, " -> ".join(shown), breaking=False)
                )
    return changes


def _rules(old: Catalog, new: Catalog) -> list[Change]:
    """SUBCODE_RULES, matched by name, then unmatched ones by range (renamed).
    A rule removed, renamed, or reading its subcodes otherwise (another range,
    ``reads`` or ``direction``) is breaking: code that finds a rule by name or
    reads a subcode through it answers otherwise."""
    changes: list[Change] = []

    def shown(rule: SubCodeRuleDef) -> str:
        return f"SubCodeRule {rule.name} ({rule.first}-{rule.last})"

    before = {r.name: r for r in old.rules}
    after = {r.name: r for r in new.rules}
    gone = [r for r in old.rules if r.name not in after]
    came = [r for r in new.rules if r.name not in before]
    for was in gone:
        twin = next(
            (r for r in came if r.first == was.first and r.last == was.last), None
        )
        if twin is None:
            changes.append(Change("removed", shown(was), "", breaking=True))
            continue
        came.remove(twin)
        changes.append(
            Change("renamed", f"SubCodeRule {was.name} -> {twin.name}", "", True)
        )
    for rule in came:
        changes.append(Change("added", shown(rule), "", breaking=False))
    for was in old.rules:
        now = after.get(was.name)
        if now is None:
            continue
        subject = shown(now)
        if (was.first, was.last) != (now.first, now.last):
            changes.append(
                Change(
                    "renumbered",
                    f"SubCodeRule {now.name}",
                    f"{was.first}-{was.last} -> {now.first}-{now.last}",
                    breaking=True,
                )
            )
        redefined = [
            f"{name} {was_value} -> {now_value}"
            for name, was_value, now_value in (
                ("reads", was.reads, now.reads),
                ("direction", was.direction, now.direction),
            )
            if was_value != now_value
        ]
        if redefined:
            changes.append(
                Change("redefined", subject, ", ".join(redefined), breaking=True)
            )
        changes += _reworded(
            subject,
            {
                "message": (was.message, now.message),
                "advice": (was.advice, now.advice),
            },
        )
        changes += _reattributed(subject, was.sources, now.sources)
    return changes
