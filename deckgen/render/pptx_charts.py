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
from pptx.enum.chart import (XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION,
                             XL_TICK_LABEL_POSITION)
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deckgen.deck.charts import ChartSpec, plot_box
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


def add_chart(shapes, box: Box, spec: ChartSpec, theme: Theme, lang: str):
    """Add a native chart drawing ``spec``; return the graphic frame.

    The value axis gets the spec's bounds and major unit written out
    (``c:min``, ``c:max``, ``c:majorUnit``), so PowerPoint, LibreOffice and
    the preview draw the same scale instead of each picking its own.
    """
    ctype = spec.ctype
    cd = TextChartData()
    cd.categories = list(spec.categories)
    fmt = spec.numbers.excel()
    if ctype == "range":
        bars = spec.range_bars()
        cd.add_series("Low", [lo for lo, _ in bars], fmt)
        cd.add_series(spec.names[0] if spec.names[0] != "Value" else "Range",
                      [wide for _, wide in bars], fmt)
    else:
        for name, vals in zip(spec.names, spec.values):
            cd.add_series(name, list(vals), fmt)
    gf = shapes.add_chart(_TYPES[ctype], Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h), cd)
    ch = gf.chart
    unsigned_axis_ids(ch)     # c:axId and c:crossAx are unsigned in the schema
    ch.has_title = False      # the slide title carries the message
    ch.font.size = Pt(16)
    ch.font.name = theme.fonts["body"]
    ch.font.color.rgb = rgb(theme.color("text"))
    multi = len(spec.values) > 1
    pie = ctype in ("pie", "doughnut")
    ch.has_legend = multi or pie
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.RIGHT if pie else XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
        ch.legend.font.size = Pt(16)
    plot = ch.plots[0]
    if not pie:
        _style_axes(ch, theme, spec)
    if ctype in ("bar", "column", "stacked", "range"):
        plot.gap_width = spec.gap
        if ctype == "stacked" or ctype == "range":
            plot.overlap = 100
    if pie:
        _style_pie(plot, len(spec.categories), theme)
        if ctype == "doughnut":
            _hole(ch, 55)
    elif ctype == "range":
        _style_range(plot, theme)
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
    if spec.labels:
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
                _point_label_colors(plot, len(spec.categories), theme, fmt)
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
        elif ctype == "line":
            dl.position = XL_LABEL_POSITION.ABOVE
            _labels_below(plot, spec, fmt, XL_LABEL_POSITION.BELOW)
        else:
            dl.position = XL_LABEL_POSITION.OUTSIDE_END
        _hide_labels(plot, spec)
    _plot_layout(ch, box, plot_box(spec, box, theme.fonts["body"]))
    _set_lang(ch, lang)
    return gf


def _plot_layout(ch, frame: Box, inner: Box) -> None:
    """Fix the plot area's inner box (axes, bars, the pie) where the preview draws it.

    Left to themselves PowerPoint and LibreOffice each size the plot area by
    their own rules, so axes and pies landed in different places.
    """
    plot_area = ch._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    layout = etree.Element(qn("c:layout"))
    plot_area.insert(0, layout)          # schema order: layout first in plotArea
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, val in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                     ("x", (inner.x - frame.x) / frame.w), ("y", (inner.y - frame.y) / frame.h),
                     ("w", inner.w / frame.w), ("h", inner.h / frame.h)):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", val if isinstance(val, str)
                                                     else f"{val:.4f}")


def _style_axes(ch, theme: Theme, spec: ChartSpec) -> None:
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
    axis = spec.axis
    val.minimum_scale = axis.low
    val.maximum_scale = axis.high
    val.major_unit = axis.major
    val.tick_labels.number_format = axis.numbers.excel()
    val.tick_labels.number_format_is_linked = False
    val.tick_labels.font.color.rgb = rgb(theme.color("muted"))
    if spec.negative:
        # values below zero: the category labels sit under the plot, not on the zero line
        cat.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if spec.ctype in ("bar", "range"):
        # horizontal bars list the first category at the top, as people read; the
        # value axis then crosses the category axis at its last category, which
        # keeps the value axis at the bottom (``c:crosses`` sits on the crossing axis)
        cat.reverse_order = True
        _crosses_at_max(val)


def _crosses_at_max(axis) -> None:
    el = axis._element
    crosses = el.find(qn("c:crosses"))
    if crosses is None:
        crosses = el.find(qn("c:crossesAt"))
    if crosses is None:
        crosses = etree.Element(qn("c:crosses"))
        el.find(qn("c:crossAx")).addnext(crosses)   # schema order: crossAx, (crosses | crossesAt)
    crosses.tag = qn("c:crosses")
    crosses.attrib.clear()
    crosses.set("val", "max")


def _style_pie(plot, n: int, theme: Theme) -> None:
    plot.vary_by_categories = True
    s = plot.series[0]
    for i in range(n):
        pt = s.points[i]
        pt.format.fill.solid()
        pt.format.fill.fore_color.rgb = rgb(theme.accent(i))
        pt.format.line.color.rgb = rgb(theme.color("background"))
        pt.format.line.width = Pt(2)


def _style_range(plot, theme: Theme) -> None:
    base, span = plot.series[0], plot.series[1]
    base.format.fill.background()
    base.format.line.fill.background()
    span.format.fill.solid()
    span.format.fill.fore_color.rgb = rgb(theme.accent(0))


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


def _labels_below(plot, spec: ChartSpec, fmt: str, below) -> None:
    """Put the labels the spec sets under their points (a line's dips, the lower of two
    near-equal points), so no line runs through a label and no two labels overlap."""
    for s_idx, series in enumerate(plot.series):
        dips = [i for i in range(len(spec.values[s_idx]))
                if spec.label_below(s_idx, i) and spec.label(s_idx, i) is not None]
        if not dips and not any(h[0] == s_idx for h in spec.hidden):
            continue
        # a point's own label makes the series' labels its own too: they must show values
        sdl = series.data_labels
        sdl.show_value = True
        sdl.number_format = fmt
        sdl.number_format_is_linked = False
        sdl.font.size = Pt(16)
        sdl.position = XL_LABEL_POSITION.ABOVE
        for i in dips:
            dl = series.points[i].data_label
            dl.position = below
            dl.font.size = Pt(16)
            el = dl._dLbl
            num = etree.Element(qn("c:numFmt"))
            num.set("formatCode", fmt)
            num.set("sourceLinked", "0")
            el.find(qn("c:idx")).addnext(num)   # schema order: idx, (delete | layout, tx, numFmt, ...)
            for tag in ("c:showLegendKey", "c:showVal", "c:showCatName", "c:showSerName",
                        "c:showPercent", "c:showBubbleSize"):
                shown = el.find(qn(tag))
                if shown is not None:
                    shown.set("val", "1" if tag == "c:showVal" else "0")


def _hide_labels(plot, spec: ChartSpec) -> None:
    """Delete the labels the spec hides (segments and slices too thin to hold their number)."""
    for s_idx, i in sorted(spec.hidden):
        dls = plot.series[s_idx]._element.get_or_add_dLbls()
        dl = dls.get_or_add_dLbl_for_point(i)
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
