"""Render the Markdown reference (docs/codes.md) from the catalog.

The document's columns beside the member names, so a reader finds
``SubCode.TOKEN_INVALID`` by its number. As with the module, every value the
template prints is computed here; ``md_cell`` is the only place spec text
becomes Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

from codegen.model import Catalog
from codegen.render import TEMPLATE_DIR, reference_label, template_environment

REFERENCE_TEMPLATE = "codes.md.jinja"

# Characters that would end a cell, start a tag or turn on formatting.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_cell(text: str | None) -> str:
    """``text`` as one table cell: specials escaped, lines joined by ``<br>``,
    characters that would not show (NUL, U+2028, ...) written as ``\\uXXXX``.

    >>> md_cell("Call blocked:\\n- No route | *none*")
    'Call blocked:<br>- No route \\\\| \\\\*none\\\\*'
    """
    if text is None:
        return ""
    text = "".join(
        ch if ch.isprintable() or ch in "\n\t" else f"\\u{ord(ch):04x}" for ch in text
    )
    lines = (_SPECIAL.sub(r"\\\1", line.strip()) for line in text.splitlines())
    return "<br>".join(line for line in lines if line)


def _member(
    enum: str, name: str, aliases: tuple[str, ...], sdk_alias: str | None = None
) -> str:
    member = f"`{enum}.{name}`"
    former = [a for a in aliases if a != sdk_alias]
    if former:
        member += " (formerly " + ", ".join(f"`{a}`" for a in former) + ")"
    if sdk_alias is not None:
        member += f" (also `{sdk_alias}`, an SDK's name)"
    return member


def _sdk_alias(catalog: Catalog, subcode: int) -> str | None:
    names = catalog.subcode(subcode).sdk_names
    return None if names is None else names.alias


def _sources(ids: tuple[str, ...]) -> str:
    """A row's sources, the one whose words it says first."""
    return ", ".join(f"`{i}`" for i in ids)


def render_reference(
    catalog: Catalog, spec_path: str, command: str, template_dir: Path = TEMPLATE_DIR
) -> str:
    """The Markdown reference of ``catalog``; paths as in render_module."""
    code_names = catalog.code_names
    category_values = {c.name: c.value for c in catalog.categories}
    subcode_names = {s.subcode: s.name for s in catalog.subcodes}
    sip_phrases = {s.code: s.phrase for s in catalog.sip_statuses}
    context = {
        "spec_path": spec_path,
        "command": command,
        "spec_sha256": catalog.spec_sha256,
        "sources": [
            {
                "id": f"`{s.id}`",
                "title": md_cell(s.title),
                "date": s.date,
                "url": md_cell(s.url),
            }
            for s in catalog.sources
        ],
        "subcode_infos": [
            {
                "subcode": i.subcode,
                "member": _member(
                    "SubCode",
                    subcode_names[i.subcode],
                    catalog.subcode(i.subcode).aliases,
                    _sdk_alias(catalog, i.subcode),
                ),
                "message": md_cell(i.message),
                "sources": _sources(i.sources),
            }
            for i in catalog.subcode_infos
        ],
        "rules": [
            {
                "span": f"{r.first}-{r.last}",
                "name": f"`{r.name}`",
                "reads": md_cell(r.reads),
                "direction": md_cell(r.direction),
                "message": md_cell(r.message),
                "sources": _sources(r.sources),
            }
            for r in catalog.rules
        ],
        "reasons": [
            {
                "subcode": r.subcode,
                "subcode_member": _member(
                    "SubCode",
                    s.name,
                    s.aliases,
                    None if s.sdk_names is None else s.sdk_names.alias,
                ),
                "code": r.code,
                "code_member": f"`Code.{code_names[r.code]}`",
                "message": md_cell(r.message),
                "category": md_cell(
                    None if r.category is None else category_values[r.category]
                ),
                "advice": md_cell(r.advice),
                "sources": _sources(r.sources),
            }
            for s in catalog.subcodes
            for r in s.reasons
        ],
        # Every wording but the first (the row's own, in the tables above).
        "wordings": [
            {
                "pair": f"{r.code}/{r.subcode}",
                "number": number,
                "message": md_cell(w.message),
                "category": md_cell(
                    None
                    if w.result_category is None
                    else category_values[w.result_category]
                ),
                "advice": md_cell(w.advice),
                "events": md_cell(", ".join(w.events)),
                "sources": _sources(w.sources),
            }
            for r in catalog.reasons
            for number, w in enumerate(r.wordings[1:], start=2)
        ]
        + [
            {
                "pair": f"{c.code}",
                "number": number,
                "message": md_cell(w.message),
                "category": "",
                "advice": md_cell(w.advice),
                "events": md_cell(", ".join(w.events)),
                "sources": _sources(w.sources),
            }
            for c in catalog.codes
            for number, w in enumerate(c.wordings[1:], start=2)
        ],
        "codes": [
            {
                "code": c.code,
                "member": _member("Code", c.name, c.aliases),
                "summary": md_cell(c.summary),
                "message": md_cell(c.message),
                "advice": md_cell(c.advice),
                "sources": _sources(c.sources),
            }
            for c in catalog.codes
        ],
        "references": [
            {
                "id": f"`{r.id}`",
                "title": md_cell(r.title),
                "url": md_cell(r.url),
            }
            for r in catalog.references
        ],
        "sip_statuses": [
            {
                "code": s.code,
                "member": f"`SipStatus.{s.name}`",
                "phrase": md_cell(s.phrase),
                "reference": md_cell(reference_label(catalog, s.reference)),
                "note": md_cell(s.note),
            }
            for s in catalog.sip_statuses
        ],
        "q850_causes": [
            {
                "cause": c.cause,
                "member": f"`Q850Cause.{c.name}`",
                "phrase": md_cell(c.phrase),
                "sip": (
                    "" if c.sip is None else f"{c.sip} {md_cell(sip_phrases[c.sip])}"
                ),
            }
            for c in catalog.q850_causes
        ],
        "sip_mapping": md_cell(
            "the mapping"
            if catalog.q850_sip_mapping is None
            else reference_label(catalog, catalog.q850_sip_mapping)
        ),
        "sdk_names": [
            {
                "subcode": s.subcode,
                "member": f"`SubCode.{s.name}`",
                "java": f"`{s.sdk_names.java}`",
                "dotnet": f"`{s.sdk_names.dotnet}`",
                "alias": "" if s.sdk_names.alias is None else f"`{s.sdk_names.alias}`",
            }
            for s in catalog.subcodes
            if s.sdk_names is not None
        ],
        "categories": [
            {
                "value": md_cell(c.value),
                "member": f"`ResultCategory.{c.name}`",
                "aliases": md_cell(", ".join(c.aliases)),
                "description": md_cell(c.description),
            }
            for c in catalog.categories
        ],
        "code_classes": [
            {
                "span": f"{k.first}-{k.last}",
                "member": f"`CodeClass.{k.name}`",
                "description": md_cell(k.description),
                "message": md_cell(k.message),
                "category": md_cell(
                    None
                    if k.result_category is None
                    else category_values[k.result_category]
                ),
                "sources": _sources(k.sources),
            }
            for k in catalog.code_classes
        ],
    }
    return (
        template_environment(template_dir)
        .get_template(REFERENCE_TEMPLATE)
        .render(context)
    )
