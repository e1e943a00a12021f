"""Quizzes: authored and generated questions, printed sheets with keys, LMS exports.

``build_quiz(content, seed, variants)`` returns a :class:`QuizBuild` (the
normalized questions in one or more versions, plus notes); the modules
``sheet_pdf``, ``sheet_docx``, ``gift``, ``moodle_xml`` and ``qti`` write it;
:mod:`deckgen.quiz.formats` names the files and plugs them into ``deckgen
build``. Writers read this model only, never the content file.
"""

from deckgen.quiz.model import NumericAnswer, QuizBuild, QuizQuestion, Version

__all__ = ["build_quiz", "NumericAnswer", "QuizBuild", "QuizQuestion", "Version"]


def __getattr__(name: str):
    # build_quiz (and the question generators behind it) load on first use, so
    # that listing the quiz formats (deckgen.writers) does not import them
    if name == "build_quiz":
        from deckgen.quiz.assemble import build_quiz
        return build_quiz
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
