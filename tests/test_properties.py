"""Properties no table can enumerate.

- Every valid catalog, whatever its text, gives a module that compiles, imports
  and holds every field exactly; and its text cannot change the module's code:
  the module's syntax tree, strings aside, is the same as for plain text. The
  catalogs have one source or several (with a precedence, entries that prefer
  a source and other sources' wording under variants), reasons with and
  without a category, subcodes explained whatever their code, subcode rules.
- Every mutation of the real spec gives exit status 0 or 1, never a traceback;
  every message is a located ``error:`` line; a failed run leaves the output
  file byte for byte as it was.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import sys
import tempfile
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from codegen.cli import main
from codegen.format import format_source
from codegen.loader import load_runtime, parse_spec
from codegen.model import build_catalog
from codegen.render import render_module
from codegen.validate import validate_spec

ROOT = Path(__file__).resolve().parents[1]
REAL_SPEC = (ROOT / "spec" / "codes.yaml").read_text(encoding="utf-8")
RUNTIME = load_runtime()

PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- valid catalogs --------------------------------------------------------------

#: Pieces of text that have broken generators: quotes that end literals, escapes,
#: template syntax, characters Python or YAML treat as line ends, invisible ones.
HOSTILE = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\x00",
    "{{ x }}",
    "{% raw %}",
    "{# c #}",
    "\x00",
    "\u2028",
    "\u2029",
    "\u202e",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n\n- ",
    "\x85",
    "\x0c",
    "\ufeff",
    "\U0001f600",
    "#",
    "__import__('os')._exit(3)",
    '");__import__("os")._exit(3)#',
]

_chars = st.characters(exclude_categories=["Cs"])
texts = (
    st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(_chars, max_size=10)),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda s: re.search(r"\S", s) is not None)
)
names = st.from_regex(r"[A-Z][A-Z0-9_]{0,12}", fullmatch=True)
words = st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True)
codes = st.one_of(st.just(0), st.integers(100, 699))
SOURCE_IDS = ["doc", "other-doc", "third2"]
dates = st.sampled_from(["2024-10-15", "2023-02-28", "2024-02-29"])
urls = st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9._-]{0,8}", fullmatch=True)


def _entry_sources(
    draw: st.DrawFn, row: dict[str, Any], ranked: list[str], variant: dict[str, Any]
) -> None:
    """Give ``row`` its sources (``ranked`` is every source id, first first):
    with one source, unsaid or named; with several, one or more of them, maybe
    a ``prefer``, maybe another source's wording (``variant``) under
    ``variants``."""
    if len(ranked) == 1:
        if draw(st.booleans()):
            row["sources"] = list(ranked)
        return
    listed = draw(st.lists(st.sampled_from(ranked), min_size=1, unique=True))
    row["sources"] = listed
    if len(listed) > 1 and draw(st.booleans()):
        row["prefer"] = draw(st.sampled_from(listed))
    if len(listed) > 1 and draw(st.booleans()):
        said = row.get("prefer", min(listed, key=ranked.index))
        other = draw(st.sampled_from([s for s in listed if s != said]))
        # A variant must say something else than the entry.
        if variant["message"].split() != row["message"].split():
            row["variants"] = {other: variant}


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid catalog as plain data, every text drawn from ``texts``."""
    ids = draw(st.lists(st.sampled_from(SOURCE_IDS), min_size=1, unique=True))
    titles = draw(st.lists(texts, min_size=len(ids), max_size=len(ids), unique=True))
    sources = []
    for source_id, title in zip(ids, titles, strict=True):
        source: dict[str, Any] = {
            "id": source_id,
            "title": title,
            "date": draw(dates),
        }
        if draw(st.booleans()):
            source["url"] = draw(urls)
        sources.append(source)
    precedence = draw(st.lists(st.sampled_from(ids), unique=True))
    # The order the sources rank in, as the spec describes it.
    ranked = precedence + sorted(set(ids) - set(precedence))

    spellings = draw(st.lists(words, min_size=1, max_size=6, unique=True))
    split = sorted(
        draw(st.sets(st.integers(1, len(spellings) - 1), max_size=3))
        if len(spellings) > 1
        else set()
    )
    groups = [
        spellings[a:b]
        for a, b in zip([0, *split], [*split, len(spellings)], strict=True)
    ]
    category_names = draw(
        st.lists(names, min_size=len(groups), max_size=len(groups), unique=True)
    )
    categories = []
    for name, group in zip(category_names, groups, strict=True):
        row: dict[str, Any] = {
            "name": name,
            "value": group[0],
            "description": draw(texts),
        }
        if len(group) > 1 or draw(st.booleans()):
            row["aliases"] = list(group[1:])
        categories.append(row)

    bounds = sorted(draw(st.sets(st.integers(100, 699), min_size=2, max_size=6)))
    spans = list(zip(bounds[::2], bounds[1::2], strict=False))
    class_names = draw(
        st.lists(names, min_size=len(spans), max_size=len(spans), unique=True)
    )
    class_texts = draw(
        st.lists(texts, min_size=len(spans), max_size=len(spans), unique=True)
    )
    code_classes = [
        {"name": name, "first": first, "last": last, "description": text}
        for name, (first, last), text in zip(
            class_names, spans, class_texts, strict=True
        )
    ]

    code_values = draw(st.lists(codes, min_size=1, max_size=5, unique=True))
    code_names = draw(
        st.lists(
            names, min_size=len(code_values), max_size=len(code_values), unique=True
        )
    )
    code_rows = []
    for code, name in zip(code_values, code_names, strict=True):
        row = {"code": code, "name": name, "summary": draw(texts)}
        if draw(st.booleans()):
            row["message"] = draw(texts)
            if draw(st.booleans()):
                row["advice"] = draw(texts)
            _entry_sources(draw, row, ranked, {"message": draw(texts)})
        code_rows.append(row)

    subcodes = draw(
        st.lists(st.integers(0, 2**40), min_size=1, max_size=4, unique=True)
    )
    subcode_names = draw(
        st.lists(names, min_size=len(subcodes), max_size=len(subcodes), unique=True)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(code_values), st.sampled_from(subcodes)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    reasons = []
    for code, subcode in pairs:
        row = {
            "code": code,
            "subcode": subcode,
            "name": subcode_names[subcodes.index(subcode)],
            "message": draw(texts),
        }
        # A document may give no category (the PSTN tables).
        if draw(st.integers(0, 3)):
            row["result_category"] = draw(st.sampled_from(spellings))
        if draw(st.booleans()):
            row["advice"] = draw(texts)
        _entry_sources(draw, row, ranked, {"message": draw(texts)})
        reasons.append(row)

    # Subcodes explained whatever their code: some with rows, some without.
    generic_values = draw(
        st.lists(
            st.one_of(st.sampled_from(subcodes), st.integers(0, 2**40)),
            max_size=3,
            unique=True,
        )
    )
    taken = set(subcode_names)
    generic = []
    for subcode in generic_values:
        if subcode in subcodes:
            name = subcode_names[subcodes.index(subcode)]
        else:
            name = draw(names.filter(lambda n: n not in taken))
            taken.add(name)
        row = {"subcode": subcode, "name": name, "message": draw(texts)}
        _entry_sources(draw, row, ranked, {"message": draw(texts)})
        generic.append(row)

    # Rules for ranges of subcodes, as many digits each, so that none overlap.
    digits = draw(st.integers(1, 4))
    prefixes = draw(st.lists(st.integers(1, 9999), max_size=2, unique=True))
    rule_names = draw(
        st.lists(names, min_size=len(prefixes), max_size=len(prefixes), unique=True)
    )
    rules = []
    for prefix, name in zip(prefixes, rule_names, strict=True):
        rule: dict[str, Any] = {
            "name": name,
            "prefix": prefix,
            "digits": digits,
            "reads": "sip_status",
        }
        if draw(st.booleans()):
            rule["direction"] = draw(st.sampled_from(["inbound", "outbound"]))
        rule["message"] = draw(texts)
        if draw(st.booleans()):
            rule["advice"] = draw(texts)
        if len(ids) > 1 or draw(st.booleans()):
            rule["sources"] = draw(
                st.lists(st.sampled_from(ids), min_size=1, unique=True)
            )
        rules.append(rule)

    data: dict[str, Any] = {"sources": sources}
    if precedence:
        data["precedence"] = precedence
    data |= {
        "result_categories": categories,
        "code_classes": code_classes,
        "codes": code_rows,
        "reasons": reasons,
    }
    if generic:
        data["subcodes"] = generic
    if rules:
        data["subcode_rules"] = rules
    return data


def expected_sources(data: dict[str, Any], row: dict[str, Any]) -> tuple[str, ...]:
    """An entry's sources as the module gives them: the one whose words it says
    (its ``prefer``, else the first by precedence), then the others by rank."""
    ids = [s["id"] for s in data["sources"]]
    listed = [i for i in data.get("precedence", []) if i in ids]
    ranked = listed + sorted(set(ids) - set(listed))
    if "sources" not in row:
        return tuple(ids) if len(ids) == 1 and "message" in row else ()
    named = sorted(row["sources"], key=ranked.index)
    said = row.get("prefer", named[0])
    return (said, *(s for s in named if s != said))


class _QuotingDumper(yaml.SafeDumper):
    """Double-quotes every string: PyYAML's other styles lose some characters
    (a NEL in a single-quoted scalar comes back as a space)."""


_QuotingDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style='"'
    ),
)


