"""Low-level python-pptx helpers: styled text, shapes, alt text, fields.

Only the pptx writer modules import this; nothing here knows slide kinds.
"""

from __future__ import annotations

from deckgen.theme.colour import mix  # noqa: F401  (used by the shape writers)

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape as _Shape
from pptx.util import Emu, Pt

from deckgen.content.markup import Run, parse
from deckgen.content.urls import safe_url
from deckgen.layout.fitting import BULLET_INDENT
from deckgen.layout.geometry import Box
from deckgen.layout.placed import Para, Style
from deckgen.text.direction import is_rtl
from deckgen.theme.theme import Theme

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def rgb(hex6: str) -> RGBColor:
    """Return an RGBColor from ``RRGGBB``."""
    return RGBColor.from_string(hex6)




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

# -- shapes and text written as XML ----------------------------------------------------------
#
# The helpers below write the same XML python-pptx's shape and text API writes
# (add_shape / add_textbox, fill, line, TextFrame, runs), but straight into the
# tree with lxml: python-pptx's proxies look every child up by XPath and name
# each tag through ``qn`` on every access, which made drawing a deck several
# times slower than designing it. tests/test_pptx_fast.py checks the XML
# against python-pptx's own.

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_SE = etree.SubElement
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
# name and preset geometry python-pptx gives each autoshape type
_PRESETS = {"rect": ("Rectangle", "rect"), "oval": ("Oval", "ellipse"),
            "rounded": ("Rounded Rectangle", "roundRect")}
# python-pptx writes control characters other than tab and line feed as _xHHHH_
_CTRL = re.compile(r"([\x00-\x08\x0B-\x1F])")
_FILLS = tuple(_A + t for t in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill",
                                "grpFill"))
_BU_TAGS = tuple(_A + t for t in ("buNone", "buChar", "buAutoNum", "buFont", "buClr",
                                  "buSzPct"))


