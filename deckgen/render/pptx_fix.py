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


_STYLES_WITH_EFFECTS = ("http://schemas.microsoft.com/office/2007/relationships/"
                        "stylesWithEffects")


def without_styles_with_effects(document) -> bool:
    """Drop python-docx's ``stylesWithEffects.xml``; return whether there was one.

    The default template carries that Word 2010 copy of the styles; deckgen
    adds its own styles to ``styles.xml`` only, so the copy disagrees with it
    (other styles, other defaults), which Word may report as unreadable
    content. Word reads ``styles.xml``; the copy is optional.
    """
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            part.drop_rel(rid)      # nothing in the document refers to it by id
            return rid not in part.rels
    return False


_VIEW_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps"
_VIEW_PROPS_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    b'<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    b'<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>')


def with_view_props(prs) -> bool:
    """Give a presentation a ``viewProps`` part where its master had none; return whether added.

    A master saved by LibreOffice has none, and PowerPoint offers to repair
    a presentation without one.
    """
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    part = prs.part
    if any(rel.reltype == _VIEW_PROPS for rel in part.rels.values()):
        return False
    props = Part(PackURI("/ppt/viewProps.xml"),
                 "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
                 part.package, _VIEW_PROPS_XML)
    part.relate_to(props, _VIEW_PROPS)
    return True
