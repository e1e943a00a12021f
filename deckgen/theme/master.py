"""An organisation's master: open a .pptx or .potx and build the deck on its layouts.

python-pptx opens only files whose main part is a presentation; a ``.potx``
declares a template (``presentationml.template.main+xml``), so its
``[Content_Types].xml`` is rewritten in memory before python-pptx sees it
(the file on disk is never touched). The slides a template ships with are
removed together with their parts (notes, media only they use), so none is
carried into the deck or left orphaned in the package. Layouts are always
looked up by name, never by position: an organisation reorders its layouts
without telling anyone.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from deckgen.content.urls import safe_url

_TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_CT = ("application/vnd.openxmlformats-officedocument.presentationml."
                    "presentation.main+xml")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS = {"a": _A, "p": _P}
# scheme colour names in a master's background -> the theme's colour slots
_SCHEME = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


class MasterFileError(Exception):
    """A master file python-pptx cannot open (the reason is the message)."""


@dataclass(frozen=True)
class LayoutInfo:
    """One layout of a master: its name and its title placeholder (x, y, w, h EMU)."""

    name: str
    title_box: tuple | None


@dataclass(frozen=True)
class MasterInfo:
    """What the theme needs to know about a master file before the deck is written."""

    layouts: tuple          # LayoutInfo, in the file's order (all masters)
    width: int
    height: int
    fonts: tuple            # (heading, body) Latin typefaces of the first master's theme
    background: str         # the first master's solid background, RRGGBB, or ""


class UnsafeMasterError(MasterFileError):
    """A master that opens but carries something active or outsized (the reason is the message)."""


#: The most a master may unpack to (all parts together), and the most parts it may have.
#: A real organisation template is a few megabytes; a zip bomb of zeros is gigabytes.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_PARTS = 5000
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Words in relationship types and content types of parts that run code or pull in other programs' objects.
ACTIVE_MARKERS = (("vbaproject", "a macro project"), ("macroenabled", "macros"),
           ("activex", "an ActiveX control"), ("/control", "an ActiveX control"),
           ("oleobject", "an embedded OLE object"), ("vnd.ms-office.vba", "a macro project"),
           ("vbadata", "a macro project"))


def check_package(zin: zipfile.ZipFile) -> None:
    """Refuse a master that would carry anything active into every deck built on it.

    Checked before any part is read: the unpacked size (from the zip directory,
    which also bounds how much zipfile will ever inflate), then macro projects,
    ActiveX controls, OLE objects and relationships to targets outside the
    package. Web links (http, https, mailto) are the only external targets kept.
    Raises :class:`UnsafeMasterError` naming the part.
    """
    items = zin.infolist()
    if len(items) > MAX_PARTS:
        raise UnsafeMasterError(f"it has {len(items):,} parts; a master has at most {MAX_PARTS:,}")
    total = sum(i.file_size for i in items)
    if total > MAX_UNPACKED:
        raise UnsafeMasterError(f"it unpacks to {total / 2**20:,.0f} MB; a master unpacks "
                                f"to at most {MAX_UNPACKED // 2**20} MB")
    for item in items:
        low = item.filename.lower()
        if low.endswith("vbaproject.bin") or "/activex/" in low:
            what = "a macro project" if "vba" in low else "an ActiveX control"
            raise UnsafeMasterError(f"it holds {what} ({item.filename})")
    for item in items:
        low = item.filename.lower()
        if not (low.endswith(".rels") or low == "[content_types].xml"):
            continue
        try:
            root = etree.fromstring(zin.read(item),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as exc:
            raise MasterFileError(f"{item.filename} is not XML: {exc}") from None
        for el in root:
            kind = (el.get("Type") or el.get("ContentType") or "").lower()
            for word, what in ACTIVE_MARKERS:
                if word in kind:
                    raise UnsafeMasterError(f"it holds {what} ({item.filename}: "
                                            f"{el.get('Target') or el.get('PartName') or el.get('Extension')})")
            if el.tag == _REL_NS + "Relationship" and el.get("TargetMode") == "External":
                target = el.get("Target", "")
                if not (kind.endswith("/hyperlink") and safe_url(target)):
                    raise UnsafeMasterError(f"it links to '{target[:80]}' outside the file "
                                            f"({item.filename})")


def package_stream(path: Path) -> io.BytesIO:
    """Return the file as a stream python-pptx opens; a .potx is declared a presentation.

    Only ``[Content_Types].xml`` changes; every other part is copied as it is.
    The package is checked first (:func:`check_package`).
    """
    try:
        zin = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise MasterFileError(f"not a zip package: {exc}") from None
    with zin:
        try:
            check_package(zin)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise MasterFileError(f"a damaged zip package: {exc}") from None
        try:
            types = zin.read("[Content_Types].xml")
        except KeyError:
            raise MasterFileError("it has no [Content_Types].xml") from None
        if _TEMPLATE_CT.encode() not in types:
            return io.BytesIO(path.read_bytes())
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(_TEMPLATE_CT.encode(), _PRESENTATION_CT.encode())
                zout.writestr(item, data)
    out.seek(0)
    return out


def open_master(path: Path):
    """Return a python-pptx Presentation of the master with its sample slides removed."""
    from pptx import Presentation
    try:
        prs = Presentation(package_stream(Path(path)))
    except MasterFileError:
        raise
    except Exception as exc:   # python-pptx raises KeyError, ValueError, lxml errors ...
        raise MasterFileError(str(exc) or type(exc).__name__) from None
    remove_slides(prs)
    return prs


def remove_slides(prs) -> int:
    """Remove every slide (and the parts only it used) from a presentation; return how many.

    Dropping the presentation's relationship to a slide leaves the slide part
    unreachable, and python-pptx saves only the parts it reaches from the
    package root, so the slide, its notes and its own media are not written.
    """
    sld_ids = prs.slides._sldIdLst
    n = 0
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)
        n += 1
    return n


def layouts(prs):
    """Yield every layout of every master, in the file's order."""
    for master in prs.slide_masters:
        yield from master.slide_layouts


