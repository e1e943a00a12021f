"""Handouts: documents to read after the talk, as PDF and DOCX.

Two steps, as for the deck: a *style* turns content into a format-neutral
:class:`~deckgen.handout.blocks.Handout` (pure), then a *format* renders
those blocks (``pdf`` with reportlab, ``docx`` with python-docx). A new
style is a function in :data:`STYLES`; a new format a function in
:data:`FORMATS`; neither touches the other.

The ``slides`` (three slides a page with lines for notes; 1, 2, 4 or 6 on
request) and ``notes`` (one slide a page with its speaker notes) styles
place pictures of the slides from the preview painter
(:mod:`deckgen.handout.slides`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from deckgen.errors import DeckgenError, did_you_mean, one_of
from deckgen.content.model import Content
from deckgen.theme.theme import Theme, paper
from deckgen.handout.blocks import Handout


def _reading(content: Content, theme: Theme, deck=None, per_page=None) -> Handout:
    from deckgen.handout.reading import reading
    return reading(content, theme, deck)


def _slides(content: Content, theme: Theme, deck=None, per_page=None) -> Handout:
    from deckgen.handout.slides import slides
    return slides(content, theme, deck, per_page)


def _notes(content: Content, theme: Theme, deck=None, per_page=None) -> Handout:
    from deckgen.handout.slides import notes
    return notes(content, theme, deck, per_page)


#: style name -> function(content, theme, deck, per_page) -> Handout
STYLES: dict[str, Callable] = {"reading": _reading, "slides": _slides, "notes": _notes}


def _pdf(handout: Handout, theme: Theme, path: Path) -> None:
    from deckgen.handout.pdf import write_pdf
    write_pdf(handout, theme, path)


def _docx(handout: Handout, theme: Theme, path: Path) -> None:
    from deckgen.handout.docx import write_docx
    write_docx(handout, theme, path)


#: format name -> function(handout, theme, path)
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
    from deckgen.handout.slides import check_per_page
    check_style(style)
    check_per_page(per_page, style)


def make_handout(content: Content, theme: Theme, style: str = "reading", deck=None,
                 per_page=None) -> Handout:
    """Return the handout's blocks for ``content`` in ``style``."""
    check_options(style, per_page)
    return STYLES[style](content, theme, deck, per_page)


def write_handout(content: Content, theme: Theme, path: Path, fmt: str,
                  style: str = "reading", deck=None, per_page=None) -> Handout:
    """Write the handout in ``fmt`` (``pdf`` or ``docx``) at ``path``; return its blocks."""
    handout, page = prepare(content, theme, style, deck, per_page)
    FORMATS[fmt](handout, page, Path(path))
    return handout


def prepare(content: Content, theme: Theme, style: str = "reading", deck=None,
            per_page=None) -> tuple[Handout, Theme]:
    """Return the handout's blocks and the theme its pages are printed in.

    Pages are printed on paper, so they use :func:`deckgen.theme.paper` (a dark
    theme's colours made to read on white); slide pictures keep the deck's look.
    """
    page = paper(theme)
    return make_handout(content, page if style == "reading" else theme, style, deck,
                        per_page), page
