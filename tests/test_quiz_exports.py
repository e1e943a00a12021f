"""LMS exports read back: GIFT by a strict reader of Moodle's rules, Moodle XML and QTI by XML parsers."""

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace

import pytest

from deckgen.content.loader import load
from deckgen.quiz.assemble import build_quiz
from deckgen.quiz.gift import write_gift
from deckgen.quiz.html import to_html
from deckgen.quiz.model import NumericAnswer, QuizQuestion, Version
from deckgen.quiz.moodle_xml import write_moodle_xml
from deckgen.quiz.qti import write_qti

from .conftest import BRIEFING, CONTENT, SPEC_ONLY
from .moodle_gift import GRADES, GiftError, read_gift


@pytest.fixture(scope="module")
def quiz():
    return build_quiz(load(BRIEFING))


def _authored_types(quiz):
    return {q.type for q in quiz.questions if not q.generated}


def test_the_example_quiz_has_every_authored_type(quiz):
    assert _authored_types(quiz) == {"choice", "multi", "true-false", "numeric", "short",
                                     "order", "match"}


# --- GIFT -------------------------------------------------------------------------

def _check_gift_question(q: QuizQuestion, got: dict) -> None:
    assert got["idnumber"] == q.id
    assert got["format"] == "html"
    assert got["text"] == to_html(q.prompt)
    assert got["generalfeedback"] == to_html(q.explanation)
    if q.type == "choice":
        assert got["type"] == "multichoice" and got["single"]
        assert [t for t, _ in got["answers"]] == [to_html(o) for o in q.options]
        assert [p for _, p in got["answers"]] == [100.0 if o == q.answer else 0.0
                                                  for o in q.options]
    elif q.type == "multi":
        assert got["type"] == "multichoice" and not got["single"]
        right = [t for t, p in got["answers"] if p > 0]
        assert right == [to_html(o) for o in q.options if o in q.answer]
    elif q.type == "true-false":
        assert got["type"] == "truefalse" and got["answer"] is q.answer
    elif q.type == "numeric":
        (value, tol, pct), = got["answers"]
        assert got["type"] == "numerical" and pct == 100
        assert value - tol == pytest.approx(q.answer.low)
        assert value + tol == pytest.approx(q.answer.high)
    elif q.type == "short":
        assert got["type"] == "shortanswer"
        assert [t for t, _ in got["answers"]] == list(q.answer)
    elif q.type == "match":
        assert got["type"] == "match"
        assert got["pairs"] == [(to_html(left), right) for left, right in q.answer]
    else:
        assert got["type"] == "ordering"
        assert got["items"] == [to_html(t) for t in q.answer]
        assert got["select"] == "ALL" and got["grading"] == "ABSOLUTE_POSITION"


def test_gift_round_trips_every_question_through_moodles_rules(quiz):
    text, notes = write_gift(quiz)
    got = read_gift(text)
    assert got["category"] == "$course$/top/Check your understanding: Seoul and the axis"
    assert len(got["questions"]) == len(quiz.questions)
    for q, g in zip(quiz.questions, got["questions"]):
        _check_gift_question(q, g)
    assert not any(n.dropped for n in notes)


@pytest.mark.parametrize("path", [p for p in CONTENT + SPEC_ONLY if p.stem != "minimal"],
                         ids=lambda p: p.stem)
def test_gift_of_other_files_reads_back(path):
    quiz = build_quiz(load(path))
    got = read_gift(write_gift(quiz)[0])
    for q, g in zip(quiz.questions, got["questions"]):
        _check_gift_question(q, g)


def _q(**kw) -> QuizQuestion:
    base = dict(id="x1", type="choice", prompt="Pick", options=("a", "b"), answer="a")
    base.update(kw)
    return QuizQuestion(**base)


def _one(quiz, q):
    return replace(quiz, versions=(Version(1, (q,)),))


def test_gift_escapes_every_special_character(quiz):
    nasty = "a~b = c #d {e} f: g\\h"
    q = _q(prompt=f"Which {nasty}?", options=(nasty, "plain -> arrow", "%5% off"), answer=nasty,
           explanation="Because: {x} # y ~ z = w")
    text, _ = write_gift(_one(quiz, q))
    assert "\\~" in text and "\\{" in text and "\\}" in text and "\\:" in text and "\\#" in text
    g = read_gift(text)["questions"][0]
    assert g["text"] == to_html(q.prompt)
    assert [t for t, _ in g["answers"]] == [to_html(o) for o in q.options]
    assert [p for _, p in g["answers"]] == [100.0, 0.0, 0.0]
    assert g["generalfeedback"] == to_html(q.explanation)


