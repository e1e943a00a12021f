"""Generate content files for the benchmarks: large decks and a course.

``deck(folder, slides)`` writes a lecture whose planned deck has exactly
``slides`` slides (the free slides are sized by planning the file with
deckgen and adjusting), using every free layout in a fixed rotation: bullets
with sub-points, two columns, charts (inline and from a CSV file), tables,
quotes, figures and a picture. ``course(folder, lectures)`` writes a course
file, its theme, a shared CSV file and ``lectures`` lectures of about twenty
slides with a quiz each. Everything is deterministic (no randomness), so two
runs of the benchmark build the same files.

    python benchmarks/gen_content.py deck 500 /tmp/bench     # writes /tmp/bench/deck-500.yaml
    python benchmarks/gen_content.py course 40 /tmp/bench    # writes /tmp/bench/course/...
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGE = ROOT / "content" / "images" / "phia-yardstick.png"

_WORDS = ("assessment evidence judgement likelihood confidence source analyst range estimate "
          "scenario indicator warning policy decision budget capability intent pressure "
          "alliance region market supply demand risk outlook signal baseline").split()


def _phrase(i: int, n: int) -> str:
    """Return ``n`` words picked deterministically from ``i``."""
    return " ".join(_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(n))


def _q(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _free_slide(i: int, lines: list[str]) -> None:
    """Append the YAML of free slide ``i`` (a fixed rotation of layouts)."""
    kind = i % 10
    title = _q(f"Slide {i + 1}: {_phrase(i, 3)}")
    lines.append(f"      - title: {title}")
    if kind in (0, 3, 6):
        lines.append("        points:")
        lines.append(f"          - {_q('The ' + _phrase(i, 6) + ' matters here')}")
        lines.append(f"          - text: {_q('Why the ' + _phrase(i + 1, 4) + ' shifts')}")
        lines.append("            points:")
        lines.append(f"              - {_q(_phrase(i + 2, 5))}")
        lines.append(f"              - {_q(_phrase(i + 3, 4))}")
        lines.append(f"          - {_q('A **key** point on the ' + _phrase(i + 4, 3))}")
        lines.append(f"        notes: {_q('Say why the ' + _phrase(i, 4) + ' matters.')}")
    elif kind == 1:
        lines.append("        layout: two-column")
        lines.append(f"        left: [{_q(_phrase(i, 4))}, {_q(_phrase(i + 1, 5))}]")
        lines.append(f"        right: [{_q(_phrase(i + 2, 4))}, {_q(_phrase(i + 3, 3))}]")
    elif kind == 2:
        lines.append(f"        chart: chart-{i % 4}")
    elif kind == 4:
        lines.append("        table:")
        lines.append("          columns: [Indicator, \"2023\", \"2024\", Change]")
        lines.append("          rows:")
        for r in range(4):
            lines.append(f"            - [{_q(_phrase(i + r, 2))}, \"{10 + r}\", \"{12 + r}\", "
                         f"\"+{2 + r % 3}\"]")
    elif kind == 5:
        lines.append("        quote:")
        lines.append(f"          text: {_q('The ' + _phrase(i, 8) + ' was never in doubt')}")
        lines.append(f"          by: {_q('An analyst, interview ' + str(i))}")
    elif kind == 7:
        lines.append(f"        figure: fig-{i % 3}")
    elif kind == 8:
        lines.append("        chart: chart-csv")
    else:
        lines.append("        image: yardstick.png")
        lines.append(f"        alt: {_q('The probability yardstick, slide ' + str(i + 1))}")


def _lecture_text(title: str, free: int, per_section: int = 10, quiz: bool = False,
                  csv_name: str = "data.csv", outlook: bool = False) -> str:
    """Return a lecture content file with ``free`` free slides (and an outlook slide)."""
    lines = [f"kind: lecture", f"title: {_q(title)}", "date: \"2025-01-15\"",
             "objectives:",
             f"  - {_q('Read ' + _phrase(1, 4))}",
             f"  - {_q('Weigh ' + _phrase(2, 4))}",
             "figures:"]
    for k in range(3):
        lines += [f"  - id: fig-{k}", f"    label: {_q(_phrase(k, 4))}",
                  f"    value: {12.5 + k * 7}", "    unit: \"%\"", "    source: src-0"]
    lines.append("charts:")
    for k in range(4):
        kind = ("bar", "column", "line", "pie")[k]
        lines += [f"  - id: chart-{k}", f"    type: {kind}",
                  f"    takeaway: {_q('The ' + _phrase(k, 3) + ' rises')}",
                  "    data: {" + ", ".join(f"{_q(_phrase(k + j, 1) + str(j))}: {10 + j * 3 + k}"
                                            for j in range(5)) + "}",
                  "    source: src-1"]
    lines += ["  - id: chart-csv", "    type: column", f"    data: {{csv: {csv_name}}}",
              "    takeaway: \"Applications and offers grow together\""]
    lines.append("sections:")
    for i in range(free):
        if i % per_section == 0:
            lines.append(f"  - title: {_q('Part ' + str(i // per_section + 1) + ': ' + _phrase(i, 2))}")
            lines.append("    slides:")
        _free_slide(i, lines)
    if outlook:
        lines += ["outlook:", f"  - {_q('Watch the ' + _phrase(6, 3))}"]
    lines += ["discussion:", f"  - {_q('How would you test the ' + _phrase(3, 3) + '?')}",
              "sources:",
              "  - {id: src-0, title: \"Annual figures\", publisher: \"Statistics office\", date: \"2024\"}",
              "  - {id: src-1, title: \"Survey of indicators\", publisher: \"Institute\", date: \"2023\"}"]
    if quiz:
        lines += ["quiz:", "  title: \"Quick check\"", "  questions:",
                  "    - type: choice", f"      prompt: {_q('Which term is ' + _phrase(5, 2) + '?')}",
                  "      options: [remote, unlikely, likely]", "      answer: likely",
                  "    - type: true-false", "      prompt: \"Likelihood and confidence differ.\"",
                  "      options: [\"True\", \"False\"]", "      answer: \"True\""]
    return "\n".join(lines) + "\n"


CSV = "year,Applications,Offers\n2021,1200,340\n2022,1350,360\n2023,1500,410\n2024,1620,450\n"


def _support_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.csv").write_text(CSV, encoding="utf-8")
    shutil.copyfile(IMAGE, folder / "yardstick.png")


def _planned(path: Path) -> int:
    """Return how many slides deckgen plans for a content file."""
    sys.path.insert(0, str(ROOT))
    from deckgen.build.pipeline import resolve_theme
    from deckgen.content.loader import load
    from deckgen.deck.storyline import plan
    content = load(path)
    return len(plan(content, resolve_theme(content, None)).slides)


def deck(folder: Path | str, slides: int) -> Path:
    """Write ``folder/deck-<slides>.yaml`` planning to exactly ``slides`` slides; return its path."""
    folder = Path(folder)
    _support_files(folder)
    path = folder / f"deck-{slides}.yaml"
    title = f"Generated deck of {slides} slides"
    free = max(1, slides - slides // 10 - 8)
    tried = set()
    for _ in range(12):
        path.write_text(_lecture_text(title, free), encoding="utf-8")
        got = _planned(path)
        if got == slides:
            return path
        if got == slides - 1:   # one short: an outlook slide adds exactly one
            path.write_text(_lecture_text(title, free, outlook=True), encoding="utf-8")
            if _planned(path) == slides:
                return path
        tried.add(free)
        # a new free slide may open a new section (two slides): step carefully near the end
        step = (slides - got) * 10 // 11 or (1 if slides > got else -1)
        free = max(1, free + step)
        while free in tried:
            free -= 1
    raise SystemExit(f"could not size a deck of {slides} slides (got {got})")


def course(folder: Path | str, lectures: int = 40, free: int = 14) -> Path:
    """Write a course of ``lectures`` lectures into ``folder/course/``; return the course file."""
    folder = Path(folder) / "course"
    _support_files(folder)
    (folder / "course-theme.yaml").write_text(
        "name: course-theme\nextends: default\npalette: {primary: \"#7A1F5C\", banner: \"#7A1F5C\"}\n"
        "footer: \"Benchmark course\"\n", encoding="utf-8")
    names = []
    for k in range(lectures):
        name = f"week-{k + 1:02d}.yaml"
        names.append(name)
        (folder / name).write_text(_lecture_text(f"Week {k + 1}: {_phrase(k, 3)}", free,
                                                 per_section=7, quiz=True), encoding="utf-8")
    text = ["title: \"Benchmark course\"", "defaults:", "  theme: course-theme.yaml",
            "  classification: \"FOR TEACHING\"", "  authors: [\"deckgen benchmarks\"]",
            "lectures:"] + [f"  - {n}" for n in names]
    path = folder / "course.yaml"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("deck", "course"):
        raise SystemExit(__doc__)
    what, n, out = argv[0], int(argv[1]), Path(argv[2])
    print(deck(out, n) if what == "deck" else course(out, n))


if __name__ == "__main__":
    main(sys.argv[1:])
