"""Building many content files at once: folders, courses, in parallel, incrementally.

``deckgen build`` hands its arguments to :func:`collect`, which turns files,
folders and course files into :class:`Job` s (one per content file to
build) and notes what it leaves out; :func:`run_jobs` skips every job whose
outputs are current (:mod:`deckgen.incremental`), builds the rest — in
worker processes when more than one needs building — and returns one
:class:`Outcome` per job, in order. A job that fails does not stop the
others. :func:`summary` formats the table printed at the end.

**Which files in a folder are content.** Every ``.yaml``/``.yml`` file
directly in the folder is read (not its subfolders, which hold images and
data) and told apart by its keys, without guessing from its name:

- a mapping with ``lectures`` is a *course*: its lectures are built with its
  defaults, into ``OUT/<course>/<lecture>/``, and are not built a second time
  on their own when they sit in the same folder;
- a mapping with ``title``, or with any other key of the content format, is
  *content* (a content file that lacks its title is then reported as such);
- a mapping whose keys are all theme keys (``extends``, ``palette``,
  ``fonts`` ...) is a *theme*, and is skipped;
- anything else (another tool's YAML) is skipped as not a deckgen file.

A file that is not valid YAML is treated as content, so its problem is
reported with its line and column rather than passed over.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from deckgen.build import incremental as inc
from deckgen.build.formats import get_writers
from deckgen.build.incremental import options_key
from deckgen.build.parallel import can_fork
from deckgen.build.pipeline import build_content, resolve_theme
from deckgen.content.course import Course, Lecture, is_course, load_course, load_lecture
from deckgen.content.loader import TOP, load
from deckgen.content.yamlsafe import read_yaml
from deckgen.errors import DeckgenError, EXIT_BUG
from deckgen.theme.theme import SCHEMA

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One content file to build: into ``out_dir/<its name>/``, with a course's defaults."""

    path: Path
    out_dir: Path
    course: Optional[Path] = None

    @property
    def target(self) -> Path:
        """Return the output folder the job writes."""
        return self.out_dir / self.path.stem


@dataclass(frozen=True)
class Options:
    """What every job of one ``deckgen build`` shares."""

    formats: tuple = ("pptx",)
    theme: Optional[str] = None
    strict: bool = False
    quiz_slides: bool = False
    report: bool = False
    force: bool = False


@dataclass
class Outcome:
    """What happened to one job (or to a file left out)."""

    path: str
    status: str                      # built, up to date, failed, skipped
    target: str = ""
    files: list = field(default_factory=list)        # paths written (built)
    slides: int = 0
    warnings: list = field(default_factory=list)
    error: str = ""                  # the message a user sees (failed, skipped)
    exit_code: int = 0
    seconds: float = 0.0
    reason: str = ""                 # why it was built
    fit_notes: list = field(default_factory=list)
    bug: bool = False                # error is a traceback: a bug in deckgen


@dataclass
class Collected:
    """The jobs found in the command line's arguments, and what was left out."""

    jobs: list = field(default_factory=list)
    left_out: list = field(default_factory=list)      # Outcome (skipped or failed)
    courses: list = field(default_factory=list)       # (Course, number of its jobs)
    many: bool = False     # a folder or a course was given: report as a batch


# -- which files are content --------------------------------------------------------------


def kind_of(path: Path) -> str:
    """Return ``content``, ``course``, ``theme`` or ``other`` for a YAML file (see the module)."""
    try:
        root = read_yaml(path)
    except DeckgenError:
        return "content"      # so that its problem is reported, located
    if root.kind != "map":
        return "other"
    keys = {k.text for k, _ in root.items}
    if "lectures" in keys:
        return "course"
    if "title" in keys:
        return "content"
    theme_keys = set(SCHEMA)
    if keys and keys <= theme_keys:
        return "theme"
    if keys & (set(TOP) - theme_keys):
        return "content"
    return "other"


def _may_be_course(path: Path) -> bool:
    """False when ``path`` cannot be a course file (no ``lectures`` in it): no parse needed."""
    try:
        return b"lectures" in path.read_bytes()
    except OSError:
        return False


_LEFT_OUT = {"theme": "a theme file, not content", "other": "not a deckgen content file"}


def _real(p: Path) -> str:
    """Return the resolved path; a symlink loop keeps its absolute path (its build reports it)."""
    try:
        return str(Path(p).resolve())
    except (OSError, RuntimeError):     # RuntimeError: a symlink loop (Python < 3.13)
        return os.path.abspath(p)