def to_yaml(data: dict[str, Any]) -> bytes:
    text = yaml.dump(
        data,
        Dumper=_QuotingDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**9,
    )
    return text.encode("utf-8")


def generate(data: dict[str, Any], *, formatted: bool = True) -> str:
    """The module for ``data``, through every stage of the pipeline; without
    ``formatted``, as rendered, before black. Black changes layout only (it
    checks that the AST stays the same), so the properties hold either way, and
    black is most of the time a random catalog takes."""
    doc = parse_spec(to_yaml(data), "spec.yaml")
    assert doc.data == data
    assert [str(d) for d in validate_spec(doc)] == []
    catalog = build_catalog(doc)
    source = render_module(catalog, RUNTIME, "spec.yaml", "make generate")
    return format_source(source) if formatted else source


def import_source(source: str) -> types.ModuleType:
    """``source`` run as a fresh module, registered only while it runs."""
    name = "_generated_for_test"
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


def normalized(text: str) -> str:
    return " ".join(text.split())


def attribute_docs(source: str, class_name: str) -> dict[str, str]:
    """The docstring under each member of ``class_name``, as Python reads it."""
    tree = ast.parse(source)
    (node,) = [
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name
    ]
    docs: dict[str, str] = {}
    for stmt, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[stmt.targets[0].id] = after.value.value
    return docs


