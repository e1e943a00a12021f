"""The fitting engine: lay out every text box, and shrink what does not fit.

Every text box on every slide goes through :func:`fit`: its paragraphs are
wrapped with real font metrics; if they are taller than the box, every size
steps down (keeping their proportions) until they fit or the box's minimum
is reached. What still does not fit is reported as overflow: the storyline
prevents that for content blocks by continuing on a new slide, so overflow
is a bug the tests look for.
"""

from __future__ import annotations

from dataclasses import replace

from deckgen.content.markup import parse
from deckgen.layout.box import EMU_PER_PT
from deckgen.layout.placed import Para, TextBox
from deckgen.text.measure import Line, Piece, line_height, wrap

BULLET_INDENT = 1.1   # bullet hanging indent, as a multiple of the font size


def para_width(para: Para, box_w_pt: float) -> float:
    """Return the width a paragraph's lines may take, after its indent."""
    indent = para.style.size * BULLET_INDENT
    if para.bullet:
        return box_w_pt - indent * (para.level + 1)
    return box_w_pt - indent * para.level


def layout_para(para: Para, width_pt: float, spacing: float = 1.0) -> list[Line]:
    """Return the lines of one paragraph set in ``width_pt`` points."""
    st = para.style
    runs = para.runs if para.runs is not None else parse(para.text)
    pieces = [Piece(r.text, st.font, st.size, st.bold or r.bold, st.italic or r.italic, r.url,
                    st.color) for r in runs]
    if not pieces:
        pieces = [Piece("", st.font, st.size, st.bold, st.italic)]
    return wrap(pieces, max(para_width(para, width_pt), 1.0), spacing)


def text_height(paras: list[Para], width_pt: float, spacing: float = 1.0) -> float:
    """Return the height of the paragraphs laid out in ``width_pt``, in points."""
    total = 0.0
    for i, p in enumerate(paras):
        lines = layout_para(p, width_pt, spacing)
        total += sum(line.height for line in lines)
        if i:
            total += p.space_before
    return total


def _scaled(paras: list[Para], factor: float, floor: float) -> list[Para]:
    out = []
    for p in paras:
        size = max(round(p.style.size * factor * 2) / 2, min(floor, p.style.size))
        out.append(replace(p, style=replace(p.style, size=size),
                           space_before=p.space_before * factor))
    return out


def fit(tb: TextBox) -> TextBox:
    """Lay out a text box; shrink its text (not below ``min_size``) until it fits.

    Returns the box with ``layout`` filled in, ``shrunk_from`` set when it
    shrank and ``overflow`` (points) when even the minimum size did not fit.
    """
    ix, iy = tb.insets
    w = (tb.box.w - 2 * ix) / EMU_PER_PT
    h = (tb.box.h - 2 * iy) / EMU_PER_PT
    paras = tb.paras
    need = text_height(paras, w, tb.line_spacing)
    largest = max((p.style.size for p in paras), default=0)
    if need > h + 0.5 and tb.min_size:
        factor = 1.0
        while need > h + 0.5:
            factor -= 0.04
            trial = _scaled(tb.paras, factor, tb.min_size)
            need = text_height(trial, w, tb.line_spacing)
            paras = trial
            if all(p.style.size <= tb.min_size for p in trial) or factor < 0.3:
                break
        tb.shrunk_from = largest
    tb.paras = paras
    tb.layout = [layout_para(p, w, tb.line_spacing) for p in paras]
    tb.overflow = max(need - h, 0.0) if need > h + 0.5 else 0.0
    return tb


def height_of(paras: list[Para], width_emu: int, inset: int = 0, spacing: float = 1.0) -> int:
    """Return the EMU height the paragraphs need in a box ``width_emu`` wide."""
    w = (width_emu - 2 * inset) / EMU_PER_PT
    return int((text_height(paras, w, spacing) * EMU_PER_PT) + 2 * inset)


def lines_of(text: str, font: str, size: float, width_emu: int, bold: bool = False) -> int:
    """Return how many lines one piece of text takes in ``width_emu``."""
    pieces = [Piece(r.text, font, size, bold or r.bold, r.italic) for r in parse(text)] or \
        [Piece("", font, size)]
    return len(wrap(pieces, width_emu / EMU_PER_PT))


def single_line_height(font: str, size: float) -> int:
    """Return one line's height in EMU."""
    return int(line_height(font, size) * EMU_PER_PT)
