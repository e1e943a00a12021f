"""Handout charts drawn with matplotlib in the theme's colours and fonts.

Every chart is an explicit :class:`matplotlib.figure.Figure` (never pyplot)
made inside :func:`theme_style`, a scoped ``rc_context``: the theme reaches
the chart without a single global ``rcParams`` change leaking into the next
chart or the next deck. The same figure code feeds both outputs: drawn as
vectors onto the PDF page (:mod:`deckgen.handout.mpl_reportlab`) and as a
200 dpi PNG for the Word handout (:func:`png_bytes`).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

from deckgen.content.model import Chart, Item
from deckgen.content.yardstick import YARDSTICKS
from deckgen.deck.charts import ChartSpec, resolve
from deckgen.handout import blocks as b
from deckgen.handout.layout import (GAP, MARGIN_MM, PAD, _label_chars, _wrap, chart_height,  # noqa: F401
                                    frame_width, full_width, local_pictures, row_sizes,
                                    yardstick_height, yardstick_row)
from deckgen.text.fontfiles import HANGUL, font_path
from deckgen.theme.colour import mix, on_color
from deckgen.theme.theme import Theme

#: Sizes of chart text, in points, chosen to sit with 10 pt body text.
TICK_PT = 7.5
LABEL_PT = 7.5
#: The PNG resolution for the Word handout.
PNG_DPI = 200




def _c(hex6: str) -> str:
    return "#" + hex6


@lru_cache(maxsize=8)
def _families(theme_font: str) -> tuple[str, ...]:
    """Register the shipped faces with matplotlib; return the family list to ask for.

    ``addfont`` adds to matplotlib's font list (it changes no style setting);
    the Hangul face comes second so matplotlib falls back to it for Korean.
    """
    from matplotlib import font_manager
    names = []
    for face in (theme_font, HANGUL):
        for bold in (False, True):
            path = font_path(face, bold)
            font_manager.fontManager.addfont(str(path))
        names.append(font_manager.FontProperties(fname=str(font_path(face))).get_name())
    return tuple(names)


@contextmanager
def theme_style(theme: Theme):
    """Apply the theme's fonts and colours to matplotlib for the ``with`` block only."""
    import matplotlib
    p = theme.palette
    rc = {
        "font.family": list(_families(theme.fonts["body"])),
        "font.size": TICK_PT,
        "text.color": _c(p["text"]),
        "text.parse_math": False,          # '$' in a label is a dollar, not TeX
        "axes.edgecolor": _c(p["rule"]),
        "axes.labelcolor": _c(p["muted"]),
        "axes.labelsize": LABEL_PT,
        "axes.linewidth": 0.6,
        "axes.facecolor": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": _c(p["muted"]),
        "ytick.color": _c(p["muted"]),
        "xtick.labelcolor": _c(p["text"]),
        "ytick.labelcolor": _c(p["text"]),
        "xtick.labelsize": TICK_PT,
        "ytick.labelsize": TICK_PT,
        "xtick.major.size": 2.5,
        "ytick.major.size": 2.5,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "grid.color": _c(p["rule"]),
        "grid.linewidth": 0.5,
        "legend.fontsize": LABEL_PT,
        "legend.frameon": False,
        "figure.facecolor": "none",
        "savefig.facecolor": "white",
        "axes.unicode_minus": True,
        "svg.fonttype": "none",
    }
    with matplotlib.rc_context(rc):
        yield


def _new_figure(width_pt: float, height_pt: float):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=72, layout="constrained")
    fig.get_layout_engine().set(w_pad=2 / 72, h_pad=2 / 72)
    return fig


def _value_axis(ax, axis: str, spec: ChartSpec, unit: str, theme: Theme) -> None:
    """Set the value axis to the spec's bounds, ticks and number texts, as the slide has them."""
    from matplotlib.ticker import FixedLocator, FuncFormatter
    scale = spec.axis
    target = ax.xaxis if axis == "x" else ax.yaxis
    (ax.set_xlim if axis == "x" else ax.set_ylim)(scale.low, scale.high)
    target.set_major_locator(FixedLocator(scale.ticks()))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: scale.numbers.text(v)))
    if theme.charts.get("gridlines", True):
        ax.grid(axis=axis, zorder=0)
        ax.set_axisbelow(True)
    if spec.negative:
        (ax.axvline if axis == "x" else ax.axhline)(0, color=_c(theme.color("rule")),
                                                     linewidth=0.6, zorder=1)
    if unit and unit != "%":
        (ax.set_xlabel if axis == "x" else ax.set_ylabel)(unit)


