"""The validated content model: what every later stage reads.

Nothing here knows YAML. Every node keeps ``loc`` (file:line:col) so later
stages can point a user at the place a problem came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from deckgen.content.yardstick import Likelihood
from deckgen.errors import Loc

Number = Union[int, float]
Value = Union[Number, tuple]  # a number or a (low, high) range


@dataclass(frozen=True)
class Ref:
    """A reference to an ``id`` elsewhere in the file, with where it was written."""

    id: str
    loc: Loc
    path: str

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class Source:
    id: str
    title: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    notes: str = ""
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Point:
    text: str
    points: tuple["Point", ...] = ()
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Judgement:
    text: str
    likelihood: Optional[Likelihood] = None
    confidence: str = ""
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Figure:
    id: str
    value: Value
    label: str = ""
    unit: str = ""
    as_of: str = ""
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")

    @property
    def is_range(self) -> bool:
        """True when the value is a (low, high) range."""
        return isinstance(self.value, tuple)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple  # numbers, or (low, high) pairs for range data


@dataclass(frozen=True)
class ChartData:
    """Chart data in one shape: categories and one or more series."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    ranges: bool = False
    # the empty cells of a data file (values None: gaps), as (Loc or None, "row 3, column
    # 'b' of 'data.csv'"), so a chart type that needs every value can say which one is missing
    gaps: tuple = field(default=(), compare=False, hash=False)

    @property
    def has_gaps(self) -> bool:
        """True when some value is missing (an empty cell)."""
        return any(v is None for s in self.series for v in s.values)


@dataclass(frozen=True)
class Chart:
    id: str
    data: ChartData
    type: str = ""          # empty: the storyline picks one
    title: str = ""
    unit: str = ""
    takeaway: str = ""
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Event:
    date: str
    text: str
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Item:
    """A concern, constraint or response."""

    title: str
    id: str = ""
    detail: str = ""
    points: tuple[Point, ...] = ()
    impact: str = ""
    likelihood: Optional[Likelihood] = None
    evidence: tuple[Ref, ...] = ()
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Quote:
    text: str
    by: str = ""


@dataclass(frozen=True)
class Slide:
    layout: str
    title: str = ""
    points: tuple[Point, ...] = ()
    left: tuple[Point, ...] = ()
    right: tuple[Point, ...] = ()
    chart: Optional[Ref] = None
    figure: Optional[Ref] = None
    image: Optional[Path] = None
    alt: str = ""
    table: Optional[Table] = None
    quote: Optional[Quote] = None
    keep: str = ""          # "together": its points stay on one slide when they can
    left_title: str = ""    # two-column: the columns' headings
    right_title: str = ""
    hidden: bool = False    # written as a hidden slide, left out of slide handouts
    caption: str = ""       # image slides: a line under the picture
    credit: str = ""        # image slides: who made the picture, set small
    duration: Optional[Number] = None   # minutes, stated in the notes and the run sheet
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Section:
    title: str
    slides: tuple[Slide, ...] = ()
    duration: Optional[Number] = None   # minutes for the whole section
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Question:
    type: str
    prompt: str
    options: tuple[str, ...] = ()
    answer: object = None   # per type: str, tuple, dict, bool, number or (lo, hi)
    explanation: str = ""
    points: Number = 1
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Quiz:
    title: str = ""
    auto: bool = True
    count: Optional[int] = None
    seed: Optional[int] = None
    questions: tuple[Question, ...] = ()
    notes: str = ""
    source: tuple[Ref, ...] = ()
    loc: Loc = Loc("")


@dataclass(frozen=True)
class Content:
    """One validated content file."""

    file: Path
    title: str
    kind: str = "briefing"
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    organisation: str = ""
    date: str = ""
    classification: str = ""
    language: str = "en-GB"
    theme: str = ""
    yardstick: str = "phia"
    question: str = ""
    bluf: tuple[Judgement, ...] = ()
    context: tuple[Point, ...] = ()
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    timeline: tuple[Event, ...] = ()
    concerns: tuple[Item, ...] = ()
    constraints: tuple[Item, ...] = ()
    responses: tuple[Item, ...] = ()
    outlook: tuple[Point, ...] = ()
    objectives: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    discussion: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    quiz: Optional[Quiz] = None
    outline: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()      # blocks asked to stay on one slide (``keep: {concerns: together}``)
    agenda: bool = False            # an agenda slide after the title (and objectives)
    headlines: dict = field(default_factory=dict, compare=False, hash=False)  # block -> title
    durations: dict = field(default_factory=dict, compare=False, hash=False)  # block -> minutes
    labels: tuple[tuple[str, str], ...] = ()   # (key, text): overrides of deckgen's own words
    locs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        """Return the output name: the content file's stem."""
        return self.file.stem

    @property
    def folder(self) -> Path:
        """Return the folder that content paths are relative to."""
        return self.file.parent

    def figure(self, fid: str) -> Optional[Figure]:
        """Return the figure with this id, or None."""
        return next((f for f in self.figures if f.id == fid), None)

    def chart(self, cid: str) -> Optional[Chart]:
        """Return the chart with this id, or None."""
        return next((c for c in self.charts if c.id == cid), None)

    def source_number(self, sid: str) -> int:
        """Return the 1-based number of a source in the sources list (0 if absent)."""
        for n, s in enumerate(self.sources, start=1):
            if s.id == sid:
                return n
        return 0
