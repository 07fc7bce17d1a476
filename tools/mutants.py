"""Mutation testing of three parts of the project, with mutmut: `make mutants`.

    python tools/mutants.py [--jobs N] [PART ...]     # report, payloads, explain

Each part runs in a folder of its own, .mutmut/PART/, laid out as mutmut reads
a project: the modules under src/ by the names the tests import them by
(``_report``, ``acs_call_codes``), the tests, and a pyproject.toml that says
what to mutate and which test files to run. mutmut copies it to
.mutmut/PART/mutants/, mutates the copy, runs the test suite once to learn
which tests reach which function, then runs, for each mutant, only the tests
that reach its function.

- report: package/_report/'s reading and counting modules, mutated as files.
- payloads, explain: the runtime files are not run as they are written but
  pasted into generated/acs_call_codes.py, and the tests call the module. So
  the module is mutated, and only in the functions and classes the runtime
  file defines (everything else carries mutmut's ``# pragma: no mutate
  block``); ``runtime.NAME`` is the module's own copy of those names, so the
  tests that import the runtime file as written exercise the mutants too.

The figures per part (killed/total, the survivors by name, the time) are
printed at the end and written to .mutmut/PART/summary.txt; ``mutmut show
NAME`` in .mutmut/PART shows a mutant's diff. docs/testing.md has the last
run's figures and the survivors judged equivalent.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutmut"

# What the tests read beside the code: bench/logs.py (sample logs), the
# schemas, the spec, the generator, the committed module's text (not on the
# path: the tests import the copy under src/).
ALSO_COPY = ("bench", "docs", "spec", "codegen", "templates", "generated", "runtime")


@dataclass(frozen=True)
class Part:
    name: str
    what: str
    tests: tuple[str, ...]
    # Tests left out of the mutation run: property and memory tests that take
    # seconds each and that the quicker tests of the same behaviour cover, and
    # tests that run the module in another process.
    slow: tuple[str, ...] = ()
    # package/_report modules to mutate (report), or the runtime file whose
    # functions are mutated in the generated module (payloads, explain).
    report_modules: tuple[str, ...] = ()
    runtime_file: str | None = None


# Tests that run the module in another process, from generated/ (mutmut's
# mutants live in this one), generate a module of their own, or list the
# module's names (mutmut's trampolines add some).
SUBPROCESS = (
    "tests/test_explain_cli.py::test_a_reader_that_goes_away_gets_no_traceback",
    "tests/test_module.py::test_a_subcode_with_several_meanings_is_not_guessed",
    "tests/test_module.py::test_all_names_exist_and_cover_the_public_api",
)

PARTS = {
    part.name: part
    for part in (
        Part(
            "report",
            "the report's reading and counting (package/_report/)",
            (
                "tests/test_report.py",
                "tests/test_report_damage.py",
                "tests/test_report_by.py",
                "tests/test_report_edges.py",
                "tests/test_report_details.py",
            ),
            slow=(
                "tests/test_report.py::test_chunk_boundaries_change_nothing",
                "tests/test_report.py::test_memory_does_not_grow_with_the_file",
                "tests/test_report.py::test_a_query_api_response_streams_in_flat_memory",
                "tests/test_report_damage.py::test_damaged_input_is_never_fatal_and_the_counts_add_up",
            ),
            report_modules=(
                "reading.py",
                "gunzip.py",
                "jsontext.py",
                "tables.py",
                "records.py",
                "shapes.py",
                "counting.py",
                "times.py",
            ),
        ),
        Part(
            "payloads",
            "the payload reader (runtime/payloads.py)",
            (
                "tests/test_payloads.py",
                "tests/test_payload_edges.py",
                "tests/test_payload_shapes.py",
                "tests/test_payload_messages.py",
                "tests/test_explain_cli.py",
            ),
            slow=SUBPROCESS,
            runtime_file="payloads.py",
        ),
        Part(
            "explain",
            "the explain ladder (runtime/explain.py)",
            (
                "tests/test_lookup_explain.py",
                "tests/test_explain_cli.py",
                "tests/test_module.py",
                "tests/test_contract.py",
                "tests/test_payloads.py",
                "tests/test_payload_edges.py",
                "tests/test_explain_edges.py",
                "tests/test_explain_choices.py",
                "tests/test_wordings.py",
                "tests/test_payload_shapes.py",
            ),
            slow=SUBPROCESS,
            runtime_file="explain.py",
        ),
    )
}

NO_MUTATE = "  # pragma: no mutate block"

FRESH_CACHES = """

