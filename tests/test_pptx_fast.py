"""The pptx writer's fast paths write what python-pptx's own API writes.

``pptx_base`` writes text, shapes and table cells as XML, and
``pptx_package`` names parts and adds slides without searching the package;
each is checked here against python-pptx doing the same through its API.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deckgen.build.pipeline import resolve_theme
from deckgen.layout.geometry import Box
from deckgen.content.loader import load
from deckgen.content.markup import parse
from deckgen.layout.placed import Para, Style
from deckgen.deck.design import design
from deckgen.deck.storyline import plan
from deckgen.layout.fitting import BULLET_INDENT
from deckgen.render import pptx_base
from deckgen.render import pptx_package
from deckgen.render import pptx_writer

from .conftest import BRIEFING, ROOT

LECTURE = ROOT / "content" / "intro-to-strategic-assessment.yaml"

# -- python-pptx's API doing what pptx_base does (the reference) ---------------------------


def _ref_run(r, run, style, lang, east_asian):
    r.text = run.text
    f = r.font
    f.size = Pt(style.size)
    f.bold = style.bold or run.bold
    f.italic = style.italic or run.italic
    f.name = style.font
    f.color.rgb = RGBColor.from_string(style.color)
    rpr = r._r.get_or_add_rPr()
    rpr.set("lang", lang)
    ea = etree.SubElement(rpr, qn("a:ea"))
    rpr.find(qn("a:latin")).addnext(ea)
    ea.set("typeface", east_asian)
    if run.url:
        r.hyperlink.address = run.url
        f.underline = True


def _ref_bullet(p, para, style, indent):
    ppr = p._p.get_or_add_pPr()
    if not para.bullet:
        ppr.set("marL", str(indent * para.level))
        ppr.set("indent", "0")
        etree.SubElement(ppr, qn("a:buNone"))
        return
    ppr.set("marL", str(indent * (para.level + 1)))
    ppr.set("indent", str(-indent))
    etree.SubElement(etree.SubElement(ppr, qn("a:buClr")), qn("a:srgbClr")).set("val", style.color)
    if para.bullet == "num":
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        au = etree.SubElement(ppr, qn("a:buAutoNum"))
        au.set("type", "arabicPeriod")
        if para.number != 1:
            au.set("startAt", str(para.number))
    else:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", para.bullet)


def _ref_fill(tf, paras, lang, anchor, inset, inset_y, line_spacing, indent=0):
    tf.clear()
    tf.word_wrap = True
    body = tf._txBody.bodyPr
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, qn("a:noAutofit"))
    tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                          "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    tf.margin_left = tf.margin_right = Emu(inset)
    tf.margin_top = tf.margin_bottom = Emu(inset if inset_y is None else inset_y)
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER,
                       "right": PP_ALIGN.RIGHT}[para.align]
        p.line_spacing = line_spacing
        if para.space_before:
            p.space_before = Pt(para.space_before)
        if para.bullet or indent or para.level:
            _ref_bullet(p, para, para.style,
                        indent or int(para.style.size * 12700 * BULLET_INDENT))
        for run in (para.runs if para.runs is not None else parse(para.text)):
            _ref_run(p.add_run(), run, para.style, lang, "Noto Sans CJK KR")
        end = p._p.get_or_add_endParaRPr()
        end.set("lang", lang)
        end.set("sz", str(int(para.style.size * 100)))


class _Theme:
    fonts = {"east_asian": "Noto Sans CJK KR"}


BODY = Style(22, "1F2933", "Calibri")
PARAS = [
    [Para("A **bold** and *italic* point with [a link](https://example.org/x)", BODY,
          bullet="•", space_before=4)],
    [Para("First", BODY, bullet="num"), Para("Third", BODY, bullet="num", number=3),
     Para("Sub-point <&> \"quoted\"", Style(20, "52606D", "Calibri", italic=True), level=1,
          bullet="–", space_before=4.5, align="center")],
    [Para("Plain, right", Style(13.5, "FFFFFF", "Arial", bold=True), align="right"),
     Para("", BODY), Para("Indented without a bullet\tand a tab", BODY, level=2)],
    [Para("Control \x07 characters", BODY)],
]


def _slide():
    prs = Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


@pytest.mark.parametrize("paras", PARAS, ids=range(len(PARAS)))
@pytest.mark.parametrize("anchor,inset,inset_y,spacing", [
    ("top", 0, None, 1.0), ("middle", 91440, 45720, 0.9), ("bottom", 45720, 91440, 1.15)])
def test_text_boxes_are_what_python_pptx_writes(paras, anchor, inset, inset_y, spacing):
    box = Box(914400, 457200, 4572000, 1371600)
    ref_prs, ref_slide = _slide()
    ref = ref_slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    _ref_fill(ref.text_frame, paras, "en-GB", anchor, inset, inset_y, spacing)
    prs, slide = _slide()
    sp = pptx_base.add_textbox(slide.shapes, box)
    pptx_base.fill_text(sp.text_frame, paras, _Theme(), "en-GB", anchor, inset, 0, spacing,
                        inset_y)
    assert etree.tostring(sp._element) == etree.tostring(ref._element)
    # links are related from the slide the same way
    assert [(r.reltype, r.target_ref) for r in slide.part.rels.values()] == \
        [(r.reltype, r.target_ref) for r in ref_slide.part.rels.values()]


@pytest.mark.parametrize("shape,line,decorative,name", [
    ("rect", None, True, ""), ("oval", "1E2F4E", False, "Marker"),
    ("rounded", "1E2F4E", True, "Card")])
def test_shapes_are_what_python_pptx_writes(shape, line, decorative, name):
    box = Box(100, 200, 300, 400)
    _, ref_slide = _slide()
    kind = {"rect": MSO_SHAPE.RECTANGLE, "oval": MSO_SHAPE.OVAL,
            "rounded": MSO_SHAPE.ROUNDED_RECTANGLE}[shape]
    ref_slide.shapes.add_textbox(0, 0, 10, 10)      # so ids are not all 2
    ref = ref_slide.shapes.add_shape(kind, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    ref.fill.solid()
    ref.fill.fore_color.rgb = RGBColor.from_string("C96A1B")
    if line:
        ref.line.color.rgb = RGBColor.from_string(line)
        ref.line.width = Pt(1)
    else:
        ref.line.fill.background()
    ref.shadow.inherit = False
    if name:
        ref.name = name
    if decorative:
        pptx_base.set_decorative(ref)
    ref.text_frame.text = ""
    # python-pptx's shapes ask the theme for line, fill and effect styles (<p:style>);
    # ours carry none: LibreOffice would draw the theme's shadow (fidelity issue)
    ref._element.remove(ref._element.find(qn("p:style")))
    _, slide = _slide()
    slide.shapes.add_textbox(0, 0, 10, 10)
    sp = pptx_base.rect(slide.shapes, box, "C96A1B", line=line, shape=shape,
                        decorative=decorative, name=name)
    assert etree.tostring(sp._element) == etree.tostring(ref._element)


def test_table_cells_are_what_python_pptx_writes():
    paras = [Para("Cell **text**", BODY)]
    _, ref_slide = _slide()
    ref = ref_slide.shapes.add_table(2, 2, 0, 0, Emu(4000000), Emu(1000000))
    _, slide = _slide()
    gf = slide.shapes.add_table(2, 2, 0, 0, Emu(4000000), Emu(1000000))
    for i in range(2):
        for j in range(2):
            cell = ref.table.cell(i, j)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string("EEF1F6")
            cell.margin_left = cell.margin_right = Emu(91440)
            cell.margin_top = cell.margin_bottom = Emu(45720)
            _ref_fill(cell.text_frame, paras, "en-GB", "middle", 0, None, 1.0)
            tc = gf.table.cell(i, j)._tc
            pptx_base.fill_cell(tc, gf, "EEF1F6", 91440, 45720)
            pptx_base.fill_body(tc.get_or_add_txBody(), gf, paras, _Theme(), "en-GB",
                                "middle", 0)
    assert etree.tostring(gf._element) == etree.tostring(ref._element)


# -- the package: part names, slides, notes, memory ----------------------------------------


def _parts(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path, fast: bool, monkeypatch, out) -> bytes:
    content = load(path)
    theme = resolve_theme(content, None)
    deck = plan(content, theme)
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(pptx_writer, "speed_up", lambda prs: None)
        pptx_writer.write_pptx(design(deck, theme), theme, out)
    return out.read_bytes()


@pytest.mark.parametrize("path", [BRIEFING, LECTURE], ids=lambda p: p.stem)
def test_the_fast_package_writes_the_same_file_as_python_pptx(path, monkeypatch, tmp_path):
    fast_file = _write(path, True, monkeypatch, tmp_path / "fast.pptx")
    slow_file = _write(path, False, monkeypatch, tmp_path / "slow.pptx")
    # zipped once, reproducibly: what normalising python-pptx's own file gives
    from deckgen.build.repro import build_time, normalize_zip_bytes
    assert fast_file == normalize_zip_bytes(slow_file, build_time(load(path).date))
    # notes, charts with their workbooks, pictures and links are all there
    names = " ".join(_parts(fast_file))
    assert "notesSlide" in names and "chart" in names and ".xlsx" in names


def test_adding_slides_never_walks_the_whole_package(monkeypatch):
    from pptx.opc.package import OpcPackage
    walks = []
    real = OpcPackage.iter_parts

    def counting(self):
        walks.append(1)
        return real(self)

    monkeypatch.setattr(OpcPackage, "iter_parts", counting)
    content = load(BRIEFING)
    theme = resolve_theme(content, None)
    deck = plan(content, theme)
    from deckgen.deck.design import design
    placed = design(deck, theme)
    renderer = pptx_writer._Renderer(deck, placed, theme)
    before = len(walks)
    for ps in placed.slides:
        renderer.slide(ps)
    # python-pptx walks every part for each chart, workbook and notes page (dozens here)
    assert len(walks) - before == 0


def test_a_finished_slide_is_kept_as_bytes_and_comes_back_when_read(monkeypatch):
    content = load(LECTURE)
    theme = resolve_theme(content, None)
    deck = plan(content, theme)
    from deckgen.deck.design import design
    placed = design(deck, theme)
    renderer = pptx_writer._Renderer(deck, placed, theme)
    for ps in placed.slides:
        renderer.slide(ps)
    part = renderer.prs.slides.part.related_part(
        renderer.prs.slides._sldIdLst[1].rId)
    assert "_element" not in part.__dict__ and part.blob.startswith(b"<?xml")
    blob = part.blob
    titles = [s.shapes.title.text_frame.text for s in renderer.prs.slides]
    assert titles[0] == deck.slides[0].full_title
    assert "_element" in part.__dict__ and part.blob == blob


def test_layouts_keep_inheriting_the_masters_places(tmp_path):
    content = load(BRIEFING)
    theme = resolve_theme(content, None)
    deck = plan(content, theme)
    pptx_writer.write_pptx(design(deck, theme), theme, tmp_path / "deck.pptx")
    prs = Presentation(str(tmp_path / "deck.pptx"))
    master_title = next(s for s in prs.slide_master.placeholders if s.placeholder_format.idx == 0)
    assert master_title.left + master_title.width <= prs.slide_width
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            assert ph.left + ph.width <= prs.slide_width, (layout.name, ph.name)
            assert ph.height is None or ph.height > 0, (layout.name, ph.name)
    title_only = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    ph = title_only.placeholders[0]
    assert ph._element.xfrm is None                        # inherits, so it follows the master
    assert (ph.left, ph.width) == (master_title.left, master_title.width)


def test_speed_up_gives_way_when_python_pptx_is_not_what_it_expects():
    prs = Presentation()
    prs.part.__dict__["rels"] = object()      # relationships without python-pptx's internals
    assert pptx_package.speed_up(prs) is None
