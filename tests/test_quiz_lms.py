"""LMS exports imported by the platforms' own code, and what they stored compared with what we wrote.

The harness beside the repository (``shared/lms``: see its README) runs Moodle
4.5's importer (``qformat_gift``, ``qformat_xml``, each question type's save
step, into a database that refuses NULL in NOT NULL columns) under ``php``,
and Canvas's QTI converter (instructure's QTIMigrationTool, run as Canvas
runs it) under Python with lxml. Every example content file and
``tests/fixtures/quiz/every-type-every-escape.yaml`` (every question type,
and the characters GIFT and XML must escape in every field) is exported,
imported, and each stored question is checked field by field against the
question deckgen wrote: texts, answers, grades, feedback. A question a file
leaves out must be named in that writer's notes.

Where the harness is found: ``$DECKGEN_LMS_HARNESS``, else ``shared/lms`` in
the folder that holds the repository. Without it (or without php) these tests
skip, unless ``DECKGEN_REQUIRE_LMS=1`` (CI), where they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen.content.loader import load
from deckgen.content.markup import plain
from deckgen.quiz.assemble import build_quiz
from deckgen.quiz.common import bank_name, label, number
from deckgen.quiz.gift import write_gift
from deckgen.quiz.html import to_html
from deckgen.quiz.model import TYPES, QuizBuild, QuizQuestion
from deckgen.quiz.moodle_xml import write_moodle_xml
from deckgen.quiz.qti import write_qti

from .conftest import CONTENT, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "quiz" / "every-type-every-escape.yaml"
HARNESS = Path(os.environ.get("DECKGEN_LMS_HARNESS")
               or Path(__file__).resolve().parents[2] / "shared" / "lms")
REQUIRED = os.environ.get("DECKGEN_REQUIRE_LMS") == "1"
IMPORT_PHP = HARNESS / "moodle-harness" / "import.php"
MIGRATE = HARNESS / "canvas-harness" / "QTIMigrationTool"
#: The Python that runs Canvas's converter: the harness's choice (LMS_PY), else this one.
LMS_PY = os.environ.get("LMS_PY") or sys.executable


def _missing() -> str | None:
    if shutil.which("php") is None:
        return "php is not installed (apt-get install php-cli php-xml php-mbstring)"
    if not IMPORT_PHP.is_file() or not (HARNESS / "moodle-harness" / "moodle").is_dir():
        return f"the Moodle import harness is not at {HARNESS} (set DECKGEN_LMS_HARNESS)"
    if not (MIGRATE / "migrate.py").is_file():
        return f"Canvas's QTIMigrationTool is not at {MIGRATE}"
    probe = subprocess.run([LMS_PY, "-c", "import lxml.etree"], capture_output=True)
    if probe.returncode:
        return f"{LMS_PY} cannot import lxml, which Canvas's converter needs"
    return None


@pytest.fixture(scope="module")
def harness():
    why = _missing()
    if why:
        if REQUIRED:
            pytest.fail(f"DECKGEN_REQUIRE_LMS=1 but {why}")
        pytest.skip(why)
    return HARNESS


# --- the files under test ---------------------------------------------------------------

def _sources() -> list[Path]:
    paths = CONTENT + sorted((ROOT / "content" / "course").glob("week-*.yaml"))
    return paths + [FIXTURE]


@dataclass
class Export:
    quiz: QuizBuild
    gift: Path
    gift_notes: list
    xml: Path
    xml_notes: list
    qti: Path
    qti_notes: list


_EXPORTS: dict[Path, Export | None] = {}


def _export(path: Path, out: Path) -> Export | None:
    if path not in _EXPORTS:
        quiz = build_quiz(load(path))
        if quiz.empty:
            _EXPORTS[path] = None
        else:
            out.mkdir(parents=True, exist_ok=True)
            gift, gn = write_gift(quiz)
            xml, xn = write_moodle_xml(quiz)
            qti, qn = write_qti(quiz)
            (out / f"{path.stem}.gift.txt").write_text(gift, encoding="utf-8")
            (out / f"{path.stem}-moodle.xml").write_text(xml, encoding="utf-8")
            (out / f"{path.stem}-qti.zip").write_bytes(qti)
            _EXPORTS[path] = Export(quiz, out / f"{path.stem}.gift.txt", gn,
                                    out / f"{path.stem}-moodle.xml", xn,
                                    out / f"{path.stem}-qti.zip", qn)
    return _EXPORTS[path]


SOURCES = [p for p in _sources() if not build_quiz(load(p)).empty]


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("lms-exports")
    return lambda path: _export(path, out / path.stem)


# --- running the importers --------------------------------------------------------------

def moodle_import(file: Path, fmt: str) -> dict:
    """Return what Moodle 4.5's importer parsed and stored from FILE (gift or xml)."""
    run = subprocess.run(["php", str(IMPORT_PHP), str(file), fmt, "--json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def canvas(tmp_path_factory, harness):
    """Return a function that runs Canvas's QTI converter on a zip and returns its items.

    The converter is copied out of the harness (which may be read-only) and
    run as canvas-lms runs it: ``migrate.py --ucvars --nogui --overwrite
    --cpout=OUT IN`` on the unzipped package.
    """
    tool = tmp_path_factory.mktemp("canvas") / "QTIMigrationTool"
    shutil.copytree(MIGRATE, tool)

    def convert(zip_path: Path) -> dict:
        from lxml import etree

        work = tmp_path_factory.mktemp("qti")
        (work / "in").mkdir()
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(work / "in")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        run = subprocess.run([LMS_PY, "-W", "ignore", str(tool / "migrate.py"), "--ucvars",
                              "--nogui", "--overwrite", f"--cpout={work / 'out'}",
                              str(work / "in")],
                             capture_output=True, text=True, cwd=work, env=env, timeout=300)
        log = run.stdout + run.stderr
        assert run.returncode == 0, log
        assert not re.search(r"(?i)traceback|error|exception", log), log
        cp = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
        manifest = etree.parse(str(work / "out" / "imsmanifest.xml"))
        items = {}
        for res in manifest.iter(f"{cp}resource"):
            if res.get("type", "").startswith("imsqti_item_xmlv2p"):
                item = _canvas_item(etree.parse(str(work / "out" / res.get("href"))).getroot())
                items[item["title"]] = item
        return items

    return convert


_Q2 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def _text(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


def _canvas_item(root) -> dict:
    """Return what one converted QTI 2.1 item holds: type, points, texts, scoring."""
    meta = {f.get("name"): f.get("value") for f in root.iter("{*}instructureField")}
    body = root.find(f"{_Q2}itemBody")
    choices = []
    for ci in body.iter(f"{_Q2}choiceInteraction"):
        prompt = ci.find(f"{_Q2}prompt")
        choices.append({"rid": ci.get("responseIdentifier"),
                        "prompt": _text(prompt.find(f"{_Q2}div")) if prompt is not None else None,
                        "choices": {c.get("identifier"): _text(c.find(f"{_Q2}div"))
                                    for c in ci.findall(f"{_Q2}simpleChoice")}})
    scoring = []
    for cond in root.find(f"{_Q2}responseProcessing").findall(f"{_Q2}responseCondition"):
        ri = cond.find(f"{_Q2}responseIf")
        test, action = ri[0], ri.find(f"{_Q2}setOutcomeValue")
        if action is None or action.get("identifier") != "SCORE" or test.tag == f"{_Q2}gt":
            continue
        scoring.append((test, _text(action)))
    feedback = {m.get("identifier"): _text(m.find(f"{_Q2}div"))
                for m in root.findall(f"{_Q2}modalFeedback")}
    return {"title": root.get("title"), "type": meta.get("question_type"),
            "points": meta.get("points_possible"),
            "prompt": _text(body.find(f"{_Q2}div")), "interactions": choices,
            "scoring": scoring, "feedback": feedback}


# --- what each stored question must hold -----------------------------------------------

def _ordering_const(name: str) -> int:
    """Return one of qtype_ordering_question's constants, read from the harness's Moodle."""
    src = (HARNESS / "moodle-harness" / "moodle" / "question" / "type" / "ordering"
           / "question.php").read_text(encoding="utf-8")
    return int(re.search(rf"const {name} = (\d+);", src).group(1))


def _html(text: str, fmt: str) -> str:
    """Return text as deckgen writes it in HTML: GIFT writes a leading '[' as '&#91;'."""
    html = to_html(text)
    if fmt == "gift" and html.startswith("["):
        html = "&#91;" + html[1:]
    return html


def _title(quiz: QuizBuild) -> str:
    return bank_name(" ".join(quiz.title.split()))


def _check_moodle(q: QuizQuestion, n: int, s: dict, fmt: str, quiz: QuizBuild) -> None:
    who = f"{fmt} {q.id}"
    assert s["name"] == bank_name(label(q, n)), who
    assert s["idnumber"] == q.id, who
    assert s["category"] == _title(quiz), who
    assert s["questiontext"] == _html(q.prompt, fmt), who
    assert int(s["questiontextformat"]) == 1, who  # FORMAT_HTML
    assert s["generalfeedback"] == _html(q.explanation, fmt), who
    assert float(s["defaultmark"]) == (q.points if fmt == "xml" else 1), who
    assert s["hints"] == 0, who
    assert all(a["feedback"] == "" for a in s["answers"]), who
    texts = [a["answer"] for a in s["answers"]]
    fractions = [float(a["fraction"]) for a in s["answers"]]
    opts = s.get("options", {})
    if q.type in ("choice", "multi"):
        assert s["qtype"] == "multichoice", who
        assert int(opts["single"]) == (q.type == "choice"), who
        assert int(opts["shuffleanswers"]) == (1 if fmt == "gift" else int(q.shuffle)), who
        assert texts == [_html(o, fmt) for o in q.options], who
        right = [f for o, f in zip(q.options, fractions) if q.is_correct(o)]
        wrong = [f for o, f in zip(q.options, fractions) if not q.is_correct(o)]
        assert right == pytest.approx([1 / len(right)] * len(right), abs=1e-6), who
        if q.type == "choice":
            assert wrong == [0.0] * len(wrong), who
        else:
            assert all(f < 0 for f in wrong), who
            assert sum(wrong) == pytest.approx(-1, abs=0.15), who
    elif q.type == "true-false":
        assert s["qtype"] == "truefalse", who
        got = {t.lower(): f for t, f in zip(texts, fractions)}
        assert got == {"true": float(q.answer), "false": float(not q.answer)}, who
    elif q.type == "numeric":
        assert s["qtype"] == "numerical", who
        (value,), (tol,) = texts, s["tolerances"]
        assert fractions == [1.0], who
        assert float(value) - float(tol) == pytest.approx(q.answer.low), who
        assert float(value) + float(tol) == pytest.approx(q.answer.high), who
    elif q.type == "short":
        assert s["qtype"] == "shortanswer", who
        # "*" is Moodle's wildcard: a literal one is stored "\*"
        assert texts == [plain(t).replace("*", "\\*") for t in q.answer], who
        assert fractions == [1.0] * len(q.answer), who
        assert int(opts["usecase"]) == 0, who
    elif q.type == "match":
        assert s["qtype"] == "match", who
        assert s["subquestions"] == [[_html(left, fmt), plain(right)]
                                     for left, right in q.answer], who
    else:
        assert q.type == "order"
        assert s["qtype"] == "ordering", who
        assert texts == [to_html(t) for t in q.answer], who
        assert fractions == [float(k) for k in range(1, len(q.answer) + 1)], who
        assert int(opts["selecttype"]) == _ordering_const("SELECT_ALL"), who
        assert int(opts["selectcount"]) == len(q.answer), who
        assert int(opts["layouttype"]) == _ordering_const("LAYOUT_VERTICAL"), who
        assert int(opts["gradingtype"]) == _ordering_const("GRADING_ABSOLUTE_POSITION"), who


def _import_and_check(harness, export: Export, fmt: str) -> list[str]:
    """Import one Moodle file, check every stored question; return the ids stored."""
    path, notes = (export.gift, export.gift_notes) if fmt == "gift" else (export.xml,
                                                                           export.xml_notes)
    report = moodle_import(path, fmt)
    assert report["import_ok"] is True, (report["import_exception"], report["import_echo"])
    assert report["import_exception"] is None
    assert not report["parse_errors"] and not report["import_errors"]
    assert not report["rolled_back"]
    dropped = {n.question.split("(")[1].split(",")[0] for n in notes if n.dropped}
    written = [(n, q) for n, q in enumerate(export.quiz.questions, start=1)
               if q.id not in dropped]
    stored = report["stored"]
    assert [s["idnumber"] for s in stored] == [q.id for _, q in written]
    for (n, q), s in zip(written, stored):
        _check_moodle(q, n, s, fmt, export.quiz)
    return [s["idnumber"] for s in stored]


# --- the tests ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_moodle_stores_every_question_of_the_xml_file_as_written(harness, exports, path):
    export = exports(path)
    stored = _import_and_check(harness, export, "xml")
    assert len(stored) == len(export.quiz.questions) - sum(n.dropped for n in export.xml_notes)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_moodle_stores_every_question_of_the_gift_file_as_written(harness, exports, path):
    export = exports(path)
    stored = _import_and_check(harness, export, "gift")
    left_out = [n for n in export.gift_notes if n.dropped]
    assert len(stored) + len(left_out) == len(export.quiz.questions)
    text = export.gift.read_text(encoding="utf-8")
    for note in left_out:  # each one named in the file too
        qid = note.question.split("(")[1].split(",")[0]
        assert f"// {qid} left out: " in text


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_canvas_converts_every_question_of_the_qti_zip_as_written(harness, canvas, exports,
                                                                  path):
    export = exports(path)
    items = canvas(export.qti)
    quiz = export.quiz
    assert len(items) == len(quiz.questions)
    kinds = {"choice": "multiple_choice_question", "multi": "multiple_answers_question",
             "true-false": "true_false_question", "numeric": "numerical_question",
             "short": "short_answer_question", "match": "matching_question",
             "order": "matching_question"}
    for n, q in enumerate(quiz.questions, start=1):
        it = items[label(q, n)]
        who = f"qti {q.id}"
        assert it["type"] == kinds[q.type], who
        assert it["points"] == number(float(q.points)), who
        assert it["prompt"].startswith(to_html(q.prompt)), who
        if q.type != "order":
            assert it["prompt"] == to_html(q.prompt), who
        assert it["feedback"] == ({"general_fb": to_html(q.explanation)} if q.explanation
                                  else {}), who
        (test, score), *more = it["scoring"] if q.type not in ("match", "order") else [(None,
                                                                                        None)]
        if q.type in ("choice", "multi", "true-false"):
            assert not more, who
            (ci,) = it["interactions"]
            assert list(ci["choices"].values()) == [to_html(o) for o in q.options], who
            members = [(any(a.tag == f"{_Q2}not" for a in el.iterancestors()), _text(el))
                       for el in test.iter(f"{_Q2}baseValue")
                       if el.get("baseType") == "identifier"]
            right = {ci["choices"][ident] for negated, ident in members if not negated}
            assert right == {to_html(o) for o in q.options if q.is_correct(o)}, who
            if q.type == "multi":  # every wrong option must be left unticked
                wrong = {ci["choices"][ident] for negated, ident in members if negated}
                assert wrong == {to_html(o) for o in q.options if not q.is_correct(o)}, who
            assert float(score) == 100, who
        elif q.type == "numeric":
            assert not more, who
            gte = [float(_text(el)) for el in test.iter(f"{_Q2}customOperator")
                   if el.get("class") == "vargte"]
            lte = [float(_text(el)) for el in test.iter(f"{_Q2}customOperator")
                   if el.get("class") == "varlte"]
            assert (gte, lte) == ([q.answer.low], [q.answer.high]), who
            if q.answer.exact:
                assert test.tag == f"{_Q2}or", who
            assert float(score) == 100, who
        elif q.type == "short":
            assert not more, who
            accepted = [_text(el) for el in test.iter(f"{_Q2}baseValue")]
            assert accepted == [plain(t) for t in q.answer], who
            # any one accepted answer scores: never several conditions that must all hold
            assert len(q.answer) == 1 or test.tag == f"{_Q2}or", who
            assert float(score) == 100, who
        else:
            if q.type == "order":
                pairs = [(plain(item), str(q.answer.index(item) + 1)) for item in q.options]
            else:
                pairs = [(plain(left), plain(right)) for left, right in q.answer]
            got, shares = [], []
            for ci in it["interactions"]:
                matches = [(t, s) for t, s in it["scoring"]
                           if t.tag == f"{_Q2}match"
                           and t.find(f"{_Q2}variable").get("identifier") == ci["rid"]]
                (t, s), = matches
                got.append((ci["prompt"], ci["choices"][_text(t.find(f"{_Q2}baseValue"))]))
                shares.append(float(s))
            assert got == pairs, who
            assert sum(shares) == pytest.approx(100, abs=1e-9), who  # full marks: 100


def test_the_fixture_has_every_type_and_every_character_to_escape_in_every_field():
    quiz = build_quiz(load(FIXTURE))
    assert {q.type for q in quiz.questions} == set(TYPES)
    hard = ["~", "=", "#", "{", "}", ":", "\\", "\\n", "&", "<", ">", "]]>", "--"]

    def every(texts):
        joined = " ".join(texts)
        return [c for c in hard if c not in joined]

    prompts = [q.prompt for q in quiz.questions]
    options = [o for q in quiz.questions if q.type in ("choice", "multi") for o in q.options]
    items = [t for q in quiz.questions if q.type == "order" for t in q.answer]
    lefts = [left for q in quiz.questions if q.type == "match" for left, _ in q.answer]
    rights = [right for q in quiz.questions if q.type == "match" for _, right in q.answer]
    short = [t for q in quiz.questions if q.type == "short" for t in q.answer]
    explanations = [q.explanation for q in quiz.questions]
    for field, texts in [("prompts", prompts), ("options", options), ("order items", items),
                         ("explanations", explanations)]:
        assert every(texts) == [], field
    assert every(lefts) == [] and every(rights) == [] and every(short) == []
    assert quiz.title and any(c in quiz.title for c in "/\\&<>")


def test_the_harness_catches_what_the_old_exports_lost(harness, exports, tmp_path):
    """The importer is not a rubber stamp: the two faults of issue 15 still fail through it."""
    export = exports(FIXTURE)
    # 1. An ordering question without <shownumcorrect>: Moodle adds hints with no format.
    xml = export.xml.read_text(encoding="utf-8")
    broken = tmp_path / "no-shownumcorrect-moodle.xml"
    broken.write_text(re.sub(r"\s*<shownumcorrect>1</shownumcorrect>", "", xml),
                      encoding="utf-8")
    report = moodle_import(broken, "xml")
    assert report["import_ok"] is False
    assert "hintformat" in (report["import_exception"] or "")
    # 2. An ordering item with a single backslash before "n" is stored as a placeholder.
    gift = tmp_path / "single-backslash.gift.txt"
    gift.write_text("::o::[html]Order{>2 ALL VERTICAL ABSOLUTE_POSITION SHOW none\n"
                    "Use \\n here\nsecond\n}\n", encoding="utf-8")
    (s,) = moodle_import(gift, "gift")["stored"]
    assert s["answers"][0]["answer"] != "Use \\n here"
