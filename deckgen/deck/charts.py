"""Chart decisions that do not depend on an output format.

Which type to draw when the content leaves it out, and the sentence that
describes a chart to someone who cannot see it (alt text).
"""

from __future__ import annotations

import re

from deckgen.content.markup import plain
from deckgen.content.model import Chart

_YEAR = re.compile(r"^(1[5-9]|2[01])\d\d$")


def is_share_of_whole(chart: Chart) -> bool:
    """True when one series of non-negative values adds up to about 100."""
    data = chart.data
    if data.ranges or len(data.series) != 1:
        return False
    values = data.series[0].values
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


_NAMES = {"bar": "Bar chart", "column": "Column chart", "stacked": "Stacked column chart",
          "pie": "Pie chart", "doughnut": "Doughnut chart", "line": "Line chart",
          "range": "Range chart"}


def fmt_number(v: float) -> str:
    """Return a number as a reader writes it: 74.2, 8,000,000, 1.7."""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def fmt_value(v, unit: str = "") -> str:
    """Return a value or (low, high) range with its unit: ``1.7–5.5 USD bn``."""
    text = f"{fmt_number(v[0])}–{fmt_number(v[1])}" if isinstance(v, tuple) else fmt_number(v)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def describe(chart: Chart, ctype: str, limit: int = 12) -> str:
    """Return alt text: the chart's type and subject, then its values."""
    data = chart.data
    what = plain(chart.title or chart.takeaway or chart.id)
    parts = []
    for s in data.series:
        vals = [f"{c} {fmt_value(v, chart.unit)}" for c, v in zip(data.categories, s.values)]
        more = len(vals) - limit
        text = ", ".join(vals[:limit]) + (f" and {more} more" if more > 0 else "")
        parts.append(f"{s.name}: {text}" if s.name else text)
    return f"{_NAMES[ctype]} of {what}. " + "; ".join(parts) + "."


def scale_of(values) -> tuple[float, str]:
    """Return (divisor, suffix) that keeps large numbers short: 1.2e9 -> (1e9, ' bn')."""
    flat = [abs(x) for v in values for x in (v if isinstance(v, tuple) else (v,))]
    top = max(flat, default=0)
    if top >= 1e9:
        return 1e9, " bn"
    if top >= 1e6:
        return 1e6, " m"
    return 1.0, ""


#: Horizontal bars per chart slide before a chart continues on the next slide
#: (each category label needs a line of 16 pt text).
MAX_BARS = 12
