"""The reading handout: content -> a document to read, annotate and file.

Not the slides reprinted: the same blocks in the same order as the deck's
storyline, but written out for reading — key judgements with their
yardstick words and ranges, a figures table with units, dates and sources,
charts beside the items they support, concerns and responses as prose with
their evidence, and the presenter's notes as asides where a deck would keep
them hidden. Pure: returns a :class:`~deckgen.handout.blocks.Handout`.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from deckgen.content.labels import ENGLISH, Labels, for_content
from deckgen.content.markup import plain
from deckgen.content.model import Chart, Content, Item, Point, Slide
from deckgen.content.yardstick import YARDSTICKS
from deckgen.deck.charts import describe, fmt_value, pick_type
from deckgen.handout import blocks as b
from deckgen.handout.layout import full_width
from deckgen.theme.colour import on_color
from deckgen.theme.theme import Theme

# The reading handout follows the deck's storyline block for block: it walks
# the planned deck's blocks (``Deck.blocks``) under the storyline's titles (the
# file's headlines, else the content's labels), so slides and handout tell the same story.
from deckgen.deck.storyline import agenda_entries, heading  # noqa: E402


# Words that open an instruction to the presenter ("Ask the room ...", "Pause on ..."),
# and phrases that only make sense in front of an audience.
_DIRECTIONS = frozenset("""
ask pause point show open lead stress build keep walk invite regenerate remind
mention emphasise emphasize link use return tell say skip spend hand give take go move
click reveal poll recap bridge finish close read run check
""".split())
_ROOM = ("the room", "the audience", "the students", "the class", "show of hands",
         "this slide", "next slide", "walk through", "before showing", "before revealing")
_DECK_WORDS = re.compile(r"\b(slides?|block)\b", re.I)   # the deck's own vocabulary
_CLAUSE = re.compile(r"((?<=[.!?;])\s+|\s+[—–]\s+)")


# An instruction whose object is a claim: "Stress that the shoal is a low-tide
# elevation" tells the reader that the shoal is a low-tide elevation. The words
# between the verb and "that" are the ones such instructions use.
_THAT_CLAIM = re.compile(
    r"^(?:stress|emphasi[sz]e|mention|remind|point|tell|say|show)"
    r"(?:\s+(?:out|them|him|her|everyone|students|the|room|class|audience|group|again|here|"
    r"also|once|more|clearly|briefly|firmly)){0,3}\s+that\s+(?=\S)", re.I)
# Words that point back at what came before: a sentence opening with one only
# makes sense after it.
_BACK = frozenset("it its it's this that these those they them their such he she his her".split())
_COLON = re.compile(r":\s+")
_PARAGRAPH = re.compile(r"(\n[ \t]*\n\s*)")


def _first_word(text: str) -> str:
    words = plain(text).split()
    return words[0].lower().strip("'\"“‘*_(") if words else ""


def _names_its_own(head: str) -> bool:
    """True when an instruction names a thing of its own ("Point at the shoal"), not the
    item its note belongs to ("Lead with this one": a reader sees what *this* is)."""
    words = [w.lower().strip("'\"“‘*_,") for w in plain(head).split()[1:]]
    words = [w for w in words if w not in ("with", "on", "at", "to", "out", "up", "over")]
    return bool(words) and words[0] not in ("this", "it", "here", "these")


def for_readers(note: str) -> str:
    """Return what a speaker note says to a reader, without directions to the presenter.

    A handout is read, not presented: "Ask the room where they would put
    'probably'" tells a reader nothing, while "the gaps stop two analysts
    from using neighbouring words for the same number" does. Clauses (split
    at sentence ends, semicolons and dashes) that open with an instruction
    verb are dropped, whole. What an instruction hands on is kept:

    * "Stress that X" keeps X, the claim ("Stress that the shoal is a
      low-tide elevation: it generates no territorial sea" keeps "The shoal
      is a low-tide elevation: it generates no territorial sea");
    * after an instruction with a colon ("Stress the asymmetry: one-off aid
      versus irreversible transfers") the part after the colon is kept, and
      the sentences after it to the end of the paragraph go with it; when
      that part points back at something only the instruction names ("Point
      at the shoal: it generates no territorial sea" — *it* is the shoal), it
      cannot stand alone, and it goes with the instruction, up to the end of
      the paragraph, rather than dangle ("Lead with this one: it changes the
      baseline" keeps its claim: *this one* is the item the note is on).

    A sentence that speaks of the room or the slides ("Keep this slide short;
    the detail follows") goes as a whole. A note with no directions comes
    back exactly as written. The notes pages style, which shows the notes in
    full, is where directions belong.
    """
    parts = _PARAGRAPH.split(note.strip())
    out, changed = [], False
    for i in range(0, len(parts), 2):
        text, did = _paragraph_for_readers(parts[i])
        changed = changed or did
        if text:
            out.append(text)
    if not changed:
        return note.strip()
    return "\n\n".join(out)


def _paragraph_for_readers(note: str) -> tuple[str, bool]:
    """Return one paragraph of a note for readers, and whether anything was taken out."""
    parts = _CLAUSE.split(note.strip())
    clauses, seps = parts[0::2], parts[1::2] + [""]
    # group the clauses into sentences: [(clause, separator after it), ...]
    sentences: list[list[tuple[str, str]]] = [[]]
    for clause, sep in zip(clauses, seps):
        sentences[-1].append((clause, sep))
        if clause.rstrip()[-1:] in ".!?":
            sentences.append([])
    kept: list[tuple[str, str]] = []
    changed = False
    for sentence in sentences:
        # "Stress that X": the claim X is the sentence a reader wants
        claims = []
        for clause, sep in sentence:
            m = _THAT_CLAIM.match(clause)
            if m:
                changed = True
                clause = clause[m.end():]
            claims.append((clause, sep, bool(m)))
        if any(any(p in c.lower() for p in _ROOM) or _DECK_WORDS.search(c) for c, _, _ in claims):
            changed = True
            continue
        for clause, sep, claim in claims:
            if not claim and _first_word(clause) in _DIRECTIONS:
                changed = True
                colon = _COLON.search(clause)
                rest = clause[colon.end():].strip() if colon else ""
                if rest and _first_word(rest) in _BACK and _names_its_own(clause[:colon.start()]):
                    # it points back at what only the instruction names: both go, to the
                    # paragraph's end
                    return _joined(kept), True
                clause = rest
            if clause:
                kept.append((clause, sep))
    if not changed:
        return note.strip(), False
    return _joined(kept), True


def _joined(kept: list[tuple[str, str]]) -> str:
    out = ""
    for i, (clause, sep) in enumerate(kept):
        if i == 0 or out.endswith((". ", "? ", "! ")):
            clause = clause[0].upper() + clause[1:]
        out += clause + (sep if i < len(kept) - 1 else "")
    out = out.rstrip(" ;—–")
    return out + "." if out and out[-1] not in ".!?" else out


def source_text(src, labels: Labels = ENGLISH) -> str:
    """Return a source as a reference: author, *title*, publisher, date (markup)."""
    bits = [src.author, f"*{src.title}*" if src.title else "", src.publisher,
            labels.date(src.date)]
    return ", ".join(x for x in bits if x) or src.id


class _Builder:
    def __init__(self, content: Content, theme: Theme) -> None:
        self.c = content
        self.t = theme
        self.L = for_content(content)
        self.out: list = []
        self.shown: set[str] = set()       # chart ids already drawn
        self.numbers: dict[str, int] = {}  # chart id -> its number in the handout
        self.warnings: list[str] = []

    # -- helpers ----------------------------------------------------------
    def cite(self, *objs) -> str:
        """Return ``[1]`` or ``[1, 3]`` for the sources the objects cite."""
        nums: list[int] = []
        for o in objs:
            for ref in getattr(o, "source", ()) or ():
                n = self.c.source_number(ref.id)
                if n and n not in nums:
                    nums.append(n)
        return f"[{', '.join(str(n) for n in sorted(nums))}]" if nums else ""

    def items_of(self, points: Iterable[Point]) -> tuple[b.ListItem, ...]:
        return tuple(b.ListItem(p.text, self.items_of(p.points), self.cite(p), for_readers(p.notes))
                     for p in points)

    def band_color(self, word: str, yardstick: str) -> str:
        words = [bd.word for bd in YARDSTICKS[yardstick]]
        cols = self.t.palette["yardstick"]
        return cols[words.index(word) % len(cols)]

    def likelihood_tag(self, lk) -> b.Tag:
        col = self.band_color(lk.word, lk.yardstick)
        return b.Tag(f"{lk.word.capitalize()} · {lk.percent()}", col, on_color(col))

    def impact_tag(self, impact: str) -> b.Tag:
        col = self.t.palette["impact"][impact]
        return b.Tag(self.L[f"impact_{impact}"], col, on_color(col))

    def heading(self, block: str) -> None:
        self.out.append(b.Heading(heading(self.c, block, self.L), 1))

    def note(self, *objs) -> None:
        for o in objs:
            text = for_readers(getattr(o, "notes", ""))
            if text:
                self.out.append(b.Note(text, self.L["presenter_note"]))

    # -- charts -----------------------------------------------------------
    def number(self, ch: Chart) -> int:
        """Return the chart's number, given in the order charts are first mentioned."""
        return self.numbers.setdefault(ch.id, len(self.numbers) + 1)

    def chart_block(self, ch: Chart, heading: str = "") -> b.ChartBlock:
        ctype = pick_type(ch)
        n = self.number(ch)
        title = plain(ch.title) if ch.title else ""
        unit = f" ({ch.unit})" if ch.unit and ch.unit != "%" and title else ""
        cite = self.cite(ch)
        L = self.L
        caption = " ".join(x for x in (L("chart_number", n=n) + ".",
                                       f"{title}{unit}." if title else "",
                                       L("source_cite", cite=cite) + "." if cite else "") if x)
        head = heading or ch.takeaway or ch.title or ch.id
        return b.ChartBlock(ch, ctype, head, caption, describe(ch, ctype, labels=L), for_readers(ch.notes),
                            n)

    def charts(self, charts: Sequence[Chart]) -> None:
        """Draw charts not drawn yet, two to a row (one when it is a line or has many bars)."""
        todo = [ch for ch in dict.fromkeys(charts) if ch.id not in self.shown]
        for ch in todo:
            self.shown.add(ch.id)
        row: list[b.ChartBlock] = []
        for ch in todo:
            blk = self.chart_block(ch)
            if _wide(ch, blk.ctype):
                if row:
                    self.out.append(b.ChartRow(tuple(row)))
                    row = []
                self.out.append(b.ChartRow((blk,)))
                continue
            row.append(blk)
            if len(row) == 2:
                self.out.append(b.ChartRow(tuple(row)))
                row = []
        if row:
            self.out.append(b.ChartRow(tuple(row)))

    def evidence_charts(self, items: Iterable[Item]) -> list[Chart]:
        return [self.c.chart(r.id) for it in items for r in it.evidence if self.c.chart(r.id)]

    # -- blocks -----------------------------------------------------------
    def title(self) -> None:
        c, L = self.c, self.L
        facts = []
        if c.authors:
            facts.append((L["author"] if len(c.authors) == 1 else L["authors"],
                          "; ".join(c.authors)))
        if c.organisation:
            facts.append((L["organisation"], c.organisation))
        if c.date:
            facts.append((L["date"], L.date(c.date)))
        if c.classification:
            facts.append((L["classification"], c.classification))
        rated = [x for x in c.bluf + c.concerns + c.constraints + c.responses if x.likelihood]
        if rated:    # the scale its likelihood words belong to
            facts.append((L["probability_scale"], L.yardstick(c.yardstick)))
        self.out.append(b.TitleBlock(c.title, c.subtitle, tuple(facts)))

    def objectives(self) -> None:
        self.heading("objectives")
        self.out.append(b.BulletList(tuple(b.ListItem(t) for t in self.c.objectives),
                                     numbered=True))

    def agenda(self) -> None:
        entries = agenda_entries(self.c, self.L)
        if entries:
            self.heading("agenda")
            self.out.append(b.BulletList(tuple(b.ListItem(t) for t in entries), numbered=True))

    def question(self) -> None:
        self.heading("question")
        self.out.append(b.Para(self.c.question, "lead"))

    def bluf(self) -> None:
        self.heading("bluf")
        entries = []
        for n, j in enumerate(self.c.bluf, start=1):
            tag = self.likelihood_tag(j.likelihood) if j.likelihood else None
            conf = self.L[f"confidence_{j.confidence}"] if j.confidence else ""
            entries.append(b.JudgementEntry(n, j.text, tag, conf, self.cite(j),
                                            for_readers(j.notes)))
        self.out.append(b.Judgements(tuple(entries)))

    def points_block(self, block: str, points: Sequence[Point], numbered: bool = False) -> None:
        self.heading(block)
        self.out.append(b.BulletList(self.items_of(points), numbered=numbered))

    def context(self) -> None:
        self.points_block("context", self.c.context)

    def outlook(self) -> None:
        self.points_block("outlook", self.c.outlook)

    def discussion(self) -> None:
        self.heading("discussion")
        self.out.append(b.BulletList(tuple(b.ListItem(t) for t in self.c.discussion),
                                     numbered=True))

    def figures(self) -> None:
        self.heading("figures")
        figs = self.c.figures
        has_date = any(f.as_of for f in figs)
        has_src = any(f.source for f in figs)
        L = self.L
        cols = [L["key_figure"], L["value"]] + ([L["as_of"]] if has_date else []) + \
               ([L["source"]] if has_src else [])
        rows = []
        for f in figs:
            row = [f.label or f.id, fmt_value(f.value, f.unit)]
            if has_date:
                row.append(L.date(f.as_of))
            if has_src:
                row.append(self.cite(f))
            rows.append(tuple(row))
        weights = (5.2, 2.4) + ((1.6,) if has_date else ()) + ((1.0,) if has_src else ())
        self.out.append(b.Table(tuple(cols), tuple(rows), kind="figures", weights=weights,
                                notes=tuple(for_readers(f.notes) for f in figs)))

    def charts_block(self) -> None:
        """Charts nobody references: after the figures (under their heading if there are none)."""
        referenced = self.referenced_charts()
        rest = [ch for ch in self.c.charts if ch.id not in referenced and ch.id not in self.shown]
        if not rest:
            return
        if not (self.out and self._last_block_is("figures")):
            self.heading("charts")
        self.charts(rest)

    def _last_block_is(self, block: str) -> bool:
        for blk in reversed(self.out):
            if isinstance(blk, b.Heading) and blk.level == 1:
                return blk.text == heading(self.c, block, self.L)
        return False

    def referenced_charts(self) -> set[str]:
        order = self.blocks
        refs: set[str] = set()
        for block in ("concerns", "constraints", "responses"):
            if block in order:
                refs.update(ch.id for ch in self.evidence_charts(getattr(self.c, block)))
        if "sections" in order:
            refs.update(s.chart.id for sec in self.c.sections for s in sec.slides if s.chart)
        return refs

    def timeline(self) -> None:
        self.heading("timeline")
        rows, notes = [], []
        for ev in self.c.timeline:
            cite = self.cite(ev)
            rows.append((self.L.date(ev.date), ev.text + (f" {cite}" if cite else "")))
            notes.append(for_readers(ev.notes))
        self.out.append(b.Table((self.L["date"], self.L["event"]), tuple(rows), kind="timeline",
                                weights=(1.0, 4.2), notes=tuple(notes)))

    def evidence(self, item: Item) -> tuple[str, ...]:
        """Return the item's evidence: each figure with its value, then its charts by number."""
        out, charts = [], []
        for ref in item.evidence:
            fig = self.c.figure(ref.id)
            if fig is not None:
                out.append(f"{fmt_value(fig.value, fig.unit)} ({fig.label or fig.id})")
            else:
                charts.append(self.number(self.c.chart(ref.id)))
        if charts:
            nums = [str(n) for n in sorted(set(charts))]
            if len(nums) == 1:
                out.append(self.L("chart_number", n=nums[0]))
            else:
                out.append(self.L("charts_numbers", list=", ".join(nums[:-1]), last=nums[-1]))
        return tuple(out)

    def item_entry(self, it: Item, likelihood_first: bool = False) -> b.ItemEntry:
        tags = []
        if it.likelihood is not None:
            tags.append(self.likelihood_tag(it.likelihood))
        if it.impact:
            tags.append(self.impact_tag(it.impact))
        if not likelihood_first:
            tags.reverse()
        color = tags[0].color if tags else self.t.palette["primary"]
        return b.ItemEntry(it.title, tuple(tags), it.detail, self.items_of(it.points),
                           self.evidence(it), self.cite(it), for_readers(it.notes), color)

    def items(self, block: str) -> None:
        self.heading(block)
        items = getattr(self.c, block)
        self.out.append(b.Items(tuple(self.item_entry(it) for it in items)))
        self.charts(self.evidence_charts(items))

    def concerns(self) -> None:
        self.items("concerns")

    def constraints(self) -> None:
        self.items("constraints")

    def responses(self) -> None:
        self.heading("responses")
        rs = self.c.responses
        rated = sorted((r for r in rs if r.likelihood is not None), key=lambda r: -r.likelihood.mid)
        ys = self.c.yardstick
        if rated:
            L = self.L
            alt = L("yardstick_alt", yardstick=L.yardstick(ys), n=len(rated), list="; ".join(
                f"{plain(r.title)}: {r.likelihood.word}, {r.likelihood.percent()}"
                for r in rated))
            cap = L("yardstick_caption", yardstick=L.yardstick(ys))
            self.out.append(b.Yardstick(tuple(rated), ys, cap, alt))
        # in the same order as the chart, most likely first; unrated ones last
        ordered = rated + [r for r in rs if r.likelihood is None]
        self.out.append(b.Items(tuple(self.item_entry(r, likelihood_first=True)
                                      for r in ordered)))
        self.charts(self.evidence_charts(rs))

    def sections(self) -> None:
        for sec in self.c.sections:
            self.out.append(b.Heading(sec.title, 1))
            self.note(sec)
            for s in sec.slides:
                self.free_slide(s)

    def free_slide(self, s: Slide) -> None:
        if s.title:
            self.out.append(b.Heading(s.title, 2))
        cite = self.cite(s)
        if s.layout == "chart":
            ch = self.c.chart(s.chart.id)
            if ch.id in self.shown:
                self.out.append(b.Para(self.L("see_chart", n=self.number(ch))))
            else:
                self.shown.add(ch.id)
                self.out.append(b.ChartRow((self.chart_block(ch),)))
        elif s.layout == "figure":
            fig = self.c.figure(s.figure.id)
            cap = []
            if fig.as_of:
                cap.append(self.L("as_of_date", date=self.L.date(fig.as_of)))
            fc = self.cite(fig)
            if fc:
                cap.append(self.L("source_cite", cite=fc))
            self.out.append(b.Callout(fmt_value(fig.value, fig.unit), fig.label,
                                      "; ".join(cap), self.t.palette["primary"]))
            self.note(fig)
        elif s.layout in ("image", "full-image"):
            self.out.append(b.Image(s.image, s.alt, " · ".join(
                x for x in (s.title, s.caption, s.credit) if x)))
        elif s.layout == "table":
            self.out.append(b.Table(s.table.columns, s.table.rows, kind="data"))
        elif s.layout == "quote":
            # the citation goes with the attribution: "— the minister [1]"
            by = " ".join(x for x in (s.quote.by, cite) if x)
            self.out.append(b.Quote(s.quote.text, by))
        elif s.layout == "two-column":
            self.out.append(b.Columns(self.items_of(s.left), self.items_of(s.right)))
        elif s.points:
            self.out.append(b.BulletList(self.items_of(s.points)))
        if cite and s.layout not in ("chart", "figure", "quote"):
            self.out.append(b.Para(self.L("source_cite", cite=cite), "caption"))
        self.note(s)

    def sources(self) -> None:
        self.heading("sources")
        self.out.append(b.Sources(tuple(b.SourceEntry(n, source_text(s, self.L), s.url)
                                        for n, s in enumerate(self.c.sources, start=1))))

    def build(self, deck) -> b.Handout:
        self.blocks = deck.blocks
        for block in deck.blocks:
            if block != "quiz":
                getattr(self, "charts_block" if block == "charts" else block)()
        c = self.c
        return b.Handout(title=plain(c.title), blocks=tuple(_beside_cards(self.out)),
                         classification=c.classification, language=c.language,
                         authors=c.authors, organisation=c.organisation, date=c.date,
                         subject=plain(c.question or c.subtitle), style="reading",
                         warnings=tuple(self.warnings), labels=self.L)


def _beside_cards(blocks: list) -> list:
    """Return ``blocks`` with a chart moved beside the odd last card of cards before it.

    Three or five cards leave half a row empty; a chart that does not need the
    whole width fills it. Both handout formats read the same decision.
    """
    out = list(blocks)
    for i, blk in enumerate(out[:-1]):
        nxt = out[i + 1]
        if (isinstance(blk, b.Items) and len(blk.entries) % 2 == 1 and len(blk.entries) >= 3
                and isinstance(nxt, b.ChartRow) and nxt.charts and not full_width(nxt.charts[0])):
            out[i] = b.Items(blk.entries, beside=nxt.charts[0])
            rest = nxt.charts[1:]
            out[i + 1] = b.ChartRow(rest) if rest else b.Para("")
    return [blk for blk in out if not (isinstance(blk, b.Para) and not blk.text)]


def _wide(ch: Chart, ctype: str) -> bool:
    """True for charts that need the full width: lines, and many categories or series."""
    n = len(ch.data.categories)
    return ctype == "line" or n > 6 or (len(ch.data.series) > 1 and n * len(ch.data.series) > 8)


def reading(content: Content, theme: Theme, deck) -> b.Handout:
    """Return the reading handout for ``content``: the planned ``deck``'s blocks, in its order."""
    return _Builder(content, theme).build(deck)
