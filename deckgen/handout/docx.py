"""Render a handout's blocks as an editable Word document (python-docx).

Editable means Word's own structure, not pictures of text: block headings
are ``Heading 1``/``Heading 2`` paragraphs (so the navigation pane and a
table of contents work), lists are ``List Bullet``/``List Number``
paragraphs (numbering restarts for each list), the key figures and the
timeline are real tables with a repeating header row, links are hyperlinks,
and presenter's notes have a paragraph style of their own. Only the charts
are pictures: 200 dpi PNGs of the same SVG drawings the PDF places as vectors,
each with its alt text. Every page has the deck title, the classification
and "Page 3 of 7" (Word fields) in its header and footer.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from deckgen.build.repro import build_time
from deckgen.content.markup import parse, plain
from deckgen.content.pictures import image_size, is_svg, svg_png
from deckgen.content.urls import safe_url
from deckgen.handout import blocks as b
from deckgen.handout.drawings import chart_picture, png, yardstick_picture
from deckgen.handout.layout import frame_width, local_pictures, row_sizes, yardstick_height
from deckgen.handout.docx_base import ITEM_STYLE, _place, _rgb
from deckgen.handout.slides_docx import notes_page, sheet
from deckgen.render.pptx_fix import without_styles_with_effects, zoom_with_percent
from deckgen.text.direction import is_rtl
from deckgen.text.limits import cut
from deckgen.theme.theme import Theme

MM_PER_PT = 25.4 / 72
NOTE_STYLE = "Presenter Note"
LEAD_STYLE = "Lead"
CHART_STYLE = "Chart Heading"
FIGURE_STYLE = "Key Figure"
#: Type sizes in points (Word documents are read on screen as often as printed).
BODY, SMALL, NOTE = 10.0, 8.5, 8.5




def _page_size(language: str):
    """Return (width, height) in EMU: A4, or US Letter for US and Canadian English."""
    from docx.shared import Mm, Inches
    if language.lower() in ("en-us", "en-ca"):
        return Inches(8.5), Inches(11)
    return Mm(210), Mm(297)


#: What follows w:bidi in a paragraph's properties (ISO 29500 sequence order).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _keep_whole(elements) -> None:
    """Keep one card (its title, text, points, evidence and note) on one page in Word:
    every paragraph keeps its lines together and stays with the next, but the last."""
    from docx.oxml.ns import qn
    paras = [el for el in elements if el.tag == qn("w:p")]
    for i, p in enumerate(paras):
        ppr = p.get_or_add_pPr()
        ppr.keepLines_val = True
        if i < len(paras) - 1:
            ppr.keepNext_val = True


def _word_readable(data: bytes) -> bytes:
    """Return a picture Word's reader (python-docx's header parser) accepts.

    The loader has checked the picture with Pillow, which reads files whose
    headers python-docx does not (a stray byte after a JPEG's first marker);
    those are written again as PNG, so the handout keeps the picture.
    """
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as WordImage
    try:
        WordImage.from_blob(data)
        return data
    except (UnrecognizedImageError, ValueError, IndexError, KeyError, struct.error):
        from PIL import Image
        with Image.open(io.BytesIO(data)) as im:
            out = io.BytesIO()
            im.convert("RGBA" if "A" in im.getbands() else "RGB").save(out, "PNG")
            return out.getvalue()


class _Writer:
    def __init__(self, handout: b.Handout, theme: Theme, pictures=None) -> None:
        self.pictures = pictures or local_pictures()
        import docx
        self.h = handout
        self.t = theme
        self.doc = docx.Document()
        self._setup_page()
        self._setup_styles()

    # -- document set-up ---------------------------------------------------
    def _setup_page(self) -> None:
        from docx.shared import Mm
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = _page_size(self.h.language)
        # the PDF's margins: the text is as wide, so both draw the same chart pictures
        sec.left_margin = sec.right_margin = Mm(15)
        sec.top_margin, sec.bottom_margin = Mm(22), Mm(20)
        sec.header_distance, sec.footer_distance = Mm(9), Mm(9)
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin

    def _fonts(self, style, font: str) -> None:
        """Set a style's Latin font and the East Asian font (Hangul) the theme names."""
        from docx.oxml.ns import qn
        style.font.name = font
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), font)
        fonts.set(qn("w:eastAsia"), self.t.fonts.get("east_asian", font))

    def _setup_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.ns import qn
        from docx.shared import Pt
        t, st = self.t, self.doc.styles
        body, head = t.fonts["body"], t.fonts["heading"]
        normal = st["Normal"]
        self._fonts(normal, body)
        normal.font.size = Pt(BODY)
        normal.font.color.rgb = _rgb(t.color("text"))
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.1
        rpr = normal.element.get_or_add_rPr()
        _place(rpr, rpr.makeelement(qn("w:lang"), {qn("w:val"): self.h.language,
                                                   qn("w:eastAsia"): "ko-KR"}))
        for name, size, before, after in (("Heading 1", 14, 12, 4), ("Heading 2", 11.5, 8, 2),
                                          ("Heading 3", 10.5, 6, 2)):
            s = st[name]
            self._fonts(s, head)
            s.font.size = Pt(size)
            s.font.bold = True
            s.font.color.rgb = _rgb(t.color("primary"))
            s.paragraph_format.space_before = Pt(before)
            s.paragraph_format.space_after = Pt(after)
            s.paragraph_format.keep_with_next = True
        for name, size, color in (("Title", 24, "primary"), ("Subtitle", 13, "muted")):
            s = st[name]
            self._fonts(s, head if name == "Title" else body)
            s.font.size = Pt(size)
            s.font.color.rgb = _rgb(t.color(color))
        cap = st["Caption"]
        self._fonts(cap, body)
        cap.font.size = Pt(SMALL)
        cap.font.bold = False
        cap.font.italic = False
        cap.font.color.rgb = _rgb(t.color("muted"))
        quote = st["Quote"]
        quote.font.size = Pt(13)
        quote.font.color.rgb = _rgb(t.color("primary"))

        def para_style(name: str, size: float, color: str, bold=False, italic=False,
                       indent: float = 0, keep: bool = False):
            s = st.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            s.base_style = normal
            s.quick_style = True
            s.font.size = Pt(size)
            s.font.bold = bold
            s.font.italic = italic
            s.font.color.rgb = _rgb(t.color(color))
            if indent:
                s.paragraph_format.left_indent = Pt(indent)
            s.paragraph_format.keep_with_next = keep
            return s

        para_style(LEAD_STYLE, 12.5, "primary")
        note = para_style(NOTE_STYLE, NOTE, "muted", indent=12)
        self._shade(note.element.get_or_add_pPr(), t.color("surface"))
        self._border(note.element.get_or_add_pPr(), "left", t.color("rule"), 12)
        item = para_style(ITEM_STYLE, 11, "primary", bold=True, keep=True)
        self._fonts(item, head)
        item.paragraph_format.space_before = Pt(6)
        item.paragraph_format.space_after = Pt(2)
        chart = para_style(CHART_STYLE, 10, "primary", bold=True, keep=True)
        self._fonts(chart, head)
        chart.paragraph_format.space_before = Pt(6)
        big = para_style(FIGURE_STYLE, 26, "primary", bold=True)
        self._fonts(big, head)

    @staticmethod
    def _shade(parent, fill: str) -> None:
        """Give a paragraph, cell or run properties element a background colour."""
        from docx.oxml.ns import qn
        _place(parent, parent.makeelement(qn("w:shd"), {
            qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}))

    @staticmethod
    def _border(ppr, side: str, color: str, size_eighths: int) -> None:
        from docx.oxml.ns import qn
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is None:
            bdr = ppr.makeelement(qn("w:pBdr"), {})
            _place(ppr, bdr)
        bdr.append(bdr.makeelement(qn(f"w:{side}"), {
            qn("w:val"): "single", qn("w:sz"): str(size_eighths), qn("w:space"): "6",
            qn("w:color"): color}))

    # -- text ------------------------------------------------------------
    def runs(self, par, text: str, bold: bool = False, size: float | None = None,
             color: str = "") -> None:
        """Add content text (``**bold**``, ``*italic*``, links) to a paragraph as runs."""
        from docx.shared import Pt
        from docx.oxml.ns import qn
        rtl = is_rtl(plain(text))
        if rtl:        # Arabic or Hebrew: a right-to-left paragraph (w:bidi), runs marked w:rtl
            ppr = par._p.get_or_add_pPr()
            if ppr.find(qn("w:bidi")) is None:
                ppr.insert_element_before(ppr.makeelement(qn("w:bidi"), {}), *_AFTER_BIDI)
        for r in parse(text, bold):
            if r.url:
                self.link(par, r.text, r.url, r.bold, r.italic)
                continue
            run = par.add_run(r.text)
            run.bold = r.bold or None
            run.italic = r.italic or None
            if rtl:
                run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))
            if size:
                run.font.size = Pt(size)
            if color:
                run.font.color.rgb = _rgb(color)

    def link(self, par, text: str, url: str, bold: bool = False, italic: bool = False) -> None:
        """Add a real hyperlink (Ctrl+click in Word) to ``url``."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        url = safe_url(url)
        if url is None:     # never link to an address that is not http(s) or mailto
            par.add_run(text)
            return
        rid = par.part.relate_to(url, RT.HYPERLINK, is_external=True)
        hl = OxmlElement("w:hyperlink")
        hl.set(qn("r:id"), rid)
        run = par.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        run.font.underline = True
        run.font.color.rgb = _rgb(self.t.color("primary"))
        hl.append(run._r)
        par._p.append(hl)

    def cite(self, par, cite: str) -> None:
        if cite:
            from docx.shared import Pt
            run = par.add_run(f" {cite}")
            run.font.size = Pt(SMALL)
            run.font.color.rgb = _rgb(self.t.color("muted"))

    def tag(self, par, tag: b.Tag) -> None:
        """Add a coloured label run: white or dark text on the tag's colour."""
        from docx.shared import Pt
        run = par.add_run(f"\u00a0{tag.text.upper()}\u00a0")
        run.bold = True
        run.font.size = Pt(SMALL)
        run.font.color.rgb = _rgb(tag.on_color)
        self._shade(run._r.get_or_add_rPr(), tag.color)
        par.add_run(" ")

    def note(self, text: str, label: str = ""):
        label = label or self.h.labels["presenter_note"]
        par = self.doc.add_paragraph(style=NOTE_STYLE)
        par.add_run(f"{label}. ").bold = True
        self.runs(par, text)
        return par

    # -- lists -----------------------------------------------------------
    def _restart(self, par, start: int = 1) -> None:
        """Make ``par`` begin a new numbered list (python-docx would continue the last one)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        numpr = par._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num.numId

    def list_items(self, items, numbered: bool = False, start: int = 1, level: int = 0,
                   container=None) -> None:
        box = container or self.doc
        for i, it in enumerate(items):
            if numbered and level == 0:
                style = "List Number"
            else:
                style = "List Bullet" + ("" if level == 0 else f" {min(level + 1, 3)}")
            par = box.add_paragraph(style=style)
            if numbered and level == 0 and i == 0:
                self._restart(par, start)
            self.runs(par, it.text)
            self.cite(par, it.cite)
            self.list_items(it.children, level=level + 1, container=container)
            if it.note and container is None:
                self.note(it.note)

    # -- blocks ----------------------------------------------------------
    def heading(self, blk: b.Heading) -> None:
        par = self.doc.add_paragraph(style=f"Heading {min(blk.level, 3)}")
        self.runs(par, blk.text)

    def para(self, blk: b.Para) -> None:
        style = {"body": None, "lead": LEAD_STYLE, "caption": "Caption"}[blk.style]
        self.runs(self.doc.add_paragraph(style=style), blk.text)

    def bulletlist(self, blk: b.BulletList) -> None:
        self.list_items(blk.items, blk.numbered, blk.start)

    def note_block(self, blk: b.Note) -> None:
        self.note(blk.text, blk.label)

    def titleblock(self, blk: b.TitleBlock) -> None:
        from docx.shared import Pt
        self.runs(self.doc.add_paragraph(style="Title"), blk.title)
        if blk.subtitle:
            self.runs(self.doc.add_paragraph(style="Subtitle"), blk.subtitle)
        if blk.facts:
            table = self.doc.add_table(rows=0, cols=2)
            for key, value in blk.facts:
                cells = table.add_row().cells
                kp = cells[0].paragraphs[0]
                run = kp.add_run(key)
                run.bold = True
                run.font.size = Pt(SMALL + 0.5)
                run.font.color.rgb = _rgb(self.t.color("muted"))
                self.runs(cells[1].paragraphs[0], value, size=SMALL + 0.5)
            self._widths(table, [0.25, 0.75])
            self.doc.add_paragraph()

    def judgements(self, blk: b.Judgements) -> None:
        from docx.enum.text import WD_BREAK
        from docx.shared import Pt
        for i, e in enumerate(blk.entries):
            par = self.doc.add_paragraph(style="List Number")
            if i == 0:
                self._restart(par, e.number)
            self.runs(par, e.text)
            self.cite(par, e.cite)
            if e.tag or e.confidence:
                par.add_run().add_break(WD_BREAK.LINE)
            if e.tag:
                self.tag(par, e.tag)
            if e.confidence:
                run = par.add_run(e.confidence.capitalize())
                run.font.size = Pt(SMALL + 0.5)
                run.font.color.rgb = _rgb(self.t.color("muted"))
            if e.note:
                self.note(e.note)

    def table(self, blk: b.Table) -> None:
        from docx.oxml import OxmlElement
        from docx.shared import Pt
        t = self.t
        table = self.doc.add_table(rows=1, cols=len(blk.columns))
        table.style = self.doc.styles["Table Grid"]
        head = table.rows[0]
        # the header row repeats on every page the table runs over
        trpr = head._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
        for cell, text in zip(head.cells, blk.columns):
            self.runs(cell.paragraphs[0], text, bold=True, size=9, color=t.color("on_primary"))
            self._cell_fill(cell, t.color("primary"))
        weights = list(blk.weights) or [1.0] * len(blk.columns)
        wide = max(range(len(weights)), key=lambda j: weights[j])
        for i, row in enumerate(blk.rows):
            cells = table.add_row().cells
            for j, (cell, text) in enumerate(zip(cells, row)):
                bold = blk.kind == "timeline" and j == 0
                self.runs(cell.paragraphs[0], text, bold=bold, size=9)
                note = blk.notes[i] if i < len(blk.notes) else ""
                if note and j == wide:
                    p = cell.add_paragraph()
                    run = p.add_run(plain(note))
                    run.italic = True
                    run.font.size = Pt(SMALL)
                    run.font.color.rgb = _rgb(t.color("muted"))
                if i % 2:
                    self._cell_fill(cell, t.color("surface"))
        total = sum(weights)
        self._widths(table, [w / total for w in weights])
        self.doc.add_paragraph()

    def _cell_fill(self, cell, color: str) -> None:
        self._shade(cell._tc.get_or_add_tcPr(), color)

    def _widths(self, table, fractions) -> None:
        # both the grid (LibreOffice reads it) and each cell (Word reads those)
        table.autofit = False
        for col, f in zip(table.columns, fractions):
            col.width = int(self.text_width * f)
        for row in table.rows:
            for cell, f in zip(row.cells, fractions):
                cell.width = int(self.text_width * f)

    def picture(self, data: bytes, width_emu: int, alt: str, title: str = "") -> None:
        """Add a PNG as its own paragraph, with alt text for screen readers."""
        par = self.doc.add_paragraph()
        run = par.add_run()
        shape = run.add_picture(io.BytesIO(data), width=width_emu)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", plain(alt))
        if title:
            doc_pr.set("title", plain(title))

    def chartrow(self, blk: b.ChartRow) -> None:
        full = frame_width(self.h.language)
        for cb, (w, h) in zip(blk.charts, row_sizes(blk.charts, full)):
            self.chart(cb, w, h)

    def chart(self, cb: b.ChartBlock, w: float, h: float) -> None:
        from docx.shared import Pt
        self.runs(self.doc.add_paragraph(style=CHART_STYLE), cb.heading)
        svg = chart_picture(self.pictures, cb, self.t, w, h)
        self.picture(png(self.pictures, svg, w), int(Pt(w)), cb.alt, cb.heading)
        if cb.caption:
            self.runs(self.doc.add_paragraph(style="Caption"), cb.caption)
        if cb.note:
            self.note(cb.note)

    def yardstick(self, blk: b.Yardstick) -> None:
        from docx.shared import Pt
        w = frame_width(self.h.language)
        h = yardstick_height(blk.items, w)
        svg = yardstick_picture(self.pictures, blk.items, blk.yardstick, self.t, w, h,
                                self.h.labels)
        data = png(self.pictures, svg, w)
        self.picture(data, int(Pt(w)), blk.alt, self.h.labels["probability_yardstick"])
        if blk.caption:
            self.runs(self.doc.add_paragraph(style="Caption"), blk.caption)

    def items(self, blk: b.Items) -> None:
        from docx.shared import Pt
        for e in blk.entries:
            par = self.doc.add_paragraph(style=ITEM_STYLE)
            first = par._p
            for tg in e.tags:
                self.tag(par, tg)
            self.runs(par, e.title)
            self.cite(par, e.cite)
            if e.detail:
                self.runs(self.doc.add_paragraph(), e.detail)
            self.list_items(e.points)
            if e.evidence:
                p = self.doc.add_paragraph()
                r = p.add_run(self.h.labels["evidence"] + " ")
                r.bold = True
                r.font.size = Pt(SMALL)
                r.font.color.rgb = _rgb(self.t.color("muted"))
                self.runs(p, "; ".join(e.evidence), size=SMALL, color=self.t.color("muted"))
            if e.note:
                self.note(e.note)
            _keep_whole([first, *first.itersiblings()])
        if blk.beside is not None:   # the chart the PDF sets beside the odd last card
            (w, h), = row_sizes((blk.beside,), frame_width(self.h.language), beside=True)
            self.chart(blk.beside, w, h)

    def callout(self, blk: b.Callout) -> None:
        self.runs(self.doc.add_paragraph(style=FIGURE_STYLE), blk.value)
        if blk.label:
            self.runs(self.doc.add_paragraph(), blk.label)
        if blk.caption:
            self.runs(self.doc.add_paragraph(style="Caption"), blk.caption)

    def quote(self, blk: b.Quote) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        self.runs(self.doc.add_paragraph(style="Quote"), f"“{blk.text}”")
        if blk.by:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.runs(p, f"— {blk.by}", color=self.t.color("muted"))

    def columns(self, blk: b.Columns) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        for cell, items in zip(table.rows[0].cells, (blk.left, blk.right)):
            self.list_items(items, container=cell)
            first = cell.paragraphs[0]
            if not first.text and len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
        self._widths(table, [0.5, 0.5])
        self.doc.add_paragraph()

    def image(self, blk: b.Image) -> None:
        iw, ih = image_size(blk.path)
        max_w, max_h = self.text_width, 95 * 36000
        scale = min(max_w / iw, max_h / ih)
        data = svg_png(blk.path) if is_svg(blk.path) else _word_readable(blk.path.read_bytes())
        self.picture(data, int(iw * scale), blk.alt, blk.caption)

    def sources(self, blk: b.Sources) -> None:
        for i, e in enumerate(blk.entries):
            par = self.doc.add_paragraph(style="List Number")
            if i == 0:
                self._restart(par, e.number)
            self.runs(par, e.text)
            if e.url:
                par.add_run(". ")
                self.link(par, e.url, e.url)

    def slidesheet(self, blk: b.SlideSheet) -> None:
        sheet(self, blk)

    def notespage(self, blk: b.NotesPage) -> None:
        notes_page(self, blk)

    # -- header, footer, properties --------------------------------------
    def _field(self, par, instr: str, placeholder: str) -> None:
        """Add a field Word fills in when it lays out the page (PAGE, NUMPAGES)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), instr)
        run = par.add_run(placeholder)
        run.font.size = Pt(8)
        run.font.color.rgb = _rgb(self.t.color("muted"))
        fld.append(run._r)
        par._p.append(fld)

    def header_footer(self) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Inches, Pt
        t, h = self.t, self.h
        sec = self.doc.sections[0]
        head = sec.header.paragraphs[0]
        self._banner(head)
        title = sec.header.add_paragraph()
        run = title.add_run(h.title)
        run.font.size = Pt(8)
        run.font.color.rgb = _rgb(t.color("muted"))
        self._border(title._p.get_or_add_pPr(), "bottom", t.color("rule"), 4)
        foot = sec.footer.paragraphs[0]
        stops = foot.paragraph_format.tab_stops
        # the Footer style's own centre and right stops (3.25 and 6.5 in) are cleared,
        # so the page number sits at this page's right margin
        for pos in (Inches(3.25), Inches(6.5)):
            stops.add_tab_stop(pos, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT)
        self._border(foot._p.get_or_add_pPr(), "top", t.color("rule"), 4)
        meta = " · ".join(x for x in (h.organisation, h.labels.date(h.date)) if x)
        lead = meta + "\t"
        # "Page 3 of 7" in the handout's language, the numbers as Word fields
        for text, name in h.labels.parts("page"):
            r = foot.add_run(lead + text)
            r.font.size = Pt(8)
            r.font.color.rgb = _rgb(t.color("muted"))
            lead = ""
            if name:
                self._field(foot, "PAGE" if name == "n" else "NUMPAGES", "1")
        self._banner(sec.footer.add_paragraph())

    def _banner(self, par) -> None:
        """Write the classification centred on the banner colour (nothing when unset)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt
        if not self.h.classification:
            return
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = par.add_run(f"\u00a0\u00a0{self.h.classification.upper()}\u00a0\u00a0")
        run.bold = True
        run.font.size = Pt(8.5)
        run.font.color.rgb = _rgb(self.t.color("on_banner"))
        self._shade(run._r.get_or_add_rPr(), self.t.color("banner"))

    def properties(self) -> None:
        cp = self.doc.core_properties
        h = self.h
        cp.title = cut(h.title)
        cp.author = cut(", ".join(plain(a) for a in h.authors) or "deckgen")
        cp.subject = cut(h.subject)
        cp.keywords = f"{h.style} handout"
        cp.category = "Handout"
        cp.language = h.language
        cp.comments = cut(f"Written by deckgen from {h.title}")
        cp.last_modified_by = "deckgen"
        cp.revision = 1
        stamp = build_time(h.date)
        cp.created = stamp
        cp.modified = stamp
        if h.classification:
            cp.content_status = h.classification

    def write(self, path: Path) -> None:
        for blk in self.h.blocks:
            name = type(blk).__name__.lower()
            getattr(self, {"para": "para", "note": "note_block"}.get(name, name))(blk)
        self.header_footer()
        self.properties()
        zoom_with_percent(self.doc)     # w:zoom needs w:percent
        without_styles_with_effects(self.doc)   # a stale copy of the styles
        self.doc.save(str(path))


# The order WordprocessingML requires of the children of these property elements;
# Word rejects a file whose elements are out of order.
def write_docx(handout: b.Handout, theme: Theme, path: Path, pictures=None) -> None:
    """Write the handout as a .docx file at ``path`` (``pictures``: the build's picture cache)."""
    _Writer(handout, theme, pictures).write(path)
