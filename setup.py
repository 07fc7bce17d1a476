"""Build step: install generated/acs_call_codes.py as a typed package.

PEP 561 lets only packages carry a ``py.typed`` marker, so the wheel holds the
one generated file as ``acs_call_codes/__init__.py``, with ``py.typed`` and a
``__main__.py`` for ``python -m acs_call_codes``. The file to vendor stays
generated/acs_call_codes.py. Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODULE = "acs_call_codes"

# The package's other two files: typed (PEP 561), and runnable with -m.
EXTRA_FILES = {
    "py.typed": "",
    "__main__.py": (
        '"""`python -m acs_call_codes CODE [SUBCODE] [--json]`."""\n'
        "\n"
        "from acs_call_codes import _main\n"
        "\n"
        "raise SystemExit(_main())\n"
    ),
}


class BuildPy(build_py):
    """build_py that puts the top-level module acs_call_codes into a package."""

    def get_module_outfile(
        self, build_dir: str, package: str | list[str], module: str
    ) -> str:
        # A top-level module comes with package "" (or [""]).
        if module == MODULE and not "".join(package):
            return str(Path(build_dir, MODULE, "__init__.py"))
        return super().get_module_outfile(build_dir, package, module)

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            # An editable install imports generated/acs_call_codes.py directly.
            return
        for name, text in EXTRA_FILES.items():
            path = Path(self.build_lib, MODULE, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs: list[str] = super().get_outputs(include_bytecode)
        if not self.editable_mode:
            outputs += [str(Path(self.build_lib, MODULE, name)) for name in EXTRA_FILES]
        return outputs


setup(
    cmdclass={"build_py": BuildPy},
    # Metadata is written beside pyproject.toml, not into generated/ (the folder
    # that package-dir "" points at for the module).
    options={"egg_info": {"egg_base": "."}},
)
