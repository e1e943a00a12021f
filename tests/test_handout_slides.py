"""Slide handouts and notes pages: slide pictures read back with pdfplumber and python-docx."""

from __future__ import annotations

import io
import math
import shutil
import subprocess

import pdfplumber
import pytest
from docx import Document
from PIL import Image

from deckgen.build.pipeline import build, resolve_theme
from deckgen.deck.design import design
from deckgen.build.pipeline import Build
from deckgen.handout.api import file_name, make_handout, FORMATS
from deckgen.handout import slides as sl
from deckgen.handout.pdf import page_geometry
from deckgen.content.loader import load
from deckgen.content.markup import plain
from deckgen.deck.storyline import plan

from .conftest import BRIEFING, CONTENT, ROOT

KOREAN = ROOT / "tests" / "fixtures" / "handout" / "korean-briefing.yaml"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: what each file is written as: (style, per page, format); the briefing gets every count
WANT = {
    "south-korea-briefing": [("slides", n, "pdf") for n in sl.PER_PAGE]
    + [("slides", 3, "docx"), ("slides", 6, "docx"), ("notes", 0, "pdf"), ("notes", 0, "docx")],
    "intro-to-strategic-assessment": [("slides", 3, "pdf"), ("slides", 3, "docx"),
                                      ("notes", 0, "pdf"), ("notes", 0, "docx")],
    "korean-briefing": [("notes", 0, "pdf"), ("notes", 0, "docx")],
}


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Write every example's slide handouts and notes pages once (one painting per deck).

    Returns {name: {"content", "theme", "deck", "placed", "shots", files: {(style, n, fmt): path}}}
    and, under "rcParams changed", what the painting left in matplotlib's global state.
    """
    import warnings

    import matplotlib
    before = dict(matplotlib.rcParams)
    out = tmp_path_factory.mktemp("slide-handouts")
    result = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _make(out, result)
    after = dict(matplotlib.rcParams)
    result["rcParams changed"] = {k for k in before if before[k] != after[k]}
    result["warnings"] = [str(w.message) for w in caught]
    return result


def _make(out, result) -> None:
    for path in CONTENT + [KOREAN]:
        content = load(path)
        theme = resolve_theme(content, None)
        build = Build(content, theme)
        deck = build.deck
        files = {}
        for style, n, fmt in WANT[content.name]:
            handout = make_handout(build, style, per_page=n or None)
            target = out / f"{content.name}-{style}{n or ''}.{fmt}"
            FORMATS[fmt](handout, theme, target)
            files[(style, n, fmt)] = target
        result[content.name] = {"content": content, "theme": theme, "deck": deck,
                                "placed": build.placed, "build": build,
                                "shots": sl.shots(build), "files": files}


def _examples(made):
    return [(k, v) for k, v in made.items() if k not in ("rcParams changed", "warnings")]


@pytest.fixture(scope="module")
def pdfs(made):
    """Return {(name, style, n): [page]} for every PDF, each page read back with pdfplumber."""
    out = {}
    for name, got in _examples(made):
        for (style, n, fmt), path in got["files"].items():
            if fmt != "pdf":
                continue
            with pdfplumber.open(path) as doc:
                pages = []
                for p in doc.pages:
                    pages.append({
                        "width": p.width, "height": p.height, "chars": p.chars,
                        "text": p.extract_text() or "",
                        "images": [{k: im[k] for k in ("x0", "x1", "top", "bottom", "srcsize")}
                                   for im in p.images],
                        "lines": [ln for ln in p.lines if abs(ln["top"] - ln["bottom"]) < 0.1],
                        "captions": [p.crop((im["x0"], im["top"] - sl.CAPTION - 1, im["x1"],
                                             im["top"])).extract_text() for im in p.images],
                    })
                outline = [o[1] for o in doc.doc.get_outlines()]
                meta = doc.metadata
            out[(name, style, n)] = {"pages": pages, "outline": outline, "meta": meta}
    return out


def _frame(content):
    geo = page_geometry(content.language)
    return geo, geo.frame_width, geo.height - geo.top - geo.bottom - 0.5


# -- the pictures ----------------------------------------------------------------

def test_every_slide_is_painted_with_its_title_and_notes(made):
    for name, got in _examples(made):
        shots, placed, deck = got["shots"], got["placed"], got["deck"]
        # every slide but the hidden ones (hidden: true), numbered as in the deck
        shown = [(n, s) for n, s in enumerate(deck.slides, start=1) if not s.hidden]
        assert [s.number for s in shots] == [n for n, _ in shown], name
        assert [s.title for s in shots] == [plain(s.full_title) for _, s in shown], name
        # the notes as the deck holds them: unfiltered, directions to the presenter kept
        assert [s.notes for s in shots] == [ps.notes for ps in placed.slides if not ps.hidden], name
        for s in shots:
            with Image.open(io.BytesIO(s.png)) as im:
                assert (im.mode, im.size) == ("RGB", (2000, 1125)), (name, s.number)
            assert s.size == (2000, 1125)


def test_briefing_notes_are_kept_whole():
    content = load(BRIEFING)
    deck = plan(content, resolve_theme(content, None))
    notes = [s.notes for s in deck.slides]
    # a direction to the presenter, which the reading handout drops, stays here
    assert any("Stress the asymmetry: one-off aid versus irreversible transfers."
               in n.split("\n\n") for n in notes)     # whole, after the slide's time


def test_painting_leaves_global_matplotlib_style_alone(made):
    assert made["rcParams changed"] == set()


def test_korean_slides_are_painted_without_missing_glyphs(made):
    # matplotlib warns for every character its font lacks (drawn as a box); the
    # Korean fixture has Hangul in titles, text, the banner and chart labels
    assert [w for w in made["warnings"] if "missing from font" in w] == []


# -- the slide handout as PDF ----------------------------------------------------

def _slide_pdfs(made):
    for name, got in _examples(made):
        for (style, n, fmt) in got["files"]:
            if style == "slides" and fmt == "pdf":
                yield name, n, got


def test_slide_pdf_has_the_slides_at_their_places(made, pdfs):
    checked = 0
    for name, n, got in _slide_pdfs(made):
        shots = got["shots"]
        geo, fw, fh = _frame(got["content"])
        slots = sl.sheet_slots(n, fw, fh, 2000 / 1125)
        pages = pdfs[(name, "slides", n)]["pages"]
        assert len(pages) == math.ceil(len(shots) / n), (name, n)
        for i, page in enumerate(pages):
            on_page = shots[i * n:(i + 1) * n]
            imgs = sorted(page["images"], key=lambda im: (round(im["top"]), im["x0"]))
            assert len(imgs) == len(on_page), (name, n, i + 1)
            for shot, slot, im in zip(on_page, slots, imgs):
                want = (geo.left + slot.x, geo.top + slot.pic_y,
                        geo.left + slot.x + slot.pic_w, geo.top + slot.pic_y + slot.pic_h)
                assert (im["x0"], im["top"], im["x1"], im["bottom"]) == pytest.approx(
                    want, abs=0.05), (name, n, shot.number)
                assert im["srcsize"] == (2000, 1125)
                # inside the margins, below the header and above the footer
                assert geo.left - 0.01 <= im["x0"] and im["x1"] <= geo.width - geo.right + 0.01
                assert geo.top <= im["top"] and im["bottom"] <= geo.height - geo.bottom
            # each picture is captioned with its slide number (and title, as far as it fits)
            caps = [page["captions"][page["images"].index(im)] for im in imgs]
            for shot, cap in zip(on_page, caps):
                assert cap.startswith(f"Slide {shot.number}: "), (name, n, cap)
                head = _norm(cap)[len(f"Slide {shot.number}: "):].rstrip("…")
                assert _norm(shot.title).startswith(head), (name, cap)
                assert len(head) >= min(8, len(shot.title)), (name, cap)
            checked += 1
    assert checked == sum(math.ceil(len(made[k]["shots"]) / n) for k, n, _ in _slide_pdfs(made))


def test_slide_pdf_has_ruled_lines_beside_or_below_each_slide(made, pdfs):
    for name, n, got in _slide_pdfs(made):
        shots = got["shots"]
        geo, fw, fh = _frame(got["content"])
        slots = sl.sheet_slots(n, fw, fh, 2000 / 1125)
        assert all(s.rules >= 3 for s in slots), (n, [s.rules for s in slots])
        for i, page in enumerate(pdfs[(name, "slides", n)]["pages"]):
            filled = slots[:len(shots[i * n:(i + 1) * n])]
            lines = page["lines"]
            # header and footer rules, then the ruled lines of each slot in use
            body = [ln for ln in lines if geo.top < ln["top"] < geo.height - geo.bottom]
            assert len(body) == sum(s.rules for s in filled), (name, n, i + 1)
            for s in filled:
                x, y, w, h = s.lines
                inside = [ln for ln in body if ln["x0"] == pytest.approx(geo.left + x, abs=0.05)
                          and ln["x1"] == pytest.approx(geo.left + x + w, abs=0.05)
                          and geo.top + y < ln["top"] <= geo.top + y + h + 0.05]
                assert len(inside) == s.rules, (name, n, i + 1)
            if n == 3:
                # beside the picture, the last line level with its foot
                for s in filled:
                    last = max(ln["top"] for ln in body
                               if ln["x0"] == pytest.approx(geo.left + s.lines[0], abs=0.05)
                               and geo.top + s.y < ln["top"] < geo.top + s.y + s.h)
                    assert last == pytest.approx(geo.top + s.pic_y + s.pic_h, abs=0.05)


def test_slide_and_notes_pdfs_have_header_footer_and_bookmarks(made, pdfs):
    for (name, style, n), got in pdfs.items():
        content = made[name]["content"]
        geo = page_geometry(content.language)
        total = len(got["pages"])
        for i, page in enumerate(got["pages"], start=1):
            head = [c for c in page["chars"] if c["bottom"] < 15 * sl.MM]
            foot = [c for c in page["chars"] if c["top"] > page["height"] - 15 * sl.MM]
            head_text = "".join(c["text"] for c in sorted(head, key=lambda c: c["x0"]))
            foot_text = "".join(c["text"] for c in sorted(foot, key=lambda c: c["x0"]))
            assert head_text.startswith(plain(content.title)[:20]), (name, style, i)
            assert foot_text.endswith(f"Page {i} of {total}"), (name, style, i, foot_text)
            if content.classification:
                assert content.classification.upper() in head_text, (name, style, i)
                assert content.classification.upper() in foot_text, (name, style, i)
            # every other character inside the margins
            body = [c for c in page["chars"] if c not in head and c not in foot]
            # (a space ending a line may lie past the margin: nothing is drawn there)
            outside = [c["text"] for c in body if c["text"].strip() and (
                       c["x0"] < geo.left - 0.5 or c["x1"] > geo.width - geo.right + 0.5
                       or c["top"] < geo.top - 0.5 or c["bottom"] > geo.height - geo.bottom + 0.5)]
            assert outside == [], (name, style, i, "".join(outside)[:60])
        shots = made[name]["shots"]
        assert got["outline"] == [f"Slide {s.number}: {s.title}" for s in shots], (name, style)
        assert got["meta"]["Title"] == plain(content.title)
        assert got["meta"]["Keywords"] == f"{style} handout"


def test_pdf_pictures_are_the_painted_pixels(made):
    """poppler (what most Linux viewers and pdftoppm use) decodes a slide to its pixels."""
    got = made["korean-briefing"]
    path = got["files"][("notes", 0, "pdf")]
    exe = shutil.which("pdfimages")
    if exe is None:
        pytest.skip("poppler's pdfimages is not installed (.ci/run installs poppler-utils)")
    subprocess.run([exe, "-f", "1", "-l", "1", str(path), str(path.parent / "extracted")],
                   check=True)
    with Image.open(path.parent / "extracted-000.ppm") as extracted:
        assert extracted.convert("RGB").tobytes() == \
            Image.open(io.BytesIO(got["shots"][0].png)).tobytes()


def test_each_picture_is_stored_once_per_pdf(made):
    import pikepdf
    path = made["south-korea-briefing"]["files"][("slides", 3, "pdf")]
    with pikepdf.open(path) as pdf:
        images = {obj.objgen for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}
        placed = [xo.objgen for page in pdf.pages
                  for xo in (page.Resources.get("/XObject") or {}).values()
                  if xo.get("/Subtype") == "/Image"]
    # one image a slide, each placed once
    assert len(images) == len(placed) == len(made["south-korea-briefing"]["shots"])


def test_notes_pdf_gives_each_slide_a_page_with_its_notes(made, pdfs):
    for name, got in _examples(made):
        if ("notes", 0, "pdf") not in got["files"]:
            continue
        geo, fw, _fh = _frame(got["content"])
        pages = pdfs[(name, "notes", 0)]["pages"]
        shots = got["shots"]
        # every example's notes fit below their slide: one page each
        assert len(pages) == len(shots), name
        for shot, page in zip(shots, pages):
            (im,) = page["images"]
            assert (im["x0"], im["top"], im["x1"]) == pytest.approx(
                (geo.left, geo.top + sl.CAPTION, geo.left + fw), abs=0.05)
            assert im["bottom"] - im["top"] == pytest.approx(fw * 1125 / 2000, abs=0.05)
            assert page["captions"][0].startswith(f"Slide {shot.number}: ")
            text = _norm(page["text"])
            assert "Speaker notes" in text
            if shot.notes:
                for para in shot.notes.split("\n\n"):
                    assert _norm(para) in text, (name, shot.number, para[:40])
            else:
                assert "This slide has no speaker notes." in text
            # ruled lines for the reader's own notes fill the rest of the page
            rules = [ln for ln in page["lines"] if geo.top < ln["top"] < geo.height - geo.bottom]
            assert rules and max(ln["top"] for ln in rules) > geo.height - geo.bottom - sl.LINE_GAP


def test_hangul_notes_are_drawn_with_a_real_glyph(made, pdfs):
    from fontTools.ttLib import TTFont

    from deckgen.text.fontfiles import HANGUL, font_path
    page = pdfs[("korean-briefing", "notes", 0)]["pages"][2]    # slide 3: key judgements
    assert "국방부 장관의 반복된 입장." in page["text"]
    hangul = [c for c in page["chars"] if "\uac00" <= c["text"] <= "\ud7a3"]
    assert len(hangul) >= len("국방부장관의반복된입장")
    assert {c["fontname"].split("+")[-1] for c in hangul} <= {"DeckgenHangul-Regular",
                                                              "DeckgenHangul-Bold"}
    cmap = TTFont(str(font_path(HANGUL))).getBestCmap()
    assert all(ord(c["text"]) in cmap for c in hangul)
    # the running header carries the Korean title and banner in the same face
    assert "한반도 정세 브리핑" in page["text"] and "대외비 OFFICIAL" in page["text"]


# -- the DOCX --------------------------------------------------------------------

def _pictures(doc):
    return [el for el in doc.element.body.iter() if el.tag.endswith("}docPr")]


def test_slide_docx_is_a_table_a_page_with_pictures_and_ruled_lines(made):
    for name, got in _examples(made):
        for (style, n, fmt), path in got["files"].items():
            if (style, fmt) != ("slides", "docx"):
                continue
            shots = got["shots"]
            doc = Document(str(path))
            pages = math.ceil(len(shots) / n)
            assert len(doc.tables) == pages, (name, n)
            breaks = [p for p in doc.paragraphs if p.paragraph_format.page_break_before]
            assert len(breaks) == pages - 1
            pics = _pictures(doc)
            # alt text is the slide's title; the picture's title names the slide
            assert [p.get("descr") for p in pics] == [s.title for s in shots], (name, n)
            assert [p.get("title") for p in pics] == [f"Slide {s.number}" for s in shots]
            for k, table in enumerate(doc.tables):
                on_page = shots[k * n:(k + 1) * n]
                cells = [c for row in table.rows for c in row.cells]
                caps = [p.text for c in cells for p in c.paragraphs if p.text.startswith("Slide ")]
                assert [c.split("  ")[0] for c in caps] == [f"Slide {s.number}" for s in on_page]
                # the ruled lines: a table of rows with a rule beneath, in each slide's cell
                nested = [t for c in cells for t in c.tables]
                assert len(nested) == len(on_page), (name, n, k)
                for t in nested:
                    assert len(t.rows) >= 3
                    borders = t._tbl.tblPr.find(f"{W_NS}tblBorders")
                    assert borders.find(f"{W_NS}insideH").get(f"{W_NS}val") == "single"
                    assert borders.find(f"{W_NS}bottom").get(f"{W_NS}val") == "single"
                    assert borders.find(f"{W_NS}left").get(f"{W_NS}val") == "nil"
                    heights = {r._tr.trPr.find(f"{W_NS}trHeight").get(f"{W_NS}hRule")
                               for r in t.rows}
                    assert heights == {"exact"}


def test_slide_docx_fits_its_tables_on_the_page(made):
    """Each page's table, at its exact row heights, fits the text area with room to spare."""
    for name, got in _examples(made):
        for (style, n, fmt), path in got["files"].items():
            if (style, fmt) != ("slides", "docx"):
                continue
            doc = Document(str(path))
            sec = doc.sections[0]
            room = (sec.page_height - sec.top_margin - sec.bottom_margin) / 12700
            for k, table in enumerate(doc.tables):
                tall = sum(int(r._tr.trPr.find(f"{W_NS}trHeight").get(f"{W_NS}val"))
                           for r in table.rows) / 20
                # with the 1-point paragraph Word needs after a table, and some room to spare
                assert 0 < tall + 1 <= room - 10, (name, n, tall, room)
                if k == 0:       # a full page uses the page
                    assert tall > room - 30, (name, n, tall, room)
                width = sum(int(c.get(f"{W_NS}w")) for c in
                            table._tbl.tblGrid.findall(f"{W_NS}gridCol")) / 20
                # (within a twip: every column is rounded to whole twips)
                assert width <= (sec.page_width - sec.left_margin - sec.right_margin) / 12700 + 0.1


