"""Every PDF deckgen writes is tagged PDF/UA-1: read back as a screen reader and a checker would.

The examples' PDFs (reading, slide and notes handouts, quiz sheet and key, the
slides PDF) are built once; each is read back with pikepdf and pdfplumber
(:mod:`tests.pdf_structure`) and must hold what PDF/UA asks (language, title,
embedded fonts with ToUnicode, every character tagged or an artifact,
headings without skipped levels, figures with alt text, tables with header
cells, links tagged) *and* what a sighted reader sees, in the order they see
it. veraPDF, the reference validator, then checks every file where Java is
installed (``DECKGEN_REQUIRE_VERAPDF=1`` makes its absence a failure, as CI
sets it).
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from deckgen.build.pipeline import Build, build, resolve_theme
from deckgen.content.loader import load
from deckgen.content.markup import parse, plain
from deckgen.handout import blocks as b
from deckgen.handout.api import make_handout
from deckgen.layout.placed import TextBox
from deckgen.quiz.common import points_text
from deckgen.render.pdf_slides import visible, write_slides_pdf
from deckgen.render.pdf_typst import spoken

from .conftest import BRIEFING, CONTENT, ROOT
from .pdf_structure import pdfua_problems, read

PDF_FORMATS = ["handout-pdf", "handout-slides-pdf", "handout-notes-pdf", "quiz-pdf", "slides-pdf"]
VERAPDF = ROOT.parent / "shared" / "verapdf" / "verapdf.py"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build every PDF of every example once: {content name: (content, build, {kind: path})}."""
    out = tmp_path_factory.mktemp("pdfs")
    made = {}
    for path in CONTENT:
        result = build(path, out, formats=PDF_FORMATS)
        content = result.build.content
        files = {p.name.removeprefix(content.name + "-").removesuffix(".pdf"): p
                 for p in result.files}
        made[content.name] = (content, result.build, files)
    return made


def _all(built):
    return [(name, kind, path) for name, (_c, _b, files) in built.items()
            for kind, path in files.items()]


def test_the_examples_write_every_pdf_kind(built):
    for name, (_c, _b, files) in built.items():
        assert sorted(files) == ["handout", "handout-notes", "handout-slides", "quiz",
                                 "quiz-key", "slides"], name


def test_every_pdf_has_what_pdfua_asks(built):
    for name, kind, path in _all(built):
        content = built[name][0]
        tagged = read(path)
        assert pdfua_problems(tagged, content.language) == [], (name, kind)
        assert tagged.title_xmp.startswith(plain(content.title)[:20]) or kind.startswith("quiz")


def _texts(runs_of: str) -> str:
    return " ".join(plain(runs_of).split())


def _squash(s: str) -> str:
    return "".join(s.split())


# -- the reading handout -------------------------------------------------------------------

def test_reading_handout_headings_tables_lists_figures_in_the_tag_tree(built):
    for name, (content, bld, files) in built.items():
        handout = make_handout(bld)
        t = read(files["handout"])
        # the title is the H1; the handout's sections H2, what sits inside them H3
        assert t.headings() == [(1, plain(content.title))] + [
            (h.level + 1, plain(h.text)) for h in handout.headings()], name
        tables = [blk for blk in handout.blocks if isinstance(blk, b.Table)]
        got = t.of("Table")
        assert len(got) == len(tables), name
        for blk, el in zip(tables, got):
            ths = [e.text for e in el.walk() if e.type == "TH"]
            assert ths == [plain(c) for c in blk.columns], name
            tds = [e for e in el.walk() if e.type == "TD"]
            assert len(tds) == len(blk.rows) * len(blk.columns), name
            assert _squash(plain(blk.rows[0][0])) in _squash(tds[0].text), name
        # every chart, yardstick and picture is a Figure with its alt text, in reading order
        alts = []
        for blk in handout.blocks:
            if isinstance(blk, b.ChartRow):
                alts += [cb.alt or plain(cb.heading) for cb in blk.charts]
            elif isinstance(blk, b.Items) and blk.beside is not None:
                alts.append(blk.beside.alt or plain(blk.beside.heading))
            elif isinstance(blk, (b.Yardstick, b.Image)):
                alts.append(blk.alt)
        assert [f.alt for f in t.of("Figure")] == alts, name
        # each bulleted list is a list whose items hold the text
        lists = [blk for blk in handout.blocks if isinstance(blk, b.BulletList)]
        items = {_squash(e.text) for e in t.of("LI")}
        for blk in lists:
            for it in blk.items:
                assert any(_squash(plain(it.text)) in x for x in items), (name, it.text)


