"""deckgen's speed and memory benchmarks, whole process, the way a user runs it.

    python benchmarks/run.py              # every case (a few minutes on 2 cores)
    python benchmarks/run.py --quick      # fewer runs, no 2,000-slide deck
    python benchmarks/run.py --only briefing-deck,deck-500   # or: --only deck,course

Each case spawns ``python -m deckgen build …`` as a subprocess into a fresh
output folder (so nothing is reused from an earlier run unless the case is
about that) and reports the median wall time of several runs and the peak
resident memory of the largest process (``wait4`` rusage: the build process
or, for a parallel course build, its largest worker). Cases:

- the example briefing, deck only and deck + handouts + quiz (every format);
- generated decks of 50, 500 and 2,000 slides (deck only), with the time per
  slide and the marginal time per slide between sizes (linearity);
- a generated 40-lecture course, every format: cold in parallel (``--jobs``
  default), cold with ``--jobs 1``, and a second build with nothing changed;
- pandoc, where installed, on an equivalent Markdown file (one slide per
  planned slide with its title, its text and its tables, speaker notes as
  notes), with the ratio deckgen / pandoc.

Then each target of issue 8 is printed as met or missed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_content  # noqa: E402

BRIEFING = ROOT / "content" / "south-korea-briefing.yaml"

# the targets of issue 8
PANDOC_RATIO = 2.5
ALL_FORMATS_S = 1.5
PEAK_MB = 250.0


@dataclass
class Case:
    """One benchmark case and what its runs measured."""

    name: str
    what: str
    times: list = field(default_factory=list)
    cpu: list = field(default_factory=list)      # user + system seconds, children included
    peak_mb: float = 0.0
    slides: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def spawn(cmd: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Run ``cmd``; return (wall seconds, peak RSS in MB, stdout, CPU seconds).

    The child is reaped with ``wait4``, whose rusage is that process's own: its
    ``ru_maxrss`` is the largest resident size of the process or of any child it
    waited for (a parallel build's workers), not a sum; its CPU time includes
    theirs.
    """
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read(), err.read()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"{errors}")
    return wall, usage.ru_maxrss / 1024, text, usage.ru_utime + usage.ru_stime


def _slides_in(text: str) -> int:
    """Return the slides a build reported: its 'wrote' lines, or its summary table's rows."""
    if "summary:" in text:
        table = text.split("summary:", 1)[1]
        return sum(int(n) for n in re.findall(r"\((\d+) slides?, ", table))
    return sum(int(n) for n in re.findall(r"\((\d+) slides?\)", text))


def deckgen_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "deckgen", "build", *args]


def run_case(case: Case, runs: int, cmd_for, work: Path, fresh: bool = True) -> Case:
    """Run ``cmd_for(out_dir)`` ``runs`` times; fresh output folder each run unless told."""
    out = work / f"out-{case.name}"
    for i in range(runs):
        if fresh and out.exists():
            shutil.rmtree(out)
        wall, rss, text, cpu = spawn(cmd_for(out), work)
        case.times.append(wall)
        case.cpu.append(cpu)
        case.peak_mb = max(case.peak_mb, rss)
        if i == 0:
            case.slides = _slides_in(text)
        print(f"  {case.name:<22} run {i + 1}/{runs}: {wall:6.2f} s  ({cpu:5.2f} s CPU)  "
              f"{rss:6.1f} MB", flush=True)
    return case


# -- the equivalent Markdown for pandoc ---------------------------------------------------


def equivalent_markdown(content_file: Path, md: Path) -> int:
    """Write the Markdown pandoc gets for ``content_file``; return its slide count.

    One slide per slide deckgen plans, with the same title, every text box's
    text as paragraphs (bullets as bullets), tables as pipe tables and the
    speaker notes as pandoc notes: the words are the same, the design is not.
    """
    from deckgen.build.pipeline import resolve_theme
    from deckgen.deck.design import design
    from deckgen.content.loader import load
    from deckgen.layout.placed import Group, TableFrame, TextBox
    from deckgen.deck.storyline import plan
    content = load(content_file)
    theme = resolve_theme(content, None)
    deck = plan(content, theme)
    placed = design(deck, theme)
    out: list[str] = []

    def text_of(tb: TextBox) -> list[str]:
        lines = []
        for p in tb.paras:
            t = " ".join(p.text.split())
            if not t:
                continue
            lines.append(("  " * p.level + "- " + t) if p.bullet else t)
        return lines

    def items(its) -> list[str]:
        lines: list[str] = []
        for it in its:
            if isinstance(it, TextBox):
                got = text_of(it)
                if got:
                    lines += got + [""]
            elif isinstance(it, TableFrame):
                rows = [[" ".join(p.text for p in cell.paras).replace("|", "/") for cell in row]
                        for row in it.cells]
                if rows:
                    lines.append("| " + " | ".join(rows[0]) + " |")
                    lines.append("|" + "---|" * len(rows[0]))
                    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                    lines.append("")
            elif isinstance(it, Group):
                lines += items(it.items)
        return lines

    for ps in placed.slides:
        title = " ".join(p.text for p in ps.title.paras) or "Slide"
        out.append("# " + " ".join(title.split()))
        out.append("")
        out += items(ps.items)
        if ps.notes:
            out += ["::: notes", ps.notes, ":::", ""]
    md.write_text("\n".join(out) + "\n", encoding="utf-8")
    return len(placed.slides)


