#!/usr/bin/env python3
"""Draw the UK PHIA probability yardstick as a clean horizontal band diagram.

Regenerate with:  python3 make_phia_yardstick.py
Writes phia-yardstick.png (1600 x 900 px) next to this script.
Needs matplotlib (pip install matplotlib).
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# (term, low %, high %, colour) - the bands of the PHIA yardstick.
BANDS = [
    ("remote", 0, 5, "#b2182b"),
    ("highly\nunlikely", 10, 20, "#d6604d"),
    ("unlikely", 25, 35, "#f4a582"),
    ("realistic\npossibility", 40, 50, "#bababa"),
    ("likely or\nprobable", 55, 75, "#92c5de"),
    ("highly\nlikely", 80, 90, "#4393c3"),
    ("almost\ncertain", 95, 100, "#2166ac"),
]

OUT = Path(__file__).with_name("phia-yardstick.png")


def main() -> None:
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    fig.patch.set_facecolor("white")
    bar_y, bar_h = 0.0, 1.0

    # Grey track for the whole 0-100 % scale, so the gaps show as gaps.
    ax.barh(bar_y, 100, left=0, height=bar_h, color="#f0f0f0",
            edgecolor="#cccccc", hatch="///", linewidth=0)

    for term, low, high, colour in BANDS:
        ax.barh(bar_y, high - low, left=low, height=bar_h, color=colour,
                edgecolor="white", linewidth=2)
        mid = (low + high) / 2
        # Term above the bar, range below it.
        ax.text(mid, bar_y + 0.75, term, ha="center", va="bottom",
                fontsize=17, fontweight="bold", color="#222222",
                linespacing=1.1)
        ax.text(mid, bar_y - 0.72, f"{low}\u2013{high} %", ha="center",
                va="top", fontsize=15, color="#333333")

    ax.set_xlim(-2, 102)
    ax.set_ylim(-1.9, 2.1)
    ax.set_xticks(range(0, 101, 10))
    ax.set_xticklabels([f"{t} %" for t in range(0, 101, 10)], fontsize=15,
                       color="#555555")
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_position(("data", -1.45))
    ax.spines["bottom"].set_color("#888888")

    ax.set_title("The PHIA probability yardstick", fontsize=28,
                 fontweight="bold", color="#222222", pad=20, loc="left")
    fig.text(0.055, 0.06,
             "Hatched grey = deliberate gaps between bands, so that each "
             "term covers its own distinct range.",
             fontsize=14, color="#555555")

    fig.subplots_adjust(left=0.05, right=0.97, top=0.85, bottom=0.17)
    fig.savefig(OUT, dpi=100, facecolor="white")
    plt.close(fig)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
