"""Choosing and ordering: authored plus generated questions, count, seed and variants."""

from collections import Counter

import pytest

from deckgen.content.loader import load
from deckgen.quiz.assemble import build_quiz
from deckgen.quiz.assemble import authored_questions, in_natural_order
from deckgen.quiz.common import plain_path
from deckgen.quiz.model import NumericAnswer

from .conftest import BRIEFING, SPEC_ONLY


def _content(q):
    """Return what a question asks, whatever the order it is shown in."""
    opts = tuple(sorted(q.options))
    ans = tuple(sorted(q.answer)) if q.type == "multi" else q.answer
    return (q.id, q.type, q.prompt, opts, ans, q.explanation, q.points)


def test_authored_questions_come_first_then_generated_up_to_count():
    c = load(BRIEFING)
    quiz = build_quiz(c)
    qs = quiz.questions
    assert len(qs) == c.quiz.count == 12
    assert [q.id for q in qs[:8]] == [f"q{i}" for i in range(1, 9)]
    assert all(q.generated for q in qs[8:])
    # round robin over kinds: four generated questions of four different kinds
    assert len({q.basis[0] for q in qs[8:]}) == 4
    assert quiz.notes == ()


def test_authored_questions_in_the_model():
    qs = {q.id: q for q in authored_questions(load(BRIEFING))}
    assert qs["q3"].options == ("True", "False") and qs["q3"].answer is False
    assert qs["q4"].answer == NumericAnswer(74.25, 74, 74.5)
    assert qs["q5"].answer == ("Cheongung",)
    assert qs["q7"].answer[0] == ("74.2 %", "Share opposing lethal arms for Ukraine")
    assert qs["q2"].points == 2 and qs["q2"].origin.startswith("quiz.questions[1] at ")


def test_generated_questions_skip_what_authored_ones_already_ask():
    qs = build_quiz(load(BRIEFING)).questions
    gen = [q for q in qs if q.generated]
    # q1 asks about the 8 million shells and q7 about 74.2 %, 20 %, 60 days and USD 29 bn;
    # q8 asks how likely troops are: none of these comes again.
    about = {q.basis[1] for q in gen if q.basis[0] == "figure"}
    assert not about & {"fig-shells", "fig-poll-oppose", "fig-approval", "fig-stockpile-days",
                        "fig-nk-gdp"}
    assert "gen-yardstick-r-troops" not in {q.id for q in gen}


def test_options_in_natural_order_are_not_shuffled():
    assert in_natural_order(["About 800,000", "About 2 million", "About 8 million"])
    assert in_natural_order(["Almost certain", "Realistic possibility", "Unlikely"])
    assert not in_natural_order(["Red", "Blue", "Green"])
    assert not in_natural_order(["About 8 million", "About 2 million", "About 20 million"])
    qs = {q.id: q for q in build_quiz(load(BRIEFING)).questions}
    assert qs["q1"].options == ("About 800,000", "About 2 million", "About 8 million",
                                "About 20 million")


def test_same_seed_same_quiz_other_seed_other_quiz():
    c = load(BRIEFING)
    a, b = build_quiz(c, seed=11, variants=3), build_quiz(c, seed=11, variants=3)
    assert a == b
    assert build_quiz(c, seed=12).questions != a.questions
    assert build_quiz(c).seed == 2024  # the file's own quiz.seed


def test_version_one_does_not_depend_on_how_many_versions_are_asked_for():
    c = load(BRIEFING)
    assert build_quiz(c, variants=1).versions[0] == build_quiz(c, variants=4).versions[0]


def test_variants_differ_in_order_never_in_content():
    quiz = build_quiz(load(BRIEFING), variants=4)
    v = quiz.versions
    assert [x.number for x in v] == [1, 2, 3, 4]
    base = sorted(_content(q) for q in v[0].questions)
    orders = set()
    for ver in v:
        assert sorted(_content(q) for q in ver.questions) == base
        assert ver.total_points == v[0].total_points
        orders.add(tuple((q.id, q.options) for q in ver.questions))
    assert len(orders) == 4
    assert [q.id for q in v[1].questions] != [q.id for q in v[0].questions]


def test_fixed_order_options_stay_fixed_in_every_version():
    quiz = build_quiz(load(BRIEFING), variants=3)
    for ver in quiz.versions:
        for q in ver.questions:
            if q.type == "true-false":
                assert q.options == ("True", "False")
            if q.type == "choice" and not q.shuffle and q.basis[0] == "figure":
                nums = [float(o.split("–")[0].replace(",", "")) for o in q.options]
                assert nums == sorted(nums)


