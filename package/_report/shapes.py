"""Where a log's records keep their pair, learned from the records themselves.

``find_pair`` searches a record for its code: the keys it knows, in any case,
then the holders (``data``, ``resultInformation``, ``properties``...) one
level down at a time. The records of a log come in a few shapes, and a record
of a shape seen before keeps its pair where the others did. ``Shapes`` learns,
from a record ``find_pair`` has read, the path it took, keyed at each level by
the record's own keys (in order), and what it found at the end: a code's,
subcode's and message's keys, or no code at all. A later record with the same
keys at each level is read along that path with a few lookups; any record the
path cannot read as simply (a missing or malformed value, a ``DiagCode`` in
a holder that is JSON text) is left to ``find_pair``, whose
answer is the reference. A shape is kept only if it reads the record it was
learned from as ``find_pair`` did.
"""

# Parsed JSON is of unknown shape by nature: pyright's standard mode here (mypy
# --strict reads it all), and the module's private helpers are this package's.
# pyright: standard

from __future__ import annotations

import re
import typing
from typing import Final

from acs_call_codes import _DETAIL_KEYS, _fold, _keys_of, find_pair

__all__ = ["NO_CODE", "Pair", "Shapes", "columns_of", "diagnostic", "pair_of"]

#: A counted pair: code, subcode (None when the record has none), and the pair
#: a ``DiagCode`` in the record's message names (None when it names none).
Pair = tuple[int, int | None, tuple[int, int] | None]
#: What ``Shapes.read`` gives for a record of a shape that carries no code.
NO_CODE: Final = (-1, None, None)
#: At most this many shapes are learned: a log whose every record has keys of
#: its own is read by find_pair, in flat memory.
MAX_SHAPES: Final = 256

_Record = dict[str, object]
#: A level of the tree: the keys of a mapping, in order, with what is known of
#: mappings with those keys, by their number. Keys are compared, not hashed: a
#: parsed record's keys are new strings, whose hashes are not computed yet.
_Node = dict[int, list[tuple[tuple[str, ...], list["_Step"]]]]


class _Step:
    """At a mapping with known keys: the code keys that must hold nothing
    (null or ""), the holder keys that must hold no mapping (null or plain
    text), and then either the holder to go into (``into``, ``child``) or the
    keys of the code, subcode and message (``code``), or no code (neither)."""

    __slots__ = ("child", "code", "empty", "into", "message", "plain", "subcode")

    def __init__(
        self,
        empty: tuple[str, ...],
        plain: tuple[str, ...],
        into: str | None = None,
        code: str | None = None,
        subcode: str | None = None,
        message: str | None = None,
    ) -> None:
        self.empty = empty
        self.plain = plain
        self.into = into
        self.child: _Node = {}
        self.code = code
        self.subcode = subcode
        self.message = message

    def same(self, other: _Step) -> bool:
        return (self.empty, self.plain, self.into, self.code, self.subcode, self.message) == (
            other.empty, other.plain, other.into, other.code, other.subcode, other.message,
        )  # fmt: skip


