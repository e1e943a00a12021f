"""Small repairs to what python-pptx writes, so the package is valid by the schema.

python-pptx's bar, column and line chart templates give the axes fixed
negative ids (``<c:axId val="-2068027336"/>``), but ``c:axId`` and
``c:crossAx`` are ``xsd:unsignedInt``: strict validators and some readers
refuse them. Each id is replaced by its unsigned 32-bit form, the same
number for the same id, so every axis still crosses its partner.
"""

from __future__ import annotations

from pptx.oxml.ns import qn


def unsigned_axis_ids(chart) -> int:
    """Make every axis id of a python-pptx chart unsigned; return how many were changed."""
    space = chart._chartSpace
    changed = 0
    for el in space.iter(qn("c:axId"), qn("c:crossAx")):
        val = el.get("val", "")
        try:
            number = int(val)
        except ValueError:
            continue
        if number < 0:
            el.set("val", str(number & 0xFFFFFFFF))
            changed += 1
    return changed
