"""A spec's YAML as plain data, remembering where every node stands: ``parse_spec``.

PyYAML's safe loader alone is not strict enough for a hand-edited catalog: it keeps
the last of two duplicate keys, expands aliases without limit and forgets where
values came from. So the text is parsed to events and composed to nodes with the
safe loader, and the nodes are turned into dicts, lists and scalars here, with
duplicate keys, anchors, aliases and non-JSON types reported as errors.

A function of bytes: loader.py reads the files and hands their bytes here.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from codegen.diagnostics import Diagnostic, SpecError

#: A place in the data: keys and list indexes from the top, as jsonschema reports them.
DataPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_SCALAR_TAGS = {_STR, _INT, "tag:yaml.org,2002:float", _BOOL, "tag:yaml.org,2002:null"}
#: YAML 1.1 reads 010 as 8, 1:30 as 90 and 0x1F as 31; a catalog of codes writes
#: numbers the way the document does.
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_BOOL = {"true", "false"}
#: The catalog nests four levels deep (top, section, row, aliases); the limit is
#: arbitrary but stops a hostile file long before PyYAML's recursion would.
MAX_DEPTH = 16


@dataclass(frozen=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class SpecDocument:
    """A spec as plain data, with the place of each value and of each mapping key.

    ``data`` is ``object`` on purpose: nothing about its shape is known until
    validate_spec has looked at it.

    ``problems`` are what the loader found wrong without losing the data (only
    with ``keep_going``); ``unsound`` holds the paths of values it could not
    read as written, and ``incomplete`` the mappings it had to skip a key of,
    so that validate_spec says nothing more about them.
    """

    path: str
    data: object
    sha256: str
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()
    unsound: frozenset[DataPath] = frozenset()
    incomplete: frozenset[DataPath] = frozenset()
    #: The ``# review: WHAT`` comments import leaves on what it proposed, as
    #: (place, WHAT); generate refuses a spec that still has any.
    review_marks: tuple[tuple[Position, str], ...] = ()

    def position(self, path: DataPath) -> Position:
        """The place of the value at ``path``, else of its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position(self, path: DataPath) -> Position:
        """The place of the key that leads to ``path``, else of the value there."""
        return self.keys.get(path) or self.position(path)

    def diagnostic(
        self, path: DataPath, message: str, *, at_key: bool = False
    ) -> Diagnostic:
        """A Diagnostic placed at the value (or, with ``at_key``, the key) at ``path``."""
        pos = self.key_position(path) if at_key else self.position(path)
        return Diagnostic(self.path, pos.line, pos.column, message)


