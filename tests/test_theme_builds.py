"""Every file in content/ built with every built-in theme, read back with python-pptx.

What the slides show must come from the theme: backgrounds, title colours
and fonts are read back per slide; every colour written into a slide or a
chart is a palette colour or a blend of two; every font is the theme's.
One deck (dark) is also rendered by LibreOffice and its pixels checked.
"""

import re
import subprocess
import zipfile

import pytest
from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.theme.contrast import mix
from deckgen.theme.theme import builtin_names, load_theme

from .conftest import BRIEFING, CONTENT, requires_soffice, to_pdf

THEMES = builtin_names()


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Build every content file in every theme once: {(theme, stem): (Theme, result, prs)}."""
    out = tmp_path_factory.mktemp("themed")
    got = {}
    for name in THEMES:
        theme = load_theme(name)
        for path in CONTENT:
            result = build(path, out / name, name, ["pptx"], report=True)
            got[(name, path.stem)] = (theme, result, Presentation(str(result.files[0])))
    return got


def test_every_theme_and_content_pair_was_built(decks):
    assert len(THEMES) >= 4 and {"default", "dark", "high-contrast", "print"} <= set(THEMES)
    assert len(decks) == len(THEMES) * len(CONTENT)


def test_backgrounds_titles_and_fonts_are_the_themes(decks):
    for (name, stem), (t, result, prs) in decks.items():
        for slide, planned in zip(prs.slides, result.deck.slides):
            # a full-image slide's title sits on a band in the cover colours
            cover = planned.kind in ("title", "section", "full-image")
            where = f"{name}/{stem} slide '{planned.full_title}'"
            fill = slide.background.fill
            assert str(fill.fore_color.rgb) == t.color("cover" if cover else "background"), where
            runs = [r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs]
            assert runs, where
            for r in runs:
                assert r.font.name == t.fonts["heading"], where
                assert str(r.font.color.rgb) == t.color("on_cover" if cover else "primary"), where


def test_every_font_in_slides_and_charts_is_the_themes(decks):
    for (name, stem), (t, result, prs) in decks.items():
        latin, east = _typefaces(result.files[0])
        assert latin == {t.fonts["heading"], t.fonts["body"]}, (name, stem)
        assert east == {t.fonts["east_asian"]}, (name, stem)


def test_every_colour_drawn_comes_from_the_palette(decks):
    for (name, stem), (t, result, prs) in decks.items():
        allowed = _palette_colours(t)
        used = _colours(result.files[0])
        assert used <= allowed, (name, stem, sorted(used - allowed))
        assert t.color("background") in used and t.accent(0) in used


def test_charts_take_the_accents_in_order(decks):
    seen = set()
    for (name, stem), (t, result, prs) in decks.items():
        for slide, planned in zip(prs.slides, result.deck.slides):
            if planned.kind != "chart":
                continue
            chart = next(sh for sh in slide.shapes if sh.has_chart).chart
            plot = chart.plots[0]
            seen.add(planned.chart_type)
            if planned.chart_type in ("pie", "doughnut"):
                colours = [str(pt.format.fill.fore_color.rgb)
                           for pt in (plot.series[0].points[i]
                                      for i in range(len(list(plot.categories))))]
                assert colours == [t.accent(i) for i in range(len(colours))], (name, stem)
            elif planned.chart_type == "range":
                assert str(plot.series[1].format.fill.fore_color.rgb) == t.accent(0)
            elif planned.chart_type == "line":
                for i, s in enumerate(plot.series):
                    assert str(s.format.line.color.rgb) == t.accent(i), (name, stem)
            else:
                for i, s in enumerate(plot.series):
                    assert str(s.format.fill.fore_color.rgb) == t.accent(i), (name, stem)
            if planned.chart_type not in ("pie", "doughnut"):   # charts.gridlines is on
                assert chart.value_axis.has_major_gridlines
    assert {"bar", "pie", "range"} <= seen


def test_the_pptx_colour_scheme_is_the_palette(decks):
    for (name, stem), (t, result, prs) in decks.items():
        with zipfile.ZipFile(result.files[0]) as z:
            xml = z.read("ppt/theme/theme1.xml").decode()
        for slot, key in (("dk1", "text"), ("lt1", "background"), ("dk2", "primary"),
                          ("hlink", "link"), ("accent1", None)):
            want = t.accent(0) if key is None else t.color(key)
            assert re.search(f'<a:{slot}><a:srgbClr val="{want}"/></a:{slot}>', xml), (name, slot)
        assert f'<a:latin typeface="{t.fonts["heading"]}"/>' in xml


def test_no_text_overflows_in_any_theme(decks):
    for (name, stem), (t, result, prs) in decks.items():
        over = [n for n in result.fit_notes if n.action == "overflow"]
        assert not over, (name, stem, over)


def test_gridlines_and_data_labels_follow_the_theme(write, tmp_path):
    f = write("extends: default\ncharts: {gridlines: false, data_labels: false}\n", "bare.yaml")
    result = build(BRIEFING, tmp_path / "out", str(f), ["pptx"])
    prs = Presentation(str(result.files[0]))
    charts = [sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert charts
    for ch in charts:
        assert not ch.plots[0].has_data_labels
        if ch.chart_type not in (5, -4120):   # pie, doughnut have no value axis
            assert not ch.value_axis.has_major_gridlines


@requires_soffice
def test_libreoffice_draws_the_dark_theme(decks, tmp_path):
    t, result, prs = decks[("dark", BRIEFING.stem)]
    pdf = to_pdf(result.files[0], tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "10", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(result.deck.slides)
    from PIL import Image
    for png, planned in zip(pages, result.deck.slides):
        im = Image.open(png).convert("RGB")
        # the middle of the left edge: no text or shape there, only the background
        r, g, b = im.getpixel((1, im.height * 3 // 4))
        want = t.color("cover" if planned.kind in ("title", "section") else "background")
        assert max(abs(r - int(want[0:2], 16)), abs(g - int(want[2:4], 16)),
                   abs(b - int(want[4:6], 16))) <= 6, (png.name, (r, g, b), want)


# -- helpers ---------------------------------------------------------------------------


def _parts(pptx):
    with zipfile.ZipFile(pptx) as z:
        for n in z.namelist():
            if re.match(r"ppt/(slides/slide|charts/chart)\d+\.xml$", n):
                yield z.read(n).decode()


def _typefaces(pptx) -> tuple[set, set]:
    latin, east = set(), set()
    for xml in _parts(pptx):
        latin |= set(re.findall(r'<a:latin typeface="([^"]+)"', xml))
        east |= set(re.findall(r'<a:ea typeface="([^"]+)"', xml))
    return latin, east


def _colours(pptx) -> set:
    out = set()
    for xml in _parts(pptx):
        out |= {c.upper() for c in re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"', xml)}
    return out


def _palette_colours(t) -> set:
    base = set()
    for v in t.palette.values():
        base |= set(v) if isinstance(v, list) else set(v.values()) if isinstance(v, dict) else {v}
    # the design blends two theme colours: washes, tints, outlines
    return base | {mix(a, b, share) for a in base for b in base for share in (0.15, 0.2, 0.3, 0.82)}
