"""``deckgen validate``: check content files and list every problem."""

from __future__ import annotations

from deckgen.cli.main import report
from deckgen.content.course import is_course, load_course, load_lecture
from deckgen.content.loader import load
from deckgen.errors import DeckgenError

NAME = "validate"
HELP = "check content files and list every problem"
DESCRIPTION = "Check content files without writing anything."
EPILOG = """\
examples:
  deckgen validate content/south-korea-briefing.yaml
  deckgen validate content/*.yaml
  deckgen validate content/course/course.yaml
      checks a course file and every lecture it lists

Prints every problem in each file (file:line:column, key path, what was
found and what is allowed) and writes nothing. Exit code 2 when any file
has problems.
"""


def add_arguments(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="content file(s) (.yaml)")


def run(args) -> int:
    status = 0
    for f in args.files:
        if _is_course(f):
            status = max(status, _validate_course(f))
            continue
        try:
            load(f)
        except DeckgenError as exc:
            report(exc)
            status = max(status, exc.exit_code)
            continue
        print(f"{f}: ok")
    return status


def _is_course(f) -> bool:
    return is_course(f)


def _validate_course(f) -> int:
    """Check a course file and each of its lectures; return the exit status."""
    try:
        course = load_course(f)
    except DeckgenError as exc:
        report(exc)
        return exc.exit_code
    print(f"{f}: ok")
    status = 0
    for lecture in course.lectures:
        try:
            load_lecture(course, lecture)
        except DeckgenError as exc:
            report(exc)
            status = max(status, exc.exit_code)
            continue
        print(f"{lecture.path}: ok")
    return status
