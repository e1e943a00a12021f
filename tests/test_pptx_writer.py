"""The pptx read back with python-pptx: titles, charts, notes, alt text, banner."""

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.content.loader import load
from deckgen.content.markup import plain

from .conftest import BRIEFING, CONTENT, SPEC_ONLY

A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build every example and spec-only file once; return {name: (result, Presentation)}."""
    out = tmp_path_factory.mktemp("decks")
    decks = {}
    for path in CONTENT + SPEC_ONLY:
        result = build(path, out)
        decks[path.stem] = (result, Presentation(str(result.files[0])))
    return decks


def _all_shapes(shapes):
    for sh in shapes:
        yield sh
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _all_shapes(sh.shapes)


def test_titles_in_storyline_order(built):
    for name, (result, prs) in built.items():
        got = [s.shapes.title.text_frame.text for s in prs.slides]
        assert got == [s.full_title for s in result.deck.slides], name
        assert len(got) == len(set(got)), f"{name}: duplicate titles"


def test_briefing_opening_sequence(built):
    result, prs = built["south-korea-briefing"]
    titles = [s.shapes.title.text for s in prs.slides]
    c = load(BRIEFING)
    assert titles[0] == plain(c.title)
    assert titles[1:4] == ["Learning objectives", "The question", "Key judgements"]
    assert titles[-1] == "Sources"


def test_chart_data_equals_the_content(built):
    result, prs = built["south-korea-briefing"]
    content = result.content
    seen = set()
    for slide, planned in zip(prs.slides, result.deck.slides):
        if planned.kind != "chart":
            continue
        frames = [sh for sh in slide.shapes if sh.has_chart]
        assert len(frames) == 1
        chart = frames[0].chart
        src = content.chart(planned.chart.id)
        seen.add(src.id)
        plot = chart.plots[0]
        values = [tuple(s.values) for s in plot.series]
        if src.data.ranges:
            lows = tuple(lo for lo, _ in src.data.series[0].values)
            spans = tuple(hi - lo for lo, hi in src.data.series[0].values)
            assert values[0] == pytest.approx(lows)
            assert values[1] == pytest.approx(spans)
            cats = list(plot.categories)
            assert all(c.startswith(orig) for c, orig in zip(cats, src.data.categories))
        else:
            assert list(plot.categories) == list(src.data.categories)
            assert values == [tuple(s.values) for s in src.data.series]
    assert seen == {c.id for c in content.charts}


def test_native_chart_types(built):
    result, prs = built["climate-adaptation-briefing"]
    types = {}
    for slide, planned in zip(prs.slides, result.deck.slides):
        if planned.kind == "chart":
            frame = next(sh for sh in slide.shapes if sh.has_chart)
            types[planned.chart_type] = str(frame.chart.chart_type)
    assert set(types) == {"column", "line", "doughnut", "stacked", "range", "bar"}
    assert "DOUGHNUT" in types["doughnut"] and "LINE" in types["line"]
    assert "COLUMN_STACKED" in types["stacked"] and "BAR_STACKED" in types["range"]


def test_speaker_notes(built):
    result, prs = built["south-korea-briefing"]
    with_notes = 0
    for slide, planned in zip(prs.slides, result.deck.slides):
        if planned.notes:
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text == planned.notes
            with_notes += 1
    assert with_notes >= 5


def test_alt_text_on_every_graphic(built):
    for name, (result, prs) in built.items():
        for n, slide in enumerate(prs.slides, start=1):
            for sh in _all_shapes(slide.shapes):
                is_graphic = sh.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.CHART,
                                               MSO_SHAPE_TYPE.GROUP, MSO_SHAPE_TYPE.TABLE)
                if not is_graphic:
                    continue
                if sh.shape_type != MSO_SHAPE_TYPE.GROUP and _in_group(sh):
                    continue
                descr = sh._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")
                assert len(descr) > 20, f"{name} slide {n}: {sh.name} has alt text {descr!r}"
                assert not descr.lower().endswith((".png", ".jpg", ".jpeg")), descr


def _in_group(sh) -> bool:
    return sh._element.getparent().tag.endswith("grpSp")


def test_chart_alt_text_says_what_it_shows(built):
    result, prs = built["south-korea-briefing"]
    for slide, planned in zip(prs.slides, result.deck.slides):
        if planned.kind == "chart" and planned.chart.id == "chart-weapons-poll":
            frame = next(sh for sh in slide.shapes if sh.has_chart)
            descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
            assert descr.startswith("Pie chart of ")
            assert "Oppose 74.2%" in descr and "Favour 20.5%" in descr


def test_classification_banner_on_every_slide(built):
    result, prs = built["south-korea-briefing"]
    assert result.content.classification == "OFFICIAL"
    for n, slide in enumerate(prs.slides, start=1):
        banners = [sh.text_frame.text for sh in slide.shapes if sh.name.startswith("Classification")]
        assert banners == ["OFFICIAL", "OFFICIAL"], f"slide {n}"


def test_no_banner_without_classification(built):
    _, prs = built["minimal"]
    assert not [sh for s in prs.slides for sh in s.shapes if sh.name.startswith("Classification")]


def test_slide_number_fields(built):
    _, prs = built["south-korea-briefing"]
    for n, slide in enumerate(prs.slides, start=1):
        fields = slide.shapes._spTree.findall(f".//{A_NS}fld")
        if n == 1:
            assert not fields
        else:
            assert [f.get("type") for f in fields] == ["slidenum"]
            assert fields[0].find(f"{A_NS}t").text == str(n)


def test_text_sizes_and_language(built):
    for name, (result, prs) in built.items():
        for n, slide in enumerate(prs.slides, start=1):
            for sh in _all_shapes(slide.shapes):
                if not sh.has_text_frame:
                    continue
                for p in sh.text_frame.paragraphs:
                    for r in p.runs:
                        if not r.text.strip():
                            continue
                        assert r.font.size is not None, f"{name} {n} {sh.name}: size not set"
                        assert r.font.size >= Pt(14), f"{name} {n} {sh.name}: {r.text!r}"
                        assert r._r.rPr.get("lang") == result.content.language
                        if sh.name in ("Bullets", "Left column", "Right column", "Question", "Quote"):
                            assert r.font.size >= Pt(18), f"{name} {n}: body text below 18 pt"


def test_links_are_hyperlinks(built):
    _, prs = built["south-korea-briefing"]
    urls = [r.hyperlink.address for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert any(u.startswith("https://www.rusi.org/") for u in urls)


def test_core_properties(built):
    result, prs = built["south-korea-briefing"]
    cp = prs.core_properties
    assert cp.title == plain(result.content.title)
    assert cp.language == "en-GB"
    assert cp.author == ", ".join(result.content.authors)


def test_16_9(built):
    _, prs = built["minimal"]
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_image_slide_keeps_aspect_ratio(built):
    result, prs = built["intro-to-strategic-assessment"]
    from PIL import Image
    for slide, planned in zip(prs.slides, result.deck.slides):
        if planned.kind == "image":
            pic = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE)
            with Image.open(planned.image) as im:
                w, h = im.size
            assert pic.width / pic.height == pytest.approx(w / h, rel=0.01)
            break
    else:
        pytest.fail("no image slide in the lecture")


_P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# CT_PresentationProperties is a sequence, in this order
_PRES_PR = ["htmlPubPr", "webPr", "prnPr", "showPr", "clrMru", "extLst"]


def _pres_props(path):
    import zipfile

    from lxml import etree
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("ppt/presProps.xml"))


def test_deck_prints_handouts_three_to_a_page(built):
    for name, (result, _prs) in built.items():
        root = _pres_props(result.files[0])
        assert root.tag == f"{_P_NS}presentationPr"
        (prn,) = root.findall(f"{_P_NS}prnPr")
        assert dict(prn.attrib) == {"prnWhat": "handouts3", "frameSlides": "1"}, name
        kids = [k.tag.split("}")[1] for k in root]
        assert [_PRES_PR.index(k) for k in kids] == sorted(_PRES_PR.index(k) for k in kids)


def test_print_settings_made_where_a_package_has_none(tmp_path):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from deckgen.render.pptx_writer import print_handouts
    prs = Presentation()
    (rid,) = [r.rId for r in prs.part.rels.values() if r.reltype == RT.PRES_PROPS]
    prs.part.drop_rel(rid)
    print_handouts(prs)
    prs.save(str(tmp_path / "x.pptx"))
    root = _pres_props(tmp_path / "x.pptx")
    assert [(k.tag, dict(k.attrib)) for k in root] == [
        (f"{_P_NS}prnPr", {"prnWhat": "handouts3", "frameSlides": "1"})]
    reopened = Presentation(str(tmp_path / "x.pptx"))
    assert [r.reltype for r in reopened.part.rels.values()].count(RT.PRES_PROPS) == 1



def test_no_shape_takes_a_theme_effect_and_every_value_axis_has_bounds(built):
    # A shape's <p:style> effectRef asks the theme for an effect, which LibreOffice
    # draws as a drop shadow; charts without c:min/c:max are scaled by each program
    # its own way. Neither may be left to the renderer.
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    axes = 0
    for name, (_, prs) in built.items():
        for n, slide in enumerate(prs.slides, start=1):
            refs = [el.get("idx") for el in slide._element.iter(A_NS + "effectRef")]
            assert all(idx == "0" for idx in refs), (name, n, refs)
            for sh in _all_shapes(slide.shapes):
                if getattr(sh, "has_chart", False) and sh.has_chart:
                    for ax in sh.chart._chartSpace.iter(C + "valAx"):
                        scaling = ax.find(C + "scaling")
                        assert scaling.find(C + "min") is not None, (name, n)
                        assert scaling.find(C + "max") is not None, (name, n)
                        assert ax.find(C + "majorUnit") is not None, (name, n)
                        axes += 1
    assert axes >= 3


def test_a_long_link_starts_its_line_where_deckgen_measured_it(tmp_path):
    # fidelity: renderers break addresses differently, so the pptx carries the measured break
    stress = Path(__file__).parent / "fixtures" / "stress.yaml"
    result = build(stress, tmp_path, formats=["pptx"])
    lines_of = {}
    for ps in result.build.placed.slides:
        for it in ps.walk():
            if getattr(it, "name", "") == "Sources list":
                for para, lines in zip(it.paras, it.layout):
                    texts = ["".join(pc.text for pc in ln.pieces).strip() for ln in lines]
                    lines_of[texts[0][:4]] = texts
    prs = Presentation(str(result.files[0]))
    seen = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.name != "Sources list":
                continue
            for p in shape.text_frame.paragraphs:
                kids = [el for el in p._p if el.tag in (A_NS + "r", A_NS + "br")]
                links = [el for el in kids if el.tag == A_NS + "r" and
                         el.find(f"{A_NS}rPr/{A_NS}hlinkClick") is not None]
                if not links:
                    continue
                first = kids.index(links[0])
                # a line break right before the link: the address starts a line, as measured
                assert kids[first - 1].tag == A_NS + "br"
                measured = lines_of[p.text[:4]]
                assert [ln.strip() for ln in p.text.split("\x0b")] == measured
                seen += 1
    assert seen >= 8
