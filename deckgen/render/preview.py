"""The preview painter: placed slides -> PNG images, without LibreOffice.

It draws the same placed model the pptx writer writes, with the same font
files and the line breaks the fitting engine computed, so a preview shows
what the deck holds. Native charts are painted from the same chart data
with matplotlib. Anything it cannot draw is reported, not skipped silently.

matplotlib is imported only here, and only Figure objects are used: no
global state (``pyplot``, ``rcParams``) is touched.
"""

from __future__ import annotations

import math
import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.content.pictures import png_source
from deckgen.deck.charts import plot_box
from deckgen.layout.fitting import BULLET_INDENT
from deckgen.layout.geometry import EMU_PER_PT
from deckgen.layout.placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape,
                                   SlideNumber, TableFrame, TextBox)
from deckgen.text.fontfiles import HANGUL, font_path, needs_wide_font
from deckgen.text.measure import ascent, line_height, width
from deckgen.theme.master import artwork
from deckgen.theme.theme import Theme


@dataclass
class PaintReport:
    """What the painter wrote, and what it could not draw."""

    files: list[Path] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def _gapped(values) -> list[float]:
    """Return a series' values for matplotlib: a gap (None) as NaN, which it leaves out."""
    return [math.nan if v is None else float(v) for v in values]


def _hex(c: str) -> str:
    return "#" + c


