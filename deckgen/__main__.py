"""``python -m deckgen`` runs the command line."""

import sys

from deckgen.cli.main import main

sys.exit(main())
