"""`make bench`: what acs_call_codes costs its users, measured against its peers.

    python bench/bench.py [--quick] [--sizes 50,500] [--timeout SECONDS]

Prints, as Markdown tables (docs/performance.md keeps a run of them):

1. import: the marginal cost of importing the module in a fresh process (enum,
   dataclasses, typing, collections.abc and types already imported), against
   the standard library's http (HTTPStatus), a plain module holding the same
   rows as tuples, and libyaml parsing spec/codes.yaml (CSafeLoader, parse
   only); medians of fresh processes with .pyc compiled, ratios from one run.
   Then the same on every Python 3.10-3.13 found, and where the time goes.
2. hot paths: lookup() and explain() against dict.get on the same keys.
3. scale: synthetic catalogs of growing size: generation time by stage,
   module size, import time, mypy on a consumer with an exhaustive match.
4. enum size: mypy and pyright on an exhaustive match over an enum of N
   members, the measurement behind the generator's size warning.
5. report: ``python -m acs_call_codes report``'s reading of logs of every
   shape (JSON Lines of call summaries, of callbacks, of shapes that change on
   every line; CSV; a query API response of 200 MB), plain and gzipped,
   against a bare loop that only parses the same records, with each run's
   maximum resident memory. ``--section 5`` runs this section alone.

Fresh processes run with -S: a venv's site hooks (an editable install's
finder imports pathlib and more at start-up) leave more objects for the
garbage collector to walk during every later import, which doubled the cost of
importing http in the venv; without them each contender starts from the same
state. Each then collects its garbage before the clock starts: the prelude's
imports leave the collector's counters at some point of their cycle, and a
generation-1 collection, which walks every object those imports left, falls on
whichever import crosses the next threshold. On Python 3.11 the enum floor
stopped just short of it and the module went just over (0.7 ms of its import
walking the prelude's objects); collected first, every contender starts from
empty young generations, and the collections its own objects cause still
count. Section 1 also times the module and the floor without the collection,
and the module's import with its first lookup, which makes the catalog's rows.
Nothing here is a test: timings belong to benchmarks, never to tests.
"""

from __future__ import annotations

import argparse
import ast
import json
import marshal
import os
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from synthetic import (  # noqa: E402
    CATEGORIES_SOURCE,
    SIZES,
    exhaustive_match_consumer,
    synthetic_spec,
    usage_consumer,
)

from codegen.format import format_source  # noqa: E402
from codegen.limits import ENUM_MEMBER_LIMIT  # noqa: E402
from codegen.loader import load_runtime, load_spec  # noqa: E402
from codegen.model import Catalog, build_catalog  # noqa: E402
from codegen.render import render_module  # noqa: E402
from codegen.validate import validate_spec  # noqa: E402

SPEC = ROOT / "spec" / "codes.yaml"
MODULE = ROOT / "generated" / "acs_call_codes.py"
STRAIGHTFORWARD = ROOT / "bench" / "straightforward" / "acs_call_codes.py"
#: What every marginal measurement has imported before its clock starts, and
#: the garbage collected after it (see the module's docstring).
IMPORTS = "import enum, dataclasses, typing, collections.abc, types"
PRELUDE = f"{IMPORTS}, gc; gc.collect()"
VERSIONS = ("3.10", "3.11", "3.12", "3.13")


# --- running things ------------------------------------------------------------