def _centipoints(points: float) -> str:
    """Return ``points`` as python-pptx writes a ``Pt`` in hundredths of a point."""
    return str(int(points * 12700) // 127)


def _insert(parent, el) -> None:
    """Append ``el`` to a shape tree, before its ``p:extLst`` if it has one."""
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == _P + "extLst":
        last.addprevious(el)
    else:
        parent.append(el)


def _xfrm(sppr, box: Box) -> None:
    xfrm = _SE(sppr, _A + "xfrm")
    off = _SE(xfrm, _A + "off")
    off.set("x", str(int(box.x)))
    off.set("y", str(int(box.y)))
    ext = _SE(xfrm, _A + "ext")
    ext.set("cx", str(int(box.w)))
    ext.set("cy", str(int(box.h)))


def _solid(parent, hex6: str) -> None:
    _SE(_SE(parent, _A + "solidFill"), _A + "srgbClr").set("val", str(rgb(hex6)))


def _new_sp(shapes, name: str, basename: str):
    """Return a new ``p:sp`` in ``shapes`` with its id, and ``name`` or python-pptx's name."""
    sp_id = shapes._next_shape_id
    sp = shapes._spTree.makeelement(_P + "sp", {})
    _insert(shapes._spTree, sp)
    nv = _SE(sp, _P + "nvSpPr")
    cnv = _SE(nv, _P + "cNvPr")
    cnv.set("id", str(sp_id))
    cnv.set("name", name or f"{basename} {sp_id - 1}")
    return sp, nv


def rect(shapes, box: Box, fill: str, line: str | None = None, shape: str = "rect",
         decorative: bool = True, name: str = ""):
    """Add a filled rectangle (or oval, rounded rectangle) and return it."""
    basename, prst = _PRESETS[shape]
    sp, nv = _new_sp(shapes, name, basename)
    _SE(nv, _P + "cNvSpPr")
    _SE(nv, _P + "nvPr")
    sppr = _SE(sp, _P + "spPr")
    _xfrm(sppr, box)
    _SE(_SE(sppr, _A + "prstGeom", prst=prst), _A + "avLst")
    _solid(sppr, fill)
    ln = _SE(sppr, _A + "ln")
    if line:
        ln.set("w", "12700")
        _solid(ln, line)
    else:
        _SE(ln, _A + "noFill")
    _SE(sppr, _A + "effectLst")
    # No <p:style>: its effectRef would ask the theme for an effect, and LibreOffice
    # draws the theme's shadow even beside an empty effectLst. Fill and line are
    # written out above, so the shape needs nothing from the theme.
    body = _SE(sp, _P + "txBody")
    _SE(body, _A + "bodyPr", rtlCol="0", anchor="ctr")
    _SE(body, _A + "lstStyle")
    _SE(body, _A + "p")
    shape_ = _Shape(sp, shapes)
    if decorative:
        set_decorative(shape_)
    return shape_


def add_textbox(shapes, box: Box, name: str = ""):
    """Add an empty text box (as python-pptx's ``add_textbox``) and return it."""
    sp, nv = _new_sp(shapes, name, "TextBox")
    _SE(nv, _P + "cNvSpPr", txBox="1")
    _SE(nv, _P + "nvPr")
    sppr = _SE(sp, _P + "spPr")
    _xfrm(sppr, box)
    _SE(_SE(sppr, _A + "prstGeom", prst="rect"), _A + "avLst")
    _SE(sppr, _A + "noFill")
    body = _SE(sp, _P + "txBody")
    _SE(_SE(body, _A + "bodyPr", wrap="none"), _A + "spAutoFit")
    _SE(body, _A + "lstStyle")
    _SE(body, _A + "p")
    return _Shape(sp, shapes)


def _apply_run(p, end, run: Run, style: Style, lang: str, east_asian: str, owner) -> None:
    r = p.makeelement(_A + "r", {})
    if end is not None:
        end.addprevious(r)
    else:
        p.append(r)
    rpr = _SE(r, _A + "rPr")
    rpr.set("sz", _centipoints(style.size))
    for attr, value in (("b", style.bold or run.bold), ("i", style.italic or run.italic)):
        if value is not None:
            rpr.set(attr, "1" if value else "0")
    rpr.set("lang", lang)
    _solid(rpr, style.color)
    _SE(rpr, _A + "latin", typeface=style.font)
    _SE(rpr, _A + "ea", typeface=east_asian)
    url = safe_url(run.url) if run.url else None
    if url:
        rid = owner.part.relate_to(url, _HYPERLINK, is_external=True)
        _SE(rpr, _A + "hlinkClick").set(_R_ID, rid)
        rpr.set("u", "sng")
    _SE(r, _A + "t").text = _CTRL.sub(lambda m: "_x%04X_" % ord(m.group(1)), run.text)


def _bullet(ppr, para: Para, style: Style, indent: int) -> None:
    for el in [c for c in ppr if c.tag in _BU_TAGS]:
        ppr.remove(el)
    if not para.bullet:
        ppr.set("marL", str(indent * para.level))
        ppr.set("indent", "0")
        _SE(ppr, _A + "buNone")
        return
    mar = indent * (para.level + 1)
    ppr.set("marL", str(mar))
    ppr.set("indent", str(-indent))
    _SE(_SE(ppr, _A + "buClr"), _A + "srgbClr", val=style.color)
    if para.bullet == "num":
        _SE(ppr, _A + "buFont", typeface="+mj-lt")
        au = _SE(ppr, _A + "buAutoNum", type="arabicPeriod")
        if para.number != 1:
            au.set("startAt", str(para.number))
    else:
        _SE(ppr, _A + "buFont", typeface="Arial")
        _SE(ppr, _A + "buChar", char=para.bullet)


def _set_inset(body, attr: str, value: int, default: int) -> None:
    # python-pptx leaves an inset that equals PowerPoint's default unwritten
    if value == default:
        body.attrib.pop(attr, None)
    else:
        body.set(attr, str(int(value)))


def fill_text(tf, paras: Sequence[Para], theme: Theme, lang: str, anchor: str = "top",
              inset: int = 0, indent: int = 0, line_spacing: float = 1.0,
              inset_y: int | None = None, layout=None) -> None:
    """Write paragraphs into a text frame with explicit sizes and no autofit."""
    fill_body(tf._txBody, tf, paras, theme, lang, anchor, inset, indent, line_spacing, inset_y,
              layout)


def link_breaks(runs, lines) -> list[int]:
    """Return where (character offsets) the measured lines break next to or inside a link.

    Renderers break a long address differently (LibreOffice before a slash,
    and a little narrower than the font's advances; PowerPoint at the box
    edge), so where deckgen's measured lines start or cut a link the pptx
    carries a line break: every renderer then sets the lines deckgen
    measured.
    """
    full = "".join(r.text for r in runs)
    link_at = [False] * len(full)
    pos = 0
    for r in runs:
        if r.url:
            for k in range(pos, pos + len(r.text)):
                link_at[k] = True
        pos += len(r.text)
    out, pos = [], 0
    for line in lines[:-1]:
        text = "".join(pc.text for pc in line.pieces).strip()
        if not text:
            continue
        at = full.find(text, pos)
        if at < 0:
            return []          # lines that do not spell the paragraph: write no breaks
        end = at + len(text)
        nxt = end
        while nxt < len(full) and full[nxt].isspace():
            nxt += 1
        if 0 < end and nxt < len(full) and (link_at[end - 1] or link_at[nxt]):
            out.append(nxt)
        pos = end
    return out


def _split_runs(runs, cuts: list[int]):
    """Yield runs, and None where a line break goes (at the offsets ``cuts``)."""
    pos = 0
    for r in runs:
        end, last = pos + len(r.text), pos
        for c in sorted(cuts):
            if pos < c <= end:          # a cut at a run's end breaks before the next run
                yield Run(r.text[last - pos:c - pos], r.bold, r.italic, r.url)
                yield None
                last = c
        if last < end:
            yield Run(r.text[last - pos:], r.bold, r.italic, r.url)
        pos = end


def fill_body(tx, owner, paras: Sequence[Para], theme: Theme, lang: str, anchor: str = "top",
              inset: int = 0, indent: int = 0, line_spacing: float = 1.0,
              inset_y: int | None = None, layout=None) -> None:
    """Write paragraphs into a ``txBody`` element (see :func:`fill_text`).

    ``layout`` (the design's measured lines per paragraph) puts a line break
    where those lines cut a link mid-word (:func:`link_breaks`).

    ``owner`` is anything with the ``part`` the text lives in (a shape, a
    cell, a text frame): links are related from that part.
    """
    old = tx.findall(_A + "p")
    for extra in old[1:]:
        tx.remove(extra)
    first = old[0] if old else _SE(tx, _A + "p")
    for el in [c for c in first if c.tag in (_A + "r", _A + "br", _A + "fld")]:
        first.remove(el)
    body = tx.find(_A + "bodyPr")
    body.set("wrap", "square")
    for child in list(body):
        body.remove(child)
    _SE(body, _A + "noAutofit")
    body.set("anchor", _ANCHOR[anchor])
    _set_inset(body, "lIns", inset, 91440)
    _set_inset(body, "rIns", inset, 91440)
    _set_inset(body, "tIns", inset if inset_y is None else inset_y, 45720)
    _set_inset(body, "bIns", inset if inset_y is None else inset_y, 45720)
    spacing = str(int(round(line_spacing * 100000.0)))
    for i, para in enumerate(paras):
        p = first if i == 0 else _SE(tx, _A + "p")
        ppr = p.find(_A + "pPr")
        if ppr is None:
            ppr = p.makeelement(_A + "pPr", {})
            p.insert(0, ppr)
        runs = para.runs if para.runs is not None else parse(para.text)
        if is_rtl("".join(r.text for r in runs)):
            # Arabic or Hebrew: a right-to-left paragraph, set from the right edge
            ppr.set("rtl", "1")
            ppr.set("algn", _ALGN["right" if para.align == "left" else para.align])
        else:
            ppr.set("algn", _ALGN[para.align])
        for el in ppr.findall(_A + "lnSpc"):
            ppr.remove(el)
        lnspc = ppr.makeelement(_A + "lnSpc", {})
        ppr.insert(0, lnspc)
        _SE(lnspc, _A + "spcPct", val=spacing)
        if para.space_before:
            for el in ppr.findall(_A + "spcBef"):
                ppr.remove(el)
            bef = ppr.makeelement(_A + "spcBef", {})
            lnspc.addnext(bef)
            _SE(bef, _A + "spcPts", val=_centipoints(para.space_before))
        if para.bullet or indent or para.level:
            _bullet(ppr, para, para.style, indent or int(para.style.size * 12700 * BULLET_INDENT))
        east_asian = theme.fonts.get("east_asian", para.style.font) if theme else para.style.font
        end = p.find(_A + "endParaRPr")
        cuts = link_breaks(runs, layout[i]) if layout and i < len(layout) and \
            any(r.url for r in runs) else []
        for run in (_split_runs(runs, cuts) if cuts else runs):
            if run is None:
                br = p.makeelement(_A + "br", {})
                if end is not None:
                    end.addprevious(br)
                else:
                    p.append(br)
                _SE(br, _A + "rPr", sz=_centipoints(para.style.size), lang=lang)
            elif run.text:
                _apply_run(p, end, run, para.style, lang, east_asian, owner)
        # the end-of-paragraph mark sets the empty line's height in editors
        if end is None:
            end = _SE(p, _A + "endParaRPr")
        end.set("lang", lang)
        end.set("sz", _centipoints(para.style.size))


def fill_cell(tc, owner, fill: str, inset: int, inset_y: int) -> None:
    """Fill a table cell (``a:tc``) with a colour and set its margins, as python-pptx's
    ``cell.fill.solid()``, ``fore_color`` and ``margin_*`` do."""
    tcpr = tc.find(_A + "tcPr")
    if tcpr is None:
        tcpr = _SE(tc, _A + "tcPr")
    fills = [c for c in tcpr if c.tag in _FILLS]
    solid = tcpr.makeelement(_A + "solidFill", {})
    if fills:
        fills[0].addprevious(solid)
        for old in fills:
            tcpr.remove(old)
    else:
        later = [c for c in tcpr if c.tag in (_A + "headers", _A + "extLst")]
        if later:
            later[0].addprevious(solid)
        else:
            tcpr.append(solid)
    _SE(solid, _A + "srgbClr", val=str(rgb(fill)))
    for attr, value in (("marL", inset), ("marR", inset), ("marT", inset_y), ("marB", inset_y)):
        tcpr.set(attr, str(int(value)))


def textbox(shapes, box: Box, paras: Sequence[Para], theme: Theme, lang: str,
            anchor: str = "top", inset: int = 0, indent: int = 0, name: str = "",
            line_spacing: float = 1.0):
    """Add a text box with the paragraphs and return it."""
    tb = add_textbox(shapes, box, name)
    fill_text(tb.text_frame, paras, theme, lang, anchor, inset, indent, line_spacing)
    return tb


def add_slide_number(shapes, box: Box, style: Style, number: int, lang: str, seed: str) -> None:
    """Add a text box holding a real slide-number field, right-aligned."""
    tb = add_textbox(shapes, box, "Slide Number")
    tf = tb.text_frame
    fill_text(tf, [Para("", style, align="right")], None, lang, anchor="middle")  # type: ignore[arg-type]
    p = tf._txBody.find(_A + "p")
    fld = etree.SubElement(p, qn("a:fld"))
    h = hashlib.md5(f"{seed}:{number}".encode()).hexdigest().upper()
    # a GUID's text form (what str(uuid.UUID(h)) gives), without importing uuid and platform
    fld.set("id", "{" + f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" + "}")
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
