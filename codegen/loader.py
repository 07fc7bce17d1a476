"""Stage 1, load: YAML text to plain data, remembering where every node stands.

PyYAML's safe loader alone is not strict enough for a hand-edited catalog: it keeps
the last of two duplicate keys, expands aliases without limit and forgets where
values came from. So the text is parsed to events and composed to nodes with the
safe loader, and the nodes are turned into dicts, lists and scalars here, with
duplicate keys, anchors, aliases and non-JSON types reported as errors.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from codegen.diagnostics import Diagnostic, SpecError

#: A place in the data: keys and list indexes from the top, as jsonschema reports them.
DataPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


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
    """

    path: str
    data: object
    sha256: str
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)

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


def load_spec(path: Path, display_path: str | None = None) -> SpecDocument:
    """Read and parse the spec at ``path``; raises SpecError for any problem."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read the spec: {exc.strerror}")]
        ) from None
    return parse_spec(raw, shown)


def parse_spec(raw: bytes, path: str) -> SpecDocument:
    """Parse spec bytes into a SpecDocument; raises SpecError for any problem."""
    text = _decode(raw, path)
    sha256 = hashlib.sha256(raw).hexdigest()
    _refuse_anchors(text, path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise SpecError([_yaml_diagnostic(exc, path)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks its errors
        raise SpecError([Diagnostic(path, 0, 0, f"invalid YAML: {exc}")]) from None
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
    if builder.errors:
        raise SpecError(builder.errors)
    if not isinstance(data, dict):
        raise SpecError(
            [
                Diagnostic(
                    path,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    f"the top level must be a mapping, not {_kind(data)}",
                )
            ]
        )
    return SpecDocument(path, data, sha256, builder.values, builder.keys)


def _decode(raw: bytes, path: str) -> str:
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


def _refuse_anchors(text: str, path: str) -> None:
    """Anchors and aliases are refused: they are never needed in a flat catalog,
    and expanding them is how a few lines of YAML become gigabytes."""
    errors: list[Diagnostic] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            anchor = getattr(event, "anchor", None)
            if not anchor:
                continue
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            if isinstance(event, yaml.AliasEvent):
                message = f"aliases are not allowed (*{anchor}); write the value out"
            else:
                message = f"anchors are not allowed (&{anchor}); write the values out"
            errors.append(Diagnostic(path, line, column, message))
    except yaml.MarkedYAMLError as exc:
        errors.append(_yaml_diagnostic(exc, path))
    if errors:
        raise SpecError(errors)


def _yaml_diagnostic(exc: yaml.MarkedYAMLError, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if exc.context and exc.context_mark and mark is not exc.context_mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    if mark is None:  # pragma: no cover - PyYAML marks its errors
        return Diagnostic(path, 0, 0, message)
    return Diagnostic(path, mark.line + 1, mark.column + 1, message)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


class _Builder:
    """Turns a composed node tree into plain data, collecting errors as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Diagnostic] = []
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
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
                    node, f"tag {node.tag} is not allowed here; write a plain mapping"
                )
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._error(
                    node, f"tag {node.tag} is not allowed here; write a plain list"
                )
            return [
                self.build(item, (*where, index))
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag == "tag:yaml.org,2002:timestamp":
            self._error(
                node, f"{node.value!r} reads as a date; quote it to make it a string"
            )
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self._error(
                node,
                f"tag {node.tag} is not allowed; write a plain string, number, boolean or null",
            )
            return node.value
        try:
            return self._constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self._error(node, f"cannot read {node.value!r}: {exc}")
            return node.value

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
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                self._error(
                    key_node,
                    f"key {key_node.value!r} must be a string, not {_kind(key)}",
                )
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


def read_text(path: Path, display_path: str | None = None) -> str:
    """The UTF-8 text of any input file (a doc, a spec to merge into); raises
    SpecError when it cannot be read or decoded."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read the file: {exc.strerror}")]
        ) from None
    return _decode(raw, shown)


def load_committed_spec(revision: str, path: str) -> SpecDocument:
    """The spec at ``path`` (relative to the working folder) as committed at
    ``revision``, read with ``git show``; raises SpecError when git cannot."""
    shown = f"{revision}:{path}"
    try:
        done = subprocess.run(
            ["git", "show", f"{revision}:./{path}"],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot run git: {exc.strerror}")]
        ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = reason[-1] if reason else f"git exited {done.returncode}"
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read it from git: {message}")]
        )
    return parse_spec(done.stdout, shown)
