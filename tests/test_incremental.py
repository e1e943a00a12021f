"""Incremental builds: exactly what a change affects is built again; --force builds all."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from deckgen.build import incremental as inc


def _put(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


@pytest.fixture
def project(tmp_path):
    """A course of three lectures: a charts a CSV file; a and b use the course's theme,
    c its own theme."""
    f = tmp_path / "module"
    f.mkdir()
    _put(f, "course-look.yaml", "extends: default\npalette: {primary: '#7A1F5C'}\n")
    _put(f, "c-look.yaml", "extends: print\n")
    _put(f, "data.csv", "year,Applications\n2023,1500\n2024,1620\n")
    _put(f, "a.yaml", """
        title: A
        charts:
          - {id: apps, takeaway: Applications grow, data: {csv: data.csv}}
        """)
    _put(f, "b.yaml", """
        title: B
        context: [A point]
        quiz:
          questions:
            - {type: true-false, prompt: Is this B?, options: ["True", "False"], answer: "True"}
        """)
    _put(f, "c.yaml", "title: C\ntheme: c-look.yaml\ncontext: [Another point]\n")
    _put(f, "course.yaml", """
        title: Module
        defaults: {theme: course-look.yaml}
        lectures: [a.yaml, b.yaml, c.yaml]
        """)
    return f


def _stamps(out: Path) -> dict:
    """Return each output file's identity: a rebuilt file is a new file (moved into place)."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file() and ".deckgen" not in p.parts}


def _changed(before: dict, after: dict) -> set:
    return {Path(k).parent.name for k in set(before) | set(after) if before.get(k) != after.get(k)}


def _build(run, project, out, *extra):
    code, stdout, stderr = run("build", project / "course.yaml", "--out", out,
                               "--formats", "pptx,gift", *extra)
    assert code == 0, stderr
    return stdout


def test_only_what_a_change_affects_is_built_again(run, project, tmp_path):
    out = tmp_path / "out"
    _build(run, project, out)
    first = _stamps(out)
    assert {Path(k).parent.name for k in first} == {"a", "b", "c"}

    # nothing changed: nothing is built
    stdout = _build(run, project, out)
    assert _changed(first, _stamps(out)) == set()
    assert "summary: 3 up to date in" in stdout

    # saved without a change: its hash is the same, nothing is built
    os.utime(project / "b.yaml", ns=(1, 1))
    _build(run, project, out)
    assert _changed(first, _stamps(out)) == set()

    # one content file
    _put(project, "b.yaml", "title: B\ncontext: [A point, Another point]\n")
    stdout = _build(run, project, out)
    second = _stamps(out)
    assert _changed(first, second) == {"b"}
    assert "summary: 1 built, 2 up to date in" in stdout

    # the CSV file a's chart reads
    _put(project, "data.csv", "year,Applications\n2023,1500\n2024,1700\n")
    _build(run, project, out)
    third = _stamps(out)
    assert _changed(second, third) == {"a"}

    # the course's theme: a and b use it, c has its own
    _put(project, "course-look.yaml", "extends: default\npalette: {primary: '#205C7A'}\n")
    _build(run, project, out)
    fourth = _stamps(out)
    assert _changed(third, fourth) == {"a", "b"}

    # c's theme's parent is a built-in theme; c's own theme file
    _put(project, "c-look.yaml", "extends: print\nfooter: Department\n")
    _build(run, project, out)
    fifth = _stamps(out)
    assert _changed(fourth, fifth) == {"c"}

    # --force builds everything
    stdout = _build(run, project, out, "--force")
    assert _changed(fifth, _stamps(out)) == {"a", "b", "c"}
    assert "summary: 3 built in" in stdout


def test_a_deleted_output_is_written_again_and_only_its_format(run, project, tmp_path):
    out = tmp_path / "out"
    _build(run, project, out)
    before = _stamps(out)
    gift = out / "course" / "b" / "b.gift.txt"
    gift.unlink()
    _build(run, project, out)
    after = _stamps(out)
    assert gift.exists()
    assert {k for k in set(before) | set(after) if before.get(k) != after.get(k)} == {
        gift.relative_to(out).as_posix()}


def test_a_format_not_built_before_is_built_alone(run, write, tmp_path):
    f = write("title: A\ncontext: [One]\n")
    out = tmp_path / "out"
    assert run("build", f, "--out", out, "--formats", "pptx")[0] == 0
    deck = out / "deck" / "deck.pptx"
    ino = deck.stat().st_ino
    code, stdout, _ = run("build", f, "--out", out, "--formats", "pptx,handout-docx")
    assert code == 0
    assert stdout.splitlines() == [f"wrote {out / 'deck' / 'deck-handout.docx'}"]
    assert deck.stat().st_ino == ino
    # both are now recorded: nothing to do
    code, stdout, _ = run("build", f, "--out", out, "--formats", "pptx,handout-docx")
    assert stdout.startswith(f"up to date: {out / 'deck'} (")


