"""Check-your-understanding slides: each quiz question, then a slide revealing its answer.

``deckgen build --quiz-slides`` adds them. The questions are version 1 of
the quiz the build writes (same seed, same order, same letters as the
printed sheet), so a class can go through the sheet on the screen.

The storyline plans the slides (:func:`plan_quiz`: which options go on
which slide, so a long list continues rather than overflows); the design
stage draws them (:func:`draw_question`, :func:`draw_answer`). Both measure
with one :class:`QuizGeometry`, so a split and its drawing agree. An answer
slide puts its options where the question slide had them, so moving from
one to the other reveals the answer in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.markup import plain
from deckgen.deck import model as d
from deckgen.layout.fitting import height_of
from deckgen.layout.geometry import Box, EMU_PER_IN, Frame, text_width
from deckgen.layout.placed import Para, Style
from deckgen.quiz.common import LETTERS, key_short, numeric_text, option_text
from deckgen.quiz.model import QuizQuestion
from deckgen.theme.theme import Theme

IN = EMU_PER_IN
CHOICES = ("choice", "multi", "true-false")

#: The line under a question's prompt, and under its answer's: label keys by type.
INSTRUCTIONS = {t: "instruction_" + t.replace("-", "_")
                for t in ("choice", "multi", "true-false", "numeric", "short", "order", "match")}
REVEALS = {"choice": "reveal_choice", "multi": "reveal_multi", "true-false": "reveal_choice",
           "order": "reveal_order", "match": "reveal_match"}


def instruction(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return the line under a question's prompt: ``Choose one answer.``"""
    return labels[INSTRUCTIONS[q.type]]


