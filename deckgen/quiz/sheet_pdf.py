"""Quiz sheets as tagged PDF/UA-1 (Typst): the student sheet and the answer key.

The student sheet has a name and date line, numbered questions with their
marks, boxes to tick (choice, multi, true/false), boxes to number (order)
or to letter (match), and ruled space to write (numeric, short). The key
repeats each question with the right boxes ticked, states the answer in
words, gives the explanation and says where the question came from; a table
at the top lets a teacher mark fast. Both use the theme's fonts (embedded,
Korean in the Hangul face) and colours and carry the classification banner on
every page.

For a screen reader: the title is H1 and each question an H2 ("Question 3,
2 marks"), the options are a list, the key's grid is a table with header
cells, and the boxes are drawing (artifacts) beside text that says what they
mean; the key's ticks are said in words ("Answer: B").
"""

from __future__ import annotations

from pathlib import Path

from deckgen.quiz.common import (LETTERS, asks_all, key_lines, key_short, origin_text,
                                 points_text)
from deckgen.quiz.model import QuizBuild, QuizQuestion, Version
from deckgen.render.pdf_typst import (color, compile_pdf, document_head, font_dirs, fonts, lit,
                                      page_of, rich)
from deckgen.theme.theme import Theme

MM = 72 / 25.4
BODY = 10.5
SMALL = 8.5
TITLE = 18.0
BOX = 3.8 * MM       # tick box
WRITE_BOX = 7 * MM   # box to write a number or letter in
LINE = 9 * MM        # height of a writing line


def _pt(v: float) -> str:
    return f"{v:.2f}pt"


