"""The font files deckgen ships, and which one stands in for a theme's font.

Themes name the fonts a deck uses in PowerPoint (Calibri, Arial). deckgen
measures and draws with metric-compatible open fonts shipped in
``deckgen/fonts`` (Carlito for Calibri, Liberation Sans for Arial), and with
a Hangul face for Korean text, so measurements, previews and PDFs agree
with what PowerPoint shows.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# theme font name (lower case) -> shipped family file prefix
_STAND_INS = {
    "calibri": "Carlito", "carlito": "Carlito", "calibri light": "Carlito",
    "arial": "LiberationSans", "liberation sans": "LiberationSans", "helvetica": "LiberationSans",
    "helvetica neue": "LiberationSans", "arial narrow": "LiberationSans",
}
#: The family used for Hangul and other wide (East Asian) characters.
HANGUL = "DeckgenHangul"
_STYLES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
           (True, True): "BoldItalic"}


def family_for(font_name: str) -> str:
    """Return the shipped family that stands in for a theme font (Carlito by default)."""
    return _STAND_INS.get(font_name.strip().lower(), "Carlito")


def is_known(font_name: str) -> bool:
    """True when deckgen ships a metric-compatible face for this font name."""
    return font_name.strip().lower() in _STAND_INS


@lru_cache(maxsize=64)
def font_path(font_name: str, bold: bool = False, italic: bool = False) -> Path:
    """Return the .ttf file that draws ``font_name`` in the given style.

    ``font_name`` is a theme font (``Calibri``) or a shipped family
    (``Carlito``, ``DeckgenHangul``). The Hangul face has no italic; its
    upright style is returned for italic requests.
    """
    family = HANGUL if font_name == HANGUL else family_for(font_name)
    style = _STYLES[(bold, italic)]
    if family == HANGUL:
        style = "Bold" if bold else "Regular"
    return FONT_DIR / f"{family}-{style}.ttf"


def needs_wide_font(ch: str) -> bool:
    """True for characters the Latin faces lack: Hangul, CJK and other wide glyphs."""
    return unicodedata.east_asian_width(ch) in ("W", "F")
