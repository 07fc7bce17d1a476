"""Stage 4, render: the catalog through templates/module.py.jinja.

Every value the template prints is computed here first: member names come from
the validated catalog, and every literal comes from codegen.literals. The
template only places them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import jinja2

from codegen.files import data_path
from codegen.literals import py_comment, py_docstring, py_literal, py_literal_list
from codegen.model import Catalog, Q850CauseDef, SipStatusDef, SubCodeDef, Wording
from codegen.paste import RuntimeFile, check_pasted

TEMPLATE_DIR = data_path("templates")
MODULE_TEMPLATE = "module.py.jinja"

#: ``__version__`` of a module generated from any catalog but the project's own
#: (the golden cases, a test's catalog): valid for PEP 440 and semver, and no
#: release's.
UNVERSIONED = "0.0.0+unversioned"

_FIXED_NAMES = (
    "CALL_END_REASONS",
    "CODE_CLASS_INFO",
    "CODE_CLASS_RANGES",
    "CODE_INFO",
    "CallEndReason",
    "Code",
    "CodeClass",
    "CodeClassInfo",
    "CodeInfo",
    "Explanation",
    "MatchLevel",
    "NoCodeError",
    "PayloadError",
    "PayloadResult",
    "PayloadTypeError",
    "Q850Details",
    "ResultCategory",
    "SOURCES",
    "SOURCE_DATE",
    "SOURCE_DOCUMENT",
    "SPEC_SHA256",
    "SUBCODE_INFO",
    "SUBCODE_RULES",
    "PayloadPair",
    "SipDetails",
    "Q850Cause",
    "SipStatus",
    "Source",
    "SubCode",
    "SubCodeInfo",
    "SubCodeRule",
    "Wording",
    "WordingChoice",
    "explain",
    "explain_payload",
    "explain_payloads",
    "find_event",
    "find_pair",
    "find_pairs",
    "find_result",
    "lookup",
)


def template_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The Jinja2 environment every template renders in: undefined names are
    errors, nothing is escaped, and block tags leave no blank lines behind."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _export_order(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps ``__all__`` in, so that a project linting a
    vendored copy has nothing to fix: constants, then classes, then functions."""
    if name.isupper():
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


def _subcode_doc(entry: SubCodeDef, code_names: dict[int, str]) -> str:
    """The member's docstring: its meaning whatever the code, then what each of
    its rows says, then what the Call Automation SDKs call it."""
    parts = [] if entry.info is None else [entry.info.message]
    if len(entry.reasons) == 1 and not parts:
        parts.append(entry.reasons[0].message)
    else:
        parts += (
            f"With Code.{code_names[r.code]} ({r.code}): {r.message}"
            for r in entry.reasons
        )
    sdk = entry.sdk_names
    if sdk is not None:
        parts.append(f"In the SDKs: {sdk.java} (Java), {sdk.dotnet} (.NET).")
    return py_docstring("\n\n".join(parts))


def _wording_rows(
    wordings: tuple[Wording, ...],
    own: Wording,
    value_of: Mapping[str, str],
) -> list[str]:
    """The literals of a row's wordings, each as the module stores it:
    ``(message, advice, category value, events, sources)``. None for a row
    whose one wording is ``own`` (its fields, no events), which the module
    makes from the row itself."""
    if not wordings or wordings == (own,):
        return []
    literals: list[str] = []
    for w in wordings:
        category = None if w.result_category is None else value_of[w.result_category]
        fields = (w.message, w.advice, category, w.events, w.sources)
        literals.append(f"({', '.join(py_literal(f) for f in fields)})")
    return literals


#: The classes of SIP response codes, by first digit, as RFC 3261 section 7.2
#: names them: the comments that group SipStatus members.
_SIP_CLASSES = {
    1: "provisional",
    2: "success",
    3: "redirection",
    4: "client error",
    5: "server error",
    6: "global failure",
}

#: The classes of Q.850 causes (the cause's top three bits; 0 and 1 are both
#: normal events): the comments that group Q850Cause members.
_Q850_CLASSES = {
    0: "normal event",
    1: "normal event",
    2: "resource unavailable",
    3: "service or option not available",
    4: "service or option not implemented",
    5: "invalid message",
    6: "protocol error",
    7: "interworking",
}


def reference_label(catalog: Catalog, id: str) -> str:
    """How text names a reference: ``RFC 3261`` for ``rfc3261``, else its title."""
    if id.startswith("rfc") and id[3:].isdigit():
        return f"RFC {id[3:]}"
    try:
        return catalog.reference(id).title
    except KeyError:
        return id


def _grouped(items: list[tuple[str, int]]) -> list[str | None]:
    """Each item's group comment where a new group starts, else None."""
    out: list[str | None] = []
    previous = None
    for label, _ in items:
        out.append(label if label != previous else None)
        previous = label
    return out


