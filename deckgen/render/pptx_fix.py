"""Small repairs to what python-pptx and python-docx write, so packages are valid by the schema.

python-pptx's bar, column and line chart templates give the axes fixed
negative ids (``<c:axId val="-2068027336"/>``), but ``c:axId`` and
``c:crossAx`` are ``xsd:unsignedInt``: strict validators and some readers
refuse them. Each id keeps its low 31 bits: the same number for the same
id, so every axis still crosses its partner, and below 2**31, because
LibreOffice reads axis ids as signed 32-bit numbers: an id past that loses
its partner there, and a bar chart's categories come out in reverse order.
"""

from __future__ import annotations

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def unsigned_axis_ids(chart) -> int:
    """Make every axis id of a python-pptx chart unsigned; return how many were changed."""
    space = chart._chartSpace
    changed = 0
    for el in space.iter(_C + "axId", _C + "crossAx"):
        val = el.get("val", "")
        try:
            number = int(val)
        except ValueError:
            continue
        if number < 0:
            el.set("val", str(number & 0x7FFFFFFF))
            changed += 1
    return changed


def zoom_with_percent(document) -> None:
    """Give a python-docx document's ``<w:zoom>`` the ``w:percent`` the schema requires.

    python-docx's default settings part has ``<w:zoom w:val="bestFit"/>``;
    Word reads it, but ``w:percent`` is a required attribute. 100 is what
    Word writes beside ``bestFit``.
    """
    settings = document.settings.element
    for zoom in settings.iter(_W + "zoom"):
        if zoom.get(_W + "percent") is None:
            zoom.set(_W + "percent", "100")
