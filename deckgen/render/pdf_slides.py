"""The deck as a PDF: one 16:9 page a slide, drawn from the placed slides as vectors.

For a lecturer who uploads the slides to a learning platform as a PDF, and
for readers who need it accessible. Each visible slide (hidden ones are left
out) becomes one page the size of the slide, drawn from the same placed
boxes the pptx is written from, with the line breaks the fitting engine
measured: text is real text in the shipped, embedded faces, charts are SVG
vectors (the HTML deck's drawing of the resolved chart), pictures keep their alt text, links are link annotations.

The structure tree follows the slide as PowerPoint's reading order does:
the title (H1, which also gives every slide a bookmark), then each box in
the order the design placed it; bullets are list items, tables have header
cells, charts, pictures and diagrams are Figures with their alt text.
Backgrounds, shapes, the master's artwork and slide numbers are artifacts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deckgen.content.labels import ENGLISH
from deckgen.content.markup import parse, plain
from deckgen.content.pictures import png_source
from deckgen.content.urls import safe_url
from deckgen.deck.charts import CHART_PT, resolve
from deckgen.layout.fitting import BULLET_INDENT
from deckgen.layout.geometry import EMU_PER_PT
from deckgen.layout.placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape,
                                   SlideNumber, TableFrame, TextBox)
from deckgen.render import svg_charts
from deckgen.render.pdf_typst import (color, compile_pdf, document_head, font_dirs, fonts, lit,
                                      pt, typst_svg)
from deckgen.text.measure import font_info
from deckgen.theme.master import artwork
from deckgen.theme.theme import Theme


def _p(emu: float) -> float:
    return emu / EMU_PER_PT


def visible(placed: PlacedDeck) -> list[PlacedSlide]:
    """Return the slides the PDF shows: hidden ones are left out."""
    return [ps for ps in placed.slides if not getattr(ps, "hidden", False)]


def _runs(pieces) -> str:
    """Return the styled pieces of one laid-out line as Typst content."""
    out = []
    for pc in pieces:
        body = lit(pc.text)
        args = [f"font: {fonts(pc.font)}", f"size: {pt(pc.size)}"]
        if pc.color:
            args.append(f"fill: {color(pc.color)}")
        if pc.bold:
            args.append('weight: "bold"')
        if pc.italic:
            args.append('style: "italic"')
        body = f"text({', '.join(args)}, {body})"
        url = safe_url(pc.url) if pc.url else None
        if url:
            body = f"link({lit(url)}, underline({body}))"
        out.append("#" + body)
    return "".join(out)


def _breaks(p, lines) -> list[str]:
    """Return what ends each measured line: a line break, with the space it broke at.

    A line broken at a space keeps the space, so a screen reader and the
    bookmark read "Pyongyang Axis", not "PyongyangAxis" (Typst does not draw a
    space at a line's end); a word broken at its hyphen stays one word.
    """
    full = "".join(r.text for r in (p.runs or parse(p.text)))
    out, pos = [], 0
    for line in lines[:-1]:
        t = "".join(pc.text for pc in line.pieces)
        found = full.find(t, pos) if t else -1
        end = (found if found >= 0 else pos) + len(t)
        space = full[end:end + 1].isspace()
        out.append('#" "#linebreak()' if space else "#linebreak()")
        pos = end + int(space)
    return out + [""]


class _Slides:
    def __init__(self, placed: PlacedDeck, theme: Theme, pictures) -> None:
        self.placed, self.theme, self.pictures = placed, theme, pictures
        self.labels = getattr(placed.deck, "labels", ENGLISH)
        self.files: dict[str, bytes] = {}
        self.used_fonts: set[str] = set(theme.fonts.values())

    def add_file(self, stem: str, ext: str, data: bytes) -> str:
        name = f"{stem}-{len(self.files) + 1}.{ext}"
        self.files[name] = data
        return name

    # -- text ------------------------------------------------------------------
    def para(self, p, lines, width: float) -> str:
        """Return one paragraph: its measured lines, broken where the fitting engine broke them."""
        st = p.style
        self.used_fonts.add(st.font)
        fi = font_info(st.font)
        pitch = lines[0].height if lines else st.size * fi.line_height
        leading = max(pitch - st.size * (fi.ascent + fi.descent), 0)
        body = "".join(_runs(line.pieces) + sep for line, sep in zip(lines, _breaks(p, lines)))
        align = {"center": "center", "right": "right"}.get(p.align, "left")
        style = (', weight: "bold"' if st.bold else "") + (', style: "italic"' if st.italic else "")
        return (f"#block(width: {pt(width + 2)}, above: {pt(p.space_before)}, below: 0pt)["
                f"#set text(font: {fonts(st.font)}, size: {pt(st.size)}, fill: {color(st.color)}"
                f"{style}, top-edge: \"ascender\", "
                f"bottom-edge: \"descender\")\n#set par(leading: {pt(leading)}, justify: false)\n"
                f"#set align({align})\n#par[{body}]]")

    def textbox(self, tb: TextBox, heading: bool = False, edge: str | None = None,
                at: tuple[float, float] | None = None) -> str:
        """Return a text box placed on the slide (``at`` overrides its position: table cells)."""
        b = tb.box
        x0, y0, w, h = _p(b.x), _p(b.y), _p(b.w), _p(b.h)
        if at is not None:
            x0, y0 = at
        ix, iy = (_p(v) for v in tb.insets)
        out = []
        if tb.fill and at is None:
            out.append(self.shape(x0, y0, w, h, tb.fill, tb.line or edge, tb.shape))
        y = tb.text_top(y0, h, iy)
        parts, bullets = [], []

        def flush() -> None:
            if bullets:
                parts.append(f"#list(marker: none, indent: 0pt, body-indent: 0pt, spacing: 0pt, "
                             f"{', '.join(bullets)})")
                bullets.clear()

        first = True
        for p, lines in zip(tb.paras, tb.layout):
            if not lines:
                continue
            if first:
                p = _no_space_before(p)
                first = False
            indent = p.style.size * BULLET_INDENT
            left = indent * (p.level + 1) if p.bullet else indent * p.level
            avail = w - 2 * ix - left
            if p.bullet:
                mark = f"{p.number}." if p.bullet == "num" else p.bullet
                # the marker hangs in the indent; the body starts where the engine measured it
                body = self.para(p, lines, avail)
                bullets.append(
                    f"pad(left: {pt(left - indent)}, top: {pt(p.space_before)})[#grid(columns: "
                    f"({pt(indent)}, {pt(avail + 2)}), text(font: {fonts(p.style.font)}, "
                    f"size: {pt(p.style.size)}, fill: {color(p.style.color)}, top-edge: "
                    f"\"ascender\", {lit(mark)}), [{body}])]")
            else:
                flush()
                parts.append(f"#pad(left: {pt(left)})[{self.para(p, lines, avail)}]")
        flush()
        content = "\n".join(parts)
        if heading:
            content = f"#heading(level: 1, outlined: true, bookmarked: true)[{content}]"
        return "".join(out) + (f"#place(top + left, dx: {pt(x0 + ix)}, dy: {pt(y)}, "
                               f"block(width: {pt(max(w - 2 * ix, 1) + 2)})[{content}])\n")

    # -- drawing -----------------------------------------------------------------
    def shape(self, x, y, w, h, fill, line=None, shape="rect") -> str:
        stroke = f", stroke: 1pt + {color(line)}" if line else ""
        if shape == "oval":
            s = f"ellipse(width: {pt(w)}, height: {pt(h)}, fill: {color(fill)}{stroke})"
        elif shape == "rounded":
            s = (f"rect(width: {pt(w)}, height: {pt(h)}, radius: {pt(min(w, h) * 0.16)}, "
                 f"fill: {color(fill)}{stroke})")
        else:
            s = f"rect(width: {pt(w)}, height: {pt(h)}, fill: {color(fill)}{stroke})"
        return f"#place(top + left, dx: {pt(x)}, dy: {pt(y)}, pdf.artifact({s}))\n"

    def chart(self, cf: ChartFrame) -> str:
        b = cf.box
        w, h = _p(b.w), _p(b.h)
        name = self.add_file("chart", "svg", chart_svg(cf, self.theme, self.pictures))
        alt = cf.alt or plain(cf.title) or self.labels["chart"]
        return (f"#place(top + left, dx: {pt(_p(b.x))}, dy: {pt(_p(b.y))}, figure(image("
                f"{lit(name)}, width: {pt(w)}, height: {pt(h)}, alt: {lit(alt)})))\n")

    def picture(self, it: Picture) -> str:
        b = it.box
        src = png_source(it.path)       # an SVG: its PNG copy, as in the deck
        data = src.getvalue() if hasattr(src, "getvalue") else Path(src).read_bytes()
        name = self.add_file("picture", "png", data)
        img = f"image({lit(name)}, width: {pt(_p(b.w))}, height: {pt(_p(b.h))}, fit: \"stretch\""
        if any(it.crop):
            # the whole picture, scaled as the crop says, clipped to the box
            l, t, r, bt = it.crop
            fw, fh = _p(b.w) / (1 - l - r), _p(b.h) / (1 - t - bt)
            whole = (f"image({lit(name)}, width: {pt(fw)}, height: {pt(fh)}, fit: \"stretch\""
                     + (")" if it.decorative or not it.alt else f", alt: {lit(it.alt)})"))
            clipped = (f"box(width: {pt(_p(b.w))}, height: {pt(_p(b.h))}, clip: true, "
                       f"place(top + left, dx: {pt(-fw * l)}, dy: {pt(-fh * t)}, {whole}))")
            body = (f"pdf.artifact({clipped})" if it.decorative or not it.alt
                    else f"figure({clipped})")
            return f"#place(top + left, dx: {pt(_p(b.x))}, dy: {pt(_p(b.y))}, {body})\n"
        if it.decorative or not it.alt:
            body = f"pdf.artifact({img}))"
        else:
            body = f"figure({img}, alt: {lit(it.alt)}))"
        return f"#place(top + left, dx: {pt(_p(b.x))}, dy: {pt(_p(b.y))}, {body})\n"

    def table(self, tf: TableFrame) -> str:
        """Return a table with its header row as header cells, each cell as the engine set it."""
        b = tf.box
        edge = self.theme.color("background")
        cols = ", ".join(pt(_p(w)) for w in tf.widths)
        rows = ", ".join(pt(_p(h)) for h in tf.heights)
        cells = []
        for r, row in enumerate(tf.cells):
            out = []
            for tb in row:
                fill = f"fill: {color(tb.fill)}, " if tb.fill else ""
                stroke = f"stroke: 1pt + {color(tb.line or edge)}, " if tb.fill else ""
                inner = self.textbox(tb, at=(0, 0))
                out.append(f"table.cell({fill}{stroke}block(width: 100%, height: 100%)"
                           f"[{inner}])")
            cells.append(out)
        head = f"table.header({', '.join(cells[0])}), " if cells else ""
        body = ", ".join(c for row in cells[1:] for c in row)
        return (f"#place(top + left, dx: {pt(_p(b.x))}, dy: {pt(_p(b.y))}, table(columns: "
                f"({cols},), rows: ({rows},), inset: 0pt, stroke: none, {head}{body}))\n")

    def item(self, it) -> str:
        if isinstance(it, TextBox):
            return self.textbox(it)
        if isinstance(it, Shape):
            b = it.box
            return self.shape(_p(b.x), _p(b.y), _p(b.w), _p(b.h), it.fill, it.line, it.shape)
        if isinstance(it, Group):
            return "".join(self.item(child) for child in it.items)
        if isinstance(it, SlideNumber):
            b, st = it.box, it.style
            return (f"#place(top + left, dx: {pt(_p(b.x))}, dy: {pt(_p(b.y))}, pdf.artifact("
                    f"block(width: {pt(_p(b.w))}, height: {pt(_p(b.h))}, align(right + horizon, "
                    f"text(font: {fonts(st.font)}, size: {pt(st.size)}, fill: {color(st.color)}, "
                    f"{lit(str(it.number))})))))\n")
        if isinstance(it, TableFrame):
            return self.table(it)
        if isinstance(it, ChartFrame):
            return self.chart(it)
        if isinstance(it, Picture):
            return self.picture(it)
        raise TypeError(f"the slides PDF cannot draw a {type(it).__name__}")

    def master(self, layout: str) -> str:
        out = []
        for art in artwork(self.theme.master.path, layout):
            x, y, w, h = (_p(v) for v in art.box)
            if art.fill:
                out.append(self.shape(x, y, w, h, art.fill))
                continue
            name = self.add_file("master", "png", _png(art.image))
            out.append(f"#place(top + left, dx: {pt(x)}, dy: {pt(y)}, pdf.artifact(image("
                       f"{lit(name)}, width: {pt(w)}, height: {pt(h)}, fit: \"stretch\")))\n")
        return "".join(out)

    def slide(self, ps: PlacedSlide) -> str:
        t = self.theme
        parts = []
        if ps.background is None and t.master is not None:
            parts.append(self.shape(0, 0, _p(self.placed.width), _p(self.placed.height),
                                    t.master.background or t.color("background")))
            parts.append(self.master(ps.layout))
        else:
            parts.append(self.shape(0, 0, _p(self.placed.width), _p(self.placed.height),
                                    ps.background or t.color("background")))
        if ps.title.paras and any(p.text for p in ps.title.paras):
            parts.append(self.textbox(ps.title, heading=True))
        else:
            # a slide without a visible title still gets its heading and bookmark
            parts.append(f"#place(hide(heading(level: 1, {lit(self.labels('slide', n=ps.number))})))\n")
        # a picture covering the slide (and its band) go under the title, as in the pptx
        under = [it for it in ps.items if getattr(it, "behind", False)]
        parts[1:1] = [self.item(it) for it in under]
        parts += [self.item(it) for it in ps.items if it not in under]
        return "".join(parts)


def chart_svg(cf: ChartFrame, theme: Theme, pictures) -> bytes:
    """Return a slide chart as SVG at its frame's size, drawn once per build.

    The chart resolved at design time (``cf.spec``), drawn by the SVG drawing
    the HTML deck uses (:mod:`deckgen.render.svg_charts`, no plotting library)
    at the slide's chart text size, so it reads as on the slide.
    """
    w, h = _p(cf.box.w), _p(cf.box.h)
    key = ("slides-pdf-chart", cf.chart.id, cf.ctype, round(w, 1), round(h, 1), theme.name)

    def draw() -> bytes:
        spec = cf.spec or resolve(cf.chart, cf.ctype,
                                  bool(theme.charts.get("data_labels", True)))
        svg = svg_charts.chart_svg(spec, w, h, theme, cf.alt, size=CHART_PT)
        return typst_svg(svg).encode("utf-8")
    return pictures(key, draw)


def prime(build) -> None:
    """Draw the slides' charts ahead of the writers (before they fork), once per build."""
    for ps in visible(build.placed):
        for it in ps.walk():
            if isinstance(it, ChartFrame):
                chart_svg(it, build.theme, build.picture)


def _no_space_before(p):
    return replace(p, space_before=0.0)


def _png(data: bytes) -> bytes:
    """Return a master picture as PNG bytes (Typst reads PNG, JPEG, GIF and SVG)."""
    import io

    from PIL import Image
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return data
    buf = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGBA").save(buf, "PNG")
    return buf.getvalue()


def write_slides_pdf(placed: PlacedDeck, theme: Theme, content, path: Path, pictures) -> int:
    """Write the visible slides as a tagged PDF/UA-1 file at ``path``; return the page count."""
    s = _Slides(placed, theme, pictures)
    slides = visible(placed)
    pages = "\n#pagebreak()\n".join(s.slide(ps) for ps in slides)
    body_font = theme.fonts["body"]
    src = (document_head(plain(content.title), [plain(a) for a in content.authors],
                         content.language, body_font, theme.color("text"), 18, "slides")
           + f"#set page(width: {pt(_p(placed.width))}, height: {pt(_p(placed.height))}, "
             f"margin: 0pt)\n"
           + "#set par(spacing: 0pt)\n#set block(spacing: 0pt)\n"
           + "#show heading: it => it.body\n"
           + pages)
    compile_pdf(src, path, s.files, font_dirs(*sorted(s.used_fonts)))
    return len(slides)
