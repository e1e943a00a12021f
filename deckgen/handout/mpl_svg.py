"""A matplotlib Figure as SVG with real text: how charts go into the PDFs.

The PDFs are compiled by Typst (:mod:`deckgen.render.pdf_typst`), which
places an SVG as vectors. Text is written as SVG ``<text>`` in the figure's
own font families (``svg.fonttype: none``), not as outlines, so Typst sets
it with the shipped, embedded faces (Hangul included): chart labels in the
PDF are real, searchable text and the chart stays sharp at any zoom. The
hash salt and the missing date make the same chart give the same bytes.

One limit: the SVG renderer sets a label that mixes Korean and Latin in one
face (the Hangul face, whose Latin letters are drawn too), where the
handout's own text switches faces at each run.
"""

from __future__ import annotations

import io

from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG

from deckgen.handout.charts_mpl import theme_style
from deckgen.theme.theme import Theme


def figure_svg(fig, theme: Theme) -> bytes:
    """Return ``fig`` as SVG bytes, its text as text, drawn in the theme's style."""
    with theme_style(theme), rc_context({"svg.fonttype": "none", "svg.hashsalt": "deckgen"}):
        FigureCanvasSVG(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, transparent=True)
    return buf.getvalue()



def figure_key(fig) -> tuple:
    """Return the build picture key of a figure's SVG (one drawing per figure and build)."""
    return ("svg", id(fig))
