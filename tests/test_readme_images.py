"""The README's pictures: real files, small, each referenced, with a script that remakes them."""

from __future__ import annotations

import re

from PIL import Image

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
IMAGES = ROOT / "docs" / "images"


def test_every_picture_in_the_readme_is_a_small_png_with_alt_text():
    refs = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", README)
    assert refs, "the README shows no picture"
    for alt, path in refs:
        f = ROOT / path
        assert f.is_file(), path
        assert f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
        assert f.stat().st_size <= 150 * 1024, f"{path}: {f.stat().st_size:,} bytes"
        assert len(alt.split()) >= 5, f"{path}: say what the picture shows"
        with Image.open(f) as im:
            assert im.width >= 640, path
    shown = {(ROOT / p).resolve() for _, p in refs}
    assert {p.resolve() for p in IMAGES.glob("*.png")} <= shown, "a picture nobody shows"


def test_the_tutorial_shows_its_own_output_and_how_it_was_made():
    tutorial = README.split("## Tutorial:", 1)[1].split("\n## ", 1)[0]
    assert "(docs/images/tutorial-chart-slide.png)" in tutorial
    assert "(docs/images/tutorial-contact-sheet.png)" in tutorial
    assert "(docs/images/make_images.py)" in tutorial
    script = (IMAGES / "make_images.py").read_text(encoding="utf-8")
    # the script follows the README's own steps rather than a copy of them
    assert 'README = HERE.parent.parent / "README.md"' in script
    assert '"preview", "my-briefing.yaml", "--theme", "my-theme.yaml"' in script
    with Image.open(IMAGES / "tutorial-chart-slide.png") as im:
        assert abs(im.width / im.height - 16 / 9) < 0.01
