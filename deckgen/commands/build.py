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
  deckgen build talk.yaml --theme dark --strict
      builds in the dark theme; low-contrast theme colours are an error
  deckgen build content/course/course.yaml
      builds every lecture of a course into output/course/<lecture>/

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
    p.add_argument("--strict", action="store_true",
                   help="stop with an error (exit 2) when the theme's text colours fall below "
                        "their WCAG contrast, instead of warning")
    p.add_argument("--report", action="store_true",
                   help="list, per slide, every box whose text was shrunk to fit and every "
                        "block that continued on another slide")


def run(args) -> int:
    from ..build import build
    from ..cli import report
    formats = [f for f in args.formats.split(",") if f.strip()]
    status = 0
    for f in args.files:
        if _is_course(f):
            status = max(status, _build_course(f, args, formats))
            continue
        try:
            result = build(f, args.out, args.theme, formats, report=args.report,
                           strict=args.strict)
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


def _is_course(f) -> bool:
    from ..course import is_course
    return is_course(f)


def _build_course(f, args, formats) -> int:
    """Build every lecture of a course file; return the exit status."""
    from ..cli import report
    from ..course import build_course, load_course
    try:
        course = load_course(f)
    except DeckgenError as exc:
        report(exc)
        print(f"deckgen: the course {f} was not built; nothing was written for it.",
              file=sys.stderr)
        return exc.exit_code
    n = len(course.lectures)
    print(f"course '{course.title}': {n} lecture{'s' if n != 1 else ''}")
    status = 0

    def done(res) -> None:
        nonlocal status
        if res.error is not None:
            report(res.error)
            print(f"deckgen: {res.lecture.path} was not built; nothing was written for it.",
                  file=sys.stderr)
            status = max(status, res.error.exit_code)
            return
        for w in res.result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        for path in res.result.files:
            k = len(res.result.deck.slides)
            extra = f" ({k} slide{'s' if k != 1 else ''})" if path.suffix == ".pptx" else ""
            print(f"wrote {path}{extra}")

    build_course(course, args.out, args.theme, formats, on_done=done)
    return status
