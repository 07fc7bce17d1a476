"""One timed read of a log, in a process of its own: bench.py section 5.

    python bench/report_once.py bare|report SHAPE PATH

Prints the processor seconds the read took (user and system) and the
process's maximum resident memory (KB). ``bare`` is the loop that only parses the same records: json.loads per
line for JSON Lines, csv.reader for CSV, json.load and a loop over the rows
for a query API response (which holds the whole document); ``report`` is the
report's reading and counting (``_report.read``). A path ending in .gz is read
through gzip by both.
"""

from __future__ import annotations

import csv
import gzip
import json
import resource
import sys
import time
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


def _binary(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def bare(shape: str, path: str) -> None:
    if shape == "csv":
        with (
            gzip.open(path, "rt", encoding="utf-8-sig", newline="")
            if path.endswith(".gz")
            else open(path, encoding="utf-8-sig", newline="")
        ) as handle:
            for _ in csv.reader(handle):
                pass
        return
    with _binary(path) as handle:
        if shape == "query":
            for table in json.load(handle)["tables"]:
                for _ in table["rows"]:
                    pass
            return
        loads = json.loads
        for line in handle:
            loads(line)


def report(path: str) -> None:
    sys.path[:0] = [str(ROOT / "generated"), str(ROOT / "package")]
    import _report

    with open(path, "rb") as handle:
        _report.read(handle, path, _report.Tally())


def _max_rss() -> int:
    """This process's maximum resident memory, in KB: Linux's VmHWM (the
    ru_maxrss of getrusage keeps the parent's across exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    mode, shape, path = sys.argv[1:4]
    if mode == "report":
        # Imported before the clock starts, as the bare loop's json is.
        sys.path[:0] = [str(ROOT / "generated"), str(ROOT / "package")]
        import _report  # noqa: F401
    # Processor time, not wall time: on a machine shared with other work, the
    # time a process waits for a core is not the reader's.
    start = time.process_time()
    if mode == "bare":
        bare(shape, path)
    else:
        report(path)
    seconds = time.process_time() - start
    print(seconds, _max_rss())
    return 0


if __name__ == "__main__":
    sys.exit(main())
