"""Quiz outputs: their file names, writing them into a folder, and the build writers.

``deckgen quiz`` and ``deckgen build`` both come here. Sheets are written
per version (``<name>-quiz.pdf`` and ``<name>-quiz-key.pdf``; version 2 is
``<name>-quiz-v2.pdf`` and ``<name>-quiz-v2-key.pdf``); LMS exports once, from
version 1 (an LMS shuffles for itself): ``<name>.gift.txt``,
``<name>-moodle.xml``, ``<name>-qti.zip``.
"""

from __future__ import annotations

import sys
import weakref
from pathlib import Path

from deckgen.quiz.common import Note, merge_notes
from deckgen.quiz.model import QuizBuild

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
    from deckgen.theme.theme import paper
    theme = paper(theme)    # sheets are printed: a dark theme's colours made to read on white
    names, notes = _write(fmt, quiz, theme, Path(folder))
    return names, merge_notes(notes)


def _write(fmt: str, quiz: QuizBuild, theme, folder: Path) -> tuple[list[str], list[Note]]:
    many = len(quiz.versions) > 1
    if fmt in ("pdf", "docx"):
        if fmt == "pdf":
            from deckgen.quiz.sheet_pdf import write_pdf_sheet as write
        else:
            from deckgen.quiz.sheet_docx import write_docx_sheet as write
        names = []
        for v in quiz.versions:
            sheet, key = sheet_names(quiz.name, v.number, fmt)
            write(quiz, v, theme, folder / sheet, key=False, show_version=many)
            write(quiz, v, theme, folder / key, key=True, show_version=many)
            names += [sheet, key]
        return names, []
    if fmt == "gift":
        from deckgen.quiz.gift import write_gift
        text, notes = write_gift(quiz)
        name = f"{quiz.name}.gift.txt"
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        return [name], notes
    if fmt == "moodle":
        from deckgen.quiz.moodle_xml import write_moodle_xml
        text, notes = write_moodle_xml(quiz)
        name = f"{quiz.name}-moodle.xml"
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        return [name], notes
    from deckgen.quiz.qti import write_qti
    data, notes = write_qti(quiz)
    name = f"{quiz.name}-qti.zip"
    (folder / name).write_bytes(data)
    return [name], notes


# --- writers for `deckgen build` ------------------------------------------------

_BUILT: dict[int, tuple] = {}


def quiz_for(content) -> QuizBuild:
    """Return the quiz of a content file (one version, its own seed), built once per build.

    The first time a content object is seen its notes are printed, so five
    quiz formats do not print the same note five times.
    """
    key = id(content)
    hit = _BUILT.get(key)
    if hit is not None and hit[0]() is content:
        return hit[1]
    from deckgen.quiz.assemble import build_quiz
    quiz = build_quiz(content)
    _BUILT[key] = (weakref.ref(content, lambda _r, k=key: _BUILT.pop(k, None)), quiz)
    for note in quiz.notes:
        print(f"note: {note}", file=sys.stderr)
    return quiz


def _build_writer(fmt: str):
    def write(deck, content, theme, folder: Path) -> list[str]:
        quiz = quiz_for(content)
        if quiz.empty:
            return []
        names, notes = write_format(fmt, quiz, theme, folder)
        for note in notes:  # a question left out of a file is never silent
            if note.dropped:
                print(f"warning: {content.file}: {note}", file=sys.stderr)
        return names
    write.__name__ = f"write_{fmt}"
    return write


#: ``--formats`` name -> (writer for the build registry, description).
REGISTRY = {reg: (_build_writer(fmt), DOCS[fmt]) for fmt, reg in FORMATS.items()}
