"""Charts as SVG, drawn from the resolved chart (:class:`~deckgen.deck.charts.ChartSpec`).

One drawing, three users: the HTML page (inline, in CSS pixels, at the
slide's 16 pt), the PDFs and the Word handout (standalone, in points, at the
size the page needs). Bounds, ticks, label texts and the plot area come from
the spec and :func:`~deckgen.deck.charts.plot_box`, as the pptx writes them,
so the chart reads the same wherever it is drawn. Pure Python: no plotting
library is loaded to draw it.
"""

from __future__ import annotations

import html
import math

from deckgen.content.markup import plain
from deckgen.deck.charts import CHART_PT, ChartSpec, plot_box
from deckgen.layout.geometry import EMU_PER_PT, Box
from deckgen.text.fontfiles import HANGUL, family_for
from deckgen.text.measure import Piece, width, wrap
from deckgen.theme.colour import mix


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def chart_elements(spec: ChartSpec, frame: Box, theme, unit: float, size: float = CHART_PT,
                   note=None) -> list[str]:
    """Return the SVG elements drawing ``spec`` in a ``frame`` (EMU), in units of ``unit`` EMU.

    ``size`` is the text size in points; ``note(text, font, bold)`` hears of
    every text drawn (the HTML page subsets its fonts with it). The plot area
    is :func:`~deckgen.deck.charts.plot_box`, where the pptx puts it.
    """
    t = theme
    ctype = spec.ctype
    body = t.fonts["body"]
    per_pt = EMU_PER_PT / unit
    fs = size * per_pt
    text, muted, rule = t.color("text"), t.color("muted"), t.color("rule")
    W, H = frame.w / unit, frame.h / unit
    g = size / CHART_PT * per_pt * 0.75      # lines and gaps scale with the text (1 on a slide)
    cats = list(spec.categories)

    def tw(s: str) -> float:      # text width in units
        return width(s, body, size) * per_pt

    out = []

    def label(x, y, s, anchor="start", color=text, bold=False, baseline="central"):
        if note is not None:
            note(s, body, bold)
        weight = ' font-weight="700"' if bold else ""
        out.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" '
                   f'dominant-baseline="{baseline}" fill="#{color}"{weight}>{_e(s)}</text>')

    def rect(x, y, w, h, fill):
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        out.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" '
                   f'height="{_num(h)}" fill="#{fill}"/>')

    def hline(x1, y1, x2, y2, width_=1.0):
        out.append(f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
                   f'stroke="#{rule}" stroke-width="{_num(width_ * g)}"/>')

    primary = t.accent(0)
    bw = spec.bar_width()          # a bar's share of its category's band, as PowerPoint draws it
    inner = plot_box(spec, frame, body, size)      # where the pptx puts the plot area
    plot = ((inner.x - frame.x) / unit, (inner.y - frame.y) / unit, inner.w / unit,
            inner.h / unit)
    pad = 8 * size / CHART_PT * per_pt
    if ctype in ("pie", "doughnut"):
        vals = [float(v) for v in spec.values[0]]
        legend_w = max((tw(c) for c in cats), default=0) + 40 * size / CHART_PT * per_pt
        pw, ph = W - pad - legend_w, H - 2 * pad
        r = max(min(pw, ph) / 2 / 1.2, 1)
        cx, cy = pad + pw / 2, pad + ph / 2
        inner = r * 0.55 if ctype == "doughnut" else 0
        for k, (start, end, _) in enumerate(spec.slices()):
            a0, a1 = math.radians(start), math.radians(end)
            out.append(f'<path d="{_wedge(cx, cy, r, inner, a0, a1)}" fill="#{t.accent(k)}" '
                       f'stroke="#{t.color("background")}" stroke-width="{_num(2 * g)}"/>')
        for k, (_, _, middle) in enumerate(spec.slices()):
            mid = math.radians(middle)
            words = spec.label(0, k)
            if words is None:
                continue
            rr = r * (1.15 if ctype == "pie" else 0.78)
            label(cx + rr * math.cos(mid), cy - rr * math.sin(mid), words, "middle",
                  text if ctype == "pie" else t.text_on(t.accent(k)), ctype == "doughnut")
        lx = cx + r * 1.2 + 10 * g
        ly = cy - len(cats) * fs * 1.4 / 2
        for k, c in enumerate(cats):
            y = ly + k * fs * 1.4 + fs * 0.7
            rect(lx, y - fs * 0.35, fs * 0.7, fs * 0.7, t.accent(k))
            label(lx + fs * 1.1, y, c)
    elif ctype in ("bar", "range"):
        axis = spec.axis
        left, top, pw, ph = plot
        sx = pw / (axis.high - axis.low)

        def X(v):
            return left + (float(v) - axis.low) * sx
        for v in axis.ticks():
            hline(X(v), top, X(v), top + ph)
            label(X(v), top + ph + fs * 0.75, axis.numbers.text(v), "middle", muted)
        band = ph / max(len(cats), 1)
        vals = spec.values[0]
        for k, c in enumerate(cats):
            y = top + band * (k + 0.5)
            label(left - 8 * g, y, c, "end")
            if ctype == "range":
                lo, wide = spec.range_bars()[k]
                rect(X(lo), y - band * bw / 2, wide * sx, band * bw, primary)
            elif vals[k] is not None:      # None: a gap, no bar
                v = float(vals[k])
                rect(X(0), y - band * bw / 2, v * sx, band * bw, primary)
                words = spec.label(0, k)
                if words is not None:
                    gap = 4 * g + (axis.high - axis.low) * 0.01 * sx
                    label(X(v) + (gap if v >= 0 else -gap), y, words, "start" if v >= 0 else "end")
    elif ctype in ("column", "stacked", "line"):
        axis = spec.axis
        n = len(spec.values)
        left, top, pw, ph = plot
        sy = ph / (axis.high - axis.low)

        def Y(v):
            return top + ph - (float(v) - axis.low) * sy
        for v in axis.ticks():
            hline(left, Y(v), left + pw, Y(v))
            label(left - 8 * g, Y(v), axis.numbers.text(v), "end", muted)
        if spec.negative:
            hline(left, Y(0), left + pw, Y(0), 2)
        band = pw / max(len(cats), 1)
        colors = [primary] if n == 1 else [t.accent(i) for i in range(n)]
        ups = [0.0] * len(cats)
        downs = [0.0] * len(cats)
        for i, vals in enumerate(spec.values):
            col = colors[i % len(colors)]
            pts = []
            for k, val in enumerate(vals):
                if val is None:     # a gap (an empty cell): no bar, and the line breaks
                    pts.append(None)
                    continue
                val = float(val)
                xc = left + band * (k + 0.5)
                words = spec.label(i, k)
                if ctype == "stacked":
                    base = ups[k] if val >= 0 else downs[k]
                    rect(xc - band * bw / 2, Y(base + val), band * bw, val * sy, col)
                    if words is not None:
                        label(xc, Y(base + val / 2), words, "middle", t.text_on(t.accent(i)), True)
                    if val >= 0:
                        ups[k] += val
                    else:
                        downs[k] += val
                    continue
                if ctype == "column":
                    w = band * bw
                    x0 = xc - w * n / 2 + w * i
                    rect(x0, Y(val), w, val * sy, col)
                    if words is not None:
                        label(x0 + w / 2, Y(val) + (fs * 0.7 if val < 0 else -fs * 0.6),
                              words, "middle")
                else:
                    pts.append((xc, Y(val)))
                    if words is not None:
                        below = spec.label_below(i, k)
                        label(xc, Y(val) + (fs * 0.9 if below else -fs * 0.9), words, "middle")
            for run in _runs(pts):
                out.append(f'<polyline fill="none" stroke="#{col}" stroke-width="{_num(3 * g)}" points="'
                           + " ".join(f"{_num(x)},{_num(y)}" for x, y in run) + '"/>')
            for x, y in (p for p in pts if p is not None):
                out.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(4.5 * g)}" fill="#{col}"/>')
        for k, c in enumerate(cats):
            label(left + band * (k + 0.5), top + ph + fs * 0.9, c, "middle")
        if n > 1:
            widths_ = [fs * 1.1 + tw(name) + fs for name in spec.names]
            x = left + (pw - sum(widths_)) / 2
            y = top + ph + fs * 2.4
            for i, name in enumerate(spec.names):
                rect(x, y - fs * 0.35, fs * 0.7, fs * 0.7, colors[i % len(colors)])
                label(x + fs * 1.1, y, name)
                x += widths_[i]
    return out


