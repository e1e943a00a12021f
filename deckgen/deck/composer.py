"""The composer: how a whole block becomes slides, measured before it is cut.

The storyline hands each block over whole (all its cards, figures, events,
points). For every kind the composer knows a few designed variants — cards
1 to 4 across or in a 2×2 grid, figure grids, a timeline with labels above
and below its axis, one or two bullet columns, yardstick rows sized to their
labels — and measures each one with the font metrics the design and the
fitting engine use. Each variant is cut into the fewest slides it allows
(a balanced cut: 3 + 3, never 5 + 1) and scored; the best one wins:

1. fewest slides (and one slide when the block asks for ``keep: together``);
2. nothing below the theme's minimum sizes (variants below them are not made);
3. balance between the slides of a block (no lone item after a full slide);
4. the sizes the design prefers (the theme's body size for long blocks, up to
   its body maximum for a short list alone on its slide), then even fill.

A variant holds for all the block's slides: one grid, one set of sizes. The
result is a :class:`Choice`: the items of each slide, each slide's
:class:`~deckgen.deck.model.Layout` and a one-line explanation for
``deckgen build --report``. Everything here is pure and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.markup import Run, parse
from deckgen.content.model import Event, Figure, Item, Point
from deckgen.deck.charts import figure_text
from deckgen.deck.model import Layout
from deckgen.layout.fitting import BULLET_INDENT, layout_para
from deckgen.layout.fitting import text_height as paras_height
from deckgen.layout.geometry import (CARD_GAP, EMU_PER_IN, EMU_PER_PT, TWO_COL_GAP, YARD_HEAD_H,
                                     YARD_LABEL_W, Box, card_height, card_width, frame,
                                     title_fits_one_line,
                                     yardstick_row_height)
from deckgen.layout.placed import Para, Style
from deckgen.theme.theme import Theme

IN = EMU_PER_IN
SLACK = 2.0                     # points kept free in every measured box (rounding, renderers)
FIGURE_GAP = int(0.25 * IN)
FIGURE_INSET = (int(0.22 * IN), int(0.08 * IN))
FIGURE_BAR = int(0.08 * IN)     # the accent bar along a figure card's top
FIGURE_NUMBER_FLOOR = 28.0      # a key figure's number is never set smaller
FIGURE_ALONE = 2.5              # a figure alone on a slide: its number up to 2.5 × the theme's
TIMELINE_MOST = 8               # events on one timeline slide
BULLET_TOP = int(0.05 * IN)     # the bullets box starts this far below the body's top
TWO_COL_TOP = int(0.2 * IN)     # two columns sit under their accent rules
SPARSE_FILL = 0.85              # a short list grows until it takes this share of the body

# The grids a block of figures may be drawn in (figures per row), by the most on a slide.
FIGURE_GRIDS = {1: ((1,),), 2: ((2,),), 3: ((3,),), 4: ((2, 2), (4,)), 5: ((3, 2),),
                6: ((3, 3),), 7: ((4, 3),), 8: ((4, 4),)}
# Card variants (across, rows), in the order a designer prefers them when they tie.
CARD_VARIANTS = ((3, 1), (2, 1), (2, 2), (3, 2), (1, 1), (1, 2), (4, 1), (1, 3), (4, 2))


@dataclass(frozen=True)
class Choice:
    """The composer's decision for a block: items per slide, their layouts, why."""

    groups: tuple[tuple, ...]
    layouts: tuple[Layout, ...]
    note: str

    def slides(self):
        """Yield (items, layout) per slide."""
        return zip(self.groups, self.layouts)


class Room:
    """The space a content slide offers in a theme, and the sizes allowed there."""

    def __init__(self, theme: Theme, banner: bool, labels: Labels = ENGLISH,
                 one_line_title: bool = False) -> None:
        self.theme = theme
        self.banner = banner
        self.labels = labels            # the built-in words measured with the text
        self.one_line_title = one_line_title
        self.frame = frame(theme, banner, one_line_title)
        self.body: Box = self.frame.body
        self.font = theme.fonts["body"]
        self.head_font = theme.fonts["heading"]
        s = theme.sizes
        self.size = float(s["body"])
        self.minimum = float(max(s["body_minimum"], s["minimum"]))
        self.maximum = float(max(s.get("body_maximum", s["body"]), s["body"]))
        self.caption = float(max(s["caption"], s["minimum"]))
        self.figure = float(s["figure"])

    def for_title(self, title: str) -> "Room":
        """Return the room under ``title``: a taller body when the title sets on one line.

        Measured with a "(10/10)" after it, so the slides of a block that
        continues get the room it was cut for.
        """
        one = title_fits_one_line(f"{title} (10/10)", self.theme)
        if one == self.one_line_title:
            return self
        return Room(self.theme, self.banner, self.labels, one)

    def style(self, size: float, bold: bool = False, heading: bool = False) -> Style:
        """Return a style to measure with (colour plays no part in measuring)."""
        return Style(size, "000000", self.head_font if heading else self.font, bold)

    def sizes(self, top: float) -> list[float]:
        """Return the text sizes to try, largest first: ``top`` down to the minimum in 2 pt steps."""
        out, pt = [], top
        while pt >= self.minimum - 1e-9:
            out.append(pt)
            pt -= 2
        if out[-1] > self.minimum:
            out.append(self.minimum)
        if self.size not in out and self.minimum <= self.size <= top:
            out.append(self.size)
        return sorted(set(out), reverse=True)


