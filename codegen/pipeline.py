"""The pipeline as plain functions: load, validate, model, render, format and
write, composed. cli.py parses arguments and calls these; tests and bench call
them too.

Only the loader reads files (the spec, pyproject.toml, runtime/*.py) and only
``write_or_check`` writes them; everything else here is a function of its
inputs.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from codegen.diagnostics import Diagnostic, SpecError
from codegen.files import data_path
from codegen.format import format_source
from codegen.loader import (
    SpecDocument,
    load_committed_spec,
    load_runtime,
    load_spec,
    read_text,
)
from codegen.model import Catalog, build_catalog
from codegen.paste import RuntimeFile, marker
from codegen.reference import render_reference
from codegen.render import UNVERSIONED, render_module
from codegen.tables import render_csv, render_kql
from codegen.validate import unreviewed, validate_spec
from codegen.version import Version, project_version
from codegen.writer import stale_diff, write_if_changed

if TYPE_CHECKING:
    # Imported where they are used: ruamel.yaml and git are the catalog tools'
    # needs, not generation's.
    from codegen.changelog import Entry, Verdict
    from codegen.changes import CatalogDiff
    from codegen.importdoc import ImportResult

#: The checkout's own catalog and version: only its module carries a release's
#: version.
PROJECT_SPEC = data_path("spec/codes.yaml")
PROJECT_PYPROJECT = data_path("pyproject.toml")


def portable(path: Path) -> str:
    """``path`` as the header and messages show it: relative to the working folder
    when inside it, with forward slashes, so output is the same on every machine."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def same_file(first: Path, second: Path) -> bool:
    """True when both paths name one file, whether or not it exists yet."""
    try:
        return first.resolve() == second.resolve() or os.path.samefile(first, second)
    except OSError:
        return False


def load_catalog(spec: Path) -> Catalog:
    """The validated catalog of the spec at ``spec``; raises SpecError when
    invalid, or while a ``# review:`` mark remains."""
    doc = load_spec(spec, portable(spec), keep_going=True)
    problems = sorted({*validate_spec(doc), *unreviewed(doc)})
    if problems:
        raise SpecError(problems)
    return build_catalog(doc)


def valid_catalogs(documents: Sequence[SpecDocument]) -> list[Catalog]:
    """The catalog of each loaded spec; raises SpecError with the problems of
    them all when any is invalid."""
    problems = [problem for doc in documents for problem in validate_spec(doc)]
    if problems:
        raise SpecError(problems)
    return [build_catalog(doc) for doc in documents]


def read_version(pyproject: Path) -> Version:
    """``[project] version`` of the pyproject.toml at ``pyproject``; raises
    SpecError when it cannot be read or is not MAJOR.MINOR.PATCH."""
    shown = portable(pyproject)
    return project_version(read_text(pyproject, shown), shown)


def generate_command(spec_shown: str, flag: str, target_shown: str) -> str:
    """The command a header records, quoted for a POSIX shell so that it works
    for any path."""
    return (
        "python -m codegen generate"
        f" --spec {shlex.quote(spec_shown)} {flag} {shlex.quote(target_shown)}"
    )


def module_source(
    catalog: Catalog,
    spec: Path,
    out: Path,
    runtime: Mapping[str, RuntimeFile] | None = None,
) -> str:
    """The formatted module for ``catalog``, whose header names ``spec`` and ``out``.

    ``runtime`` is the code pasted in whatever the catalog says (by default
    runtime/*.py, loader.load_runtime). The module of the checkout's own spec
    carries the project's version; any other catalog's, ``UNVERSIONED``.
    Raises PasteError (a ValueError) when a runtime file breaks the convention.
    """
    spec_shown = portable(spec)
    command = generate_command(spec_shown, "--out", portable(out))
    version = (
        str(read_version(PROJECT_PYPROJECT))
        if same_file(spec, PROJECT_SPEC)
        else UNVERSIONED
    )
    files = load_runtime() if runtime is None else runtime
    rendered = render_module(catalog, files, spec_shown, command, version=version)
    return format_source(rendered)


