"""Text measurement with the shipped font files, and line breaking."""

import pytest

from deckgen.text.fontfiles import font_path
from deckgen.text.measure import Piece, font_info, line_height, width, wrap

from .conftest import requires_soffice, to_pdf


def test_widths_come_from_the_font_files():
    # Carlito's advance widths (units per em 2048): 'H' 1276, 'i' 470
    assert width("H", "Calibri", 2048 / 100) == pytest.approx(1276 / 100, abs=0.01)
    assert width("i", "Calibri", 20.48) == pytest.approx(4.70, abs=0.01)
    assert width("Hello", "Calibri", 20, bold=True) > width("Hello", "Calibri", 20)
    assert width("Hello", "Arial", 20) > width("Hello", "Calibri", 20)   # Liberation Sans is wider


def test_every_theme_font_has_a_shipped_face():
    for name in ("Calibri", "Arial"):
        for bold in (False, True):
            for italic in (False, True):
                assert font_path(name, bold, italic).is_file()


def test_hangul_is_measured_with_the_hangul_face():
    # full-width syllables, 1 em each in the Hangul face
    assert width("서울", "Calibri", 20) == pytest.approx(40 * font_info("DeckgenHangul").widths[ord("서")], abs=0.01)
    assert width("서울", "Calibri", 20) > width("Seoul"[:2], "Calibri", 20)


def test_line_height_is_powerpoints_whatever_the_font():
    # PowerPoint and LibreOffice set a pptx's single spacing at 1.2 x the size for
    # every font (Carlito's own metrics would say 1.2207, Liberation Sans' 1.149)
    assert line_height("Calibri", 20) == pytest.approx(24.0)
    assert line_height("Arial", 20) == pytest.approx(24.0)
    assert line_height("Calibri", 20, 1.5) == pytest.approx(36.0)


def test_wrap_breaks_at_spaces_and_keeps_styles():
    pieces = [Piece("one two three ", "Calibri", 20), Piece("four", "Calibri", 20, bold=True)]
    lines = wrap(pieces, width("one two three", "Calibri", 20) + 1)
    assert ["".join(p.text for p in line.pieces) for line in lines] == ["one two three", "four"]
    assert lines[1].pieces[0].bold


def test_a_word_wider_than_the_box_is_broken_not_a_crash():
    lines = wrap([Piece("x" * 300, "Calibri", 20)], 100)
    assert len(lines) > 5
    assert all(line.width <= 100 for line in lines)
    assert "".join(p.text for line in lines for p in line.pieces) == "x" * 300


@requires_soffice
@pytest.mark.parametrize("font", ["Calibri", "Arial"])
def test_libreoffice_sets_lines_where_the_model_says(font, tmp_path):
    """The line model (1.2 × size, baseline 0.2 × size above the foot) read back from LibreOffice."""
    import pdfplumber
    from pptx import Presentation
    from pptx.enum.text import MSO_ANCHOR
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Pt

    from deckgen.text.measure import ascent
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    cases = [(20, 1.0), (40, 1.0), (30, 0.9), (30, 1.5)]
    top = 1_000_000
    for i, (size, spacing) in enumerate(cases):
        tb = slide.shapes.add_textbox(Emu(300_000 + i * 2_900_000), Emu(top), Emu(2_700_000),
                                      Emu(5_000_000))
        tf = tb.text_frame
        tf.word_wrap = True
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.vertical_anchor = MSO_ANCHOR.TOP
        p = tf.paragraphs[0]
        run = p.add_run()
        run.text = " ".join(["Hxg"] * 12)
        run.font.size, run.font.name = Pt(size), font
        ln = p._p.get_or_add_pPr().makeelement(qn("a:lnSpc"), {})
        ln.append(ln.makeelement(qn("a:spcPct"), {"val": str(int(spacing * 100000))}))
        p._p.get_or_add_pPr().insert(0, ln)
    prs.save(tmp_path / "lines.pptx")
    pdf = to_pdf(tmp_path / "lines.pptx", tmp_path)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        columns: dict[int, set] = {}
        for ch in page.chars:
            if ch["text"] == "H":
                columns.setdefault(int(ch["x0"] // (2_900_000 / 12700)), set()).add(
                    page.height - ch["matrix"][5])
    for i, (size, spacing) in enumerate(cases):
        lines = sorted(columns[i])
        assert len(lines) >= 2
        assert lines[0] - top / 12700 == pytest.approx(ascent(font, size, spacing), abs=0.03 * size)
        assert lines[1] - lines[0] == pytest.approx(line_height(font, size, spacing), abs=0.01 * size)


def test_kerned_pairs_are_narrower_as_libreoffice_sets_them():
    # "AVATAR Towel Yoyo WAVE Tokyo" at 40 pt: LibreOffice set it 520.4 pt wide;
    # the advances alone add up to 546.5
    assert width("AVATAR Towel Yoyo WAVE Tokyo", "Calibri", 40) == pytest.approx(520.4, abs=1.5)
    assert width("AV", "Calibri", 20) < width("A", "Calibri", 20) + width("V", "Calibri", 20)


def _lines(text: str, w: float) -> list[str]:
    return ["".join(p.text for p in line.pieces) for line in wrap([Piece(text, "Calibri", 20)], w)]


def test_lines_break_after_hyphens_but_not_before_numbers():
    assert _lines("the step-by-step approach", 110) == ["the step-by-", "step", "approach"]
    assert _lines("up -5 now", 30)[1] == "-5"


def test_a_long_link_breaks_before_a_slash():
    lines = _lines("https://example.org/alpha/beta/gamma/delta", 200)
    assert lines[0] == "https://example.org"
    assert all(line.startswith("/") for line in lines[1:])
    assert "".join(lines) == "https://example.org/alpha/beta/gamma/delta"
