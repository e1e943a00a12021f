"""PDF pages of slide pictures: the ``slides`` and ``notes`` styles, as Typst source.

The reading handout's renderer (:mod:`deckgen.handout.pdf`) calls these for
:class:`~deckgen.handout.blocks.SlideSheet` and
:class:`~deckgen.handout.blocks.NotesPage` blocks, so both styles get its
page, fonts, running header and footer ("Page 3 of 7") and metadata. Every
picture sits under a caption with the slide's number and title; the caption
is the slide's heading (H1, so each slide has a bookmark and a screen reader
can jump from slide to slide) and the picture is a Figure whose alt text
names the slide. The ruled lines for notes are drawing, not content: Typst
marks them as artifacts.
"""

from __future__ import annotations

from deckgen.handout import blocks as b
from deckgen.handout.slides import CAPTION, LINE_GAP, MM, sheet_slots
from deckgen.render.pdf_typst import fonts, lit

CAPTION_SIZE = 8.5
NOTES_SIZE = 10.5
FRAME = 0.6        # the rule around a picture, points
RULE = 0.45        # a ruled line, points


def _pt(v: float) -> str:
    return f"{v:.2f}pt"


def _caption(r, shot: b.SlideShot, width: float) -> str:
    """Return "Slide 3: Title" as the slide's level-1 heading (and bookmark), cut to one line."""
    L = r.h.labels
    label = (L("slide_titled", n=shot.number, title="").rstrip() if shot.title
             else L("slide", n=shot.number))
    title = (f"#\" \"#text(fill: {r.c('muted')}, weight: \"regular\", {lit(shot.title)})"
             if shot.title else "")
    # the glyphs' full height (ascender down) sits inside the caption line
    return (f"#block(width: {_pt(width)}, height: {_pt(CAPTION)}, above: 0pt, below: 0pt, "
            f"clip: true, text(top-edge: \"ascender\", heading(level: 1)[#{lit(label)}{title}]))")


def _picture(r, shot: b.SlideShot, width: float, height: float) -> str:
    """Return the slide's picture as a Figure, framed, its alt text naming the slide."""
    name = f"slide-{shot.number}.png"
    r.files[name] = shot.png
    L = r.h.labels
    alt = (L("slide_titled", n=shot.number, title=shot.title) if shot.title
           else L("slide", n=shot.number))
    return (f"box(stroke: {_pt(FRAME)} + {r.c('rule')}, figure(image({lit(name)}, "
            f"width: {_pt(width)}, height: {_pt(height)}, alt: {lit(alt)})))")


def _rules(r, x: float, y: float, w: float, n: int, gap: float) -> str:
    """Return ``n`` ruled lines below (x, y), one every ``gap`` points (placed drawing)."""
    return "".join(
        f"#place(top + left, dx: {_pt(x)}, dy: {_pt(y + k * gap)}, "
        f"line(length: {_pt(w)}, stroke: {_pt(RULE)} + {r.c('rule')}))"
        for k in range(1, n + 1))


def _headings(r) -> str:
    """The slide captions are headings; styled as captions, not as the reading handout's."""
    return (f"#show heading: it => text(weight: \"bold\", fill: {r.c('primary')}, it.body)\n"
            f"#show heading.where(level: 1): set text(size: {_pt(CAPTION_SIZE)})\n")


def sheet_source(r, blk: b.SlideSheet) -> str:
    """Return one slide-handout page: the slots of :func:`sheet_slots`, filled."""
    fw, fh = r.geo.frame_width, r.geo.frame_height - 0.5
    shots = blk.slides
    slots = sheet_slots(blk.per_page, fw, fh, shots[0].aspect)
    parts = []
    for shot, slot in zip(shots, slots):
        parts.append(f"#place(top + left, dx: {_pt(slot.x)}, dy: {_pt(slot.y)}, "
                     f"{_caption(r, shot, slot.pic_w)[1:]})")
        parts.append(f"#place(top + left, dx: {_pt(slot.x)}, dy: {_pt(slot.pic_y)}, "
                     f"{_picture(r, shot, slot.pic_w, slot.pic_h)})")
        lx, ly, lw, _lh = slot.lines
        parts.append(_rules(r, lx, ly, lw, slot.rules, slot.line_gap))
    return (f"#pagebreak(weak: true)\n{_headings(r)}"
            f"#block(width: {_pt(fw)}, height: {_pt(fh)})[{''.join(parts)}]\n")


def notes_source(r, blk: b.NotesPage) -> str:
    """Return a notes page: the slide, "Speaker notes", the notes as written, ruled lines.

    Notes too long for the page continue on the next; the next slide always
    starts a page of its own.
    """
    shot = blk.slide
    fw = r.geo.frame_width
    pic_h = fw / shot.aspect
    out = [f"#pagebreak(weak: true)\n{_headings(r)}",
           _caption(r, shot, fw) + "\n",
           f"#block(above: 0pt, below: 0pt, {_picture(r, shot, fw, pic_h)})\n"
           f"#v({_pt(5 * MM)})\n",
           f"#block(below: 4pt, text(size: 10.5pt, font: {fonts(r.head_font)}, "
           f"heading(level: 2, bookmarked: false, {lit(r.h.labels['speaker_notes'])})))\n"]
    paras = [p.strip() for p in shot.notes.split("\n\n") if p.strip()]
    for p in paras:
        lines = "#linebreak()".join(f"#{lit(line)}" for line in p.split("\n"))
        out.append(f"#block(below: 5pt, text(size: {_pt(NOTES_SIZE)})"
                   f"[#set par(leading: {_pt(NOTES_SIZE * 0.65)})\n#par[{lines}]])\n")
    if not paras:
        out.append(f"#par(text(size: 8.5pt, fill: {r.c('muted')}, "
                   f"{lit(r.h.labels['no_notes'])}))\n")
    # ruled lines for the reader's own notes, down to the foot of the page: as many
    # whole gaps as the room left holds, placed in a block exactly that tall
    out.append(f"#v({_pt(2 * MM)})\n#context {{\n"
               f"  let room = page.height - {_pt(r.geo.bottom)} - here().position().y - 0.01pt\n"
               f"  let n = calc.max(0, calc.floor(room / {_pt(LINE_GAP)}))\n"
               f"  block(height: n * {_pt(LINE_GAP)}, above: 0pt, below: 0pt, for k in range(n) "
               f"{{ place(top + left, dy: (k + 1) * {_pt(LINE_GAP)}, line(length: 100%, "
               f"stroke: {_pt(RULE)} + {r.c('rule')})) }})\n}}\n")
    return "".join(out)