def catalog_part(catalog: Catalog, spec: Path, out: Path) -> str:
    """``module_source`` with each runtime file's body replaced by one comment
    that names it (``# runtime/explain.py``): what the catalog decides alone."""
    files = {name: marker(file) for name, file in load_runtime().items()}
    return module_source(catalog, spec, out, files)


def reference_source(catalog: Catalog, spec: Path, docs: Path) -> str:
    """The Markdown reference for ``catalog``, whose header names ``spec`` and ``docs``."""
    spec_shown = portable(spec)
    command = generate_command(spec_shown, "--docs", portable(docs))
    return render_reference(catalog, spec_shown, command)


def csv_source(catalog: Catalog) -> str:
    """The CSV of ``catalog``'s rows (a CSV has no room for a header)."""
    return render_csv(catalog)


def kql_source(catalog: Catalog, spec: Path, kql: Path) -> str:
    """The KQL function of ``catalog``'s rows, whose header names ``spec`` and ``kql``."""
    spec_shown = portable(spec)
    command = generate_command(spec_shown, "--kql", portable(kql))
    return render_kql(catalog, spec_shown, command)


def generate_source(spec: Path, out: Path) -> str:
    """The formatted module for the spec at ``spec``; raises SpecError when invalid."""
    return module_source(load_catalog(spec), spec, out)


def generate_reference(spec: Path, docs: Path) -> str:
    """The Markdown reference for the spec at ``spec``; raises SpecError when invalid."""
    return reference_source(load_catalog(spec), spec, docs)


@dataclass(frozen=True)
class Outcome:
    """What ``write_or_check`` did: ``diff`` for stdout, ``notes`` for stderr
    (``PATH: written``, ``PATH is stale: ...``, ``PATH: error: cannot write:
    ...``), and whether it failed (an error, or a stale file under check)."""

    failed: bool
    diff: str
    notes: tuple[str, ...]
    errors: tuple[str, ...]


def write_or_check(outputs: Sequence[tuple[Path, str]], *, check: bool) -> Outcome:
    """Write each (path, content) of ``outputs`` that changed, or with ``check``
    write nothing and give the diff of each stale one.

    Stops at the first file that cannot be read or written: an error, with
    the files before it as they are now (each is replaced atomically).
    """
    diffs: list[str] = []
    notes: list[str] = []
    stale = False
    for path, content in outputs:
        shown = portable(path)
        try:
            if check:
                diff = stale_diff(path, content, shown)
            else:
                written = write_if_changed(path, content)
        except OSError as exc:
            verb = "read" if check else "write"
            error = f"{shown}: error: cannot {verb}: {exc.strerror or exc}"
            return Outcome(True, "".join(diffs), tuple(notes), (error,))
        if not check:
            notes.append(f"{shown}: {'written' if written else 'unchanged'}")
        elif diff:
            diffs.append(diff)
            notes.append(f"{shown} is stale: run `make generate`")
            stale = True
    return Outcome(stale, "".join(diffs), tuple(notes), ())


def import_doc(doc: Path, spec: Path, source: str | None) -> ImportResult:
    """The spec at ``spec`` with the Markdown document at ``doc`` merged in as
    the source ``source`` (None: the source of the document's title); raises
    SpecError for either file's problems. Writes nothing."""
    from codegen.doctables import read_doc
    from codegen.importdoc import merge_doc

    doc_shown, spec_shown = portable(doc), portable(spec)
    tables = read_doc(read_text(doc, doc_shown), doc_shown)
    return merge_doc(read_text(spec, spec_shown), spec_shown, tables, source)