def check_round_trip(data: dict[str, Any], source: str) -> None:
    """Every field of ``data`` is in the module: exactly where the module holds it
    as data, whitespace aside where only a docstring shows it."""
    module = import_source(source)
    ids = [s["id"] for s in data["sources"]]
    listed = [i for i in data.get("precedence", []) if i in ids]
    ranked = listed + sorted(set(ids) - set(listed))
    by_id = {s["id"]: s for s in data["sources"]}
    assert list(module.SOURCES) == ranked
    for source_id, found in module.SOURCES.items():
        row = by_id[source_id]
        assert (found.id, found.title, found.date, found.url) == (
            row["id"],
            row["title"],
            row["date"],
            row.get("url"),
        )
    assert module.SOURCE_DOCUMENT == by_id[ranked[0]]["title"]
    assert module.SOURCE_DATE == by_id[ranked[0]]["date"]

    categories = data["result_categories"]
    assert [(c.name, c.value) for c in module.ResultCategory] == [
        (c["name"], c["value"]) for c in categories
    ]
    category_docs = attribute_docs(source, "ResultCategory")
    category_of = {}
    for row in categories:
        assert normalized(category_docs[row["name"]]) == normalized(row["description"])
        for spelling in [row["value"], *row.get("aliases", [])]:
            assert module.ResultCategory(spelling).name == row["name"]
            category_of[spelling] = row["name"]

    classes = sorted(data["code_classes"], key=lambda k: k["first"])
    assert [(k.name, k.value) for k in module.CodeClass] == [
        (k["name"], k["description"]) for k in classes
    ]
    for row in classes:
        span = module.CODE_CLASS_RANGES[module.CodeClass[row["name"]]]
        assert (span.start, span.stop - 1) == (row["first"], row["last"])

    rows = sorted(data["codes"], key=lambda c: c["code"])
    assert [(c.name, c.value) for c in module.Code] == [
        (c["name"], c["code"]) for c in rows
    ]
    code_docs = attribute_docs(source, "Code")
    for row in rows:
        shown = row.get("message", row["summary"])
        assert normalized(code_docs[row["name"]]) == normalized(shown)
        info = module.CODE_INFO.get(row["code"])
        if "message" in row:
            assert (info.message, info.advice) == (row["message"], row.get("advice"))
            assert info.sources == expected_sources(data, row)
        else:
            assert info is None

    reasons = data["reasons"]
    generic = data.get("subcodes", [])
    assert sorted((s.name, s.value) for s in module.SubCode) == sorted(
        {(r["name"], r["subcode"]) for r in [*reasons, *generic]}
    )
    assert len(module.CALL_END_REASONS) == len(reasons)
    subcode_docs = attribute_docs(source, "SubCode")
    for row in reasons:
        reason = module.lookup(row["code"], row["subcode"])
        assert reason.message == row["message"]
        assert reason.advice == row.get("advice")
        if "result_category" in row:
            assert reason.result_category.name == category_of[row["result_category"]]
        else:
            assert reason.result_category is None
            assert (reason.is_success, reason.is_error, reason.is_unexpected) == (
                None,
                None,
                None,
            )
        assert reason.sources == expected_sources(data, row)
        assert normalized(row["message"]) in normalized(subcode_docs[row["name"]])

    assert sorted(module.SUBCODE_INFO) == sorted(r["subcode"] for r in generic)
    for row in generic:
        info = module.SUBCODE_INFO[row["subcode"]]
        assert (info.subcode.name, info.message) == (row["name"], row["message"])
        assert info.sources == expected_sources(data, row)
        assert normalized(row["message"]) in normalized(subcode_docs[row["name"]])

    rules = sorted(data.get("subcode_rules", []), key=lambda r: r["prefix"])
    assert [r.name for r in module.SUBCODE_RULES] == [r["name"] for r in rules]
    for row, rule in zip(rules, module.SUBCODE_RULES, strict=True):
        first = int(f"{row['prefix']}{'0' * row['digits']}")
        last = int(f"{row['prefix']}{'9' * row['digits']}")
        assert (rule.prefix, rule.digits, rule.first, rule.last) == (
            row["prefix"],
            row["digits"],
            first,
            last,
        )
        assert (rule.reads, rule.direction) == (row["reads"], row.get("direction"))
        assert (rule.message, rule.advice) == (row["message"], row.get("advice"))
        assert rule.sources == expected_sources(data, row)
        assert (rule.read(first), rule.read(last + 1)) == (0, None)


