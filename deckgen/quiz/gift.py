r"""Moodle GIFT export: one text file of questions for Question bank > Import.

Written to Moodle's GIFT importer (``question/format/gift/format.php``):
questions are separated by blank lines; ``~ = # { } :`` and line breaks in
text are escaped with a backslash; ``$CATEGORY:`` sets the category; each
question has a ``::title::``; text is ``[html]`` so inline markup survives.
Ordering questions use the ``{>N ALL VERTICAL ...}`` form of Moodle's
ordering question type (core since Moodle 4.4), whose items Moodle stores
as written after one step only: ``\\`` becomes ``\`` (backslashes are
doubled); ``####`` after the items is the general feedback, as for every
other type, and is always written so that an item holding ``####`` stays an
item. Checked with Moodle 4.5's own importer (see docs/quiz.md).

GIFT cannot say how many marks a question is worth or that choices must
keep their order; both are noted, in the file and to the user.
"""

from __future__ import annotations

import re

from deckgen.content.markup import plain
from deckgen.quiz.common import (Note, bank_name, label, moodle_fraction, number, penalty,
                                 penalty_note)
from deckgen.quiz.html import to_html
from deckgen.quiz.model import QuizBuild, QuizQuestion

_SPECIAL = re.compile(r"([\\~=#{}:])")
_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")
# Moodle's reader swaps escapes for these placeholders and back again, so a
# placeholder written literally in plain text (a short answer, the right-hand
# side of a match) comes back as the character: it cannot be written at all.
# (HTML text is safe: its "&" is written "&amp;".)
_PLACEHOLDER = re.compile(r"&&0(?:58;|35;|61;|123;|125;|126;|10)")


def escape(text: str) -> str:
    """Return text with GIFT's special characters escaped and line breaks as ``\\n``."""
    return _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", r"\n")


def _html(text: str) -> str:
    html = to_html(text)
    if html.startswith("["):  # "[plain]" at the start would be read as a text format
        html = "&#91;" + html[1:]
    return escape(html)


def category(quiz: QuizBuild) -> str:
    r"""Return the category path: the quiz title under the course's top category.

    Moodle reads category names with no escapes except ``\\`` (a backslash),
    which it turns into ``\`` (and ``\:`` into a placeholder it never turns
    back): backslashes are doubled; a ``/`` inside a name is written ``//``.
    """
    name = bank_name(" ".join(quiz.title.split())).replace("\\", "\\\\").replace("/", "//")
    return f"$course$/top/{name}"


def write_gift(quiz: QuizBuild) -> tuple[str, list[Note]]:
    """Return the GIFT text of the quiz (version 1) and notes on what did not fit."""
    notes: list[Note] = []
    out = [f"// {quiz.title}",
           f"// Moodle GIFT file written by deckgen from {quiz.name} (seed {quiz.seed}).",
           "// Import: Question bank > Import > GIFT format. Ordering questions need "
           "Moodle 4.4 or later.",
           "", f"$CATEGORY: {category(quiz)}", ""]
    for n, q in enumerate(quiz.questions, start=1):
        body, why = _question(q, n)
        if body is None:
            notes.append(Note("gift", _who(q, n), why, dropped=True))
            out += [f"// {q.id} left out: {why}", ""]
            continue
        head = [f"// [id:{q.id}]"]
        if q.points != 1:
            notes.append(Note("gift", _who(q, n), f"GIFT holds no marks: imported worth 1 mark, "
                              f"not {number(q.points)}; set the mark in the Moodle quiz"))
            head.append(f"// worth {number(q.points)} marks: set this in the quiz")
        if q.type in ("choice", "multi") and not q.shuffle:
            notes.append(Note("gift", _who(q, n), "GIFT cannot keep the choices in their order: "
                              "untick 'Shuffle the choices' in Moodle"))
            head.append("// keep the choices in this order: untick 'Shuffle the choices'")
        if q.type == "multi":
            why = penalty_note(sum(1 for o in q.options if not q.is_correct(o)))
            if why:
                notes.append(Note("gift", _who(q, n), why))
                head.append(f"// {why}")
        out += head + body + [""]
    return "\n".join(out).rstrip("\n") + "\n", notes


