"""How long from a save to the rebuilt deck and to the repainted preview, in ``deckgen watch``.

    PYTHONPATH=. python3 benchmarks/watch_latency.py [--saves 7] [--content FILE]

Copies the example briefing into a temporary folder, runs the watcher there
(``--formats pptx --preview``, as 'deckgen watch talk.yaml --preview --formats
pptx'), then saves a one-word change to one slide several times and reports
the median and worst time from the save to

* the rebuilt deck: the build's outcome is reported (the .pptx is in place), and
* the changed preview: that slide's PNG has a new time stamp,

once with file events (watchfiles, when installed) and once polling every
half second (the default ``--interval``), for comparison.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def measure(content: Path, saves: int, polling: bool) -> tuple[list, list, str]:
    from deckgen.build.batch import Options
    from deckgen.build.changes import ChangeFeed
    from deckgen.build.watch import Watcher
    os.environ["DECKGEN_WATCH_POLLING"] = "1" if polling else ""
    backend = ChangeFeed().backend
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for extra in ("images",):
            if (content.parent / extra).is_dir():
                shutil.copytree(content.parent / extra, tmp / extra)
        talk = tmp / "talk.yaml"
        shutil.copy(content, talk)
        built = threading.Event()
        log = io.StringIO()
        stop = threading.Event()
        w = Watcher([talk], Options(formats=("pptx",)), tmp / "out", workers=1, preview=True,
                    dpi=96, interval=0.5, out=log, err=log,
                    on_outcome=lambda o: built.set() if o.status == "built" else None)
        thread = threading.Thread(target=w.run, args=(stop,), daemon=True)
        thread.start()
        end = time.monotonic() + 120
        while "watching" not in log.getvalue():
            if time.monotonic() > end or not thread.is_alive():
                raise SystemExit(f"the watcher did not start:\n{log.getvalue()}")
            time.sleep(0.01)
        png = tmp / "out" / "talk" / "preview" / "slide-04.png"
        text = talk.read_text(encoding="utf-8")
        anchor = "Seoul sends **combat"
        if anchor not in text:
            raise SystemExit(f"{content} has no '{anchor}' to edit")
        deck_times, png_times = [], []
        for k in range(saves):
            time.sleep(0.7)            # let the previous round settle
            built.clear()
            before = png.stat().st_mtime_ns
            start = time.perf_counter()
            talk.write_text(text.replace(anchor, f"Seoul sends {k + 2} units of **combat"),
                            encoding="utf-8")
            got_deck = got_png = None
            while got_deck is None or got_png is None:
                now = time.perf_counter()
                if got_deck is None and built.is_set():
                    got_deck = now - start
                if got_png is None and png.stat().st_mtime_ns != before:
                    got_png = now - start
                if now - start > 30:
                    raise SystemExit(f"no rebuild within 30 s:\n{log.getvalue()}")
                time.sleep(0.002)
            deck_times.append(got_deck)
            png_times.append(got_png)
        stop.set()
        thread.join(10)
    return deck_times, png_times, backend


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--saves", type=int, default=7)
    ap.add_argument("--content", type=Path, default=REPO / "content" / "south-korea-briefing.yaml")
    ap.add_argument("--events-only", action="store_true", help="skip the polling comparison")
    args = ap.parse_args()
    modes = [False] if args.events_only else [False, True]
    for polling in modes:
        deck, png, backend = measure(args.content, args.saves, polling)
        print(f"{backend:>8}: save -> rebuilt deck   median {statistics.median(deck):.3f} s, "
              f"worst {max(deck):.3f} s")
        print(f"{'':>8}  save -> changed PNG    median {statistics.median(png):.3f} s, "
              f"worst {max(png):.3f} s   ({args.saves} saves)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
