"""PDF pages of slide pictures: the ``slides`` and ``notes`` styles, drawn with reportlab.

The reading handout's renderer (:mod:`deckgen.handout.pdf`) calls these for
:class:`~deckgen.handout.blocks.SlideSheet` and
:class:`~deckgen.handout.blocks.NotesPage` blocks, so both styles get its
page, fonts, running header and footer ("Page 3 of 7") and metadata. Every
picture is framed with a thin rule under a caption with the slide's number
and title (the text a reader can search for), and has a bookmark.
"""

from __future__ import annotations

from functools import lru_cache

from deckgen.handout import blocks as b
from deckgen.handout.pdf_fonts import fit_text
from deckgen.handout.pdf_png import draw_png
from deckgen.handout.slides import CAPTION, LINE_GAP, MM, sheet_slots

CAPTION_SIZE = 8.5
NOTES_SIZE = 10.5
FRAME = 0.6        # the rule around a picture, points
RULE = 0.45        # a ruled line, points


@lru_cache(maxsize=1)
def _classes():
    from reportlab.platypus import Flowable

    class _Base(Flowable):
        def __init__(self, r) -> None:
            super().__init__()
            self.r = r

        def caption(self, shot: b.SlideShot, x: float, top: float, width: float) -> None:
            """Draw "Slide 3  Title" with its baseline just under ``top``, cut to ``width``."""
            from reportlab.pdfbase.pdfmetrics import stringWidth

            c, s = self.canv, self.r.s
            base = top - CAPTION_SIZE
            label = f"Slide {shot.number}"
            c.setFillColor(s.color["primary"])
            c.setFont(s.body_fonts.bold, CAPTION_SIZE)
            c.drawString(x, base, label)
            lw = stringWidth(label + "  ", s.body_fonts.bold, CAPTION_SIZE)
            if shot.title and width - lw > 20:
                c.setFillColor(s.color["muted"])
                self.r._string(c, x + lw, base, fit_text(shot.title, width - lw, s.body_fonts,
                                                     CAPTION_SIZE), CAPTION_SIZE)
            if hasattr(c, "note_bookmark"):
                c.note_bookmark(f"Slide {shot.number}: {shot.title}", 0, top)

        def picture(self, shot: b.SlideShot, x: float, y: float, w: float, h: float) -> None:
            """Draw the slide's picture with its lower left at (x, y), framed."""
            c = self.canv
            draw_png(c, shot.png, x, y, w, h)
            c.saveState()
            c.setStrokeColor(self.r.s.color["rule"])
            c.setLineWidth(FRAME)
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.restoreState()

        def rules(self, x: float, top: float, w: float, n: int, gap: float = LINE_GAP) -> None:
            """Draw ``n`` ruled lines below ``top``, one every ``gap`` points."""
            c = self.canv
            c.saveState()
            c.setStrokeColor(self.r.s.color["rule"])
            c.setLineWidth(RULE)
            for k in range(1, n + 1):
                y = top - k * gap
                c.line(x, y, x + w, y)
            c.restoreState()

    class Sheet(_Base):
        """One page of a slide handout: the slots of :func:`sheet_slots`, filled."""

        def __init__(self, r, sheet: b.SlideSheet) -> None:
            super().__init__(r)
            self.sheet = sheet

        def wrap(self, aw, ah):
            # the whole frame (less a hair, so rounding never pushes it to a new page)
            self.width, self.height = aw, self.r.frame_height - 0.5
            return self.width, self.height

        def draw(self):
            shots = self.sheet.slides
            slots = sheet_slots(self.sheet.per_page, self.width, self.height, shots[0].aspect)
            top = self.height
            for shot, slot in zip(shots, slots):
                self.caption(shot, slot.x, top - slot.y, slot.pic_w)
                self.picture(shot, slot.x, top - slot.pic_y - slot.pic_h, slot.pic_w,
                             slot.pic_h)
                lx, ly, lw, _lh = slot.lines
                self.rules(lx, top - ly, lw, slot.rules, slot.line_gap)

    class SlideFigure(_Base):
        """A notes page's slide: caption and picture across the frame."""

        def __init__(self, r, shot: b.SlideShot) -> None:
            super().__init__(r)
            self.shot = shot

        def wrap(self, aw, ah):
            self.width = aw
            self.pic_h = aw / self.shot.aspect
            self.height = CAPTION + self.pic_h
            return self.width, self.height

        def draw(self):
            self.caption(self.shot, 0, self.height, self.width)
            self.picture(self.shot, 0, 0, self.width, self.pic_h)

    class RuledFill(_Base):
        """Ruled lines for the reader's own notes, down to the foot of the page."""

        def wrap(self, aw, ah):
            self.width, self.height = aw, max(ah - 0.5, 0)
            return self.width, self.height

        def draw(self):
            self.rules(0, self.height, self.width, int(self.height // LINE_GAP))

    return Sheet, SlideFigure, RuledFill


def sheet_flowables(r, blk: b.SlideSheet) -> list:
    """Return the flowables of one slide-handout page (a new page unless the first)."""
    from reportlab.platypus.flowables import PageBreakIfNotEmpty
    Sheet, _, _ = _classes()
    return [PageBreakIfNotEmpty(), Sheet(r, blk)]


def notes_flowables(r, blk: b.NotesPage) -> list:
    """Return a notes page: the slide, "Speaker notes", the notes as written, ruled lines.

    Notes too long for the page continue on the next; the next slide always
    starts a page of its own.
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus.flowables import PageBreakIfNotEmpty
    _, SlideFigure, RuledFill = _classes()
    s = r.s
    body = ParagraphStyle("notes", parent=s.body, fontSize=NOTES_SIZE,
                          leading=NOTES_SIZE * 1.35, spaceAfter=5)
    out = [PageBreakIfNotEmpty(), SlideFigure(r, blk.slide), Spacer(1, 5 * MM),
           Paragraph(s.plain_markup("Speaker notes", bold=True), s.h2)]
    paras = [p.strip() for p in blk.slide.notes.split("\n\n") if p.strip()]
    for text in paras:
        lines = [s.plain_markup(line) for line in text.split("\n")]
        out.append(Paragraph("<br/>".join(lines), body))
    if not paras:
        out.append(Paragraph(s.plain_markup("This slide has no speaker notes."),
                             s.small_muted))
    out += [Spacer(1, 2 * MM), RuledFill(r)]
    return out
