"""The sdist and the wheel, built as a release builds them: ``python -m build``
makes the sdist from the checkout and the wheel from the sdist. The build runs
offline, with the hatchling of this environment (``--no-isolation``)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Distributions:
    """The two files ``python -m build`` made."""

    sdist: Path
    wheel: Path


def build(root: Path, out: Path) -> Distributions:
    """The sdist and wheel of the project at ``root``, built into ``out``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--outdir",
            str(out),
            str(root),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (sdist,) = out.glob("acs_call_codes-*.tar.gz")
    (wheel,) = out.glob("acs_call_codes-*-py3-none-any.whl")
    return Distributions(sdist, wheel)
