"""deckgen's own words in the content's language (``deckgen.content.labels``).

A German, French, Spanish and Korean briefing (tests/fixtures/labels/) with
every block, every slide layout but images and a quiz of every question type
is built into every output a reader reads, and each output is read back with
its own reader (python-pptx with the notes and the charts, pdfplumber and
pikepdf for the PDFs' text, artifacts and alt text, python-docx for the Word
files with their headers and footers, lxml for the HTML page). None of the
English catalogue's words may be there; the expected translations must be.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from docx import Document
from pptx import Presentation

from deckgen.build.pipeline import build, build_content
from deckgen.content.labels import CATALOGUES, EN, resolve
from deckgen.content.loader import load
from deckgen.content.yardstick import SYNONYMS, YARDSTICKS
from deckgen.errors import ErrorList

from .conftest import ROOT
from .pdf_structure import read

FIXTURES = ROOT / "tests" / "fixtures" / "labels"
FORMATS = ["pptx", "slides-pdf", "handout-pdf", "handout-docx", "quiz-pdf", "quiz-docx", "html",
           "handout-slides-pdf", "handout-slides-docx", "handout-notes-pdf",
           "handout-notes-docx"]
_WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _values(node) -> list[str]:
    """Return what an author wrote: every value, and every key (the answer key cites
    ``quiz.questions[0]``, a path of the content's own keys)."""
    if isinstance(node, dict):
        return [x for k, v in node.items() for x in [str(k)] + _values(v)]
    if isinstance(node, list):
        return [x for v in node for x in _values(v)]
    return [str(node)]


def _unplaced(text: str) -> str:
    return re.sub(r"\{[a-z]+\}", " ", text)


def english_words(code: str, content_text: str) -> set[str]:
    """Return the English catalogue's words that must not appear in a ``code`` build.

    Only labels whose translation differs count; a word the translation uses
    too ("Sources" in French), a word of the content file itself, and the
    yardstick's likelihood words (never translated) are left out.
    """
    target = CATALOGUES[code]
    english = set()
    for key, text in EN.items():
        if target[key] != text:
            english |= _words(_unplaced(text))
    allowed = set()
    for text in target.values():
        allowed |= _words(_unplaced(text))
    for bands in YARDSTICKS.values():
        for band in bands:
            allowed |= _words(band.word)
    for syn in SYNONYMS.values():
        allowed |= _words(" ".join(syn))
    return english - allowed - _words(content_text)


# -- the readers ------------------------------------------------------------------

def pptx_text(path: Path) -> str:
    """Every word a reader of the deck meets: slide text, alt text, charts, notes."""
    prs = Presentation(str(path))
    out = []
    for slide in prs.slides:
        el = slide.part._element
        out += ["".join(t.text or "" for t in p.iter(f"{_A}t")) for p in el.iter(f"{_A}p")]
        out += [v for v in el.xpath(".//p:cNvPr/@descr | .//p:cNvPr/@title")]
        for rel in slide.part.rels.values():
            if rel.reltype.endswith("/chart"):
                chart = rel.target_part._element
                out += [t.text or "" for t in chart.iter() if isinstance(t.tag, str)
                        and t.tag.rsplit("}", 1)[-1] in ("t", "v")]
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def pdf_text(path: Path) -> str:
    """Every word of a PDF: each page's text, its artifacts (running heads), alt text, outline."""
    t = read(path)
    return "\n".join(t.page_text + t.artifacts + [e.alt for e in t.elements] + t.outline)


def docx_text(path: Path) -> str:
    """Every word of a Word file: body, tables, headers and footers, pictures' alt text."""
    doc = Document(str(path))
    parts = [doc.element]
    for sec in doc.sections:
        parts += [sec.header._element, sec.footer._element]
    out = []
    for el in parts:
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        out += ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in el.iter(f"{w}p")]
        out += el.xpath(".//wp:docPr/@descr | .//wp:docPr/@title")
    return "\n".join(out)


def html_text(path: Path) -> str:
    """Every word of the page: its text (notes included) and its labels for assistive tech."""
    page = lxml.html.fromstring(path.read_bytes())
    for script in page.xpath("//script | //style"):
        script.drop_tree()
    return "\n".join([page.text_content()] + page.xpath("//@aria-label | //@alt | //@title"))


READERS = {".pptx": pptx_text, ".pdf": pdf_text, ".docx": docx_text, ".html": html_text}


@pytest.fixture(scope="module", params=["de", "fr", "es", "ko"])
def built(request, tmp_path_factory):
    code = request.param
    out = tmp_path_factory.mktemp(f"labels-{code}")
    result = build(FIXTURES / f"{code}.yaml", out, formats=FORMATS, quiz_slides=True)
    texts = {p.name: READERS[p.suffix](p) for p in result.files}
    return code, result, texts


