"""Watching files: rebuild what changed when it is saved.

:class:`Watcher` builds its targets once (up-to-date files are skipped, as
``deckgen build`` does), then polls the time and size of every file the
builds read — the content files, course files, theme files with their
parents, logos, fonts and masters, and the CSV, Excel and image files the
content names (all listed in the builds' manifests, :mod:`deckgen.incremental`)
— plus the list of YAML files in a watched folder. When something changed
and then stayed quiet for a moment (editors often write a file in two
steps), the jobs that read it are built again; the build's own check then
decides, by content hash, whether anything really changed, so saving a file
without changing it builds nothing. Errors are printed and watching goes on.

Changes are seen through file events (inotify) when ``watchfiles`` is
installed, within a few tens of milliseconds of a save; otherwise by
comparing file times every ``interval`` seconds, which needs nothing extra
and works on network drives too (:mod:`deckgen.build.changes`).

With ``preview``, the slide pictures in ``OUT/<name>/preview/`` are painted
again after each build — only the slides whose picture would change
(:func:`deckgen.render.preview.paint_key`: the placed slide, the pictures it
shows, the theme), whichever file was edited — with the contact sheet.

What it prints is meant to be read at a glance while editing: a build that
failed and then succeeds says ``fixed:``; warnings (a theme's low contrast,
say) are shown once, and again only when they change.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional

from deckgen.build.batch import Job, Options, Outcome, YAML_SUFFIXES, _load, collect, run_jobs
from deckgen.build.changes import ChangeFeed
from deckgen.build.incremental import read_manifest
from deckgen.build.pipeline import Build, resolve_theme
from deckgen.render.preview import _contact_sheet, paint_key, paint_slide


class Watcher:
    """Builds ``targets`` (files, folders, courses) and rebuilds them as they change."""

    def __init__(self, targets: list, options: Options, out_dir: Path, workers: int = 1,
                 preview: bool = False, dpi: int = 96, interval: float = 0.5,
                 out=None, err=None,
                 on_outcome: Optional[Callable[[Outcome], None]] = None) -> None:
        self.targets = [Path(t) for t in targets]
        self.options = options
        self.out_dir = Path(out_dir)
        self.workers = workers
        self.preview = preview
        self.dpi = dpi
        self.interval = interval
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.on_outcome = on_outcome
        self.jobs: list[Job] = []
        self.builds = 0            # jobs built (not skipped) since the start
        self.painted = 0           # slide previews painted since the start
        self._keys: dict = {}      # job target -> the paint keys of the slides last painted
        self._failed: set = set()  # job targets whose last build failed
        self._warned: dict = {}    # job target -> the warnings last shown

    # -- what to watch ------------------------------------------------------------------------
    def _rescan(self) -> None:
        col = collect(self.targets, self.out_dir)
        self.jobs = col.jobs
        for o in col.left_out:
            if o.status == "failed":
                self._say(o.error, err=True)

    def _listing(self) -> dict:
        """Return the YAML files in watched folders (a new or removed file changes this)."""
        out = {}
        for t in self.targets:
            if t.is_dir():
                out[t] = tuple(sorted(f.name for f in t.iterdir()
                                      if f.suffix.lower() in YAML_SUFFIXES))
        return out

    def _inputs(self, job: Job) -> set:
        files = {job.path.resolve()}
        if job.course is not None:
            files.add(Path(job.course).resolve())
        m = read_manifest(job.target)
        if m:
            files |= {Path(p) for p in m.get("inputs", {})}
        return files

    def _watched(self) -> dict:
        """Return every watched file and the jobs that read it."""
        readers: dict = {}
        for t in self.targets:
            if t.is_file():
                readers.setdefault(t.resolve(), set())
        for i, job in enumerate(self.jobs):
            for f in self._inputs(job):
                readers.setdefault(f, set()).add(i)
        return readers

    # -- building -----------------------------------------------------------------------------
    def _say(self, text: str, err: bool = False) -> None:
        stream = self.err if err else self.out
        print(text, file=stream, flush=True)

    def _warnings(self, o: Outcome) -> None:
        """Show the warnings of a build that were not shown for its last one."""
        before = self._warned.get(o.target, ())
        for w in o.warnings:
            if w not in before:
                self._say(f"warning: {w}", err=True)
        same = sum(1 for w in o.warnings if w in before)
        if same:
            self._say(f"  ({same} warning{'s' if same != 1 else ''} as before, not repeated)",
                      err=True)
        self._warned[o.target] = tuple(o.warnings)

    def _build(self, indexes, first: bool = False) -> None:
        jobs = [self.jobs[i] for i in sorted(indexes)]
        if not jobs:
            return
        clock = time.strftime("%H:%M:%S")

        def done(_: int, o: Outcome) -> None:
            name = o.path
            fixed = o.status != "failed" and o.target in self._failed
            if o.status == "failed":
                self._failed.add(o.target)
            else:
                self._failed.discard(o.target)
            if o.status == "built":
                self.builds += 1
                self._warnings(o)
                did = "fixed: built" if fixed else "built" if first else "rebuilt"
                self._say(f"[{clock}] {did} {name} "
                          f"({o.slides} slide{'s' if o.slides != 1 else ''}, {o.seconds:.1f} s)")
            elif o.status == "failed":
                self._say(o.error.rstrip("\n"), err=True)
                self._say(f"[{clock}] {name} was not built; the previous outputs stay. "
                          "Watching for the next change.", err=True)
            elif fixed:
                # put back as it was at its last good build: those outputs stand
                self._say(f"[{clock}] fixed: {name} is as at its last build; its outputs are "
                          "up to date")
            elif first:
                self._warnings(o)
                self._say(f"[{clock}] up to date {name}")
            if self.on_outcome:
                self.on_outcome(o)

        outcomes = run_jobs(jobs, self.options, self.workers, on_done=done)
        if self.preview:
            for job, o in zip(jobs, outcomes):
                if o.status == "built" or (first and o.status == "up to date"):
                    try:
                        self._repaint(job)
                    except Exception as exc:   # a preview problem must not stop watching
                        self._say(f"warning: the preview of {job.path} was not painted: {exc}",
                                  err=True)

    def _repaint(self, job: Job) -> None:
        """Paint the slides of ``job`` whose picture changed since they were last painted."""
        content = _load(job)
        theme = resolve_theme(content, self.options.theme, self.options.strict)
        placed = Build(content, theme, quiz_slides=self.options.quiz_slides).placed
        folder = job.target / "preview"
        folder.mkdir(parents=True, exist_ok=True)
        before = self._keys.get(job.target, [])
        keys = [paint_key(ps, theme) for ps in placed.slides]
        files, painted = [], 0
        for k, ps in enumerate(placed.slides):
            path = folder / f"slide-{ps.number:02d}.png"
            files.append(path)
            if k < len(before) and before[k] == keys[k] and path.exists():
                continue
            tmp = folder / f".{path.stem}.tmp.png"
            paint_slide(ps, placed, theme, tmp, dpi=self.dpi)
            os.replace(tmp, path)
            painted += 1
        for old in folder.glob("slide-*.png"):
            if old not in files:
                old.unlink()
        if painted and files:
            tmp = folder / ".contact-sheet.tmp.png"
            _contact_sheet(files, tmp)
            os.replace(tmp, folder / "contact-sheet.png")
        self._keys[job.target] = keys
        self.painted += painted
        if painted:
            self._say(f"  painted {painted} slide preview{'s' if painted != 1 else ''} in {folder}")

    # -- the loop -----------------------------------------------------------------------------
    def run(self, stop: threading.Event | None = None) -> None:
        """Build, then rebuild on every change until ``stop`` is set (or Ctrl-C)."""
        stop = stop or threading.Event()
        self._rescan()
        self._build(range(len(self.jobs)), first=True)
        feed = ChangeFeed(self.interval)
        readers = self._watched()
        listing = self._listing()
        folders = [t for t in self.targets if t.is_dir()]
        feed.watch(readers, folders)
        self._say(f"watching {len(readers)} file{'s' if len(readers) != 1 else ''} "
                  f"for {len(self.jobs)} content file{'s' if len(self.jobs) != 1 else ''}; "
                  "Ctrl-C stops")
        try:
            while True:
                seen = feed.next(stop)
                if seen is None:
                    break
                self._changed(seen, readers, listing)
                readers = self._watched()
                listing = self._listing()
                feed.watch(readers, folders)
        finally:
            feed.close()

    def _changed(self, seen: set, readers: dict, listing: dict) -> None:
        """Build again what the changed files ``seen`` affect."""
        new_listing = self._listing()
        changed = {f for f in seen if f in readers}
        if not changed and new_listing == listing:
            return
        sources = {j.path.resolve() for j in self.jobs}
        targets = sources | {Path(j.course).resolve() for j in self.jobs if j.course} | {
            t.resolve() for t in self.targets if t.is_file()}
        if new_listing != listing or changed & targets:
            # a file may have become a course, or a course may list other lectures
            old_targets = {j.target for j in self.jobs}
            self._rescan()
            readers = self._watched()
            affected = {i for i, j in enumerate(self.jobs)
                        if j.target not in old_targets or j.path.resolve() in changed
                        or (j.course and Path(j.course).resolve() in changed)}
        else:
            affected = set()
        affected |= {i for f in changed for i in readers.get(f, ())}
        self._build(affected)
