"""Placed slides: every box of every slide, positioned, styled and laid out.

The design stage (``deckgen.design``) turns the planned deck into these; the
pptx writer and the preview painter both draw from them, so the preview
shows what the deck holds. Nothing here knows python-pptx or matplotlib.
Positions are in EMU (as ``layout.Box``), sizes of type in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from deckgen.content.markup import Run
from deckgen.content.model import Chart, Table
from deckgen.layout.box import Box

if TYPE_CHECKING:     # the type only: layout does not depend on the deck stage
    from deckgen.deck.charts import ChartSpec


@dataclass(frozen=True)
class Style:
    """How a stretch of text looks."""

    size: float
    color: str          # RRGGBB
    font: str           # the theme's font name (Calibri); measured with its stand-in
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph: its text (with inline markup) and how to set it."""

    text: str
    style: Style
    level: int = 0
    bullet: str = ""        # "", a bullet character, or "num" for 1. 2. 3.
    number: int = 1
    align: str = "left"
    space_before: float = 0.0
    runs: Optional[tuple[Run, ...]] = None


@dataclass
class TextBox:
    """A box of text, optionally filled (a card heading, a badge)."""

    box: Box
    paras: list[Para]
    anchor: str = "top"
    inset: int = 0                  # left and right (and top and bottom unless inset_y)
    line_spacing: float = 1.0
    name: str = ""
    fill: Optional[str] = None
    line: Optional[str] = None
    shape: str = "rect"             # rect, oval, rounded
    min_size: float = 0.0           # the fitting engine never goes below this
    layout: list = field(default_factory=list)   # per paragraph: list[measure.Line]
    shrunk_from: float = 0.0        # largest size before fitting, when it shrank
    overflow: float = 0.0           # points of text that did not fit
    inset_y: Optional[int] = None   # top and bottom inset, when it differs

    @property
    def insets(self) -> tuple[int, int]:
        """Return (left/right, top/bottom) insets in EMU."""
        return self.inset, self.inset if self.inset_y is None else self.inset_y

    def text_top(self, top: float, height: float, inset_y: float) -> float:
        """Where the first line's top sits, in the caller's unit, given the box's top and
        height and its top/bottom inset in that unit: the anchor applied to the laid-out
        lines, as PowerPoint sets them (every renderer draws the same)."""
        total = sum(sum(line.height for line in lines) + (p.space_before if i else 0)
                    for i, (p, lines) in enumerate(zip(self.paras, self.layout)))
        if self.anchor == "middle":
            return top + inset_y + (height - 2 * inset_y - total) / 2
        if self.anchor == "bottom":
            return top + height - inset_y - total
        return top + inset_y


@dataclass
class Shape:
    """A filled shape with no text: cards, rules, bars, dots."""

    box: Box
    fill: str
    line: Optional[str] = None
    shape: str = "rect"
    name: str = ""
    decorative: bool = True
    behind: bool = False    # drawn under the title (a band over a full-slide picture)


@dataclass
class ChartFrame:
    """A native chart."""

    box: Box
    chart: Chart
    ctype: str
    alt: str
    title: str = ""
    name: str = ""
    spec: Optional["ChartSpec"] = None   # resolved once: every renderer draws these numbers


@dataclass
class Picture:
    """An image; a decorative one (a theme's logo without alt text) is marked so."""

    box: Box
    path: Path
    alt: str
    name: str = "Picture"
    decorative: bool = False
    # the share of the picture cut off each edge (left, top, right, bottom), as
    # PowerPoint crops: a picture covering a slide keeps its aspect and loses its overhang
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    behind: bool = False    # drawn under everything else, the title too (a full-slide picture)


@dataclass
class TableFrame:
    """A table: column widths and row heights in EMU, one TextBox per cell."""

    box: Box
    table: Table
    widths: list[int]
    heights: list[int]
    cells: list[list[TextBox]]
    alt: str
    name: str = "Table"


@dataclass
class Group:
    """Shapes that form one diagram (timeline, yardstick), with one alt text."""

    name: str
    alt: str
    items: list


@dataclass
class SlideNumber:
    box: Box
    style: Style
    number: int


Item = Union[TextBox, Shape, ChartFrame, Picture, TableFrame, Group, SlideNumber]


@dataclass
class PlacedSlide:
    """One slide ready to draw."""

    kind: str
    layout: str               # the master layout it is built on, by name
    background: Optional[str]  # RRGGBB; None keeps the master's background
    title: TextBox            # goes into the layout's title placeholder
    items: list
    notes: str = ""
    number: int = 0
    hidden: bool = False      # a hidden slide (p:sld show="0"): left out of slide handouts

    def walk(self):
        """Yield every item, descending into groups, the title first."""
        yield self.title
        stack = list(reversed(self.items))
        while stack:
            it = stack.pop()
            yield it
            if isinstance(it, Group):
                stack.extend(reversed(it.items))


@dataclass(frozen=True)
class FitNote:
    """A box whose text needed shrinking, or a block that continued over slides."""

    slide: int
    title: str
    box: str
    action: str     # "shrunk", "split", "overflow"; "composed", "hidden", "timing"
    detail: str
    minutes: float = 0.0    # "timing": the minutes of its run-sheet line


@dataclass
class PlacedDeck:
    slides: list[PlacedSlide]
    width: int
    height: int
    notes: list[FitNote] = field(default_factory=list)
    deck: object = None     # the planned deck it was designed from (deckgen.deck.model.Deck)
