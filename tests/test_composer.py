"""The composer: each block's variant, sizes and cut over slides, measured, not counted."""

import pytest

from deckgen.content.loader import load
from deckgen.content.model import Event, Item, Point
from deckgen.deck.composer import Room, bullets, cards, cut, imbalance, timeline, yardstick
from deckgen.deck.design import design
from deckgen.deck.storyline import plan
from deckgen.layout.placed import TextBox
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING

THEME = load_theme("default")
ROOM = Room(THEME, banner=True)

SHORT = "A short detail that takes two lines on a narrow card and no more than that."


def card(i, detail=SHORT, points=()):
    return Item(title=f"Card {i}", detail=detail, points=tuple(Point(p) for p in points))


def blocks(deck, block):
    return [s for s in deck.slides if s.block == block]


# -- the cut: fewest slides, balanced -------------------------------------------------------


def test_cut_takes_the_fewest_slides_and_balances_them():
    # at most 4 a slide: 7 items are 4 + 3, never 4 + 2 + 1 or 6 + 1
    assert cut(7, lambda i, j: j - i <= 4) == [(0, 4), (4, 7)]
    # 6 fit one slide only as 5: 5 + 1 is the only two-slide cut left... but 3 + 3 is even
    assert cut(6, lambda i, j: j - i <= 5) == [(0, 3), (3, 6)]
    assert cut(3, lambda i, j: True) == [(0, 3)]
    assert cut(2, lambda i, j: False) is None


def test_balance_rule_no_lone_item_after_a_full_slide():
    # 10 items, 4 fit a slide: 4 + 3 + 3 rather than 4 + 4 + 2
    runs = cut(10, lambda i, j: j - i <= 4)
    assert [j - i for i, j in runs] == [4, 3, 3]
    assert imbalance([5, 1]) > imbalance([3, 3]) == 0
    assert imbalance([3, 1]) > imbalance([2, 2])


def test_cut_respects_measured_sizes_not_counts():
    sizes = [3, 1, 1, 1, 3, 1]          # capacity 4: big items pair only with small ones
    runs = cut(len(sizes), lambda i, j: sum(sizes[i:j]) <= 4)
    assert all(sum(sizes[i:j]) <= 4 for i, j in runs)
    assert len(runs) == 3


# -- cards ---------------------------------------------------------------------------------


def test_three_short_cards_stand_three_across_on_one_slide():
    ch = cards([card(i) for i in range(3)], [[] for _ in range(3)], ROOM)
    assert [len(g) for g in ch.groups] == [3]
    assert ch.layouts[0].variant == "cards 3 across"


def test_four_short_cards_take_a_two_by_two_grid_or_one_row_on_one_slide():
    ch = cards([card(i) for i in range(4)], [[] for _ in range(4)], ROOM)
    assert [len(g) for g in ch.groups] == [4]
    assert ch.layouts[0].variant in ("cards 2×2", "cards 4 across")


def test_cards_are_sized_to_their_text_not_the_slide():
    ch = cards([card(i) for i in range(3)], [[] for _ in range(3)], ROOM)
    (height,) = ch.layouts[0].rows
    assert height < ROOM.body.h * 0.6
    longer = cards([card(i, SHORT * 3) for i in range(3)], [[] for _ in range(3)], ROOM)
    assert longer.layouts[0].rows[0] > height


def test_six_cards_split_three_and_three_with_one_grid():
    detail = SHORT * 2
    ch = cards([card(i, detail) for i in range(6)], [["74.2 % · Against lethal aid"]] * 6, ROOM)
    assert [len(g) for g in ch.groups] == [3, 3]
    assert len({(lay.variant, lay.width) for lay in ch.layouts}) == 1


def test_fourteen_concerns_need_at_most_six_slides(write):
    body = "\n".join(f"  - {{title: Concern {i}, impact: high, detail: '{SHORT}'}}"
                     for i in range(14))
    deck = plan(load(write(f"title: T\nclassification: OFFICIAL\nconcerns:\n{body}\n")), THEME)
    slides = blocks(deck, "concerns")
    assert len(slides) <= 6
    assert [i.title for s in slides for i in s.items] == [f"Concern {i}" for i in range(14)]
    sizes = [len(s.items) for s in slides]
    assert max(sizes) - min(sizes) <= 1


def test_a_card_without_evidence_has_no_evidence_footer(write):
    deck = plan(load(write("""
        title: T
        figures: [{id: f, value: 1, label: One}]
        concerns:
          - {title: With, detail: Some detail, evidence: f}
          - {title: Without, detail: Some detail}
        """)), THEME)
    placed = design(deck, THEME)
    slide = next(p for p, s in zip(placed.slides, deck.slides) if s.block == "concerns")
    evidence = [it for it in slide.walk() if isinstance(it, TextBox) and it.name == "Evidence"]
    assert len(evidence) == 1
    assert evidence[0].paras[0].text.startswith("**Evidence:** 1 · One")


# -- bullets -------------------------------------------------------------------------------


