"""Build: content file -> every requested output, all or nothing.

Each output is written to a temporary file beside its target and moved into
place only when every format has been written, so a failed or interrupted
build leaves the previous outputs as they were.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from deckgen.build.formats import get_writers
from deckgen.build.parallel import COST, run_split
from deckgen.build.repro import build_time, normalize
from deckgen.content.loader import load
from deckgen.content.model import Content
from deckgen.deck.design import design
from deckgen.deck.model import Deck
from deckgen.deck.storyline import plan
from deckgen.errors import ErrorList, OutputError
from deckgen.layout.placed import PlacedDeck
from deckgen.quiz.formats import quiz_for
from deckgen.quiz.model import QuizBuild
from deckgen.theme.theme import Theme, load_theme, paper


class Build:
    """Everything one content file's outputs are made from, each part computed once.

    Every writer takes this object (``write(build, folder)``): the content,
    the theme, the planned deck, the placed deck (designed once), the quiz
    (assembled once), the chart pictures (laid out once per chart) and the
    warnings, as data. The parts are computed when first asked for;
    :meth:`prepare` computes the ones a set of writers needs before they run
    side by side in forked processes, so no child computes them again.
    ``counts`` says how often each costly part was computed (the tests read it).
    """

    def __init__(self, content: Content, theme: Theme, quiz_slides: bool = False) -> None:
        self.content = content
        self.theme = theme
        self.quiz_slides = quiz_slides
        self.warnings: list[str] = list(theme.warnings)
        self.counts: Counter = Counter()
        self._pictures: dict = {}

    @cached_property
    def quiz(self) -> QuizBuild:
        """The quiz of the content file (version 1, its own seed); its notes are printed once."""
        self.counts["quiz"] += 1
        return quiz_for(self.content)

    @cached_property
    def deck(self) -> Deck:
        """The planned deck: the storyline's slides, each block cut and set by the composer.

        The composer measures text to choose each block's variant and sizes
        (``deckgen.deck.composer``); placing every box is the design's job.
        """
        self.counts["plan"] += 1
        deck = plan(self.content, self.theme, quiz=self.quiz if self.quiz_slides else None)
        self.warnings.extend(deck.warnings)
        return deck

    @cached_property
    def placed(self) -> PlacedDeck:
        """The placed deck: every box of every slide measured and positioned, once."""
        self.counts["design"] += 1
        return design(self.deck, self.theme)

    @cached_property
    def paper(self) -> Theme:
        """The theme printed outputs use: a dark theme's colours made to read on white."""
        return paper(self.theme)

    def picture(self, key: tuple, make: Callable[[], object]) -> object:
        """Return the picture ``make()`` draws, drawn once per build for each ``key``.

        ``key[0]`` names the kind of picture (``counts`` counts by it).
        Chart pictures of the handouts come through here, so the PDF and the
        DOCX handout (and a second style of either) draw one figure per chart.
        """
        hit = self._pictures.get(key)
        if hit is None:
            self.counts[key[0]] += 1      # "chart", "yardstick", "png", "shots", ...
            hit = self._pictures[key] = make()
        return hit

    def prepare(self, writers) -> None:
        """Compute now what ``writers`` will read, so writers forked later do not redo it."""
        for need in sorted({n for w in writers for n in w.needs}):
            getattr(self, need)
        for w in writers:
            if w.prime is not None:
                w.prime(self)


@dataclass
class BuildResult:
    """What a build wrote, and what it warns about."""

    build: Build
    files: list[Path] = field(default_factory=list)
    fit_notes: list = field(default_factory=list)   # design.FitNote, with --report
    by_format: dict = field(default_factory=dict)   # format name -> file names it wrote

    @property
    def content(self) -> Content:
        return self.build.content

    @property
    def deck(self) -> Deck:
        return self.build.deck

    @property
    def theme(self) -> Theme:
        return self.build.theme

    @property
    def warnings(self) -> list[str]:
        return self.build.warnings


