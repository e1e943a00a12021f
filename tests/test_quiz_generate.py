"""Generated questions: every right answer checked against the content it came from."""

import random
import re

import pytest

from deckgen.content.loader import load
from deckgen.content.markup import plain
from deckgen.quiz.generate import generate
from deckgen.quiz.numbers import numeric_options
from deckgen.content.yardstick import YARDSTICKS

from .conftest import BRIEFING, CONTENT, SPEC_ONLY

_NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in _NUM.findall(text)]


def _span(date: str):
    p = [int(x) for x in date.split("-")]
    return (tuple(p) + (1,) * (3 - len(p)), tuple(p) + ((12, 31) if len(p) == 1 else
                                                        (31,) if len(p) == 2 else ()))


def _title(item) -> str:
    return plain(item.title).strip().rstrip(".")


def check_answer(content, q) -> None:
    """Assert that q's right answer is what the content says (worked out afresh here)."""
    kind = q.basis[0]
    right = [o for o in q.options if q.is_correct(o)]
    if kind == "figure":
        fig = content.figure(q.basis[1])
        (ans,) = right
        unit = fig.unit
        assert all(o.endswith(unit) for o in q.options)
        bare = [o[:len(o) - len(unit)] for o in q.options]
        want = list(fig.value) if fig.is_range else [fig.value]
        assert _numbers(bare[q.options.index(ans)]) == pytest.approx(want), (q.id, ans)
        values = [_numbers(o)[0] for o in bare]
        assert values == sorted(values) and len(set(values)) == len(values), q.options
    elif kind == "member":
        block, i, wrong = q.basis[1], q.basis[2], q.basis[3]
        own = {_title(it) for it in getattr(content, block)}
        (ans,) = right
        assert ans == _title(getattr(content, block)[i])
        for b, title in wrong:
            assert title not in own and title in {_title(it) for it in getattr(content, b)}
        assert f"as a {block[:-1]}?" in q.prompt
    elif kind == "members":
        block = q.basis[1]
        own = {_title(it) for it in getattr(content, block)}
        assert right and all(o in own for o in right)
        assert all(o not in own for o in q.options if o not in right)
    elif kind == "likelihood":
        rated = [r for r in content.responses if r.likelihood is not None]
        pick = max if q.basis[1] == "most" else min
        best = pick(rated, key=lambda r: r.likelihood.mid)
        (ans,) = right
        assert ans == _title(best)
        others = {_title(r): r.likelihood for r in rated}
        for o in q.options:
            if o != ans:
                assert others[o].word != best.likelihood.word
                assert (others[o].mid < best.likelihood.mid) == (q.basis[1] == "most")
    elif kind == "yardstick":
        path = q.basis[1]
        block, idx = path[:-1].split("[")
        lk = getattr(content, block)[int(idx)].likelihood
        band = next(b for b in YARDSTICKS[content.yardstick] if b.word == lk.word)
        (ans,) = right
        lo, hi = round(band.low * 100), round(band.high * 100)
        assert ans == f"{lk.word[0].upper()}{lk.word[1:]} ({lo}–{hi} %)"
    elif kind == "judgement":
        j = content.bluf[q.basis[1]]
        said = q.basis[2]
        assert said in q.prompt and plain(j.text).rstrip(".") in plain(q.prompt)
        assert q.answer is (said == j.likelihood.word)
        if not q.answer:  # a false statement is clearly false: two bands or more away
            words = [b.word for b in YARDSTICKS[content.yardstick]]
            assert abs(words.index(said) - words.index(j.likelihood.word)) >= 2
    elif kind == "timeline":
        events = [content.timeline[i] for i in q.basis[1]]
        by_text = {e.text.strip().rstrip("."): e for e in events}
        order = [by_text[t] for t in q.answer]
        spans = [_span(e.date) for e in order]
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:])), [e.date for e in order]
        assert sorted(q.options) == sorted(q.answer)
    else:
        raise AssertionError(f"unknown basis {kind}")


@pytest.fixture(scope="module")
def briefing():
    return load(BRIEFING)


def test_every_generated_question_of_the_briefing_is_answerable_from_it(briefing):
    qs = generate(briefing, random.Random(2024))
    kinds = {q.basis[0] for q in qs}
    assert kinds == {"figure", "member", "members", "likelihood", "yardstick", "judgement",
                     "timeline"}
    for q in qs:
        check_answer(briefing, q)


