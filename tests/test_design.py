"""The design stage and the fitting engine: every text box fits, nothing too small."""

import pytest
from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.deck.design import design
from deckgen.layout.geometry import EMU_PER_PT
from deckgen.content.loader import load
from deckgen.layout.placed import Para, Style, TableFrame, TextBox
from deckgen.deck.storyline import plan
from deckgen.layout.fitting import fit
from deckgen.theme.theme import load_theme
from deckgen.layout.geometry import Box

from .conftest import CONTENT, ROOT, SPEC_ONLY

STRESS = ROOT / "tests" / "fixtures" / "stress.yaml"
THEME = load_theme("default")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def placed_of(path):
    return design(plan(load(path), THEME), THEME)


def text_boxes(slide):
    for it in slide.walk():
        if isinstance(it, TextBox):
            yield it
        elif isinstance(it, TableFrame):
            for row in it.cells:
                yield from row


def _extent(tb):
    """Return (x0, y0, x1, y1) in points of the text actually set in a box."""
    ix, iy = (v / EMU_PER_PT for v in tb.insets)
    total = sum(sum(line.height for line in lines) + (p.space_before if i else 0)
                for i, (p, lines) in enumerate(zip(tb.paras, tb.layout)))
    x0, y0 = tb.box.x / EMU_PER_PT, tb.box.y / EMU_PER_PT
    h = tb.box.h / EMU_PER_PT
    if tb.anchor == "middle":
        top = y0 + iy + (h - 2 * iy - total) / 2
    elif tb.anchor == "bottom":
        top = y0 + h - iy - total
    else:
        top = y0 + iy
    widest = max((line.width for lines in tb.layout for line in lines), default=0)
    return (x0 + ix, top, x0 + ix + widest, top + total)


@pytest.mark.parametrize("path", CONTENT + SPEC_ONLY + [STRESS], ids=lambda p: p.stem)
def test_no_text_box_overflows(path):
    placed = placed_of(path)
    over = [(s.number, tb.name, round(tb.overflow)) for s in placed.slides
            for tb in text_boxes(s) if tb.overflow]
    assert over == []


@pytest.mark.parametrize("path", CONTENT + SPEC_ONLY + [STRESS], ids=lambda p: p.stem)
def test_set_text_does_not_overlap_other_text(path):
    placed = placed_of(path)
    for s in placed.slides:
        boxes = [(tb.name, _extent(tb)) for tb in text_boxes(s)
                 if any(p.text or p.runs for p in tb.paras)]
        for i, (na, a) in enumerate(boxes):
            for nb, b in boxes[i + 1:]:
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                assert ox <= 1 or oy <= 1, f"slide {s.number}: '{na}' overlaps '{nb}'"


@pytest.mark.parametrize("path", CONTENT + [STRESS], ids=lambda p: p.stem)
def test_no_text_smaller_than_the_theme_minimum(path, tmp_path):
    result = build(path, tmp_path)
    prs = Presentation(str(result.files[0]))
    floor = Pt(THEME.sizes["minimum"])
    sizes = set()
    for slide in prs.slides:
        for el in slide.shapes._spTree.iter(f"{A}rPr"):
            sz = el.get("sz")
            assert sz is not None, "a run without an explicit size"
            sizes.add(int(sz))
            assert int(sz) * 127 >= floor, f"{int(sz) / 100} pt"
    assert min(sizes) / 100 == THEME.sizes["minimum"]


def test_no_autofit_flags_are_written(tmp_path):
    result = build(STRESS, tmp_path)
    prs = Presentation(str(result.files[0]))
    for slide in prs.slides:
        xml = slide.shapes._spTree.xml
        assert "normAutofit" not in xml and "spAutoFit" not in xml


def test_east_asian_font_is_set_on_runs(tmp_path):
    result = build(STRESS, tmp_path)
    prs = Presentation(str(result.files[0]))
    eas = {ea.get("typeface") for s in prs.slides for ea in s.shapes._spTree.iter(f"{A}ea")}
    assert eas == {THEME.fonts["east_asian"]}


def test_fit_shrinks_to_the_minimum_then_reports_overflow():
    style = Style(24, "000000", "Calibri")
    words = "word " * 60
    tb = fit(TextBox(Box(0, 0, 300 * EMU_PER_PT, 200 * EMU_PER_PT), [Para(words, style)],
                     min_size=18))
    assert tb.shrunk_from == 24 and tb.paras[0].style.size < 24 and not tb.overflow
    tb = fit(TextBox(Box(0, 0, 100 * EMU_PER_PT, 40 * EMU_PER_PT), [Para(words, style)],
                     min_size=18))
    assert tb.paras[0].style.size == 18 and tb.overflow > 0


def test_long_blocks_continue_and_the_report_says_so(run, tmp_path):
    code, out, err = run("build", STRESS, "--report", "--out", tmp_path)
    assert code == 0, err
    lines = out.splitlines()
    parts = [l for l in lines if "'Context (1/" in l and ": context: split, part 1 of " in l]
    assert len(parts) == 1
    n = int(parts[0].rsplit(" ", 1)[1])
    assert n > 1 and f"'Context (1/{n})'" in parts[0]
    # the composer says how it set the block, in one line
    assert any(l.strip().startswith("slide") and "Context: bullets" in l
               and f"{n} slides" in l for l in lines)
    assert lines[-1].endswith("0 box(es) overflowing.")