def test_notes_docx_has_a_heading_picture_and_the_notes_per_slide(made):
    for name, got in _examples(made):
        path = got["files"].get(("notes", 0, "docx"))
        if path is None:
            continue
        shots = got["shots"]
        doc = Document(str(path))
        heads = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert [p.text for p in heads] == [f"Slide {s.number}: {s.title}" for s in shots]
        assert [p.paragraph_format.page_break_before for p in heads] == \
            [None] + [True] * (len(shots) - 1)
        assert [p.get("descr") for p in _pictures(doc)] == [s.title for s in shots]
        text = "\n".join(p.text for p in doc.paragraphs)
        for s in shots:
            for para in s.notes.split("\n\n"):
                assert para.strip() in text, (name, s.number)
        assert text.count("Speaker notes") == len(shots)
    doc = Document(str(made["korean-briefing"]["files"][("notes", 0, "docx")]))
    assert "국방부 장관의 반복된 입장." in [p.text for p in doc.paragraphs]


def test_docx_property_elements_are_in_schema_order(made):
    import zipfile

    from lxml import etree

    from deckgen.handout.docx_base import _ORDER, _local
    for name, got in _examples(made):
        for key, path in got["files"].items():
            if key[2] != "docx":
                continue
            with zipfile.ZipFile(path) as z:
                root = etree.fromstring(z.read("word/document.xml"))
            for el in root.iter():
                if not isinstance(el.tag, str) or _local(el.tag) not in _ORDER:
                    continue
                seq = _ORDER[_local(el.tag)].split()
                kids = [_local(k.tag) for k in el if isinstance(k.tag, str)]
                assert [k for k in kids if k not in seq] == [], (name, key, kids)
                assert [seq.index(k) for k in kids] == sorted(seq.index(k) for k in kids), \
                    (name, key, kids)


