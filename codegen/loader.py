"""Stage 1, load: the files the generator reads, and nothing else reads any.

The spec (``load_spec``, or ``load_committed_spec`` from git), its schema, the
runtime files the module pastes in, and any other input text (``read_text``).
The spec's bytes become a SpecDocument in codegen/document.py, which reads no
file; its names are exported here too, as the place callers load a spec from.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from codegen.diagnostics import Diagnostic, SpecError
from codegen.document import DataPath as DataPath
from codegen.document import Position as Position
from codegen.document import SpecDocument as SpecDocument
from codegen.document import decode_text
from codegen.document import parse_spec as parse_spec
from codegen.files import data_path
from codegen.paste import PasteError, RuntimeFile, split_runtime

#: The JSON Schema of a spec, installed with the generator.
SCHEMA_PATH = data_path("spec/codes.schema.json")
#: The code the module holds whatever the catalog says (codegen/paste.py).
RUNTIME_DIR = data_path("runtime")

#: The catalog is about 40 KB, and the 20,000-entry catalogs `make bench` builds
#: about 5 MB; the limit is arbitrary but keeps a wrong --spec (a log file,
#: /dev/zero) from filling memory.
MAX_BYTES = 64 << 20


def load_spec(
    path: Path, display_path: str | None = None, *, keep_going: bool = False
) -> SpecDocument:
    """Read and parse the spec at ``path``; raises SpecError for any problem
    (with ``keep_going``, only for those that leave no data; see parse_spec)."""
    shown = display_path or str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read the spec: {exc.strerror}")]
        ) from None
    if len(raw) > MAX_BYTES:
        raise SpecError(
            [
                Diagnostic(
                    shown,
                    0,
                    0,
                    f"the spec is larger than {MAX_BYTES >> 20} MiB; is it the right file?",
                )
            ]
        )
    return parse_spec(raw, shown, keep_going=keep_going)


def read_text(path: Path, display_path: str | None = None) -> str:
    """The UTF-8 text of any input file (a doc, a spec to merge into); raises
    SpecError when it cannot be read or decoded."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read the file: {exc.strerror}")]
        ) from None
    return decode_text(raw, shown)


def load_committed_spec(revision: str, path: str) -> SpecDocument:
    """The spec at ``path`` (relative to the working folder) as committed at
    ``revision``, read with ``git show``; raises SpecError when git cannot."""
    shown = f"{revision}:{path}"
    try:
        done = subprocess.run(
            ["git", "show", f"{revision}:./{path}"],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot run git: {exc.strerror}")]
        ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = reason[-1] if reason else f"git exited {done.returncode}"
        raise SpecError(
            [Diagnostic(shown, 0, 0, f"cannot read it from git: {message}")]
        )
    return parse_spec(done.stdout, shown)


@cache
def load_schema(path: Path = SCHEMA_PATH) -> Mapping[str, Any]:
    """The JSON Schema of a spec, read once; SpecError if it cannot be read."""
    try:
        schema: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise SpecError(
            [Diagnostic(path.as_posix(), 0, 0, f"cannot read the schema: {reason}")]
        ) from None
    return schema


def load_runtime(runtime_dir: Path = RUNTIME_DIR) -> dict[str, RuntimeFile]:
    """The runtime files the module pastes in (every ``*.py`` of ``runtime_dir``
    but ``__init__.py``), by name, split by codegen/paste.py's convention;
    raises PasteError when one cannot be read or breaks the convention."""
    files: dict[str, RuntimeFile] = {}
    for path in sorted(runtime_dir.glob("*.py")):
        if path.name == "__init__.py":
            continue
        shown = f"{runtime_dir.name}/{path.name}"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise PasteError(f"{shown}: error: cannot read: {reason}") from None
        files[path.stem] = split_runtime(path.stem, shown, text)
    return files
