"""Trust under attack (issue 16): outputs carry nothing active; every failure is located.

Each test reads the output back with a reader that is not deckgen
(pdfplumber, python-pptx, python-docx, zipfile + an XML parser) or asserts
the exact message a user sees, with file name and key path.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from .conftest import BRIEFING

BRIEF_TEXT = BRIEFING.read_text(encoding="utf-8")
RUSI_URL = re.compile(r'url: "https://www.rusi.org/[^"]*"')


def briefing(tmp_path: Path, name: str = "deck.yaml", **replace: str) -> Path:
    """Write the example briefing to tmp_path/name with text replacements (old=new pairs)."""
    text = BRIEF_TEXT
    for old, new in replace.values():
        if isinstance(old, re.Pattern):
            assert old.search(text), old
            text = old.sub(lambda m: new, text)
        else:
            assert old in text, old
            text = text.replace(old, new)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def rels_targets(path: Path) -> list[tuple[str, str, str]]:
    """Return (rels part, Type, Target) of every relationship in an OOXML package."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                root = etree.fromstring(z.read(name))
                for rel in root:
                    out.append((name, rel.get("Type", ""), rel.get("Target", ""),
                                rel.get("TargetMode", "")))
    return out


def pdf_links(path: Path) -> list[str]:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return [h.get("uri") or "" for page in pdf.pages for h in page.hyperlinks]


# -- 1a. links ---------------------------------------------------------------------

@pytest.mark.parametrize("evil", ['https://www.rusi.org/x"href="javascript:alert(1)',
                                  'https://www.rusi.org/x"><b>bold'])
def test_a_quote_in_a_source_url_cannot_inject_into_any_output(tmp_path, run, evil):
    src = briefing(tmp_path, url=(RUSI_URL, "url: '" + evil + "'"))
    code, out, err = run("build", src, "--out", tmp_path / "o",
                         "--formats", "pptx,handout-pdf,handout-docx")
    assert code == 0, err
    folder = tmp_path / "o" / "deck"
    links = pdf_links(folder / "deck-handout.pdf")
    assert links and all(u.startswith("https://") for u in links), links
    assert not any("javascript" in u.lower() and '"' in u for u in links)
    assert any(u.startswith("https://www.rusi.org/x%22") for u in links), links
    for f in (folder / "deck.pptx", folder / "deck-handout.docx"):
        external = [t for _, ty, t, mode in rels_targets(f) if mode == "External"]
        assert external, f
        assert all(t.startswith(("https://", "mailto:")) and '"' not in t and "<" not in t
                   for t in external), external


def test_an_inline_link_with_a_quote_is_encoded_and_a_script_link_is_plain_text(tmp_path, run):
    src = briefing(tmp_path, q=('question: "How does Seoul',
                                'question: "[see](https://a.example/\\"onmouseover=x) '
                                '[no](javascript:alert(1)) How does Seoul'))
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "handout-pdf,pptx")
    assert code == 0, err
    links = pdf_links(tmp_path / "o" / "deck" / "deck-handout.pdf")
    assert "https://a.example/%22onmouseover=x" in links
    assert not any(u.startswith("javascript") for u in links)
    targets = [t for _, _, t, _ in rels_targets(tmp_path / "o" / "deck" / "deck.pptx")]
    assert not any(t.lower().startswith("javascript") for t in targets)


def test_a_source_url_with_another_scheme_is_a_located_error(tmp_path, run):
    src = briefing(tmp_path, url=(RUSI_URL, 'url: "javascript:alert(1)"'))
    code, out, err = run("build", src, "--out", tmp_path / "o")
    assert code == 2
    line = next(n for n, text in enumerate(src.read_text(encoding="utf-8").splitlines(), 1)
                if "javascript:alert(1)" in text)
    assert (f"{src}:{line}:10: sources[0].url: found 'javascript:alert(1)'; allowed: a web "
            "address starting https://, http:// or mailto:") in err
    assert "Traceback" not in err


def test_safe_url_rebuilds_or_refuses():
    from deckgen.content.urls import safe_url
    assert safe_url('https://a.example/p"q') == "https://a.example/p%22q"
    assert safe_url("https://a.example/a?b=1&c=2#f") == "https://a.example/a?b=1&c=2#f"
    assert safe_url("mailto:someone@example.org") == "mailto:someone@example.org"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https:///nohost",
                "data:text/html,x", "https://a.example/\x00", "vbscript:x", "https://a.b:x/"):
        assert safe_url(bad) is None, bad


