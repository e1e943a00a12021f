"""Every pptx and docx deckgen writes is valid by the schemas of ISO/IEC 29500.

The validator is openxml-audit, a pure-Python port of the Open XML SDK's
validator (the schema constraints Microsoft's own SDK checks Office files
with, generated from the standard's transitional schemas): it reads each
package back part by part and reports every element or attribute the schema
does not allow. The ECMA-376 XSD files themselves are not published on any
package registry CI can reach, so this is the schema check we can run here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.build import pipeline

from .conftest import BRIEFING, CONTENT, SPEC_ONLY

audit = pytest.importorskip("openxml_audit")

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "tests" / "fixtures" / "masters" / "ministry.pptx"
WORD = ["handout-docx", "handout-slides-docx", "handout-notes-docx", "quiz-docx"]


def _problems(path: Path) -> list[str]:
    result = audit.OpenXmlValidator().validate(str(path))
    return [str(e) for e in result.errors]


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    out = tmp_path_factory.mktemp("packages")
    files = []
    for src in CONTENT + SPEC_ONLY:
        result = pipeline.build(src, out / "plain", formats=["pptx"] + WORD)
        files += [f for f in result.files if f.suffix in (".pptx", ".docx")]
    # the deck with its quiz slides, and one drawn on an organisation's master
    result = pipeline.build(BRIEFING, out / "quiz", formats=["pptx"], quiz_slides=True)
    files += result.files
    import shutil
    shutil.copy(MASTER, out / MASTER.name)          # a master sits in its theme's folder
    theme = out / "ministry.yaml"
    theme.write_text(f"name: ministry\nextends: default\nmaster: {MASTER.name}\n"
                     "layouts: {title: Ministry Cover, content: Ministry Content}\n",
                     encoding="utf-8")
    result = pipeline.build(BRIEFING, out / "master", formats=["pptx"], theme=str(theme))
    files += result.files
    return files


def test_there_is_a_package_of_every_kind(packages):
    names = [p.name for p in packages]
    for ending in (".pptx", "-handout.docx", "-slides.docx", "-notes.docx", "-quiz.docx"):
        assert any(n.endswith(ending) for n in names), (ending, names)


def test_every_part_of_every_package_is_schema_valid(packages):
    bad = {p.relative_to(p.parents[2]).as_posix(): _problems(p) for p in packages}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, bad


def test_the_validator_finds_an_element_out_of_place(packages, tmp_path):
    import zipfile
    deck = next(p for p in packages if p.suffix == ".pptx")
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(deck) as z, zipfile.ZipFile(broken, "w") as o:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<a:prstGeom ", b"<a:bogus/><a:prstGeom ", 1)
            o.writestr(info, data)
    assert any("bogus" in p for p in _problems(broken))
