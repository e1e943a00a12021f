"""Regenerate the README tutorial's pictures from the tutorial itself.

Follows "Tutorial: from `deckgen new` to your own deck" in README.md step by
step, with the file contents the README gives (the CSV, the chart, the
figure, the theme), in a temporary folder; paints the slides with `deckgen
preview`; and saves two small PNGs here:

- tutorial-contact-sheet.png: every slide of the finished deck;
- tutorial-chart-slide.png: the slide with the chart of your own CSV.

Run from the repository root (deckgen installed):

    python3 docs/images/make_images.py

Each picture is reduced to a palette of colours so it stays under 150 KB.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent.parent / "README.md"
LIMIT = 150 * 1024


def tutorial() -> str:
    """Return the tutorial section of the README."""
    return README.read_text(encoding="utf-8").split("## Tutorial:", 1)[1].split("\n## ", 1)[0]


def heredoc(text: str, name: str) -> str:
    """Return the body of ``cat > NAME <<'END' ... END`` in the tutorial."""
    return re.search(rf"cat > {re.escape(name)} <<'END'\n(.*?)\nEND\n", text, re.S).group(1) + "\n"


def yaml_block(text: str, first_line: str) -> str:
    """Return the YAML code block of the tutorial that starts with ``first_line``."""
    return re.search(rf"```yaml\n({re.escape(first_line)}.*?)```", text, re.S).group(1)


def deckgen(folder: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)


def follow(folder: Path) -> None:
    """Do what the tutorial says, in ``folder``."""
    text = tutorial()
    deckgen(folder, "new", "my-briefing")
    (folder / "applications.csv").write_text(heredoc(text, "applications.csv"))
    f = folder / "my-briefing.yaml"
    content = f.read_text()
    start, end = content.index("\ncharts:\n") + 1, content.index("# Dated events")
    content = content[:start] + yaml_block(text, "charts:") + "\n" + content[end:]
    old = '    label: "What this number counts"\n    value: 42\n    unit: "%"\n'
    content = content.replace(old, yaml_block(text, "    label:"))
    f.write_text(content)
    (folder / "my-theme.yaml").write_text(heredoc(text, "my-theme.yaml"))
    deckgen(folder, "preview", "my-briefing.yaml", "--theme", "my-theme.yaml", "--out", "output")


def chart_slide_number(folder: Path) -> int:
    """Return the number of the slide whose title is the chart's takeaway."""
    takeaway = re.search(r'takeaway: "(.*?)"', yaml_block(tutorial(), "charts:")).group(1)
    sys.path.insert(0, str(README.parent))
    from deckgen.build import resolve_theme
    from deckgen.loader import load
    from deckgen.storyline import plan
    content = load(folder / "my-briefing.yaml")
    deck = plan(content, resolve_theme(content, str(folder / "my-theme.yaml")))
    return next(n for n, s in enumerate(deck.slides, start=1) if s.title == takeaway)


def save_small(src: Path, dest: Path, width: int) -> None:
    """Save ``src`` scaled to ``width`` pixels with a reduced palette, under the size limit."""
    from PIL import Image
    with Image.open(src) as im:
        im = im.convert("RGB")
        im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
    for colors in (128, 64, 32):
        im.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
            .save(dest, optimize=True)
        if dest.stat().st_size <= LIMIT:
            return
    raise SystemExit(f"{dest} is {dest.stat().st_size:,} bytes, over {LIMIT:,}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        follow(folder)
        preview = folder / "output" / "my-briefing" / "preview"
        n = chart_slide_number(folder)
        save_small(preview / "contact-sheet.png", HERE / "tutorial-contact-sheet.png", 1200)
        save_small(preview / f"slide-{n:02d}.png", HERE / "tutorial-chart-slide.png", 800)
    for name in ("tutorial-contact-sheet.png", "tutorial-chart-slide.png"):
        print(f"wrote {HERE / name} ({(HERE / name).stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
