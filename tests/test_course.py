"""Course files: shared defaults for a lecture series, validated and built."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.build.batch import build_course
from deckgen.content.course import is_course, load_course, load_lecture
from deckgen.errors import ErrorList, one_of
from deckgen.theme.theme import builtin_names

from .conftest import ROOT

EXAMPLE = ROOT / "content" / "course" / "course.yaml"


def _slide_text(pptx: Path) -> str:
    return "\n".join(sh.text_frame.text for s in Presentation(pptx).slides for sh in s.shapes
                     if sh.has_text_frame)


def test_the_example_course_loads_with_resolved_lectures_and_defaults():
    course = load_course(EXAMPLE)
    assert course.title == "Estimative Language: a Two-Week Module"
    assert [lec.name for lec in course.lectures] == ["week-1-words-of-probability",
                                                     "week-2-reading-the-bands"]
    assert all(lec.path.is_file() for lec in course.lectures)
    # a theme given as a path is pinned to the course's folder
    assert course.defaults["theme"] == str((EXAMPLE.parent / "seminar-theme.yaml").resolve())
    assert course.defaults["authors"] == ("deckgen examples",)
    assert is_course(EXAMPLE) and not is_course(course.lectures[0].path)


def test_defaults_apply_and_a_lectures_own_value_wins():
    course = load_course(EXAMPLE)
    week1, week2 = (load_lecture(course, lec) for lec in course.lectures)
    assert week1.classification == "FOR TEACHING"            # from the course
    assert week2.classification == "OFFICIAL"                # its own
    assert week1.organisation == week2.organisation == course.defaults["organisation"]
    assert week1.theme == week2.theme == course.defaults["theme"]
    assert week2.figures[0].value == 75                      # read from phia-bands.csv


def test_building_the_course_builds_every_lecture_in_one_look(run, tmp_path):
    code, out, err = run("build", EXAMPLE, "--out", tmp_path, "--formats", "pptx")
    assert code == 0, err
    decks = sorted((tmp_path / "course").glob("*/*.pptx"))
    assert [d.parent.name for d in decks] == ["week-1-words-of-probability",
                                              "week-2-reading-the-bands"]
    assert out.splitlines()[0] == "course 'Estimative Language: a Two-Week Module': 2 lectures"
    assert "FOR TEACHING" in _slide_text(decks[0]) and "FOR TEACHING" not in _slide_text(decks[1])
    for deck in decks:   # the course theme's green is on both
        xml = b"".join(p.blob for p in Presentation(deck).part.package.iter_parts()
                       if p.partname.startswith("/ppt/slides/"))
        assert b"1E5B4F" in xml


def test_the_command_line_theme_wins_over_the_course(tmp_path):
    course = load_course(EXAMPLE)
    results = build_course(course, tmp_path, theme="default", formats=["pptx"])
    assert [r.error for r in results] == [None, None]
    xml = b"".join(p.blob for p in Presentation(results[0].result.files[0]).part.package.iter_parts()
                   if p.partname.startswith("/ppt/slides/"))
    assert b"1E5B4F" not in xml


def _course(tmp_path, text, lectures=("a.yaml", "b.yaml")):
    for name in lectures:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"title: Lecture {p.stem}\n")
    f = tmp_path / "course.yaml"
    f.write_text(textwrap.dedent(text).lstrip())
    return f


ERRORS = {
    "unknown default": (
        """
        title: C
        defaults: {theme: default, clasification: OFFICIAL}
        lectures: [a.yaml]
        """,
        ["{f}:2:28: defaults.clasification: unknown key 'clasification'; allowed: 'theme', "
         "'organisation', 'classification', 'authors' or 'language' (did you mean "
         "'classification'?)"]),
    "missing lecture": (
        """
        title: C
        lectures: [a.yaml, c.yaml]
        """,
        ["{f}:2:20: lectures[1]: found the path 'c.yaml', but no such file exists; allowed: an "
         "existing file inside the content file's folder"]),
    "lecture twice": (
        """
        title: C
        lectures:
          - a.yaml
          - ./a.yaml
        """,
        ["{f}:4:5: lectures[1]: found './a.yaml' a second time; allowed: each lecture once "
         "(first listed at line 3)"]),
    "same name in two folders": (
        """
        title: C
        lectures: [a.yaml, sub/a.yaml]
        """,
        ["{f}:2:20: lectures[1]: found a second lecture named 'a'; allowed: lecture files with "
         "different names, since each is built into a folder of its name (first at line 2)"]),
    "no such theme": (
        """
        title: C
        defaults:
          theme: defualt
        lectures: [a.yaml]
        """,
        ["{f}:3:10: defaults.theme: found the theme 'defualt', but no such theme exists; "
         "allowed: {themes} or a path to a .yaml theme file relative to the course file "
         "(did you mean 'default'?)"]),
    "lists itself": (
        """
        title: C
        lectures: [a.yaml, course.yaml]
        """,
        ["{f}:2:20: lectures[1]: found the course file itself; allowed: lecture content files"]),
    "no lectures": (
        """
        title: C
        lectures: []
        """,
        ["{f}:2:11: lectures: found 0 entries; allowed: at least 1"]),
    "no title, a lecture outside": (
        """
        lectures: [../a.yaml]
        """,
        ["{f}:1:1: (top level): the key 'title' is missing; allowed: a course file needs "
         "'title' (text)",
         "{f}:1:12: lectures[0]: found the path '../a.yaml', which leaves the content folder; "
         "allowed: files inside the folder of the content file"]),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_course_errors_are_located(run, tmp_path, case):
    text, expected = ERRORS[case]
    f = _course(tmp_path, text, ("a.yaml", "b.yaml", "sub/a.yaml"))
    code, out, err = run("build", f, "--out", tmp_path / "out", "--formats", "pptx")
    assert code == 2
    lines = err.splitlines()
    assert lines[:-2] == [e.format(f=f, themes=one_of(builtin_names())) for e in expected]
    n = len(expected)
    assert lines[-2:] == [f"{n} problem{'s' if n > 1 else ''} found.",
                          f"deckgen: the course {f} was not built; nothing was written for it."]
    assert not (tmp_path / "out").exists()


def test_a_lecture_with_problems_does_not_stop_the_others(run, tmp_path):
    f = _course(tmp_path, """
        title: C
        defaults: {classification: OFFICIAL}
        lectures: [a.yaml, b.yaml]
        """)
    (tmp_path / "a.yaml").write_text("title: A\nconcerns:\n  - {title: X, impact: hgh}\n")
    code, out, err = run("build", f, "--out", tmp_path / "out", "--formats", "pptx")
    assert code == 2
    a = tmp_path / "a.yaml"
    assert err.splitlines() == [
        f"{a}:3:24: concerns[0].impact: found 'hgh'; allowed: 'low', 'medium', 'high' or "
        "'critical' (did you mean 'high'?)",
        "1 problem found.",
        f"deckgen: {a} was not built; nothing was written for it."]
    assert (tmp_path / "out" / "course" / "b" / "b.pptx").exists()
    assert not (tmp_path / "out" / "course" / "a").exists()


def test_validate_checks_the_course_and_each_lecture(run, tmp_path):
    code, out, err = run("validate", EXAMPLE)
    assert code == 0, err
    course = load_course(EXAMPLE)
    assert out.splitlines() == [f"{EXAMPLE}: ok"] + [f"{lec.path}: ok" for lec in course.lectures]


def test_an_empty_lecture_value_takes_the_default(tmp_path):
    f = _course(tmp_path, """
        title: C
        defaults: {organisation: Dept, authors: Someone}
        lectures: [a.yaml]
        """)
    (tmp_path / "a.yaml").write_text("title: A\norganisation:\nauthors: [Me]\n")
    course = load_course(f)
    c = load_lecture(course, course.lectures[0])
    assert (c.organisation, c.authors) == ("Dept", ("Me",))


def test_a_course_file_with_errors_raises_all_of_them(tmp_path):
    f = _course(tmp_path, """
        title: [C]
        lectures: [x.yaml]
        """)
    with pytest.raises(ErrorList) as info:
        load_course(f)
    assert [e.path for e in info.value.errors] == ["title", "lectures[0]"]
