"""What measuring text costs per slide.

Times, per content file, the storyline (which measures to split blocks) and
the design stage (which lays out and fits every text box with the font
files), against writing the pptx, with the measurement caches cleared
before every run so the figure is the cold cost. Prints medians of several
runs and each stage's share of the whole build.

    python benchmarks/measure_cost.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckgen.layout import geometry as layout
from deckgen.text import measure  # noqa: E402
from deckgen.deck.design import design  # noqa: E402
from deckgen.content.loader import load  # noqa: E402
from deckgen.deck.storyline import plan  # noqa: E402
from deckgen.theme.theme import load_theme  # noqa: E402
from deckgen.render.pptx_writer import write_pptx  # noqa: E402

FILES = [ROOT / "content" / "south-korea-briefing.yaml", ROOT / "tests" / "fixtures" / "stress.yaml"]


def _clear() -> None:
    measure.width.cache_clear()
    measure.font_info.cache_clear()
    layout.count_lines.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    theme = load_theme("default")
    print(f"{'file':<24} {'slides':>6} {'plan ms':>8} {'design ms':>10} {'pptx ms':>8} "
          f"{'measure ms/slide':>17} {'measure share':>14}")
    for f in FILES:
        content = load(f)
        t_plan, t_design, t_write = [], [], []
        n = 0
        for _ in range(args.runs):
            _clear()
            t0 = time.perf_counter()
            deck = plan(content, theme)
            t1 = time.perf_counter()
            placed = design(deck, theme)
            t2 = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                write_pptx(placed, theme, Path(tmp) / "x.pptx")
            t3 = time.perf_counter()
            t_plan.append(t1 - t0)
            t_design.append(t2 - t1)
            t_write.append(t3 - t2)
            n = len(deck.slides)
        p, d, w = (statistics.median(x) * 1000 for x in (t_plan, t_design, t_write))
        print(f"{f.stem:<24} {n:>6} {p:>8.1f} {d:>10.1f} {w:>8.1f} {(p + d) / n:>17.2f} "
              f"{(p + d) / (p + d + w):>13.0%}")


if __name__ == "__main__":
    main()
