"""Render a handout's blocks as a tagged PDF/UA-1 file, through Typst.

Each block becomes Typst source (:mod:`deckgen.render.pdf_typst` compiles
it); Typst breaks lines and pages, keeps headings with what follows, repeats
table headers, and writes the structure tree a screen reader follows: the
title is H1, the handout's sections H2 and what sits inside them H3; lists
are L/LI, tables carry TH cells with their scope, every chart, yardstick and
picture is a Figure with its alt text, links are Link annotations. Every page
gets the running header (deck title, classification banner) and footer
(organisation and date, banner, "Page 3 of 7"), marked as artifacts so a
reader is not told them on every page. Charts and the yardstick go in as SVG
with real text (:mod:`deckgen.handout.drawings`, from the chart resolved once),
drawn once per build and shared with the Word handout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.content.markup import plain
from deckgen.content.pictures import image_size, png_source
from deckgen.content.urls import safe_url
from deckgen.handout import blocks as b
from deckgen.handout.drawings import chart_picture, yardstick_picture
from deckgen.handout.layout import (GAP, PAD, full_width, local_pictures, row_sizes,
                                    yardstick_height)
from deckgen.handout.slides_pdf import notes_source, sheet_source
from deckgen.render.pdf_typst import (color, compile_pdf, document_head, font_dirs, fonts, lit,
                                      page_of, pt, rich)
from deckgen.theme.theme import Theme

MM = 72 / 25.4

# Type sizes in points: a reading document, not a slide.
BODY = 9.0
LEAD = 12.0
H1 = 12.0
H2 = 10.5
TITLE = 20.0
SUBTITLE = 12.5
SMALL = 8.5
CAPTION = 8.0
RUNNING = 8.0


@dataclass(frozen=True)
class PageGeometry:
    """Page size and margins in points; the frame is what lies inside the margins."""

    width: float
    height: float
    left: float = 15 * MM
    right: float = 15 * MM
    top: float = 20 * MM
    bottom: float = 19 * MM

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def paper(self) -> str:
        return "us-letter" if self.width > 600 else "a4"


A4 = (595.2756, 841.8898)
LETTER = (612.0, 792.0)


def page_geometry(language: str) -> PageGeometry:
    """Return A4, or US Letter for US and Canadian English."""
    w, h = LETTER if language.lower() in ("en-us", "en-ca") else A4
    return PageGeometry(w, h)


def banner(text_: str, theme: Theme, size: float) -> str:
    """Return the classification as a filled banner (Typst expression)."""
    p = theme.palette
    return (f"box(fill: {color(p['banner'])}, inset: (x: 8pt, y: 2.5pt), "
            f"text(size: {pt(size)}, weight: \"bold\", fill: {color(p['on_banner'])}, "
            f"{lit(text_.upper())}))")


def _leading(size: float, line_height: float) -> float:
    """Return Typst's ``leading`` for lines ``line_height`` × ``size`` apart.

    Typst measures a line from its cap height to its baseline (about 0.7 em in
    Carlito and Liberation Sans) and puts ``leading`` between lines.
    """
    return size * (line_height - 0.7)


class _Renderer:
    """Typst source for each block kind; ``source()`` is the whole document."""

    def __init__(self, handout: b.Handout, theme: Theme, geo: PageGeometry, pictures=None) -> None:
        self.pictures = pictures or local_pictures()
        self.h = handout
        self.L = handout.labels
        self.theme = theme
        self.geo = geo
        self.p = theme.palette
        self.files: dict[str, bytes] = {}
        self.frame_height = geo.frame_height
        self.body_font = theme.fonts["body"]
        self.head_font = theme.fonts["heading"]

    # -- small pieces ----------------------------------------------------
    def c(self, name: str) -> str:
        return color(self.p[name])

    def rich(self, value: str, bold: bool = False) -> str:
        return rich(value, bold, self.p["primary"])

    def para(self, value: str, size: float = BODY, fill: str = "text", bold: bool = False,
             font: str = "", above: float = 0, below: float = 3, leading: float = 1.26,
             align: str = "") -> str:
        """Return a paragraph of content text in a style (a block with its own spacing)."""
        if not value:
            return ""
        f = f", font: {fonts(font)}" if font else ""
        f += ', weight: "bold"' if bold else ""
        al = f"#set align({align})\n" if align else ""
        return (f"#block(above: {pt(above)}, below: {pt(below)})[{al}"
                f"#set par(leading: {pt(_leading(size, leading))})\n"
                f"#par(text(size: {pt(size)}, fill: {self.c(fill)}{f}, "
                f"{self.rich(value, bold)}))]\n")

    def cite(self, cite: str) -> str:
        if not cite:
            return ""
        return f"#h(2pt)#text(size: {pt(SMALL)}, fill: {self.c('muted')}, {lit(cite)})"

    def tag(self, tag: b.Tag) -> str:
        return (f"#box(fill: {color(tag.color)}, inset: (x: 2.5pt, y: 1.5pt), baseline: 1.5pt, "
                f"text(size: 7.5pt, weight: \"bold\", fill: {color(tag.on_color)}, "
                f"{lit(tag.text.upper())}))")

    def note_box(self, value: str, label: str = "", indent: float = 0) -> str:
        label = label or self.L["presenter_note"]
        return (f"#pad(left: {pt(indent)}, block(width: 100%, fill: {self.c('surface')}, "
                f"stroke: (left: 2pt + {self.c('rule')}), inset: (left: 7pt, right: 6pt, "
                f"top: 2.5pt, bottom: 3.5pt), above: 1pt, below: 4pt, "
                f"par(text(size: {pt(CAPTION)}, fill: {self.c('muted')})["
                f"#strong({lit(label + '.')}) #{self.rich(value)}])))\n")

    def list_src(self, items, numbered: bool = False, start: int = 1, level: int = 0,
                 size: float = BODY, notes_boxed: bool = True) -> str:
        """Return a bulleted or numbered list (nested lists inside their items)."""
        if not items:
            return ""
        entries = []
        for it in items:
            body = self.rich(it.text)[1:-1] + self.cite(it.cite)
            if it.children:
                body += "\n" + self.list_src(it.children, level=level + 1,
                                             size=size - 0.5, notes_boxed=notes_boxed)
            if it.note:
                body += "\n" + (self.note_box(it.note) if notes_boxed else
                                self.para(f"*{self.L.colon(self.L['presenter_note'])}* "
                                          f"{it.note}", CAPTION, "muted"))
            entries.append(f"[{body}]")
        marker = lit("•" if level == 0 else "–")
        fill = "" if level == 0 else f"#set text(fill: {self.c('text')})\n"
        kind = (f"enum(start: {start}, tight: true, " if numbered else
                f"list(marker: text(fill: {self.c('text')}, {marker}), tight: true, ")
        return (f"#block(above: {pt(2 if level else 3)}, below: {pt(2 if level else 4)})["
                f"#set text(size: {pt(size)})\n{fill}"
                f"#set par(leading: {pt(_leading(size, 1.26))})\n"
                f"#{kind}indent: {pt(3 if level == 0 else 0)}, body-indent: 5pt, "
                f"spacing: {pt(_leading(size, 1.26) + (2.2 if level == 0 else 1.2))}, "
                f"{', '.join(entries)})]\n")

    def figure(self, fig: str, width: float, height: float, alt: str) -> str:
        """Return a chart as a Figure: its SVG (drawn once per build) with its alt text."""
        svg = fig.encode("utf-8")
        name = f"figure-{len(self.files) + 1}.svg"
        self.files[name] = svg
        return (f"#figure(image({lit(name)}, width: {pt(width)}, height: {pt(height)}, "
                f"alt: {lit(alt or self.L['chart'])}))\n")

    # -- blocks ----------------------------------------------------------
    def heading(self, blk: b.Heading) -> str:
        return f"#heading(level: {min(blk.level + 1, 3)}, {self.rich(blk.text, True)})\n"

    def para_block(self, blk: b.Para) -> str:
        if blk.style == "lead":
            return self.para(blk.text, LEAD, "primary", below=4, leading=1.3)
        if blk.style == "caption":
            return self.para(blk.text, CAPTION, "muted", above=2, leading=1.3)
        return self.para(blk.text, BODY, below=3)

    def bulletlist(self, blk: b.BulletList) -> str:
        return self.list_src(blk.items, blk.numbered, blk.start)

    def note(self, blk: b.Note) -> str:
        return self.note_box(blk.text, blk.label)

    def titleblock(self, blk: b.TitleBlock) -> str:
        out = [f"#heading(level: 1, {self.rich(blk.title, True)})\n"]
        if blk.subtitle:
            out.append(self.para(blk.subtitle, SUBTITLE, "muted", above=4, below=8,
                                 leading=1.25))
        if blk.facts:
            kw = 25 * MM
            cells = [(f"text(size: {pt(SMALL)}, fill: {self.c('muted')}, weight: \"bold\", "
                      f"{lit(k)})", f"text(size: {pt(SMALL)}, {self.rich(v)})")
                     for k, v in blk.facts]
            half = (len(cells) + 1) // 2
            flat = []
            for r in range(half):
                right = cells[half + r] if half + r < len(cells) else ("[]", "[]")
                flat += [*cells[r], *right]
            line = f"0.8pt + {self.c('primary')}"
            out.append(f"#block(above: 2pt, below: 8pt, stroke: (top: {line}, bottom: {line}), "
                       f"inset: (y: 5pt), grid(columns: ({pt(kw)}, 1fr, {pt(kw)}, 1fr), "
                       f"column-gutter: 0pt, row-gutter: 5pt, {', '.join(flat)}))\n")
        return "".join(out)

    def judgements(self, blk: b.Judgements) -> str:
        rows = []
        for e in blk.entries:
            badge = (f"box(circle(radius: 8pt, fill: {self.c('primary')}, "
                     f"align(center + horizon, text(size: 8.8pt, weight: \"bold\", "
                     f"fill: {self.c('on_primary')}, {lit(str(e.number))}))))")
            words = f"[#par[{self.rich(e.text)[1:-1]}{self.cite(e.cite)}]]"
            bits = [self.tag(e.tag)] if e.tag else []
            if e.confidence:
                bits.append(f"#text(size: {pt(SMALL)}, fill: {self.c('muted')}, "
                            f"{lit(e.confidence.capitalize())})")
            side = "[" + " ".join(bits) + "]"
            stroke = f"(left: 3pt + {color(e.tag.color)})" if e.tag else "none"
            note = ""
            if e.note:
                note = (f"block(above: 3pt, par(text(size: {pt(CAPTION)}, fill: {self.c('muted')})"
                        f"[#strong({lit(self.L['presenter_note'] + '.')}) "
                        f"#{self.rich(e.note)}]))")
            left = f"[{words[1:-1]}{'#' + note if note else ''}]"
            rows.append(
                f"#block(width: 100%, fill: {self.c('surface')}, inset: 5pt, above: 3pt, "
                f"below: 0pt, breakable: false, grid(columns: (20pt, 1fr, {pt(self._tag_w(blk))}),"
                f" column-gutter: 6pt, grid.cell(inset: (top: 0pt), {badge}), {left}, "
                f"grid.cell(stroke: {stroke}, inset: (left: 5pt), {side})))\n")
        return "#block(above: 4pt, below: 6pt)[" + "".join(rows) + "]\n"

    def _tag_w(self, blk: b.Judgements) -> float:
        """Room for the widest tag and confidence, within limits (a rough measure)."""
        need = max((len(e.tag.text if e.tag else "") * 4.6 + len(e.confidence) * 3.9
                    for e in blk.entries), default=0)
        return min(max(need + 18, 30 * MM), 0.42 * self.geo.frame_width)

    def col_widths(self, blk: b.Table) -> list[float]:
        n = len(blk.columns)
        weights = list(blk.weights) if len(blk.weights) == n else [
            max([len(plain(c)) for c in [blk.columns[j]] + [r[j] for r in blk.rows]] + [4]) ** 0.7
            for j in range(n)]
        total = sum(weights)
        return [w / total for w in weights]

    def table(self, blk: b.Table) -> str:
        widths = self.col_widths(blk)
        wide = max(range(len(widths)), key=lambda j: widths[j])
        cols = ", ".join(f"{w * 100:.2f}%" for w in widths)
        head = ", ".join(f"text(weight: \"bold\", fill: {self.c('on_primary')}, "
                         f"{self.rich(c, True)})" for c in blk.columns)
        cells = []
        for i, r in enumerate(blk.rows):
            for j, value in enumerate(r):
                first = blk.kind == "timeline" and j == 0
                cell = self.rich(value, first)
                if first:
                    cell = f"text(fill: {self.c('primary')}, {cell})"
                note = blk.notes[i] if i < len(blk.notes) else ""
                if note and j == wide:
                    cell = (f"[#{cell}#block(above: 2pt, text(size: {pt(CAPTION)}, "
                            f"fill: {self.c('muted')}, emph({self.rich(note)})))]")
                cells.append(cell)
        fill = (f"(x, y) => if y == 0 {{ {self.c('primary')} }} else if calc.even(y) "
                f"{{ {self.c('surface')} }} else {{ {self.c('background')} }}")
        stroke = f"(x, y) => if y > 0 {{ (bottom: 0.4pt + {self.c('rule')}) }}"
        # a short table moves to the next page whole rather than leave a row behind
        breakable = "true" if len(blk.rows) > 10 else "false"
        return (f"#block(above: 2pt, below: 7pt, breakable: {breakable})[#set text(size: 8.5pt)\n"
                f"#set par(leading: {pt(_leading(8.5, 1.28))})\n"
                f"#table(columns: ({cols},), fill: {fill}, stroke: {stroke}, "
                f"inset: (x: 5pt, top: 3pt, bottom: 3.5pt), align: left + top, "
                f"table.header({head}), {', '.join(cells)})]\n")

    def chart_parts(self, cb: b.ChartBlock, width: float, height: float) -> tuple[str, str, str]:
        """Return (the line above, the Figure, caption and note) of one chart."""
        fig = chart_picture(self.pictures, cb, self.theme, width, height)
        head = self.para(cb.heading, 9.5, "primary", bold=True, font=self.head_font, below=3,
                         leading=1.25)
        words = ""
        if cb.caption:
            words += self.para(cb.caption, CAPTION, "muted", above=2, leading=1.3)
        if cb.note:
            words += self.para(f"*{self.L.colon(self.L['presenter_note'])}* {cb.note}",
                               CAPTION, "muted", leading=1.3)
        return head, self.figure(fig, width, height, cb.alt or plain(cb.heading)), words

    def chart_cell(self, cb: b.ChartBlock, width: float, height: float) -> str:
        head, fig, words = self.chart_parts(cb, width, height)
        return f"[{head}{fig}{words}]"

    def chartrow(self, blk: b.ChartRow) -> str:
        fw = self.geo.frame_width
        sizes = row_sizes(blk.charts, fw)
        if len(blk.charts) == 1:
            cb = blk.charts[0]
            (cw, h), = sizes
            if full_width(cb):
                return (f"#block(above: 4pt, below: 8pt, breakable: false, "
                        f"{self.chart_cell(cb, cw, h)})\n")
            # a chart and its words side by side: the chart left, what it says right
            head, fig, words = self.chart_parts(cb, cw, h)
            return (f"#block(above: 4pt, below: 8pt, breakable: false, grid(columns: "
                    f"({pt(cw + GAP)}, 1fr), align: (left + horizon, left + horizon), "
                    f"grid.vline(x: 1, stroke: 0.6pt + {self.c('rule')}), [{fig}], "
                    f"pad(left: 8pt)[{head}{words}]))\n")
        cells = [self.chart_cell(cb, w, h) for cb, (w, h) in zip(blk.charts, sizes)]
        return (f"#block(above: 4pt, below: 8pt, breakable: false, grid(columns: (1fr, 1fr), "
                f"column-gutter: {pt(GAP)}, {', '.join(cells)}))\n")

    def yardstick(self, blk: b.Yardstick) -> str:
        fw = self.geo.frame_width
        h = yardstick_height(blk.items, fw)
        fig = yardstick_picture(self.pictures, blk.items, blk.yardstick, self.theme, fw, h,
                                self.L)
        cap = self.para(blk.caption, CAPTION, "muted", above=2, below=6, leading=1.3)
        return (f"#block(above: 4pt, below: 6pt, breakable: false)["
                f"{self.figure(fig, fw, h, blk.alt or self.L['yardstick_picture'])}{cap}]\n")

    def item_cell(self, e: b.ItemEntry) -> str:
        tags = "".join(self.tag(t) + " " for t in e.tags)
        out = [f"#block(above: 0pt, below: 3pt, par(text(size: 10.5pt, fill: {self.c('primary')}, "
               f"font: {fonts(self.head_font)}, weight: \"bold\")[{tags}"
               f"{self.rich(e.title, True)[1:-1]}{self.cite(e.cite)}]))\n"]
        if e.detail:
            out.append(self.para(e.detail, 9, below=2, leading=1.28))
        out.append(self.list_src(e.points, size=9, notes_boxed=False))
        if e.evidence:
            ev = "; ".join(self.rich(x)[1:-1] for x in e.evidence)
            out.append(f"#block(above: 2pt, below: 2pt, par(text(size: {pt(CAPTION)}, "
                       f"fill: {self.c('muted')})[#strong({lit(self.L['evidence'])}) {ev}]))\n")
        if e.note:
            out.append(f"#block(above: 2pt, below: 2pt, par(text(size: {pt(CAPTION)}, "
                       f"fill: {self.c('muted')})[#strong({lit(self.L['presenter_note'] + '.')}) "
                       f"#{self.rich(e.note)}]))\n")
        return "".join(out)

    def card(self, e: b.ItemEntry) -> str:
        """One entry with the rule beside it; a card never breaks (its row moves on whole)."""
        return (f"block(width: 100%, stroke: (left: 2.5pt + {color(e.color)}), "
                f"inset: (left: {pt(PAD)}, y: 1pt), breakable: false)[{self.item_cell(e)}]")

    def items(self, blk: b.Items) -> str:
        """Cards two a row, read across; ``blk.beside`` fills the empty half of an odd last row."""
        fw = self.geo.frame_width
        cells = [self.card(e) for e in blk.entries]
        beside = ""
        if blk.beside is not None:
            (w, h), = row_sizes((blk.beside,), fw, beside=True)
            beside = self.chart_cell(blk.beside, w, h)
        if len(cells) < 2:
            return "#block(below: 8pt)[#" + "\n#".join(cells) + "]\n" + (
                f"#block(breakable: false, {beside})\n" if beside else "")
        if len(cells) % 2 and beside:
            cells.append(f"pad(left: {pt(PAD)}, block(breakable: false, {beside}))")
        return (f"#block(above: 4pt, below: 8pt, grid(columns: (1fr, 1fr), "
                f"column-gutter: {pt(GAP)}, row-gutter: 9pt, {', '.join(cells)}))\n")

    def callout(self, blk: b.Callout) -> str:
        inner = (f"#par(text(size: 26pt, weight: \"bold\", font: {fonts(self.head_font)}, "
                 f"fill: {self.c('primary')}, {self.rich(blk.value, True)}))\n")
        if blk.label:
            inner += self.para(blk.label, BODY, above=4)
        if blk.caption:
            inner += self.para(blk.caption, CAPTION, "muted", above=2, leading=1.3)
        line = color(blk.color or self.p["primary"])
        return (f"#block(width: 60%, fill: {self.c('surface')}, stroke: (top: 3pt + {line}), "
                f"inset: (left: 10pt, right: 8pt, top: 7pt, bottom: 8pt), above: 3pt, "
                f"below: 7pt, breakable: false)[{inner}]\n")

    def quote(self, blk: b.Quote) -> str:
        by = (f", attribution: text(size: {pt(SMALL + 0.5)}, fill: {self.c('muted')}, "
              f"{self.rich(blk.by)})") if blk.by else ""
        return (f"#pad(left: 20pt, block(width: 100%, stroke: (left: 3pt + "
                f"{color(self.theme.accent(2))}), inset: (left: 12pt, y: 3pt), above: 3pt, "
                f"below: 9pt, quote(block: true{by}, text(size: 13pt, fill: {self.c('primary')},"
                f" {self.rich('“' + blk.text + '”')}))))\n")

    def columns(self, blk: b.Columns) -> str:
        left = self.list_src(blk.left, notes_boxed=False)
        right = self.list_src(blk.right, notes_boxed=False)
        return (f"#block(above: 3pt, below: 7pt, grid(columns: (1fr, 1fr), column-gutter: 16pt, "
                f"grid.vline(x: 1, stroke: 0.6pt + {self.c('rule')}, position: start), "
                f"[{left}], pad(left: 8pt)[{right}]))\n")

    def image(self, blk: b.Image) -> str:
        iw, ih = image_size(blk.path)
        scale = min(self.geo.frame_width / iw, 95 * MM / ih)
        src = png_source(blk.path)     # an SVG: its PNG copy (what the deck shows)
        data = src.getvalue() if hasattr(src, "getvalue") else Path(src).read_bytes()
        name = f"image-{len(self.files) + 1}.png"
        self.files[name] = data
        cap = self.para(blk.caption, CAPTION, "muted", above=2, leading=1.3)
        return (f"#block(above: 3pt, below: 6pt, breakable: false)[#align(left, figure(image("
                f"{lit(name)}, width: {pt(iw * scale)}, height: {pt(ih * scale)}, "
                f"alt: {lit(blk.alt or self.L['picture'])}))){cap}]\n")

    def sources(self, blk: b.Sources) -> str:
        link = self.p["primary"]
        entries = []
        for e in blk.entries:
            body = self.rich(e.text)[1:-1]
            url = safe_url(e.url) if e.url else None
            if url:
                body += (f". #link({lit(url)}, text(fill: {color(link)}, "
                         f"underline({lit(url)})))")
            entries.append(f"enum.item({e.number})[{body}]")
        return (f"#block(above: 3pt, below: 4pt)[#set par(leading: {pt(_leading(BODY, 1.26))})\n"
                f"#enum(numbering: n => text(weight: \"bold\", \"[\" + str(n) + \"]\"), "
                f"indent: 0pt, body-indent: 8pt, spacing: 4pt, {', '.join(entries)})]\n")

    def slidesheet(self, blk: b.SlideSheet) -> str:
        return sheet_source(self, blk)

    def notespage(self, blk: b.NotesPage) -> str:
        return notes_source(self, blk)

    # -- the document --------------------------------------------------------
    def body(self) -> str:
        out = []
        for blk in self.h.blocks:
            if isinstance(blk, b.Para) and not blk.text:
                continue
            name = type(blk).__name__.lower()
            out.append(getattr(self, {"para": "para_block"}.get(name, name))(blk))
        return "\n".join(out)

    def running(self) -> tuple[str, str]:
        """Return the page header and footer (Typst marks them as artifacts)."""
        h = self.h
        chip = ""
        if h.classification:
            chip = (f"#place(center + horizon, "
                    f"{banner(h.classification, self.theme, RUNNING + 0.5)})")
        rule = f"line(length: 100%, stroke: 0.5pt + {self.c('rule')})"
        title = f"box(width: 40%, clip: true, text({lit(h.title)}))"
        header = (f"[#set text(size: {pt(RUNNING)}, fill: {self.c('muted')})\n"
                  f"#block(width: 100%, height: {pt(RUNNING + 8)})[#place(left + horizon, "
                  f"{title}){chip}]\n#v(-6pt)#{rule}]")
        meta = " · ".join(x for x in (h.organisation, self.L.date(h.date)) if x)
        footer = (f"[#set text(size: {pt(RUNNING)}, fill: {self.c('muted')})\n#{rule}\n#v(-3pt)"
                  f"#block(width: 100%, height: {pt(RUNNING + 8)})[#place(left + horizon, "
                  f"box(width: 40%, clip: true, text({lit(meta)}))){chip}"
                  f"#place(right + horizon, context [{page_of(self.L)}])]]")
        return header, footer

    def source(self) -> str:
        g, h = self.geo, self.h
        header, footer = self.running()
        keywords = h.style + " handout"
        heading_rule = (f"#show heading: set text(font: {fonts(self.head_font)}, "
                        f"fill: {self.c('primary')}, weight: \"bold\")\n"
                        f"#show heading.where(level: 1): it => block(above: 0pt, below: 8pt, "
                        f"inset: (top: 0.3em), "
                        f"text(size: {pt(TITLE)}, it.body))\n"
                        f"#show heading.where(level: 2): it => block(above: 12pt, below: 7pt, "
                        f"sticky: true, width: 100%, stroke: (bottom: 0.8pt + "
                        f"{self.c('rule')}), inset: (bottom: 3pt), text(size: {pt(H1)}, "
                        f"it.body))\n"
                        f"#show heading.where(level: 3): it => block(above: 7pt, below: 3pt, "
                        f"sticky: true, text(size: {pt(H2)}, it.body))\n")
        return (document_head(h.title, [plain(a) for a in h.authors], h.language,
                              self.body_font, self.p["text"], BODY, keywords)
                + f"#set page(paper: {lit(g.paper)}, margin: (left: {pt(g.left)}, right: "
                  f"{pt(g.right)}, top: {pt(g.top)}, bottom: {pt(g.bottom)}), "
                  f"header: {header}, footer: {footer}, header-ascent: 28%, "
                  f"footer-descent: 22%)\n"
                + f"#set par(leading: {pt(_leading(BODY, 1.26))}, spacing: 4pt)\n"
                + "#set block(spacing: 4pt)\n"
                + heading_rule + "\n" + self.body())


def write_pdf(handout: b.Handout, theme: Theme, path: Path, pictures=None) -> None:
    """Write the handout as a tagged PDF/UA-1 file at ``path``.

    ``pictures`` is the build's picture cache: chart figures drawn once per build.
    """
    r = _Renderer(handout, theme, page_geometry(handout.language), pictures)
    src = r.source()
    compile_pdf(src, path, r.files, font_dirs(r.body_font, r.head_font))
