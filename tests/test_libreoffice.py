"""A second reader: LibreOffice opens every deck, and its text stays in its boxes.

The stress file (tests/fixtures/stress.yaml: long titles, 22 context points,
14 long concerns, Korean text, a 25-category chart, huge and tiny numbers)
is included. deckgen writes no autofit flags (tests/test_design.py checks),
so LibreOffice draws the text exactly as written.

Each deck built from content/ and the spec-only fixtures is converted to PDF
by LibreOffice headless; the PDF is read back with pdfplumber. Every drawn
character must sit inside one of the slide's shapes: text that runs out of
its box (the bug a generated deck is most prone to) lands outside them all.
"""

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.build.pipeline import build

from .conftest import CONTENT, ROOT, SPEC_ONLY, requires_soffice, to_pdf

STRESS = ROOT / "tests" / "fixtures" / "stress.yaml"
DECKS = CONTENT + SPEC_ONLY + [STRESS]

EMU_PER_PT = 12700
TOLERANCE = 3.0   # points: glyph side bearings and anti-aliasing


def _boxes(shapes, out):
    for sh in shapes:
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            _boxes(sh.shapes, out)
            continue
        if sh.width is None:
            continue
        out.append((sh.left / EMU_PER_PT, sh.top / EMU_PER_PT,
                    (sh.left + sh.width) / EMU_PER_PT, (sh.top + sh.height) / EMU_PER_PT))
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("lo")
    decks = {}
    for path in DECKS:
        result = build(path, out)
        pptx = result.files[0]
        decks[path.stem] = (result, pptx, to_pdf(pptx, pptx.parent))
    return decks


@requires_soffice
@pytest.mark.parametrize("name", [p.stem for p in DECKS])
def test_libreoffice_renders_every_slide_with_its_title(rendered, name):
    result, pptx, pdf = rendered[name]
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(result.deck.slides)
        for page, slide in zip(doc.pages, result.deck.slides):
            text = " ".join((page.extract_text() or "").split())
            assert " ".join(slide.full_title.split()) in text, slide.full_title


@requires_soffice
@pytest.mark.parametrize("name", [p.stem for p in DECKS])
def test_no_character_outside_its_shapes(rendered, name):
    result, pptx, pdf = rendered[name]
    prs = Presentation(str(pptx))
    problems = []
    with pdfplumber.open(pdf) as doc:
        for n, (page, slide) in enumerate(zip(doc.pages, prs.slides), start=1):
            boxes = _boxes(slide.shapes, [])
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                cx = (ch["x0"] + ch["x1"]) / 2
                cy = (ch["top"] + ch["bottom"]) / 2
                inside = any(x0 - TOLERANCE <= cx <= x1 + TOLERANCE and
                             y0 - TOLERANCE <= cy <= y1 + TOLERANCE for x0, y0, x1, y1 in boxes)
                if not inside:
                    problems.append(f"slide {n}: {ch['text']!r} at ({cx:.0f}, {cy:.0f}) pt")
    assert not problems, f"{len(problems)} characters outside every shape: {problems[:10]}"
