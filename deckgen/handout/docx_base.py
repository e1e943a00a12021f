"""What the Word handout and the slide handout's Word pages share: styles, colours, XML order."""

from __future__ import annotations

#: The paragraph style of an item's title (a card's heading).
ITEM_STYLE = "Item Title"


def _rgb(hex6: str):
    from docx.shared import RGBColor
    return RGBColor.from_string(hex6)


_ORDER = {
    "pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
            "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
            "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid "
            "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
            "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    "tcPr": ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
             "tcFitText vAlign hideMark"),
    "tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
              "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook "
              "tblCaption tblDescription"),
    "rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
            "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
            "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
            "specVanish oMath"),
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _place(parent, el) -> None:
    """Insert ``el`` into ``parent`` where the schema's order puts it."""
    seq = _ORDER[_local(parent.tag)].split()
    later = set(seq[seq.index(_local(el.tag)) + 1:])
    for child in parent:
        if _local(child.tag) in later:
            child.addprevious(el)
            return
    parent.append(el)
