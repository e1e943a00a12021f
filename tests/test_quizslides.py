"""Quiz slides (`deckgen build --quiz-slides`): each question, then its answer revealed."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.deck.design import design
from deckgen.content.loader import load
from deckgen.content.markup import plain
from deckgen.quiz.assemble import build_quiz
from deckgen.deck.storyline import plan
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING, ROOT, requires_soffice, to_pdf
from .test_design import _extent, text_boxes
from .test_libreoffice import TOLERANCE, _boxes

LECTURE = ROOT / "content" / "intro-to-strategic-assessment.yaml"
PART = re.compile(r" \(\d+/\d+\)$")


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    out = tmp_path_factory.mktemp("quizslides")
    result = build(BRIEFING, out, formats=["pptx"], quiz_slides=True)
    return result, Presentation(str(result.files[0])), build_quiz(load(BRIEFING))


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text


def _named(slide, prefix: str):
    return [sh for sh in slide.shapes if sh.name.startswith(prefix) and sh.has_text_frame]


def _bold(shape) -> bool:
    runs = [r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.font.bold for r in runs)


def test_each_question_then_its_answer_just_before_the_sources(briefing):
    result, prs, quiz = briefing
    titles = [_title(s) for s in prs.slides]
    assert titles == [s.full_title for s in result.deck.slides]
    assert len(set(titles)) == len(titles), "slide titles are unique"
    assert titles[-1] == "Sources"
    first = next(i for i, t in enumerate(titles) if t.startswith("Check your understanding"))
    quiz_titles = titles[first:-1]
    # every slide from the first quiz slide to the sources is a quiz slide, in turn
    blocks = list(dict.fromkeys(PART.sub("", t) for t in quiz_titles))
    n = len(quiz.questions)
    assert n == 12
    assert blocks == [t for k in range(1, n + 1)
                      for t in (f"Check your understanding {k}", f"Answer {k}")]
    assert titles[first - 1] == "Discussion questions"


def test_the_options_are_version_1_of_the_quiz_and_the_right_ones_are_marked(briefing):
    result, prs, quiz = briefing
    primary = "1F3864"
    checked = 0
    for slide in prs.slides:
        m = re.match(r"(Check your understanding|Answer) (\d+)", _title(slide))
        if not m:
            continue
        q = quiz.questions[int(m.group(2)) - 1]
        if q.type not in ("choice", "multi", "true-false"):
            continue
        options = _named(slide, "Option ")
        shown = [sh.text_frame.text for sh in options]
        assert shown == [plain(o) for o in q.options], _title(slide)
        marked = {sh.text_frame.text for sh in options if _bold(sh)}
        # the frame around a marked option is filled with the theme's primary colour
        frames = {sh.name[len("Frame "):]: str(sh.fill.fore_color.rgb) for sh in slide.shapes
                  if sh.name.startswith("Frame ")}
        filled = {sh.text_frame.text for sh in options
                  if frames[sh.name[len("Option "):]] == primary}
        if m.group(1) == "Answer":
            right = ({q.answer} if q.type == "choice" else set(q.answer) if q.type == "multi"
                     else {"True" if q.answer else "False"})
            assert marked == right == filled, _title(slide)
            checked += 1
        else:
            assert marked == filled == set(), _title(slide)
    assert checked == 8


def test_answer_notes_carry_the_answer_and_the_explanation(briefing):
    result, prs, quiz = briefing
    for slide in prs.slides:
        m = re.match(r"Answer (\d+)", _title(slide))
        if not m:
            continue
        q = quiz.questions[int(m.group(1)) - 1]
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.splitlines()[-1] == plain(q.explanation)
        assert notes.split(":", 1)[0] in ("Answer", "Answers", "Right order", "Pairs")


def test_exact_text_of_a_question_and_its_answer(tmp_path):
    result = build(LECTURE, tmp_path, formats=["pptx"], quiz_slides=True)
    prs = Presentation(str(result.files[0]))
    slides = {_title(s): s for s in prs.slides}

    def texts(slide):
        return [(sh.name, sh.text_frame.text) for sh in slide.shapes
                if sh.has_text_frame and sh.text_frame.text.strip()
                and sh.name not in ("Slide Number", "Sources")]

    ask, answer = slides["Check your understanding 1"], slides["Answer 1"]
    options = [("Box A", "A"), ("Option A", "unlikely"), ("Box B", "B"),
               ("Option B", "realistic possibility"), ("Box C", "C"), ("Option C", "likely"),
               ("Box D", "D"), ("Option D", "highly likely")]
    assert texts(ask) == [("Title 1", "Check your understanding 1"),
                          ("Question", "Which PHIA term covers a 40–50 % probability?"),
                          ("Instruction", "Choose one answer.")] + options
    assert texts(answer) == [("Title 1", "Answer 1"),
                             ("Question", "Which PHIA term covers a 40–50 % probability?"),
                             ("Instruction", "The right answer is marked.")] + options + [
        ("Answer", "Answer: B\nOn the PHIA yardstick 'realistic possibility' is 40–50 %.")]
    assert [sh.text_frame.text for sh in _named(answer, "Option ") if _bold(sh)] == [
        "realistic possibility"]
    assert answer.notes_slide.notes_text_frame.text == (
        "Answer: B. realistic possibility.\n\n"
        "On the PHIA yardstick 'realistic possibility' is 40–50 %.")
    assert ask.notes_slide.notes_text_frame.text == (
        "Question 1 of 4 of the quiz (version 1: the same numbers and letters as the printed "
        "sheet). The answer is on the next slide.")
    # a match: numbered items and lettered answers; the answer shows the pairs
    match_answer = slides["Answer 4"]
    assert [sh.text_frame.text for sh in _named(match_answer, "Option ")] == [
        "remote → D. 0–5 %", "unlikely → C. 25–35 %", "highly likely → B. 80–90 %",
        "almost certain → A. 95–100 %"]
    assert [sh.text_frame.text for sh in _named(slides["Check your understanding 4"], "Option ")] \
        == ["remote", "95–100 %", "unlikely", "80–90 %", "highly likely", "25–35 %",
            "almost certain", "0–5 %"]
    # a numeric question: a line to answer on, then the answer
    assert ("Answer line", "Your answer:") in texts(slides["Check your understanding 2"])
    assert ("Answer", "Answer: 20\n'Highly unlikely' covers 10–20 %.") in texts(slides["Answer 2"])


QUIZ_FILE = """\
title: Long options
outline: [title, context, quiz, discussion]
context: [One point]
discussion: [Why?]
quiz:
  auto: false
  questions:
    - type: choice
      prompt: Which of these statements about the yardstick is the one the lecture made?
      options:
{options}
      answer: "{answer}"
      explanation: It is the sixth one.
    - {{type: short, prompt: Name the scale., answer: PHIA}}
