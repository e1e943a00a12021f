"""From content to a quiz: authored questions, generated ones, count, seed, variants.

All chance comes from one ``random.Random(seed)`` (never the global
``random``): it writes the generated questions, picks which of them fill
the quiz, then hands each version its own ``Random`` seeded from it. The
same content and seed therefore give the same quiz, and version 1 is the
same whether 1 or 5 versions are asked for.

Version 1 keeps the written order of questions (authored first, then
generated, grouped by kind); versions 2, 3, ... shuffle the question order.
In every version options are rearranged where their order carries no
meaning, the right answer's position drawn from a shuffle-bag so right
answers spread over A, B, C and D. Variants differ in order, never in
content.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from deckgen.content.labels import for_content
from deckgen.content.markup import plain
from deckgen.content.model import Content, Quiz
from deckgen.content.yardstick import YARDSTICKS
from deckgen.quiz.generate import Bag, KIND_OF, KINDS, generate
from deckgen.quiz.model import NumericAnswer, QuizBuild, QuizQuestion, Version
from deckgen.quiz.numbers import numbers_in, same_number
from deckgen.quiz.text import key_words

#: Generated questions added when ``quiz.count`` is not given.
DEFAULT_GENERATED = 10
_ABOVE = re.compile(r"^\s*(all|none|both|neither) of (the )?(above|these|them)\s*\.?\s*$", re.I)


def build_quiz(content: Content, seed: int | None = None, variants: int = 1) -> QuizBuild:
    """Return the quiz for a content file: ``variants`` versions and notes.

    ``seed`` wins over ``quiz.seed``; with neither, 0 is used, so an
    unseeded quiz is still the same every time.
    """
    quiz = content.quiz or Quiz()
    if seed is None:
        seed = quiz.seed if quiz.seed is not None else 0
    rng = random.Random(seed)
    notes: list[str] = []
    authored = authored_questions(content, notes)
    labels = for_content(content)
    english = labels.language == "en"
    candidates = generate(content, rng) if quiz.auto and english else []
    # generated questions are English sentences: a quiz in another language gets none
    skipped = quiz.auto and not english and bool(generate(content, random.Random(seed)))
    if skipped and authored:
        notes.append(f"{quiz.loc if content.quiz else content.file}: quiz: no questions are "
                     f"generated for a quiz in '{content.language}' (deckgen writes generated "
                     "questions in English only); the quiz has the questions under "
                     "'quiz.questions'")
    chosen = _select(authored, candidates, quiz, rng, notes)
    versions: list[Version] = []
    seen: set = set()
    for k in range(1, max(1, variants) + 1):
        vrng = random.Random(rng.getrandbits(64))
        versions.append(_version(k, chosen, vrng, seen))
    if not chosen:
        why = ("'quiz.auto' is false" if not quiz.auto
               else f"deckgen generates questions in English only, not in '{content.language}'"
               if skipped else "there is nothing to generate questions from (figures, concerns, "
                    "constraints, responses with likelihoods, key judgements or a timeline)")
        notes.append(f"{content.file}: no quiz written: the file has no quiz questions and {why}")
    deck = plain(content.title)
    title = (plain(quiz.title) if quiz.title else
             f"{labels['quiz_title']}{' — ' if ':' in deck else ': '}{deck}")
    return QuizBuild(title=title, name=content.name, deck_title=plain(content.title),
                     kind=content.kind, language=content.language,
                     classification=content.classification, seed=seed,
                     versions=tuple(versions) if chosen else (), notes=tuple(notes),
                     authors=content.authors, organisation=content.organisation,
                     date=content.date, sources={s.id: plain(s.title or s.id)
                                                  for s in content.sources},
                     labels=labels)


# --- authored questions ----------------------------------------------------------

def authored_questions(content: Content, notes: list[str] | None = None) -> list[QuizQuestion]:
    """Return the content's own questions in the quiz model, in the written order."""
    quiz = content.quiz
    if quiz is None:
        return []
    out = []
    for i, q in enumerate(quiz.questions):
        path = f"quiz.questions[{i}]"
        options, answer, shuffle = tuple(q.options), q.answer, True
        if q.type == "true-false":
            options, shuffle = ("True", "False"), False
        elif q.type == "numeric":
            if isinstance(answer, tuple):
                answer = NumericAnswer((answer[0] + answer[1]) / 2, answer[0], answer[1])
            else:
                answer = NumericAnswer(answer, answer, answer)
        elif q.type in ("multi", "short", "order"):
            answer = tuple(answer)
        elif q.type == "match":
            answer = tuple(answer.items())
            options = tuple(dict.fromkeys(right for _, right in answer))
        if q.type in ("choice", "multi"):
            shuffle = not in_natural_order(options, content.yardstick)
            above = [o for o in options if _ABOVE.match(plain(o))]
            if above and notes is not None:
                notes.append(f"{q.loc}: {path}.options: '{above[0]}' is kept, but good "
                             "item-writing avoids it: a student who spots two right options "
                             "gets it without knowing the third")
            if q.type == "multi" and len(answer) == len(options) and notes is not None:
                notes.append(f"{q.loc}: {path}.answer: every option is right, so ticking "
                             "every box earns full marks; good item-writing adds a wrong option")
        out.append(QuizQuestion(
            id=f"q{i + 1}", type=q.type, prompt=q.prompt, options=options, answer=answer,
            explanation=q.explanation, points=q.points, shuffle=shuffle,
            origin=f"{path} at {q.loc}", basis=("authored", i),
            source=tuple(r.id for r in q.source), loc=q.loc))
    return out


