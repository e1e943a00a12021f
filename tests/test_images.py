"""SVG pictures on free slides: the SVG with its PNG copy, read back by other readers."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.build.pipeline import build
from deckgen.content.pictures import image_size, svg_png

from .conftest import requires_soffice, to_pdf

ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"

# 5:2, a navy band across the middle and an orange dot on its left
WIDE = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" width="400" height="160">
  <rect width="400" height="160" fill="#F1F4F8"/>
  <rect x="20" y="60" width="360" height="40" fill="#1F3864"/>
  <circle cx="80" cy="80" r="30" fill="#C96A1B"/>
  <text x="200" y="40" text-anchor="middle" font-family="Arial" font-size="24">Wide</text>
</svg>
"""
# 1:3, given by its viewBox alone (no width or height)
TALL = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 300">
  <rect width="100" height="300" fill="#5B8C5A"/>
</svg>
"""
DECK = """\
title: Pictures
sections:
  - title: Drawings
    slides:
      - {title: A wide drawing, image: pics/wide.svg, alt: A navy band with an orange dot}
      - {title: A tall drawing, image: pics/tall.svg, alt: A green column}
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("svg")
    (folder / "pics").mkdir()
    (folder / "pics" / "wide.svg").write_text(WIDE)
    (folder / "pics" / "tall.svg").write_text(TALL)
    (folder / "deck.yaml").write_text(DECK)
    result = build(folder / "deck.yaml", folder / "out",
                   formats=["pptx", "handout-pdf", "handout-docx"])
    return folder, result