def chart_figure(chart: Chart, ctype: str, theme: Theme, width_pt: float, height_pt: float):
    """Return a Figure drawing ``chart`` as ``ctype`` (call inside :func:`theme_style`).

    The numbers come from the chart resolved once (:func:`deckgen.deck.charts.resolve`),
    the same the slide's native chart and the preview draw.
    """
    spec = resolve(chart, ctype, bool(theme.charts.get("data_labels", True)))
    fig = _new_figure(width_pt, height_pt)
    ax = fig.add_subplot()
    draw = {"bar": _bar, "column": _columns, "stacked": _columns, "line": _line,
            "pie": _pie, "doughnut": _pie, "range": _range}[ctype]
    draw(ax, chart, spec, theme, width_pt)
    return fig


def _labels(spec: ChartSpec, s: int) -> list[str]:
    return [spec.label(s, i) or "" for i in range(len(spec.values[s]))]


def _bar(ax, chart: Chart, spec: ChartSpec, theme: Theme, width_pt: float) -> None:
    wrap = max(12, int(width_pt / 16))
    cats = [_wrap(c, wrap) for c in spec.categories]
    n_series = len(spec.values)
    height = 0.7 / n_series
    for k, vals in enumerate(spec.values):
        color = theme.accent(k) if n_series > 1 else theme.color("primary")
        ys = [i - 0.35 + height * (k + 0.5) for i in range(len(cats))]
        bars = ax.barh(ys, vals, height=height * 0.92, color=_c(color), zorder=2,
                       label=spec.names[k] if n_series > 1 else None)
        if spec.labels:
            ax.bar_label(bars, labels=_labels(spec, k), padding=2,
                         fontsize=LABEL_PT, color=_c(theme.color("text")))
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    _value_axis(ax, "x", spec, chart.unit, theme)
    if n_series > 1:
        _legend_below(ax, n_series)


def _columns(ax, chart: Chart, spec: ChartSpec, theme: Theme, width_pt: float) -> None:
    import numpy as np
    n_cat, n_series = len(spec.categories), len(spec.values)
    x = np.arange(n_cat)
    stacked = spec.ctype == "stacked"
    width = 0.72 if stacked else 0.78 / n_series
    ups = np.zeros(n_cat)
    downs = np.zeros(n_cat)
    wrap = max(8, int(width_pt / max(n_cat, 1) / 4.2))
    for k, values in enumerate(spec.values):
        color = theme.accent(k) if n_series > 1 else theme.color("primary")
        vals = np.array(values, float)
        name = spec.names[k] if n_series > 1 else None
        if stacked:
            bottom = np.where(vals >= 0, ups, downs)
            bars = ax.bar(x, vals, width, bottom=bottom, color=_c(color), zorder=2,
                          label=name, edgecolor="white", linewidth=0.5)
            if spec.labels:
                ax.bar_label(bars, labels=_labels(spec, k), label_type="center",
                             fontsize=LABEL_PT - 0.5, color=_c(_on(color)))
            ups = ups + np.maximum(vals, 0)
            downs = downs + np.minimum(vals, 0)
        else:
            xs = x - 0.39 + width * (k + 0.5)
            bars = ax.bar(xs, vals, width * 0.94, color=_c(color), zorder=2, label=name)
            if spec.labels:
                ax.bar_label(bars, labels=_labels(spec, k), padding=1.5,
                             fontsize=LABEL_PT - (0.5 if n_series > 2 else 0),
                             color=_c(theme.color("text")))
    ax.set_xticks(x, [_wrap(c, wrap) for c in spec.categories])
    ax.tick_params(axis="x", length=0)
    _value_axis(ax, "y", spec, chart.unit, theme)
    if spec.negative:       # category labels under the plot, off the bars below zero
        ax.tick_params(axis="x", pad=2)
    if n_series > 1:
        _legend_below(ax, n_series)


