"""deckgen check: accessibility and repair faults, read from the .pptx itself."""

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from deckgen.build.pipeline import build
from deckgen.render.check import check_pptx, contrast

from .conftest import BRIEFING


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    return build(BRIEFING, tmp_path_factory.mktemp("chk"), formats=["pptx"]).files[0]


def _rewrite(src: Path, dst: Path, edit) -> Path:
    """Copy a pptx, passing every part through ``edit(name, bytes) -> bytes | None``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            body = edit(name, zin.read(name))
            if body is not None:
                zout.writestr(name, body)
    return dst


def lines(findings):
    return [f.render("x.pptx") for f in findings if f.level != "note"]


def test_contrast_ratio():
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_a_built_deck_has_no_errors_and_notes_its_splits(deck):
    found = check_pptx(deck)
    assert [f for f in found if f.level == "error"] == []
    notes = [f.what for f in found if f.level == "note"]
    assert "'Context' continues over 2 slides: its content is longer than one slide holds" in notes


def test_duplicate_shape_ids(deck, tmp_path):
    def edit(name, body):
        if name == "ppt/slides/slide2.xml":
            ids = re.findall(rb'<p:cNvPr id="(\d+)"', body)
            body = body.replace(b'<p:cNvPr id="%s"' % ids[1], b'<p:cNvPr id="%s"' % ids[0], 1)
        return body
    bad = _rewrite(deck, tmp_path / "dup.pptx", edit)
    assert lines(check_pptx(bad)) == [
        "x.pptx: slide 2: error: shape ids 1 are used twice; PowerPoint would ask to repair the file"]


def test_dangling_relationship_and_missing_content_type(deck, tmp_path):
    def edit(name, body):
        if name == "ppt/slides/_rels/slide3.xml.rels":
            body = body.replace(b'</Relationships>',
                                b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/image" Target="../media/gone.png"/>'
                                b'</Relationships>')
        return body
    bad = _rewrite(deck, tmp_path / "rel.pptx", edit)
    with zipfile.ZipFile(bad, "a") as z:
        z.writestr("ppt/extra/notes.weird", b"x")
    assert lines(check_pptx(bad)) == [
        "x.pptx: error: the part 'ppt/extra/notes.weird' has no content type; PowerPoint would "
        "ask to repair the file",
        "x.pptx: error: the relationship rId99 in 'ppt/slides/_rels/slide3.xml.rels' points at "
        "'../media/gone.png', which is not in the file",
    ]


def test_accessibility_findings(tmp_path):
    prs = Presentation()
    blank = next(l for l in prs.slide_layouts if l.name == "Blank")
    only = next(l for l in prs.slide_layouts if l.name == "Title Only")
    s1 = prs.slides.add_slide(blank)                      # no title
    img = tmp_path / "p.png"
    from PIL import Image
    Image.new("RGB", (10, 10), "red").save(img)
    pic = s1.shapes.add_picture(str(img), Inches(1), Inches(1))
    pic._element.xpath("./*[1]/p:cNvPr")[0].set("descr", "photo.png")
    s2 = prs.slides.add_slide(only)
    s2.shapes.title.text = "Same"
    tb = s2.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    r = tb.text_frame.paragraphs[0].add_run()
    r.text = "pale"
    r.font.size = Pt(14)
    from pptx.dml.color import RGBColor
    r.font.color.rgb = RGBColor(0xBB, 0xBB, 0xBB)
    s3 = prs.slides.add_slide(only)
    s3.shapes.title.text = "Same"
    gf = s3.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
    gf.table.first_row = False
    # move the title after the table: reading order no longer starts with it
    tree = s3.shapes._spTree
    title_el = s3.shapes.title._element
    tree.remove(title_el)
    tree.append(title_el)
    path = tmp_path / "a11y.pptx"
    prs.save(str(path))
    got = lines(check_pptx(path))
    assert got == [
        "x.pptx: slide 1: error: the slide has no title; screen readers and the outline use it "
        "to find the slide",
        "x.pptx: slide 1: error: the picture 'Picture 1' has a file name as alt text "
        "('photo.png'); say what it shows",
        "x.pptx: slide 2: warning: text #BBBBBB on #FFFFFF in 'TextBox 2' has contrast 1.92:1; "
        "needs 4.5:1 (normal text)",
        "x.pptx: slide 3: warning: the title 'Same' is also the title of slide 2; make titles unique",
        "x.pptx: slide 3: warning: the reading order starts with 'Table 2', not the title",
        "x.pptx: slide 3: warning: the table 'Table 2' has no header row",
    ]


def test_check_command_exit_codes(run, tmp_path, deck):
    code, out, err = run("check", "--pptx", deck)
    assert code == 0
    assert out.splitlines()[-1] == f"{deck}: 0 error(s), {err.count('warning:')} warning(s)"
