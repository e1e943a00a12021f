"""Slide geometry and text estimates shared by the storyline and the writers.

The storyline asks how much fits (to split long blocks over slides); the
design stage asks where each box goes. Both read the same numbers from here,
so a split and its drawing agree. Text is measured with the font files
(``deckgen.measure``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from deckgen.content.markup import plain
from deckgen.layout.fitting import lines_of
from deckgen.text.fontfiles import ON_NEW_FONTS
from deckgen.text.measure import line_height, width
from deckgen.theme.theme import Theme

from deckgen.layout.box import EMU_PER_IN, EMU_PER_PT, DEFAULT_FONT, Box  # noqa: F401  (re-exported)


def text_width(text: str, pt: float, bold: bool = False, font: str = DEFAULT_FONT) -> float:
    """Return the width of one line of text (markup removed), in EMU."""
    return width(plain(text), font, pt, bold) * EMU_PER_PT


@lru_cache(maxsize=16384)
def count_lines(text: str, pt: float, width: int, bold: bool = False,
                font: str = DEFAULT_FONT) -> int:
    """Return how many lines ``text`` (markup allowed) wraps to in ``width`` EMU."""
    return lines_of(text, font, pt, width, bold)


def text_height(lines: int, pt: float, font: str = DEFAULT_FONT) -> int:
    """Return the height of ``lines`` lines at ``pt`` points, in EMU."""
    return int(lines * line_height(font, pt) * EMU_PER_PT)


def pt_to_emu(pt: float) -> int:
    """Return points as EMU."""
    return int(pt * EMU_PER_PT)


@dataclass(frozen=True)
class Frame:
    """Where the parts of a content slide go, for one theme."""

    slide: Box
    banner_top: Box
    banner_bottom: Box
    title: Box
    body: Box
    footer: Box
    logo: Box | None = None     # the theme's logo, when it has one


TITLE_H = int(1.05 * EMU_PER_IN)         # a title row that holds two lines
TITLE_LINE_PAD = int(0.08 * EMU_PER_IN)  # around a title of one line


def title_fits_one_line(text: str, theme: Theme) -> bool:
    """Return True when ``text`` sets on one line at the theme's title size.

    Such a slide gets a one-line title row and the body the rest (a master's
    title placeholder keeps its own height).
    """
    if theme.master is not None and theme.master.title_boxes.get("content"):
        return False
    w = frame(theme, False).title.w
    return count_lines(text, float(theme.sizes["title"]), w, bold=True,
                       font=theme.fonts.get("heading", DEFAULT_FONT)) <= 1


def frame(theme: Theme, banner: bool, one_line_title: bool = False) -> Frame:
    """Return the boxes of a content slide for ``theme``.

    The title row holds two lines of the title size, or one when
    ``one_line_title`` (the body then starts higher: a slide whose title is
    short has more room). An organisation's master places the title where
    its content layout's title placeholder is (within reason); a logo takes
    its corner of the title row or of the footer row, and the title or
    footer gives way to it.
    """
    W, H = theme.slide_width, theme.slide_height
    m = theme.margins
    band = int(0.32 * EMU_PER_IN) if banner else 0
    top = band + m["top"]
    title_h = TITLE_H
    # a logo in the title row keeps the row's full height on every slide (one logo size)
    top_logo = theme.logo is not None and theme.logo.position.startswith("top")
    if one_line_title and not top_logo:
        font = theme.fonts.get("heading", DEFAULT_FONT)
        title_h = min(TITLE_H, int(line_height(font, float(theme.sizes["title"])) * EMU_PER_PT)
                      + 2 * TITLE_LINE_PAD)
    footer_h = int(0.38 * EMU_PER_IN)
    bottom = H - band - m["bottom"]
    inner_w = W - m["left"] - m["right"]
    title = Box(m["left"], top, inner_w, title_h)
    master_box = theme.master.title_boxes.get("content") if theme.master else None
    if master_box and master_box[2] > EMU_PER_IN and master_box[3] > 0:
        x, y, w, h = master_box
        y = max(y, band + int(0.08 * EMU_PER_IN))
        h = min(max(h, int(0.75 * EMU_PER_IN)), int(1.3 * EMU_PER_IN))
        x = max(x, 0)
        title = Box(x, y, min(w, W - x), h)
    logo = None
    lg = theme.logo
    gap = int(0.2 * EMU_PER_IN)
    if lg is not None:
        lw, lh = lg.width, lg.height
        right = lg.position.endswith("right")
        lx = W - m["right"] - lw if right else m["left"]
        if lg.position.startswith("top"):
            if lh > title.h:
                lw, lh = int(lw * title.h / lh), title.h
                lx = W - m["right"] - lw if right else m["left"]
            logo = Box(lx, title.y + (title.h - lh) // 2, lw, lh)
            if right:
                title = Box(title.x, title.y, min(title.w, lx - gap - title.x), title.h)
            else:
                x0 = max(title.x, lx + lw + gap)
                title = Box(x0, title.y, title.x + title.w - x0, title.h)
        else:
            footer_h = max(footer_h, lh)
            logo = Box(lx, bottom - lh, lw, lh)
    footer = Box(m["left"], bottom - footer_h, inner_w, footer_h)
    if logo is not None and logo.y >= footer.y:
        if logo.x > footer.x:    # bottom-right: the footer (and slide number) ends before it
            footer = Box(footer.x, footer.y, logo.x - gap - footer.x, footer.h)
        else:
            x0 = logo.x + logo.w + gap
            footer = Box(x0, footer.y, footer.x + footer.w - x0, footer.h)
    body_y = title.y + title.h + int(0.18 * EMU_PER_IN)
    body = Box(m["left"], body_y, inner_w, footer.y - body_y - int(0.1 * EMU_PER_IN))
    return Frame(Box(0, 0, W, H), Box(0, 0, W, band), Box(0, H - band, W, band),
                 title, body, footer, logo)


def title_size(text: str, theme: Theme, width: int) -> float:
    """Return the largest title size (down to the minimum) that fits two lines."""
    pt = theme.sizes["title"]
    floor = max(theme.sizes["body_minimum"], 24.0)
    font = theme.fonts.get("heading", DEFAULT_FONT)
    while pt > floor and count_lines(text, pt, width, bold=True, font=font) > 2:
        pt -= 2
    return max(pt, floor)


# -- cards (concerns, constraints, responses) ------------------------------

CARD_GAP = int(0.3 * EMU_PER_IN)
CARD_BAND = int(0.36 * EMU_PER_IN)      # the heading band: one 14 pt line and its margins
CARD_PAD = int(0.2 * EMU_PER_IN)
CARD_HEAD_GAP = int(0.06 * EMU_PER_IN)  # between a card's heading band and its title
CARD_EVIDENCE_GAP = int(0.12 * EMU_PER_IN)  # between a card's text and its evidence rule
CARD_TITLE_PT = 22.0
CARD_TEXT_PT = 18.0
CARD_EVIDENCE_PT = 14.0


def card_width(body_w: int, n: int) -> int:
    """Return the width of each of ``n`` cards side by side."""
    return (body_w - CARD_GAP * (n - 1)) // n


def evidence_text(texts, label: str = "Evidence:") -> str:
    """Return a card's evidence as one run-on paragraph: ``**Evidence:** a; b; c``.

    One paragraph rather than a heading and a line per entry: the entries
    share lines, so a card with three pieces of evidence stays short enough
    for three cards to stand side by side.
    """
    return f"**{label}** " + "; ".join(texts)


def evidence_height(texts, inner_w: int, font: str = DEFAULT_FONT,
                    label: str = "Evidence:") -> int:
    """Return the height of a card's evidence block (0 when there is none)."""
    if not texts:
        return 0
    lines = count_lines(evidence_text(texts, label), CARD_EVIDENCE_PT, inner_w, font=font)
    return text_height(lines, CARD_EVIDENCE_PT, font) + int(0.1 * EMU_PER_IN)