class _Painter:
    def __init__(self, theme: Theme, width: int, height: int, dpi: int) -> None:
        self.theme = theme
        self.W, self.H = _pt(width), _pt(height)
        self.dpi = dpi
        self.unsupported: list[str] = []
        self._fonts: dict = {}

    def fp(self, font: str, bold: bool = False, italic: bool = False):
        from matplotlib.font_manager import FontProperties
        key = (font, bold, italic)
        if key not in self._fonts:
            self._fonts[key] = FontProperties(fname=str(font_path(font, bold, italic)))
        return self._fonts[key]

    # -- the canvas ---------------------------------------------------------
    def paint(self, ps: PlacedSlide, path: Path) -> None:
        import matplotlib
        # Hinting snaps glyph advances to whole pixels, so styled runs drawn
        # one after another would drift from the measured positions; scoped
        # to this figure, global settings stay untouched.
        with matplotlib.rc_context({"text.hinting": "no_hinting"}):
            self._paint(ps, path)

    def _paint(self, ps: PlacedSlide, path: Path) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        fig = Figure(figsize=(self.W / 72, self.H / 72), dpi=self.dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, self.W)
        ax.set_ylim(self.H, 0)
        ax.axis("off")
        self.fig, self.ax = fig, ax
        if ps.background is None and self.theme.master is not None:
            # a slide on an organisation's master shows the master's background and artwork
            self.rect(0, 0, self.W, self.H,
                      self.theme.master.background or self.theme.color("background"))
            self.master_art(ps.layout)
        else:
            self.rect(0, 0, self.W, self.H, ps.background or self.theme.color("background"))
        self.textbox(ps.title)
        for it in ps.items:
            self.item(it, ps.number)
        if hasattr(path, "write"):
            # a stream takes the raw pixels: a handout encodes them once, for PDF and DOCX
            fig.savefig(path, dpi=self.dpi, format="rgba")
            self.size = fig.canvas.get_width_height(physical=True)
            return
        fig.savefig(str(path), dpi=self.dpi, metadata={"Software": None})

    def master_art(self, layout: str) -> None:
        """Paint the master's and the layout's pictures and filled shapes (its logo, bands)."""
        import io

        from PIL import Image

        for art in artwork(self.theme.master.path, layout):
            x, y, w, h = (_pt(v) for v in art.box)
            if art.fill:
                self.rect(x, y, w, h, art.fill, z=1)
                continue
            try:
                im = Image.open(io.BytesIO(art.image)).convert("RGBA")
            except OSError:
                self.unsupported.append(f"a picture in the master (layout '{layout}')")
                continue
            self.ax.imshow(im, extent=(x, x + w, y + h, y), zorder=1, aspect="auto",
                           interpolation="antialiased")
        self.ax.set_xlim(0, self.W)
        self.ax.set_ylim(self.H, 0)

    def rect(self, x, y, w, h, fill, line=None, shape="rect", z=1) -> None:
        from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle
        kw = dict(facecolor=_hex(fill), edgecolor=_hex(line) if line else "none",
                  linewidth=1 if line else 0, zorder=z)
        if shape == "oval":
            patch = Ellipse((x + w / 2, y + h / 2), w, h, **kw)
        elif shape == "rounded":
            r = min(w, h) * 0.16
            patch = FancyBboxPatch((x + r, y + r), max(w - 2 * r, 0.1), max(h - 2 * r, 0.1),
                                   boxstyle=f"round,pad={r}", **kw)
        else:
            patch = Rectangle((x, y), w, h, **kw)
        self.ax.add_patch(patch)

    def item(self, it, number: int) -> None:
        if isinstance(it, TextBox):
            self.textbox(it)
        elif isinstance(it, Shape):
            b = it.box
            self.rect(_pt(b.x), _pt(b.y), _pt(b.w), _pt(b.h), it.fill, it.line, it.shape)
        elif isinstance(it, Group):
            for child in it.items:
                self.item(child, number)
        elif isinstance(it, SlideNumber):
            b = it.box
            st = it.style
            text = str(it.number)
            x = _pt(b.x + b.w) - width(text, st.font, st.size)
            y = _pt(b.y) + (_pt(b.h) - line_height(st.font, st.size)) / 2 + ascent(st.font, st.size)
            self.draw(text, x, y, st.font, st.size, st.color, False, False)
        elif isinstance(it, TableFrame):
            for row in it.cells:
                for tb in row:
                    self.textbox(tb, edge=self.theme.color("background"))
        elif isinstance(it, ChartFrame):
            self.chart(it)
        elif isinstance(it, Picture):
            self.picture(it)
        else:
            self.unsupported.append(f"slide {number}: {type(it).__name__}")

    # -- text -------------------------------------------------------------
    def draw(self, text: str, x: float, baseline: float, font: str, size: float, color: str,
             bold: bool, italic: bool, underline: bool = False) -> float:
        """Draw one styled run at a baseline; return the x after it."""
        seg, wide = "", None
        for ch in text + "\0":
            w = needs_wide_font(ch) if ch != "\0" else None
            if ch == "\0" or (wide is not None and w != wide):
                if seg:
                    face = HANGUL if wide else font
                    self.ax.text(x, baseline, seg, fontproperties=self.fp(face, bold, italic and not wide),
                                 fontsize=size, color=_hex(color), va="baseline", ha="left", zorder=5)
                    seg_w = width(seg, font, size, bold, italic)
                    if underline:
                        self.ax.plot([x, x + seg_w], [baseline + size * 0.12] * 2,
                                     color=_hex(color), linewidth=size / 18, zorder=5)
                    x += seg_w
                seg = ""
            seg += ch
            wide = w
        return x

    def textbox(self, tb: TextBox, edge: str | None = None) -> None:
        b = tb.box
        x0, y0, w, h = _pt(b.x), _pt(b.y), _pt(b.w), _pt(b.h)
        if tb.fill:
            self.rect(x0, y0, w, h, tb.fill, tb.line or edge, tb.shape, z=2)
        ix, iy = (_pt(v) for v in tb.insets)
        y = tb.text_top(y0, h, iy)
        for i, (p, lines) in enumerate(zip(tb.paras, tb.layout)):
            if i:
                y += p.space_before
            indent = p.style.size * BULLET_INDENT
            left = x0 + ix + (indent * (p.level + 1) if p.bullet else indent * p.level)
            avail = w - 2 * ix - (left - x0 - ix)
            for k, line in enumerate(lines):
                base = y + line.ascent
                if p.align == "center":
                    x = left + (avail - line.width) / 2
                elif p.align == "right":
                    x = left + avail - line.width
                else:
                    x = left
                if k == 0 and p.bullet:
                    mark = f"{p.number}." if p.bullet == "num" else p.bullet
                    self.draw(mark, left - indent, base, p.style.font, p.style.size,
                              p.style.color, False, False)
                for piece in line.pieces:
                    x = self.draw(piece.text, x, base, piece.font, piece.size,
                                  piece.color or p.style.color, piece.bold, piece.italic,
                                  underline=bool(piece.url))
                y += line.height

    # -- charts and pictures ------------------------------------------------
    def sub_axes(self, b):
        return self.fig.add_axes((b.x / (self.W * EMU_PER_PT), 1 - (b.y + b.h) / (self.H * EMU_PER_PT),
                                  b.w / (self.W * EMU_PER_PT), b.h / (self.H * EMU_PER_PT)))

    def picture(self, it: Picture) -> None:
        from PIL import Image

        with Image.open(png_source(it.path)) as im:   # an SVG: its PNG copy, as in the deck
            pixels = im.convert("RGBA")
        if any(it.crop):
            l, t, r, b = it.crop
            w, h = pixels.size
            pixels = pixels.crop((round(l * w), round(t * h), round(w - r * w), round(h - b * h)))
        if it.behind:
            # on the slide's own axes, over the background and under every other item
            x, y, w, h = (_pt(v) for v in (it.box.x, it.box.y, it.box.w, it.box.h))
            self.ax.imshow(pixels, extent=(x, x + w, y + h, y), zorder=1, aspect="auto",
                           interpolation="antialiased")
            self.ax.set_xlim(0, self.W)
            self.ax.set_ylim(self.H, 0)
            return
        ax = self.sub_axes(it.box)
        ax.axis("off")
        ax.imshow(pixels, aspect="auto", interpolation="antialiased")

    def chart(self, cf: ChartFrame) -> None:
        """Paint a chart the way PowerPoint lays out the native one: labels inside its frame.

        Everything numeric — axis bounds, ticks, label texts — comes from the
        frame's resolved :class:`~deckgen.deck.charts.ChartSpec`, as in the pptx.
        """
        import math
        t = self.theme
        spec = cf.spec
        ctype = spec.ctype
        body = t.fonts["body"]
        fp = self.fp(body)

        def label_fp(text: str):
            # a label with Korean (or other wide) text is set in the Hangul face, which has
            # Latin too: the body font alone would draw missing-glyph boxes
            return self.fp(HANGUL) if any(needs_wide_font(ch) for ch in text) else fp
        size = 16.0
        text = _hex(t.color("text"))
        muted = _hex(t.color("muted"))
        rule = _hex(t.color("rule"))
        cats = list(spec.categories)
        b = cf.box
        axis = spec.axis
        # the plot area the pptx writes as the chart's manual layout
        inner = plot_box(spec, b, body, size)
        ax = self.sub_axes(inner)
        ax.set_facecolor(_hex(t.color("background")))
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(colors=text, labelsize=size, length=0)
        primary = _hex(t.accent(0))     # one series: the first accent, as in the pptx
        colors = [_hex(t.accent(i)) for i in range(max(len(spec.values), len(cats)))]
        if ctype in ("pie", "doughnut"):
            vals = [float(v) for v in spec.values[0]]
            wedges, *_ = ax.pie(vals, colors=colors[:len(vals)], startangle=90, counterclock=False,
                                wedgeprops=dict(width=0.45 if ctype == "doughnut" else 1,
                                                edgecolor=_hex(t.color("background")), linewidth=2))
            for k, (_, _, middle) in enumerate(spec.slices()):
                mid = math.radians(middle)
                words = spec.label(0, k)
                if words is None:
                    continue
                r = 1.15 if ctype == "pie" else 0.78
                on_slice = _hex(t.text_on(t.accent(k)))
                ax.text(r * math.cos(mid), r * math.sin(mid), words, ha="center",
                        va="center", fontproperties=fp if ctype == "pie" else self.fp(body, True),
                        fontsize=size, color=text if ctype == "pie" else on_slice)
            leg = ax.legend(wedges, cats, loc="center left", bbox_to_anchor=(1.02, 0.5),
                            frameon=False, prop=fp, handlelength=0.7)
            for txt in leg.get_texts():
                txt.set_fontproperties(label_fp(txt.get_text()))
                txt.set_fontsize(size)
            ax.set_aspect("equal")
            ax.set_xlim(-1, 1)      # the pie fills its plot area, as PowerPoint draws it
            ax.set_ylim(-1, 1)
            return
        ticks = axis.ticks()
        tick_text = [axis.numbers.text(v) for v in ticks]
        span = axis.high - axis.low
        if ctype in ("bar", "range"):
            pos = list(range(len(cats)))
            if ctype == "range":
                lo = [start for start, _ in spec.range_bars()]
                wide = [w for _, w in spec.range_bars()]
                ax.barh(pos, wide, left=lo, color=primary, height=spec.bar_width())
            else:
                vals = _gapped(spec.values[0])
                bars = ax.barh(pos, vals, color=primary, height=spec.bar_width())
                for k, (rect_, v) in enumerate(zip(bars, vals)):
                    words = spec.label(0, k)
                    if words is not None:
                        gap = span * 0.01
                        ax.text(v + (gap if v >= 0 else -gap), rect_.get_y() + rect_.get_height() / 2,
                                words, va="center", ha="left" if v >= 0 else "right",
                                fontproperties=fp, fontsize=size, color=text)
            ax.set_ylim(len(cats) - 0.5, -0.5)   # first category at the top, as PowerPoint draws it
            ax.set_yticks(pos, cats)
            ax.set_xlim(axis.low, axis.high)
            ax.set_xticks(ticks, tick_text)
            ax.grid(axis="x", color=rule, linewidth=0.8)
            ax.set_axisbelow(True)
            ax.tick_params(axis="x", colors=muted)
        elif ctype in ("column", "stacked", "line"):
            n = len(spec.values)
            xs = list(range(len(cats)))
            series_colors = [primary] if n == 1 else colors
            ups = [0.0] * len(cats)
            downs = [0.0] * len(cats)
            for i, vals in enumerate(spec.values):
                col = series_colors[i % len(series_colors)]
                name = spec.names[i]
                # a gap (None): no point, the line breaks; in a stack, no segment
                vals = [0.0 if v is None else v for v in vals] if ctype == "stacked" \
                    else _gapped(vals)
                if ctype == "stacked":
                    base = [u if v >= 0 else d_ for u, d_, v in zip(ups, downs, vals)]
                    bars = ax.bar(xs, vals, bottom=base, color=col, width=spec.bar_width(), label=name)
                    for k, (rect_, v) in enumerate(zip(bars, vals)):
                        words = spec.label(i, k)
                        if words is not None:
                            ax.text(k, base[k] + v / 2, words, ha="center", va="center",
                                    fontproperties=self.fp(body, True), fontsize=size,
                                    color=_hex(t.text_on(t.accent(i))))
                    ups = [u + max(v, 0) for u, v in zip(ups, vals)]
                    downs = [d_ + min(v, 0) for d_, v in zip(downs, vals)]
                    continue
                if ctype == "column":
                    wdt = spec.bar_width()
                    px = [x - wdt * n / 2 + wdt * (i + 0.5) for x in xs]
                    ax.bar(px, vals, width=wdt, color=col, label=name)
                else:
                    px = xs
                    ax.plot(xs, vals, marker="o", color=col, linewidth=2.2, label=name)
                for k, v in enumerate(vals):
                    words = spec.label(i, k)
                    if words is None:
                        continue
                    down = spec.label_below(i, k)
                    ax.annotate(words, (px[k], v), textcoords="offset points",
                                xytext=(0, (-9 if down else 9) if ctype == "line" else (-4 if down else 3)),
                                ha="center", va="top" if down else "bottom",
                                fontproperties=fp, fontsize=size, color=text)
            ax.set_xticks(xs, cats)
            ax.set_xlim(-0.5, len(cats) - 0.5)
            ax.set_ylim(axis.low, axis.high)
            ax.set_yticks(ticks, tick_text)
            ax.grid(axis="y", color=rule, linewidth=0.8)
            ax.set_axisbelow(True)
            if spec.negative:
                ax.axhline(0, color=rule, linewidth=1.0)
            ax.tick_params(axis="y", colors=muted)
            if n > 1:
                leg = ax.legend(frameon=False, prop=fp, loc="upper center",
                                bbox_to_anchor=(0.5, -0.12), ncol=n, handlelength=0.7)
                for txt in leg.get_texts():
                    txt.set_fontproperties(label_fp(txt.get_text()))
                    txt.set_fontsize(size)
        else:
            self.unsupported.append(f"chart type '{ctype}'")
            return
        for lab in ax.get_xticklabels() + ax.get_yticklabels():
            lab.set_fontproperties(label_fp(lab.get_text()))
            lab.set_fontsize(size)


