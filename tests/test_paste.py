"""runtime/*.py and the module: codegen/paste.py's convention, checked.

A runtime file's prologue (docstring, imports, ``__all__``) is never pasted;
its body is, verbatim. Every name the prologue imports must be the module's:
imported at its top the same way, or defined by it. A file that breaks this is
a located error, and nothing is written.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import acs_call_codes
import pytest

import codegen.pipeline
from codegen.cli import main
from codegen.loader import load_runtime
from codegen.paste import PasteError, RuntimeFile, check_pasted, split_runtime

ROOT = Path(__file__).resolve().parents[1]

GOOD = '''\
"""A runtime file."""

from collections.abc import Mapping

from acs_call_codes import Code

__all__ = ["double"]

# Said of the first statement, so pasted with it.
TWICE = 2


def double(code: Code, table: Mapping[int, int]) -> int:
    import json  # a function's own import is its business

    return json.loads(str(table[code] * TWICE))
'''


def test_the_prologue_stays_and_the_body_is_pasted_with_its_comments() -> None:
    file = split_runtime("good", "runtime/good.py", GOOD)
    assert file.body.startswith("# Said of the first statement, so pasted with it.\n")
    assert file.body.endswith("return json.loads(str(table[code] * TWICE))\n")
    assert "import" not in file.body.split("def double")[0]
    assert file.imports == (("collections.abc", "Mapping", 3),)
    assert file.own == (("Code", 5),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '"""Doc."""\n\nX = 1\nimport os\n',
            "runtime/bad.py:4: error: an import below the prologue would be pasted "
            "into the module; move it up, or into the function that needs it",
        ),
        (
            "from __future__ import generator_stop\n\nX = 1\n",
            "runtime/bad.py:1: error: the module cannot hold 'from __future__ "
            "import generator_stop'; import from the standard library or from "
            "acs_call_codes",
        ),
        (
            "from .sibling import X\n\nY = X\n",
            "runtime/bad.py:1: error: the module cannot hold 'from .sibling "
            "import X'; import from the standard library or from acs_call_codes",
        ),
        (
            "from os import path as p\n\nX = p\n",
            "runtime/bad.py:1: error: 'path as p' would not be the module's name",
        ),
        (
            '"""Only a docstring."""\n',
            "runtime/bad.py:1: error: nothing to paste after the prologue",
        ),
    ],
    ids=["late-import", "future", "relative", "renamed", "empty"],
)
def test_a_broken_convention_is_a_located_error(text: str, message: str) -> None:
    with pytest.raises(PasteError) as caught:
        split_runtime("bad", "runtime/bad.py", text)
    assert str(caught.value) == message


def test_postponed_annotations_are_an_import_the_module_must_hold() -> None:
    text = "from __future__ import annotations\n\nX: int = 1\n"
    file = split_runtime("later", "runtime/later.py", text)
    assert file.imports == (("__future__", "annotations", 1),)
    with pytest.raises(PasteError) as caught:
        check_pasted(f"import typing\n\n{file.body}", {"later": file})
    assert str(caught.value) == (
        "runtime/later.py:1: error: the module does not import annotations from "
        "__future__; add it to the template's imports"
    )
    check_pasted(f"from __future__ import annotations\n\n{file.body}", {"later": file})


def test_a_syntax_error_is_located() -> None:
    with pytest.raises(PasteError) as caught:
        split_runtime("bad", "runtime/bad.py", "X = 1\ndef broken(:\n")
    # The message after the place is Python's own, worded by its version.
    assert str(caught.value).startswith("runtime/bad.py:2: error: ")


def test_the_module_must_hold_what_the_prologue_imports() -> None:
    file = split_runtime("good", "runtime/good.py", GOOD)
    module = f"import typing\n\n{file.body}"
    with pytest.raises(PasteError) as caught:
        check_pasted(module, {"good": file})
    assert str(caught.value).splitlines() == [
        "runtime/good.py:3: error: the module does not import Mapping from "
        "collections.abc; add it to the template's imports",
        "runtime/good.py:5: error: the module defines no Code",
    ]
    whole = f"from collections.abc import Mapping\n\n\nclass Code: ...\n\n\n{file.body}"
    check_pasted(whole, {"good": file})


def test_a_file_the_template_does_not_place_is_an_error() -> None:
    file = RuntimeFile("extra", "runtime/extra.py", "EXTRA = 1\n", (), ())
    with pytest.raises(PasteError) as caught:
        check_pasted("X = 1\n", {"extra": file})
    assert str(caught.value) == (
        "runtime/extra.py:1: error: the module does not hold this file; place "
        "{{ runtime.extra }} in the template"
    )


def test_the_project_runtime_files_follow_it() -> None:
    files = load_runtime()
    assert set(files) == {"command", "enums", "explain", "payloads", "records", "tables"}
    module = (ROOT / "generated" / "acs_call_codes.py").read_text(encoding="utf-8")
    check_pasted(module, files)
    for file in files.values():
        assert file.own or file.name == "payloads", file.path


def test_generate_reports_a_broken_runtime_file_and_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    for path in (ROOT / "runtime").glob("*.py"):
        (runtime / path.name).write_text(path.read_text(encoding="utf-8"))
    with (runtime / "explain.py").open("a", encoding="utf-8") as handle:
        handle.write("\nimport os\n")
    real = load_runtime
    monkeypatch.setattr(codegen.pipeline, "load_runtime", lambda: real(runtime))
    monkeypatch.chdir(tmp_path)
    spec = ROOT / "tests" / "golden" / "minimal" / "codes.yaml"
    out = tmp_path / "module.py"
    assert main(["generate", "--spec", str(spec), "--out", str(out)]) == 1
    line = len((runtime / "explain.py").read_text(encoding="utf-8").splitlines())
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"runtime/explain.py:{line}: error: an import below the prologue would be "
        "pasted into the module; move it up, or into the function that needs it",
        "1 error; module.py left as it was",
    ]
    assert not out.exists()


def test_each_runtime_file_imports_as_written_and_answers_as_the_module() -> None:
    for name in load_runtime():
        module = importlib.import_module(f"runtime.{name}")
        assert all(hasattr(module, export) for export in module.__all__), name
    explain = importlib.import_module("runtime.explain")
    enums = importlib.import_module("runtime.enums")
    for code, subcode in [*acs_call_codes.CALL_END_REASONS, (487, 560503), (699, 1)]:
        assert explain.explain(code, subcode) == acs_call_codes.explain(code, subcode)
        assert explain.lookup(code, subcode) is acs_call_codes.lookup(code, subcode)
    assert enums._parse_member(acs_call_codes.Code, " 487 ") is acs_call_codes.Code(487)
    assert enums._raw_int("12x") is None
