"""``deckgen build``: content files -> deck (and every other output format)."""

from __future__ import annotations

import sys
from pathlib import Path
from deckgen.build.batch import Options, Progress, collect, cpu_count, exit_code, run_jobs, summary
from deckgen.build.formats import WRITERS, default_formats, get_writers
from deckgen.cli.main import report

NAME = "build"
HELP = "build decks from content files, folders and courses"
DESCRIPTION = ("Build a deck and the other outputs from each content file, from every content\n"
               "file in a folder, or from every lecture of a course, several at once. A file\n"
               "whose inputs did not change since its last build is not built again.")
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
  deckgen build content/ --jobs 2
      builds every content file in the folder, two at a time (themes and other
      YAML files there are skipped; a course there builds its lectures)
  deckgen build content/ --force
      builds everything again, changed or not
  deckgen build talk.yaml --quiz-slides
      ends the deck with the quiz: each question, then a slide with its answer

A file with problems is not built (nothing is written for it); every
problem is listed with file:line:column. The other files are still built,
and the exit code is 2. A file is not built again when its content, its
theme files, the files it names (CSV, Excel, images), the options and
deckgen itself are unchanged and its outputs are still there; the manifests
that record this are kept in OUT/.deckgen/.
"""


def _positive(text: str) -> int:
    import argparse
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"found '{text}'; allowed: a whole number of 1 or more")
    return n


def add_inputs(p, metavar: str, files_help: str) -> None:
    """Add the arguments build and watch share: files, --theme, --out, --formats."""
    p.add_argument("files", nargs="+", metavar=metavar, help=files_help)
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")
    p.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); each file gets DIR/<name>/")
    extra = [name for name in WRITERS if name not in default_formats()]
    p.add_argument("--formats", metavar="LIST", default=",".join(default_formats()),
                   help=f"comma-separated outputs to write (default: {', '.join(default_formats())}; "
                        f"also: {', '.join(extra)})")


def add_arguments(p) -> None:
    add_inputs(p, "FILE", "content file(s) (.yaml), course file(s), or folder(s) of them")
    p.add_argument("--strict", action="store_true",
                   help="stop with an error (exit 2) when the theme's text colours fall below "
                        "their WCAG contrast, instead of warning")
    p.add_argument("--report", action="store_true",
                   help="list, per slide, every box whose text was shrunk to fit and every "
                        "block that continued on another slide")
    p.add_argument("--jobs", "-j", type=_positive, metavar="N", default=None,
                   help="build up to N files at once, each in its own process (default: one "
                        "per CPU)")
    p.add_argument("--force", action="store_true",
                   help="build every file again, even when nothing it depends on changed")
    p.add_argument("--quiz-slides", action="store_true",
                   help="end the deck (before the sources) with the quiz: a slide per "
                        "question, each followed by a slide revealing its answer")


def run(args) -> int:
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    get_writers(list(formats))          # an unknown format is an error before anything runs
    options = Options(formats=formats, theme=args.theme, strict=args.strict,
                      quiz_slides=args.quiz_slides, report=args.report, force=args.force)
    col = collect(args.files, Path(args.out))
    if not col.many and not col.left_out:
        return _one(col.jobs[0], options) if col.jobs else 0
    return _many(col, options, args.jobs)


def _one(job, options) -> int:
    """Build one content file, reporting as deckgen always has: errors, warnings, files."""
    outcome = run_jobs([job], options, catch_bugs=False)[0]
    if outcome.status == "failed":
        print(outcome.error, file=sys.stderr)
        print(f"deckgen: {outcome.path} was not built; nothing was written for it.",
              file=sys.stderr)
        return outcome.exit_code
    for w in outcome.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if outcome.status == "up to date":
        print(f"up to date: {outcome.target} ({_n_slides(outcome.slides)}; nothing changed "
              "since it was built; --force builds it again)")
        return 0
    for path in map(Path, outcome.files):
        extra = f" ({_n_slides(outcome.slides)})" if path.suffix == ".pptx" else ""
        print(f"wrote {path}{extra}")
    if options.report:
        print(fit_report(outcome.fit_notes))
    return 0


def _many(col, options, jobs) -> int:
    """Build a batch (several files, a folder, a course): progress, then a summary table."""
    import time

    start = time.perf_counter()
    for course, n in col.courses:
        print(f"course '{course.title}': {n} lecture{'s' if n != 1 else ''}")
    progress = Progress(len(col.jobs))
    for o in col.left_out:
        if o.status == "failed":
            progress.message(o.error)
            what = "the course " if o.reason == "course" else ""
            progress.message(f"deckgen: {what}{o.path} was not built; nothing was written "
                             "for it.")

    def done(i: int, o) -> None:
        if o.status == "failed":
            progress.message(o.error.rstrip("\n"))
            if o.bug:
                progress.message("deckgen: this is a bug in deckgen, not in your file; please "
                                 "report it with the traceback above.")
            progress.message(f"deckgen: {o.path} was not built; nothing was written for it.")
        for w in o.warnings:
            if o.status == "built":
                progress.message(f"warning: {w}")
        progress.done(o)
        if options.report and o.status == "built":
            print(f"{o.path}: {fit_report(o.fit_notes)}")

    workers = jobs or cpu_count()
    try:
        outcomes = run_jobs(col.jobs, options, workers, on_done=done)
    finally:
        progress.close()
    everything = outcomes + col.left_out
    print(summary(everything, time.perf_counter() - start, workers))
    return exit_code(everything)


def _n_slides(n: int) -> str:
    return f"{n} slide{'s' if n != 1 else ''}"


def run_sheet(notes) -> list[str]:
    """Return the run sheet's lines: each timed block, section or slide with its minutes
    and the running total, then the total (``total 48 min``); none when nothing is timed."""
    timed = [n for n in notes if n.action == "timing"]
    if not timed:
        return []
    lines = ["run sheet (slide, what, minutes, running total):"]
    total = 0.0
    for n in timed:
        counted = not n.detail      # the detail says why a time is not counted
        total += n.minutes if counted else 0.0
        said = f"running total {total:g} min" if counted else n.detail.strip(" ()")
        lines.append(f"  slide {n.slide:>3} {n.title} ({n.box}): {n.minutes:g} min, {said}")
    lines.append(f"  total {total:g} min")
    return lines


def fit_report(notes) -> str:
    """Return the fit report: how each block was composed, then every box that shrank, split or overflowed."""
    composed = [n for n in notes if n.action == "composed"]
    fitted = [n for n in notes if n.action not in ("composed", "hidden", "timing")]
    lines = []
    if composed:
        lines.append("composer (block: variant, sizes, slides):")
        lines += [f"  slide {n.slide:>3} {n.title}: {n.detail}" for n in composed]
    lines += [f"hidden: slide {n.slide} '{n.title}' ({n.detail})"
              for n in notes if n.action == "hidden"]
    lines += run_sheet(notes)
    if not fitted:
        lines.append("fit report: every text box fits at its designed size.")
        return "\n".join(lines)
    lines.append("fit report (slide, box, what happened):")
    for n in fitted:
        lines.append(f"  slide {n.slide:>3} '{n.title}': {n.box}: {n.action}, {n.detail}")
    shrunk = sum(n.action == "shrunk" for n in fitted)
    split = len({n.title.rsplit(' (', 1)[0] for n in fitted if n.action == "split"})
    over = sum(n.action == "overflow" for n in fitted)
    lines.append(f"  {shrunk} box(es) shrunk, {split} block(s) continued on more slides, "
                 f"{over} box(es) overflowing.")
    return "\n".join(lines)
