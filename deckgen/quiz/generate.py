"""Questions written from the content itself: no network, no model, only its structure.

Each generator turns one kind of content into questions whose right answer
is a fact the content states:

- **figures**: "What was … in 2024?" with numeric options on both sides of
  the figure (:func:`deckgen.quiz.numbers.numeric_options`);
- **concerns, constraints**: "Which of these does the briefing list as a
  constraint?", the wrong options drawn from the sibling lists (concerns,
  constraints, responses), and a "tick all that apply" form;
- **likelihoods**: which response is judged most (least) likely, and where
  a response or judgement sits on the yardstick;
- **key judgements**: true or false, the false form naming a yardstick word
  at least two bands away;
- **timeline**: put three or four events in order, choosing events whose
  dates cannot overlap (``2024`` and ``2024-10`` cannot be ordered).

Good item-writing practice is built in: wrong options come from the same
kind of content and are chosen close in length to the right one; there is
never an "all/none of the above"; options with a natural order (numbers, a
probability scale) are shown in that order, and the right one's position is
spread by a shuffle-bag. Every question records its ``basis`` so tests can
check the answer against the content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from deckgen.content.markup import plain
from deckgen.content.model import Content, Figure, Item
from deckgen.content.yardstick import YARDSTICKS
from deckgen.quiz.model import QuizQuestion
from deckgen.quiz.numbers import PERCENT_UNITS, fmt, numeric_options, places_for
from deckgen.quiz.text import cap, date_span, long_date, quoted, when

#: Order in which kinds of generated questions are picked (round robin).
KINDS = ("figure", "member", "likelihood", "judgement", "timeline", "members")
#: The kind (for picking) of each generator's basis.
KIND_OF = {"figure": "figure", "member": "member", "members": "members",
           "likelihood": "likelihood", "yardstick": "likelihood", "judgement": "judgement",
           "timeline": "timeline"}

_QUANTITY = frozenset("""value rating share number rate gdp cost costs price length gap range size
budget amount percentage proportion population level stockpile approval turnout growth debt
spending revenue income total count distance duration speed height width weight area output
production deficit surplus majority age capacity score ratio index worth volume""".split())
_MODIFIERS = frozenset("""estimated approximate minimum maximum average mean median annual
current expected projected official typical peak capital net gross real nominal initial final
planned monthly weekly daily yearly overall combined""".split())
_HEAD_END = frozenset("""of for in on to at by with from against since per between required sent
given held""".split())
_SCALES = {"phia": "UK Probability Yardstick", "icd203": "ICD 203 scale"}
_SINGULAR = {"concerns": "concern", "constraints": "constraint", "responses": "response"}
# Yardstick words that are nouns, not adjectives: "to be a realistic possibility".
_AS_PHRASE = {"realistic possibility": "to be a realistic possibility",
              "roughly even chance": "to have a roughly even chance",
              "almost no chance": "to have almost no chance"}


def _to_be(word: str) -> str:
    """Return how a sentence says a yardstick word: ``to be likely``."""
    return _AS_PHRASE.get(word, f"to be {word}")


class Bag:
    """A shuffle-bag of answer positions: every position comes up once per round."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.bags: dict[int, list[int]] = {}

    def take(self, n: int) -> int:
        """Return the next position in 0..n-1."""
        bag = self.bags.get(n)
        if not bag:
            bag = list(range(n))
            self.rng.shuffle(bag)
            self.bags[n] = bag
        return bag.pop()


@dataclass
class _Gen:
    c: Content
    rng: random.Random
    bag: Bag
    out: list = field(default_factory=list)

    @property
    def where(self) -> str:
        return "lecture" if self.c.kind == "lecture" else "briefing"

    @property
    def scale(self) -> str:
        return _SCALES[self.c.yardstick]

    def add(self, kind: str, key: str, **kw) -> None:
        self.out.append(QuizQuestion(id=f"gen-{kind}-{key}", generated=True, **kw))


