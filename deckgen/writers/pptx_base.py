"""Low-level python-pptx helpers: styled text, shapes, alt text, fields.

Only the pptx writer modules import this; nothing here knows slide kinds.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Iterable, Sequence

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..layout import Box
from ..markup import Run, parse
from ..placed import Para, Style
from ..textfit import BULLET_INDENT
from ..theme import Theme

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def rgb(hex6: str) -> RGBColor:
    """Return an RGBColor from ``RRGGBB``."""
    return RGBColor.from_string(hex6)


def mix(a: str, b: str, t: float) -> str:
    """Return colour ``a`` moved a share ``t`` towards ``b`` (both ``RRGGBB``)."""
    ca = [int(a[i:i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


def set_alt(shape, text: str, title: str = "") -> None:
    """Set a shape's alt text (``descr``) so screen readers can say what it shows."""
    cnv = shape._element.xpath("./*[1]/p:cNvPr")[0]
    cnv.set("descr", text)
    if title:
        cnv.set("title", title)


def set_decorative(shape) -> None:
    """Mark a shape as decorative, so accessibility checkers skip it."""
    cnv = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext_lst = cnv.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(cnv, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", _DECORATIVE_URI)
    dec = etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC})
    dec.set("val", "1")


SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "oval": MSO_SHAPE.OVAL,
          "rounded": MSO_SHAPE.ROUNDED_RECTANGLE}


def rect(shapes, box: Box, fill: str, line: str | None = None, shape: str = "rect",
         decorative: bool = True, name: str = ""):
    """Add a filled rectangle (or oval, rounded rectangle) and return it."""
    sp = shapes.add_shape(SHAPES[shape], Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    sp.fill.solid()
    sp.fill.fore_color.rgb = rgb(fill)
    if line:
        sp.line.color.rgb = rgb(line)
        sp.line.width = Pt(1)
    else:
        sp.line.fill.background()
    sp.shadow.inherit = False
    if name:
        sp.name = name
    if decorative:
        set_decorative(sp)
    tf = sp.text_frame
    tf.text = ""
    return sp


def _apply_run(r, run: Run, style: Style, lang: str, east_asian: str) -> None:
    r.text = run.text
    f = r.font
    f.size = Pt(style.size)
    f.bold = style.bold or run.bold
    f.italic = style.italic or run.italic
    f.name = style.font
    f.color.rgb = rgb(style.color)
    rpr = r._r.get_or_add_rPr()
    rpr.set("lang", lang)
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rpr, qn("a:ea"))
        # a:ea must follow a:latin in the schema order
        latin = rpr.find(qn("a:latin"))
        if latin is not None:
            latin.addnext(ea)
    ea.set("typeface", east_asian)
    if run.url:
        r.hyperlink.address = run.url
        f.underline = True


def _bullet(p, para: Para, style: Style, indent: int) -> None:
    ppr = p._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont", "a:buClr", "a:buSzPct"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    if not para.bullet:
        ppr.set("marL", str(indent * para.level))
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))
        return
    mar = indent * (para.level + 1)
    ppr.set("marL", str(mar))
    ppr.set("indent", str(-indent))
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", style.color if para.level else style.color)
    if para.bullet == "num":
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        au = etree.SubElement(ppr, qn("a:buAutoNum"))
        au.set("type", "arabicPeriod")
        if para.number != 1:
            au.set("startAt", str(para.number))
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", para.bullet)


def fill_text(tf, paras: Sequence[Para], theme: Theme, lang: str, anchor: str = "top",
              inset: int = 0, indent: int = 0, line_spacing: float = 1.0,
              inset_y: int | None = None) -> None:
    """Write paragraphs into a text frame with explicit sizes and no autofit."""
    tf.clear()
    tf.word_wrap = True
    body = tf._txBody.bodyPr
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, qn("a:noAutofit"))
    tf.vertical_anchor = ANCHOR[anchor]
    for side in ("left", "right"):
        setattr(tf, f"margin_{side}", Emu(inset))
    for side in ("top", "bottom"):
        setattr(tf, f"margin_{side}", Emu(inset if inset_y is None else inset_y))
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = ALIGN[para.align]
        p.line_spacing = line_spacing
        if para.space_before:
            p.space_before = Pt(para.space_before)
        if para.bullet or indent or para.level:
            _bullet(p, para, para.style, indent or int(para.style.size * 12700 * BULLET_INDENT))
        runs = para.runs if para.runs is not None else parse(para.text)
        east_asian = theme.fonts.get("east_asian", para.style.font) if theme else para.style.font
        for run in runs:
            _apply_run(p.add_run(), run, para.style, lang, east_asian)
        # the end-of-paragraph mark sets the empty line's height in editors
        end = p._p.get_or_add_endParaRPr()
        end.set("lang", lang)
        end.set("sz", str(int(para.style.size * 100)))


def textbox(shapes, box: Box, paras: Sequence[Para], theme: Theme, lang: str,
            anchor: str = "top", inset: int = 0, indent: int = 0, name: str = "",
            line_spacing: float = 1.0):
    """Add a text box with the paragraphs and return it."""
    tb = shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    if name:
        tb.name = name
    fill_text(tb.text_frame, paras, theme, lang, anchor, inset, indent, line_spacing)
    return tb


def add_slide_number(shapes, box: Box, style: Style, number: int, lang: str, seed: str) -> None:
    """Add a text box holding a real slide-number field, right-aligned."""
    tb = shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    tb.name = "Slide Number"
    tf = tb.text_frame
    fill_text(tf, [Para("", style, align="right")], None, lang, anchor="middle")  # type: ignore[arg-type]
    p = tf.paragraphs[0]._p
    fld = etree.SubElement(p, qn("a:fld"))
    guid = uuid.UUID(hashlib.md5(f"{seed}:{number}".encode()).hexdigest())
    fld.set("id", "{" + str(guid).upper() + "}")
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"))
    rpr.set("lang", lang)
    rpr.set("sz", str(int(style.size * 100)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", style.color)
    etree.SubElement(rpr, qn("a:latin")).set("typeface", style.font)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        p.remove(end)
        p.append(end)
