"""Arabic and Hebrew paragraphs are marked right-to-left in the pptx and the Word handout."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import pipeline
from deckgen.text.direction import is_rtl

FIXTURE = Path(__file__).parent / "fixtures" / "rtl.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("text, rtl", [
    ("مرحبا", True), ("שלום", True), ("Hello", False), ("2024: مرحبا", True),
    ("«Hello» مرحبا", False), ("", False), ("123", False)])
def test_a_paragraph_runs_the_way_of_its_first_strong_letter(text, rtl):
    assert is_rtl(text) is rtl


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return pipeline.build(FIXTURE, tmp_path_factory.mktemp("rtl"),
                          formats=["pptx", "handout-docx"])


def test_pptx_paragraphs_in_arabic_or_hebrew_are_rtl(built):
    from pptx import Presentation
    prs = Presentation(str(built.files[0]))
    seen = {True: 0, False: 0}
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                if not p.text.strip() or not any(ch.isalpha() for ch in p.text):
                    continue
                ppr = p._p.find(A + "pPr")
                marked = ppr is not None and ppr.get("rtl") == "1"
                assert marked == is_rtl(p.text), p.text
                if marked:
                    assert ppr.get("algn") == "r", p.text
                seen[marked] += 1
    assert seen[True] >= 3 and seen[False] >= 1


def test_word_paragraphs_in_arabic_or_hebrew_are_bidi(built):
    import docx
    doc = docx.Document(str(next(f for f in built.files if f.suffix == ".docx")))
    marked = [p.text for p in doc.paragraphs if p._p.find(f"{W}pPr/{W}bidi") is not None]
    assert any("العربية" in t for t in marked) and any("בעברית" in t for t in marked)
    assert not any(t and not is_rtl(t) for t in marked)
    for p in doc.paragraphs:
        if p._p.find(f"{W}pPr/{W}bidi") is not None:
            # the Arabic or Hebrew runs are marked; a Latin badge beside them is not
            assert all(r._r.find(f"{W}rPr/{W}rtl") is not None for r in p.runs if is_rtl(r.text))


def test_rtl_packages_are_schema_valid(built):
    audit = pytest.importorskip("openxml_audit")
    for f in built.files:
        assert not [str(e) for e in audit.OpenXmlValidator().validate(str(f)).errors], f.name
