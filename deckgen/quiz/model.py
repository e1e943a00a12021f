"""The normalized quiz: what every quiz writer reads.

Authored questions (``Content.quiz.questions``) and generated ones become the
same :class:`QuizQuestion`: a stable ``id``, where it came from, its options
in the order they are shown, and its answer in one form per type. A
:class:`Version` is one printed form of the quiz (question order and option
order); variants differ only there, never in content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from deckgen.content.labels import ENGLISH, Labels
from deckgen.errors import Loc

#: The seven question types of the content format.
TYPES = ("choice", "multi", "true-false", "numeric", "short", "order", "match")


@dataclass(frozen=True)
class NumericAnswer:
    """A numeric answer: the expected ``value`` and the accepted ``low``–``high`` range."""

    value: float
    low: float
    high: float

    @property
    def exact(self) -> bool:
        """True when only the value itself is accepted."""
        return self.low == self.high


@dataclass(frozen=True)
class QuizQuestion:
    """One question, whatever its origin.

    ``options`` are in display order: the choices (choice, multi,
    true-false), the items to put in order (order), or the right-hand
    choices (match). ``answer`` by type: choice ``str``; multi ``tuple`` of
    option texts; true-false ``bool``; numeric :class:`NumericAnswer`; short
    ``tuple`` of accepted texts; order ``tuple`` (the right order); match
    ``tuple`` of ``(left, right)`` pairs in the written order.

    ``shuffle`` is False when the options' order carries meaning (numbers in
    ascending order, a probability scale, True/False); ``basis`` records what
    a generated question was built from, so its answer can be checked
    against the content.
    """

    id: str
    type: str
    prompt: str
    options: tuple = ()
    answer: object = None
    explanation: str = ""
    points: float = 1
    shuffle: bool = True
    generated: bool = False
    origin: str = ""
    basis: tuple = ()
    source: tuple[str, ...] = ()
    loc: Optional[Loc] = None

    def is_correct(self, option: str) -> bool:
        """True when ``option`` is a right answer of a choice, multi or true-false question."""
        if self.type == "choice":
            return option == self.answer
        if self.type == "multi":
            return option in self.answer
        if self.type == "true-false":
            return (option == "True") == self.answer
        return False

    @property
    def lefts(self) -> tuple[str, ...]:
        """Return the left-hand items of a match question, in the written order."""
        return tuple(left for left, _ in self.answer) if self.type == "match" else ()


@dataclass(frozen=True)
class Version:
    """One printed form of the quiz: number 1, 2, ... and its questions in order."""

    number: int
    questions: tuple[QuizQuestion, ...]

    @property
    def total_points(self) -> float:
        """Return the marks of the whole quiz."""
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class QuizBuild:
    """A quiz ready to write: its versions (version 1 first) and notes for the user.

    ``notes`` say what was left out or changed and why; nothing is dropped
    without a note.
    """

    title: str
    name: str                 # output name stem (the content file's stem)
    deck_title: str
    kind: str                 # "briefing" or "lecture"
    language: str
    classification: str
    seed: int
    versions: tuple[Version, ...] = ()
    notes: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    organisation: str = ""
    date: str = ""
    sources: dict = field(default_factory=dict, compare=False)  # id -> title
    labels: Labels = field(default=ENGLISH, compare=False)      # the sheets' own words

    @property
    def questions(self) -> tuple[QuizQuestion, ...]:
        """Return the questions of version 1 (the form LMS exports use)."""
        return self.versions[0].questions if self.versions else ()

    @property
    def empty(self) -> bool:
        """True when there is no question to write."""
        return not self.questions
