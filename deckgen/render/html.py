"""The HTML deck: placed slides -> one self-contained web page.

Every slide is drawn from the placed model, as the pptx writer and the
preview painter draw it: each box at its placed position and size on a
stage the size of the theme's slide, text set line by line as the fitting
engine broke it, in the same font files (embedded as ``@font-face``, cut
down to the characters the deck uses), charts as inline SVG, pictures
inline as ``data:`` addresses. Nothing in the page fetches anything.

The page is also a presenter: arrow keys, Page Up/Down, Space, Home and End
move through the slides, ``#N`` in the address shows slide N, ``p`` (or the
Notes button) shows the speaker notes, and printing gives one slide a page.
``deckgen serve`` reuses :func:`slides_html` to update an open page in place.

Only the standard library is used here (fontTools, which matplotlib brings,
cuts the fonts down when it is there; otherwise the whole files go in).
"""

from __future__ import annotations

import base64
import html
import mimetypes
from functools import lru_cache
from pathlib import Path

from deckgen.content.labels import ENGLISH, Labels
from deckgen.layout.fitting import BULLET_INDENT
from deckgen.layout.placed import (ChartFrame, Group, Picture, PlacedDeck, PlacedSlide, Shape,
                                   SlideNumber, TableFrame, TextBox)
from deckgen.render.svg_charts import chart_elements
from deckgen.text.fontfiles import HANGUL, family_for, font_path, needs_wide_font
from deckgen.theme.master import artwork

EMU_PER_PX = 9525          # CSS pixels are 1/96 in; the stage is drawn in them
PX_PER_PT = 4 / 3


def _px(emu: float) -> str:
    return _num(emu / EMU_PER_PX)


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


def _ptpx(pt: float) -> str:
    return _num(pt * PX_PER_PT)


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


# -- fonts ----------------------------------------------------------------------------------------
class _Fonts:
    """Remembers which font files the page draws with, and the characters each must have."""

    def __init__(self) -> None:
        self.used: dict = {}     # font file -> (css family, bold, italic, set of characters)

    def family(self, font: str) -> str:
        return "dg-" + family_for(font)

    def stack(self, font: str) -> str:
        return f"'{self.family(font)}','dg-{HANGUL}',sans-serif"

    def note(self, text: str, font: str, bold: bool = False, italic: bool = False) -> None:
        latin = "".join(ch for ch in text if not needs_wide_font(ch))
        wide = "".join(ch for ch in text if needs_wide_font(ch))
        self._add(font_path(font, bold, italic), self.family(font), bold, italic, latin + " ")
        if wide:
            self._add(font_path(HANGUL, bold, False), "dg-" + HANGUL, bold, italic, wide)

    def _add(self, path: Path, family: str, bold: bool, italic: bool, chars: str) -> None:
        entry = self.used.setdefault(Path(path), (family, bold, italic, set()))
        entry[3].update(chars)

    def css(self, subset: bool = True) -> str:
        out = []
        for path, (family, bold, italic, chars) in sorted(self.used.items()):
            data = _font_bytes(str(path), "".join(sorted(chars)) if subset else None)
            out.append("@font-face{font-family:'%s';font-weight:%d;font-style:%s;"
                       "src:url(data:font/ttf;base64,%s) format('truetype')}"
                       % (family, 700 if bold else 400, "italic" if italic else "normal",
                          base64.b64encode(data).decode("ascii")))
        return "\n".join(out)


@lru_cache(maxsize=64)
def _font_bytes(path: str, chars: str | None) -> bytes:
    """Return a font file's bytes, cut down to ``chars`` when fontTools is there."""
    raw = Path(path).read_bytes()
    if chars is None:
        return raw
    try:
        import io
        import logging

        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:     # pragma: no cover - matplotlib brings fontTools
        return raw
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    try:
        font = TTFont(io.BytesIO(raw))
        sub = subset.Subsetter(opts)
        sub.populate(text=chars + "0123456789–.,%")
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        return buf.getvalue()
    except Exception:       # a font fontTools cannot cut goes in whole
        return raw


