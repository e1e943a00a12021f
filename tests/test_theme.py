"""Theme files: validation with exact located messages, extends, contrast, font files, commands."""

import shutil
from pathlib import Path

import pytest

from deckgen.theme.contrast import needed, ratio, text_on
from deckgen.errors import ErrorList
from deckgen.text.fontfiles import FONT_DIR, font_path
from deckgen.layout.geometry import frame
from deckgen.text.measure import width
from deckgen.theme.theme import builtin_names, load_theme

from .conftest import BRIEFING, CONTENT

SCHEMA_KEYS = ("'name', 'description', 'extends', 'slide', 'fonts', 'font_files', 'sizes', "
               "'margins', 'palette', 'charts', 'footer', 'logo', 'master' or 'layouts'")
PALETTE_NAMES = ("'background', 'text', 'muted', 'primary', 'on_primary', 'surface', 'rule', "
                 "'banner', 'on_banner', 'cover', 'on_cover', 'on_light', 'on_dark' or 'link'")


def _errors(path) -> list[str]:
    with pytest.raises(ErrorList) as exc:
        load_theme(str(path))
    return exc.value.render().splitlines()


def _png(path: Path, size=(300, 100)) -> Path:
    from PIL import Image
    Image.new("RGB", size, (122, 31, 92)).save(path)
    return path


# -- exact messages, file:line:column ------------------------------------------------

