"""``deckgen handout``: content files -> handouts to read after the talk (PDF, DOCX)."""

from __future__ import annotations

import sys

from deckgen.build.pipeline import Build, output_folder, resolve_theme, write_outputs
from deckgen.build.repro import build_time
from deckgen.cli.main import report
from deckgen.content.loader import load
from deckgen.errors import DeckgenError
from deckgen.handout.api import (FORMATS, STYLES, check_options, file_name, make_handout,
                                 write_handout)
from deckgen.handout.slides import DEFAULT_PER_PAGE, PER_PAGE

NAME = "handout"
HELP = "write handouts (PDF, DOCX) from content files"
DESCRIPTION = ("Write a handout for each content file: a reading brief of two to four "
               "pages with the key judgements, figures, charts and sources; or the slides "
               "with lines for notes; or notes pages.")
EPILOG = """\
examples:
  deckgen handout content/south-korea-briefing.yaml
      writes output/south-korea-briefing/south-korea-briefing-handout.pdf and .docx
  deckgen handout talk.yaml --format docx --out handouts/
  deckgen handout talk.yaml --style reading --theme default
  deckgen handout talk.yaml --style slides --per-page 6
      writes talk-handout-slides.pdf and .docx: six slides a page

styles:
  reading   a document to read: judgements, context, figures table, charts,
            timeline, concerns and responses, sources (the default)
  slides    three slides a page with ruled lines for notes beside each;
            --per-page 1, 2, 4 or 6 puts the lines below each slide
  notes     one slide a page with its speaker notes below, then lines

A file with problems is not written (earlier outputs stay as they were);
every problem is listed with file:line:column.
"""


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")
    p.add_argument("--style", default="reading", metavar="STYLE",
                   help=f"handout style: {', '.join(STYLES)} (default: reading)")
    p.add_argument("--per-page", metavar="N",
                   help=f"slides a page for --style slides: {', '.join(map(str, PER_PAGE))} "
                        f"(default: {DEFAULT_PER_PAGE})")
    p.add_argument("--format", dest="formats", action="append", choices=list(FORMATS),
                   metavar="FORMAT",
                   help="pdf or docx; repeat for both (default: both)")
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")
    p.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); each file gets DIR/<name>/")


def run(args) -> int:
    # before reading any file: the style and the count are the same for all
    check_options(args.style, args.per_page)
    formats = list(dict.fromkeys(args.formats or ["pdf", "docx"]))
    status = 0
    for f in args.files:
        try:
            written = _one(f, args, formats)
        except DeckgenError as exc:
            report(exc)
            print(f"deckgen: no handout was written for {f}.", file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        for path in written:
            print(f"wrote {path}")
    return status


def _one(path: str, args, formats: list[str]):
    content = load(path)
    build = Build(content, resolve_theme(content, args.theme))
    handout = make_handout(build, args.style, args.per_page)
    for w in list(build.warnings) + list(handout.warnings):
        print(f"warning: {w}", file=sys.stderr)
    target = output_folder(args.out, content.name)

    def job(fmt):
        def write(folder):
            name = file_name(content, fmt, args.style)
            write_handout(build, folder / name, fmt, args.style, args.per_page)
            return [name]
        return write

    return write_outputs(target, [job(fmt) for fmt in formats], when=build_time(content.date))
