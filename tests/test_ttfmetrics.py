"""Font metrics read without fontTools are fontTools' own, for every shipped face."""

from __future__ import annotations

import logging

import pytest
from fontTools.ttLib import TTFont

from deckgen.text.fontfiles import FONT_DIR
from deckgen.text.metrics import UnsupportedFont, read_metrics

FONTS = sorted(FONT_DIR.glob("*.ttf"))


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.stem)
def test_widths_and_vertical_metrics_match_fonttools(path):
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    tt = TTFont(str(path), lazy=True)
    upm = tt["head"].unitsPerEm
    hmtx = tt["hmtx"].metrics
    expected = {cp: hmtx[glyph][0] / upm for cp, glyph in tt.getBestCmap().items()}
    hh = tt["hhea"]
    widths, ascent, descent, gap = read_metrics(path)
    assert widths == expected
    assert (ascent, descent, gap) == (hh.ascent / upm, -hh.descent / upm, hh.lineGap / upm)


def test_files_it_does_not_read_say_so(tmp_path):
    ttc = tmp_path / "fonts.ttc"
    ttc.write_bytes(b"ttcf" + bytes(60))
    with pytest.raises(UnsupportedFont):
        read_metrics(ttc)
    short = tmp_path / "short.ttf"
    short.write_bytes(b"\x00\x01\x00\x00")
    with pytest.raises(UnsupportedFont):
        read_metrics(short)


def test_measuring_falls_back_to_fonttools_for_such_files(monkeypatch):
    from deckgen.text import measure
    from deckgen.text import metrics as ttfmetrics

    def refuse(path):
        raise UnsupportedFont("pretend")

    used = []
    real = measure._file_info_fonttools
    monkeypatch.setattr(measure, "read_metrics", refuse)   # measure imports it by name
    monkeypatch.setattr(measure, "_file_info_fonttools", lambda p: used.append(p) or real(p))
    measure.font_info.cache_clear()
    measure._file_info.cache_clear()
    try:
        info = measure.font_info("Calibri")
        assert used == [FONT_DIR / "Carlito-Regular.ttf"]
        assert info.widths == read_metrics(FONT_DIR / "Carlito-Regular.ttf")[0]
    finally:
        measure.font_info.cache_clear()
        measure._file_info.cache_clear()
