"""The preview painter: PNGs from the placed slides, checked against LibreOffice.

The preview is meant for thumbnails (handouts, contact sheets, visual
review), so it must show the same boxes and the same line breaks as the
deck. The comparison test states its tolerance: at least 95 % of text boxes
break into exactly the same number of lines in the preview and in
LibreOffice's rendering of the pptx, and the two pictures differ by less
than 5 % mean grey level at thumbnail size (measured: 3.4–4.2 %).
"""

import pdfplumber
import pytest
from PIL import Image, ImageChops, ImageStat

from deckgen.build.pipeline import build
from deckgen.deck.design import design
from deckgen.layout.geometry import EMU_PER_PT
from deckgen.content.loader import load
from deckgen.layout.placed import TableFrame, TextBox
from deckgen.render.preview import paint
from deckgen.deck.storyline import plan
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING, requires_soffice, to_pdf

THEME = load_theme("default")
LINE_TOLERANCE = 0.95     # share of text boxes whose line count must match exactly
PIXEL_TOLERANCE = 0.05    # mean absolute grey difference at 240x135, as a share of 255


def test_preview_command_writes_every_slide_and_a_contact_sheet(run, tmp_path):
    code, out, err = run("preview", BRIEFING, "--out", tmp_path, "--dpi", "48")
    assert code == 0, err
    folder = tmp_path / "south-korea-briefing" / "preview"
    n = len(plan(load(BRIEFING), THEME).slides)
    pngs = sorted(folder.glob("slide-*.png"))
    assert len(pngs) == n
    with Image.open(pngs[0]) as im:
        assert im.size == (640, 360)
    assert (folder / "contact-sheet.png").exists()
    assert out.strip() == f"wrote {n} slide previews and {folder / 'contact-sheet.png'}"


def _boxes(slide):
    for it in slide.walk():
        if isinstance(it, TextBox):
            yield it
        elif isinstance(it, TableFrame):
            for row in it.cells:
                yield from row


def _pdf_lines(page, tb) -> int:
    x0, y0 = tb.box.x / EMU_PER_PT, tb.box.y / EMU_PER_PT
    x1, y1 = x0 + tb.box.w / EMU_PER_PT, y0 + tb.box.h / EMU_PER_PT
    chars = [c for c in page.chars if c["text"].strip()
             and x0 - 2 <= (c["x0"] + c["x1"]) / 2 <= x1 + 2
             and y0 - 2 <= (c["top"] + c["bottom"]) / 2 <= y1 + 2]
    tops = sorted(c["top"] for c in chars)
    lines, last = 0, None
    for top in tops:
        if last is None or top - last > 4:
            lines += 1
        last = top
    return lines


@pytest.fixture(scope="module")
def briefing_rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp")
    result = build(BRIEFING, out)
    placed = design(result.deck, THEME)
    return placed, result.files[0], out


@requires_soffice
def test_preview_line_breaks_match_libreoffice(briefing_rendered):
    placed, pptx, out = briefing_rendered
    pdf = to_pdf(pptx, out)
    same, differ = 0, []
    with pdfplumber.open(pdf) as doc:
        for slide, page in zip(placed.slides, doc.pages):
            for tb in _boxes(slide):
                ours = sum(len(lines) for p, lines in zip(tb.paras, tb.layout)
                           if any(pc.text.strip() for ln in lines for pc in ln.pieces))
                if not ours or tb.name in ("Quote mark",):
                    continue
                theirs = _pdf_lines(page, tb)
                if ours == theirs:
                    same += 1
                else:
                    differ.append(f"slide {slide.number} {tb.name}: {ours} vs {theirs}")
    total = same + len(differ)
    assert total > 100
    assert same / total >= LINE_TOLERANCE, differ


@requires_soffice
def test_preview_looks_like_libreoffice(briefing_rendered, tmp_path):
    import subprocess
    placed, pptx, out = briefing_rendered
    pdf = to_pdf(pptx, out)
    paint(placed, THEME, tmp_path / "ours", dpi=24, contact_sheet=False)
    subprocess.run(["pdftoppm", "-png", "-r", "24", str(pdf), str(tmp_path / "lo")], check=True)
    diffs = []
    for n in range(1, len(placed.slides) + 1):
        ours = Image.open(tmp_path / "ours" / f"slide-{n:02d}.png").convert("L").resize((240, 135))
        lo_png = sorted(tmp_path.glob(f"lo-*{n:02d}.png")) or sorted(tmp_path.glob(f"lo-{n}.png"))
        theirs = Image.open(lo_png[0]).convert("L").resize((240, 135))
        diff = ImageStat.Stat(ImageChops.difference(ours, theirs)).mean[0] / 255
        diffs.append((round(diff, 3), n))
    worst = max(diffs)
    assert worst[0] < PIXEL_TOLERANCE, sorted(diffs)[-5:]