# -- cutting: the fewest balanced slides ------------------------------------------------


def cut(n: int, fits: Callable[[int, int], bool], most: int = 99) -> list[tuple[int, int]] | None:
    """Return the fewest runs ``[(i, j), ...]`` covering ``range(n)`` in which every run fits.

    Among cuts with that many runs, the one whose runs hold the most even
    number of items wins (7 over two slides is 4 + 3, never 6 + 1); ties go
    to fuller first slides. ``fits(i, j)`` says whether items ``i..j-1`` fit
    one slide; it must be monotone (a run that fits still fits with an item
    less), as every measured block is. Returns None when some item does not
    fit a slide on its own.
    """
    if n == 0:
        return []
    ok: dict[tuple[int, int], bool] = {}

    def fit(i: int, j: int) -> bool:
        if j - i > most:
            return False
        if (i, j) not in ok:
            ok[(i, j)] = fits(i, j)
        return ok[(i, j)]

    if not all(fit(i, i + 1) for i in range(n)):
        return None
    # the greedy cut has the fewest runs a monotone fit allows: start there
    fewest, i = 0, 0
    while i < n:
        j = i + 1
        while j < n and fit(i, j + 1):
            j += 1
        fewest, i = fewest + 1, j
    for slides in range(fewest, n + 1):
        ideal = n / slides
        # best[k][j]: (penalty, tie-break, cut) of items[:j] in k runs
        best: list[dict[int, tuple]] = [{0: (0.0, (), ())}] + [{} for _ in range(slides)]
        for k in range(1, slides + 1):
            for j in range(k, n + 1):
                cands = []
                for i in range(j - 1, k - 2, -1):      # runs i..j-1, longest last
                    if not fit(i, j):
                        break                          # monotone: a longer run fits no better
                    prev = best[k - 1].get(i)
                    if prev is None:
                        continue
                    size = j - i
                    # even runs first; on a tie the earlier run is the fuller one
                    cands.append((prev[0] + (size - ideal) ** 2, prev[1] + (-size,),
                                  prev[2] + ((i, j),)))
                if cands:
                    best[k][j] = min(cands)
        if n in best[slides]:
            return list(best[slides][n][2])
    return None


def imbalance(sizes: Sequence[int]) -> float:
    """Return how unevenly items spread over slides (0 when even; a lone last item weighs most)."""
    if len(sizes) < 2:
        return 0.0
    spread = max(sizes) - min(sizes)
    lone = 2.0 if sizes[-1] == 1 and max(sizes) >= 3 else 0.0
    return spread + lone


def _runs_to_groups(items: Sequence, runs) -> tuple[tuple, ...]:
    return tuple(tuple(items[i:j]) for i, j in runs)


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def _slides(n: int) -> str:
    return f"{n} slide{'s' if n != 1 else ''}"


def _parts(groups, noun: str = "") -> str:
    """Return " (3 + 2 cards)" for a block cut over slides, "" for one slide."""
    if len(groups) < 2:
        return ""
    return f" ({' + '.join(str(len(g)) for g in groups)}{' ' + noun if noun else ''})"


def _keep_note(keep: bool, slides: int) -> str:
    if keep and slides > 1:
        return ("; keep: together asked for one slide, but even at the minimum sizes it needs "
                f"{slides}")
    if keep:
        return "; kept together"
    return ""


# -- bullets ------------------------------------------------------------------------------


def point_paras(points: Sequence[Point], size: float, minimum: float, gap: float,
                style: Callable[[float, int], Style], numbered: bool = False,
                start: int = 1, level: int = 0) -> list[Para]:
    """Return the paragraphs of a list of points, as the design sets them.

    Sub-points are 2 pt smaller (never below ``minimum``); ``gap`` is the
    space before each top-level point, sub-points get a fifth of the size.
    """
    out = []
    for i, p in enumerate(points):
        pt = size if level == 0 else max(size - 2, minimum)
        bullet = "num" if (numbered and level == 0) else ("•" if level == 0 else "–")
        space = (gap if i else 4.0) if level == 0 else round(size * 0.18, 1)
        out.append(Para(p.text, style(pt, level), level=level, bullet=bullet, number=start + i,
                        space_before=space))
        out.extend(point_paras(p.points, size, minimum, gap, style, level=level + 1))
    return out


def bullet_gap(size: float) -> float:
    """Return the usual space before a top-level point at ``size`` (10 pt at 22 pt)."""
    return round(size * 10 / 22, 1)


