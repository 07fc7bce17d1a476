"""`python -m codegen`: the generator's command line, run from the checkout."""

import os
import sys

from codegen.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader went away (``| head``); what was to be written is written.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