def test_the_handouts_words_are_tagged_as_written(built):
    # paragraphs, notes and cards read exactly as the content says them: no markup,
    # brackets or words of the writer's own get into the text
    for name, (_c, bld, files) in built.items():
        handout = make_handout(bld)
        said = _squash("".join(e.text for e in read(files["handout"]).elements if e.depth == 0))
        want = []
        for blk in handout.blocks:
            if isinstance(blk, b.Para) and blk.text:
                want.append(plain(blk.text))
            elif isinstance(blk, b.Note):
                want.append(f"{blk.label}. {plain(blk.text)}")
            elif isinstance(blk, b.Judgements):
                want += [plain(e.text) for e in blk.entries]
                want += [f"Presenter's note. {plain(e.note)}" for e in blk.entries if e.note]
            elif isinstance(blk, b.Items):
                want += [plain(e.title) for e in blk.entries]
                want += [f"Presenter's note. {plain(e.note)}" for e in blk.entries if e.note]
        missing = [w for w in want if _squash(w) not in said]
        assert missing == [], name


def test_reading_order_is_the_order_on_the_page(built):
    for name, (_c, _b, files) in built.items():
        t = read(files["handout"])
        # headings, paragraphs and tables: each starts below the one before on its page
        # (cards side by side are read across, so only what spans the column is compared)
        placed = [e.at for e in t.elements if e.type in ("H1", "H2", "H3", "Table") and e.at]
        assert placed == sorted(placed, key=lambda a: (a[0], a[1])), name


def test_running_header_and_footer_are_artifacts(built):
    content, _b, files = built["south-korea-briefing"]
    t = read(files["handout"])
    for i, art in enumerate(t.artifacts, start=1):
        assert f"Page {i} of {t.pages}" in art
        assert content.classification.upper() in art
    tagged = "".join(e.text for e in t.elements if e.depth == 0)
    assert "Page 1 of" not in tagged


def test_links_are_tagged_link_annotations_with_their_text(built):
    _content, _b, files = built["south-korea-briefing"]
    t = read(files["handout"])
    links = [e for e in t.of("Link")]
    assert "RUSI commentary by Sang Hun Seok" in [e.text for e in links]
    assert all(uri.startswith("https://") and sp for uri, _c, sp in t.links)
    assert len(t.links) == len(links)


# -- slide pictures and notes --------------------------------------------------------------

def test_slide_and_notes_handouts_name_every_slide(built):
    for name, (_c, bld, files) in built.items():
        slides = [ps for ps in bld.placed.slides if not ps.hidden]   # hidden: not in handouts
        titles = [" ".join(plain(p.text) for p in ps.title.paras).strip() for ps in slides]
        for kind in ("handout-slides", "handout-notes"):
            t = read(files[kind])
            alts = [f.alt for f in t.of("Figure")]
            assert alts == [f"Slide {ps.number}: {title}" if title else f"Slide {ps.number}"
                            for ps, title in zip(slides, titles)], (name, kind)
            h1 = [text for lvl, text in t.headings() if lvl == 1]
            assert h1 == [f"Slide {ps.number}: {title}" if title else f"Slide {ps.number}"
                          for ps, title in zip(slides, titles)]
            assert t.outline == h1           # one bookmark a slide
        notes = read(files["handout-notes"])
        assert [x for lvl, x in notes.headings() if lvl == 2] == ["Speaker notes"] * len(slides)
        assert notes.pages >= len(slides)


# -- quiz sheets ---------------------------------------------------------------------------