CASES = {
    "unknown key": (
        """
        extends: default
        palete:
          primary: "#112233"
        """,
        ["{f}:2:1: palete: unknown key 'palete'; allowed: " + SCHEMA_KEYS
         + " (did you mean 'palette'?)"]),
    "unknown nested key": (
        """
        palette:
          primry: "#112233"
        """,
        ["{f}:2:3: palette.primry: unknown key 'primry'; allowed: "
         + PALETTE_NAMES.replace(" or 'link'", ", 'link'")
         + ", 'accents', 'yardstick' or 'impact' (did you mean 'primary'?)"]),
    "bad colour": (
        """
        palette:
          text: "#12345"
          impact: {low: green}
        """,
        ["{f}:2:9: palette.text: found '#12345'; allowed: a colour as '#RRGGBB' or the name of "
         "another palette colour: " + PALETTE_NAMES,
         "{f}:3:17: palette.impact.low: found 'green'; allowed: a colour as '#RRGGBB'"]),
    "a palette name that is not one": (
        """
        palette:
          cover: primry
        """,
        ["{f}:2:10: palette.cover: found 'primry'; allowed: a colour as '#RRGGBB' or the name of "
         "another palette colour: " + PALETTE_NAMES + " (did you mean 'primary'?)"]),
    "palette names in a cycle": (
        """
        palette:
          cover: on_cover
          on_cover: cover
        """,
        ["{f}:2:10: palette.cover: palette colours refer to each other in a cycle: "
         "cover -> on_cover -> cover; allowed: a chain that ends in a colour as '#RRGGBB'",
         "{f}:3:13: palette.on_cover: palette colours refer to each other in a cycle: "
         "on_cover -> cover -> on_cover; allowed: a chain that ends in a colour as '#RRGGBB'"]),
    "bad length and size": (
        """
        slide: {size: "16:10"}
        sizes: {body: 22}
        """,
        ["{f}:1:15: slide.size: found '16:10'; allowed: '16:9' or '4:3' (did you mean '16:9'?)",
         "{f}:2:15: sizes.body: found '22'; allowed: a length such as '18pt', '0.5in', '1.2cm' "
         "or '10mm'"]),
    "missing font file": (
        """
        fonts: {body: House Sans}
        font_files:
          body: fonts/HouseSans-Regular.ttf
        """,
        ["{f}:3:9: font_files.body: found 'fonts/HouseSans-Regular.ttf', but there is no such "
         "file ({d}/fonts/HouseSans-Regular.ttf); allowed: a .ttf or .otf font file (a path "
         "relative to the theme file)"]),
    "a font file that is not a font": (
        """
        font_files:
          heading: {regular: notes.txt, bolder: x.ttf}
        """,
        ["{f}:2:22: font_files.heading.regular: found 'notes.txt', which is not a TrueType or "
         "OpenType font; allowed: a .ttf or .otf font file",
         "{f}:2:33: font_files.heading.bolder: unknown key 'bolder'; allowed: 'regular', 'bold', "
         "'italic' or 'bold_italic' (did you mean 'bold'?)"]),
    "missing logo": (
        """
        logo:
          file: images/crest.png
          position: top-rihgt
        """,
        ["{f}:2:9: logo.file: found 'images/crest.png', but there is no such file "
         "({d}/images/crest.png); allowed: a PNG, JPEG or GIF image (a path relative to the "
         "theme file)",
         "{f}:3:13: logo.position: found 'top-rihgt'; allowed: 'top-right', 'top-left', "
         "'bottom-right' or 'bottom-left' (did you mean 'top-right'?)"]),
    "a logo that is not an image": (
        """
        logo: {file: notes.txt}
        """,
        ["{f}:1:14: logo.file: found 'notes.txt', which is not an image deckgen can place; "
         "allowed: a PNG, JPEG or GIF image"]),
    "missing master": (
        """
        master: templates/ministry.potx
        layouts: {content: Ministry Content, titel: Cover}
        """,
        ["{f}:1:9: master: found 'templates/ministry.potx', but there is no such file "
         "({d}/templates/ministry.potx); allowed: a .pptx or .potx file (a path relative to "
         "the theme file)",
         "{f}:2:38: layouts.titel: unknown key 'titel'; allowed: 'title', 'content' or "
         "'section' (did you mean 'title'?)"]),
    "a master that is not PowerPoint": (
        """
        master: notes.txt
        """,
        ["{f}:1:9: master: found 'notes.txt'; allowed: a .pptx or .potx file"]),
    "no such parent": (
        """
        extends: defualt
        """,
        ["{f}:1:10: theme: found the theme 'defualt', but no such theme exists; allowed: "
         "{themes} or a path to a .yaml theme file (did you mean 'default'?)"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_theme_errors_are_located_and_exact(case, write, tmp_path):
    text, expected = CASES[case]
    (tmp_path / "notes.txt").write_text("not a font, image or presentation\n")
    f = write(text, "theme.yaml")
    themes = ", ".join(f"'{n}'" for n in builtin_names()[:-1]) + f" or '{builtin_names()[-1]}'"
    want = [e.format(f=f, d=tmp_path, themes=themes) for e in expected]
    n = len(want)
    assert _errors(f) == want + [f"{n} problem{'s' if n > 1 else ''} found."]


def test_an_extends_cycle_names_the_chain(write):
    a = write("extends: b.yaml\npalette: {primary: '#112233'}\n", "a.yaml")
    write("extends: c.yaml\n", "b.yaml")
    c = write("description: closes the loop\nextends: a.yaml\n", "c.yaml")
    assert _errors(a) == [
        f"{c}:2:10: extends: themes extend each other in a cycle: a -> b -> c -> a; allowed: a "
        "chain that ends in a theme without 'extends'", "1 problem found."]


def test_a_theme_error_stops_the_build_with_exit_2(run, write, tmp_path):
    content = write("title: A\ntheme: bad.yaml\n", "talk.yaml")
    bad = write("palette: {primary: navy}\n", "bad.yaml")
    code, out, err = run("build", content, "--out", tmp_path / "out", "--formats", "pptx")
    assert code == 2
    assert err.splitlines()[0] == (
        f"{bad}:1:20: palette.primary: found 'navy'; allowed: a colour as '#RRGGBB' or the name "
        f"of another palette colour: {PALETTE_NAMES}")
    assert not (tmp_path / "out" / "talk").exists() or not list((tmp_path / "out" / "talk").iterdir())


# -- extends, names and paths ------------------------------------------------------------


def test_extends_applies_the_parent_first_and_keeps_what_the_child_does_not_set(write):
    f = write("""
        extends: dark
        palette:
          primary: "#FFD166"
          link: primary
        sizes: {body: 24pt}
        """, "mine.yaml")
    t = load_theme(str(f))
    dark = load_theme("dark")
    assert t.chain == ("mine", "dark", "default")
    assert t.palette["primary"] == "FFD166" and t.palette["link"] == "FFD166"
    assert t.palette["background"] == dark.palette["background"]
    assert t.palette["cover"] == dark.palette["cover"]
    assert t.sizes["body"] == 24 and t.sizes["title"] == dark.sizes["title"]
    assert t.margins["left"] == int(0.6 * 914400)


def test_a_palette_name_follows_the_colour_it_names(write):
    # default's cover is 'primary': a theme that changes primary changes its cover too
    t = load_theme(str(write("palette: {primary: '#7A1F5C'}\n", "plum.yaml")))
    assert t.palette["cover"] == "7A1F5C" and t.palette["link"] == "7A1F5C"


def test_a_content_files_theme_may_be_a_name_or_a_path(run, write, tmp_path):
    from pptx import Presentation
    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "look.yaml").write_text("extends: print\npalette: {primary: '#222222'}\n")
    by_path = folder / "a.yaml"
    by_path.write_text("title: A\ntheme: look.yaml\ncontext: [One point]\n")
    by_name = folder / "b.yaml"
    by_name.write_text("title: B\ntheme: dark\ncontext: [One point]\n")
    for f, title_color, bg in ((by_path, "222222", "FFFFFF"), (by_name, "8CC8FF", "0F172A")):
        code, out, err = run("build", f, "--out", tmp_path / "out", "--formats", "pptx")
        assert code == 0, err
        prs = Presentation(str(tmp_path / "out" / f.stem / f"{f.stem}.pptx"))
        slide = prs.slides[1]
        assert str(slide.background.fill.fore_color.rgb) == bg
        assert str(slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb) == title_color
    # --theme takes a path too, and wins over the file's own theme
    code, _, err = run("build", by_name, "--theme", folder / "look.yaml", "--out",
                       tmp_path / "cli", "--formats", "pptx")
    assert code == 0, err
    prs = Presentation(str(tmp_path / "cli" / "b" / "b.pptx"))
    assert str(prs.slides[1].background.fill.fore_color.rgb) == "FFFFFF"


# -- contrast ---------------------------------------------------------------------------


def test_wcag_ratios():
    assert ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)   # the classic near miss
    assert ratio("FFFFFF", "777777") == ratio("777777", "FFFFFF")
    assert needed(14, bold=False) == 4.5 and needed(14, bold=True) == 3.0   # 18.66 px bold
    assert needed(18, bold=False) == 3.0 and needed(17.5, bold=False) == 4.5   # 24 px


def test_text_on_a_fill_is_the_themes_and_the_more_legible():
    pal = {"on_light": "102030", "on_dark": "FAFAF0"}
    assert text_on("FFD966", pal) == "102030"
    assert text_on("1F3864", pal) == "FAFAF0"


@pytest.mark.parametrize("name", builtin_names())
def test_every_built_in_theme_passes_its_contrast_check(name):
    t = load_theme(name, strict=True)
    assert t.description and t.warnings == ()
    assert len(t.contrast) > 30 and all(p.ok for p in t.contrast)
    # every kind of pair the issue names is checked
    pairs = {(p.fg_name, p.bg_name) for p in t.contrast}
    for pair in (("text", "background"), ("muted", "background"), ("muted", "surface"),
                 ("text", "surface"), ("on_primary", "primary"), ("on_banner", "banner"),
                 ("primary", "background"), ("accents[0]", "surface")):
        assert pair in pairs
    assert {p.bg_name for p in t.contrast} >= {"impact.low", "impact.critical", "yardstick[0]"}


def test_high_contrast_keeps_every_pair_at_7_to_1():
    t = load_theme("high-contrast")
    assert min(p.ratio for p in t.contrast) >= 7.0
    # bars, bands and series stand out from the slide too (WCAG 1.4.11 asks 3:1)
    for c in t.palette["accents"] + t.palette["yardstick"]:
        assert ratio(c, t.color("background")) >= 3.0, c


def test_print_is_grey_only():
    t = load_theme("print")
    colours = [c for v in t.palette.values()
               for c in (v if isinstance(v, list) else v.values() if isinstance(v, dict) else [v])]
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), "a colour that is not grey"
    # series and figure numbers stay apart when printed: no two accents within 8 % lightness
    lum = sorted(int(c[:2], 16) for c in t.palette["accents"])
    assert min(b - a for a, b in zip(lum, lum[1:])) >= 20