class _Bullets:
    def __init__(self, room: Room, points: Sequence[Point], numbered: bool) -> None:
        self.room = room
        self.points = list(points)
        self.numbered = numbered
        self._h: dict = {}
        self._sums: dict = {}

    def style(self, size: float, level: int) -> Style:
        return self.room.style(size)

    def height(self, k: int, size: float, width: int) -> float:
        """Return the height of point ``k`` alone (no space before it), in points."""
        key = (k, size, width)
        if key not in self._h:
            paras = point_paras([self.points[k]], size, self.room.minimum, 0.0, self.style,
                                self.numbered, start=k + 1)
            self._h[key] = paras_height(paras, _pt(width))
        return self._h[key]

    def column(self, i: int, j: int, size: float, gap: float, width: int) -> float:
        """Return the height of points i..j-1 in one column, in points (prefix sums)."""
        key = (size, width)
        sums = self._sums.get(key)
        if sums is None:
            sums = [0.0]
            for k in range(len(self.points)):
                sums.append(sums[-1] + self.height(k, size, width))
            self._sums[key] = sums
        return sums[j] - sums[i] + gap * max(j - i - 1, 0)

    def widest(self, size: float, width: int) -> float:
        """Return the widest line of the list set at ``size`` in ``width`` (points)."""
        from_paras = point_paras(self.points, size, self.room.minimum, 0.0, self.style,
                                 self.numbered)
        widest = 0.0
        for p in from_paras:
            probe = _probe_width(p, _pt(width))
            widest = max(widest, probe)
        return widest


def _probe_width(p: Para, width_pt: float) -> float:
    """Return the width a paragraph's widest line takes, with its bullet indent."""
    lines = layout_para(p, width_pt)
    indent = p.style.size * BULLET_INDENT * (p.level + (1 if p.bullet else 0))
    return max((line.width for line in lines), default=0.0) + indent


def bullets(points: Sequence[Point], room: Room, numbered: bool = False, keep: bool = False,
            columns: bool = True) -> Choice:
    """Compose a list of points: one or two columns, the size, the cut over slides.

    A list that fits one slide is set as large as the body maximum allows
    (taking at most ``SPARSE_FILL`` of the body) and centred; a longer one
    keeps the theme's body size if it can, smaller (not below the minimum)
    when that saves a slide.
    """
    b = room.body
    m = _Bullets(room, points, numbered)
    n = len(points)
    cap = _pt(b.h - BULLET_TOP) - SLACK
    col_w = (b.w - TWO_COL_GAP) // 2
    col_cap = _pt(b.h - TWO_COL_TOP) - SLACK
    # a list may go 2 pt under the body size to save a slide; down to the minimum only
    # when it asks to be kept together (or a single point needs it)
    floor = room.minimum if keep else max(room.minimum, room.size - 2)
    cands = []
    variants = [(c, z) for c in ((1, 2) if columns else (1,)) for z in room.sizes(room.maximum)]
    for cols, size in variants:
        if size < floor and cands:
            continue
        gap = bullet_gap(size)
        if cols == 1:
            def fits(i, j, size=size, gap=gap):
                return m.column(i, j, size, gap, b.w) <= cap
        else:
            def fits(i, j, size=size, gap=gap):
                return _two_split(m, i, j, size, gap, col_w, col_cap) is not None
        runs = cut(n, fits)
        if runs is None:
            continue
        slides = len(runs)
        # larger than the body size only for a list alone on its slide, and not crowded
        if size > room.size and (slides > 1 or m.column(0, n, size, gap, b.w if cols == 1 else col_w)
                                 > SPARSE_FILL * cap * (1 if cols == 1 else 2)):
            continue
        keep_bad = keep and slides > 1
        # prefer the body size for long blocks, the largest size for a lone short list
        size_pen = abs(room.size - size) if slides > 1 else -size
        # a list on one slide reads best in one column; two only to save a slide
        score = (keep_bad, slides, imbalance([j - i for i, j in runs]),
                 cols if slides == 1 else 0, size_pen, cols)
        cands.append((score, cols, size, gap, runs))
    if not cands:       # a point taller than a slide even at the minimum: one per slide
        runs = [(i, i + 1) for i in range(n)]
        cands.append(((True, n, 0, 0, 0, 1), 1, room.minimum, bullet_gap(room.minimum), runs))
    score, cols, size, gap, runs = min(cands, key=lambda c: c[0])
    layouts = []
    centred = False
    if len(runs) == 1 and cols == 1:
        used = m.column(0, n, size, gap, b.w)
        if n > 1:     # a short list opens up: up to most of a line between points
            spare = SPARSE_FILL * cap - used
            gap = round(gap + max(0.0, min(spare / (n - 1), size * 1.2 - gap)), 1)
            used = m.column(0, n, size, gap, b.w)
        centred = used < 0.7 * cap
    for i, j in runs:
        split = 0
        if cols == 2:
            split = _two_split(m, i, j, size, gap, col_w, col_cap)
        width = 0
        if centred:
            width = int(min(b.w, m.widest(size, b.w) * EMU_PER_PT + 0.3 * IN))
        layouts.append(Layout(variant=f"bullets, {'two columns' if cols == 2 else 'one column'}",
                              cols=cols, size=size, gap=gap, centred=centred, split=split,
                              width=width))
    groups = _runs_to_groups(points, runs)
    note = (f"{layouts[0].variant}{', centred' if centred else ''}, {size:g} pt, "
            f"{_slides(len(runs))}" + _parts(groups, "points")
            + _keep_note(keep, len(runs)))
    return Choice(groups, tuple(layouts), note)


