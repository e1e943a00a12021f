"""Sub-commands of the ``deckgen`` command line, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Adding a command is adding a module and its name to
``COMMANDS``; ``deckgen.cli`` does the rest (help, exit codes, errors).
"""

COMMANDS = ["build", "validate", "preview", "check"]
COMMANDS += ["new", "schema"]   # authoring (issue 9)
COMMANDS += ["quiz"]   # quiz sheets, keys and LMS exports (issue 6)
COMMANDS += ["handout"]   # reading handouts, PDF and DOCX (issue 5)
COMMANDS += ["themes"]   # list, show and start themes (issue 4)
COMMANDS += ["watch"]   # rebuild on save (issue 8)
COMMANDS += ["serve"]   # the deck in a browser, updated on save (issue 19)
