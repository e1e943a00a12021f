"""SVG pictures in a .pptx, the way PowerPoint itself stores them.

PowerPoint (2016 and later) keeps an inserted SVG as two image parts: a
PNG that every reader can draw, named by the picture's ``a:blip``, and the
SVG itself, named by an extension of that blip::

    <a:blip r:embed="rId2">                      <- the PNG copy
      <a:extLst>
        <a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">
          <asvg:svgBlip r:embed="rId3"/>          <- the SVG, image/svg+xml
        </a:ext>
      </a:extLst>
    </a:blip>

PowerPoint draws the SVG (sharp at any size); LibreOffice, older PowerPoint
and other readers draw the PNG.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.content.pictures import svg_png
from deckgen.layout.geometry import Box

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_CONTENT_TYPE = "image/svg+xml"


def _svg_part(package, blob: bytes) -> Part:
    """Return the package's SVG part holding ``blob``, adding it the first time."""
    for part in package.iter_parts():
        if part.content_type == SVG_CONTENT_TYPE and part.blob == blob:
            return part
    name = package.next_partname("/ppt/media/image%d.svg")
    return Part(name, SVG_CONTENT_TYPE, package, blob)


def add_svg_picture(shapes, path: Path, box: Box):
    """Add an SVG picture (with its PNG copy) filling ``box``; return the picture shape."""
    pic = shapes.add_picture(io.BytesIO(svg_png(path)), Emu(box.x), Emu(box.y), Emu(box.w),
                             Emu(box.h))
    slide_part = shapes.part
    svg = _svg_part(slide_part.package, Path(path).read_bytes())
    rid = slide_part.relate_to(svg, RT.IMAGE)
    blip = pic._element.find(".//" + qn("a:blip"))
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", SVG_EXT_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), rid)
    return pic
