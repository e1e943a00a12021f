"""Output formats: one registry from format name to writer.

A writer takes the planned deck, the content and the theme, and writes its
file(s) into a folder it is given (a fresh temporary folder; ``build`` moves
what it wrote into place only when every format has succeeded, so a writer
never needs to care about half-written output). It returns the names of the
files it wrote. Adding a format is adding an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import DeckgenError, did_you_mean, one_of


@dataclass(frozen=True)
class Writer:
    """A format: its name, what it is, and the function that writes it.

    ``write(deck, content, theme, folder) -> list[str]`` writes into ``folder``
    and returns the file names it wrote there.
    """

    name: str
    write: Callable
    doc: str = ""


def _pptx(deck, content, theme, folder: Path) -> list[str]:
    from .pptx_writer import write_pptx
    name = f"{content.name}.pptx"
    write_pptx(deck, theme, folder / name)
    return [name]


WRITERS: dict[str, Writer] = {}


def register(name: str, write: Callable, doc: str = "") -> None:
    """Add a format to the registry (its name is what ``--formats`` takes)."""
    WRITERS[name] = Writer(name, write, doc)


register("pptx", _pptx, "PowerPoint deck with native charts")


def _handout(fmt: str) -> Callable:
    """Return the writer of the reading handout in ``fmt`` (``pdf`` or ``docx``)."""
    def write(deck, content, theme, folder: Path) -> list[str]:
        from ..handout import file_name, write_handout
        name = file_name(content, fmt)
        write_handout(content, theme, folder / name, fmt, deck=deck)
        return [name]
    return write


register("handout-pdf", _handout("pdf"), "reading handout as PDF (reportlab, vector charts)")
register("handout-docx", _handout("docx"), "reading handout as an editable Word document")


def get_writers(names: list[str]) -> list[Writer]:
    """Return the writers for format names; an unknown name lists the known ones."""
    out = []
    for name in names:
        key = name.strip().lower()
        if key not in WRITERS:
            raise DeckgenError(f"found the format '{name}'; allowed: {one_of(WRITERS)}",
                               path="--formats", hint=did_you_mean(key, WRITERS))
        out.append(WRITERS[key])
    return out


# Quiz sheets and keys (PDF, DOCX) and LMS exports (GIFT, Moodle XML, QTI): deckgen/quiz.
def _register_quiz_formats() -> None:
    from ..quiz.formats import REGISTRY
    for name, (write, doc) in REGISTRY.items():
        register(name, write, doc)


_register_quiz_formats()
