"""The README's tutorial, followed step by step with the text the README gives.

If the starter file or a message changes, this fails until the tutorial is
brought up to date: a new user follows only the README.
"""

from __future__ import annotations

import re

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TUTORIAL = README.split("## Tutorial:", 1)[1].split("\n## ", 1)[0]


def _heredoc(name: str) -> str:
    return re.search(rf"cat > {re.escape(name)} <<'END'\n(.*?)\nEND\n", TUTORIAL, re.S).group(1) + "\n"


def _yaml_block(first_line: str) -> str:
    return re.search(rf"```yaml\n({re.escape(first_line)}.*?)```", TUTORIAL, re.S).group(1)


def test_the_tutorial_works_as_written(run, tmp_path, monkeypatch):
    folder = tmp_path / "my-first-deck"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert "deckgen new my-briefing\ndeckgen build my-briefing.yaml" in TUTORIAL
    code, out, err = run("new", "my-briefing")
    assert code == 0, err
    code, out, err = run("build", "my-briefing.yaml", "--formats", "pptx")
    assert code == 0 and err == "", err
    assert (folder / "output/my-briefing/my-briefing.pptx").exists()

    # 1. the CSV file
    (folder / "applications.csv").write_text(_heredoc("applications.csv"))

    # 2. the chart replaces everything from 'charts:' to the '# Dated events' comment
    f = folder / "my-briefing.yaml"
    text = f.read_text()
    assert "everything from `charts:` down to the `# Dated events`" in " ".join(TUTORIAL.split())
    start, end = text.index("\ncharts:\n") + 1, text.index("# Dated events")
    text = text[:start] + _yaml_block("charts:") + "\n" + text[end:]
    # ... and the first figure's label, value and unit
    old = '    label: "What this number counts"\n    value: 42\n    unit: "%"\n'
    assert text.count(old) == 1, "the starter's first figure changed: update the tutorial"
    text = text.replace(old, _yaml_block("    label:"))
    f.write_text(text)

    # 3. validate: ok, and the misspelt column gives the message the README shows
    code, out, err = run("validate", "my-briefing.yaml")
    assert (code, out, err) == (0, "my-briefing.yaml: ok\n", "")
    f.write_text(text.replace('column: "Offers"', 'column: "Ofers"'))
    code, out, err = run("validate", "my-briefing.yaml")
    shown = re.search(r"```\n(my-briefing\.yaml:\d+:\d+: .*?)\n(1 problem found\.)\n```",
                      TUTORIAL).groups()
    assert code == 2 and tuple(err.splitlines()) == shown
    f.write_text(text)

    # 4. the theme, and the build with it
    (folder / "my-theme.yaml").write_text(_heredoc("my-theme.yaml"))
    assert "deckgen build my-briefing.yaml --theme my-theme.yaml" in TUTORIAL
    code, out, err = run("build", "my-briefing.yaml", "--theme", "my-theme.yaml",
                         "--formats", "pptx")
    assert code == 0 and err == "", err
    deck = Presentation(folder / "output/my-briefing/my-briefing.pptx")
    charts = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    line = [c for c in charts if c.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)]
    assert len(line) == 1
    assert list(line[0].plots[0].categories) == ["2021", "2022", "2023", "2024"]
    assert [s.name for s in line[0].series] == ["Applications", "Offers"]
    assert list(line[0].series[1].values) == [340, 360, 410, 450]
    texts = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "Applications grew by a third in four years" in texts and "450" in texts
    xml = b"".join(p.blob for p in deck.part.package.iter_parts()
                   if p.partname.startswith("/ppt/slides/"))
    assert b"7A1F5C" in xml