def resolve_theme(content: Content, cli_theme: str | None, strict: bool = False) -> Theme:
    """Return the theme: the command line's, else the content file's, else default.

    With ``strict``, a theme whose text colours fall below their WCAG contrast
    is an error rather than a warning (``Theme.warnings``).
    """
    if cli_theme:
        return load_theme(cli_theme, relative_to=Path.cwd(), strict=strict)
    if content.theme:
        try:
            return load_theme(content.theme, relative_to=content.folder, strict=strict)
        except ErrorList as exc:
            loc = content.locs.get("theme")
            raise ErrorList([e.located(loc) for e in exc.errors]) from None
    return load_theme("default", strict=strict)


def build(path: Path | str, out_dir: Path | str = "output", theme: str | None = None,
          formats: list[str] | None = None, report: bool = False,
          strict: bool = False, quiz_slides: bool = False) -> BuildResult:
    """Build one content file into ``out_dir/<name>/``.

    With ``quiz_slides`` the deck ends with the quiz's questions, each
    followed by its answer (before the sources). Returns a
    :class:`BuildResult`. Raises :class:`ErrorList` or another
    :class:`DeckgenError` for problems the user must fix; nothing is written then.
    """
    writers = get_writers(formats or ["pptx"])
    return build_content(load(path), out_dir, theme, formats, writers, report=report,
                         strict=strict, quiz_slides=quiz_slides)


def build_content(content: Content, out_dir: Path | str = "output", theme: str | None = None,
                  formats: list[str] | None = None, writers=None,
                  report: bool = False, strict: bool = False,
                  quiz_slides: bool = False, workers: int = 1) -> BuildResult:
    """Build already loaded content into ``out_dir/<name>/`` (see :func:`build`).

    A course builds its lectures through this, after applying its defaults.
    With ``workers`` > 1 the formats are written that many at a time.
    """
    writers = writers or get_writers(formats or ["pptx"])
    b = Build(content, resolve_theme(content, theme, strict), quiz_slides=quiz_slides)
    b.deck      # planned first: its warnings are the build's whether or not a writer needs it
    target_dir = output_folder(out_dir, content.name)
    if workers > 1 and len(writers) > 1:
        b.prepare(writers)     # computed here, once, before the writers fork
    per_job: list = []
    files = write_outputs(target_dir, [lambda folder, w=w: w.write(b, folder) for w in writers],
                          when=build_time(content.date), workers=workers,
                          keys=[w.family or w.name for w in writers],
                          costs=[COST.get(w.name, 1.0) for w in writers], per_job=per_job)
    by_format = {w.name: names for w, names in zip(writers, per_job)}
    notes = b.placed.notes if report else []
    return BuildResult(b, files, notes, by_format=by_format)


def _normalized(names: list[str], folder: Path, when) -> list[str]:
    for name in names:
        normalize(folder / name, when)
    return names


def output_folder(out_dir: Path | str, name: str) -> Path:
    """Create and return ``out_dir/name``; a folder that cannot be made is a user error."""
    target = Path(out_dir) / name
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder '{target}': {exc.strerror}; "
                          "allowed: a folder you can write to (use --out)") from None
    return target