def collect(paths, out_dir: Path) -> Collected:
    """Turn the command line's files, folders and course files into jobs."""
    out_dir = Path(out_dir)
    col = Collected()
    seen: set = set()

    targets: dict = {}

    def add(job: Job) -> None:
        key = (_real(job.path), _real(job.target))
        if key in seen:
            return
        # folded: 'Talk.yaml' and 'talk.yaml' share one folder on macOS and Windows
        folder = key[1].casefold()
        first = targets.get(folder)
        if first is not None:      # two files of one name would write one folder
            col.left_out.append(Outcome(
                str(job.path), "failed", exit_code=2,
                error=f"{job.path}: found a second file named '{job.path.name}' for the output "
                      f"folder {job.target}; allowed: files with different names, since each "
                      f"is built into a folder of its name (the first is {first})"))
            return
        seen.add(key)
        targets[folder] = job.path
        col.jobs.append(job)

    def add_course(f: Path) -> set:
        try:
            course = load_course(f)
        except DeckgenError as exc:
            col.left_out.append(Outcome(str(f), "failed", error=exc.render(),
                                        exit_code=exc.exit_code, reason="course"))
            return set()
        for lec in course.lectures:
            add(Job(lec.path, out_dir / course.name, course.file))
        col.courses.append((course, len(course.lectures)))
        col.many = True
        return {lec.path.resolve() for lec in course.lectures}

    for p in paths:
        p = Path(p)
        if p.is_dir():
            col.many = True
            files = sorted(f for f in p.iterdir()
                           if f.suffix.lower() in YAML_SUFFIXES and f.is_file())
            kinds = {f: kind_of(f) for f in files}
            in_course: set = set()
            for f in files:
                if kinds[f] == "course":
                    in_course |= add_course(f)
            for f in files:
                k = kinds[f]
                if k == "content" and f.resolve() not in in_course:
                    add(Job(f, out_dir))
                elif k in _LEFT_OUT:
                    col.left_out.append(Outcome(str(f), "skipped", error=_LEFT_OUT[k]))
        elif p.suffix.lower() in YAML_SUFFIXES and _may_be_course(p) and is_course(p):
            add_course(p)
        else:
            add(Job(p, out_dir))   # a missing or broken file is reported by its build
    if len(col.jobs) > 1:
        col.many = True
    return col


# -- building one job ----------------------------------------------------------------------

_COURSES: dict = {}


def _course(path: Path):
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _COURSES:
        _COURSES[key] = load_course(path)
    return _COURSES[key]


def _load(job: Job):
    if job.course is None:
        return load(job.path)
    course = _course(job.course)
    want = job.path.resolve()
    lecture = next(lec for lec in course.lectures if lec.path.resolve() == want)
    return load_lecture(course, lecture)


def build_job(job: Job, options: Options, formats: tuple | None = None, reason: str = "",
              catch_bugs: bool = True, writers_at_once: int = 1) -> Outcome:
    """Build one job (in this process); record its manifest; return what happened.

    ``formats`` (default: the options') may be fewer than the options name,
    when the others are up to date; ``writers_at_once`` > 1 writes them side by
    side (``deckgen.parallel``).

    Problems in the user's files come back as a failed :class:`Outcome`; so
    do bugs, with their traceback, unless ``catch_bugs`` is false.
    ``KeyboardInterrupt`` always propagates (nothing is left half-written).
    """
    t0 = time.perf_counter()
    formats = tuple(formats or options.formats)
    out = Outcome(str(job.path), "built", target=str(job.target), reason=reason)
    try:
        writers = get_writers(list(formats))
        content = _load(job)
        theme = resolve_theme(content, options.theme, options.strict)
        snapshot = inc.Snapshot.take(inc.inputs_of(content, theme, job.course))
        previous = inc.read_manifest(job.target)
        result = build_content(content, job.out_dir, options.theme, list(formats), writers,
                               report=options.report, strict=options.strict,
                               quiz_slides=options.quiz_slides, workers=writers_at_once)
        inc.record(job.target, _key(job, options), inc.theme_ref(content, options.theme),
                   snapshot, result.by_format, len(result.deck.slides), result.warnings,
                   previous)
    except DeckgenError as exc:
        out.status, out.error, out.exit_code = "failed", exc.render(), exc.exit_code
    except Exception:
        if not catch_bugs:
            raise
        out.status, out.error, out.exit_code, out.bug = ("failed", traceback.format_exc(),
                                                         EXIT_BUG, True)
    else:
        out.files = [str(f) for f in result.files]
        out.slides = len(result.deck.slides)
        out.warnings = list(result.warnings)
        out.fit_notes = list(result.fit_notes)
    out.seconds = time.perf_counter() - t0
    return out