def test_gift_short_answer_keeps_a_literal_asterisk(quiz):
    q = _q(type="short", options=(), answer=("A*B", "x = y"))
    g = read_gift(write_gift(_one(quiz, q))[0])["questions"][0]
    # Moodle reads "\*" in a short answer as a literal asterisk, "*" as a wildcard.
    assert [t for t, _ in g["answers"]] == ["A\\*B", "x = y"]


def test_gift_multi_weights_are_moodle_grades(quiz):
    for right in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        opts = tuple(f"o{i}" for i in range(right + 2))
        q = _q(type="multi", options=opts, answer=opts[:right])
        g = read_gift(write_gift(_one(quiz, q))[0])["questions"][0]
        assert sum(p for _, p in g["answers"] if p > 0) == pytest.approx(100, abs=1e-3)
        assert all(any(abs(abs(p) - x) < 1e-9 for x in GRADES) for _, p in g["answers"])


def test_gift_reports_a_multi_it_cannot_grade(quiz):
    opts = tuple(f"o{i}" for i in range(13))
    q = _q(type="multi", options=opts, answer=opts[:11])
    text, notes = write_gift(_one(quiz, q))
    assert read_gift(text)["questions"] == []
    assert [str(n) for n in notes] == [
        "gift: question 1 (x1, multi): left out: 11 right options need 9.091 % each, which is "
        "not one of Moodle's grades"]


def test_gift_reports_an_ordering_question_it_cannot_hold(quiz):
    for items in (("a", "b } c"), ("// a", "b"), ("0", "b")):
        q = _q(type="order", prompt="Order these", options=items, answer=items)
        text, notes = write_gift(_one(quiz, q))
        assert read_gift(text)["questions"] == []
        assert notes[0].dropped and "use the Moodle XML file instead" in notes[0].text


def test_gift_ordering_keeps_braces_backslashes_and_its_explanation(quiz):
    # Moodle 4.5 reads the text and "####" feedback of an ordering question like any
    # other; its items are stored raw after "\\\\" -> "\\" (issue 15: "Use \\n here").
    items = ("Use \\n here", "a \\: b \\{ c {d", "#### e & <f>")
    q = _q(type="order", prompt="Order {these}: a = b", options=items, answer=items,
           explanation="Because {x} # y")
    text, notes = write_gift(_one(quiz, q))
    assert notes == []
    g = read_gift(text)["questions"][0]
    assert g["type"] == "ordering"
    assert g["text"] == to_html(q.prompt)
    assert g["items"] == [to_html(t) for t in items]
    assert g["generalfeedback"] == to_html(q.explanation)


def test_gift_leaves_out_short_answers_it_cannot_write(quiz):
    for answer in (("a &&058; b",), ("c -> d",)):
        q = _q(type="short", options=(), answer=answer)
        text, notes = write_gift(_one(quiz, q))
        assert read_gift(text)["questions"] == []
        assert notes[0].dropped and "use the Moodle XML file instead" in notes[0].text


def test_strict_reader_refuses_what_moodle_would_misread():
    with pytest.raises(GiftError, match="braces"):
        read_gift("::a::Q {=x ~y\n")
    with pytest.raises(GiftError, match="grade list"):
        read_gift("::a::Q {~%45%x ~%55%y}\n")
    with pytest.raises(GiftError, match="after the closing brace"):
        read_gift("::a::Q {=x ~y} tail\n")
    with pytest.raises(GiftError, match="exactly one right"):
        read_gift("::a::Q {=x =y ~z}\n")
    # An unescaped "=" inside an option makes a second right answer, as it would in Moodle.
    with pytest.raises(GiftError, match="exactly one right"):
        read_gift("::a::Q {=x ~a = b}\n")
    assert [t for t, _ in read_gift("::a::Q {=x ~a \\= b}\n")["questions"][0]["answers"]] == [
        "x", "a = b"]


# --- Moodle XML -------------------------------------------------------------------------

def _xml(quiz):
    text, notes = write_moodle_xml(quiz)
    return ET.fromstring(text.encode("utf-8")), notes


