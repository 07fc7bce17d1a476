"""Where the generator's own files are: its templates, the spec's schema and
pyproject.toml, at the top of the checkout (or unpacked sdist) it runs from.

The generator is a tool of this repository and is not installed: ``python -m
codegen`` runs it from the checkout, where these files are edited.
"""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def data_path(relative: str) -> Path:
    """The file or folder ``relative`` in the checkout:
    ``data_path("spec/codes.schema.json")``."""
    return _ROOT / relative
