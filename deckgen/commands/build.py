"""``deckgen build``: content files -> deck (and every other output format)."""

from __future__ import annotations

import sys

from ..errors import DeckgenError

NAME = "build"
HELP = "build decks from content files"
DESCRIPTION = "Build a deck and the other outputs from each content file."
EPILOG = """\
examples:
  deckgen build content/south-korea-briefing.yaml
      writes output/south-korea-briefing/south-korea-briefing.pptx
  deckgen build a.yaml b.yaml --out build/ --formats pptx
  deckgen build talk.yaml --report
      also lists the slides where text was shrunk or continued

A file with problems is not built (nothing is written for it); every
problem is listed with file:line:column. The other files are still built.
"""


def add_arguments(p) -> None:
    from ..writers import WRITERS
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")
    p.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); each file gets DIR/<name>/")
    p.add_argument("--formats", metavar="LIST", default=",".join(WRITERS),
                   help=f"comma-separated outputs to write (default: all: {', '.join(WRITERS)})")
    p.add_argument("--report", action="store_true",
                   help="list, per slide, every box whose text was shrunk to fit and every "
                        "block that continued on another slide")


def run(args) -> int:
    from ..build import build
    from ..cli import report
    formats = [f for f in args.formats.split(",") if f.strip()]
    status = 0
    for f in args.files:
        try:
            result = build(f, args.out, args.theme, formats, report=args.report)
        except DeckgenError as exc:
            report(exc)
            print(f"deckgen: {f} was not built; nothing was written for it.", file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        for path in result.files:
            n = len(result.deck.slides)
            extra = f" ({n} slide{'s' if n != 1 else ''})" if path.suffix == ".pptx" else ""
            print(f"wrote {path}{extra}")
        if args.report:
            print(fit_report(result.fit_notes))
    return status


def fit_report(notes) -> str:
    """Return the fit report: one line per box that shrank, split or overflowed."""
    if not notes:
        return "fit report: every text box fits at its designed size."
    lines = ["fit report (slide, box, what happened):"]
    for n in notes:
        lines.append(f"  slide {n.slide:>3} '{n.title}': {n.box}: {n.action}, {n.detail}")
    shrunk = sum(n.action == "shrunk" for n in notes)
    split = len({n.title.rsplit(' (', 1)[0] for n in notes if n.action == "split"})
    over = sum(n.action == "overflow" for n in notes)
    lines.append(f"  {shrunk} box(es) shrunk, {split} block(s) continued on more slides, "
                 f"{over} box(es) overflowing.")
    return "\n".join(lines)
