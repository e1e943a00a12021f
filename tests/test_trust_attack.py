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
    assert (f"{src}:332:10: sources[0].url: found 'javascript:alert(1)'; allowed: a web "
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
