"""One build object: each stage computed once per build, whatever the formats."""

from __future__ import annotations

import os

import pytest

from deckgen.build import pipeline
from deckgen.build.formats import default_formats, get_writers
from deckgen.build.parallel import can_fork
from deckgen.content.loader import load
from deckgen.handout import drawings
from deckgen.render import svg_charts

from .conftest import BRIEFING


def _count_figures(monkeypatch, log):
    """Make every chart or yardstick figure laid out append a line to ``log`` (any process).

    Every chart is drawn by render.svg_charts: the handouts' through
    handout.drawings (the PDF and the Word handout share each drawing), the
    slides PDF's at the slide's size.
    """
    for module, name, kind in ((drawings, "chart_svg", "chart_figure"),
                               (drawings, "yardstick_svg", "yardstick_figure"),
                               (svg_charts, "chart_svg", "chart_figure")):
        real = getattr(module, name)

        def counted(*args, _real=real, _kind=kind, **kwargs):
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {_kind}\n")
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)


def _designs(monkeypatch, log):
    real = pipeline.design

    def counted(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} design\n")
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "design", counted)


@pytest.mark.parametrize("workers", [1, 2])
def test_design_runs_once_and_each_chart_is_drawn_once_per_build(tmp_path, monkeypatch, workers):
    if workers > 1 and not can_fork():
        pytest.skip("no fork here")
    log = tmp_path / "log.txt"
    _count_figures(monkeypatch, log)
    _designs(monkeypatch, log)
    formats = default_formats() + ["handout-slides-pdf", "handout-notes-docx"]
    result = pipeline.build_content(load(BRIEFING), tmp_path / "out", formats=formats,
                                    writers=get_writers(formats), report=True, workers=workers)
    lines = log.read_text(encoding="utf-8").splitlines()
    kinds = [line.split()[1] for line in lines]
    assert kinds.count("design") == 1, lines
    handout = [blk for blk in result.build._pictures.values()
               if type(blk).__name__ == "Handout" and blk.style == "reading"]
    assert len(handout) == 1
    # one figure per chart and one per yardstick the reading handout shows, for PDF and DOCX
    want = len(handout[0].charts()) + sum(type(b).__name__ == "Yardstick"
                                          for b in handout[0].blocks)
    assert want >= 3
    # and one per chart of the slides PDF, drawn at the slide's size
    want += sum(type(it).__name__ == "ChartFrame" for ps in result.build.placed.slides
                for it in ps.walk())
    assert kinds.count("chart_figure") + kinds.count("yardstick_figure") == want, lines
    if workers > 1:     # computed before the writers forked: all in this process
        assert {line.split()[0] for line in lines} == {str(os.getpid())}
    names = {p.name for p in result.files}
    assert {"south-korea-briefing-handout.pdf", "south-korea-briefing-handout.docx",
            "south-korea-briefing.pptx"} <= names


def test_every_writer_takes_the_build_object(tmp_path):
    content = load(BRIEFING)
    build = pipeline.Build(content, pipeline.resolve_theme(content, None))
    for w in get_writers(default_formats()):
        names = w.write(build, tmp_path)
        assert names and all((tmp_path / n).is_file() for n in names), w.name
    assert build.counts["design"] == 1 and build.counts["plan"] == 1
    assert build.counts["quiz"] == 1


def test_a_theme_error_gets_the_content_file_location_on_a_copy(tmp_path):
    from deckgen.errors import DeckgenError, Loc
    e = DeckgenError("found 'x'", path="theme")
    loc = Loc("talk.yaml", 3, 8)
    placed = e.located(loc)
    assert placed is not e and e.loc is None
    assert str(placed) == "talk.yaml:3:8: theme: found 'x'"
    assert placed.located(Loc("other.yaml", 1, 1)) is placed
