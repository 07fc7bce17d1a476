"""Where the generator's own files are: its template and the spec's schema.

A checkout keeps them at the top of the repository (templates/, spec/), where
they are edited. An installed copy carries them inside the package, at the same
relative paths under codegen/ (pyproject.toml maps them there), so that
``acs-codegen generate --spec X --out Y`` works anywhere.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(relative: str) -> Path:
    """The file or folder ``relative`` in the installed package if it is there,
    else in the checkout: ``data_path("spec/codes.schema.json")``."""
    installed = _PACKAGE / relative
    return installed if installed.exists() else _PACKAGE.parent / relative