def in_natural_order(options, yardstick: str = "phia") -> bool:
    """True when options read as a scale: numbers, or yardstick words, rising or falling.

    Such options are shown as written (good practice puts numeric options
    in order); anything else may be shuffled.
    """
    if len(options) < 2:
        return False
    nums = [numbers_in(plain(o)) for o in options]
    if all(len(n) == 1 for n in nums):
        seq = [n[0] for n in nums]
        return _monotonic(seq)
    for scale in (yardstick, *YARDSTICKS):
        words = [b.word for b in YARDSTICKS[scale]]
        said = [plain(o).strip().lower() for o in options]
        if all(w in words for w in said):
            return _monotonic([words.index(w) for w in said])
    return False


def _monotonic(seq) -> bool:
    pairs = list(zip(seq, seq[1:]))
    return all(a < b for a, b in pairs) or all(a > b for a, b in pairs)


# --- choosing questions ---------------------------------------------------------

def _select(authored, candidates, quiz: Quiz, rng: random.Random, notes: list[str]):
    limit = quiz.count if quiz.count is not None else len(authored) + DEFAULT_GENERATED
    if limit < len(authored):
        left = [str(i + 1) for i in range(limit, len(authored))]
        said = left[0] if len(left) == 1 else ", ".join(left[:-1]) + " and " + left[-1]
        notes.append(f"{quiz.loc}: quiz.count is {limit}, so {len(left)} authored question"
                     f"{'s are' if len(left) != 1 else ' is'} left out: question"
                     f"{'s' if len(left) != 1 else ''} {said}")
        return authored[:limit]
    asked = _asked(authored)
    fresh = [q for q in candidates if not _covered(q, asked)]
    groups = {k: [q for q in fresh if KIND_OF[q.basis[0]] == k] for k in KINDS}
    for k in KINDS:
        rng.shuffle(groups[k])
    picked: list[QuizQuestion] = []
    room = limit - len(authored)
    while len(picked) < room and any(groups.values()):
        for k in KINDS:
            if groups[k] and len(picked) < room:
                picked.append(groups[k].pop())
    picked.sort(key=lambda q: KINDS.index(KIND_OF[q.basis[0]]))
    if quiz.count is not None and len(authored) + len(picked) < quiz.count:
        notes.append(f"{quiz.loc}: quiz.count asks for {quiz.count} questions; the file has "
                     f"{len(authored)} authored and supports {len(picked)} generated, so the "
                     f"quiz has {len(authored) + len(picked)}")
    return authored + picked


def _asked(authored) -> tuple[set, list]:
    words: set = set()
    nums: list = []
    for q in authored:
        parts = [q.prompt, *q.options]
        a = q.answer
        if isinstance(a, str):
            parts.append(a)
        elif isinstance(a, tuple):
            parts += [x if isinstance(x, str) else " ".join(x) for x in a]
        text = " ".join(plain(p) for p in parts)
        words |= key_words(text)
        nums += numbers_in(text)
    return words, nums


def _covered(q: QuizQuestion, asked: tuple[set, list]) -> bool:
    """True when an authored question already asks what ``q`` asks.

    A figure is covered when its value appears in an authored question
    ("About 8 million" covers 8,000,000); anything else when most of the
    key words of its subject do.
    """
    words, nums = asked
    if q.basis[0] == "figure":
        got = numbers_in(plain(q.answer))
        return bool(got) and all(any(same_number(n, m) for m in nums) for n in got)
    subject = {"member": lambda: q.answer, "likelihood": lambda: q.answer,
               "yardstick": lambda: q.prompt.split("“", 1)[-1],
               "judgement": lambda: q.prompt.split("“", 1)[-1].split("”", 1)[0],
               "members": lambda: " ".join(q.answer),
               "timeline": lambda: " ".join(q.answer)}[q.basis[0]]()
    kw = key_words(subject)
    return bool(kw) and len(kw & words) / len(kw) >= 0.75


# --- versions ----------------------------------------------------------------------

def _version(k: int, questions, rng: random.Random, seen: set) -> Version:
    """Return version k: its question order and each question's option order."""
    for _attempt in range(20):
        qs = list(questions)
        if k > 1:
            rng.shuffle(qs)
        bag = Bag(rng)
        arranged = tuple(_arrange(q, rng, bag) for q in qs)
        sig = tuple((q.id, q.options) for q in arranged)
        if sig not in seen or len(questions) < 2:
            seen.add(sig)
            return Version(k, arranged)
    seen.add(sig)
    return Version(k, arranged)


def _arrange(q: QuizQuestion, rng: random.Random, bag: Bag) -> QuizQuestion:
    """Return q with its options in the order one version shows them."""
    opts = list(q.options)
    if q.type == "choice" and q.shuffle and len(opts) > 1:
        wrong = [o for o in opts if o != q.answer]
        rng.shuffle(wrong)
        wrong.insert(bag.take(len(opts)), q.answer)
        opts = wrong
    elif q.type == "multi" and q.shuffle:
        rng.shuffle(opts)
    elif q.type == "order" and len(set(opts)) > 1:
        while True:  # never show the items already in the right order
            rng.shuffle(opts)
            if tuple(opts) != tuple(q.answer):
                break
    elif q.type == "match" and len(opts) > 1:
        # No right-hand answer may stand level with its left-hand item.
        level = [right for _, right in q.answer]
        for _ in range(30):
            rng.shuffle(opts)
            if all(i >= len(level) or o != level[i] for i, o in enumerate(opts)):
                break
    return replace(q, options=tuple(opts))