@pytest.mark.parametrize("path", CONTENT + SPEC_ONLY, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", [0, 7])
def test_generated_answers_hold_for_every_example_and_seed(path, seed):
    content = load(path)
    for q in generate(content, random.Random(seed)):
        check_answer(content, q)


def test_the_briefing_questions_read_as_written(briefing):
    """What a student reads, for the questions whose wording follows from the content."""
    qs = {q.id: q for q in generate(briefing, random.Random(2024))}
    assert qs["gen-figure-fig-supply-value"].prompt == (
        "According to the briefing, what was the estimated value of North Korean supplies "
        "in 2024?")
    assert qs["gen-figure-fig-nk-gdp"].prompt == (
        "According to the briefing, what was North Korea's estimated GDP in 2024?")
    assert qs["gen-figure-fig-poll-oppose"].prompt == (
        "What percentage does the briefing give for “South Koreans against lethal arms for "
        "Ukraine” (as of 2024)?")
    assert qs["gen-member-k-public-opinion"].prompt == (
        "Which of these does the briefing list as a constraint?")
    assert qs["gen-likelihood-most"].prompt == (
        "Which of these responses does the briefing judge most likely?")
    assert qs["gen-yardstick-r-monitoring-team"].prompt == (
        "On the UK Probability Yardstick, how likely does the briefing judge the response "
        "“Send a monitoring or analysis team”?")
    assert qs["gen-timeline-1"].prompt == (
        "Put these events in the order they happened, earliest first.")
    tf = qs["gen-judgement-bluf-2"]
    assert tf.prompt.startswith("The briefing judges “Seoul sends **combat troops** to Ukraine” ")


def test_good_item_writing(briefing):
    for seed in range(5):
        for q in generate(briefing, random.Random(seed)):
            assert q.prompt[0].isupper() and q.prompt.rstrip().endswith(("?", "."))
            assert len(set(q.options)) == len(q.options)
            assert not any(re.search(r"\b(all|none) of the above\b", o, re.I)
                           for o in q.options)
            if q.type == "choice":
                assert 3 <= len(q.options) <= 4
            if q.type == "multi":  # never all right, never none right
                assert 0 < len(q.answer) < len(q.options)
            # yardstick words are adjectives except these nouns, which need "a"
            assert "to be realistic possibility" not in q.prompt
            lengths = [len(o) for o in q.options]
            if q.basis[0] == "member":  # options alike in length: none is twice the median
                med = sorted(lengths)[len(lengths) // 2]
                assert max(lengths) <= 2.2 * med, q.options


def test_right_answers_spread_over_positions(briefing):
    positions = []
    for q in generate(briefing, random.Random(3)):
        if q.type == "choice" and not q.shuffle:
            positions.append(q.options.index(next(o for o in q.options if q.is_correct(o))))
    assert len(positions) >= 8
    assert set(positions) == {0, 1, 2, 3}


@pytest.mark.parametrize("value,unit", [(8000000, "shells"), (74.2, "%"), (20, "%"),
                                        (60, "days"), ((1.7, 5.5), "USD bn"), (1962, ""),
                                        (100, "%"), (-3.5, "°C"), (0.125, "")])
def test_numeric_options_are_distinct_ascending_and_hold_the_answer(value, unit):
    rng = random.Random(1)
    for pos in range(4):
        opts, right = numeric_options(value, unit, pos, rng)
        assert opts[right] == value
        keys = [o[0] if isinstance(o, tuple) else o for o in opts]
        assert keys == sorted(keys) and len(set(keys)) == 4
        if unit == "%":
            assert all(0 < k < 100 or k == value for k in keys)
        if isinstance(value, int) and value > 0 and unit:
            assert all(isinstance(k, int) and k >= 2 for k in keys)
        if unit == "%" and value == 20:  # as round as the answer
            assert all(k % 10 == 0 for k in keys)


def test_numeric_options_put_the_answer_where_asked():
    rng = random.Random(4)
    got = [numeric_options(29, "USD bn", pos, rng)[1] for pos in range(4)]
    assert got == [0, 1, 2, 3]