def find_layout(prs, name: str):
    """Return the first layout called ``name`` (in any master), or None."""
    return next((lay for lay in layouts(prs) if lay.name == name), None)


def title_placeholder(layout):
    """Return a layout's title placeholder (title or centred title), or None."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    for ph in layout.placeholders:
        if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            return ph
    return None


def _title_box(layout) -> tuple | None:
    ph = title_placeholder(layout)
    if ph is None:
        return None
    try:   # position and size are inherited from the master when the layout has none
        box = (ph.left, ph.top, ph.width, ph.height)
    except (AttributeError, TypeError):
        box = (None,) * 4
    if any(v is None for v in box):
        return (0, 0, 0, 0)
    return tuple(int(v) for v in box)


def _theme_xml(master):
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    try:
        part = master.part.part_related_by(RT.THEME)
    except KeyError:
        return None
    return etree.fromstring(part.blob)


def _fonts(theme) -> tuple:
    if theme is None:
        return ("", "")
    out = []
    for which in ("majorFont", "minorFont"):
        el = theme.find(f".//a:fontScheme/a:{which}/a:latin", _NS)
        face = el.get("typeface", "") if el is not None else ""
        out.append("" if face.startswith("+") else face)
    return tuple(out)


def _background(master, theme) -> str:
    fill = master._element.find("./p:cSld/p:bg/p:bgPr/a:solidFill", _NS)
    if fill is None or len(fill) == 0:
        return ""
    clr = fill[0]
    if clr.tag == f"{{{_A}}}srgbClr":
        return clr.get("val", "").upper()
    if clr.tag == f"{{{_A}}}schemeClr" and theme is not None:
        slot = _SCHEME.get(clr.get("val"), clr.get("val"))
        el = theme.find(f".//a:clrScheme/a:{slot}", _NS)
        if el is not None and len(el):
            c = el[0]
            return (c.get("val") if c.tag == f"{{{_A}}}srgbClr" else c.get("lastClr", "")).upper()
    return ""


def inspect_master(path: Path) -> MasterInfo:
    """Return the layouts, size, fonts and background of a master file.

    Raises :class:`MasterFileError` when python-pptx cannot open it.
    """
    p = Path(path)
    st = p.stat()
    return _inspect(str(p.resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _inspect(path: str, mtime: int, size: int) -> MasterInfo:
    prs = open_master(Path(path))
    infos = tuple(LayoutInfo(lay.name, _title_box(lay)) for lay in layouts(prs))
    first = prs.slide_masters[0]
    theme = _theme_xml(first)
    return MasterInfo(infos, int(prs.slide_width), int(prs.slide_height), _fonts(theme),
                      _background(first, theme))


@dataclass(frozen=True)
class Art:
    """A piece of a master's artwork, for the preview: a picture or a filled shape."""

    box: tuple              # x, y, w, h in EMU
    fill: str = ""          # RRGGBB for a filled shape
    image: bytes = b""      # the picture's bytes


def artwork(path: Path, layout_name: str) -> tuple:
    """Return the master's and the layout's pictures and solid-filled shapes, in drawing order.

    The preview paints these under a slide so it shows the master's logo and
    bands; placeholders (text) and anything it cannot read are left out.
    """
    st = Path(path).stat()
    return _artwork(str(Path(path).resolve()), st.st_mtime_ns, layout_name)


@lru_cache(maxsize=16)
def _artwork(path: str, mtime: int, layout_name: str) -> tuple:
    from pptx.enum.dml import MSO_FILL
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    prs = open_master(Path(path))
    layout = find_layout(prs, layout_name)
    if layout is None:
        return ()
    out = []
    for owner in (layout.slide_master, layout):
        for sh in owner.shapes:
            if sh.is_placeholder or sh.width is None or sh.left is None:
                continue
            box = (int(sh.left), int(sh.top), int(sh.width), int(sh.height))
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE:
                out.append(Art(box, image=sh.image.blob))
            elif sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE:
                try:
                    if sh.fill.type == MSO_FILL.SOLID:
                        out.append(Art(box, fill=str(sh.fill.fore_color.rgb)))
                except (AttributeError, TypeError, ValueError):
                    continue    # a theme colour or a gradient: not drawn in the preview
    return tuple(out)