# -- 1b. masters -------------------------------------------------------------------

MINISTRY = Path(__file__).resolve().parent / "fixtures" / "masters" / "ministry.pptx"
_MACRO_CT = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
_MAIN_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def doctor(src: Path, dst: Path, add: dict | None = None, edit: dict | None = None) -> Path:
    """Copy a zip package, adding parts and editing parts' text (name -> function)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if edit and item.filename in edit:
                data = edit[item.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def add_rel(xml: str, rid: str, rtype: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return xml.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rtype}" '
                                           f'Target="{target}"{mode}/></Relationships>')


def macro_master(path: Path) -> Path:
    """The ministry master with a VBA project, saved as .pptx (a renamed .pptm)."""
    return doctor(MINISTRY, path, add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 508},
                  edit={"[Content_Types].xml": lambda t: t.replace(_MAIN_CT, _MACRO_CT).replace(
                            "</Types>", '<Default Extension="bin" ContentType='
                            '"application/vnd.ms-office.vbaProject"/></Types>'),
                        "ppt/_rels/presentation.xml.rels": lambda t: add_rel(
                            t, "rId99", "http://schemas.microsoft.com/office/2006/relationships/"
                                        "vbaProject", "vbaProject.bin")})


def external_master(path: Path, target: str, rtype: str = "image") -> Path:
    rt = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rtype}"
    return doctor(MINISTRY, path, edit={"ppt/slideMasters/_rels/slideMaster1.xml.rels":
                                        lambda t: add_rel(t, "rId99", rt, target, True)})


def theme_on(tmp_path: Path, master: Path) -> Path:
    p = tmp_path / "org.yaml"
    p.write_text(f"extends: default\nmaster: {master.name}\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("make,reason", [
    (macro_master, "it holds a macro project (ppt/vbaProject.bin)"),
    (lambda p: external_master(p, "file:///\\\\host\\share\\logo.png"),
     "it links to 'file:///\\\\host\\share\\logo.png' outside the file "
     "(ppt/slideMasters/_rels/slideMaster1.xml.rels)"),
    (lambda p: external_master(p, "javascript:alert(1)", "hyperlink"),
     "it links to 'javascript:alert(1)' outside the file "
     "(ppt/slideMasters/_rels/slideMaster1.xml.rels)"),
    (lambda p: doctor(MINISTRY, p, add={"ppt/activeX/activeX1.xml": b"<ax/>"}),
     "it holds an ActiveX control (ppt/activeX/activeX1.xml)"),
    (lambda p: external_master(p, "../embeddings/oleObject1.bin", "oleObject"),
     "it holds an embedded OLE object (ppt/slideMasters/_rels/slideMaster1.xml.rels: "
     "../embeddings/oleObject1.bin)"),
])
def test_a_master_with_active_content_is_refused_where_the_theme_names_it(tmp_path, run, make,
                                                                         reason):
    master = make(tmp_path / "evil.pptx")
    theme = theme_on(tmp_path, master)
    code, out, err = run("build", BRIEFING, "--theme", theme, "--out", tmp_path / "o")
    assert code == 2, err
    assert (f"{theme}:2:9: master: found 'evil.pptx': {reason}; allowed: a .pptx or .potx "
            "file without macros, ActiveX controls, OLE objects or links to files outside it"
            ) in err, err
    assert "Traceback" not in err
    assert not list((tmp_path / "o").rglob("*.pptx")) if (tmp_path / "o").exists() else True


def test_a_master_that_unpacks_to_gigabytes_is_refused_before_it_is_read(tmp_path, run):
    import resource
    bomb = tmp_path / "evil.pptx"
    with zipfile.ZipFile(MINISTRY) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED,
                                                          compresslevel=1) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))
        with zout.open("ppt/media/zeros.png", "w", force_zip64=True) as f:
            chunk = b"\0" * (16 * 2**20)
            for _ in range(16):       # 256 MB of zeros, about 250 KB on disk
                f.write(chunk)
    assert bomb.stat().st_size < 2 * 2**20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, out, err = run("build", BRIEFING, "--theme", theme_on(tmp_path, bomb),
                         "--out", tmp_path / "o")
    assert code == 2, err
    assert "found 'evil.pptx': it unpacks to 256 MB; a master unpacks to at most 200 MB" in err
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 150, grown_mb


def test_check_flags_macros_activex_ole_and_outside_targets_in_any_deck(tmp_path, run):
    bad = doctor(macro_master(tmp_path / "m.pptx"), tmp_path / "bad.pptx",
                 add={"ppt/activeX/activeX1.xml": b"<ax/>"},
                 edit={"ppt/slideMasters/_rels/slideMaster1.xml.rels": lambda t: add_rel(add_rel(
                     t, "rId98", "http://schemas.openxmlformats.org/officeDocument/2006/"
                                 "relationships/image", "file:///\\\\host\\share\\a.png", True),
                     "rId97", "http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships/oleObject", "../embeddings/o.bin")})
    code, out, err = run("check", "--pptx", bad)
    assert code == 2
    assert f"{bad}: error: the part 'ppt/vbaProject.bin' is a macro project" in err
    assert f"{bad}: error: the part 'ppt/activeX/activeX1.xml' is an ActiveX control" in err
    assert f"{bad}: error: '[Content_Types].xml' declares macros (/ppt/presentation.xml)" in err
    assert ("error: the relationship rId98 in 'ppt/slideMasters/_rels/slideMaster1.xml.rels' "
            "points outside the file, at 'file:///\\\\host\\share\\a.png'") in err
    assert "declares an embedded OLE object (../embeddings/o.bin)" in err
    good = tmp_path / "o" / "deck" / "deck.pptx"
    assert run("build", briefing(tmp_path), "--out", tmp_path / "o", "--formats", "pptx")[0] == 0
    code, out, err = run("check", "--pptx", good)
    assert "macro" not in err and "outside the file" not in err, err


def test_check_on_a_missing_deck_is_an_error_not_a_bug(tmp_path, run):
    missing = tmp_path / "nope.pptx"
    code, out, err = run("check", "--pptx", missing)
    assert code == 2
    assert f"{missing}: error: the file cannot be read (No such file or directory)" in err
    assert "Traceback" not in err and "bug" not in err


# -- 1c. chart workbooks -----------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1,2)",
            "-2+3", "https://evil.example/"]


def test_chart_labels_that_look_like_formulas_are_text_in_the_embedded_workbook(tmp_path, run):
    labels = "".join(f"      {label!r}: {n}\n".replace("\\'", "''")
                     for n, label in enumerate(FORMULAS, start=1))
    src = briefing(tmp_path, pie=('      Oppose: 74.2\n      Favour: 20.5\n'
                                  '      "Other / no answer": 5.3\n', labels))
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 0, err
    import io
    import openpyxl
    found = []
    with zipfile.ZipFile(tmp_path / "o" / "deck" / "deck.pptx") as z:
        books = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert books
        for name in books:
            raw = z.read(name)
            with zipfile.ZipFile(io.BytesIO(raw)) as book:
                sheet = book.read("xl/worksheets/sheet1.xml")
                assert b"<f>" not in sheet and b"<f " not in sheet, name
                assert not [n for n in book.namelist() if "hyperlink" in n.lower()
                            or n.endswith(".rels") and b"hyperlink" in book.read(n)]
            ws = openpyxl.load_workbook(io.BytesIO(raw)).active
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                    found.append(cell.value)
    for label in FORMULAS:
        assert label in found, label


# -- 1d. SVG -----------------------------------------------------------------------

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
SVG_BAD = {
    "script": (SVG_HEAD + '<script>alert(1)</script><rect width="10" height="10"/></svg>',
               "which holds a <script> element"),
    "onload": (SVG_HEAD.replace("<svg ", '<svg onload="alert(1)" ') + "<rect width='9' "
               "height='9'/></svg>", "whose <svg> has the event attribute 'onload'"),
    "foreign": (SVG_HEAD + "<foreignObject width='9' height='9'><p>x</p></foreignObject></svg>",
                "which holds a <foreignObject> element"),
    "entity": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>\n' + SVG_HEAD +
               "<text>&a;</text></svg>", "which has a <!DOCTYPE> declaration"),
    "css": (SVG_HEAD + "<style>rect { fill: url(https://evil.example/x.svg#p) }</style>"
            "<rect width='9' height='9'/></svg>",
            "whose style links to 'https://evil.example/x.svg#p'"),
}


PICTURE_DECK = """\
title: Pictures
sections:
  - title: Drawings
    slides:
      - {title: A drawing, image: pic.svg, alt: A blue band}
