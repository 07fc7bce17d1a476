"""The command line: ``python -m codegen generate``, plus ``import-doc`` (merge
the doc's tables into the spec), ``diff`` (the breaking-change gate) and
``changelog`` (the version and CHANGELOG.md, held to the diff).

Exit status: 0 on success, 1 for an invalid spec or a stale file, 2 for a usage
error. Problems print to stderr as ``PATH:LINE:COL: error: MESSAGE``.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from codegen.diagnostics import SpecError
from codegen.files import data_path
from codegen.limits import size_warnings
from codegen.paste import PasteError
from codegen.pipeline import (
    PROJECT_PYPROJECT,
    Outcome,
    compare_specs,
    csv_source,
    import_docs,
    kql_source,
    load_catalog,
    module_source,
    plan_changelog_file,
    portable,
    read_version,
    reference_source,
    same_file,
    write_or_check,
)

DEFAULT_SPEC = Path("spec/codes.yaml")
DEFAULT_OUT = Path("generated/acs_call_codes.py")
DEFAULT_DOCS = Path("docs/codes.md")
DEFAULT_CSV = Path("generated/acs_call_codes.csv")
DEFAULT_KQL = Path("generated/acs_call_codes.kql")
DEFAULT_CHANGELOG = Path("CHANGELOG.md")
DEFAULT_PYPROJECT = Path("pyproject.toml")
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _print_errors(exc: SpecError, outcome: str) -> None:
    for diagnostic in exc.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(exc.diagnostics)
    print(f"{count} error{'s' if count != 1 else ''}; {outcome}", file=sys.stderr)


def _report(outcome: Outcome) -> int:
    """Print what write_or_check did; its exit status."""
    sys.stdout.write(outcome.diff)
    for line in (*outcome.notes, *outcome.errors):
        print(line, file=sys.stderr)
    return EXIT_FAILED if outcome.failed else EXIT_OK


#: What each output flag of ``generate`` writes, as its messages name it.
_OUTPUTS = {
    "--out": "the module",
    "--docs": "the reference",
    "--csv": "the CSV",
    "--kql": "the KQL function",
}


def _generate(args: argparse.Namespace) -> int:
    spec: Path = args.spec
    out: Path = args.out
    docs: Path | None = args.docs
    csv: Path | None = args.csv
    kql: Path | None = args.kql
    if spec == DEFAULT_SPEC and out == DEFAULT_OUT:
        docs = DEFAULT_DOCS if docs is None else docs
        csv = DEFAULT_CSV if csv is None else csv
        kql = DEFAULT_KQL if kql is None else kql
    targets = ((out, "--out"), (docs, "--docs"), (csv, "--csv"), (kql, "--kql"))
    for target, flag in targets:
        if target is not None and same_file(spec, target):
            print(
                f"{portable(target)}: error: {flag} is the spec itself; "
                "writing would destroy it",
                file=sys.stderr,
            )
            return EXIT_USAGE
    for index, (first, first_flag) in enumerate(targets):
        for second, second_flag in targets[index + 1 :]:
            if first is not None and second is not None and same_file(first, second):
                print(
                    f"{portable(second)}: error: {second_flag} and {first_flag} are "
                    f"one file; {_OUTPUTS[second_flag]} would overwrite "
                    f"{_OUTPUTS[first_flag]}",
                    file=sys.stderr,
                )
                return EXIT_USAGE
    try:
        catalog = load_catalog(spec)
        for warning in size_warnings(catalog, portable(spec)):
            print(warning, file=sys.stderr)
        outputs = [(out, module_source(catalog, spec, out))]
        if docs is not None:
            outputs.append((docs, reference_source(catalog, spec, docs)))
        if csv is not None:
            outputs.append((csv, csv_source(catalog)))
        if kql is not None:
            outputs.append((kql, kql_source(catalog, spec, kql)))
    except SpecError as exc:
        _print_errors(exc, f"{portable(out)} left as it was")
        return EXIT_FAILED
    except PasteError as exc:
        # runtime/*.py break codegen/paste.py's convention: located, like the spec's.
        problems = str(exc).splitlines()
        for line in problems:
            print(line, file=sys.stderr)
        count = len(problems)
        print(
            f"{count} error{'s' if count != 1 else ''}; {portable(out)} left as it was",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except (ValueError, jinja2.TemplateError) as exc:
        # A valid spec always renders to valid Python; this is the generator's fault.
        print(
            f"{portable(out)}: error: cannot generate the module ({exc}); "
            "left as it was",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return _report(write_or_check(outputs, check=args.check))


def _explain(args: argparse.Namespace) -> int:
    # Imported here: generating the module must not depend on the module. The
    # checkout's own module, which is not installed where the generator runs.
    sys.path.insert(0, str(data_path("generated")))
    import acs_call_codes

    argv: list[str] = [args.code]
    if args.subcode is not None:
        argv.append(args.subcode)
    if args.json:
        argv.append("--json")
    return acs_call_codes._main(argv, prog="python -m codegen explain")


def _iso_day(text: str) -> str:
    """``--date``: a real calendar day as YYYY-MM-DD, or a usage error."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date as YYYY-MM-DD"
        ) from None


