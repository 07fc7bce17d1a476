"""Modules generated from a spec's text and imported from their file, for tests
that need the generator's output for a catalog of their own."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from codegen.pipeline import generate_source


def generate_and_import(spec_text: str, folder: Path, name: str) -> ModuleType:
    """The module generated from ``spec_text``, written to ``folder/name.py``
    and imported from there under ``name``."""
    spec = folder / f"{name}.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    out = folder / f"{name}.py"
    out.write_text(generate_source(spec, out), encoding="utf-8")
    loader = importlib.util.spec_from_file_location(name, out)
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return module
