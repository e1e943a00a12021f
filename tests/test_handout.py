"""Reading handouts: the blocks, the PDF read back with pdfplumber, the DOCX with python-docx."""

from __future__ import annotations

import re

import pdfplumber
from pdfminer.pdfdocument import PDFNoOutlines
import pytest
from docx import Document

from deckgen.build.pipeline import resolve_theme
from deckgen.deck.charts import fmt_value
from deckgen.handout import blocks as b
from deckgen.build.pipeline import Build
from deckgen.handout.api import file_name, make_handout, write_handout
from deckgen.handout.pdf import page_geometry
from deckgen.content.dates import long_date
from deckgen.handout.reading import for_readers
from deckgen.content.loader import load
from deckgen.content.markup import plain

from .conftest import BRIEFING, CONTENT, ROOT, SPEC_ONLY

KOREAN = ROOT / "tests" / "fixtures" / "handout" / "korean-briefing.yaml"
LECTURE = ROOT / "content" / "intro-to-strategic-assessment.yaml"
ALL = CONTENT + SPEC_ONLY + [KOREAN]
MM = 72 / 25.4

#: How many pages each handout may take: the briefing must stay a brief.
PAGES = {"south-korea-briefing": (2, 4), "intro-to-strategic-assessment": (2, 4),
         "climate-adaptation-briefing": (4, 7), "history-lecture": (3, 5), "minimal": (1, 1),
         "korean-briefing": (1, 2)}


def _handouts(made):
    return [(k, v) for k, v in made.items() if isinstance(v, tuple)]


