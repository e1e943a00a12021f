"""The handout styles and formats, and writing a handout from a build.

A style (``reading``, ``slides``, ``notes``) turns the build into blocks
(:mod:`deckgen.handout.blocks`); a format (``pdf``, ``docx``) renders them.
"""


from __future__ import annotations

from pathlib import Path
from typing import Callable

from deckgen.content.model import Content
from deckgen.errors import DeckgenError, did_you_mean, one_of
from deckgen.handout import drawings, reading, slides
from deckgen.handout.layout import frame_width
from deckgen.handout.blocks import Handout
from deckgen.handout.docx import write_docx
from deckgen.handout.pdf import write_pdf
# submodules bound by their own names (a function named like one would hide it)


def _reading(build, per_page=None) -> Handout:
    return reading.reading(build.content, build.paper, build.deck)


#: style name -> function(build, per_page) -> Handout
STYLES: dict[str, Callable] = {"reading": _reading, "slides": slides.slides,
                               "notes": slides.notes}


def _pdf(handout: Handout, theme, path: Path, pictures=None) -> None:
    # Typst compiles the PDF (deckgen.render.pdf_typst is its one boundary)
    write_pdf(handout, theme, path, pictures)


def _docx(handout: Handout, theme, path: Path, pictures=None) -> None:
    # python-docx's boundary: imported when a DOCX is written
    write_docx(handout, theme, path, pictures)


#: format name -> function(handout, theme, path, pictures)
FORMATS: dict[str, Callable] = {"pdf": _pdf, "docx": _docx}


def check_style(style: str) -> None:
    """Raise a :class:`DeckgenError` unless ``style`` is a handout style."""
    if style in STYLES:
        return
    raise DeckgenError(f"found the handout style '{style}'; allowed: {one_of(STYLES)}",
                       path="--style", hint=did_you_mean(style, list(STYLES)))


def file_name(content: Content, fmt: str, style: str = "reading") -> str:
    """Return the handout's file name: ``<name>-handout.pdf`` (other styles add theirs)."""
    suffix = "" if style == "reading" else f"-{style}"
    return f"{content.name}-handout{suffix}.{fmt}"


def check_options(style: str, per_page=None) -> None:
    """Raise a :class:`DeckgenError` unless ``style`` and ``per_page`` go together.

    ``per_page`` (slides a page: 1, 2, 3, 4 or 6) is for the ``slides`` style only.
    """
    check_style(style)
    slides.check_per_page(per_page, style)


def make_handout(build, style: str = "reading", per_page=None) -> Handout:
    """Return the handout's blocks for the build (:class:`deckgen.build.pipeline.Build`)."""
    check_options(style, per_page)
    return build.picture(("handout", style, per_page), lambda: STYLES[style](build, per_page))


def write_handout(build, path: Path, fmt: str, style: str = "reading",
                  per_page=None) -> Handout:
    """Write the handout in ``fmt`` (``pdf`` or ``docx``) at ``path``; return its blocks.

    Pages are printed on paper, so they use the build's paper theme (a dark
    theme's colours made to read on white); slide pictures keep the deck's look.
    """
    handout = make_handout(build, style, per_page)
    FORMATS[fmt](handout, build.paper, Path(path), build.picture)
    return handout


def prime_pictures(build, style: str) -> None:
    """Draw the pictures a handout in ``style`` shows, once, before its writers run."""
    if style == "reading":
        handout = make_handout(build, style)
        frame_w = frame_width(build.content.language)
        drawings.prime(handout, build.paper, build.picture, frame_w)   # SVG for PDF and Word
    else:
        slides.shots(build)