def _legend_below(ax, n_series: int) -> None:
    """Put the series legend under the plot; the layout engine makes room for it."""
    handles, labels = ax.get_legend_handles_labels()
    ax.figure.legend(handles, labels, loc="outside lower center", ncols=min(n_series, 3),
                     handlelength=1.0, columnspacing=1.2)


def _line(ax, chart: Chart, spec: ChartSpec, theme: Theme, width_pt: float) -> None:
    x = range(len(spec.categories))
    n_series = len(spec.values)
    for k, vals in enumerate(spec.values):
        color = theme.accent(k) if n_series > 1 else theme.color("primary")
        ax.plot(x, vals, color=_c(color), linewidth=1.6, marker="o", markersize=3.2,
                zorder=3, label=spec.names[k] if n_series > 1 else None)
        if n_series == 1 and spec.labels:
            vals = list(vals)
            for i, v in enumerate(vals):
                # a dip gets its label below the point, anything else above, so the
                # line never runs through a label
                below = spec.label_below(k, i)
                ax.annotate(spec.label(k, i), (i, v), textcoords="offset points",
                            xytext=(0, -5 if below else 5), ha="center",
                            va="top" if below else "bottom", fontsize=LABEL_PT - 0.5,
                            color=_c(theme.color("text")))
    ax.set_xticks(list(x), list(spec.categories))
    ax.set_xlim(-0.4, len(spec.categories) - 0.6)
    _value_axis(ax, "y", spec, chart.unit, theme)
    if n_series > 1:
        _legend_below(ax, n_series)


def _on(color: str) -> str:
    return on_color(color)


def _pie(ax, chart: Chart, spec: ChartSpec, theme: Theme, width_pt: float) -> None:
    import math
    vals = [float(v) for v in spec.values[0]]
    colors = [theme.accent(i) for i in range(len(vals))]
    donut = spec.ctype == "doughnut"
    wedges, *_ = ax.pie(vals, colors=[_c(c) for c in colors], startangle=90, counterclock=False,
                        wedgeprops={"linewidth": 1.0, "edgecolor": "white",
                                    **({"width": 0.42} if donut else {})})
    r = 0.79 if donut else 0.64
    for k, (w, col) in enumerate(zip(wedges, colors)):
        words = spec.label(0, k)
        if words is None:      # too thin to hold a label: the legend has it
            continue
        ang = math.radians((w.theta1 + w.theta2) / 2)
        ax.text(r * math.cos(ang), r * math.sin(ang), words, ha="center",
                va="center", fontsize=LABEL_PT, color=_c(_on(col)))
    labels = [f"{c} ({spec.numbers.text(v)})" for c, v in zip(spec.categories, vals)]
    wrap = max(14, int(width_pt / 14))
    ax.legend(wedges, [_wrap(t, wrap) for t in labels], loc="center left",
              bbox_to_anchor=(1.0, 0.5), handlelength=0.9, borderaxespad=0.2)
    ax.set_aspect("equal")


def _range(ax, chart: Chart, spec: ChartSpec, theme: Theme, width_pt: float) -> None:
    wrap = max(12, int(width_pt / 16))
    # the slide writes each range in its category label; so does the handout
    cats = [_wrap(c, wrap) for c in spec.categories]
    lows = [lo for lo, _ in spec.range_bars()]
    spans = [wide for _, wide in spec.range_bars()]
    ax.barh(range(len(cats)), spans, left=lows, height=0.5, color=_c(theme.color("primary")),
            zorder=2)
    ax.set_yticks(range(len(cats)), cats)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(cats) - 0.4, -0.6)
    _value_axis(ax, "x", spec, chart.unit, theme)


# -- the probability yardstick --------------------------------------------

