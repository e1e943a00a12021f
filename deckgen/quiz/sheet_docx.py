"""Quiz sheets as DOCX (python-docx): the student sheet and the answer key.

The same content as :mod:`deckgen.quiz.sheet_pdf`, as a Word document a
teacher can still edit: a name and date line drawn with tab leaders,
numbered questions that keep with their options, ☐ boxes (☑ in the key),
ruled lines to write on, a marking grid at the top of the key. Text is in
the theme's fonts (Hangul in its East Asian font) and colours; the
classification is in every page's header and footer. Zip entries get a
fixed date so the same quiz gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from deckgen.content.markup import parse
from deckgen.content.urls import safe_url
from deckgen.quiz.common import (LETTERS, asks_all, key_lines, key_short, origin_text,
                                 points_text)
from deckgen.quiz.model import QuizBuild, QuizQuestion, Version
from deckgen.render.pptx_fix import without_styles_with_effects, zoom_with_percent
from deckgen.text.limits import cut
from deckgen.theme.theme import Theme

BODY = 10.5
SMALL = 8.5
BOX, TICKED = "☐", "☑"
SYMBOL_FONT = "Segoe UI Symbol"
_FIXED = (1980, 1, 1, 0, 0, 0)


class _Doc:
    """A python-docx Document with the theme's look and helpers to add text."""

    def __init__(self, quiz: QuizBuild, theme: Theme) -> None:
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt, RGBColor
        self.Pt, self.Mm, self.RGB, self.qn = Pt, Mm, RGBColor, qn
        self.theme = theme
        self.doc = Document()
        self.color = {k: RGBColor.from_string(v) for k, v in theme.palette.items()
                      if isinstance(v, str)}
        sec = self.doc.sections[0]
        if quiz.language.lower() in ("en-us", "en-ca"):
            sec.page_width, sec.page_height = Mm(215.9), Mm(279.4)
        else:
            sec.page_width, sec.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(sec, side, Mm(18))
        sec.top_margin, sec.bottom_margin = Mm(18), Mm(18)
        self.width = sec.page_width - sec.left_margin - sec.right_margin
        normal = self.doc.styles["Normal"]
        normal.font.name = theme.fonts["body"]
        normal.font.size = Pt(BODY)
        normal.font.color.rgb = self.color["text"]
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), theme.fonts.get("east_asian", theme.fonts["body"]))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), quiz.language)
        normal.paragraph_format.space_after = Pt(2)

    def para(self, text: str = "", size: float = BODY, color: str = "", bold: bool = False,
             indent: float = 0, after: float = 2, before: float = 0, keep: bool = False,
             font: str = ""):
        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        pf.left_indent = self.Mm(indent) if indent else None
        pf.space_after, pf.space_before = self.Pt(after), self.Pt(before)
        pf.keep_with_next = keep
        if text:
            self.runs(p, text, size=size, color=color, bold=bold, font=font)
        return p

    def runs(self, p, text: str, size: float = BODY, color: str = "", bold: bool = False,
             font: str = "") -> None:
        """Add content text (with **bold**, *italic*, links) to a paragraph as runs."""
        for run in parse(text):
            if run.url:
                self._link(p, run, size)
                continue
            r = p.add_run(run.text)
            r.bold = bold or run.bold or None
            r.italic = run.italic or None
            r.font.size = self.Pt(size)
            if color:
                r.font.color.rgb = self.color[color]
            if font:
                r.font.name = font

    def _link(self, p, run, size: float) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import OxmlElement
        qn = self.qn
        url = safe_url(run.url)
        if url is None:     # never link to an address that is not http(s) or mailto
            p.add_run(run.text)
            return
        rid = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        for tag, val in (("w:color", self.theme.palette["primary"]), ("w:u", "single"),
                         ("w:sz", str(int(size * 2)))):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            rpr.append(el)
        if run.bold:
            rpr.append(OxmlElement("w:b"))
        if run.italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
        t = OxmlElement("w:t")
        t.text = run.text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        link.append(r)
        p._p.append(link)

    def symbol(self, p, char: str, size: float = BODY + 2) -> None:
        r = p.add_run(char)
        r.font.name = SYMBOL_FONT
        r.font.size = self.Pt(size)
        r._element.get_or_add_rPr().get_or_add_rFonts().set(self.qn("w:eastAsia"), SYMBOL_FONT)

    def line_to(self, p, at_mm: float) -> None:
        """Add a tab whose leader draws a writing line up to ``at_mm`` from the margin."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        p.paragraph_format.tab_stops.add_tab_stop(self.Mm(at_mm), WD_TAB_ALIGNMENT.LEFT,
                                                  WD_TAB_LEADER.LINES)
        p.add_run("\t")


def write_docx_sheet(quiz: QuizBuild, version: Version, theme: Theme, path: Path,
                     key: bool = False, show_version: bool = False) -> None:
    """Write the student sheet (or, with ``key``, the answer key) of one version to ``path``."""
    d = _Doc(quiz, theme)
    L = quiz.labels
    vtext = L("version", n=version.number) if show_version else ""
    _page_furniture(d, quiz, vtext, key)
    d.para(L("answer_key_title", title=quiz.title) if key else quiz.title, size=18,
           color="primary", bold=True, after=1, font=theme.fonts["heading"])
    d.para(" · ".join(x for x in (quiz.deck_title, vtext) if x), size=11, color="muted", after=8)
    n, total = len(version.questions), version.total_points
    if key:
        d.para(L("key_intro_version", n=n, points=points_text(total, L), v=version.number)
               if vtext else L("key_intro", n=n, points=points_text(total, L)),
               size=SMALL, color="muted")
        _grid(d, version, L)
    else:
        p = d.para(f"{L['name']} ", after=10, before=4)
        d.line_to(p, 105)
        p.add_run(f"   {L['date']} ")
        d.line_to(p, 174)
        d.para(L("sheet_instructions", n=n, points=points_text(total, L)), size=SMALL,
               color="muted", after=8)
    for k, q in enumerate(version.questions, start=1):
        _question(d, q, k, key, quiz)
    _save(d, quiz, path, key)


def _page_furniture(d: _Doc, quiz: QuizBuild, vtext: str, key: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    sec = d.doc.sections[0]
    L = quiz.labels
    footer_text = " · ".join(x for x in (quiz.title, vtext, L["answer_key"] if key else "") if x)
    for part, is_footer in ((sec.header, False), (sec.footer, True)):
        p = part.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if quiz.classification:
            r = p.add_run(quiz.classification)
            r.bold = True
            r.font.size = d.Pt(8)
            r.font.color.rgb = d.color["banner"]
        if is_footer:
            q = part.add_paragraph()
            q.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lead = footer_text + " · "
            # "Page 3 of 7" in the labels' words, the numbers as Word fields
            for text, name in L.parts("page"):
                if lead + text:
                    r = q.add_run(lead + text)
                    r.font.size = d.Pt(8)
                    r.font.color.rgb = d.color["muted"]
                lead = ""
                if not name:
                    continue
                fld = OxmlElement("w:fldSimple")
                fld.set(d.qn("w:instr"), "PAGE" if name == "n" else "NUMPAGES")
                run = OxmlElement("w:r")
                rpr = OxmlElement("w:rPr")
                for tag, val in (("w:color", d.theme.palette["muted"]), ("w:sz", "16")):
                    el = OxmlElement(tag)
                    el.set(d.qn("w:val"), val)
                    rpr.append(el)
                run.append(rpr)
                t = OxmlElement("w:t")
                t.text = "1"
                run.append(t)
                fld.append(run)
                q._p.append(fld)


def _grid(d: _Doc, version: Version, L) -> None:
    cols = 3
    rows = (len(version.questions) + cols - 1) // cols
    table = d.doc.add_table(rows=rows, cols=cols * 2)
    table.style = d.doc.styles["Table Grid"]
    table.autofit = False
    narrow = d.Mm(9)
    wide = int((d.width - cols * narrow) / cols)
    for c, column in enumerate(table.columns):
        column.width = narrow if c % 2 == 0 else wide  # the grid, which LibreOffice reads
        for cell in column.cells:  # and each cell, which Word reads
            cell.width = narrow if c % 2 == 0 else wide
    for i, q in enumerate(version.questions):
        r, c = i % rows, (i // rows) * 2
        left, right = table.cell(r, c), table.cell(r, c + 1)
        left.text = ""
        d.runs(left.paragraphs[0], f"{i + 1}", size=SMALL + 1, bold=True)
        d.runs(right.paragraphs[0], f"{key_short(q, L)} ({points_text(q.points, L)})",
               size=SMALL + 1)
    d.para("", after=6)


def _question(d: _Doc, q: QuizQuestion, n: int, key: bool, quiz: QuizBuild) -> None:
    L = quiz.labels
    p = d.para(keep=True, before=6)
    pf = p.paragraph_format
    pf.left_indent, pf.first_line_indent = d.Mm(9), d.Mm(-9)
    pf.tab_stops.add_tab_stop(d.Mm(9))
    r = p.add_run(f"{n}.\t")
    r.bold = True
    r.font.color.rgb = d.color["primary"]
    d.runs(p, q.prompt, size=BODY + 0.5)
    d.runs(p, f"  ({points_text(q.points, L)})", size=SMALL, color="muted")
    last = p
    if q.type in ("choice", "multi"):
        if q.type == "multi" and not asks_all(q, L):
            last = d.para(L["tick_all"], size=SMALL, color="muted", indent=9, keep=True)
        for i, o in enumerate(q.options):
            last = d.para(indent=9, keep=True)
            d.symbol(last, TICKED if key and q.is_correct(o) else BOX)
            d.runs(last, f"  {LETTERS[i]}.  ", bold=True, color="muted")
            d.runs(last, o)
    elif q.type == "true-false":
        last = d.para(indent=9, keep=True)
        for word in ("True", "False"):
            d.symbol(last, TICKED if key and q.is_correct(word) else BOX)
            d.runs(last, f"  {L[word.lower()]}          ")
    elif not key and q.type == "numeric":
        last = d.para(L.colon(L["answer"]) + " ", indent=9, keep=True, before=6)
        d.line_to(last, 80)
    elif not key and q.type == "short":
        for _ in range(2):
            last = d.para(indent=9, keep=True, before=8)
            d.line_to(last, 174)
    elif not key and q.type == "order":
        d.para(L("order_hint_lines", n=len(q.options)), size=SMALL, color="muted", indent=9, keep=True)
        for i, o in enumerate(q.options):
            last = d.para(f"______   {LETTERS[i]}.  ", indent=9, keep=True)
            d.runs(last, o)
    elif not key and q.type == "match":
        d.para(L["match_hint_lines"], size=SMALL, color="muted", indent=9, keep=True)
        table = d.doc.add_table(rows=max(len(q.lefts), len(q.options)), cols=2)
        for k, left in enumerate(q.lefts):
            cell = table.cell(k, 0).paragraphs[0]
            d.runs(cell, f"______  {k + 1}.  ")
            d.runs(cell, left)
        for i, right in enumerate(q.options):
            cell = table.cell(i, 1).paragraphs[0]
            d.runs(cell, f"{LETTERS[i]}.  ", bold=True, color="muted")
            d.runs(cell, right)
        last = None
    if key:
        lines = key_lines(q, L)
        label = L[{"order": "right_order", "match": "pairs", "multi": "answers"}.get(
            q.type, "answer")]
        if len(lines) == 1:
            d.para(L.colon(label, lines[0]), bold=True, color="primary", indent=9, before=3,
                   keep=True)
        else:
            d.para(L.colon(label), bold=True, color="primary", indent=9, before=3, keep=True)
            for line in lines:
                d.para(line, bold=True, color="primary", indent=13, keep=True)
        if q.explanation:
            d.para(q.explanation, indent=9, keep=True)
        last = d.para(origin_text(q, quiz.sources, L), size=SMALL, color="muted", indent=9)
    if last is not None:
        last.paragraph_format.keep_with_next = False


def _save(d: _Doc, quiz: QuizBuild, path: Path, key: bool) -> None:
    cp = d.doc.core_properties
    cp.title = cut(quiz.labels("answer_key_title", title=quiz.title) if key else quiz.title)
    cp.subject = cut(quiz.deck_title)
    cp.author = cut(", ".join(quiz.authors) or "deckgen")
    cp.last_modified_by = "deckgen"
    cp.comments = f"Written by deckgen (seed {quiz.seed})"
    cp.revision = 1
    stamp = datetime(2000, 1, 1, tzinfo=timezone.utc)
    cp.created = cp.modified = stamp
    buf = io.BytesIO()
    zoom_with_percent(d.doc)     # w:zoom needs w:percent
    without_styles_with_effects(d.doc)   # a stale copy of the styles
    d.doc.save(buf)
    Path(path).write_bytes(fixed_zip(buf.getvalue()))


def fixed_zip(data: bytes) -> bytes:
    """Return the zip with every entry dated 1980-01-01, so equal content gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            z.writestr(new, src.read(info.filename))
    return out.getvalue()