"""


def _long_options(n: int) -> list[str]:
    return [f"Statement {k}: the yardstick's words carry ranges that readers must learn "
            f"before they can use them well in case {k}" for k in range(1, n + 1)]


def test_a_long_option_list_continues_and_nothing_overflows(write):
    opts = _long_options(10)
    text = QUIZ_FILE.format(options="\n".join(f'        - "{o}"' for o in opts), answer=opts[5])
    content = load(write(text))
    theme = load_theme("default")
    quiz = build_quiz(content)
    deck = plan(content, theme, quiz=quiz)
    titles = [s.full_title for s in deck.slides]
    # the outline's 'quiz' places the slides; the file has no sources
    assert titles[:3] == ["Long options", "Context", "Check your understanding 1 (1/2)"]
    assert titles[-1] == "Discussion questions"
    asks = [s for s in deck.slides if s.kind == "quiz-question" and s.number == 1]
    answers = [s for s in deck.slides if s.kind == "quiz-answer" and s.number == 1]
    assert [s.full_title for s in asks] == ["Check your understanding 1 (1/2)",
                                            "Check your understanding 1 (2/2)"]
    # the answer keeps the options where they were; its explanation has no room
    # under the last five, so it gets a slide of its own
    assert [s.full_title for s in answers] == ["Answer 1 (1/3)", "Answer 1 (2/3)",
                                               "Answer 1 (3/3)"]
    assert [i for s in asks for i in s.rows] == list(range(10))   # each option once, in order
    assert [s.rows for s in answers] == [s.rows for s in asks] + [()]
    assert [s.panel for s in answers] == [False, False, True]
    placed = design(deck, theme)
    over = [(s.number, tb.name) for s in placed.slides for tb in text_boxes(s) if tb.overflow]
    assert over == []
    for s in placed.slides:
        boxes = [(tb.name, _extent(tb)) for tb in text_boxes(s)
                 if any(p.text or p.runs for p in tb.paras)]
        for i, (na, a) in enumerate(boxes):
            for nb, b in boxes[i + 1:]:
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                assert ox <= 1 or oy <= 1, f"slide {s.number}: '{na}' overlaps '{nb}'"
    shown = [tb.paras[0].text for s in placed.slides if s.kind == "quiz-question"
             for tb in text_boxes(s) if tb.name.startswith("Option ")]
    assert shown == [o for o in quiz.questions[0].options]
    marked = [tb.paras[0].text for s in placed.slides if s.kind == "quiz-answer"
              for tb in text_boxes(s) if tb.name.startswith("Option ") and tb.paras[0].style.bold]
    assert marked == [opts[5]]


@pytest.mark.parametrize("theme", ["default", "dark", "high-contrast", "print"])
def test_quiz_slides_fit_in_every_theme(theme):
    th = load_theme(theme)
    for path in (BRIEFING, LECTURE):
        content = load(path)
        placed = design(plan(content, th, quiz=build_quiz(content)), th)
        over = [(s.number, tb.name) for s in placed.slides for tb in text_boxes(s)
                if tb.overflow]
        assert over == [], (path.stem, theme)
        small = [tb.name for s in placed.slides if s.kind.startswith("quiz")
                 for tb in text_boxes(s) for p in tb.paras
                 if p.style.size < th.sizes["body_minimum"] and tb.name.startswith("Option")]
        assert small == []


def test_the_command_line_flag(write, run, tmp_path):
    code, out, err = run("build", BRIEFING, "--out", tmp_path, "--formats", "pptx",
                         "--quiz-slides")
    assert code == 0, err
    with_quiz = int(re.search(r"\((\d+) slides\)", out).group(1))
    code, out, err = run("build", BRIEFING, "--out", tmp_path, "--formats", "pptx")
    assert with_quiz - int(re.search(r"\((\d+) slides\)", out).group(1)) == 24
    f = write("title: Nothing to ask\ncontext: [A point]\n", "plain.yaml")
    code, out, err = run("build", f, "--out", tmp_path, "--formats", "pptx", "--quiz-slides")
    assert code == 0
    assert "warning: no quiz slides were added: the quiz has no questions" in err.splitlines()
    # the preview paints them too
    code, out, err = run("preview", LECTURE, "--out", tmp_path, "--dpi", "12", "--quiz-slides")
    assert code == 0, err
    painted = sorted(p.name for p in (tmp_path / LECTURE.stem / "preview").glob("slide-*.png"))
    lecture = plan(load(LECTURE), load_theme("default"))
    assert len(painted) == len(lecture.slides) + 8   # four questions, four answers


@requires_soffice
def test_libreoffice_draws_every_quiz_character_inside_its_shapes(briefing, tmp_path):
    result, prs, quiz = briefing
    pdf = to_pdf(result.files[0], tmp_path)
    problems = []
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(prs.slides)
        for n, (page, slide) in enumerate(zip(doc.pages, prs.slides), start=1):
            if not re.match(r"(Check your understanding|Answer) ", _title(slide)):
                continue
            text = " ".join((page.extract_text() or "").split())
            assert _title(slide) in text
            boxes = _boxes(slide.shapes, [])
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                if not any(x0 - TOLERANCE <= cx <= x1 + TOLERANCE and
                           y0 - TOLERANCE <= cy <= y1 + TOLERANCE for x0, y0, x1, y1 in boxes):
                    problems.append(f"slide {n}: {ch['text']!r} at ({cx:.0f}, {cy:.0f}) pt")
    assert not problems, f"{len(problems)} characters outside every shape: {problems[:10]}"
