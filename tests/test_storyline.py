"""The storyline: order of blocks, slide kinds, splitting, chart placement."""

from deckgen.deck.charts import pick_type, resolve
from deckgen.content.loader import load
from deckgen.deck.storyline import balanced, chunks, plan
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING

THEME = load_theme("default")


def kinds(deck):
    return [(s.kind, s.full_title) for s in deck.slides]


def test_briefing_order_and_kinds():
    deck = plan(load(BRIEFING), THEME)
    blocks = [s.block for s in deck.slides]
    order = ["title", "objectives", "question", "bluf", "context", "figures", "timeline",
             "concerns", "constraints", "responses", "outlook", "sections", "discussion", "sources"]
    seen = [b for b in dict.fromkeys(blocks) if b != "charts"]
    assert seen == order
    assert deck.slides[0].kind == "title"
    assert {s.kind for s in deck.slides} >= {"title", "question", "judgements", "bullets", "figures",
                                              "chart", "timeline", "items", "yardstick", "sources",
                                              "table", "quote", "section"}
    assert deck.warnings == ()


def test_titles_are_unique():
    for path in (BRIEFING,):
        deck = plan(load(path), THEME)
        titles = [s.full_title for s in deck.slides]
        assert len(titles) == len(set(titles))


def test_charts_appear_where_referenced(write):
    c = load(write("""
        title: T
        figures: [{id: f, value: 1}]
        charts:
          - {id: free, data: {a: 1, b: 2}, takeaway: Free chart}
          - {id: ev, data: {a: 1, b: 2}, takeaway: Evidence chart}
        concerns:
          - {title: C, evidence: [ev, f]}
        """))
    deck = plan(c, THEME)
    assert kinds(deck) == [("title", "T"), ("figures", "Key figures"), ("chart", "Free chart"),
                           ("items", "Concerns"), ("chart", "Evidence chart")]
    items = deck.slides[3]
    assert [e.text for e in items.evidence[0]] == ["Chart: Evidence chart", "1 · f"]


def test_outline_replaces_the_order(write):
    c = load(write("""
        title: T
        context: [a]
        outlook: [b]
        discussion: [c]
        outline: [discussion, context]
        """))
    deck = plan(c, THEME)
    assert kinds(deck) == [("title", "T"), ("bullets", "Discussion questions"),
                           ("bullets", "Context")]
    assert deck.warnings == ("the 'outlook' block is not shown: it is not in the outline; "
                             "add it to 'outline' to show it",)


def test_long_lists_continue_on_numbered_slides(write):
    points = "\n".join(f"  - Point number {i} with enough words to take a line of its own"
                       for i in range(30))
    deck = plan(load(write(f"title: T\ncontext:\n{points}\n")), THEME)
    titles = [s.full_title for s in deck.slides[1:]]
    n = len(titles)
    assert n >= 3
    assert titles == [f"Context ({i}/{n})" for i in range(1, n + 1)]
    assert sum(len(s.points) for s in deck.slides[1:]) == 30


def test_balanced_and_chunks():
    assert [len(g) for g in balanced(list(range(7)), 4)] == [4, 3]
    assert [len(g) for g in chunks([1] * 10, lambda x: x, 8)] == [5, 5]


def test_chart_type_is_picked_from_the_data(write):
    c = load(write("""
        title: T
        charts:
          - {id: share, data: {a: 60, b: 30, c: 10}}
          - {id: cats, data: {Alpha: 3, Beta: 5}}
          - {id: years, data: {"2019": 1, "2020": 2, "2021": 3, "2022": 4, "2023": 5, "2024": 6}}
          - {id: few, data: {"2022": 1, "2023": 2}}
          - {id: rng, data: {a: [1, 2]}}
          - {id: many, data: {a: 10, b: 10, c: 10, d: 10, e: 10, f: 10, g: 10, h: 10, i: 10, j: 10}}
          - {id: given, type: doughnut, data: {a: 1, b: 2}}
        """))
    assert [pick_type(ch) for ch in c.charts] == ["pie", "bar", "line", "column", "range",
                                                 "bar", "doughnut"]


def test_a_bar_chart_with_more_bars_than_labels_fit_continues_with_one_axis(write):
    data = ", ".join(f"c{i:02d}: {i}" for i in range(1, 26))
    c = load(write(f"title: T\ncharts:\n  - {{id: big, takeaway: Many bars, data: {{{data}}}}}\n"))
    slides = plan(c, THEME).slides[1:]
    assert [s.full_title for s in slides] == ["Many bars (1/3)", "Many bars (2/3)", "Many bars (3/3)"]
    assert [len(s.chart.data.categories) for s in slides] == [9, 8, 8]
    axes = {resolve(s.chart, s.chart_type, extent=s.extent).axis for s in slides}
    assert len(axes) == 1          # every part on one scale, so bars compare across slides
    axis, = axes
    assert axis.low == 0 and axis.high >= 25 and axis.high in axis.ticks()
    cats = [c for s in slides for c in s.chart.data.categories]
    assert cats == [f"c{i:02d}" for i in range(1, 26)]
