"""What the quiz writers share: notes, letters, grade fractions, answer wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.content.labels import ENGLISH, Labels
from deckgen.content.markup import plain
from deckgen.deck.charts import fmt_number
from deckgen.quiz.model import QuizQuestion

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: Moodle's grade fractions (question_bank::fraction_options_full), in per cent.
MOODLE_FRACTIONS = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0,
                    33.33333, 30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
                    0.0)


@dataclass(frozen=True)
class Note:
    """Something a writer could not do as asked.

    ``dropped`` notes name a question a format could not hold (it is left
    out of that file); other notes say what was changed to fit the format.
    """

    format: str
    question: str
    text: str
    dropped: bool = False

    def __str__(self) -> str:
        what = "left out: " if self.dropped else ""
        return f"{self.format}: {self.question}: {what}{self.text}"


def merge_notes(notes: list[Note]) -> list[Note]:
    """Return notes with the same message joined: ``questions 1 (q1) and 8 (q8): ...``."""
    groups: dict[tuple, list[str]] = {}
    for n in notes:
        groups.setdefault((n.format, n.text, n.dropped), []).append(n.question)
    out = []
    for (fmt, text, dropped), who in groups.items():
        if len(who) == 1:
            out.append(Note(fmt, who[0], text, dropped))
            continue
        names = [w.removeprefix("question ") for w in who]
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        out.append(Note(fmt, f"questions {joined}", text, dropped))
    return out


def moodle_fraction(share: float) -> str | None:
    """Return a percentage on Moodle's list as written in its files (``33.33333``), or None.

    ``share`` is a fraction of full marks (1/3 -> ``33.33333``); None when no
    listed grade is within rounding of it.
    """
    pct = abs(share) * 100
    for f in MOODLE_FRACTIONS:
        if abs(f - pct) < 1e-4:
            text = f"{f:.5f}".rstrip("0").rstrip(".")
            return ("-" if share < 0 else "") + text
    return None


def penalty(n_wrong: int) -> str:
    """Return the grade of each wrong choice in a multi: together they take away 100 %.

    When 100 / n_wrong is not on Moodle's list, the nearest listed grade is used
    (Moodle never lets a question score below 0).
    """
    if n_wrong == 0:
        return "0"
    exact = moodle_fraction(-1 / n_wrong)
    if exact is not None:
        return exact
    near = min((f for f in MOODLE_FRACTIONS if f > 0), key=lambda f: abs(f - 100 / n_wrong))
    return "-" + moodle_fraction(near / 100)


def penalty_note(n_wrong: int) -> str | None:
    """Return a note when the wrong choices of a multi cannot take away exactly 100 %."""
    if n_wrong == 0 or moodle_fraction(-1 / n_wrong) is not None:
        return None
    each = penalty(n_wrong).lstrip("-")
    return (f"{n_wrong} wrong options would need {100 / n_wrong:.4g} % off each, which is not "
            f"one of Moodle's grades: each takes {each} % off instead")


def label(q: QuizQuestion, n: int) -> str:
    """Return a question's name in a question bank: ``Q03 Roughly how many…``."""
    text = " ".join(plain(q.prompt).split())
    if len(text) > 60:
        text = text[:57].rstrip() + "…"
    return f"Q{n:02d} {text}"


def bank_name(text: str) -> str:
    """Return a name for Moodle's question bank (a question's or a category's).

    Moodle cleans names as plain text (``clean_param(PARAM_TEXT)``), which
    strips anything that looks like an HTML tag, and the GIFT reader turns
    its own placeholders (``&&058;``) back into characters. Names are ours,
    not the content's, so ``<`` and ``>`` are written ``‹`` and ``›`` and
    ``&&`` as ``& &``: the name Moodle stores is the name written.
    """
    text = text.replace("<", "‹").replace(">", "›")
    while "&&" in text:
        text = text.replace("&&", "& &")
    return text


def number(v: float) -> str:
    """Return a number for a machine: ``74.25``, ``20`` (no thousands commas)."""
    return f"{v:.10g}" if isinstance(v, float) and not float(v).is_integer() else str(int(v))


def numeric_text(a) -> str:
    """Return a numeric answer as a person reads it: ``20`` or ``74–74.5``."""
    if a.exact:
        return fmt_number(a.value)
    return f"{fmt_number(a.low)}–{fmt_number(a.high)}"


def option_text(q: QuizQuestion, option: str, labels: Labels = ENGLISH) -> str:
    """Return an option as a reader sees it: a true-false question's ``True`` in the labels' words."""
    if q.type == "true-false":
        return labels["true"] if option == "True" else labels["false"]
    return option