def _two_split(m: _Bullets, i: int, j: int, size: float, gap: float, width: int,
               cap: float) -> int | None:
    """Return how many of points i..j-1 go in the left column so both columns fit (or None)."""
    if j - i == 1:      # one point: the left column alone
        return 1 if m.column(i, j, size, gap, width) <= cap else None
    best = None
    for k in range(i + 1, j):
        left, right = m.column(i, k, size, gap, width), m.column(k, j, size, gap, width)
        if left <= cap and right <= cap:
            worst = max(left, right)
            if best is None or worst < best[0]:
                best = (worst, k - i)
    return None if best is None else best[1]


COLUMN_HEAD_GAP = int(0.12 * IN)   # between a column's heading and its points


def column_head_pt(room: Room) -> float:
    """Return a column heading's size (left_title, right_title): the largest body size the
    columns may take, so a heading is never smaller than its points."""
    return room.maximum


def column_head_paras(text: str, size: float, style: Callable[[float], Style]) -> list[Para]:
    """Return a column heading's paragraph, as the design sets it (bold, in the heading face)."""
    return [Para(text, style(size))]


def column_head_height(heads: Sequence[str], room: Room, width: int) -> int:
    """Return the EMU the column headings take above both columns (0 with none): the
    taller heading's lines, so the two columns' points start level."""
    if not any(heads):
        return 0
    size = column_head_pt(room)
    tallest = max(paras_height(column_head_paras(h, size, lambda pt: room.style(pt, True, True)),
                               _pt(width)) for h in heads if h)
    return int((tallest + SLACK) * EMU_PER_PT) + COLUMN_HEAD_GAP


def two_columns(left: Sequence[Point], right: Sequence[Point], room: Room,
                keep: bool = False, heads: Sequence[str] = ("", "")) -> Choice:
    """Compose a two-column slide: one size for both columns, each column cut over slides.

    Groups are ``(left points, right points)`` per slide. A slide that holds
    both columns is set as large as the body maximum allows (each column at
    most ``SPARSE_FILL`` of its height); a longer one keeps the body size.
    Column ``heads`` (headings) take their measured height off both columns.
    """
    b = room.body
    width = (b.w - TWO_COL_GAP) // 2
    cap = _pt(b.h - TWO_COL_TOP - column_head_height(heads, room, width)) - SLACK
    ms = [_Bullets(room, pts, False) for pts in (left, right)]
    floor = room.minimum if keep else max(room.minimum, room.size - 2)
    cands = []
    for size in room.sizes(room.maximum):
        if size < floor and cands:
            continue
        gap = bullet_gap(size)
        runs = [cut(len(m.points), lambda i, j, m=m: m.column(i, j, size, gap, width) <= cap)
                for m in ms]
        if None in runs:
            continue
        slides = max(len(r) for r in runs) or 1
        if size > room.size and (slides > 1 or any(
                m.column(0, len(m.points), size, gap, width) > SPARSE_FILL * cap for m in ms)):
            continue
        size_pen = abs(room.size - size) if slides > 1 else -size
        cands.append(((keep and slides > 1, slides, size_pen), size, gap, runs, slides))
    if not cands:
        size = room.minimum
        runs = [[(i, i + 1) for i in range(len(m.points))] for m in ms]
        cands.append(((True,), size, bullet_gap(size), runs, max(len(r) for r in runs) or 1))
    _, size, gap, runs, slides = min(cands, key=lambda c: c[0])
    groups = []
    for k in range(slides):
        groups.append(tuple(tuple(pts[i:j]) if k < len(r) else ()
                            for pts, r in zip((left, right), runs)
                            for i, j in [r[k] if k < len(r) else (0, 0)]))
    layouts = tuple(Layout(variant="two columns", cols=2, size=size, gap=gap) for _ in groups)
    note = f"two columns, {size:g} pt, {_slides(slides)}" + _keep_note(keep, slides)
    return Choice(tuple(groups), layouts, note)


# -- cards --------------------------------------------------------------------------------


CARD_LONE_W = int(10 * IN)      # a card alone on its row: lines of about 80 characters


