"""The ``deckgen`` command line.

Exit codes: 0 when all went well, 2 when content (or a theme, or an
argument) needs fixing, 1 for a bug in deckgen (printed with its traceback).
Each sub-command lives in its own module under ``deckgen.commands``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from deckgen import __version__
from deckgen.cli import COMMANDS, HELP
from deckgen.errors import DeckgenError, EXIT_BUG, EXIT_USER

_EPILOG_MAIN = """\
examples:
  deckgen build content/south-korea-briefing.yaml
  deckgen build talk.yaml --theme default --out slides/
  deckgen validate content/*.yaml

Run 'deckgen COMMAND --help' for each command's options and examples.
The content format is described in docs/content-format.md.
"""


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """Return the parser; with ``only``, just that command gets its arguments.

    Only the module of the command that runs is imported (the command line's
    one boundary: each command module imports what its command needs), so a
    run of one command leaves the others' set-up out; ``deckgen --help``
    needs none of it.
    """
    p = argparse.ArgumentParser(
        prog="deckgen",
        description="Turn a YAML content file into a designed slide deck, handouts and quizzes.",
        epilog=_EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"deckgen {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if name != only:
            sub.add_parser(name, help=HELP.get(name, ""))
            continue
        mod = importlib.import_module(f"deckgen.cli.{name}")
        sp = sub.add_parser(name, help=HELP.get(name, ""), description=mod.DESCRIPTION,
                            epilog=mod.EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(sp)
        sp.set_defaults(_run=mod.run)
    return p


def _command(argv: list[str]) -> str | None:
    """Return the command ``argv`` runs, when its first word names one; else None."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def report(exc: DeckgenError) -> None:
    """Print a user error (or a list of them) to stderr, without a traceback."""
    print(exc.render(), file=sys.stderr)


def _stdout_closed() -> int:
    """The reader of stdout went away (``deckgen ... | head``): stop quietly, exit 2.

    Standard output is pointed at the null device so that Python's own flush at
    exit does not fail a second time.
    """
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass        # stdout is not a real file (a test's capture, say)
    try:
        print("deckgen: standard output was closed before deckgen finished (the reader of "
              "a pipe stopped early); stopped there", file=sys.stderr)
    except (OSError, ValueError):
        pass
    return EXIT_USER


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(_command(argv))
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USER
    try:
        code = args._run(args)
        sys.stdout.flush()      # a closed pipe shows here, not at exit as "Exception ignored"
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except DeckgenError as exc:
        report(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print("deckgen: interrupted; no partial files were left.", file=sys.stderr)
        return 130
    except Exception:  # a bug: keep the traceback so it can be reported
        traceback.print_exc()
        print("deckgen: this is a bug in deckgen, not in your file; please report it "
              "with the traceback above.", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
