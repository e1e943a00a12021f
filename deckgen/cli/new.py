"""``deckgen new``: write a starter content file with every block, ready to build."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from deckgen.content.loader import content_json_schema
from deckgen.errors import DeckgenError, Loc

NAME = "new"
HELP = "write a starter content file to edit"
DESCRIPTION = ("Write NAME.yaml: a content file with every block present, each with a "
               "comment and an example, valid as written (it builds). Also writes "
               "deckgen.content.grammar.json beside it, so editors complete keys and flag mistakes.")
EPILOG = """\
examples:
  deckgen new my-briefing
      writes my-briefing.yaml (a briefing) and deckgen.schema.json
  deckgen new week-1 --kind lecture --out lectures/
      writes lectures/week-1.yaml
  deckgen build my-briefing.yaml
      builds the starter as it is: a deck to look at before you edit
"""

KINDS = ("briefing", "lecture")
SCHEMA_FILE = "deckgen.content.grammar.json"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$")


def add_arguments(p) -> None:
    p.add_argument("name", metavar="NAME", help="the file's name, e.g. my-talk (writes "
                   "my-talk.yaml); it also becomes the deck's title")
    p.add_argument("--kind", choices=KINDS, default="briefing",
                   help="briefing (default) or lecture: which storyline the starter follows")
    p.add_argument("--out", metavar="DIR", default=".",
                   help="the folder to write into (default: the current folder)")
    p.add_argument("--force", action="store_true", help="replace a file that exists already")


def starter(kind: str, title: str, file_name: str, today: date | None = None) -> str:
    """Return the starter content file for ``kind`` with ``title`` filled in."""
    text = (Path(__file__).resolve().parent.parent / "starters" / f"{kind}.yaml").read_text(
        encoding="utf-8")
    today = today or date.today()
    # a JSON string is a valid YAML double-quoted scalar: any title is safe
    return (text.replace("@@TITLE@@", json.dumps(title, ensure_ascii=False))
                .replace("@@DATE@@", f"{today.year:04d}-{today.month:02d}")
                .replace("@@FILE@@", file_name))


#: Words a title keeps in lower case unless they come first (as style guides set titles).
_SMALL = frozenset("a an and as at but by for from in into nor of on or over per the to "
                   "up via vs with".split())


def title_from(name: str) -> str:
    """Return a deck title from a file name: ``second-thomas-shoal`` -> ``Second Thomas Shoal``.

    Words are capitalised as a title is, small words (``of``, ``the``, ``and``) kept in
    lower case after the first; a word written with a capital or a digit (``NATO``,
    ``iPhone``, ``2024``) stays as written.
    """
    words = re.sub(r"[-_]+", " ", name).split()
    out = []
    for i, w in enumerate(words):
        if w != w.lower() or any(ch.isdigit() for ch in w) or (i and w in _SMALL):
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def run(args) -> int:
    name = args.name[:-5] if args.name.lower().endswith(".yaml") else args.name
    if not _NAME.match(name):
        raise DeckgenError(f"found the name '{args.name}'; allowed: a file name of letters, "
                           "digits, spaces, '-', '_' and '.', without folders (give the "
                           "folder with --out DIR)", path="NAME")
    out = Path(args.out)
    target = out / f"{name}.yaml"
    if target.exists() and not args.force:
        raise DeckgenError("the file exists already; allowed: a new name, or --force to "
                           "replace it", Loc(str(target)))
    try:
        out.mkdir(parents=True, exist_ok=True)
        target.write_text(starter(args.kind, title_from(name), target.name), encoding="utf-8")
    except OSError as exc:
        raise DeckgenError(f"cannot write the file: {exc.strerror}; allowed: a folder you "
                           "can write to (use --out DIR)", Loc(str(target))) from None
    print(f"wrote {target} (a {args.kind} with every block; edit it, then: "
          f"deckgen build {target})")
    schema = out / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(json.dumps(content_json_schema(), indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"wrote {schema} (lets editors complete keys and flag mistakes; see the README)")
    return 0