def pandoc_case(name: str, content_file: Path, runs: int, work: Path) -> Case | None:
    exe = shutil.which("pandoc")
    if exe is None:
        return None
    md = work / f"{name}.md"
    case = Case(f"pandoc {name}", f"pandoc on the equivalent Markdown of {name}")
    case.slides = equivalent_markdown(content_file, md)
    for i in range(runs):
        wall, rss, _, cpu = spawn([exe, str(md), "-o", str(work / f"{name}-pandoc.pptx")], work)
        case.times.append(wall)
        case.cpu.append(cpu)
        case.peak_mb = max(case.peak_mb, rss)
    print(f"  {case.name:<22} median {case.median:6.2f} s over {runs} runs "
          f"({case.cpu_median:5.2f} s CPU)", flush=True)
    return case


# -- report -------------------------------------------------------------------------------


def _fmt_table(cases: list[Case], pandoc: dict) -> str:
    head = (f"{'case':<24} {'slides':>6} {'median s':>9} {'min s':>7} {'max s':>7} "
            f"{'CPU s':>6} {'runs':>4} {'peak MB':>8} {'vs pandoc':>10}")
    lines = [head, "-" * len(head)]
    for c in cases:
        ratio = ""
        p = pandoc.get(c.name)
        if p is not None:
            ratio = f"{c.median / p.median:8.1f}×"
        lines.append(f"{c.name:<24} {c.slides or '':>6} {c.median:>9.3f} {min(c.times):>7.3f} "
                     f"{max(c.times):>7.3f} {c.cpu_median:>6.2f} {len(c.times):>4} "
                     f"{c.peak_mb:>8.1f} {ratio:>10}")
    for c in pandoc.values():
        lines.append(f"{c.name:<24} {c.slides:>6} {c.median:>9.3f} {min(c.times):>7.3f} "
                     f"{max(c.times):>7.3f} {c.cpu_median:>6.2f} {len(c.times):>4} "
                     f"{c.peak_mb:>8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per cheap case (default 5); "
                    "the large decks and the course run fewer")
    ap.add_argument("--quick", action="store_true", help="2 runs, no 2,000-slide deck")
    ap.add_argument("--only", default="", help="comma-separated case names")
    ap.add_argument("--lectures", type=int, default=40, help="lectures in the course (40)")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp dir)")
    args = ap.parse_args(argv)
    runs = 2 if args.quick else max(1, args.runs)
    few = max(1, runs // 2 + (0 if args.quick else 1))
    sizes = (50, 500) if args.quick else (50, 500, 2000)
    only = {s.strip() for s in args.only.split(",") if s.strip()}

    def wanted(name: str) -> bool:
        return not only or name in only or name.split("-")[0] in only

    work = Path(args.keep or tempfile.mkdtemp(prefix="deckgen-bench-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"deckgen benchmarks: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"work folder {work}")
    cases: list[Case] = []
    pandoc: dict[str, Case] = {}
    try:
        if wanted("briefing-deck"):
            c = run_case(Case("briefing-deck", "example briefing, deck only"), runs,
                         lambda o: deckgen_cmd(str(BRIEFING), "--formats", "pptx", "--out", str(o)),
                         work)
            cases.append(c)
            p = pandoc_case("briefing", BRIEFING, runs, work)
            if p:
                pandoc[c.name] = p
        if wanted("briefing-all"):
            cases.append(run_case(Case("briefing-all", "example briefing, deck + handouts + quiz"),
                                  runs, lambda o: deckgen_cmd(str(BRIEFING), "--out", str(o)),
                                  work))
        for n in sizes:
            name = f"deck-{n}"
            if not wanted(name):
                continue
            f = gen_content.deck(work / "decks", n)
            k = runs if n <= 50 else few if n <= 500 else max(1, few - 1)
            c = run_case(Case(name, f"generated deck of {n} slides, deck only"), k,
                         lambda o, f=f: deckgen_cmd(str(f), "--formats", "pptx", "--out", str(o)),
                         work)
            cases.append(c)
            p = pandoc_case(name, f, min(k, 3), work)
            if p:
                pandoc[c.name] = p
        if wanted("course"):
            course = gen_content.course(work, args.lectures)
            k = max(1, few - 1)
            cases.append(run_case(Case("course-cold", f"{args.lectures}-lecture course, every "
                                       f"format, --jobs {os.cpu_count()}"), k,
                                  lambda o: deckgen_cmd(str(course), "--out", str(o)), work))
            warm = Case("course-unchanged", "the same course built again, nothing changed")
            out = work / "out-course-unchanged"
            shutil.rmtree(out, ignore_errors=True)
            spawn(deckgen_cmd(str(course), "--out", str(out)), work)   # prime the cache
            cases.append(run_case(warm, runs, lambda o: deckgen_cmd(str(course), "--out", str(o)),
                                  work, fresh=False))
            if not args.quick:
                cases.append(run_case(Case("course-cold-jobs1", "the course, cold, --jobs 1"), 1,
                                      lambda o: deckgen_cmd(str(course), "--jobs", "1", "--out",
                                                            str(o)), work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(_fmt_table(cases, pandoc))
    by = {c.name: c for c in cases}

    decks = [(n, by[f"deck-{n}"]) for n in sizes if f"deck-{n}" in by]
    if len(decks) >= 2:
        print("\nlinearity (deck only):")
        for n, c in decks:
            print(f"  {n:>5} slides: {1000 * c.median / c.slides:6.2f} ms per slide")
        first, last = decks[0][1], decks[-1][1]
        print(f"  per-slide ratio {decks[-1][0]} / {decks[0][0]}: "
              f"{(last.median / last.slides) / (first.median / first.slides):.2f} "
              "(startup weighs most at 50 slides)")
        for (n1, c1), (n2, c2) in zip(decks, decks[1:]):
            print(f"  marginal {n1}→{n2}: {1000 * (c2.median - c1.median) / (c2.slides - c1.slides):6.2f}"
                  " ms per added slide")
        if len(decks) >= 3:
            (n1, c1), (n2, c2), (n3, c3) = decks[:3]
            m1 = (c2.median - c1.median) / (c2.slides - c1.slides)
            m2 = (c3.median - c2.median) / (c3.slides - c2.slides)
            print(f"  marginal ratio ({n2}→{n3}) / ({n1}→{n2}): {m2 / m1:.2f} (1.00 is linear)")

    print("\ntargets (issue 8):")
    if "briefing-deck" in by:
        c = by["briefing-deck"]
        p = pandoc.get("briefing-deck")
        if p:
            r = c.median / p.median
            print(f"  example deck ≤ {PANDOC_RATIO}× pandoc: {r:.2f}× ({c.median:.3f} s vs "
                  f"{p.median:.3f} s; in CPU time {c.cpu_median / p.cpu_median:.2f}×) — "
                  f"{'met' if r <= PANDOC_RATIO else 'MISSED'}")
            for n in sizes:
                big, pb = by.get(f"deck-{n}"), pandoc.get(f"deck-{n}")
                if big and pb:
                    print(f"    at {n} slides: {big.median / pb.median:.2f}× pandoc")
        else:
            print("  example deck vs pandoc: pandoc is not installed; not measured")
    if "briefing-all" in by:
        c = by["briefing-all"]
        print(f"  deck + handouts + quiz < {ALL_FORMATS_S} s: {c.median:.3f} s — "
              f"{'met' if c.median < ALL_FORMATS_S else 'MISSED'}")
    if cases:
        worst = max(cases, key=lambda c: c.peak_mb)
        print(f"  peak memory < {PEAK_MB:.0f} MB: largest {worst.peak_mb:.1f} MB ({worst.name}) — "
              f"{'met' if worst.peak_mb < PEAK_MB else 'MISSED'}")
    if "course-unchanged" in by:
        c = by["course-unchanged"]
        print(f"  unchanged course rebuild well under 1 s: {c.median:.3f} s — "
              f"{'met' if c.median < 1.0 else 'MISSED'}")
    if "course-cold" in by and "course-cold-jobs1" in by:
        print(f"  parallel course speed-up (--jobs 1 / --jobs {os.cpu_count()}): "
              f"{by['course-cold-jobs1'].median / by['course-cold'].median:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