def _env() -> dict[str, str]:
    """The environment for child processes, without PYTHON* settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


def _python_for(version: str) -> str | None:
    """An interpreter for ``version``: this one if it matches, else pyenv's or PATH's."""
    if f"{sys.version_info[0]}.{sys.version_info[1]}" == version:
        return sys.executable
    roots = [Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"]
    for root in roots:
        for candidate in sorted(root.glob(f"{version}.*/bin/python{version}")):
            return str(candidate)
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-c", ""], capture_output=True).returncode == 0:
        return found
    return None


def _compile(python: str, folder: Path) -> None:
    """Write the .pyc files for ``folder`` with ``python`` (PYTHONDONTWRITEBYTECODE
    would otherwise leave every import compiling from source)."""
    subprocess.run(
        [python, "-m", "compileall", "-q", str(folder)], check=True, env=_env()
    )


def _run_ns(python: str, code: str) -> int:
    done = subprocess.run(
        [python, "-S", "-c", code], capture_output=True, text=True, env=_env()
    )
    if done.returncode:
        raise RuntimeError(f"{python} failed:\n{done.stderr}")
    return int(done.stdout.split()[-1])


@dataclass(frozen=True)
class Contender:
    """One thing to time in a fresh process: ``setup`` runs first, ``timed`` is timed."""

    name: str
    paths: tuple[str, ...]
    timed: str
    setup: str = ""
    prelude: str = PRELUDE

    def script(self) -> str:
        return "\n".join(
            [
                "import sys, time",
                f"sys.path[:0] = {list(self.paths)!r}",
                self.prelude,
                self.setup,
                "t0 = time.perf_counter_ns()",
                self.timed,
                "print(time.perf_counter_ns() - t0)",
            ]
        )


def time_fresh(
    python: str, contenders: Sequence[Contender], rounds: int
) -> dict[str, float]:
    """Median microseconds of each contender, over ``rounds`` fresh processes each.

    The contenders take turns within each round, so that whatever else the
    machine does falls on all of them alike.
    """
    for contender in contenders:  # a warm-up each: disk caches, first .pyc reads
        _run_ns(python, contender.script())
    samples: dict[str, list[int]] = {c.name: [] for c in contenders}
    for _ in range(rounds):
        for contender in contenders:
            samples[contender.name].append(_run_ns(python, contender.script()))
    return {name: statistics.median(ns) / 1000 for name, ns in samples.items()}


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _us(value: float) -> str:
    return f"{value:,.0f} µs" if value >= 100 else f"{value:.1f} µs"


def _seconds(value: float | None, cap: float) -> str:
    return f"> {cap:.0f} s (stopped)" if value is None else f"{value:.2f} s"


# --- 1. import -------------------------------------------------------------------


def plain_rows_module(catalog: Catalog) -> str:
    """The catalog's rows as tuples of constants: the floor for a static table."""
    reasons = [
        (
            r.code,
            r.subcode,
            catalog.subcode(r.subcode).name,
            r.message,
            r.category,
            r.advice,
        )
        for r in catalog.reasons
    ]
    codes = [(c.code, c.name, c.summary, c.message, c.advice) for c in catalog.codes]
    return (
        '"""The catalog as plain rows, for the import benchmark."""\n\n'
        f"REASONS = {tuple(reasons)!r}\n"
        f"CODES = {tuple(codes)!r}\n"
    )


def match_levels(name: str = "MatchLevel") -> list[tuple[str, object]]:
    """The members of the module's plain enum ``name`` (MatchLevel,
    WordingChoice), which the floor has too."""
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    (enum,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name]
    return [
        (n.targets[0].id, ast.literal_eval(n.value))
        for n in enum.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    ]