class _Sheet:
    def __init__(self, quiz: QuizBuild, theme: Theme, key: bool) -> None:
        self.quiz, self.theme, self.key = quiz, theme, key
        self.L = quiz.labels
        self.p = theme.palette

    def c(self, name: str) -> str:
        return color(self.p[name])

    def rich(self, value: str, bold: bool = False) -> str:
        return rich(value, bold, self.p["primary"])

    def small(self, value: str) -> str:
        return (f"#block(above: 3pt, below: 3pt, par(text(size: {_pt(SMALL)}, "
                f"fill: {self.c('muted')}, {self.rich(value)})))\n")

    def box(self, size: float, checked: bool = False) -> str:
        """Return a square to tick or write in (drawing: an artifact); ``checked`` ticks it."""
        tick = ""
        if checked:
            s = size
            tick = (f", place(top + left, curve(stroke: 1.6pt + {self.c('primary')}, "
                    f"curve.move(({_pt(0.2 * s)}, {_pt(0.5 * s)})), "
                    f"curve.line(({_pt(0.42 * s)}, {_pt(0.78 * s)})), "
                    f"curve.line(({_pt(0.85 * s)}, {_pt(0.15 * s)}))))")
        return (f"pdf.artifact(box(width: {_pt(size)}, height: {_pt(size)}, baseline: 15%, "
                f"stroke: 0.8pt + {self.c('text')}{tick}))")

    def option_list(self, options, marks: list[str], size: float = BOX) -> str:
        items = []
        for i, o in enumerate(options):
            items.append(f"[#{marks[i]}#h(5pt)#text(weight: \"bold\", fill: {self.c('muted')}, "
                         f"{lit(LETTERS[i] + '.')})#h(4pt){self.rich(o)[1:-1]}]")
        return (f"#list(marker: none, indent: 0pt, body-indent: 0pt, spacing: 5pt, "
                f"{', '.join(items)})\n")

    def body(self, q: QuizQuestion) -> str:
        key = self.key
        if q.type in ("choice", "multi"):
            out = ""
            if q.type == "multi" and not asks_all(q, self.L):
                out += self.small(self.L["tick_all"])
            marks = [self.box(BOX, key and q.is_correct(o)) for o in q.options]
            return out + self.option_list(q.options, marks)
        if q.type == "true-false":
            cells = [f"[#{self.box(BOX, key and q.is_correct(w))}#h(5pt)"
                     f"#{lit(self.L[w.lower()])}]" for w in ("True", "False")]
            return (f"#list(marker: none, indent: 0pt, body-indent: 0pt, spacing: 5pt, "
                    f"{', '.join(cells)})\n")
        if key:
            return ""
        if q.type == "numeric":
            return (f"#block(above: 6pt)[#{lit(self.L.colon(self.L['answer']))}#h(4pt)#box(width: 55mm, height: {_pt(LINE * 0.6)},"
                    f" stroke: (bottom: 0.8pt + {self.c('text')}))]\n")
        if q.type == "short":
            return "".join(f"#block(above: 0pt, below: 0pt, width: 100%, height: {_pt(LINE)}, "
                           f"stroke: (bottom: 0.6pt + {self.c('rule')}))\n" for _ in range(2))
        if q.type == "order":
            hint = self.L("order_hint_boxes", n=len(q.options))
            marks = [self.box(WRITE_BOX) for _ in q.options]
            return self.small(hint) + self.option_list(q.options, marks, WRITE_BOX)
        # match: items with a box on the left, lettered answers on the right
        hint = self.L["match_hint_boxes"]
        lefts = [f"[#{self.box(WRITE_BOX)}#h(5pt)#text(weight: \"bold\", "
                 f"fill: {self.c('muted')}, {lit(str(k) + '.')})#h(4pt){self.rich(x)[1:-1]}]"
                 for k, x in enumerate(q.lefts, start=1)]
        rights = [f"[#text(weight: \"bold\", fill: {self.c('muted')}, {lit(LETTERS[i] + '.')})"
                  f"#h(4pt){self.rich(r)[1:-1]}]" for i, r in enumerate(q.options)]
        return (self.small(hint) +
                f"#grid(columns: (1fr, 1fr), column-gutter: 8pt, "
                f"grid.vline(x: 1, stroke: 0.4pt + {self.c('rule')}, position: start), "
                f"list(marker: none, indent: 0pt, body-indent: 0pt, spacing: 5pt, "
                f"{', '.join(lefts)}), pad(left: 4mm, list(marker: none, indent: 0pt, "
                f"body-indent: 0pt, spacing: 8pt, {', '.join(rights)})))\n")

    def key_notes(self, q: QuizQuestion) -> str:
        L = self.L
        lines = key_lines(q, L)
        label = L[{"order": "right_order", "match": "pairs", "multi": "answers"}.get(q.type,
                                                                                     "answer")]
        ans = f"text(weight: \"bold\", fill: {self.c('primary')}, "
        first = L.colon(label, lines[0]) if len(lines) == 1 else L.colon(label)
        out = f"#block(above: 5pt, below: 3pt, par({ans}{self.rich(first, True)})))\n"
        if len(lines) > 1:
            out += "".join(f"#block(above: 2pt, below: 2pt, par({ans}{self.rich(x, True)})))\n"
                           for x in lines)
        if q.explanation:
            out += f"#block(above: 3pt, below: 3pt, par({self.rich(q.explanation)}))\n"
        out += self.small(origin_text(q, self.quiz.sources, L))
        return out

    def question(self, q: QuizQuestion, n: int) -> str:
        marks = points_text(q.points, self.L)
        head = (f"#heading(level: 2)[#box(width: 9mm, text(fill: {self.c('primary')}, "
                f"{lit(f'{n}.')}))#box(width: 100% - 31mm, {self.rich(q.prompt)})"
                f"#h(1fr)#text(size: {_pt(SMALL)}, fill: {self.c('muted')}, "
                f"weight: \"regular\", {lit(marks)})]\n")
        inner = self.body(q) + (self.key_notes(q) if self.key else "")
        return (f"#block(breakable: false, below: 5mm)[{head}"
                f"#pad(left: 9mm)[{inner}]]\n")

    def head(self, version: Version, vtext: str) -> str:
        quiz, key, L = self.quiz, self.key, self.L
        title = L("answer_key_title", title=quiz.title) if key else quiz.title
        sub = " · ".join(x for x in (quiz.deck_title, vtext) if x)
        out = (f"#heading(level: 1, {self.rich(title, True)})\n"
               f"#block(above: 2pt, below: 8pt, par(text(size: 11pt, fill: {self.c('muted')}, "
               f"{self.rich(sub)})))\n")
        n, total = len(version.questions), version.total_points
        if not key:
            line = f"stroke: (bottom: 0.8pt + {self.c('text')})"
            out += (f"#block(above: 4pt, below: 4mm, grid(columns: (14mm, 62% - 14mm, 12mm, 1fr),"
                    f" align: bottom, [#{lit(L['name'])}], box(width: 100% - 4mm, "
                    f"height: {_pt(LINE)}, {line}), [#{lit(L['date'])}], box(width: 100%, "
                    f"height: {_pt(LINE)}, {line})))\n")
            hint = L("sheet_instructions", n=n, points=points_text(total, L))
            return out + self.small(hint) + "#v(3mm)\n"
        out += self.small(L("key_intro_version", n=n, points=points_text(total, L),
                            v=version.number) if vtext else
                          L("key_intro", n=n, points=points_text(total, L)))
        cells = []
        for k, q in enumerate(version.questions, start=1):
            cells += [f"text(weight: \"bold\", fill: {self.c('primary')}, {lit(f'{k}.')})",
                      self.rich(key_short(q, L)),
                      f"text(size: {_pt(SMALL)}, fill: {self.c('muted')}, "
                      f"{lit(points_text(q.points, L))})"]
        hcell = f"text(size: {_pt(SMALL)}, weight: \"bold\", fill: {self.c('muted')}, "
        half = (len(version.questions) + 1) // 2 * 3

        def table(part: list[str]) -> str:
            return (f"table(columns: (9mm, 1fr, 18mm), stroke: (x, y) => (bottom: 0.4pt + "
                    f"{self.c('rule')}), inset: (x: 2pt, y: 3pt), table.header({hcell}"
                    f"{lit(L['number_head'])}), {hcell}{lit(L['answer'])}), "
                    f"{hcell}{lit(L['marks'])})), {', '.join(part)})")
        right = table(cells[half:]) if cells[half:] else "[]"
        # two tables side by side, read one after the other (each with its header row)
        return out + (f"#block(above: 4pt, below: 5mm, grid(columns: (1fr, 1fr), "
                      f"column-gutter: 6mm, {table(cells[:half])}, {right}))\n")

    def running(self, footer: str) -> tuple[str, str]:
        """Return the page background (classification bands) and the footer: artifacts."""
        q = self.quiz
        bands = "none"
        if q.classification:
            band = (f"block(width: 100%, height: 5mm, fill: {self.c('banner')}, "
                    f"align(center + horizon, text(size: 8pt, weight: \"bold\", "
                    f"fill: {self.c('on_banner')}, {lit(q.classification)})))")
            bands = (f"[#place(top, dy: 2mm, {band})#place(bottom, dy: -2mm, {band})]")
        foot = (f"[#set text(size: 8pt, fill: {self.c('muted')})\n{lit(footer)[1:-1]}"
                f"#h(1fr)#context [{page_of(self.L)}]]")
        return bands, foot


