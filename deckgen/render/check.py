"""Check a built deck the way PowerPoint's Accessibility Checker and a careful
reviewer would, and for the structural faults that make PowerPoint offer to
"repair" a file.

It reads the .pptx itself (python-pptx and the zip), not deckgen's model, so
it checks what a user receives. Findings are errors (must fix: the deck is
broken or inaccessible), warnings (should fix) and notes (for information,
e.g. a block that continued on more slides).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from deckgen.content.urls import safe_url
from deckgen.text.scripts import BY_TAG, covered_by, machine_has, scripts_in
from deckgen.theme.master import ACTIVE_MARKERS

_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_FILE_NAME = re.compile(r"^[\w .()-]+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf)$", re.I)
_CONTINUED = re.compile(r" \((\d+)/(\d+)\)$")


@dataclass(frozen=True)
class Finding:
    """One thing the check found: ``level`` is error, warning or note."""

    level: str
    slide: int          # 0 for the whole file
    what: str

    def render(self, file: str) -> str:
        """Return the line a user sees."""
        where = f"slide {self.slide}: " if self.slide else ""
        return f"{file}: {where}{self.level}: {self.what}"


def contrast(fg: str, bg: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``RRGGBB`` colours."""
    def lum(c: str) -> float:
        def chan(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
        r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
        return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)
    a, b = lum(fg), lum(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def check_pptx(path: Path) -> list[Finding]:
    """Return every finding for one .pptx file."""
    findings = _structure(path)
    if any(f.level == "error" for f in findings):
        return findings          # a broken package: python-pptx may not open it
    from pptx import Presentation
    prs = Presentation(str(path))
    titles: dict[str, int] = {}
    for n, slide in enumerate(prs.slides, start=1):
        findings.extend(_slide(n, slide, titles))
    findings.extend(_scripts(path))
    return findings


# -- fonts for every script -----------------------------------------------------

def _slides_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:6])
    more = f" and {len(numbers) - 6} more" if len(numbers) > 6 else ""
    return f"slide {shown}" if len(numbers) == 1 else f"slides {shown}{more}"


def _scripts(path: Path) -> list[Finding]:
    """Return a warning per script the text uses that no font draws.

    Two questions per script (Hangul, Arabic, Thai, ...): does any font the
    deck names (runs, the theme's font scheme, embedded fonts) cover it —
    else PowerPoint substitutes one of its choosing; and does this machine
    have a font for it — else LibreOffice here, and every PDF it makes,
    shows empty boxes where the text is.
    """
    a = "{" + _NS["a"] + "}"
    used: dict[str, tuple[list[int], str]] = {}
    named: set[str] = set()
    in_runs: set[str] = set()       # the fonts the text itself names (before the scheme's)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        slides = sorted((int(m.group(1)), n) for n in names
                        if (m := re.match(r"ppt/slides/slide(\d+)\.xml$", n)))
        for number, name in slides:
            root = ET.fromstring(z.read(name))
            text = "".join(t.text or "" for t in root.iter(a + "t"))
            for tag, sample in scripts_in(text).items():
                where, seen = used.setdefault(tag, ([], sample))
                where.append(number)
            for el in root.iter():
                if el.tag in (a + "latin", a + "ea", a + "cs") and el.get("typeface"):
                    named.add(el.get("typeface"))
                    in_runs.add(el.get("typeface"))
        for name in names:
            if re.match(r"ppt/theme/theme\d+\.xml$", name):
                for el in ET.fromstring(z.read(name)).iter():
                    if el.tag in (a + "latin", a + "ea", a + "cs", a + "font") and \
                            el.get("typeface"):
                        named.add(el.get("typeface"))
        if "ppt/presentation.xml" in names:
            p = "{" + _NS["p"] + "}"
            for el in ET.fromstring(z.read("ppt/presentation.xml")).iter(p + "font"):
                if el.get("typeface"):
                    named.add(el.get("typeface"))
    out: list[Finding] = []
    for tag, (where, sample) in used.items():
        s = BY_TAG[tag]
        if not any(tag in covered_by(f) for f in named):
            fonts = ", ".join(sorted(f for f in named if not f.startswith("+")))
            out.append(Finding("warning", 0, (
                f"{s.name} text ({_slides_text(where)}: '{sample}') is in no font the deck names "
                f"({fonts}) or embeds, so PowerPoint and LibreOffice substitute one of their "
                f"choosing; name one in the theme (PowerPoint has {s.windows} on Windows and "
                f"{s.macos} on macOS)")))
        covering = sorted(f for f in in_runs if tag in covered_by(f)) or \
            sorted(f for f in named if tag in covered_by(f))[:1]
        if machine_has(sample) is False:
            drawn = (f"PowerPoint draws it in {', '.join(covering)}" if covering else
                     f"PowerPoint draws it in {s.windows} on Windows and {s.macos} on macOS")
            out.append(Finding("warning", 0, (
                f"{s.name} text ({_slides_text(where)}: '{sample}'): {drawn}, but this machine has no font "
                f"for {s.name}, so LibreOffice here, and any PDF made with it, shows empty boxes "
                f"instead; install one (on Debian or Ubuntu: apt install {s.debian})")))
    return out