def enum_floor_module(catalog: Catalog) -> str:
    """The least the public API allows: the same enums as plain classes with
    the same members, and the rows as plain tuples. The import target is at
    most 1.5 times this."""
    lines = [
        '"""The enum floor, for the import benchmark."""',
        "",
        "from enum import Enum, IntEnum",
        "",
    ]
    lines.append("class ResultCategory(str, Enum):")
    lines += [f"    {c.name} = {c.value!r}" for c in catalog.categories]
    lines.append("class CodeClass(Enum):")
    lines += [f"    {k.name} = {k.description!r}" for k in catalog.code_classes]
    lines.append("class Code(IntEnum):")
    lines += [f"    {c.name} = {c.code}" for c in catalog.codes]
    lines.append("class SubCode(IntEnum):")
    lines += [f"    {s.name} = {s.subcode}" for s in catalog.subcodes]
    lines.append("class SipStatus(IntEnum):")
    lines += [f"    {s.name} = {s.code}" for s in catalog.sip_statuses] or ["    pass"]
    lines.append("class Q850Cause(IntEnum):")
    lines += [f"    {c.name} = {c.cause}" for c in catalog.q850_causes] or ["    pass"]
    lines.append("class MatchLevel(Enum):")
    lines += [f"    {name} = {value!r}" for name, value in match_levels()]
    lines.append("class WordingChoice(Enum):")
    lines += [
        f"    {name} = {value!r}" for name, value in match_levels("WordingChoice")
    ]
    reasons = tuple(
        (r.code, r.subcode, r.message, r.category, r.advice, r.sources)
        for r in catalog.reasons
    )
    codes = tuple((c.code, c.message, c.advice, c.sources) for c in catalog.codes)
    infos = tuple((i.subcode, i.message, i.sources) for i in catalog.subcode_infos)
    lines += [
        f"REASONS = {reasons!r}",
        f"CODES = {codes!r}",
        f"SUBCODES = {infos!r}",
        "",
    ]
    return "\n".join(lines)


def enums_only_module(source: str) -> str:
    """The module's imports and enum classes alone: the floor for its enums."""
    tree = ast.parse(source)
    # The enums' mixins (runtime/enums.py) come before the first enum: plain
    # classes, and the type variables their methods are annotated with.
    first_enum = next(
        i for i, node in enumerate(tree.body) if _kind(node) == "enum classes"
    )
    kept = [
        ast.get_source_segment(source, node) or ""
        for index, node in enumerate(tree.body)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        or _kind(node) == "enum classes"
        or (
            index < first_enum
            and (_is_type_var(node) or isinstance(node, (ast.ClassDef, ast.If)))
        )
    ]
    return "\n\n".join(kept) + "\n"


def import_contenders(work: Path, site_packages: str | None) -> list[Contender]:
    """The module, its straightforward predecessor, its enums alone, and the peers."""
    current, before, rows = work / "current", work / "straightforward", work / "rows"
    enums = work / "enums"
    enums.mkdir(parents=True, exist_ok=True)
    (enums / "acs_call_codes.py").write_text(
        enums_only_module(MODULE.read_text(encoding="utf-8")), encoding="utf-8"
    )
    for folder, source in ((current, MODULE), (before, STRAIGHTFORWARD)):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / "acs_call_codes.py")
    rows.mkdir(parents=True, exist_ok=True)
    doc = load_spec(SPEC)
    catalog = build_catalog(doc)
    (rows / "acs_rows.py").write_text(plain_rows_module(catalog))
    floor = work / "floor"
    floor.mkdir(parents=True, exist_ok=True)
    (floor / "acs_floor.py").write_text(enum_floor_module(catalog))
    contenders = [
        Contender("acs_call_codes", (str(current),), "import acs_call_codes"),
        Contender(
            "acs_call_codes, straightforward", (str(before),), "import acs_call_codes"
        ),
        Contender("its enum classes alone", (str(enums),), "import acs_call_codes"),
        Contender("the enum floor", (str(floor),), "import acs_floor"),
        Contender("http (HTTPStatus)", (), "import http; http.HTTPStatus"),
        Contender("plain rows as tuples", (str(rows),), "import acs_rows"),
    ]
    if site_packages:
        contenders.append(
            Contender(
                "yaml.load(spec, CSafeLoader)",
                (site_packages,),
                "yaml.load(text, Loader=yaml.CSafeLoader)",
                setup=f"import yaml; text = open({str(SPEC)!r}, encoding='utf-8').read()",
            )
        )
    return contenders


