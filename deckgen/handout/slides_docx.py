"""Word pages of slide pictures: the ``slides`` and ``notes`` styles, with python-docx.

The reading handout's writer (:mod:`deckgen.handout.docx`) calls these for
:class:`~deckgen.handout.blocks.SlideSheet` and
:class:`~deckgen.handout.blocks.NotesPage` blocks, so both styles share its
styles, page, header and footer ("Page 3 of 7" as Word fields) and
properties.

A slide-handout page is one real table, sized from :func:`sheet_slots` to
fit the page: a cell per slide holds its caption and picture (framed, its
alt text the slide's title), and the ruled lines are a table inside the
cell whose rows have a rule beneath — lines Word and LibreOffice both keep
in place, which a student can also type on. A notes page is a ``Heading 1``
("Slide 4: Key judgements", so the navigation pane lists the slides), the
picture, then the speaker notes as written (no ruled lines: a DOCX is for
typing, and only Word knows how much room the notes leave).
"""

from __future__ import annotations

import io

from deckgen.handout import blocks as b
from deckgen.handout.docx_base import ITEM_STYLE, _place, _rgb
from deckgen.handout.slides import CAPTION, GAP, GRID, GUTTER, LINES_PAD, sheet_slots
from deckgen.text.measure import width as measure

EMU_PER_PT = 12700
TWIPS_PER_PT = 20
#: Room kept free under each page's table, so Word never pushes the paragraph
#: that must follow a table onto a page of its own.
SLACK = 6 * 72 / 25.4
CAPTION_SIZE = 8.5
NOTES_SIZE = 10.5


def _qn(tag: str):
    from docx.oxml.ns import qn
    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(f"w:{k}"), str(v))
    return el


def _tbl_prop(table, el) -> None:
    """Put ``el`` into the table's properties in schema order (replacing one of its kind)."""
    tblpr = table._tbl.tblPr
    old = tblpr.find(el.tag)
    if old is not None:
        tblpr.remove(old)
    _place(tblpr, el)


def _layout_table(table, widths_pt: list[float], borders: dict | None = None) -> None:
    """Fix a table's column widths (points), with no cell margins and the borders given."""
    from docx.shared import Emu
    table.autofit = False
    _tbl_prop(table, _el("w:tblW", w=round(sum(widths_pt) * TWIPS_PER_PT), type="dxa"))
    mar = _el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar.append(_el(f"w:{side}", w=0, type="dxa"))
    _tbl_prop(table, mar)
    edges = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        spec = (borders or {}).get(side)
        edges.append(_el(f"w:{side}", val="single", sz=spec[0], space=0, color=spec[1])
                     if spec else _el(f"w:{side}", val="nil"))
    _tbl_prop(table, edges)
    for col, w in zip(table.columns, widths_pt):
        col.width = Emu(round(w * EMU_PER_PT))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_pt):
            cell.width = Emu(round(w * EMU_PER_PT))


def _row_height(row, height_pt: float) -> None:
    """Give a row an exact height and keep it on one page."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_el("w:cantSplit"))
    trpr.append(_el("w:trHeight", val=round(height_pt * TWIPS_PER_PT), hRule="exact"))


def _tight(par, size_pt: float | None = None) -> None:
    """No space around a paragraph; with ``size_pt``, exactly that line height."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt
    pf = par.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    if size_pt is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(size_pt)