# -- the page plan ------------------------------------------------------------------

@pytest.mark.parametrize("per_page", sl.PER_PAGE)
@pytest.mark.parametrize("aspect", [16 / 9, 4 / 3])
def test_sheet_slots_fit_the_frame_without_overlapping(per_page, aspect):
    fw, fh = 180 * sl.MM, 258 * sl.MM
    slots = sl.sheet_slots(per_page, fw, fh, aspect)
    assert len(slots) == per_page
    boxes = []
    for s in slots:
        assert s.pic_w / s.pic_h == pytest.approx(aspect)
        assert s.pic_w >= 0.45 * fw / (2 if per_page >= 4 else 1)
        x, y, w, h = s.lines
        for bx, by, bw, bh in ((s.x, s.y, s.pic_w, sl.CAPTION + s.pic_h), (x, y, w, h)):
            assert bx >= 0 and by >= 0 and bx + bw <= fw + 1e-6 and by + bh <= fh + 1e-6
            boxes.append((bx, by, bx + bw, by + bh))
        assert s.rules * s.line_gap <= h + 1e-6 and s.rules >= 3
        assert w >= 50 * sl.MM          # room to write
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] + 1e-6 or b[2] <= a[0] + 1e-6 or \
                a[3] <= b[1] + 1e-6 or b[3] <= a[1] + 1e-6, (a, b)
    beside = per_page == 3
    assert all((s.lines[0] > s.x + s.pic_w) == beside for s in slots)


