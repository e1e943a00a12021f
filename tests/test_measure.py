"""Text measurement with the shipped font files, and line breaking."""

import pytest

from deckgen.text.fontfiles import font_path
from deckgen.text.measure import Piece, font_info, line_height, width, wrap


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


def test_line_height_is_the_fonts_own():
    # Carlito: (ascent 1536 + descent 512 + line gap 452) / 2048 = 1.2207
    assert line_height("Calibri", 20) == pytest.approx(24.41, abs=0.01)


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
