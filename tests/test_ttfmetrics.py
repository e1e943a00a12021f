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


def _fonttools_kern(path):
    """Pair kerning as fontTools decodes the same tables: (left char, right char) -> units."""
    tt = TTFont(str(path))
    cmap = tt.getBestCmap()
    order = {name: i for i, name in enumerate(tt.getGlyphOrder())}
    subtables = []
    if "GPOS" in tt:
        gpos = tt["GPOS"].table
        wanted = sorted({i for fr in gpos.FeatureList.FeatureRecord if fr.FeatureTag == "kern"
                         for i in fr.Feature.LookupListIndex})
        for index in wanted:
            lookup = gpos.LookupList.Lookup[index]
            subs = [st.ExtSubTable if lookup.LookupType == 9 else st for st in lookup.SubTable]
            subtables.append([st for st in subs if getattr(st, "LookupType", 2) == 2])
    legacy = {}
    if not any(subtables) and "kern" in tt:
        for table in tt["kern"].kernTables:
            for (a, b), v in table.kernTable.items():
                legacy[(order[a], order[b])] = legacy.get((order[a], order[b]), 0) + v

    def value(a: str, b: str) -> int:
        ga, gb = cmap.get(ord(a)), cmap.get(ord(b))
        if ga is None or gb is None:
            return 0
        if legacy:
            return legacy.get((order[ga], order[gb]), 0)
        total = 0
        for subs in subtables:
            for st in subs:
                if ga not in st.Coverage.glyphs:
                    continue
                if st.Format == 1:
                    pset = st.PairSet[st.Coverage.glyphs.index(ga)]
                    rec = next((r for r in pset.PairValueRecord if r.SecondGlyph == gb), None)
                    if rec is None:
                        continue
                    total += getattr(rec.Value1, "XAdvance", 0) or 0
                else:
                    c1 = st.ClassDef1.classDefs.get(ga, 0)
                    c2 = st.ClassDef2.classDefs.get(gb, 0)
                    v = st.Class1Record[c1].Class2Record[c2].Value1
                    total += getattr(v, "XAdvance", 0) or 0 if v is not None else 0
                break
        return total
    return value, tt["head"].unitsPerEm


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.stem)
def test_kerning_matches_fonttools(path):
    from deckgen.text.metrics import Kerning
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    theirs, upm = _fonttools_kern(path)
    ours = Kerning(path)
    chars = "AVWTYLPFKaeoyvw.,-/1"
    pairs = [(a, b) for a in chars for b in chars]
    got = {p: round(ours.pair(*p) * upm) for p in pairs}
    want = {p: theirs(*p) for p in pairs}
    assert got == want
    if path.stem.startswith(("Carlito", "Liberation")):
        assert got[("A", "V")] < 0 and got[("T", "o")] < 0      # the fonts do kern these
