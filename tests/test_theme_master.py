"""Decks built on an organisation's master, made in LibreOffice Impress.

tests/fixtures/masters/make_masters.py made the fixtures: ``ministry.pptx``
(Impress's own layout names, two renamed "Ministry Cover" and "Ministry
Content"; no "Section Header") and ``ministry.potx`` (a real template, as
Impress writes it). Both carry a logo picture, a band and a cream
background on the master, and one sample slide.
"""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.build.pipeline import build
from deckgen.errors import ErrorList
from deckgen.theme.theme import load_theme

from .conftest import BRIEFING, requires_soffice, to_pdf

MASTERS = Path(__file__).resolve().parent / "fixtures" / "masters"
LAYOUTS = ("'Ministry Cover', 'Title, Content', 'Title, 2 Content', 'Ministry Content', "
           "'Title, 2 Content and Content', 'Title Content and 2 Content', "
           "'Title, 2 Content over Content', 'Title, Content over Content', 'Title, 4 Content' "
           "or 'Title, 6 Content'")
MINISTRY = """
name: ministry
extends: default
master: masters/ministry.pptx
layouts:
  title: Ministry Cover
  content: Ministry Content
  section: Section Header
palette:
  background: "#FBF8F3"
  primary: "#7A1F5C"
  banner: "#7A1F5C"
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("org")
    shutil.copytree(MASTERS, d / "masters")
    (d / "ministry.yaml").write_text(MINISTRY)
    (d / "template.yaml").write_text("extends: default\nmaster: masters/ministry.potx\n"
                                     "palette: {background: '#FBF8F3'}\n")
    return d


@pytest.fixture(scope="module")
def on_pptx(folder):
    result = build(BRIEFING, folder / "out-pptx", str(folder / "ministry.yaml"), ["pptx"])
    return result, Presentation(str(result.files[0]))


@pytest.fixture(scope="module")
def on_potx(folder):
    before = (folder / "masters" / "ministry.potx").read_bytes()
    result = build(BRIEFING, folder / "out-potx", str(folder / "template.yaml"), ["pptx"])
    assert (folder / "masters" / "ministry.potx").read_bytes() == before   # never touched
    return result, Presentation(str(result.files[0]))


def _role(kind: str) -> str:
    return kind if kind in ("title", "section") else "content"


def test_slides_use_the_masters_layouts_by_name(on_pptx):
    result, prs = on_pptx
    want = {"title": "Ministry Cover", "content": "Ministry Content", "section": "Ministry Content"}
    kinds = set()
    for slide, planned in zip(prs.slides, result.deck.slides):
        kinds.add(_role(planned.kind))
        assert slide.slide_layout.name == want[_role(planned.kind)], planned.full_title
    assert kinds == {"title", "content", "section"}


def test_a_missing_layout_name_warns_and_falls_back(folder, on_pptx):
    result, _ = on_pptx
    f = folder / "ministry.yaml"
    assert result.warnings[0] == (
        f"{f}:8:12: layouts.section: found no layout 'Section Header' (with a title placeholder) "
        f"in the master 'ministry.pptx'; the section slides use 'Ministry Content' instead; "
        f"allowed: {LAYOUTS}")


def test_when_the_fallback_is_missing_too_the_error_names_both(folder):
    f = folder / "corporate.yaml"
    f.write_text("master: masters/ministry.pptx\nlayouts:\n  content: Corporate Content\n")
    with pytest.raises(ErrorList) as exc:
        load_theme(str(f))
    assert exc.value.render().splitlines() == [
        f"{f}:3:12: layouts.content: found neither the layout 'Corporate Content' nor its "
        "fallback 'Title Only' (with a title placeholder) in the master 'ministry.pptx'; "
        f"allowed: {LAYOUTS}", "1 problem found."]


def test_the_masters_artwork_background_and_fonts_are_kept(on_pptx):
    result, prs = on_pptx
    src = Presentation(str(MASTERS / "ministry.pptx"))
    master, original = prs.slide_masters[0], src.slide_masters[0]
    pictures = {sh.name: sh.image.blob for sh in master.shapes if sh.shape_type == 13}
    assert pictures == {sh.name: sh.image.blob for sh in original.shapes if sh.shape_type == 13}
    assert "Ministry logo" in pictures
    assert "Ministry band" in [sh.name for sh in master.shapes]
    assert len(prs.slide_masters) == 1 and len(list(master.slide_layouts)) == 12
    assert str(master.background.fill.fore_color.rgb) == "FBF8F3"
    for slide in prs.slides:
        assert slide.follow_master_background       # no background painted over the master's
        assert slide.slide_layout.slide_master == master
    # the master's fonts (Arial in its theme) set the deck's type; the palette its colours
    title = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title.font.name == "Arial" and str(title.font.color.rgb) == "7A1F5C"
    # the master's own colour scheme is left as the organisation made it
    with zipfile.ZipFile(result.files[0]) as z, zipfile.ZipFile(MASTERS / "ministry.pptx") as m:
        assert z.read("ppt/theme/theme1.xml") == m.read("ppt/theme/theme1.xml")


def test_the_sample_slides_are_gone_with_their_parts(on_pptx):
    result, prs = on_pptx
    with zipfile.ZipFile(result.files[0]) as z:
        names = z.namelist()
        slides = [n for n in names if re.match(r"ppt/slides/slide\d+\.xml$", n)]
        assert len(slides) == len(prs.slides) == len(result.deck.slides)
        assert not any(b"ships with" in z.read(n) for n in names)
        # every part is reached from some relationship: nothing orphaned
        targets = set()
        for n in names:
            if n.endswith(".rels"):
                base = n.replace("_rels/", "").rsplit(".rels", 1)[0]
                folder = base.rsplit("/", 1)[0] if "/" in base else ""
                for t, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?',
                                          z.read(n).decode()):
                    if mode != "External":
                        targets.add(_join(folder, t))
        parts = {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
        assert parts - targets == set()


def test_a_potx_is_accepted_and_its_layouts_used(on_potx):
    result, prs = on_potx
    layouts = {_role(p.kind): s.slide_layout.name for s, p in zip(prs.slides, result.deck.slides)}
    assert layouts == {"title": "Title Slide", "content": "Title Only", "section": "Title Only"}
    assert "layouts.section: found no layout 'Section Header'" in result.warnings[0]
    with zipfile.ZipFile(result.files[0]) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types
    assert "template.main+xml" not in types
    assert len(prs.slides) == len(result.deck.slides)


def test_a_master_that_is_not_powerpoint_is_a_located_error(folder):
    (folder / "broken.pptx").write_bytes(b"PK\x03\x04 not really a zip")
    f = folder / "broken.yaml"
    f.write_text("master: broken.pptx\n")
    with pytest.raises(ErrorList) as exc:
        load_theme(str(f))
    line = exc.value.render().splitlines()[0]
    assert line.startswith(f"{f}:1:9: master: found 'broken.pptx', which cannot be opened as a "
                           "PowerPoint file (not a zip package: ")
    assert line.endswith("); allowed: a .pptx or .potx file")


def test_the_masters_size_wins_over_the_themes(folder):
    f = folder / "square.yaml"
    f.write_text("master: masters/ministry.pptx\nslide: {size: '4:3'}\n"
                 "layouts: {title: Ministry Cover, content: Ministry Content, "
                 "section: Ministry Content}\npalette: {background: '#FBF8F3'}\n")
    t = load_theme(str(f))
    assert (t.slide_width, t.slide_height) == (12192000, 6858000)
    assert t.warnings == (f"{f}:2:15: slide.size: found '4:3', but the master 'ministry.pptx' "
                          "is 13.33 × 7.50 in; the master's size is used",)


def test_a_palette_background_unlike_the_masters_is_a_warning(folder):
    f = folder / "white.yaml"
    f.write_text("master: masters/ministry.potx\n")
    warnings = load_theme(str(f)).warnings
    assert warnings[-1] == (
        f"{f}:1:9: palette.background: found '#FFFFFF', but the master 'ministry.potx' has the "
        "background #FBF8F3; deckgen checks contrast against the palette, so set "
        "palette.background to the master's colour")


def test_the_preview_shows_the_masters_logo(folder, on_pptx, tmp_path):
    from PIL import Image

    from deckgen.deck.design import design
    from deckgen.render.preview import paint_slide
    result, prs = on_pptx
    theme = load_theme(str(folder / "ministry.yaml"))
    placed = design(result.deck, theme)
    png = paint_slide(placed.slides[1], placed, theme, tmp_path / "s.png", dpi=48)
    _logo_and_background(Image.open(png).convert("RGB"), prs)


@requires_soffice
def test_libreoffice_draws_the_masters_artwork_under_the_slides(on_pptx, tmp_path):
    from PIL import Image
    result, prs = on_pptx
    pdf = to_pdf(result.files[0], tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "48", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "p")], check=True)
    _logo_and_background(Image.open(next(tmp_path.glob("p-*.png"))).convert("RGB"), prs)


def _logo_and_background(im, prs) -> None:
    logo = next(sh for sh in prs.slide_masters[0].shapes if sh.name == "Ministry logo")
    sx, sy = im.width / prs.slide_width, im.height / prs.slide_height
    # a point inside the logo's plum frame (right of its bars, half way down), the background
    x = int((logo.left + logo.width * 0.94) * sx)
    y = int((logo.top + logo.height * 0.5) * sy)
    assert _near(im.getpixel((x, y)), "7A1F5C"), im.getpixel((x, y))
    assert _near(im.getpixel((2, im.height // 2)), "FBF8F3"), im.getpixel((2, im.height // 2))


def _near(rgb, hex6: str, tol: int = 24) -> bool:
    want = [int(hex6[i:i + 2], 16) for i in (0, 2, 4)]
    return max(abs(a - b) for a, b in zip(rgb, want)) <= tol


def _join(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def test_master_keeps_its_show_settings_and_prints_handouts(on_pptx):
    from lxml import etree
    result, _prs = on_pptx
    with zipfile.ZipFile(result.files[0]) as z:
        root = etree.fromstring(z.read("ppt/presProps.xml"))
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    # the master's showPr stays; prnPr goes before it, as the schema orders them
    assert [(k.tag, dict(k.attrib)) for k in root] == [
        (f"{p}prnPr", {"prnWhat": "handouts3", "frameSlides": "1"}),
        (f"{p}showPr", {"showNarration": "1"})]