def skeleton(source: str) -> str:
    """The module's syntax tree with every string emptied: its code, not its text."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


def plain_texts(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every free text replaced by a distinct plain word."""
    counter = iter(range(10**6))
    free = {"title", "description", "summary", "message", "advice"}

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if key in free:
            return f"text{next(counter)}"
        return value

    result: dict[str, Any] = walk(data)
    return result


@PROPERTY_SETTINGS
@given(catalogs())
def test_valid_catalogs_round_trip_and_inject_nothing(data: dict[str, Any]) -> None:
    source = generate(data, formatted=False)
    check_round_trip(data, source)
    assert skeleton(source) == skeleton(generate(plain_texts(data), formatted=False))


def test_hostile_strings_survive_exactly() -> None:
    """Each hostile piece on its own, and a 20,000-character message."""
    long_message = ("Call ended 😀 " * 2000)[:19_999] + "."
    assert len(long_message) == 20_000
    # A text must have something visible; blank pieces get letters around them.
    pieces = [p if re.search(r"\S", p) else f"a{p}b" for p in HOSTILE]
    hostile = [*pieces, long_message, "ends with a backslash\\", '"quoted"']
    data: dict[str, Any] = {
        "sources": [{"id": "doc", "title": '"""Title\\"""', "date": "2024-10-15"}],
        "result_categories": [
            {"name": "SUCCESS", "value": "Success", "description": "{{ d }}\u202e"}
        ],
        "code_classes": [
            {"name": "C", "first": 400, "last": 499, "description": "'''\r\n"}
        ],
        "codes": [
            {
                "code": 400 + i,
                "name": f"CODE_{i}",
                "summary": text,
                "message": text,
                "advice": text,
            }
            for i, text in enumerate(hostile)
        ],
        "reasons": [
            {
                "code": 400 + i,
                "subcode": i,
                "name": f"SUB_{i}",
                "message": text,
                "result_category": "Success",
                "advice": text[::-1],
            }
            for i, text in enumerate(hostile)
        ],
    }
    source = generate(data)
    check_round_trip(data, source)
    module = import_source(source)
    assert module.lookup(400 + len(HOSTILE), len(HOSTILE)).message == long_message
    assert skeleton(source) == skeleton(generate(plain_texts(data)))


# --- mutations of the real spec --------------------------------------------------

_LINE = re.compile(r"^spec\.yaml(?::\d+:\d+)?: error: \S.*$")
_WARNING = re.compile(r"^spec\.yaml: warning: \S.*$")
_COUNT = re.compile(r"^(\d+) errors?; out\.py left as it was$")


@dataclass
class Mutation:
    """One edit of the real spec's text, described for the failure report."""

    text: str = field(repr=False)
    steps: list[str] = field(default_factory=list)