def write_outputs(target_dir: Path, jobs, when=None, workers: int = 1, keys=None, costs=None,
                  per_job: list | None = None) -> list[Path]:
    """Run each job into one temporary folder, then move every file into place.

    ``jobs`` are callables ``job(folder) -> list[str]`` that write files into
    ``folder`` and return their names. Nothing reaches ``target_dir`` unless
    every job succeeded; on any failure (Ctrl-C included) the temporary folder
    is removed and earlier outputs stay as they were. With ``when`` (a
    datetime), zip-based files are made reproducible (``deckgen.repro``).
    With ``workers`` > 1, jobs run that many at a time in forked processes
    (``deckgen.parallel``; ``keys`` name jobs that must share one, ``costs``
    weigh them). ``per_job``, when given, receives each job's list of names.

    The temporary folder is ``.deckgen-<pid>-*``. Once every file is staged
    there, a manifest naming them is written (atomically): that is the point
    of no return. The files are then moved into place one by one. A build
    killed (``kill -9``) before the manifest leaves the old set of files; one
    killed after it leaves a folder the next build into ``target_dir`` finishes
    moving, so the new set is completed. Each build first deals so with every
    ``.deckgen-*`` folder whose process is gone (and with any left by an older
    deckgen that named no process). A full disk or a folder that may not be
    written is an :class:`OutputError`, not a traceback.
    """
    import errno
    import json
    import shutil
    import time
    manifest_name = ".deckgen-manifest.json"
    started = time.time()

    def cannot(exc: OSError) -> OutputError:
        return OutputError(f"cannot write the outputs in '{target_dir}': "
                           f"{exc.strerror or exc}; allowed: a folder you can write to, on a "
                           "disk with free space (use --out)")

    def finish_moves(folder: Path) -> list[Path]:
        names = json.loads((folder / manifest_name).read_text(encoding="utf-8"))
        final = []
        for name in names:
            dest = target_dir / name
            if (folder / name).exists():       # not moved yet (a move is one rename)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(folder / name, dest)
            final.append(dest)
        return final

    def gone(folder: Path) -> bool:
        parts = folder.name.split("-")
        if len(parts) >= 3 and parts[1].isdigit():      # .deckgen-<pid>-<random>
            pid = int(parts[1])
            if pid == os.getpid():
                return False
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            except OSError:         # it exists but is someone else's
                return False
            return False
        try:                        # an older deckgen named no process: by its age
            return folder.stat().st_mtime < started - 3600
        except OSError:
            return False

    try:
        stale = [d for d in target_dir.glob(".deckgen-*") if d.is_dir() and gone(d)]
    except OSError:
        stale = []
    for d in stale:
        try:
            if (d / manifest_name).is_file():
                finish_moves(d)          # killed while moving: complete the new set
        except (OSError, ValueError):
            pass                        # an unreadable manifest: the old set stays
        shutil.rmtree(d, ignore_errors=True)

    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".deckgen-{os.getpid()}-", dir=target_dir))
    except OSError as exc:
        raise cannot(exc) from None
    if when is not None:      # each zip is made reproducible by the process that wrote it
        jobs = [lambda folder, job=job: _normalized(job(folder), folder, when) for job in jobs]
    keep = False
    try:
        names: list[str] = []
        if workers > 1 and len(jobs) > 1:
            done = run_split(jobs, tmp, keys or [str(i) for i in range(len(jobs))],
                             costs or [1.0] * len(jobs), workers)
        else:
            done = [job(tmp) for job in jobs]
        for got in done:
            names.extend(got)
        if per_job is not None:
            per_job.extend(done)
        staged = tmp / (manifest_name + ".part")
        with open(staged, "w", encoding="utf-8") as f:
            json.dump(names, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(staged, tmp / manifest_name)     # committed: the new set will be in place
        keep = True
        final = finish_moves(tmp)
        keep = False
        return final
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            name = Path(str(exc.filename or "")).name
            raise OutputError(f"cannot write the output '{name[:40]}...{name[-20:]}' in "
                              f"'{target_dir.parent}': its name has {len(name)} characters, "
                              "more than the file system allows; allowed: a shorter content "
                              "file name (rename the file; outputs are named after it)") from None
        ours = str(exc.filename or "").startswith(str(target_dir))
        if keep or exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG) or (
                ours and exc.errno in (errno.EACCES, errno.EPERM)):
            raise cannot(exc) from None
        raise
    finally:
        if not keep:     # a failed move after the manifest: the next build completes it
            shutil.rmtree(tmp, ignore_errors=True)
