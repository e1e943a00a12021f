"""Read a tagged PDF back: its structure tree with each element's text, and what PDF/UA asks.

pikepdf walks the objects (catalog, structure tree, fonts, annotations,
XMP); pdfplumber gives every character with the marked-content id (MCID) it
was drawn under, which is how an element of the tree gets its text. Nothing
here trusts the writer: it reads the file as a screen reader or a checker
would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf

XMP_PDFUA = "{http://www.aiim.org/pdfua/ns/id/}part"
XMP_TITLE = "{http://purl.org/dc/elements/1.1/}title"


@dataclass
class Element:
    """One structure element: its standard type (role map applied), alt text and text."""

    type: str
    alt: str = ""
    text: str = ""
    attrs: list = field(default_factory=list)
    children: list["Element"] = field(default_factory=list)
    depth: int = 0
    pages: list[int] = field(default_factory=list)      # 0-based pages its text is on
    at: tuple = ()               # (page, top, x0) of its first character, when it has text

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Tagged:
    path: Path
    lang: str
    title_xmp: str
    pdfua_part: str
    marked: bool
    display_title: bool
    elements: list[Element]              # every element, in tree (reading) order
    fonts: list[tuple[str, bool, bool]]  # (name, embedded, has ToUnicode)
    links: list[tuple[str, str, bool]]   # (uri, /Contents, has a struct parent)
    outline: list[str]
    pages: int
    page_text: list[str]                 # each page's text, as drawn
    untagged: list[str]                  # text drawn outside marked content (page: operator)
    artifacts: list[str]                 # each page's artifact text

    def of(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.type == kind]

    def headings(self) -> list[tuple[int, str]]:
        return [(int(e.type[1:]), e.text) for e in self.elements
                if re.fullmatch(r"H[1-6]", e.type)]


def _fonts(pdf: pikepdf.Pdf) -> list[tuple[str, bool, bool]]:
    out, seen = [], set()

    def resources(res):
        if not isinstance(res, pikepdf.Dictionary):
            return
        for _name, font in (res.get("/Font") or {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font.DescendantFonts[0].get("/FontDescriptor")
            embedded = desc is not None and any(k in desc for k in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
            if font.get("/Subtype") == "/Type3":
                embedded = True      # drawn by its own glyph procedures
            out.append((str(font.get("/BaseFont", "")), embedded, "/ToUnicode" in font))
        for _name, xo in (res.get("/XObject") or {}).items():
            if xo.get("/Subtype") == "/Form" and xo.objgen not in seen:
                seen.add(xo.objgen)
                resources(xo.get("/Resources"))

    for page in pdf.pages:
        resources(page.obj.get("/Resources"))
    return out


def _untagged(pdf: pikepdf.Pdf) -> list[str]:
    """Return each text-showing operator drawn outside any marked content (tag or artifact).

    Read from the content streams themselves: a reader nests marked content
    (a /Span with ActualText inside a tagged /Span), so a character's innermost
    mark alone would not say whether it is tagged.
    """
    out = []

    def stream(obj, where: str, depth: int) -> None:
        for operands, op in pikepdf.parse_content_stream(obj):
            o = str(op)
            if o in ("BDC", "BMC"):
                depth += 1
            elif o == "EMC":
                depth -= 1
            elif o in ("Tj", "TJ", "'", '"') and depth == 0:
                out.append(f"{where}: {o}")
            elif o == "Do" and depth == 0:
                xo = obj.get("/Resources", {}).get("/XObject", {}).get(str(operands[0]))
                if xo is not None and xo.get("/Subtype") == "/Form":
                    out.append(f"{where}: an untagged form XObject {operands[0]}")

    for i, page in enumerate(pdf.pages, start=1):
        stream(page.obj, f"page {i}", 0)
    return out


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as ol:
        out = []

        def walk(items):
            for it in items:
                out.append(str(it.title))
                walk(it.children)
        walk(ol.root)
        return out


def read(path: Path) -> Tagged:
    """Read ``path``: its catalog, structure tree (with text), fonts, links and outline."""
    path = Path(path)
    chars: dict[tuple[int, int], list[str]] = {}
    first: dict[tuple[int, int], tuple] = {}
    artifacts, page_text = [], []
    with pdfplumber.open(path) as plumb:
        for i, page in enumerate(plumb.pages):
            art, last = [], None
            for c in page.chars:
                mcid = c.get("mcid")
                if mcid is None and c.get("tag") != "Artifact":
                    # marked content nested in a tagged run (a /Span with ActualText, say):
                    # pdfplumber reports the inner mark, which has no MCID; the text is the
                    # enclosing run's (the content streams are checked in _untagged)
                    mcid = last
                if mcid is not None:
                    last = mcid
                    chars.setdefault((i, mcid), []).append(c["text"])
                    first.setdefault((i, mcid), (i, round(c["top"], 1), round(c["x0"], 1)))
                elif c.get("tag") == "Artifact":
                    art.append(c["text"])
            artifacts.append("".join(art))
            page_text.append(page.extract_text() or "")
    pdf = pikepdf.open(path)
    root = pdf.Root
    page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    tree = root.get("/StructTreeRoot")
    rolemap = {str(k): str(v) for k, v in (tree.get("/RoleMap") or {}).items()} if tree else {}
    elements: list[Element] = []

    def std(kind: str) -> str:
        seen = set()
        while kind in rolemap and kind not in seen:
            seen.add(kind)
            kind = rolemap[kind]
        return kind.lstrip("/")

    def walk(node, depth: int, page) -> tuple[str, list[int]]:
        """Add the element ``node``; return its text and the pages it is on."""
        if not isinstance(node, pikepdf.Dictionary):
            return "", []
        page = node.get("/Pg", page)
        el = Element(std(str(node.get("/S"))), alt=str(node.get("/Alt", "")), depth=depth)
        attrs = node.get("/A")
        if attrs is not None:
            el.attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
        elements.append(el)
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        texts, pages, ats = [], [], []
        for k in kids:
            if isinstance(k, int):
                p = page_index.get(page.objgen) if page is not None else None
                texts.append("".join(chars.get((p, int(k)), [])))
                pages.append(p)
                ats.append(first.get((p, int(k))))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                pg = k.get("/Pg", page)
                p = page_index.get(pg.objgen)
                texts.append("".join(chars.get((p, int(k.MCID)), [])))
                pages.append(p)
                ats.append(first.get((p, int(k.MCID))))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                continue
            elif isinstance(k, pikepdf.Dictionary):
                child_start = len(elements)
                t, ps = walk(k, depth + 1, page)
                el.children.append(elements[child_start])
                texts.append(t)
                pages += ps
                ats.append(elements[child_start].at or None)
        el.text = "".join(texts)
        el.at = next((a for a in ats if a), ())
        el.pages = sorted({p for p in pages if p is not None})
        return el.text, el.pages

    if tree is not None:
        kids = tree.get("/K")
        for k in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            walk(k, 0, None)
    untagged = _untagged(pdf)
    links = []
    for page in pdf.pages:
        for a in page.obj.get("/Annots") or []:
            if a.get("/Subtype") == "/Link":
                uri = str(a.A.URI) if "/A" in a and "/URI" in a.A else ""
                links.append((uri, str(a.get("/Contents", "")), "/StructParent" in a))
    meta = pdf.open_metadata()
    mark = root.get("/MarkInfo") or {}
    prefs = root.get("/ViewerPreferences") or {}
    return Tagged(path, str(root.get("/Lang", "")), str(meta.get(XMP_TITLE, "")),
                  str(meta.get(XMP_PDFUA, "")), bool(mark.get("/Marked", False)),
                  bool(prefs.get("/DisplayDocTitle", False)), elements, _fonts(pdf), links,
                  _outline(pdf), len(pdf.pages), page_text, untagged, artifacts)


def pdfua_problems(t: Tagged, language: str) -> list[str]:
    """Return what a PDF/UA-1 document must have and ``t`` lacks (empty when all is there)."""
    out = []
    if not t.marked:
        out.append("MarkInfo /Marked is not true")
    if not t.elements:
        out.append("no structure tree")
    if t.lang.lower() != language.lower():
        out.append(f"/Lang is {t.lang!r}, not {language!r}")
    if not t.display_title or not t.title_xmp:
        out.append("no title shown as the window title")
    if t.pdfua_part != "1":
        out.append("no PDF/UA identification in the XMP metadata")
    out += [f"font {n} not embedded" for n, emb, _u in t.fonts if not emb]
    out += [f"font {n} has no ToUnicode map" for n, _e, uni in t.fonts if not uni]
    out += [f"untagged text: {', '.join(t.untagged[:5])}"] if t.untagged else []
    levels = [lvl for lvl, _ in t.headings()]
    if levels and levels[0] != 1:
        out.append(f"the first heading is H{levels[0]}")
    out += [f"H{a} followed by H{b}" for a, b in zip(levels, levels[1:]) if b > a + 1]
    out += [f"a Figure without alt text ({e.text[:30]!r})" for e in t.of("Figure") if not e.alt]
    for table in t.of("Table"):
        ths = [e for e in table.walk() if e.type == "TH"]
        if not ths:
            out.append(f"a Table without header cells ({table.text[:30]!r})")
        out += ["a TH without a scope" for th in ths
                if not any("/Scope" in a for a in th.attrs if isinstance(a, pikepdf.Dictionary))]
    for lst in t.of("L"):
        if not any(c.type == "LI" for c in lst.children):
            out.append("a list without items")
    out += [f"a link to {u} without a tag or text" for u, c, sp in t.links if not (c and sp)]
    return out
