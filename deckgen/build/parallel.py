"""Writing one build's formats side by side, in forked processes.

A content file's outputs are independent of each other once the deck is
planned: the reading handout as PDF and as DOCX, the deck, the quiz sheets.
On a machine with two cores, writing them two at a time takes about half as
long. :func:`run_split` does that with ``os.fork``: each child starts with
the content, the theme and the planned deck already in memory (nothing is
pickled but the file names it wrote), writes its share into the same
temporary folder, and sends back what it printed; the parent writes the
rest. Where ``fork`` is missing (Windows), or other threads are running (a
fork copies only the calling thread, and a lock held by another would stay
locked in the child), the writers simply run one after the other.

Writers that come from the same module stay in one process: such writers
may share work, as the quiz formats share the quiz they build (and print its
notes once).
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import sys
import threading
import traceback
from contextlib import redirect_stderr, redirect_stdout
from typing import Callable, Sequence

# rough relative cost of each format (ms for the example briefing / 100, measured
# in a warm process with matplotlib imported on first use), to share them out
COST = {"handout-pdf": 7.0, "handout-docx": 7.5, "handout-slides-pdf": 7.0,
        "handout-slides-docx": 7.5, "handout-notes-pdf": 7.0, "handout-notes-docx": 7.5,
        "pptx": 2.5, "quiz-pdf": 2.2, "quiz-docx": 1.4, "gift": 0.05, "moodle": 0.05,
        "qti": 0.1, "slides-pdf": 1.1}


def can_fork() -> bool:
    """True when this process may fork to write formats side by side."""
    return hasattr(os, "fork") and threading.active_count() == 1


def split(families: Sequence[tuple[str, float]], n: int) -> list[list[int]]:
    """Share families (name, cost) out into at most ``n`` groups of about equal cost.

    Returns lists of indexes into ``families``; the costliest go first, each
    to the group with the least so far.
    """
    groups: list[list[int]] = [[] for _ in range(max(1, min(n, len(families))))]
    load = [0.0] * len(groups)
    for i in sorted(range(len(families)), key=lambda i: -families[i][1]):
        g = load.index(min(load))
        groups[g].append(i)
        load[g] += families[i][1]
    return [g for g in groups if g]


class ChildFailed(RuntimeError):
    """A writer failed in a child process with an error that could not be sent back as such."""


def run_split(jobs: Sequence[Callable], folder, keys: Sequence[str], costs: Sequence[float],
              workers: int) -> list[list[str]]:
    """Run ``jobs`` (``job(folder) -> names``), up to ``workers`` at once; return their names.

    ``keys`` say which jobs must share a process (equal keys), ``costs`` how
    long each takes, roughly. Results come back in the jobs' order. An
    exception in any job is raised here once every process has finished
    (the same exception when it can be sent back, else :class:`ChildFailed`
    with the child's traceback); ``KeyboardInterrupt`` stops the children.
    """
    if workers <= 1 or len(jobs) <= 1 or not can_fork():
        return [job(folder) for job in jobs]
    order: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        order.setdefault(key, []).append(i)
    families = [(key, sum(costs[i] for i in idx)) for key, idx in order.items()]
    groups = [[i for f in group for i in order[families[f][0]]]
              for group in split(families, workers)]
    if len(groups) == 1:
        return [job(folder) for job in jobs]
    sys.stdout.flush()
    sys.stderr.flush()
    children: list = []       # (pid, read end, group), not yet collected
    try:
        for group in groups[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:            # the child: write its share, send back names and output
                os.close(r)
                _child(jobs, group, folder, w)
            os.close(w)
            children.append((pid, r, group))
        results: dict[int, list[str]] = {}
        failure: BaseException | None = None
        try:
            for i in groups[0]:
                results[i] = jobs[i](folder)
        except KeyboardInterrupt:
            raise                       # the children are stopped below
        except BaseException as exc:    # let the children finish, then raise it
            failure = exc
        while children:
            pid, r, group = children.pop(0)
            status, payload, out, err = _collect(pid, r)
            sys.stdout.write(out)
            sys.stderr.write(err)
            if status == "ok":
                results.update(zip(group, payload))
            elif failure is None:
                failure = payload
        if failure is not None:
            raise failure
        return [results[i] for i in range(len(jobs))]
    finally:
        for pid, r, _ in children:
            _reap(pid, kill=True)
            os.close(r)


def _child(jobs, group, folder, w) -> None:
    """Run ``group`` in this (forked) process and send the outcome down ``w``; never returns."""
    code = 0
    out, err = io.StringIO(), io.StringIO()
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with redirect_stdout(out), redirect_stderr(err):
            names = [jobs[i](folder) for i in group]
        payload = ("ok", names)
    except KeyboardInterrupt:
        payload = ("error", KeyboardInterrupt())
    except BaseException as exc:
        payload = ("error", exc)
        try:
            pickle.dumps(exc)
        except Exception:
            payload = ("error", ChildFailed(traceback.format_exc()))
    try:
        data = pickle.dumps((*payload, out.getvalue(), err.getvalue()))
    except Exception:
        data = pickle.dumps(("error", ChildFailed(traceback.format_exc()), out.getvalue(),
                             err.getvalue()))
        code = 1
    try:
        with os.fdopen(w, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)     # no atexit handlers, no flushing of the parent's buffers


def _collect(pid: int, r: int):
    """Read a child's answer and reap it (it owns ``r`` from here on)."""
    try:
        with os.fdopen(r, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        _reap(pid, kill=True)
        raise
    status = _reap(pid)
    if not data:
        return ("error", ChildFailed(f"a writer process ended without an answer (status "
                                     f"{status})"), "", "")
    return pickle.loads(data)


def _reap(pid: int, kill: bool = False) -> int:
    if kill:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    try:
        return os.waitpid(pid, 0)[1]
    except OSError:
        return -1
