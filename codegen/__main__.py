"""`python -m codegen`: the same as the `acs-codegen` console script."""

import sys

from codegen.cli import main

sys.exit(main())
