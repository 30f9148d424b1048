"""`python -m sitegen` runs the command-line interface."""

import sys

from sitegen.cli import main

sys.exit(main())