def bench_import(work: Path, rounds: int) -> None:
    site_packages = next(
        (p for p in site.getsitepackages() if (Path(p) / "yaml").is_dir()), None
    )
    contenders = import_contenders(work, site_packages)
    python = sys.executable
    _compile(python, work)
    by_name = {c.name: c for c in contenders}
    current, floor = by_name["acs_call_codes"], by_name["the enum floor"]
    uncollected = [
        Contender(f"{c.name}, not collected first", c.paths, c.timed, prelude=IMPORTS)
        for c in (current, floor)
    ]
    first_use = Contender(
        "acs_call_codes and its first lookup (the rows made)",
        current.paths,
        "import acs_call_codes; acs_call_codes.lookup(0, 0)",
    )
    cold = [
        Contender("acs_call_codes, nothing imported", c.paths, c.timed, prelude="")
        for c in contenders[:1]
    ] + [
        Contender(
            "http, nothing imported", (), "import http; http.HTTPStatus", prelude=""
        )
    ]
    medians = time_fresh(python, [*contenders, *uncollected, first_use, *cold], rounds)
    ours = medians["acs_call_codes"]
    version = ".".join(map(str, sys.version_info[:3]))
    print(
        f"\n## 1. Import: marginal cost (Python {version}, median of {rounds} fresh processes)\n"
    )
    print(
        _table(
            ["contender", "median", "acs_call_codes / contender"],
            [
                (name, _us(value), f"{ours / value:.2f}")
                for name, value in medians.items()
            ],
        )
    )
    print(
        "\nTargets: acs_call_codes / http at most 1.5; acs_call_codes / yaml at most 1.0 "
        "(cheaper than parsing).\n'nothing imported' rows start from a bare "
        "interpreter: they include importing enum, dataclasses and typing."
    )


def bench_import_versions(work: Path, rounds: int) -> None:
    rows = []
    for version in VERSIONS:
        python = _python_for(version)
        if python is None:
            rows.append((version, "not found", "", "", "", ""))
            continue
        _compile(python, work)
        check = subprocess.run(
            [
                python,
                str(ROOT / "tests" / "dataclass_equivalence.py"),
                str(work / "current"),
            ],
            capture_output=True,
            text=True,
            env=_env(),
        )
        if check.returncode:
            raise RuntimeError(f"the module misbehaves on {python}:\n{check.stderr}")
        contenders = import_contenders(work, None)
        medians = time_fresh(python, contenders, rounds)
        ours, floor, http = (
            medians["acs_call_codes"],
            medians["the enum floor"],
            medians["http (HTTPStatus)"],
        )
        rows.append(
            (
                version,
                _us(ours),
                _us(floor),
                _us(http),
                f"{ours / floor:.2f}",
                f"{ours / http:.2f}",
            )
        )
    print(
        f"\n### Every supported Python (median of {rounds}; dataclass checks passed on each)\n"
    )
    print(
        _table(
            [
                "python",
                "acs_call_codes",
                "enum floor",
                "http",
                "ours / floor (target 1.5 on 3.11 and 3.13)",
                "ours / http",
            ],
            rows,
        )
    )


_BREAKDOWN_CHILD = """
import sys, marshal, time
{prelude}
items = marshal.loads(open({path!r}, "rb").read())
namespace = {{"__name__": "acs_call_codes"}}
sys.modules["acs_call_codes"] = type(sys)("acs_call_codes")
namespace = sys.modules["acs_call_codes"].__dict__
out = []
for label, code in items:
    t0 = time.perf_counter_ns()
    exec(code, namespace)
    out.append(time.perf_counter_ns() - t0)
print(" ".join(map(str, out)))
"""


def _is_type_var(node: ast.stmt) -> bool:
    """``_Member = TypeVar(...)``: the enums' methods are annotated with these."""
    return (
        isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "TypeVar"
    )


def _kind(node: ast.stmt) -> str:
    if isinstance(node, ast.ClassDef):
        bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
        if bases & {"Enum", "IntEnum"}:
            return "enum classes"
        if node.decorator_list:
            return "dataclasses"
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return "imports"
    if isinstance(node, (ast.FunctionDef, ast.Expr)):
        return "functions, docstring"
    return "tables and constants"


