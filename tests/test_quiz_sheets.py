"""Quiz sheets and keys read back: PDF with pdfplumber, DOCX with python-docx."""

import re

import pdfplumber
import pytest
from docx import Document

from deckgen.content.loader import load
from deckgen.content.markup import plain
from deckgen.quiz.assemble import build_quiz
from deckgen.quiz.formats import write_format
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING

_HEAD = re.compile(r"^(\d+)\. (.+?) (\d+(?:\.\d+)?) points?$")
_OPTION = re.compile(r"^([A-E])\. (.+)$")
_ANSWER = re.compile(r"^Answers?: (.+)$")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """The briefing's quiz in three versions, written as PDF and DOCX."""
    out = tmp_path_factory.mktemp("sheets")
    quiz = build_quiz(load(BRIEFING), variants=3)
    theme = load_theme("default")
    names = write_format("pdf", quiz, theme, out)[0] + write_format("docx", quiz, theme, out)[0]
    return quiz, theme, out, names


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() for p in pdf.pages)


_GRID = re.compile(r"(\d+)\. (.+?) \d+(?:\.\d+)? points?")


def _grid_start(lines: list[str]) -> int:
    """Return the line before the grid's first row (its header row, which must be there)."""
    start = next(i for i, t in enumerate(lines) if re.match(r"^\d+ questions, ", t))
    assert lines[start + 1].split() == ["No.", "Answer", "Marks"] * 2, lines[start + 1]
    return start + 1