def parse_spec(raw: bytes, path: str, *, keep_going: bool = False) -> SpecDocument:
    """Parse spec bytes into a SpecDocument; raises SpecError for any problem.

    With ``keep_going``, problems that leave the data readable (a duplicate key,
    a tag, a date or number YAML reads unlike it looks) are returned in the
    document's ``problems`` instead, so that validate_spec reports them together
    with its own: one run, every error. Problems that leave nothing to check
    (bad bytes, a syntax error, anchors, a top level that is not a mapping) are
    raised either way.
    """
    text = decode_text(raw, path)
    sha256 = hashlib.sha256(raw).hexdigest()
    _refuse_conflict_markers(text, path)
    _scan_events(text, path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise SpecError([_yaml_diagnostic(exc, text, path)]) from None
    if node is None:
        raise SpecError(
            [
                Diagnostic(
                    path, 1, 1, "the spec is empty: expected a mapping with the catalog"
                )
            ]
        )
    builder = _Builder(path)
    data = builder.build(node, ())
    if builder.errors and not keep_going:
        raise SpecError(builder.errors)
    if not isinstance(data, dict):
        raise SpecError(
            [
                *builder.errors,
                Diagnostic(
                    path,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    f"the top level must be a mapping, not {_kind(data)}",
                ),
            ]
        )
    return SpecDocument(
        path,
        data,
        sha256,
        builder.values,
        builder.keys,
        tuple(builder.errors),
        frozenset(builder.unsound),
        frozenset(builder.incomplete),
        _review_marks(text, node),
    )


#: The comment import puts on a name (or summary) it proposed.
_REVIEW = re.compile(r"(?:^|(?<=\s))#\s*review:[ \t]*([^\n]*)")


def _review_marks(text: str, root: yaml.Node) -> tuple[tuple[Position, str], ...]:
    """Where ``# review:`` stands as a comment, not inside a value: a message may
    well say "# review:" and is no mark."""
    spans: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    spans.sort()
    starts = [start for start, _ in spans]
    marks: list[tuple[Position, str]] = []
    for found in _REVIEW.finditer(text):
        at = found.start()
        if text[at] != "#":
            at += 1
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and spans[inside][0] <= at < spans[inside][1]:
            continue
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        marks.append((Position(line, column), found.group(1).strip()))
    return tuple(marks)


#: The lines git leaves in a file whose merge it could not finish.
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


def _refuse_conflict_markers(text: str, path: str) -> None:
    """A spec merged from branches may hold git's conflict markers; YAML would
    report them as some syntax error, often lines away, so they are named here."""
    errors = [
        Diagnostic(
            path,
            text.count("\n", 0, found.start()) + 1,
            1,
            f"merge conflict marker {found.group(1)}; resolve the conflict first",
        )
        for found in _CONFLICT.finditer(text)
    ]
    if errors:
        raise SpecError(errors)


def decode_text(raw: bytes, path: str) -> str:
    """``raw`` as UTF-8 text, less a byte order mark; SpecError placing the
    first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SpecError(
            [
                Diagnostic(
                    path,
                    line,
                    column,
                    f"the spec is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _scan_events(text: str, path: str) -> None:
    """Refuse anchors, aliases and deep nesting before anything is composed.

    Anchors and aliases are never needed in a flat catalog, and expanding them is
    how a few lines of YAML become gigabytes; deep nesting is how a few kilobytes
    exhaust the recursion of PyYAML's composer. The event stream shows both
    without building anything, so a hostile file fails here, fast.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            _scan_with(text, path, fast, reword=False)
            return
        except yaml.YAMLError:
            pass  # the pure-Python parser below words its errors as the tests expect
    _scan_with(text, path, yaml.SafeLoader, reword=True)


def _scan_with(text: str, path: str, parser: Any, *, reword: bool) -> None:
    """_scan_events with one parser: libyaml's when PyYAML has it (four times
    faster on the catalog), the pure-Python one for a file libyaml refuses, so
    that its syntax error reads the same on every machine."""
    errors: list[Diagnostic] = []
    aliases: dict[str, tuple[Diagnostic, int]] = {}
    depth = 0
    try:
        for event in yaml.parse(text, Loader=parser):
            line, column = _place(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    errors.append(
                        Diagnostic(
                            path,
                            line,
                            column,
                            f"nesting is deeper than {MAX_DEPTH} levels; "
                            "a catalog nests four deep",
                        )
                    )
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            anchor = getattr(event, "anchor", None)
            if not anchor:
                continue
            if isinstance(event, yaml.AliasEvent):
                # One line per name: a bomb repeats a few aliases thousands of times.
                first, uses = aliases.get(anchor, (None, 0))
                here = Diagnostic(path, line, column, "")
                aliases[anchor] = (first or here, uses + 1)
            else:
                errors.append(
                    Diagnostic(
                        path,
                        line,
                        column,
                        f"anchors are not allowed (&{anchor}); write the values out",
                    )
                )
    except yaml.YAMLError as exc:
        if not reword:
            raise
        errors.append(_yaml_diagnostic(exc, text, path))
    for anchor, (first, uses) in aliases.items():
        more = (
            f", and {uses - 1} more time{'s' if uses > 2 else ''}" if uses > 1 else ""
        )
        errors.append(
            Diagnostic(
                first.path,
                first.line,
                first.column,
                f"aliases are not allowed (*{anchor}{more}); write the value out",
            )
        )
    if errors:
        raise SpecError(errors)


class _Mark(Protocol):
    line: int
    column: int


def _place(mark: _Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


#: What to do about PyYAML's commonest complaints in a hand-edited catalog.
_YAML_HINTS = {
    "found character '\\t' that cannot start any token": "; indent with spaces, not tabs",
    "mapping values are not allowed here": (
        "; a plain value cannot hold ': ' (as in 'Call blocked: ...'):"
        " quote the value or write it as a block scalar (|-)"
    ),
}


def _yaml_diagnostic(exc: yaml.YAMLError, text: str, path: str) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow in a file, such as NUL or ESC.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Diagnostic(
            path,
            line,
            column,
            f"the character U+{exc.character:04X} is not allowed in a YAML file; "
            "write it as an escape in a double-quoted string",
        )
    if not isinstance(
        exc, yaml.MarkedYAMLError
    ):  # pragma: no cover - PyYAML marks its errors
        return Diagnostic(path, 0, 0, f"invalid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if problem == "but found another document":
        message = "the spec must be one YAML document; a second one starts here"
    else:
        message = f"invalid YAML: {problem}"
        if exc.context and exc.context_mark and mark is not exc.context_mark:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        message += _YAML_HINTS.get(problem, "")
    line, column = _place(mark)
    return Diagnostic(path, line, column, message)


def _tag(tag: str) -> str:
    """A tag as it is written in YAML: ``!!binary`` for tag:yaml.org,2002:binary."""
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    return f"a {type(value).__name__}"


class _Builder:
    """Turns a composed node tree into plain data, collecting errors as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Diagnostic] = []
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.unsound: set[DataPath] = set()
        self.incomplete: set[DataPath] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def _error(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.errors.append(
            Diagnostic(self.path, mark.line + 1, mark.column + 1, message)
        )

    def build(self, node: yaml.Node, where: DataPath) -> object:
        self.values[where] = Position(
            node.start_mark.line + 1, node.start_mark.column + 1
        )
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self._error(
                    node,
                    f"tag {_tag(node.tag)} is not allowed here; write a plain mapping",
                )
                self.unsound.add(where)
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._error(
                    node,
                    f"tag {_tag(node.tag)} is not allowed here; write a plain list",
                )
                self.unsound.add(where)
            return [
                self.build(item, (*where, index))
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        value, sound = self._scalar(node)
        if not sound:
            self.unsound.add(where)
        return value

    def _scalar(self, node: yaml.ScalarNode) -> tuple[object, bool]:
        """The scalar's value, and whether it reads as it is written."""
        if node.tag == "tag:yaml.org,2002:timestamp":
            self._error(
                node, f"{node.value!r} reads as a date; quote it to make it a string"
            )
            return node.value, False
        if node.tag not in _SCALAR_TAGS:
            self._error(
                node,
                f"tag {_tag(node.tag)} is not allowed; write a plain string, number, boolean or null",
            )
            return node.value, False
        try:
            value: object = self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self._error(node, f"cannot read {node.value!r}: {exc}")
            return node.value, False
        if node.tag == _INT and not _PLAIN_INT.fullmatch(node.value):
            self._error(
                node,
                f"{node.value!r} reads as the number {value}; write numbers in "
                "plain decimal, or quote it to make it a string",
            )
        elif node.tag == _BOOL and node.value.lower() not in _PLAIN_BOOL:
            self._error(
                node,
                f"{node.value!r} reads as the boolean {str(value).lower()}; "
                "quote it to make it a string",
            )
        elif isinstance(value, str) and not _encodable(value):
            # YAML's "\ud800" escape makes half of a UTF-16 pair, which no UTF-8
            # file (the module, the reference) can hold.
            self._error(
                node,
                "this string holds a lone surrogate (such as \\ud800), which no "
                "UTF-8 file can hold; write the whole character instead",
            )
        else:
            return value, True
        return value, False

    def _mapping(self, node: yaml.MappingNode, where: DataPath) -> dict[str, object]:
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                self._error(
                    key_node,
                    "keys must be plain strings (merge keys and complex keys are not allowed)",
                )
                self.incomplete.add(where)
                continue
            key, sound = self._scalar(key_node)
            if not isinstance(key, str):
                if sound:
                    self._error(
                        key_node,
                        f"key {key_node.value!r} must be a string, not {_kind(key)}",
                    )
                self.incomplete.add(where)
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                self._error(
                    key_node, f"duplicate key {key!r} (first at line {first_line[key]})"
                )
                continue
            first_line[key] = line
            self.keys[(*where, key)] = Position(line, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*where, key))
        return result


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
