"""The report's HTML page in headless Chromium: README's screenshot, and the
browser that tests/test_report_html.py renders the page in.

    python tools/report_screenshot.py [OUT.png] [--records N] [-- REPORT_ARGS...]

writes a sample log (ACSCallSummary records over two days, several SDK
versions, an hour of failures), runs ``report --format json`` over it with
REPORT_ARGS, renders the page with ``render_html`` (what ``--format html``
writes) and screenshots it with Debian's ``chromium`` (``make
report-screenshot`` writes docs/img/report.png). The same seed gives the
same log and the same page.

Chromium runs headless, without sandbox (CI runs as root), GPU, network
services or a profile of its own, and every host name fails to resolve: the
page must render from itself alone.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What every run passes: no sandbox (root in CI), no GPU, nothing that talks
#: to the network on its own, and no host name that resolves.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
#: Chromium's first start on a busy two-core machine takes seconds; this is
#: only where a hung browser is given up on.
TIMEOUT = 180


def find_chromium() -> str | None:
    """Debian's ``chromium`` (``CHROMIUM`` names another), or None."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


def _run(chromium: str, page: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        result = subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                *flags,
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(
            f"chromium exited {result.returncode}: {result.stderr[-2000:]}"
        )
    return result


def screenshot(
    chromium: str, page: Path, png: Path, width: int, height: int, dark: bool = False
) -> None:
    """Render the HTML file ``page`` in a ``width`` x ``height`` window into
    ``png``, for a reader who prefers the dark scheme when ``dark``."""
    png.unlink(missing_ok=True)
    scheme = ["--force-dark-mode"] if dark else []
    _run(
        chromium,
        page,
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        *scheme,
    )
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot to {png}")


def dump_dom(chromium: str, page: Path) -> str:
    """The page's DOM once Chromium has loaded it, serialised."""
    return _run(chromium, page, "--dump-dom").stdout


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB bytes of an 8-bit, non-interlaced RGB or
    RGBA PNG (what Chromium writes); ValueError for anything else."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or color not in (2, 6) or interlace:
        raise ValueError(
            f"PNG of depth {depth}, colour type {color}, interlace {interlace}"
        )
    channels = 3 if color == 2 else 4
    stride = width * channels
    raw = zlib.decompress(bytes(idat))
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        previous = line
        rows.append(
            bytes(line)
            if channels == 3
            else bytes(b for j, b in enumerate(line) if j % 4 != 3)
        )
    return width, height, rows


# The sample log.

#: SDK versions, the share of calls each makes, and how much likelier an
#: older one is to fail (arbitrary: a long tail, the oldest the worst).
SDK_VERSIONS = (
    ("1.31.1.1", 0.45, 1.0),
    ("1.29.2.1", 0.3, 1.5),
    ("1.27.0.1", 0.2, 3.0),
    ("1.22.0.3", 0.05, 8.0),
)
FAILURES = ((490, 4502), (480, 10037), (500, 9999999), (408, 10057))


def sample_records(n: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """``n`` ACSCallSummary records over two days (fewer at night), an hour of
    network failures on the second afternoon, and older SDKs failing more."""
    sys.path.insert(0, str(ROOT / "bench"))
    import logs  # bench/logs.py: the records' columns and their mix of pairs

    rng = random.Random(seed)
    versions = [v for v, _, _ in SDK_VERSIONS]
    weights = [w for _, w, _ in SDK_VERSIONS]
    risk = {v: r for v, _, r in SDK_VERSIONS}
    for i, record in enumerate(logs.summaries(n, seed)):
        # Busier by day: the hour's weight follows the working day.
        hour = rng.choices(
            range(48), [3 + 10 * (8 <= h % 24 <= 18) for h in range(48)]
        )[0]
        version = rng.choices(versions, weights)[0]
        record["TimeGenerated"] = (
            f"2024-06-{3 + hour // 24:02d}T{hour % 24:02d}:{i % 60:02d}:17.1234567Z"
        )
        record["SdkVersion"] = version
        if record["ParticipantEndReason"] and (
            rng.random() < 0.02 * risk[version] or (hour == 38 and rng.random() < 0.5)
        ):
            code, subcode = rng.choice(FAILURES)
            record["ParticipantEndReason"] = str(code)
            record["ParticipantEndSubCode"] = str(subcode)
        yield record


def sample_document(
    folder: Path, n: int, report_args: Sequence[str]
) -> dict[str, object]:
    """The report's JSON over a sample log of ``n`` records written in ``folder``."""
    import _report  # package/, on the path (main, or the tests' pythonpath)

    log = folder / "calls.jsonl"
    with log.open("w", encoding="utf-8") as out:
        for record in sample_records(n):
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
    printed = io.StringIO()
    here = os.getcwd()
    os.chdir(folder)  # the page names the log as the command was given it
    try:
        with contextlib.redirect_stdout(printed):
            status = _report.main([log.name, "--format", "json", *report_args])
    finally:
        os.chdir(here)
    if status != 0:
        raise RuntimeError(f"report exited {status}")
    document: dict[str, object] = json.loads(printed.getvalue())
    return document


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out", nargs="?", type=Path, default=ROOT / "docs" / "img" / "report.png"
    )
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1500)
    argv = list(sys.argv[1:] if argv is None else argv)
    # Everything after -- is report's.
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    report_args = argv[cut + 1 :]
    chromium = find_chromium()
    if chromium is None:
        parser.exit(2, "error: no chromium on the path (apt-get install chromium)\n")
    for folder in ("generated", "package"):
        sys.path.insert(0, str(ROOT / folder))
    from _report.as_html import render_html

    with tempfile.TemporaryDirectory() as folder:
        document = sample_document(Path(folder), args.records, report_args)
        page = Path(folder) / "report.html"
        page.write_text(render_html(document), encoding="utf-8")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(chromium, page, args.out, args.width, args.height)
    print(f"{args.out}: {args.width}x{args.height}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
