"""The two speed ratios of the structure issue, whole process and paired in one run.

    python benchmarks/ratios.py [--pairs 9]

1. every default format of the example briefing / its deck-only build
   (target ≤ 2.5×: the handouts and quiz reuse what the deck computed);
2. the deck-only build / pandoc on the same briefing as Markdown
   (target ≤ 4×; pandoc must be installed: ``apt-get install pandoc``).

Each pair runs its two commands back to back (A B, then B A on the next
pair, so neither always runs second) in fresh output folders, and the
ratio is taken pair by pair: a machine that slows down mid-run slows both
halves of a pair alike. Prints every pair and the median ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BRIEFING, deckgen_cmd, equivalent_markdown, spawn  # noqa: E402

ALL_OVER_DECK = 2.5
DECK_OVER_PANDOC = 4.0


def paired(name: str, a, b, pairs: int, work: Path) -> float:
    """Run commands ``a`` and ``b`` (functions of a fresh folder) in pairs; return the median a/b."""
    ratios = []
    for i in range(pairs + 1):              # the first pair warms the caches and is not counted
        order = [("a", a), ("b", b)] if i % 2 else [("b", b), ("a", a)]
        wall = {}
        for key, cmd_for in order:
            out = Path(tempfile.mkdtemp(dir=work))
            wall[key], _, _, _ = spawn(cmd_for(out), work)
            shutil.rmtree(out, ignore_errors=True)
        if i:
            ratios.append(wall["a"] / wall["b"])
            print(f"  {name} pair {i}: {wall['a']:.3f} s / {wall['b']:.3f} s = "
                  f"{ratios[-1]:.2f}×", flush=True)
    return statistics.median(ratios)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=9)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deck = lambda out: deckgen_cmd(str(BRIEFING), "--out", str(out),  # noqa: E731
                                       "--formats", "pptx", "--force")
        every = lambda out: deckgen_cmd(str(BRIEFING), "--out", str(out),  # noqa: E731
                                        "--force")
        r1 = paired("every default format / deck", every, deck, args.pairs, work)
        r2 = None
        exe = shutil.which("pandoc")
        if exe:
            md = work / "briefing.md"
            equivalent_markdown(BRIEFING, md)
            pandoc = lambda out: [exe, str(md), "-o", str(out / "briefing.pptx")]  # noqa: E731
            r2 = paired("deck / pandoc", deck, pandoc, args.pairs, work)
    print()
    print(f"every default format / deck only: {r1:.2f}× (target ≤ {ALL_OVER_DECK}×) — "
          f"{'met' if r1 <= ALL_OVER_DECK else 'MISSED'}")
    if r2 is None:
        print("deck only / pandoc: pandoc is not installed; not measured")
    else:
        print(f"deck only / pandoc: {r2:.2f}× (target ≤ {DECK_OVER_PANDOC}×) — "
              f"{'met' if r2 <= DECK_OVER_PANDOC else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