# What each output must say in its language (one sample of each kind of word).
EXPECTED = {
    "de": {".pptx": ["Kernaussagen", "Quellen", "Verständnisfrage 1", "Antwort 1",
                     "Hohe Auswirkung".upper(), "mittlere Konfidenz", "Belege:", "Skala",
                     "Wählen Sie eine Antwort.", "Richtig", "5. November 2024"],
           "handout.pdf": ["Kernaussagen", "Seite 1 von", "Kennzahl", "Stand", "Ereignis"],
           "handout.docx": ["Kernaussagen", "Seite 1 von", "Hohe Auswirkung"],
           "quiz.pdf": ["Name", "Datum", "Seite 1 von", "Kreuzen Sie alle zutreffenden an."],
           "quiz-key.pdf": ["Lösungen", "Nr.", "Punkte", "Richtige Reihenfolge"],
           "quiz.docx": ["Datum", "Richtig", "Falsch"],
           "quiz-key.docx": ["Lösungen", "Paare"],
           "slides.pdf": ["Kernaussagen", "Quelle"],
           "handout-notes.pdf": ["Sprechernotizen"],
           "handout-notes.docx": ["Sprechernotizen", "Folie 1"],
           ".html": ["Notizen", "Nächste Folie", "Sprechernotizen, Folie 1"]},
    "fr": {".pptx": ["Jugements clés", "Sources", "Question de contrôle 1", "Réponse 1",
                     "Impact élevé".upper(), "confiance modérée", "Échelle",
                     "Choisissez une réponse.", "Vrai", "5 novembre 2024"],
           "handout.pdf": ["Jugements clés", "Page 1 sur", "Chiffre clé", "Événement"],
           "handout.docx": ["Jugements clés", "Page 1 sur", "Impact élevé"],
           "quiz.pdf": ["Nom", "Page 1 sur", "Cochez toutes les réponses qui conviennent."],
           "quiz-key.pdf": ["Corrigé", "N°", "Bon ordre"],
           "quiz.docx": ["Nom", "Vrai", "Faux"],
           "quiz-key.docx": ["Corrigé", "Paires"],
           "slides.pdf": ["Jugements clés", "Chronologie"],
           "handout-notes.pdf": ["Notes de l'orateur"],
           "handout-notes.docx": ["Notes de l'orateur", "Diapositive 1"],
           ".html": ["Diapositive suivante", "Notes de l'orateur, diapositive 1"]},
    "es": {".pptx": ["Juicios clave", "Fuentes", "Pregunta de repaso 1", "Respuesta 1",
                     "Impacto alto".upper(), "confianza moderada", "Pruebas:", "Escala",
                     "Elige una respuesta.", "Verdadero", "5 de noviembre de 2024"],
           "handout.pdf": ["Juicios clave", "Página 1 de", "Cifra clave", "Acontecimiento"],
           "handout.docx": ["Juicios clave", "Página 1 de", "Impacto alto"],
           "quiz.pdf": ["Nombre", "Fecha", "Página 1 de", "Marca todas las que correspondan."],
           "quiz-key.pdf": ["Solucionario", "Puntos", "Orden correcto"],
           "quiz.docx": ["Fecha", "Verdadero", "Falso"],
           "quiz-key.docx": ["Solucionario", "Parejas"],
           "slides.pdf": ["Juicios clave", "Fuente"],
           "handout-notes.pdf": ["Notas del orador"],
           "handout-notes.docx": ["Notas del orador", "Diapositiva 1"],
           ".html": ["Notas", "Diapositiva siguiente", "Notas del orador, diapositiva 1"]},
    "ko": {".pptx": ["핵심 판단", "출처", "이해도 확인 1", "정답 1", "영향 높음", "신뢰도 보통",
                     "근거:", "척도", "답을 하나 고르세요.", "참", "2024년 11월 5일"],
           "handout.pdf": ["핵심 판단", "쪽 중 1쪽", "주요 수치", "사건"],
           "handout.docx": ["핵심 판단", "쪽 중 ", "영향 높음"],
           "quiz.pdf": ["이름", "날짜", "쪽 중 1쪽", "해당하는 것을 모두 표시하세요."],
           "quiz-key.pdf": ["정답표", "번호", "배점", "올바른 순서"],
           "quiz.docx": ["날짜", "참", "거짓"],
           "quiz-key.docx": ["정답표", "짝"],
           "slides.pdf": ["핵심 판단", "연표"],
           "handout-notes.pdf": ["발표자 노트"],
           "handout-notes.docx": ["발표자 노트", "슬라이드 1"],
           ".html": ["노트", "다음 슬라이드", "발표자 노트, 슬라이드 1"]},
}


def test_no_english_built_in_word_in_any_output(built):
    code, result, texts = built
    content_text = " ".join(_values(yaml.safe_load((FIXTURES / f"{code}.yaml").read_text(
        encoding="utf-8"))))
    banned = english_words(code, content_text)
    assert {"judgements", "page", "marks", "slide", "speaker"} <= banned | (
        {"page"} if code == "fr" else set())     # the check has teeth
    assert len(texts) == 13, sorted(texts)
    found = {name: sorted(_words(text) & banned) for name, text in texts.items()}
    assert {n: w for n, w in found.items() if w} == {}