def reveal(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return the line under an answer's prompt (``The right answer is marked.``), or ``''``."""
    return labels[REVEALS[q.type]] if q.type in REVEALS else ""


@dataclass(frozen=True)
class Row:
    """One line of boxes: each cell is (badge text, text, index of the option or item)."""

    cells: tuple[tuple[str, str, int], ...]


def answer_text(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return the right answer in words: ``C. About 8 million``, ``False``, ``74–74.5``."""
    if q.type == "choice":
        i = q.options.index(q.answer)
        return f"{LETTERS[i]}. {q.answer}"
    if q.type == "multi":
        return "; ".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options) if q.is_correct(o))
    if q.type == "true-false":
        return labels["true"] if q.answer else labels["false"]
    if q.type == "numeric":
        a = q.answer
        return numeric_text(a) if a.exact else labels("any_value_from", range=numeric_text(a))
    if q.type == "short":
        if len(q.answer) > 1:
            return labels("also_accepted", answer=q.answer[0], others=", ".join(q.answer[1:]))
        return q.answer[0]
    return key_short(q, labels)   # order: "B, C, A"; match: "1C, 2A, 3B"


def answer_label(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return what the answer line is called: ``Answer``, ``Answers``, ``Right order``, ``Pairs``."""
    return labels[{"multi": "answers", "order": "right_order", "match": "pairs"}.get(q.type,
                                                                                  "answer")]


def answer_notes(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return the speaker notes of an answer slide: the answer in words, then the explanation."""
    lines = [labels.colon(answer_label(q, labels), plain(answer_text(q, labels))) + "."]
    if q.type == "order":
        lines += [f"{k}. {plain(item)}" for k, item in enumerate(q.answer, start=1)]
    elif q.type == "match":
        lines += [f"{plain(left)} → {plain(right)}" for left, right in q.answer]
    if q.explanation:
        lines.append("")
        lines.append(plain(q.explanation))
    return "\n".join(lines)


class QuizGeometry:
    """Sizes and boxes of quiz slides in one theme (shared by the storyline and the design).

    Options are set at body size, or smaller (never below the theme's body
    minimum) when that keeps a question, and then its answer, on one slide;
    only what does not fit even then continues on another slide.
    """

    def __init__(self, theme: Theme, frame: Frame, labels: Labels = ENGLISH) -> None:
        self.theme = theme
        self.labels = labels
        self.b = frame.body
        self.font = theme.fonts["body"]
        self.body = theme.sizes["body"]
        self.small = theme.sizes["body_minimum"]
        self.gap = int(0.1 * IN)
        self.badge = int(0.44 * IN)
        self.pad = int(0.06 * IN)
        self.col_gap = int(0.3 * IN)
        self._sizes: dict = {}

    def style(self, size: float, color: str = "text", bold: bool = False,
              italic: bool = False) -> Style:
        """Return a text style in the theme's body font (``color`` a palette name or RRGGBB)."""
        pal = self.theme.palette
        col = pal[color] if color in pal and isinstance(pal[color], str) else color
        return Style(size, col, self.font, bold, italic)

    # -- the head: prompt and instruction ------------------------------------
    def prompt_size(self, q: QuizQuestion) -> float:
        """Return the prompt's size: 4 pt above body text, smaller for a long prompt."""
        size = self.body + 4
        while size > self.body and self._h([Para(q.prompt, self.style(size))], self.b.w) \
                > self.b.h * 0.25:
            size -= 2
        return size

    def prompt_para(self, q: QuizQuestion) -> Para:
        """Return the prompt as it is set."""
        return Para(q.prompt, self.style(self.prompt_size(q), "primary"))

    def line_para(self, text: str) -> Para:
        """Return the instruction (or reveal) line under the prompt."""
        return Para(text, self.style(self.small, "muted", italic=True))

    def head_heights(self, q: QuizQuestion) -> tuple[int, int]:
        """Return the heights of the prompt box and of the instruction line."""
        prompt = self._h([self.prompt_para(q)], self.b.w) + int(0.04 * IN)
        texts = [instruction(q, self.labels), reveal(q, self.labels)]
        line = max(self._h([self.line_para(t)], self.b.w) for t in texts if t)
        return prompt, line

    def head_h(self, q: QuizQuestion) -> int:
        """Return the height of the head and the gap below it."""
        prompt, line = self.head_heights(q)
        return prompt + line + self.gap

    def room(self, q: QuizQuestion) -> int:
        """Return the height left for boxes (and the answer panel) under the head."""
        return self.b.h - self.head_h(q)

    # -- rows of lettered boxes ----------------------------------------------
    def rows(self, q: QuizQuestion, answer: bool, size: float | None = None) -> list[Row]:
        """Return the rows of boxes a question (or its answer) shows, in order."""
        if q.type in CHOICES:
            cells = [(LETTERS[i], option_text(q, o, self.labels), i)
                     for i, o in enumerate(q.options)]
            cols = self.columns(q, size or self.size(q))
            return [Row(tuple(cells[k:k + cols])) for k in range(0, len(cells), cols)]
        if q.type == "order":
            if answer:
                return [Row(((str(k), f"{LETTERS[q.options.index(item)]}. {item}",
                              q.options.index(item)),))
                        for k, item in enumerate(q.answer, start=1)]
            return [Row(((LETTERS[i], o, i),)) for i, o in enumerate(q.options)]
        if q.type == "match":
            if answer:
                return [Row(((str(k), f"{left} → {LETTERS[q.options.index(right)]}. {right}",
                              k - 1),))
                        for k, (left, right) in enumerate(q.answer, start=1)]
            lefts, rights = q.lefts, q.options
            out = []
            for k in range(max(len(lefts), len(rights))):
                left = (str(k + 1), lefts[k], k) if k < len(lefts) else ("", "", -1)
                right = (LETTERS[k], rights[k], k) if k < len(rights) else ("", "", -1)
                out.append(Row((left, right)))
            return out
        return []

    def columns(self, q: QuizQuestion, size: float) -> int:
        """Return 2 when every option of a choice question fits two lines at half width, else 1."""
        if q.type not in CHOICES or len(q.options) > 8:
            return 1
        width = self.text_w(self.cell_w(2))
        one_line = self._h([Para("X", self.style(size))], width)
        if all(self._h([Para(o, self.style(size, bold=True))], width) <= 2 * one_line + 2
               for o in q.options):
            return 2
        return 1

    def cell_w(self, cols: int) -> int:
        """Return the width of one box when ``cols`` boxes share a row."""
        return (self.b.w - self.col_gap * (cols - 1)) // cols

    def text_w(self, cell_w: int) -> int:
        """Return the width of the text in a box (after its badge and insets)."""
        return cell_w - self.badge - 3 * self.pad

    def row_h(self, row: Row, size: float) -> int:
        """Return a row's height: its tallest box (bold text: the marked answer is bold)."""
        w = self.text_w(self.cell_w(len(row.cells)))
        need = max(self._h([Para(text, self.style(size, bold=True))], w)
                   for _, text, _ in row.cells)
        return max(self.badge, need) + 2 * self.pad

    def rows_h(self, rows: list[Row], size: float) -> int:
        """Return the height of rows stacked with gaps between them."""
        return sum(self.row_h(r, size) for r in rows) + self.gap * max(len(rows) - 1, 0)

    def size(self, q: QuizQuestion) -> float:
        """Return the size of a question's options (the same on its answer slides).

        The largest size, body down to the body minimum in 2 pt steps, at which
        the question and its answer each fit one slide; else at which the
        question does; else the minimum (the boxes then continue).
        """
        if q.id in self._sizes:
            return self._sizes[q.id]
        sizes = [self.body]
        while sizes[-1] - 2 >= self.small:
            sizes.append(sizes[-1] - 2)
        if sizes[-1] > self.small:
            sizes.append(self.small)
        room = self.room(q)
        panel = self.panel_h(q) + self.gap

        def fits(size: float, answer: bool) -> bool:
            h = self.rows_h(self.rows(q, answer, size), size)
            return h + (panel if answer else 0) <= room

        chosen = next((z for z in sizes if fits(z, False) and fits(z, True)), None)
        if chosen is None:
            chosen = next((z for z in sizes if fits(z, False)), sizes[-1])
        self._sizes[q.id] = chosen
        return chosen

    # -- the answer panel and the answer line --------------------------------
    def panel_paras(self, q: QuizQuestion) -> list[Para]:
        """Return the answer panel's paragraphs: the answer, then the explanation.

        Marked boxes are named by their letters (``Answers: B, D, E``), a word
        that does not depend on seeing the colour; an order or a match needs
        no answer line, its boxes are the answer.
        """
        paras = []
        if q.type in ("choice", "multi"):
            paras.append(Para(self.labels.colon(answer_label(q, self.labels),
                                                key_short(q, self.labels)),
                              self.style(self.body, bold=True)))
        elif q.type not in ("order", "match"):
            paras.append(Para(self.labels.colon(answer_label(q, self.labels),
                                                answer_text(q, self.labels)),
                              self.style(self.body, bold=True)))
        if q.explanation:
            paras.append(Para(q.explanation, self.style(self.small), space_before=4 if paras else 0))
        return paras

    def panel_inset(self) -> int:
        return int(0.1 * IN)

    def panel_text_w(self) -> int:
        return self.b.w - int(0.12 * IN)

    def panel_h(self, q: QuizQuestion) -> int:
        """Return the answer panel's height (its text with insets; 0 when it has no text)."""
        paras = self.panel_paras(q)
        return self._h(paras, self.panel_text_w(), self.panel_inset()) if paras else 0

    def blank_h(self) -> int:
        """Return the height of the answer line on a numeric or short question."""
        return int(1.0 * IN)

    # -- splitting over slides -------------------------------------------------
    def question_parts(self, q: QuizQuestion) -> list[tuple[int, ...]]:
        """Return the rows (by index) on each slide of a question."""
        size = self.size(q)
        rows = self.rows(q, answer=False)
        if not rows:
            return [()]
        return _split([self.row_h(r, size) for r in rows], self.room(q), self.gap)

    def answer_parts(self, q: QuizQuestion) -> list[tuple[tuple[int, ...], bool]]:
        """Return each answer slide's rows (by index) and whether it shows the panel.

        Choice questions keep the question's split, so every option stays where
        it was; the panel goes under the last part, or on a slide of its own
        when it does not fit there.
        """
        size = self.size(q)
        room = self.room(q)
        rows = self.rows(q, answer=True)
        if q.type in CHOICES:
            parts = self.question_parts(q)
        else:
            parts = _split([self.row_h(r, size) for r in rows], room, self.gap) if rows else [()]
        last = [rows[i] for i in parts[-1]]
        if self.rows_h(last, size) + self.panel_h(q) + self.gap <= room:
            return [(p, False) for p in parts[:-1]] + [(parts[-1], True)]
        return [(p, False) for p in parts] + [((), True)]

    def _h(self, paras: list[Para], width: int, inset: int = 0) -> int:
        return height_of(paras, width, inset)


def _split(heights: list[int], room: int, gap: int) -> list[tuple[int, ...]]:
    """Split rows into the fewest slides whose rows fit ``room``, as even as that allows."""
    def greedy(cap: int) -> list[list[int]]:
        out: list[list[int]] = [[]]
        used = 0
        for i, h in enumerate(heights):
            need = h + (gap if out[-1] else 0)
            if out[-1] and used + need > cap:
                out.append([])
                used, need = 0, h
            out[-1].append(i)
            used += need
        return out

    first = greedy(room)
    n = len(first)
    if n > 1:   # even them out: 3 + 3 rather than 5 + 1, when that fits
        size = -(-len(heights) // n)
        even = [list(range(k, min(k + size, len(heights)))) for k in range(0, len(heights), size)]
        if len(even) == n and all(sum(heights[i] for i in g) + gap * (len(g) - 1) <= room
                                  for g in even):
            return [tuple(g) for g in even]
    return [tuple(g) for g in first]


# -- planning -------------------------------------------------------------------

def plan_quiz(questions, geo: QuizGeometry, cites) -> list[list]:
    """Return the slides for ``questions``: per question, its slides, then its answer's.

    ``cites(ids)`` returns the source numbers of a question's source ids.
    Each inner list is one block (its slides are numbered ``(1/2)`` when
    there are several).
    """
    blocks: list[list] = []
    total = len(questions)
    for n, q in enumerate(questions, start=1):
        sources = cites(q.source)
        ask = geo.labels("quiz_ask_notes", n=n, total=total)
        blocks.append([d.QuizQuestionSlide(title=geo.labels("quiz_question_title", n=n), question=q,
                                           number=n, rows=rows, notes=ask, sources=sources,
                                           block="quiz")
                       for rows in geo.question_parts(q)])
        blocks.append([d.QuizAnswerSlide(title=geo.labels("quiz_answer_title", n=n), question=q,
                                         number=n, rows=rows, panel=panel,
                                         notes=answer_notes(q, geo.labels),
                                         sources=sources, block="quiz")
                       for rows, panel in geo.answer_parts(q)])
    return blocks


# -- drawing --------------------------------------------------------------------

def _head(designer, geo: QuizGeometry, q: QuizQuestion, line: str, out: list) -> int:
    """Draw the prompt and the line under it; return the y where the rows start."""
    b = geo.b
    prompt_h, line_h = geo.head_heights(q)
    out.append(designer.text(Box(b.x, b.y, b.w, prompt_h), [geo.prompt_para(q)],
                             name="Question", min_size=geo.body))
    if line:
        out.append(designer.text(Box(b.x, b.y + prompt_h, b.w, line_h), [geo.line_para(line)],
                                 name="Instruction", min_size=geo.small))
    return b.y + prompt_h + line_h + geo.gap


def _rows(designer, geo: QuizGeometry, rows: list[Row], size: float, y: int, marked,
          out: list) -> int:
    """Draw rows of lettered boxes from ``y``; ``marked(index)`` is True for a right answer."""
    t = designer.theme
    b = geo.b
    for row in rows:
        # a box longer than the slide (a very long option) is shrunk, and reported if it overflows
        h = min(geo.row_h(row, size), b.y + b.h - y)
        cw = geo.cell_w(len(row.cells))
        for c, (badge, text, index) in enumerate(row.cells):
            if not text:
                continue
            x = b.x + c * (cw + geo.col_gap)
            right = marked(index)
            fill = t.color("primary") if right else t.color("surface")
            out.append(designer.shape(Box(x, y, cw, h), fill, shape="rounded",
                                      line=None if right else t.color("rule"),
                                      name=f"Frame {badge}"))
            circ = Box(x + geo.pad, y + (h - geo.badge) // 2, geo.badge, geo.badge)
            badge_fill, badge_text = (("on_primary", "primary") if right
                                      else ("primary", "on_primary"))
            out.append(designer.text(circ, [Para(badge, geo.style(18, badge_text, bold=True),
                                                 align="center")],
                                     anchor="middle", shape="oval",
                                     fill=t.color(badge_fill), name=f"Box {badge}",
                                     min_size=18))
            tx = x + geo.badge + 2 * geo.pad
            color = "on_primary" if right else "text"
            out.append(designer.text(Box(tx, y + geo.pad, geo.text_w(cw), h - 2 * geo.pad),
                                     [Para(text, geo.style(size, color, bold=right))],
                                     anchor="middle", name=f"Option {badge}",
                                     min_size=geo.small))
        y += h + geo.gap
    return y


def draw_question(designer, s, out: list) -> None:
    """Draw a question slide: prompt, instruction, and its boxes or an answer line."""
    q = s.question
    geo = QuizGeometry(designer.theme, designer.frame, designer.labels)
    y = _head(designer, geo, q, instruction(q, geo.labels), out)
    rows = geo.rows(q, answer=False)
    if rows:
        _rows(designer, geo, [rows[i] for i in s.rows], geo.size(q), y, lambda i: False, out)
        return
    # numeric and short: a line to answer on
    b = geo.b
    label = Para(geo.labels["your_answer"], geo.style(geo.body, "muted"))
    label_w = int(text_width(label.text, geo.body, font=geo.font)) + int(0.3 * IN)
    h = geo.blank_h()
    out.append(designer.text(Box(b.x, y, label_w, h), [label],
                             anchor="bottom", name="Answer line", min_size=geo.small))
    out.append(designer.shape(Box(b.x + label_w, y + h - int(0.08 * IN),
                                  min(int(6.0 * IN), b.w - label_w), int(0.03 * IN)),
                              designer.theme.color("text")))


def draw_answer(designer, s, out: list) -> None:
    """Draw an answer slide: the question's boxes with the right ones marked, and the panel."""
    q = s.question
    t = designer.theme
    geo = QuizGeometry(t, designer.frame, designer.labels)
    b = geo.b
    y = _head(designer, geo, q, reveal(q, geo.labels), out)
    rows = geo.rows(q, answer=True)
    if q.type in CHOICES:
        marked = lambda i: q.is_correct(q.options[i])   # noqa: E731
    else:
        marked = lambda i: False   # noqa: E731 - the rows are the answer itself
    y = _rows(designer, geo, [rows[i] for i in s.rows], geo.size(q), y, marked, out)
    if not s.panel or not geo.panel_paras(q):
        return
    h = min(geo.panel_h(q), b.y + b.h - y)
    bar = int(0.12 * IN)
    out.append(designer.shape(Box(b.x, y, bar, h), t.accent(2)))
    out.append(designer.text(Box(b.x + bar, y, geo.panel_text_w(), h), geo.panel_paras(q),
                             inset=geo.panel_inset(), fill=t.color("surface"),
                             name="Answer", min_size=geo.small))
