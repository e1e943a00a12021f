"""Design: the planned deck -> placed slides (pure; no files, no python-pptx).

One function per slide kind draws that kind's design as boxes: text boxes,
shapes, charts, pictures, tables and groups. Every text box then goes through
the fitting engine (``deckgen.textfit``), which lays out its lines with the
font files and shrinks text that does not fit, never below the theme's
minimum. The pptx writer and the preview painter both draw the result.
"""

from __future__ import annotations

from deckgen.content.markup import plain
from deckgen.content.pictures import image_size
from deckgen.content.yardstick import YARDSTICKS
from deckgen.deck import composer
from deckgen.deck import model as d
from deckgen.deck.charts import figure_text, resolve
from deckgen.deck.quizslides import draw_answer, draw_question
from deckgen.layout.fitting import fit, height_of
from deckgen.layout.geometry import (Box, CARD_BAND, CARD_EVIDENCE_GAP, CARD_EVIDENCE_PT, CARD_PAD,
                                     CARD_HEAD_GAP, CARD_TEXT_PT, CARD_TITLE_PT, EMU_PER_IN, JUDGE_BADGE_W,
                                     JUDGE_GAP, JUDGE_NUM_W, TABLE_INSET, TABLE_PT, TWO_COL_GAP,
                                     YARD_HEAD_H, YARD_LABEL_PT, YARD_LABEL_W,
                                     count_lines, evidence_height, evidence_text, frame, judgement_height,
                                     title_fits_one_line,
                                     judgement_text_width, table_row_height, table_widths,
                                     text_height, text_width, title_size)
from deckgen.layout.placed import (ChartFrame, FitNote, Group, Para, Picture, PlacedDeck,
                                   PlacedSlide, Shape, SlideNumber, Style, TableFrame, TextBox)
from deckgen.theme.contrast import NORMAL, luminance, mix, ratio
from deckgen.theme.theme import Theme

IN = EMU_PER_IN
_CONF_DOTS = {"low": "●○○", "moderate": "●●○", "high": "●●●"}
def source_short(src) -> str:
    """Return a source as a footer cites it: ``Author, Publisher, 2024``."""
    who = plain(src.author or src.publisher or src.title or src.id)
    pub = plain(src.publisher) if src.author and src.publisher else ""
    year = src.date[:4] if src.date else ""
    return ", ".join(x for x in (who, pub, year) if x)


def ink(theme: Theme) -> str:
    """Return the darker of the theme's two text-on-fill colours (for outlines)."""
    light, dark = theme.color("on_light"), theme.color("on_dark")
    return light if luminance(light) <= luminance(dark) else dark


