"""Quizzes: authored and generated questions, printed sheets with keys, LMS exports.

``assemble.build_quiz(content, seed, variants)`` returns a :class:`QuizBuild` (the
normalized questions in one or more versions, plus notes); the modules
``sheet_pdf``, ``sheet_docx``, ``gift``, ``moodle_xml`` and ``qti`` write it;
:mod:`deckgen.quiz.formats` names the files and plugs them into ``deckgen
build``. Writers read this model only, never the content file.
"""