def generate(content: Content, rng: random.Random) -> list[QuizQuestion]:
    """Return every question the content supports, in a stable order.

    ``rng`` decides wrong options and positions; the same seed gives the
    same questions. Which of them make the quiz is :mod:`assemble`'s choice.
    """
    g = _Gen(content, rng, Bag(rng))
    for i, fig in enumerate(content.figures):
        _figure(g, i, fig)
    for block in ("constraints", "concerns"):
        for i, item in enumerate(getattr(content, block)):
            _member(g, block, i, item)
        _members(g, block)
    _most_likely(g, most=True)
    _most_likely(g, most=False)
    for block in ("responses", "concerns", "constraints"):
        for i, item in enumerate(getattr(content, block)):
            if item.likelihood is not None:
                _on_yardstick(g, f"{block}[{i}]", item.id or f"{block}-{i + 1}",
                              f"the {_SINGULAR[block]} {quoted(_title(item))}",
                              item.likelihood, item.source, item.loc)
    for i, j in enumerate(content.bluf):
        if j.likelihood is not None:
            _on_yardstick(g, f"bluf[{i}]", f"bluf-{i + 1}", f"this: {quoted(j.text)}",
                          j.likelihood, j.source, j.loc)
            _true_false(g, i, j)
    _timeline(g)
    return g.out


def _ids(refs) -> tuple[str, ...]:
    return tuple(r.id for r in refs)


# --- figures ---------------------------------------------------------------

def _figure_prompt(fig: Figure, where: str) -> str:
    label = plain(fig.label).strip()
    words = label.replace("’", "'").split()
    head = []
    for w in words:
        if w.lower() in _HEAD_END:
            break
        head.append(w.lower().strip(",;:"))
    possessive = any(w.endswith(("'s", "s'")) for w in words[:3])
    verb = "was" if fig.as_of else "is"
    dated = fig.as_of and (long_date(fig.as_of) in label or fig.as_of in label)
    at = "" if dated else when(fig.as_of)
    if possessive:
        return f"According to the {where}, what {verb} {label}{at}?"
    if any(w in _QUANTITY for w in head):
        first = words[0].lower()
        if first in _QUANTITY or first in _MODIFIERS:
            label = label[:1].lower() + label[1:]
        return f"According to the {where}, what {verb} the {label}{at}?"
    as_of = f" (as of {long_date(fig.as_of)})" if fig.as_of and not dated else ""
    what = "percentage" if fig.unit.strip().lower() in PERCENT_UNITS else "figure"
    return f"What {what} does the {where} give for {quoted(label)}{as_of}?"


def _figure(g: _Gen, i: int, fig: Figure) -> None:
    vals = fig.value if fig.is_range else (fig.value,)
    if not fig.label or any(v == 0 for v in vals) or (fig.is_range and vals[0] == vals[1]):
        return
    got = numeric_options(fig.value, fig.unit, g.bag.take(4), g.rng)
    if got is None:
        return
    values, right = got
    places = places_for(fig.value)
    options = tuple(fmt(v, places, fig.unit) for v in values)
    answer = options[right]
    as_of = f" (as of {long_date(fig.as_of)})" if fig.as_of else ""
    g.add("figure", fig.id, type="choice", prompt=_figure_prompt(fig, g.where), options=options,
          answer=answer, shuffle=False, points=1,
          explanation=f"The {g.where} gives {answer} for {quoted(plain(fig.label))}{as_of}.",
          origin=f"generated from figures[{i}] '{fig.id}'", basis=("figure", fig.id),
          source=_ids(fig.source), loc=fig.loc)


# --- concerns and constraints ------------------------------------------------

def _pool(g: _Gen, block: str) -> list[tuple[str, Item]]:
    """Return the items of the other lists as (block, item), most alike lists first."""
    order = {"constraints": ("concerns", "responses"), "concerns": ("constraints", "responses")}
    return [(b, it) for b in order[block] for it in getattr(g.c, b)]


def _title(item: Item) -> str:
    """Return an item's title as an option: plain text, no closing full stop."""
    return plain(item.title).strip().rstrip(".")


def _alike(g: _Gen, answer: str, pool: list[tuple[str, Item]], k: int,
           taken: set[str]) -> list[tuple[str, Item]]:
    """Return k wrong options from pool, close in length to answer and from alike lists.

    Responses are verb phrases ("Send troops"), concerns and constraints
    noun phrases; mixing them would give the answer away, so responses
    come in only when the alike lists run short.
    """
    def score(entry):
        t = _title(entry[1])
        return abs(len(t) - len(answer)) / max(len(t), len(answer), 1)
    tiers: tuple[list, list] = ([], [])
    seen = set(taken)
    for entry in sorted(pool, key=score):
        t = _title(entry[1]).lower()
        if t in seen:
            continue
        seen.add(t)
        tiers[entry[0] == "responses"].append(entry)
    alike, other = tiers
    if len(alike) >= k:
        return g.rng.sample(alike[:k + 2], k)
    if len(alike) + len(other) < k:
        return []
    return alike + other[:k - len(alike)]