def card_text_height(title: str, detail: str, points, inner_w: int, font: str = DEFAULT_FONT,
                     head_font: str = DEFAULT_FONT, text_pt: float = CARD_TEXT_PT,
                     title_pt: float = CARD_TITLE_PT) -> int:
    """Return the height of a card's title, detail and points (at ``title_pt``/``text_pt``)."""
    h = text_height(count_lines(title, title_pt, inner_w, bold=True, font=head_font),
                    title_pt, head_font)
    if detail:
        h += text_height(count_lines(detail, text_pt, inner_w, font=font), text_pt,
                         font) + 6 * EMU_PER_PT
    bullet_w = inner_w - int(text_pt * 1.1 * EMU_PER_PT)
    for p in points:
        h += text_height(count_lines(p, text_pt, bullet_w, font=font), text_pt,
                         font) + 4 * EMU_PER_PT
    return h


def card_height(title: str, detail: str, points, evidence, width: int, font: str = DEFAULT_FONT,
                head_font: str = DEFAULT_FONT, text_pt: float = CARD_TEXT_PT,
                title_pt: float = CARD_TITLE_PT, label: str = "Evidence:") -> int:
    """Return the height a card of ``width`` needs for all its parts (in the theme's fonts).

    ``label`` heads the evidence (the content language's word for it).
    """
    inner = width - 2 * CARD_PAD
    ev = evidence_height(evidence, inner, font, label)
    return (CARD_BAND + CARD_HEAD_GAP
            + card_text_height(title, detail, points, inner, font, head_font, text_pt, title_pt)
            + (ev + CARD_EVIDENCE_GAP if ev else 0) + CARD_PAD)


