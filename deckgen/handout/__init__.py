"""Handouts: documents to read after the talk, as PDF and DOCX.

Two steps, as for the deck: a *style* turns content into a format-neutral
:class:`~deckgen.handout.blocks.Handout` (pure), then a *format* renders
those blocks (``pdf`` with reportlab, ``docx`` with python-docx). A new
style is a function in :data:`STYLES`; a new format a function in
:data:`FORMATS`; neither touches the other.

The ``slides`` (three slides a page with lines for notes) and ``notes``
(one slide a page with its speaker notes) styles need pictures of the
slides from the preview painter; until deckgen has one they are listed in
:data:`PLANNED` and asking for them is a clear error, not a fake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import DeckgenError, did_you_mean, one_of
from ..model import Content
from ..theme import Theme
from .blocks import Handout


def _reading(content: Content, theme: Theme, deck=None) -> Handout:
    from .reading import reading
    return reading(content, theme, deck)


#: style name -> function(content, theme, deck) -> Handout
STYLES: dict[str, Callable] = {"reading": _reading}

#: styles designed but not yet buildable, and what they wait for
PLANNED: dict[str, str] = {
    "slides": "slide pictures from the preview painter (three slides a page with lines "
              "for notes)",
    "notes": "slide pictures from the preview painter (one slide a page with its "
             "speaker notes)",
}


def _pdf(handout: Handout, theme: Theme, path: Path) -> None:
    from .pdf import write_pdf
    write_pdf(handout, theme, path)


def _docx(handout: Handout, theme: Theme, path: Path) -> None:
    from .docx import write_docx
    write_docx(handout, theme, path)


#: format name -> function(handout, theme, path)
FORMATS: dict[str, Callable] = {"pdf": _pdf, "docx": _docx}


def check_style(style: str) -> None:
    """Raise a :class:`DeckgenError` unless ``style`` can be built now."""
    if style in STYLES:
        return
    if style in PLANNED:
        raise DeckgenError(
            f"found the handout style '{style}', which needs {PLANNED[style]}; handouts "
            f"cannot use slide pictures yet; allowed: {one_of(STYLES)}", path="--style")
    known = list(STYLES) + list(PLANNED)
    raise DeckgenError(f"found the handout style '{style}'; allowed: {one_of(known)}",
                       path="--style", hint=did_you_mean(style, known))


def file_name(content: Content, fmt: str, style: str = "reading") -> str:
    """Return the handout's file name: ``<name>-handout.pdf`` (other styles add theirs)."""
    suffix = "" if style == "reading" else f"-{style}"
    return f"{content.name}-handout{suffix}.{fmt}"


def make_handout(content: Content, theme: Theme, style: str = "reading", deck=None) -> Handout:
    """Return the handout's blocks for ``content`` in ``style``."""
    check_style(style)
    return STYLES[style](content, theme, deck)


def write_handout(content: Content, theme: Theme, path: Path, fmt: str,
                  style: str = "reading", deck=None) -> Handout:
    """Write the handout in ``fmt`` (``pdf`` or ``docx``) at ``path``; return its blocks."""
    handout = make_handout(content, theme, style, deck)
    FORMATS[fmt](handout, theme, Path(path))
    return handout