def _norm(text: str) -> str:
    """Collapse whitespace: a line break in the PDF is a space in the content.

    A line that ends after a word's own hyphen ("counter-" / "move") is one word.
    """
    return " ".join(re.sub(r"(?<=\w)-\n(?=\w)", "-", text).split())


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Write every example's handout as PDF and DOCX once.

    Returns {name: (content, handout, pdf, docx)}, plus the rcParams the drawing changed.
    """
    import matplotlib
    out = tmp_path_factory.mktemp("handouts")
    result = {}
    before = dict(matplotlib.rcParams)
    for path in ALL:
        content = load(path)
        theme = resolve_theme(content, None)
        build = Build(content, theme)
        handout = make_handout(build)
        pdf, docx = out / file_name(content, "pdf"), out / file_name(content, "docx")
        write_handout(build, pdf, "pdf")
        write_handout(build, docx, "docx")
        result[content.name] = (content, handout, pdf, docx)
    after = dict(matplotlib.rcParams)
    # every chart was drawn: nothing of the themes' styles may leak into global state
    result["rcParams changed"] = {k for k in before if before[k] != after[k]}
    return result


@pytest.fixture(scope="module")
def pdfs(made):
    """Return {name: (full text, pages)} read back with pdfplumber."""
    out = {}
    for name, (_c, _h, pdf, _d) in _handouts(made):
        with pdfplumber.open(pdf) as doc:
            # text in the order it was drawn: a paragraph beside a table cell stays whole
            pages = [{"text": p.extract_text(use_text_flow=True) or "", "chars": p.chars,
                      "width": p.width,
                      "height": p.height, "images": len(p.images), "links": p.hyperlinks,
                      "rects": p.rects + p.curves if name == "south-korea-briefing" else []}
                     for p in doc.pages]
            try:
                outline = [o[1] for o in doc.doc.get_outlines()]
            except PDFNoOutlines:       # a handout without headings has no bookmarks
                outline = []
            meta = doc.metadata
        out[name] = {"text": _norm(" ".join(p["text"] for p in pages)), "pages": pages,
                     "outline": outline, "meta": meta}
    return out


# -- the block model ------------------------------------------------------------

def test_briefing_blocks_follow_the_storyline():
    content = load(BRIEFING)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    assert [h.text for h in handout.headings() if h.level == 1] == [
        "Learning objectives", "The question", "Key judgements", "Context", "Key figures",
        # the file's headlines replace the built-in titles, as on the slides
        "Timeline", "Three worries now shape Seoul's planning",
        "At home, six limits narrow Seoul's choices",
        "Seoul is likely to move step by step, defensive first", "Outlook",
        "Seoul's options at a glance", "Discussion questions", "Sources"]
    assert isinstance(handout.blocks[0], b.TitleBlock)
    assert handout.blocks[0].facts == (
        ("Authors", "Sang Hun Seok (original RUSI commentary); deckgen example adaptation"),
        ("Organisation", "Royal United Services Institute (RUSI)"), ("Date", "2024"),
        ("Classification", "OFFICIAL"), ("Probability scale", "UK Probability Yardstick"))


def test_lecture_blocks_follow_the_lecture_storyline():
    content = load(LECTURE)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    assert [h.text for h in handout.headings() if h.level == 1] == [
        "Learning objectives", "Agenda", "Why words of probability matter", "The yardstick",
        "Likelihood, confidence and evidence", "Key figures",
        "Sixty years of tying words to odds", "Two questions for the seminar", "Sources"]
    # every free slide layout of the lecture becomes its block
    kinds = {type(x).__name__ for x in handout.blocks}
    assert {"BulletList", "Quote", "ChartRow", "Image", "Callout", "Table", "Columns"} <= kinds


def test_outline_orders_the_handout():
    content = load(SPEC_ONLY[1])     # history-lecture.yaml, which has an outline
    assert content.name == "history-lecture"
    handout = make_handout(Build(content, resolve_theme(content, None)))
    heads = [h.text for h in handout.headings() if h.level == 1]
    assert heads[:3] == ["Learning objectives", "Timeline", "Why missiles in Cuba?"]
    assert heads[-6:] == ["Constraints", "Likely responses", "Key figures", "Outlook",
                          "Discussion questions", "Sources"]


def test_judgements_carry_word_range_and_confidence():
    content = load(BRIEFING)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    (judgements,) = [x for x in handout.blocks if isinstance(x, b.Judgements)]
    got = [(e.number, e.tag.text, e.confidence, e.cite) for e in judgements.entries]
    assert got == [(1, "Likely · 55–75 %", "moderate confidence", "[1]"),
                   (2, "Highly unlikely · 10–20 %", "high confidence", "[1]"),
                   (3, "Likely · 55–75 %", "moderate confidence", "[1]"),
                   (4, "Unlikely · 30 %", "moderate confidence", "[1]")]
    # the tag's colour is the theme's yardstick colour for that band
    theme = resolve_theme(content, None)
    assert judgements.entries[1].tag.color == theme.palette["yardstick"][1]


def test_figures_table_has_values_units_dates_and_sources():
    content = load(BRIEFING)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    (table,) = [x for x in handout.blocks if isinstance(x, b.Table) and x.kind == "figures"]
    assert table.columns == ("Key figure", "Value", "As of", "Source")
    assert table.rows[:3] == (
        ("Artillery shells sent to Russia since 2023", "8,000,000 shells", "2024", "[1]"),
        ("Estimated value of North Korean supplies", "1.7–5.5 USD bn", "2024", "[1]"),
        ("North Korea's estimated GDP", "29 USD bn", "2024", "[1]"))
    assert table.rows[3][1] == "74.2%"


def test_charts_are_numbered_where_first_shown_and_cited_as_evidence():
    content = load(BRIEFING)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    # a chart set beside the odd last card (Items.beside) counts where it stands
    charts = [cb for row in handout.blocks for cb in (
        row.charts if isinstance(row, b.ChartRow) else
        (row.beside,) if isinstance(row, b.Items) and row.beside else ())]
    assert [(cb.number, cb.chart.id) for cb in charts] == [
        (1, "chart-supplies-vs-gdp"), (2, "chart-supply-range"), (3, "chart-weapons-poll")]
    items = {e.title: e for blk in handout.blocks if isinstance(blk, b.Items) for e in blk.entries}
    assert items["Leverage for nuclear and missile technology"].evidence == (
        "1.7–5.5 USD bn (Estimated value of North Korean supplies)",
        "29 USD bn (North Korea's estimated GDP)", "Charts 1 and 2")
    assert charts[0].caption == ("Chart 1. Arms supplies set against the whole economy "
                                 "(USD bn). Source: [1].")


def test_every_chart_is_drawn_once(made):
    for name, (content, handout, _p, _d) in _handouts(made):
        ids = [cb.chart.id for row in handout.blocks for cb in (
                row.charts if isinstance(row, b.ChartRow) else
                (row.beside,) if isinstance(row, b.Items) and row.beside else ())]
        assert sorted(ids) == sorted(c.id for c in content.charts), name


def test_responses_are_on_the_yardstick_most_likely_first():
    content = load(BRIEFING)
    handout = make_handout(Build(content, resolve_theme(content, None)))
    (ys,) = [x for x in handout.blocks if isinstance(x, b.Yardstick)]
    assert [r.id for r in ys.items] == ["r-coordination", "r-defensive-systems",
                                        "r-monitoring-team", "r-offensive-weapons", "r-troops"]
    assert ys.alt.startswith("Probability yardstick (UK Probability Yardstick) placing 5 responses")


@pytest.mark.parametrize("note, expected", [
    ("Ask the room where they would put 'probably' before showing this.", ""),
    ("Stress the asymmetry: one-off aid versus irreversible transfers.",
     "One-off aid versus irreversible transfers."),
    ("The 2023 flood is the one residents remember; lead with it.",
     "The 2023 flood is the one residents remember."),
    ("Pause on the bomber bar — this was the US lead that mattered most in 1962.",
     "This was the US lead that mattered most in 1962."),
    ("Summary of the responses block; walk through it from most to least restrained.", ""),
    # a sentence about the slides goes as a whole, not just its instruction
    ("Keep this slide short; the detail follows.", ""),
    # a note without directions stays exactly as written
    ("Approximate figure from South Korean intelligence; short-range ballistic missiles "
     "were supplied as well.",
     "Approximate figure from South Korean intelligence; short-range ballistic missiles "
     "were supplied as well."),
    ("Dobbs shows the ships had in fact turned back earlier — a good point about myth.",
     "Dobbs shows the ships had in fact turned back earlier — a good point about myth."),
    # "Stress that X" keeps the claim X, and what the colon hands on stays with it
    ("Stress that the shoal is a low-tide elevation: It generates no territorial sea of its "
     "own.",
     "The shoal is a low-tide elevation: It generates no territorial sea of its own."),
    ("Stress that the shoal is a low-tide elevation:\nit generates no territorial sea. Ask "
     "the room who holds it.",
     "The shoal is a low-tide elevation:\nit generates no territorial sea."),
    ("Remind them that the 2016 award binds both parties.",
     "The 2016 award binds both parties."),
    ("Stress again that Manila has kept a ship there since 1999; ask why.",
     "Manila has kept a ship there since 1999."),
    # after a pure instruction, what points back at it goes with it, to the paragraph's end
    ("Point at the shoal on the map: it generates no territorial sea. Nor does it give a "
     "continental shelf.\n\nThe 2016 award settled this.",
     "The 2016 award settled this."),
    ("Point at that reef: it is dry at low tide.", ""),
    # ... unless what it points back at is the item the note is on
    ("Lead with this one: it changes the planning baseline, not just the threat picture.",
     "It changes the planning baseline, not just the threat picture."),
    # ... and what stands alone stays, with the sentences after it
    ("Stress the asymmetry: one-off aid versus irreversible transfers. Both are on record.",
     "One-off aid versus irreversible transfers. Both are on record."),
    # a direction that is not a claim keeps nothing ("Check that ..." is not "Stress that")
    ("Check that the projector shows the map.", ""),
])
def test_notes_for_readers_drop_directions_to_the_presenter(note, expected):
    assert for_readers(note) == expected


def test_long_dates_are_british():
    assert [long_date(d) for d in ("2024", "2024-06", "2024-10-18")] == [
        "2024", "June 2024", "18 October 2024"]


# -- the PDF ---------------------------------------------------------------------

def _expected_texts(content, handout) -> list[str]:
    """Return what must be readable in the PDF: judgements, figures, sources, headings."""
    want = [plain(j.text) for j in content.bluf]
    for f in content.figures:
        want += [plain(f.label), fmt_value(f.value, f.unit)]
    want += [plain(s.title) for s in content.sources if s.title]
    want += [plain(h.text) for h in handout.headings()]
    want += [plain(s.title) for sec in content.sections for s in sec.slides if s.title]
    want += [plain(it.title) for it in content.concerns + content.constraints + content.responses]
    return want


def test_pdf_has_every_judgement_figure_source_and_heading(made, pdfs):
    for name, (content, handout, _p, _d) in _handouts(made):
        text = pdfs[name]["text"]
        missing = [w for w in _expected_texts(content, handout) if _norm(w) not in text]
        assert missing == [], name


def test_pdf_page_counts(pdfs):
    for name, got in pdfs.items():
        lo, hi = PAGES[name]
        assert lo <= len(got["pages"]) <= hi, (name, len(got["pages"]))


def test_pdf_text_stays_inside_the_margins(made, pdfs):
    for name, got in pdfs.items():
        geo = page_geometry(made[name][0].language)
        for n, page in enumerate(got["pages"], start=1):
            assert (page["width"], page["height"]) == pytest.approx((geo.width, geo.height))
            outside = [c["text"] for c in page["chars"] if c["text"].strip() and (
                       c["x0"] < geo.left - 0.5 or c["x1"] > geo.width - geo.right + 0.5
                       or c["top"] < 8 * MM or c["bottom"] > geo.height - 8 * MM)]
            assert outside == [], (name, n, "".join(outside)[:80])


def _zone(page, top: float, bottom: float) -> str:
    """Return the text of the chars between two heights, left to right."""
    chars = sorted((c for c in page["chars"] if top <= c["top"] and c["bottom"] <= bottom),
                   key=lambda c: c["x0"])
    return "".join(c["text"] for c in chars)


def test_pdf_header_and_footer_on_every_page(made, pdfs):
    for name, got in pdfs.items():
        content = made[name][0]
        geo = page_geometry(content.language)
        n = len(got["pages"])
        for i, page in enumerate(got["pages"], start=1):
            head = _zone(page, 0, 15 * MM)
            foot = _zone(page, page["height"] - 15 * MM, page["height"])
            title = plain(content.title)
            assert head.startswith(title) or head.rstrip("…").startswith(title[:30]), (name, i)
            assert foot.endswith(f"Page {i} of {n}"), (name, i, foot)
            banner = content.classification.upper()
            if banner:
                assert banner in head and banner in foot, (name, i)
            else:
                assert head == title, (name, i, head)
            # nothing of the body reaches into the header or footer zone (a glyph box
            # may rise above the frame by its font's ascent over the cap height)
            body = [c for c in page["chars"] if 15 * MM < c["top"]
                    and c["bottom"] < page["height"] - 15 * MM]
            # (counted in characters: a ligature such as "ti" is one glyph of two)
            assert sum(len(c["text"]) for c in body) + len(head) + len(foot) == \
                sum(len(c["text"]) for c in page["chars"]), (name, i)


def test_pdf_metadata_and_bookmarks(made, pdfs):
    content, handout, _p, _d = made["south-korea-briefing"]
    got = pdfs["south-korea-briefing"]
    assert got["meta"]["Title"] == "South Korea and the Moscow–Pyongyang Axis"
    assert got["meta"]["Author"] == ("Sang Hun Seok (original RUSI commentary), "
                                     "deckgen example adaptation")
    # the title is the document's H1, so it leads the bookmarks
    assert got["outline"] == [plain(content.title)] + [h.text for h in handout.headings()]


def test_pdf_sources_are_links(made, pdfs):
    for name, got in pdfs.items():
        content = made[name][0]
        uris = {link["uri"] for page in got["pages"] for link in page["links"]}
        assert {s.url for s in content.sources if s.url} <= uris, name


def test_pdf_charts_are_vector_text_in_theme_colours(made, pdfs):
    got = pdfs["south-korea-briefing"]
    # no picture anywhere: the charts are paths and text
    assert sum(p["images"] for p in got["pages"]) == 0
    text = got["text"]
    for label in ("North Korea GDP", "Oppose", "Favour", "74.2%", "20.5%", "1.7–5.5",
                  "remote", "realistic possibility", "almost certain · 95–100 %",
                  "highly unlikely · 10–20 %", "probability (%)"):
        assert label in text, label
    theme = resolve_theme(made["south-korea-briefing"][0], None)
    primary = tuple(int(theme.palette["primary"][i:i + 2], 16) / 255 for i in (0, 2, 4))
    fills = {tuple(round(x, 3) for x in (r.get("non_stroking_color") or ())[:3])
             for p in got["pages"] for r in p["rects"]}
    assert tuple(round(x, 3) for x in primary) in fills


def test_lecture_image_is_embedded(pdfs):
    # the yardstick diagram and the full-image slide's picture
    assert sum(p["images"] for p in pdfs["intro-to-strategic-assessment"]["pages"]) == 2


def test_hangul_is_drawn_with_a_real_glyph(made, pdfs):
    from fontTools.ttLib import TTFont

    from deckgen.text.fontfiles import HANGUL, font_path
    got = pdfs["korean-briefing"]
    text = got["text"]
    for phrase in ("한반도 정세 브리핑", "서울의 선택지와 국내 제약", "전투병 파병",
                   "살상무기 지원 반대 여론", "국민 4명 중 3명이 반대한다",
                   "국가정보원, 북한군 파병 발표",
                   "한국의 대응 전략", "대외비 OFFICIAL", "60 일"):
        assert phrase in text, phrase
    cmap = TTFont(str(font_path(HANGUL))).getBestCmap()
    hangul = [c for p in got["pages"] for c in p["chars"] if "\uac00" <= c["text"] <= "\ud7a3"]
    assert len(hangul) > 100
    assert {c["fontname"].split("+")[-1] for c in hangul} == {"DeckgenHangul-Regular",
                                                              "DeckgenHangul-Bold"}
    assert all(ord(c["text"]) in cmap for c in hangul)
    # the chart's Korean category labels are text in the Hangul face too
    assert "반대" in text and "찬성" in text


def test_theme_reaches_the_pdf(tmp_path):
    theme_file = tmp_path / "plum.yaml"
    theme_file.write_text("extends: default\nfonts: {heading: Arial, body: Arial}\n"
                          "palette: {primary: '#6A1B4D'}\n", encoding="utf-8")
    content = load(KOREAN)
    theme = resolve_theme(content, str(theme_file))
    pdf = tmp_path / "plum.pdf"
    write_handout(Build(content, theme), pdf, "pdf")
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
        (match,) = doc.pages[0].search("Key judgements", return_chars=True)
    # the handout's text (8.5 pt and up); chart labels (8 pt) mixing Korean and Latin are
    # set by Typst's SVG renderer in the Hangul face as a whole (deckgen.handout.mpl_svg)
    latin = {c["fontname"].split("+")[-1].split("-")[0] for c in chars
             if c["text"].isascii() and c["text"].isalpha() and c["size"] >= 8.5}
    assert latin == {"LiberationSans"}
    heading = match["chars"][0]
    assert tuple(round(x, 3) for x in heading["non_stroking_color"]) == (
        round(0x6A / 255, 3), round(0x1B / 255, 3), round(0x4D / 255, 3))


def test_charts_leave_global_matplotlib_style_alone(made):
    assert made["rcParams changed"] == set()


# -- the DOCX --------------------------------------------------------------------

def test_docx_headings_in_order(made):
    for name, (content, handout, _p, docx) in _handouts(made):
        doc = Document(str(docx))
        got = [(p.style.name, p.text) for p in doc.paragraphs
               if p.style.name in ("Title", "Heading 1", "Heading 2")]
        want = [("Title", plain(content.title))] + [
            (f"Heading {h.level}", plain(h.text)) for h in handout.headings()]
        assert got == want, name


def test_docx_figures_table_is_a_real_table(made):
    content, _h, _p, docx = made["south-korea-briefing"]
    doc = Document(str(docx))
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] ==
              ["Key figure", "Value", "As of", "Source"]]
    assert len(tables) == 1
    rows = [[c.paragraphs[0].text for c in r.cells] for r in tables[0].rows[1:]]
    assert rows == [[plain(f.label), fmt_value(f.value, f.unit), long_date(f.as_of), "[1]"]
                    for f in content.figures]
    # the header row repeats on every page
    assert tables[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_docx_lists_are_word_lists_and_numbering_restarts(made):
    content, _h, _p, docx = made["south-korea-briefing"]
    doc = Document(str(docx))
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("List Bullet") >= len(content.context)
    assert "List Bullet 2" in styles
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    # objectives, judgements, discussion questions and sources
    assert len(numbered) == (len(content.objectives) + len(content.bluf) +
                             len(content.discussion) + len(content.sources))
    starts = [p._p.pPr.numPr.numId.val for p in numbered if p._p.pPr.numPr is not None]
    assert len(set(starts)) == 4      # each list restarts at 1


def test_docx_charts_are_pictures_with_alt_text(made):
    for name, (content, handout, _p, docx) in _handouts(made):
        doc = Document(str(docx))
        descr = [el.get("descr") for el in doc.element.body.iter()
                 if el.tag.endswith("}docPr")]
        charts = handout.charts()
        yard = [x for x in handout.blocks if isinstance(x, b.Yardstick)]
        images = [x for x in handout.blocks if isinstance(x, b.Image)]
        assert descr == [d for d in descr if d], name
        assert len(descr) == len(charts) + len(yard) + len(images), name
        for cb in charts:
            assert plain(cb.alt) in descr, (name, cb.chart.id)


def test_docx_header_footer_properties_and_links(made):
    content, handout, _p, docx = made["south-korea-briefing"]
    doc = Document(str(docx))
    sec = doc.sections[0]
    head = [p.text for p in sec.header.paragraphs]
    assert head == ["\u00a0\u00a0OFFICIAL\u00a0\u00a0", plain(content.title)]
    foot_xml = sec.footer._element.xml
    assert 'w:instr="PAGE"' in foot_xml and 'w:instr="NUMPAGES"' in foot_xml
    assert sec.footer.paragraphs[0].text.startswith(
        "Royal United Services Institute (RUSI) · 2024\tPage ")
    cp = doc.core_properties
    assert (cp.title, cp.language, cp.category, cp.content_status) == (
        plain(content.title), "en-GB", "Handout", "OFFICIAL")
    assert cp.author == "Sang Hun Seok (original RUSI commentary), deckgen example adaptation"
    urls = {r.target_ref for r in doc.part.rels.values() if r.is_external}
    assert content.sources[0].url in urls
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297


def test_docx_property_elements_are_in_schema_order(made):
    """Word refuses a file whose pPr/rPr/tcPr children are out of order; LibreOffice does not."""
    import zipfile

    from lxml import etree

    from deckgen.handout.docx_base import _ORDER, _local
    for name, (_c, _h, _p, docx) in _handouts(made):
        with zipfile.ZipFile(docx) as z:
            parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
            for part in parts:
                for el in etree.fromstring(z.read(part)).iter():
                    if not isinstance(el.tag, str) or _local(el.tag) not in _ORDER:
                        continue
                    seq = _ORDER[_local(el.tag)].split()
                    kids = [_local(k.tag) for k in el if isinstance(k.tag, str)]
                    assert [k for k in kids if k not in seq] == [], (name, part, kids)
                    assert [seq.index(k) for k in kids] == sorted(seq.index(k) for k in kids), \
                        (name, part, kids)


def test_docx_keeps_hangul(made):
    _c, _h, _p, docx = made["korean-briefing"]
    doc = Document(str(docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "정부는 전투병 파병을 하지 않는다" in text
    assert doc.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == \
        "Malgun Gothic"


# -- the command and the build ---------------------------------------------------

def test_handout_command_writes_pdf_and_docx(run, tmp_path):
    code, out, err = run("handout", KOREAN, "--out", tmp_path)
    folder = tmp_path / "korean-briefing"
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"wrote {folder / 'korean-briefing-handout.pdf'}",
                                f"wrote {folder / 'korean-briefing-handout.docx'}"]
    assert (folder / "korean-briefing-handout.pdf").read_bytes()[:5] == b"%PDF-"
    assert Document(str(folder / "korean-briefing-handout.docx")).core_properties.title == \
        "한반도 정세 브리핑: Seoul's options"


def test_handout_command_one_format(run, tmp_path):
    code, out, err = run("handout", KOREAN, "--format", "docx", "--out", tmp_path)
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "korean-briefing").iterdir()) == [
        "korean-briefing-handout.docx"]


def test_unknown_style_lists_the_styles(run, tmp_path):
    code, out, err = run("handout", BRIEFING, "--style", "readng", "--out", tmp_path)
    assert code == 2
    assert err == ("--style: found the handout style 'readng'; allowed: 'reading', 'slides' "
                   "or 'notes' (did you mean 'reading'?)\n")


def test_build_writes_the_handouts(tmp_path):
    from deckgen.build.pipeline import build
    result = build(KOREAN, tmp_path, formats=["handout-pdf", "handout-docx"])
    assert [p.name for p in result.files] == ["korean-briefing-handout.pdf",
                                              "korean-briefing-handout.docx"]
    assert all(p.parent == tmp_path / "korean-briefing" for p in result.files)


def test_word_keeps_each_card_on_one_page(made):
    import docx
    from deckgen.handout.docx_base import ITEM_STYLE
    _, _, _, path = made["south-korea-briefing"][:4]
    doc = docx.Document(str(path))
    paras = doc.paragraphs
    starts = [i for i, p in enumerate(paras) if p.style.name == ITEM_STYLE]
    assert len(starts) >= 8
    for a, b in zip(starts, starts[1:] + [None]):
        card = paras[a:b]
        # a card runs from its title to the paragraph before the next card's title or heading
        end = next((k for k, p in enumerate(card) if k and p.paragraph_format.keep_with_next
                    is not True), len(card) - 1)
        assert end >= 1, paras[a].text                    # the title stays with its text
        assert all(p.paragraph_format.keep_with_next for p in card[:end]), paras[a].text
        assert all(p.paragraph_format.keep_together for p in card[:end + 1]), paras[a].text


def test_a_claim_after_a_direction_reaches_the_word_handout_whole(tmp_path):
    f = tmp_path / "shoal.yaml"
    f.write_text(
        "title: Second Thomas Shoal\ncontext:\n"
        "  - text: The Sierra Madre has been grounded there since 1999\n"
        "    notes: >-\n      Stress that the shoal is a low-tide elevation: it generates no\n"
        "      territorial sea of its own. Ask the room who should hold it.\n"
        "  - text: Resupply runs are contested\n"
        "    notes: 'Point at the reef on the map: it is dry at low tide.'\n", encoding="utf-8")
    content = load(f)
    build = Build(content, resolve_theme(content, None))
    out = tmp_path / "shoal.docx"
    write_handout(build, out, "docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert ("The shoal is a low-tide elevation: it generates no territorial sea of its own."
            in text)
    for gone in ("Stress", "Ask the room", "Point at", "dry at low tide"):
        assert gone not in text
