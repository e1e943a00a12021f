"""Building many files at once: folders, courses in parallel, failures, the summary."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from deckgen.build.batch import Job, Options, collect, kind_of, run_jobs, summary


def _put(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


LECTURE = """
    title: Lecture {n}
    kind: lecture
    objectives: ["Understand point {n}", "Apply point {n}"]
    sections:
      - title: Part one
        slides:
          - title: Slide {n}
            points: [First, Second]
    """


@pytest.fixture
def course(tmp_path):
    """A course of three lectures, the second with a mistake in it."""
    folder = tmp_path / "module"
    for n in (1, 3):
        _put(folder, f"week-{n}.yaml", LECTURE.format(n=n))
    _put(folder, "week-2.yaml", """
        title: Lecture 2
        concerns:
          - {title: X, impact: hgh}
        """)
    _put(folder, "module-theme.yaml", "extends: default\npalette: {primary: '#7A1F5C'}\n")
    return _put(folder, "course.yaml", """
        title: A module
        defaults: {theme: module-theme.yaml, classification: FOR TEACHING}
        lectures: [week-1.yaml, week-2.yaml, week-3.yaml]
        """)


def test_a_course_builds_in_parallel_and_one_broken_lecture_does_not_stop_the_others(
        run, course, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run("build", course, "--out", out, "--formats", "pptx", "--jobs", "2")
    assert code == 2
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pptx"))
    assert built == ["course/week-1/week-1.pptx", "course/week-3/week-3.pptx"]
    bad = course.parent / "week-2.yaml"
    located = (f"{bad}:3:24: concerns[0].impact: found 'hgh'; allowed: 'low', 'medium', "
               "'high' or 'critical' (did you mean 'high'?)")
    # the error is printed as it happens, located, then the summary table lists it
    assert stderr.splitlines() == [located, "1 problem found.",
                                   f"deckgen: {bad} was not built; nothing was written for it."]
    lines = stdout.splitlines()
    assert lines[0] == "course 'A module': 3 lectures"
    assert sorted(line.split()[1] for line in lines[1:4]) == ["built", "built", "failed"]
    head = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    assert lines[head].startswith("summary: 2 built, 1 failed in ")
    assert lines[head].endswith("(2 jobs in parallel)")
    table = lines[head + 1:]
    assert len(table) == 3
    failed = next(row for row in table if row.split()[0] == "FAILED")
    assert located in failed and "(+1 more)" not in failed
    assert sum(" built " in f" {row} " for row in table) == 2


def test_the_outcomes_come_back_in_order_whatever_finishes_first(course, tmp_path):
    col = collect([course], tmp_path / "out")
    assert [j.path.name for j in col.jobs] == ["week-1.yaml", "week-2.yaml", "week-3.yaml"]
    outcomes = run_jobs(col.jobs, Options(formats=("pptx",)), workers=2)
    assert [(Path(o.path).name, o.status) for o in outcomes] == [
        ("week-1.yaml", "built"), ("week-2.yaml", "failed"), ("week-3.yaml", "built")]
    assert outcomes[1].exit_code == 2 and outcomes[1].error.startswith(str(course.parent))
    assert outcomes[0].slides > 0 and outcomes[0].target.endswith("course/week-1")


def test_a_folder_builds_its_content_files_and_says_what_it_left_out(run, tmp_path):
    folder = tmp_path / "talks"
    _put(folder, "alpha.yaml", "title: Alpha\ncontext: [One point]\n")
    _put(folder, "beta.yml", "title: Beta\ntheme: look.yaml\ncontext: [Another point]\n")
    _put(folder, "look.yaml", "extends: print\npalette: {primary: '#222222'}\n")
    _put(folder, "ci.yaml", "jobs: {test: {runs-on: ubuntu}}\n")
    _put(folder, "notitle.yaml", "context: [A point without a title]\n")
    _put(folder, "series.yaml", "title: Series\nlectures: [week-a.yaml]\n")
    _put(folder, "week-a.yaml", "title: Week A\n")
    _put(folder, "sub/deeper.yaml", "title: Not built: subfolders are not searched\n")
    (folder / "data.csv").write_text("a,b\n1,2\n")
    out = tmp_path / "out"
    code, stdout, stderr = run("build", folder, "--out", out, "--formats", "pptx")
    assert code == 2      # notitle.yaml is content without its title
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pptx")) == [
        "alpha/alpha.pptx", "beta/beta.pptx", "series/week-a/week-a.pptx"]
    assert (f"{folder / 'notitle.yaml'}:1:1: (top level): the key 'title' is missing; allowed: "
            "a content file needs 'title' (text)") in stderr.splitlines()
    rows = {Path(r.split()[1]).name: r.split()[0] for r in stdout.split("summary:")[1]
            .splitlines()[1:]}
    assert rows == {"alpha.yaml": "built", "beta.yml": "built", "week-a.yaml": "built",
                    "notitle.yaml": "FAILED", "look.yaml": "skipped", "ci.yaml": "skipped"}
    assert re.search(r"skipped +\S*/look\.yaml +- +a theme file, not content$", stdout, re.M)
    assert re.search(r"skipped +\S*/ci\.yaml +- +not a deckgen content file$", stdout, re.M)


def test_kinds_of_yaml_files(tmp_path):
    cases = {"c.yaml": "title: T\n", "k.yaml": "title: C\nlectures: [a.yaml]\n",
             "t.yaml": "extends: dark\nfooter: Dept\n", "o.yaml": "version: 3\n",
             "l.yaml": "- a\n- b\n", "broken.yaml": "title: [unclosed\n",
             "q.yaml": "question: Why?\n"}
    kinds = {name: kind_of(_put(tmp_path, name, text)) for name, text in cases.items()}
    assert kinds == {"c.yaml": "content", "k.yaml": "course", "t.yaml": "theme",
                     "o.yaml": "other", "l.yaml": "other", "broken.yaml": "content",
                     "q.yaml": "content"}


def test_several_files_get_a_summary_and_the_exit_code_of_the_worst(run, write, tmp_path):
    good = write("title: Good\n", "good.yaml")
    bad = write("title: [x]\n", "bad.yaml")
    code, out, err = run("build", good, bad, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2
    assert "summary: 1 built, 1 failed in " in out
    assert f"deckgen: {bad} was not built; nothing was written for it." in err


def test_a_bug_in_one_job_is_reported_with_its_traceback_and_the_others_go_on(
        monkeypatch, tmp_path):
    import deckgen.build.pipeline as build_module
    real = build_module.plan
    calls = []

    def flaky(content, theme, **kw):
        calls.append(content.title)
        if content.title == "Two":
            raise RuntimeError("boom")
        return real(content, theme, **kw)

    monkeypatch.setattr(build_module, "plan", flaky)
    a, b = tmp_path / "one.yaml", tmp_path / "two.yaml"
    a.write_text("title: One\n")
    b.write_text("title: Two\n")
    outcomes = run_jobs([Job(a, tmp_path / "o"), Job(b, tmp_path / "o")],
                        Options(formats=("pptx",)), workers=1)
    assert [o.status for o in outcomes] == ["built", "failed"]
    assert outcomes[1].bug and outcomes[1].exit_code == 1
    assert "RuntimeError: boom" in outcomes[1].error
    assert "a bug in deckgen: RuntimeError: boom" in summary(outcomes, 1.0)


def test_jobs_must_be_a_positive_number(run, write, tmp_path, capsys):
    f = write("title: A\n")
    with pytest.raises(SystemExit) as info:
        run("build", f, "--jobs", "0", "--out", tmp_path)
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "deckgen build: error: argument --jobs/-j: found '0'; allowed: a whole number of 1 or "
        "more")


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise():
    import io

    from deckgen.build.batch import Outcome, Progress
    err = io.StringIO()
    bar = Progress(2, out=io.StringIO(), err=err, tty=True)
    bar.done(Outcome("a.yaml", "built", slides=3, seconds=0.5))
    bar.message("warning: something")
    bar.done(Outcome("b.yaml", "failed"))
    bar.close()
    shown = err.getvalue()
    assert "[############............] 1/2  1 built  built: a.yaml" in shown
    assert "\r\x1b[2Kwarning: something\n" in shown
    assert "2/2  1 built, 1 failed  failed: b.yaml" in shown and shown.endswith("\r\x1b[2K")
    out = io.StringIO()
    lines = Progress(2, out=out, err=io.StringIO(), tty=False)
    lines.done(Outcome("a.yaml", "built", slides=3, seconds=0.5))
    lines.done(Outcome("b.yaml", "up to date"))
    assert out.getvalue().splitlines() == ["[1/2] built a.yaml (3 slides, 0.5 s)",
                                           "[2/2] up to date b.yaml"]


def test_two_files_of_one_name_are_not_built_into_one_folder(run, tmp_path):
    a = _put(tmp_path / "x", "talk.yaml", "title: X\n")
    b = _put(tmp_path / "y", "talk.yaml", "title: Y\n")
    code, out, err = run("build", a, b, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2
    assert err.splitlines() == [
        f"{b}: found a second file named 'talk.yaml' for the output folder "
        f"{tmp_path / 'o' / 'talk'}; allowed: files with different names, since each is built "
        f"into a folder of its name (the first is {a})",
        f"deckgen: {b} was not built; nothing was written for it."]
    assert "summary: 1 built, 1 failed in " in out