def _sip_context(catalog: Catalog) -> dict[str, object]:
    statuses = catalog.sip_statuses
    by_code = {s.code: s for s in statuses}
    groups = _grouped([(_SIP_CLASSES[s.code // 100], s.code) for s in statuses])

    def doc(status: SipStatusDef) -> str:
        text = f"{status.phrase} ({reference_label(catalog, status.reference)})."
        return py_docstring(text if status.note is None else f"{text} {status.note}")

    mapping = (
        "the mapping"
        if catalog.q850_sip_mapping is None
        else reference_label(catalog, catalog.q850_sip_mapping)
    )

    def cause_doc(cause: Q850CauseDef) -> str:
        text = f"{cause.phrase}."
        if cause.sip is not None:
            text += (
                f" {mapping} maps it to SIP {cause.sip} {by_code[cause.sip].phrase}."
            )
        return py_docstring(text)

    registry = (
        "the registry"
        if catalog.sip_registry is None
        else f'the registry "{reference_label(catalog, catalog.sip_registry)}"'
    )
    standard = (
        "ITU-T Q.850"
        if catalog.q850_reference is None
        else reference_label(catalog, catalog.q850_reference).split(":")[0]
    )
    causes = catalog.q850_causes
    cause_groups = _grouped([(_Q850_CLASSES[c.cause >> 4], c.cause) for c in causes])
    return {
        "sip_doc": py_docstring(
            f"SIP response codes: every code of {registry}, in value order.\n\n"
            "``phrase`` is the code's default reason phrase and ``reference`` the "
            "RFC that defines it; ``SipStatus.parse`` reads a raw code."
        ),
        "sip_statuses": [
            {
                "name": s.name,
                "value": py_literal(s.code),
                "doc": doc(s),
                "group": group,
            }
            for s, group in zip(statuses, groups, strict=True)
        ],
        "sip_phrases": [
            {"value": py_literal(s.code), "phrase": py_literal(s.phrase)}
            for s in statuses
        ],
        "sip_references": [
            {
                "value": py_literal(s.code),
                "reference": py_literal(reference_label(catalog, s.reference)),
            }
            for s in statuses
        ],
        "q850_doc": py_docstring(
            f"{standard} cause values, in value order.\n\n"
            "``phrase`` is the standard's short name of the cause and "
            f"``sip_status`` the SIP response {mapping} maps it to (None where "
            "it maps none); ``Q850Cause.parse`` reads a raw cause."
        ),
        "q850_causes": [
            {
                "name": c.name,
                "value": py_literal(c.cause),
                "doc": cause_doc(c),
                "group": group,
            }
            for c, group in zip(causes, cause_groups, strict=True)
        ],
        "q850_phrases": [
            {"value": py_literal(c.cause), "phrase": py_literal(c.phrase)}
            for c in causes
        ],
        "q850_sip": [
            {"value": py_literal(c.cause), "status": by_code[c.sip].name}
            for c in causes
            if c.sip is not None
        ],
    }


def render_module(
    catalog: Catalog,
    runtime: Mapping[str, RuntimeFile],
    spec_path: str,
    command: str,
    template_dir: Path = TEMPLATE_DIR,
    version: str = UNVERSIONED,
) -> str:
    """The module's source, before formatting.

    ``spec_path`` and ``command`` go into the header, so they should be the
    relative, portable forms (``spec/codes.yaml``) for the output to be the
    same on every machine. ``version`` is the module's ``__version__``: the
    project's for its own catalog, ``UNVERSIONED`` for any other.
    ``runtime`` is the code the module holds whatever the catalog says
    (loader.load_runtime); PasteError when the module does not hold what it
    needs (codegen/paste.py).
    """
    code_names = catalog.code_names
    subcode_names = {s.subcode: s.name for s in catalog.subcodes}
    titles = "".join(f'- "{s.title}" ({s.date})\n' for s in catalog.sources)
    module_docstring = py_docstring(
        "Azure Communication Services calling codes and subcodes.\n\n"
        f"Generated from {spec_path}, which follows these documents of\n"
        "MicrosoftDocs/azure-docs (SOURCES has their addresses):\n"
        f"{titles}"
        "Their messages and advice are Microsoft's text, under CC BY 4.0:\n"
        "https://creativecommons.org/licenses/by/4.0/\n"
        "Standard library only: import it, or copy this one file into a project.\n\n"
        "lookup(code, subcode) gives the documented reason for a pair;\n"
        "explain(code, subcode) gives the most the catalog says about any pair;\n"
        "python -m acs_call_codes CODE [SUBCODE] prints it from the shell.",
        indent="",
    )
    value_of = {c.name: c.value for c in catalog.categories}
    context = {
        **_sip_context(catalog),
        "runtime": {name: file.body for name, file in runtime.items()},
        "spec_path": py_comment(spec_path),
        "command": py_comment(command),
        "version": py_literal(version),
        "spec_sha256": catalog.spec_sha256,
        "spec_sha256_literal": py_literal(catalog.spec_sha256),
        "source_title": py_literal(catalog.source_title),
        "source_date": py_literal(catalog.source_date),
        "module_docstring": module_docstring,
        "all_names": py_literal_list(sorted(_FIXED_NAMES, key=_export_order)),
        "categories": [
            {
                "name": c.name,
                "value": py_literal(c.value),
                "doc": py_docstring(c.description),
            }
            for c in catalog.categories
        ],
        "success_categories": [
            c.name for c in catalog.categories if c.outcome == "success"
        ],
        "unexpected_categories": [
            c.name for c in catalog.categories if c.outcome == "unexpected_error"
        ],
        "category_aliases": [
            {"alias": py_literal(alias), "name": c.name}
            for c in catalog.categories
            for alias in c.aliases
        ],
        "code_classes": [
            {
                "name": k.name,
                "value": py_literal(k.description),
                "doc": py_docstring(f"Codes {k.first} to {k.last}."),
                "first": py_literal(k.first),
                "stop": py_literal(k.last + 1),
            }
            for k in catalog.code_classes
        ],
        "codes": [
            {
                "name": c.name,
                "value": py_literal(c.code),
                "doc": py_docstring(c.message or c.summary),
            }
            for c in catalog.codes
        ],
        "code_aliases": [
            {"alias": alias, "name": c.name}
            for c in catalog.codes
            for alias in c.aliases
        ],
        "subcode_aliases": [
            {"alias": alias, "name": s.name}
            for s in catalog.subcodes
            for alias in s.aliases
        ],
        "subcodes": [
            {
                "name": s.name,
                "value": py_literal(s.subcode),
                "doc": _subcode_doc(s, code_names),
            }
            for s in catalog.subcodes
        ],
        "sources": [
            {
                "id": py_literal(s.id),
                "title": py_literal(s.title),
                "date": py_literal(s.date),
                "url": py_literal(s.url),
            }
            for s in catalog.sources
        ],
        "reasons": [
            {
                "code_name": code_names[r.code],
                "subcode_name": subcode_names[r.subcode],
                "code": py_literal(r.code),
                "subcode": py_literal(r.subcode),
                "message": py_literal(r.message),
                "category": py_literal(
                    None if r.category is None else value_of[r.category]
                ),
                "advice": py_literal(r.advice),
                "sources": py_literal(r.sources),
            }
            for r in catalog.reasons
        ],
        "subcode_info": [
            {
                "name": subcode_names[i.subcode],
                "subcode": py_literal(i.subcode),
                "message": py_literal(i.message),
                "sources": py_literal(i.sources),
                "code_class": py_literal(i.code_class),
            }
            for i in catalog.subcode_infos
        ],
        "rules": [
            {
                "name": py_literal(r.name),
                "prefix": py_literal(r.prefix),
                "digits": py_literal(r.digits),
                "first": py_literal(r.first),
                "last": py_literal(r.last),
                "reads": py_literal(r.reads),
                "direction": py_literal(r.direction),
                "message": py_literal(r.message),
                "advice": py_literal(r.advice),
                "sources": py_literal(r.sources),
            }
            for r in catalog.rules
        ],
        "code_summaries": [
            {"name": c.name, "summary": py_literal(c.summary)}
            for c in catalog.codes
            if c.message is None
        ],
        "code_info": [
            {
                "code_name": c.name,
                "code": py_literal(c.code),
                "message": py_literal(c.message),
                "advice": py_literal(c.advice),
                "sources": py_literal(c.sources),
            }
            for c in catalog.codes
            if c.message is not None
        ],
    }
    context["wording_rows"] = [
        {"code": py_literal(r.code), "subcode": py_literal(r.subcode), "rows": rows}
        for r in catalog.reasons
        if (
            rows := _wording_rows(
                r.wordings,
                Wording(r.message, r.advice, r.category, (), r.sources),
                value_of,
            )
        )
    ]
    context["code_wording_rows"] = [
        {"code": py_literal(c.code), "rows": rows}
        for c in catalog.codes
        if c.message is not None
        and (
            rows := _wording_rows(
                c.wordings, Wording(c.message, c.advice, None, (), c.sources), value_of
            )
        )
    ]
    context["code_class_info"] = [
        {
            "name": k.name,
            "message": py_literal(k.message),
            "category": (
                "None"
                if k.result_category is None
                else f"ResultCategory.{k.result_category}"
            ),
            "sources": py_literal(k.sources),
        }
        for k in catalog.code_classes
        if k.message is not None
    ]
    template = template_environment(template_dir).get_template(MODULE_TEMPLATE)
    source = template.render(context)
    check_pasted(source, runtime)
    return source
