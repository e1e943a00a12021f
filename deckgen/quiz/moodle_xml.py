"""Moodle XML export: the richest format Moodle imports.

Written to Moodle's XML importer (``question/format/xml/format.php``): a
``category`` pseudo-question, then one ``<question type="...">`` each, with
``<defaultgrade>`` (the marks), ``<idnumber>`` (the stable id), HTML text,
``<generalfeedback>`` (the explanation) and an explicit
``<shuffleanswers>``: 0 where the choices' order means something (numbers
in ascending order, a probability scale). Grades are per cent, each one of
Moodle's grade list. Ordering questions use Moodle's ``ordering`` type
(core since Moodle 4.4), whose answer "fraction" is the item's place.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from deckgen.content.markup import plain
from deckgen.quiz.common import (Note, bank_name, label, moodle_fraction, number, penalty,
                                 penalty_note)
from deckgen.quiz.html import to_html
from deckgen.quiz.model import QuizBuild, QuizQuestion

_TYPES = {"choice": "multichoice", "multi": "multichoice", "true-false": "truefalse",
          "numeric": "numerical", "short": "shortanswer", "match": "matching",
          "order": "ordering"}


def cdata(value: str) -> str:
    """Return text for an XML element: a CDATA section when it holds ``& < >``.

    Moodle reads its files with xmlize, which drops every piece of character
    data that is only white space; the XML parser hands text over in pieces
    split at each entity reference, so the space in ``&amp; &lt;`` would be
    lost. Inside CDATA there are no entity references (``]]>`` is split
    across two sections, as Moodle's own writer does).
    """
    if not any(c in value for c in "&<>"):
        return value
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(value: str, indent: int) -> str:
    return " " * indent + f"<text>{cdata(value)}</text>"


def _html_block(tag: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f'{pad}<{tag} format="html">', _text(to_html(text), indent + 2), f"{pad}</{tag}>"]


def category_path(title: str) -> str:
    """Return the category path: the quiz title under the course's top category.

    Moodle splits a path at ``/``; a ``/`` inside a name is written ``//``.
    """
    return "$course$/top/" + bank_name(" ".join(title.split())).replace("/", "//")


def write_moodle_xml(quiz: QuizBuild) -> tuple[str, list[Note]]:
    """Return the Moodle XML of the quiz (version 1) and notes on what did not fit."""
    notes: list[Note] = []
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f"<!-- {escape(quiz.title).replace('--', '- -')}: written by deckgen from "
           f"{escape(quiz.name)} (seed {quiz.seed}). Import: Question bank > Import > "
           "Moodle XML format. Ordering questions need Moodle 4.4 or later. -->",
           "<quiz>",
           '  <question type="category">',
           "    <category>", _text(category_path(quiz.title), 6),
           "    </category>",
           '    <info format="html">', _text(to_html(quiz.deck_title), 6), "    </info>",
           "  </question>"]
    for n, q in enumerate(quiz.questions, start=1):
        body = _question(q, n)
        if body is None:
            why = (f"{sum(1 for o in q.options if q.is_correct(o))} right options need a grade "
                   "that is not on Moodle's list")
            notes.append(Note("moodle", f"question {n} ({q.id}, {q.type})", why, dropped=True))
            out.append(f"  <!-- {escape(q.id).replace('--', '- -')} left out: {why} -->")
            continue
        if q.type == "multi":
            why = penalty_note(sum(1 for o in q.options if not q.is_correct(o)))
            if why:
                notes.append(Note("moodle", f"question {n} ({q.id}, {q.type})", why))
                out.append(f"  <!-- {escape(q.id).replace('--', '- -')}: {why} -->")
        out += body
    out.append("</quiz>")
    return "\n".join(out) + "\n", notes


def _question(q: QuizQuestion, n: int) -> list[str] | None:
    qtype = _TYPES[q.type]
    out = [f"  <question type={quoteattr(qtype)}>",
           "    <name>", _text(bank_name(label(q, n)), 6), "    </name>",
           *_html_block("questiontext", q.prompt, 4),
           *_html_block("generalfeedback", q.explanation, 4),
           f"    <defaultgrade>{number(q.points)}</defaultgrade>",
           "    <penalty>0.3333333</penalty>",
           "    <hidden>0</hidden>",
           f"    <idnumber>{cdata(q.id)}</idnumber>"]
    body = {"choice": _choice, "multi": _choice, "true-false": _truefalse,
            "numeric": _numeric, "short": _short, "match": _match, "order": _order}[q.type](q)
    if body is None:
        return None
    return out + body + ["  </question>"]


def _answer(fraction: str, text: str, html: bool = True, extra: tuple = ()) -> list[str]:
    fmt = ' format="html"' if html else ""
    return [f'    <answer fraction="{fraction}"{fmt}>', _text(text, 6), *extra,
            '      <feedback format="html">', _text("", 8), "      </feedback>",
            "    </answer>"]


def _choice(q: QuizQuestion) -> list[str] | None:
    right = [o for o in q.options if q.is_correct(o)]
    single = q.type == "choice"
    out = [f"    <single>{'true' if single else 'false'}</single>",
           f"    <shuffleanswers>{1 if q.shuffle else 0}</shuffleanswers>",
           "    <answernumbering>ABCD</answernumbering>"]
    if single:
        grades = {o: "100" if o in right else "0" for o in q.options}
    else:
        plus = moodle_fraction(1 / len(right))
        if plus is None:
            return None
        minus = penalty(len(q.options) - len(right))
        grades = {o: plus if o in right else minus for o in q.options}
    for o in q.options:
        out += _answer(grades[o], to_html(o))
    return out


def _truefalse(q: QuizQuestion) -> list[str]:
    return (_answer("100" if q.answer else "0", "true", html=False)
            + _answer("0" if q.answer else "100", "false", html=False))


def _numeric(q: QuizQuestion) -> list[str]:
    a = q.answer
    tol = (a.high - a.low) / 2
    return _answer("100", number(a.value), html=False,
                   extra=(f"      <tolerance>{number(tol)}</tolerance>",))


def _short(q: QuizQuestion) -> list[str]:
    out = ["    <usecase>0</usecase>"]
    for t in q.answer:  # "*" is Moodle's wildcard; a literal one is written "\*"
        out += _answer("100", plain(t).replace("*", "\\*"), html=False)
    return out


def _match(q: QuizQuestion) -> list[str]:
    out = ["    <shuffleanswers>true</shuffleanswers>"]
    for left, right in q.answer:
        out += ['    <subquestion format="html">', _text(to_html(left), 6),
                "      <answer>", _text(plain(right), 8), "      </answer>",
                "    </subquestion>"]
    return out


def _order(q: QuizQuestion) -> list[str]:
    # The ordering type's import (qtype_ordering::import_from_xml) adds two
    # default hints, without a text format, when <shownumcorrect> is absent;
    # saving them puts NULL into question_hints.hintformat (NOT NULL) and the
    # import stops there. So the question is written whole: <shownumcorrect>
    # with a value (an empty element would be read as "no"), the three
    # combined feedbacks (empty, with their format) and no hints.
    out = ["    <layouttype>VERTICAL</layouttype>",
           "    <selecttype>ALL</selecttype>",
           f"    <selectcount>{len(q.answer)}</selectcount>",
           "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
           "    <showgrading>SHOW</showgrading>",
           "    <numberingstyle>none</numberingstyle>",
           *_html_block("correctfeedback", "", 4),
           *_html_block("partiallycorrectfeedback", "", 4),
           *_html_block("incorrectfeedback", "", 4),
           "    <shownumcorrect>1</shownumcorrect>"]
    for place, item in enumerate(q.answer, start=1):  # fraction = the item's right place
        out += [f'    <answer fraction="{place}" format="html">', _text(to_html(item), 6),
                "    </answer>"]
    return out