def test_moodle_xml_round_trips_every_question(quiz):
    root, notes = _xml(quiz)
    assert not notes
    qs = root.findall("question")
    assert qs[0].get("type") == "category"
    assert qs[0].findtext("category/text") == "$course$/top/" + quiz.title
    types = {"choice": "multichoice", "multi": "multichoice", "true-false": "truefalse",
             "numeric": "numerical", "short": "shortanswer", "match": "matching",
             "order": "ordering"}
    assert len(qs) - 1 == len(quiz.questions)
    for q, el in zip(quiz.questions, qs[1:]):
        assert el.get("type") == types[q.type]
        assert el.findtext("idnumber") == q.id
        assert float(el.findtext("defaultgrade")) == q.points
        assert el.findtext("questiontext/text") == to_html(q.prompt)
        assert el.find("questiontext").get("format") == "html"
        assert el.findtext("generalfeedback/text") == to_html(q.explanation)
        answers = el.findall("answer")
        if q.type == "order":  # the ordering type's "fraction" is the item's place
            assert [a.get("fraction") for a in answers] == [str(i) for i in
                                                            range(1, len(q.answer) + 1)]
            assert [a.findtext("text") for a in answers] == [to_html(t) for t in q.answer]
            assert el.findtext("selecttype") == "ALL"
            continue
        for a in answers:
            frac = float(a.get("fraction"))
            assert any(abs(abs(frac) - g) < 1e-9 for g in GRADES), frac
        if q.type in ("choice", "multi"):
            assert el.findtext("shuffleanswers") == ("1" if q.shuffle else "0")
            assert el.findtext("single") == ("true" if q.type == "choice" else "false")
            assert [a.findtext("text") for a in answers] == [to_html(o) for o in q.options]
            right = [a.findtext("text") for a in answers if float(a.get("fraction")) > 0]
            assert right == [to_html(o) for o in q.options if q.is_correct(o)]
            assert sum(float(a.get("fraction")) for a in answers
                       if float(a.get("fraction")) > 0) == pytest.approx(100, abs=1e-3)
        elif q.type == "true-false":
            got = {a.findtext("text"): float(a.get("fraction")) for a in answers}
            assert got == {"true": 100.0 if q.answer else 0.0,
                           "false": 0.0 if q.answer else 100.0}
        elif q.type == "numeric":
            (a,) = answers
            v, tol = float(a.findtext("text")), float(a.findtext("tolerance"))
            assert (v - tol, v + tol) == pytest.approx((q.answer.low, q.answer.high))
        elif q.type == "short":
            assert [a.findtext("text") for a in answers] == list(q.answer)
        elif q.type == "match":
            assert el.findtext("shuffleanswers") == "true"
            pairs = [(s.findtext("text"), s.findtext("answer/text"))
                     for s in el.findall("subquestion")]
            assert pairs == [(to_html(left), right) for left, right in q.answer]


def test_moodle_xml_keeps_ordered_choices_unshuffled(quiz):
    root, _ = _xml(quiz)
    by_id = {el.findtext("idnumber"): el for el in root.findall("question")[1:]}
    fixed = [q.id for q in quiz.questions if q.type in ("choice", "multi") and not q.shuffle]
    assert fixed  # the ascending numbers of q1 and the yardstick words of q8
    assert all(by_id[i].findtext("shuffleanswers") == "0" for i in fixed)


def test_moodle_xml_reports_a_multi_it_cannot_grade(quiz):
    opts = tuple(f"o{i}" for i in range(13))
    root, notes = _xml(_one(quiz, _q(type="multi", options=opts, answer=opts[:11])))
    assert len(root.findall("question")) == 1  # the category only
    assert notes[0].dropped and "not on Moodle's list" in notes[0].text


# --- QTI ---------------------------------------------------------------------------------

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def _items(data: bytes):
    z = zipfile.ZipFile(io.BytesIO(data))
    names = set(z.namelist())
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    ids = {r.get("identifier") for r in resources}
    qti = None
    for r in resources:
        for f in r.findall(f"{CP}file"):
            assert f.get("href") in names, f.get("href")
        for dep in r.findall(f"{CP}dependency"):
            assert dep.get("identifierref") in ids
        if r.get("type") == "imsqti_xmlv1p2":
            qti = r.find(f"{CP}file").get("href")
    assert qti is not None
    root = ET.fromstring(z.read(qti))
    meta = ET.fromstring(z.read(qti.rsplit("/", 1)[0] + "/assessment_meta.xml"))
    return root.findall(f".//{QTI}item"), meta


def _field(item, label):
    for f in item.iter(f"{QTI}qtimetadatafield"):
        if f.findtext(f"{QTI}fieldlabel") == label:
            return f.findtext(f"{QTI}fieldentry")
    return None


def _label_text(item, ident):
    for lab in item.iter(f"{QTI}response_label"):
        if lab.get("ident") == ident:
            return lab.findtext(f".//{QTI}mattext")
    raise AssertionError(ident)