"""


def picture_deck(tmp_path: Path, svg: str) -> Path:
    (tmp_path / "pic.svg").write_text(svg, encoding="utf-8")
    src = tmp_path / "deck.yaml"
    src.write_text(PICTURE_DECK, encoding="utf-8")
    return src


@pytest.mark.parametrize("case", sorted(SVG_BAD))
def test_an_svg_that_could_run_anything_is_refused_with_its_place(tmp_path, run, case):
    svg, found = SVG_BAD[case]
    src = picture_deck(tmp_path, svg)
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2, err
    assert re.search(rf"{re.escape(str(src))}:5:35: sections\[0\].slides\[0\].image: found the SVG file 'pic.svg', "
                     rf"{re.escape(found)}; allowed: ", err), err
    assert "Traceback" not in err
    assert not (tmp_path / "o" / "deck" / "deck.pptx").exists()


def test_an_svg_with_the_standard_doctype_still_builds(tmp_path, run):
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG_HEAD +
           '<rect width="50" height="20" fill="#336699"/></svg>')
    src = picture_deck(tmp_path, svg)
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 0, err


# -- 1e. theme paths ---------------------------------------------------------------

def _png(path: Path) -> Path:
    from PIL import Image
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 20), "navy").save(path)
    return path


@pytest.mark.parametrize("kind", ["absolute", "climbs", "symlink"])
def test_a_theme_logo_outside_the_theme_folder_is_refused(tmp_path, run, kind):
    secret = _png(tmp_path / "elsewhere" / "secret.png")
    themes = tmp_path / "themes"
    themes.mkdir()
    if kind == "absolute":
        ref, found = str(secret), f"found the absolute path '{secret}'"
    elif kind == "climbs":
        ref, found = "../elsewhere/secret.png", "found '../elsewhere/secret.png', which leaves"
    else:
        (themes / "logo.png").symlink_to(secret)
        ref, found = "logo.png", "found 'logo.png', which leaves"
    theme = themes / "org.yaml"
    theme.write_text(f"extends: default\nlogo:\n  file: '{ref}'\n", encoding="utf-8")
    code, out, err = run("build", BRIEFING, "--theme", theme, "--out", tmp_path / "o")
    assert code == 2, err
    assert f"{theme}:3:9: logo.file: {found}" in err, err
    assert "theme's folder" in err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").rglob("*.pptx"))


def test_a_theme_logo_inside_the_theme_folder_is_on_the_slides(tmp_path, run):
    from pptx import Presentation
    _png(tmp_path / "themes" / "art" / "logo.png")
    theme = tmp_path / "themes" / "org.yaml"
    theme.write_text("extends: default\nlogo:\n  file: art/logo.png\n", encoding="utf-8")
    code, out, err = run("build", BRIEFING, "--theme", theme, "--out", tmp_path / "o",
                         "--formats", "pptx")
    assert code == 0, err
    prs = Presentation(str(tmp_path / "o" / "south-korea-briefing" / "south-korea-briefing.pptx"))
    assert any(sh.shape_type == 13 for s in prs.slides for sh in s.shapes)


# -- 2. every failure a user can meet is located -----------------------------------

def test_a_full_disk_is_an_output_error_and_leaves_the_old_outputs(tmp_path, run, monkeypatch):
    import builtins
    import errno
    import io
    import os
    src = briefing(tmp_path)
    assert run("build", src, "--out", tmp_path / "o", "--formats", "pptx")[0] == 0
    deck = tmp_path / "o" / "deck" / "deck.pptx"
    before = deck.read_bytes()
    real_open = builtins.open

    def full_open(file, mode="r", *args, **kwargs):
        if ".deckgen-" in str(file) and any(c in mode for c in "wax"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", full_open)
    monkeypatch.setattr(io, "open", full_open)
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx", "--force")
    monkeypatch.undo()
    assert code == 2, err
    assert (f"cannot write the outputs in '{tmp_path / 'o' / 'deck'}': No space left on device; "
            "allowed: a folder you can write to, on a disk with free space (use --out)") in err
    assert "Traceback" not in err and "bug" not in err
    assert deck.read_bytes() == before
    assert not list((tmp_path / "o" / "deck").glob(".deckgen-*"))


def test_a_read_only_output_folder_is_an_output_error(tmp_path, run, monkeypatch):
    import errno
    import os
    src = briefing(tmp_path)
    folder = tmp_path / "o" / "deck"
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):      # root ignores the mode bits; the kernel would not
        if str(path).startswith(str(folder)):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_mkdir(path, *args, **kwargs)

    if os.geteuid() == 0:
        monkeypatch.setattr(os, "mkdir", mkdir)
    try:
        code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    finally:
        folder.chmod(0o755)
    assert code == 2, err
    assert f"cannot write the outputs in '{folder}': Permission denied; allowed: a folder" in err
    assert "Traceback" not in err


# -- 3. faults ---------------------------------------------------------------------

KILLED_BUILD = r"""
import os, signal, sys
from pathlib import Path
import deckgen.build.pipeline as p
target, when = Path(sys.argv[1]), sys.argv[2]
def job(folder, name, text):
    (folder / name).write_text(text)
    if when == "writing" and name == "b.txt":
        os.kill(os.getpid(), signal.SIGKILL)
    return [name]
