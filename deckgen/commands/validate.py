"""``deckgen validate``: check content files and list every problem."""

from __future__ import annotations

from ..errors import DeckgenError

NAME = "validate"
HELP = "check content files and list every problem"
DESCRIPTION = "Check content files without writing anything."
EPILOG = """\
examples:
  deckgen validate content/south-korea-briefing.yaml
  deckgen validate content/*.yaml

Prints every problem in each file (file:line:column, key path, what was
found and what is allowed) and writes nothing. Exit code 2 when any file
has problems.
"""


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")


def run(args) -> int:
    from ..cli import report
    from ..loader import load
    status = 0
    for f in args.files:
        try:
            load(f)
        except DeckgenError as exc:
            report(exc)
            status = max(status, exc.exit_code)
            continue
        print(f"{f}: ok")
    return status