def test_options_and_theme_choices_are_part_of_what_was_built(run, write, tmp_path):
    f = write("title: A\ncontext: [One]\n")
    out = tmp_path / "out"
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("wrote")
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("up to date")
    assert run("build", f, "--out", out, "--formats", "pptx", "--theme", "dark")[1] \
        .startswith("wrote")
    assert run("build", f, "--out", out, "--formats", "pptx", "--theme", "dark")[1] \
        .startswith("up to date")
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("wrote")


def test_a_theme_name_that_comes_to_mean_another_file_builds_again(run, write, tmp_path,
                                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    f = write("title: A\ntheme: look.yaml\ncontext: [One]\n", "sub/a.yaml")
    (tmp_path / "look.yaml").write_text("extends: dark\n")      # found from the working folder
    out = tmp_path / "out"
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("wrote")
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("up to date")
    (tmp_path / "sub" / "look.yaml").write_text("extends: print\n")  # now found beside it
    assert run("build", f, "--out", out, "--formats", "pptx")[1].startswith("wrote")


def test_the_manifest_sits_beside_the_outputs_and_records_what_was_read(run, project, tmp_path):
    out = tmp_path / "out"
    _build(run, project, out)
    folder = out / "course" / "a"
    assert sorted(p.name for p in folder.iterdir()) == ["a.pptx"]   # a has no quiz
    m = json.loads((out / "course" / ".deckgen" / "a.json").read_text())
    inputs = {Path(p).name for p in m["inputs"]}
    assert {"a.yaml", "course.yaml", "course-look.yaml", "default.yaml", "data.csv"} <= inputs
    assert m["engine"] == inc.engine_id() and m["slides"] > 0
    assert set(m["formats"]) == {"pptx", "gift"} and list(m["formats"]["pptx"]) == ["a.pptx"]
    assert not list((out / "course" / ".deckgen").glob(".manifest-*"))   # no temporary left


def test_outputs_are_the_same_bytes_with_or_without_the_cache(run, write, tmp_path):
    f = write("title: A\ncontext: [One]\nsources: [{id: s, title: S, url: 'https://a.b/'}]\n")
    run("build", f, "--out", tmp_path / "one", "--formats", "pptx,handout-docx,gift")
    run("build", f, "--out", tmp_path / "two", "--formats", "pptx")
    run("build", f, "--out", tmp_path / "two", "--formats", "pptx,handout-docx,gift")
    for name in ("deck.pptx", "deck-handout.docx"):
        assert (tmp_path / "one" / "deck" / name).read_bytes() == \
            (tmp_path / "two" / "deck" / name).read_bytes()


def test_a_file_that_changes_while_it_is_built_leaves_no_manifest(tmp_path, monkeypatch):
    from deckgen.build.batch import Job, Options, build_job
    import deckgen.build.pipeline as build_module
    f = tmp_path / "talk.yaml"
    f.write_text("title: A\n")
    real = build_module.plan

    def edit_meanwhile(content, theme, **kw):
        f.write_text("title: A, edited while the deck was being built\n")
        return real(content, theme, **kw)

    monkeypatch.setattr(build_module, "plan", edit_meanwhile)
    job = Job(f, tmp_path / "out")
    assert build_job(job, Options(formats=("pptx",))).status == "built"
    assert not inc.manifest_path(job.target).exists()
    fresh = inc.check(job.target, inc.options_key(None, False, False), ["pptx"])
    assert fresh.formats == ["pptx"] and fresh.reason == "not built before"


def test_an_unreadable_manifest_means_a_full_build(run, write, tmp_path):
    f = write("title: A\n")
    out = tmp_path / "out"
    run("build", f, "--out", out, "--formats", "pptx")
    (out / ".deckgen" / "deck.json").write_text("{not json")
    code, stdout, _ = run("build", f, "--out", out, "--formats", "pptx")
    assert code == 0 and stdout.startswith("wrote")


def test_referenced_files_are_found_by_value(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "p.png").write_bytes(b"x")
    (tmp_path / "d.csv").write_text("a,b\n")
    f = _put(tmp_path, "t.yaml", """
        title: T
        sections:
          - title: S
            slides:
              - {title: P, image: img/p.png, alt: A picture}
              - {title: Q, points: ["see d.csv", "a.yaml is not a file here"]}
        charts: [{id: c, data: {csv: d.csv}}]
        """)
    assert inc.referenced_files(f) == {(tmp_path / "img" / "p.png").resolve(),
                                       (tmp_path / "d.csv").resolve()}
