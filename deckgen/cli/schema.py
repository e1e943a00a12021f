"""``deckgen schema``: the content format as JSON Schema or as a Markdown reference."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from deckgen.content.course import content_reference, course_json_schema
from deckgen.content.loader import content_json_schema
from deckgen.errors import DeckgenError, Loc

NAME = "schema"
HELP = "print the JSON Schema of content files (or the Markdown reference)"
DESCRIPTION = ("Print a JSON Schema (draft 2020-12) of the content format, made from the "
               "same declarations deckgen validates with, with a description on every key. "
               "Point your editor at it to complete keys and flag mistakes as you type.")
EPILOG = """\
examples:
  deckgen schema > deckgen.schema.json
      then add this first line to a content file:
      # yaml-language-server: $schema=deckgen.schema.json
  deckgen schema --course > deckgen-course.schema.json
      the schema of course files (lecture series)
  deckgen schema --markdown > docs/content-reference.md
      the reference of every key: type, meaning, example
"""


def add_arguments(p) -> None:
    p.add_argument("--markdown", action="store_true",
                   help="print the Markdown reference of every key instead")
    p.add_argument("--course", action="store_true",
                   help="print the JSON Schema of course files instead of content files")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write to FILE (UTF-8) instead of printing")


def render(markdown: bool = False, course: bool = False) -> str:
    """Return what ``deckgen schema`` prints for these options."""
    if markdown:
        return content_reference()
    if course:
        doc = course_json_schema()
    else:
        doc = content_json_schema()
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def run(args) -> int:
    if args.markdown and args.course:
        raise DeckgenError("found both --markdown and --course; allowed: one of them (the "
                           "Markdown reference covers course files too)", path="--course")
    text = render(args.markdown, args.course)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise DeckgenError(f"cannot write the file: {exc.strerror}; allowed: a path you "
                               "can write to", Loc(args.output)) from None
        print(f"wrote {args.output}")
        return 0
    sys.stdout.write(text)
    return 0
