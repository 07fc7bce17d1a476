"""The merge: one document, as one source, applied to the spec's entries.

Each entry says the words of one of its sources (``said_by``: its ``prefer``,
else the first by precedence); the others' words, where they differ, are kept
under ``variants``, and a source's several wordings (one row per callback
event or scenario) as a list. So whatever order documents are imported in,
each entry ends up saying the same thing, and removing a source later still
leaves the others' words intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from codegen.diagnostics import Diagnostic
from codegen.doctables import DocReason, DocTables
from codegen.importdoc.names import propose_name, taken_names
from codegen.importdoc.texts import (
    CODE_TEXT,
    REASON_TEXT,
    SUBCODE_TEXT,
    Claim,
    Text,
    as_list,
    describe,
    kind_of,
    own_wording,
    same_claims,
    same_row_text,
    same_text,
    unknown_category,
    variant_map,
    wording_of,
    yaml_value,
)
from codegen.importdoc.yamledit import (
    KEY_ORDER,
    code_key,
    drop_key,
    flow,
    has_name_comment,
    insert_item,
    mark,
    put_key,
    reason_key,
    remove_item,
    scalar,
    sorted_index,
    subcode_key,
)
from codegen.precedence import said_by, same_words, source_ranks

_K = TypeVar("_K")


class Merge:
    """Applies one doc, as one source, to one spec, recording what it does.

    Each entry says the words of one of its sources (``said_by``: its
    ``prefer``, else the first by precedence); the others' words, where they
    differ, are kept under ``variants``. So whatever order documents are
    imported in, each entry ends up saying the same thing, and removing a
    source later still leaves the others' words intact.
    """

    def __init__(self, data: CommentedMap, doc: DocTables, source: str) -> None:
        self.data = data
        self.doc = doc
        self.source = source
        ids = [str(row["id"]) for row in data["sources"]]
        #: In a catalog of one source, an entry with text that lists no
        #: sources is that source's; with several, every such entry lists them.
        self.implied = ids[0] if len(ids) == 1 else None
        self.added: list[str] = []
        self.changed: list[str] = []
        self.removed: list[str] = []
        self.disagree: list[str] = []
        self.errors: list[Diagnostic] = []
        self.spelling: dict[str, str] = {}
        self.listed: set[int] = set()
        self.ranks: dict[str, int] = {}
        for row in data["result_categories"]:
            for spelling in [row["value"], *row.get("aliases", [])]:
                self.spelling[str(spelling)] = str(row["value"])

    # --- what the doc says ----------------------------------------------------------

    def _collect(self, rows: Iterable[tuple[_K, Text]]) -> dict[_K, Claim]:
        """Each key's wordings in document order. A row that repeats a wording
        adds nothing; rows with the same text and different events are one
        wording with the events of both. Texts that differ only by a final
        period or by whitespace are the same wording, kept as first written."""
        wanted: dict[_K, list[Text]] = {}
        for key, text in rows:
            texts = wanted.setdefault(key, [])
            for at, known in enumerate(texts):
                if same_row_text(known, text) and (
                    bool(known.get("events")) == bool(text.get("events"))
                ):
                    merged = tuple(
                        dict.fromkeys(
                            [*(known.get("events") or ()), *(text.get("events") or ())]
                        )
                    )
                    texts[at] = {**known, "events": merged or None}
                    break
            else:
                texts.append(text)
        return {key: tuple(texts) for key, texts in wanted.items()}

    def _category(self, row: DocReason) -> tuple[bool, str | None]:
        """Whether the row's category is known, and its value (None: no category)."""
        if row.category is None:
            return True, None
        if row.category not in self.spelling:
            self.errors.append(
                Diagnostic(
                    self.doc.path,
                    row.line,
                    row.category_column,
                    unknown_category(row.category, self.spelling),
                )
            )
            return False, None
        return True, self.spelling[row.category]

    def wanted_reasons(self) -> dict[tuple[int, int], Claim]:
        rows: list[tuple[tuple[int, int], Text]] = []
        for row in self.doc.reasons:
            known, category = self._category(row)
            if known:
                text: Text = {
                    "message": row.message,
                    "result_category": category,
                    "advice": row.advice,
                    "events": row.events or None,
                }
                rows.append(((row.code, row.subcode), text))
        return self._collect(rows)

    def wanted_codes(self) -> dict[int, Claim]:
        """The code-level rows by code; a code only listed counts as mentioned."""
        self.listed.update(row.code for row in self.doc.codes if row.message is None)
        return self._collect(
            (
                row.code,
                {
                    "message": row.message,
                    "advice": row.advice,
                    "events": row.events or None,
                },
            )
            for row in self.doc.codes
            if row.message is not None
        )

    def wanted_subcodes(self) -> dict[int, Claim]:
        return self._collect(
            (row.subcode, {"message": row.message}) for row in self.doc.subcodes
        )

    # --- one entry's sources and words ----------------------------------------------

    def _rank(self, source: str) -> tuple[int, str]:
        return (self.ranks.get(source, 1 << 30), source)

    def sources_of(self, item: CommentedMap) -> list[str]:
        """The sources that document ``item``, as listed or implied."""
        listed = [str(s) for s in item.get("sources", [])]
        if listed or self.implied is None or "message" not in item:
            return listed
        return [self.implied]

    def _said(self, prefer: object, sources: Sequence[str]) -> str:
        return said_by({"sources": sources, "prefer": prefer}, self.ranks)

    def claims(self, item: CommentedMap, fields: Sequence[str]) -> dict[str, Claim]:
        """What each of the entry's sources says of it: the said source its own
        fields and then its further wordings, a source with a variant that, a
        source without one the entry's own fields."""
        sources = self.sources_of(item)
        if not sources:
            return {}
        own = own_wording(item, fields)
        said = self._said(item.get("prefer"), sources)
        block = item.get("variants") or {}
        texts = {
            s: tuple(wording_of(v, fields) for v in as_list(block.get(s)))
            for s in sources
        }
        says = (own, *texts[said])
        # A source without a variant says what the said source says.
        return {s: says if s == said else texts[s] or says for s in sources}

    def follow(
        self,
        item: CommentedMap,
        fields: Sequence[str],
        new: Claim | None,
        what: str,
        fresh: bool = False,
    ) -> bool:
        """Make ``item`` record what this source says of it (``new``, its
        wordings in document order; None: the source does not document it).
        Returns False when no source is left. ``fresh`` is for an entry being
        added: its words are no change."""
        before = self.claims(item, fields)
        after = dict(before)
        prefer = item.get("prefer")
        if new is None:
            if self.source not in after:
                return True
            del after[self.source]
            if not after:
                return False
            if prefer == self.source:
                drop_key(item, "prefer")
                prefer = None
            self.changed.append(f"{what}: no longer in {self.source}")
        else:
            if self.source not in after and after:
                self.changed.append(f"{what}: also in {self.source}")
            after[self.source] = new
        sources = sorted(after, key=self._rank)
        said = self._said(prefer, sources)
        own = after[said][0]
        old = own_wording(item, fields)
        if not same_text(old, own):
            self.say(item, fields, old, own, fresh)
        elif (
            not fresh
            and new is not None
            and self.source in before
            and not same_claims(before[self.source], new)
        ):
            label = "variant" if self.source != said else "further wordings"
            self.changed.append(f"{what}: {self.source}'s {label}")
        variants: dict[str, Claim] = {}
        for source in sources:
            claim = after[source]
            if source == said:
                if len(claim) > 1:
                    variants[source] = claim[1:]
            elif not same_claims(claim, after[said]):
                variants[source] = claim
        self._store(item, sources, variants, fields)
        parts = []
        if len(after[said]) > 1:
            parts.append(f"{said} words it {len(after[said])} ways")
        others = [s for s in variants if s != said]
        if others:
            verb = "words" if len(others) == 1 else "word"
            parts.append(f"{', '.join(others)} {verb} it otherwise")
        if parts:
            self.disagree.append(f"{what}: says {said}'s words; {'; '.join(parts)}")
        return True

    def say(
        self,
        item: CommentedMap,
        fields: Sequence[str],
        old: Text,
        new: Text,
        fresh: bool,
    ) -> None:
        """Put ``new`` in the entry's own fields."""
        order = KEY_ORDER[kind_of(item)]
        keys = [
            key
            for key in (*fields, "events")
            if key in new or key in old
            if not same_words(old.get(key), new.get(key))
        ]
        for key in (*fields, "events"):
            value = new.get(key)
            if key not in fields and key != "events":
                continue
            if same_words(old.get(key), value):
                continue
            if not value:
                drop_key(item, key)
            else:
                put_key(item, key, yaml_value(key, value), order)
        if not fresh:
            self.changed.append(f"{describe(item)}: {', '.join(keys)}")

    def _store(
        self,
        item: CommentedMap,
        sources: list[str],
        variants: Mapping[str, Claim],
        fields: Sequence[str],
    ) -> None:
        """Write ``sources`` and ``variants`` where they differ from the entry's.
        An entry of a catalog of one source need not list it, unless it has
        several wordings: ``variants`` name their sources, so ``sources`` must too."""
        order = KEY_ORDER[kind_of(item)]
        listed = [str(s) for s in item.get("sources", [])]
        implied = not listed and sources == [self.implied] and not variants
        if set(listed) != set(sources) and not implied:
            put_key(item, "sources", flow(sorted(sources, key=self._rank)), order)
        if not variants:
            drop_key(item, "variants")
            return
        said = self._said(item.get("prefer"), sources)
        block_now = item.get("variants") or {}
        current = {
            str(s): tuple(wording_of(v, fields) for v in as_list(block_now[s]))
            for s in block_now
        }
        same = set(current) == set(variants) and all(
            same_claims(current[s], variants[s])
            and (isinstance(block_now[s], list) == (s == said or len(variants[s]) > 1))
            for s in variants
        )
        if same:
            return
        block = CommentedMap()
        for source in sorted(variants, key=self._rank):
            texts = [variant_map(text) for text in variants[source]]
            if source == said or len(texts) > 1:
                seq = CommentedSeq(texts)
                block[source] = seq
            else:
                block[source] = texts[0]
        put_key(item, "variants", block, order)

    # --- the whole spec ---------------------------------------------------------------

    def run(self) -> None:
        reasons_wanted = self.wanted_reasons()
        codes_wanted = self.wanted_codes()
        subcodes_wanted = self.wanted_subcodes()
        if self.errors:
            return
        self.ranks = source_ranks(self.data)
        codes: CommentedSeq = self.data["codes"]
        reasons: CommentedSeq = self.data["reasons"]
        generic: CommentedSeq = self.data.setdefault("subcodes", CommentedSeq())
        subcode_names: dict[int, str] = {}
        subcode_aliases: dict[int, list[str]] = {}
        for row in [*reasons, *generic]:
            subcode_names[int(row["subcode"])] = str(row["name"])
            known = subcode_aliases.setdefault(int(row["subcode"]), [])
            known += (str(a) for a in row.get("aliases", []) if str(a) not in known)

        # Reasons: follow the doc; go when no source is left.
        regrouped: set[int] = set()
        present: set[tuple[int, int]] = set()
        gone: list[int] = []
        for index, row in enumerate(reasons):
            pair = (int(row["code"]), int(row["subcode"]))
            present.add(pair)
            what = f"reason {pair[0]}/{pair[1]} {row['name']}"
            if not self.follow(row, REASON_TEXT, reasons_wanted.get(pair), what):
                self.removed.append(what)
                gone.append(index)
                regrouped.add(pair[0])
        for index in reversed(gone):
            remove_item(self.data, "reasons", index)
        taken_subcodes = taken_names(reasons) | taken_names(generic)
        for pair in sorted(set(reasons_wanted) - present, key=lambda p: (p[1], p[0])):
            self.new_reason(
                pair,
                reasons_wanted[pair],
                subcode_names,
                subcode_aliases,
                taken_subcodes,
            )
            regrouped.add(pair[0])

        # Generic subcodes, the same way.
        present_subcodes: set[int] = set()
        gone = []
        for index, row in enumerate(generic):
            subcode = int(row["subcode"])
            present_subcodes.add(subcode)
            what = f"subcode {subcode} {row['name']}"
            if not self.follow(row, SUBCODE_TEXT, subcodes_wanted.get(subcode), what):
                self.removed.append(what)
                gone.append(index)
        for index in reversed(gone):
            remove_item(self.data, "subcodes", index)
        for subcode in sorted(set(subcodes_wanted) - present_subcodes):
            self.new_subcode(
                subcode,
                subcodes_wanted[subcode],
                subcode_names,
                subcode_aliases,
                taken_subcodes,
            )
        if not generic:
            del self.data["subcodes"]

        # Code classes: what the doc says of each in words. A class is never
        # removed; when no source says anything of it, its words go.
        classes_wanted = self._collect(
            (row.digit, {"message": row.message}) for row in self.doc.classes
        )
        for row in self.data["code_classes"]:
            first, last = int(row["first"]), int(row["last"])
            digit = first // 100 if first % 100 == 0 and last == first + 99 else None
            what = f"code class {row['name']}"
            wanted = classes_wanted.get(digit) if digit is not None else None
            if not self.follow(row, SUBCODE_TEXT, wanted, what):
                for key in ("variants", "prefer", "sources", "message"):
                    drop_key(row, key)
                self.changed.append(f"{what}: words no longer given")

        # Codes: their code-level rows follow the doc; a code goes when no
        # source has a row for it or a reason with it.
        used = {int(row["code"]) for row in reasons} | self.listed
        present_codes: set[int] = set()
        gone = []
        for index, entry in enumerate(codes):
            code = int(entry["code"])
            present_codes.add(code)
            what = f"code {code} {entry['name']}"
            if not self.follow(entry, CODE_TEXT, codes_wanted.get(code), what):
                for key in ("sources", "variants", "prefer", "message", "advice"):
                    drop_key(entry, key)
                if code in used:
                    self.changed.append(f"{what}: no code-level row left")
            if code not in used and not self.sources_of(entry):
                self.removed.append(what)
                gone.append(index)
        for index in reversed(gone):
            remove_item(self.data, "codes", index)
        taken_codes = taken_names(codes)
        for code in sorted((used | set(codes_wanted)) - present_codes):
            self.new_code(code, codes_wanted.get(code), reasons_wanted, taken_codes)
        for entry in codes:
            code = int(entry["code"])
            if (
                code in regrouped
                and code in present_codes
                and not has_name_comment(entry)
            ):
                mark(entry, "summary (its rows changed)")
                self.changed.append(
                    f"code {code} {entry['name']}: rows; review its summary"
                )

    def new_code(
        self,
        code: int,
        level: Claim | None,
        reasons_wanted: Mapping[tuple[int, int], Claim],
        taken: set[str],
    ) -> None:
        first = min(
            ((s, row) for (c, s), row in reasons_wanted.items() if c == code),
            key=lambda item: item[0],
            default=None,
        )
        own = level[0]["message"] if level is not None else None
        message = own or (first[1][0]["message"] if first else None) or f"Code {code}."
        name = propose_name(message, code, "CODE", taken)
        entry = CommentedMap([("code", code), ("name", name)])
        entry["summary"] = scalar(message)
        codes: CommentedSeq = self.data["codes"]
        if level is not None:
            self.follow(entry, CODE_TEXT, level, f"code {code} {name}", fresh=True)
        mark(entry, "proposed name and summary")
        insert_item(codes, sorted_index(codes, (code,), code_key), entry)
        self.added.append(f"code {code} {name} (proposed name)")

    def _subcode_name(
        self, subcode: int, message: str, names: dict[int, str], taken: set[str]
    ) -> tuple[str, bool]:
        proposed = subcode not in names
        if proposed:
            names[subcode] = propose_name(message, subcode, "SUBCODE", taken)
        return names[subcode], proposed

    def new_reason(
        self,
        pair: tuple[int, int],
        text: Claim,
        subcode_names: dict[int, str],
        subcode_aliases: Mapping[int, list[str]],
        taken: set[str],
    ) -> None:
        code, subcode = pair
        message = str(text[0]["message"])
        name, proposed = self._subcode_name(subcode, message, subcode_names, taken)
        entry = CommentedMap([("code", code), ("subcode", subcode), ("name", name)])
        if subcode_aliases.get(subcode):
            entry["aliases"] = flow(subcode_aliases[subcode])
        self.follow(
            entry, REASON_TEXT, text, f"reason {code}/{subcode} {name}", fresh=True
        )
        if proposed:
            mark(entry, "proposed name")
        reasons: CommentedSeq = self.data["reasons"]
        insert_item(reasons, sorted_index(reasons, (subcode, code), reason_key), entry)
        suffix = " (proposed name)" if proposed else ""
        self.added.append(f"reason {code}/{subcode} {name}{suffix}")

    def new_subcode(
        self,
        subcode: int,
        text: Claim,
        subcode_names: dict[int, str],
        subcode_aliases: Mapping[int, list[str]],
        taken: set[str],
    ) -> None:
        message = str(text[0]["message"])
        name, proposed = self._subcode_name(subcode, message, subcode_names, taken)
        entry = CommentedMap([("subcode", subcode), ("name", name)])
        if subcode_aliases.get(subcode):
            entry["aliases"] = flow(subcode_aliases[subcode])
        self.follow(entry, SUBCODE_TEXT, text, f"subcode {subcode} {name}", fresh=True)
        if proposed:
            mark(entry, "proposed name")
        generic: CommentedSeq = self.data["subcodes"]
        insert_item(generic, sorted_index(generic, (subcode,), subcode_key), entry)
        suffix = " (proposed name)" if proposed else ""
        self.added.append(f"subcode {subcode} {name}{suffix}")
