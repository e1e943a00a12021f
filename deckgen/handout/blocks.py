"""The handout's block model: a format-neutral document that PDF and DOCX both render.

A handout style (``reading``, ``slides`` and ``notes``) turns content
into a :class:`Handout`: a flat sequence of blocks — headings, paragraphs,
lists, tables, charts, pages of slide pictures — each carrying text with inline markup (``**bold**``,
``*italic*``, links) and, where a block is coloured, the theme colour as
``RRGGBB``. The PDF and DOCX renderers handle every block kind here and
nothing else, so the two formats cannot drift apart: a new kind of block is
added here and both renderers' tests say what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.model import Chart, Item


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 for content blocks, 2 for what sits inside them."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A paragraph. ``style`` is ``body``, ``lead`` (the question) or ``caption``."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class ListItem:
    """One list entry, with its sub-entries, a citation (``[1]``) and a presenter's note."""

    text: str
    children: tuple["ListItem", ...] = ()
    cite: str = ""
    note: str = ""


@dataclass(frozen=True)
class BulletList:
    """A bulleted or numbered list; numbered lists start at ``start``."""

    items: tuple[ListItem, ...]
    numbered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Note:
    """A presenter's note, set apart from the text as an aside."""

    text: str
    label: str = "Presenter's note"


@dataclass(frozen=True)
class TitleBlock:
    """The first thing on page one: title, subtitle and a key-value table of facts."""

    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()   # ("Authors", "..."), ("Date", "...")


@dataclass(frozen=True)
class Tag:
    """A coloured label: ``LIKELY · 55–75 %`` or ``CRITICAL IMPACT``."""

    text: str
    color: str          # background, RRGGBB
    on_color: str       # text colour chosen for contrast, RRGGBB


@dataclass(frozen=True)
class JudgementEntry:
    """One key judgement with its likelihood tag and confidence."""

    number: int
    text: str
    tag: Optional[Tag] = None
    confidence: str = ""        # "moderate confidence"
    cite: str = ""
    note: str = ""


@dataclass(frozen=True)
class Judgements:
    entries: tuple[JudgementEntry, ...]


@dataclass(frozen=True)
class Table:
    """A real table: a header row and body rows of text (markup allowed).

    ``kind`` lets a renderer style known tables (``figures``, ``timeline``)
    and is how tests find them; ``weights`` are relative column widths.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: str = "data"
    weights: tuple[float, ...] = ()
    notes: tuple[str, ...] = ()      # per row, a presenter's note ("" for none)


@dataclass(frozen=True)
class ChartBlock:
    """One chart to draw, with the line above it and the caption below."""

    chart: Chart
    ctype: str
    heading: str              # the takeaway (or title): what the chart says
    caption: str = ""         # title, unit and sources
    alt: str = ""
    note: str = ""
    number: int = 0           # "Chart 2": items cite charts by number


@dataclass(frozen=True)
class ChartRow:
    """One chart across the page, or two side by side."""

    charts: tuple[ChartBlock, ...]


@dataclass(frozen=True)
class Yardstick:
    """Responses placed on a 0–100 % scale over the yardstick's bands."""

    items: tuple[Item, ...]
    yardstick: str
    caption: str = ""
    alt: str = ""


@dataclass(frozen=True)
class ItemEntry:
    """A concern, constraint or response laid out for reading."""

    title: str
    tags: tuple[Tag, ...] = ()
    detail: str = ""
    points: tuple[ListItem, ...] = ()
    evidence: tuple[str, ...] = ()
    cite: str = ""
    note: str = ""
    color: str = ""          # the rule beside the entry, RRGGBB


@dataclass(frozen=True)
class Items:
    entries: tuple[ItemEntry, ...]
    beside: Optional[ChartBlock] = None   # a chart filling the empty half of an odd last row


@dataclass(frozen=True)
class Callout:
    """One key figure set large: ``8,000,000 shells`` and what it measures."""

    value: str
    label: str = ""
    caption: str = ""
    color: str = ""


@dataclass(frozen=True)
class Quote:
    text: str
    by: str = ""


@dataclass(frozen=True)
class Columns:
    """Two lists side by side (a two-column slide)."""

    left: tuple[ListItem, ...]
    right: tuple[ListItem, ...]


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class SourceEntry:
    number: int
    text: str          # markup: author, *title*, publisher, date
    url: str = ""


@dataclass(frozen=True)
class Sources:
    entries: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class SlideShot:
    """One slide as the preview painter drew it: an RGB PNG, with its number, title and notes.

    ``title`` is plain text (the picture's alt text); ``notes`` are the slide's
    speaker notes exactly as the deck holds them.
    """

    number: int
    title: str
    png: bytes = field(repr=False)
    size: tuple[int, int] = (0, 0)     # pixels
    notes: str = ""

    @property
    def aspect(self) -> float:
        """Return width / height."""
        return self.size[0] / self.size[1]


@dataclass(frozen=True)
class SlideSheet:
    """One page of a slide handout: up to ``per_page`` slides, with ruled lines for notes."""

    slides: tuple[SlideShot, ...]
    per_page: int = 3


@dataclass(frozen=True)
class NotesPage:
    """One notes page: a slide, then its speaker notes."""

    slide: SlideShot


Block = Union[Heading, Para, BulletList, Note, TitleBlock, Judgements, Table, ChartRow,
              Yardstick, Items, Callout, Quote, Columns, Image, Sources, SlideSheet, NotesPage]

KINDS = (Heading, Para, BulletList, Note, TitleBlock, Judgements, Table, ChartRow, Yardstick,
         Items, Callout, Quote, Columns, Image, Sources, SlideSheet, NotesPage)


@dataclass(frozen=True)
class Handout:
    """A whole handout: what every page shows, and the blocks in reading order."""

    title: str
    blocks: tuple
    classification: str = ""
    language: str = "en-GB"
    authors: tuple[str, ...] = ()
    organisation: str = ""
    date: str = ""
    subject: str = ""
    style: str = "reading"
    warnings: tuple[str, ...] = field(default=(), compare=False)
    labels: Labels = field(default=ENGLISH, compare=False)   # deckgen's words, in its language

    def headings(self) -> list[Heading]:
        """Return the headings in order (what a reader's navigation shows)."""
        return [b for b in self.blocks if isinstance(b, Heading)]

    def charts(self) -> list[ChartBlock]:
        """Return every chart in reading order: in chart rows and beside cards."""
        out: list[ChartBlock] = []
        for blk in self.blocks:
            if isinstance(blk, ChartRow):
                out.extend(blk.charts)
            elif isinstance(blk, Items) and blk.beside is not None:
                out.append(blk.beside)
        return out
