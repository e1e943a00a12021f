"""Issue 17's content keys, read back from what deckgen writes.

agenda, headlines, column headings, hidden slides, picture captions and
credits, full-image slides, timings (notes and the run sheet) and gaps in
chart data: each is checked in the pptx with python-pptx and lxml, in the
example lecture that shows them (content/intro-to-strategic-assessment.yaml)
or in a small file written here.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckgen.build.pipeline import build
from deckgen.cli.build import fit_report
from deckgen.content.loader import load
from deckgen.deck.charts import resolve
from deckgen.errors import ErrorList
from deckgen.handout.slides import shots
from deckgen.render.svg_charts import chart_svg
from deckgen.theme.colour import ratio
from deckgen.theme.theme import load_theme

from .conftest import ROOT

LECTURE = ROOT / "content" / "intro-to-strategic-assessment.yaml"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def lecture(tmp_path_factory):
    """The example lecture built with --report: (result, Presentation)."""
    result = build(LECTURE, tmp_path_factory.mktemp("keys"), report=True)
    return result, Presentation(str(result.files[0]))


def _slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == title)


def _shape(slide, name: str):
    return next(sh for sh in slide.shapes if sh.name == name)


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def test_hidden_slide_is_written_hidden_and_left_out_of_slide_handouts(lecture):
    result, prs = lecture
    shown = {s.shapes.title.text_frame.text: s._element.get("show") for s in prs.slides}
    assert shown.pop("Backup: ICD 203's paired wordings") == "0"
    assert set(shown.values()) == {None}      # every other slide is shown
    pics = shots(result.build, dpi=20)
    assert len(pics) == len(prs.slides) - 1
    assert "Backup: ICD 203's paired wordings" not in [p.title for p in pics]


def test_agenda_follows_the_objectives_and_lists_sections_and_blocks(lecture):
    _, prs = lecture
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles[1:3] == ["Learning objectives", "Agenda"]
    agenda = _slide(prs, "Agenda")
    items = [p.text for p in _shape(agenda, "Bullets").text_frame.paragraphs]
    assert items == ["Why words of probability matter", "The yardstick",
                     "Likelihood, confidence and evidence", "Key figures",
                     "Sixty years of tying words to odds", "Two questions for the seminar"]


def test_headlines_replace_the_built_in_titles(lecture):
    _, prs = lecture
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "Sixty years of tying words to odds" in titles and "Timeline" not in titles
    assert "Two questions for the seminar" in titles and "Discussion questions" not in titles


def test_headline_on_a_continued_block_adds_its_part(write, tmp_path):
    path = write("""
        title: Long
        headlines: {context: Why the peninsula matters}
        context: [%s]
    """ % ", ".join(f'"Background point number {i} with a few more words to wrap"'
                    for i in range(14)))
    prs = Presentation(str(build(path, tmp_path / "out").files[0]))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "Why the peninsula matters (1/2)" in titles
    assert "Why the peninsula matters (2/2)" in titles


def test_two_column_headings_sit_over_their_columns(lecture):
    _, prs = lecture
    s = _slide(prs, "Two different questions")
    for side, text in (("Left", "Likelihood"), ("Right", "Confidence")):
        head, col = _shape(s, f"{side} heading"), _shape(s, f"{side} column")
        assert head.text_frame.text == text
        assert head.left == col.left and head.top + head.height <= col.top
        size = head.text_frame.paragraphs[0].runs[0].font.size
        points = col.text_frame.paragraphs[0].runs[-1].font.size
        assert size >= points and head.text_frame.paragraphs[0].runs[0].font.bold


def test_caption_and_credit_under_the_picture(lecture):
    _, prs = lecture
    s = _slide(prs, "The yardstick as a picture")
    pic = next(sh for sh in s.shapes if sh.shape_type == 13)
    credit, caption = _shape(s, "Credit"), _shape(s, "Caption")
    assert credit.text_frame.text == "Diagram: deckgen examples, after the PHIA yardstick"
    assert caption.text_frame.text == "Each word covers a range; the hatched gaps belong to no word"
    assert pic.top + pic.height <= credit.top < caption.top
    assert credit.left + credit.width == pic.left + pic.width      # at the picture's edge
    assert credit.text_frame.paragraphs[0].runs[0].font.size >= Pt(14)
    assert pic._element.xpath(".//p:cNvPr/@descr")[0].startswith("Horizontal scale")


def test_full_image_covers_the_slide_with_a_legible_title_band(lecture):
    _, prs = lecture
    s = _slide(prs, "Seven bands, and the gaps between them")
    tree = s.shapes._spTree
    first = tree[2]                          # under everything, the title too
    assert first.tag == P + "pic"
    pic = next(sh for sh in s.shapes if sh._element is first)
    assert (pic.left, pic.top, pic.width, pic.height) == (0, 0, prs.slide_width,
                                                          prs.slide_height)
    # a 4:3 picture on a 16:9 slide: an eighth cut off the top and the bottom, none off the sides
    assert pic.crop_left == pic.crop_right == 0
    assert pic.crop_top == pytest.approx(0.125, abs=1e-4)
    assert pic.crop_bottom == pytest.approx(0.125, abs=1e-4)
    assert pic._element.xpath(".//p:cNvPr/@descr")[0].startswith("A soft colour field")
    band = _shape(s, "Title band")
    assert tree.index(band._element) < tree.index(s.shapes.title._element)
    fill = str(band.fill.fore_color.rgb)
    title = s.shapes.title
    assert band.top <= title.top and title.top + title.height <= band.top + band.height
    colour = str(title.text_frame.paragraphs[0].runs[0].font.color.rgb)
    assert ratio(colour, fill) >= 4.5
    credit = _shape(s, "Caption and credit")
    paras = credit.text_frame.paragraphs
    assert paras[-1].text.startswith("Picture: deckgen examples")
    assert paras[-1].runs[0].font.size >= Pt(14)
    assert ratio(str(paras[-1].runs[0].font.color.rgb), fill) >= 4.5
    assert band.top <= credit.top and credit.top + credit.height <= band.top + band.height


def test_notes_say_each_slides_time(lecture):
    _, prs = lecture
    notes = [_notes(s).split("\n")[0] for s in prs.slides]
    assert notes[0] == "Time: 1 min"
    assert notes[2] == "Time: 1 min"                                     # the agenda
    yard = [i for i, s in enumerate(prs.slides) if s.shapes.title.text_frame.text == "The yardstick"][0]
    assert notes[yard] == f"Time: 12 min for this section (slides {yard + 1}–{yard + 8})"
    assert notes[yard + 1] == f"Time: part of the 12 min from slide {yard + 1}"
    assert _notes(_slide(prs, "The yardstick as a picture")).startswith("Time: 3 min\n")
    # the speaker's own notes follow the time
    assert "Regenerate the picture" in _notes(_slide(prs, "The yardstick as a picture"))


def test_report_prints_the_run_sheet_and_the_hidden_slide(lecture):
    result, _ = lecture
    report = fit_report(result.fit_notes)
    assert "hidden: slide 14 'Backup: ICD 203's paired wordings'" in report
    assert "  slide  14 Backup: ICD 203's paired wordings (slide 14): 2 min, hidden, not counted" \
        in report
    assert "  slide  10 The yardstick as a picture (slide 10): 3 min, part of its section's " \
        "time" in report
    assert re.search(r"slide  22 Sources \(slide 22\): 1 min, running total 49 min", report)
    assert report.splitlines()[-2] == "  total 49 min"


def test_an_empty_cell_is_a_gap_in_the_chart_xml(lecture):
    _, prs = lecture
    s = _slide(prs, "Same word, different floor")
    frame = next(sh for sh in s.shapes if sh.has_chart)
    root = etree.fromstring(frame.chart.part.blob)
    assert root.find(f".//{C}dispBlanksAs").get("val") == "gap"
    phia, icd = root.findall(f".//{C}ser")
    for ser, missing in ((phia, {1, 2, 6, 9}), (icd, {0, 3, 5, 8})):
        cache = ser.find(f"{C}val//{C}numCache")
        assert cache.find(f"{C}ptCount").get("val") == "11"
        have = {int(pt.get("idx")) for pt in cache.findall(f"{C}pt")}
        assert have == set(range(11)) - missing
    assert "almost no chance no data" in frame._element.xpath(".//p:cNvPr/@descr")[0]


def test_gaps_in_every_renderer_spec(tmp_path):
    (tmp_path / "t.csv").write_text("Year,Exports\n2019,10\n2020,\n2021,12\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text(
        "title: T\ncharts:\n  - {id: c, type: line, data: {csv: t.csv}}\n", encoding="utf-8")
    c = load(tmp_path / "d.yaml")
    assert c.charts[0].data.series[0].values == (10, None, 12)
    spec = resolve(c.charts[0], "line")
    assert spec.label(0, 1) is None and spec.axis.low <= 10
    svg = chart_svg(spec, 400, 300, load_theme("default"), "alt")
    assert svg.count("<polyline") == 2      # the line breaks at the gap


def test_an_empty_cell_where_a_value_is_needed_is_a_located_error(tmp_path):
    (tmp_path / "t.csv").write_text("Year,Exports\n2019,10\n2020,\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text(
        "title: T\ncharts:\n  - {id: c, type: pie, data: {csv: t.csv}}\n"
        "figures:\n  - {id: f, label: x, value: {csv: t.csv, row: '2020', column: Exports}}\n",
        encoding="utf-8")
    with pytest.raises(ErrorList) as got:
        load(tmp_path / "d.yaml")
    lines = [e.render() for e in got.value.errors]
    where = f"{tmp_path / 't.csv'}:3:2"     # line 3, the second field
    assert any(ln.startswith(f"{where}: charts[0].data: row 3, column 'Exports' of 't.csv' is "
                             "empty; allowed: a number in every cell for a pie chart")
               for ln in lines), lines
    assert any(ln.startswith(f"{where}: figures[0].value") for ln in lines), lines


@pytest.mark.parametrize("yaml,message", [
    ("headlines: {concern: Two worries}\nconcerns: [A]",
     "headlines.concern: unknown key 'concern'; allowed: 'agenda', 'question', 'bluf', "
     "'context', 'figures', 'timeline', 'concerns', 'constraints', 'responses', 'outlook', "
     "'objectives', 'discussion' or 'sources' (did you mean 'concerns'?)"),
    ("durations: {concerns: 0}\nconcerns: [A]",
     "durations.concerns: found '0'; allowed: a number of minutes above 0 and at most 1440"),
    ("sections:\n  - title: S\n    slides:\n      - {title: A, points: [x], left_title: For}",
     "sections[0].slides[0].left_title: found 'left_title' on a slide with layout 'bullets'; "
     "allowed: 'left_title' on two-column slides"),
    ("sections:\n  - title: S\n    slides:\n      - {title: A, points: [x], credit: Me}",
     "sections[0].slides[0].credit: found 'credit' on a slide with layout 'bullets'; "
     "allowed: 'credit' on image or full-image slides"),
])
def test_bad_new_keys_are_located_errors(tmp_path, yaml, message):
    (tmp_path / "d.yaml").write_text(f"title: T\n{yaml}\n", encoding="utf-8")
    with pytest.raises(ErrorList) as got:
        load(tmp_path / "d.yaml")
    assert any(message in e.render() for e in got.value.errors), \
        [e.render() for e in got.value.errors]
