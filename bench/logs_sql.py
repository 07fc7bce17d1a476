"""docs/logs.md's SQL in DuckDB against ``report`` on the same call log.

    python bench/logs_sql.py [N] [--repeat R]

Writes an ACSCallSummary CSV export of N rows (bench/logs.py, ``--shape csv``;
default a million), then times, each in a fresh process, the documented query
in DuckDB over it with generated/acs_call_codes.csv, and
``python -m acs_call_codes report --format csv`` over it. Prints the wall
times (best of ``--repeat``), that both found the same pairs and counts, and
the sizes of the generated CSV and KQL files. Never part of ``make test``.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import logs  # noqa: E402

#: Run in a fresh interpreter: the documented query, its rows as CSV on stdout.
_DUCKDB = """
import csv, re, sys, duckdb
doc = open(sys.argv[1], encoding="utf-8").read()
sql = re.findall(r"^```sql\\n(.*?)^```", doc, re.M | re.S)[0]
rows = duckdb.connect().execute(sql).fetchall()
out = csv.writer(sys.stdout)
out.writerows((r[0], r[1], r[2], r[8]) for r in rows)
"""


#: ``python -m acs_call_codes report``, as the installed package runs it, from
#: the checkout's loose files.
_REPORT = "import sys, _report; sys.exit(_report.main(sys.argv[1:], prog='report'))"


def _timed(args: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, check=True, encoding="utf-8"
    )
    return time.perf_counter() - start, done.stdout


def _pairs_of_report(text: str) -> list[tuple[str, str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return [(r["code"], r["subcode"], r["count"], r["match"]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        log = folder / "ACSCallSummary.csv"
        with log.open("w", encoding="utf-8", newline="") as out:
            logs.write(out, args.n, "csv")
        (folder / "acs_call_codes.csv").write_bytes(
            (ROOT / "generated" / "acs_call_codes.csv").read_bytes()
        )
        env_path = f"{ROOT / 'generated'}:{ROOT / 'package'}"
        sql_times, report_times = [], []
        sql_out = report_out = ""
        for _ in range(args.repeat):
            seconds, sql_out = _timed(
                [python, "-c", _DUCKDB, str(ROOT / "docs" / "logs.md")], folder
            )
            sql_times.append(seconds)
            seconds, report_out = _timed(
                [
                    "env",
                    f"PYTHONPATH={env_path}",
                    python,
                    "-c",
                    _REPORT,
                    "--format",
                    "csv",
                    str(log),
                ],
                folder,
            )
            report_times.append(seconds)
        sql_pairs = [
            (code, subcode, count, rung)
            for code, subcode, count, rung in csv.reader(io.StringIO(sql_out))
        ]
        same = sql_pairs == _pairs_of_report(report_out)
        print(f"log: {args.n:,} rows, {log.stat().st_size / 1e6:.1f} MB")
        print(
            f"DuckDB, documented query: {min(sql_times):.2f} s (best of {args.repeat})"
        )
        print(
            f"report --format csv:      {min(report_times):.2f} s (best of {args.repeat})"
        )
        print(f"same pairs, counts and rungs: {same}")
    for name in ("acs_call_codes.csv", "acs_call_codes.kql"):
        path = ROOT / "generated" / name
        lines = path.read_bytes().count(b"\n")
        print(f"generated/{name}: {path.stat().st_size:,} bytes, {lines} lines")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
