"""The PowerPoint writer: placed slides -> a .pptx file (python-pptx).

This module only draws what ``deckgen.design`` placed: every text box with
the sizes the fitting engine chose (written explicitly, autofit off, since
PowerPoint does not refit a generated file until someone edits it), shapes,
native charts, pictures, tables and groups with their alt text. The title of
each slide goes into the layout's real title placeholder.

Without a master the deck starts from python-pptx's own template, resized,
with the theme's colours and fonts written into its colour and font scheme
(so PowerPoint's pickers, links and new shapes follow the theme). With an
organisation's master (``master:`` in the theme) the deck starts from that
file instead (``pptx_master``): its masters, layouts (by name), artwork,
colour scheme and fonts stay as they are, and no slide background is painted
over them.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

from deckgen.build.repro import build_time, zip_entries
from deckgen.deck import model as d
from deckgen.layout.placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape,
                                   SlideNumber, TableFrame, TextBox)
from deckgen.render.pptx_base import (add_slide_number, add_textbox, fill_body, fill_cell,
                                      fill_text, rect, rgb, set_alt, set_decorative)
from deckgen.render.pptx_charts import add_chart
from deckgen.render.pptx_fix import with_view_props
from deckgen.render.pptx_package import package_entries, speed_up
from deckgen.render.pptx_svg import add_svg_picture
from deckgen.text.scripts import scheme_fonts
from deckgen.theme.master import find_layout, open_master
from deckgen.theme.theme import Theme


class _Renderer:
    def __init__(self, deck: d.Deck, placed: PlacedDeck, theme: Theme) -> None:
        self.deck = deck
        self.placed = placed
        self.theme = theme
        self.lang = deck.language
        if theme.master is not None:
            self.prs = open_master(theme.master.path)
            with_view_props(self.prs)     # a master saved by LibreOffice has none
        else:
            self.prs = Presentation()
            self._resize_masters()
            _apply_scheme(self.prs, theme)
        self.layouts: dict = {}
        self.under: list = []     # this slide's items drawn under the title (Picture.behind)
        # constant-time part names and slide adding (python-pptx's grow with the deck)
        self.package = speed_up(self.prs)

    def _resize_masters(self) -> None:
        """Set the slide size and stretch the template's masters to match.

        Only shapes with a position of their own are stretched. A layout
        placeholder without one inherits the master's, which is stretched
        already; giving it one (python-pptx's ``left`` reads the inherited
        value, its setter writes a position with no top and no height) would
        stretch it twice and collapse it to the top edge for anyone adding a
        slide in PowerPoint. Reading the XML directly also skips python-pptx's
        search for each placeholder's base, which cost more than drawing a
        short deck.
        """
        prs = self.prs
        old_w = prs.slide_width
        prs.slide_width = Emu(self.placed.width)
        prs.slide_height = Emu(self.placed.height)
        scale = self.placed.width / old_w
        for m in [prs.slide_master] + list(prs.slide_layouts):
            for el in m.shapes._spTree.iter_shape_elms():
                xfrm = el.xfrm
                off = xfrm.off if xfrm is not None else None
                ext = xfrm.ext if xfrm is not None else None
                if off is not None and ext is not None:
                    off.x = Emu(int(off.x * scale))
                    ext.cx = Emu(int(ext.cx * scale))

    # -- items ------------------------------------------------------------
    def text(self, shapes, tb: TextBox):
        ix, iy = tb.insets
        if tb.fill:
            sp = rect(shapes, tb.box, tb.fill, line=tb.line, shape=tb.shape, decorative=False,
                      name=tb.name)
            tf = sp.text_frame
        else:
            sp = add_textbox(shapes, tb.box, tb.name)
            tf = sp.text_frame
        fill_text(tf, tb.paras, self.theme, self.lang, tb.anchor, ix, 0, tb.line_spacing, iy,
                  tb.layout)
        return sp

    def item(self, shapes, it) -> None:
        if isinstance(it, TextBox):
            self.text(shapes, it)
        elif isinstance(it, Shape):
            sp = rect(shapes, it.box, it.fill, line=it.line, shape=it.shape,
                      decorative=it.decorative, name=it.name)
            if it.behind:
                self.under.append(sp._element)
        elif isinstance(it, ChartFrame):
            # charts bring python-pptx's chart data and XlsxWriter: loaded when drawn
            gf = add_chart(shapes, it.box, it.spec, self.theme, self.lang)
            gf.name = it.name
            set_alt(gf, it.alt, title=it.title)
        elif isinstance(it, Picture):
            if it.path.suffix.lower() == ".svg":   # the SVG with a PNG copy, as PowerPoint does
                pic = add_svg_picture(shapes, it.path, it.box)
            else:
                pic = shapes.add_picture(str(it.path), Emu(it.box.x), Emu(it.box.y),
                                         Emu(it.box.w), Emu(it.box.h))
            pic.name = it.name
            if any(it.crop):
                pic.crop_left, pic.crop_top, pic.crop_right, pic.crop_bottom = it.crop
            if it.behind:
                self.under.append(pic._element)
            if it.decorative:
                set_decorative(pic)
            else:
                set_alt(pic, it.alt)
        elif isinstance(it, TableFrame):
            self.table(shapes, it)
        elif isinstance(it, Group):
            grp = shapes.add_group_shape()
            grp.name = it.name
            for child in it.items:
                self.item(grp.shapes, child)
            # text and shapes are written straight into the group (pptx_base), so its
            # extents are computed once here rather than after every shape
            grp._element.recalculate_extents()
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
        # cells are written as XML (pptx_base): python-pptx's cell proxies cost
        # more than the rest of the slide
        for tr, row in zip(table._tbl.tr_lst, tf.cells):
            for tc, tb in zip(tr.tc_lst, row):
                ix, iy = tb.insets
                fill_cell(tc, gf, tb.fill, ix, iy)
                fill_body(tc.get_or_add_txBody(), gf, tb.paras, self.theme, self.lang,
                          tb.anchor, 0, layout=tb.layout)
        set_alt(gf, tf.alt)

    # -- slides -----------------------------------------------------------
    def slide(self, ps: PlacedSlide) -> None:
        layout = self.layout(ps.layout)
        # only the title placeholder is used (idx 0); the others are not even copied
        slide = (self.package.add_slide(layout, keep=lambda el: el.ph_idx == 0)
                 if self.package is not None else self.prs.slides.add_slide(layout))
        if ps.background is not None:
            _background(slide, ps.background)
        if ps.hidden:
            slide._element.set("show", "0")   # PowerPoint's Hide Slide
        ph = slide.shapes.title
        tb = ps.title
        el = ph._element
        el.x, el.y, el.cx, el.cy = Emu(tb.box.x), Emu(tb.box.y), Emu(tb.box.w), Emu(tb.box.h)
        ix, iy = tb.insets
        fill_text(ph.text_frame, tb.paras, self.theme, self.lang, tb.anchor, ix, 0,
                  tb.line_spacing, iy)
        _as_measured(ph)
        # placeholders the design does not use (a subtitle) would show prompt text
        for other in list(slide.placeholders):
            if other.placeholder_format.idx != 0:
                other._element.getparent().remove(other._element)
        self.under = []
        for it in ps.items:
            self.item(slide.shapes, it)
        # items drawn under everything, the title placeholder too, in their order: the
        # first shapes after the tree's own properties (nvGrpSpPr, grpSpPr)
        for k, el in enumerate(self.under):
            tree = el.getparent()
            tree.remove(el)
            tree.insert(2 + k, el)
        if ps.notes:
            if self.package is not None:
                self.package.set_notes(slide, ps.notes)
            else:
                slide.notes_slide.notes_text_frame.text = ps.notes
        if self.package is not None:
            self.package.freeze(slide)   # finished: kept as XML bytes (memory)

    def layout(self, name: str):
        """Return the layout called ``name`` (the theme resolved it against this file)."""
        if name not in self.layouts:
            lay = find_layout(self.prs, name)
            if lay is None:   # the theme checked the names; only a changed file gets here
                raise ValueError(f"the master has no layout '{name}'")
            self.layouts[name] = lay
        return self.layouts[name]

    def write(self, path: Path) -> None:
        for ps in self.placed.slides:
            self.slide(ps)
        cp = self.prs.core_properties
        # core properties hold at most 255 characters each
        cp.title = self.deck.title[:255]
        cp.author = (", ".join(self.deck.authors) or "deckgen")[:255]
        cp.subject = self.deck.subject[:255]
        cp.language = self.lang[:255]
        cp.keywords = ""
        cp.comments = ""
        cp.last_modified_by = "deckgen"
        cp.revision = 1
        stamp = build_time(self.deck.date)
        cp.created = stamp
        cp.modified = stamp
        print_handouts(self.prs)
        if self.package is not None:
            # zipped once, already reproducible (write_outputs then leaves it as it is)
            Path(path).write_bytes(zip_entries(package_entries(self.prs), stamp))
        else:
            self.prs.save(str(path))


def _background(slide, color: str) -> None:
    """Fill the slide's background with ``color`` (the XML of ``background.fill.solid()``)."""
    from lxml import etree
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    csld = slide._element.cSld
    for old in csld.findall(p + "bg"):
        csld.remove(old)
    bg = csld.makeelement(p + "bg", {})
    csld.insert(0, bg)
    bgpr = etree.SubElement(bg, p + "bgPr")
    etree.SubElement(etree.SubElement(bgpr, a + "solidFill"), a + "srgbClr").set(
        "val", str(rgb(color)))
    etree.SubElement(bgpr, a + "effectLst")