def bench_breakdown(work: Path, rounds: int) -> None:
    """Each top-level statement of the module, timed on its own in fresh processes."""
    source = MODULE.read_text(encoding="utf-8")
    tree = ast.parse(source)
    items = []
    kinds = []
    for node in tree.body:
        label = (ast.get_source_segment(source, node) or "").splitlines()[0][:60]
        module = ast.Module(body=[node], type_ignores=[])
        # Compiled with this file's flags: the module postpones annotations too.
        items.append((label, compile(module, str(MODULE), "exec")))
        kinds.append(_kind(node))
    path = work / "statements.marshal"
    path.write_bytes(marshal.dumps(items))
    child = _BREAKDOWN_CHILD.format(prelude=PRELUDE, path=str(path))
    runs = []
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-S", "-c", child],
            capture_output=True,
            text=True,
            env=_env(),
        )
        runs.append([int(x) for x in done.stdout.split()])
    medians = [
        statistics.median(run[i] for run in runs) / 1000 for i in range(len(items))
    ]
    by_kind: dict[str, float] = {}
    for kind, value in zip(kinds, medians, strict=True):
        by_kind[kind] = by_kind.get(kind, 0.0) + value
    total = sum(medians)
    print(
        f"\n### Where the import time goes (statements run one by one, median of {rounds})\n"
    )
    print(
        _table(
            ["part", "time", "share"],
            [
                (k, _us(v), f"{v / total:.0%}")
                for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])
            ]
            + [("total (without finding and reading the .pyc)", _us(total), "")],
        )
    )
    print()
    print(
        _table(
            ["statement", "time"],
            [
                (f"`{label}`", _us(v))
                for (label, _), v in zip(items, medians, strict=True)
                if v >= 20
            ],
        )
    )


# --- 2. hot paths ------------------------------------------------------------------


def bench_hot_paths(work: Path, rounds: int) -> None:
    rows = []
    for version in VERSIONS:
        python = _python_for(version)
        if python is None:
            continue
        for label, folder in (
            ("", work / "current"),
            ("straightforward", work / "straightforward"),
        ):
            done = subprocess.run(
                [
                    python,
                    "-S",
                    str(ROOT / "bench" / "hot_paths.py"),
                    str(folder),
                    "--rounds",
                    str(rounds),
                ],
                capture_output=True,
                text=True,
                env=_env(),
                check=True,
            )
            result = json.loads(done.stdout)
            rows.append(
                (
                    f"{version} {label}".strip(),
                    f"{result['dict.get']['ns']:.0f} ns",
                    f"{result['lookup']['ns']:.0f} ns ({result['lookup']['ratio']:.2f}x)",
                    f"{result['explain']['ns']:.0f} ns ({result['explain']['ratio']:.2f}x)",
                    f"{result['lookup, misses']['ratio']:.2f}x",
                    f"{result['explain, undocumented']['ns']:,.0f} ns",
                    f"{result['explain, by subcode']['ns']:,.0f} ns",
                    f"{result['explain, by rule']['ns']:,.0f} ns",
                    f"{result['explain, several wordings']['ns']:.0f} ns / "
                    f"{result['explain, one wording']['ns']:.0f} ns "
                    f"({result['explain, several wordings']['ratio'] / result['explain, one wording']['ratio']:.2f}x)",
                )
            )
    print(
        f"\n## 2. Hot paths: per call, and ratio to dict.get (median of {rounds} rounds)\n"
    )
    print(
        _table(
            [
                "python",
                "dict.get",
                "lookup",
                "explain",
                "lookup, misses",
                "explain, undocumented",
                "explain, by subcode",
                "explain, by rule",
                "explain, several wordings / one",
            ],
            rows,
        )
    )
    print(
        "\nKeys: every documented pair as plain ints; dict.get is a bound `get` of a plain "
        "dict with the same keys. 'misses' and 'undocumented' use pairs the catalog lacks.\n"
        "'by subcode' and 'by rule' are pairs explain answers by its subcode and rule rungs\n"
        "(200/7000, 400/8535, 500/560503...); 'straightforward' rows are the module\n"
        "without those rungs, which answers the same pairs by their code.\n"
        "'several wordings / one' is explain on documented pairs the documents word\n"
        "several times (one row per callback event) against pairs worded once, and\n"
        "their ratio.\n"
        "Targets: lookup at most 1.3x, explain at most 3x, several wordings within 1.1x of one."
    )