def test_a_short_list_is_set_larger_and_centred():
    ch = bullets([Point("First objective"), Point("Second objective")], ROOM, numbered=True)
    lay = ch.layouts[0]
    assert lay.size == THEME.sizes["body_maximum"] > THEME.sizes["body"]
    assert lay.centred and 0 < lay.width < ROOM.body.w


def test_a_long_list_keeps_the_body_size_and_continues_balanced():
    points = [Point(f"Point {i} with enough words to take a good part of a line on a slide")
              for i in range(14)]
    ch = bullets(points, ROOM, columns=False)
    sizes = [len(g) for g in ch.groups]
    assert len(sizes) == 2 and max(sizes) - min(sizes) <= 1
    assert {lay.size for lay in ch.layouts} == {THEME.sizes["body"]}
    assert not any(lay.centred for lay in ch.layouts)


def test_many_short_points_take_two_columns_rather_than_another_slide():
    points = [Point(f"Item {i}") for i in range(16)]
    one = bullets(points, ROOM, columns=False)
    two = bullets(points, ROOM)
    assert len(two.groups) < len(one.groups)
    assert two.layouts[0].cols == 2 and two.layouts[0].split == 8


def test_keep_together_holds_a_list_on_one_slide_at_a_smaller_size():
    points = [Point(f"Point {i} with enough words to take a good part of a line on a slide")
              for i in range(10)]
    free = bullets(points, ROOM, columns=False)
    kept = bullets(points, ROOM, columns=False, keep=True)
    assert len(free.groups) == 2 and len(kept.groups) == 1
    assert kept.layouts[0].size < THEME.sizes["body"]
    assert "kept together" in kept.note


def test_keep_together_that_cannot_be_kept_says_so_in_the_report(write, run, tmp_path):
    points = "\n".join(f"  - Point {i} with enough words to take a good part of a line on a slide"
                       for i in range(40))
    path = write(f"title: T\nkeep: {{context: together}}\ncontext:\n{points}\n")
    code, out, err = run("build", path, "--report", "--out", tmp_path, "--formats", "pptx")
    assert code == 0, err
    line = next(l for l in out.splitlines() if l.lstrip().startswith("slide") and "Context:" in l)
    assert "keep: together asked for one slide, but even at the minimum sizes it needs" in line


def test_keep_with_a_wrong_value_is_a_located_error(write, run):
    path = write("title: T\nkeep: {timeline: togther}\n")
    code, out, err = run("validate", path)
    assert code != 0
    assert f"{path}:2:18: keep.timeline: found 'togther'; allowed: 'together' " \
           "(did you mean 'together'?)" in err


# -- timeline, yardstick, figures ----------------------------------------------------------


def test_eight_timeline_events_take_one_slide_and_nine_take_two_balanced():
    ev = [Event(date=f"2024-{m:02d}", text="Something that happened in this month")
          for m in range(1, 10)]
    assert [len(g) for g in timeline(ev[:8], ROOM).groups] == [8]
    assert [len(g) for g in timeline(ev, ROOM).groups] == [5, 4]


def test_long_event_texts_use_a_smaller_size_before_another_slide():
    long = "An event with a long description " * 3
    ev = [Event(date="2024", text=long) for _ in range(6)]
    ch = timeline(ev, ROOM)
    assert len(ch.groups) == 1 and ch.layouts[0].size == ROOM.minimum


def test_yardstick_rows_are_sized_to_their_labels():
    deck = plan(load(BRIEFING), THEME)
    (slide,) = [s for s in deck.slides if s.kind == "yardstick"]
    assert len(slide.items) == 5
    heights = slide.layout.rows
    assert len(heights) == 5 and len(set(heights)) > 1        # two-line labels get taller rows
    ch = yardstick(list(slide.items), ROOM)
    assert [len(g) for g in ch.groups] == [5]


def test_the_briefing_keeps_one_number_size_and_one_grid_for_its_figures():
    deck = plan(load(BRIEFING), THEME)
    slides = blocks(deck, "figures")
    assert sum(len(s.figures) for s in slides) == 7
    assert len({(s.layout.head, s.layout.size, s.layout.rows) for s in slides}) == 1
    placed = design(deck, THEME)
    numbers = {tb.paras[0].style.size for p in placed.slides for tb in p.walk()
               if isinstance(tb, TextBox) and tb.name.startswith("Figure ")}
    assert numbers == {slides[0].layout.head}


def test_the_briefing_composes_fewer_slides_with_every_item():
    c = load(BRIEFING)
    deck = plan(c, THEME)
    assert len(blocks(deck, "timeline")) == 1
    assert len([s for s in deck.slides if s.kind == "yardstick"]) == 1
    assert [len(s.items) for s in blocks(deck, "constraints")] == [3, 3]
    shown = [i.id for s in deck.slides if s.kind == "items" for i in s.items]
    assert sorted(shown) == sorted([i.id for i in c.concerns + c.constraints + c.responses])
    points = [p for s in blocks(deck, "context") for p in s.points]
    assert points == list(c.context)
    # "(2/2)" only where a block really runs over two slides
    for s in deck.slides:
        assert (s.part[1] > 1) == (len([t for t in deck.slides if t.title == s.title
                                        and t.block == s.block]) > 1)


