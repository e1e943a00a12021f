"""Text measurement with the font files themselves, and line breaking.

Widths come from the advance widths in the shipped TrueType files (Carlito
for Calibri, Liberation Sans for Arial, the Hangul face for wide characters),
so a line that fits here fits in PowerPoint and LibreOffice, which use
metric-identical fonts. Line height does not depend on the font: single
spacing is 1.2 × the size, with the baseline 0.2 × the size above the line's
foot, which is how PowerPoint sets slide text and how LibreOffice lays out a
pptx (measured with LibreOffice for Carlito, Liberation Sans and DejaVu Serif
at 90–150 % spacing; see ``tests/test_measure.py``).

Everything here works in points.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache

from deckgen.text.fontfiles import HANGUL, ON_NEW_FONTS, font_path, needs_wide_font
from deckgen.text.metrics import Kerning, UnsupportedFont, read_metrics


@dataclass(frozen=True)
class FontInfo:
    """Metrics of one font file, per em."""

    widths: dict          # codepoint -> advance width in em
    ascent: float
    descent: float        # positive
    line_gap: float

    @property
    def line_height(self) -> float:
        """Return single line spacing in em."""
        return self.ascent + self.descent + self.line_gap


@lru_cache(maxsize=64)
def font_info(font_name: str, bold: bool = False, italic: bool = False) -> FontInfo:
    """Return the metrics of the shipped face standing in for ``font_name``.

    Cached by name (a character's width asks for it each time); a theme that
    registers font files clears the cache (``ON_NEW_FONTS``), and the file's
    size and time key the read below, so an edited file is read again.
    """
    return _file_info(*_stamped(font_name, bold, italic))


def _stamped(font_name: str, bold: bool, italic: bool) -> tuple:
    """Return (the face's file, its size and modification time): what file caches key on."""
    path = font_path(font_name, bold, italic)
    try:
        st = path.stat()
        return path, (st.st_size, st.st_mtime_ns)
    except OSError:
        return path, None


@lru_cache(maxsize=32)
def _file_info(path, stamp) -> FontInfo:
    # cached by file (and its size and time), so Calibri and Carlito (one file)
    # are read once, and a font file edited between two builds is read again
    try:
        widths, ascent, descent, gap = read_metrics(path)
    except UnsupportedFont:
        return _file_info_fonttools(path)
    return FontInfo(widths, ascent, descent, gap)


def _file_info_fonttools(path) -> FontInfo:
    """Read a font ``ttfmetrics`` does not handle with fontTools (same values, slower)."""
    import logging

    from fontTools.ttLib import TTFont
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tt = TTFont(str(path), lazy=True)
    upm = tt["head"].unitsPerEm
    hmtx = tt["hmtx"].metrics
    widths = {cp: hmtx[glyph][0] / upm for cp, glyph in tt.getBestCmap().items()}
    hh = tt["hhea"]
    info = FontInfo(widths, hh.ascent / upm, -hh.descent / upm, hh.lineGap / upm)
    tt.close()
    return info


def char_width(ch: str, font: str, bold: bool = False, italic: bool = False) -> float:
    """Return the advance width of one character in em, falling back to the Hangul face."""
    cp = ord(ch)
    if not needs_wide_font(ch):
        w = font_info(font, bold, italic).widths.get(cp)
        if w is not None:
            return w
    w = font_info(HANGUL, bold).widths.get(cp)
    if w is not None:
        return w
    return 1.0 if needs_wide_font(ch) else 0.5   # no face has it: assume a plain glyph


@lru_cache(maxsize=65536)
def width(text: str, font: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the width of ``text`` set in ``font`` at ``size`` points, in points.

    Pairs of the font's own characters are kerned (``AV``, ``To``), as
    PowerPoint and LibreOffice set them; characters drawn from the Hangul
    fallback face are not.
    """
    em = sum(char_width(c, font, bold, italic) for c in text)
    if len(text) > 1:
        kern = kerning(font, bold, italic)
        if kern:
            em += sum(kern.pair(a, b) for a, b in zip(text, text[1:])
                      if not needs_wide_font(a) and not needs_wide_font(b))
    return em * size


@lru_cache(maxsize=256)
def kerning(font_name: str, bold: bool = False, italic: bool = False) -> Kerning | None:
    """Return the pair kerning of the shipped face standing in for ``font_name`` (None: none)."""
    return _file_kerning(*_stamped(font_name, bold, italic))


@lru_cache(maxsize=32)
def _file_kerning(path, stamp) -> Kerning | None:
    try:
        kern = Kerning(path)
    except (UnsupportedFont, struct.error, KeyError, IndexError, OSError):
        return None       # a font whose kerning we cannot read is measured without it
    return kern or None


#: Single line spacing as a multiple of the size, whatever the font (PowerPoint's rule).
SINGLE = 1.2
#: Where the baseline sits above the foot of its line, as a multiple of the size.
FOOT = 0.2


def line_height(font: str, size: float, spacing: float = 1.0) -> float:
    """Return the height of one line in points (single spacing × ``spacing``)."""
    return SINGLE * size * spacing


def ascent(font: str, size: float, spacing: float = 1.0) -> float:
    """Return how far below the top of its line the baseline sits, in points."""
    return line_height(font, size, spacing) - FOOT * size


@dataclass(frozen=True)
class Piece:
    """A run of text with one style, as placed on a line."""

    text: str
    font: str
    size: float
    bold: bool = False
    italic: bool = False
    url: str = ""
    color: str = ""

    def width(self) -> float:
        """Return the piece's width in points."""
        return width(self.text, self.font, self.size, self.bold, self.italic)


@dataclass(frozen=True)
class Line:
    """One laid-out line: its pieces and its width and height in points."""

    pieces: tuple[Piece, ...]
    width: float
    height: float
    ascent: float


def _tokens(pieces: list[Piece]):
    """Split styled pieces into break units: words (with their style) and spaces."""
    for p in pieces:
        word = ""
        for i, ch in enumerate(p.text):
            if ch == " ":
                if word:
                    yield ("word", Piece(word, p.font, p.size, p.bold, p.italic, p.url, p.color))
                    word = ""
                yield ("space", Piece(" ", p.font, p.size, p.bold, p.italic, p.url, p.color))
            elif ch == "\n":
                if word:
                    yield ("word", Piece(word, p.font, p.size, p.bold, p.italic, p.url, p.color))
                    word = ""
                yield ("break", p)
            else:
                if ch == "/" and word and word[-1] not in "/:" and "://" in p.text:
                    # a link breaks before a slash between its parts, as LibreOffice breaks it
                    yield ("word", Piece(word, p.font, p.size, p.bold, p.italic, p.url, p.color))
                    word = ""
                word += ch
                if (ch in BREAK_AFTER and len(word) > 1 and i + 1 < len(p.text)
                        and p.text[i + 1] not in " \n" and not p.text[i + 1].isdigit()):
                    # a line may break after a hyphen or dash, as PowerPoint and
                    # LibreOffice break "step-by-step" (but not "-5" or "2019-20")
                    yield ("word", Piece(word, p.font, p.size, p.bold, p.italic, p.url, p.color))
                    word = ""
        if word:
            yield ("word", Piece(word, p.font, p.size, p.bold, p.italic, p.url, p.color))


#: Characters a line may break after inside a word (Unicode's hyphen and dash breaks).
BREAK_AFTER = "-\u2010\u2013\u2014"


def _cut(chunk: str) -> int:
    """Where to cut a word too wide for its line, or 0 for between characters.

    The last break the word offers wins, as LibreOffice takes it: after a
    hyphen or dash, or before a slash that starts a URL's next part (not
    inside ``https://``).
    """
    best = 0
    for k in range(1, len(chunk)):
        if chunk[k - 1] in BREAK_AFTER or (chunk[k] == "/" and chunk[k - 1] not in "/:"):
            best = k
    return best


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for p in pieces:
        if out and (out[-1].font, out[-1].size, out[-1].bold, out[-1].italic, out[-1].url,
                    out[-1].color) == (p.font, p.size, p.bold, p.italic, p.url, p.color):
            out[-1] = Piece(out[-1].text + p.text, p.font, p.size, p.bold, p.italic, p.url, p.color)
        else:
            out.append(p)
    return tuple(out)


def wrap(pieces: list[Piece], max_width: float, spacing: float = 1.0) -> list[Line]:
    """Break styled text into lines no wider than ``max_width`` points.

    Lines break at spaces, as PowerPoint does, and after hyphens; a word wider
    than the line is broken at its last hyphen or link slash, else between
    characters, rather than left to overflow. Trailing spaces do not count
    towards a line's width. Remembered: the composer sets the same paragraph
    at the same width in several of the layouts it compares.
    """
    return list(_wrap(tuple(pieces), max_width, spacing))


@lru_cache(maxsize=32768)
def _wrap(pieces: tuple[Piece, ...], max_width: float, spacing: float) -> tuple[Line, ...]:
    lines: list[Line] = []
    cur: list[Piece] = []
    cur_w = 0.0
    pending_space: list[Piece] = []

    def finish() -> None:
        nonlocal cur, cur_w
        size = max((p.size for p in cur), default=pieces[0].size if pieces else 12)
        font = cur[0].font if cur else (pieces[0].font if pieces else "Calibri")
        lh = max((line_height(p.font, p.size, spacing) for p in cur),
                 default=line_height(font, size, spacing))
        asc = max((ascent(p.font, p.size, spacing) for p in cur),
                  default=ascent(font, size, spacing))
        lines.append(Line(_merge(cur), cur_w, lh, asc))
        cur, cur_w = [], 0.0

    for kind, piece in _tokens(pieces):
        if kind == "break":
            finish()
            pending_space.clear()
            continue
        if kind == "space":
            if cur:
                pending_space.append(piece)
            continue
        w = piece.width()
        sp = sum(s.width() for s in pending_space)
        if cur and cur_w + sp + w > max_width:
            finish()
            pending_space.clear()
            sp = 0.0
        if not cur and w > max_width:
            # a single word wider than the box: break it between characters
            chunk = ""
            for ch in piece.text:
                trial = chunk + ch
                if chunk and width(trial, piece.font, piece.size, piece.bold, piece.italic) > max_width:
                    # the last break the text allows, counting one before the character
                    # that did not fit ("…path" | "/1")
                    k = _cut(trial) or len(chunk)
                    head, chunk = trial[:k], trial[k:]
                    cur = [Piece(head, piece.font, piece.size, piece.bold, piece.italic, piece.url, piece.color)]
                    cur_w = width(head, piece.font, piece.size, piece.bold, piece.italic)
                    finish()
                else:
                    chunk = trial
            piece = Piece(chunk, piece.font, piece.size, piece.bold, piece.italic, piece.url, piece.color)
            w = piece.width()
        cur.extend(pending_space)
        pending_space.clear()
        cur.append(piece)
        cur_w += sp + w
    if cur or not lines:
        finish()
    return tuple(lines)


# a theme that registers its own font files makes earlier measurements stale
ON_NEW_FONTS.extend([font_info.cache_clear, width.cache_clear, kerning.cache_clear,
                     _file_kerning.cache_clear, _wrap.cache_clear])