def _fit(text: str, width: float, font: str, size: float) -> str:
    """Return ``text`` cut with an ellipsis to ``width`` points, measured with the font files."""
    if measure(text, font, size) <= width:
        return text
    while text and measure(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _caption(w, par, shot: b.SlideShot, width: float) -> None:
    """Fill ``par`` with "Slide 3  Title" on one line of ``width`` points."""
    from docx.shared import Pt

    _tight(par, CAPTION)
    label = w.h.labels("slide", n=shot.number)
    run = par.add_run(label)
    run.bold = True
    run.font.size = Pt(CAPTION_SIZE)
    run.font.color.rgb = _rgb(w.t.color("primary"))
    body = w.t.fonts["body"]
    room = width - measure(label + "  ", body, CAPTION_SIZE, bold=True) - 2
    if shot.title and room > 20:
        run = par.add_run("  " + _fit(shot.title, room, body, CAPTION_SIZE))
        run.font.size = Pt(CAPTION_SIZE)
        run.font.color.rgb = _rgb(w.t.color("muted"))


def _picture(w, par, shot: b.SlideShot, width_pt: float) -> None:
    """Add the slide's picture to ``par``: ``width_pt`` wide, framed, alt text its title."""
    from docx.shared import Emu
    shape = par.add_run().add_picture(io.BytesIO(shot.png), width=Emu(round(width_pt * EMU_PER_PT)))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", shot.title)
    doc_pr.set("title", w.h.labels("slide", n=shot.number))
    # a thin rule round the picture (DrawingML: the picture's own outline)
    sppr = shape._inline.graphic.graphicData.pic.spPr
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    from lxml import etree
    ln = etree.SubElement(sppr, f"{{{a}}}ln", w=str(round(0.6 * EMU_PER_PT)))
    fill = etree.SubElement(ln, f"{{{a}}}solidFill")
    etree.SubElement(fill, f"{{{a}}}srgbClr", val=w.t.color("rule"))


def _lines(w, cell, width_pt: float, n: int, gap: float) -> None:
    """Add ``n`` ruled lines, ``gap`` points apart, as a table of ruled rows in ``cell``."""
    if n <= 0:
        return
    rule = (4, w.t.color("rule"))
    table = cell.add_table(rows=n, cols=1)
    _layout_table(table, [width_pt], {"bottom": rule, "insideH": rule})
    for row in table.rows:
        _row_height(row, gap)
        _tight(row.cells[0].paragraphs[0], min(gap, 12))
    # the paragraph python-docx adds after a table in a cell (Word needs one): no height
    last = cell.paragraphs[-1]
    _tight(last, 1)


def _separator(w, page_break: bool) -> None:
    """Add the 1-point paragraph that must follow a table; it starts a page when asked."""
    par = w.doc.add_paragraph()
    _tight(par, 1)
    if page_break:
        par.paragraph_format.page_break_before = True


def sheet(w, blk: b.SlideSheet) -> None:
    """Add one slide-handout page: a table of slides with ruled lines, on a page of its own."""
    sec = w.doc.sections[0]
    fw = w.text_width / EMU_PER_PT
    fh = (sec.page_height - sec.top_margin - sec.bottom_margin) / EMU_PER_PT - SLACK
    shots = blk.slides
    slots = sheet_slots(blk.per_page, fw, fh, shots[0].aspect)
    first = not getattr(w, "_sheets", 0)
    w._sheets = getattr(w, "_sheets", 0) + 1
    if not first:
        _separator(w, page_break=True)
    cols, _rows, beside = GRID[blk.per_page]
    rows = -(-len(shots) // cols)
    if beside:
        lines_w = slots[0].lines[2]
        widths = [slots[0].pic_w, GUTTER, lines_w]
    elif cols == 2:
        widths = [slots[0].w, GUTTER, slots[0].w]
    else:
        widths = [slots[0].w]
    table = w.doc.add_table(rows=rows, cols=len(widths))
    _layout_table(table, widths)
    for r, row in enumerate(table.rows):
        # every row as tall as its slot, and the gap to the next
        _row_height(row, slots[0].h + (GAP if r < rows - 1 else 0))
    for i, (shot, slot) in enumerate(zip(shots, slots)):
        r, c = divmod(i, cols)
        cell = table.cell(r, 2 * c)
        cap = cell.paragraphs[0]
        _caption(w, cap, shot, slot.pic_w)
        pic = cell.add_paragraph()
        _tight(pic)
        _picture(w, pic, shot, slot.pic_w)
        if beside:
            side = table.cell(r, 2)
            _tight(side.paragraphs[0], CAPTION)      # the lines start level with the picture
            _lines(w, side, slot.lines[2], slot.rules, slot.line_gap)
        else:
            pad = cell.add_paragraph()
            _tight(pad, LINES_PAD)
            _lines(w, cell, slot.w, slot.rules, slot.line_gap)
    _separator(w, page_break=False)


def notes_page(w, blk: b.NotesPage) -> None:
    """Add one notes page: heading, the slide's picture, then its speaker notes."""
    from docx.shared import Pt
    shot = blk.slide
    first = not getattr(w, "_sheets", 0)
    w._sheets = getattr(w, "_sheets", 0) + 1
    head = w.doc.add_paragraph(style="Heading 1")
    L = w.h.labels
    head.add_run(L("slide_titled", n=shot.number, title=shot.title) if shot.title
                 else L("slide", n=shot.number))
    head.paragraph_format.space_before = Pt(0)
    if not first:
        head.paragraph_format.page_break_before = True
    pic = w.doc.add_paragraph()
    pic.paragraph_format.keep_with_next = True
    _picture(w, pic, shot, w.text_width / EMU_PER_PT)
    w.doc.add_paragraph(L["speaker_notes"], style=ITEM_STYLE)      # bold, kept with the notes
    paras = [p.strip() for p in shot.notes.split("\n\n") if p.strip()]
    for text in paras:
        par = w.doc.add_paragraph()
        for k, line in enumerate(text.split("\n")):
            if k:
                par.runs[-1].add_break()
            par.add_run(line).font.size = Pt(NOTES_SIZE)
    if not paras:
        w.doc.add_paragraph(L["no_notes"], style="Caption")
