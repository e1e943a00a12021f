"""What the composer costs per slide, beside the count-cutting storyline it replaced.

For each content file this times, cold (measurement caches cleared before
every run), the planned deck (storyline, which now hands every block to the
composer) and the design stage (placing and fitting every box), and within
the plan the time spent in the composer's functions. The same timings run in
a second process on a base revision of deckgen (default ``main``, exported
with ``git archive``), so old and new are measured side by side on the same
machine in one run, and the ratio new / old is printed per slide.

    python benchmarks/composer_cost.py [--runs 7] [--base main]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ["content/south-korea-briefing.yaml", "content/intro-to-strategic-assessment.yaml",
         "tests/fixtures/stress.yaml"]

# Run inside the tree being measured (this file's tree or the base revision's):
# prints one JSON line per file with median seconds.
_PROBE = r"""
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from deckgen.content.loader import load
from deckgen.deck.design import design
from deckgen.deck.storyline import plan
from deckgen.layout import geometry
from deckgen.text import measure
from deckgen.theme.theme import load_theme
try:
    from deckgen.deck import composer
except ImportError:
    composer = None
spent = [0.0]
if composer is not None:
    import deckgen.deck.storyline as st
    def timed(fn):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t
        return run
    for name in ("bullets", "cards", "figures", "timeline", "yardstick", "rows"):
        setattr(st.composer, name, timed(getattr(composer, name)))
theme = load_theme("default")
runs = int(sys.argv[2])
for f in sys.argv[3:]:
    content = load(f)
    plans, designs, comps, n = [], [], [], 0
    for _ in range(runs):
        measure.width.cache_clear(); measure.font_info.cache_clear()
        geometry.count_lines.cache_clear()
        spent[0] = 0.0
        t0 = time.perf_counter(); deck = plan(content, theme); t1 = time.perf_counter()
        design(deck, theme); t2 = time.perf_counter()
        plans.append(t1 - t0); designs.append(t2 - t1); comps.append(spent[0])
        n = len(deck.slides)
    print(json.dumps({"file": f, "slides": n, "plan": statistics.median(plans),
                      "design": statistics.median(designs),
                      "composer": statistics.median(comps)}))
"""


def _measure(tree: Path, runs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, str(tree), str(runs)]
                         + [str(tree / f) for f in FILES], cwd=tree, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(tree)}, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return {Path(r["file"]).name: r for r in rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--base", default="main", help="git revision to compare with (default main)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        t = time.perf_counter()
        new = _measure(ROOT, args.runs)
        old = _measure(base, args.runs)
        took = time.perf_counter() - t
    print(f"composer cost, cold caches, median of {args.runs} runs (this tree vs {args.base}; "
          f"{took:.0f} s in all)")
    print(f"{'file':38} {'slides':>11} {'plan ms/slide':>15} {'design ms/slide':>16} "
          f"{'composer ms/slide':>18} {'plan+design new/old':>20}")
    for name, r in new.items():
        o = old.get(name)
        per = lambda x, s: 1000 * x / max(s, 1)   # noqa: E731
        ratio = (r["plan"] + r["design"]) / (o["plan"] + o["design"]) if o else float("nan")
        print(f"{name:38} {r['slides']:>4} ({o['slides'] if o else '?':>3} old) "
              f"{per(r['plan'], r['slides']):>7.2f} ({per(o['plan'], o['slides']) if o else 0:5.2f}) "
              f"{per(r['design'], r['slides']):>8.2f} ({per(o['design'], o['slides']) if o else 0:5.2f}) "
              f"{per(r['composer'], r['slides']):>18.2f} {ratio:>20.2f}")
    print("(numbers in brackets: the base revision; composer = time inside "
          "deckgen.deck.composer's block functions, part of plan)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
