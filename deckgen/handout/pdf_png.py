"""Draw a PNG on a reportlab canvas without decoding and compressing it again.

reportlab embeds a PNG by decoding it, compressing the raw pixels with zlib
and wrapping them in ASCII85: about 0.08 s for each 2,000-pixel slide
picture, in every PDF it goes into. A PDF can hold the PNG's own compressed
data as it is (``FlateDecode`` with the PNG predictors, PDF 1.2), which
is what this module does: the handouts' slide pictures cost nothing more to
place than to read.

Only 8-bit RGB PNGs that are not interlaced qualify (what
:mod:`deckgen.handout.slides` writes); anything else goes through
reportlab's own ``drawImage``.
"""

from __future__ import annotations

import hashlib
import struct

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_stream(data: bytes) -> tuple[int, int, bytes] | None:
    """Return (width, height, zlib data) of an 8-bit RGB, non-interlaced PNG, else None."""
    if data[:8] != _SIGNATURE:
        return None
    pos, size, idat = 8, None, []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, color, _comp, _filter, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, color, interlace) != (8, 2, 0):
                return None
            size = (w, h)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if size is None or not idat:
        return None
    return size[0], size[1], b"".join(idat)


def _xobject_class():
    from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFImageXObject, PDFName,
                                          PDFStream)

    class PngXObject(PDFImageXObject):
        """An image XObject whose stream is a PNG's zlib data, decoded with its predictors."""

        def __init__(self, name: str, width: int, height: int, stream: bytes) -> None:
            self.name = name
            self.width, self.height = width, height
            self.bitsPerComponent = 8
            self.colorSpace = "DeviceRGB"
            self.streamContent = stream
            self._filters = ("FlateDecode",)
            self.mask = None

        def format(self, document):
            s = PDFStream(content=self.streamContent)
            d = s.dictionary
            d["Type"] = PDFName("XObject")
            d["Subtype"] = PDFName("Image")
            d["Width"] = self.width
            d["Height"] = self.height
            d["BitsPerComponent"] = 8
            d["ColorSpace"] = PDFName("DeviceRGB")
            # "Filter" set here keeps PDFStream from compressing the data again; one
            # filter as an array wants its parameters as an array too (poppler insists)
            d["Filter"] = PDFArray([PDFName("FlateDecode")])
            d["DecodeParms"] = PDFArray([PDFDictionary({
                "Predictor": 15, "Colors": 3, "BitsPerComponent": 8, "Columns": self.width})])
            return s.format(document)

    return PngXObject


def draw_png(canv, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """Draw PNG ``data`` with its lower left corner at (x, y), scaled to width × height.

    Each picture is stored once per PDF, however often it is drawn.
    """
    parsed = png_stream(data)
    if parsed is None:
        import io

        from reportlab.lib.utils import ImageReader
        canv.drawImage(ImageReader(io.BytesIO(data)), x, y, width, height)
        return
    w, h, stream = parsed
    # reportlab keeps no public way to add an image XObject of one's own; these are
    # the steps its drawImage takes (register once per document, then "Do" it)
    name = "deckgen-png-" + hashlib.sha256(data).hexdigest()[:32]
    doc = canv._doc
    reg = doc.getXObjectName(name)
    if doc.idToObject.get(reg) is None:
        obj = _xobject_class()(name, w, h, stream)
        doc.Reference(obj, reg)
        doc.addForm(name, obj)
    canv._currentPageHasImages = 1
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width, height)
    canv._code.append(f"/{reg} Do")
    canv.restoreState()
    canv._formsinuse.append(name)