def cards(items: Sequence[Item], evidence: Sequence[Sequence[str]], room: Room,
          keep: bool = False) -> Choice:
    """Compose cards (concerns, constraints, responses): how many across, rows, sizes, the cut.

    Cards are as tall as the tallest card of their row, not as the slide;
    a card without evidence has no evidence footer. Every slide of the
    block keeps one card width and one text size (the largest of 22, 20 and
    18 pt that costs no slide; never below the theme's body minimum); a slide with
    fewer cards centres them. A grid per slide is the last resort, taken
    only when one grid for the block would need more slides.
    """
    b = room.body
    n = len(items)
    text_sizes = sorted({max(z, room.minimum) for z in (22.0, 20.0, 18.0)}, reverse=True)

    def width_of(across: int) -> int:
        return min(b.w, CARD_LONE_W) if across == 1 else card_width(b.w, across)

    @lru_cache(maxsize=None)
    def need(k: int, across: int, text: float) -> int:
        it = items[k]
        return card_height(it.title, it.detail, [p.text for p in it.points], list(evidence[k]),
                           width_of(across), room.font, room.head_font, text, text + 4,
                           room.labels["evidence"]) \
            + int(SLACK * EMU_PER_PT)

    def rows_of(i: int, j: int, across: int, text: float) -> list[int]:
        return [max(need(k, across, text) for k in range(r, min(r + across, j)))
                for r in range(i, j, across)]

    def fits_grid(i: int, j: int, across: int, rows: int, text: float) -> bool:
        hs = rows_of(i, j, across, text)
        return j - i <= across * rows and len(hs) <= rows and \
            sum(hs) + CARD_GAP * (len(hs) - 1) <= b.h

    cands = []
    for size_rank, text in enumerate(text_sizes):
        for rank, (across, rows) in enumerate(CARD_VARIANTS):
            runs = cut(n, lambda i, j, a=across, r=rows, z=text: fits_grid(i, j, a, r, z),
                       most=across * rows)
            if runs is None:
                continue
            filled = [sum(rows_of(i, j, across, text)) / b.h * min(j - i, across) / across
                      for i, j in runs]
            score = (keep and len(runs) > 1, len(runs), False,
                     imbalance([j - i for i, j in runs]), min(filled) < 0.3, rank, size_rank)
            cands.append((score, text, [(across, rows)] * len(runs), runs))
        # the last resort: each slide in the widest grid its own cards fit (some cards
        # too long for a grid that suits the rest); chosen only when it saves slides
        def grid_for(i, j, text=text):
            return next((v for v in CARD_VARIANTS if fits_grid(i, j, *v, text)), None)
        mixed = cut(n, lambda i, j: grid_for(i, j) is not None, most=8)
        if mixed is not None:
            cands.append(((keep and len(mixed) > 1, len(mixed), True,
                           imbalance([j - i for i, j in mixed]), False, 99, size_rank),
                          text, [grid_for(i, j) for i, j in mixed], mixed))
    if not cands:       # a card taller than the body even alone: one a slide, it will shrink
        runs = [(i, i + 1) for i in range(n)]
        cands.append(((True,), text_sizes[-1], [(1, 1)] * n, runs))
    _, text, grids, runs = min(cands, key=lambda c: c[0])
    one_grid = len(set(grids)) == 1
    layouts = tuple(Layout(variant=_card_variant(a, r) if one_grid else "cards, a grid per slide",
                           cols=a, size=text, head=text + 4, rows=tuple(rows_of(i, j, a, text)),
                           width=width_of(a)) for (i, j), (a, r) in zip(runs, grids))
    groups = _runs_to_groups(items, runs)
    note = (f"{layouts[0].variant}, cards sized to their text, {text + 4:g}/{text:g} pt, "
            f"{_slides(len(runs))}"
            + _parts(groups, "cards")
            + _keep_note(keep, len(runs)))
    return Choice(groups, layouts, note)


def card_too_tall(item: Item, evidence: Sequence[str], room: Room) -> bool:
    """Return True when a card holds more text than the body, even alone and full width."""
    b = room.body
    return card_height(item.title, item.detail, [p.text for p in item.points], list(evidence),
                       b.w, room.font, room.head_font, label=room.labels["evidence"]) > b.h


def _card_variant(across: int, rows: int) -> str:
    if rows == 1:
        return f"cards {across} across"
    if across == 1:
        return f"cards stacked, up to {rows}"
    return f"cards {across}×{rows}"


def card_boxes(layout: Layout, n: int, body: Box) -> list[Box]:
    """Return the boxes of ``n`` cards drawn in ``layout`` (rows top-aligned, short rows centred)."""
    across = max(layout.cols, 1)
    width = layout.width or card_width(body.w, min(n, across))
    heights = list(layout.rows) or [body.h]
    out, y = [], body.y
    for r, start in enumerate(range(0, n, across)):
        count = min(across, n - start)
        h = heights[r] if r < len(heights) else heights[-1]
        row_w = count * width + (count - 1) * CARD_GAP
        x0 = body.x + (body.w - row_w) // 2
        for c in range(count):
            out.append(Box(x0 + c * (width + CARD_GAP), y, width, h))
        y += h + CARD_GAP
    return out


# -- figures ------------------------------------------------------------------------------


def figure_number(fig: Figure) -> tuple[str, str]:
    """Return a figure as its card shows it: (number, unit word); % and ‰ stay on the number."""
    return figure_text(fig.value, fig.unit)


