"""`python -m codegen`: the generator's command line, run from the checkout."""

import sys

from codegen.cli import main

sys.exit(main())
