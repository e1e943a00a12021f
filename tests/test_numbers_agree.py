"""Every key figure and chart number reads the same on the slide, in the preview and in the handouts.

One chart description (:func:`deckgen.deck.charts.resolve`) and one number
formatter feed every renderer; these tests read each output back with its
own reader — LibreOffice's rendering of the pptx (pdfplumber), the preview
painted as a PDF (pdfplumber), the reading handout PDF (pdfplumber), the
Word handout (python-docx), the HTML page (lxml) — and compare the numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.build import pipeline
from deckgen.deck.charts import (MINUS, Numbers, decimals_of, figure_text, fmt_number,
                                 fmt_value, nice_axis, resolve)
from deckgen.layout.placed import ChartFrame

from .conftest import requires_soffice, to_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "numbers.yaml"
FORMATS = ["pptx", "handout-pdf", "handout-docx", "html"]

#: What a reader sees, written out by hand: the formatter must produce exactly these.
FIGURES = ["8 bn", "0.0004%", f"{MINUS}3.5%", "1.7–5.5"]
CHARTS = {
    "growth": ["2.9%", "2.2%", f"{MINUS}3.5%", "4.3%", "2.6%", "1.4%",
               f"{MINUS}6%", f"{MINUS}4%", f"{MINUS}2%", "0%", "2%", "4%", "6%"],
    "budgets": ["1.25 bn", "0.98 bn", "1.10 bn", "0.00 bn", "0.50 bn", "1.50 bn"],
    "rivals": ["50", "55", "60", "62", "40", "48", "58", "52"],
    "estimates": ["Low case (20–35)", "Central (29–29)", "High case (40–60)", "0", "20", "60"],
}
NUMBER = re.compile(r"[−-]?\d[\d,.]*(?: bn| m)?%?")


# -- the formatter -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (0.0004, "0.0004"), (0.00123, "0.00123"), (0.25, "0.25"), (74.2, "74.2"), (74.256, "74.26"),
    (8_000_000, "8,000,000"), (29, "29"), (29.0, "29"), (-3.5, f"{MINUS}3.5"), (0, "0"),
    (-0.0001, f"{MINUS}0.0001"),
])
def test_numbers_keep_their_significant_digits(value, text):
    assert fmt_number(value) == text


def test_a_negative_rounded_to_zero_has_no_sign():
    assert fmt_number(-0.001, 2) == "0.00"


@pytest.mark.parametrize("value, unit, want", [
    (8_000_000_000, "people", ("8 bn", "people")), (1_250_000_000, "USD", ("1.25 bn", "USD")),
    (0.0004, "%", ("0.0004%", "")), (-3.5, "%", (f"{MINUS}3.5%", "")),
    ((1.7, 5.5), "USD bn", ("1.7–5.5", "USD bn")), (2_500_000, "shells", ("2,500,000", "shells")),
])
def test_key_figures_are_scaled_and_keep_their_digits(value, unit, want):
    assert figure_text(value, unit) == want
    assert fmt_value(value, unit) == " ".join(x for x in want if x)


@pytest.mark.parametrize("lo, hi, want", [
    (0, 29, (0, 30, 5)), (0, 5.5, (0, 6, 1)), (-3.5, 4.3, (-4, 6, 2)), (0, 0.42, (0, 0.5, 0.1)),
    (0, 1.25e9, (0, 1.25e9, 0.25e9)), (0, 0, (0, 1, 0.2)), (20, 60, (0, 60, 10)), (0, 100, (0, 100, 20)), (0, 7, (0, 7, 1)),
])
def test_axes_run_in_nice_steps_from_zero(lo, hi, want):
    assert nice_axis(lo, hi) == pytest.approx(want)


def test_values_too_small_for_any_label_get_an_axis_not_a_crash():
    # 5e-324 passes the loader (it is finite and small); its span underflowed log10
    assert nice_axis(5e-324, 5e-324) == (0, 1, 0.2)
    assert nice_axis(0, 1e-13) == (0, 1, 0.2)


def test_excel_codes_write_what_the_formatter_writes():
    # the pptx shows its labels through a number format code: it must say the same thing
    nums = Numbers.for_values([1.25e9, 0.98e9], "USD")
    assert nums.excel() == f'#,##0.00,,," bn";"{MINUS}"#,##0.00,,," bn"'
    assert nums.text(0.98e9) == "0.98 bn"
    pct = Numbers.for_values([2.9, -3.5, 4.25], "%")
    assert pct.excel() == f'#,##0.00"%";"{MINUS}"#,##0.00"%"'
    assert pct.text(-3.5) == f"{MINUS}3.50%"


def test_decimals_are_capped_but_small_values_keep_three_digits():
    assert [decimals_of(v) for v in (1.23456, 0.123456, 0.000123456, 5, 0.5)] == [2, 3, 6, 0, 1]


# -- the outputs ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("numbers")
    result = pipeline.build(FIXTURE, out, formats=FORMATS)
    return result, out / "numbers"


def _chart_frames(placed):
    for ps in placed.slides:
        for it in ps.items:
            if isinstance(it, ChartFrame):
                yield ps, it


def _spec_texts(spec) -> list[str]:
    """Every number the chart shows: data labels, axis ticks, category labels carrying numbers."""
    out = [spec.label(s, i) for s in range(len(spec.values)) for i in range(len(spec.values[s]))]
    if spec.axis:
        out += [spec.axis.numbers.text(v) for v in spec.axis.ticks()]
    out += [c for c in spec.categories if NUMBER.search(c) and spec.ctype == "range"]
    return [x for x in out if x]


def test_the_fixture_shows_every_chart_and_figure(built):
    result, _ = built
    ids = {cf.spec and cf.chart.id for _, cf in _chart_frames(result.build.placed)}
    assert ids == set(CHARTS)


def test_specs_hold_the_hand_written_texts(built):
    result, _ = built
    for _, cf in _chart_frames(result.build.placed):
        texts = set(_spec_texts(cf.spec))
        assert set(CHARTS[cf.chart.id]) <= texts, cf.chart.id


def test_the_pptx_writes_the_axis_and_the_format(built):
    from pptx import Presentation
    _, folder = built
    prs = Presentation(folder / "numbers.pptx")
    seen = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                xml = shape.chart._chartSpace.xml
                seen[shape.name] = xml
    growth = seen["Chart growth"]
    assert '<c:min val="-6.0"/>' in growth and '<c:max val="6.0"/>' in growth
    assert '<c:majorUnit val="2.0"/>' in growth
    assert '<c:tickLblPos val="low"/>' in growth     # years under the plot, off the dip
    budgets = seen["Chart budgets"]
    assert 'formatCode="#,##0.00,,,&quot; bn&quot;' in budgets
    assert '<c:crosses val="max"/>' in budgets       # the value axis at the bottom of bars


def _flat(text: str) -> str:
    """Text with every run of white space one space: a label wrapped over two lines still matches."""
    return " ".join(text.split())


def _words_by_slide_lo(pdf: Path) -> list[str]:
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


@requires_soffice
def test_libreoffice_preview_and_handouts_show_the_same_numbers(built, tmp_path):
    import docx
    import matplotlib
    import pdfplumber
    from lxml import html as lxml_html

    from deckgen.render.preview import paint_slide
    result, folder = built
    placed, theme = result.build.placed, result.build.theme
    lo_pages = _words_by_slide_lo(to_pdf(folder / "numbers.pptx", tmp_path))
    with pdfplumber.open(folder / "numbers-handout.pdf") as doc:
        handout = _flat("\n".join(p.extract_text() or "" for p in doc.pages))
    word = docx.Document(folder / "numbers-handout.docx")
    word_text = "\n".join(p.text for p in word.paragraphs)
    word_text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    word_alt = "\n".join(el.get("descr") or "" for el in word.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    page = lxml_html.fromstring((folder / "numbers.html").read_text(encoding="utf-8"))

    def preview_text(ps) -> str:
        path = tmp_path / f"preview-{ps.number}.pdf"
        with matplotlib.rc_context({"pdf.fonttype": 42}):   # text as text, readable back
            paint_slide(ps, placed, theme, path)
        with pdfplumber.open(path) as doc:
            return doc.pages[0].extract_text() or ""

    def html_text(number: int) -> str:
        sections = page.xpath("//section")
        return " ".join(sections[number - 1].itertext())

    figures_slide = next(ps for ps in placed.slides
                         if any(getattr(it, "name", "").startswith("Figure ") for it in ps.items))
    for text in (lo_pages[figures_slide.number - 1], preview_text(figures_slide), handout,
                 word_text, html_text(figures_slide.number)):
        for want in FIGURES:
            assert want in text, (want, text)
    for ps, cf in _chart_frames(placed):
        want = _spec_texts(cf.spec)
        lo = lo_pages[ps.number - 1]
        pv = preview_text(ps)
        web = html_text(ps.number)
        lo, pv, web = _flat(lo), _flat(pv), _flat(web)
        for label in want:
            assert label in lo, (cf.chart.id, label, "LibreOffice", lo)
            assert label in pv, (cf.chart.id, label, "preview", pv)
            assert label in handout, (cf.chart.id, label, "handout PDF", handout)
            assert label in web, (cf.chart.id, label, "HTML", web)
        # the Word handout's chart is a picture: its alt text carries the data labels
        for i in range(len(cf.spec.values[0])):
            if cf.spec.ctype != "range":
                assert cf.spec.label(0, i) in word_alt
        # and no renderer writes a number the chart does not hold (a hyphen minus, an
        # unscaled 1250000000, a 0 for 0.0004)
        for name, text in (("LibreOffice", lo), ("preview", pv)):
            extra = set(NUMBER.findall(text)) - set(NUMBER.findall(" ".join(want)))
            extra -= set(NUMBER.findall(" ".join(cf.spec.categories)))   # years
            extra -= {str(ps.number)}                                       # the page number
            assert not extra, (cf.chart.id, name, extra)


def _boxes(page, words):
    """Return {word: [(x0, top, x1, bottom), ...]} for the words on a pdfplumber page."""
    out = {}
    for w in page.extract_words():
        if w["text"] in words:
            out.setdefault(w["text"], []).append((w["x0"], w["top"], w["x1"], w["bottom"]))
    return out


def _apart(a, b) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_near_equal_line_labels_go_either_side_of_their_points(built):
    result, folder = built
    spec = next(cf.spec for _, cf in _chart_frames(result.build.placed) if cf.chart.id == "rivals")
    # 2023: 60 (North) above its point, 58 (South) under its own; nothing left out
    assert not spec.label_below(0, 2) and spec.label_below(1, 2)
    assert spec.label(0, 2) == "60" and spec.label(1, 2) == "58"
    from pptx import Presentation
    prs = Presentation(folder / "numbers.pptx")
    chart = next(sh.chart for sl in prs.slides for sh in sl.shapes
                 if sh.has_chart and sh.name == "Chart rivals")
    south = chart.plots[0].series[1]._element
    pos = south.xpath("./c:dLbls/c:dLbl[c:idx/@val='2']/c:dLblPos/@val")
    assert pos == ["b"]


@requires_soffice
def test_near_equal_labels_do_not_overlap_on_the_slide_preview_or_handout(built, tmp_path):
    import matplotlib
    import pdfplumber

    from deckgen.render.preview import paint_slide
    result, folder = built
    placed, theme = result.build.placed, result.build.theme
    ps = next(ps for ps, cf in _chart_frames(placed) if cf.chart.id == "rivals")
    preview = tmp_path / "rivals-preview.pdf"
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        paint_slide(ps, placed, theme, preview)
    lo = to_pdf(folder / "numbers.pptx", tmp_path)
    for name, pdf, page_no in (("LibreOffice", lo, ps.number - 1), ("preview", preview, 0),
                               ("handout", folder / "numbers-handout.pdf", None)):
        with pdfplumber.open(pdf) as doc:
            pages = [doc.pages[page_no]] if page_no is not None else doc.pages
            found = [b for b in (_boxes(p, {"60", "58"}) for p in pages) if len(b) == 2]
        assert found, (name, "60 and 58 not both found")
        for boxes in found:
            for a in boxes["60"]:
                for b in boxes["58"]:
                    assert _apart(a, b), (name, a, b)
