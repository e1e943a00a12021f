"""The deck model: a closed set of slide kinds, each with a typed payload.

The storyline makes these from content; writers turn them into files. A
writer handles every kind here and nothing else, so a new kind is added in
one place and every writer is told by its tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.model import (Chart, Event, Figure, Item, Judgement, Point, Quote, Source,
                                   Table)
from deckgen.quiz.model import QuizQuestion


@dataclass(frozen=True)
class Layout:
    """How the composer set one slide of a block: the variant and its sizes.

    Every slide of a block carries the same variant and sizes (only what is
    measured per slide, such as row heights, differs). Zero means "the
    design's default", so a slide made without the composer still draws.
    """

    variant: str = ""              # "cards 3 across", "figures 4+3", "bullets 2 columns", ...
    cols: int = 1                  # cards, figures or bullet columns across
    size: float = 0.0              # body text: bullets, card text, event text, figure label
    head: float = 0.0              # card title, figure number, event date
    gap: float = 0.0               # space before each bullet (pt)
    centred: bool = False          # a sparse slide: the text block centred in the body
    split: int = 0                 # two bullet columns: how many points the first holds
    rows: tuple[int, ...] = ()     # figures per row (figures); card or yardstick row heights (EMU)
    width: int = 0                 # card width; yardstick label column (EMU)
    heights: tuple[int, ...] = ()  # figures in several rows: each row's height (EMU)


@dataclass(frozen=True)
class Slide:
    """Fields every slide has. ``kind`` names the design the writer uses."""

    title: str
    notes: str = ""
    sources: tuple[int, ...] = ()   # numbers of the sources cited on this slide
    part: tuple[int, int] = (1, 1)  # (n, of) when a block continues over slides
    block: str = ""                 # the content block it came from
    layout: Layout = Layout()       # the composer's choice for this slide (deckgen.deck.composer)
    hidden: bool = False            # a hidden slide: in the file, skipped in the show and handouts

    kind = "slide"

    @property
    def full_title(self) -> str:
        """Return the title with ``(2/3)`` when the block runs over slides."""
        n, of = self.part
        return f"{self.title} ({n}/{of})" if of > 1 else self.title


@dataclass(frozen=True)
class TitleSlide(Slide):
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    organisation: str = ""
    date: str = ""
    kind = "title"


@dataclass(frozen=True)
class QuestionSlide(Slide):
    question: str = ""
    kind = "question"


@dataclass(frozen=True)
class JudgementsSlide(Slide):
    judgements: tuple[Judgement, ...] = ()
    start: int = 1
    kind = "judgements"


@dataclass(frozen=True)
class BulletsSlide(Slide):
    points: tuple[Point, ...] = ()
    numbered: bool = False
    start: int = 1
    kind = "bullets"


@dataclass(frozen=True)
class FiguresSlide(Slide):
    figures: tuple[Figure, ...] = ()
    kind = "figures"


@dataclass(frozen=True)
class ChartSlide(Slide):
    chart: Optional[Chart] = None
    chart_type: str = "bar"
    alt: str = ""
    extent: tuple = ()        # (low, high) of the whole chart: parts split over slides share one axis
    kind = "chart"


@dataclass(frozen=True)
class TimelineSlide(Slide):
    events: tuple[Event, ...] = ()
    kind = "timeline"


@dataclass(frozen=True)
class Evidence:
    """What an item's ``evidence`` id points at, ready to show."""

    id: str
    text: str          # one line: "74.2 % oppose lethal aid"
    chart: bool = False


@dataclass(frozen=True)
class ItemsSlide(Slide):
    items: tuple[Item, ...] = ()
    evidence: tuple[tuple[Evidence, ...], ...] = ()   # per item
    kind = "items"


@dataclass(frozen=True)
class YardstickSlide(Slide):
    items: tuple[Item, ...] = ()
    yardstick: str = "phia"
    alt: str = ""
    kind = "yardstick"


@dataclass(frozen=True)
class SourcesSlide(Slide):
    entries: tuple[tuple[int, Source], ...] = ()
    kind = "sources"


@dataclass(frozen=True)
class TwoColumnSlide(Slide):
    left: tuple[Point, ...] = ()
    right: tuple[Point, ...] = ()
    left_title: str = ""            # the columns' headings, repeated on continued slides
    right_title: str = ""
    kind = "two-column"


@dataclass(frozen=True)
class ImageSlide(Slide):
    image: Optional[Path] = None
    alt: str = ""
    caption: str = ""
    credit: str = ""
    kind = "image"


@dataclass(frozen=True)
class FullImageSlide(ImageSlide):
    """A picture covering the whole slide, the title (and credit) on a band over it."""

    kind = "full-image"


@dataclass(frozen=True)
class TableSlide(Slide):
    table: Optional[Table] = None
    kind = "table"


@dataclass(frozen=True)
class QuoteSlide(Slide):
    quote: Optional[Quote] = None
    kind = "quote"


@dataclass(frozen=True)
class SectionSlide(Slide):
    subtitle: str = ""
    kind = "section"


@dataclass(frozen=True)
class QuizQuestionSlide(Slide):
    """A quiz question (``deckgen build --quiz-slides``); ``rows`` are the rows of boxes shown."""

    question: Optional[QuizQuestion] = None
    number: int = 1                  # the question's number in version 1 of the quiz
    rows: tuple[int, ...] = ()
    kind = "quiz-question"


@dataclass(frozen=True)
class QuizAnswerSlide(Slide):
    """The answer to a quiz question; ``panel`` when this part shows the answer and explanation."""

    question: Optional[QuizQuestion] = None
    number: int = 1
    rows: tuple[int, ...] = ()
    panel: bool = True
    kind = "quiz-answer"


KINDS = (TitleSlide, QuestionSlide, JudgementsSlide, BulletsSlide, FiguresSlide, ChartSlide,
         TimelineSlide, ItemsSlide, YardstickSlide, SourcesSlide, TwoColumnSlide, ImageSlide,
         FullImageSlide, TableSlide, QuoteSlide, SectionSlide, QuizQuestionSlide, QuizAnswerSlide)


@dataclass(frozen=True)
class Timing:
    """One line of the run sheet: what is timed, from which slide, for how many minutes."""

    slide: int          # the first slide it covers (1-based)
    label: str          # the block's, section's or slide's title
    minutes: float
    slides: int = 1     # how many slides the time covers
    hidden: bool = False   # every slide it covers is hidden
    counted: bool = True   # False: part of a timed section's minutes, or hidden


@dataclass(frozen=True)
class Deck:
    """The planned deck: slides in order, plus what the whole deck shares."""

    title: str
    slides: tuple[Slide, ...]
    language: str = "en-GB"
    classification: str = ""
    authors: tuple[str, ...] = ()
    organisation: str = ""
    date: str = ""
    subject: str = ""
    yardstick: str = "phia"
    sources: tuple[Source, ...] = ()
    blocks: tuple[str, ...] = ()    # the content blocks shown, in the storyline's order
    # the composer's choice per block: (first slide number, block title, one-line explanation)
    choices: tuple[tuple[int, str, str], ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)
    timings: tuple[Timing, ...] = field(default=(), compare=False)   # the run sheet
    # deckgen's own words in the content's language (``deckgen.content.labels``)
    labels: Labels = field(default=ENGLISH, compare=False)
