"""Code the generated module holds whatever the catalog says, as plain Python.

ruff, mypy and pyright read these files as written and tests import them; the
generator pastes each file's body into generated/acs_call_codes.py where
templates/module.py.jinja names it (``{{ runtime.explain }}``):

- ``enums.py``: the enums' methods, on mixins the template's enums
  subclass (``parse``, the category predicates, ``CodeClass.of``), and the
  raw-value parsing behind them;
- ``records.py``: the frozen dataclasses (``Source``, ``Wording``,
  ``CodeClassInfo``, ``CallEndReason``, ``CodeInfo``, ``SubCodeInfo``,
  ``SubCodeRule``, ``Explanation``), ``WordingChoice`` and ``MatchLevel``;
- ``tables.py``: when the catalog's rows are made (on first use), and the
  views ``CALL_END_REASONS``, ``CODE_INFO`` and ``SUBCODE_INFO``;
- ``payloads.py``: ``find_pair``, the pair in what users hold, and
  ``find_event``, the event type of a callback;
- ``explain.py``: ``lookup``, ``explain`` and ``explain_payload``;
- ``command.py``: ``python -m acs_call_codes``.

Each file is a prologue (docstring, imports, ``__all__``), which is never
pasted, and a body, which is. The prologue imports standard-library names the
module imports too, and takes the module's own names, catalog or runtime, with
``from acs_call_codes import ...``: the module is one file, where those names
are its own. codegen/paste.py states the convention and checks it at every
generation.
"""