def _member(g: _Gen, block: str, i: int, item: Item) -> None:
    noun = _SINGULAR[block]
    answer = _title(item)
    wrong = _alike(g, answer, _pool(g, block), 3, {answer.lower()})
    if len(wrong) < 2:
        wrong = _alike(g, answer, _pool(g, block), 2, {answer.lower()})
    if not wrong:
        return
    options = [answer] + [_title(it) for _, it in wrong]
    why = f"{quoted(answer)} is listed under {block}"
    why += f": {plain(item.detail).rstrip('.')}." if item.detail else "."
    others = sorted({b for b, _ in wrong})
    why += " The other options are listed under " + " and ".join(others) + "."
    g.add("member", item.id or f"{block}-{i + 1}", type="choice",
          prompt=f"Which of these does the {g.where} list as a {noun}?",
          options=tuple(options), answer=answer, explanation=why, points=1,
          origin=f"generated from {block}[{i}]" + (f" '{item.id}'" if item.id else ""),
          basis=("member", block, i, tuple((b, _title(it)) for b, it in wrong)),
          source=_ids(item.source), loc=item.loc)


def _members(g: _Gen, block: str) -> None:
    items = list(getattr(g.c, block))
    if len(items) < 2:
        return
    right = g.rng.sample(items, min(3, len(items)))
    titles = [_title(it) for it in right]
    taken = {_title(it).lower() for it in items}
    wrong = _alike(g, max(titles, key=len), _pool(g, block), 2, taken)
    if len(wrong) < 2 or len(set(titles)) != len(titles):
        return
    options = titles + [_title(it) for _, it in wrong]
    noun = block
    why = (f"Listed under {block}: " + "; ".join(quoted(t) for t in titles) + ". "
           + "Not " + noun + ": " + "; ".join(f"{quoted(_title(it))} ({_SINGULAR[b]})"
                                             for b, it in wrong) + ".")
    g.add("members", block, type="multi",
          prompt=f"Which of these does the {g.where} list as {noun}? Tick all that apply.",
          options=tuple(options), answer=tuple(titles), explanation=why, points=2,
          origin=f"generated from {block}",
          basis=("members", block, tuple(titles), tuple((b, _title(it)) for b, it in wrong)),
          loc=right[0].loc)


# --- likelihoods ---------------------------------------------------------------

def _band_index(word: str, yardstick: str) -> int:
    return [b.word for b in YARDSTICKS[yardstick]].index(word)


def _pct(lo: float, hi: float) -> str:
    a, b = round(lo * 100), round(hi * 100)
    return f"{a} %" if a == b else f"{a}–{b} %"


def _most_likely(g: _Gen, most: bool) -> None:
    rated = [(i, r) for i, r in enumerate(g.c.responses) if r.likelihood is not None]
    if len(rated) < 3:
        return
    key = (lambda e: e[1].likelihood.mid)
    best = max(rated, key=key) if most else min(rated, key=key)
    bword = best[1].likelihood.word
    others = [e for e in rated if e is not best and e[1].likelihood.word != bword
              and (e[1].likelihood.mid < best[1].likelihood.mid if most
                   else e[1].likelihood.mid > best[1].likelihood.mid)]
    if len(others) < 2:
        return
    # One option per band keeps the comparison clear-cut.
    by_band: dict[str, tuple] = {}
    for e in others:
        by_band.setdefault(e[1].likelihood.word, e)
    picks = list(by_band.values())
    picks = g.rng.sample(picks, min(3, len(picks)))
    answer = _title(best[1])
    options = [answer] + [_title(r) for _, r in picks]
    lk = best[1].likelihood
    word = "most" if most else "least"
    why = (f"{quoted(answer)} is judged “{lk.word}” ({_pct(lk.low, lk.high)}); the others: "
           + "; ".join(f"{quoted(_title(r))} “{r.likelihood.word}” "
                       f"({_pct(r.likelihood.low, r.likelihood.high)})" for _, r in picks) + ".")
    g.add("likelihood", word, type="choice",
          prompt=f"Which of these responses does the {g.where} judge {word} likely?",
          options=tuple(options), answer=answer, explanation=why, points=1,
          origin=f"generated from responses[{best[0]}] and the likelihoods of the responses",
          basis=("likelihood", word, best[0], tuple(i for i, _ in picks)),
          source=_ids(best[1].source), loc=best[1].loc)


