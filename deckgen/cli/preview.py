"""``deckgen preview``: paint every slide to PNG, and a contact sheet, without LibreOffice."""

from __future__ import annotations

import sys
from pathlib import Path
from deckgen.build.pipeline import Build, resolve_theme, write_outputs
from deckgen.content.loader import load
from deckgen.render.preview import paint

NAME = "preview"
HELP = "paint every slide to PNG (and a contact sheet) without PowerPoint or LibreOffice"
DESCRIPTION = ("Paint each slide to a PNG from the same layout the deck is written from, "
               "with the same fonts, plus a contact sheet of all slides.")
EPILOG = """\
examples:
  deckgen preview content/south-korea-briefing.yaml
      writes output/south-korea-briefing/preview/slide-01.png ... and contact-sheet.png
  deckgen preview talk.yaml --dpi 150 --out previews/
"""


def add_arguments(p) -> None:
    p.add_argument("file", metavar="FILE", help="content file (.yaml)")
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml")
    p.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); PNGs go to DIR/<name>/preview/")
    p.add_argument("--dpi", type=int, default=96, metavar="N",
                   help="resolution (default 96: 1280×720 pixels for 16:9)")
    p.add_argument("--quiz-slides", action="store_true",
                   help="paint the quiz slides too, as 'deckgen build --quiz-slides' adds them")


def run(args) -> int:

    content = load(args.file)
    theme = resolve_theme(content, args.theme)
    placed = Build(content, theme, quiz_slides=args.quiz_slides).placed
    target = Path(args.out) / content.name
    target.mkdir(parents=True, exist_ok=True)
    unsupported: list[str] = []

    def job(folder: Path) -> list[str]:
        report = paint(placed, theme, folder / "preview", dpi=args.dpi)
        unsupported.extend(report.unsupported)
        return [str(p.relative_to(folder)) for p in report.files]

    files = write_outputs(target, [job])
    for u in unsupported:
        print(f"warning: the preview cannot draw {u}; it is left out of the picture",
              file=sys.stderr)
    print(f"wrote {len(files) - 1} slide previews and {files[-1]}")
    return 0
