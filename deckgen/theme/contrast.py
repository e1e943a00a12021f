"""WCAG 2 contrast: ratios, the text colour for a fill, and a theme's text/fill pairs.

Every text colour a theme's slides draw sits on some fill: body text on the
background, captions on cards, a card heading on its impact colour. The
design stage picks text for coloured fills with :func:`text_on`, from the
theme's own ``on_light`` and ``on_dark`` colours; :func:`theme_pairs` lists
every pair the design draws, with the smallest text it draws there, so a
theme is checked against what its slides really show.
"""

from __future__ import annotations

from deckgen.theme.colour import luminance, mix, ratio  # noqa: F401  (re-exported)

from dataclasses import dataclass

#: WCAG 2 thresholds: normal text, and large text (18 pt, or 14 pt bold).
NORMAL, LARGE = 4.5, 3.0


def text_on(fill: str, palette: dict) -> str:
    """Return the theme's ``on_light`` or ``on_dark`` colour, whichever reads better on ``fill``."""
    light, dark = palette["on_light"], palette["on_dark"]
    return light if ratio(light, fill) >= ratio(dark, fill) else dark


def is_large(size_pt: float, bold: bool) -> bool:
    """True for WCAG large text: 18 pt (24 px) and up, or 14 pt (18.66 px) bold and up."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def needed(size_pt: float, bold: bool) -> float:
    """Return the contrast WCAG 2 (level AA) asks of text this size."""
    return LARGE if is_large(size_pt, bold) else NORMAL


@dataclass(frozen=True)
class Pair:
    """One text colour on one fill, as the slides draw it, and how it measures."""

    fg_name: str       # palette key path of the text colour ("muted", "on_light")
    fg: str            # RRGGBB
    bg_name: str       # palette key path of the fill ("surface", "impact.high")
    bg: str
    where: str         # what the slides draw in this pair, for people
    size: float        # the smallest text drawn in it, points
    bold: bool
    keys: tuple        # palette keys a user may change to fix it, the likeliest first

    @property
    def ratio(self) -> float:
        """Return the pair's contrast ratio."""
        return ratio(self.fg, self.bg)

    @property
    def need(self) -> float:
        """Return the ratio the pair needs (4.5, or 3 for large text)."""
        return needed(self.size, self.bold)

    @property
    def ok(self) -> bool:
        """True when the pair meets its threshold (compared at two decimals, as shown)."""
        return round(self.ratio, 2) >= self.need

    def message(self) -> str:
        """Return the warning a user reads for a pair below its threshold."""
        kind = "large text" if is_large(self.size, self.bold) else "text"
        size = f"{self.size:g} pt{' bold' if self.bold else ''}"
        return (f"found #{self.fg} ({self.fg_name}) on #{self.bg} ({self.bg_name}) for "
                f"{self.where}: a contrast of {self.ratio:.2f}:1; allowed: at least "
                f"{self.need:g}:1 for {kind} ({size})")


def theme_pairs(palette: dict, sizes: dict, cover: bool = True) -> list[Pair]:
    """Return every text/fill pair a theme's slides draw, with its smallest text.

    ``palette`` and ``sizes`` are a resolved theme's; ``cover`` is False when
    an organisation's master draws the title and section slides (deckgen then
    paints no cover colour, and those slides use the content colours).
    The sizes here are the design's (``deckgen.design``) smallest in each place.
    """
    p = palette
    cap = sizes["caption"]
    out: list[Pair] = []

    def add(fg_name, bg_name, where, size, bold=False, key=None, fg=None, bg=None):
        fgc = fg or p[fg_name]
        bgc = bg or p[bg_name]
        keys = (key or fg_name, bg_name if bg is None else fg_name.split(" ")[0])
        out.append(Pair(fg_name, fgc, bg_name, bgc, where, size, bold, keys))

    add("text", "background", "body text, tables, chart labels", 16)
    add("muted", "background", "captions, footer, slide numbers, axis labels", cap)
    add("text", "surface", "card text and evidence", 14)
    add("muted", "surface", "card captions and evidence labels", cap)
    add("primary", "background", "slide titles, dates, questions", 20, True)
    add("primary", "surface", "card titles", 22, True)
    add("on_primary", "primary", "table headers, judgement numbers", 18, True)
    add("link", "background", "links on the Sources slide", 20)
    add("on_banner", "banner", "classification banner", cap, True)
    if cover:
        add("on_cover", "cover", "title and section slides, their slide numbers", cap)
        add("on_cover (tinted)", "cover", "subtitle and date on the title slide", 20,
            key="on_cover", fg=mix(p["on_cover"], p["cover"], 0.2))
    for level, fill in p["impact"].items():
        add(_on_name(fill, p), f"impact.{level}", "card heading", 14, True,
            key=f"impact.{level}", fg=text_on(fill, p), bg=fill)
    for i, fill in enumerate(p["yardstick"]):
        add(_on_name(fill, p), f"yardstick[{i}]", "likelihood card heading", 14, True,
            key=f"yardstick[{i}]", fg=text_on(fill, p), bg=fill)
        wash = mix(fill, p["background"], 0.82)
        add("text", f"yardstick[{i}] wash", "likelihood labels on the yardstick chart", 16,
            key=f"yardstick[{i}]", bg=wash)
    for i, col in enumerate(p["accents"]):
        add(f"accents[{i}]", "surface", "big numbers on figure cards", 28, True,
            key=f"accents[{i}]", fg=col)
        add(_on_name(col, p), f"accents[{i}]", "data labels inside chart bars and segments",
            16, True, key=f"accents[{i}]", fg=text_on(col, p), bg=col)
    return out


def _on_name(fill: str, p: dict) -> str:
    return "on_light" if text_on(fill, p) == p["on_light"] else "on_dark"
