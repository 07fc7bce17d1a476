"""Markdown as Microsoft's documents write it: pipe tables with their line
numbers, the headings and pivots above them, and a cell's inline Markdown as
plain text. codegen.doctables reads code tables out of what this gives."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

DELIMITER = re.compile(r"\s*:?-+:?\s*")


BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


#: HTML list tags in a cell (``<ul><li>...</li></ul>``, or a stray ``</li></ul>``
#: left at a cell's end): each item on its own line as a bullet, and the tags
#: themselves never in the text.
LIST_TAG = re.compile(r"</?(?:ul|ol)\s*>|</li\s*>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li\s*>", re.IGNORECASE)


#: Inline Markdown is read as CommonMark renders it (links keep their text,
#: images their alt text, escapes their character), raw HTML allowed for
#: ``<br>``; the pipe-table splitter above it keeps its own line numbers.
MARKDOWN = MarkdownIt("commonmark", {"html": True})


BLANKS = re.compile(r"[ \t\u00a0]+")


# An inline bullet: " - " after the end of a sentence or clause. A dash inside a
# sentence ("ended - abruptly") is left alone.
BULLET = re.compile(r"(?<=[.:;!?])\s+-\s+")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    column: int


def clean_text(text: str, references: Mapping[str, object] | None = None) -> str:
    """A cell's text as the spec keeps it: plain lines, no Markdown.

    ``<br>`` and inline bullets start new lines, links keep their text (a
    reference link needs its definition in ``references``, as markdown-it's
    ``env["references"]`` holds them, else it stays as written, as a renderer
    shows it), escapes lose their backslash, code keeps its backticks, runs of
    spaces and tabs become one space.

    >>> clean_text("Causes: - [User](u) hung up. - Lost  network.")
    'Causes:\\n- User hung up.\\n- Lost network.'
    """
    env: dict[str, object] = {"references": dict(references or {})}
    plain = "".join(
        _plain_inline(child)
        for token in MARKDOWN.parseInline(text, env)
        for child in token.children or ()
    )
    lines: list[str] = []
    for raw in plain.splitlines():
        line = BLANKS.sub(" ", raw).strip()
        line = BULLET.sub("\n- ", line)
        lines.extend(part.strip() for part in line.splitlines())
    return "\n".join(line for line in lines if line)


def _plain_inline(token: Token) -> str:
    """The text an inline token stands for, its emphasis and code marks kept
    as written: the spec keeps Microsoft's words, not its links."""
    kind = token.type
    if kind in ("softbreak", "hardbreak"):
        return "\n"
    if kind == "code_inline":
        return f"{token.markup}{token.content}{token.markup}"
    if kind == "html_inline":
        if BR.fullmatch(token.content) or LIST_TAG.fullmatch(token.content):
            return "\n"
        return "\n- " if LIST_ITEM.fullmatch(token.content) else token.content
    if kind in ("link_open", "link_close"):
        # An autolink <https://...> stays as written; other links keep their text.
        if token.markup == "autolink":
            return "<" if kind == "link_open" else ">"
        return ""
    if kind == "image":
        return "".join(child.content for child in token.children or ())
    if kind.endswith(("_open", "_close")):
        return token.markup
    return token.content


def split_row(line: str, number: int) -> tuple[list[Cell], bool]:
    """The cells of one physical line, and whether it ends with a closing pipe.

    Pipes escaped with a backslash stay in their cell.
    """
    text = line.rstrip()
    body = text.lstrip()
    offset = len(text) - len(body)
    if body.startswith("|"):
        body, offset = body[1:], offset + 1
    cells: list[Cell] = []
    at = index = 0
    while index < len(body):
        if body[index] == "\\":
            index += 2
            continue
        if body[index] == "|":
            cells.append(Cell(body[at:index], number, offset + at + 1))
            at = index + 1
        index += 1
    closed = bool(cells) and at >= len(body)
    if not closed:
        cells.append(Cell(body[at:], number, offset + at + 1))
    return [_strip(cell) for cell in cells], closed