# -- the slides -----------------------------------------------------------------------------------
class _Writer:
    def __init__(self, placed: PlacedDeck, theme, fonts: _Fonts) -> None:
        self.placed = placed
        self.labels = deck_labels(placed)
        self.theme = theme
        self.fonts = fonts

    def box_style(self, b, extra: str = "") -> str:
        return f"left:{_px(b.x)}px;top:{_px(b.y)}px;width:{_px(b.w)}px;height:{_px(b.h)}px;{extra}"

    def shape_css(self, fill, line, shape, b) -> str:
        css = f"background:#{fill};" if fill else ""
        if line:
            css += f"box-shadow:inset 0 0 0 1px #{line};"
        if shape == "oval":
            css += "border-radius:50%;"
        elif shape == "rounded":
            css += f"border-radius:{_px(min(b.w, b.h) * 0.16)}px;"
        return css

    # text
    def run(self, piece, color: str) -> str:
        self.fonts.note(piece.text, piece.font, piece.bold, piece.italic)
        css = (f"font-family:{self.fonts.stack(piece.font)};font-size:{_ptpx(piece.size)}px;"
               f"color:#{piece.color or color}")
        if piece.bold:
            css += ";font-weight:700"
        if piece.italic:
            css += ";font-style:italic"
        text = _e(piece.text)
        if piece.url:
            return f'<a href="{_e(piece.url)}" style="{css}">{text}</a>'
        return f'<span style="{css}">{text}</span>'

    def para(self, p, lines, tag: str, first: bool) -> str:
        indent = p.style.size * BULLET_INDENT
        left = indent * (p.level + 1) if p.bullet else indent * p.level
        css = f"padding-left:{_ptpx(left)}px;text-align:{p.align};"
        if not first and p.space_before:
            css += f"margin-top:{_ptpx(p.space_before)}px;"
        parts = []
        if p.bullet:
            mark = f"{p.number}." if p.bullet == "num" else p.bullet
            self.fonts.note(mark, p.style.font)
            parts.append(f'<span class="mk" aria-hidden="true" style="left:{_ptpx(left - indent)}px;'
                         f"font-family:{self.fonts.stack(p.style.font)};"
                         f'font-size:{_ptpx(p.style.size)}px;color:#{p.style.color}">{_e(mark)}</span>')
        for k, line in enumerate(lines):
            runs = "".join(self.run(pc, p.style.color) for pc in line.pieces)
            gap = " " if k < len(lines) - 1 else ""
            parts.append(f'<span class="ln" style="height:{_ptpx(line.height)}px;'
                         f'line-height:{_ptpx(line.height)}px">{runs}{gap}</span>')
        return f'<{tag} class="pa" style="{css}">{"".join(parts)}</{tag}>'

    def textbox(self, tb: TextBox, tag: str = "div", edge: str | None = None,
                attrs: str = "") -> str:
        b = tb.box
        ix, iy = tb.insets
        justify = {"middle": "center", "bottom": "flex-end"}.get(tb.anchor, "flex-start")
        css = self.box_style(b, f"padding:{_px(iy)}px {_px(ix)}px;justify-content:{justify};")
        if tb.fill:
            css += self.shape_css(tb.fill, tb.line or edge, tb.shape, b)
        body, i = [], 0
        paras = list(zip(tb.paras, tb.layout))
        inline = tag not in ("div", "td")
        while i < len(paras):
            p, lines = paras[i]
            if p.bullet and not inline:
                kind = "ol" if p.bullet == "num" else "ul"
                items = []
                while i < len(paras) and paras[i][0].bullet and \
                        (paras[i][0].bullet == "num") == (kind == "ol"):
                    items.append(self.para(paras[i][0], paras[i][1], "li", i == 0))
                    i += 1
                body.append(f"<{kind} class=\"ls\">{''.join(items)}</{kind}>")
                continue
            body.append(self.para(p, lines, "span" if inline else "p", i == 0))
            i += 1
        return f'<{tag} class="tb"{attrs} style="{css}">{"".join(body)}</{tag}>'

    # items
    def item(self, it) -> str:
        if isinstance(it, TextBox):
            return self.textbox(it)
        if isinstance(it, Shape):
            return (f'<div class="sh" aria-hidden="true" style="'
                    f'{self.box_style(it.box, self.shape_css(it.fill, it.line, it.shape, it.box))}"></div>')
        if isinstance(it, Group):
            inner = "".join(self.item(c) for c in it.items)
            if it.alt:
                return f'<div class="gr" role="img" aria-label="{_e(it.alt)}">{inner}</div>'
            return f'<div class="gr">{inner}</div>'
        if isinstance(it, SlideNumber):
            st, b = it.style, it.box
            self.fonts.note(str(it.number), st.font)
            return (f'<div class="num" style="{self.box_style(b)}line-height:{_px(b.h)}px;'
                    f"font-family:{self.fonts.stack(st.font)};font-size:{_ptpx(st.size)}px;"
                    f'color:#{st.color}">{it.number}</div>')
        if isinstance(it, TableFrame):
            return self.table(it)
        if isinstance(it, ChartFrame):
            return chart_svg(it, self.theme, self.fonts, self.box_style(it.box))
        if isinstance(it, Picture):
            return self.picture(it)
        return ""

    def table(self, tf: TableFrame) -> str:
        head = len(tf.cells) == len(tf.table.rows) + 1
        rows = []
        bg = self.theme.color("background")
        for r, row in enumerate(tf.cells):
            cells = []
            for tb in row:
                role = "columnheader" if head and r == 0 else "cell"
                rel = TextBox(**{**tb.__dict__})
                rel.box = type(tb.box)(tb.box.x - tf.box.x, tb.box.y - tf.box.y, tb.box.w, tb.box.h)
                cells.append(self.textbox(rel, attrs=f' role="{role}"', edge=bg))
            rows.append(f'<div role="row">{"".join(cells)}</div>')
        return (f'<div class="tbl" role="table" aria-label="{_e(tf.alt)}" '
                f'style="{self.box_style(tf.box)}">{"".join(rows)}</div>')

    def picture(self, it: Picture) -> str:
        src = _data_uri(str(it.path))
        alt = "" if it.decorative else it.alt
        if any(it.crop):
            # the whole picture, scaled as the crop says, seen through a box of the slide's size
            l, t, r, b = it.crop
            fw, fh = it.box.w / (1 - l - r), it.box.h / (1 - t - b)
            inner = (f"position:absolute;left:{_px(-fw * l)}px;top:{_px(-fh * t)}px;"
                     f"width:{_px(fw)}px;height:{_px(fh)}px;")
            return (f'<div class="sh" style="{self.box_style(it.box)}overflow:hidden">'
                    f'<img class="pic" src="{src}" alt="{_e(alt)}" style="{inner}"></div>')
        return (f'<img class="pic" src="{src}" alt="{_e(alt)}" style="{self.box_style(it.box)}">')

    def master_art(self, layout: str) -> str:
        out = []
        for art in artwork(self.theme.master.path, layout):
            x, y, w, h = art.box
            css = f"left:{_px(x)}px;top:{_px(y)}px;width:{_px(w)}px;height:{_px(h)}px;"
            if art.fill:
                out.append(f'<div class="sh" aria-hidden="true" style="{css}background:#{art.fill}"></div>')
            elif art.image:
                mime = _sniff(art.image)
                data = base64.b64encode(art.image).decode("ascii")
                out.append(f'<img class="pic" alt="" src="data:{mime};base64,{data}" style="{css}">')
        return "".join(out)

    def slide(self, ps: PlacedSlide, n: int) -> str:
        title = plain_title(ps)
        bg = ps.background
        art = ""
        if bg is None and self.theme.master is not None:
            bg = self.theme.master.background or self.theme.color("background")
            art = self.master_art(ps.layout)
        bg = bg or self.theme.color("background")
        level = "h1" if n == 1 else "h2"
        head = self.textbox(ps.title, tag=level) if title else ""
        # a picture covering the slide (and its band) go under the title, as in the pptx
        under = [it for it in ps.items if getattr(it, "behind", False)]
        art += "".join(self.item(it) for it in under)
        items = "".join(self.item(it) for it in ps.items if it not in under)
        notes = ps.notes.strip()
        L = self.labels
        notes_html = (f"<h3>{_e(L['notes'])}</h3><p>{_e(notes or L['no_notes_html'])}</p>")
        return (f'<section class="slide" id="slide-{n}" data-n="{n}" '
                f'aria-label="{_e(L("slide_titled", n=n, title=title))}">'
                f'<div class="stage" style="background:#{bg}">{art}{head}{items}</div>'
                f'<aside class="notes" aria-label="{_e(L("speaker_notes_slide", n=n))}">'
                f'{notes_html}</aside></section>')


