"""What each PDF costs to write, per content file: the number behind the PDF engine choice.

For every PDF format the registry has (reading, slide and notes handouts,
quiz sheets and keys, the slides PDF), times its writer alone: a fresh build
object each run, with the deck planned and placed and the quiz assembled
*before* the clock starts (other formats share those), so what is timed is
what the PDF adds — drawing its charts and slide pictures, laying out and
compiling the document. Prints the median of several runs in milliseconds,
the pages and the file size.

    python benchmarks/pdf_cost.py [--runs 5] [--formats slides-pdf,handout-pdf]

Run it from any checkout (it imports the deckgen beside it), so the same
script measures an older PDF engine against the current one.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckgen.build.formats import WRITERS  # noqa: E402
from deckgen.build.pipeline import Build, resolve_theme  # noqa: E402
from deckgen.content.loader import load  # noqa: E402

FILES = [ROOT / "content" / "south-korea-briefing.yaml",
         ROOT / "content" / "intro-to-strategic-assessment.yaml"]
PDF_FORMATS = ["handout-pdf", "handout-slides-pdf", "handout-notes-pdf", "quiz-pdf", "slides-pdf"]


def _pages(path: Path) -> int:
    """Return the page count pdfinfo (poppler) reads, or -1 where it is missing."""
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    except OSError:
        return -1
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else -1


def time_format(content, fmt: str, runs: int) -> tuple[float, list[tuple[str, int, int]]]:
    """Return the median ms of writing ``fmt`` and (file, pages, bytes) of what it wrote."""
    writer = WRITERS[fmt]
    times = []
    files: list[tuple[str, int, int]] = []
    for _ in range(runs):
        build = Build(content, resolve_theme(content, None))
        for need in writer.needs:
            getattr(build, need)
        if "quiz" not in writer.needs:
            build.quiz          # noqa: B018 - assembled before the clock, like the others
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            names = writer.write(build, Path(tmp))
            times.append(time.perf_counter() - t0)
            files = [(n, _pages(Path(tmp) / n), (Path(tmp) / n).stat().st_size)
                     for n in names if n.endswith(".pdf")]
    return statistics.median(times) * 1000, files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--formats", default=",".join(PDF_FORMATS))
    args = ap.parse_args()
    formats = [f for f in args.formats.split(",") if f in WRITERS]
    print(f"{'file':<32} {'format':<20} {'median ms':>10}  files (pages, KB)")
    for f in FILES:
        content = load(f)
        for fmt in formats:
            ms, files = time_format(content, fmt, args.runs)
            what = ", ".join(f"{n} ({p} p, {b // 1024} KB)" for n, p, b in files)
            print(f"{f.stem:<32} {fmt:<20} {ms:>10.0f}  {what}", flush=True)


if __name__ == "__main__":
    main()
