"""Writing one build's formats side by side in forked processes."""

from __future__ import annotations

import os
import sys

import pytest

from deckgen.errors import ContentError
from deckgen.build.parallel import can_fork, run_split, split

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _job(name: str):
    def job(folder):
        (folder / name).write_text(str(os.getpid()))
        print(f"note from {name}", file=sys.stderr)
        return [name]
    return job


def test_jobs_run_in_two_processes_and_come_back_in_order(tmp_path, capsys):
    assert can_fork()
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    got = run_split([_job(n) for n in names], tmp_path, keys=names, costs=[5, 1, 4, 1],
                    workers=2)
    assert got == [[n] for n in names]
    pids = {(tmp_path / n).read_text() for n in names}
    assert len(pids) == 2 and str(os.getpid()) in pids
    # what the child printed is printed by the parent
    assert sorted(capsys.readouterr().err.splitlines()) == [f"note from {n}" for n in names]


def test_jobs_with_one_key_share_a_process(tmp_path):
    names = ["q1", "q2", "q3", "deck"]
    run_split([_job(n) for n in names], tmp_path, keys=["quiz", "quiz", "quiz", "deck"],
              costs=[1, 1, 1, 1], workers=2)
    pids = {n: (tmp_path / n).read_text() for n in names}
    assert pids["q1"] == pids["q2"] == pids["q3"] != pids["deck"]


def test_an_error_in_a_child_is_raised_in_the_parent(tmp_path):
    def bad(folder):
        raise ContentError("found a problem; allowed: none")
    with pytest.raises(ContentError, match="found a problem"):
        run_split([_job("a"), bad], tmp_path, keys=["a", "b"], costs=[1, 1], workers=2)


def test_an_interrupt_in_a_child_is_an_interrupt(tmp_path):
    def stop(folder):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        run_split([_job("a"), stop], tmp_path, keys=["a", "b"], costs=[1, 1], workers=2)


def test_split_balances_by_cost():
    groups = split([("pdf", 7.0), ("docx", 7.5), ("quiz", 3.7), ("pptx", 2.5)], 2)
    loads = sorted(sum((7.0, 7.5, 3.7, 2.5)[i] for i in g) for g in groups)
    assert loads == [10.0, 10.7]


def test_a_build_with_several_formats_writes_the_same_files_either_way(tmp_path):
    from deckgen.build.pipeline import build_content
    from deckgen.content.loader import load

    from .conftest import BRIEFING
    formats = ["pptx", "handout-docx", "gift", "quiz-docx"]
    one = build_content(load(BRIEFING), tmp_path / "one", formats=formats, workers=1)
    two = build_content(load(BRIEFING), tmp_path / "two", formats=formats, workers=2)
    assert one.by_format.keys() == two.by_format.keys() == set(formats)
    for a, b in zip(one.files, two.files):
        assert a.name == b.name and a.read_bytes() == b.read_bytes()