class _Designer:
    def __init__(self, deck: d.Deck, theme: Theme) -> None:
        self.deck = deck
        self.labels = deck.labels       # deckgen's own words, in the content's language
        self.theme = theme
        self.frame = frame(theme, bool(deck.classification))
        # a content slide whose title is one line gets the taller body the composer cut for
        self.frames = {one: frame(theme, bool(deck.classification), one) for one in (False, True)}
        self.body_font = theme.fonts["body"]
        self.head_font = theme.fonts["heading"]
        self.minimum = theme.sizes["body_minimum"]     # body text: never below this
        self.floor = theme.sizes["minimum"]            # any text: never below this
        self.caption = theme.sizes["caption"]
        # an organisation's master draws its own title and section slides:
        # deckgen paints no cover colour over them and uses the content colours
        self.covers = theme.master is None

    # -- helpers ----------------------------------------------------------
    def style(self, size="body", color: str = "text", bold: bool = False, italic: bool = False,
              heading: bool = False) -> Style:
        pt = self.theme.sizes[size] if isinstance(size, str) else float(size)
        pal = self.theme.palette
        col = pal[color] if color in pal and isinstance(pal[color], str) else color
        return Style(pt, col, self.head_font if heading else self.body_font, bold, italic)

    def text(self, box: Box, paras, anchor="top", inset=0, name="", fill=None, shape="rect",
             min_size=None, line=None, spacing=1.0, inset_y=None) -> TextBox:
        if min_size is None:
            min_size = min(self.minimum, min((p.style.size for p in paras), default=self.minimum))
        min_size = max(min_size, self.floor)
        return TextBox(box, list(paras), anchor, inset, spacing, name, fill, line, shape, min_size,
                       inset_y=inset_y)

    def shape(self, box: Box, fill: str, shape="rect", line=None, name="", decorative=True) -> Shape:
        return Shape(box, fill, line, shape, name, decorative)

    def title_box(self, s: d.Slide, box: Box | None = None, size: float | None = None,
                  color: str = "primary", anchor: str = "middle") -> TextBox:
        box = box or self.frame.title
        text = s.full_title
        pt = size or title_size(text, self.theme, box.w)
        return self.text(box, [Para(text, self.style(pt, color, bold=True, heading=True))],
                         anchor=anchor, name="Title", min_size=min(pt, 24.0))

    def band_color(self, word: str) -> str:
        bands = [b.word for b in YARDSTICKS[self.deck.yardstick]]
        cols = self.theme.palette["yardstick"]
        return cols[bands.index(word) % len(cols)]

    # -- furniture --------------------------------------------------------
    def furniture(self, s: d.Slide, number: int, dark: bool) -> list:
        f, t = self.frame, self.theme
        items: list = []
        logo = t.logo
        if logo is not None and f.logo is not None and (s.kind not in ("title", "section")
                                                         or logo.slides == "all"):
            items.append(Picture(f.logo, logo.path, logo.alt, name="Logo",
                                 decorative=not logo.alt))
        if self.deck.classification:
            for box, name in ((f.banner_top, "Classification (top)"),
                              (f.banner_bottom, "Classification (bottom)")):
                items.append(self.text(box, [Para(self.deck.classification,
                                                  self.style("caption", "on_banner", bold=True),
                                                  align="center")],
                                       anchor="middle", name=name, fill=t.color("banner")))
        if number > 1:
            num_w = int(0.9 * IN)
            color = "on_cover" if dark else "muted"
            items.append(SlideNumber(Box(f.footer.x + f.footer.w - num_w, f.footer.y, num_w,
                                         f.footer.h), self.style("caption", color), number))
            x0 = f.footer.x
            if t.footer:
                # the theme's footer text first, as wide as it needs (up to 45 % of the row)
                fw = min(int(text_width(t.footer, self.caption, font=self.body_font)) + int(0.05 * IN),
                         int((f.footer.w - num_w) * 0.45))
                items.append(self.text(Box(x0, f.footer.y, fw, f.footer.h),
                                       [Para(t.footer, self.style("caption", color))],
                                       anchor="middle", name="Footer"))
                x0 += fw + int(0.3 * IN)
            if s.sources:
                sbox = Box(x0, f.footer.y, f.footer.x + f.footer.w - num_w - int(0.2 * IN) - x0,
                           f.footer.h)
                key = "footer_source" if len(s.sources) == 1 else "footer_sources"
                text = self.labels(key, list="; ".join(
                    f"[{n}] {source_short(self.deck.sources[n - 1])}" for n in s.sources))
                if count_lines(text, self.caption, sbox.w, font=self.body_font) > 1:
                    # a footer holds one line: cite by number; the list is on the Sources slide
                    text = self.labels(key, list=", ".join(f"[{n}]" for n in s.sources)) + \
                        " " + self.labels["see_sources"]
                items.append(self.text(sbox, [Para(text, self.style("caption", color))],
                                       anchor="middle", name="Sources"))
        return items

    # -- slide kinds --------------------------------------------------------
    def title_slide(self, s: d.TitleSlide, out: list) -> TextBox:
        t, f = self.theme, self.frame
        W, H = t.slide_width, t.slide_height
        left = t.margins["left"] + int(0.3 * IN)
        width = W - left - t.margins["right"] - int(0.3 * IN)
        top = int(H * 0.16)
        if f.logo is not None and t.logo.slides == "all" and f.logo.y < H // 2:
            top = max(top, f.logo.y + f.logo.h + int(0.2 * IN))
        out.append(self.shape(Box(0, top, int(0.28 * IN), int(H * 0.5)), t.accent(2)))
        if self.covers:   # light text on the cover colour
            fg, sub, meta = ("on_cover", mix(t.color("on_cover"), t.color("cover"), 0.15),
                             mix(t.color("on_cover"), t.color("cover"), 0.2))
        else:             # on the master's own title slide: the content colours
            fg, sub, meta = "primary", "text", "muted"
        size = t.sizes["cover"]
        while size > 32 and count_lines(s.title, size, width, True, self.head_font) > 2:
            size -= 2
        lines = count_lines(s.title, size, width, True, self.head_font)
        tbox = Box(left, top, width, text_height(lines, size, self.head_font) + int(0.2 * IN))
        title = self.text(tbox, [Para(s.title, self.style(size, fg, bold=True, heading=True))],
                          name="Title", min_size=28)
        y = tbox.y + tbox.h + int(0.15 * IN)
        if s.subtitle:
            sub_style = self.style(26, sub)
            sh = height_of([Para(s.subtitle, sub_style)], width) + int(0.15 * IN)
            out.append(self.text(Box(left, y, width, sh), [Para(s.subtitle, sub_style)],
                                 name="Subtitle"))
        meta_paras = []
        if s.authors:
            meta_paras.append(Para(", ".join(s.authors), self.style(22, fg, bold=True)))
        line2 = " · ".join(x for x in (s.organisation, self.labels.date(s.date)) if x)
        if line2:
            meta_paras.append(Para(line2, self.style(20, meta)))
        if meta_paras:
            mh = int(1.2 * IN)
            bottom = H - f.banner_bottom.h - t.margins["bottom"] - int(0.3 * IN)
            out.append(self.text(Box(left, bottom - mh, width, mh), meta_paras, anchor="bottom",
                                 name="Authors"))
        return title

    def question_slide(self, s: d.QuestionSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        inner = b.w - int(1.0 * IN)
        size = 32.0
        font = self.body_font
        while size > t.sizes["body"] and text_height(count_lines(s.question, size, inner, font=font),
                                                     size, font) > b.h * 0.8:
            size -= 2
        h = min(text_height(count_lines(s.question, size, inner, font=font), size, font)
                + int(0.6 * IN), b.h)
        y = b.y + (b.h - h) // 2
        out.append(self.shape(Box(b.x, y, int(0.12 * IN), h), t.accent(2)))
        out.append(self.text(Box(b.x + int(0.5 * IN), y, inner, h),
                             [Para(s.question, self.style(size, "primary"))], anchor="middle",
                             name="Question"))
        return self.title_box(s)

    def judgements_slide(self, s: d.JudgementsSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        n = len(s.judgements)
        badge_w, num_w, gap = JUDGE_BADGE_W, JUDGE_NUM_W, JUDGE_GAP
        text_w = judgement_text_width(b.w)
        body = t.sizes["body"]
        needs = [judgement_height(j.text, body, self.body_font, b.w) for j in s.judgements]
        # rows share the spare height, but no row grows by more than half an inch
        spare = min(max(b.h - sum(needs) - gap * (n - 1), 0) // n, int(0.5 * IN))
        y = b.y
        for i, j in enumerate(s.judgements):
            h = needs[i] + spare
            row = Box(b.x, y, b.w, h)
            out.append(self.shape(row, t.color("surface")))
            circ = Box(row.x + int(0.15 * IN), row.y + (h - int(0.5 * IN)) // 2, int(0.5 * IN),
                       int(0.5 * IN))
            out.append(self.text(circ, [Para(str(s.start + i), self.style(18, "on_primary", bold=True),
                                             align="center")], anchor="middle", shape="oval",
                                 fill=t.color("primary"), name=f"Judgement {s.start + i}"))
            out.append(self.text(Box(row.x + num_w, row.y, text_w, h),
                                 [Para(j.text, self.style("body"))], anchor="middle",
                                 name="Judgement text"))
            bx = Box(row.x + row.w - badge_w, row.y, badge_w, h)
            paras = []
            if j.likelihood is not None:
                out.append(self.shape(Box(bx.x, bx.y, int(0.1 * IN), bx.h),
                                      self.band_color(j.likelihood.word)))
                paras = [Para(j.likelihood.word.capitalize(), self.style(20, "text", bold=True)),
                         Para(j.likelihood.percent(), self.style(16, "muted"))]
            if j.confidence:
                paras.append(Para(f"{_CONF_DOTS[j.confidence]} "
                                  f"{self.labels['confidence_' + j.confidence]}",
                                  self.style(16, "muted")))
            if paras:
                out.append(self.text(Box(bx.x + int(0.25 * IN), bx.y, bx.w - int(0.3 * IN), bx.h),
                                     paras, anchor="middle", name="Likelihood"))
            y += h + gap
        return self.title_box(s)

    def point_paras(self, points, level: int = 0, numbered: bool = False, start: int = 1,
                    size: float | None = None, gap: float | None = None) -> list[Para]:
        """Return the paragraphs of points as the composer measured them (sub-points muted)."""
        t = self.theme
        body = size or t.sizes["body"]
        return composer.point_paras(
            points, body, t.sizes["body_minimum"], composer.bullet_gap(body) if gap is None else gap,
            lambda pt, lvl: self.style(pt, "text" if lvl == 0 else "muted"), numbered, start, level)

    def bullets_slide(self, s: d.BulletsSlide, out: list) -> TextBox:
        b = self.frame.body
        lay = s.layout
        size = lay.size or self.theme.sizes["body"]
        gap = lay.gap or composer.bullet_gap(size)
        out.append(self.shape(Box(b.x, b.y - int(0.12 * IN), int(1.2 * IN), int(0.06 * IN)),
                              self.theme.accent(2)))
        if lay.cols == 2 and lay.split:
            # two columns: the numbering runs on from the left column into the right one
            w = (b.w - TWO_COL_GAP) // 2
            top = composer.TWO_COL_TOP
            for k, (pts, start) in enumerate(((s.points[:lay.split], s.start),
                                              (s.points[lay.split:], s.start + lay.split))):
                out.append(self.text(Box(b.x + k * (w + TWO_COL_GAP), b.y + top, w, b.h - top),
                                     self.point_paras(pts, numbered=s.numbered, start=start,
                                                      size=size, gap=gap),
                                     name="Bullets" if k == 0 else "Bullets (right column)"))
            return self.title_box(s)
        top = composer.BULLET_TOP
        box = Box(b.x, b.y + top, b.w, b.h - top)
        if lay.centred and lay.width:
            # a short list sits in the middle of the body, its lines still left-aligned
            box = Box(b.x + (b.w - lay.width) // 2, box.y, lay.width, box.h)
        out.append(self.text(box, self.point_paras(s.points, numbered=s.numbered, start=s.start,
                                                   size=size, gap=gap),
                             anchor="middle" if lay.centred else "top", name="Bullets"))
        return self.title_box(s)

    def two_column_slide(self, s: d.TwoColumnSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        gap = TWO_COL_GAP
        w = (b.w - gap) // 2
        size = s.layout.size or t.sizes["body"]
        top = composer.TWO_COL_TOP
        heads = (s.left_title, s.right_title)
        room = composer.Room(t, bool(self.deck.classification))
        head_h = composer.column_head_height(heads, room, w)
        for k, pts in enumerate((s.left, s.right)):
            x = b.x + k * (w + gap)
            out.append(self.shape(Box(x, b.y, w, int(0.06 * IN)), t.accent(k)))
            if heads[k]:
                out.append(self.text(Box(x, b.y + top, w, head_h - composer.COLUMN_HEAD_GAP),
                                     composer.column_head_paras(
                                         heads[k], composer.column_head_pt(room),
                                         lambda pt: self.style(pt, "primary", bold=True,
                                                               heading=True)),
                                     name="Left heading" if k == 0 else "Right heading"))
            out.append(self.text(Box(x, b.y + top + head_h, w, b.h - top - head_h),
                                 self.point_paras(pts, size=size, gap=s.layout.gap or None),
                                 name="Left column" if k == 0 else "Right column"))
        return self.title_box(s)

    def figures_slide(self, s: d.FiguresSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        n = len(s.figures)
        lay = s.layout
        # the composer's grid and sizes hold for every slide of the block
        grid = lay.rows or composer.FIGURE_GRIDS[min(n, 8)][0]
        cells = composer.figure_cells(grid, n, b, alone=n == 1, heights=lay.heights)
        for i, (fig, card) in enumerate(zip(s.figures, cells)):
            x, y, cw = card.x, card.y, card.w
            out.append(self.shape(card, t.color("surface")))
            out.append(self.shape(Box(x, y, cw, composer.FIGURE_BAR), t.accent(i)))
            inner = composer.figure_inner(card)
            whole, unit = figure_text(fig.value, fig.unit)
            big = lay.head or t.sizes["figure"] * (1.3 if n == 1 else 1.0)
            if not lay.head:     # not composed: the number shrinks until it takes one line
                while big > 28 and count_lines(whole, big, inner.w, True, self.head_font) > 1:
                    big -= 4
            label = lay.size or (20 if n > 1 else 24)
            looks = {"number": (t.accent(i), True, True), "unit": ("primary", True, False),
                     "label": ("text", False, False), "caption": ("muted", False, False)}
            paras = composer.figure_paras(
                fig, whole, unit, big, label, self.caption,
                lambda size, role: self.style(size, looks[role][0], bold=looks[role][1],
                                              heading=looks[role][2]),
                composer.figure_caption(fig, self.source_number, self.labels))
            out.append(self.text(inner, paras, anchor="middle", name=f"Figure {fig.id}",
                                 min_size=self.caption))
        return self.title_box(s)

    def source_number(self, sid: str) -> int:
        for n, src in enumerate(self.deck.sources, start=1):
            if src.id == sid:
                return n
        return 0

    def chart_slide(self, s: d.ChartSlide, out: list) -> TextBox:
        b = self.frame.body
        box = b
        if s.chart.title and plain(s.chart.title) != s.title:
            unit = s.chart.unit
            head = s.chart.title + (f" ({unit})" if unit and unit != "%" else "")
            out.append(self.text(Box(b.x, b.y, b.w, int(0.45 * IN)),
                                 [Para(head, self.style(20, "muted", bold=True))], name="Chart title"))
            box = Box(b.x, b.y + int(0.5 * IN), b.w, b.h - int(0.5 * IN))
        out.append(ChartFrame(box, s.chart, s.chart_type, s.alt,
                              title=plain(s.chart.title or s.title), name=f"Chart {s.chart.id}",
                              spec=resolve(s.chart, s.chart_type,
                                           bool(self.theme.charts.get("data_labels", True)),
                                           s.extent)))
        return self.title_box(s)

    def timeline_slide(self, s: d.TimelineSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        items: list = []
        mid = b.y + b.h // 2
        size = s.layout.size or 18.0
        items.append(self.shape(Box(b.x, mid - int(0.03 * IN), b.w, int(0.06 * IN)), t.color("rule")))
        dot = int(0.26 * IN)
        stem_h = int(0.2 * IN)
        looks = {True: "primary", False: "text"}
        for i, (ev, (cx, box, above)) in enumerate(zip(s.events,
                                                       composer.timeline_slots(b, len(s.events)))):
            items.append(self.shape(Box(cx - dot // 2, mid - dot // 2, dot, dot),
                                    t.accent(i % 2 * 2), shape="oval"))
            stem_y = mid - dot // 2 - stem_h if above else mid + dot // 2
            items.append(self.shape(Box(cx - int(0.01 * IN), stem_y, int(0.02 * IN), stem_h),
                                    t.color("rule")))
            paras = composer.event_paras(ev, size, lambda pt, bold: self.style(pt, looks[bold],
                                                                                bold=bold),
                                         self.labels)
            items.append(self.text(box, paras, anchor="bottom" if above else "top",
                                   name=f"Event {i + 1}"))
        alt = self.labels("timeline_alt", events="; ".join(
            f"{self.labels.date(e.date)}: {plain(e.text)}" for e in s.events))
        out.append(Group(self.labels["timeline"], alt, items))
        return self.title_box(s)

    def items_slide(self, s: d.ItemsSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        show_likelihood = s.block == "responses"
        boxes = composer.card_boxes(s.layout, len(s.items), b)
        for i, (item, ev, card) in enumerate(zip(s.items, s.evidence, boxes)):
            x, cw = card.x, card.w
            out.append(self.shape(card, t.color("surface")))
            if show_likelihood and item.likelihood is not None:
                col = self.band_color(item.likelihood.word)
                label = f"{item.likelihood.word.upper()} · {item.likelihood.percent()}"
            elif item.impact:
                col = t.palette["impact"][item.impact]
                label = self.labels[f"impact_{item.impact}"].upper()
            else:
                col, label = t.color("primary"), ""
            band = Box(x, card.y, cw, CARD_BAND)
            if label:
                out.append(self.text(band, [Para(label, self.style(14, t.text_on(col), bold=True))],
                                     anchor="middle", inset=CARD_PAD, inset_y=0, fill=col,
                                     name="Card heading", min_size=14))
            else:
                out.append(self.shape(band, col))
            inner = Box(x + CARD_PAD, card.y + CARD_BAND + CARD_HEAD_GAP, cw - 2 * CARD_PAD,
                        card.h - CARD_BAND - CARD_HEAD_GAP - CARD_PAD)
            text_pt = s.layout.size or CARD_TEXT_PT
            title_pt = s.layout.head or CARD_TITLE_PT
            paras = [Para(item.title, self.style(title_pt, "primary", bold=True, heading=True))]
            if item.detail:
                paras.append(Para(item.detail, self.style(text_pt, "text"), space_before=6))
            for p in item.points:
                paras.append(Para(p.text, self.style(text_pt, "text"), bullet="•", space_before=4))
            texts = [e.text for e in ev]
            ev_h = evidence_height(texts, inner.w, self.body_font, self.labels["evidence"])
            if ev_h:
                # the evidence sits at the card's foot, under a rule, as one run-on paragraph
                ebox = Box(inner.x, card.y + card.h - ev_h - CARD_PAD, inner.w, ev_h)
                out.append(self.shape(Box(inner.x, ebox.y - CARD_EVIDENCE_GAP // 2, inner.w,
                                          int(0.02 * IN)), t.color("rule")))
                out.append(self.text(ebox, [Para(evidence_text(texts, self.labels["evidence"]),
                                                 self.style(CARD_EVIDENCE_PT, "text"))],
                                     name="Evidence", min_size=CARD_EVIDENCE_PT))
            text_h = inner.h - (ev_h + CARD_EVIDENCE_GAP if ev_h else 0)
            out.append(self.text(Box(inner.x, inner.y, inner.w, text_h), paras,
                                 name=f"Card {item.id or i + 1}"))
        return self.title_box(s)

    def yardstick_slide(self, s: d.YardstickSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        bands = YARDSTICKS[s.yardstick]
        colors = t.palette["yardstick"]
        items: list = []
        label_w = s.layout.width or YARD_LABEL_W
        sx = b.x + label_w + int(0.2 * IN)
        sw = b.w - label_w - int(0.2 * IN)
        head_h = YARD_HEAD_H

        def X(p: float) -> int:
            return sx + int(sw * p)

        strip_y = b.y + int(0.42 * IN)
        strip_h = int(0.16 * IN)
        rows_top = b.y + head_h
        rows_h = b.h - head_h
        for k, band in enumerate(bands):
            col = colors[k % len(colors)]
            w = max(X(band.high) - X(band.low), int(0.04 * IN))
            items.append(self.shape(Box(X(band.low), rows_top, w, rows_h),
                                    mix(col, t.color("background"), 0.82)))
            items.append(self.shape(Box(X(band.low), strip_y, w, strip_h), col))
            lw = int(1.7 * IN)
            cx = (X(band.low) + X(band.high)) // 2
            lx = min(max(cx - lw // 2, sx - int(0.2 * IN)), sx + sw - lw + int(0.3 * IN))
            above = k % 2 == 0
            ly = b.y if above else strip_y + strip_h
            items.append(self.text(Box(lx, ly, lw, int(0.38 * IN)),
                                   [Para(band.word, self.style(14, "text"), align="center")],
                                   anchor="bottom" if above else "top", name=f"Band {band.word}",
                                   min_size=14))
        n = len(s.items)
        # rows as tall as the composer measured their labels, else all alike
        heights = list(s.layout.rows) if len(s.layout.rows) == n else [rows_h // max(n, 1)] * n
        ry = rows_top
        for i, (item, row_h) in enumerate(zip(s.items, heights)):
            if i:
                ry += heights[i - 1]
            lk = item.likelihood
            items.append(self.text(Box(b.x, ry, label_w, row_h),
                                   [Para(item.title, self.style(YARD_LABEL_PT, "text", bold=True))],
                                   anchor="middle", name=f"Response {i + 1}"))
            col = self.band_color(lk.word)
            bar_h = int(0.3 * IN)
            x0, x1 = X(lk.low), X(lk.high)
            w = max(x1 - x0, int(0.18 * IN))
            x0 = min(x0, sx + sw - w)
            items.append(self.shape(Box(x0, ry + (row_h - bar_h) // 2, w, bar_h), col,
                                    shape="rounded", line=mix(col, ink(t), 0.3)))
            label = f"{lk.word} · {lk.percent()}".replace(" %", "\u00a0%")   # keep "%" with its number
            x1 = x0 + w     # a point estimate's bar is wider than its range
            pad = int(0.1 * IN)
            # beside the bar, on the side with room for it (never over the titles
            # left of the scale); where neither side holds one line, it wraps
            need = int(text_width(label, 16, font=self.body_font)) + pad
            room_r = sx + sw + int(0.2 * IN) - (x1 + pad)
            room_l = x0 - pad - sx
            right = need <= room_r or (need > room_l and room_r >= room_l)
            lab_w = min(need, room_r if right else room_l)
            lx = x1 + pad if right else x0 - pad - lab_w
            items.append(self.text(Box(lx, ry, lab_w, row_h),
                                   [Para(label, self.style(16, "text"),
                                         align="left" if right else "right")],
                                   anchor="middle", name=f"Likelihood {i + 1}", min_size=14))
        out.append(Group(self.labels["probability_yardstick"], s.alt, items))
        out.append(self.text(Box(b.x, b.y, label_w, head_h - int(0.15 * IN)),
                             [Para(self.labels["scale"], self.style(14, "muted", bold=True)),
                              Para(self.labels("scale_range",
                                               yardstick=self.labels.yardstick(s.yardstick)),
                                   self.style(14, "muted"))],
                             anchor="middle", name="Scale", min_size=14))
        return self.title_box(s)

    def sources_slide(self, s: d.SourcesSlide, out: list) -> TextBox:
        b = self.frame.body

        def paras_at(size: float, own_line: bool = False) -> list[Para]:
            return [p for n, src in s.entries
                    for p in composer.source_paras(n, src, size, lambda pt: self.style(pt, "text"),
                                                   own_line, self.labels)]

        # a short list (one or two works) is set larger, each link on a line of its own
        paras = paras_at(s.layout.size or composer.SOURCE_PT)
        if height_of(paras, b.w) < b.h * 0.4:
            larger = paras_at(24.0, own_line=True)
            if height_of(larger, b.w) <= b.h * 0.8:
                paras = larger
        out.append(self.text(b, paras, name="Sources list"))
        return self.title_box(s)

    def credit_style(self, color: str = "muted") -> Style:
        """A picture credit: the theme's caption size, never under 14 pt."""
        return self.style(max(self.caption, 14.0), color)

    def image_slide(self, s: d.ImageSlide, out: list) -> TextBox:
        b = self.frame.body
        gap = int(0.08 * IN)
        # the caption and credit take their measured lines under the picture
        cap = [Para(s.caption, self.style(20, "text"), align="center")] if s.caption else []
        cred = [Para(s.credit, self.credit_style(), align="right")] if s.credit else []
        cap_h = height_of(cap, b.w) + gap if cap else 0
        cred_h = height_of(cred, b.w) + gap if cred else 0
        room = b.h - cap_h - cred_h
        iw, ih = image_size(s.image)   # an SVG's ratio is that of its PNG copy
        scale = min(b.w / iw, room / ih)
        w, h = int(iw * scale), int(ih * scale)
        y = b.y + (room - h) // 2
        pic = Box(b.x + (b.w - w) // 2, y, w, h)
        out.append(Picture(pic, s.image, s.alt))
        y = pic.y + pic.h + gap
        if cred:
            # at the picture's right edge, as wide as the picture (or the body, if it is narrow)
            cw = max(pic.w, min(b.w, int(4 * IN)))
            out.append(self.text(Box(pic.x + pic.w - cw, y, cw, cred_h - gap), cred,
                                 name="Credit", min_size=cred[0].style.size))
            y += cred_h
        if cap:
            out.append(self.text(Box(b.x, y, b.w, cap_h - gap), cap, name="Caption"))
        return self.title_box(s)

    def full_image_slide(self, s: d.FullImageSlide, out: list) -> TextBox:
        """The picture covers the slide (cropped, its aspect kept); the title, caption and
        credit sit on a solid band across its foot, in colours checked for contrast."""
        t, f = self.theme, self.frame
        W, H = t.slide_width, t.slide_height
        iw, ih = image_size(s.image)
        out.append(Picture(Box(0, 0, W, H), s.image, s.alt, crop=cover_crop(iw, ih, W, H),
                           behind=True))
        band_col, fg = band_colors(t)
        left, right = t.margins["left"], t.margins["right"]
        width = W - left - right
        pad = int(0.2 * IN)
        pt = title_size(s.full_title, t, width)
        title_paras = [Para(s.full_title, self.style(pt, fg, bold=True, heading=True))]
        title_h = height_of(title_paras, width)
        paras = []
        if s.caption:
            paras.append(Para(s.caption, self.style(20, fg)))
        if s.credit:
            paras.append(Para(s.credit, self.credit_style(fg), align="right",
                              space_before=4 if paras else 0))
        extra_h = height_of(paras, width) if paras else 0
        bottom = f.banner_bottom.y if self.deck.classification else H
        # the band holds the footer row too (slide number, sources), drawn on it in its colours
        band_y = f.footer.y - pad - extra_h - title_h - pad
        out.append(Shape(Box(0, band_y, W, bottom - band_y), band_col, name="Title band",
                         behind=True))
        if paras:
            out.append(self.text(Box(left, band_y + pad + title_h, width, extra_h), paras,
                                 name="Caption and credit",
                                 min_size=min(p.style.size for p in paras)))
        return self.title_box(s, box=Box(left, band_y + pad, width, title_h), size=pt, color=fg)

    def table_slide(self, s: d.TableSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        tab = s.table
        widths = table_widths(tab.columns, tab.rows, b.w)
        cell_inset = TABLE_INSET
        cells, heights = [], []
        for i, r in enumerate([tab.columns] + list(tab.rows)):
            head = i == 0
            fill = t.color("primary") if head else (t.color("surface") if i % 2 else t.color("background"))
            row = []
            for j, text in enumerate(r):
                row.append(self.text(Box(0, 0, widths[j], 1),
                                     [Para(text, self.style(TABLE_PT, "on_primary" if head else "text",
                                                            bold=head))],
                                     anchor="middle", inset=cell_inset, fill=fill, name="Cell"))
            heights.append(table_row_height(r, widths, self.body_font, bold=head))
            cells.append(row)
        y = b.y
        for row, h in zip(cells, heights):
            x = b.x
            for c, w in zip(row, widths):
                c.box = Box(x, y, w, h)
                x += w
            y += h
        alt = self.labels("table_alt", columns=", ".join(plain(c) for c in tab.columns),
                          n=len(tab.rows))
        out.append(TableFrame(Box(b.x, b.y, b.w, sum(heights)), tab, widths, heights, cells, alt))
        return self.title_box(s)

    def quote_slide(self, s: d.QuoteSlide, out: list) -> TextBox:
        b, t = self.frame.body, self.theme
        q = s.quote
        inner = b.w - int(2.4 * IN)

        def paras_at(size: float) -> list[Para]:
            paras = [Para(q.text, self.style(size, "primary", italic=True))]
            if q.by:
                paras.append(Para(f"— {q.by}", self.style(max(20.0, size * 0.55), "muted"),
                                  space_before=round(size * 0.5), align="right"))
            return paras

        # large: the biggest size (40 pt down to the body size) that takes at most
        # two thirds of the body, then the quote is centred in the body
        size = 40.0
        while size > t.sizes["body"] and height_of(paras_at(size), inner) > b.h * 0.66:
            size -= 2
        paras = paras_at(size)
        h = min(height_of(paras, inner) + int(0.1 * IN), b.h)
        y = b.y + (b.h - h) // 2
        x = b.x + (b.w - inner) // 2
        mark = int(size * 2.6)
        out.append(self.text(Box(x - int(mark * 0.55 * 12700), y - int(mark * 0.25 * 12700),
                                 int(1.2 * IN), int(mark * 1.25 * 12700)),
                             [Para("“", self.style(mark, t.accent(2), bold=True, heading=True))],
                             name="Quote mark", min_size=mark))
        out.append(self.text(Box(x, y, inner, h), paras, anchor="middle", name="Quote"))
        return self.title_box(s)

    def section_slide(self, s: d.SectionSlide, out: list) -> TextBox:
        t = self.theme
        W, H = t.slide_width, t.slide_height
        left = t.margins["left"] + int(0.3 * IN)
        box = Box(left, int(H * 0.38), W - left - t.margins["right"], int(1.6 * IN))
        out.append(self.shape(Box(left, box.y - int(0.25 * IN), int(1.4 * IN), int(0.08 * IN)),
                              t.accent(2)))
        return self.title_box(s, box=box, size=40, color="on_cover" if self.covers else "primary",
                              anchor="top")

    def quiz_question_slide(self, s: d.QuizQuestionSlide, out: list) -> TextBox:
        draw_question(self, s, out)
        return self.title_box(s)

    def quiz_answer_slide(self, s: d.QuizAnswerSlide, out: list) -> TextBox:
        draw_answer(self, s, out)
        return self.title_box(s)

    # -- the whole deck -----------------------------------------------------
    def design(self) -> PlacedDeck:
        t = self.theme
        slides = []
        notes: list[FitNote] = []
        for number, s in enumerate(self.deck.slides, start=1):
            role = s.kind if s.kind in ("title", "section") else "content"
            self.frame = self.frames[role == "content" and title_fits_one_line(s.full_title, t)]
            # a full-slide picture's footer sits on its band, in the cover colours
            dark = (role != "content" and self.covers) or s.kind == "full-image"
            items: list = []
            title = getattr(self, s.kind.replace("-", "_") + "_slide")(s, items)
            items.extend(self.furniture(s, number, dark))
            # with a master, slides keep the master's background (None: paint nothing)
            background = None if t.master else t.color("cover" if dark else "background")
            ps = PlacedSlide(s.kind, t.layouts[role], background, title, items, s.notes, number,
                             hidden=s.hidden)
            for it in ps.walk():
                _fit_all(it)
            for it in ps.walk():
                for tb in _text_boxes(it):
                    if tb.overflow:
                        notes.append(FitNote(number, s.full_title, tb.name or "text", "overflow",
                                             f"{tb.overflow:.0f} pt more text than the box holds"))
                    elif tb.shrunk_from:
                        size = max(p.style.size for p in tb.paras)
                        notes.append(FitNote(number, s.full_title, tb.name or "text", "shrunk",
                                             f"{tb.shrunk_from:g} pt → {size:g} pt"))
            if s.part[1] > 1:
                notes.append(FitNote(number, s.full_title, s.block, "split",
                                     f"part {s.part[0]} of {s.part[1]}"))
            for first, block_title, why in self.deck.choices:
                if first == number:
                    notes.append(FitNote(number, block_title, s.block, "composed", why))
            if s.hidden:
                notes.append(FitNote(number, s.full_title, "slide", "hidden",
                                     "a hidden slide: skipped in the show and the slide handouts"))
            slides.append(ps)
        for tm in self.deck.timings:
            span = (f"slides {tm.slide}–{tm.slide + tm.slides - 1}" if tm.slides > 1
                    else f"slide {tm.slide}")
            why = "" if tm.counted else (" (hidden, not counted)" if tm.hidden
                                         else " (part of its section's time)")
            notes.append(FitNote(tm.slide, tm.label, span, "timing", why, tm.minutes))
        return PlacedDeck(slides, t.slide_width, t.slide_height, notes, deck=self.deck)


def cover_crop(iw: float, ih: float, w: float, h: float) -> tuple[float, float, float, float]:
    """Return the crop (left, top, right, bottom shares) that makes a ``iw`` × ``ih``
    picture cover a ``w`` × ``h`` box at its own aspect, cut evenly on the long sides."""
    pic, box = iw / ih, w / h
    if pic > box:        # wider than the box: cut the sides
        cut = (1 - box / pic) / 2
        return (cut, 0.0, cut, 0.0)
    cut = (1 - pic / box) / 2
    return (0.0, cut, 0.0, cut)


def band_colors(theme: Theme) -> tuple[str, str]:
    """Return (band, text) colours for a title over a picture: the cover colour and the
    text colour that reads on it, checked against WCAG's 4.5:1 (small credits sit on it
    too); a theme whose cover colours fail gets near-black and white."""
    band = theme.color("cover")
    for fg in (theme.color("on_cover"), theme.text_on(band)):
        if ratio(fg, band) >= NORMAL:
            return band, fg
    return "1A1A1A", "FFFFFF"


def _text_boxes(it):
    if isinstance(it, TextBox):
        yield it
    elif isinstance(it, TableFrame):
        for row in it.cells:
            yield from row


def _fit_all(it) -> None:
    for tb in _text_boxes(it):
        if not tb.layout:
            fit(tb)


def design(deck: d.Deck, theme: Theme) -> PlacedDeck:
    """Return the placed slides of a planned deck in a theme."""
    return _Designer(deck, theme).design()
