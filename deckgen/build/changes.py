"""Change detection for ``deckgen watch`` and ``deckgen serve``: which files were saved.

:class:`ChangeFeed` is told the files a build read (and the folders whose
list of content files matters) and hands back the ones that changed, soon
after they are saved. It listens to the operating system's file events
(inotify on Linux, through the ``watchfiles`` package) when that package is
importable, so a save is seen within a few tens of milliseconds and an idle
watch costs nothing; otherwise it compares file times and sizes every
``interval`` seconds, which works everywhere, network drives included.

Events are taken on the files' folders rather than on the files, because
many editors save by writing a new file and renaming it over the old one.
A change is handed back once the files have been quiet for ``settle``
seconds, so an editor that writes a file in two steps causes one build.
"""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path
from typing import Iterable, Optional

YAML_SUFFIXES = (".yaml", ".yml")


def have_events() -> bool:
    """True when file events (``watchfiles``) can be used instead of polling."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return False
    return True


def _stamp(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _listing(folder: Path) -> tuple:
    try:
        return tuple(sorted(f.name for f in folder.iterdir() if f.suffix.lower() in YAML_SUFFIXES))
    except OSError:
        return ()


class ChangeFeed:
    """Tells which of a set of files (and folders of content files) changed.

    ``polling=True`` (or no ``watchfiles``) compares stamps every ``interval``
    seconds; otherwise file events are used. :attr:`backend` says which.
    """

    def __init__(self, interval: float = 0.5, polling: Optional[bool] = None,
                 settle: Optional[float] = None) -> None:
        if polling is None:
            polling = os.environ.get("DECKGEN_WATCH_POLLING", "") not in ("", "0") or not have_events()
        self.backend = "polling" if polling else "events"
        self.interval = max(0.02, interval)
        self.settle = settle if settle is not None else (self.interval if polling else 0.04)
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._files: frozenset = frozenset()
        self._folders: frozenset = frozenset()
        self._dirs: frozenset = frozenset()
        self._stamps: dict = {}
        self._lists: dict = {}
        self._thread: Optional[threading.Thread] = None
        self._halt: Optional[threading.Event] = None

    # -- what to watch ------------------------------------------------------------------------
    def watch(self, files: Iterable, folders: Iterable = ()) -> None:
        """Watch these files (and the lists of content files in ``folders``) from now on."""
        files = frozenset(Path(f).resolve() for f in files)
        folders = frozenset(Path(f).resolve() for f in folders)
        with self._lock:
            for f in files - self._files:
                self._stamps[f] = _stamp(f)
            for d in folders - self._folders:
                self._lists[d] = _listing(d)
            self._files, self._folders = files, folders
        if self.backend == "polling":
            if self._thread is None:
                self._start(self._poll)
            return
        dirs = frozenset(d for d in {f.parent for f in files} | folders if d.is_dir())
        if dirs != self._dirs or self._thread is None:
            self._stop_thread()
            self._dirs = dirs
            if dirs:
                self._start(self._listen, dirs)

    def close(self) -> None:
        """Stop watching (the background thread ends)."""
        self._stop_thread()

    # -- waiting ------------------------------------------------------------------------------
    def next(self, stop: Optional[threading.Event] = None,
             timeout: Optional[float] = None) -> Optional[set]:
        """Wait for a change; return the changed paths once they have settled.

        Returns None when ``stop`` is set or ``timeout`` seconds pass first.
        """
        waited = 0.0
        while True:
            if stop is not None and stop.is_set():
                return None
            try:
                first = self._queue.get(timeout=0.05)
                break
            except queue.Empty:
                waited += 0.05
                if timeout is not None and waited >= timeout:
                    return None
        changed = {first}
        while True:       # gather what follows until the files are quiet
            try:
                changed.add(self._queue.get(timeout=self.settle))
            except queue.Empty:
                return changed

    # -- the background thread ------------------------------------------------------------------
    def _start(self, target, *args) -> None:
        self._halt = threading.Event()
        self._thread = threading.Thread(target=target, args=(self._halt, *args), daemon=True,
                                        name="deckgen-changes")
        self._thread.start()

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._halt.set()
            self._thread.join(5)
        self._thread = None

    def _relevant(self, p: Path) -> bool:
        return p in self._files or (p.parent in self._folders
                                    and p.suffix.lower() in YAML_SUFFIXES)

    def _listen(self, halt: threading.Event, dirs: frozenset) -> None:
        import watchfiles
        try:
            for events in watchfiles.watch(*sorted(str(d) for d in dirs), watch_filter=None,
                                           debounce=20, step=10, stop_event=halt,
                                           recursive=False, raise_interrupt=False,
                                           rust_timeout=500, yield_on_timeout=False):
                with self._lock:
                    for _, name in events:
                        p = Path(name)
                        if self._relevant(p):
                            self._stamps[p] = _stamp(p)
                            self._queue.put(p)
                        elif p.parent in self._folders and self._lists.get(p.parent) != _listing(p.parent):
                            self._queue.put(p.parent)
        except Exception:       # the folder went away, too many watches...: fall back to polling
            if not halt.is_set():
                self.backend = "polling"
                self.settle = self.interval
                self._poll(halt)

    def _poll(self, halt: threading.Event) -> None:
        while not halt.wait(self.interval):
            with self._lock:
                for f in self._files:
                    now = _stamp(f)
                    if now != self._stamps.get(f):
                        self._stamps[f] = now
                        self._queue.put(f)
                for d in self._folders:
                    now = _listing(d)
                    if now != self._lists.get(d):
                        self._lists[d] = now
                        self._queue.put(d)