def deck_labels(placed: PlacedDeck | None) -> Labels:
    """Return the built-in words of a placed deck (English when it was made without a deck)."""
    deck = getattr(placed, "deck", None)
    return getattr(deck, "labels", ENGLISH)


def plain_title(ps: PlacedSlide) -> str:
    """Return a slide's title as plain text, lines joined by spaces."""
    words = []
    for lines in ps.title.layout:
        for line in lines:
            words.append("".join(pc.text for pc in line.pieces))
    text = " ".join(w.strip() for w in words if w.strip())
    return text or " ".join(p.text for p in ps.title.paras).strip()


def visible_slides(placed: PlacedDeck) -> list:
    """Return the slides the page shows: hidden ones are left out."""
    return [ps for ps in placed.slides if not getattr(ps, "hidden", False)]


@lru_cache(maxsize=64)
def _data_uri(path: str) -> str:
    raw = Path(path).read_bytes()
    mime = "image/svg+xml" if path.lower().endswith(".svg") else (
        mimetypes.guess_type(path)[0] or _sniff(raw))
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def _sniff(raw: bytes) -> str:
    if raw.startswith(b"\x89PNG"):
        return "image/png"
    if raw[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if raw[:4] == b"GIF8":
        return "image/gif"
    return "image/png"


# -- charts ---------------------------------------------------------------------------------------
def chart_svg(cf: ChartFrame, theme, fonts: _Fonts, style: str) -> str:
    """Return a chart as inline SVG in CSS pixels, drawn as the pptx and preview draw it."""
    parts = chart_elements(cf.spec, cf.box, theme, EMU_PER_PX, note=fonts.note)
    body = theme.fonts["body"]
    W, H = cf.box.w / EMU_PER_PX, cf.box.h / EMU_PER_PX
    name = cf.alt or cf.title or "Chart"
    return (f'<svg class="ch" role="img" aria-label="{_e(name)}" viewBox="0 0 {_num(W)} {_num(H)}" '
            f'style="{style}font-family:{fonts.stack(body)};font-size:{_num(16 * PX_PER_PT)}px" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{_e(name)}</title>'
            f'<rect width="100%" height="100%" fill="#{theme.color("background")}"/>'
            f'{"".join(parts)}</svg>')


# -- the page -------------------------------------------------------------------------------------
_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:#1b1b1b;color:#f2f2f2;font-family:sans-serif}
body{overflow:hidden;font-synthesis:none}
.skip{position:absolute;left:-9999px}
#deck{position:fixed;inset:0}
.slide{position:absolute;inset:0}
.stage{position:absolute;left:50%;top:50%;width:var(--w);height:var(--h);overflow:hidden;
  transform:translate(-50%,-50%) scale(var(--s,1));transform-origin:50% 50%;
  box-shadow:0 0 24px rgba(0,0,0,.5)}
body.notes-on .stage{top:calc(var(--h) * var(--s,1) / 2 + 8px)}
.stage>*,.gr>*,.tbl>div>*{position:absolute;margin:0}
.gr,.tbl>div{position:static}
.tb{display:flex;flex-direction:column;font-weight:400}
.pa{display:block;position:relative;margin:0;white-space:nowrap}
.ls{list-style:none;margin:0;padding:0}
.ln{display:block;white-space:nowrap}
.mk{position:absolute;top:0}
.num{text-align:right;white-space:nowrap}
.pic{object-fit:fill}
svg.ch{overflow:visible}
.notes{display:none}
body.notes-on .slide.current .notes{display:block;position:fixed;left:0;right:0;bottom:0;
  height:30vh;overflow:auto;padding:12px 24px 52px;background:#111;color:#f2f2f2;
  font:18px/1.45 sans-serif;border-top:1px solid #555}
.notes h3{margin:0 0 6px;font-size:16px}
.notes p{margin:0;white-space:pre-wrap}
#controls{position:fixed;right:10px;bottom:10px;display:flex;gap:6px;align-items:center;
  z-index:5}
body.idle #controls:not(:focus-within):not(:hover){visibility:hidden}
#controls button{font:14px sans-serif;padding:4px 10px;background:#222;color:#fff;
  border:1px solid #888;border-radius:4px;cursor:pointer}
#controls button[aria-pressed=true]{background:#fff;color:#111}
#counter{font:14px sans-serif;color:#fff;background:#222;padding:4px 8px;border-radius:4px}
#problem{position:fixed;left:0;right:0;top:0;z-index:9;margin:0;padding:12px 18px;
  background:#fff3f3;color:#8b0000;border-bottom:3px solid #b00000;font:15px/1.4 monospace;
  white-space:pre-wrap;max-height:50vh;overflow:auto}