def test_composing_is_deterministic():
    a = plan(load(BRIEFING), THEME)
    b = plan(load(BRIEFING), THEME)
    assert a == b and a.choices == b.choices


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_composed_text_is_never_below_the_minimums(theme):
    th = load_theme(theme)
    placed = design(plan(load(BRIEFING), th), th)
    for p in placed.slides:
        for tb in p.walk():
            if isinstance(tb, TextBox):
                assert not tb.overflow, (p.number, tb.name)
                for para in tb.paras:
                    assert para.style.size >= th.sizes["minimum"], (p.number, tb.name)
                if tb.name.startswith(("Bullets", "Event ", "Card ")) and tb.name != "Card heading":
                    body = [x.style.size for x in tb.paras if x.level == 0]
                    assert min(body) >= th.sizes["body_minimum"], (p.number, tb.name)


def test_a_short_two_column_slide_is_set_larger_and_a_long_one_continues():
    from deckgen.deck.composer import two_columns
    short = two_columns([Point("Likelihood"), Point("About the world")],
                        [Point("Confidence"), Point("About the evidence")], ROOM)
    assert len(short.groups) == 1
    assert short.layouts[0].size == THEME.sizes["body_maximum"]
    many = [Point(f"Point {i} with enough words to wrap in a column") for i in range(12)]
    long = two_columns(many, many[:3], ROOM)
    assert len(long.groups) >= 2
    (size,) = {lay.size for lay in long.layouts}        # one size on every slide
    assert THEME.sizes["body"] - 2 <= size <= THEME.sizes["body"]
    left = [p for g in long.groups for p in g[0]]
    right = [p for g in long.groups for p in g[1]]
    assert left == many and right == many[:3]


def test_a_few_events_are_set_at_the_body_size():
    ev = [Event(date=f"20{y}", text="Something happened") for y in (10, 15, 20, 24)]
    lay = timeline(ev, ROOM).layouts[0]
    assert lay.size == THEME.sizes["body"] and lay.head == lay.size + 2


def test_a_grid_per_slide_only_when_one_grid_would_need_more_slides():
    # one long card among six short ones: no single grid holds the seven on two
    # slides, so each slide takes the grid its own cards fit (2 across, then 3×2)
    items = [card(0, SHORT * 5)] + [card(i) for i in range(1, 7)]
    ch = cards(items, [[] for _ in items], ROOM)
    assert [len(g) for g in ch.groups] == [2, 5]
    assert [lay.cols for lay in ch.layouts] == [2, 3]
    assert len(ch.layouts[1].rows) == 2
    assert ch.layouts[0].variant == "cards, a grid per slide"
    assert [c.title for g in ch.groups for c in g] == [c.title for c in items]
    # with cards alike, one grid serves the whole block
    short = cards([card(i) for i in range(7)], [[] for _ in range(7)], ROOM)
    assert len({lay.variant for lay in short.layouts}) == 1


def test_eight_title_only_cards_share_one_slide_in_two_rows_of_four():
    items = [Item(title=f"Constraint {i}") for i in range(8)]
    ch = cards(items, [[] for _ in items], ROOM)
    assert [len(g) for g in ch.groups] == [8]
    assert ch.layouts[0].variant == "cards 4×2" and len(ch.layouts[0].rows) == 2


def test_sources_are_cut_by_their_measured_lines_not_by_count(write):
    long = "A source title that runs on with a subtitle, a series name and more words " * 2
    entries = "\n".join(f"  - {{id: s{i}, title: '{long if i % 3 == 0 else 'Short'}', "
                        f"url: 'https://example.org/{'x' * 40}/{i}'}}" for i in range(9))
    deck = plan(load(write(f"title: T\nsources:\n{entries}\n")), THEME)
    slides = blocks(deck, "sources")
    assert [n for s in slides for n, _ in s.entries] == list(range(1, 10))
    placed = design(deck, THEME)
    boxes = [tb for p in placed.slides for tb in p.walk()
             if isinstance(tb, TextBox) and tb.name == "Sources list"]
    assert boxes and not any(tb.overflow or tb.shrunk_from for tb in boxes)
    assert len({s.layout.size for s in slides}) == 1


def test_a_figure_alone_on_its_slide_is_set_large():
    # a sparse slide uses its room: the intro's 'Mind the gap' slide holds one figure
    from .conftest import CONTENT
    intro = next(p for p in CONTENT if p.stem == "intro-to-strategic-assessment")
    deck = plan(load(intro), THEME)
    lone = [s for s in deck.slides if s.kind == "figures" and len(s.figures) == 1]
    assert lone
    for s in lone:
        assert s.layout.head >= 2 * THEME.sizes["figure"]      # the number, 96 pt or more
        assert s.layout.size == 28                               # its label
    placed = design(deck, THEME)
    for ps in placed.slides:
        for it in ps.items:
            if isinstance(it, TextBox) and it.name.startswith("Figure ") and \
                    ps.number - 1 in [deck.slides.index(s) for s in lone]:
                assert not it.overflow and not it.shrunk_from
