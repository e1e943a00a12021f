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


def _shown(slides):
    """The slides LibreOffice exports: hidden ones (``hidden: true``, show="0") it leaves out."""
    return [s for s in slides if not (getattr(s, "hidden", False)
                                      or getattr(s, "_element", None) is not None
                                      and s._element.get("show") == "0")]


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
        assert len(doc.pages) == len(_shown(result.deck.slides))
        for page, slide in zip(doc.pages, _shown(result.deck.slides)):
            text = " ".join((page.extract_text() or "").split())
            assert " ".join(slide.full_title.split()) in text, slide.full_title


@requires_soffice
@pytest.mark.parametrize("name", [p.stem for p in DECKS])
def test_no_character_outside_its_shapes(rendered, name):
    result, pptx, pdf = rendered[name]
    prs = Presentation(str(pptx))
    problems = []
    with pdfplumber.open(pdf) as doc:
        for n, (page, slide) in enumerate(zip(doc.pages, _shown(prs.slides)), start=1):
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


def _body_shares(pptx, pdf):
    """Return per slide (number, share of the body area holding text, judged?) from a render.

    The body area is the theme's body box; the text is every character
    LibreOffice drew inside it. Title, question, section (no body shapes),
    quote and chart slides are not text slides and are not judged.
    """
    from deckgen.layout.geometry import frame, title_fits_one_line
    from deckgen.theme.theme import load_theme
    theme = load_theme("default")
    furniture = ("Title", "Rectangle", "Classification", "Slide Number", "Footer", "Sources",
                 "Logo")
    prs = Presentation(str(pptx))
    out = []
    with pdfplumber.open(pdf) as doc:
        for n, (page, slide) in enumerate(zip(doc.pages, _shown(prs.slides)), start=1):
            # the slide's own body: taller under a title of one line
            title = next((sh.text_frame.text for sh in slide.shapes if sh.name == "Title"), "")
            b = frame(theme, True, title_fits_one_line(title, theme)).body
            bx0, by0 = b.x / EMU_PER_PT, b.y / EMU_PER_PT
            bx1, by1 = bx0 + b.w / EMU_PER_PT, by0 + b.h / EMU_PER_PT
            body = [sh.name for sh in slide.shapes
                    if not sh.name.startswith(furniture) or sh.name == "Sources list"]
            judged = n > 1 and bool(body) and not any(
                x.startswith(("Question", "Quote", "Chart")) for x in body)
            chars = [c for c in page.chars if c["text"].strip()
                     and bx0 <= (c["x0"] + c["x1"]) / 2 <= bx1
                     and by0 <= (c["top"] + c["bottom"]) / 2 <= by1]
            if not chars:
                out.append((n, 0.0, judged))
                continue
            w = min(max(c["x1"] for c in chars), bx1) - max(min(c["x0"] for c in chars), bx0)
            h = min(max(c["bottom"] for c in chars), by1) - max(min(c["top"] for c in chars), by0)
            out.append((n, w * h / ((bx1 - bx0) * (by1 - by0)), judged))
    return out


@requires_soffice
def test_the_briefing_uses_its_slides_body_area(rendered):
    # issue 13: no text slide below 30 % of its body holding text, at most 3 below 40 %
    result, pptx, pdf = rendered["south-korea-briefing"]
    shares = [(n, s) for n, s, judged in _body_shares(pptx, pdf) if judged]
    assert len(shares) >= 15
    assert [n for n, s in shares if s < 0.30] == []
    assert len([n for n, s in shares if s < 0.40]) <= 3, shares