def write_pdf_sheet(quiz: QuizBuild, version: Version, theme: Theme, path: Path,
                    key: bool = False, show_version: bool = False) -> None:
    """Write the student sheet (or, with ``key``, the answer key) of one version to ``path``."""
    s = _Sheet(quiz, theme, key)
    L = quiz.labels
    vtext = L("version", n=version.number) if show_version else ""
    footer = " · ".join(x for x in (quiz.title, vtext, L["answer_key"] if key else "") if x)
    bands, foot = s.running(footer)
    paper = "us-letter" if quiz.language.lower() in ("en-us", "en-ca") else "a4"
    body_font, head_font = theme.fonts["body"], theme.fonts["heading"]
    title = L("answer_key_title", title=quiz.title) if key else quiz.title
    src = (document_head(title, quiz.authors, quiz.language, body_font, theme.palette["text"],
                         BODY, "quiz answer key" if key else "quiz sheet")
           + f"#set page(paper: {lit(paper)}, margin: (x: 18mm, top: 16mm, bottom: 18mm), "
             f"background: {bands}, footer: {foot}, footer-descent: 30%)\n"
           + f"#set par(leading: {_pt(BODY * 0.6)})\n"
           + f"#show heading: set text(font: {fonts(head_font)}, fill: {s.c('primary')})\n"
           + f"#show heading.where(level: 1): set text(size: {_pt(TITLE)})\n"
           + f"#show heading.where(level: 2): it => block(above: 0pt, below: 5pt, "
             f"text(size: {_pt(BODY + 0.5)}, weight: \"regular\", fill: {s.c('text')}, it.body))\n"
           + s.head(version, vtext)
           + "".join(s.question(q, n) for n, q in enumerate(version.questions, start=1)))
    compile_pdf(src, path, font_folders=font_dirs(body_font, head_font))
