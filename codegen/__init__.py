"""The generator behind acs_call_codes: spec/codes.yaml in, one typed module out.

The pipeline has one module per stage, each a function of its inputs:

    load_spec       loader.py     the spec's bytes, through document.py's parse_spec: YAML
                                  text to plain data, with the place of every node
                                  (load_runtime: runtime/*.py, split by paste.py)
    validate_spec   validate/     structure (JSON Schema) and meaning, every error at once
    build_catalog   model.py      validated data to frozen, sorted dataclasses
    render_module   render.py     the catalog and the runtime through templates/module.py.jinja
    format_source   format.py     black, in-process
    write_if_changed  writer.py   atomic, and only when the bytes differ

Below them, precedence.py says whose words an entry says (validate, model and
importdoc use it). pipeline.py composes the stages as plain functions
(load_catalog, module_source, generate_source, write_or_check, ...), and cli.py
only parses arguments and calls them. Only loader.py reads input files (the
spec, its schema, pyproject.toml, runtime/*.py, documents to import; the
templates are Jinja2's to load by name) and only writer.py writes files.
"""

from codegen.diagnostics import Diagnostic as Diagnostic
from codegen.diagnostics import SpecError as SpecError
from codegen.loader import SpecDocument as SpecDocument
from codegen.loader import load_spec as load_spec
from codegen.loader import parse_spec as parse_spec
from codegen.model import Catalog as Catalog
from codegen.model import build_catalog as build_catalog
from codegen.render import render_module as render_module
from codegen.validate import validate_spec as validate_spec

__all__ = [
    "Catalog",
    "Diagnostic",
    "SpecDocument",
    "SpecError",
    "build_catalog",
    "load_spec",
    "parse_spec",
    "render_module",
    "validate_spec",
]