class Shapes:
    """The shapes learned so far; ``read`` gives a record's pair by them."""

    def __init__(self) -> None:
        self._root: _Node = {}
        #: Shapes learned, and shapes tried (kept or not): both are bounded.
        self.learned = 0
        self.tried = 0
        self._holders: dict[str, bool] = {}

    def read(self, record: _Record) -> Pair | None:
        """The record's pair, NO_CODE for a record that carries none, or None
        when no learned shape reads it (find_pair's to read)."""
        node = self._root
        holder: _Record = record
        while True:
            keys = tuple(holder)
            steps = None
            for known, held in node.get(len(keys), ()):
                if known == keys:
                    steps = held
                    break
            if steps is None:
                return None
            for step in steps:
                if step.empty and not all(
                    holder[k] is None or holder[k] == "" for k in step.empty
                ):
                    continue
                if step.plain and not all(_plain(holder[k]) for k in step.plain):
                    continue
                if step.into is not None:
                    inner = holder[step.into]
                    if type(inner) is dict:
                        node, holder = step.child, typing.cast("_Record", inner)
                        break
                    continue
                if step.code is None:
                    return NO_CODE
                found = pair_of(
                    holder[step.code],
                    None if step.subcode is None else holder[step.subcode],
                    None if step.message is None else holder[step.message],
                )
                if found is not None:
                    return found
            else:
                return None

    def learn(self, record: _Record, found: Pair, where: str | None) -> None:
        """Learn the shape of ``record``, where find_pair found ``found`` (a
        pair at ``where``, such as ``payload.data.resultInformation``, or
        NO_CODE, ``where`` the mapping it gave up at); kept only if it reads
        the record as find_pair did."""
        if self.learned >= MAX_SHAPES or self.tried >= 4 * MAX_SHAPES or where is None:
            return
        path = where.split(".")[1:] if where.startswith("payload.") else []
        if where != "payload" and not path:
            return
        steps: list[tuple[tuple[str, ...], _Step]] = []
        holder: object = record
        for depth in range(len(path) + 1):
            if type(holder) is not dict:
                return
            fields = typing.cast("_Record", holder)
            groups = list(_keys_of(typing.cast("dict[object, object]", fields)))
            codes = [str(code) for code, _, _ in groups]
            holders = [k for k in fields if self._is_holder(k)]
            if depth < len(path):
                into = path[depth]
                if into not in fields:
                    return
                plain = tuple(k for k in holders if k != into and _plain(fields[k]))
                steps.append((tuple(fields), _Step(tuple(codes), plain, into=into)))
                holder = fields[into]
                continue
            if found == NO_CODE:
                steps.append((tuple(fields), _Step(tuple(codes), tuple(holders))))
                break
            # A record carrying SIP or Q.850 details is find_pair's to read
            # (find_result gives them): a shape reads only records whose
            # details are null or "".
            details = tuple(k for k in fields if _fold(k) in _DETAIL_KEYS)
            for at, (code, subcode, message) in enumerate(groups):
                if fields[str(code)] not in (None, ""):
                    step = _Step(
                        tuple(codes[:at]) + details,
                        (),
                        code=str(code),
                        subcode=None if subcode is None else str(subcode),
                        message=None if message is None else str(message),
                    )
                    steps.append((tuple(fields), step))
                    break
            else:
                return
        self._add(steps, record, found)

    def _add(
        self, steps: list[tuple[tuple[str, ...], _Step]], record: _Record, found: Pair
    ) -> None:
        added: list[tuple[_Node, tuple[str, ...], list[_Step], _Step]] = []
        node = self._root
        for keys, step in steps:
            entries = node.setdefault(len(keys), [])
            known = next((s for k, s in entries if k == keys), None)
            if known is None:
                known = []
                entries.append((keys, known))
            same = next((s for s in known if s.same(step)), None)
            if same is None:
                known.append(step)
                added.append((node, keys, known, step))
                same = step
            node = same.child
        if not added:
            return
        self.tried += 1
        if self.read(record) == found:
            self.learned += 1
            return
        # It does not read its own record: forgotten, to the last empty entry.
        for node, keys, known, step in reversed(added):
            known.remove(step)
            if not known:
                entries = node[len(keys)]
                entries.remove((keys, known))
                if not entries:
                    del node[len(keys)]

    def _is_holder(self, key: str) -> bool:
        """Whether find_pair looks for a code inside ``key``'s value: asked
        of find_pair itself, once a key."""
        known = self._holders.get(key)
        if known is None:
            try:
                known = find_pair({key: {"code": 0}})[2] == f"payload.{key}"
            except (TypeError, ValueError):
                known = False
            if len(self._holders) < 4 * MAX_SHAPES:
                self._holders[key] = known
        return known


def _plain(value: object) -> bool:
    """Whether find_pair passes over ``value`` as a holder: null, or text
    that is not a JSON object or array."""
    if value is None:
        return True
    return type(value) is str and value.lstrip()[:1] not in ("{", "[")


def pair_of(code: object, subcode: object, message: object) -> Pair | None:
    """The pair of a code, subcode and message as a record holds them, or None
    for values find_pair reads with more care (a string that is not plain
    digits, a float, a message that is not text)."""
    # Plain ASCII digits, few enough that int() takes them, as find_pair reads
    # them (a longer one is find_pair's to report); inlined: this runs once a
    # record.
    if type(code) is str:
        if not (code.isdigit() and code.isascii() and len(code) < 100):
            return None
        code = int(code)
    elif type(code) is not int or code < 0:  # find_pair refuses a negative code
        return None
    if type(subcode) is str:
        if not subcode:
            subcode = None
        elif not (subcode.isdigit() and subcode.isascii() and len(subcode) < 100):
            return None
        else:
            subcode = int(subcode)
    elif subcode is not None and (type(subcode) is not int or subcode < 0):
        return None
    if message is not None:
        if type(message) is not str:
            return None
        if "DiagCode" in message:
            return (code, subcode, diagnostic(message))
    return (code, subcode, None)


def columns_of(names: list[str]) -> tuple[int, int | None, int | None] | None:
    """Where rows with columns ``names`` keep the code, subcode and message
    find_pair reads first (indexes), or None when no column holds a code."""
    index = {name: at for at, name in enumerate(names)}
    if any(_fold(name) in _DETAIL_KEYS for name in names):
        return None  # rows with SIP or Q.850 details: find_result reads them
    for code, subcode, message in _keys_of(dict.fromkeys(names)):
        return (
            index[str(code)],
            None if subcode is None else index[str(subcode)],
            None if message is None else index[str(message)],
        )
    return None


#: ``DiagCode: 0#7000.@`` in a Call Automation message, as find_pair reads it
#: (tests/test_report.py proves the two agree).
_DIAG = re.compile(r"DiagCode:\s*(\d+)#(\d+)")


def diagnostic(message: str) -> tuple[int, int] | None:
    """The pair a ``DiagCode`` in ``message`` names, or None."""
    found = _DIAG.search(message)
    return None if found is None else (int(found.group(1)), int(found.group(2)))