# --- 3. generation and scale --------------------------------------------------------


def bench_generate(rounds: int) -> None:
    """`make generate` on the real catalog with the venv present: the whole command, and the
    part of it that is only starting Python and importing the generator."""
    command = [sys.executable, "-m", "codegen", "generate", "--check"]
    whole, start_up = [], []
    for _ in range(rounds):
        clock = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=_env())
        whole.append(time.perf_counter() - clock)
        clock = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import codegen.cli"],
            cwd=ROOT,
            check=True,
            env=_env(),
        )
        start_up.append(time.perf_counter() - clock)
    print(
        f"\n## 3. Generation\n\n`python -m codegen generate --check` on the real catalog, median of {rounds}:"
    )
    print(
        f"{statistics.median(whole):.2f} s, of which {statistics.median(start_up):.2f} s "
        "start Python and import the generator (black, jsonschema, jinja2, yaml). "
        "The stages themselves are the 'real catalog' row below."
    )


def _stage_times(spec: Path, out_name: str) -> tuple[dict[str, float], str]:
    """Each stage of the generator, run once on ``spec`` as `make generate` would."""
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = now - clock
        clock = now

    doc = load_spec(spec)
    runtime = load_runtime()
    lap("load")
    problems = validate_spec(doc)
    lap("validate")
    catalog = build_catalog(doc)
    lap("model")
    raw = render_module(catalog, runtime, spec.name, out_name)
    lap("render")
    source = format_source(raw)
    lap("format (black)")
    assert not problems, problems
    return times, source


def _mypy_seconds(folder: Path, target: str, timeout: float) -> float | None:
    mypy = Path(sys.executable).parent / "mypy"
    env = _env() | {"MYPYPATH": str(folder)}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [
                str(mypy),
                "--strict",
                "--no-incremental",
                "--cache-dir",
                os.devnull,
                target,
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        raise RuntimeError(f"mypy failed on {folder / target}:\n{done.stdout}")
    return time.perf_counter() - start


def bench_scale(work: Path, sizes: Sequence[int], rounds: int, timeout: float) -> None:
    rows = []
    per_entry = []
    capped = False
    cases: list[tuple[str, Path]] = [("real catalog", SPEC)]
    for n in sizes:
        folder = work / f"scale{n}"
        folder.mkdir(parents=True, exist_ok=True)
        spec = folder / "codes.yaml"
        spec.write_text(synthetic_spec(n), encoding="utf-8")
        cases.append((f"{n:,}", spec))
    for label, spec in cases:
        folder = work / f"scale-{label.replace(',', '')}"
        folder.mkdir(parents=True, exist_ok=True)
        times, source = _stage_times(spec, "acs_call_codes.py")
        module = folder / "acs_call_codes.py"
        module.write_text(source, encoding="utf-8")
        _compile(sys.executable, folder)
        imported = time_fresh(
            sys.executable,
            [Contender("import", (str(folder),), "import acs_call_codes")],
            rounds,
        )["import"]
        catalog = build_catalog(load_spec(spec))
        names = [s.name for s in catalog.subcodes]
        (folder / "consumer.py").write_text(
            exhaustive_match_consumer(names), encoding="utf-8"
        )
        # The exhaustive match grows faster than the catalog: once a size hits the
        # cap, the bigger ones would only wait out the cap too.
        skipped = capped
        checked = None if capped else _mypy_seconds(folder, "consumer.py", timeout)
        capped = checked is None
        generation = sum(times.values())
        entries = len(catalog.reasons)
        per_entry.append((label, entries, generation, imported))
        rows.append(
            (
                label,
                f"{entries:,}",
                f"{generation:.2f} s",
                " / ".join(
                    f"{times[k]:.2f}"
                    for k in ("load", "validate", "model", "render", "format (black)")
                ),
                f"{len(source.encode()) / 1024:,.0f} KiB, {source.count(chr(10)):,} lines",
                _us(imported),
                (
                    "not run (a smaller catalog passed the cap)"
                    if skipped
                    else _seconds(checked, timeout)
                ),
            )
        )
    print(
        f"\n### Scale (import: median of {rounds} fresh processes; mypy capped at {timeout:.0f} s)\n"
    )
    print(
        _table(
            [
                "catalog",
                "reasons = SubCode members",
                "generation",
                "load / validate / model / render / black (s)",
                "module",
                "import",
                "mypy, exhaustive match",
            ],
            rows,
        )
    )
    print(
        "\nGrowth per entry (generation and import divided by the number of reasons):\n"
    )
    print(
        _table(
            ["catalog", "generation per entry", "import per entry"],
            [
                (label, f"{g / n * 1e3:.2f} ms", f"{i / n:.1f} µs")
                for label, n, g, i in per_entry
            ],
        )
    )


# --- 4. enum size ---------------------------------------------------------------------


def _pyright_seconds(folder: Path, target: str, timeout: float) -> str:
    pyright = Path(sys.executable).parent / "pyright"
    if not pyright.exists():
        return "not installed"
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(pyright), target],
            cwd=folder,
            capture_output=True,
            text=True,
            env=_env(),
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (stopped)"
    took = time.perf_counter() - start
    return f"{took:.2f} s" + ("" if done.returncode == 0 else " (gave up: too complex)")


