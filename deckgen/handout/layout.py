"""How big the handouts' pictures are: the same sizes in the PDF and the Word handout.

The text frame's width per paper size, each chart row's widths and heights,
and the yardstick's height, decided once from the content so both formats
lay the page out alike; and the picture cache a document uses when it is
written on its own, outside a build.
"""

from __future__ import annotations

import textwrap

from deckgen.content.markup import plain
from deckgen.content.model import Chart, Item


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(plain(label), width, break_long_words=False)) or label


def chart_height(chart: Chart, ctype: str, width_pt: float) -> float:
    """Return a height in points that suits the chart at ``width_pt``."""
    n = len(chart.data.categories)
    if ctype in ("bar", "range"):
        per = 14 if ctype == "range" else 16
        return max(70.0, min(260.0, 34 + n * per * max(len(chart.data.series), 1) ** 0.6))
    if ctype in ("pie", "doughnut"):
        return max(100.0, min(125.0, width_pt * 0.42))
    return max(120.0, min(190.0, width_pt * 0.4))


def _label_chars(width_pt: float) -> int:
    """Return how many characters a yardstick row label may have per line."""
    return max(24, int(width_pt / 12))


def yardstick_row(items: tuple[Item, ...], width_pt: float) -> float:
    """Return the height of one row in points: room for the longest wrapped title."""
    chars = _label_chars(width_pt)
    lines = max((len(_wrap(it.title, chars).splitlines()) for it in items), default=1)
    return max(18.0, 9.5 * lines + 7)


def yardstick_height(items: tuple[Item, ...], width_pt: float) -> float:
    """Return the height in points of the yardstick chart for these responses."""
    return 46 + yardstick_row(items, width_pt) * len(items)


#: Space between two charts side by side, and a card's inner padding, in points.
GAP, PAD = 14.0, 8.0
#: The left and right page margins of both handout formats, in millimetres.
MARGIN_MM = 15.0


def frame_width(language: str) -> float:
    """Return the width of the handout's text in points: A4 (US Letter in en-US and en-CA)."""
    page_mm = 215.9 if language.lower() in ("en-us", "en-ca") else 210.0
    return (page_mm - 2 * MARGIN_MM) * 72 / 25.4


def full_width(cb) -> bool:
    """True for charts that need the whole width: lines, many categories, many series."""
    n = len(cb.chart.data.categories)
    return cb.ctype == "line" or n > 6 or len(cb.chart.data.series) > 2


def row_sizes(charts, frame_w: float, beside: bool = False) -> list[tuple[float, float]]:
    """Return (width, height) in points of each chart of a row, the same in PDF and DOCX.

    One chart takes the frame (or 58 % of it beside its words); two share it;
    a chart ``beside`` the odd last card takes a card's column.
    """
    if beside or len(charts) > 1:
        w = (frame_w - GAP) / 2 - PAD
        h = max(chart_height(cb.chart, cb.ctype, w) for cb in charts)
        return [(w, h)] * len(charts)
    cb = charts[0]
    w = frame_w if full_width(cb) else frame_w * 0.58
    return [(w, chart_height(cb.chart, cb.ctype, w))]


def local_pictures():
    """Return a picture cache for one document written on its own (no build)."""
    cache: dict = {}

    def pictures(key, make):
        if key not in cache:
            cache[key] = make()
        return cache[key]
    return pictures
