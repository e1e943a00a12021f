"""Native, editable PowerPoint charts from the deck model's chart data.

Bar, column, stacked, pie, doughnut and line map to PowerPoint's own chart
types; ``range`` is drawn as a floating bar chart (an invisible base series
plus the span), which stays a native chart the user can edit.

Everything follows the theme: series and slices are the accent colours in
order, text is the theme's text colour (tick labels muted), axes and
gridlines the rule colour (gridlines only when ``charts.gridlines``), and
numbers drawn on a coloured bar or slice take the theme's ``on_light`` or
``on_dark`` colour, whichever reads better on that fill.
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deckgen.content.model import Chart
from deckgen.deck.charts import fmt_number, scale_of
from deckgen.layout.geometry import Box
from deckgen.render.pptx_base import rgb
from deckgen.render.pptx_fix import unsigned_axis_ids
from deckgen.theme.theme import Theme
from deckgen.render.pptx_workbook import TextChartData  # labels stay text in the workbook

_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "range": XL_CHART_TYPE.BAR_STACKED,
}


def _decimals(values) -> int:
    best = 0
    for v in values:
        if isinstance(v, float) and not v.is_integer():
            best = max(best, min(len(repr(v).split(".")[1]), 2))
    return best


def _number_format(values, unit: str) -> str:
    # Whole numbers get thousands separators; otherwise "General" shows each
    # value as written (1.7, 29) instead of padding them all to one precision.
    # Millions and billions are scaled with Excel's trailing commas ("1.2 bn").
    div, suffix = scale_of(values)
    if div > 1:
        commas = "," * (3 if div == 1e9 else 2)
        scaled = [v / div for v in values]
        base = ("#,##0.0" if any(not float(x).is_integer() for x in scaled) else "#,##0") + \
            commas + f'"{suffix}"'
    else:
        base = "General" if _decimals(values) else "#,##0"
    if unit == "%":
        return base + '"%"'
    return base


def add_chart(shapes, box: Box, chart: Chart, ctype: str, theme: Theme, lang: str,
              axis_max: float = 0.0):
    """Add a native chart for ``chart`` drawn as ``ctype``; return the graphic frame.

    ``axis_max`` fixes the value axis (parts of a chart split over slides share it).
    """
    data = chart.data
    cd = TextChartData()
    cats = list(data.categories)
    if ctype == "range":
        # the range goes into the category label: a data label cannot fit
        # inside a narrow bar, and a label beside it would be clipped
        cats = [f"{c} ({fmt_number(lo)}–{fmt_number(hi)}{'%' if chart.unit == '%' else ''})"
                for c, (lo, hi) in zip(cats, data.series[0].values)]
    cd.categories = cats
    flat = [v for s in data.series for v in s.values]
    if ctype == "range":
        lows = [v[0] for v in data.series[0].values]
        spans = [v[1] - v[0] for v in data.series[0].values]
        fmt = _number_format([x for v in data.series[0].values for x in v], chart.unit)
        cd.add_series("Low", lows, fmt)
        cd.add_series(chart.unit or "Range", spans, fmt)
    else:
        fmt = _number_format(flat, chart.unit)
        for s in data.series:
            cd.add_series(s.name or chart.unit or chart.title or "Value", list(s.values), fmt)
    gf = shapes.add_chart(_TYPES[ctype], Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h), cd)
    ch = gf.chart
    unsigned_axis_ids(ch)     # c:axId and c:crossAx are unsigned in the schema
    ch.has_title = False      # the slide title carries the message
    ch.font.size = Pt(16)
    ch.font.name = theme.fonts["body"]
    ch.font.color.rgb = rgb(theme.color("text"))
    multi = len(data.series) > 1
    pie = ctype in ("pie", "doughnut")
    ch.has_legend = multi or pie
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.RIGHT if pie else XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
        ch.legend.font.size = Pt(16)
    plot = ch.plots[0]
    if not pie:
        _style_axes(ch, theme, ctype)
        ch.value_axis.tick_labels.number_format = fmt
        ch.value_axis.tick_labels.number_format_is_linked = False
        if axis_max:
            ch.value_axis.maximum_scale = axis_max
            ch.value_axis.minimum_scale = min(0, ch.value_axis.minimum_scale or 0)
    if ctype in ("bar", "column", "stacked", "range"):
        plot.gap_width = 60 if ctype != "range" else 80
        if ctype == "stacked" or ctype == "range":
            plot.overlap = 100
    if pie:
        _style_pie(plot, len(data.categories), theme)
        if ctype == "doughnut":
            _hole(ch, 55)
    elif ctype == "range":
        _style_range(plot, chart, theme)
    else:
        for i, s in enumerate(plot.series):
            color = theme.accent(i)
            if ctype == "line":
                s.format.line.color.rgb = rgb(color)
                s.format.line.width = Pt(3)
                s.smooth = False
                s.marker.format.fill.solid()
                s.marker.format.fill.fore_color.rgb = rgb(color)
            else:
                s.format.fill.solid()
                s.format.fill.fore_color.rgb = rgb(color)
    if theme.charts.get("data_labels", True) and ctype != "range" and len(data.categories) <= 12:
        plot.has_data_labels = True
        dl = plot.data_labels
        dl.font.size = Pt(16)
        dl.number_format = fmt
        dl.number_format_is_linked = False
        if pie:
            dl.show_percentage = False
            dl.show_value = True
            dl.position = XL_LABEL_POSITION.OUTSIDE_END if ctype == "pie" else XL_LABEL_POSITION.CENTER
            if ctype == "doughnut":   # numbers sit on the slices: each in its slice's text colour
                _point_label_colors(plot, len(data.categories), theme, fmt)
        elif ctype == "stacked":
            dl.position = XL_LABEL_POSITION.CENTER
            for i, series in enumerate(plot.series):
                sdl = series.data_labels
                sdl.show_value = True
                sdl.position = XL_LABEL_POSITION.CENTER
                sdl.number_format = fmt
                sdl.number_format_is_linked = False
                sdl.font.size = Pt(16)
                sdl.font.bold = True
                sdl.font.color.rgb = rgb(theme.text_on(theme.accent(i)))
            _hide_small_labels(plot, data)
        elif ctype == "line":
            dl.position = XL_LABEL_POSITION.ABOVE
        else:
            dl.position = XL_LABEL_POSITION.OUTSIDE_END
    _set_lang(ch, lang)
    return gf


def _style_axes(ch, theme: Theme, ctype: str) -> None:
    cat, val = ch.category_axis, ch.value_axis
    for ax in (cat, val):
        ax.tick_labels.font.size = Pt(16)
        ax.tick_labels.font.color.rgb = rgb(theme.color("text"))
        ax.format.line.color.rgb = rgb(theme.color("rule"))
    val.has_major_gridlines = bool(theme.charts.get("gridlines", True))
    if val.has_major_gridlines:
        val.major_gridlines.format.line.color.rgb = rgb(theme.color("rule"))
        val.major_gridlines.format.line.width = Pt(0.75)
    cat.has_major_gridlines = False
    if ctype in ("bar", "range"):
        # horizontal bars list the first category at the top, as people read
        cat.reverse_order = True
    val.tick_labels.font.color.rgb = rgb(theme.color("muted"))


def _style_pie(plot, n: int, theme: Theme) -> None:
    plot.vary_by_categories = True
    s = plot.series[0]
    for i in range(n):
        pt = s.points[i]
        pt.format.fill.solid()
        pt.format.fill.fore_color.rgb = rgb(theme.accent(i))
        pt.format.line.color.rgb = rgb(theme.color("background"))
        pt.format.line.width = Pt(2)


def _style_range(plot, chart: Chart, theme: Theme) -> None:
    base, span = plot.series[0], plot.series[1]
    base.format.fill.background()
    base.format.line.fill.background()
    span.format.fill.solid()
    span.format.fill.fore_color.rgb = rgb(theme.accent(0))
    highs = [hi for _, hi in chart.data.series[0].values]
    if chart.unit == "%" and max(highs) <= 100:
        plot.chart.value_axis.maximum_scale = 100
    plot.chart.value_axis.minimum_scale = 0


def _point_label_colors(plot, n: int, theme: Theme, fmt: str) -> None:
    """Give each slice's number its own label: bold, in the text colour for that slice."""
    s = plot.series[0]
    for i in range(n):
        dl = s.points[i].data_label
        dl.font.size = Pt(16)
        dl.font.bold = True
        dl.font.color.rgb = rgb(theme.text_on(theme.accent(i)))
        el = dl._dLbl
        num = etree.Element(qn("c:numFmt"))
        num.set("formatCode", fmt)
        num.set("sourceLinked", "0")
        el.find(qn("c:idx")).addnext(num)   # schema order: idx, (delete | layout, tx, numFmt, ...)