def test_qti_zip_has_a_manifest_whose_files_exist_and_items_that_parse(quiz):
    data, notes = write_qti(quiz)
    items, meta = _items(data)
    assert len(items) == len(quiz.questions)
    assert meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}title") == quiz.title
    assert [str(n) for n in notes] == [
        "qti: question 6 (q6, order): Canvas quizzes have no ordering question; it is a "
        "matching question instead, each item matched to its place (1 = first)"]
    kinds = {"choice": "multiple_choice_question", "multi": "multiple_answers_question",
             "true-false": "true_false_question", "numeric": "numerical_question",
             "short": "short_answer_question", "match": "matching_question",
             "order": "matching_question"}
    for q, item in zip(quiz.questions, items):
        assert _field(item, "question_type") == kinds[q.type]
        assert float(_field(item, "points_possible")) == q.points
        assert item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text.startswith(
            to_html(q.prompt))
        conds = item.findall(f"{QTI}resprocessing/{QTI}respcondition")
        scored = [c for c in conds if c.find(f"{QTI}setvar") is not None]
        if q.type in ("choice", "true-false"):
            (c,) = scored
            right = _label_text(item, c.findtext(f".//{QTI}varequal"))
            assert right == to_html("True" if q.type == "true-false" and q.answer else
                                    "False" if q.type == "true-false" else q.answer)
        elif q.type == "multi":
            (c,) = scored
            right = [_label_text(item, v.text) for v in c.find(f".//{QTI}and")
                     if v.tag == f"{QTI}varequal"]
            assert right == [to_html(o) for o in q.options if q.is_correct(o)]
        elif q.type == "numeric":
            (c,) = scored
            lo = float(c.findtext(f".//{QTI}vargte"))
            hi = float(c.findtext(f".//{QTI}varlte"))
            assert (lo, hi) == (q.answer.low, q.answer.high)
        elif q.type == "short":
            (c,) = scored
            assert [v.text for v in c.iter(f"{QTI}varequal")] == list(q.answer)
        else:
            lids = item.findall(f"{QTI}presentation/{QTI}response_lid")
            lefts = {lid.get("ident"): lid.findtext(f"{QTI}material/{QTI}mattext")
                     for lid in lids}
            pairs = {lefts[c.find(f".//{QTI}varequal").get("respident")]:
                     _label_text(item, c.findtext(f".//{QTI}varequal")) for c in scored}
            if q.type == "match":
                assert pairs == dict(q.answer)
            else:
                assert pairs == {t: str(i) for i, t in enumerate(q.answer, start=1)}
            total = sum(float(c.findtext(f"{QTI}setvar")) for c in scored)
            assert total == pytest.approx(100, abs=0.05)


def test_same_seed_gives_byte_identical_exports():
    a, b = build_quiz(load(BRIEFING), seed=5), build_quiz(load(BRIEFING), seed=5)
    assert write_gift(a)[0] == write_gift(b)[0]
    assert write_moodle_xml(a)[0] == write_moodle_xml(b)[0]
    assert write_qti(a)[0] == write_qti(b)[0]
    c = build_quiz(load(BRIEFING), seed=6)
    assert write_gift(a)[0] != write_gift(c)[0]


def test_numeric_exact_answer_in_every_format(quiz):
    q = _q(type="numeric", options=(), answer=NumericAnswer(1963, 1963, 1963))
    g = read_gift(write_gift(_one(quiz, q))[0])["questions"][0]
    assert g["answers"] == [(1963.0, 0.0, 100.0)]
    root, _ = _xml(_one(quiz, q))
    el = root.findall("question")[1]
    assert (el.findtext("answer/text"), el.findtext("answer/tolerance")) == ("1963", "0")
    items, _ = _items(write_qti(_one(quiz, q))[0])
    assert items[0].findtext(f".//{QTI}varequal") == "1963"


def test_a_multi_with_every_option_right_still_exports(quiz):
    q = _q(type="multi", options=("a", "b", "c"), answer=("a", "b", "c"))
    g = read_gift(write_gift(_one(quiz, q))[0])["questions"][0]
    assert [p for _, p in g["answers"]] == [33.33333] * 3
    root, notes = _xml(_one(quiz, q))
    assert [a.get("fraction") for a in root.findall("question")[1].findall("answer")] == [
        "33.33333"] * 3 and not notes


def test_a_multi_whose_penalty_is_not_a_moodle_grade_is_noted(quiz):
    # 11 wrong options would need 9.091 % off each; Moodle's nearest grade is taken, and said.
    opts = tuple(f"o{i}" for i in range(13))
    q = _q(type="multi", options=opts, answer=opts[:2])
    for write in (write_gift, write_moodle_xml):
        text, notes = write(_one(quiz, q))
        assert [n.dropped for n in notes] == [False]
        assert "each takes 10 % off instead" in notes[0].text and notes[0].text in text