def _key(job: Job, options: Options) -> dict:
    key = options_key(options.theme, options.strict, options.quiz_slides, job.course)
    # which file the folder was built from: b/talk.yaml is not "up to date" with a/talk.yaml's deck
    key["source"] = _real(Path(job.path))
    return key


# -- building many -------------------------------------------------------------------------


def cpu_count() -> int:
    """Return the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: list, options: Options, workers: int | None = None,
             on_done: Callable[[int, Outcome], None] | None = None,
             catch_bugs: bool = True) -> list:
    """Build every job that is not up to date; return one :class:`Outcome` per job, in order.

    Up-to-date jobs are found here, without starting anything. When more
    than one job needs building and ``workers`` allows, they are built in a
    pool of worker processes (``concurrent.futures.ProcessPoolExecutor``),
    else in this process. ``on_done(index, outcome)`` is called as each job
    finishes.
    """
    workers = workers or cpu_count()
    hashes = inc.Hashes()
    outcomes: list = [None] * len(jobs)
    todo = []
    for i, job in enumerate(jobs):
        formats = tuple(options.formats)
        reason = "--force" if options.force else "--report" if options.report else ""
        if not reason:
            fresh = inc.check(job.target, _key(job, options), list(formats), hashes)
            if fresh.up_to_date:
                m = fresh.manifest or {}
                files = [str(job.target / n) for f in formats
                         for n in m.get("formats", {}).get(f, {})]
                outcomes[i] = Outcome(str(job.path), "up to date", target=str(job.target),
                                      files=files, slides=m.get("slides", 0),
                                      warnings=list(m.get("warnings", [])))
                if on_done:
                    on_done(i, outcomes[i])
                continue
            formats = tuple(f for f in formats if f in fresh.formats)
            reason = fresh.reason
        todo.append((i, job, formats, reason))

    if len(todo) <= 1 or workers <= 1:
        # one file to build: its formats are written side by side instead
        at_once = workers if len(todo) == 1 else 1
        for i, job, formats, reason in todo:
            outcomes[i] = build_job(job, options, formats, reason, catch_bugs, at_once)
            if on_done:
                on_done(i, outcomes[i])
        return outcomes

    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool
    import multiprocessing
    # fork shares what this process has imported already; with other threads
    # running (or no fork at all), workers start afresh
    ctx = multiprocessing.get_context("fork" if can_fork() else "spawn")
    pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=ctx)
    try:
        futures = {pool.submit(build_job, job, options, formats, reason): (i, job)
                   for i, job, formats, reason in todo}
        for fut in as_completed(futures):
            i, job = futures[fut]
            try:
                outcomes[i] = fut.result()
            except BrokenProcessPool as exc:   # a worker died (killed, out of memory)
                outcomes[i] = Outcome(str(job.path), "failed", target=str(job.target),
                                      error=f"the worker building it stopped: {exc}",
                                      exit_code=EXIT_BUG, bug=True)
            if on_done:
                on_done(i, outcomes[i])
    except KeyboardInterrupt:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return outcomes


# -- reporting -----------------------------------------------------------------------------


class Progress:
    """Shows how far a batch is: a bar redrawn on a terminal, a line per job otherwise.

    Messages (errors, warnings) go to ``err`` above the bar; the plain lines
    go to ``out``.
    """

    def __init__(self, total: int, out=None, err=None, tty: bool | None = None) -> None:
        self.total = total
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.tty = self.err.isatty() if tty is None else tty
        self.n = 0
        self.counts = {"built": 0, "up to date": 0, "failed": 0}
        self.shown = False

    def _bar(self, last: str) -> str:
        width = 24
        filled = int(width * self.n / max(1, self.total))
        parts = [f"{v} {k}" for k, v in self.counts.items() if v]
        return (f"\r\x1b[2K[{'#' * filled}{'.' * (width - filled)}] {self.n}/{self.total}"
                f"  {', '.join(parts)}  {last}")

    def message(self, text: str) -> None:
        """Print a message (to ``err``) without breaking the bar."""
        if self.tty and self.shown:
            self.err.write("\r\x1b[2K")
        print(text, file=self.err)
        if self.tty and self.shown:
            self.err.write(self._bar(""))
            self.err.flush()

    def done(self, outcome: Outcome) -> None:
        """Count a finished job and show it."""
        self.n += 1
        if outcome.status in self.counts:
            self.counts[outcome.status] += 1
        name = Path(outcome.path).name
        if self.tty:
            self.err.write(self._bar(f"{outcome.status}: {name}"))
            self.err.flush()
            self.shown = True
        else:
            detail = ""
            if outcome.status == "built":
                detail = f" ({_slides(outcome.slides)}, {outcome.seconds:.1f} s)"
            elif outcome.status == "failed":
                detail = " (see above)"
            print(f"[{self.n}/{self.total}] {outcome.status} {_shown(outcome.path)}{detail}",
                  file=self.out, flush=True)

    def close(self) -> None:
        """Remove the bar."""
        if self.tty and self.shown:
            self.err.write("\r\x1b[2K")
            self.err.flush()
            self.shown = False


def _slides(n: int) -> str:
    return f"{n} slide{'s' if n != 1 else ''}"


def _shown(path: str) -> str:
    """Return a path as short as it can be said: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def summary(outcomes: list, seconds: float, workers: int = 1) -> str:
    """Return the table of what was built, up to date, skipped and failed."""
    count = {s: sum(o.status == s for o in outcomes)
             for s in ("built", "up to date", "failed", "skipped")}
    head = ", ".join(f"{v} {k}" for k, v in count.items() if v) or "nothing to do"
    lines = [f"summary: {head} in {seconds:.1f} s"
             + (f" ({workers} jobs in parallel)" if workers > 1 and count["built"] > 1 else "")]
    rows = []
    for o in outcomes:
        if o.status in ("built", "up to date"):
            n = len(o.files)
            files = f"{'wrote ' if o.status == 'built' else ''}{n} file{'s' if n != 1 else ''}"
            info = f"{_shown(o.target)}  ({_slides(o.slides)}, {files})"
            when = f"{o.seconds:.1f} s" if o.status == "built" else "-"
        else:
            msg = o.error.strip().splitlines() or [""]
            if o.bug:
                info = "a bug in deckgen: " + msg[-1]
            else:
                more = len(msg) - 1 - (1 if msg[-1].endswith("found.") else 0)
                info = msg[0] + (f"  (+{more} more)" if more > 0 else "")
            when = f"{o.seconds:.1f} s" if o.seconds else "-"
        rows.append((o.status.upper() if o.status == "failed" else o.status, _shown(o.path),
                     when, info))
    if rows:
        w0 = max(len(r[0]) for r in rows)
        w1 = max(len(r[1]) for r in rows)
        w2 = max(len(r[2]) for r in rows)
        for r in rows:
            lines.append(f"  {r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]:>{w2}}  {r[3]}")
    return "\n".join(lines)


