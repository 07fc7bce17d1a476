"""Comment-preserving edits of the spec through ruamel.yaml's round trip.

The merge changes entries through these helpers only: keys go where the spec
writes them, list items keep the comments and blank lines in front of them, and
``keep_layout`` takes everything the merge did not change byte for byte from
the text as it was.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
)
from ruamel.yaml.tokens import CommentToken

from codegen.importdoc.names import REVIEW_MARK


def round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Long messages stay on one line, as the spec writes them.
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def scalar(text: str) -> str:
    """Multi-line text and text that starts with a bullet as a ``|-`` block."""
    if "\n" in text or text.startswith("- "):
        block: str = LiteralScalarString(text)
        return block
    # Plain, not str: ruamel would write a str in the style of the value it
    # replaces (a one-line message where a block was stays a block).
    plain: str = PlainScalarString(text)
    return plain


# ruamel keeps the text between two list items (blank lines, comment lines) on the
# last key of the item before, together with that key's end-of-line comment; where
# the item ends in a nested mapping (variants), on the last key of that mapping,
# since the text on the key of a mapping prints right after the key. These helpers
# move that "trailer" so it stays in front of the item it leads to.


def _holder(item: CommentedMap) -> CommentedMap:
    """The mapping whose last key holds ``item``'s trailer: ``item``, or the
    innermost mapping it ends in."""
    while item and isinstance(last := item[list(item)[-1]], CommentedMap) and last:
        item = last
    return item


def _token(item: CommentedMap) -> CommentToken | None:
    item = _holder(item)
    if not item:
        return None
    entry = item.ca.items.get(list(item)[-1])
    if not entry or len(entry) < 3:
        return None
    token = entry[2]
    return token if isinstance(token, CommentToken) else None


def _split_token(token: CommentToken | None) -> tuple[str, str]:
    """The end-of-line comment (without its newline) and the lines after it."""
    if token is None:
        return "", ""
    value: str = token.value
    if value.startswith("#"):
        eol, _, rest = value.partition("\n")
        return eol, rest
    return "", value[1:] if value.startswith("\n") else value


def _ends_in_block(item: CommentedMap) -> bool:
    """True when the item's last value is a block scalar (``|-``): its own line
    end belongs to the scalar, so the whole token is the trailer."""
    item = _holder(item)
    return bool(item) and isinstance(
        item[list(item)[-1]], (LiteralScalarString, FoldedScalarString)
    )


def _trailer(item: CommentedMap) -> str:
    if _ends_in_block(item):
        token = _token(item)
        return "" if token is None else str(token.value)
    return _split_token(_token(item))[1]


def _set_trailer(item: CommentedMap, rest: str) -> None:
    token = _token(item)
    item = _holder(item)
    key = list(item)[-1]
    if _ends_in_block(item):
        if rest:
            mark = token.start_mark if token is not None else CommentMark(0)
            entry = item.ca.items.setdefault(key, [None, None, None, None])
            entry[2] = CommentToken(rest, mark, None)
        elif token is not None:
            item.ca.items[key][2] = None
        return
    eol, _ = _split_token(token)
    if not eol and not rest:
        if token is not None:
            item.ca.items[key][2] = None
        return
    value = f"{eol}\n{rest}" if eol else f"\n{rest}"
    mark = token.start_mark if token is not None else CommentMark(0)
    entry = item.ca.items.setdefault(key, [None, None, None, None])
    entry[2] = CommentToken(value, mark, None)


def _has_comment(rest: str) -> bool:
    return any(line.strip() for line in rest.splitlines())


def _separator(rest: str) -> str:
    """The blank lines at the start of a trailer: how the list spaces its items."""
    return rest[: len(rest) - len(rest.lstrip("\n"))]


def insert_item(
    seq: CommentedSeq, index: int, item: CommentedMap, spaced: bool = True
) -> None:
    """Insert ``item`` at ``index``; the comment before the item that was there
    stays in front of it. In a ``spaced`` list a blank line parts the items."""
    if len(seq) == 0:
        seq.fa.set_block_style()
        seq.append(item)
        return
    if index == 0:
        _set_trailer(item, _separator(_trailer(seq[0])) or "\n")
        seq.insert(0, item)
        return
    before = seq[index - 1]
    rest = _trailer(before)
    _set_trailer(item, rest)
    _set_trailer(before, _separator(rest) if spaced else "")
    seq.insert(index, item)


def remove_item(parent: CommentedMap, key: str, index: int) -> None:
    """Remove item ``index`` of the list ``parent[key]``, keeping the comments
    around it."""
    seq: CommentedSeq = parent[key]
    rest = _trailer(seq[index])
    if index > 0:
        before = seq[index - 1]
        kept = _trailer(before)
        if _has_comment(kept) and _has_comment(rest):
            rest = kept + rest.lstrip("\n")
        elif _has_comment(kept):
            rest = kept
        _set_trailer(before, rest)
    elif _has_comment(rest) and len(seq) > 1:
        # The first item's trailer leads to the second, which becomes the first:
        # the comment moves to the lines between the key and the list.
        lines = rest.lstrip("\n")
        token = CommentToken(lines, CommentMark(0), None)
        entry = parent.ca.items.setdefault(key, [None, None, None, None])
        if entry[3] is None:
            entry[3] = []
        entry[3].append(token)
        seq.ca.comment = [None, entry[3]]
    del seq[index]


#: The order of each kind of entry's keys, as the spec writes them.
KEY_ORDER = {
    "code_classes": (
        "name",
        "first",
        "last",
        "description",
        "sources",
        "prefer",
        "message",
        "variants",
    ),
    "codes": (
        "code",
        "name",
        "aliases",
        "summary",
        "sources",
        "prefer",
        "message",
        "advice",
        "events",
        "variants",
    ),
    "reasons": (
        "code",
        "subcode",
        "name",
        "aliases",
        "sources",
        "prefer",
        "message",
        "result_category",
        "advice",
        "events",
        "variants",
    ),
    "subcodes": (
        "subcode",
        "name",
        "aliases",
        "sources",
        "prefer",
        "message",
        "advice",
        "variants",
    ),
    "subcode_rules": (
        "name",
        "prefix",
        "digits",
        "reads",
        "direction",
        "sources",
        "message",
        "advice",
    ),
}


def put_key(item: CommentedMap, key: str, value: object, order: Sequence[str]) -> None:
    """Set ``key``, placing a new key where ``order`` puts it among the others."""
    if key in item:
        last = list(item)[-1] == key
        rest = _trailer(item) if last else ""
        if last:
            _set_trailer(item, "")
        item[key] = value
        if last:
            _set_trailer(item, rest)
        return
    rank = order.index(key)
    position = sum(1 for k in item if k in order and order.index(k) < rank)
    if position == len(item):
        rest = _trailer(item)
        _set_trailer(item, "")
        item.insert(position, key, value)
        _set_trailer(item, rest)
    else:
        item.insert(position, key, value)


def drop_key(item: CommentedMap, key: str) -> None:
    if key not in item:
        return
    if list(item)[-1] == key:
        rest = _trailer(item)
        del item[key]
        item.ca.items.pop(key, None)
        _set_trailer(item, rest)
    else:
        del item[key]
        item.ca.items.pop(key, None)


def has_name_comment(item: CommentedMap) -> bool:
    entry = item.ca.items.get("name")
    return bool(entry and len(entry) > 2 and entry[2] is not None)


def mark(item: CommentedMap, what: str) -> None:
    # Two spaces before the comment, as PEP 8 has it and new entries get; an
    # entry read from the file needs its column given.
    try:
        column: int | None = item.lc.key("name")[1] + len(f"name: {item['name']}  ")
    except (KeyError, TypeError):
        column = None
    item.yaml_add_eol_comment(f"# {REVIEW_MARK} {what}", "name", column=column)


def sorted_index(seq: CommentedSeq, key: tuple[int, ...], key_of: Any) -> int:
    """Where ``key`` goes in a list sorted by ``key_of``: before the first larger."""
    for index, item in enumerate(seq):
        if key_of(item) > key:
            return index
    return len(seq)


def code_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["code"]),)


def reason_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["subcode"]), int(item["code"]))


def subcode_key(item: CommentedMap) -> tuple[int, ...]:
    return (int(item["subcode"]),)


def flow(items: list[str]) -> CommentedSeq:
    """A list written on one line, ``[A, B]``, as the spec writes aliases."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