@pytest.fixture(autouse=True)
def _fresh_module_caches() -> None:
    import acs_call_codes

    for name in ("_EXPLAINED", "_ROWS_OF_SUBCODE"):
        getattr(acs_call_codes, name, {}).clear()
    counter = getattr(acs_call_codes, "_cached_by_subcode", None)
    if counter is not None:
        counter[0] = 0
"""


def defined_names(path: Path) -> set[str]:
    """The top-level functions and classes a runtime file defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }


def all_names(path: Path) -> set[str]:
    """Every top-level name a runtime file binds below its prologue."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def header_end(lines: list[str], node: ast.stmt) -> int:
    """The index of the line holding the colon that opens a def's or class's body."""
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    index = node.body[0].lineno - 2
    while not lines[index].split("#", 1)[0].rstrip().endswith(":"):
        index -= 1
    return index


def module_mutating_only(source: str, keep: set[str]) -> str:
    """The module's text with every top-level def and class outside `keep`
    marked so that mutmut leaves it alone."""
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.name not in keep
        ):
            index = header_end(lines, node)
            assert "#" not in lines[index], lines[index]
            lines[index] += NO_MUTATE
    return "\n".join(lines) + "\n"


def stage(part: Part, folder: Path) -> None:
    """Lay out .mutmut/PART as mutmut reads a project."""
    if folder.exists():
        shutil.rmtree(folder)
    src = folder / "src"
    src.mkdir(parents=True)
    module = (ROOT / "generated" / "acs_call_codes.py").read_text(encoding="utf-8")
    only_mutate: list[str] = []
    if part.runtime_file is not None:
        runtime = ROOT / "runtime" / part.runtime_file
        module = module_mutating_only(module, defined_names(runtime))
        only_mutate.append("src/acs_call_codes.py")
        # runtime.NAME: the module's own copy of the file's names.
        (src / "runtime").mkdir()
        (src / "runtime" / "__init__.py").write_text("", encoding="utf-8")
        for path in sorted((ROOT / "runtime").glob("*.py")):
            if path.name == "__init__.py":
                continue
            names = sorted(all_names(path))
            (src / "runtime" / path.name).write_text(
                "from acs_call_codes import (  # noqa: F401\n"
                + "".join(f"    {name},\n" for name in names)
                + ")\n",
                encoding="utf-8",
            )
    (src / "acs_call_codes.py").write_text(module, encoding="utf-8")
    shutil.copytree(ROOT / "package" / "_report", src / "_report")
    only_mutate += [f"src/_report/{name}" for name in part.report_modules]
    shutil.copytree(
        ROOT / "tests", folder / "tests", ignore=shutil.ignore_patterns("__pycache__")
    )
    if part.runtime_file is not None:
        # mutmut forks each mutant's run from a process that has run the
        # tests once: the module's caches are full there, and a mutant in the
        # code that fills them would never run. Each test starts with them empty.
        with (folder / "tests" / "conftest.py").open("a", encoding="utf-8") as out:
            out.write(FRESH_CACHES)
    for name in ALSO_COPY:
        # runtime/ for the generator of the tests that make a module of their
        # own; the tests import src/runtime, the module's names, first.
        shutil.copytree(
            ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    config = {
        "source_paths": ["src"],
        "only_mutate": only_mutate,
        "also_copy": list(ALSO_COPY),
        "pytest_add_cli_args_test_selection": [
            *part.tests,
            *(f"--deselect={test}" for test in part.slow),
        ],
        "pytest_add_cli_args": [
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-W",
            "error",
        ],
        # The tests run on a machine shared with other work: a mutant's
        # tests get this many times their clean time (CPU time, doubled) before it
        # is a timeout: a mutant that loops forever costs that much.
        "timeout_multiplier": 2.0,
        "timeout_constant": 2.0,
    }
    (folder / "pyproject.toml").write_text(
        "[tool.mutmut]\n"
        + "".join(f"{key} = {json.dumps(value)}\n" for key, value in config.items())
        + "\n[tool.pytest.ini_options]\n"
        + 'testpaths = ["tests"]\n'
        + 'addopts = "-ra --strict-markers"\n',
        encoding="utf-8",
    )


def statuses(folder: Path) -> dict[str, str]:
    """Each mutant's status, as mutmut recorded it."""
    from mutmut.stats import status_by_exit_code

    found: dict[str, str] = {}
    for meta in sorted((folder / "mutants").rglob("*.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            found[name] = status_by_exit_code[code]
    return found


def changes(folder: Path, names: list[str]) -> dict[str, list[str]]:
    """Each mutant's changed lines (``-`` the original, ``+`` the mutant), read
    from the mutated files: ``mutmut show`` gives the same, a mutant a call."""
    functions: dict[Path, dict[str, str]] = {}
    found: dict[str, list[str]] = {}
    for name in names:
        module, _, mangled = name.rpartition(".")
        while not (mangled.startswith(("x_", "x\u01c1"))):
            module, _, rest = module.rpartition(".")
            mangled = f"{rest}.{mangled}"
        path = folder / "mutants" / "src" / (module.replace(".", "/") + ".py")
        if path not in functions:
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            functions[path] = {
                node.name: "\n".join(lines[node.lineno - 1 : node.end_lineno])
                for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            }
        defs = functions[path]
        original = defs.get(mangled.partition("__mutmut_")[0] + "__mutmut_orig", "")
        mutant = defs.get(mangled, "")
        found[name] = [
            line
            for line in difflib.unified_diff(
                original.splitlines()[1:], mutant.splitlines()[1:], n=0, lineterm=""
            )
            if line[:1] in "-+" and not line.startswith(("---", "+++"))
        ]
    return found


def refresh_tests(folder: Path, part: Part) -> list[str]:
    """The tests of .mutmut/PART brought up to date, for ``--again``; the
    mutants that survived the last run."""
    for target in (folder / "tests", folder / "mutants" / "tests"):
        shutil.copytree(
            ROOT / "tests",
            target,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        if part.runtime_file is not None:
            with (target / "conftest.py").open("a", encoding="utf-8") as out:
                out.write(FRESH_CACHES)
    return sorted(
        n for n, s in statuses(folder).items() if s in ("survived", "no tests")
    )


def run(part: Part, jobs: int, again: bool = False) -> str:
    folder = WORK / part.name
    names: list[str] = []
    if again and (folder / "mutants").is_dir():
        names = refresh_tests(folder, part)
    else:
        stage(part, folder)
    start = time.monotonic()
    mutmut = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.run(
        [str(mutmut), "run", "--max-children", str(jobs), *names],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - start
    (folder / "mutmut.log").write_text(process.stdout, encoding="utf-8")
    found = statuses(folder)
    killed = sorted(
        n for n, s in found.items() if s in ("killed", "timeout", "segfault")
    )
    survived = sorted(n for n, s in found.items() if n not in killed)
    lines = [
        f"{part.name}: {part.what}",
        f"  {len(killed)}/{len(found)} mutants killed"
        + (f" ({100 * len(killed) / len(found):.1f}%)" if found else "")
        + f" in {seconds:.0f} s, {jobs} worker(s); mutmut exit status {process.returncode}",
    ]
    changed = changes(folder, survived)
    for name in survived:
        lines.append(f"  {found[name]}: {name}")
        lines += [f"      {line}" for line in changed[name]]
    summary = "\n".join(lines) + "\n"
    (folder / "summary.txt").write_text(summary, encoding="utf-8")
    if process.returncode != 0 or not found:
        summary += f"  mutmut failed: see {folder / 'mutmut.log'}\n"
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tools/mutants.py",
        description="Mutation testing of three parts of the project, with mutmut.",
    )
    parser.add_argument(
        "parts",
        nargs="*",
        metavar="PART",
        help="report, payloads, explain (default: all three)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="mutants run at once (default 1)"
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="run again only the mutants that survived the last run, with the "
        "tests as they are now",
    )
    args = parser.parse_args(argv)
    names = args.parts or list(PARTS)
    unknown = [name for name in names if name not in PARTS]
    if unknown:
        parser.error(
            f"no part named {', '.join(unknown)}: choose among {', '.join(PARTS)}"
        )
    failed = False
    for name in names:
        summary = run(PARTS[name], args.jobs, args.again)
        failed |= "mutmut failed" in summary
        print(summary, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
