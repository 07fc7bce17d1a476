"""Render the catalog as tables for the engines where call logs live: a CSV
(generated/acs_call_codes.csv, for DuckDB, Spark, pandas or a spreadsheet) and
a KQL function over a ``datatable`` (generated/acs_call_codes.kql, for Log
Analytics and Azure Data Explorer).

Both hold the same rows, ``catalog_rows``: one per fact, at the level of
``explain``'s ladder that uses it, and one per wording of a row documented
several times (docs/logs.md). As with the module, every
literal the KQL template prints is made here: ``kql_string`` is the only place
spec text becomes KQL.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path

from codegen.model import Catalog, ReasonDef
from codegen.render import TEMPLATE_DIR, template_environment

KQL_TEMPLATE = "acs_call_codes.kql.jinja"
#: The name of the KQL function, and the folder it is saved in.
KQL_FUNCTION = "AcsCallCodes"
KQL_FOLDER = "ACS"


@dataclass(frozen=True)
class TableRow:
    """One fact of the catalog, as a row of the CSV and of the KQL datatable.

    ``level`` is the rung of ``explain`` that answers with it: ``reason`` (the
    exact pair), ``subcode`` (the subcode whatever its code), ``rule`` (the
    subcodes ``subcode`` to ``subcode_last``) or ``code`` (the code whatever
    its subcode), and ``code_class`` (the codes ``code`` to ``code_last``,
    with the category the class's words give them). ``row_code`` is the code
    of the catalog row the fact quotes, where it quotes one. ``wording`` is
    the row's wording this one is, 1 the first by precedence (the one explain
    says when no event or message tells them apart); ``events`` the callback
    events that carry it, joined with ``;``. None where a value is absent.
    """

    level: str
    code: int | None
    code_last: int | None
    subcode: int | None
    subcode_last: int | None
    code_name: str | None
    subcode_name: str | None
    result_category: str | None
    message: str
    advice: str | None
    row_code: int | None
    sources: str
    wording: int
    events: str | None


#: The CSV's header, and the KQL datatable's columns with their types, in order.
CSV_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(TableRow))
KQL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Level", "string"),
    ("Code", "long"),
    ("CodeLast", "long"),
    ("SubCode", "long"),
    ("SubCodeLast", "long"),
    ("CodeName", "string"),
    ("SubCodeName", "string"),
    ("ResultCategory", "string"),
    ("Message", "string"),
    ("Advice", "string"),
    ("RowCode", "long"),
    ("Sources", "string"),
    ("Wording", "long"),
    ("Events", "string"),
)


def _rows_of_reason(
    catalog: Catalog,
    reason: ReasonDef,
    level: str,
    categories: dict[str, str],
    class_category: str | None,
) -> list[TableRow]:
    """A reason's rows, one per wording, as explain says each: the first is
    the row's own fields; a later one its message, its advice (else the row's)
    and its sources. On ``reason`` rows a pair whose row gives no category has
    its class's (``class_category``), and a later wording its own category
    where it gives one; a ``subcode`` row gives the row's own category, which
    the queries lend only within the same outcome."""
    exact = level == "reason"
    own = None if reason.category is None else categories[reason.category]
    pair_category = (own or class_category) if exact else own
    rows = [
        TableRow(
            level=level,
            code=reason.code if exact else None,
            code_last=None,
            subcode=reason.subcode,
            subcode_last=None,
            code_name=catalog.code_names[reason.code] if exact else None,
            subcode_name=catalog.subcode(reason.subcode).name,
            result_category=pair_category,
            message=reason.message,
            advice=reason.advice,
            row_code=reason.code,
            sources=";".join(reason.sources),
            wording=1,
            events=(
                ";".join(reason.wordings[0].events) or None if reason.wordings else None
            ),
        )
    ]
    for number, wording in enumerate(reason.wordings[1:], start=2):
        category = pair_category
        if exact and wording.result_category is not None:
            category = categories[wording.result_category]
        rows.append(
            replace(
                rows[0],
                result_category=category,
                message=wording.message,
                advice=wording.advice or reason.advice,
                sources=";".join(wording.sources),
                wording=number,
                events=";".join(wording.events) or None,
            )
        )
    return rows


def catalog_rows(catalog: Catalog) -> tuple[TableRow, ...]:
    """Every fact of ``catalog`` a log table joins to, by level, then number.

    The ``subcode`` rows are decided as ``explain`` decides its SUBCODE rung: a
    subcode with exactly one row anywhere means that row (``code`` empty,
    ``row_code`` the code it is documented under), else the subcode's own
    meaning where a source gives one (for the codes ``code`` to ``code_last``
    where the catalog restricts it to a class); a subcode documented under
    several codes with no meaning of its own has no row, as it is never guessed.
    """
    categories = {c.name: c.value for c in catalog.categories}
    classes = {c.name: c for c in catalog.code_classes}

    def class_category(code: int) -> str | None:
        for k in catalog.code_classes:
            if k.first <= code <= k.last and k.result_category is not None:
                return categories[k.result_category]
        return None

    rows = [
        row
        for r in catalog.reasons
        for row in _rows_of_reason(
            catalog, r, "reason", categories, class_category(r.code)
        )
    ]
    for entry in catalog.subcodes:
        if len(entry.reasons) == 1:
            rows += _rows_of_reason(
                catalog, entry.reasons[0], "subcode", categories, None
            )
        elif entry.info is not None:
            # A meaning the catalog restricts to a class of codes answers only
            # for codes code to code_last.
            span = classes.get(entry.info.code_class or "")
            rows.append(
                TableRow(
                    level="subcode",
                    code=None if span is None else span.first,
                    code_last=None if span is None else span.last,
                    subcode=entry.subcode,
                    subcode_last=None,
                    code_name=None,
                    subcode_name=entry.name,
                    result_category=None,
                    message=entry.info.message,
                    advice=None,
                    row_code=None,
                    sources=";".join(entry.info.sources),
                    wording=1,
                    events=None,
                )
            )
    rows.extend(
        TableRow(
            level="rule",
            code=None,
            code_last=None,
            subcode=rule.first,
            subcode_last=rule.last,
            code_name=None,
            subcode_name=rule.name,
            result_category=None,
            message=rule.message,
            advice=rule.advice,
            row_code=None,
            sources=";".join(rule.sources),
            wording=1,
            events=None,
        )
        for rule in catalog.rules
    )
    rows.extend(
        TableRow(
            level="code",
            code=c.code,
            code_last=None,
            subcode=None,
            subcode_last=None,
            code_name=c.name,
            subcode_name=None,
            result_category=None,
            # The code's own row where a source has one, else the catalog's
            # summary of its rows, as explain's CODE rung says.
            message=c.summary if c.message is None else c.message,
            advice=c.advice,
            row_code=None,
            sources=";".join(c.sources),
            wording=1,
            events=(";".join(c.wordings[0].events) or None) if c.wordings else None,
        )
        for c in catalog.codes
    )
    # A code-level row's later wordings, as explain says them for an event.
    rows.extend(
        TableRow(
            level="code",
            code=c.code,
            code_last=None,
            subcode=None,
            subcode_last=None,
            code_name=c.name,
            subcode_name=None,
            result_category=None,
            message=w.message,
            advice=w.advice or c.advice,
            row_code=None,
            sources=";".join(w.sources),
            wording=number,
            events=";".join(w.events) or None,
        )
        for c in catalog.codes
        for number, w in enumerate(c.wordings[1:], start=2)
    )
    # What the documents say of each class of codes: the category their words
    # give (a 2xx code is a success), for the pairs no row gives one.
    rows.extend(
        TableRow(
            level="code_class",
            code=k.first,
            code_last=k.last,
            subcode=None,
            subcode_last=None,
            code_name=None,
            subcode_name=k.name,
            result_category=(
                None if k.result_category is None else categories[k.result_category]
            ),
            message=k.message or k.description,
            advice=None,
            row_code=None,
            sources=";".join(k.sources),
            wording=1,
            events=None,
        )
        for k in catalog.code_classes
    )
    return tuple(rows)


def render_csv(catalog: Catalog) -> str:
    """The catalog's rows as CSV: a header row, RFC 4180 quoting, CRLF line
    ends, empty cells for absent values.

    >>> render_csv(catalog).splitlines()[0]
    'level,code,code_last,subcode,subcode_last,code_name,subcode_name,result_category,message,advice,row_code,sources'
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in catalog_rows(catalog):
        writer.writerow("" if value is None else value for value in astuple(row))
    return out.getvalue()