# -- the command, the build and the formats -------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--style", "slides", "--per-page", "5"],
     "--per-page: found '5' slides a page; allowed: 1, 2, 3, 4 or 6"),
    (["--style", "slides", "--per-page", "three"],
     "--per-page: found 'three' slides a page; allowed: 1, 2, 3, 4 or 6"),
    (["--per-page", "6"],
     "--per-page: found --per-page 6 with the handout style 'reading'; allowed: --per-page "
     "only with --style slides"),
    (["--style", "notes", "--per-page", "1"],
     "--per-page: found --per-page 1 with the handout style 'notes'; allowed: --per-page "
     "only with --style slides"),
])
def test_per_page_errors_are_exact(run, tmp_path, args, message):
    code, out, err = run("handout", KOREAN, *args, "--out", tmp_path)
    assert (code, out, err) == (2, "", message + "\n")
    assert not any(tmp_path.iterdir())


def test_handout_command_writes_slides_and_notes(run, tmp_path, made):
    folder = tmp_path / "korean-briefing"
    code, out, err = run("handout", KOREAN, "--style", "slides", "--per-page", "6",
                         "--out", tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"wrote {folder / 'korean-briefing-handout-slides.pdf'}",
                                f"wrote {folder / 'korean-briefing-handout-slides.docx'}"]
    with pdfplumber.open(folder / "korean-briefing-handout-slides.pdf") as doc:
        assert [len(p.images) for p in doc.pages] == [6, 5]
    code, out, err = run("handout", KOREAN, "--style", "notes", "--format", "docx",
                         "--out", tmp_path)
    assert (code, err) == (0, "")
    assert out == f"wrote {folder / 'korean-briefing-handout-notes.docx'}\n"


