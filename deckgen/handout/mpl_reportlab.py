"""Draw a matplotlib Figure straight onto a reportlab canvas, as vectors.

Why a renderer of our own: matplotlib can write a PDF, but reportlab cannot
place another PDF's page without pdfrw or svglib (neither is a dependency),
and an embedded PNG would be a blurry, unsearchable picture. A matplotlib
renderer receives every path and every string with its transform; passing
them to the reportlab canvas gives true vector charts whose text is real
text in the handout's own embedded fonts (Hangul included), so it can be
selected, searched and read back by tests.

What is drawn: paths (lines, bars, wedges, markers via matplotlib's generic
fallbacks) with fill, stroke, alpha, dashes, caps, joins and clipping; text
(rotated as asked); raster images. Not drawn: hatching and Gouraud shading,
which deckgen's charts do not use.
"""

from __future__ import annotations

from matplotlib.backend_bases import FigureCanvasBase, GraphicsContextBase, RendererBase
from matplotlib.path import Path as MplPath

from deckgen.handout.pdf_fonts import text_runs

_JOIN = {"miter": 0, "round": 1, "bevel": 2}
_CAP = {"butt": 0, "round": 1, "projecting": 2}




class ReportlabRenderer(RendererBase):
    """A matplotlib renderer whose output is drawing calls on a reportlab canvas.

    The figure must have ``dpi=72`` so that a matplotlib pixel is a PDF point;
    ``(0, 0)`` is the lower left of the figure at the canvas's current origin.
    ``fonts`` is a :class:`~deckgen.writers.pdf_fonts.PdfFonts`.
    """

    def __init__(self, canv, width: float, height: float, fonts) -> None:
        super().__init__()
        self.canv = canv
        self.width = width
        self.height = height
        self.fonts = fonts

    # -- what matplotlib asks about the device ----------------------------
    def flipy(self) -> bool:
        return False            # y grows upwards, as in PDF

    def get_canvas_width_height(self):
        return self.width, self.height

    def points_to_pixels(self, points):
        return points           # 72 dpi: one pixel is one point

    def new_gc(self):
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def _font(self, prop, wide: bool) -> str:
        bold = prop.get_weight() in ("bold", "heavy", "semibold", "demibold", "black") or \
            (isinstance(prop.get_weight(), int) and prop.get_weight() >= 600)
        italic = prop.get_style() in ("italic", "oblique")
        f = self.fonts
        if wide:
            return f.wide_bold if bold else f.wide
        return {(False, False): f.regular, (True, False): f.bold, (False, True): f.italic,
                (True, True): f.bold_italic}[(bold, italic)]

    def get_text_width_height_descent(self, s, prop, ismath):
        from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
        size = prop.get_size_in_points()
        width = sum(stringWidth(t, self._font(prop, w), size) for t, w in text_runs(s))
        asc, desc = getAscentDescent(self._font(prop, False), size)
        return width, asc - desc, -desc

    # -- drawing -----------------------------------------------------------
    def _path(self, path, transform, clip=None):
        p = self.canv.beginPath()
        last = None
        for verts, code in path.iter_segments(transform, remove_nans=True, clip=clip,
                                              simplify=False, curves=True):
            if code == MplPath.MOVETO:
                p.moveTo(*verts[-2:])
            elif code == MplPath.LINETO:
                p.lineTo(*verts[-2:])
            elif code == MplPath.CURVE3:
                # a quadratic Bézier as the cubic with the same shape
                (cx, cy), (x, y) = verts[:2], verts[2:]
                x0, y0 = last
                p.curveTo(x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0),
                          x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y), x, y)
            elif code == MplPath.CURVE4:
                p.curveTo(*verts)
            elif code == MplPath.CLOSEPOLY:
                p.close()
            if code != MplPath.CLOSEPOLY:
                last = tuple(verts[-2:])
        return p

    def _clip(self, gc) -> None:
        rect = gc.get_clip_rectangle()
        if rect is not None:
            x0, y0, w, h = rect.bounds
            p = self.canv.beginPath()
            p.rect(x0, y0, w, h)
            self.canv.clipPath(p, stroke=0, fill=0)
        cpath, ctrans = gc.get_clip_path()
        if cpath is not None:
            self.canv.clipPath(self._path(cpath, ctrans), stroke=0, fill=0)

    def _alphas(self, gc, rgb_face) -> tuple[float, float]:
        rgb = gc.get_rgb()
        if gc.get_forced_alpha():
            return gc.get_alpha(), gc.get_alpha()
        stroke = rgb[3] if rgb is not None and len(rgb) > 3 else 1.0
        fill = rgb_face[3] if rgb_face is not None and len(rgb_face) > 3 else 1.0
        return stroke, fill

    def draw_path(self, gc, path, transform, rgbFace=None):
        c = self.canv
        c.saveState()
        try:
            self._clip(gc)
            stroke_a, fill_a = self._alphas(gc, rgbFace)
            rgb = gc.get_rgb()
            lw = gc.get_linewidth()
            stroke = bool(lw > 0 and rgb is not None and stroke_a > 0)
            fill = rgbFace is not None and fill_a > 0
            if not (stroke or fill):
                return
            if stroke:
                c.setStrokeColorRGB(*rgb[:3], alpha=stroke_a)
                c.setLineWidth(lw)
                c.setLineJoin(_JOIN.get(gc.get_joinstyle(), 0))
                c.setLineCap(_CAP.get(gc.get_capstyle(), 0))
                offset, dashes = gc.get_dashes()
                if dashes:
                    c.setDash(list(dashes), offset or 0)
            if fill:
                c.setFillColorRGB(*rgbFace[:3], alpha=fill_a)
            clip = (0, 0, self.width, self.height) if not fill else None
            c.drawPath(self._path(path, transform, clip), stroke=int(stroke), fill=int(fill))
        finally:
            c.restoreState()

    def draw_image(self, gc, x, y, im):
        from PIL import Image
        from reportlab.lib.utils import ImageReader
        h, w = im.shape[:2]
        if not (h and w):
            return
        pic = Image.fromarray(im[::-1] if self.flipy() else im, "RGBA")
        c = self.canv
        c.saveState()
        try:
            self._clip(gc)
            c.drawImage(ImageReader(pic), x, y, w, h, mask="auto")
        finally:
            c.restoreState()

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        c = self.canv
        size = prop.get_size_in_points()
        rgb = gc.get_rgb()
        alpha = gc.get_alpha() if gc.get_forced_alpha() else (rgb[3] if len(rgb) > 3 else 1.0)
        c.saveState()
        try:
            self._clip(gc)
            c.translate(x, y)
            if angle:
                c.rotate(angle)
            c.setFillColorRGB(*rgb[:3], alpha=alpha)
            dx = 0.0
            from reportlab.pdfbase.pdfmetrics import stringWidth
            for text, wide in text_runs(s):
                name = self._font(prop, wide)
                c.setFont(name, size)
                c.drawString(dx, 0, text)
                dx += stringWidth(text, name, size)
        finally:
            c.restoreState()


class ReportlabCanvas(FigureCanvasBase):
    """A figure canvas whose renderer draws on a reportlab canvas.

    Layout engines (``layout="constrained"``) ask the canvas for its renderer
    to measure text; this one hands them the reportlab renderer, so the
    layout is measured with the very fonts the PDF embeds.
    """

    def __init__(self, figure, renderer: ReportlabRenderer) -> None:
        super().__init__(figure)
        self._renderer = renderer

    def get_renderer(self):
        return self._renderer


def draw_figure(fig, canv, fonts) -> None:
    """Draw ``fig`` (made with ``dpi=72``) on ``canv`` with its lower left at the origin."""
    w, h = fig.get_size_inches() * 72
    renderer = ReportlabRenderer(canv, float(w), float(h), fonts)
    ReportlabCanvas(fig, renderer)
    fig.draw(renderer)
