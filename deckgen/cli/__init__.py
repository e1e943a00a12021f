"""Sub-commands of the ``deckgen`` command line, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. Adding a command is adding a module and its name to
``COMMANDS`` and its one-line help to ``HELP``; ``deckgen.cli.main`` does the
rest (help, exit codes, errors) and imports only the module of the command
that runs, so ``deckgen validate`` never loads what ``deckgen build`` needs.
"""

#: command -> its line in ``deckgen --help``
HELP = {
    "build": "build decks from content files, folders and courses",
    "validate": "check content files and list every problem",
    "preview": "paint every slide to PNG (and a contact sheet) without PowerPoint or LibreOffice",
    "check": "check decks for accessibility problems and faults PowerPoint would repair",
    "new": "write a starter content file to edit",
    "schema": "print the JSON Schema of content files (or the Markdown reference)",
    "quiz": "write quiz sheets, answer keys and LMS exports",
    "handout": "write handouts (PDF, DOCX) from content files",
    "themes": "list themes, show one's resolved values and contrast, or start your own",
    "serve": "show decks in a browser, updated as their files are saved",
    "watch": "rebuild files, folders or courses whenever they (or what they use) change",
}

COMMANDS = ["build", "validate", "preview", "check"]
COMMANDS += ["new", "schema"]   # authoring (issue 9)
COMMANDS += ["quiz"]   # quiz sheets, keys and LMS exports (issue 6)
COMMANDS += ["handout"]   # reading handouts, PDF and DOCX (issue 5)
COMMANDS += ["themes"]   # list, show and start themes (issue 4)
COMMANDS += ["watch"]   # rebuild on save (issue 8)
COMMANDS += ["serve"]   # the deck in a browser, updated on save (issue 19)