def exit_code(outcomes: list) -> int:
    """Return the exit status of a batch: the worst of its failures, 0 when none failed."""
    return max((o.exit_code for o in outcomes if o.status == "failed"), default=0)


# -- a course built lecture by lecture ----------------------------------------------------

@dataclass
class LectureResult:
    """The outcome of building one lecture: what was written, or the error."""

    lecture: Lecture
    result: Optional[object] = None          # a BuildResult
    error: Optional[DeckgenError] = None


def build_course(course: Course, out_dir: Path | str = "output", theme: str | None = None,
                 formats: list[str] | None = None,
                 on_done: Callable[[LectureResult], None] | None = None,
                 quiz_slides: bool = False) -> list[LectureResult]:
    """Build every lecture of ``course`` into ``out_dir/<course name>/<lecture name>/``.

    A lecture with problems is not built (nothing is written for it); the
    others still are. Returns one :class:`LectureResult` per lecture, in the
    course's order; ``on_done`` is called as each one finishes.
    """
    results = []
    target = Path(out_dir) / course.name
    for lecture in course.lectures:
        try:
            content = load_lecture(course, lecture)
            res = LectureResult(lecture, build_content(content, target, theme, formats,
                                                       quiz_slides=quiz_slides))
        except DeckgenError as exc:
            res = LectureResult(lecture, error=exc)
        results.append(res)
        if on_done:
            on_done(res)
    return results
