"""The preview painter: placed slides -> PNG images, without LibreOffice.

It draws the same placed model the pptx writer writes, with the same font
files and the line breaks the fitting engine computed, so a preview shows
what the deck holds. Native charts are painted from the same chart data
with matplotlib. Anything it cannot draw is reported, not skipped silently.

matplotlib is imported only here, and only Figure objects are used: no
global state (``pyplot``, ``rcParams``) is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fontfiles import HANGUL, font_path, needs_wide_font
from .layout import EMU_PER_IN, EMU_PER_PT
from .measure import ascent, width
from .placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape, SlideNumber,
                     TableFrame, TextBox)
from .textfit import BULLET_INDENT
from .theme import Theme


@dataclass
class PaintReport:
    """What the painter wrote, and what it could not draw."""

    files: list[Path] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


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
        with matplotlib.rc_context({"text.hinting": "no_hinting", "text.hinting_factor": 1}):
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
        self.rect(0, 0, self.W, self.H, ps.background)
        self.textbox(ps.title)
        for it in ps.items:
            self.item(it, ps.number)
        fig.savefig(str(path), dpi=self.dpi, metadata={"Software": None})

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
            y = _pt(b.y) + (_pt(b.h) - st.size * 1.22) / 2 + ascent(st.font, st.size)
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
        total = 0.0
        for i, (p, lines) in enumerate(zip(tb.paras, tb.layout)):
            total += sum(line.height for line in lines) + (p.space_before if i else 0)
        inner_h = h - 2 * iy
        if tb.anchor == "middle":
            y = y0 + iy + (inner_h - total) / 2
        elif tb.anchor == "bottom":
            y = y0 + h - iy - total
        else:
            y = y0 + iy
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
        ax = self.sub_axes(it.box)
        ax.axis("off")
        with Image.open(it.path) as im:
            ax.imshow(im.convert("RGBA"), aspect="auto", interpolation="antialiased")

    def chart(self, cf: ChartFrame) -> None:
        t = self.theme
        ax = self.sub_axes(cf.box)
        data, ctype = cf.chart.data, cf.ctype
        body = t.fonts["body"]
        fp = self.fp(body)
        text = _hex(t.color("text"))
        cats = list(data.categories)
        ax.set_facecolor(_hex(t.color("background")))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(_hex(t.color("rule")))
        ax.tick_params(colors=text, labelsize=16 * 0.75)
        colors = [_hex(t.accent(i)) for i in range(len(data.series))]
        if len(data.series) == 1 and ctype not in ("pie", "doughnut"):
            colors = [_hex(t.color("primary"))]
        if ctype in ("pie", "doughnut"):
            vals = data.series[0].values
            wedges, *_ = ax.pie(vals, colors=[_hex(t.accent(i)) for i in range(len(vals))],
                                startangle=90, counterclock=False,
                                wedgeprops=dict(width=0.45 if ctype == "doughnut" else 1,
                                                edgecolor=_hex(t.color("background")), linewidth=2))
            ax.legend(wedges, cats, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False,
                      prop=fp, fontsize=12)
            ax.set_aspect("equal")
        elif ctype in ("bar", "range"):
            pos = list(range(len(cats)))[::-1]
            if ctype == "range":
                lo = [v[0] for v in data.series[0].values]
                span = [v[1] - v[0] for v in data.series[0].values]
                labels = [f"{c} ({_n(a)}–{_n(a + s)})" for c, a, s in zip(cats, lo, span)]
                ax.barh(pos, span, left=lo, color=colors[0], height=0.55)
            else:
                labels = cats
                ax.barh(pos, data.series[0].values, color=colors[0], height=0.55)
            ax.set_yticks(pos, labels)
            ax.grid(axis="x", color=_hex(t.color("rule")), linewidth=0.6)
            ax.set_axisbelow(True)
        elif ctype in ("column", "stacked"):
            n = len(data.series)
            xs = range(len(cats))
            bottom = [0.0] * len(cats)
            for i, s in enumerate(data.series):
                if ctype == "stacked":
                    ax.bar(xs, s.values, bottom=bottom, color=colors[i % len(colors)], width=0.6,
                           label=s.name)
                    bottom = [b + v for b, v in zip(bottom, s.values)]
                else:
                    wdt = 0.8 / n
                    ax.bar([x - 0.4 + wdt * (i + 0.5) for x in xs], s.values, width=wdt,
                           color=colors[i % len(colors)], label=s.name)
            ax.set_xticks(list(xs), cats)
            ax.grid(axis="y", color=_hex(t.color("rule")), linewidth=0.6)
            ax.set_axisbelow(True)
            if n > 1:
                ax.legend(frameon=False, prop=fp, loc="upper center", bbox_to_anchor=(0.5, -0.08),
                          ncol=n)
        elif ctype == "line":
            for i, s in enumerate(data.series):
                ax.plot(cats, s.values, marker="o", color=colors[i % len(colors)], linewidth=2.2,
                        label=s.name)
            ax.grid(axis="y", color=_hex(t.color("rule")), linewidth=0.6)
            if len(data.series) > 1:
                ax.legend(frameon=False, prop=fp)
        else:
            self.unsupported.append(f"chart type '{ctype}'")
        for lab in ax.get_xticklabels() + ax.get_yticklabels():
            lab.set_fontproperties(fp)
            lab.set_fontsize(12)


def _n(v: float) -> str:
    from .charts import fmt_number
    return fmt_number(v)


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