def _grid(text: str) -> dict[int, str]:
    """Return the key's marking grid, question number -> short answer.

    It follows the line "12 questions, 15 points. ..." and has two columns, each
    under a header row ("No. Answer Marks").
    """
    lines = text.splitlines()
    start = _grid_start(lines)
    n = int(lines[start - 1].split()[0])
    rows = lines[start + 1:start + 1 + (n + 1) // 2]
    return {int(m.group(1)): m.group(2) for row in rows for m in _GRID.finditer(row)}


def _blocks(text: str, key: bool = False) -> list[dict]:
    """Split sheet text into questions: header prompt, options by letter, stated answer."""
    out: list[dict] = []
    lines = text.splitlines()
    if key:  # the questions start after the marking grid
        start = _grid_start(lines)
        n = int(lines[start - 1].split()[0])
        lines = lines[start + 1 + (n + 1) // 2:]
    for line in lines:
        m = _HEAD.match(line)
        if m and int(m.group(1)) == len(out) + 1:
            out.append({"prompt": m.group(2), "options": {}, "answer": None})
            continue
        if not out:
            continue
        m = _OPTION.match(line)
        if m and m.group(1) not in out[-1]["options"]:
            out[-1]["options"][m.group(1)] = m.group(2)
        m = _ANSWER.match(line)
        if m and out[-1]["answer"] is None:
            out[-1]["answer"] = m.group(1)
    return out


def _model(quiz, prompt_start: str):
    hits = [q for q in quiz.questions if plain(q.prompt).startswith(prompt_start)]
    assert len(hits) == 1, prompt_start
    return hits[0]


def test_file_names_per_version(sheets):
    quiz, theme, out, names = sheets
    assert names == [
        "south-korea-briefing-quiz.pdf", "south-korea-briefing-quiz-key.pdf",
        "south-korea-briefing-quiz-v2.pdf", "south-korea-briefing-quiz-v2-key.pdf",
        "south-korea-briefing-quiz-v3.pdf", "south-korea-briefing-quiz-v3-key.pdf",
        "south-korea-briefing-quiz.docx", "south-korea-briefing-quiz-key.docx",
        "south-korea-briefing-quiz-v2.docx", "south-korea-briefing-quiz-v2-key.docx",
        "south-korea-briefing-quiz-v3.docx", "south-korea-briefing-quiz-v3-key.docx"]
    assert all((out / n).stat().st_size > 0 for n in names)


def test_student_pdf_has_name_line_numbered_questions_boxes_and_no_answers(sheets):
    quiz, theme, out, _ = sheets
    path = out / "south-korea-briefing-quiz.pdf"
    text = _pdf_text(path)
    lines = text.splitlines()
    assert lines[0] == "OFFICIAL"
    assert lines[1] == quiz.title
    assert "Name Date" in lines
    blocks = _blocks(text)
    version = quiz.versions[0]
    assert len(blocks) == len(version.questions) == 12
    for b, q in zip(blocks, version.questions):
        assert plain(q.prompt).startswith(b["prompt"])
        if q.type in ("choice", "multi"):
            assert list(b["options"].values()) == [plain(o) for o in q.options]
        assert b["answer"] is None
        if q.explanation:
            assert plain(q.explanation)[:40] not in text
    with pdfplumber.open(path) as pdf:
        boxes = [r for p in pdf.pages for r in p.rects if abs(r["width"] - r["height"]) < 0.5
                 and 9 < r["width"] < 22]
        fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
        title = next(c for c in pdf.pages[0].chars if c["text"] == quiz.title[0]
                     and c["size"] > 15)
    ticks = sum(len(q.options) for q in version.questions
                if q.type in ("choice", "multi", "true-false"))
    writes = sum(len(q.options) for q in version.questions if q.type == "order") + \
        sum(len(q.answer) for q in version.questions if q.type == "match")
    assert len(boxes) == ticks + writes
    assert fonts == {"Carlito", "Carlito-Bold"}  # the theme's Calibri, embedded as Carlito
    r, g, b = (int(round(x * 255)) for x in title["non_stroking_color"])
    assert f"{r:02X}{g:02X}{b:02X}" == theme.palette["primary"]


@pytest.mark.parametrize("k", [1, 2, 3])
def test_each_key_matches_its_version(sheets, k):
    quiz, _, out, _ = sheets
    stem = "south-korea-briefing-quiz" + (f"-v{k}" if k > 1 else "")
    student = _blocks(_pdf_text(out / f"{stem}.pdf"))
    key_text = _pdf_text(out / f"{stem}-key.pdf")
    key = _blocks(key_text, key=True)
    grid = _grid(key_text)
    assert [b["prompt"] for b in student] == [b["prompt"] for b in key]
    assert sorted(grid) == list(range(1, len(student) + 1))
    checked = 0
    for n, (s, kb) in enumerate(zip(student, key), start=1):
        q = _model(quiz, s["prompt"])
        if q.type in ("choice", "multi", "true-false"):
            assert grid[n] == kb["answer"]
        if q.type in ("choice", "multi"):
            letters = [x.strip() for x in kb["answer"].split(",")]
            assert sorted(s["options"][x] for x in letters) == sorted(
                plain(o) for o in q.options if q.is_correct(o))
            checked += 1
        elif q.type == "true-false":
            assert kb["answer"] == ("True" if q.answer else "False")
    assert checked == 6  # q1, q2, q8 and three generated choice questions


def test_versions_show_the_same_questions_in_other_orders(sheets):
    quiz, _, out, _ = sheets
    seen = []
    for stem in ("south-korea-briefing-quiz", "south-korea-briefing-quiz-v2",
                 "south-korea-briefing-quiz-v3"):
        blocks = _blocks(_pdf_text(out / f"{stem}.pdf"))
        seen.append([(b["prompt"], tuple(b["options"].values())) for b in blocks])
    assert sorted(p for p, _ in seen[0]) == sorted(p for p, _ in seen[1]) == sorted(
        p for p, _ in seen[2])
    assert len({tuple(s) for s in seen}) == 3
    for s in seen[1:]:
        for prompt, opts in s:
            if _model(quiz, prompt).type in ("choice", "multi", "order"):
                assert sorted(opts) == sorted(dict(seen[0])[prompt])


def test_key_pdf_states_answers_explanations_and_origins(sheets):
    quiz, _, out, _ = sheets
    text = " ".join(_pdf_text(out / "south-korea-briefing-quiz-key.pdf").split())
    assert "answer key" in text
    assert "Answer: any value from 74–74.5" in text
    assert "Answer: Cheongung" in text
    assert "1. 74.2 % → " in text
    for q in quiz.questions:
        if q.explanation:
            assert " ".join(plain(q.explanation).split())[:60] in text
    assert "Generated from figure 2 'fig-supply-value'" in text
    assert "Authored: question 1" in text
    assert "quiz.questions[" not in text and "figures[" not in text


def _docx_lines(path):
    return [p.text for p in Document(str(path)).paragraphs]


def test_docx_sheet_and_key(sheets):
    quiz, theme, out, _ = sheets
    doc = Document(str(out / "south-korea-briefing-quiz-v2.docx"))
    lines = [p.text for p in doc.paragraphs]
    assert lines[0] == quiz.title
    assert lines[1].endswith("Version 2")
    assert any(t.startswith("Name \t") and "Date \t" in t for t in lines)
    heads = [t for t in lines if re.match(r"^\d+\.\t", t)]
    v2 = quiz.versions[1]
    assert len(heads) == len(v2.questions)
    for h, q in zip(heads, v2.questions):
        assert h.startswith(f"{v2.questions.index(q) + 1}.\t{plain(q.prompt)}")
    assert "☑" not in "".join(lines)
    normal = doc.styles["Normal"]
    assert normal.font.name == theme.fonts["body"]
    rfonts = normal.element.rPr.rFonts
    assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") \
        == theme.fonts["east_asian"]
    assert str(doc.paragraphs[0].runs[0].font.color.rgb) == theme.palette["primary"]
    header = doc.sections[0].header.paragraphs[0].text
    assert header == "OFFICIAL"

    key_lines = _docx_lines(out / "south-korea-briefing-quiz-v2-key.docx")
    qnum = 0
    ticked: dict[int, list[str]] = {}
    for t in key_lines:
        if re.match(r"^\d+\.\t", t):
            qnum += 1
        m = re.match(r"^☑\s+([A-E])\.\s+(.*)$", t)
        if m:
            ticked.setdefault(qnum, []).append(m.group(2))
    for n, q in enumerate(v2.questions, start=1):
        if q.type in ("choice", "multi"):
            assert ticked[n] == [plain(o) for o in q.options if q.is_correct(o)]


def test_same_seed_gives_byte_identical_sheets(tmp_path):
    theme = load_theme("default")
    files = []
    for run in ("a", "b"):
        folder = tmp_path / run
        folder.mkdir()
        quiz = build_quiz(load(BRIEFING), seed=3)
        names = write_format("pdf", quiz, theme, folder)[0] + \
            write_format("docx", quiz, theme, folder)[0]
        files.append({n: (folder / n).read_bytes() for n in names})
    assert files[0] == files[1]


def test_korean_text_is_drawn_in_the_hangul_face(write, tmp_path):
    f = write("""
        title: 한국어 퀴즈
        quiz:
          questions:
            - type: choice
              prompt: "서울은 어느 나라의 수도입니까?"
              options: [한국, 일본]
              answer: 한국
        """)
    quiz = build_quiz(load(f))
    names, _ = write_format("pdf", quiz, load_theme("default"), tmp_path)
    with pdfplumber.open(tmp_path / names[0]) as pdf:
        text = pdf.pages[0].extract_text()
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars if c["text"] == "서"}
    assert "서울은 어느 나라의 수도입니까?" in text
    assert len(fonts) == 1 and fonts.pop().startswith("DeckgenHangul")