def _pictures(prs):
    return [(slide, sh) for slide in prs.slides for sh in slide.shapes
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_python_pptx_reads_the_pictures_with_their_ratio_and_alt_text(deck):
    folder, result = deck
    pics = _pictures(Presentation(str(result.files[0])))
    assert [sh.image.content_type for _, sh in pics] == ["image/png", "image/png"]
    assert [sh.width / sh.height for _, sh in pics] == [pytest.approx(400 / 160, rel=0.005),
                                                          pytest.approx(100 / 300, rel=0.005)]
    alts = [sh._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") for _, sh in pics]
    assert alts == ["A navy band with an orange dot", "A green column"]
    # the PNG copy is the drawing: the middle of the wide one is the navy band
    from PIL import Image
    with Image.open(io.BytesIO(pics[0][1].image.blob)) as im:
        assert max(im.size) == 2000
        assert im.convert("RGB").getpixel((im.width // 2, im.height // 2)) == (0x1F, 0x38, 0x64)


def test_the_svg_part_and_its_svgblip_relationship(deck):
    folder, result = deck
    prs = Presentation(str(result.files[0]))
    sources = [folder / "pics" / "wide.svg", folder / "pics" / "tall.svg"]
    for (slide, sh), src in zip(_pictures(prs), sources):
        blip = sh._element.xpath(".//a:blip")[0]
        svg_blips = blip.findall(f".//{{{ASVG}}}svgBlip")
        assert len(svg_blips) == 1
        ext = svg_blips[0].getparent()
        assert ext.get("uri") == "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
        part = slide.part.related_part(svg_blips[0].get(R_EMBED))
        assert part.content_type == "image/svg+xml"
        assert part.blob == src.read_bytes()
        assert str(part.partname).endswith(".svg")
        png = slide.part.related_part(blip.get(R_EMBED))
        assert png.content_type == "image/png"
    with zipfile.ZipFile(result.files[0]) as z:
        types = z.read("[Content_Types].xml").decode()
    assert len(re.findall(r'PartName="/ppt/media/image\d+\.svg" ContentType="image/svg\+xml"',
                          types)) == 2


def test_check_finds_no_structural_error_and_would_find_a_dangling_svgblip(deck, run, tmp_path):
    folder, result = deck
    code, out, err = run("check", "--pptx", result.files[0])
    assert code == 0, err
    assert out.splitlines()[-1] == f"{result.files[0]}: 0 error(s), 0 warning(s)"
    # the same deck with the first svgBlip pointing at a relationship that is not there
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(result.files[0]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "ppt/slides/slide3.xml":
                data, n = re.subn(rb'(<asvg:svgBlip [^>]*r:embed=")rId\d+', rb"\1rId99", data)
                assert n == 1
            dst.writestr(item, data)
    code, out, err = run("check", "--pptx", broken)
    assert code == 2
    assert (f"{broken}: error: 'ppt/slides/slide3.xml' names the relationship rId99 "
            "(in <svgBlip>), which it does not have") in err.splitlines()


def test_preview_and_handouts_draw_the_png_copy(deck, run):
    folder, result = deck
    from PIL import Image
    code, out, err = run("preview", folder / "deck.yaml", "--out", folder / "prev")
    assert code == 0, err
    with Image.open(folder / "prev" / "deck" / "preview" / "slide-03.png") as im:
        rgb = im.convert("RGB")
        # the painted picture's middle: the navy band
        assert rgb.getpixel((im.width // 2, int(im.height * 0.55))) == (0x1F, 0x38, 0x64)
    import docx
    doc = docx.Document(str(next(p for p in result.files if p.suffix == ".docx")))
    shapes = [(s.width, s.height) for s in doc.inline_shapes]
    assert [w / h for w, h in shapes] == [pytest.approx(2.5, rel=0.01),
                                          pytest.approx(1 / 3, rel=0.01)]
    import pdfplumber
    with pdfplumber.open(next(p for p in result.files if p.suffix == ".pdf")) as pdf:
        images = [im for page in pdf.pages for im in page.images]
    assert [round(im["width"] / im["height"], 2) for im in images] == [2.5, 0.33]


def test_size_follows_resvg_whatever_gives_it(tmp_path):
    cases = {  # file text -> the ratio resvg draws it at
        'width="4in" height="3in"': 4 / 3,
        'width="400" viewBox="0 0 200 100"': 2.0,          # height follows the viewBox
        'width="210mm" height="297mm" viewBox="0 0 210 297"': 210 / 297,
        "": 10 / 30,                                          # no size at all: the drawing
    }
    for i, (attrs, ratio) in enumerate(cases.items()):
        f = tmp_path / f"c{i}.svg"
        f.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}>'
                     '<rect width="10" height="30"/></svg>')
        w, h = image_size(f)
        assert max(w, h) == 2000 and w / h == pytest.approx(ratio, rel=0.002), attrs
        from PIL import Image
        with Image.open(io.BytesIO(svg_png(f))) as im:
            assert im.size == (w, h)


@requires_soffice
def test_libreoffice_converts_the_deck_and_draws_the_pictures(deck, tmp_path):
    folder, result = deck
    pptx = tmp_path / "deck.pptx"
    shutil.copy(result.files[0], pptx)
    pdf = to_pdf(pptx, tmp_path)
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(result.deck.slides)
        pictures = [[im for im in page.images] for page in doc.pages]
        text = [" ".join((page.extract_text() or "").split()) for page in doc.pages]
    assert "A wide drawing" in text[2] and "A tall drawing" in text[3]
    wide, tall = pictures[2], pictures[3]
    assert len(wide) == 1 and len(tall) == 1
    assert wide[0]["width"] / wide[0]["height"] == pytest.approx(2.5, rel=0.01)
    assert tall[0]["width"] / tall[0]["height"] == pytest.approx(1 / 3, rel=0.01)


# -- what cannot be used: located errors, exact messages --------------------------

SLIDE = """\
title: T
sections:
  - title: S
    slides:
      - {image: pics/map.svg, alt: A map}
"""


@pytest.mark.parametrize("svg, found, allowed", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
     "which is not well-formed XML (line 1, column 49: mismatched tag)",
     "an SVG file saved by a drawing program (Inkscape, Illustrator, a browser)"),
    ("<html><body>Not a drawing</body></html>",
     "whose top element is <html>, not <svg>",
     "an SVG file saved by a drawing program (Inkscape, Illustrator, a browser)"),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="50"/>',
     "whose width is '0'", "a width above 0"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100"/>',
     "whose viewBox is '0 0 100'",
     "four numbers, x y width height, with a width and height above 0"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="../../secret.png" width="5" height="5"/></svg>',
     "which links to '../../secret.png', outside the content file's folder",
     "pictures embedded in the SVG or files inside that folder"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/a.png"/></svg>',
     "which links to 'https://example.org/a.png'",
     "pictures embedded in the SVG or files inside the content file's folder"),
], ids=["not XML", "not SVG", "zero width", "bad viewBox", "link out", "URL"])
def test_an_svg_that_cannot_be_used_is_a_located_error(svg, found, allowed, tmp_path, run):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "map.svg").write_text(svg)
    f = tmp_path / "deck.yaml"
    f.write_text(SLIDE)
    code, out, err = run("validate", f)
    assert code == 2
    assert err.splitlines() == [
        f"{f}:5:17: sections[0].slides[0].image: found the SVG file 'pics/map.svg', {found}; "
        f"allowed: {allowed}",
        "1 problem found."]