def figure_paras(fig: Figure, whole: str, unit: str, number: float, label: float, caption: float,
                 style: Callable[..., Style], caption_text: str) -> list[Para]:
    """Return a figure card's paragraphs: number, unit, label, caption (as the design sets them)."""
    paras = [Para("", style(number, "number"), runs=(Run(whole, bold=True),))]
    if unit:
        paras.append(Para(unit, style(min(22.0, max(label, number * 0.5)), "unit")))
    if fig.label:
        paras.append(Para(fig.label, style(label, "label"), space_before=4))
    if caption_text:
        paras.append(Para(caption_text, style(caption, "caption"), space_before=4))
    return paras


def figure_caption(fig: Figure, source_number: Callable[[str], int],
                   labels: Labels = ENGLISH) -> str:
    """Return the small line under a figure: as-of date and source numbers."""
    cap = []
    if fig.as_of:
        cap.append(labels("figure_as_of", date=labels.date(fig.as_of)))
    if fig.source:
        cap.append(labels("figure_source", numbers=", ".join(f"[{source_number(r.id)}]"
                                                             for r in fig.source)))
    text = "; ".join(cap)
    return text[:1].upper() + text[1:]


def figure_cells(grid: Sequence[int], n: int, body: Box, alone: bool = False,
                 heights: Sequence[int] = ()) -> list[Box]:
    """Return the card boxes of ``n`` figures in a grid (figures per row).

    One row: every card as wide as the grid's columns allow and as tall as the
    body, a short row centred (so a continuation keeps its cards' width).
    Several rows: each row spans the body's width (4 + 3: the three are wider)
    and is ``heights[r]`` tall (the composer measures them), else an even share.
    """
    if len(grid) == 1:
        cols = grid[0]
        cw = (body.w - FIGURE_GAP * (cols - 1)) // cols
        if alone:
            cw = min(cw, int(7 * IN))
        count = min(cols, n)
        x0 = body.x + (body.w - (count * cw + (count - 1) * FIGURE_GAP)) // 2
        return [Box(x0 + c * (cw + FIGURE_GAP), body.y, cw, body.h) for c in range(count)]
    nrows = len(grid)
    even = (body.h - FIGURE_GAP * (nrows - 1)) // nrows
    out, k, y = [], 0, body.y
    for r, per_row in enumerate(grid):
        count = min(per_row, n - k)
        if count <= 0:
            break
        cw = (body.w - FIGURE_GAP * (per_row - 1)) // per_row
        ch = heights[r] if r < len(heights) else even
        x0 = body.x + (body.w - (count * cw + (count - 1) * FIGURE_GAP)) // 2
        out.extend(Box(x0 + c * (cw + FIGURE_GAP), y, cw, ch) for c in range(count))
        y += ch + FIGURE_GAP
        k += count
    return out


def figure_inner(cell: Box) -> Box:
    """Return where a figure card's text goes: inside its insets, below its accent bar."""
    ix, iy = FIGURE_INSET
    return Box(cell.x + ix, cell.y + FIGURE_BAR + iy, cell.w - 2 * ix, cell.h - FIGURE_BAR - 2 * iy)


def _figure_style(room: Room) -> Callable[..., Style]:
    def style(size: float, role: str) -> Style:
        if role == "number":
            return room.style(size, bold=True, heading=True)
        return room.style(size, bold=role == "unit")
    return style