LOW = """
extends: default
palette:
  muted: "#9AA5B1"
"""


def test_low_contrast_is_a_located_warning_naming_the_pair_and_ratio(write):
    f = write(LOW, "pale.yaml")
    t = load_theme(str(f))
    assert t.warnings == (
        f"{f}:3:10: palette.muted: found #9AA5B1 (muted) on #FFFFFF (background) for captions, "
        "footer, slide numbers, axis labels: a contrast of 2.50:1; allowed: at least 4.5:1 for "
        "text (14 pt)",
        f"{f}:3:10: palette.muted: found #9AA5B1 (muted) on #F1F4F8 (surface) for card captions "
        "and evidence labels: a contrast of 2.27:1; allowed: at least 4.5:1 for text (14 pt)")


def test_strict_makes_low_contrast_an_error_on_build_and_on_themes_show(run, write, tmp_path):
    f = write(LOW, "pale.yaml")
    talk = write("title: A\n", "talk.yaml")
    code, _, err = run("build", talk, "--theme", f, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 0 and f"warning: {f}:3:10: palette.muted: found #9AA5B1" in err
    code, _, err = run("build", talk, "--theme", f, "--strict", "--out", tmp_path / "s",
                       "--formats", "pptx")
    assert code == 2
    assert err.splitlines()[0].startswith(f"{f}:3:10: palette.muted: found #9AA5B1 (muted) on")
    assert err.splitlines()[2] == "2 problems found."
    assert not (tmp_path / "s" / "talk" / "talk.pptx").exists()
    code, out, err = run("themes", "show", f, "--strict")
    assert code == 2 and "LOW  2.50:1 (needs 4.5)  muted #9AA5B1 on background #FFFFFF" in out
    assert "2 of " in out and err.splitlines()[-1] == "2 problems found."


def test_a_low_contrast_pair_is_blamed_on_the_key_the_user_set(write):
    # dark's on_primary is dark text; a user who darkens primary is pointed at primary
    f = write("extends: dark\npalette:\n  primary: '#303030'\n", "mine.yaml")
    warnings = load_theme(str(f)).warnings
    assert warnings and all(w.startswith(f"{f}:3:12: palette.primary: ") for w in warnings)
    assert any("(on_primary) on #303030 (primary) for table headers" in w for w in warnings)
    assert any("(link) on #0F172A (background)" in w for w in warnings)   # link: primary


# -- fonts ----------------------------------------------------------------------------


def test_a_font_deckgen_does_not_ship_is_measured_with_its_own_files(write, tmp_path):
    (tmp_path / "fonts").mkdir()
    shutil.copy(FONT_DIR / "LiberationSans-Regular.ttf", tmp_path / "fonts" / "House-Regular.ttf")
    shutil.copy(FONT_DIR / "LiberationSans-Bold.ttf", tmp_path / "fonts" / "House-Bold.ttf")
    f = write("""
        fonts: {heading: House Sans, body: House Sans}
        font_files:
          heading: fonts/House-Bold.ttf
          body: {regular: fonts/House-Regular.ttf, bold: fonts/House-Bold.ttf}
        """, "house.yaml")
    before = width("Hello world", "House Sans", 20)      # unknown: Carlito's metrics
    t = load_theme(str(f))
    assert t.warnings == ()
    # one name, one font: the body's fuller set of files is the one registered last
    assert font_path("House Sans") == (tmp_path / "fonts" / "House-Regular.ttf").resolve()
    assert width("Hello world", "House Sans", 20) == pytest.approx(width("Hello world", "Arial", 20))
    assert width("Hello world", "House Sans", 20) > before
    assert font_path("House Sans", bold=True, italic=True) == \
        (tmp_path / "fonts" / "House-Bold.ttf").resolve()


def test_a_font_without_metrics_is_a_warning(write):
    f = write("fonts: {body: Garamond}\n", "serif.yaml")
    assert load_theme(str(f)).warnings == (
        f"{f}:1:15: fonts.body: found 'Garamond', which deckgen has no font files for; text is "
        "measured with Carlito (Calibri's metrics) and may fit differently where 'Garamond' is "
        "installed; allowed: a font deckgen ships (Calibri, Arial and their metric twins) or one "
        "whose files are given under 'font_files: {body: ...}'",)


# -- logo, footer, 4:3 ------------------------------------------------------------------


def test_the_logo_takes_its_corner_and_the_title_gives_way(write, tmp_path):
    _png(tmp_path / "crest.png", (300, 100))
    f = write("logo: {file: crest.png, height: 0.5in, alt: Crest of the department}\n",
              "crest.yaml")
    t = load_theme(str(f))
    assert t.logo.width == 3 * t.logo.height == 3 * int(0.5 * 914400)
    plain, with_logo = frame(load_theme("default"), True), frame(t, True)
    assert with_logo.logo.x + with_logo.logo.w == t.slide_width - t.margins["right"]
    assert with_logo.title.x + with_logo.title.w < with_logo.logo.x
    assert with_logo.title.w < plain.title.w and with_logo.body == plain.body
    bottom = load_theme(str(write("logo: {file: crest.png, position: bottom-left}\n", "b.yaml")))
    fb = frame(bottom, False)
    assert fb.logo.x == bottom.margins["left"] and fb.footer.x > fb.logo.x + fb.logo.w


def test_logo_footer_and_4_3_reach_the_deck(write, tmp_path):
    from pptx import Presentation
    _png(tmp_path / "crest.png")
    f = write("""
        extends: default
        slide: {size: "4:3"}
        footer: "Department of War Studies"
        logo: {file: crest.png, position: bottom-right}
        """, "dept.yaml")
    from deckgen.build.pipeline import build
    for other in CONTENT:   # 4:3 lays every example out without overflow
        notes = build(other, tmp_path / "all", str(f), ["pptx"], report=True).fit_notes
        assert not [n for n in notes if n.action == "overflow"], other
    result = build(BRIEFING, tmp_path / "out", str(f), ["pptx"], report=True)
    prs = Presentation(str(result.files[0]))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    slides = list(prs.slides)
    for slide in slides[1:]:
        names = [sh.name for sh in slide.shapes]
        if slide.slide_layout.name == "Section Header":
            continue
        assert "Logo" in names
        logo = next(sh for sh in slide.shapes if sh.name == "Logo")
        assert logo._element.xpath(".//*[local-name()='decorative']/@val") == ["1"]
        footer = next(sh for sh in slide.shapes if sh.name == "Footer")
        assert footer.text_frame.text == "Department of War Studies"
        assert footer.left + footer.width <= logo.left
    assert "Logo" not in [sh.name for sh in slides[0].shapes]   # content slides only


def test_a_logo_with_alt_text_is_read_out(write, tmp_path):
    from pptx import Presentation

    from deckgen.build.pipeline import build
    _png(tmp_path / "crest.png")
    f = write("logo: {file: crest.png, alt: Crest of the department, slides: all}\n", "c.yaml")
    prs = Presentation(str(build(BRIEFING, tmp_path / "out", str(f), ["pptx"]).files[0]))
    for slide in prs.slides:    # 'slides: all' puts it on the title slide too
        logo = next(sh for sh in slide.shapes if sh.name == "Logo")
        assert logo._element.xpath("./*[1]/p:cNvPr/@descr") == ["Crest of the department"]


# -- the themes command -------------------------------------------------------------


def test_themes_lists_every_built_in_theme_with_its_description(run):
    code, out, err = run("themes")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "built-in themes:"
    listed = [ln.split()[0] for ln in lines[1:5]]
    assert listed == ["default", "dark", "high-contrast", "print"]
    assert sorted(listed) == builtin_names()
    for ln in lines[1:5]:
        name = ln.split()[0]
        assert ln.endswith(load_theme(name).description)


def test_themes_show_prints_resolved_values_and_contrast(run):
    code, out, err = run("themes", "show", "print")
    assert code == 0, err
    assert out.splitlines()[0].startswith("theme 'print': ")
    assert "  extends: default" in out
    assert "  body:        Calibri (measured with Carlito)" in out
    assert "  background:  #FFFFFF" in out and "  cover:       #FFFFFF" in out
    assert "  link:        #000000" in out
    assert "  ok  21.00:1 (needs 4.5)  text #000000 on background #FFFFFF: body text" in out
    assert out.rstrip().endswith("pairs pass.")


def test_themes_new_writes_a_starter_that_loads_and_can_be_edited(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("themes", "new", "seminar", "--from", "dark")
    assert code == 0, err
    f = tmp_path / "seminar.yaml"
    text = f.read_text()
    assert "extends: dark" in text.splitlines()
    t = load_theme(str(f))
    dark = load_theme("dark")
    assert t.palette == dark.palette and t.chain == ("seminar", "dark", "default")
    # every key of the parent is there, commented, with the parent's value
    assert '#   primary: "#8CC8FF"' in text and "#   body: 22pt" in text
    assert "#   link: primary" in text and "# master: our-template.potx" in text
    # uncommenting a group and a key changes the theme
    edited = text.replace("# palette:", "palette:").replace('#   primary: "#8CC8FF"',
                                                            '  primary: "#FFD166"')
    f.write_text(edited)
    assert load_theme(str(f)).palette["primary"] == "FFD166"
    # it never overwrites, and a path as --from is written relative to the new file
    code, _, err = run("themes", "new", "seminar")
    assert code == 2 and "already there" in err
    (tmp_path / "sub").mkdir()
    code, _, err = run("themes", "new", "child", "--from", "seminar.yaml", "--out", "sub")
    assert code == 0, err
    assert "extends: ../seminar.yaml" in (tmp_path / "sub" / "child.yaml").read_text()
    assert load_theme(str(tmp_path / "sub" / "child.yaml")).palette["primary"] == "FFD166"


def test_the_readmes_theme_examples_load(tmp_path):
    import re
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Themes\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    mine, ministry = (tmp_path / "my-theme.yaml"), (tmp_path / "ministry.yaml")
    _png(tmp_path / "crest.png")
    (tmp_path / "fonts").mkdir()
    for style in ("Regular", "Bold"):
        shutil.copy(FONT_DIR / f"LiberationSans-{style}.ttf",
                    tmp_path / "fonts" / f"HouseSans-{style}.ttf")
    (tmp_path / "templates").mkdir()
    shutil.copy(Path(__file__).resolve().parent / "fixtures" / "masters" / "ministry.potx",
                tmp_path / "templates" / "ministry.potx")
    mine.write_text(blocks[0])
    ministry.write_text(blocks[1])
    t = load_theme(str(mine))
    assert t.warnings == () and t.logo.alt == "Department crest" and t.footer
    m = load_theme(str(ministry))
    assert m.layouts == {"title": "Title Slide", "content": "Title Only", "section": "Title Only"}
    assert [w.split(": ")[1] for w in m.warnings] == ["layouts.title", "layouts.section"]


def test_layout_names_without_a_master_are_a_warning(write):
    f = write("layouts: {content: Corporate Content}\n", "nomaster.yaml")
    t = load_theme(str(f))
    assert t.layouts == {"title": "Title Slide", "content": "Title Only",
                         "section": "Section Header"}
    assert t.warnings == (
        f"{f}:1:20: layouts.content: found 'Corporate Content', but the theme names no master; "
        "deckgen's own template is used, with its layout 'Title Only'; allowed: layout names "
        "with 'master: file.pptx'",)
