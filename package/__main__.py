"""``python -m acs_call_codes``: explain a code, or report over logs.

``python -m acs_call_codes CODE [SUBCODE] [--json]`` explains a pair (the
module's own ``_main``, which a vendored copy of the module runs too);
``python -m acs_call_codes report FILE...`` counts and explains the pairs in
call logs and callbacks (``acs_call_codes._report``, installed package only).
The ``acs-call-codes`` command runs ``main`` under its own name.
"""

# The module's _main is this package's own.
# pyright: reportPrivateUsage=false

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from acs_call_codes import _main

__all__ = ["main"]

REPORT_HELP = (
    "report FILE... [--format table|json|csv|html] [--by hour|day|week|FIELD] "
    "counts and explains the pairs in call logs and callbacks (JSON Lines, JSON, "
    "query API responses or CSV from Log Analytics, gzipped or not); see report "
    "--help"
)


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["report"]:
        # By name: the type checkers read package/ as loose files beside the
        # module, not as the installed package (tests/test_report.py runs it).
        report = importlib.import_module("acs_call_codes._report")
        name = os.path.basename(sys.argv[0]) if prog is None else prog
        sub = f"{name} report"
        return int(report.main(args[1:], prog=sub))
    return _main(args, prog=prog, epilog=REPORT_HELP)


if __name__ == "__main__":
    raise SystemExit(main(prog="python -m acs_call_codes"))
