"""The ``slides`` and ``notes`` handout styles: the deck's slides as pictures, to annotate.

``slides`` puts three slides a page with ruled lines for notes beside each
(as PowerPoint's three-slide handout), or 1, 2, 4 or 6 a page with the lines
below each slide; ``notes`` gives each slide a page, its speaker notes below
it, as the deck holds them. The pictures are the preview painter's
(:mod:`deckgen.preview`), painted from the same placed slides the pptx is
written from, so the handout shows what the deck shows.

Where things go on a page (:func:`sheet_slots`) is worked out here, in
points, for any frame; the PDF and DOCX renderers both place from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.content.labels import for_content
from deckgen.content.markup import plain
from deckgen.content.model import Content
from deckgen.errors import DeckgenError
from deckgen.handout import blocks as b
from deckgen.render.preview import paint_pixels
from deckgen.theme.theme import Theme

#: Painting resolution. A 13.33 in slide becomes 2,000 pixels: 300 pixels an
#: inch even on a notes page, where the slide is printed about 18 cm wide.
DPI = 150
#: Slides a page the ``slides`` style offers, and its default.
PER_PAGE = (1, 2, 3, 4, 6)
DEFAULT_PER_PAGE = 3

MM = 72 / 25.4
#: Ruled lines 7.5 mm apart: between college (7.1 mm) and wide (8.7 mm) ruling.
LINE_GAP = 7.5 * MM
GAP = 7 * MM            # between rows of slides
GUTTER = 7 * MM         # between columns, and between a slide and the lines beside it
CAPTION = 12.0          # the "Slide 3  Title" line above each picture
LINES_PAD = 2 * MM      # between a picture and the first ruled line below it
#: per page: (columns, rows, lines beside the slide rather than below it)
GRID = {1: (1, 1, False), 2: (1, 2, False), 3: (1, 3, True), 4: (2, 2, False),
        6: (2, 3, False)}
#: a picture takes at most this share of its slot's height (the rest is for notes)
PICTURE_SHARE = 0.62
#: with lines beside, the picture takes this share of the width
BESIDE_SHARE = 0.58


@dataclass(frozen=True)
class Slot:
    """Where one slide goes on a page, in points from the frame's top left, y down.

    The caption line starts at (``x``, ``y``); the picture sits below it,
    ``pic_w`` by ``pic_h``; ``lines`` is the (x, y, w, h) of the ruled area
    and ``rules`` how many lines it holds, one every ``line_gap`` points
    below its top (the last one on its bottom edge when the lines sit beside
    the picture: lines beside a slide span its height, as on PowerPoint's
    three-slide handout).
    """

    x: float
    y: float
    w: float                 # the slot's width (caption, and lines below the picture)
    h: float
    pic_w: float
    pic_h: float
    lines: tuple[float, float, float, float]
    rules: int
    line_gap: float = LINE_GAP

    @property
    def pic_y(self) -> float:
        return self.y + CAPTION


def sheet_slots(per_page: int, frame_w: float, frame_h: float, aspect: float,
                line_gap: float = LINE_GAP) -> list[Slot]:
    """Return the slots of one page of ``per_page`` slides in a frame (points).

    ``aspect`` is the slides' width / height. Three a page puts the lines
    beside each slide; every other count puts them below.
    """
    cols, rows, beside = GRID[per_page]
    slot_w = (frame_w - (cols - 1) * GUTTER) / cols
    slot_h = (frame_h - (rows - 1) * GAP) / rows
    room = slot_h - CAPTION
    if beside:
        pic_w = min(slot_w * BESIDE_SHARE, room * aspect)
    else:
        pic_w = min(slot_w, room * PICTURE_SHARE * aspect)
    pic_h = pic_w / aspect
    out = []
    for i in range(per_page):
        r, c = divmod(i, cols)
        x, y = c * (slot_w + GUTTER), r * (slot_h + GAP)
        if beside:
            area = (x + pic_w + GUTTER, y + CAPTION, slot_w - pic_w - GUTTER, pic_h)
            n = max(round(pic_h / line_gap), 1)
            out.append(Slot(x, y, slot_w, slot_h, pic_w, pic_h, area, n, pic_h / n))
        else:
            top = y + CAPTION + pic_h + LINES_PAD
            area = (x, top, slot_w, y + slot_h - top)
            out.append(Slot(x, y, slot_w, slot_h, pic_w, pic_h, area,
                            max(int(area[3] // line_gap), 0), line_gap))
    return out


def check_per_page(per_page, style: str) -> int:
    """Return ``per_page`` as an int for the ``slides`` style, or raise a clear error.

    ``None`` means the default. Only the ``slides`` style takes a count.
    """
    allowed = ", ".join(str(n) for n in PER_PAGE[:-1]) + f" or {PER_PAGE[-1]}"
    if per_page is None:
        return DEFAULT_PER_PAGE
    if style != "slides":
        raise DeckgenError(f"found --per-page {per_page} with the handout style '{style}'; "
                           f"allowed: --per-page only with --style slides", path="--per-page")
    text = str(per_page).strip()
    if not text.isdigit() or int(text) not in PER_PAGE:
        raise DeckgenError(f"found '{per_page}' slides a page; allowed: {allowed}",
                           path="--per-page")
    return int(text)


# -- the pictures ----------------------------------------------------------------

def shots(build, dpi: int = DPI) -> tuple[b.SlideShot, ...]:
    """Return every slide of the build's placed deck painted as a PNG, with its notes.

    The four slide-picture outputs of one build (slides and notes, PDF and
    DOCX) share one painting of the deck: the build keeps it.
    """
    placed = build.placed
    # hidden slides (``hidden: true``) stay out of handouts, as PowerPoint prints them
    return build.picture(("shots", dpi), lambda: tuple(_shot(ps, placed, build.theme, dpi)
                                                       for ps in placed.slides if not ps.hidden))


def _shot(ps, placed, theme: Theme, dpi: int) -> b.SlideShot:
    import io

    im = paint_pixels(ps, placed, theme, dpi)
    buf = io.BytesIO()
    # RGB, 8 bits, not interlaced: the PDF takes these bytes as they are
    im.save(buf, "PNG", compress_level=6)
    title = " ".join(plain(p.text) for p in ps.title.paras).strip()
    return b.SlideShot(ps.number, title, buf.getvalue(), im.size, ps.notes)


# -- the styles -------------------------------------------------------------------

def _handout(content: Content, blocks: list, style: str) -> b.Handout:
    c = content
    return b.Handout(title=plain(c.title), blocks=tuple(blocks),
                     classification=c.classification, language=c.language,
                     authors=c.authors, organisation=c.organisation, date=c.date,
                     subject=plain(c.question or c.subtitle), style=style,
                     labels=for_content(c))


def slides(build, per_page: int | None = None) -> b.Handout:
    """Return the slide handout: pages of ``per_page`` slide pictures with lines for notes."""
    n = check_per_page(per_page, "slides")
    pics = shots(build)
    pages = [b.SlideSheet(pics[i:i + n], n) for i in range(0, len(pics), n)]
    return _handout(build.content, pages, "slides")


def notes(build, per_page: int | None = None) -> b.Handout:
    """Return the notes pages: each slide's picture, then its speaker notes."""
    check_per_page(per_page, "notes")
    return _handout(build.content, [b.NotesPage(s) for s in shots(build)], "notes")