def _import_doc(args: argparse.Namespace) -> int:
    spec: Path = args.spec
    spec_shown = portable(spec)
    given: list[Path] = args.doc
    for option, value in (("--source", args.source), ("--date", args.date)):
        if value is not None and (len(given) != 1 or given[0].is_dir()):
            print(
                f"python -m codegen import-doc: error: {option} is said of one "
                "document; give one DOC.md with it",
                file=sys.stderr,
            )
            return EXIT_USAGE
    try:
        text, results, passed_over = import_docs(given, spec, args.source, args.date)
    except SpecError as exc:
        _print_errors(exc, f"{spec_shown} left as it was")
        return EXIT_FAILED
    for line in passed_over:
        print(line, file=sys.stderr)
    for result in results:
        for note in result.notes:
            print(note, file=sys.stderr)
    outcome = write_or_check([(spec, text)], check=False)
    if outcome.failed:
        return _report(outcome)
    lines: list[str] = []
    for result in results:
        lines += result.summary(spec_shown, verbose=args.verbose)
    if len(results) > 1:
        counts = [
            sum(len(getattr(r, kind)) for r in results)
            for kind in ("added", "changed", "removed")
        ]
        lines.append(
            f"{spec_shown}: {len(results)} documents; {counts[0]} added, "
            f"{counts[1]} changed, {counts[2]} removed; "
            f"{len(results[-1].review)} to review"
        )
    print("\n".join(lines))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    paths: list[Path] = args.specs
    against: str | None = args.against
    if (against is None and len(paths) != 2) or (
        against is not None and len(paths) > 1
    ):
        print(
            "python -m codegen diff: error: give OLD.yaml NEW.yaml, or --against GITREF "
            "[NEW.yaml]",
            file=sys.stderr,
        )
        return EXIT_USAGE
    old = None if against is not None else paths[0]
    new = paths[-1] if paths else DEFAULT_SPEC
    try:
        old_shown, new_shown, result = compare_specs(old, new, against)
    except SpecError as exc:
        _print_errors(exc, "nothing compared")
        return EXIT_FAILED
    print(f"{old_shown} -> {new_shown}")
    print("\n".join(result.report()))
    return EXIT_FAILED if result.breaking else EXIT_OK


