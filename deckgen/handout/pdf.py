"""Render a handout's blocks as a PDF with reportlab Platypus.

Platypus flows the blocks into a frame and breaks pages; this module only
says how each block looks. Every page gets the running header (deck title,
classification banner) and footer (organisation and date, banner, "Page 3
of 7"). Fonts are the shipped stand-ins for the theme's fonts, embedded,
with Korean drawn in the Hangul face; charts are drawn as vectors
(:mod:`deckgen.handout.mpl_reportlab`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.content.dates import long_date
from deckgen.content.markup import plain
from deckgen.content.pictures import image_size, png_source
from deckgen.content.urls import attribute, safe_url
from deckgen.handout import blocks as b
from deckgen.handout.charts_mpl import (GAP, PAD, chart_picture, full_width, local_pictures,
                                        row_sizes, theme_style, yardstick_height,
                                        yardstick_picture)
from deckgen.handout.pdf_fonts import (PdfFonts, fit_text, paragraph_markup, register, text_runs,
                                       wrap_wide)
from deckgen.handout.slides_pdf import notes_flowables, sheet_flowables
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


def page_geometry(language: str) -> PageGeometry:
    """Return A4, or US Letter for US and Canadian English."""
    from reportlab.lib.pagesizes import A4, LETTER
    w, h = LETTER if language.lower() in ("en-us", "en-ca") else A4
    return PageGeometry(w, h)


def _hex(c: str) -> str:
    return "#" + c


class _Styles:
    """Paragraph styles made from the theme: fonts, colours and the sizes above."""

    def __init__(self, theme: Theme) -> None:
        from reportlab.lib.colors import HexColor
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        self.theme = theme
        self.body_fonts: PdfFonts = register(theme.fonts["body"])
        self.head_fonts: PdfFonts = register(theme.fonts["heading"])
        p = theme.palette
        self.color = {k: HexColor(_hex(v)) for k, v in p.items() if isinstance(v, str)}
        text, muted, primary = self.color["text"], self.color["muted"], self.color["primary"]
        bf, hf = self.body_fonts.regular, self.head_fonts.bold

        def ps(name, **kw):
            base = dict(fontName=bf, fontSize=BODY, leading=BODY * 1.26, textColor=text,
                        splitLongWords=1, allowWidows=0, allowOrphans=0)
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = ps("body", spaceAfter=3)
        self.lead = ps("lead", fontSize=LEAD, leading=LEAD * 1.3, textColor=primary,
                       spaceAfter=4)
        self.h1 = ps("h1", fontName=hf, fontSize=H1, leading=H1 * 1.2, textColor=primary,
                     spaceBefore=7, spaceAfter=5, keepWithNext=1)
        self.h2 = ps("h2", fontName=hf, fontSize=H2, leading=H2 * 1.25, textColor=primary,
                     spaceBefore=6, spaceAfter=2, keepWithNext=1)
        self.title = ps("title", fontName=hf, fontSize=TITLE, leading=TITLE * 1.15,
                        textColor=primary, spaceAfter=4)
        self.subtitle = ps("subtitle", fontSize=SUBTITLE, leading=SUBTITLE * 1.25,
                           textColor=muted, spaceAfter=6)
        self.caption = ps("caption", fontSize=CAPTION, leading=CAPTION * 1.3, textColor=muted,
                          spaceBefore=2)
        self.small = ps("small", fontSize=SMALL, leading=SMALL * 1.3)
        self.small_muted = ps("small_muted", fontSize=SMALL, leading=SMALL * 1.3,
                              textColor=muted)
        self.note = ps("note", fontSize=CAPTION, leading=CAPTION * 1.3, textColor=muted)
        self.card = ps("card", fontSize=9, leading=9 * 1.28, spaceAfter=2)
        self.cell = ps("cell", fontSize=8.5, leading=8.5 * 1.28)
        self.cell_head = ps("cell_head", fontName=self.body_fonts.bold, fontSize=8.5,
                            leading=8.5 * 1.28, textColor=self.color["on_primary"])
        self.item_title = ps("item_title", fontName=self.head_fonts.bold, fontSize=10.5,
                             leading=10.5 * 1.25, textColor=primary, spaceAfter=1)
        self.chart_head = ps("chart_head", fontName=self.head_fonts.bold, fontSize=9.5,
                             leading=9.5 * 1.25, textColor=primary, spaceAfter=3)
        self.quote = ps("quote", fontSize=13, leading=13 * 1.35, textColor=primary)
        self.quote_by = ps("quote_by", fontSize=SMALL + 0.5, textColor=muted, alignment=TA_RIGHT,
                           spaceBefore=4)
        self.big = ps("big", fontName=self.head_fonts.bold, fontSize=26, leading=30,
                      textColor=primary)

    def markup(self, text: str, bold: bool = False) -> str:
        """Return content text as Paragraph markup in the body family."""
        return paragraph_markup(text, self.body_fonts, bold, self.theme.palette["primary"])

    def plain_markup(self, text: str, bold: bool = False) -> str:
        """Return literal text (no content markup) escaped, Hangul in its face."""
        return wrap_wide(text, self.body_fonts, bold)


# -- flowables -----------------------------------------------------------------

def _flowable_classes():
    """Define the Flowable subclasses (reportlab is imported only when a PDF is made)."""
    from reportlab.platypus import Flowable, Paragraph

    class HeadingPara(Paragraph):
        """A heading: a PDF bookmark, and for level 1 a rule beneath."""

        def __init__(self, text, style, level: int, outline: str, rule_color=None):
            super().__init__(text, style)
            self.level = level
            self.outline = outline
            self.rule_color = rule_color

        def draw(self):
            super().draw()
            canv = self.canv
            if hasattr(canv, "note_bookmark"):
                canv.note_bookmark(self.outline, self.level - 1, self.height)
            if self.rule_color is not None:
                canv.saveState()
                canv.setStrokeColor(self.rule_color)
                canv.setLineWidth(0.8)
                canv.line(0, -2.5, self.width, -2.5)
                canv.restoreState()

    class Figure(Flowable):
        """A matplotlib figure drawn as vectors; ``make()`` builds it in the theme's style."""

        def __init__(self, fig, width: float, height: float, theme: Theme, fonts: PdfFonts):
            super().__init__()
            self.fig = fig
            self.width = width
            self.height = height
            self.theme = theme
            self.fonts = fonts

        def wrap(self, aw, ah):
            return self.width, self.height

        def draw(self):
            # matplotlib's boundary: loaded when a PDF draws a chart, not for every PDF
            from deckgen.handout.mpl_reportlab import draw_figure
            with theme_style(self.theme):
                draw_figure(self.fig, self.canv, self.fonts)

    class Badge(Flowable):
        """A filled circle with a number: the judgement's number."""

        def __init__(self, text: str, fill, fg, font: str, size: float = 16):
            super().__init__()
            self.text, self.fill, self.fg, self.font, self.size = text, fill, fg, font, size

        def wrap(self, aw, ah):
            return self.size, self.size

        def draw(self):
            c = self.canv
            r = self.size / 2
            c.setFillColor(self.fill)
            c.circle(r, r, r, stroke=0, fill=1)
            c.setFillColor(self.fg)
            c.setFont(self.font, self.size * 0.55)
            c.drawCentredString(r, r - self.size * 0.19, self.text)

    return HeadingPara, Figure, Badge


