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
from codegen.model import Catalog, SubCodeDef
from codegen.paste import RuntimeFile, check_pasted

TEMPLATE_DIR = data_path("templates")
MODULE_TEMPLATE = "module.py.jinja"

#: ``__version__`` of a module generated from any catalog but the project's own
#: (the golden cases, a test's catalog): valid for PEP 440 and semver, and no
#: release's.
UNVERSIONED = "0.0.0+unversioned"

_FIXED_NAMES = (
    "CALL_END_REASONS",
    "CODE_CLASS_RANGES",
    "CODE_INFO",
    "CallEndReason",
    "Code",
    "CodeClass",
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
    "Source",
    "SubCode",
    "SubCodeInfo",
    "SubCodeRule",
    "explain",
    "explain_payload",
    "explain_payloads",
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
    its rows says."""
    parts = [] if entry.info is None else [entry.info.message]
    if len(entry.reasons) == 1 and not parts:
        return py_docstring(entry.reasons[0].message)
    parts += (
        f"With Code.{code_names[r.code]} ({r.code}): {r.message}" for r in entry.reasons
    )
    return py_docstring("\n\n".join(parts))


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
    context = {
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
                "message": py_literal(r.message),
                "category": (
                    "None" if r.category is None else f"ResultCategory.{r.category}"
                ),
                "advice": py_literal(r.advice),
                "sources": py_literal(r.sources),
            }
            for r in catalog.reasons
        ],
        "subcode_info": [
            {
                "name": subcode_names[i.subcode],
                "message": py_literal(i.message),
                "sources": py_literal(i.sources),
                "code_class": (
                    "None" if i.code_class is None else f"CodeClass.{i.code_class}"
                ),
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
                "message": py_literal(c.message),
                "advice": py_literal(c.advice),
                "sources": py_literal(c.sources),
            }
            for c in catalog.codes
            if c.message is not None
        ],
    }
    template = template_environment(template_dir).get_template(MODULE_TEMPLATE)
    source = template.render(context)
    check_pasted(source, runtime)
    return source
