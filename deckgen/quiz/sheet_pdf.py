"""Quiz sheets as PDF (reportlab): the student sheet and the answer key.

The student sheet has a name and date line, numbered questions with their
marks, boxes to tick (choice, multi, true/false), boxes to number (order)
or to letter (match), and ruled space to write (numeric, short). The key
repeats each question with the right boxes ticked, states the answer in
words, gives the explanation and says where the question came from; a grid
at the top lets a teacher mark fast. Both use the theme's fonts (embedded,
Korean in the Hangul face) and colours, carry the classification banner on
every page, and are written with reportlab's ``invariant`` flag so the same
quiz gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.handout.pdf_fonts import PdfFonts, paragraph_markup, register
from deckgen.quiz.common import LETTERS, key_lines, key_short, origin_text, points_text
from deckgen.quiz.model import QuizBuild, QuizQuestion, Version
from deckgen.theme.theme import Theme

MM = 72 / 25.4
BODY = 10.5
SMALL = 8.5
TITLE = 18.0
BOX = 3.8 * MM       # tick box
WRITE_BOX = 7 * MM   # box to write a number or letter in
LINE = 9 * MM        # height of a writing line


def _hex(c: str) -> str:
    return "#" + c


class _Look:
    """Fonts, colours and paragraph styles from the theme."""

    def __init__(self, theme: Theme) -> None:
        from reportlab.lib.colors import HexColor
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        self.body: PdfFonts = register(theme.fonts["body"])
        self.head: PdfFonts = register(theme.fonts["heading"])
        p = theme.palette
        self.c = {k: HexColor(_hex(v)) for k, v in p.items() if isinstance(v, str)}
        self.link = p["primary"]
        text, muted, primary = self.c["text"], self.c["muted"], self.c["primary"]

        def ps(name, **kw):
            base = dict(fontName=self.body.regular, fontSize=BODY, leading=BODY * 1.3,
                        textColor=text)
            base.update(kw)
            return ParagraphStyle(name, **base)
        self.title = ps("title", fontName=self.head.bold, fontSize=TITLE, leading=TITLE * 1.2,
                        textColor=primary, spaceAfter=2)
        self.subtitle = ps("subtitle", fontSize=11, leading=14, textColor=muted, spaceAfter=8)
        self.text = ps("text")
        self.prompt = ps("prompt", fontSize=BODY + 0.5, leading=(BODY + 0.5) * 1.3)
        self.number = ps("number", fontName=self.head.bold, fontSize=BODY + 0.5,
                         leading=(BODY + 0.5) * 1.3, textColor=primary)
        self.points = ps("points", fontSize=SMALL, leading=SMALL * 1.5, textColor=muted,
                         alignment=TA_RIGHT)
        self.small = ps("small", fontSize=SMALL, leading=SMALL * 1.3, textColor=muted)
        self.answer = ps("answer", fontName=self.body.bold, textColor=primary)
        self.letter = ps("letter", fontName=self.body.bold, textColor=muted)

    def para(self, text: str, style, bold: bool = False):
        from reportlab.platypus import Paragraph
        return Paragraph(paragraph_markup(text, self.body, bold, self.link), style)


def _box_class():
    from reportlab.platypus import Flowable

    class Box(Flowable):
        """A square to tick or write in; ``checked`` draws a tick (answer key)."""

        def __init__(self, size: float, color, checked: bool = False, tick_color=None):
            super().__init__()
            self.size, self.color, self.checked = size, color, checked
            self.tick_color = tick_color or color

        def wrap(self, aw, ah):
            return self.size, self.size

        def draw(self):
            c = self.canv
            c.setStrokeColor(self.color)
            c.setLineWidth(0.8)
            c.rect(0, 0, self.size, self.size)
            if self.checked:
                s = self.size
                c.setStrokeColor(self.tick_color)
                c.setLineWidth(1.6)
                path = c.beginPath()
                path.moveTo(0.2 * s, 0.5 * s)
                path.lineTo(0.42 * s, 0.22 * s)
                path.lineTo(0.85 * s, 0.85 * s)
                c.drawPath(path, stroke=1, fill=0)
    return Box


def _numbered_canvas(look: _Look, quiz: QuizBuild, footer: str):
    """Return a canvas class that draws banners and ``Page n of N`` once the count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class PageCanvas(Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int):
            w, h = self._pagesize
            if quiz.classification:
                for y in (h - 7 * MM, 2 * MM):
                    self.setFillColor(look.c["banner"])
                    self.rect(0, y, w, 5 * MM, stroke=0, fill=1)
                    self.setFillColor(look.c["on_banner"])
                    self.setFont(look.body.bold, 8)
                    self.drawCentredString(w / 2, y + 1.6 * MM, quiz.classification)
            self.setFillColor(look.c["muted"])
            self.setFont(look.body.regular, 8)
            self.drawString(18 * MM, 10 * MM, footer)
            self.drawRightString(w - 18 * MM, 10 * MM,
                                 f"Page {self._pageNumber} of {total}")
    return PageCanvas


