"""The ``deckgen`` command line.

Exit codes: 0 when all went well, 2 when content (or a theme, or an
argument) needs fixing, 1 for a bug in deckgen (printed with its traceback).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import EXIT_BUG, EXIT_USER, DeckgenError, ErrorList

_EPILOG_MAIN = """\
examples:
  deckgen build content/south-korea-briefing.yaml
  deckgen build talk.yaml --theme default --out slides/
  deckgen validate content/*.yaml

The content format is described in docs/content-format.md.
"""

_EPILOG_BUILD = """\
examples:
  deckgen build content/south-korea-briefing.yaml
      writes output/south-korea-briefing/south-korea-briefing.pptx
  deckgen build a.yaml b.yaml --out build/ --formats pptx

A file with problems is not built (nothing is written for it); every
problem is listed with file:line:column. The other files are still built.
"""

_EPILOG_VALIDATE = """\
examples:
  deckgen validate content/south-korea-briefing.yaml
  deckgen validate content/*.yaml

Prints every problem in each file (file:line:column, key path, what was
found and what is allowed) and writes nothing. Exit code 2 when any file
has problems.
"""


def _parser() -> argparse.ArgumentParser:
    from .writers import WRITERS
    p = argparse.ArgumentParser(
        prog="deckgen",
        description="Turn a YAML content file into a designed slide deck.",
        epilog=_EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"deckgen {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser("build", help="build decks from content files",
                       description="Build a deck (and, as they land, handouts and quizzes) "
                                   "from each content file.",
                       epilog=_EPILOG_BUILD, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")
    b.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")
    b.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); each file gets DIR/<name>/")
    b.add_argument("--formats", metavar="LIST", default=",".join(WRITERS),
                   help=f"comma-separated outputs to write (default: all: {', '.join(WRITERS)})")
    v = sub.add_parser("validate", help="check content files and list every problem",
                       description="Check content files without writing anything.",
                       epilog=_EPILOG_VALIDATE,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")
    return p


def _report(exc: DeckgenError) -> None:
    print(exc.render(), file=sys.stderr)


def _cmd_build(args) -> int:
    from .build import build
    formats = [f for f in args.formats.split(",") if f.strip()]
    status = 0
    for f in args.files:
        try:
            result = build(f, args.out, args.theme, formats)
        except DeckgenError as exc:
            _report(exc)
            print(f"deckgen: {f} was not built; nothing was written for it.", file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        for path in result.files:
            n = len(result.deck.slides)
            extra = f" ({n} slide{'s' if n != 1 else ''})" if path.suffix == ".pptx" else ""
            print(f"wrote {path}{extra}")
    return status


def _cmd_validate(args) -> int:
    from .loader import load
    status = 0
    for f in args.files:
        try:
            load(f)
        except DeckgenError as exc:
            _report(exc)
            status = max(status, exc.exit_code)
            continue
        print(f"{f}: ok")
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USER
    try:
        if args.command == "build":
            return _cmd_build(args)
        return _cmd_validate(args)
    except DeckgenError as exc:
        _report(exc)
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
