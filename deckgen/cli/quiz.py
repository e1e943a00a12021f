"""``deckgen quiz``: quiz sheets, answer keys and LMS exports from content files."""

from __future__ import annotations

import sys

from deckgen.build.pipeline import output_folder, resolve_theme, write_outputs
from deckgen.cli.main import report
from deckgen.content.loader import load
from deckgen.errors import DeckgenError, did_you_mean, one_of
from deckgen.quiz.assemble import build_quiz
from deckgen.quiz.formats import write_format

NAME = "quiz"
HELP = "write quiz sheets, answer keys and LMS exports"
DESCRIPTION = ("Write the quiz of each content file: its own questions plus questions "
               "generated from its figures, concerns, constraints, likelihoods, key judgements "
               "and timeline, as a student sheet and answer key (PDF, DOCX) and as Moodle "
               "GIFT, Moodle XML and a QTI 1.2 zip for Canvas.")
EPILOG = """\
examples:
  deckgen quiz content/south-korea-briefing.yaml
      writes output/south-korea-briefing/south-korea-briefing-quiz.pdf, -quiz-key.pdf,
      -quiz.docx, -quiz-key.docx, .gift.txt, -moodle.xml and -qti.zip
  deckgen quiz talk.yaml --variants 3 --seed 7 --format pdf
      three shuffled versions, each with its own key: talk-quiz.pdf, talk-quiz-v2.pdf, ...
  deckgen quiz talk.yaml --format gift,moodle --out lms/

The same seed gives the same quiz, byte for byte. Versions differ in the
order of questions and options, never in content. Anything a format cannot
hold is reported; nothing is dropped silently.
"""

_NAMES = ("pdf", "docx", "gift", "moodle", "qti")


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")
    p.add_argument("--variants", metavar="N", type=int, default=1,
                   help="write N shuffled versions of the sheets, each with its own key "
                        "(default: 1)")
    p.add_argument("--seed", metavar="S", type=int, default=None,
                   help="seed for generating and shuffling (default: the file's quiz.seed, "
                        "else 0)")
    p.add_argument("--format", metavar="LIST", default=",".join(_NAMES),
                   help=f"comma-separated outputs (default: all: {', '.join(_NAMES)})")
    p.add_argument("--out", metavar="DIR", default="output",
                   help="output folder (default: output); each file gets DIR/<name>/")
    p.add_argument("--theme", metavar="T", help="theme name or path to a theme .yaml "
                   "(wins over the file's own 'theme:')")


def _formats(text: str) -> list[str]:
    names = [f.strip().lower() for f in text.split(",") if f.strip()]
    for name in names:
        if name not in _NAMES:
            raise DeckgenError(f"found the format '{name}'; allowed: {one_of(_NAMES)}",
                               path="--format", hint=did_you_mean(name, _NAMES))
    return list(dict.fromkeys(names))


def run(args) -> int:
    if args.variants < 1 or args.variants > 26:
        raise DeckgenError(f"found {args.variants}; allowed: a number of versions from 1 to 26",
                           path="--variants")
    if args.seed is not None and args.seed < 0:
        raise DeckgenError(f"found {args.seed}; allowed: a whole number from 0",
                           path="--seed")
    formats = _formats(args.format)
    status = 0
    for f in args.files:
        try:
            written, notes = write_quiz(f, args.out, formats, args.seed, args.variants,
                                        args.theme)
        except DeckgenError as exc:
            report(exc)
            print(f"deckgen: no quiz was written for {f}.", file=sys.stderr)
            status = max(status, exc.exit_code)
            continue
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        for path in written:
            print(f"wrote {path}")
    return status


def write_quiz(path, out_dir, formats, seed=None, variants=1, theme=None):
    """Write a content file's quiz formats; return (written paths, notes for the user).

    All files are written or none (:func:`deckgen.build.write_outputs`).
    """

    content = load(path)
    th = resolve_theme(content, theme)
    quiz = build_quiz(content, seed=seed, variants=variants)
    notes: list = list(quiz.notes)
    if quiz.empty:
        return [], notes
    target = output_folder(out_dir, content.name)

    def job(fmt):
        def run_one(folder):
            names, fnotes = write_format(fmt, quiz, th, folder)
            notes.extend(f"{content.file}: {n}" for n in fnotes)
            return names
        return run_one
    files = write_outputs(target, [job(fmt) for fmt in formats])
    return files, notes
