"""Quiz outputs: their file names, writing them into a folder, and the build writers.

``deckgen quiz`` and ``deckgen build`` both come here. Sheets are written
per version (``<name>-quiz.pdf`` and ``<name>-quiz-key.pdf``; version 2 is
``<name>-quiz-v2.pdf`` and ``<name>-quiz-v2-key.pdf``); LMS exports once, from
version 1 (an LMS shuffles for itself): ``<name>.gift.txt``,
``<name>-moodle.xml``, ``<name>-qti.zip``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from deckgen.quiz.common import Note, merge_notes
from deckgen.quiz.gift import write_gift
from deckgen.quiz.model import QuizBuild
from deckgen.quiz.moodle_xml import write_moodle_xml
from deckgen.quiz.qti import write_qti
from deckgen.theme.theme import paper

#: Quiz formats as ``deckgen quiz --format`` names them, and their ``--formats`` names.
FORMATS = {"pdf": "quiz-pdf", "docx": "quiz-docx", "gift": "gift", "moodle": "moodle",
           "qti": "qti"}
DOCS = {"pdf": "quiz sheet and answer key as PDF", "docx": "quiz sheet and answer key as DOCX",
        "gift": "quiz as Moodle GIFT", "moodle": "quiz as Moodle XML",
        "qti": "quiz as a QTI 1.2 zip for Canvas"}


def sheet_names(name: str, number: int, ext: str) -> tuple[str, str]:
    """Return the (student sheet, answer key) file names of a version."""
    stem = f"{name}-quiz" + (f"-v{number}" if number > 1 else "")
    return f"{stem}.{ext}", f"{stem}-key.{ext}"


def write_format(fmt: str, quiz: QuizBuild, theme, folder: Path) -> tuple[list[str], list[Note]]:
    """Write one quiz format into ``folder``; return the file names and the notes."""
    theme = paper(theme)    # sheets are printed: a dark theme's colours made to read on white
    names, notes = _write(fmt, quiz, theme, Path(folder))
    return names, merge_notes(notes)


def _write(fmt: str, quiz: QuizBuild, theme, folder: Path) -> tuple[list[str], list[Note]]:
    many = len(quiz.versions) > 1
    if fmt in ("pdf", "docx"):
        if fmt == "pdf":
            # Typst (deckgen.render.pdf_typst) writes the PDF sheets: loaded only for them
            from deckgen.quiz.sheet_pdf import write_pdf_sheet as write
        else:
            # likewise the Word sheets (python-docx)
            from deckgen.quiz.sheet_docx import write_docx_sheet as write
        names = []
        for v in quiz.versions:
            sheet, key = sheet_names(quiz.name, v.number, fmt)
            write(quiz, v, theme, folder / sheet, key=False, show_version=many)
            write(quiz, v, theme, folder / key, key=True, show_version=many)
            names += [sheet, key]
        return names, []
    if fmt == "gift":
        text, notes = write_gift(quiz)
        name = f"{quiz.name}.gift.txt"
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        return [name], notes
    if fmt == "moodle":
        text, notes = write_moodle_xml(quiz)
        name = f"{quiz.name}-moodle.xml"
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        return [name], notes
    data, notes = write_qti(quiz)
    name = f"{quiz.name}-qti.zip"
    (folder / name).write_bytes(data)
    return [name], notes


# --- writers for `deckgen build` ------------------------------------------------

def quiz_for(content) -> QuizBuild:
    """Return the quiz of a content file (one version, its own seed); print its notes.

    A build asks once (:attr:`deckgen.build.pipeline.Build.quiz`), so five
    quiz formats share one quiz and its notes are printed once.
    """
    # the assembler (and its generator) load only when a quiz is wanted
    from deckgen.quiz.assemble import build_quiz
    quiz = build_quiz(content)
    for note in quiz.notes:
        print(f"note: {note}", file=sys.stderr)
    return quiz


def _build_writer(fmt: str):
    def write(build, folder: Path) -> list[str]:
        quiz = build.quiz
        if quiz.empty:
            return []
        names, notes = write_format(fmt, quiz, build.theme, folder)
        for note in notes:  # a question left out of a file is never silent
            if note.dropped:
                print(f"warning: {build.content.file}: {note}", file=sys.stderr)
        return names
    write.__name__ = f"write_{fmt}"
    return write


#: ``--formats`` name -> (writer for the build registry, description).
REGISTRY = {reg: (_build_writer(fmt), DOCS[fmt]) for fmt, reg in FORMATS.items()}