def _runs(points: list) -> list[list]:
    """Split a line's points at its gaps (None): one run per stretch of points."""
    runs: list[list] = [[]]
    for p in points:
        if p is None:
            runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


def chart_svg(spec: ChartSpec, w_pt: float, h_pt: float, theme, alt: str,
              size: float = CHART_PT) -> str:
    """Return a standalone SVG of ``spec`` at ``w_pt`` × ``h_pt`` points, its text as text.

    For the PDFs (Typst sets the text in the shipped faces) and, drawn by
    resvg, the Word handout's pictures.
    """
    frame = Box(0, 0, int(w_pt * EMU_PER_PT), int(h_pt * EMU_PER_PT))
    parts = chart_elements(spec, frame, theme, EMU_PER_PT, size)
    # the size in CSS pixels (96 an inch), the drawing in points
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(w_pt * 4 / 3)}" '
            f'height="{_num(h_pt * 4 / 3)}" viewBox="0 0 {_num(w_pt)} {_num(h_pt)}" role="img" '
            f'font-family="{_e(family_for(theme.fonts["body"]))}, {_e(HANGUL)}" '
            f'font-size="{_num(size)}"><title>{_e(alt)}</title>{"".join(parts)}</svg>')


def _wedge(cx, cy, r, inner, a0, a1) -> str:
    """Return the SVG path of a pie slice (or ring slice) from angle a0 down to a1."""
    def pt(rad, a):
        return f"{_num(cx + rad * math.cos(a))},{_num(cy - rad * math.sin(a))}"
    if abs(a0 - a1) >= 2 * math.pi - 1e-6:     # one slice: the whole circle, in two halves
        mid = a0 - math.pi
        return _wedge(cx, cy, r, inner, a0, mid + 1e-4) + " " + _wedge(cx, cy, r, inner, mid, a1)
    large = 1 if abs(a0 - a1) > math.pi else 0
    if inner:
        return (f"M{pt(r, a0)} A{_num(r)},{_num(r)} 0 {large} 1 {pt(r, a1)} "
                f"L{pt(inner, a1)} A{_num(inner)},{_num(inner)} 0 {large} 0 {pt(inner, a0)} Z")
    return f"M{_num(cx)},{_num(cy)} L{pt(r, a0)} A{_num(r)},{_num(r)} 0 {large} 1 {pt(r, a1)} Z"


