"""The command line: ``python -m codegen generate`` (also ``acs-codegen``).

Exit status: 0 on success, 1 for an invalid spec or a stale file, 2 for a usage
error. Problems print to stderr as ``PATH:LINE:COL: error: MESSAGE``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from codegen.diagnostics import SpecError
from codegen.format import format_source
from codegen.limits import size_warnings
from codegen.loader import load_spec
from codegen.model import build_catalog
from codegen.render import render_module
from codegen.validate import validate_spec
from codegen.writer import stale_diff, write_if_changed

DEFAULT_SPEC = Path("spec/codes.yaml")
DEFAULT_OUT = Path("generated/acs_call_codes.py")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def portable(path: Path) -> str:
    """``path`` as the header and messages show it: relative to the working folder
    when inside it, with forward slashes, so output is the same on every machine."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def generate_source(spec: Path, out: Path, warnings: list[str] | None = None) -> str:
    """The formatted module for the spec at ``spec``; raises SpecError when invalid.

    Warnings about the catalog (see codegen.limits) are appended to ``warnings``.
    """
    spec_shown, out_shown = portable(spec), portable(out)
    doc = load_spec(spec, spec_shown)
    problems = validate_spec(doc)
    if problems:
        raise SpecError(problems)
    catalog = build_catalog(doc)
    if warnings is not None:
        warnings.extend(size_warnings(catalog, spec_shown))
    command = f"python -m codegen generate --spec {spec_shown} --out {out_shown}"
    return format_source(render_module(catalog, spec_shown, command))


def _generate(args: argparse.Namespace) -> int:
    spec: Path = args.spec
    out: Path = args.out
    warnings: list[str] = []
    try:
        source = generate_source(spec, out, warnings)
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(
            f"{count} error{'s' if count != 1 else ''}; {portable(out)} left as it was",
            file=sys.stderr,
        )
        return EXIT_FAILED
    for warning in warnings:
        print(warning, file=sys.stderr)
    if args.check:
        diff = stale_diff(out, source, portable(out))
        if diff:
            sys.stdout.write(diff)
            print(f"{portable(out)} is stale: run `make generate`", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    try:
        written = write_if_changed(out, source)
    except OSError as exc:
        print(
            f"{portable(out)}: error: cannot write: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"{portable(out)}: {'written' if written else 'unchanged'}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="acs-codegen",
        description="Generate the acs_call_codes module from the catalog of ACS call end codes.",
    )
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
    gen.set_defaults(run=_generate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status