def import_docs(
    docs: Sequence[Path],
    spec: Path,
    source: str | None = None,
    date: str | None = None,
) -> tuple[str, list[ImportResult], list[str]]:
    """The spec at ``spec`` with each Markdown document of ``docs`` merged in,
    in turn, each as its own source (``source`` names the source of a single
    document, ``date`` its date where its ms.date is missing or misprinted);
    a folder gives its Markdown files. Returns the merged text, each
    document's result, and notes on files of a folder passed over (no table at
    all). Raises SpecError with every document's problems. Writes nothing."""
    from codegen.doctables import read_doc
    from codegen.importdoc import merge_doc

    spec_shown = portable(spec)
    found: list[tuple[Path, bool]] = []
    for path in docs:
        if path.is_dir():
            found += ((p, True) for p in sorted(path.glob("*.md")) if p.is_file())
        else:
            found.append((path, False))
    text = read_text(spec, spec_shown)
    results: list[ImportResult] = []
    notes: list[str] = []
    problems: list[Diagnostic] = []
    #: The document each source was imported from in this run: two copies of
    #: one document (one title) would each replace what the other said, so
    #: the run would depend on their order and a second run would undo it.
    imported_from: dict[str, str] = {}
    for path, in_folder in found:
        shown = portable(path)
        try:
            markdown = read_text(path, shown)
            if in_folder and "|" not in markdown:
                notes.append(f"{shown}: note: no table; passed over")
                continue
            result = merge_doc(
                text, spec_shown, read_doc(markdown, shown, date), source
            )
        except SpecError as exc:
            problems += exc.diagnostics
            continue
        if result.source is not None and result.source in imported_from:
            problems.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    f"this is source {result.source!r} again, already imported "
                    f"from {imported_from[result.source]} in this run (the same "
                    "title): give one copy of a document",
                )
            )
            continue
        if result.source is not None:
            imported_from[result.source] = shown
        results.append(result)
        text = result.text
    if problems:
        raise SpecError(problems)
    return text, results, notes


def compare_specs(
    old: Path | None, new: Path, against: str | None = None
) -> tuple[str, str, CatalogDiff]:
    """What changed from the spec at ``old`` (or, with ``against``, the one
    committed at that git ref at ``new``'s path) to the spec at ``new``: both
    as shown, and their diff. Raises SpecError with both specs' problems."""
    from codegen.diff import diff_catalogs

    if against is not None:
        first = load_committed_spec(against, portable(new))
    else:
        assert old is not None, "give old, or against"
        first = load_spec(old, portable(old))
    documents = [first, load_spec(new, portable(new))]
    before, after = valid_catalogs(documents)
    return documents[0].path, documents[1].path, diff_catalogs(before, after)


@dataclass(frozen=True)
class ChangelogPlan:
    """What CHANGELOG.md should say: the text it has now (or the preamble of a
    new one) and the verdict on it."""

    text: str
    verdict: Verdict


def plan_changelog_file(
    changelog: Path, spec: Path, pyproject: Path, *, check: bool
) -> ChangelogPlan:
    """The verdict on the CHANGELOG.md at ``changelog`` for the version in
    ``pyproject`` of the catalog at ``spec``, each released entry's catalog
    read from git by its spec's sha256. Raises SpecError for the problems that
    stop it. Writes nothing."""
    from codegen.changelog import PREAMBLE, parse_changelog, plan_changelog
    from codegen.history import HistoryUnavailable, find_spec_commit

    shown, spec_shown = portable(changelog), portable(spec)

    def released_catalog(entry: Entry) -> Catalog:
        try:
            commit = find_spec_commit(entry.spec_sha256, spec_shown)
        except HistoryUnavailable as exc:
            raise LookupError(
                f"git cannot give the spec of {entry.version}: {exc}"
            ) from None
        if commit is None:
            message = (
                f"no commit in the history of HEAD has the {spec_shown} of "
                f"{entry.version} (sha256 {entry.spec_sha256})"
            )
            raise SpecError([Diagnostic(shown, entry.line, 1, message)])
        (catalog,) = valid_catalogs([load_committed_spec(commit, spec_shown)])
        return catalog

    version = read_version(pyproject)
    catalog = load_catalog(spec)
    text = read_text(changelog, shown) if check or changelog.exists() else PREAMBLE
    parsed = parse_changelog(text, shown)
    verdict = plan_changelog(parsed, shown, version, catalog, released_catalog)
    if verdict.problems:
        raise SpecError(verdict.problems)
    return ChangelogPlan(text, verdict)
