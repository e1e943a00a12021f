"""Reproducible builds and nothing lost: same inputs, same bytes; failures leave no trace."""

import hashlib
import zipfile
from datetime import datetime, timedelta

import pytest
import time_machine

from deckgen.build import pipeline as build_module
from deckgen.build.pipeline import build
from deckgen.build.formats import WRITERS

from .conftest import CONTENT


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_two_builds_an_hour_apart_are_identical(path, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    start = datetime(2026, 3, 1, 9, 0, 0)
    with time_machine.travel(start, tick=False):
        build(path, tmp_path / "a", formats=list(WRITERS))
    with time_machine.travel(start + timedelta(hours=1, minutes=7), tick=False):
        build(path, tmp_path / "b", formats=list(WRITERS))
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert a.keys() == b.keys() and len(a) >= 1
    assert a == b, [k for k in a if a[k] != b[k]]


def test_source_date_epoch_sets_the_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14 22:13:20 UTC
    deck = build(CONTENT[0], tmp_path, formats=["pptx"]).files[0]
    with zipfile.ZipFile(deck) as z:
        core = z.read("docProps/core.xml").decode()
        times = {i.date_time for i in z.infolist()}
        embedded = [n for n in z.namelist() if n.endswith(".xlsx")]
        for name in embedded:
            import io
            with zipfile.ZipFile(io.BytesIO(z.read(name))) as wb:
                assert {i.date_time for i in wb.infolist()} == {(2023, 11, 14, 22, 13, 20)}
                assert "2023-11-14T22:13:20Z" in wb.read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core
    assert times == {(2023, 11, 14, 22, 13, 20)}


def test_a_failing_writer_leaves_the_previous_outputs(tmp_path, monkeypatch):
    path = CONTENT[0]
    first = build(path, tmp_path, formats=["pptx"]).files[0]
    before = first.read_bytes()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt   # as if the user pressed Ctrl-C mid-write

    from deckgen.build.formats import Writer
    monkeypatch.setitem(WRITERS, "explode", Writer("explode", lambda build, folder: boom()))
    with pytest.raises(KeyboardInterrupt):
        build(path, tmp_path, formats=["pptx", "explode"])
    assert first.read_bytes() == before
    leftovers = [p.name for p in first.parent.iterdir()]
    assert leftovers == [first.name]


def test_interrupt_through_the_command_line(run, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(build_module, "plan", boom)
    code, out, err = run("build", CONTENT[0], "--out", tmp_path)
    assert code == 130
    assert err.strip() == "deckgen: interrupted; no partial files were left."
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
