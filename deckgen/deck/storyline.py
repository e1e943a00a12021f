"""Storyline: content + theme -> the planned deck (pure, no files).

The content's kind picks the order of blocks (``outline`` overrides it);
each block becomes slides of one kind. How a block is cut into slides, and
in which layout variant and sizes, is the composer's decision
(``deckgen.deck.composer``): the storyline hands it every block whole.
Warnings come back as data on the deck.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Sequence

from deckgen.content.labels import EN, ENGLISH, Labels, for_content, known, unknown_language_warning
from deckgen.content.markup import plain
from deckgen.content.model import Chart, Content, Item, Point
from deckgen.deck import composer
from deckgen.deck import model as d
from deckgen.deck.charts import MAX_BARS, describe, fmt_value, pick_type
from deckgen.deck.quizslides import QuizGeometry, plan_quiz
from deckgen.layout.geometry import (JUDGE_GAP, frame, judgement_height, table_row_height,
                                     table_widths)
from deckgen.theme.theme import Theme

# The spec's storylines, plus blocks the spec leaves out of one kind so that a
# block the file has is never dropped silently: a briefing used for teaching
# shows its objectives after the title; a lecture shows its question and
# context before its sections and its key judgements before the outlook.
STORYLINES = {
    "briefing": ("title", "objectives", "agenda", "question", "bluf", "context", "figures", "charts",
                 "timeline", "concerns", "constraints", "responses", "outlook", "sections",
                 "discussion", "sources"),
    "lecture": ("title", "objectives", "agenda", "question", "context", "sections", "figures", "charts",
                "timeline", "concerns", "constraints", "responses", "bluf", "outlook",
                "discussion", "sources"),
}

#: Each block's title in English; a deck's titles come from its labels
#: (``deckgen.content.labels``: the content's language, its ``labels:``).
TITLES = {b: EN[b] for b in ("question", "bluf", "context", "figures", "timeline", "concerns",
                             "constraints", "responses", "outlook", "objectives", "discussion",
                             "sources", "charts", "agenda")}

#: Blocks the agenda does not list: the deck's furniture, not its story.
NOT_ON_AGENDA = ("title", "agenda", "charts", "quiz", "sources")


def minutes_text(minutes: float, labels: Labels = ENGLISH) -> str:
    """Return minutes as the notes and the run sheet say them: ``5 min``, ``2.5 min``."""
    return labels("minutes", n=f"{minutes:g}")


def heading(content: Content, block: str, labels: Labels = ENGLISH) -> str:
    """Return a block's slide title: the file's ``headlines`` entry, else the built-in one
    (in the content's language)."""
    own = content.headlines.get(block)
    return plain(own) if own else labels.block(block)



def balanced(items: Sequence, most: int) -> list[list]:
    """Split items into the fewest runs of at most ``most``, sized evenly (7 -> 4 + 3)."""
    if not items:
        return []
    n = -(-len(items) // most)
    size, extra = divmod(len(items), n)
    out, i = [], 0
    for k in range(n):
        step = size + (1 if k < extra else 0)
        out.append(list(items[i:i + step]))
        i += step
    return out


def chunks(items: Sequence, cost: Callable[[object], float], capacity: float,
           most: int = 99) -> list[list]:
    """Split items into the fewest runs whose summed cost stays within capacity.

    The runs are then evened out: the same number of slides, each about as
    full as the others, rather than a full slide and a nearly empty one.
    """
    first = _greedy(items, cost, capacity, most)
    if len(first) <= 1:
        return first
    even = balanced(list(items), -(-len(items) // len(first)))
    if len(even) == len(first) and all(sum(cost(i) for i in g) <= capacity and len(g) <= most
                                       for g in even):
        return even
    lo, hi = max(cost(i) for i in items), capacity
    for _ in range(20):
        mid = (lo + hi) / 2
        if len(_greedy(items, cost, mid, most)) <= len(first):
            hi = mid
        else:
            lo = mid
    return _greedy(items, cost, hi, most)


def _greedy(items: Sequence, cost: Callable[[object], float], capacity: float,
            most: int) -> list[list]:
    out: list[list] = [[]]
    used = 0.0
    for it in items:
        c = cost(it)
        if out[-1] and (used + c > capacity or len(out[-1]) >= most):
            out.append([])
            used = 0.0
        out[-1].append(it)
        used += c
    return [o for o in out if o]


class _Planner:
    def __init__(self, content: Content, theme: Theme, quiz=None) -> None:
        self.c = content
        self.theme = theme
        self.quiz = quiz                # a QuizBuild: its slides go in (--quiz-slides)
        self.labels = L = for_content(content)
        self.titles_of = {b: heading(content, b, L) for b in TITLES}   # headlines win
        self.frame = frame(theme, bool(content.classification))
        self.room = composer.Room(theme, bool(content.classification), L)
        self.choices: list[tuple[int, str, str]] = []
        self.slides: list[d.Slide] = []
        self.warnings: list[str] = []
        if not known(content.language):
            loc = content.locs.get("language")
            self.warnings.append((f"{loc}: " if loc else "")
                                 + unknown_language_warning(content.language))
        self.titles: set[str] = set()
        self.shown_charts: set[str] = set()
        self.timings: list[d.Timing] = []
        self.timed_slides: dict[int, str] = {}     # slide index -> its "Time: ..." line

    # -- helpers ----------------------------------------------------------
    def cites(self, *objs) -> tuple[int, ...]:
        nums = []
        for o in objs:
            for ref in getattr(o, "source", ()) or ():
                n = self.c.source_number(ref.id)
                if n and n not in nums:
                    nums.append(n)
            for p in getattr(o, "points", ()) or ():
                nums.extend(n for n in self.cites(p) if n not in nums)
        return tuple(sorted(nums))

    def notes(self, *objs) -> str:
        return "\n\n".join(plain(o.notes) for o in objs if getattr(o, "notes", ""))

    def composed(self, choice: composer.Choice, make: Callable[[tuple, d.Layout, int], d.Slide],
                 title: str) -> None:
        """Add the slides of a composed block; ``make(items, layout, start)`` makes one."""
        slides, start = [], 1
        for items, layout in choice.slides():
            slides.append(replace(make(items, layout, start), layout=layout))
            start += len(items)
        self.choices.append((len(self.slides) + 1, title, choice.note))
        self.add(slides)

    def keep(self, block: str) -> bool:
        return block in self.c.keep

    def heading(self, block: str) -> str:
        return self.titles_of[block]

    def timed(self, start: int, minutes, label: str, counted: bool = True,
              what: str = "") -> None:
        """State ``minutes`` in the notes of the slides planned from ``start`` on, and
        put a line on the run sheet. The time is said on the first slide ("Time: 5 min
        (slides 7-9)"), not split; the others say whose time they are part of."""
        slides = self.slides[start:]
        if minutes is None or not slides:
            return
        first, last = start + 1, start + len(slides)
        L = self.labels
        span = L("time_span", first=first, last=last) if len(slides) > 1 else ""
        said_min = minutes_text(minutes, L)
        said = [L("time_section" if what else "time_note", minutes=said_min) + span] + \
            [L("time_part", minutes=said_min, first=first)] * (len(slides) - 1)
        for i, (sl, line) in enumerate(zip(slides, said)):
            if self.timed_slides.get(start + i) is None:   # a section's own slides say their own
                self.timed_slides[start + i] = line
        hidden = all(sl.hidden for sl in slides)
        self.timings.append(d.Timing(first, label, minutes, len(slides), hidden=hidden,
                                     counted=counted and not hidden))

    def hide(self, start: int) -> None:
        """Mark the slides planned from ``start`` on as hidden."""
        self.slides[start:] = [replace(sl, hidden=True) for sl in self.slides[start:]]

    def add(self, slides: list[d.Slide]) -> None:
        n = len(slides)
        for i, s in enumerate(slides, start=1):
            if n > 1:
                s = replace(s, part=(i, n))
            title = s.full_title
            if title in self.titles:
                k = 2
                while f"{s.title} ({k})" in self.titles:
                    k += 1
                self.warnings.append(f"two slides are titled '{title}'; the second is "
                                     f"'{s.title} ({k})'")
                s = replace(s, title=f"{s.title} ({k})", part=(1, 1))
                title = s.full_title
            self.titles.add(title)
            self.slides.append(s)

    # -- blocks -----------------------------------------------------------
    def title(self) -> None:
        c = self.c
        self.add([d.TitleSlide(title=c.title, subtitle=c.subtitle, authors=c.authors,
                               organisation=c.organisation, date=c.date, block="title")])

    def question(self) -> None:
        self.add([d.QuestionSlide(title=self.titles_of["question"], question=self.c.question,
                                  block="question")])

    def bluf(self) -> None:
        body = self.theme.sizes["body"]
        font = self.theme.fonts["body"]
        room = self.room.for_title(self.titles_of["bluf"])
        choice = composer.rows(self.c.bluf, lambda j: judgement_height(j.text, body, font,
                                                                       room.body.w),
                               room.body.h, JUDGE_GAP, name="judgement rows",
                               keep=self.keep("bluf"))
        head = self.heading("bluf")
        self.composed(choice, lambda g, lay, start: d.JudgementsSlide(
            title=head, judgements=g, start=start, notes=self.notes(*g),
            sources=self.cites(*g), block="bluf"), head)

    def bullets(self, block: str, points: Sequence[Point], numbered: bool = False,
                title: str = "", notes: str = "", keep: bool = False) -> None:
        head = title or self.titles_of[block]
        choice = composer.bullets(points, self.room.for_title(head), numbered=numbered,
                                  keep=keep or self.keep(block))
        self.composed(choice, lambda g, lay, start: d.BulletsSlide(
            title=head, points=g, numbered=numbered, start=start,
            notes="\n\n".join(x for x in (notes, self.notes(*g)) if x),
            sources=self.cites(*g), block=block), head)

    def context(self) -> None:
        self.bullets("context", self.c.context)

    def outlook(self) -> None:
        self.bullets("outlook", self.c.outlook)

    def objectives(self) -> None:
        self.bullets("objectives", [Point(t) for t in self.c.objectives], numbered=True)

    def discussion(self) -> None:
        self.bullets("discussion", [Point(t) for t in self.c.discussion], numbered=True)

    def agenda(self) -> None:
        """An agenda: the blocks after it, each section by its title, numbered."""
        entries = agenda_entries(self.c, self.labels)
        if not entries:
            self.warnings.append("the agenda slide is left out: no sections or blocks follow "
                                 "it")
            return
        self.bullets("agenda", [Point(e) for e in entries], numbered=True)

    def figures(self) -> None:
        choice = composer.figures(self.c.figures, self.room.for_title(self.heading("figures")),
                                  self.c.source_number, keep=self.keep("figures"))
        head = self.heading("figures")
        self.composed(choice, lambda g, lay, start: d.FiguresSlide(
            title=head, figures=g, notes=self.notes(*g), sources=self.cites(*g),
            block="figures"), head)

    def chart_slides(self, chart: Chart, title: str = "", notes: str = "") -> list[d.ChartSlide]:
        """Return the chart's slide, or slides when it has more bars than labels can hold."""
        ctype = pick_type(chart)
        self.shown_charts.add(chart.id)
        head = title or chart.takeaway or chart.title or chart.id
        common = dict(title=plain(head), chart_type=ctype,
                      notes="\n\n".join(x for x in (notes, self.notes(chart)) if x),
                      sources=self.cites(chart), block="charts")
        data = chart.data
        if ctype not in ("bar", "range") or len(data.categories) <= MAX_BARS:
            return [d.ChartSlide(chart=chart, alt=describe(chart, ctype, labels=self.labels),
                                 **common)]
        # every part keeps the same value axis so bars compare across slides
        flat = [x for s in data.series for v in s.values if v is not None
                for x in (v if isinstance(v, tuple) else (v,))]
        extent = (min(flat), max(flat))
        parts = balanced(list(range(len(data.categories))), MAX_BARS)
        out = []
        for idx in parts:
            sub = replace(data, categories=tuple(data.categories[i] for i in idx),
                          series=tuple(replace(s, values=tuple(s.values[i] for i in idx))
                                       for s in data.series))
            part = replace(chart, data=sub)
            out.append(d.ChartSlide(chart=part, alt=describe(part, ctype, labels=self.labels),
                                    extent=extent,
                                    **common))
        return out

    def chart_slide(self, chart: Chart, title: str = "", notes: str = "") -> d.ChartSlide:
        return self.chart_slides(chart, title, notes)[0]

    def charts(self) -> None:
        referenced = self.referenced_charts()
        for ch in self.c.charts:
            if ch.id not in referenced and ch.id not in self.shown_charts:
                self.add(self.chart_slides(ch))

    def referenced_charts(self) -> set[str]:
        order = self.order()
        refs: set[str] = set()
        for block in ("concerns", "constraints", "responses"):
            if block in order:
                for it in getattr(self.c, block):
                    refs.update(r.id for r in it.evidence if self.c.chart(r.id))
        if "sections" in order:
            for sec in self.c.sections:
                refs.update(s.chart.id for s in sec.slides if s.chart)
        return refs

    def timeline(self) -> None:
        head = self.heading("timeline")
        choice = composer.timeline(self.c.timeline, self.room.for_title(head),
                                   keep=self.keep("timeline"))
        self.composed(choice, lambda g, lay, start: d.TimelineSlide(
            title=head, events=g, notes=self.notes(*g), sources=self.cites(*g),
            block="timeline"), head)

    def evidence(self, item: Item) -> tuple[d.Evidence, ...]:
        out = []
        for ref in item.evidence:
            fig = self.c.figure(ref.id)
            if fig is not None:
                label = plain(fig.label) if fig.label else fig.id
                out.append(d.Evidence(fig.id, f"{fmt_value(fig.value, fig.unit)} · {label}"))
            else:
                ch = self.c.chart(ref.id)
                name = plain(ch.title or ch.takeaway or ch.id)
                out.append(d.Evidence(ch.id, self.labels("evidence_chart", name=name),
                                      chart=True))
        return tuple(out)

    def cards(self, block: str, items: Sequence[Item], title: str, notes: bool = True) -> None:
        """Add an item block's cards, as the composer lays them out."""
        evidence = [self.evidence(i) for i in items]
        room = self.room.for_title(title)
        choice = composer.cards(items, [[e.text for e in ev] for ev in evidence], room,
                                keep=self.keep(block))
        for it, ev in zip(items, evidence):
            if composer.card_too_tall(it, [e.text for e in ev], room):
                self.warnings.append(f"{it.loc}: the card '{plain(it.title)}' holds more text "
                                     "than a slide; shorten its detail or points")
        by_id = {id(it): ev for it, ev in zip(items, evidence)}
        self.composed(choice, lambda g, lay, start: d.ItemsSlide(
            title=title, items=g, evidence=tuple(by_id[id(i)] for i in g),
            notes=self.notes(*g) if notes else "", sources=self.cites(*g), block=block), title)

    def items(self, block: str) -> None:
        items = getattr(self.c, block)
        self.cards(block, items, self.heading(block))
        self.evidence_charts(items)

    def evidence_charts(self, items: Iterable[Item]) -> None:
        for it in items:
            for ref in it.evidence:
                ch = self.c.chart(ref.id)
                if ch is not None and ch.id not in self.shown_charts:
                    self.add(self.chart_slides(ch))

    def concerns(self) -> None:
        self.items("concerns")

    def constraints(self) -> None:
        self.items("constraints")

    def responses(self) -> None:
        rated = [r for r in self.c.responses if r.likelihood is not None]
        unrated = [r for r in self.c.responses if r.likelihood is None]
        if rated:
            rated.sort(key=lambda r: -r.likelihood.mid)
            ys = self.c.yardstick
            choice = composer.yardstick(rated, self.room.for_title(self.titles_of["responses"]),
                                        keep=self.keep("responses"))

            def make(g, lay, start):
                alt = self.labels("yardstick_alt", yardstick=self.labels.yardstick(ys),
                                  n=len(g), list="; ".join(
                                      f"{plain(r.title)}: {r.likelihood.word}, "
                                      f"{r.likelihood.percent()}" for r in g))
                return d.YardstickSlide(title=self.heading("responses"), items=g, yardstick=ys,
                                        alt=alt, notes=self.notes(*g), sources=self.cites(*g),
                                        block="responses")
            self.composed(choice, make, self.heading("responses"))
        details = [r for r in self.c.responses if r.detail or r.points or r.evidence]
        if details or unrated:
            self.cards("responses", details + [u for u in unrated if u not in details],
                       self.labels["responses_detail"], notes=not rated)
        self.evidence_charts(self.c.responses)

    def sections(self) -> None:
        for sec in self.c.sections:
            at = len(self.slides)
            self.add([d.SectionSlide(title=plain(sec.title), notes=self.notes(sec),
                                     sources=self.cites(sec), block="sections")])
            for s in sec.slides:
                start = len(self.slides)
                self.free_slide(s, plain(sec.title))
                if s.hidden:
                    self.hide(start)
                if s.duration is not None:
                    # within a timed section the slide's minutes are part of the section's
                    self.timed(start, s.duration, plain(s.title) or plain(sec.title),
                               counted=sec.duration is None and not s.hidden)
            if sec.duration is not None:
                self.timed(at, sec.duration, plain(sec.title), what="section")

    def free_slide(self, s, section_title: str) -> None:
        title = plain(s.title) if s.title else section_title
        common = dict(notes=self.notes(s), sources=self.cites(s), block="sections")
        if s.layout == "chart":
            ch = self.c.chart(s.chart.id)
            slides = self.chart_slides(ch, title=title if s.title else "", notes=self.notes(s))
            self.add([replace(sl, sources=tuple(sorted(set(sl.sources) | set(self.cites(s)))))
                      for sl in slides])
        elif s.layout == "figure":
            fig = self.c.figure(s.figure.id)
            # measured like a key figure alone: the number as large as the card allows
            choice = composer.figures([fig], self.room.for_title(title), self.c.source_number)
            self.add([d.FiguresSlide(title=title, figures=(fig,),
                                     notes="\n\n".join(x for x in (self.notes(s), self.notes(fig)) if x),
                                     sources=tuple(sorted(set(self.cites(s)) | set(self.cites(fig)))),
                                     block="sections", layout=choice.layouts[0])])
        elif s.layout in ("image", "full-image"):
            kind = d.FullImageSlide if s.layout == "full-image" else d.ImageSlide
            self.add([kind(title=title, image=s.image, alt=plain(s.alt), caption=s.caption,
                           credit=s.credit, **common)])
        elif s.layout == "table":
            font = self.theme.fonts["body"]
            widths = table_widths(s.table.columns, s.table.rows, self.frame.body.w)
            head = table_row_height(s.table.columns, widths, font, bold=True)
            rows = list(s.table.rows)
            # the header row repeats on every continued slide
            groups = chunks(rows, lambda r: table_row_height(r, widths, font),
                            self.frame.body.h - head) if rows else [[]]
            self.add([d.TableSlide(title=title, table=replace(s.table, rows=tuple(g)), **common)
                      for g in groups])
        elif s.layout == "quote":
            self.add([d.QuoteSlide(title=title, quote=s.quote, **common)])
        elif s.layout == "two-column":
            heads = (plain(s.left_title), plain(s.right_title))
            choice = composer.two_columns(s.left, s.right, self.room.for_title(title),
                                          keep=s.keep == "together", heads=heads)
            self.composed(choice, lambda g, lay, start: d.TwoColumnSlide(
                title=title, left=g[0], right=g[1], left_title=heads[0], right_title=heads[1],
                **common), title)
        else:
            if s.points:
                self.bullets("sections", s.points, title=title, notes=self.notes(s),
                             keep=s.keep == "together")
            else:
                self.add([d.SectionSlide(title=title, **common)])

    def quiz_slides(self) -> None:
        """Add a slide per quiz question and one revealing its answer (version 1 of the quiz)."""
        if not self.quiz.questions:
            self.warnings.append("no quiz slides were added: the quiz has no questions")
            return
        numbers = lambda ids: tuple(sorted({n for n in map(self.c.source_number, ids) if n}))  # noqa: E731
        geo = QuizGeometry(self.theme, self.frame, self.labels)
        for block in plan_quiz(self.quiz.questions, geo, numbers):
            self.add(block)

    def sources(self) -> None:
        entries = list(enumerate(self.c.sources, start=1))
        head = self.heading("sources")
        self.composed(composer.sources(entries, self.room.for_title(head)),
                      lambda g, lay, start: d.SourcesSlide(title=head, entries=g, block="sources"),
                      head)

    # -- order ------------------------------------------------------------
    def order(self) -> tuple[str, ...]:
        return block_order(self.c)

    def present(self, block: str) -> bool:
        if block in ("title", "charts"):
            return True
        if block == "agenda":
            return self.c.agenda or "agenda" in self.c.outline
        return bool(getattr(self.c, block, None))

    def plan(self) -> d.Deck:
        order = self.order()
        # quiz slides go where the outline names 'quiz', else just before the
        # sources (which stay the deck's last slide, the list its footers
        # point to), else at the end
        quiz_at = next((b for b in ("quiz", "sources") if b in order), None)
        shown: list[str] = []
        minutes = self.c.durations
        for block in order:
            if block == quiz_at and self.quiz is not None:
                start = len(self.slides)
                self.quiz_slides()
                shown.append("quiz")
                self.timed(start, minutes.get("quiz"), "Quiz")
            if block == "quiz":
                continue
            if self.present(block):
                start = len(self.slides)
                getattr(self, block)()
                shown.append(block)
                if block in minutes:
                    label = plain(self.c.title) if block == "title" else self.heading(block)
                    self.timed(start, minutes[block], label)
        if quiz_at is None and self.quiz is not None:
            start = len(self.slides)
            self.quiz_slides()
            shown.append("quiz")
            self.timed(start, minutes.get("quiz"), "Quiz")
        for i, line in self.timed_slides.items():
            sl = self.slides[i]
            self.slides[i] = replace(sl, notes="\n\n".join(x for x in (line, sl.notes) if x))
        skipped = [b for b in STORYLINES["briefing"]
                   if b not in order and b != "charts" and self.present(b)]
        for b in dict.fromkeys(skipped):
            self.warnings.append(f"the '{b}' block is not shown: it is not in the "
                                 f"{'outline' if self.c.outline else self.c.kind + ' storyline'}"
                                 "; add it to 'outline' to show it")
        c = self.c
        return d.Deck(title=plain(c.title), slides=tuple(self.slides), language=c.language,
                      classification=c.classification, authors=c.authors,
                      organisation=c.organisation, date=c.date,
                      subject=plain(c.question or c.subtitle), yardstick=c.yardstick,
                      sources=c.sources, blocks=tuple(dict.fromkeys(shown)),
                      warnings=tuple(self.warnings), choices=tuple(self.choices),
                      timings=tuple(sorted(self.timings, key=lambda t: t.slide)),
                      labels=self.labels)


def block_order(content: Content) -> tuple[str, ...]:
    """Return the order of blocks: the outline (with title and charts placed) or the storyline.

    The deck and the reading handout both follow it, so they tell the same story.
    """
    if content.outline:
        names = list(content.outline)
        if "title" not in names:
            names.insert(0, "title")
        if "charts" not in names:
            at = names.index("figures") + 1 if "figures" in names else len(names)
            names.insert(at, "charts")
        return tuple(names)
    return STORYLINES[content.kind]


def agenda_entries(content: Content, labels: Labels = ENGLISH) -> list[str]:
    """Return what the agenda lists: the blocks after it in the deck's order (by their
    titles or headlines) and each section by its title, without the deck's furniture
    (title, charts, quiz, sources)."""
    order = block_order(content)
    after = order[order.index("agenda") + 1:] if "agenda" in order else order
    entries: list[str] = []
    for block in after:
        if block in NOT_ON_AGENDA or not getattr(content, block, None):
            continue
        if block == "sections":
            entries.extend(plain(sec.title) for sec in content.sections)
        else:
            entries.append(heading(content, block, labels))
    return list(dict.fromkeys(entries))


def plan(content: Content, theme: Theme, quiz=None) -> d.Deck:
    """Return the planned :class:`~deckgen.deck.Deck` for content in a theme.

    With ``quiz`` (a :class:`~deckgen.quiz.QuizBuild`), each question of its
    version 1 gets a slide, followed by a slide with its answer.
    """
    return _Planner(content, theme, quiz).plan()
