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
from deckgen.quiz.formats import REGISTRY


@dataclass(frozen=True)
class Writer:
    """A format: its name, what it is, and the function that writes it.

    ``write(build, folder) -> list[str]`` writes into ``folder`` from the
    build object (:class:`deckgen.build.pipeline.Build`) and returns the file
    names it wrote there. ``default`` formats are what ``deckgen build``
    writes when no ``--formats`` are given. ``needs`` names the parts of the
    build the writer reads (``placed``, ``deck``, ``quiz``), so they are
    computed once before writers run side by side; ``prime(build)`` draws
    ahead the pictures the writer will ask the build for. Writers of one
    ``family`` run in one process (they share what they compute).
    """

    name: str
    write: Callable
    doc: str = ""
    default: bool = True
    needs: tuple[str, ...] = ()
    family: str = ""
    prime: Callable | None = None


def _pptx(build, folder: Path) -> list[str]:
    # the pptx writer is python-pptx's boundary: imported only when a deck is written
    from deckgen.render.pptx_writer import write_pptx
    name = f"{build.content.name}.pptx"
    write_pptx(build.placed, build.theme, folder / name)
    return [name]


WRITERS: dict[str, Writer] = {}


def register(name: str, write: Callable, doc: str = "", default: bool = True,
             needs: tuple[str, ...] = (), family: str = "",
             prime: Callable | None = None) -> None:
    """Add a format to the registry (its name is what ``--formats`` takes)."""
    WRITERS[name] = Writer(name, write, doc, default, needs, family, prime)


def default_formats() -> list[str]:
    """Return the formats ``deckgen build`` writes unless ``--formats`` says otherwise."""
    return [name for name, w in WRITERS.items() if w.default]


register("pptx", _pptx, "PowerPoint deck with native charts", needs=("placed",))


def _html(build, folder: Path) -> list[str]:
    # the HTML writer embeds fonts with fontTools: loaded only when a page is written
    from deckgen.render.html import write_html
    name = f"{build.content.name}.html"
    write_html(build.placed, build.theme, build.content, folder / name)
    return [name]


register("html", _html, "the deck as one self-contained web page (keys, notes, print)",
         default=False, needs=("placed",))


def _slides_pdf(build, folder: Path) -> list[str]:
    # Typst and the handout's chart drawing: loaded only when the slides PDF is written
    from deckgen.render.pdf_slides import write_slides_pdf
    name = f"{build.content.name}-slides.pdf"
    write_slides_pdf(build.placed, build.theme, build.content, folder / name, build.picture)
    return [name]


# In the default set: it costs about 0.11 s for the example briefing (25 slides, 3
# charts; 0.32 s while its charts were drawn with matplotlib), under the 0.3 s
# budget (benchmarks/pdf_cost.py).
def _prime_slides_pdf(build) -> None:
    # the slides PDF's module (Typst) is imported only when it is written
    from deckgen.render.pdf_slides import prime
    prime(build)


register("slides-pdf", _slides_pdf,
         "the slides as a tagged PDF/UA, one 16:9 page a slide (text and charts as vectors)",
         needs=("placed",), prime=_prime_slides_pdf)


def _handout(fmt: str, style: str = "reading") -> Callable:
    """Return the writer of the handout in ``style`` and ``fmt`` (``pdf`` or ``docx``)."""
    def write(build, folder: Path) -> list[str]:
        # the handout package is where Typst (PDF) and python-docx are reached from
        from deckgen.handout.api import file_name, write_handout
        name = file_name(build.content, fmt, style)
        write_handout(build, folder / name, fmt, style)
        return [name]
    return write


def _prime(style: str) -> Callable:
    """Return what draws the pictures of a handout in ``style`` ahead of the writers."""
    def prime(build) -> None:
        # the handout package is imported only when a handout is written (see _handout)
        from deckgen.handout.api import prime_pictures
        prime_pictures(build, style)
    return prime


_READING = dict(needs=("deck",), prime=_prime("reading"))
_SHOTS = dict(needs=("placed",), prime=_prime("slides"))


register("handout-pdf", _handout("pdf"),
         "reading handout as tagged PDF/UA (Typst, vector charts)", **_READING)
register("handout-docx", _handout("docx"), "reading handout as an editable Word document",
         **_READING)
# Slide pictures cost a painting of every slide (about 0.1 s each), so these are
# written when asked for (--formats, or `deckgen handout --style slides|notes`);
# the four share one painting of the deck.
register("handout-slides-pdf", _handout("pdf", "slides"), **_SHOTS, doc=
         "slide handout as PDF: three slides a page with lines for notes", default=False)
register("handout-slides-docx", _handout("docx", "slides"), **_SHOTS, doc=
         "slide handout as a Word document", default=False)
register("handout-notes-pdf", _handout("pdf", "notes"), **_SHOTS, doc=
         "notes pages as PDF: each slide with its speaker notes", default=False)
register("handout-notes-docx", _handout("docx", "notes"), **_SHOTS, doc=
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
    for name, (write, doc) in REGISTRY.items():
        register(name, write, doc, needs=("quiz",))


_register_quiz_formats()
