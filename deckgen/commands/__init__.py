"""Sub-commands of the ``deckgen`` command line, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Adding a command is adding a module and its name to
``COMMANDS``; ``deckgen.cli`` does the rest (help, exit codes, errors).
"""

COMMANDS = ["build", "validate", "preview", "check"]
