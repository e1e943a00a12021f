"""``deckgen watch``: rebuild content files (and their previews) as they are saved."""

from __future__ import annotations

import sys
from pathlib import Path
from deckgen.build.batch import Options, cpu_count
from deckgen.build.formats import get_writers
from deckgen.build.watch import Watcher
from deckgen.cli.build import _positive, add_inputs

NAME = "watch"
HELP = "rebuild files, folders or courses whenever they (or what they use) change"
DESCRIPTION = ("Build the files, then watch them and everything they use (theme files, CSV\n"
               "and Excel data, images, course files) and build again what a change affects,\n"
               "as soon as it is saved. Problems are printed and watching goes on; Ctrl-C stops.")
EPILOG = """\
examples:
  deckgen watch talk.yaml
      builds talk.yaml, then again after every save of it, its theme or its data
  deckgen watch talk.yaml --preview --formats pptx
      also paints output/talk/preview/slide-NN.png again (only the slides that changed)
  deckgen watch content/course/
      watches every content file and course in the folder; a new file is picked up

Only files whose inputs really changed are built: saving a file without
changing it builds nothing (see 'deckgen build --help').
"""


def add_arguments(p) -> None:
    add_inputs(p, "FILE|DIR", "content file(s), course file(s) or folder(s) to watch")
    p.add_argument("--preview", action="store_true",
                   help="also paint the slide previews (DIR/<name>/preview/) after each build")
    p.add_argument("--dpi", type=_positive, default=96, metavar="N",
                   help="preview resolution (default 96)")
    p.add_argument("--jobs", "-j", type=_positive, metavar="N", default=None,
                   help="build up to N files at once (default: one per CPU)")
    p.add_argument("--interval", type=float, default=0.5, metavar="S",
                   help="seconds between looks at the files when file events (watchfiles) "
                        "are not available (default 0.5)")
    p.add_argument("--strict", action="store_true",
                   help="treat low theme contrast as an error, as 'build --strict'")
    p.add_argument("--quiz-slides", action="store_true",
                   help="end each deck with the quiz, as 'build --quiz-slides'")


def run(args) -> int:
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    get_writers(list(formats))
    options = Options(formats=formats, theme=args.theme, strict=args.strict,
                      quiz_slides=args.quiz_slides)
    watcher = Watcher(args.files, options, Path(args.out), workers=args.jobs or cpu_count(),
                      preview=args.preview, dpi=args.dpi, interval=max(0.05, args.interval))
    try:
        watcher.run()
    except KeyboardInterrupt:
        print("\ndeckgen: stopped watching.", file=sys.stderr)
    return 0