#: The lists whose entries the spec separates with a blank line.
_SPACED = frozenset({"codes", "reasons", "subcodes", "subcode_rules"})


def space_entries(text: str) -> str:
    """``text`` with one blank line before each entry of the spaced lists (and
    before the comment lines that lead to it), and after the last, as the spec
    is written by hand. The round trip loses that space after an entry that
    ends in a nested block, and a section import adds follows the one before.

    >>> space_entries("codes:\\n  - code: 0\\n  - code: 1\\nreasons: []\\n")
    'codes:\\n\\n  - code: 0\\n\\n  - code: 1\\n\\nreasons: []\\n'
    """
    lines = text.split("\n")
    out: list[str] = []
    section = ""
    for line in lines:
        key = bool(line) and not line[0].isspace() and not line.startswith("#")
        if section in _SPACED and (key or line.startswith("  - ")):
            lead = "#" if key else "  #"
            at = len(out)
            while at > 0 and out[at - 1].startswith(lead):
                at -= 1
            if at > 0 and out[at - 1].strip():
                out.insert(at, "")
        if key:
            section = line.split(":", 1)[0]
        out.append(line)
    return "\n".join(out)


#: A line that starts a chunk of the spec: a top-level key, or an item of a
#: top-level list.
_CHUNK_START = re.compile(r"^(?:[A-Za-z_]|  - )")