# -- shared sizes: the storyline splits with the same numbers the design draws

TWO_COL_GAP = int(0.5 * EMU_PER_IN)
JUDGE_BADGE_W = int(2.95 * EMU_PER_IN)   # '●●○ moderate confidence' at 16 pt in Arial
JUDGE_NUM_W = int(0.75 * EMU_PER_IN)
JUDGE_GAP = int(0.14 * EMU_PER_IN)


def judgement_text_width(body_w: int) -> int:
    """Return the width of a key judgement's text column."""
    return body_w - JUDGE_BADGE_W - JUDGE_NUM_W - int(0.4 * EMU_PER_IN)


def judgement_height(text: str, size: float, font: str, body_w: int) -> int:
    """Return the height of one key-judgement row (at least room for its badge)."""
    lines = count_lines(text, size, judgement_text_width(body_w), font=font)
    return max(text_height(lines, size, font) + int(0.2 * EMU_PER_IN), int(0.95 * EMU_PER_IN))


YARD_LABEL_W = int(3.9 * EMU_PER_IN)
YARD_HEAD_H = int(0.95 * EMU_PER_IN)
YARD_LABEL_PT = 18.0


def yardstick_row_height(title: str, font: str, label_w: int = YARD_LABEL_W) -> int:
    """Return the height a response's label needs on the yardstick chart (labels ``label_w`` wide)."""
    lines = count_lines(title, YARD_LABEL_PT, label_w, bold=True, font=font)
    return max(text_height(lines, YARD_LABEL_PT, font) + int(0.1 * EMU_PER_IN),
               int(0.45 * EMU_PER_IN))


TABLE_PT = 18.0
TABLE_INSET = int(0.1 * EMU_PER_IN)


def table_widths(columns, rows, width: int) -> list[int]:
    """Return column widths: wider for columns with longer text, summing to ``width``."""
    cols = len(columns)
    weights = [max([len(plain(c)) for c in [columns[j]] + [r[j] for r in rows]] + [4]) ** 0.7
               for j in range(cols)]
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    widths[-1] = width - sum(widths[:-1])
    return widths


def table_row_height(row, widths: list[int], font: str, bold: bool = False) -> int:
    """Return the height of one table row: its tallest cell."""
    lines = max(count_lines(c, TABLE_PT, w - 2 * TABLE_INSET, bold=bold, font=font)
                for c, w in zip(row, widths))
    return text_height(lines, TABLE_PT, font) + 2 * TABLE_INSET + int(0.04 * EMU_PER_IN)


# a theme that registers its own font files makes earlier counts stale
ON_NEW_FONTS.append(count_lines.cache_clear)
