"""The runtime files' convention: how runtime/*.py becomes part of the module.

Each file under runtime/ is a prologue and a body. The prologue is everything
before the first other statement: the docstring, the imports and ``__all__``.
It is there for the file's readers (ruff, mypy, pyright and the tests import
the file as it is) and is never pasted. The body is the rest, and the
generator pastes it into the module verbatim where templates/module.py.jinja
names it (``{{ runtime.explain }}``), with the comments just above its first
statement.

The prologue imports two kinds of names, and the generator checks both:

- standard-library names, which the module imports at its top: each must be
  imported there the same way;
- ``from acs_call_codes import ...``: names the module defines itself, in the
  template's catalog part or in another runtime file: each must be defined at
  the module's top level.

The body imports nothing at its top level (an import inside a function is its
own). The one ``from __future__`` import a file may have is ``annotations``,
which the module has too: it does not evaluate annotations as it runs, which
keeps them out of its import time.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

#: The module the runtime files take the catalog's names from: the generated
#: module itself.
MODULE = "acs_call_codes"


@dataclass(frozen=True)
class RuntimeFile:
    """One runtime file, split: ``body`` is what the module holds."""

    name: str
    """The name the template gives it: the file's stem (``explain``)."""
    path: str
    """The file as messages show it (``runtime/explain.py``)."""
    body: str
    imports: tuple[tuple[str, str, int], ...]
    """The standard-library names of the prologue: module, name (``typing``
    for ``import typing``) and line."""
    own: tuple[tuple[str, int], ...]
    """The names the prologue takes from the module itself, with their line."""


class PasteError(ValueError):
    """A runtime file breaks the convention, or the module does not hold what a
    runtime file needs; the message says where."""


def _is_prologue(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return isinstance(node.value.value, str)
    targets: list[ast.expr]
    if isinstance(node, ast.AnnAssign):
        targets = [node.target]
    elif isinstance(node, ast.Assign):
        targets = node.targets
    else:
        return False
    return any(
        isinstance(target, ast.Name) and target.id == "__all__" for target in targets
    )


def split_runtime(name: str, path: str, text: str) -> RuntimeFile:
    """The runtime file ``text`` (shown as ``path``) split into its prologue's
    imports and its body; raises PasteError where it breaks the convention."""
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        raise PasteError(f"{path}:{exc.lineno or 1}: error: {exc.msg}") from None
    statements = tree.body
    start = next(
        (i for i, node in enumerate(statements) if not _is_prologue(node)), None
    )
    if start is None:
        raise PasteError(f"{path}:1: error: nothing to paste after the prologue")
    imports: list[tuple[str, str, int]] = []
    own: list[tuple[str, int]] = []
    for node in statements[:start]:
        if isinstance(node, ast.Import):
            imports += ((alias.name, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            future = module == "__future__"
            if node.level or (
                future and any(a.name != "annotations" for a in node.names)
            ):
                raise PasteError(
                    f"{path}:{node.lineno}: error: the module cannot hold "
                    f"'from {'.' * node.level}{module} import "
                    f"{', '.join(a.name for a in node.names)}'; import from the "
                    f"standard library or from {MODULE}"
                )
            for alias in node.names:
                if alias.asname is not None:
                    raise PasteError(
                        f"{path}:{node.lineno}: error: '{alias.name} as "
                        f"{alias.asname}' would not be the module's name"
                    )
                if module == MODULE:
                    own.append((alias.name, node.lineno))
                else:
                    imports.append((module, alias.name, node.lineno))
    for node in statements[start:]:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            raise PasteError(
                f"{path}:{node.lineno}: error: an import below the prologue would "
                "be pasted into the module; move it up, or into the function that "
                "needs it"
            )
    lines = text.splitlines()
    first = statements[start].lineno - 1
    decorators = getattr(statements[start], "decorator_list", [])
    if decorators:
        first = min(first, *(d.lineno - 1 for d in decorators))
    # Comments just above the first statement belong to it.
    while first > 0 and lines[first - 1].startswith("#"):
        first -= 1
    body = "\n".join(lines[first:]).strip("\n") + "\n"
    return RuntimeFile(name, path, body, tuple(imports), tuple(own))


def marker(file: RuntimeFile) -> RuntimeFile:
    """``file`` with its body replaced by one comment naming it: what the golden
    cases compare, the catalog's part of the module without the runtime's."""
    return RuntimeFile(file.name, file.path, f"# {file.path}\n", (), ())


def check_pasted(source: str, files: Mapping[str, RuntimeFile]) -> None:
    """Raise PasteError unless the module ``source`` holds every runtime file's
    body and every name their prologues import."""
    tree = ast.parse(source)
    imported: set[tuple[str, str]] = set()
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            imported.update((a.name, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.update((node.module or "", a.name) for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined.update(
                name.id
                for target in node.targets
                for name in ast.walk(target)
                if isinstance(name, ast.Name)
            )
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    problems = []
    for file in files.values():
        if file.body not in source:
            problems.append(
                f"{file.path}:1: error: the module does not hold this file; "
                f"place {{{{ runtime.{file.name} }}}} in the template"
            )
        problems += (
            f"{file.path}:{line}: error: the module does not import {name} from "
            f"{module}; add it to the template's imports"
            for module, name, line in file.imports
            if (module, name) not in imported
        )
        problems += (
            f"{file.path}:{line}: error: the module defines no {name}"
            for name, line in file.own
            if name not in defined
        )
    if problems:
        raise PasteError("\n".join(problems))