#problem[hidden]{display:none}
@media screen{.slide:not(.current){display:none}}
@media print{
  html,body{height:auto;overflow:visible;background:#fff}
  #deck{position:static}
  .slide{position:relative;inset:auto;width:var(--w);height:var(--h);display:block;
    break-after:page;page-break-after:always;overflow:hidden}
  .stage{left:0;top:0;transform:none;box-shadow:none}
  .notes,#controls,#problem{display:none!important}
}
"""

_JS = r"""
(function(){
  var deck=document.getElementById('deck'), cur=1;
  var W=+deck.dataset.w, H=+deck.dataset.h;
  function slides(){return deck.querySelectorAll('section.slide');}
  function fit(){
    var notes=document.body.classList.contains('notes-on');
    var s=Math.min(innerWidth/W,(notes?innerHeight*0.7-16:innerHeight)/H);
    document.documentElement.style.setProperty('--s',Math.max(s,0.05));
  }
  function show(n){
    var all=slides(), total=all.length;
    if(!total){return;}
    n=Math.max(1,Math.min(total,parseInt(n,10)||1)); cur=n;
    for(var i=0;i<total;i++){all[i].classList.toggle('current',i===n-1);}
    var c=document.getElementById('counter'); if(c){c.textContent=n+' / '+total;}
    if(location.hash!=='#'+n){history.replaceState(null,'','#'+n);}
  }
  function fromHash(){var m=/^#(?:slide-)?(\d+)$/.exec(location.hash); return m?+m[1]:null;}
  function notes(on){
    if(on===undefined){on=!document.body.classList.contains('notes-on');}
    document.body.classList.toggle('notes-on',on);
    var b=document.getElementById('notes-btn'); if(b){b.setAttribute('aria-pressed',on?'true':'false');}
    fit();
  }
  document.addEventListener('keydown',function(e){
    if(e.altKey||e.ctrlKey||e.metaKey){return;}
    var t=e.target&&e.target.tagName; if(t==='INPUT'||t==='TEXTAREA'){return;}
    var k=e.key, total=slides().length;
    if(k==='ArrowRight'||k==='PageDown'||k===' '||k==='Spacebar'){show(cur+1);}
    else if(k==='ArrowLeft'||k==='PageUp'){show(cur-1);}
    else if(k==='Home'){show(1);}
    else if(k==='End'){show(total);}
    else if(k==='p'||k==='P'){notes();}
    else{return;}
    e.preventDefault();
  });
  addEventListener('hashchange',function(){var n=fromHash(); if(n){show(n);}});
  addEventListener('resize',fit);
  document.getElementById('prev-btn').onclick=function(){show(cur-1);};
  document.getElementById('next-btn').onclick=function(){show(cur+1);};
  document.getElementById('notes-btn').onclick=function(){notes();};
  var idle;
  function wake(){document.body.classList.remove('idle'); clearTimeout(idle);
    idle=setTimeout(function(){document.body.classList.add('idle');},2500);}
  addEventListener('mousemove',wake); addEventListener('touchstart',wake); wake();
  window.deckgen={show:show,current:function(){return cur;},notes:notes,fit:fit};
  fit(); show(fromHash()||1);
  var live=document.body.dataset.live;
  if(live&&window.EventSource){
    var problem=document.getElementById('problem');
    var es=new EventSource(live);
    es.addEventListener('deck',function(ev){
      var msg=JSON.parse(ev.data);
      if(msg.error){problem.textContent=msg.error; problem.hidden=false; return;}
      problem.hidden=true; problem.textContent='';
      fetch(msg.fragment,{cache:'no-store'}).then(function(r){return r.text();}).then(function(t){
        deck.innerHTML=t;
        var target=(msg.follow&&msg.changed)?msg.changed:cur;
        show(target);
      });
    });
  }
})();
"""


def slides_html(placed: PlacedDeck, theme, fonts: _Fonts | None = None) -> str:
    """Return the slides' ``<section>`` elements (what ``deckgen serve`` swaps in)."""
    w = _Writer(placed, theme, fonts or _Fonts())
    return "\n".join(w.slide(ps, n) for n, ps in enumerate(visible_slides(placed), start=1))


def render_html(placed: PlacedDeck, theme, content, subset: bool = True,
                live: str = "", error: str = "", all_faces: bool = False) -> str:
    """Return the whole page. ``live`` is the address of a server's event stream
    (``deckgen serve``); ``error`` a problem to show above the slides."""
    fonts = _Fonts()
    sections = slides_html(placed, theme, fonts) if placed is not None else ""
    if all_faces:       # a live page keeps its fonts while the slides change under it
        import string
        chars = string.printable
        for font in set(theme.fonts.get(k, "Calibri") for k in ("heading", "body")):
            for bold in (False, True):
                for italic in (False, True):
                    fonts.note(chars, font, bold, italic)
        for bold in (False, True):
            fonts._add(font_path(HANGUL, bold), "dg-" + HANGUL, bold, False, "가")
    W = placed.width if placed is not None else theme.slide_width
    H = placed.height if placed is not None else theme.slide_height
    lang = getattr(content, "language", "") or "en"
    title = getattr(content, "title", "") or "Deck"
    css = (f":root{{--w:{_px(W)}px;--h:{_px(H)}px}}\n"
           f"@page{{size:{_px(W)}px {_px(H)}px;margin:0}}\n" + _CSS + fonts.css(subset and not all_faces))
    live_attr = f' data-live="{_e(live)}"' if live else ""
    L = deck_labels(placed)
    return (f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<meta name="generator" content="deckgen">\n'
            f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n"
            f"<body{live_attr}>\n"
            f'<pre id="problem" role="alert"{"" if error else " hidden"}>{_e(error)}</pre>\n'
            f'<main id="deck" aria-label="{_e(title)}" data-w="{_px(W)}" data-h="{_px(H)}">\n'
            f"{sections}\n</main>\n"
            f'<nav id="controls" aria-label="{_e(L["slide_controls"])}">'
            f'<button type="button" id="prev-btn" aria-label="{_e(L["previous_slide"])}">'
            f'&#8592;</button><span id="counter" aria-live="polite"></span>'
            f'<button type="button" id="next-btn" aria-label="{_e(L["next_slide"])}">'
            f'&#8594;</button><button type="button" id="notes-btn" aria-pressed="false" '
            f'aria-keyshortcuts="p">{_e(L["notes"])}</button></nav>\n'
            f"<script>{_JS}</script>\n</body>\n</html>\n")


def write_html(placed: PlacedDeck, theme, content, path: Path | str) -> Path:
    """Write the deck as one self-contained HTML file at ``path``; return the path."""
    path = Path(path)
    path.write_text(render_html(placed, theme, content), encoding="utf-8")
    return path

