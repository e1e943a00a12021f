"""Fonts for PDF writers (reportlab): the theme's fonts, embedded, with Hangul.

reportlab's own fonts cover Latin-1 only. Every PDF deckgen writes embeds the
shipped stand-ins for the theme's fonts (Carlito for Calibri, ...) and the
Hangul face, and wraps runs of wide characters in the Hangul font so Korean
text is drawn with real glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from deckgen.content.markup import parse
from deckgen.content.urls import attribute, safe_url
from deckgen.text.fontfiles import HANGUL, family_for, font_path, needs_wide_font


@dataclass(frozen=True)
class PdfFonts:
    """reportlab font names registered for one theme font."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    wide: str          # Hangul / CJK regular
    wide_bold: str


@lru_cache(maxsize=16)
def register(theme_font: str) -> PdfFonts:
    """Register the TTFs standing in for ``theme_font`` (and Hangul); return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fam = family_for(theme_font)
    names = {}
    for bold in (False, True):
        for italic in (False, True):
            name = f"{fam}-{'B' if bold else ''}{'I' if italic else ''}".rstrip("-")
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(font_path(theme_font, bold, italic))))
            names[(bold, italic)] = name
    for bold, italic in names:
        addMapping(fam, int(bold), int(italic), names[(bold, italic)])
    wide = {}
    for bold in (False, True):
        name = f"{HANGUL}-{'B' if bold else 'R'}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(HANGUL, bold))))
        wide[bold] = name
    return PdfFonts(names[(False, False)], names[(True, False)], names[(False, True)],
                    names[(True, True)], wide[False], wide[True])


def wrap_wide(text: str, fonts: PdfFonts, bold: bool = False) -> str:
    """Return ``text`` escaped for a reportlab Paragraph, wide runs in the Hangul font.

    The input is plain text (no markup); the output is Paragraph markup.
    """
    out, run, wide = [], [], False
    for ch in text:
        w = needs_wide_font(ch) or (wide and ch == " ")
        if w != wide and run:
            out.append(_emit("".join(run), wide, fonts, bold))
            run = []
        wide = w
        run.append(ch)
    if run:
        out.append(_emit("".join(run), wide, fonts, bold))
    return "".join(out)


def _emit(chunk: str, wide: bool, fonts: PdfFonts, bold: bool) -> str:
    if not wide:
        return escape(chunk)
    return f'<font face="{fonts.wide_bold if bold else fonts.wide}">{escape(chunk)}</font>'


def paragraph_markup(text: str, fonts: PdfFonts, bold: bool = False,
                     link_color: str = "") -> str:
    """Return content text (with ``**bold**``, ``*italic*``, links) as Paragraph markup.

    Wide characters are switched to the Hangul font; everything is escaped.
    """
    parts = []
    for run in parse(text):
        body = wrap_wide(run.text, fonts, bold or run.bold)
        if run.bold:
            body = f"<b>{body}</b>"
        if run.italic:
            body = f"<i>{body}</i>"
        url = safe_url(run.url) if run.url else None
        if url:
            color = f' color="#{link_color}"' if link_color else ""
            body = f'<a href="{attribute(url)}"{color}><u>{body}</u></a>'
        parts.append(body)
    return "".join(parts)


def fit_text(text: str, width: float, fonts: PdfFonts, size: float) -> str:
    """Return ``text`` cut with an ellipsis to fit ``width`` points (Hangul measured as drawn)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def w(t: str) -> float:
        return sum(stringWidth(r, fonts.wide if wide else fonts.regular, size)
                   for r, wide in text_runs(t))

    if w(text) <= width:
        return text
    while text and w(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def text_runs(s: str) -> list[tuple[str, bool]]:
    """Split ``s`` into runs of (text, needs the wide/Hangul face)."""
    out: list[tuple[str, bool]] = []
    for ch in s:
        wide = needs_wide_font(ch) or (ch == " " and bool(out) and out[-1][1])
        if out and out[-1][1] == wide:
            out[-1] = (out[-1][0] + ch, wide)
        else:
            out.append((ch, wide))
    return out
