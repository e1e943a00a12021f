"""The font files deckgen ships, and which one stands in for a theme's font.

Themes name the fonts a deck uses in PowerPoint (Calibri, Arial). deckgen
measures and draws with metric-compatible open fonts shipped in
``deckgen/fonts`` (Carlito for Calibri, Liberation Sans for Arial), and with
a Hangul face for Korean text, so measurements, previews and PDFs agree
with what PowerPoint shows.

A theme may name a font deckgen does not ship by giving its files
(``font_files:`` in the theme); :func:`register_font_files` records them and
every measurement, preview and PDF then uses those files for that name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

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


# theme font name (lower case) -> {style name: Path}, from themes' ``font_files``
_CUSTOM: dict[str, dict[str, Path]] = {}


def register_font_files(font_name: str, files: dict[str, Path]) -> None:
    """Measure and draw ``font_name`` with the given files from now on.

    ``files`` maps ``Regular`` (required), ``Bold``, ``Italic`` and
    ``BoldItalic`` to TrueType/OpenType files; a missing style falls back to
    the nearest one given. Registering other files for a name clears the
    measurement caches, so nothing measured with the old files is reused.
    """
    key = font_name.strip().lower()
    files = {k: Path(v) for k, v in files.items()}
    if _CUSTOM.get(key) == files:
        return
    _CUSTOM[key] = files
    _clear_caches()


#: functions that forget what was measured with the fonts (the measuring modules add theirs)
ON_NEW_FONTS: list = []


def _clear_caches() -> None:
    font_path.cache_clear()
    for forget in ON_NEW_FONTS:
        forget()


def family_for(font_name: str) -> str:
    """Return the family that draws a theme font: a shipped stand-in (Carlito by
    default), or ``Custom-<name>`` for a font registered from a theme's files."""
    key = font_name.strip().lower()
    if key in _CUSTOM:
        return "Custom-" + re.sub(r"[^A-Za-z0-9]+", "", font_name.strip())
    return _STAND_INS.get(key, "Carlito")


def is_known(font_name: str) -> bool:
    """True when deckgen has faces for this font name (shipped or from a theme)."""
    key = font_name.strip().lower()
    return key in _STAND_INS or key in _CUSTOM


def stand_in(font_name: str) -> str:
    """Return what measures ``font_name``, for people: a shipped family or a file name."""
    key = font_name.strip().lower()
    if key in _CUSTOM:
        return _CUSTOM[key]["Regular"].name
    return _STAND_INS.get(key, "Carlito")


@lru_cache(maxsize=64)
def font_path(font_name: str, bold: bool = False, italic: bool = False) -> Path:
    """Return the .ttf file that draws ``font_name`` in the given style.

    ``font_name`` is a theme font (``Calibri``) or a shipped family
    (``Carlito``, ``DeckgenHangul``). The Hangul face has no italic; its
    upright style is returned for italic requests.
    """
    style = _STYLES[(bold, italic)]
    custom = _CUSTOM.get(font_name.strip().lower())
    if custom is not None:
        for cand in (style, "Bold" if bold else "Italic" if italic else "Regular", "Regular"):
            if cand in custom:
                return custom[cand]
    family = HANGUL if font_name == HANGUL else family_for(font_name)
    if family == HANGUL:
        style = "Bold" if bold else "Regular"
    return FONT_DIR / f"{family}-{style}.ttf"


def needs_wide_font(ch: str) -> bool:
    """True for characters the Latin faces lack: Hangul, CJK and other wide glyphs."""
    return unicodedata.east_asian_width(ch) in ("W", "F")