def paint(placed: PlacedDeck, theme: Theme, folder: Path, dpi: int = 96,
          prefix: str = "slide", contact_sheet: bool = True) -> PaintReport:
    """Paint every placed slide to ``folder/slide-NN.png`` (and a contact sheet).

    Returns a :class:`PaintReport` listing the files and anything not drawn.
    """
    folder.mkdir(parents=True, exist_ok=True)
    painter = _Painter(theme, placed.width, placed.height, dpi)
    report = PaintReport()
    for ps in placed.slides:
        path = folder / f"{prefix}-{ps.number:02d}.png"
        painter.paint(ps, path)
        report.files.append(path)
    if contact_sheet and report.files:
        report.files.append(_contact_sheet(report.files, folder / "contact-sheet.png"))
    report.unsupported = painter.unsupported
    return report


def paint_slide(ps: PlacedSlide, placed: PlacedDeck, theme: Theme, path: Path, dpi: int = 96) -> Path:
    """Paint one placed slide to ``path``; return the path (for handout thumbnails)."""
    _Painter(theme, placed.width, placed.height, dpi).paint(ps, path)
    return path


def _shape(obj):
    """Return ``obj`` as nested tuples without its places in the file (``loc``)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__,) + tuple(
            _shape(getattr(obj, f.name)) for f in dataclasses.fields(obj)
            if f.compare and f.name not in ("loc", "locs"))
    if isinstance(obj, (list, tuple)):
        return tuple(_shape(x) for x in obj)
    if isinstance(obj, dict):
        return tuple((k, _shape(v)) for k, v in obj.items())
    if isinstance(obj, (set, frozenset)):
        return tuple(sorted(map(repr, obj)))
    return obj


def _digest(path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def paint_key(ps: PlacedSlide, theme: Theme) -> tuple:
    """Return what decides a slide's picture: equal keys paint equal PNGs.

    The placed slide (its boxes, text, chart specs; not where its content was
    written in the file), the bytes of the pictures it shows, and of the theme
    what the painter reads (the whole resolved theme, and the bytes of its
    master and font files). A watcher compares keys to repaint only the slides
    that changed, whatever file the change was in.
    """
    pictures = tuple(_digest(it.path) for it in ps.walk() if isinstance(it, Picture))
    return (_shape(ps), pictures, theme_key(theme))


def theme_key(theme: Theme) -> tuple:
    """Return the part of :func:`paint_key` that comes from the theme."""
    files = [theme.master.path] if theme.master is not None else []
    for styles in theme.values.get("font_files", {}).values():
        files += list(styles.values())
    return (_shape(theme), tuple(_digest(f) for f in files))


def paint_pixels(ps: PlacedSlide, placed: PlacedDeck, theme: Theme, dpi: int = 150):
    """Return one placed slide painted at ``dpi`` as an RGB PIL image (for slide handouts)."""
    import io

    from PIL import Image
    painter = _Painter(theme, placed.width, placed.height, dpi)
    buf = io.BytesIO()
    painter.paint(ps, buf)
    w, h = painter.size
    data = buf.getvalue()
    if len(data) != w * h * 4:      # pragma: no cover - matplotlib changed its raw format
        raise RuntimeError(f"the painter gave {len(data)} bytes for {w}x{h} RGBA pixels")
    return Image.frombuffer("RGBA", (w, h), data, "raw", "RGBA", 0, 1).convert("RGB")


def _contact_sheet(files: list[Path], path: Path, cols: int = 4, thumb_w: int = 480) -> Path:
    from PIL import Image
    thumbs = []
    for f in files:
        with Image.open(f) as im:
            ratio = thumb_w / im.width
            thumbs.append(im.convert("RGB").resize((thumb_w, int(im.height * ratio))))
    th = thumbs[0].height
    gap = 12
    rows = -(-len(thumbs) // cols)
    sheet = Image.new("RGB", (cols * thumb_w + (cols + 1) * gap, rows * th + (rows + 1) * gap),
                      (200, 200, 200))
    for i, im in enumerate(thumbs):
        r, c = divmod(i, cols)
        sheet.paste(im, (gap + c * (thumb_w + gap), gap + r * (th + gap)))
    sheet.save(path)
    return path