def yardstick_figure(items: tuple[Item, ...], yardstick: str, theme: Theme,
                     width_pt: float, height_pt: float):
    """Return a Figure placing each response's likelihood on 0–100 % over the bands."""
    from matplotlib.patches import Rectangle
    bands = YARDSTICKS[yardstick]
    colors = theme.palette["yardstick"]
    words = [bd.word for bd in bands]
    fig = _new_figure(width_pt, height_pt)
    gs = fig.add_gridspec(2, 1, height_ratios=[30, height_pt - 30 - 20], hspace=0)
    top = fig.add_subplot(gs[0])
    ax = fig.add_subplot(gs[1], sharex=top)
    n = len(items)
    for k, band in enumerate(bands):
        col = colors[k % len(colors)]
        ax.axvspan(band.low, band.high, color=_c(mix(col, "FFFFFF", 0.8)), zorder=0, lw=0)
        top.add_patch(Rectangle((band.low, 0.38), band.high - band.low, 0.24, color=_c(col),
                                lw=0))
        above = k % 2 == 0
        top.text((band.low + band.high) / 2, 0.7 if above else 0.3, band.word,
                 ha="center", va="bottom" if above else "top", fontsize=LABEL_PT - 0.5,
                 color=_c(theme.color("text")))
    top.set_ylim(0, 1)
    top.axis("off")
    wrap = _label_chars(width_pt)
    for i, it in enumerate(items):
        lk = it.likelihood
        col = colors[words.index(lk.word) % len(colors)]
        lo, hi = lk.low, lk.high
        w = max(hi - lo, 0.012)
        lo = min(lo, 1 - w)
        ax.barh(i, w, left=lo, height=0.5, color=_c(col), edgecolor=_c(mix(col, "000000", 0.3)),
                linewidth=0.6, zorder=3)
        label = f"{lk.word} · {lk.percent()}"
        right = lo + w <= 0.7
        ax.text(lo + w + 0.012 if right else lo - 0.012, i, label, va="center",
                ha="left" if right else "right", fontsize=LABEL_PT, zorder=4,
                color=_c(theme.color("text")))
    ax.set_yticks(range(n), [_wrap(it.title, wrap) for it in items])
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks([i / 10 for i in range(11)], [f"{i * 10}" for i in range(11)])
    ax.set_xlabel("probability (%)")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    return fig


# -- output ----------------------------------------------------------------

def png_bytes(make_figure, theme: Theme, dpi: int = PNG_DPI) -> bytes:
    """Return the PNG of the Figure ``make_figure()`` returns, drawn in the theme's style."""
    import io
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    with theme_style(theme):
        fig = make_figure()
        FigureCanvasAgg(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


# -- one picture per chart per build -----------------------------------------------

def _styled(theme: Theme, make):
    def draw():
        with theme_style(theme):
            return make()
    return draw


def chart_picture(pictures, cb, theme: Theme, w: float, h: float):
    """Return the Figure of chart block ``cb`` at ``w`` × ``h`` pt, drawn once per build.

    ``pictures(key, make)`` is the build's picture cache
    (:meth:`deckgen.build.pipeline.Build.picture`).
    """
    key = ("chart", cb.chart.id, cb.ctype, cb.heading, round(w, 1), round(h, 1), theme.name)
    return pictures(key, _styled(theme, lambda: chart_figure(cb.chart, cb.ctype, theme, w, h)))


def yardstick_picture(pictures, items, yardstick: str, theme: Theme, w: float, h: float):
    """Return the yardstick Figure for ``items`` at ``w`` × ``h`` pt, drawn once per build."""
    key = ("yardstick", tuple(it.title for it in items), yardstick, round(w, 1), round(h, 1),
           theme.name)
    return pictures(key, _styled(theme, lambda: yardstick_figure(items, yardstick, theme, w, h)))


def figure_png(pictures, fig, theme: Theme, dpi: int = PNG_DPI) -> bytes:
    """Return the PNG of ``fig`` (for the Word handout), made once per build."""
    return pictures(("png", id(fig), dpi), lambda: png_bytes(lambda: fig, theme, dpi))


def prime(handout, theme: Theme, pictures, frame_w: float) -> None:
    """Draw every chart and yardstick figure ``handout`` will show, ahead of its writers."""
    for blk in handout.blocks:
        if isinstance(blk, b.Items) and blk.beside is not None:
            (w, h), = row_sizes((blk.beside,), frame_w, beside=True)
            chart_picture(pictures, blk.beside, theme, w, h)
        elif isinstance(blk, b.ChartRow) and blk.charts:
            for cb, (w, h) in zip(blk.charts, row_sizes(blk.charts, frame_w)):
                chart_picture(pictures, cb, theme, w, h)
        elif isinstance(blk, b.Yardstick):
            yardstick_picture(pictures, blk.items, blk.yardstick, theme, frame_w,
                              yardstick_height(blk.items, frame_w))