#: Replacements that aim at the catalog's rules, as text a person might type.
SNIPPETS = [
    "",
    " ",
    "\t",
    "\n",
    "~",
    "null",
    "true",
    "NO",
    "4507.0",
    "-1",
    "700",
    "010",
    "1:30",
    '"4507"',
    "2024-10-15",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "&a x",
    "*a",
    "<<: *a",
    "!!python/name:os.system",
    "!!binary aGk=",
    "? [a]",
    "- ",
    ": ",
    "'",
    '"',
    "\\",
    "#",
    "---",
    "...",
    "%YAML 1.1",
    "\x00",
    "\x1b",
    "\u2028",
    "\ufeff",
    "mro",
    "__init__",
    "CALL_ENDED",
    "UNSPECIFIED",
    "Success",
    "Sucess",
    "mesage: x",
    "name: X",
    "code: 0",
    "subcode: 0",
    "x" * 300,
]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    lines = REAL_SPEC.splitlines(keepends=True)
    mutation = Mutation(REAL_SPEC)
    for _ in range(draw(st.integers(1, 3))):
        lines = mutation.text.splitlines(keepends=True) or [""]
        index = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "replace", "insert", "truncate"]
            )
        )
        if op == "delete":
            del lines[index]
        elif op == "duplicate":
            lines.insert(index, lines[index])
        elif op == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif op in {"replace", "insert"}:
            line = lines[index]
            start = draw(st.integers(0, len(line)))
            end = start if op == "insert" else draw(st.integers(start, len(line)))
            snippet = draw(st.sampled_from(SNIPPETS) | st.text(_chars, max_size=5))
            lines[index] = line[:start] + snippet + line[end:]
            op += f" {snippet!r} at column {start + 1}"
        else:
            cut = draw(st.integers(0, len(lines[index])))
            lines = [*lines[:index], lines[index][:cut]]
        mutation.text = "".join(lines)
        mutation.steps.append(f"{op} at line {index + 1}")
    return mutation


@contextlib.contextmanager
def _in_folder(path: Path) -> Iterator[None]:
    """Paths print relative to the working folder; hypothesis runs many examples
    in one test, so the folder is changed by hand, not by a fixture."""
    import os

    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


PREVIOUS = b"# the previous module\n"


@PROPERTY_SETTINGS
@given(mutations(), st.booleans())
def test_mutated_specs_never_crash_and_never_touch_the_output(
    mutation: Mutation, check: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder, _in_folder(Path(folder)):
        Path("spec.yaml").write_text(mutation.text, encoding="utf-8")
        Path("out.py").write_bytes(PREVIOUS)
        out, err = io.StringIO(), io.StringIO()
        args = ["generate", "--spec", "spec.yaml", "--out", "out.py"]
        # Black only lays out what the earlier stages made, and is most of the
        # time a catalog as big as the real one takes; it is skipped here.
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            mock.patch("codegen.pipeline.format_source", lambda source: source),
        ):
            status = main([*args, "--check"] if check else args)
        # A valid catalog as big as the real one draws size warnings: not errors.
        lines = [
            line for line in err.getvalue().splitlines() if not _WARNING.match(line)
        ]
        files = sorted(p.name for p in Path().iterdir())
        written = Path("out.py").read_bytes()
    event(f"exit status {status}")
    assert status in {0, 1}, mutation.steps
    assert files == ["out.py", "spec.yaml"]
    if check:
        assert written == PREVIOUS
        return
    if status == 0:
        assert lines == ["out.py: written"]
        compile(written, "out.py", "exec")
        return
    assert written == PREVIOUS
    *messages, summary = lines
    assert all(_LINE.match(line) for line in messages), messages
    count = _COUNT.match(summary)
    assert count is not None, summary
    assert int(count.group(1)) == len(messages)


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_every_snippet_in_a_message_gives_a_clean_result(snippet: str) -> None:
    """Each snippet as a message's whole value: valid text or a located error."""
    # The first message written on one line, whatever the catalog says there.
    first = re.search(r"^    message: [^|>\n].*\n", REAL_SPEC, flags=re.MULTILINE)
    assert first is not None, "spec/codes.yaml has no one-line message"
    text = REAL_SPEC.replace(first[0], f"    message: {snippet}\n", 1)
    try:
        doc = parse_spec(text.encode(), "spec.yaml")
    except Exception as exc:
        assert type(exc).__name__ == "SpecError"
        return
    for diagnostic in validate_spec(doc):
        assert _LINE.match(str(diagnostic)), diagnostic