def _changelog(args: argparse.Namespace) -> int:
    from codegen.changelog import stale_changelog

    path: Path = DEFAULT_CHANGELOG
    shown = portable(path)
    try:
        plan = plan_changelog_file(
            path, DEFAULT_SPEC, DEFAULT_PYPROJECT, check=args.check
        )
    except SpecError as exc:
        _print_errors(exc, f"{shown} left as it was")
        return EXIT_FAILED
    verdict = plan.verdict
    if verdict.skipped and not args.check:
        print(
            f"{shown}: error: cannot write the entry: {verdict.skipped}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if verdict.skipped:
        print(f"{shown}: note: {verdict.skipped}", file=sys.stderr)
    if args.check or verdict.text is None:
        stale = stale_changelog(plan.text, shown, verdict)
        for line in stale:
            print(line, file=sys.stderr)
        return EXIT_FAILED if stale else EXIT_OK
    return _report(write_or_check([(path, verdict.text)], check=False))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="python -m codegen",
        description="Generate the acs_call_codes module from the catalog of ACS call end codes.",
    )
    try:
        version = str(read_version(PROJECT_PYPROJECT))
    except SpecError as exc:
        version = f"(no version: {exc})"
    parser.add_argument("--version", action="version", version=f"%(prog)s {version}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = commands.add_parser(
        "generate", help="write the module from the spec (or check that it is current)"
    )
    gen.add_argument(
        "--spec",
        type=Path,
        default=DEFAULT_SPEC,
        help=f"the catalog (default: {DEFAULT_SPEC})",
    )
    gen.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"the module to write (default: {DEFAULT_OUT})",
    )
    gen.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff if the module is stale",
    )
    gen.add_argument(
        "--docs",
        type=Path,
        default=None,
        help=f"the Markdown reference to write (default: {DEFAULT_DOCS} when "
        "--spec and --out are not given, else none)",
    )
    gen.add_argument(
        "--csv",
        type=Path,
        default=None,
        help=f"the CSV of the catalog's rows to write (default: {DEFAULT_CSV} when "
        "--spec and --out are not given, else none)",
    )
    gen.add_argument(
        "--kql",
        type=Path,
        default=None,
        help=f"the KQL function of the catalog's rows to write (default: "
        f"{DEFAULT_KQL} when --spec and --out are not given, else none)",
    )
    gen.set_defaults(run=_generate)
    explain = commands.add_parser(
        "explain",
        help="say what a code and subcode mean (same as python -m acs_call_codes)",
        description="Say what a code and subcode mean, from the installed "
        "acs_call_codes module; the same as `python -m acs_call_codes`.",
    )
    # Passed on as text: the module checks them, as it does from the shell.
    explain.add_argument("code", metavar="CODE", help="the code, such as 487")
    explain.add_argument(
        "subcode", nargs="?", metavar="SUBCODE", help="the subcode, such as 10004"
    )
    explain.add_argument(
        "--json", action="store_true", help="print one JSON object, for scripts"
    )
    explain.set_defaults(run=_explain)

    importer = commands.add_parser(
        "import-doc",
        help="merge the code tables of Markdown docs into the spec",
        description="Merge the ACS code tables of each DOC (or of each Markdown "
        "file of a folder) into the spec, each as one source: "
        "existing entries keep their names and record the doc's text, new ones get "
        "a proposed name marked '# review:', and the source leaves the entries the "
        "doc no longer has (an entry goes when no source is left).",
    )
    importer.add_argument(
        "doc",
        type=Path,
        nargs="+",
        metavar="DOC.md",
        help="the Markdown docs, or folders of them (each its own source)",
    )
    importer.add_argument(
        "--verbose",
        action="store_true",
        help="also list the entries other sources word otherwise when nothing changed",
    )
    importer.add_argument(
        "--spec",
        type=Path,
        default=DEFAULT_SPEC,
        help=f"the catalog to merge into (default: {DEFAULT_SPEC})",
    )
    importer.add_argument(
        "--source",
        metavar="ID",
        help="the source the doc is (default: the source whose title is the "
        "doc's; a title the spec does not know adds a new source)",
    )
    importer.add_argument(
        "--date",
        type=_iso_day,
        metavar="YYYY-MM-DD",
        help="the doc's date, where its ms.date is missing or misprinted",
    )
    importer.set_defaults(run=_import_doc)

    differ = commands.add_parser(
        "diff",
        help="list what changed between two specs; exit 1 if it breaks downstream code",
        description="Compare two catalogs entry by entry and print the semver bump "
        "the change implies. Exit 1 when anything breaks downstream code.",
    )
    differ.add_argument(
        "specs",
        type=Path,
        nargs="*",
        metavar="SPEC",
        help="OLD.yaml NEW.yaml; with --against, NEW.yaml only "
        f"(default: {DEFAULT_SPEC})",
    )
    differ.add_argument(
        "--against",
        metavar="GITREF",
        help="compare with the spec as committed at GITREF",
    )
    differ.set_defaults(run=_diff)

    changes = commands.add_parser(
        "changelog",
        help="write the CHANGELOG.md entry of the version in pyproject.toml",
        description="Write the unreleased entry of pyproject.toml's version in "
        "CHANGELOG.md, from the diff against the last released entry's spec (found "
        "in git by its sha256). Exit 1 when the version does not bump enough for "
        "the catalog's changes.",
    )
    changes.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the version or CHANGELOG.md does not follow "
        "the catalog",
    )
    changes.set_defaults(run=_changelog)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status