def bench_enum_size(work: Path, sizes: Sequence[int], timeout: float) -> None:
    rows = []
    for n in sizes:
        folder = work / f"enum{n}"
        folder.mkdir(parents=True, exist_ok=True)
        names = [f"SUBCODE_{i}" for i in range(n)]
        members = "".join(f"    {name} = {i}\n" for i, name in enumerate(names))
        (folder / "acs_call_codes.py").write_text(
            "from enum import Enum, IntEnum\n\n\n"
            f"{CATEGORIES_SOURCE}\n\nclass SubCode(IntEnum):\n{members}"
        )
        (folder / "exhaustive.py").write_text(exhaustive_match_consumer(names))
        (folder / "usage.py").write_text(usage_consumer(names))
        rows.append(
            (
                f"{n:,}",
                _seconds(_mypy_seconds(folder, "usage.py", timeout), timeout),
                _pyright_seconds(folder, "usage.py", timeout),
                _seconds(_mypy_seconds(folder, "exhaustive.py", timeout), timeout),
                _pyright_seconds(folder, "exhaustive.py", timeout),
            )
        )
    print(
        "\n## 4. Enum size: type checkers on two consumers of an N-member SubCode "
        f"(capped at {timeout:.0f} s)\n"
    )
    print(
        _table(
            [
                "members",
                "uses it: mypy --strict",
                "uses it: pyright",
                "matches over it: mypy --strict",
                "matches over it: pyright",
            ],
            rows,
        )
    )
    print(
        "\n'uses it': a file that uses SubCode members and matches exhaustively over "
        "ResultCategory, as most code does. 'matches over it': one exhaustive match "
        f"over every SubCode member. The generator warns past {ENUM_MEMBER_LIMIT:,} "
        "members (codegen/limits.py); times include each checker's start-up."
    )


# --- 5. the report over logs --------------------------------------------------------


