"""Chart decisions that do not depend on an output format.

Which type to draw when the content leaves it out, how every number reads
(one formatter for slides, preview, handouts and alt text), and the
:class:`ChartSpec`: a chart resolved once — categories, series, the number
format, the value axis with its bounds and major unit, which data labels
show — that the pptx writer, the preview painter, the HTML page and the
handout charts all draw, so the same chart reads the same everywhere.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.markup import plain
from deckgen.content.model import Chart
from deckgen.layout.box import EMU_PER_PT, Box
from deckgen.text.measure import width

_YEAR = re.compile(r"^(1[5-9]|2[01])\d\d$")

#: The minus sign numbers are shown with (U+2212, as typesetters write it).
MINUS = "\u2212"
#: Units written straight after the number ("74%"); any other unit is a word after it.
ATTACHED = ("%", "‰")


def is_share_of_whole(chart: Chart) -> bool:
    """True when one series of non-negative values adds up to about 100."""
    data = chart.data
    if data.ranges or len(data.series) != 1:
        return False
    values = data.series[0].values
    if any(v is None for v in values):     # a gap: not a whole
        return False
    return all(v >= 0 for v in values) and abs(sum(values) - 100) <= 1.5 and len(values) >= 2


def pick_type(chart: Chart) -> str:
    """Return the chart type to draw: the content's, or one fitting the data.

    Shares of a whole become a pie (up to five slices) or a doughnut (up to
    eight; more slices than that cannot be told apart, so bars); years
    become a line (six or more) or columns; ranges an interval chart; other
    categories horizontal bars, whose labels read best.
    """
    if chart.type:
        return chart.type
    data = chart.data
    if data.ranges:
        return "range"
    years = all(_YEAR.match(c.strip()) for c in data.categories)
    if years:
        return "line" if len(data.categories) >= 6 or len(data.series) > 1 else "column"
    if is_share_of_whole(chart) and len(data.categories) <= 8:
        return "pie" if len(data.categories) <= 5 else "doughnut"
    return "column" if len(data.series) > 1 else "bar"



# -- numbers -------------------------------------------------------------------

def decimals_of(v: float) -> int:
    """Return the decimals ``v`` needs: as written up to two, and three
    significant digits below one, so 0.0004 stays 0.0004 instead of 0."""
    v = abs(float(v))
    if v == 0 or v.is_integer():
        return 0
    most = 2 if v >= 1 else min(-math.floor(math.log10(v)) + 2, 12)
    text = f"{v:.{most}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def fmt_number(v: float, decimals: Optional[int] = None) -> str:
    """Return a number as a reader writes it: 74.2, 8,000,000, 0.0004, −3.5.

    ``decimals`` fixes the places (a chart's labels share them); left out,
    the number keeps the places it needs (:func:`decimals_of`).
    """
    places = decimals_of(v) if decimals is None else decimals
    text = f"{abs(float(v)):,.{places}f}"
    if float(v) < 0 and text.strip("0.,"):
        text = MINUS + text
    return text


def scale_of(values) -> tuple[float, str]:
    """Return (divisor, suffix) that keeps large numbers short: 1.2e9 -> (1e9, ' bn')."""
    flat = [abs(x) for v in values for x in (v if isinstance(v, tuple) else (v,))]
    top = max(flat, default=0)
    if top >= 1e9:
        return 1e9, " bn"
    if top >= 1e6:
        return 1e6, " m"
    return 1.0, ""


@dataclass(frozen=True)
class Numbers:
    """How the numbers of one figure, chart or axis are written.

    ``decimals`` None lets each number keep its own places (key figures);
    a chart fixes them, because one number format serves all its labels in
    the pptx. ``unit`` is written only when it attaches to the number (%).
    """

    divisor: float = 1.0
    suffix: str = ""
    decimals: Optional[int] = None
    unit: str = ""

    @classmethod
    def for_values(cls, values, unit: str = "", shared: bool = True) -> "Numbers":
        flat = [float(x) for v in values for x in (v if isinstance(v, tuple) else (v,))]
        div, suffix = scale_of(flat)
        places = max((decimals_of(x / div) for x in flat), default=0) if shared else None
        return cls(div, suffix, places, unit if unit in ATTACHED else "")

    def text(self, v: float) -> str:
        return fmt_number(float(v) / self.divisor, self.decimals) + self.suffix + self.unit

    def span(self, lo: float, hi: float) -> str:
        """A range: ``1.7–5.5%`` (the unit once, at the end)."""
        return f"{fmt_number(lo / self.divisor, self.decimals)}–{self.text(hi)}"

    def excel(self) -> str:
        """The same format as an Excel/PowerPoint number format code."""
        places = self.decimals or 0
        code = "#,##0" + ("." + "0" * places if places else "")
        if self.divisor == 1e9:
            code += ",,,"
        elif self.divisor == 1e6:
            code += ",,"
        tail = self.suffix + self.unit
        if tail:
            code += f'"{tail}"'
        return f'{code};"{MINUS}"{code}'


def fmt_value(v, unit: str = "") -> str:
    """Return a key figure's value with its unit: ``8 bn people``, ``1.7–5.5 USD bn``, ``74%``."""
    number, rest = figure_text(v, unit)
    return f"{number} {rest}" if rest else number


def figure_text(v, unit: str = "") -> tuple[str, str]:
    """Return a key figure as (number, unit word): ``("8 bn", "people")``, ``("0.0004%", "")``.

    The slide sets the two apart (a big number, the unit under it); the
    handouts join them with :func:`fmt_value`. Each number keeps its own
    significant digits; billions are written ``bn`` (8 bn), millions in full.
    """
    nums = Numbers.for_values([v], unit, shared=False)
    if nums.divisor < 1e9:
        # up to millions a key figure is written in full (8,000,000 shells reads at a
        # glance); a chart axis scales them, its ticks must stay short
        nums = Numbers(unit=nums.unit)
    number = nums.span(*v) if isinstance(v, tuple) else nums.text(v)
    return number, ("" if unit in ATTACHED else unit)


# -- the resolved chart ------------------------------------------------------

@dataclass(frozen=True)
class Axis:
    """A value axis: bounds and major unit, nice numbers from the data."""

    low: float
    high: float
    major: float
    numbers: Numbers

    def ticks(self) -> list[float]:
        n = round((self.high - self.low) / self.major)
        return [self.low + k * self.major for k in range(n + 1)]


def nice_axis(lo: float, hi: float) -> tuple[float, float, float]:
    """Return (low, high, major) covering ``lo..hi`` and zero, in steps of 1, 2, 2.5 or 5 × 10ⁿ.

    Of the steps giving 4 to 8 intervals, the tightest axis wins, then the
    one nearest 5 intervals: 0–29 runs 0–30 by 5, −3.5–4.3 runs −4–6 by 2.
    """
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-12:
        # flat data, or values below the twelve decimals a label can show (5e-324)
        hi = lo + 1.0
    mag = 10 ** math.floor(math.log10((hi - lo) / 5))
    best = None
    for scale in (mag / 10, mag, mag * 10):
        for m in (1, 2, 2.5, 5):
            step = m * scale
            low = math.floor(lo / step + 1e-9) * step
            high = math.ceil(hi / step - 1e-9) * step
            n = round((high - low) / step)
            if 4 <= n <= 8:
                key = (round((high - low) / (hi - lo), 9), abs(n - 5))
                if best is None or key < best[0]:
                    best = (key, low, high, step)
    if best is None:      # not met for any data seen; an even fifth of the span, unrounded
        return _tidy(lo), _tidy(hi), _tidy((hi - lo) / 5)
    _, low, high, step = best
    return _tidy(low), _tidy(high), _tidy(step)


def _tidy(x: float) -> float:
    return float(f"{x:.12g}")


@dataclass(frozen=True)
class ChartSpec:
    """One chart, resolved once and drawn alike by every renderer."""

    ctype: str
    categories: tuple[str, ...]        # as the category axis shows them
    names: tuple[str, ...]             # series names
    values: tuple[tuple, ...]          # per series: numbers, or (low, high) for a range
    numbers: Numbers                   # data labels
    axis: Optional[Axis]               # the value axis; None for pie and doughnut
    labels: bool                       # data labels drawn at all
    hidden: frozenset = frozenset()    # (series, point) whose label is too small to show
    below: Optional[frozenset] = None  # line charts: (series, point) labelled under the point

    @property
    def gap(self) -> int:
        """The gap between categories' bars, in % of a bar's width (PowerPoint's gap width)."""
        return 80 if self.ctype == "range" else 60

    def bar_width(self) -> float:
        """The width of one bar as a share of its category's band, as PowerPoint draws it."""
        stacked = self.ctype in ("stacked", "range") or len(self.values) == 1
        return 1 / ((1 if stacked else len(self.values)) + self.gap / 100)

    @property
    def negative(self) -> bool:
        """True when values go below zero: category labels then sit low, off the data."""
        return self.axis is not None and self.axis.low < 0

    def range_bars(self) -> list[tuple[float, float]]:
        """(start, width) of each range bar; a range of one value gets a visible sliver."""
        least = (self.axis.high - self.axis.low) * 0.008
        out = []
        for lo, hi in self.values[0]:
            wide = hi - lo
            if wide < least:
                lo, wide = (lo + hi) / 2 - least / 2, least
            out.append((lo, wide))
        return out

    def slices(self) -> list[tuple[float, float, float]]:
        """(start, end, middle) angle in degrees of each pie slice: from 12 o'clock, clockwise,
        as PowerPoint draws a pie."""
        vals = [float(v) for v in self.values[0]]
        total = sum(vals) or 1.0
        out, angle = [], 90.0
        for v in vals:
            end = angle - 360 * v / total
            out.append((angle, end, (angle + end) / 2))
            angle = end
        return out

    def label_below(self, s: int, i: int) -> bool:
        """True where a point's label goes under it: a line's dip (the line then runs
        above the label, not through it) and a column below zero."""
        v = self.values[s][i]
        if v is None:
            return False
        if self.ctype == "line":
            if self.below is not None:
                return (s, i) in self.below
            return _dip(self.values[s], i)
        return self.ctype in ("column", "bar") and v < 0

    def label(self, s: int, i: int) -> Optional[str]:
        """The data label of series ``s``, point ``i``, or None where none is drawn."""
        if not self.labels or (s, i) in self.hidden:
            return None
        v = self.values[s][i]
        if v is None:        # a gap (an empty cell): no point, no label
            return None
        return self.numbers.span(*v) if isinstance(v, tuple) else self.numbers.text(v)


#: Data labels are drawn up to this many points; more would crowd the chart.
MAX_LABELLED = 12
#: A line chart's data label, as a share of the value axis: its height, and its gap from
#: the point (a 16 pt label on a plot about 3.5 in tall).
LABEL_SPAN, LABEL_GAP = 0.085, 0.02


def _dip(vals, i: int) -> bool:
    """True where a line dips at point ``i`` (the label then goes under it)."""
    v = vals[i]
    if v is None:                   # a gap in the data has no label
        return False
    prev = vals[i - 1] if i and vals[i - 1] is not None else v
    nxt = vals[i + 1] if i + 1 < len(vals) and vals[i + 1] is not None else v
    return (v < prev and v <= nxt) or (v <= prev and v < nxt)


def place_line_labels(values, low: float, high: float) -> tuple[frozenset, frozenset]:
    """Return (labels put under their point, labels left out) for a line chart.

    At each category the points are taken from the highest: a label goes
    above its point (under it at a dip), else on the other side, and when
    both would overlap a label already placed it is left out — so the labels
    of near-equal points (60 and 58) never print on top of each other.
    """
    span = (high - low) or 1.0
    h, gap = LABEL_SPAN * span, LABEL_GAP * span
    below, hidden = set(), set()
    for i in range(max((len(v) for v in values), default=0)):
        taken: list[tuple[float, float]] = []
        points = sorted(((vs[i], s) for s, vs in enumerate(values)
                         if i < len(vs) and vs[i] is not None),
                        key=lambda p: (-p[0], p[1]))
        for v, s in points:
            sides = ("below", "above") if _dip(values[s], i) else ("above", "below")
            for side in sides:
                box = (v + gap, v + gap + h) if side == "above" else (v - gap - h, v - gap)
                if all(box[1] <= a or box[0] >= b for a, b in taken):
                    taken.append(box)
                    if side == "below":
                        below.add((s, i))
                    break
            else:
                hidden.add((s, i))
    return frozenset(below), frozenset(hidden)


def resolve(chart: Chart, ctype: str, data_labels: bool = True,
            extent: tuple = ()) -> ChartSpec:
    """Resolve ``chart`` drawn as ``ctype``.

    ``extent`` (low, high) widens the value axis to the whole chart's data
    when this is one part of a chart split over slides, so parts compare.
    """
    data = chart.data
    values = tuple(tuple(s.values) for s in data.series)
    # None is a gap (an empty cell of a data file): no point, and no part in the axis
    flat = [float(x) for vs in values for v in vs if v is not None
            for x in (v if isinstance(v, tuple) else (v,))]
    numbers = Numbers.for_values(flat, chart.unit)
    cats = tuple(plain(c) for c in data.categories)
    labels = data_labels and len(cats) <= MAX_LABELLED
    hidden: set = set()
    axis = None
    if ctype in ("pie", "doughnut"):
        total = sum(abs(v) for v in values[0]) or 1
        hidden = {(0, i) for i, v in enumerate(values[0]) if abs(v) / total < 0.04}
    else:
        if ctype == "stacked":
            n = len(cats)
            ups = [sum(max(vs[i] or 0, 0) for vs in values) for i in range(n)]
            downs = [sum(min(vs[i] or 0, 0) for vs in values) for i in range(n)]
            lo, hi = min(downs, default=0), max(ups, default=0)
            top = max((u - d_ for u, d_ in zip(ups, downs)), default=0) or 1
            hidden = {(s, i) for s, vs in enumerate(values) for i, v in enumerate(vs)
                      if v is not None and abs(v) < 0.07 * top}
        else:
            lo, hi = min(flat, default=0), max(flat, default=0)
        if extent:
            lo, hi = min(lo, extent[0]), max(hi, extent[1])
        if ctype == "range":
            # the range's values are in its category labels (a label cannot fit in a thin bar)
            cats = tuple(f"{c} ({numbers.span(lo_, hi_)})" for c, (lo_, hi_) in zip(cats, values[0]))
            labels = False
            if chart.unit == "%" and 0 <= lo and hi <= 100:
                lo, hi = 0.0, 100.0    # a share of a whole runs to 100
        low, high, major = nice_axis(lo, hi)
        if labels and ctype in ("bar", "column", "line"):
            # a label outside the bar's end needs room inside the plot
            span = high - low
            if hi > 0 and high - hi < 0.1 * span:
                high = _tidy(high + major)
            if lo < 0 and lo - low < 0.1 * span:
                low = _tidy(low - major)
        axis_numbers = Numbers(numbers.divisor, numbers.suffix,
                               max(decimals_of(major / numbers.divisor),
                                   decimals_of(low / numbers.divisor)), numbers.unit)
        axis = Axis(low, high, major, axis_numbers)
    names = tuple(s.name or chart.unit or chart.title or "Value" for s in data.series)
    below = None
    if ctype == "line" and labels and axis is not None:
        below, crowded = place_line_labels(values, axis.low, axis.high)
        hidden |= crowded
    return ChartSpec(ctype, cats, names, values, numbers, axis, labels, frozenset(hidden), below)


#: The size of every chart's text on a slide, in points.
CHART_PT = 16.0


def plot_box(spec: ChartSpec, frame: Box, font: str, size: float = CHART_PT) -> Box:
    """Return the plot area of a chart drawn in ``frame``: the frame less room for its labels.

    The pptx writes this box as the plot area's manual layout, and the preview
    and the HTML page draw into it, so the axes sit in the same place in
    PowerPoint, LibreOffice and the preview instead of each renderer laying
    the chart out its own way.
    """
    pad = 8 * EMU_PER_PT
    cats = spec.categories
    label_w = max((width(c, font, size) for c in cats), default=0)
    if spec.ctype in ("bar", "range"):
        left, top, bottom, right = (label_w + 12) * EMU_PER_PT, pad, 30 * EMU_PER_PT, 2 * pad
    elif spec.ctype in ("pie", "doughnut"):
        left, top, bottom, right = pad, pad, pad, (label_w + 40) * EMU_PER_PT
    else:
        tick_w = max((width(spec.axis.numbers.text(v), font, size) for v in spec.axis.ticks()),
                     default=0)
        left = (tick_w + 14) * EMU_PER_PT
        top, right = pad, 2 * pad
        bottom = (30 + (30 if len(spec.values) > 1 else 0)) * EMU_PER_PT
    return Box(int(frame.x + left), int(frame.y + top), int(frame.w - left - right),
               int(frame.h - top - bottom))


def describe(chart: Chart, ctype: str, limit: int = 12, labels: Labels = ENGLISH) -> str:
    """Return alt text: the chart's type and subject, then its values as the chart writes them.

    The words around the values are the content language's (``labels``).
    """
    data = chart.data
    spec = resolve(chart, ctype)
    what = plain(chart.title or chart.takeaway or chart.id)
    unit = "" if chart.unit in ATTACHED or not chart.unit else f" {chart.unit}"
    parts = []
    for s in data.series:
        vals = [f"{c} no data" if v is None else f"{c} " + (
                    spec.numbers.span(*v) if isinstance(v, tuple) else spec.numbers.text(v)) + unit
                for c, v in zip(data.categories, s.values)]
        more = len(vals) - limit
        text = ", ".join(vals[:limit])
        if more > 0:
            text = labels("and_more", list=text, n=more)
        parts.append(f"{s.name}: {text}" if s.name else text)
    return labels("chart_alt", type=labels[f"chart_{ctype}"], subject=what,
                  values="; ".join(parts))


#: Horizontal bars per chart slide before a chart continues on the next slide
#: (each category label needs a line of 16 pt text).
MAX_BARS = 12
