"""The pieces the report's HTML page is made of, for ``as_html`` and ``charts``.

Everything in the document may come from a log, so every text goes through one
function, ``escaped`` (``html.escape``, with control characters made visible):
``<script>`` in a field value shows as text. The document is read through
``read_*``, which give the schema's types or raise a ValueError naming the
place. Standard library only.
"""

from __future__ import annotations

import html
import re
import typing
from collections.abc import Mapping, Sequence

#: A text from the log longer than this is cut, and says how long it was:
#: a 10 MB field value would make a page nobody can read.
LONG_TEXT: typing.Final = 300

#: Result categories in the order they stack, and their colour's CSS class.
#: A category the catalog may add later gets ``c-other``: a class name never
#: comes from the document.
CATEGORIES: typing.Final = (
    ("Success", "c-success"),
    ("ExpectedError", "c-expected"),
    ("UnexpectedClientError", "c-client"),
    ("UnexpectedServerError", "c-server"),
    ("none given", "c-none"),
)
_CATEGORY_CLASS: typing.Final = dict(CATEGORIES)

#: C0 and C1 controls (but tab, line feed and carriage return), lone
#: surrogates (a JSON string may hold one; UTF-8 cannot), and the
#: bidirectional overrides that would make text read backwards.
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)

DocumentMap = Mapping[str, object]


def _shown(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point < 0x20:
        return chr(0x2400 + point)  # the Control Pictures block: NUL shows as ␀
    return "\u2421" if point == 0x7F else "\ufffd"


def escaped(value: object, limit: int | None = LONG_TEXT) -> str:
    """``value`` as HTML text or attribute value: the one way anything reaches
    the page. Escaped by ``html.escape`` (``<``, ``>``, ``&``, both quotes),
    control characters shown as their pictures, and cut past ``limit``
    characters with the length it had (``None``: never cut)."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}\u2026 ({len(text):,} characters)"
    return html.escape(_UNSHOWABLE.sub(_shown, text), quote=True)


# Reading the document: the schema's types, or a ValueError naming the place.


def _fail(where: str, kind: str, value: object) -> ValueError:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:60] + "..."
    return ValueError(f"report document: {where} is not {kind}: {shown}")


def read_int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "a whole number", value)
    return value


def read_number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, "a number", value)
    return float(value)


def read_str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "a string", value)
    return value


def read_map(value: object, where: str) -> DocumentMap:
    if not isinstance(value, Mapping):
        raise _fail(where, "an object", value)
    return typing.cast("DocumentMap", value)


def read_list(value: object, where: str) -> list[object]:
    if not isinstance(value, (list, tuple)):
        raise _fail(where, "an array", value)
    return list(typing.cast("Sequence[object]", value))


def read_maps(value: object, where: str) -> list[DocumentMap]:
    return [
        read_map(item, f"{where}[{i}]")
        for i, item in enumerate(read_list(value, where))
    ]


def read_counts(value: object, where: str) -> list[tuple[str, int]]:
    """A ``{name: count}`` object's items, in the document's order."""
    return [
        (str(k), read_int(n, f"{where}.{k}")) for k, n in read_map(value, where).items()
    ]


def read_optional(document: DocumentMap, key: str) -> DocumentMap | None:
    value = document.get(key)
    return None if value is None else read_map(value, key)


# Small pieces.


def counted(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def share_of(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "0.0%"


def css_class(category: str) -> str:
    return _CATEGORY_CLASS.get(category, "c-other")


def category_order(names: set[str]) -> list[str]:
    known = [name for name, _ in CATEGORIES if name in names]
    return known + sorted(names - set(known))


def describe_pair(pair: DocumentMap, where: str) -> str:
    code = read_int(pair.get("code"), f"{where}.code")
    subcode = pair.get("subcode")
    text = str(code) if subcode is None else f"{code}/{read_int(subcode, where)}"
    diagnostic = pair.get("diagnostic")
    if diagnostic is not None:
        numbers = [
            read_int(n, f"{where}.diagnostic") for n in read_list(diagnostic, where)
        ]
        text += " (DiagCode " + "#".join(map(str, numbers)) + ")"
    return text


def member_names(pair: DocumentMap) -> str:
    code_name = pair.get("code_name")
    shown = "-" if code_name is None else str(code_name)
    if pair.get("subcode") is not None:
        subcode_name = pair.get("subcode_name")
        shown += "/" + ("-" if subcode_name is None else str(subcode_name))
    return shown


def breakable(names: str) -> str:
    """Member names as text that may wrap after each ``/`` (and only there:
    CODE/SUBCODE reads badly cut inside a name)."""
    return escaped(names).replace("/", "/<wbr>")


def category_of(pair: DocumentMap) -> str:
    category = pair.get("result_category")
    return "none given" if category is None else str(category)


def swatch(category: str) -> str:
    return f'<span class="swatch {css_class(category)}" aria-hidden="true"></span>'


def data_table(
    table_id: str,
    caption: str,
    head: Sequence[tuple[str, bool]],
    rows: Sequence[Sequence[str]],
) -> str:
    """A data table; ``caption``, the headers and the cells are markup
    already (each text in them went through ``escaped``). ``head`` names each
    column and whether it holds numbers (set to the right)."""
    numeric = [n for _, n in head]
    cells = "".join(
        f'<th scope="col" class="num">{h}</th>' if n else f'<th scope="col">{h}</th>'
        for h, n in head
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if n else f"<td>{c}</td>"
            for c, n in zip(row, numeric, strict=True)
        )
        + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-labelledby="{table_id}-caption">'
        f'<table id="{table_id}"><caption id="{table_id}-caption">{caption}</caption>\n'
        f"<thead><tr>{cells}</tr></thead>\n<tbody>\n{body}</tbody></table></div>"
    )
