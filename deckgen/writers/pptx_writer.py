"""The PowerPoint writer: placed slides -> a .pptx file (python-pptx).

This module only draws what ``deckgen.design`` placed: every text box with
the sizes the fitting engine chose (written explicitly, autofit off, since
PowerPoint does not refit a generated file until someone edits it), shapes,
native charts, pictures, tables and groups with their alt text. The title of
each slide goes into the layout's real title placeholder.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from .. import deck as d
from ..design import design
from ..repro import build_time
from ..placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape, SlideNumber,
                      TableFrame, TextBox)
from ..theme import Theme
from .pptx_base import add_slide_number, fill_text, rect, rgb, set_alt
from .pptx_charts import add_chart


class _Renderer:
    def __init__(self, deck: d.Deck, placed: PlacedDeck, theme: Theme) -> None:
        self.deck = deck
        self.placed = placed
        self.theme = theme
        self.lang = deck.language
        self.prs = Presentation()
        self._resize_masters()
        self.layouts = {lay.name: lay for lay in self.prs.slide_layouts}

    def _resize_masters(self) -> None:
        """Set the slide size and stretch the template's masters to match."""
        prs = self.prs
        old_w = prs.slide_width
        prs.slide_width = Emu(self.placed.width)
        prs.slide_height = Emu(self.placed.height)
        scale = self.placed.width / old_w
        for m in [prs.slide_master] + list(prs.slide_layouts):
            for sh in m.shapes:
                if sh.left is not None and sh.width is not None:
                    sh.left = Emu(int(sh.left * scale))
                    sh.width = Emu(int(sh.width * scale))

    # -- items ------------------------------------------------------------
    def text(self, shapes, tb: TextBox):
        ix, iy = tb.insets
        if tb.fill:
            sp = rect(shapes, tb.box, tb.fill, line=tb.line, shape=tb.shape, decorative=False,
                      name=tb.name)
            tf = sp.text_frame
        else:
            sp = shapes.add_textbox(Emu(tb.box.x), Emu(tb.box.y), Emu(tb.box.w), Emu(tb.box.h))
            if tb.name:
                sp.name = tb.name
            tf = sp.text_frame
        fill_text(tf, tb.paras, self.theme, self.lang, tb.anchor, ix, 0, tb.line_spacing, iy)
        return sp

    def item(self, shapes, it) -> None:
        if isinstance(it, TextBox):
            self.text(shapes, it)
        elif isinstance(it, Shape):
            rect(shapes, it.box, it.fill, line=it.line, shape=it.shape,
                 decorative=it.decorative, name=it.name)
        elif isinstance(it, ChartFrame):
            gf = add_chart(shapes, it.box, it.chart, it.ctype, self.theme, self.lang,
                           axis_max=it.axis_max)
            gf.name = it.name
            set_alt(gf, it.alt, title=it.title)
        elif isinstance(it, Picture):
            pic = shapes.add_picture(str(it.path), Emu(it.box.x), Emu(it.box.y), Emu(it.box.w),
                                     Emu(it.box.h))
            pic.name = it.name
            set_alt(pic, it.alt)
        elif isinstance(it, TableFrame):
            self.table(shapes, it)
        elif isinstance(it, Group):
            grp = shapes.add_group_shape()
            grp.name = it.name
            for child in it.items:
                self.item(grp.shapes, child)
            set_alt(grp, it.alt, title=it.name)
        elif isinstance(it, SlideNumber):
            add_slide_number(shapes, it.box, it.style, it.number, self.lang, self.deck.title)
        else:  # pragma: no cover - the placed model is a closed set
            raise TypeError(f"cannot draw {type(it).__name__}")

    def table(self, shapes, tf: TableFrame) -> None:
        rows, cols = len(tf.cells), len(tf.widths)
        gf = shapes.add_table(rows, cols, Emu(tf.box.x), Emu(tf.box.y), Emu(tf.box.w), Emu(tf.box.h))
        gf.name = tf.name
        table = gf.table
        table.first_row = True
        for j, w in enumerate(tf.widths):
            table.columns[j].width = Emu(w)
        for i, h in enumerate(tf.heights):
            table.rows[i].height = Emu(h)
        for i, row in enumerate(tf.cells):
            for j, tb in enumerate(row):
                cell = table.cell(i, j)
                cell.fill.solid()
                cell.fill.fore_color.rgb = rgb(tb.fill)
                ix, iy = tb.insets
                cell.margin_left = cell.margin_right = Emu(ix)
                cell.margin_top = cell.margin_bottom = Emu(iy)
                fill_text(cell.text_frame, tb.paras, self.theme, self.lang, tb.anchor, 0)
        set_alt(gf, tf.alt)

    # -- slides -----------------------------------------------------------
    def slide(self, ps: PlacedSlide) -> None:
        lay = self.layouts.get(ps.layout) or self.layouts["Title Only"]
        slide = self.prs.slides.add_slide(lay)
        bg = slide.background.fill
        bg.solid()
        bg.fore_color.rgb = rgb(ps.background)
        ph = slide.shapes.title
        tb = ps.title
        ph.left, ph.top, ph.width, ph.height = (Emu(tb.box.x), Emu(tb.box.y), Emu(tb.box.w),
                                                Emu(tb.box.h))
        ix, iy = tb.insets
        fill_text(ph.text_frame, tb.paras, self.theme, self.lang, tb.anchor, ix, 0,
                  tb.line_spacing, iy)
        # placeholders the design does not use (a subtitle) would show prompt text
        for other in list(slide.placeholders):
            if other.placeholder_format.idx != 0:
                other._element.getparent().remove(other._element)
        for it in ps.items:
            self.item(slide.shapes, it)
        if ps.notes:
            slide.notes_slide.notes_text_frame.text = ps.notes

    def write(self, path: Path) -> None:
        for ps in self.placed.slides:
            self.slide(ps)
        cp = self.prs.core_properties
        cp.title = self.deck.title
        cp.author = ", ".join(self.deck.authors) or "deckgen"
        cp.subject = self.deck.subject[:250]
        cp.language = self.lang
        cp.keywords = ""
        cp.comments = ""
        cp.last_modified_by = "deckgen"
        cp.revision = 1
        stamp = build_time(self.deck.date)
        cp.created = stamp
        cp.modified = stamp
        self.prs.save(str(path))


def write_pptx(deck: d.Deck, theme: Theme, path: Path, placed: PlacedDeck | None = None) -> None:
    """Write the deck as a .pptx file at ``path`` (designing it first unless given)."""
    _Renderer(deck, placed or design(deck, theme), theme).write(path)
