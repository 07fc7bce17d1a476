"""``python -m acs_call_codes CODE [SUBCODE] [--json]``: explain a call end code.

The installed package's entry point. The ``acs-call-codes`` command runs the
same function, ``acs_call_codes._main``, under its own name.
"""

from acs_call_codes import _main

raise SystemExit(_main(prog="python -m acs_call_codes"))
