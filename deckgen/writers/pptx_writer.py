"""The PowerPoint writer: the planned deck -> a .pptx file (python-pptx).

One function per slide kind draws that kind's design. Every slide gets a
real title placeholder, the classification banner where set, a slide-number
field, its sources, and speaker notes. Sizes are written explicitly: the
file must look right as written, since PowerPoint does not refit text in a
generated file until someone edits it.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from .. import deck as d
from ..charts import fmt_number, fmt_value
from ..layout import (CARD_BAND, CARD_EVIDENCE_PT, CARD_GAP, CARD_PAD, CARD_TEXT_PT, CARD_TITLE_PT,
                      EMU_PER_IN, Box, card_width, count_lines, evidence_height, frame,
                      text_height, title_size)
from ..markup import Run, parse, plain
from ..model import Point
from ..theme import Theme
from ..yardstick import YARDSTICK_TITLES, YARDSTICKS, band_for
from .pptx_base import (Para, Style, add_slide_number, fill_text, mix, rect, rgb,
                        set_alt, textbox)
from .pptx_charts import add_chart

IN = EMU_PER_IN
_CONF_DOTS = {"low": "●○○", "moderate": "●●○", "high": "●●●"}


def _source_short(src) -> str:
    who = plain(src.author or src.publisher or src.title or src.id)
    pub = plain(src.publisher) if src.author and src.publisher else ""
    year = src.date[:4] if src.date else ""
    return ", ".join(x for x in (who, pub, year) if x)


class _Writer:
    def __init__(self, deck: d.Deck, theme: Theme) -> None:
        self.deck = deck
        self.theme = theme
        self.lang = deck.language
        self.frame = frame(theme, bool(deck.classification))
        self.prs = Presentation()
        self._resize_masters()
        self.layouts = {l.name: l for l in self.prs.slide_layouts}
        t = theme
        self.body_font = t.fonts["body"]
        self.head_font = t.fonts["heading"]

    # -- styles -----------------------------------------------------------
    def style(self, size: str | float = "body", color: str = "text", bold: bool = False,
              italic: bool = False, heading: bool = False) -> Style:
        pt = self.theme.sizes[size] if isinstance(size, str) else size
        col = self.theme.color(color) if len(color) != 6 or color in self.theme.palette else color
        return Style(pt, col, self.head_font if heading else self.body_font, bold, italic)

    def _resize_masters(self) -> None:
        """Set the slide size and stretch the template's masters to match."""
        prs = self.prs
        old_w = prs.slide_width
        prs.slide_width = Emu(self.theme.slide_width)
        prs.slide_height = Emu(self.theme.slide_height)
        scale = self.theme.slide_width / old_w
        masters = [prs.slide_master] + list(prs.slide_layouts)
        for m in masters:
            for sh in m.shapes:
                if sh.left is not None and sh.width is not None:
                    sh.left = Emu(int(sh.left * scale))
                    sh.width = Emu(int(sh.width * scale))

    # -- slide furniture --------------------------------------------------
    def new_slide(self, s: d.Slide, layout: str = "Title Only", dark: bool = False):
        lay = self.layouts.get(layout) or self.layouts["Title Only"]
        slide = self.prs.slides.add_slide(lay)
        bg = slide.background.fill
        bg.solid()
        bg.fore_color.rgb = rgb(self.theme.color("primary" if dark else "background"))
        return slide

    def set_title(self, slide, s: d.Slide, box: Box | None = None, size: float | None = None,
                  color: str = "primary", align: str = "left", anchor: str = "middle") -> None:
        ph = slide.shapes.title
        box = box or self.frame.title
        ph.left, ph.top, ph.width, ph.height = (Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
        text = s.full_title
        pt = size or title_size(text, self.theme, box.w)
        fill_text(ph.text_frame, [Para(text, self.style(pt, color, bold=True, heading=True),
                                       align=align)], self.theme, self.lang, anchor=anchor)

    def finish(self, slide, s: d.Slide, number: int, dark: bool = False) -> None:
        f = self.frame
        t = self.theme
        if self.deck.classification:
            for box, name in ((f.banner_top, "Classification (top)"),
                              (f.banner_bottom, "Classification (bottom)")):
                sp = rect(slide.shapes, box, t.color("banner"), decorative=False, name=name)
                fill_text(sp.text_frame, [Para(self.deck.classification,
                                               self.style("caption", "on_banner", bold=True),
                                               align="center")], t, self.lang, anchor="middle")
        if number > 1:
            num_w = int(0.9 * IN)
            nbox = Box(f.footer.x + f.footer.w - num_w, f.footer.y, num_w, f.footer.h)
            add_slide_number(slide.shapes, nbox,
                             self.style("caption", "on_primary" if dark else "muted"),
                             number, self.lang, self.deck.title)
            if s.sources:
                sbox = Box(f.footer.x, f.footer.y, f.footer.w - num_w - int(0.2 * IN), f.footer.h)
                label = "Source" if len(s.sources) == 1 else "Sources"
                text = f"{label}: " + "; ".join(
                    f"[{n}] {_source_short(self.deck.sources[n - 1])}" for n in s.sources)
                if count_lines(text, t.sizes["caption"], sbox.w) > 1:
                    # a footer holds one line: cite by number, the list is on the Sources slide
                    text = f"{label}: " + ", ".join(f"[{n}]" for n in s.sources) + \
                        " (see the Sources slide)"
                textbox(slide.shapes, sbox, [Para(text, self.style("caption", "on_primary" if dark else "muted"))],
                        t, self.lang, anchor="middle", name="Sources")
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes

    # -- slide kinds ------------------------------------------------------
    def title_slide(self, s: d.TitleSlide, slide) -> None:
        t, f = self.theme, self.frame
        W, H = t.slide_width, t.slide_height
        left = t.margins["left"] + int(0.3 * IN)
        width = W - left - t.margins["right"] - int(0.3 * IN)
        rect(slide.shapes, Box(0, int(H * 0.16), int(0.28 * IN), int(H * 0.5)), t.accent(2))
        size = t.sizes["cover"]
        while size > 32 and count_lines(s.title, size, width, bold=True) > 2:
            size -= 2
        lines = count_lines(s.title, size, width, bold=True)
        th = text_height(lines, size) + int(0.2 * IN)
        tbox = Box(left, int(H * 0.16), width, th)
        ph = slide.shapes.title
        ph.left, ph.top, ph.width, ph.height = Emu(tbox.x), Emu(tbox.y), Emu(tbox.w), Emu(tbox.h)
        fill_text(ph.text_frame, [Para(s.title, self.style(size, "on_primary", bold=True, heading=True))],
                  t, self.lang, anchor="top", line_spacing=0.95)
        y = tbox.y + tbox.h + int(0.15 * IN)
        sub = [ph_ for ph_ in slide.placeholders if ph_.placeholder_format.idx == 1]
        if s.subtitle and sub:
            sp = sub[0]
            n = count_lines(s.subtitle, 26, width)
            sh = text_height(n, 26) + int(0.15 * IN)
            sp.left, sp.top, sp.width, sp.height = Emu(left), Emu(y), Emu(width), Emu(sh)
            fill_text(sp.text_frame, [Para(s.subtitle, self.style(26, mix(t.color("on_primary"), t.color("primary"), 0.2)))],
                      t, self.lang)
            y += sh
        elif sub:
            sub[0]._element.getparent().remove(sub[0]._element)
        meta = []
        if s.authors:
            meta.append(Para(", ".join(s.authors), self.style(22, "on_primary", bold=True)))
        line2 = " · ".join(x for x in (s.organisation, _long_date(s.date)) if x)
        if line2:
            meta.append(Para(line2, self.style(20, mix(t.color("on_primary"), t.color("primary"), 0.25))))
        if meta:
            mh = int(1.1 * IN)
            bottom = H - f.banner_bottom.h - t.margins["bottom"] - int(0.3 * IN)
            textbox(slide.shapes, Box(left, bottom - mh, width, mh), meta, t, self.lang,
                    anchor="bottom", name="Authors")

    def question_slide(self, s: d.QuestionSlide, slide) -> None:
        self.set_title(slide, s)
        b = self.frame.body
        t = self.theme
        size = 32.0
        inner = b.w - int(1.0 * IN)
        while size > t.sizes["body"] and text_height(count_lines(s.question, size, inner), size) > b.h * 0.8:
            size -= 2
        h = min(text_height(count_lines(s.question, size, inner), size) + int(0.6 * IN), b.h)
        y = b.y + (b.h - h) // 2
        rect(slide.shapes, Box(b.x, y, int(0.12 * IN), h), t.accent(2))
        textbox(slide.shapes, Box(b.x + int(0.5 * IN), y, inner, h),
                [Para(s.question, self.style(size, "primary", italic=False))], t, self.lang,
                anchor="middle", name="Question")

    def judgements_slide(self, s: d.JudgementsSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        n = len(s.judgements)
        badge_w = int(2.7 * IN)
        num_w = int(0.75 * IN)
        gap = int(0.14 * IN)
        text_w = b.w - badge_w - num_w - int(0.4 * IN)
        body = t.sizes["body"]
        needs = [max(text_height(count_lines(j.text, body, text_w), body), int(0.95 * IN))
                 for j in s.judgements]
        spare = max(b.h - sum(needs) - gap * (n - 1), 0)
        y = b.y
        bands = YARDSTICKS[self.deck.yardstick]
        for i, j in enumerate(s.judgements):
            h = needs[i] + spare // n
            row = Box(b.x, y, b.w, h)
            rect(slide.shapes, row, t.color("surface"))
            circ = Box(row.x + int(0.15 * IN), row.y + (h - int(0.5 * IN)) // 2, int(0.5 * IN), int(0.5 * IN))
            c = rect(slide.shapes, circ, t.color("primary"), shape=MSO_SHAPE.OVAL, decorative=False,
                     name=f"Judgement {s.start + i}")
            fill_text(c.text_frame, [Para(str(s.start + i), self.style(18, "on_primary", bold=True),
                                          align="center")], t, self.lang, anchor="middle")
            textbox(slide.shapes, Box(row.x + num_w, row.y, text_w, h),
                    [Para(j.text, self.style("body"))], t, self.lang, anchor="middle",
                    inset=int(0.05 * IN))
            bx = Box(row.x + row.w - badge_w, row.y, badge_w, h)
            if j.likelihood is not None:
                idx = [bd.word for bd in bands].index(j.likelihood.word)
                color = t.palette["yardstick"][idx % len(t.palette["yardstick"])]
                strip = Box(bx.x, bx.y, int(0.1 * IN), bx.h)
                rect(slide.shapes, strip, color)
                paras = [Para(j.likelihood.word.capitalize(), self.style(20, "text", bold=True)),
                         Para(j.likelihood.percent(), self.style(16, "muted"))]
            else:
                paras = []
            if j.confidence:
                paras.append(Para(f"{_CONF_DOTS[j.confidence]} {j.confidence} confidence",
                                  self.style(16, "muted")))
            if paras:
                textbox(slide.shapes, Box(bx.x + int(0.25 * IN), bx.y, bx.w - int(0.3 * IN), bx.h),
                        paras, t, self.lang, anchor="middle", name="Likelihood")
            y += h + gap

    def point_paras(self, points, level: int = 0, numbered: bool = False, start: int = 1,
                    size: float | None = None) -> list[Para]:
        t = self.theme
        body = size or t.sizes["body"]
        out = []
        for i, p in enumerate(points):
            pt = body if level == 0 else max(body - 2, t.sizes["minimum"])
            bullet = "num" if (numbered and level == 0) else ("•" if level == 0 else "–")
            out.append(Para(p.text, self.style(pt, "text" if level == 0 else "muted"), level=level,
                            bullet=bullet, number=start + i,
                            space_before=10 if level == 0 and i else 4))
            out.extend(self.point_paras(p.points, level + 1, size=size))
        return out

    def bullets_slide(self, s: d.BulletsSlide, slide) -> None:
        self.set_title(slide, s)
        b = self.frame.body
        rect(slide.shapes, Box(b.x, b.y - int(0.12 * IN), int(1.2 * IN), int(0.06 * IN)), self.theme.accent(2))
        textbox(slide.shapes, Box(b.x, b.y + int(0.05 * IN), b.w, b.h - int(0.05 * IN)),
                self.point_paras(s.points, numbered=s.numbered, start=s.start),
                self.theme, self.lang, name="Bullets", line_spacing=1.0)

    def two_column_slide(self, s: d.TwoColumnSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        gap = int(0.5 * IN)
        w = (b.w - gap) // 2
        for k, pts in enumerate((s.left, s.right)):
            x = b.x + k * (w + gap)
            rect(slide.shapes, Box(x, b.y, w, int(0.06 * IN)), t.accent(k))
            textbox(slide.shapes, Box(x, b.y + int(0.2 * IN), w, b.h - int(0.2 * IN)),
                    self.point_paras(pts), t, self.lang, name="Left column" if k == 0 else "Right column")

    def figures_slide(self, s: d.FiguresSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        n = len(s.figures)
        cols = n if n <= 3 else (2 if n == 4 else 3)
        rows = (n + cols - 1) // cols
        gap = int(0.3 * IN)
        cw = (b.w - gap * (cols - 1)) // cols
        ch = (b.h - gap * (rows - 1)) // rows
        if n == 1:
            cw = min(cw, int(7 * IN))
        for i, fig in enumerate(s.figures):
            r, c = divmod(i, cols)
            x = b.x + c * (cw + gap) + ((b.w - cw) // 2 if n == 1 else 0)
            y = b.y + r * (ch + gap)
            card = Box(x, y, cw, ch)
            rect(slide.shapes, card, t.color("surface"))
            rect(slide.shapes, Box(x, y, cw, int(0.08 * IN)), t.accent(i))
            inner = card.inset(int(0.25 * IN), int(0.2 * IN))
            num = (f"{fmt_number(fig.value[0])}–{fmt_number(fig.value[1])}"
                   if fig.is_range else fmt_number(fig.value))
            unit = fig.unit
            big = t.sizes["figure"] * (1.3 if n == 1 else 1.0)
            attach = unit in ("%", "‰")
            whole = num + (unit if attach else "")
            while big > 28 and count_lines(whole, big, inner.w, bold=True) > 1:
                big -= 4
            runs = [Run(whole, bold=True)]
            paras = [Para("", self.style(big, t.accent(i) if t.accent(i) in t.palette["accents"] else "primary",
                                         bold=True, heading=True), runs=tuple(runs))]
            if unit and not attach:
                paras.append(Para(unit, self.style(22, "primary", bold=True)))
            if fig.label:
                paras.append(Para(fig.label, self.style(20 if n > 1 else 24, "text"), space_before=6))
            cap = []
            if fig.as_of:
                cap.append(f"as of {_long_date(fig.as_of)}")
            if fig.source:
                cap.append("source " + ", ".join(f"[{self.deck_source_number(r.id)}]" for r in fig.source))
            if cap:
                text = "; ".join(cap)
                paras.append(Para(text[0].upper() + text[1:], self.style("caption", "muted"),
                                  space_before=6))
            textbox(slide.shapes, inner, paras, t, self.lang, anchor="middle", name=f"Figure {fig.id}")

    def deck_source_number(self, sid: str) -> int:
        for n, src in enumerate(self.deck.sources, start=1):
            if src.id == sid:
                return n
        return 0

    def chart_slide(self, s: d.ChartSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        box = b
        if s.chart.title and plain(s.chart.title) != s.title:
            textbox(slide.shapes, Box(b.x, b.y, b.w, int(0.45 * IN)),
                    [Para(s.chart.title + (f" ({s.chart.unit})" if s.chart.unit and s.chart.unit != "%" else ""),
                          self.style(20, "muted", bold=True))], t, self.lang, name="Chart title")
            box = Box(b.x, b.y + int(0.5 * IN), b.w, b.h - int(0.5 * IN))
        gf = add_chart(slide.shapes, box, s.chart, s.chart_type, t, self.lang)
        gf.name = f"Chart {s.chart.id}"
        set_alt(gf, s.alt, title=plain(s.chart.title or s.title))

    def timeline_slide(self, s: d.TimelineSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        grp = slide.shapes.add_group_shape()
        grp.name = "Timeline"
        n = len(s.events)
        mid = b.y + b.h // 2
        rect(grp.shapes, Box(b.x, mid - int(0.03 * IN), b.w, int(0.06 * IN)), t.color("rule"))
        slot = b.w // n
        label_w = min(slot * 2 - int(0.2 * IN), int(4.2 * IN)) if n > 1 else b.w
        half = b.h // 2 - int(0.25 * IN)
        for i, ev in enumerate(s.events):
            cx = b.x + slot * i + slot // 2
            dot = int(0.26 * IN)
            rect(grp.shapes, Box(cx - dot // 2, mid - dot // 2, dot, dot), t.accent(i % 2 * 2),
                 shape=MSO_SHAPE.OVAL)
            above = i % 2 == 0
            lx = max(cx - label_w // 2, b.x)
            rx = min(cx + label_w // 2, b.x + b.w)
            stem_h = int(0.2 * IN)
            if above:
                box = Box(lx, b.y, rx - lx, half)
                rect(grp.shapes, Box(cx - int(0.01 * IN), mid - dot // 2 - stem_h, int(0.02 * IN), stem_h), t.color("rule"))
            else:
                box = Box(lx, mid + int(0.25 * IN), rx - lx, half)
                rect(grp.shapes, Box(cx - int(0.01 * IN), mid + dot // 2, int(0.02 * IN), stem_h), t.color("rule"))
            paras = [Para(_long_date(ev.date), self.style(20, "primary", bold=True), align="center"),
                     Para(ev.text, self.style(18, "text"), align="center", space_before=2)]
            textbox(grp.shapes, box, paras, t, self.lang, anchor="bottom" if above else "top",
                    name=f"Event {i + 1}")
        alt = "Timeline: " + "; ".join(f"{_long_date(e.date)}: {plain(e.text)}" for e in s.events)
        set_alt(grp, alt, title="Timeline")

    def items_slide(self, s: d.ItemsSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        n = len(s.items)
        cw = card_width(b.w, n)
        show_likelihood = s.block == "responses"
        bands = YARDSTICKS[self.deck.yardstick]
        for i, (item, ev) in enumerate(zip(s.items, s.evidence)):
            x = b.x + i * (cw + CARD_GAP)
            card = Box(x, b.y, cw, b.h)
            rect(slide.shapes, card, t.color("surface"))
            if show_likelihood and item.likelihood is not None:
                k = [bd.word for bd in bands].index(item.likelihood.word)
                col = t.palette["yardstick"][k % len(t.palette["yardstick"])]
                label = f"{item.likelihood.word.upper()} · {item.likelihood.percent()}"
            elif item.impact:
                col = t.palette["impact"][item.impact]
                label = f"{item.impact.upper()} IMPACT"
            else:
                col, label = t.color("primary"), ""
            band = rect(slide.shapes, Box(x, b.y, cw, CARD_BAND), col, decorative=not label,
                        name="Card heading")
            if label:
                fg = "FFFFFF" if _luminance(col) < 0.45 else "1A1A1A"
                fill_text(band.text_frame, [Para(label, self.style(14, fg, bold=True))],
                          t, self.lang, anchor="middle", inset=CARD_PAD)
            inner = Box(x + CARD_PAD, b.y + CARD_BAND + int(0.12 * IN), cw - 2 * CARD_PAD,
                        b.h - CARD_BAND - int(0.12 * IN) - CARD_PAD)
            paras = [Para(item.title, self.style(CARD_TITLE_PT, "primary", bold=True, heading=True))]
            if item.detail:
                paras.append(Para(item.detail, self.style(CARD_TEXT_PT, "text"), space_before=6))
            for p in item.points:
                paras.append(Para(p.text, self.style(CARD_TEXT_PT, "text"), bullet="•", space_before=4))
            texts = [e.text for e in ev]
            ev_h = evidence_height(texts, inner.w)
            if ev_h:
                ebox = Box(inner.x, card.y + card.h - ev_h - CARD_PAD, inner.w, ev_h)
                rect(slide.shapes, Box(inner.x, ebox.y - int(0.08 * IN), inner.w, int(0.02 * IN)),
                     t.color("rule"))
                eparas = [Para("EVIDENCE", self.style(CARD_EVIDENCE_PT, "muted", bold=True))]
                eparas += [Para(e, self.style(CARD_EVIDENCE_PT, "text"), bullet="▸") for e in texts]
                textbox(slide.shapes, ebox, eparas, t, self.lang, anchor="top", name="Evidence")
            text_h = inner.h - (ev_h + int(0.2 * IN) if ev_h else 0)
            textbox(slide.shapes, Box(inner.x, inner.y, inner.w, text_h), paras, t, self.lang,
                    name=f"Card {item.id or i + 1}")

    def yardstick_slide(self, s: d.YardstickSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        bands = YARDSTICKS[s.yardstick]
        colors = t.palette["yardstick"]
        grp = slide.shapes.add_group_shape()
        grp.name = "Probability yardstick"
        label_w = int(3.9 * IN)
        sx = b.x + label_w + int(0.2 * IN)
        sw = b.w - label_w - int(0.2 * IN)
        head_h = int(0.95 * IN)

        def X(p: float) -> int:
            return sx + int(sw * p)

        # band strip with names alternating above and below
        strip_y = b.y + int(0.42 * IN)
        strip_h = int(0.16 * IN)
        rows_top = b.y + head_h
        rows_h = b.h - head_h
        for k, band in enumerate(bands):
            col = colors[k % len(colors)]
            w = max(X(band.high) - X(band.low), int(0.04 * IN))
            rect(grp.shapes, Box(X(band.low), rows_top, w, rows_h), mix(col, t.color("background"), 0.82))
            rect(grp.shapes, Box(X(band.low), strip_y, w, strip_h), col)
            lw = int(1.7 * IN)
            cx = (X(band.low) + X(band.high)) // 2
            lx = min(max(cx - lw // 2, sx - int(0.2 * IN)), sx + sw - lw + int(0.3 * IN))
            above = k % 2 == 0
            ly = b.y if above else strip_y + strip_h
            textbox(grp.shapes, Box(lx, ly, lw, int(0.38 * IN)),
                    [Para(band.word, self.style(14, "text"), align="center")], t, self.lang,
                    anchor="bottom" if above else "top")
        n = len(s.items)
        row_h = rows_h // max(n, 1)
        for i, item in enumerate(s.items):
            ry = rows_top + i * row_h
            lk = item.likelihood
            textbox(grp.shapes, Box(b.x, ry, label_w, row_h),
                    [Para(item.title, self.style(18, "text", bold=True))], t, self.lang,
                    anchor="middle", name=f"Response {i + 1}")
            idx = [bd.word for bd in bands].index(lk.word)
            col = colors[idx % len(colors)]
            bar_h = int(0.3 * IN)
            x0, x1 = X(lk.low), X(lk.high)
            w = max(x1 - x0, int(0.18 * IN))
            x0 = min(x0, sx + sw - w)
            rect(grp.shapes, Box(x0, ry + (row_h - bar_h) // 2, w, bar_h), col,
                 shape=MSO_SHAPE.ROUNDED_RECTANGLE, line=mix(col, "000000", 0.3))
            label = f"{lk.word} · {lk.percent()}"
            lab_w = int(2.9 * IN)
            lx = x1 + int(0.1 * IN) if x1 + int(0.1 * IN) + lab_w <= sx + sw + int(0.2 * IN) else x0 - lab_w - int(0.1 * IN)
            textbox(grp.shapes, Box(lx, ry, lab_w, row_h),
                    [Para(label, self.style(16, "text"), align="left" if lx > x0 else "right")],
                    t, self.lang, anchor="middle")
        set_alt(grp, s.alt, title="Probability yardstick")
        textbox(slide.shapes, Box(b.x, b.y, label_w, head_h - int(0.15 * IN)),
                [Para("Scale", self.style(14, "muted", bold=True)),
                 Para(f"{YARDSTICK_TITLES[s.yardstick]}, 0–100 %", self.style(14, "muted"))],
                t, self.lang, anchor="middle", name="Scale")

    def sources_slide(self, s: d.SourcesSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        paras = []
        for n, src in s.entries:
            bits = [x for x in (src.author, f"*{src.title}*" if src.title else "", src.publisher,
                                _long_date(src.date)) if x]
            text = ", ".join(bits) or src.id
            runs = list(parse(f"[{n}]  ", bold=True)) + list(parse(text))
            if src.url:
                runs += [Run(". "), Run(src.url, url=src.url)]
            paras.append(Para("", self.style(20, "text"), runs=tuple(runs), space_before=12))
        textbox(slide.shapes, b, paras, t, self.lang, name="Sources list")

    def image_slide(self, s: d.ImageSlide, slide) -> None:
        self.set_title(slide, s)
        b = self.frame.body
        from PIL import Image
        with Image.open(s.image) as im:
            iw, ih = im.size
        scale = min(b.w / iw, b.h / ih)
        w, h = int(iw * scale), int(ih * scale)
        pic = slide.shapes.add_picture(str(s.image), Emu(b.x + (b.w - w) // 2),
                                       Emu(b.y + (b.h - h) // 2), Emu(w), Emu(h))
        pic.name = "Picture"
        set_alt(pic, s.alt)

    def table_slide(self, s: d.TableSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        tab = s.table
        rows, cols = len(tab.rows) + 1, len(tab.columns)
        weights = [max([len(plain(c)) for c in [tab.columns[j]] + [r[j] for r in tab.rows]] + [4]) ** 0.7
                   for j in range(cols)]
        total = sum(weights)
        widths = [int(b.w * w / total) for w in weights]
        size = 18.0
        heights = []
        for r in [tab.columns] + list(tab.rows):
            lines = max(count_lines(c, size, widths[j] - int(0.2 * IN), bold=(r is tab.columns))
                        for j, c in enumerate(r))
            heights.append(text_height(lines, size) + int(0.2 * IN))
        gf = slide.shapes.add_table(rows, cols, Emu(b.x), Emu(b.y), Emu(b.w), Emu(sum(heights)))
        gf.name = "Table"
        table = gf.table
        table.first_row = True
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(w)
        for i, h in enumerate(heights):
            table.rows[i].height = Emu(h)
        for i, r in enumerate([tab.columns] + list(tab.rows)):
            for j, text in enumerate(r):
                cell = table.cell(i, j)
                head = i == 0
                cell.fill.solid()
                cell.fill.fore_color.rgb = rgb(t.color("primary") if head else
                                              (t.color("surface") if i % 2 else t.color("background")))
                cell.margin_left = cell.margin_right = Emu(int(0.1 * IN))
                cell.margin_top = cell.margin_bottom = Emu(int(0.06 * IN))
                fill_text(cell.text_frame, [Para(text, self.style(size, "on_primary" if head else "text",
                                                                  bold=head))], t, self.lang,
                          anchor="middle", inset=int(0.1 * IN))
        set_alt(gf, f"Table with columns {', '.join(plain(c) for c in tab.columns)}; "
                    f"{len(tab.rows)} rows.")

    def quote_slide(self, s: d.QuoteSlide, slide) -> None:
        self.set_title(slide, s)
        b, t = self.frame.body, self.theme
        q = s.quote
        inner = b.w - int(2.0 * IN)
        size = 32.0
        while size > t.sizes["body"] and text_height(count_lines(q.text, size, inner), size) > b.h * 0.7:
            size -= 2
        textbox(slide.shapes, Box(b.x, b.y - int(0.2 * IN), int(1.2 * IN), int(1.5 * IN)),
                [Para("“", self.style(110, t.accent(2), bold=True, heading=True))], t, self.lang,
                name="Quote mark")
        h = text_height(count_lines(q.text, size, inner), size)
        y = b.y + int(0.4 * IN)
        paras = [Para(q.text, self.style(size, "primary", italic=True))]
        if q.by:
            paras.append(Para(f"— {q.by}", self.style(20, "muted"), space_before=18, align="right"))
        textbox(slide.shapes, Box(b.x + int(1.0 * IN), y, inner, b.h - int(0.4 * IN)), paras, t,
                self.lang, name="Quote")

    def section_slide(self, s: d.SectionSlide, slide) -> None:
        t = self.theme
        W, H = t.slide_width, t.slide_height
        left = t.margins["left"] + int(0.3 * IN)
        box = Box(left, int(H * 0.38), W - left - t.margins["right"], int(1.6 * IN))
        rect(slide.shapes, Box(left, box.y - int(0.25 * IN), int(1.4 * IN), int(0.08 * IN)), t.accent(2))
        self.set_title(slide, s, box=box, size=40, color="on_primary", anchor="top")

    # -- the whole deck ---------------------------------------------------
    def write(self, path: Path) -> None:
        t = self.theme
        for number, s in enumerate(self.deck.slides, start=1):
            dark = s.kind in ("title", "section")
            layout = {"title": "Title Slide", "section": "Title Only"}.get(s.kind, "Title Only")
            slide = self.new_slide(s, layout, dark=dark)
            getattr(self, s.kind.replace("-", "_") + "_slide")(s, slide)
            self.finish(slide, s, number, dark=dark)
        cp = self.prs.core_properties
        cp.title = self.deck.title
        cp.author = ", ".join(self.deck.authors) or "deckgen"
        cp.subject = self.deck.subject[:250]
        cp.language = self.lang
        cp.keywords = ""
        cp.comments = ""
        cp.last_modified_by = "deckgen"
        cp.revision = 1
        stamp = _fixed_time(self.deck.date)
        cp.created = stamp
        cp.modified = stamp
        self.prs.save(str(path))


def _luminance(hex6: str) -> float:
    """Return the WCAG relative luminance of an ``RRGGBB`` colour."""
    def chan(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex6[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def _fixed_time(date: str) -> datetime:
    """Return a build timestamp: SOURCE_DATE_EPOCH when set, else the content's date."""
    import os
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    parts = [int(x) for x in date.split("-")] if date else [2000]
    while len(parts) < 3:
        parts.append(1)
    return datetime(parts[0], parts[1], parts[2])


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _long_date(date: str) -> str:
    """Return ``2024-10-18`` as ``18 October 2024`` (British order)."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def write_pptx(deck: d.Deck, theme: Theme, path: Path) -> None:
    """Write the deck as a .pptx file at ``path``."""
    _Writer(deck, theme).write(path)
