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

from deckgen.errors import DeckgenError, did_you_mean, one_of


@dataclass(frozen=True)
class Writer:
    """A format: its name, what it is, and the function that writes it.

    ``write(deck, content, theme, folder) -> list[str]`` writes into ``folder``
    and returns the file names it wrote there. ``default`` formats are what
    ``deckgen build`` writes when no ``--formats`` are given.
    """

    name: str
    write: Callable
    doc: str = ""
    default: bool = True


def _pptx(deck, content, theme, folder: Path) -> list[str]:
    from deckgen.render.pptx_writer import write_pptx
    name = f"{content.name}.pptx"
    write_pptx(deck, theme, folder / name)
    return [name]


WRITERS: dict[str, Writer] = {}


def register(name: str, write: Callable, doc: str = "", default: bool = True) -> None:
    """Add a format to the registry (its name is what ``--formats`` takes)."""
    WRITERS[name] = Writer(name, write, doc, default)


def default_formats() -> list[str]:
    """Return the formats ``deckgen build`` writes unless ``--formats`` says otherwise."""
    return [name for name, w in WRITERS.items() if w.default]


register("pptx", _pptx, "PowerPoint deck with native charts")


def _html(deck, content, theme, folder: Path) -> list[str]:
    from deckgen.deck.design import design
    from deckgen.render.html import write_html
    write_html(design(deck, theme), theme, content, folder / f"{content.name}.html")
    return [f"{content.name}.html"]


register("html", _html, "the deck as one self-contained web page (keys, notes, print)",
         default=False)


def _handout(fmt: str, style: str = "reading") -> Callable:
    """Return the writer of the handout in ``style`` and ``fmt`` (``pdf`` or ``docx``)."""
    def write(deck, content, theme, folder: Path) -> list[str]:
        from deckgen.handout import file_name, write_handout
        name = file_name(content, fmt, style)
        write_handout(content, theme, folder / name, fmt, style, deck=deck)
        return [name]
    return write


register("handout-pdf", _handout("pdf"), "reading handout as PDF (reportlab, vector charts)")
register("handout-docx", _handout("docx"), "reading handout as an editable Word document")
# Slide pictures cost a painting of every slide (about 0.1 s each), so these are
# written when asked for (--formats, or `deckgen handout --style slides|notes`);
# the four share one painting of the deck.
register("handout-slides-pdf", _handout("pdf", "slides"),
         "slide handout as PDF: three slides a page with lines for notes", default=False)
register("handout-slides-docx", _handout("docx", "slides"),
         "slide handout as a Word document", default=False)
register("handout-notes-pdf", _handout("pdf", "notes"),
         "notes pages as PDF: each slide with its speaker notes", default=False)
register("handout-notes-docx", _handout("docx", "notes"),
         "notes pages as a Word document", default=False)


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
    from deckgen.quiz.formats import REGISTRY
    for name, (write, doc) in REGISTRY.items():
        register(name, write, doc)


_register_quiz_formats()