def bench_report(work: Path, records: int, query_rows: int, rounds: int) -> None:
    """``report``'s reading of logs of every shape, plain and gzipped, against a
    bare loop that only parses the same records; each run in a fresh process
    (bench/report_once.py), which also gives its maximum resident memory. The
    bare loop and the report take turns, so that a ratio is of one run."""
    import gzip
    import shutil

    import logs

    rows = []
    for shape in logs.SHAPES:
        n = query_rows if shape == "query" else records
        plain = work / f"calls.{shape}"
        with plain.open("w", encoding="utf-8", newline="") as out:
            logs.write(out, n, shape)
        packed = work / f"calls.{shape}.gz"
        with plain.open("rb") as source, gzip.open(packed, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        for path in (plain, packed):
            best: dict[str, tuple[float, int]] = {}
            for _ in range(rounds):
                for mode in ("bare", "report"):
                    seconds, rss = _report_once(mode, shape, path)
                    if mode not in best or seconds < best[mode][0]:
                        best[mode] = (seconds, max(rss, best.get(mode, (0, 0))[1]))
            (bare, bare_rss), (report, report_rss) = best["bare"], best["report"]
            rows.append(
                (
                    shape + (" (gzip)" if path is packed else ""),
                    f"{n:,}",
                    f"{path.stat().st_size / 1e6:,.1f} MB",
                    f"{bare:.2f} s",
                    f"{report:.2f} s",
                    f"{report / bare:.2f}x",
                    f"{bare_rss / 1024:,.0f} MB",
                    f"{report_rss / 1024:,.0f} MB",
                )
            )
        plain.unlink()
        packed.unlink()
    print(f"\n## 5. report over logs of every shape (best of {rounds})\n")
    header = ["log", "records", "size", "bare loop", "report", "ratio"]
    print(_table([*header, "bare max RSS", "report max RSS"], rows))
    print(
        "\nbench/logs.py writes the logs: ACSCallSummary rows as JSON Lines "
        "(summary), Call Automation callbacks of five event types, three in five "
        "without a result (callbacks), JSON Lines whose shape changes on every "
        "line (mixed), ACSCallSummary as the portal's CSV export (csv) and as a "
        "query API response (query). The bare loop parses each record and keeps "
        "nothing (json.loads a line; csv.reader; json.load and a loop over the "
        "rows, holding the document). Each run is a process of its own "
        "(bench/report_once.py), the two taking turns; times are processor "
        "time (user and system), which waiting for a shared core does not add to. Target: report at most "
        "1.5x, in flat memory."
    )


def _report_once(mode: str, shape: str, path: Path) -> tuple[float, int]:
    """Seconds and maximum resident memory (KB) of one read, in a fresh process."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "report_once.py"),
            mode,
            shape,
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, rss = done.stdout.split()
    return float(seconds), int(rss)


# --- main -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds and sizes")
    parser.add_argument(
        "--sizes", help="comma-separated catalog sizes for the scale table"
    )
    parser.add_argument(
        "--timeout", type=float, help="cap on each type checker run, in seconds"
    )
    parser.add_argument(
        "--section",
        type=int,
        choices=range(1, 6),
        help="run one section only (5: the report over logs)",
    )
    args = parser.parse_args(argv)
    quick: bool = args.quick
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([50, 500] if quick else list(SIZES))
    )
    timeout = args.timeout or (30.0 if quick else 60.0)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="acs-bench-") as tmp:
        work = Path(tmp)
        print("# acs_call_codes benchmark" + (" (--quick)" if quick else ""))
        section = args.section
        if section in (None, 1):
            bench_import(work, 11 if quick else 41)
            bench_import_versions(work, 5 if quick else 15)
            bench_breakdown(work, 5 if quick else 15)
        if section in (None, 2):
            if section == 2:  # the modules section 1 would have laid out
                import_contenders(work, None)
            bench_hot_paths(work, 5 if quick else 25)
        if section in (None, 3):
            bench_generate(3 if quick else 7)
            bench_scale(work, sizes, 3 if quick else 7, timeout)
        if section in (None, 4):
            bench_enum_size(
                work, [64, 256] if quick else [128, 256, 512, 1024, 2048, 4096], timeout
            )
        if section in (None, 5):
            bench_report(
                work,
                20_000 if quick else 200_000,
                20_000 if quick else 450_000,
                1 if quick else 3,
            )
    print(f"\nBenchmark ran in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