_KQL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Characters that reorder how the text around them shows (Unicode bidi
#: controls): written as escapes, so the file reads as it parses.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _kql_escaped(ch: str) -> bool:
    """True for a character to write as ``\\uXXXX``: controls (a raw line
    break would end the literal), line and paragraph separators, surrogates,
    non-characters and bidi controls."""
    point = ord(ch)
    return (
        unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")
        or 0xFDD0 <= point <= 0xFDEF
        or point & 0xFFFE == 0xFFFE
        or ch in _BIDI_CONTROLS
    )


def kql_string(text: str) -> str:
    """A KQL string literal that reads as ``text``: a double-quoted literal
    with backslash, quote, CR, LF and tab escaped, and the characters
    ``_kql_escaped`` names as ``\\uXXXX`` (``\\UXXXXXXXX`` past U+FFFF).

    >>> print(kql_string('say "hi"\\n\\\\'))
    "say \\"hi\\"\\n\\\\"
    """
    parts = ['"']
    for ch in text:
        escape = _KQL_ESCAPES.get(ch)
        if escape is not None:
            parts.append(escape)
        elif _kql_escaped(ch):
            point = ord(ch)
            parts.append(f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}")
        else:
            parts.append(ch)
    parts.append('"')
    return "".join(parts)


def kql_long(value: int | None) -> str:
    """A KQL ``long`` literal; ``long(null)`` for an absent value."""
    return "long(null)" if value is None else str(value)


def kql_comment(text: str) -> str:
    """``text`` as one ``//`` comment line: line breaks become spaces."""
    return "// " + " ".join(text.splitlines())


def _kql_value(value: str | int | None, kind: str) -> str:
    if kind == "long":
        assert value is None or isinstance(value, int)
        return kql_long(value)
    assert value is None or isinstance(value, str)
    return kql_string("" if value is None else value)


def _separated(rows: Iterable[str]) -> list[str]:
    """``rows`` with a comma after each but the last: the parser takes a
    trailing one, but nothing says the service does."""
    listed = list(rows)
    return [f"{row}," for row in listed[:-1]] + listed[-1:]


def render_kql(
    catalog: Catalog,
    spec_path: str = "spec/codes.yaml",
    command: str = "python -m codegen generate",
    template_dir: Path = TEMPLATE_DIR,
) -> str:
    """A KQL control command that defines the function ``AcsCallCodes()``: a
    ``datatable`` of ``catalog_rows``, absent numbers ``long(null)`` and
    absent text ``""``. The header names ``spec_path`` and ``command``."""
    kinds = [kind for _, kind in KQL_COLUMNS]
    docstring = (
        f"ACS calling codes and subcodes, one row per fact, from {spec_path} "
        f"(sha256 {catalog.spec_sha256})"
    )
    context = {
        "header": [
            kql_comment(f"Code generated by codegen from {spec_path}; DO NOT EDIT."),
            kql_comment(f"Regenerate: {command}"),
            kql_comment(f"Spec sha256: {catalog.spec_sha256}"),
            kql_comment(
                "Messages and advice are Microsoft's text from the documents of "
                "MicrosoftDocs/azure-docs that each row's Sources names (CC BY 4.0)."
            ),
        ],
        "docstring": kql_string(docstring),
        "folder": kql_string(KQL_FOLDER),
        "function": KQL_FUNCTION,
        "columns": ", ".join(f"{name}:{kind}" for name, kind in KQL_COLUMNS),
        "rows": _separated(
            ", ".join(
                _kql_value(value, kind)
                for value, kind in zip(astuple(row), kinds, strict=True)
            )
            for row in catalog_rows(catalog)
        ),
    }
    return template_environment(template_dir).get_template(KQL_TEMPLATE).render(context)
