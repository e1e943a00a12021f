"""``deckgen check``: build each deck and check it for accessibility and repair faults."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from deckgen.build.pipeline import build
from deckgen.cli.main import report
from deckgen.errors import DeckgenError
from deckgen.render.check import Finding, check_pptx

NAME = "check"
HELP = "check decks for accessibility problems and faults PowerPoint would repair"
DESCRIPTION = ("Build each content file's deck (into a temporary folder) and report what "
               "PowerPoint's Accessibility Checker and a careful reviewer would flag: slides "
               "without titles, duplicate titles, graphics without alt text, tables without "
               "header rows, low text contrast, reading order, and structural faults.")
EPILOG = """\
examples:
  deckgen check content/south-korea-briefing.yaml
  deckgen check content/*.yaml --theme dark --strict
  deckgen check --pptx slides/talk.pptx      (check any existing .pptx)

Exit code 2 when an error is found, or a warning with --strict; notes (a
block that continued on more slides) never fail the check.
"""


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s), or .pptx with --pptx")
    p.add_argument("--theme", metavar="T", help="theme name or path")
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    p.add_argument("--pptx", action="store_true", help="the files are .pptx decks to check as they are")


def run(args) -> int:
    status = 0
    for f in args.files:
        if args.pptx:
            findings, shown = check_pptx(Path(f)), f
        else:
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    result = build(f, tmp, args.theme, ["pptx"], report=True)
                    findings = check_pptx(result.files[0])
            except DeckgenError as exc:
                report(exc)
                status = max(status, exc.exit_code)
                continue
            findings += [Finding("error", n.slide, f"'{n.box}' holds more text than fits ({n.detail})")
                         for n in result.fit_notes if n.action == "overflow"]
            shown = f
        errors = sum(x.level == "error" for x in findings)
        warnings = sum(x.level == "warning" for x in findings)
        for x in findings:
            print(x.render(shown), file=sys.stderr if x.level != "note" else sys.stdout)
        print(f"{shown}: {errors} error(s), {warnings} warning(s)")
        if errors or (args.strict and warnings):
            status = 2
    return status