def _chunks(text: str) -> list[tuple[tuple[str, ...], str]]:
    """The text cut where a top-level key or a list item starts, each chunk
    with the comment and blank lines after it, and named by its section and
    first line (and the subcode line of a reason)."""
    chunks: list[tuple[tuple[str, ...], str]] = []
    lines = text.splitlines(keepends=True)
    section = ""
    current: list[str] = []
    for line in lines:
        if _CHUNK_START.match(line) and current:
            chunks.append((_chunk_key(section, current), "".join(current)))
            current = []
        if line[:1].isalpha() or line.startswith("_"):
            section = line.split(":", 1)[0]
        current.append(line)
    if current:
        chunks.append((_chunk_key(section, current), "".join(current)))
    return chunks


def _chunk_key(section: str, lines: Sequence[str]) -> tuple[str, ...]:
    key = [section, lines[0].split("#", 1)[0].strip()]
    if len(lines) > 1 and lines[1].strip().startswith("subcode:"):
        key.append(lines[1].strip())
    return tuple(key)


def _same_chunk(first: str, second: str) -> bool:
    """Equal but for layout: the same words and comments, and the same data."""
    if first.split() != second.split():
        return False
    try:
        before: object = yaml.safe_load(textwrap.dedent(first))
        after: object = yaml.safe_load(textwrap.dedent(second))
    except yaml.YAMLError:
        return False
    return before == after


def keep_layout(original: str, merged: str) -> str:
    """``merged`` with every chunk that says what it said in ``original`` (the
    same entry, its words and comments unchanged) taken byte for byte from
    ``original``: the round trip reflows multi-line plain scalars and moves
    blank lines, and an import must leave what it does not change as it was."""
    old_chunks = _chunks(original)
    before: dict[tuple[str, ...], list[str]] = {}
    follows: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for at, (key, chunk) in enumerate(old_chunks):
        before.setdefault(key, []).append(chunk)
        follows[key] = old_chunks[at + 1][0] if at + 1 < len(old_chunks) else None
    new_chunks = _chunks(merged)
    out: list[str] = []
    for at, (key, chunk) in enumerate(new_chunks):
        kept = next((c for c in before.get(key, ()) if _same_chunk(c, chunk)), None)
        if kept is None and len(before.get(key, ())) == 1:
            # The entry changed: keep the layout of the keys that did not.
            kept = _keep_keys(before[key][0], chunk)
        if kept is None:
            out.append(chunk)
            continue
        following = new_chunks[at + 1][0] if at + 1 < len(new_chunks) else None
        if following != follows.get(key):
            # A neighbour came or went: the blank lines after it are the merge's.
            kept = kept.rstrip("\n") + "\n" + chunk[len(chunk.rstrip("\n")) + 1 :]
        out.append(kept)
    return "".join(out)


#: A key of an entry of a top-level list (``    summary: ...``), or its first.
_ENTRY_KEY = re.compile(r"^(?:  - |    )([a-z_]+):")


def _keep_keys(original: str, merged: str) -> str:
    """``merged``, one entry, with each key whose value and comments did not
    change taken as ``original`` writes it."""

    def parts(text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for line in text.splitlines(keepends=True):
            start = _ENTRY_KEY.match(line)
            if start or not found:
                found.append((start[1] if start else "", line))
            else:
                found[-1] = (found[-1][0], found[-1][1] + line)
        return found

    old = dict(parts(original))
    out = []
    for key, part in parts(merged):
        kept = old.get(key)
        same = (
            kept is not None and kept.startswith(part[:4]) and _same_chunk(kept, part)
        )
        if same and kept is not None:
            # The value as written; the blank lines after it are the merge's.
            part = kept.rstrip("\n") + "\n" + part[len(part.rstrip("\n")) + 1 :]
        out.append(part)
    return "".join(out)