def test_build_writes_slide_formats_only_when_asked(tmp_path, made):
    from deckgen.build.formats import WRITERS, default_formats
    names = ["handout-slides-pdf", "handout-slides-docx", "handout-notes-pdf",
             "handout-notes-docx"]
    assert set(names) <= set(WRITERS)
    assert not set(names) & set(default_formats())
    assert {"pptx", "handout-pdf", "handout-docx"} <= set(default_formats())
    result = build(KOREAN, tmp_path, formats=names)
    assert [p.name for p in result.files] == [
        "korean-briefing-handout-slides.pdf", "korean-briefing-handout-slides.docx",
        "korean-briefing-handout-notes.pdf", "korean-briefing-handout-notes.docx"]
    content = made["korean-briefing"]["content"]
    assert file_name(content, "pdf", "notes") == "korean-briefing-handout-notes.pdf"
    # the build's notes pages are the ones the handout command writes
    with pdfplumber.open(result.files[2]) as doc:
        assert len(doc.pages) == len(made["korean-briefing"]["shots"])


def test_build_defaults_leave_out_the_slide_formats():
    import argparse

    from deckgen.cli import build as command
    from deckgen.build.formats import default_formats
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args(["talk.yaml"])
    assert args.formats.split(",") == default_formats()
    assert "handout-slides-pdf" not in args.formats


def test_pictures_are_painted_once_per_build(made, monkeypatch):
    got = made["korean-briefing"]
    build = got["build"]
    assert build.counts["shots"] == 1 and build.counts["design"] == 1

    def no_painting(*args, **kwargs):
        raise AssertionError("painted again")

    monkeypatch.setattr(sl, "_shot", no_painting)
    # the four slide-picture outputs of the build (and any more) share the one painting
    assert sl.shots(build) is got["shots"]
    assert make_handout(build, "notes").blocks[0].slide is got["shots"][0]
