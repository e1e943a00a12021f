"""deckgen watch: a saved change builds once; errors are printed and watching goes on."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from deckgen.build.batch import Options
from deckgen.build.watch import Watcher

WAIT = 60.0      # bound on every wait: builds on a busy machine can be slow


class Running:
    """A Watcher in a thread, with what it reported."""

    def __init__(self, targets, out: Path, **kw) -> None:
        self.outcomes: list = []
        self.log, self.err = io.StringIO(), io.StringIO()
        self.stop = threading.Event()
        self.watcher = Watcher(targets, Options(formats=("pptx",)), out, workers=1,
                               interval=0.05, out=self.log, err=self.err,
                               on_outcome=self.outcomes.append, **kw)
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,), daemon=True)

    def __enter__(self):
        self.thread.start()
        self.wait_for(lambda: "watching" in self.log.getvalue())
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "the watcher did not stop"

    def wait_for(self, condition, what: str = "") -> None:
        end = time.monotonic() + WAIT
        while not condition():
            assert self.thread.is_alive(), f"the watcher stopped:\n{self.err.getvalue()}"
            assert time.monotonic() < end, f"waited {WAIT} s for {what or condition}:\n" \
                f"{self.log.getvalue()}\n{self.err.getvalue()}"
            time.sleep(0.02)

    def settle(self) -> None:
        """Give the watcher time for several more looks (any extra build would show)."""
        time.sleep(0.6)

    def built(self) -> list:
        return [Path(o.path).name for o in self.outcomes if o.status == "built"]


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # a save within the same clock tick as the last one still shows as a change
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_an_edit_builds_that_file_once(tmp_path):
    folder = tmp_path / "talks"
    folder.mkdir()
    a = folder / "a.yaml"
    b = folder / "b.yaml"
    a.write_text("title: A\ncontext: [One]\n")
    b.write_text("title: B\ncontext: [One]\n")
    out = tmp_path / "out"
    with Running([folder], out) as w:
        assert sorted(w.built()) == ["a.yaml", "b.yaml"]      # the first build
        deck = out / "a" / "a.pptx"
        ino = deck.stat().st_ino
        _save(a, "title: A\ncontext: [One, Two]\n")
        w.wait_for(lambda: len(w.built()) == 3, "the rebuild")
        w.settle()
        assert w.built() == ["a.yaml", "b.yaml", "a.yaml"]
        assert deck.stat().st_ino != ino
        assert "rebuilt " in w.log.getvalue()


def test_saving_without_a_change_builds_nothing_and_a_theme_edit_rebuilds(tmp_path):
    look = tmp_path / "look.yaml"
    look.write_text("extends: default\npalette: {primary: '#7A1F5C'}\n")
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\ntheme: look.yaml\ncontext: [One]\n")
    with Running([f], tmp_path / "out") as w:
        assert w.built() == ["talk.yaml"]
        _save(f, f.read_text())                 # same bytes, new time
        w.settle()
        assert w.built() == ["talk.yaml"]
        _save(look, "extends: default\npalette: {primary: '#205C7A'}\n")
        w.wait_for(lambda: len(w.built()) == 2, "the rebuild after the theme changed")
        w.settle()
        assert w.built() == ["talk.yaml", "talk.yaml"]


def test_a_mistake_is_reported_and_watching_goes_on(tmp_path):
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\n")
    with Running([f], tmp_path / "out") as w:
        _save(f, "title: T\nconcerns: [{title: X, impact: hgh}]\n")
        w.wait_for(lambda: any(o.status == "failed" for o in w.outcomes), "the failure")
        assert f"{f}:2:31: concerns[0].impact: found 'hgh'" in w.err.getvalue()
        assert "was not built; the previous outputs stay" in w.err.getvalue()
        _save(f, "title: T\nconcerns: [{title: X, impact: high}]\n")
        w.wait_for(lambda: len(w.built()) == 2, "the build after the fix")
        w.settle()
        assert [o.status for o in w.outcomes] == ["built", "failed", "built"]
        last = w.log.getvalue().splitlines()[-1]
        assert re.fullmatch(rf"\[\d\d:\d\d:\d\d\] fixed: built {re.escape(str(f))} "
                            r"\(2 slides, \d+\.\d s\)", last), last
        # the next good build is an ordinary rebuild again
        _save(f, "title: T2\nconcerns: [{title: X, impact: high}]\n")
        w.wait_for(lambda: len(w.built()) == 3, "the next rebuild")
        assert " rebuilt " in w.log.getvalue().splitlines()[-1]


def test_undoing_a_mistake_is_an_all_clear_with_the_outputs_up_to_date(tmp_path):
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\n")
    with Running([f], tmp_path / "out") as w:
        _save(f, "title: T\nkind: nonsense\n")
        w.wait_for(lambda: any(o.status == "failed" for o in w.outcomes), "the failure")
        _save(f, "title: T\n")                 # back as it was: nothing to build
        w.wait_for(lambda: len(w.outcomes) == 3, "the check after the undo")
        assert [o.status for o in w.outcomes] == ["built", "failed", "up to date"]
        last = w.log.getvalue().splitlines()[-1]
        assert re.fullmatch(rf"\[\d\d:\d\d:\d\d\] fixed: {re.escape(str(f))} is as at its "
                            "last build; its outputs are up to date", last), last


def test_a_themes_warnings_are_shown_once_until_they_change(tmp_path):
    look = tmp_path / "look.yaml"
    look.write_text("extends: default\npalette: {primary: '#EEEEEE'}\n")
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\ntheme: look.yaml\ncontext: [One]\n")
    with Running([f], tmp_path / "out") as w:
        first = [ln for ln in w.err.getvalue().splitlines() if ln.startswith("warning: ")]
        assert len(first) > 1 and all("#EEEEEE" in ln for ln in first)
        _save(f, "title: T\ntheme: look.yaml\ncontext: [One, Two]\n")
        w.wait_for(lambda: len(w.built()) == 2, "the rebuild")
        assert w.err.getvalue().splitlines()[len(first):] == [
            f"  ({len(first)} warnings as before, not repeated)"]
        _save(look, "extends: default\npalette: {primary: '#DDDDDD'}\n")
        w.wait_for(lambda: len(w.built()) == 3, "the rebuild after the theme changed")
        new = [ln for ln in w.err.getvalue().splitlines()[len(first) + 1:]
               if ln.startswith("warning: ")]
        assert new and all("#DDDDDD" in ln for ln in new)


def test_a_new_file_in_a_watched_folder_is_built(tmp_path):
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "a.yaml").write_text("title: A\n")
    with Running([folder], tmp_path / "out") as w:
        (folder / "b.yaml").write_text("title: B\n")
        w.wait_for(lambda: "b.yaml" in w.built(), "the new file's build")
        w.settle()
        assert sorted(w.built()) == ["a.yaml", "b.yaml"]


def test_preview_repaints_only_the_slides_that_changed(tmp_path):
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\ncontext: [One]\noutlook: [Later]\n")
    out = tmp_path / "out"
    with Running([f], out, preview=True, dpi=10) as w:
        folder = out / "talk" / "preview"
        w.wait_for(lambda: (folder / "contact-sheet.png").exists(), "the first previews")
        stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("slide-*.png")}
        assert len(stamps) == 3
        _save(f, "title: T\ncontext: [One]\noutlook: [Much later]\n")
        w.wait_for(lambda: "painted 1 slide preview" in w.log.getvalue(), "the repaint")
        after = {p.name: p.stat().st_mtime_ns for p in folder.glob("slide-*.png")}
        assert [n for n in sorted(after) if after[n] != stamps[n]] == ["slide-03.png"]
        assert w.watcher.painted == 4


def test_a_data_file_edit_repaints_only_the_chart_that_shows_it(tmp_path):
    data = tmp_path / "spend.csv"
    data.write_text("label,value\nA,1\nB,2\n")
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\ncontext: [One]\ncharts:\n  - id: c1\n    title: Spend\n"
                 "    data: {csv: spend.csv}\noutlook: [Later]\n")
    out = tmp_path / "out"
    with Running([f], out, preview=True, dpi=10) as w:
        folder = out / "talk" / "preview"
        w.wait_for(lambda: (folder / "contact-sheet.png").exists(), "the first previews")
        stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("slide-*.png")}
        count = w.watcher.painted
        assert count == len(stamps) == 4
        _save(data, "label,value\nA,1\nB,3\n")
        w.wait_for(lambda: w.watcher.painted > count, "the repaint")
        w.settle()
        after = {p.name: p.stat().st_mtime_ns for p in folder.glob("slide-*.png")}
        changed = [n for n in sorted(after) if after[n] != stamps[n]]
        assert len(changed) == 1 and w.watcher.painted == count + 1
        assert "painted 1 slide preview in" in w.log.getvalue()
        # a line added above the chart moves it in the file, not on the slide
        painted = w.watcher.painted
        _save(f, "title: T\n\n# a comment\ncontext: [One]\ncharts:\n  - id: c1\n"
                 "    title: Spend\n    data: {csv: spend.csv}\noutlook: [Later]\n")
        w.wait_for(lambda: len(w.built()) == 3, "the rebuild")
        w.settle()
        assert w.watcher.painted == painted


def test_ctrl_c_stops_watching_cleanly(tmp_path):
    f = tmp_path / "talk.yaml"
    f.write_text("title: T\n")
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", "watch", str(f), "--formats",
                             "pptx", "--out", str(tmp_path / "out"), "--interval", "0.1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + WAIT
        while not (tmp_path / "out" / "talk" / "talk.pptx").exists():
            assert proc.poll() is None and time.monotonic() < end
            time.sleep(0.05)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert err.strip().splitlines()[-1] == "deckgen: stopped watching."
    assert "Traceback" not in err