# -- the package ---------------------------------------------------------------

def _structure(path: Path) -> list[Finding]:
    out: list[Finding] = []
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [Finding("error", 0, "the file is not a zip package; PowerPoint cannot open it")]
    except OSError as exc:
        return [Finding("error", 0, f"the file cannot be read ({exc.strerror or exc})")]
    names = set(z.namelist())
    if "[Content_Types].xml" not in names:
        return [Finding("error", 0, "the package has no [Content_Types].xml")]
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower() for d in ct.findall("ct:Default", _NS)}
    overrides = {o.get("PartName", "").lstrip("/") for o in ct.findall("ct:Override", _NS)}
    for name in sorted(names):
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        ext = name.rsplit(".", 1)[-1].lower()
        if name not in overrides and ext not in defaults:
            out.append(Finding("error", 0, f"the part '{name}' has no content type; "
                                           "PowerPoint would ask to repair the file"))
    for name in sorted(n for n in names if n.endswith(".rels")):
        base = posixpath.dirname(posixpath.dirname(name))
        for rel in ET.fromstring(z.read(name)).findall("rel:Relationship", _NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            if full not in names:
                out.append(Finding("error", 0, f"the relationship {rel.get('Id')} in '{name}' "
                                               f"points at '{target}', which is not in the file"))
    out.extend(_dangling_ids(z, names))
    out.extend(_active(z, names))
    for name in sorted(n for n in names if re.match(r"ppt/slides/slide\d+\.xml$", n)):
        number = int(re.search(r"(\d+)", name.rsplit("/", 1)[1]).group(1))
        ids = [el.get("id") for el in ET.fromstring(z.read(name)).iter(f"{{{_NS['p']}}}cNvPr")]
        dupes = sorted({i for i in ids if ids.count(i) > 1}, key=lambda x: int(x))
        if dupes:
            out.append(Finding("error", number, f"shape ids {', '.join(dupes)} are used twice; "
                                                "PowerPoint would ask to repair the file"))
    return out


def _active(z: zipfile.ZipFile, names: set) -> list[Finding]:
    """Return an error for macros, ActiveX controls, OLE objects and outside targets.

    A web link (http, https, mailto) is the one external target a deck may
    have; anything else external (a picture on a file share, a javascript:
    link) is fetched or run when the deck is opened or clicked.
    """
    out: list[Finding] = []
    for name in sorted(names):
        low = name.lower()
        if low.endswith("vbaproject.bin"):
            out.append(Finding("error", 0, f"the part '{name}' is a macro project"))
        elif "/activex/" in low:
            out.append(Finding("error", 0, f"the part '{name}' is an ActiveX control"))
    for name in sorted(n for n in names if n.endswith(".rels") or n == "[Content_Types].xml"):
        for el in ET.fromstring(z.read(name)):
            kind = (el.get("Type") or el.get("ContentType") or "").lower()
            what = next((w for word, w in ACTIVE_MARKERS if word in kind), "")
            label = el.get("Target") or el.get("PartName") or el.get("Extension") or ""
            if what:
                out.append(Finding("error", 0, f"'{name}' declares {what} ({label})"))
            elif el.get("TargetMode") == "External" and not (
                    kind.endswith("/hyperlink") and safe_url(el.get("Target", ""))):
                out.append(Finding("error", 0, f"the relationship {el.get('Id')} in '{name}' "
                                               f"points outside the file, at '{label[:80]}'"))
    return out


def _dangling_ids(z: zipfile.ZipFile, names: set) -> list[Finding]:
    """Return an error for every r:embed, r:id or r:link that no relationship of its part has.

    A picture's blip (and an SVG's ``asvg:svgBlip``) names its image this way;
    an id that resolves to nothing is a picture PowerPoint cannot show.
    """
    out: list[Finding] = []
    r_ns = "{" + _NS["r"] + "}"
    for name in sorted(n for n in names if n.endswith(".xml") and n.startswith("ppt/")):
        data = z.read(name)
        if r_ns[1:-1].encode() not in data:
            continue
        rels_name = posixpath.join(posixpath.dirname(name), "_rels",
                                   posixpath.basename(name) + ".rels")
        ids = set()
        if rels_name in names:
            ids = {rel.get("Id") for rel in
                   ET.fromstring(z.read(rels_name)).findall("rel:Relationship", _NS)}
        for el in ET.fromstring(data).iter():
            for key, value in el.attrib.items():
                if key.startswith(r_ns) and key[len(r_ns):] in ("embed", "id", "link") \
                        and value and value not in ids:
                    tag = el.tag.rsplit("}", 1)[-1]
                    out.append(Finding("error", 0, f"'{name}' names the relationship {value} "
                                                   f"(in <{tag}>), which it does not have"))
    return out


# -- one slide ------------------------------------------------------------------

def _descr(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "").strip()


def _decorative(shape) -> bool:
    return "decorative" in ET.tostring(shape._element.xpath("./*[1]/p:cNvPr")[0]).decode()


def _fill(shape) -> str | None:
    try:
        if shape.fill.type == 1:   # MSO_FILL.SOLID
            return str(shape.fill.fore_color.rgb)
    except (AttributeError, TypeError, ValueError):
        pass
    return None


def _inside(inner, outer) -> bool:
    cx = inner.left + inner.width / 2
    cy = inner.top + inner.height / 2
    return (outer.left <= cx <= outer.left + outer.width and
            outer.top <= cy <= outer.top + outer.height)


def _flat(shapes):
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    for sh in shapes:
        yield sh
        if sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _flat(sh.shapes)


def _slide_size(slide) -> tuple[int, int]:
    prs = slide.part.package.presentation_part.presentation
    return prs.slide_width or 0, prs.slide_height or 0


def _slide(n: int, slide, titles: dict) -> list[Finding]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    out: list[Finding] = []
    title_shape = slide.shapes.title
    title = title_shape.text_frame.text.strip() if title_shape is not None else ""
    if not title:
        out.append(Finding("error", n, "the slide has no title; screen readers and the "
                                       "outline use it to find the slide"))
    else:
        if title in titles:
            out.append(Finding("warning", n, f"the title '{title}' is also the title of slide "
                                             f"{titles[title]}; make titles unique"))
        titles.setdefault(title, n)
        m = _CONTINUED.search(title)
        if m and m.group(1) == "1":
            out.append(Finding("note", n, f"'{title[:m.start()]}' continues over {m.group(2)} "
                                          "slides: its content is longer than one slide holds"))
        # a backdrop may come first: a picture covering the slide and decorative shapes on it
        # (a full-image slide); anything else before the title is read before it
        width, height = _slide_size(slide)
        first = None
        for sh in slide.shapes:
            if sh.shape_id == title_shape.shape_id:
                break
            backdrop = sh.shape_type == MSO_SHAPE_TYPE.PICTURE and sh.left <= 0 and sh.top <= 0 \
                and sh.left + sh.width >= width and sh.top + sh.height >= height
            if not backdrop and not _decorative(sh):
                first = sh
                break
        if first is not None:
            out.append(Finding("warning", n, f"the reading order starts with '{first.name}', "
                                             "not the title"))
    for sh in slide.shapes:
        kind = None
        if sh.shape_type == MSO_SHAPE_TYPE.PICTURE:
            kind = "picture"
        elif getattr(sh, "has_chart", False) and sh.has_chart:
            kind = "chart"
        elif sh.shape_type == MSO_SHAPE_TYPE.GROUP:
            kind = "diagram"
        elif getattr(sh, "has_table", False) and sh.has_table:
            if not sh.table.first_row:
                out.append(Finding("warning", n, f"the table '{sh.name}' has no header row"))
        if kind and not _decorative(sh):
            alt = _descr(sh)
            if not alt:
                out.append(Finding("error", n, f"the {kind} '{sh.name}' has no alt text"))
            elif _FILE_NAME.match(alt):
                out.append(Finding("error", n, f"the {kind} '{sh.name}' has a file name as alt "
                                               f"text ('{alt}'); say what it shows"))
    out.extend(_contrast(n, slide))
    return out


def _contrast(n: int, slide) -> list[Finding]:
    from pptx.util import Pt
    out: list[Finding] = []
    bg = None
    try:
        if slide.background.fill.type == 1:
            bg = str(slide.background.fill.fore_color.rgb)
    except (AttributeError, TypeError, ValueError):
        bg = None
    bg = bg or "FFFFFF"
    shapes = list(_flat(slide.shapes))
    seen = set()
    for i, sh in enumerate(shapes):
        if not sh.has_text_frame or sh.width is None:
            continue
        under = _fill(sh)
        if under is None:
            for below in reversed(shapes[:i]):
                f = _fill(below) if below.width is not None else None
                if f and _inside(sh, below):
                    under = f
                    break
        under = under or bg
        for p in sh.text_frame.paragraphs:
            for r in p.runs:
                if not r.text.strip() or r.font.color is None or r.font.color.type is None:
                    continue
                try:
                    fg = str(r.font.color.rgb)
                except AttributeError:
                    continue
                size = r.font.size or Pt(18)
                large = size >= Pt(24) or (size >= Pt(18.66) and bool(r.font.bold))
                need = 3.0 if large else 4.5
                ratio = contrast(fg, under)
                key = (fg, under, need)
                if ratio < need and key not in seen:
                    seen.add(key)
                    out.append(Finding("warning", n, f"text #{fg} on #{under} in '{sh.name}' has "
                                                     f"contrast {ratio:.2f}:1; needs {need:g}:1 "
                                                     f"({'large' if large else 'normal'} text)"))
    return out