# -- the probability yardstick ----------------------------------------------------------------------

def _lines(text: str, font: str, size: float, most: float) -> list[str]:
    """Break ``text`` into lines no wider than ``most`` points, as the slides break text."""
    lines = wrap([Piece(text, font, size)], most)
    return ["".join(p.text for p in line.pieces) for line in lines] or [""]


def yardstick_rows(titles: list[str], font: str, size: float, label_w: float) -> list[int]:
    """Return how many lines each response title takes in the yardstick's label column."""
    return [len(_lines(t, font, size, label_w)) for t in titles]


def yardstick_svg(items, bands, colors: list[str], theme, w_pt: float, size: float = 8.0,
                  alt: str = "Probability yardstick",
                  h_pt: float | None = None, axis: str = "probability (%)") -> tuple[str, float]:
    """Return (SVG, height in points) placing each response's likelihood on 0–100 % over the
    yardstick's bands: the band words on a strip at the top, one row per response.

    Given ``h_pt`` (the room a page keeps for it) the rows share that height.
    """
    font = theme.fonts["body"]
    text, muted, rule = theme.color("text"), theme.color("muted"), theme.color("rule")
    titles = [plain(it.title) for it in items]
    label_w = min(w_pt * 0.34, max((width(t, font, size) for t in titles), default=0) + 4)
    rows = yardstick_rows(titles, font, size, label_w)
    line = size * 1.2
    row_h = [max(size * 2.2, n * line + size * 0.9) for n in rows]
    strip, axis_h = size * 3.6, size * 3.4
    if h_pt is not None and sum(row_h) > 0:
        room = max(h_pt - strip - axis_h, sum(row_h) * 0.5)
        row_h = [r * room / sum(row_h) for r in row_h]
    h_pt = strip + sum(row_h) + axis_h
    # the last band's word is centred near 100 %: keep half of it inside the picture
    x0 = label_w + size
    x1 = w_pt - max(width(bands[-1].word, font, size), width("100", font, size)) / 2 - 2
    out = []

    def X(p: float) -> float:
        return x0 + (x1 - x0) * p

    def label(x, y, s, anchor="start", color=text, baseline="central"):
        out.append(f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" '
                   f'dominant-baseline="{baseline}" fill="#{color}">{_e(s)}</text>')

    plot_top, plot_bottom = strip, strip + sum(row_h)
    for k, band in enumerate(bands):
        col = colors[k % len(colors)]
        out.append(f'<rect x="{_num(X(band.low))}" y="{_num(plot_top)}" '
                   f'width="{_num(X(band.high) - X(band.low))}" height="{_num(plot_bottom - plot_top)}" '
                   f'fill="#{mix(col, "FFFFFF", 0.8)}"/>')
        out.append(f'<rect x="{_num(X(band.low))}" y="{_num(strip * 0.42)}" '
                   f'width="{_num(X(band.high) - X(band.low))}" height="{_num(strip * 0.2)}" '
                   f'fill="#{col}"/>')
        mid = X((band.low + band.high) / 2)
        above = k % 2 == 0      # alternate words above and below the strip, so they never meet
        label(mid, strip * (0.3 if above else 0.78), band.word, "middle",
              baseline="auto" if above else "hanging")
    words = [b.word for b in bands]
    y = plot_top
    for it, title, n, h in zip(items, titles, rows, row_h):
        lk = it.likelihood
        col = colors[words.index(lk.word) % len(colors)] if lk.word in words else colors[0]
        mid = y + h / 2
        for j, part in enumerate(_lines(title, font, size, label_w)):
            label(label_w, mid + (j - (n - 1) / 2) * line, part, "end")
        lo, hi = lk.low, lk.high
        w = max(hi - lo, 0.012)
        lo = min(lo, 1 - w)
        out.append(f'<rect x="{_num(X(lo))}" y="{_num(mid - h * 0.22)}" '
                   f'width="{_num(X(lo + w) - X(lo))}" height="{_num(h * 0.44)}" fill="#{col}" '
                   f'stroke="#{mix(col, "000000", 0.3)}" stroke-width="0.6"/>')
        words_ = f"{lk.word} · {lk.percent()}"
        right = lo + w <= 0.7
        label(X(lo + w) + size * 0.4 if right else X(lo) - size * 0.4, mid, words_,
              "start" if right else "end")
        y += h
    out.append(f'<line x1="{_num(x0)}" y1="{_num(plot_bottom)}" x2="{_num(x1)}" '
               f'y2="{_num(plot_bottom)}" stroke="#{rule}" stroke-width="0.6"/>')
    for i in range(11):
        x = X(i / 10)
        out.append(f'<line x1="{_num(x)}" y1="{_num(plot_bottom)}" x2="{_num(x)}" '
                   f'y2="{_num(plot_bottom + size * 0.3)}" stroke="#{rule}" stroke-width="0.6"/>')
        label(x, plot_bottom + size * 1.0, str(i * 10), "middle", muted)
    label((x0 + x1) / 2, plot_bottom + size * 2.5, axis, "middle", muted)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(w_pt * 4 / 3)}" '
           f'height="{_num(h_pt * 4 / 3)}" viewBox="0 0 {_num(w_pt)} {_num(h_pt)}" role="img" '
           f'font-family="{_e(family_for(font))}, {_e(HANGUL)}" font-size="{_num(size)}">'
           f'<title>{_e(alt)}</title>{"".join(out)}</svg>')
    return svg, h_pt