def write_pdf_sheet(quiz: QuizBuild, version: Version, theme: Theme, path: Path,
                    key: bool = False, show_version: bool = False) -> None:
    """Write the student sheet (or, with ``key``, the answer key) of one version to ``path``."""
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.platypus import SimpleDocTemplate

    look = _Look(theme)
    size = LETTER if quiz.language.lower() in ("en-us", "en-ca") else A4
    vtext = f"Version {version.number}" if show_version else ""
    footer = " · ".join(x for x in (quiz.title, vtext, "Answer key" if key else "") if x)
    doc = SimpleDocTemplate(
        str(path), pagesize=size, leftMargin=18 * MM, rightMargin=18 * MM,
        topMargin=16 * MM, bottomMargin=18 * MM, invariant=1,
        title=quiz.title + (" — answer key" if key else ""), author=", ".join(quiz.authors),
        subject=quiz.deck_title, creator="deckgen", lang=quiz.language)
    width = size[0] - 36 * MM
    story = _head(quiz, version, look, width, key, vtext)
    for n, q in enumerate(version.questions, start=1):
        story.append(_question(q, n, look, width, key, quiz.sources))
    doc.build(story, canvasmaker=_numbered_canvas(look, quiz, footer))


def _head(quiz: QuizBuild, version: Version, look: _Look, width: float, key: bool,
          vtext: str) -> list:
    from reportlab.platypus import Spacer, Table, TableStyle
    title = quiz.title + (" — answer key" if key else "")
    sub = " · ".join(x for x in (quiz.deck_title, vtext) if x)
    story = [look.para(title, look.title), look.para(sub, look.subtitle)]
    n, total = len(version.questions), version.total_points
    if not key:
        row = [look.para("Name", look.text), "", look.para("Date", look.text), ""]
        t = Table([row], colWidths=[14 * MM, width * 0.62 - 14 * MM, 12 * MM,
                                    width * 0.38 - 12 * MM], rowHeights=[LINE])
        t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.8, look.c["text"]),
                               ("LINEBELOW", (3, 0), (3, 0), 0.8, look.c["text"]),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story += [t, Spacer(1, 4 * MM)]
        hint = (f"Answer all {n} questions ({points_text(total)} in total). Tick one box "
                "unless a question asks you to tick all that apply.")
        story += [look.para(hint, look.small), Spacer(1, 3 * MM)]
        return story
    story.append(look.para(f"{n} questions, {points_text(total)}. Letters and numbers refer "
                           f"to the order on the {vtext.lower() or 'student'} sheet.", look.small))
    story.append(Spacer(1, 2 * MM))
    cells = [[look.para(f"{k}.", look.number), look.para(key_short(q), look.text),
              look.para(points_text(q.points), look.small)]
             for k, q in enumerate(version.questions, start=1)]
    half = (len(cells) + 1) // 2
    rows = []
    for i in range(half):
        right = cells[half + i] if half + i < len(cells) else ["", "", ""]
        rows.append(cells[i] + [""] + right)
    cw = (width - 6 * MM) / 2
    t = Table(rows, colWidths=[9 * MM, cw - 27 * MM, 18 * MM, 6 * MM, 9 * MM, cw - 27 * MM,
                               18 * MM])
    t.setStyle(TableStyle([("LINEBELOW", (0, 0), (2, -1), 0.4, look.c["rule"]),
                           ("LINEBELOW", (4, 0), (6, -1), 0.4, look.c["rule"]),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    story += [t, Spacer(1, 5 * MM)]
    return story


def _question(q: QuizQuestion, n: int, look: _Look, width: float, key: bool, sources: dict):
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
    head = Table([[look.para(f"{n}.", look.number), look.para(q.prompt, look.prompt),
                   look.para(points_text(q.points), look.points)]],
                 colWidths=[9 * MM, width - 31 * MM, 22 * MM])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    parts = [head]
    body = _body(q, look, width - 9 * MM, key)
    if body:
        parts.append(_indent(body, 9 * MM, width))
    if key:
        parts.append(_indent(_key_notes(q, look, sources), 9 * MM, width))
    parts.append(Spacer(1, 5 * MM))
    return KeepTogether(parts)


def _indent(flows: list, by: float, width: float):
    from reportlab.platypus import Table, TableStyle
    t = Table([[flow] for flow in flows], colWidths=[width - by])
    t.hAlign = "RIGHT"
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 1),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return t


def _grid(rows: list, widths: list):
    from reportlab.platypus import Table, TableStyle
    t = Table(rows, colWidths=widths)
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    t.setStyle(TableStyle(style))
    t.hAlign = "LEFT"
    return t


def _body(q: QuizQuestion, look: _Look, width: float, key: bool) -> list:
    from reportlab.platypus import Table, TableStyle
    Box = _box_class()
    tick = look.c["primary"]
    if q.type in ("choice", "multi"):
        flows = []
        if q.type == "multi" and "all that apply" not in q.prompt.lower():
            flows.append(look.para("Tick all that apply.", look.small))
        rows = [[Box(BOX, look.c["text"], key and q.is_correct(o), tick),
                 look.para(f"{LETTERS[i]}.", look.letter), look.para(o, look.text)]
                for i, o in enumerate(q.options)]
        flows.append(_grid(rows, [8 * MM, 7 * MM, width - 15 * MM]))
        return flows
    if q.type == "true-false":
        row = []
        for word in ("True", "False"):
            row += [Box(BOX, look.c["text"], key and q.is_correct(word), tick),
                    look.para(word, look.text)]
        return [_grid([row], [8 * MM, 22 * MM, 8 * MM, 22 * MM])]
    if key:
        return []
    if q.type == "numeric":
        t = Table([[look.para("Answer:", look.text), ""]], colWidths=[18 * MM, 55 * MM],
                  rowHeights=[LINE])
        t.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.8, look.c["text"]),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        t.hAlign = "LEFT"
        return [t]
    if q.type == "short":
        t = Table([[""], [""]], colWidths=[width], rowHeights=[LINE, LINE])
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, look.c["rule"])]))
        return [t]
    if q.type == "order":
        hint = (f"Write 1 to {len(q.options)} in the boxes: 1 for the first, "
                f"{len(q.options)} for the last.")
        rows = [[Box(WRITE_BOX, look.c["text"]), look.para(f"{LETTERS[i]}.", look.letter),
                 look.para(o, look.text)] for i, o in enumerate(q.options)]
        return [look.para(hint, look.small), _grid(rows, [11 * MM, 7 * MM, width - 18 * MM])]
    # match: items with a box on the left, lettered answers on the right
    hint = "Write the letter of the matching answer in the box beside each item."
    half = width / 2
    lefts = [[Box(WRITE_BOX, look.c["text"]), look.para(f"{k}.", look.letter),
              look.para(left, look.text)] for k, left in enumerate(q.lefts, start=1)]
    rights = [[look.para(f"{LETTERS[i]}.", look.letter), look.para(r, look.text)]
              for i, r in enumerate(q.options)]
    outer = Table([[_grid(lefts, [11 * MM, 7 * MM, half - 22 * MM]),
                    _grid(rights, [7 * MM, half - 13 * MM])]], colWidths=[half, half])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (0, 0), 0),
                               ("LEFTPADDING", (1, 0), (1, 0), 4 * MM),
                               ("LINEBEFORE", (1, 0), (1, 0), 0.4, look.c["rule"])]))
    outer.hAlign = "LEFT"
    return [look.para(hint, look.small), outer]


def _key_notes(q: QuizQuestion, look: _Look, sources: dict) -> list:
    from reportlab.platypus import Spacer
    flows = []
    lines = key_lines(q)
    label = {"order": "Right order", "match": "Pairs", "multi": "Answers"}.get(q.type, "Answer")
    flows.append(look.para(f"{label}: " + lines[0] if len(lines) == 1
                           else f"{label}:", look.answer))
    if len(lines) > 1:
        flows += [look.para(line, look.answer) for line in lines]
    if q.explanation:
        flows.append(look.para(q.explanation, look.text))
    flows += [Spacer(1, 1), look.para(origin_text(q, sources), look.small)]
    return flows