def asks_all(q: QuizQuestion, labels: Labels = ENGLISH) -> bool:
    """True when a multi question's prompt already says to tick all that apply."""
    prompt = plain(q.prompt).lower()
    return "all that apply" in prompt or labels["tick_all"].rstrip(".").lower() in prompt


def key_lines(q: QuizQuestion, labels: Labels = ENGLISH) -> list[str]:
    """Return the right answer as the answer key states it, one line per part.

    Letters and numbers refer to the order this version shows (A, B, C for
    options; 1, 2, 3 for the left-hand items of a match).
    """
    if q.type in ("choice", "multi"):  # the options are shown ticked just above
        return [", ".join(LETTERS[i] for i, o in enumerate(q.options) if q.is_correct(o))]
    if q.type == "true-false":
        return [labels["true"] if q.answer else labels["false"]]
    if q.type == "numeric":
        a = q.answer
        return [numeric_text(a) if a.exact else labels("any_value_from", range=numeric_text(a))]
    if q.type == "short":
        if len(q.answer) > 1:
            return [labels("also_accept", answer=q.answer[0], others=", ".join(q.answer[1:]))]
        return [q.answer[0]]
    if q.type == "order":
        return [f"{k}. {LETTERS[q.options.index(item)]}. {item}"
                for k, item in enumerate(q.answer, start=1)]
    # match
    return [f"{k}. {left} → {LETTERS[q.options.index(right)]}. {right}"
            for k, (left, right) in enumerate(q.answer, start=1)]


def key_short(q: QuizQuestion, labels: Labels = ENGLISH) -> str:
    """Return the right answer in a few characters, for a marking grid: ``C``, ``A, C``."""
    if q.type in ("choice", "multi"):
        return ", ".join(LETTERS[i] for i, o in enumerate(q.options) if q.is_correct(o))
    if q.type == "true-false":
        return labels["true"] if q.answer else labels["false"]
    if q.type == "numeric":
        return numeric_text(q.answer)
    if q.type == "short":
        return q.answer[0]
    if q.type == "order":
        return ", ".join(LETTERS[q.options.index(item)] for item in q.answer)
    return ", ".join(f"{k}{LETTERS[q.options.index(r)]}" for k, (_, r) in enumerate(q.answer, 1))


#: What a reader calls one entry of each list in a content file.
_ENTRY = {"questions": "question", "options": "option", "figures": "figure",
          "charts": "chart", "bluf": "key judgement", "context": "context point",
          "timeline": "timeline event", "concerns": "concern", "constraints": "constraint",
          "responses": "response", "outlook": "outlook point", "objectives": "objective",
          "sections": "section", "slides": "slide", "points": "point",
          "discussion": "discussion question", "sources": "source"}
_PATH = re.compile(r"(?:\w+(?:\[\d+\])*\.)*\w+(?:\[\d+\])+")


def _numbers(ns: list[int]) -> str:
    shown = [str(n) for n in ns]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _path_words(match: "re.Match") -> str:
    out = []
    for part in match.group(0).split("."):
        name = part.split("[")[0]
        ns = [int(n) + 1 for n in re.findall(r"\[(\d+)\]", part)]
        if not ns:
            continue          # a mapping around the list (quiz in quiz.questions[0])
        entry = _ENTRY.get(name, f"{name} entry")
        if len(ns) > 1:
            entry = entry + "s" if not entry.endswith("s") else entry
        out.append(f"{entry} {_numbers(ns)}")
    return ", ".join(out)


def plain_path(text: str) -> str:
    """Return ``text`` with key paths said as a reader counts: ``quiz.questions[0]`` is
    ``question 1``, ``timeline[0][2]`` ``timeline events 1 and 3``,
    ``sections[1].slides[0]`` ``section 2, slide 1``."""
    return _PATH.sub(_path_words, text)


def origin_text(q: QuizQuestion, sources: dict, labels: Labels = ENGLISH) -> str:
    """Return where a question came from, for the key: ``Generated from figure 2 ...``.

    Key paths are said as a reader counts (``question 1``) in English; other
    languages keep the path (the entry words are English).
    """
    origin = q.origin.split(" at ")[0]
    if labels.language == "en":
        origin = plain_path(origin)
    text = (labels("generated", origin=origin.replace("generated ", "")) if q.generated
            else labels("authored", origin=origin))
    if q.source:
        text = labels("origin_source", origin=text,
                      sources="; ".join(sources.get(s, s) for s in q.source))
    return text


def points_text(p: float, labels: Labels = ENGLISH) -> str:
    """Return ``1 point`` or ``2 points`` (``1.5 points``)."""
    return labels.points(p, fmt_number)