class _Renderer:
    def __init__(self, handout: b.Handout, theme: Theme, geo: PageGeometry, pictures=None) -> None:
        self.pictures = pictures or local_pictures()
        self.h = handout
        self.theme = theme
        self.geo = geo
        self.s = _Styles(theme)
        self.HeadingPara, self.Figure, self.Badge = _flowable_classes()
        self.frame_height = geo.height - geo.top - geo.bottom

    # -- small pieces ----------------------------------------------------
    def para(self, text: str, style, bold: bool = False):
        from reportlab.platypus import Paragraph
        # in a bold style, Korean runs need the bold Hangul face too
        bold = bold or style.fontName in (self.s.body_fonts.bold, self.s.head_fonts.bold)
        return Paragraph(self.s.markup(text, bold), style)

    def cite(self, cite: str) -> str:
        if not cite:
            return ""
        return f' <font size="{SMALL}" color="{_hex(self.theme.palette["muted"])}">{cite}</font>'

    def tag_markup(self, tag: b.Tag) -> str:
        text = self.s.plain_markup(tag.text.upper(), bold=True).replace(" ", "&nbsp;")
        return (f'<font size="8" backColor="{_hex(tag.color)}" color="{_hex(tag.on_color)}">'
                f'<b>&nbsp;{text}&nbsp;</b></font>')

    def note_flow(self, text: str, label: str = "Presenter's note", indent: float = 0):
        from reportlab.platypus import Paragraph, Table, TableStyle
        p = Paragraph(f"<b>{self.s.plain_markup(label)}.</b> " + self.s.markup(text), self.s.note)
        t = Table([[p]], colWidths=[self.geo.frame_width - indent])
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), self.s.color["surface"]),
            ("LINEBEFORE", (0, 0), (0, -1), 2, self.s.color["rule"]),
            ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        t.hAlign = "RIGHT"
        t.spaceBefore, t.spaceAfter = 1, 4
        return t

    def list_flows(self, items, numbered: bool = False, start: int = 1, level: int = 0,
                   width: float | None = None, style=None) -> list:
        from reportlab.platypus import Paragraph
        from reportlab.lib.styles import ParagraphStyle
        width = width if width is not None else self.geo.frame_width
        base = style or self.s.body
        out = []
        indent = 14 + 13 * level
        st = ParagraphStyle(f"li{level}", parent=base, leftIndent=indent,
                            bulletIndent=indent - 11, spaceAfter=1.2 if level else 2,
                            textColor=base.textColor if level == 0 else self.s.color["text"],
                            fontSize=base.fontSize - (0.5 if level else 0),
                            bulletFontName=self.s.body_fonts.regular,
                            bulletFontSize=base.fontSize - (0.5 if level else 0))
        for i, it in enumerate(items):
            if numbered:
                bullet = f"{start + i}."
            else:
                bullet = "•" if level == 0 else "–"
            text = self.s.markup(it.text) + self.cite(it.cite)
            out.append(Paragraph(text, st, bulletText=bullet))
            out.extend(self.list_flows(it.children, level=level + 1, width=width, style=style))
            if it.note:
                out.append(self.note_flow(it.note, indent=indent) if width == self.geo.frame_width
                           else self.para(f"*Presenter's note:* {it.note}", self.s.note))
        return out

    # -- blocks ----------------------------------------------------------
    def heading(self, blk: b.Heading) -> list:
        style = self.s.h1 if blk.level == 1 else self.s.h2
        rule = self.s.color["rule"] if blk.level == 1 else None
        return [self.HeadingPara(self.s.markup(blk.text, bold=True), style, blk.level,
                                 plain(blk.text), rule)]

    def para_block(self, blk: b.Para) -> list:
        style = {"body": self.s.body, "lead": self.s.lead, "caption": self.s.caption}[blk.style]
        return [self.para(blk.text, style)]

    def bulletlist(self, blk: b.BulletList) -> list:
        flows = self.list_flows(blk.items, blk.numbered, blk.start)
        return _together_if_short(flows, self.frame_height)

    def note(self, blk: b.Note) -> list:
        return [self.note_flow(blk.text, blk.label)]

    def titleblock(self, blk: b.TitleBlock) -> list:
        from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
        out = [self.para(blk.title, self.s.title)]
        if blk.subtitle:
            out.append(self.para(blk.subtitle, self.s.subtitle))
        if blk.facts:
            # facts two to a row: key, value, key, value
            fw = self.geo.frame_width
            kw = 25 * MM
            vw = fw / 2 - kw
            cells = [[Paragraph(f"<b>{self.s.plain_markup(k)}</b>", self.s.small_muted),
                      self.para(v, self.s.small)] for k, v in blk.facts]
            half = (len(cells) + 1) // 2
            rows = []
            for r in range(half):
                right = cells[half + r] if half + r < len(cells) else ["", ""]
                rows.append(cells[r] + right)
            t = Table(rows, colWidths=[kw, vw, kw, vw])
            t.setStyle(TableStyle([
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, self.s.color["primary"]),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, self.s.color["primary"]),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]))
            out += [t, Spacer(1, 2)]
        return out

    def judgements(self, blk: b.Judgements) -> list:
        from reportlab.platypus import Paragraph, Table, TableStyle
        from reportlab.pdfbase.pdfmetrics import stringWidth
        fw = self.geo.frame_width
        # wide enough for the tag and the confidence on one line, within limits
        f = self.s.body_fonts
        need = max((stringWidth(f"  {e.tag.text.upper() if e.tag else ''}  ", f.bold, 8)
                    + stringWidth(e.confidence.capitalize() + "  ", f.regular, SMALL)
                    for e in blk.entries), default=0)
        tag_w = min(max(need + 14, 30 * MM), 0.42 * fw)
        widths = [24, fw - 24 - tag_w, tag_w]
        rows, style = [], [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for e in blk.entries:
            r = len(rows)
            right = []
            bits = [self.tag_markup(e.tag)] if e.tag else []
            if e.confidence:
                bits.append(f'<font color="{_hex(self.theme.palette["muted"])}">'
                            f'{self.s.plain_markup(e.confidence.capitalize())}</font>')
            if bits:
                right.append(Paragraph(" ".join(bits), self.s.small))
            badge = self.Badge(str(e.number), self.s.color["primary"],
                               self.s.color["on_primary"], self.s.body_fonts.bold)
            text = Paragraph(self.s.markup(e.text) + self.cite(e.cite), self.s.body)
            rows.append([badge, text, right or ""])
            style += [("BACKGROUND", (0, r), (-1, r), self.s.color["surface"]),
                      ("LINEABOVE", (0, r), (-1, r), 3, self.s.color["background"])]
            if e.tag:
                style.append(("LINEBEFORE", (2, r), (2, r), 3, _color(e.tag.color)))
            if e.note:
                rows.append(["", Paragraph("<b>Presenter's note.</b> " + self.s.markup(e.note),
                                           self.s.note), ""])
                style += [("SPAN", (1, r + 1), (2, r + 1)),
                          ("BACKGROUND", (0, r + 1), (-1, r + 1), self.s.color["surface"]),
                          ("TOPPADDING", (0, r + 1), (-1, r + 1), 0),
                          ("BOTTOMPADDING", (0, r), (-1, r), 2)]
        t = Table(rows, colWidths=widths)
        t.setStyle(TableStyle(style))
        t.spaceAfter = 4
        return [t]

    def col_widths(self, blk: b.Table, width: float) -> list[float]:
        n = len(blk.columns)
        weights = list(blk.weights) if len(blk.weights) == n else [
            max([len(plain(c)) for c in [blk.columns[j]] + [r[j] for r in blk.rows]] + [4]) ** 0.7
            for j in range(n)]
        total = sum(weights)
        return [width * w / total for w in weights]

    def table(self, blk: b.Table) -> list:
        from reportlab.platypus import Paragraph, Table, TableStyle
        fw = self.geo.frame_width
        widths = self.col_widths(blk, fw)
        wide = max(range(len(widths)), key=lambda j: widths[j])
        head = [Paragraph(self.s.markup(c, bold=True), self.s.cell_head) for c in blk.columns]
        rows = [head]
        for i, r in enumerate(blk.rows):
            cells = []
            for j, text in enumerate(r):
                bold = blk.kind == "timeline" and j == 0
                cell = [Paragraph(self.s.markup(text, bold), self.s.cell)]
                note = blk.notes[i] if i < len(blk.notes) else ""
                if note and j == wide:
                    cell.append(Paragraph(f"<i>{self.s.markup(note)}</i>", self.s.note))
                cells.append(cell)
            rows.append(cells)
        t = Table(rows, colWidths=widths, repeatRows=1)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), self.s.color["primary"]),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [self.s.color["background"],
                                                  self.s.color["surface"]]),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, self.s.color["rule"]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if blk.kind == "timeline":
            style.append(("TEXTCOLOR", (0, 1), (0, -1), self.s.color["primary"]))
        t.setStyle(TableStyle(style))
        t.spaceBefore, t.spaceAfter = 2, 6
        return [t]

    def chart_cell(self, cb: b.ChartBlock, width: float, height: float) -> list:
        theme = self.theme
        fig = chart_picture(self.pictures, cb, theme, width, height)
        out = [self.para(cb.heading, self.s.chart_head),
               self.Figure(fig, width, height, theme, self.s.body_fonts)]
        if cb.caption:
            out.append(self.para(cb.caption, self.s.caption))
        if cb.note:
            out.append(self.para(f"*Presenter's note:* {cb.note}", self.s.note))
        return out

    def chartrow(self, blk: b.ChartRow) -> list:
        from reportlab.platypus import Table, TableStyle
        fw = self.geo.frame_width
        gap = GAP
        sizes = row_sizes(blk.charts, fw)
        if len(blk.charts) == 1:
            cb = blk.charts[0]
            (cw, h), = sizes
            if full_width(cb):
                return _chain(self.chart_cell(cb, cw, h))
            # a chart and its words side by side: the chart left, what it says right
            flows = self.chart_cell(cb, cw, h)
            words = [flows[0]] + flows[2:]
            t = Table([[flows[1], words]], colWidths=[cw + gap, fw - cw - gap])
            t.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("LINEBEFORE", (1, 0), (1, 0), 0.6, self.s.color["rule"]),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]))
            t.spaceBefore, t.spaceAfter = 4, 8
            return [t]
        cw = (fw - gap) / 2
        cells = [self.chart_cell(cb, w, h) for cb, (w, h) in zip(blk.charts, sizes)]
        t = Table([cells], colWidths=[cw + gap / 2, cw + gap / 2])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), gap / 2),
            ("LEFTPADDING", (1, 0), (1, 0), gap / 2), ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        t.spaceBefore, t.spaceAfter = 4, 8
        return [t]

    def yardstick(self, blk: b.Yardstick) -> list:
        theme, items, ys = self.theme, blk.items, blk.yardstick
        fw = self.geo.frame_width
        h = yardstick_height(items, fw)
        fig = self.Figure(yardstick_picture(self.pictures, items, ys, theme, fw, h), fw, h, theme,
                          self.s.body_fonts)
        flows = [fig]
        if blk.caption:
            fig.keepWithNext = 1
            cap = self.para(blk.caption, self.s.caption)
            cap.spaceAfter = 6
            flows.append(cap)
        return flows

    def item_cell(self, e: b.ItemEntry, width: float) -> list:
        from reportlab.platypus import Paragraph
        tags = "".join(self.tag_markup(t) + " " for t in e.tags)
        title = (f'<font size="{self.s.item_title.fontSize}">'
                 f'{self.s.markup(e.title, bold=True)}</font>')
        out = [Paragraph(tags + title + self.cite(e.cite), self.s.item_title)]
        if e.detail:
            out.append(self.para(e.detail, self.s.card))
        out += self.list_flows(e.points, width=width, style=self.s.card)
        if e.evidence:
            text = "; ".join(self.s.markup(x) for x in e.evidence)
            out.append(Paragraph(f"<b>Evidence:</b> {text}", self.s.note))
        if e.note:
            out.append(Paragraph("<b>Presenter's note.</b> " + self.s.markup(e.note),
                                 self.s.note))
        return out

    def item_table(self, e: b.ItemEntry, width: float, pad: float, space: float = 8):
        """One entry as a table of one paragraph a row: it can break between rows."""
        from reportlab.platypus import Table, TableStyle
        rows = [[f] for f in self.item_cell(e, width - pad)]
        t = Table(rows, colWidths=[width])
        t.setStyle(TableStyle([
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, _color(e.color)),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        t.spaceAfter = space
        return t

    def items(self, blk: b.Items) -> list:
        """Cards two a row; ``blk.beside`` is a chart to fill the empty half of an odd last row."""
        from reportlab.platypus import Table, TableStyle
        fw = self.geo.frame_width
        pad, gap = PAD, GAP
        cw = (fw - gap) / 2
        beside = blk.beside
        cells = [self.item_cell(e, cw - pad) for e in blk.entries]
        if len(cells) < 2 or max(_height(c, cw - pad) for c in cells) > 0.45 * self.frame_height:
            out = [self.item_table(e, fw, pad) for e in blk.entries]
            if beside is not None:      # cards too tall to pair: the chart follows them
                (w, h), = row_sizes((beside,), fw, beside=True)
                out.extend(self.chart_cell(beside, w, h))
            return out
        # Two cards a row, read across: short cards in full-width lines would be mostly
        # air. One table a row, so rows go to the next page one by one and a heading
        # keeps only the first row with it; a card itself never breaks.
        out = []
        for r in range(0, len(blk.entries), 2):
            pair = [self.item_table(e, cw, pad, space=0) for e in blk.entries[r:r + 2]]
            if len(pair) > 1:
                right = [pair[1]]
            elif beside is not None:
                # one unbreakable piece: a chart never parts from its caption and note
                (w, h), = row_sizes((beside,), fw, beside=True)
                flows = self.chart_cell(beside, w, h)
                right = Table([[flows]], colWidths=[cw - pad], style=[
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
            else:
                right = ""
            # splitInRow: at a page end a pair of cards continues on the next page,
            # as paragraphs do, instead of leaving the rest of the page empty
            t = Table([[[pair[0]], "", right]], colWidths=[cw, gap, cw], splitInRow=1)
            t.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, 0), 0 if len(pair) > 1 else pad),
            ]))
            t.spaceAfter = 7
            out.append(t)
        return out

    def callout(self, blk: b.Callout) -> list:
        from reportlab.platypus import Table, TableStyle
        cell = [self.para(blk.value, self.s.big)]
        if blk.label:
            cell.append(self.para(blk.label, self.s.body))
        if blk.caption:
            cell.append(self.para(blk.caption, self.s.caption))
        t = Table([[cell]], colWidths=[self.geo.frame_width * 0.6])
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), self.s.color["surface"]),
            ("LINEABOVE", (0, 0), (-1, 0), 3, _color(blk.color or self.theme.palette["primary"])),
            ("LEFTPADDING", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))
        t.hAlign = "LEFT"
        t.spaceBefore, t.spaceAfter = 2, 6
        return [t]

    def quote(self, blk: b.Quote) -> list:
        from reportlab.platypus import Table, TableStyle
        cell = [self.para(f"“{blk.text}”", self.s.quote)]
        if blk.by:
            cell.append(self.para(f"— {blk.by}", self.s.quote_by))
        t = Table([[cell]], colWidths=[self.geo.frame_width - 20])
        t.setStyle(TableStyle([
            ("LINEBEFORE", (0, 0), (0, -1), 3, _color(self.theme.accent(2))),
            ("LEFTPADDING", (0, 0), (-1, -1), 12), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ]))
        t.hAlign = "RIGHT"
        t.spaceBefore, t.spaceAfter = 2, 8
        return [t]

    def columns(self, blk: b.Columns) -> list:
        from reportlab.platypus import Table, TableStyle
        fw = self.geo.frame_width
        cw = (fw - 16) / 2
        left = self.list_flows(blk.left, width=cw)
        right = self.list_flows(blk.right, width=cw)
        t = Table([[left, right]], colWidths=[cw + 8, cw + 8])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEAFTER", (0, 0), (0, -1), 0.6, self.s.color["rule"]),
            ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 8),
            ("LEFTPADDING", (1, 0), (1, 0), 8), ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ]))
        t.spaceAfter = 6
        return [t]

    def image(self, blk: b.Image) -> list:
        from reportlab.platypus import Image

        iw, ih = image_size(blk.path)
        max_w, max_h = self.geo.frame_width, 95 * MM
        scale = min(max_w / iw, max_h / ih)
        img = Image(png_source(blk.path), iw * scale, ih * scale)   # SVG: its PNG copy
        img.hAlign = "LEFT"
        return [img]

    def sources(self, blk: b.Sources) -> list:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph
        st = ParagraphStyle("src", parent=self.s.body, leftIndent=20, bulletIndent=0,
                            spaceAfter=4, bulletFontName=self.s.body_fonts.bold,
                            bulletFontSize=BODY)
        out = []
        link = _hex(self.theme.palette["primary"])
        for e in blk.entries:
            text = self.s.markup(e.text)
            url = safe_url(e.url) if e.url else None
            if url:
                from xml.sax.saxutils import escape
                text += (f'. <a href="{attribute(url)}" color="{link}">'
                         f'<u>{escape(url)}</u></a>')
            out.append(Paragraph(text, st, bulletText=f"[{e.number}]"))
        return _together_if_short(out, self.frame_height)

    def slidesheet(self, blk: b.SlideSheet) -> list:
        return sheet_flowables(self, blk)

    def notespage(self, blk: b.NotesPage) -> list:
        return notes_flowables(self, blk)

    # -- the document --------------------------------------------------------
    def flowables(self) -> list:
        from reportlab.platypus import CondPageBreak
        groups = []
        blocks = list(self.h.blocks)
        for i, blk in enumerate(blocks):
            name = type(blk).__name__.lower()
            method = {"para": "para_block"}.get(name, name)
            groups.append(getattr(self, method)(blk) if not _empty(blk) else [])
        out: list = []
        fw, fh = self.geo.frame_width, self.frame_height
        starts: dict[int, int] = {}      # group index -> index in ``out`` where it begins
        for i, flows in enumerate(groups):
            starts[i] = len(out)
            out.extend(flows)
        # A heading keeps with what follows it; but keeping it with a whole long table
        # would move the heading, the table and the page's remaining space onto the next
        # page. Before such a heading (and the headings chained above it) ask only for
        # room for the headings and a first few lines; the table then breaks by rows.
        breaks = []
        for i, flows in enumerate(groups):
            if not (isinstance(self.h.blocks[i], b.Heading) and i + 1 < len(groups)
                    and groups[i + 1] and flows):
                continue
            nxt = groups[i + 1][0]
            h = _measure(nxt, fw, fh)
            # only what can break across pages: a picture or chart moves with its heading
            splittable = type(nxt).__name__ == "Table" and (
                len(nxt._cellvalues) > 3 or getattr(nxt, "splitInRow", 0))
            if not (splittable and h > 70):
                continue
            flows[0].keepWithNext = 0
            j = i
            while j > 0 and isinstance(self.h.blocks[j - 1], b.Heading) and groups[j - 1]:
                j -= 1
            # room for the headings and, for a table, its header and first two rows
            first = sum(nxt._rowHeights[:3]) if len(nxt._cellvalues) > 3 else 60
            need = sum(g[0].wrap(fw, fh)[1] + 10 for g in groups[j:i + 1]) + first + 4
            breaks.append((starts[j], need))
        for at, need in sorted(breaks, reverse=True):
            out.insert(at, CondPageBreak(need))
        return out

    def decorate(self, canv, page: int, pages: int) -> None:
        """Draw the running header and footer of one page."""
        g, s = self.geo, self.s
        c = canv
        c.saveState()
        left, right = g.left, g.width - g.right
        top_y = g.height - 11 * MM
        foot_y = 9.5 * MM
        chip_w = 0.0
        if self.h.classification:
            chip_w = self._banner(c, (left + right) / 2, top_y)
            self._banner(c, (left + right) / 2, foot_y)
        room = (right - left) / 2 - chip_w / 2 - 8
        c.setFillColor(s.color["muted"])
        self._string(c, left, top_y, fit_text(self.h.title, room, s.body_fonts, RUNNING),
                     RUNNING)
        c.setStrokeColor(s.color["rule"])
        c.setLineWidth(0.5)
        c.line(left, g.height - 14 * MM, right, g.height - 14 * MM)
        c.line(left, 14 * MM, right, 14 * MM)
        meta = " · ".join(x for x in (self.h.organisation, _date_text(self.h.date)) if x)
        if meta:
            self._string(c, left, foot_y, fit_text(meta, room, s.body_fonts, RUNNING),
                         RUNNING)
        label = f"Page {page} of {pages}"
        c.setFont(s.body_fonts.regular, RUNNING)
        c.drawRightString(right, foot_y, label)
        c.restoreState()

    def _string(self, c, x: float, y: float, text: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        f = self.s.body_fonts
        for run, wide in text_runs(text):
            name = f.wide if wide else f.regular
            c.setFont(name, size)
            c.drawString(x, y, run)
            x += stringWidth(run, name, size)

    def _banner(self, c, cx: float, y: float) -> float:
        """Draw the classification as a filled banner centred on ``cx``; return its width."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        s = self.s
        text = self.h.classification.upper()
        size = RUNNING + 0.5
        f = s.body_fonts

        def font(wide):
            return f.wide_bold if wide else f.bold

        runs = text_runs(text)
        tw = sum(stringWidth(r, font(w), size) for r, w in runs)
        w = min(tw + 16, self.geo.frame_width / 2)
        c.setFillColor(s.color["banner"])
        c.rect(cx - w / 2, y - 3, w, size + 5, stroke=0, fill=1)
        c.setFillColor(s.color["on_banner"])
        x = cx - tw / 2
        for r, wide in runs:
            c.setFont(font(wide), size)
            c.drawString(x, y, r)
            x += stringWidth(r, font(wide), size)
        return w


def _empty(blk) -> bool:
    return isinstance(blk, b.Para) and not blk.text


def _together_if_short(flows: list, frame_height: float) -> list:
    """Keep a short list on one page: one item left over on the next page reads badly."""
    if len(flows) > 1 and sum(_measure(f, 500, frame_height) for f in flows) < 0.25 * frame_height:
        return _chain(flows)
    return flows


def _chain(flows: list) -> list:
    """Keep flowables on one page by chaining keepWithNext.

    Platypus turns a run of keep-with-next flowables into one KeepTogether;
    an explicit KeepTogether would not join the heading before it (nested
    KeepTogethers lose keepWithNext), so a heading could be left behind.
    """
    for f in flows[:-1]:
        f.keepWithNext = 1
    return flows


def _measure(f, width: float, height: float) -> float:
    """Return a flowable's height before it is drawn (a KeepTogether by its contents)."""
    content = getattr(f, "_content", None)
    if content is not None:
        return sum(_measure(c, width, height) for c in content)
    return f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()


def _height(flows: list, width: float) -> float:
    """Return the height a list of flowables takes at ``width``."""
    total = 0.0
    for f in flows:
        total += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _color(hex6: str):
    from reportlab.lib.colors import HexColor
    return HexColor("#" + hex6)


def _date_text(date: str) -> str:
    return long_date(date)


def _canvas_class(renderer: _Renderer):
    """Return a canvas class that holds pages back until it knows how many there are.

    "Page 3 of 7" needs the total before page 3 is finished. Each page's
    drawing is kept; on save every page gets its header and footer, then is
    written. Bookmarks are noted while drawing and made on replay, when the
    page they point at exists.
    """
    from reportlab.pdfgen.canvas import Canvas

    class PagedCanvas(Canvas):
        def __init__(self, *args, **kw):
            super().__init__(*args, **kw)
            self._held = []
            self._marks: dict[int, list] = {}

        def note_bookmark(self, title: str, level: int, height: float) -> None:
            x, y = self.absolutePosition(0, height)
            self._marks.setdefault(len(self._held), []).append((title, level, y))

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            marks = self._marks
            for i, state in enumerate(self._held):
                self.__dict__.update(state)
                for k, (title, level, y) in enumerate(marks.get(i, [])):
                    key = f"h{i}-{k}"
                    self.bookmarkPage(key, fit="XYZ", top=y + 4)
                    self.addOutlineEntry(title, key, level=level)
                renderer.decorate(self, i + 1, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return PagedCanvas


def write_pdf(handout: b.Handout, theme: Theme, path: Path, pictures=None) -> int:
    """Write the handout as a PDF at ``path``; return the number of pages.

    ``pictures`` is the build's picture cache: chart figures drawn once per build.
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    geo = page_geometry(handout.language)
    r = _Renderer(handout, theme, geo, pictures)
    doc = BaseDocTemplate(
        str(path), pagesize=(geo.width, geo.height), leftMargin=geo.left,
        rightMargin=geo.right, topMargin=geo.top, bottomMargin=geo.bottom,
        title=handout.title, author=", ".join(plain(a) for a in handout.authors) or "deckgen",
        subject=handout.subject, creator="deckgen", keywords=handout.style + " handout",
        lang=handout.language, displayDocTitle=1, invariant=1)
    frame = Frame(geo.left, geo.bottom, geo.frame_width, geo.height - geo.top - geo.bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(r.flowables(), canvasmaker=_canvas_class(r))
    return doc.page