def _strip(cell: Cell) -> Cell:
    lead = len(cell.text) - len(cell.text.lstrip())
    return Cell(cell.text.strip(), cell.line, cell.column + lead)


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)
    #: The Markdown headings above the table, outermost first.
    headings: tuple[str, ...] = ()
    #: The page's ``Applies to`` line or zone pivot in force, lower-cased.
    pivot: str = ""

    @property
    def heading(self) -> str:
        """The nearest heading above the table."""
        return self.headings[-1] if self.headings else ""


def is_header(lines: Sequence[str], index: int) -> bool:
    """Whether a table starts at ``lines[index]``: a row, then a delimiter row."""
    if index + 1 >= len(lines):
        return False
    line, below = lines[index], lines[index + 1]
    if not (line.lstrip().startswith("|") and below.lstrip().startswith("|")):
        return False
    header, _ = split_row(line, index + 1)
    delimiter, _ = split_row(below, index + 2)
    return len(delimiter) == len(header) and all(
        DELIMITER.fullmatch(cell.text) for cell in delimiter
    )


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


FENCE = re.compile(r"^\s*(```+|~~~+)")


#: ``**Applies to: calling,pstn**`` as Microsoft Learn renders a zone pivot.
_APPLIES = re.compile(r"^\s*\**\s*applies to\s*:\s*(.*?)\**\s*$", re.IGNORECASE)


#: ``::: zone pivot="pstn"`` ... ``::: zone-end`` in the docs repository's source.
_ZONE = re.compile(r'^\s*:::\s*zone\s+pivot\s*=\s*"([^"]*)"', re.IGNORECASE)


_ZONE_END = re.compile(r"^\s*:::\s*zone-end", re.IGNORECASE)


def tables(lines: Sequence[str]) -> Iterator[Table]:
    """The pipe tables of the text, rows split over lines joined again, each
    with the headings and the pivot it sits under. Code fences are passed over.

    A line that does not start with a pipe continues the row before it while
    that row has fewer cells than the header; otherwise it ends the table.
    """
    index = 0
    headings: list[tuple[int, str]] = []
    pivot = ""
    fence = ""
    while index + 1 < len(lines):
        line = lines[index]
        opened = FENCE.match(line)
        if fence:
            if (
                opened
                and opened.group(1)[0] == fence[0]
                and len(opened.group(1)) >= len(fence)
            ):
                fence = ""
            index += 1
            continue
        if opened:
            fence = opened.group(1)
            index += 1
            continue
        if not is_header(lines, index):
            heading = _HEADING.match(line)
            applies = _APPLIES.match(line)
            zone = _ZONE.match(line)
            if heading:
                level = len(heading.group(1))
                headings = [(lv, text) for lv, text in headings if lv < level]
                headings.append((level, clean_text(heading.group(2))))
            elif applies:
                pivot = applies.group(1).strip().strip("*").lower()
            elif zone:
                pivot = zone.group(1).strip().lower()
            elif _ZONE_END.match(line):
                pivot = ""
            index += 1
            continue
        table = Table(
            split_row(lines[index], index + 1)[0],
            headings=tuple(text for _, text in headings),
            pivot=pivot,
        )
        header = table.header
        index += 2
        closed = True
        while index < len(lines):
            line = lines[index]
            if is_header(lines, index):
                break
            if line.lstrip().startswith("|"):
                cells, closed = split_row(line, index + 1)
                table.rows.append(cells)
            elif line.strip() and table.rows and len(table.rows[-1]) < len(header):
                cells, line_closed = split_row(line, index + 1)
                row = table.rows[-1]
                if not closed and cells:
                    last = row.pop()
                    cells[0] = Cell(
                        f"{last.text} {cells[0].text}".strip(), last.line, last.column
                    )
                row.extend(cells)
                closed = line_closed
            else:
                break
            index += 1
        yield table