def test_quiz_sheet_and_key_are_structured(built):
    for name, (_c, bld, files) in built.items():
        quiz = bld.quiz
        version = quiz.versions[0]
        sheet, key = read(files["quiz"]), read(files["quiz-key"])
        assert sheet.headings()[0] == (1, quiz.title)
        assert key.headings()[0] == (1, quiz.title + " — answer key")
        for t in (sheet, key):
            questions = [x for lvl, x in t.headings() if lvl == 2]
            assert len(questions) == len(version.questions), name
            for n, (text, q) in enumerate(zip(questions, version.questions), start=1):
                assert text.startswith(f"{n}."), text
                assert _squash(plain(q.prompt)) in _squash(text)
                assert text.endswith(points_text(q.points))
        # the key's marking grid: tables with header cells (two, side by side)
        ths = [e.text for e in key.elements if e.type == "TH"]
        assert ths[:3] == ["No.", "Answer", "Marks"]
        # choice options are list items, each with its letter and text
        q = next(q for q in version.questions if q.type == "choice")
        items = [_squash(e.text) for e in sheet.of("LI")]
        assert _squash(f"A.{plain(q.options[0])}") in items


# -- the slides PDF ------------------------------------------------------------------------

def _slide_texts(ps) -> list[str]:
    """Return the text of every paragraph of the slide's boxes (not its title), in design order."""
    return [plain(p.text).strip() for it in ps.walk()
            if isinstance(it, TextBox) and it is not ps.title
            for p in it.paras if plain(p.text).strip()]


def test_slides_pdf_is_the_visible_deck(built):
    for name, (_c, bld, files) in built.items():
        slides = visible(bld.placed)
        t = read(files["slides"])
        assert t.pages == len(slides), name
        titles = [" ".join(plain(p.text) for p in ps.title.paras).strip() for ps in slides]
        assert [_squash(x) for lvl, x in t.headings() if lvl == 1] == \
            [_squash(x) for x in titles], name
        assert t.outline == [" ".join(x.split()) for x in titles]
        for i, ps in enumerate(slides):
            # the page's text as drawn, and as tagged (what a screen reader reads)
            drawn = _squash(t.page_text[i])
            said = _squash("".join(e.text for e in t.elements
                                   if e.type == "P" and e.at and e.at[0] == i))
            missing = [x for x in _slide_texts(ps) if _squash(x) not in said]
            assert missing == [], (name, ps.number)
            # drawn: every letter is on the page (the drawn order of side-by-side boxes
            # interleaves their lines, so the words are compared as tagged above)
            assert all(set(_squash(x)) <= set(drawn) for x in _slide_texts(ps)), (name, ps.number)
        # charts and pictures are Figures with their alt text; charts are vectors
        assert all(f.alt for f in t.of("Figure"))


def test_slides_pdf_reads_each_slide_in_the_design_order(built):
    _content, bld, files = built["south-korea-briefing"]
    slides = visible(bld.placed)
    t = read(files["slides"])
    tagged = {}
    for e in t.elements:
        if e.type in ("P", "H1") and e.at:
            tagged.setdefault(e.at[0], []).append(_squash(e.text))
    for i, ps in enumerate(slides):
        seq = "|".join(tagged.get(i, []))
        at = 0
        for x in _slide_texts(ps):       # each paragraph after the one before it
            found = seq.find(_squash(x)[:25], at)
            assert found >= 0, (ps.number, x)
            at = found + 1
        assert seq.startswith(_squash(" ".join(plain(p.text) for p in ps.title.paras))[:20])


def test_slides_pdf_links_work(built):
    _content, bld, files = built["south-korea-briefing"]
    urls = {r.url for ps in visible(bld.placed) for it in ps.walk() if isinstance(it, TextBox)
            for p in it.paras for r in (p.runs or parse(p.text)) if r.url}
    t = read(files["slides"])
    assert urls and urls <= {u for u, _c, _sp in t.links}
    assert all(sp for _u, _c, sp in t.links)


def test_slides_pdf_leaves_hidden_slides_out(tmp_path):
    content = load(BRIEFING)
    bld = Build(content, resolve_theme(content, None))
    placed = bld.placed
    placed.slides[2].hidden = True       # as a deck that hides a slide marks it
    pages = write_slides_pdf(placed, bld.theme, content, tmp_path / "s.pdf", bld.picture)
    t = read(tmp_path / "s.pdf")
    assert pages == t.pages == len(placed.slides) - 1
    hidden = " ".join(plain(p.text) for p in placed.slides[2].title.paras)
    assert _squash(hidden) not in [_squash(x) for _l, x in t.headings()]