def test_order_and_match_are_never_shown_solved():
    for seed in range(10):
        for ver in build_quiz(load(BRIEFING), seed=seed, variants=2).versions:
            for q in ver.questions:
                if q.type == "order":
                    assert q.options != q.answer
                if q.type == "match":
                    assert all(q.options[i] != right for i, (_, right) in enumerate(q.answer))


def test_right_answers_spread_over_positions_in_a_version():
    counts = Counter()
    for seed in range(6):
        for q in build_quiz(load(BRIEFING), seed=seed).questions:
            if q.type == "choice" and q.shuffle and len(q.options) == 4:
                counts[q.options.index(q.answer)] += 1
    assert set(counts) == {0, 1, 2, 3}
    assert max(counts.values()) - min(counts.values()) <= 3


def test_count_below_the_authored_questions_is_a_note(write):
    f = write("""
        title: T
        quiz:
          count: 1
          questions:
            - {type: short, prompt: One?, answer: a}
            - {type: short, prompt: Two?, answer: b}
        """)
    quiz = build_quiz(load(f))
    assert [q.id for q in quiz.questions] == ["q1"]
    assert quiz.notes == (f"{f}:3:3: quiz.count is 1, so 1 authored question is left out: "
                          "question 2",)


def test_count_above_what_there_is_is_a_note(write):
    f = write("""
        title: T
        figures:
          - {id: f1, label: Number of bridges, value: 12, unit: bridges}
        quiz:
          count: 5
          questions:
            - {type: short, prompt: One?, answer: a}
        """)
    quiz = build_quiz(load(f))
    assert [q.id for q in quiz.questions] == ["q1", "gen-figure-f1"]
    assert quiz.notes == (f"{f}:5:3: quiz.count asks for 5 questions; the file has 1 authored "
                          "and supports 1 generated, so the quiz has 2",)


def test_no_quiz_and_nothing_to_generate_is_a_note():
    f = next(p for p in SPEC_ONLY if p.stem == "minimal")
    quiz = build_quiz(load(f))
    assert quiz.empty and quiz.versions == ()
    assert quiz.notes == (f"{f}: no quiz written: the file has no quiz questions and there is "
                          "nothing to generate questions from (figures, concerns, constraints, "
                          "responses with likelihoods, key judgements or a timeline)",)


def test_auto_false_keeps_only_authored_questions(write):
    f = write("""
        title: T
        figures:
          - {id: f1, label: Number of bridges, value: 12, unit: bridges}
        quiz:
          auto: false
        """)
    quiz = build_quiz(load(f))
    assert quiz.empty
    assert quiz.notes[0].endswith("the file has no quiz questions and 'quiz.auto' is false")


def test_all_of_the_above_is_kept_with_a_note(write):
    f = write("""
        title: T
        quiz:
          questions:
            - type: choice
              prompt: Which?
              options: [Red, Blue, All of the above]
              answer: All of the above
        """)
    quiz = build_quiz(load(f))
    assert len(quiz.questions) == 1
    assert quiz.notes == (f"{f}:4:7: quiz.questions[0].options: 'All of the above' is kept, "
                          "but good item-writing avoids it: a student who spots two right "
                          "options gets it without knowing the third",)


def test_a_multi_with_every_option_right_is_kept_with_a_note(write):
    f = write("""
        title: T
        quiz:
          questions:
            - {type: multi, prompt: Which?, options: [a, b], answer: [a, b]}
        """)
    quiz = build_quiz(load(f))
    assert quiz.notes == (f"{f}:4:7: quiz.questions[0].answer: every option is right, so "
                          "ticking every box earns full marks; good item-writing adds a wrong "
                          "option",)


@pytest.mark.parametrize("path, said", [
    ("quiz.questions[0]", "question 1"),
    ("generated from figures[1] 'fig-x'", "generated from figure 2 'fig-x'"),
    ("generated from timeline[0][2][4]", "generated from timeline events 1, 3 and 5"),
    ("generated from the likelihood of responses[3]", "generated from the likelihood of response 4"),
    ("sections[1].slides[0]", "section 2, slide 1"),
    ("generated from bluf[0]", "generated from key judgement 1"),
    ("generated from concerns", "generated from concerns"),
])
def test_key_paths_are_said_as_a_reader_counts(path, said):
    assert plain_path(path) == said


def test_count_leaving_several_out_names_them_in_words(write):
    f = write("""
        title: T
        quiz:
          count: 1
          questions:
            - {type: short, prompt: One?, answer: a}
            - {type: short, prompt: Two?, answer: b}
            - {type: short, prompt: Three?, answer: c}
        """)
    assert build_quiz(load(f)).notes == (
        f"{f}:3:3: quiz.count is 1, so 2 authored questions are left out: questions 2 and 3",)