def _who(q: QuizQuestion, n: int) -> str:
    return f"question {n} ({q.id}, {q.type})"


def _question(q: QuizQuestion, n: int) -> tuple[list[str] | None, str]:
    title = f"::{escape(bank_name(label(q, n)))}::[html]{_html(q.prompt)}"
    feedback = [f"\t####{_html(q.explanation)}"] if q.explanation else []
    if q.type == "choice":
        lines = [f"\t{'=' if q.is_correct(o) else _wrong(o)}{_html(o)}" for o in q.options]
        return [title + "{", *lines, *feedback, "}"], ""
    if q.type == "multi":
        right = [o for o in q.options if q.is_correct(o)]
        wrong = [o for o in q.options if not q.is_correct(o)]
        plus = moodle_fraction(1 / len(right))
        if plus is None:
            return None, (f"{len(right)} right options need {100 / len(right):.4g} % each, "
                          "which is not one of Moodle's grades")
        minus = penalty(len(wrong))
        lines = [f"\t~%{plus if q.is_correct(o) else minus}%{_html(o)}" for o in q.options]
        return [title + "{", *lines, *feedback, "}"], ""
    if q.type == "true-false":
        word = "TRUE" if q.answer else "FALSE"
        return [title + "{" + word + (feedback[0].strip() if feedback else "") + "}"], ""
    if q.type == "numeric":
        a = q.answer
        value = f"{number(a.value)}:0" if a.exact else f"{number(a.low)}..{number(a.high)}"
        return [title + "{#", f"\t={value}", *feedback, "}"], ""
    if q.type == "short":
        if any(_PLACEHOLDER.search(plain(t)) for t in q.answer):
            return None, _placeholder_why("an accepted answer")
        if any("->" in plain(t) for t in q.answer):  # Moodle would read a matching question
            return None, ("an accepted answer holds '->', which GIFT cannot escape and Moodle "
                          "reads as a matching pair; use the Moodle XML file instead")
        lines = [f"\t=%100%{escape(plain(t)).replace('*', chr(92) + '*')}" for t in q.answer]
        return [title + "{", *lines, *feedback, "}"], ""
    if q.type == "match":
        if any(_PLACEHOLDER.search(plain(right)) for _, right in q.answer):
            return None, _placeholder_why("a right-hand answer")
        lines = [f"\t={_html(left)} -> {escape(plain(right))}" for left, right in q.answer]
        return [title + "{", *lines, *feedback, "}"], ""
    # order: the ordering type (qtype_ordering::import_from_gift) takes the
    # item lines after Moodle's escape step, which turns "\\" into "\" and the
    # other escapes into placeholders it never turns back: items are written
    # as they are with backslashes doubled. The items end at the first "}";
    # a line starting "//" is a comment; so those cannot be written.
    items = [to_html(t) for t in q.answer]
    bad = next((t for t in items if "}" in t or t.strip().startswith("//") or t.strip() == "0"),
               None)
    if bad is not None:
        return None, ("the GIFT ordering format cannot hold '}' in an item, an item starting "
                      "with '//' or an item '0'; use the Moodle XML file instead")
    head = f"{title}{{>{len(items)} ALL VERTICAL ABSOLUTE_POSITION SHOW none"
    # "####" is always written: Moodle splits the general feedback off at the
    # last "####", so an item holding "####" is never taken for it.
    tail = f"\t####{_html(q.explanation)}" if q.explanation else "\t####"
    return [head, *(t.replace("\\", "\\\\") for t in items), tail, "}"], ""


def _placeholder_why(what: str) -> str:
    return (f"{what} holds one of the placeholders Moodle's GIFT reader turns into a "
            "character (such as '&&058;'); use the Moodle XML file instead")


def _wrong(text: str) -> str:
    # A wrong choice whose text starts like a weight ("%5% ...") gets an explicit 0 %.
    return "~%0%" if _WEIGHT.match(text) else "~"
