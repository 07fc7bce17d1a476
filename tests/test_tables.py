"""The catalog's rows are made on first use (runtime/tables.py), whatever that
use is, once, and the same for every thread.

Each case runs in a fresh interpreter: in this one the rows are long made.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GENERATED = Path(__file__).resolve().parents[1] / "generated"

#: A first use each, then what must hold after it.
FIRST_USES = {
    "lookup": "assert m.lookup(0, 0) is m.CALL_END_REASONS[0, 0]",
    "explain": "assert m.explain(0, 0).reason is m.CALL_END_REASONS[0, 0]",
    "explain a code": "assert m.explain(400).code_info is m.CODE_INFO[400]",
    "explain_payload": (
        "assert m.explain_payload({'code': 0, 'subCode': 0}).reason is not None"
    ),
    "the view": "assert len(m.CALL_END_REASONS) > 100",
    "from-import": (
        "from acs_call_codes import CODE_INFO, SUBCODE_INFO\n"
        "assert CODE_INFO[400].code == 400 and len(SUBCODE_INFO) > 100\n"
        "assert SUBCODE_INFO is m.SUBCODE_INFO"
    ),
    "star-import": (
        "namespace = {}\n"
        "exec('from acs_call_codes import *', namespace)\n"
        "assert namespace['CALL_END_REASONS'] is m.CALL_END_REASONS"
    ),
    "the command": (
        "import contextlib, io\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert m._main(['--list']) == 0\n"
        "assert 'subcodes, whatever the code' in out.getvalue()"
    ),
}


def run(script: str) -> subprocess.CompletedProcess[str]:
    prologue = (
        f"import sys\nsys.path.insert(0, {str(GENERATED)!r})\n"
        "import acs_call_codes as m\n"
        "assert m._tables_made == [False] and not m._REASONS, 'made at import'\n"
    )
    return subprocess.run(
        [sys.executable, "-S", "-E", "-W", "error", "-c", prologue + script],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("use", FIRST_USES)
def test_the_first_use_makes_the_rows(use: str) -> None:
    done = run(
        f"{FIRST_USES[use]}\n"
        "assert m._tables_made == [True]\n"
        "assert len(m._REASONS) == len(m.CALL_END_REASONS) > 100\n"
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_the_views_are_the_modules_names_once_read() -> None:
    done = run(
        "assert {'CALL_END_REASONS', 'CODE_INFO', 'SUBCODE_INFO'} <= set(dir(m))\n"
        "first = m.CODE_INFO\n"
        "assert 'CODE_INFO' in vars(m) and m.CODE_INFO is first\n"
        "try:\n"
        "    first[999] = None\n"
        "except TypeError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('the view is writable')\n"
        "try:\n"
        "    m.CALL_END_REASON\n"
        "except AttributeError as error:\n"
        "    assert str(error) == \"module 'acs_call_codes' has no attribute "
        "'CALL_END_REASON'\", error\n"
        "else:\n"
        "    raise AssertionError('a misspelt name')\n"
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_threads_asking_at_once_get_the_same_rows() -> None:
    # Ten fresh copies of the module, each asked by eight threads at once.
    done = run(
        "import threading\n"
        "sys.setswitchinterval(1e-6)  # threads switch inside the making\n"
        "for _ in range(10):\n"
        "    del sys.modules['acs_call_codes']\n"
        "    import acs_call_codes as m\n"
        "    barrier = threading.Barrier(8)\n"
        "    reasons, infos = [], []\n"
        "    def ask():\n"
        "        barrier.wait()\n"
        "        reasons.append(m.lookup(0, 0))\n"
        "        infos.append(m.explain(400).code_info)\n"
        "    threads = [threading.Thread(target=ask) for _ in range(8)]\n"
        "    for t in threads: t.start()\n"
        "    for t in threads: t.join()\n"
        "    assert len(reasons) == len(infos) == 8\n"
        "    assert all(r is m.CALL_END_REASONS[0, 0] for r in reasons), reasons\n"
        "    assert all(i is m.CODE_INFO[400] for i in infos), infos\n"
    )
    assert (done.returncode, done.stderr) == (0, "")
