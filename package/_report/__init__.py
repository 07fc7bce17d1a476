"""``python -m acs_call_codes report FILE...``: what a day of logs says.

Reads call logs and callbacks as they are exported or saved: JSON Lines, a JSON
array (or several, or pretty-printed objects one after another), a Log
Analytics query API response (``tables`` of ``columns`` and ``rows``), or CSV
as Log Analytics exports it (``,``, ``;`` or tab), each record in any shape
``find_pair`` knows, and any of them gzip-compressed. Counts every (code,
subcode) pair, explains each distinct pair once, and prints them largest first
with totals by result category and by the rung of ``explain`` that answered;
``--by hour|day|week`` adds a time series by category, ``--by FIELD`` the
pairs and failure share of each value of a field.

It streams: memory holds one chunk of input and one count per distinct pair
(and bucket and value), whatever the size of the file. Whatever a file holds,
a record that cannot be read is counted and named (``FILE:LINE``) and the run
goes on: a damaged gzip stream, a binary file, a quote never closed, nesting
deeper than Python reads. A record that carries no code at all (an event with
no result, a participant with no end reason) is counted apart. Exit status: 0,
or 1 when some records were bad, 2 for a usage error.

The stages, one module each: ``reading`` (records or located errors, by way of
``gunzip``, ``jsontext`` and ``tables``), ``counting`` (with ``shapes`` and
``times``), ``document`` (what the tally says, explained), and one module per
format (``table``, ``as_json``, ``as_csv``, and ``as_html`` with its
``charts`` and ``markup``). Part of the installed package only: the vendorable module keeps
what a service needs, and this is a support engineer's tool. Standard library
only.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, Final

from . import reading
from .as_csv import render_csv
from .as_html import render_html
from .as_json import render_json
from .counting import Tally
from .document import Row, document, rows
from .records import Bad, Header
from .shapes import Pair
from .table import render_table
from .times import BUCKETS

__all__ = ["Bad", "Pair", "Row", "Tally", "main", "read", "render", "rows"]

#: How often the progress line is redrawn, in seconds, and how many records
#: pass between looks at the clock.
PROGRESS_EVERY: Final = 0.25
PROGRESS_RECORDS: Final = 1 << 14
FORMATS: Final = ("table", "json", "csv", "html")


class Progress:
    """A line on stderr, redrawn while a file is read, when stderr is a terminal."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream
        self.shown = False
        self.last = time.monotonic()

    def show(self, name: str, done: int | None, size: int | None, records: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        where = f"{name}: {records:,} records"
        if done is not None and size:
            where += f", {done / size:.0%} of {_size(size)}"
        self.stream.write(f"\r\x1b[K{where}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1000:
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def read(
    binary: IO[bytes], name: str, tally: Tally, progress: Progress | None = None
) -> None:
    """Count the records of one input into ``tally`` (see ``reading.Log``)."""
    tally.files.append(name)
    log = reading.Log(binary, name)
    size = None if progress is None else log.size()
    add: Callable[[object], str | None] = tally.add
    fail = tally.fail
    count = 0
    for value in log:
        if type(value) is Header:
            # The rows that follow are lists of values in these columns.
            add = tally.add if value.names is None else tally.row_adder(value.names)
            continue
        error = add(value)
        if error is not None:
            fail(name, value.line if type(value) is Bad else log.line(), error)
        count += 1
        if progress is not None and not count % PROGRESS_RECORDS:
            progress.show(name, log.done(), size, count)


def render(tally: Tally, form: str, bar: str = "#", top: int = 0) -> str:
    """The report as text (``table``, its ``top`` pairs, or all for 0), one
    JSON object (``json``), CSV (``csv``) or an HTML page (``html``)."""
    report = rows(tally)
    if form == "json":
        return render_json(tally, report)
    if form == "csv":
        return render_csv(tally, report)
    if form == "html":
        return render_html(document(tally, report))
    return render_table(tally, report, bar, top)


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """``report FILE... [--format table|json|csv|html] [--by ...]``; returns
    the exit status."""
    parser = _parser(prog)
    args = parser.parse_args(argv)
    if args.top < 0:
        parser.error("--top takes 0 (all) or more")
    by_time = [b for b in args.by if b in BUCKETS]
    by_field = [b for b in args.by if b not in BUCKETS]
    if len(by_time) > 1 or len(by_field) > 1:
        parser.error("--by takes one of hour, day, week and one FIELD at most")
    folders = [f for f in args.files if f != "-" and os.path.isdir(f)]
    if folders:
        parser.error("a directory, not a file: " + ", ".join(folders))
    missing = [f for f in args.files if f != "-" and not os.path.exists(f)]
    if missing:
        parser.error("no such file: " + ", ".join(missing))
    if args.files.count("-") > 1:
        parser.error("- (standard input) can be read once")
    stderr = sys.stderr
    progress = Progress(stderr if stderr.isatty() else None)
    tally = Tally(by_time=(by_time or [None])[0], by_field=(by_field or [None])[0])
    for name in args.files:
        try:
            if name == "-":
                read(sys.stdin.buffer, "<stdin>", tally, progress)
            else:
                with open(name, "rb") as binary:
                    read(binary, name, tally, progress)
        except OSError as exc:
            # Unreadable (permissions, a device): named, and the others read.
            tally.files.append(name)
            tally.read += 1
            tally.bad += 1
            tally.fail(name, 1, f"cannot read: {exc.strerror or exc}")
        finally:
            progress.clear()
    encoding = (sys.stdout.encoding or "").lower().replace("-", "")
    _print(
        render(tally, args.format, "\u2588" if encoding == "utf8" else "#", args.top)
    )
    for bad in tally.bad_lines:
        stderr.write(f"{bad.file}:{bad.line}: error: {bad.error}\n")
    if tally.bad > len(tally.bad_lines):
        stderr.write(f"... and {tally.bad - len(tally.bad_lines):,} more bad records\n")
    if tally.bad:
        stderr.write(
            f"{tally.bad:,} bad record{'s' if tally.bad != 1 else ''} skipped\n"
        )
    return 1 if tally.bad else 0


def _parser(prog: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Count and explain the ACS (code, subcode) pairs in call logs "
        "and callbacks: JSON Lines, JSON arrays, Log Analytics query API "
        "responses or CSV as Log Analytics exports it, gzipped or not.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="a log file; - reads standard input"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (the default) for people, json or csv for scripts, html for a "
        "page to attach to a ticket",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=40,
        metavar="N",
        help="the table's N largest pairs (default 40; 0 for all); the other "
        "formats hold every pair",
    )
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="hour|day|week|FIELD",
        help="counts by category per hour, day or week (UTC, from the time the "
        "log has: TimeGenerated, time, eventTime, CallStartTime...), or the pairs "
        "and failure share of each value of FIELD (SdkVersion, OsVersion, "
        "EndpointType, ParticipantType, type...); give it twice for both",
    )
    return parser


def _print(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader went away (``| head``): nothing is lost, so no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
