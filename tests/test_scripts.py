"""Fonts for every script: the pptx names one per script, and check says when none draws it."""

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen.build.pipeline import build
from deckgen.render.check import check_pptx
from deckgen.text.fontfiles import FONT_DIR
from deckgen.text.scripts import scripts_in

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ROOT / "tests" / "fixtures" / "handout" / "korean-briefing.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None,
                                      reason="fontconfig (fc-list) is not installed")


@pytest.fixture(scope="module")
def korean(tmp_path_factory) -> Path:
    return build(KOREAN, tmp_path_factory.mktemp("ko"), formats=["pptx"]).files[0]


def _fontconfig(folder: Path, monkeypatch, *files: str) -> None:
    """Make fontconfig see only ``files`` from deckgen's fonts (a machine with just those)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(FONT_DIR / f, folder / f)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><dir>{folder}</dir><cachedir>{folder / 'cache'}</cachedir>"
                    "</fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


def _warnings(findings):
    return [f.what for f in findings if f.level == "warning"]


def test_scripts_are_told_apart():
    assert scripts_in("Seoul 서울 and 東京 とうきょう, مرحبا, שלום, สวัสดี") == {
        "Hang": "서울", "Hani": "東京", "Jpan": "とうきょ", "Arab": "مرحب", "Hebr": "שלום",
        "Thai": "สวัด"}   # distinct characters, four at most
    assert scripts_in("Plain English, Ελληνικά, русский: 3–5 %") == {}


def test_the_font_scheme_names_a_font_per_script_and_hangul_takes_the_themes(korean):
    with zipfile.ZipFile(korean) as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
        slide = etree.fromstring(z.read("ppt/slides/slide2.xml"))
    for which in ("majorFont", "minorFont"):
        scheme = theme.find(f".//{A}fontScheme/{A}{which}")
        fonts = {el.get("script"): el.get("typeface") for el in scheme.findall(f"{A}font")}
        assert fonts["Hang"] == "Malgun Gothic"
        assert fonts["Jpan"] == "Yu Gothic" and fonts["Hans"] == "Microsoft YaHei"
        assert fonts["Thai"] == "Leelawadee UI" and fonts["Arab"] == "Arial"
        assert scheme.find(f"{A}ea").get("typeface") == "Malgun Gothic"
    # every run names the theme's East Asian font for its Hangul
    assert {el.get("typeface") for el in slide.iter(f"{A}ea")} == {"Malgun Gothic"}


@needs_fontconfig
def test_check_reports_hangul_on_a_machine_with_no_korean_font(korean, tmp_path, monkeypatch):
    _fontconfig(tmp_path / "latin-only", monkeypatch, "Carlito-Regular.ttf")
    got = [w for w in _warnings(check_pptx(korean)) if w.startswith("Hangul")]
    assert got == [
        "Hangul text (slides 1, 2, 3, 4, 5, 6 and 5 more: '한반도정'): PowerPoint draws it in "
        "Malgun Gothic, but this machine has no font for Hangul, so LibreOffice here, and any "
        "PDF made with it, shows empty boxes instead; install one (on Debian or Ubuntu: apt "
        "install fonts-noto-cjk)"]


@needs_fontconfig
def test_check_is_quiet_when_the_machine_has_a_korean_font(korean, tmp_path, monkeypatch):
    _fontconfig(tmp_path / "with-hangul", monkeypatch, "Carlito-Regular.ttf",
                "DeckgenHangul-Regular.ttf")
    assert not [w for w in _warnings(check_pptx(korean)) if "Hangul" in w]


def test_check_reports_a_script_no_named_font_covers(korean, tmp_path, monkeypatch):
    # a deck whose theme names no script fonts and whose runs name only Calibri
    monkeypatch.setenv("PATH", str(tmp_path / "no-fontconfig"))    # no fc-list: no machine check
    out = tmp_path / "bare.pptx"
    with zipfile.ZipFile(korean) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            body = zin.read(name)
            if re.match(r"ppt/(slides/slide\d+|theme/theme\d+)\.xml$", name):
                text = body.decode("utf-8")
                text = re.sub(r'<a:font script="[^"]+" typeface="[^"]*"/>', "", text)
                text = text.replace('typeface="Malgun Gothic"', 'typeface="Calibri"')
                body = text.encode("utf-8")
            zout.writestr(name, body)
    got = [w for w in _warnings(check_pptx(out)) if w.startswith("Hangul")]
    assert got == [
        "Hangul text (slides 1, 2, 3, 4, 5, 6 and 5 more: '한반도정') is in no font the deck "
        "names (Calibri) or embeds, so PowerPoint and LibreOffice substitute one of their "
        "choosing; name one in the theme (PowerPoint has Malgun Gothic on Windows and Apple SD "
        "Gothic Neo on macOS)"]