def _as_measured(shape) -> None:
    """Undo what a layout's title style may add to the text we measured.

    Title placeholders inherit from their layout and master: PowerPoint's
    Section Header sets capitals, organisations' masters set letter spacing.
    Either would make the text wider than deckgen measured it.
    """
    from pptx.oxml.ns import qn
    for tag in ("a:rPr", "a:endParaRPr"):
        for rpr in shape._element.iter(qn(tag)):
            rpr.set("cap", "none")
            rpr.set("spc", "0")


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
# CT_PresentationProperties is a sequence: htmlPubPr?, webPr?, prnPr?, showPr?, clrMru?, extLst?
_AFTER_PRNPR = {f"{{{_P}}}{tag}" for tag in ("showPr", "clrMru", "extLst")}


def print_handouts(prs) -> None:
    """Set the deck to print handouts, three slides a page, framed (``p:prnPr``).

    PowerPoint's print dialog starts from these settings: File > Print gives
    the three-slide handout with lines for notes. The settings live in
    ``ppt/presProps.xml``, which an organisation's master may have written
    already: its other print settings stay, and the part is made when a
    package has none.
    """
    from lxml import etree
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    try:
        part = prs.part.part_related_by(RT.PRES_PROPS)
        root = etree.fromstring(part.blob)
    except KeyError:
        part = Part(PackURI("/ppt/presProps.xml"), CT.PML_PRES_PROPS, prs.part.package, b"")
        prs.part.relate_to(part, RT.PRES_PROPS)
        root = etree.Element(f"{{{_P}}}presentationPr", nsmap={"p": _P})
    prn = root.find(f"{{{_P}}}prnPr")
    if prn is None:
        prn = etree.Element(f"{{{_P}}}prnPr")
        later = [child for child in root if child.tag in _AFTER_PRNPR]
        if later:
            later[0].addprevious(prn)
        else:
            root.append(prn)
    prn.set("prnWhat", "handouts3")
    prn.set("frameSlides", "1")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_SCHEME_SLOTS = (("dk1", "text"), ("lt1", "background"), ("dk2", "primary"), ("lt2", "surface"),
                 ("hlink", "link"), ("folHlink", "link"))