def figures(figs: Sequence[Figure], room: Room, source_number: Callable[[str], int],
            keep: bool = False) -> Choice:
    """Compose key figures: the grid, one number size and one label size for the whole block."""
    b = room.body
    n = len(figs)
    style = _figure_style(room)
    texts = [figure_number(f) for f in figs]
    caps = [figure_caption(f, source_number, room.labels) for f in figs]
    ix, iy = FIGURE_INSET

    def need(k: int, cell_w: int, number: float, label: float) -> int | None:
        """Return the height figure ``k``'s card needs at ``cell_w`` (None: its number is too wide)."""
        w = _pt(cell_w - 2 * ix)
        paras = figure_paras(figs[k], *texts[k], number, label, room.caption, style, caps[k])
        if _probe_width(paras[0], 10_000) > w:
            return None
        return int((paras_height(paras, w) + SLACK) * EMU_PER_PT) + 2 * iy + FIGURE_BAR

    def heights_for(idx: Sequence[int], grid, number, label) -> tuple[int, ...] | None:
        """Return the rows' heights for figures ``idx`` in ``grid``, or None when they do not fit."""
        cells = figure_cells(grid, len(idx), b, alone=len(idx) == 1)
        needs = [need(k, cell.w, number, label) for k, cell in zip(idx, cells)]
        if None in needs:
            return None
        if len(grid) == 1:
            return () if max(needs) <= b.h else None
        rows, k = [], 0
        for per_row in grid:
            row = needs[k:k + per_row]
            if row:
                rows.append(max(row))
            k += per_row
        spare = b.h - sum(rows) - FIGURE_GAP * (len(rows) - 1)
        if spare < 0:
            return None
        # rows share what is left evenly
        out = [h + spare // len(rows) for h in rows]
        out[-1] += spare - (spare // len(rows)) * len(rows)
        return tuple(out)

    def fits_all(idx: Sequence[int], grid, number, label) -> bool:
        return heights_for(idx, grid, number, label) is not None

    cands = []
    tried = set()
    for per, grid in [(p, g) for p in range(min(n, 8), 0, -1) for g in FIGURE_GRIDS[p]]:
        runs = cut(n, lambda i, j: True, most=per)
        if max(j - i for i, j in runs) != per or (per, grid) in tried:
            continue            # the same cut as a larger 'per': measured there
        tried.add((per, grid))
        if cands and len(runs) > min(c[0][1] for c in cands) and not keep:
            continue            # more slides than a grid already measured: it cannot win
        alone = per == 1
        # a figure alone on its slide is the slide: its number set large (FIGURE_ALONE)
        tops = room.figure * (FIGURE_ALONE if alone else 1.0)
        numbers = []
        pt = tops
        while pt >= FIGURE_NUMBER_FLOOR:
            numbers.append(pt)
            pt -= 2
        labels = [28.0, 24.0] if alone else [20.0, 18.0]
        labels = [max(x, room.minimum) for x in labels]
        chosen = None
        for number in numbers:
            for label in labels:
                if all(fits_all(list(range(i, j)), grid, number, label) for i, j in runs):
                    chosen = (number, label)
                    break
            if chosen:
                break
        if chosen is None:
            continue
        number, label = chosen
        score = (keep and len(runs) > 1, len(runs), imbalance([j - i for i, j in runs]),
                 -number, -label, len(grid))
        cands.append((score, grid, number, label, runs))
    if not cands:   # even one figure a slide at the smallest sizes does not fit: shrink there
        runs = [(i, i + 1) for i in range(n)]
        cands.append(((True,), (1,), FIGURE_NUMBER_FLOOR, room.minimum, runs))
    _, grid, number, label, runs = min(cands, key=lambda c: c[0])
    variant = "figures " + "+".join(map(str, grid)) if len(grid) > 1 else f"figures {grid[0]} across"
    layouts = tuple(Layout(variant=variant, cols=max(grid), size=label, head=number, rows=grid,
                           heights=heights_for(list(range(i, j)), grid, number, label) or ())
                    for i, j in runs)
    note = (f"{variant}, numbers {number:g} pt, labels {label:g} pt, {_slides(len(runs))}"
            + _keep_note(keep, len(runs)))
    return Choice(_runs_to_groups(figs, runs), layouts, note)


# -- timeline -----------------------------------------------------------------------------


def timeline_slots(body: Box, n: int) -> list[tuple[int, Box, bool]]:
    """Return per event: its dot's centre x, its label box and whether the label is above."""
    mid = body.y + body.h // 2
    slot = body.w // max(n, 1)
    label_w = min(slot * 2 - int(0.2 * IN), int(4.2 * IN)) if n > 1 else body.w
    half = body.h // 2 - int(0.25 * IN)
    out = []
    for i in range(n):
        cx = body.x + slot * i + slot // 2
        lx = max(cx - label_w // 2, body.x)
        rx = min(cx + label_w // 2, body.x + body.w)
        above = i % 2 == 0
        y = body.y if above else mid + int(0.25 * IN)
        out.append((cx, Box(lx, y, rx - lx, half), above))
    return out


def event_paras(ev: Event, size: float, style: Callable[..., Style],
                labels: Labels = ENGLISH) -> list[Para]:
    """Return an event label's paragraphs: the date (2 pt larger, bold) and the text."""
    return [Para(labels.date(ev.date), style(size + 2, True), align="center"),
            Para(ev.text, style(size, False), align="center", space_before=2)]


def timeline(events: Sequence[Event], room: Room, keep: bool = False) -> Choice:
    """Compose a timeline: up to eight events a slide, labels alternating above and below."""
    b = room.body
    n = len(events)
    style = lambda size, bold: room.style(size, bold)   # noqa: E731

    def fits(i: int, j: int, size: float) -> bool:
        for ev, (_, box, _) in zip(events[i:j], timeline_slots(b, j - i)):
            if paras_height(event_paras(ev, size, style, room.labels), _pt(box.w)) > _pt(box.h) - SLACK:
                return False
        return True

    cands = []
    # up to the body size (a few events set large), down to the minimum (up to eight)
    for size in room.sizes(max(room.size, room.minimum)):
        runs = cut(n, lambda i, j, size=size: fits(i, j, size), most=TIMELINE_MOST)
        if runs is None:
            continue
        score = (keep and len(runs) > 1, len(runs), imbalance([j - i for i, j in runs]), -size)
        cands.append((score, size, runs))
    if not cands:
        runs = [(i, min(i + 2, n)) for i in range(0, n, 2)]
        cands.append(((True,), room.minimum, runs))
    _, size, runs = min(cands, key=lambda c: c[0])
    layouts = tuple(Layout(variant="timeline, labels above and below", cols=j - i, size=size,
                           head=size + 2) for i, j in runs)
    groups = _runs_to_groups(events, runs)
    note = (f"timeline, labels above and below, dates {size + 2:g} pt, text {size:g} pt, "
            f"{_slides(len(runs))}"
            + _parts(groups, "events")
            + _keep_note(keep, len(runs)))
    return Choice(groups, layouts, note)


# -- yardstick ------------------------------------------------------------------------------

YARD_LABEL_WIDTHS = (YARD_LABEL_W, int(4.6 * IN))


def yardstick(items: Sequence[Item], room: Room, keep: bool = False) -> Choice:
    """Compose yardstick rows: each row as tall as its label, the label column's width."""
    b = room.body
    rows_h = b.h - YARD_HEAD_H
    n = len(items)
    cands = []
    for rank, width in enumerate(YARD_LABEL_WIDTHS):
        needs = [yardstick_row_height(it.title, room.font, width) for it in items]
        runs = cut(n, lambda i, j: sum(needs[i:j]) <= rows_h)
        if runs is None:
            continue
        score = (keep and len(runs) > 1, len(runs), imbalance([j - i for i, j in runs]), rank)
        cands.append((score, width, needs, runs))
    if not cands:
        width = YARD_LABEL_WIDTHS[-1]
        needs = [yardstick_row_height(it.title, room.font, width) for it in items]
        runs = [(i, i + 1) for i in range(n)]
        cands.append(((True,), width, needs, runs))
    _, width, needs, runs = min(cands, key=lambda c: c[0])
    layouts = []
    for i, j in runs:
        spare = rows_h - sum(needs[i:j])
        # the rows share what is left evenly, so bars sit in an even rhythm
        share = spare // (j - i)
        heights = [h + share for h in needs[i:j]]
        heights[-1] += rows_h - sum(heights)
        layouts.append(Layout(variant="yardstick, rows sized to their labels", size=18.0,
                              rows=tuple(heights), width=width))
    groups = _runs_to_groups(items, runs)
    note = (f"yardstick, rows sized to their labels, label column {width / IN:.1f} in, 18 pt, "
            f"{_slides(len(runs))}"
            + _parts(groups, "rows")
            + _keep_note(keep, len(runs)))
    return Choice(groups, tuple(layouts), note)


# -- sources ------------------------------------------------------------------------------

SOURCE_PT = 20.0


def source_paras(n: int, src, size: float, style: Callable[[float], Style],
                 own_line: bool = False, labels: Labels = ENGLISH) -> list[Para]:
    """Return a Sources entry as the Sources slide sets it: ``[n]  Author, *Title*, ... URL``.

    With ``own_line`` the link gets a paragraph of its own at ``SOURCE_PT``.
    """
    bits = [x for x in (src.author, f"*{src.title}*" if src.title else "", src.publisher,
                        labels.date(src.date)) if x]
    runs = list(parse(f"[{n}]  ", bold=True)) + list(parse(", ".join(bits) or src.id))
    if src.url and not own_line:
        runs += [Run(". "), Run(src.url, url=src.url)]
    out = [Para("", style(size), runs=tuple(runs), space_before=round(size * 0.6))]
    if src.url and own_line:
        out.append(Para("", style(SOURCE_PT), runs=(Run(src.url, url=src.url),), space_before=4))
    return out


def sources(entries: Sequence[tuple[int, object]], room: Room) -> Choice:
    """Compose the Sources list: as many entries a slide as their measured lines allow.

    Entries are 20 pt; 2 pt less (not below the minimum) when that saves a slide.
    """
    b = room.body
    best = None
    for size in sorted({SOURCE_PT, max(SOURCE_PT - 2, room.minimum)}, reverse=True):
        heights = {n: int((paras_height(source_paras(n, src, size, room.style,
                                                   labels=room.labels), _pt(b.w))
                           + round(size * 0.6)) * EMU_PER_PT) for n, src in entries}
        choice = rows(entries, lambda e: heights[e[0]],
                      b.h - int((round(size * 0.6) + SLACK) * EMU_PER_PT), name="sources list")
        if best is None or len(choice.groups) < len(best[1].groups):
            best = (size, choice)
    size, choice = best
    layouts = tuple(Layout(variant="sources list", size=size) for _ in choice.groups)
    return Choice(choice.groups, layouts, choice.note.replace("sources list,",
                                                              f"sources list, {size:g} pt,", 1))


# -- rows of anything measured (judgements, sources, table rows) -------------------------


def rows(items: Sequence, height: Callable[[object], int], room_h: int, gap: int = 0,
         name: str = "rows", keep: bool = False) -> Choice:
    """Compose items that stack in one column (each ``height(item)`` EMU tall) over slides."""
    hs = [height(it) for it in items]
    runs = cut(len(items), lambda i, j: sum(hs[i:j]) + gap * (j - i - 1) <= room_h)
    if runs is None:
        runs = [(i, i + 1) for i in range(len(items))]
    groups = _runs_to_groups(items, runs)
    layouts = tuple(Layout(variant=name) for _ in runs)
    note = (f"{name}, {_slides(len(runs))}"
            + _parts(groups)
            + _keep_note(keep, len(runs)))
    return Choice(groups, layouts, note)