def _hide_small_labels(plot, data) -> None:
    """Hide labels of stacked segments too thin to hold their number."""
    totals = [sum(abs(s.values[i]) for s in data.series) for i in range(len(data.categories))]
    top = max(totals) or 1
    for series, s in zip(plot.series, data.series):
        for i, v in enumerate(s.values):
            if abs(v) < 0.07 * top:
                dls = series._element.get_or_add_dLbls()
                dl = dls._insert_dLbl_in_sequence(i)
                for child in list(dl):
                    if child.tag != qn("c:idx"):
                        dl.remove(child)
                etree.SubElement(dl, qn("c:delete")).set("val", "1")


def _hole(ch, percent: int) -> None:
    for dn in ch._chartSpace.xpath(".//c:doughnutChart"):
        hs = dn.find(qn("c:holeSize"))
        if hs is None:
            hs = etree.SubElement(dn, qn("c:holeSize"))
        hs.set("val", str(percent))


def _set_lang(ch, lang: str) -> None:
    cs = ch._chartSpace
    el = cs.find(qn("c:lang"))
    if el is None:
        el = etree.Element(qn("c:lang"))
        d1904 = cs.find(qn("c:date1904"))
        if d1904 is not None:
            d1904.addnext(el)   # schema order: date1904, lang, roundedCorners, ...
        else:
            cs.insert(0, el)
    el.set("val", lang)