real = os.replace
moved = []
def replace(a, b):
    real(a, b)
    if when == "moving" and not str(b).endswith(".json"):
        moved.append(b)
        if len(moved) == 1:
            os.kill(os.getpid(), signal.SIGKILL)
p.os.replace = replace
p.write_outputs(target, [lambda f: job(f, "a.txt", "new a"), lambda f: job(f, "b.txt", "new b")])
"""


@pytest.mark.parametrize("when,after_kill", [("writing", "old"), ("moving", "new")])
def test_a_build_killed_with_sigkill_leaves_one_whole_set_once_the_next_build_starts(
        tmp_path, when, after_kill):
    import subprocess
    import sys
    from deckgen.build.pipeline import write_outputs
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.txt").write_text("old a")
    (target / "b.txt").write_text("old b")
    script = tmp_path / "killed.py"
    script.write_text(KILLED_BUILD)
    proc = subprocess.run([sys.executable, str(script), str(target), when],
                          cwd=str(Path(__file__).resolve().parent.parent), capture_output=True)
    assert proc.returncode == -9, proc.stderr
    assert list(target.glob(".deckgen-*")), "the killed build left no temporary folder"
    # the next build (of anything else into the folder) removes or finishes what was left
    write_outputs(target, [lambda f: (f / "c.txt").write_text("c") and ["c.txt"]])
    assert not list(target.glob(".deckgen-*"))
    assert (target / "a.txt").read_text() == f"{after_kill} a"
    assert (target / "b.txt").read_text() == f"{after_kill} b"


def test_a_temporary_folder_of_a_running_build_is_left_alone(tmp_path):
    import os
    from deckgen.build.pipeline import write_outputs
    target = tmp_path / "out"
    live = target / f".deckgen-{os.getppid()}-abc"
    live.mkdir(parents=True)
    write_outputs(target, [lambda f: (f / "c.txt").write_text("c") and ["c.txt"]])
    assert live.is_dir()


def picture_file_deck(tmp_path: Path, name: str) -> Path:
    src = tmp_path / "pics.yaml"
    src.write_text(PICTURE_DECK.replace("pic.svg", name), encoding="utf-8")
    return src


def _bomb_png(path: Path, side: int = 20000) -> Path:
    import struct
    import zlib
    co = zlib.compressobj(9)
    row = b"\0" * (side + 1)
    data = b"".join(co.compress(row) for _ in range(side)) + co.flush()

    def chunk(tag, body):
        return (struct.pack(">I", len(body)) + tag + body +
                struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side,
                     8, 0, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def _located(err: str, src: Path, message: str) -> None:
    assert f"{src}:5:35: sections[0].slides[0].image: {message}" in err, err
    assert "Traceback" not in err and "bug in deckgen" not in err


def test_a_symlink_loop_as_a_content_path_is_located(tmp_path, run):
    (tmp_path / "a.png").symlink_to("b.png")
    (tmp_path / "b.png").symlink_to("a.png")
    src = picture_file_deck(tmp_path, "a.png")
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2
    _located(err, src, "found the path 'a.png', which cannot be used (a symbolic link that "
                       "points at itself); allowed: an existing file inside the content "
                       "file's folder")


def test_a_png_decompression_bomb_is_refused_unread(tmp_path, run):
    _bomb_png(tmp_path / "bomb.png")
    assert (tmp_path / "bomb.png").stat().st_size < 1_000_000
    src = picture_file_deck(tmp_path, "bomb.png")
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2
    _located(err, src, "found the picture 'bomb.png', which would unpack to far more pixels "
                       "than it should; allowed: at most 80,000,000 pixels (scale it down in "
                       "an image program)")


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_a_truncated_picture_is_located_before_the_docx_writer_meets_it(tmp_path, run, suffix):
    from PIL import Image
    import random
    rnd = random.Random(4)
    im = Image.frombytes("RGB", (300, 200), bytes(rnd.randrange(256) for _ in range(180000)))
    im.save(tmp_path / f"full.{suffix}")
    data = (tmp_path / f"full.{suffix}").read_bytes()
    (tmp_path / f"cut.{suffix}").write_bytes(data[:len(data) // 2])
    src = picture_file_deck(tmp_path, f"cut.{suffix}")
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "handout-docx")
    assert code == 2, err
    _located(err, src, f"found the file 'cut.{suffix}', but it is not a picture deckgen can "
                       f"read (it may be cut short); allowed: a {suffix.upper()} file saved by "
                       "an image program")
    ok = picture_file_deck(tmp_path, f"full.{suffix}")
    code, out, err = run("build", ok, "--out", tmp_path / "o", "--formats", "handout-docx")
    assert code == 0, err
    import docx
    d = docx.Document(str(tmp_path / "o" / "pics" / "pics-handout.docx"))
    assert d.inline_shapes


def _chart_deck(tmp_path: Path, data: str) -> Path:
    src = tmp_path / "chart.yaml"
    src.write_text(f"title: T\ncharts:\n  - {{id: c, title: C, data: {{{data}}}}}\n",
                   encoding="utf-8")
    return src


@pytest.mark.parametrize("damage", ["sheet-xml", "cut"])
def test_a_corrupt_xlsx_is_a_located_error(tmp_path, run, damage):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["year", "Defence"])
    wb.active.append(["2022", 40])
    wb.save(tmp_path / "good.xlsx")
    with zipfile.ZipFile(tmp_path / "good.xlsx") as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    if damage == "sheet-xml":
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = sheet[:len(sheet) // 2]
        with zipfile.ZipFile(tmp_path / "bad.xlsx", "w") as zout:
            for name, data in parts.items():
                zout.writestr(name, data)
        why = "a damaged part: ParseError"
    else:
        data = (tmp_path / "good.xlsx").read_bytes()
        (tmp_path / "bad.xlsx").write_bytes(data[:len(data) // 2])
        why = "BadZipFile"
    src = _chart_deck(tmp_path, "xlsx: bad.xlsx, columns: [Defence]")
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2, err
    assert (f"{src}:3:36: charts[0].data.xlsx: the file 'bad.xlsx' cannot be read as an Excel "
            f"workbook ({why}); allowed: an .xlsx file saved by Excel, LibreOffice or another "
            "spreadsheet program") in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("char", ["\x00", "\ufffe", "\uffff"])
def test_unholdable_characters_in_a_csv_are_reported_where_they_are(tmp_path, run, char):
    (tmp_path / "d.csv").write_text(f"year,value\n2022,4\n20{char}23,5\n", encoding="utf-8")
    src = _chart_deck(tmp_path, "csv: d.csv")
    code, out, err = run("validate", src)
    assert code == 2, err
    assert (f"{tmp_path / 'd.csv'}:3:1: charts[0].data.csv: found the character "
            f"U+{ord(char):04X} in row 3, column 'year' of 'd.csv'; allowed: printable text "
            "(no output can hold it)") in err, err


@pytest.mark.parametrize("escape,code_point", [("\\0", "0000"), ("\\x07", "0007"),
                                               ("\\uFFFE", "FFFE")])
def test_a_control_character_written_as_a_yaml_escape_is_reported(tmp_path, run, escape,
                                                                 code_point):
    src = tmp_path / "deck.yaml"
    src.write_text(f'title: "Bad{escape}title"\n', encoding="utf-8")
    code, out, err = run("validate", src)
    assert code == 2, err
    assert (f"{src}:1:8: found the character U+{code_point}, written as an escape; allowed: "
            "printable text (slides, handouts and workbooks cannot hold it; remove the "
            "escape)") in err, err


def test_exactly_20000_csv_rows_are_allowed_and_one_more_is_not(tmp_path):
    from deckgen.content.datafiles import MAX_ROWS, DataFileError, read_csv
    assert MAX_ROWS == 20_000
    p = tmp_path / "d.csv"
    p.write_text("k,v\n" + "".join(f"r{i},{i}\n" for i in range(20_000)), encoding="utf-8")
    assert len(read_csv(p, "d.csv")) == 20_001           # the header and 20,000 rows
    p.write_text("k,v\n" + "".join(f"r{i},{i}\n" for i in range(20_001)), encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_csv(p, "d.csv")
    assert e.value.message == ("the file 'd.csv' has more than 20,000 rows; allowed: at most "
                               "20,000")


def test_exactly_20000_xlsx_rows_are_allowed(tmp_path):
    import openpyxl
    from deckgen.content.datafiles import Workbook
    wb = openpyxl.Workbook()
    wb.active.append(["k", "v"])
    for i in range(20_000):
        wb.active.append([f"r{i}", i])
    wb.save(tmp_path / "d.xlsx")
    book = Workbook(tmp_path / "d.xlsx", "d.xlsx")
    try:
        assert len(book.rows(book.sheet(None))) == 20_001
    finally:
        book.close()


@pytest.mark.parametrize("keep", [3000, 0.5])
def test_a_truncated_font_file_in_a_theme_is_a_located_error(tmp_path, run, keep):
    from deckgen.text.fontfiles import FONT_DIR
    data = (FONT_DIR / "Carlito-Regular.ttf").read_bytes()
    (tmp_path / "cut.ttf").write_bytes(data[:keep if isinstance(keep, int) else
                                            int(len(data) * keep)])
    theme = tmp_path / "org.yaml"
    theme.write_text("extends: default\nfonts: {body: Carlito}\nfont_files:\n  body: cut.ttf\n",
                     encoding="utf-8")
    code, out, err = run("build", BRIEFING, "--theme", theme, "--out", tmp_path / "o",
                         "--formats", "pptx,handout-pdf")
    assert code == 2, err
    assert (f"{theme}:4:9: font_files.body: found 'cut.ttf', which is not a TrueType or "
            "OpenType font; allowed: a .ttf or .otf font file") in err, err
    assert "Traceback" not in err


SMALL = "title: T\nsections:\n  - title: S\n    slides:\n      - {title: X, points: [a]}\n"


def test_a_content_file_name_of_249_characters_is_an_output_error(tmp_path, run):
    src = tmp_path / ("a" * 244 + ".yaml")
    assert len(src.name) == 249
    src.write_text(SMALL, encoding="utf-8")
    code, out, err = run("build", src, "--out", tmp_path / "o")
    assert code == 2, err
    assert (f"cannot write the output '{'a' * 40}...aaaaaaa-handout.docx' in '{tmp_path / 'o'}': "
            "its name has 257 characters, more than the file system allows; allowed: a shorter "
            "content file name (rename the file; outputs are named after it)") in err, err
    assert "Traceback" not in err
    assert not list((tmp_path / "o").rglob("*.pptx"))


@pytest.mark.parametrize("ctype", ["pie", "doughnut"])
def test_a_pie_of_all_zeros_is_a_located_error(tmp_path, run, ctype):
    src = tmp_path / "pie.yaml"
    src.write_text(f"title: T\ncharts:\n  - {{id: c, title: C, type: {ctype}, "
                   "data: {a: 0, b: 0.0}}\n", encoding="utf-8")
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats", "pptx,handout-pdf")
    assert code == 2, err
    assert (f"{src}:3:{37 + len(ctype)}: charts[0].data: found only zeros for a {ctype} chart; "
            "allowed: at least one value above 0") in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["build", str(BRIEFING), "--formats", "pptx", "--force"],
                                  ["schema"]])
def test_stdout_closed_early_is_no_traceback(tmp_path, args):
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    if args[0] == "build":
        args = args + ["--out", str(tmp_path / "o")]
    read, write = os.pipe()
    os.close(read)          # like `| head` that has already gone
    proc = subprocess.run([sys.executable, "-m", "deckgen", *args], stdout=write,
                          stderr=subprocess.PIPE, cwd=str(root), timeout=300,
                          env={**os.environ, "PYTHONPATH": str(root)})
    os.close(write)
    err = proc.stderr.decode()
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert proc.returncode == 2, err
    assert ("deckgen: standard output was closed before deckgen finished (the reader of a "
            "pipe stopped early); stopped there") in err


@pytest.mark.parametrize("length", [232, 300, 5000])
def test_a_long_title_is_cut_where_word_holds_255_characters(tmp_path, run, length):
    import docx
    from pptx import Presentation
    words = ("Assessment " * 500)[:length - 1] + "X"
    src = briefing(tmp_path, t=('title: "South Korea and the Moscow–Pyongyang Axis"',
                                f'title: "{words}"'))
    code, out, err = run("build", src, "--out", tmp_path / "o", "--formats",
                         "pptx,handout-docx,handout-slides-docx,quiz-docx")
    assert code == 0, err
    folder = tmp_path / "o" / "deck"
    docs = sorted(folder.glob("*.docx"))
    assert len(docs) >= 3, docs
    for f in docs:
        cp = docx.Document(str(f)).core_properties
        for value in (cp.title, cp.subject, cp.author, cp.comments, cp.keywords):
            assert len(value or "") <= 255, (f.name, len(value))
        if "handout" in f.name:
            assert cp.title.startswith("Assessment Assessment")
            assert cp.title.endswith("…") == (length > 255)
    cp = Presentation(str(folder / "deck.pptx")).core_properties
    assert cp.title.startswith("Assessment") and len(cp.title) <= 255


@pytest.mark.parametrize("second", ["talk.yaml", "Talk.yaml"])
def test_two_content_files_of_one_name_in_one_run_is_an_error_naming_both(tmp_path, run,
                                                                         second):
    from pptx import Presentation
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = tmp_path / "a" / "talk.yaml"
    b = tmp_path / "b" / second
    a.write_text(SMALL.replace("title: T", "title: First deck"), encoding="utf-8")
    b.write_text(SMALL.replace("title: T", "title: Second deck"), encoding="utf-8")
    code, out, err = run("build", a, b, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 2
    assert (f"{b}: found a second file named '{second}' for the output folder "
            f"{tmp_path / 'o' / b.stem}; allowed: files with different names, since each is "
            f"built into a folder of its name (the first is {a})") in err, err
    # the second file alone is built, not taken for the first one's deck
    code, out, err = run("build", b, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 0, err
    assert "up to date" not in out + err
    deck = next((tmp_path / "o" / b.stem).glob("*.pptx"))
    assert Presentation(str(deck)).slides[0].shapes.title.text == "Second deck"


# -- 4. package validity -----------------------------------------------------------

C_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def test_chart_axis_ids_are_unsigned_and_still_pair_up(tmp_path, run):
    code, out, err = run("build", BRIEFING, "--out", tmp_path / "o", "--formats", "pptx")
    assert code == 0, err
    deck = tmp_path / "o" / "south-korea-briefing" / "south-korea-briefing.pptx"
    with_axes = 0
    with zipfile.ZipFile(deck) as z:
        for name in (n for n in z.namelist() if re.match(r"ppt/charts/chart\d+\.xml$", n)):
            root = etree.fromstring(z.read(name))
            ids = [int(e.get("val")) for e in root.iter(C_NS + "axId")]
            crosses = [int(e.get("val")) for e in root.iter(C_NS + "crossAx")]
            assert all(0 <= v <= 0xFFFFFFFF for v in ids + crosses), (name, ids, crosses)
            # and below 2**31: LibreOffice reads them as signed and loses the pairing past it
            assert all(v < 2 ** 31 for v in ids + crosses), (name, ids, crosses)
            axes = {int(ax.find(C_NS + "axId").get("val")) for tag in ("catAx", "valAx")
                    for ax in root.iter(C_NS + tag)}
            assert set(crosses) <= axes, (name, crosses, axes)
            with_axes += bool(crosses)
    assert with_axes >= 2     # the briefing's bar, column and range charts


def test_every_docx_has_a_zoom_with_a_percent(tmp_path, run):
    code, out, err = run("build", BRIEFING, "--out", tmp_path / "o", "--formats",
                         "handout-docx,handout-slides-docx,handout-notes-docx,quiz-docx")
    assert code == 0, err
    docs = sorted((tmp_path / "o").rglob("*.docx"))
    assert len(docs) >= 4, docs
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for f in docs:
        with zipfile.ZipFile(f) as z:
            zooms = list(etree.fromstring(z.read("word/settings.xml")).iter(w + "zoom"))
        assert zooms, f.name
        for zoom in zooms:
            assert zoom.get(w + "percent", "").isdigit(), (f.name, dict(zoom.attrib))


def test_a_symlink_loop_as_the_content_file_is_located(tmp_path, run):
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    code, out, err = run("build", tmp_path / "a.yaml", "--out", tmp_path / "o")
    assert code == 2, err
    assert f"{tmp_path / 'a.yaml'}: cannot be read: Too many levels of symbolic links" in err
    assert "Traceback" not in err and "bug in deckgen" not in err
