"""The handouts' charts and probability yardstick as SVG, each drawn once per build.

Drawn by :mod:`deckgen.render.svg_charts` from the chart resolved once
(:func:`deckgen.deck.charts.resolve`), the same numbers the slide shows, at
the handout's text size. The PDF places the SVG as vectors with its text as
text; the Word handout gets a PNG of it drawn by resvg with the shipped
fonts. No plotting library is loaded.
"""

from __future__ import annotations

import hashlib

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.pictures import drawing_png
from deckgen.content.yardstick import YARDSTICKS
from deckgen.deck.charts import resolve
from deckgen.handout import blocks as b
from deckgen.handout.layout import row_sizes, yardstick_height
from deckgen.render.svg_charts import chart_svg, yardstick_svg
from deckgen.theme.theme import Theme

#: Chart text in points, set beside 10 pt body text.
TEXT_PT = 8.0
#: The PNG resolution for the Word handout.
PNG_DPI = 200


def chart_picture(pictures, cb, theme: Theme, w: float, h: float) -> str:
    """Return the SVG of chart block ``cb`` at ``w`` × ``h`` points, drawn once per build."""
    key = ("chart", cb.chart.id, cb.ctype, cb.heading, round(w, 1), round(h, 1), theme.name)

    def draw() -> str:
        spec = resolve(cb.chart, cb.ctype, bool(theme.charts.get("data_labels", True)))
        return chart_svg(spec, w, h, theme, cb.alt, size=TEXT_PT)
    return pictures(key, draw)


def yardstick_picture(pictures, items, yardstick: str, theme: Theme, w: float, h: float,
                      labels: Labels = ENGLISH) -> str:
    """Return the SVG of the yardstick for ``items`` at ``w`` × ``h`` points, drawn once.

    Its title and axis label are in the ``labels``' words.
    """
    key = ("yardstick", tuple(it.title for it in items), yardstick, round(w, 1), round(h, 1),
           theme.name, labels.language, labels["probability_axis"])

    def draw() -> str:
        svg, _ = yardstick_svg(items, YARDSTICKS[yardstick], theme.palette["yardstick"], theme,
                               w, size=TEXT_PT, h_pt=h, alt=labels["probability_yardstick"],
                               axis=labels["probability_axis"])
        return svg
    return pictures(key, draw)


def png(pictures, svg: str, w_pt: float, dpi: int = PNG_DPI) -> bytes:
    """Return ``svg`` as a PNG ``w_pt`` points wide at ``dpi`` (for Word), made once per build."""
    digest = hashlib.sha1(svg.encode("utf-8")).hexdigest()
    return pictures(("png", digest, dpi), lambda: drawing_png(svg, round(w_pt / 72 * dpi)))


def prime(handout, theme: Theme, pictures, frame_w: float) -> None:
    """Draw every chart and yardstick ``handout`` will show, ahead of its writers."""
    for blk in handout.blocks:
        if isinstance(blk, b.Items) and blk.beside is not None:
            (w, h), = row_sizes((blk.beside,), frame_w, beside=True)
            chart_picture(pictures, blk.beside, theme, w, h)
        elif isinstance(blk, b.ChartRow) and blk.charts:
            for cb, (w, h) in zip(blk.charts, row_sizes(blk.charts, frame_w)):
                chart_picture(pictures, cb, theme, w, h)
        elif isinstance(blk, b.Yardstick):
            yardstick_picture(pictures, blk.items, blk.yardstick, theme, frame_w,
                              yardstick_height(blk.items, frame_w), handout.labels)
