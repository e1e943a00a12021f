"""Printed outputs of a dark theme read on white paper."""

import pdfplumber
import pytest

from deckgen.build.pipeline import build
from deckgen.theme.contrast import ratio
from deckgen.theme.theme import load_theme, paper

from .conftest import BRIEFING


def test_paper_keeps_light_themes_and_lightens_dark_ones():
    assert paper(load_theme("default")) is load_theme("default") or \
        paper(load_theme("default")).palette == load_theme("default").palette
    dark = paper(load_theme("dark"))
    assert dark.palette["background"] == "FFFFFF"
    for key in ("text", "muted", "primary", "link"):
        assert ratio(dark.palette[key], "FFFFFF") >= 4.5, key
    assert all(ratio(c, "FFFFFF") >= 4.5 for c in dark.palette["accents"])


@pytest.mark.parametrize("fmt,name", [("handout-pdf", "south-korea-briefing-handout.pdf"),
                                      ("quiz-pdf", "south-korea-briefing-quiz.pdf")])
def test_dark_theme_handouts_print_dark_text(tmp_path, fmt, name):
    build(BRIEFING, tmp_path, theme="dark", formats=[fmt])
    pale = total = 0
    with pdfplumber.open(tmp_path / "south-korea-briefing" / name) as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                col = ch.get("non_stroking_color")
                if not ch["text"].strip() or not isinstance(col, (tuple, list)) or len(col) != 3:
                    continue
                total += 1
                if sum(col) / 3 > 0.8:      # near-white: only on coloured badges
                    pale += 1
    assert total > 500
    assert pale / total < 0.05


def test_the_handout_command_prints_a_dark_theme_on_paper(run, tmp_path):
    code, _, err = run("handout", BRIEFING, "--theme", "dark", "--format", "pdf", "--out", tmp_path)
    assert code == 0, err
    pale = total = 0
    with pdfplumber.open(tmp_path / "south-korea-briefing" / "south-korea-briefing-handout.pdf") as pdf:
        for page in pdf.pages:
            for ch in page.chars:
                col = ch.get("non_stroking_color")
                if ch["text"].strip() and isinstance(col, (tuple, list)) and len(col) == 3:
                    total += 1
                    pale += sum(col) / 3 > 0.8
    assert total > 500 and pale / total < 0.05