def _on_yardstick(g: _Gen, path: str, key: str, what: str, lk, source, loc) -> None:
    bands = YARDSTICKS[g.c.yardstick]
    idx = _band_index(lk.word, g.c.yardstick)
    n = min(4, len(bands))
    pos = g.bag.take(n)
    start = max(0, min(idx - pos, len(bands) - n))
    window = bands[start:start + n]
    options = tuple(f"{cap(b.word)} ({_pct(b.low, b.high)})" for b in window)
    answer = options[idx - start]
    band = bands[idx]
    if lk.written.strip().lower() == lk.word:
        why = f"The {g.where}'s judgement is “{lk.word}” ({_pct(band.low, band.high)})."
    else:
        why = (f"The {g.where} gives {lk.written}, which is “{lk.word}” "
               f"({_pct(band.low, band.high)}) on the {g.scale}.")
    g.add("yardstick", key, type="choice",
          prompt=f"On the {g.scale}, how likely does the {g.where} judge {what}?",
          options=options, answer=answer, explanation=why, shuffle=False, points=1,
          origin=f"generated from the likelihood of {path}", basis=("yardstick", path, lk.word),
          source=_ids(source), loc=loc)


# --- key judgements: true or false -------------------------------------------------

def _true_false(g: _Gen, i: int, j) -> None:
    bands = YARDSTICKS[g.c.yardstick]
    idx = _band_index(j.likelihood.word, g.c.yardstick)
    truth = g.rng.random() < 0.5
    if truth:
        word = j.likelihood.word
    else:
        far = [b.word for k, b in enumerate(bands) if abs(k - idx) >= 2]
        near = [w for w in far if abs(_band_index(w, g.c.yardstick) - idx) <= 3] or far
        word = g.rng.choice(near)
    band = bands[idx]
    said = f"“{j.likelihood.word}” ({_pct(band.low, band.high)})"
    why = (f"True: the {g.where}'s judgement is {said}." if truth
           else f"False: the {g.where}'s judgement is {said}, not “{word}”.")
    g.add("judgement", f"bluf-{i + 1}", type="true-false",
          prompt=f"The {g.where} judges {quoted(j.text)} {_to_be(word)}.",
          options=("True", "False"), answer=truth, explanation=why, shuffle=False, points=1,
          origin=f"generated from bluf[{i}]", basis=("judgement", i, word),
          source=_ids(j.source), loc=j.loc)


# --- timeline -------------------------------------------------------------------

def _timeline(g: _Gen) -> None:
    events = list(enumerate(g.c.timeline))
    if len(events) < 3:
        return
    used: set[int] = set()
    for k in range(2):
        pool = [e for e in events if e[0] not in used]
        g.rng.shuffle(pool)
        chosen: list = []
        for e in pool:
            s, t = date_span(e[1].date)
            if all(t < date_span(c[1].date)[0] or date_span(c[1].date)[1] < s for c in chosen):
                chosen.append(e)
            if len(chosen) == 4:
                break
        if len(chosen) < 3:
            return
        chosen.sort(key=lambda e: date_span(e[1].date)[0])
        used.update(i for i, _ in chosen)
        right = tuple(e.text.strip().rstrip(".") for _, e in chosen)
        if len({plain(t) for t in right}) != len(right):
            return
        why = "; ".join(f"{long_date(e.date)}: {t}" for (_, e), t in zip(chosen, right)) + "."
        g.add("timeline", str(k + 1), type="order",
              prompt="Put these events in the order they happened, earliest first.",
              options=right, answer=right, explanation=why, points=2,
              origin="generated from timeline" + "".join(f"[{i}]" for i, _ in chosen),
              basis=("timeline", tuple(i for i, _ in chosen)),
              source=tuple(dict.fromkeys(r for _, e in chosen for r in _ids(e.source))),
              loc=chosen[0][1].loc)