def _apply_scheme(prs, theme: Theme) -> None:
    """Write the theme's colours and fonts into the presentation's own theme part.

    Text deckgen writes carries explicit colours; this is for what PowerPoint
    colours from the scheme: hyperlinks, new shapes and text a user adds,
    and the colour and font pickers.
    """
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{a}}}clrScheme")
    slots = list(_SCHEME_SLOTS) + [(f"accent{i + 1}", i) for i in range(6)]
    for slot, key in slots:
        el = scheme.find(f"{{{a}}}{slot}")
        if el is None:
            continue
        color = theme.accent(key) if isinstance(key, int) else theme.color(key)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{a}}}srgbClr").set("val", color)
    scheme.set("name", f"deckgen {theme.name}")
    east_asian = theme.fonts.get("east_asian", "")
    for which, role in (("majorFont", "heading"), ("minorFont", "body")):
        latin = root.find(f".//{{{a}}}fontScheme/{{{a}}}{which}/{{{a}}}latin")
        if latin is not None:
            latin.set("typeface", theme.fonts[role])
        scheme_fonts = root.find(f".//{{{a}}}fontScheme/{{{a}}}{which}")
        if scheme_fonts is not None:
            _script_fonts(scheme_fonts, east_asian)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _script_fonts(scheme, east_asian: str) -> None:
    """Name a font per script in a font scheme: Windows fonts PowerPoint has.

    Hangul (and the scheme's East Asian slot) take the theme's East Asian
    font when it covers Hangul; the other scripts keep or get the Windows
    font deckgen.text.scripts names for them (macOS PowerPoint maps them).
    """
    from lxml import etree
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    wanted = scheme_fonts(east_asian)
    if wanted.get("Hang") == east_asian:
        ea = scheme.find(f"{{{a}}}ea")
        if ea is not None:
            ea.set("typeface", east_asian)
    have = {el.get("script"): el for el in scheme.findall(f"{{{a}}}font")}
    for tag, face in wanted.items():
        el = have.get(tag)
        if el is None:
            el = etree.SubElement(scheme, f"{{{a}}}font")
            el.set("script", tag)
        el.set("typeface", face)


def write_pptx(placed: PlacedDeck, theme: Theme, path: Path) -> None:
    """Write the placed deck as a .pptx file at ``path``."""
    _Renderer(placed.deck, placed, theme).write(path)