def test_the_translations_are_there(built):
    code, result, texts = built
    missing = {}
    for end, wanted in EXPECTED[code].items():
        names = [n for n in texts if n.endswith(end) and not (end == ".pptx" and "-" in n)]
        assert names, end
        for name in names:
            lost = [w for w in wanted if w.lower() not in texts[name].lower()]
            if lost:
                missing[name] = lost
    assert missing == {}


def test_no_warning_for_a_known_language(built):
    code, result, texts = built
    assert not [w for w in result.warnings if "built-in labels" in w]


# -- the catalogue ----------------------------------------------------------------

def test_every_catalogue_has_every_key_and_no_new_placeholder():
    for code, cat in CATALOGUES.items():
        assert set(cat) == set(EN), code
        for key, text in cat.items():
            used = set(re.findall(r"\{([a-z]+)\}", text))
            assert used <= set(re.findall(r"\{([a-z]+)\}", EN[key])), (code, key)


def test_language_is_matched_on_its_primary_subtag():
    assert resolve("de-AT")("page", n=3, total=7) == "Seite 3 von 7"
    assert resolve("fr-CA")("page", n=3, total=7) == "Page 3 sur 7"
    assert resolve("es-419")("page", n=3, total=7) == "Página 3 de 7"
    assert resolve("ko-KR")("page", n=3, total=7) == "7쪽 중 3쪽"
    assert resolve("en-US")("page", n=3, total=7) == "Page 3 of 7"
    assert resolve("ko").date("2024-10-18") == "2024년 10월 18일"
    assert resolve("de").date("2024-10-18") == "18. Oktober 2024"
    assert resolve("es").date("2024-06") == "junio de 2024"


# -- labels: overrides ---------------------------------------------------------------

def test_labels_override_the_catalogue_in_every_output(tmp_path):
    src = (FIXTURES / "de.yaml").read_text(encoding="utf-8")
    src += ('labels:\n  bluf: "Unterm Strich"\n  page: "S. {n}/{total}"\n'
            '  quiz_question_title: "Frage {n}"\n  true: "Stimmt"\n')
    path = tmp_path / "eigen.yaml"
    path.write_text(src, encoding="utf-8")
    result = build(path, tmp_path / "out",
                   formats=["pptx", "handout-pdf", "handout-docx", "quiz-docx"],
                   quiz_slides=True)
    texts = {p.name: READERS[p.suffix](p) for p in result.files}
    prs = Presentation(str(tmp_path / "out" / "eigen" / "eigen.pptx"))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert "Unterm Strich" in titles and "Kernaussagen" not in texts["eigen.pptx"]
    assert "Frage 1" in titles and "Verständnisfrage 1" not in titles
    assert "Stimmt" in texts["eigen.pptx"] and "Stimmt" in texts["eigen-quiz.docx"]
    assert "Unterm Strich" in texts["eigen-handout.pdf"]
    assert re.search(r"S\. 1/\d+", texts["eigen-handout.pdf"])
    assert re.search(r"S\. 1/1", texts["eigen-handout.docx"])   # Word fields' placeholders
    assert "Seite" not in texts["eigen-handout.pdf"]


def test_an_unknown_label_is_a_located_error_naming_close_keys(write):
    path = write("""
        title: X
        labels:
          pgae: "S. {n}"
          bluf: "Fazit {x}"
          page: "Seite {n"
        """)
    with pytest.raises(ErrorList) as exc:
        load(path)
    assert [e.render() for e in exc.value.errors] == [
        f"{path}:3:3: labels.pgae: unknown label 'pgae'; allowed: a label key such as "
        "'page', 'name' or 'date' (every key is in the content reference, under 'labels') "
        "(did you mean 'page'?)",
        f"{path}:4:9: labels.bluf: found the placeholder '{{x}}'; allowed: plain text (this "
        "label has no placeholders)",
        f"{path}:5:9: labels.page: found a '{{' or '}}' that is not a placeholder; allowed: "
        "the placeholders '{n}', '{total}' (write a brace as '{{' or '}}')",
    ]


# -- an unknown language -----------------------------------------------------------------

def test_an_unknown_language_falls_back_to_english_with_a_warning(write, tmp_path):
    path = write("""
        title: Klingon briefing
        language: tlh
        bluf: [Qapla]
        """)
    result = build_content(load(path), tmp_path / "out", formats=["pptx"])
    assert result.warnings == [
        f"{path}:2:11: language 'tlh' has no built-in labels; deckgen's own words (slide "
        "titles such as 'Key judgements', 'Page 3 of 7') are in English; languages with "
        "labels: de, en, es, fr, ko; 'labels:' can set any of them"]
    prs = Presentation(str(tmp_path / "out" / "deck" / "deck.pptx"))
    assert [s.shapes.title.text for s in prs.slides][1] == "Key judgements"