# -- scripts and symbols -------------------------------------------------------------------

def test_hebrew_and_arabic_reach_the_pdf_and_an_emoji_is_named(write, tmp_path, capsys):
    text = BRIEFING.read_text(encoding="utf-8").replace(
        'title: "South Korea and the Moscow–Pyongyang Axis"',
        'title: "Seoul 🙂 שלום עולם مرحبا بالعالم"')
    src = write(text, "scripts.yaml")
    shutil.copytree(BRIEFING.parent / "images", tmp_path / "images")
    result = build(src, tmp_path / "o", formats=["handout-pdf"])
    (pdf,) = result.files
    t = read(pdf)
    assert pdfua_problems(t, "en-GB") == []
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    fonts = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    # shaped right to left by Typst, in faces that have the letters (before: nothing)
    for ch in "שלוםעולם":
        assert fonts[ch].startswith("LiberationSans"), ch
    for ch in "مرحبا":
        assert ch in fonts and "Hangul" not in fonts[ch]
    assert t.headings()[0][1].startswith("Seoul [slightly smiling face]")
    err = capsys.readouterr().err
    assert ("warning: scripts-handout.pdf: no font deckgen ships can draw '🙂' (U+1F642); "
            "the PDF shows [slightly smiling face] instead") in err


def test_a_character_without_a_font_is_spoken_by_name():
    assert spoken("🙂") == "[slightly smiling face]"
    assert spoken("👍🏽") == "[thumbs up sign, emoji modifier fitzpatrick type-4]"
    assert spoken("\u200d") == ""


# -- veraPDF -------------------------------------------------------------------------------

def _verapdf_ready() -> str:
    """Return why veraPDF cannot run here ("" when it can)."""
    if not VERAPDF.is_file():
        return f"veraPDF is not at {VERAPDF}"
    if not (shutil.which("java") and shutil.which("javac")):
        return "no Java (apt-get install default-jdk-headless)"
    return ""


def test_verapdf_finds_no_failed_rule_in_any_pdf(built):
    why = _verapdf_ready()
    if why:
        if os.environ.get("DECKGEN_REQUIRE_VERAPDF") == "1":
            pytest.fail(f"DECKGEN_REQUIRE_VERAPDF=1 but {why}")
        pytest.skip(why)
    sys.path.insert(0, str(VERAPDF.parent))
    import verapdf
    paths = [str(p) for _n, _k, p in _all(built)]
    results = verapdf.validate(paths)
    assert len(results) == len(paths)
    failed = {r["file"]: [(x["rule"], x["desc"]) for x in r["rules"]] or r["error"]
              for r in results if not r["compliant"]}
    assert failed == {}
    assert all(r["total_assertions"] > 1000 for r in results)


def test_the_checks_fail_an_untagged_pdf(tmp_path):
    # the reader is not a rubber stamp: an ordinary (untagged) PDF fails it
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure
    fig = Figure(figsize=(3, 2))
    FigureCanvasPdf(fig)
    fig.text(0.1, 0.5, "Untagged words")
    fig.savefig(tmp_path / "plain.pdf", format="pdf")
    problems = pdfua_problems(read(tmp_path / "plain.pdf"), "en-GB")
    for expected in ("MarkInfo /Marked is not true", "no structure tree",
                     "/Lang is '', not 'en-GB'", "no title shown as the window title",
                     "no PDF/UA identification in the XMP metadata"):
        assert expected in problems
    assert any(p.startswith("untagged text: page 1") for p in problems)


def test_a_process_forked_after_a_pdf_was_written_writes_pdfs_too(tmp_path):
    # Typst's worker threads are not in a forked child (deckgen build --jobs after an
    # earlier build in the same process, as watch does): the child compiles apart
    import subprocess
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from deckgen.render.pdf_typst import compile_pdf\n"
        "src = '#set document(title: \"T\")\\n#set text(lang: \"en\")\\nHello'\n"
        f"compile_pdf(src, Path({str(tmp_path / 'a.pdf')!r}))\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        f"    compile_pdf(src, Path({str(tmp_path / 'b.pdf')!r}))\n"
        "    os._exit(0)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print(status)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stdout.strip() == "0", done.stderr
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
