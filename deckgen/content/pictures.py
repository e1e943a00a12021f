"""Pictures on slides: their size, and SVG drawn as PNG where a PNG is needed.

A raster picture (PNG, JPEG, ...) is used as it is. An SVG goes into the
deck as itself, with a PNG copy beside it (PowerPoint draws the SVG; older
PowerPoint, LibreOffice and every reader that knows no SVG draw the PNG).
The preview painter and the reading handout draw the PNG too. deckgen
rasterises SVG with resvg (``resvg-py``: a self-contained wheel, no system
library) using only the fonts deckgen ships, so the same SVG gives the same
PNG on every machine, and a build stays reproducible.

SVG is untrusted input like the content file: it is read with a size cap,
and a picture it links to must be a file inside the content folder (resvg
would otherwise read any image on the machine, ``/home/...`` included).
The deck embeds the SVG as it is, so one that could do anything when opened
(scripts, event attributes, ``<foreignObject>``, entity declarations, a
stylesheet or CSS ``url()`` elsewhere) is refused rather than rewritten: the
user sees why and what to delete, and the picture they approved is the one shipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET
from deckgen.text.fontfiles import FONT_DIR

#: An SVG file larger than this is refused (20 MiB, as for data files).
MAX_SVG_BYTES = 20 * 1024 * 1024
#: The longest side, in pixels, of a PNG copy made for the deck (sharp at 2x on a 16:9 slide).
DECK_PIXELS = 2000
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|in|cm|mm|pt|pc|em|ex|%)?\s*$")


_DRAWN = "an SVG file saved by a drawing program (Inkscape, Illustrator, a browser)"


class SvgError(ValueError):
    """An SVG deckgen cannot use: what was found (after the file's name) and what is allowed."""

    def __init__(self, found: str, allowed: str = _DRAWN) -> None:
        super().__init__(f"{found}; allowed: {allowed}")
        self.found = found
        self.allowed = allowed


def is_svg(path: Path | str) -> bool:
    """True when ``path`` names an SVG file (by its suffix)."""
    return Path(path).suffix.lower() == ".svg"


def _positive_lengths(root: ET.Element) -> None:
    """Raise :class:`SvgError` when the root's width, height or viewBox gives a size of 0.

    resvg refuses such a file with "invalid size"; this says which attribute
    is at fault. What resvg can work out for itself (a missing or relative
    size, which it takes from the viewBox or the drawing) is left to it.
    """
    for key in ("width", "height"):
        text = root.get(key)
        m = _LENGTH.match(text) if text is not None else None
        if m and float(m.group(1)) <= 0:
            raise SvgError(f"whose {key} is '{text}'", f"a {key} above 0")
    vb = root.get("viewBox")
    if vb is not None:
        parts = [p for p in re.split(r"[\s,]+", vb.strip()) if p]
        try:
            nums = [float(p) for p in parts]
        except ValueError:
            nums = []
        if len(nums) != 4 or nums[2] <= 0 or nums[3] <= 0:
            raise SvgError(f"whose viewBox is '{vb}'", "four numbers, x y width height, with "
                           "a width and height above 0")


#: The DOCTYPE lines drawing programs write (Illustrator writes SVG 1.1's); no other is kept.
_SVG_DTDS = {"-//W3C//DTD SVG 1.0//EN", "-//W3C//DTD SVG 1.1//EN", "-//W3C//DTD SVG 1.1 Basic//EN",
             "-//W3C//DTD SVG 1.1 Tiny//EN"}
#: Elements that run code or draw another document, anywhere in the tree.
_ACTIVE_TAGS = {"script", "foreignobject", "handler", "iframe", "embed", "object", "listener"}
_ANIMATE = {"set", "animate", "animatetransform", "animatemotion", "discard"}
_NO_CODE = ("an SVG without scripts, event attributes (onload, onclick ...), <foreignObject> "
            "or entity declarations")
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?\s*(?!#)([^)'"\s]+)|@import\s+['"]?([^'";\s]+))""", re.I)


def _declarations(data: bytes) -> None:
    """Raise :class:`SvgError` on a DOCTYPE (other than SVG's own), an entity or a stylesheet PI.

    Checked with expat before the tree is built, so an entity is never expanded.
    """
    from xml.parsers import expat
    parser = expat.ParserCreate()

    def doctype(name, system_id, public_id, has_internal_subset):
        if has_internal_subset or (public_id or "") not in _SVG_DTDS:
            raise SvgError("which has a <!DOCTYPE> declaration", _NO_CODE +
                           " (delete the <!DOCTYPE ...> line)")

    def entity(name, *rest):
        raise SvgError(f"which declares the entity '{name}'", _NO_CODE)

    def instruction(target, data):
        if target.lower() == "xml-stylesheet":
            raise SvgError("which loads a stylesheet (<?xml-stylesheet ...?>)", _NO_CODE)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return      # ET.parse says where the XML is broken


def _active(root: ET.Element) -> None:
    """Raise :class:`SvgError` for anything in the tree that runs code or loads a stylesheet."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1]
        if tag.lower() in _ACTIVE_TAGS:
            raise SvgError(f"which holds a <{tag}> element", _NO_CODE)
        for key, value in el.attrib.items():
            name = key.rsplit("}", 1)[-1]
            if name.lower().startswith("on"):
                raise SvgError(f"whose <{tag}> has the event attribute '{name}'", _NO_CODE)
            if tag.lower() in _ANIMATE and name == "attributeName" and (
                    value.strip().lower().startswith("on") or value.strip().endswith("href")):
                raise SvgError(f"whose <{tag}> changes the attribute '{value.strip()}'", _NO_CODE)
        css = " ".join(filter(None, [el.get("style"), el.text if tag == "style" else None]))
        for m in _CSS_URL.finditer(css):
            ref = m.group(1) or m.group(2)
            if not ref.lower().startswith("data:"):
                raise SvgError(f"whose style links to '{ref}'", "pictures embedded in the SVG "
                               "(styles may name only '#id' in the same file)")


def _root(path: Path) -> ET.Element:
    """Return the parsed document's root (the whole tree, for the link check)."""
    size = path.stat().st_size
    if size > MAX_SVG_BYTES:
        raise SvgError(f"of {size:,} bytes", f"at most {MAX_SVG_BYTES:,} bytes")
    data = path.read_bytes()
    _declarations(data)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        reason = str(exc).split(":", 1)[0]
        raise SvgError(f"which is not well-formed XML (line {line}, column {col + 1}: "
                       f"{reason})") from None


def _links(root: ET.Element) -> list[str]:
    """Return every file or URL the SVG refers to (not ``#id`` nor ``data:``)."""
    out = []
    for el in root.iter():
        for key in ("href", _XLINK):
            ref = (el.get(key) or "").strip()
            if ref and not ref.startswith("#") and not ref.lower().startswith("data:"):
                out.append(ref)
    return out


def check_svg(path: Path, folder: Path) -> tuple[int, int]:
    """Return the size of an SVG's PNG copy, or raise :class:`SvgError` saying why it cannot be used.

    ``folder`` is the content folder: pictures the SVG links to must be in
    it. The SVG is drawn here, so that what resvg cannot draw is found when
    the content is loaded rather than in the middle of a build (and the
    build then reuses the drawing).
    """
    root = _root(path)
    if root.tag not in (f"{{{_SVG_NS}}}svg", "svg"):
        name = root.tag.rsplit("}", 1)[-1]
        raise SvgError(f"whose top element is <{name}>, not <svg>")
    _positive_lengths(root)
    _active(root)
    base = folder.resolve()
    for ref in _links(root):
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", ref):   # a URL (or a Windows drive)
            raise SvgError(f"which links to '{ref}'", "pictures embedded in the SVG or files "
                           "inside the content file's folder")
        try:
            target = (path.parent / ref).resolve()
            target.relative_to(base)
        except (ValueError, OSError):
            raise SvgError(f"which links to '{ref}', outside the content file's folder",
                           "pictures embedded in the SVG or files inside that folder") from None
    return image_size(path)


def image_size(path: Path | str) -> tuple[int, int]:
    """Return a picture's width and height in pixels (of its PNG copy, for an SVG).

    Only the ratio matters to callers: pictures are scaled to fit their box.
    An SVG's ratio is resvg's own (from width, height, viewBox or, with none
    of them, the drawing), so the PNG copy and the box always agree.
    """
    path = Path(path)
    from PIL import Image
    if is_svg(path):
        import io
        with Image.open(io.BytesIO(svg_png(path))) as im:
            return im.size
    with Image.open(path) as im:
        return im.size


def svg_png(path: Path | str) -> bytes:
    """Return an SVG drawn as PNG bytes, its longest side :data:`DECK_PIXELS` pixels.

    Drawn once per file (and modification time) in a process: the deck, the
    preview and the handout of one build share the drawing.
    """
    path = Path(path).resolve()
    return _render(str(path), path.stat().st_mtime_ns, DECK_PIXELS)


def png_source(path: Path | str):
    """Return what an image reader can open: a raster's path, or an SVG's PNG copy as a stream."""
    import io
    if is_svg(path):
        return io.BytesIO(svg_png(path))
    return str(path)


@lru_cache(maxsize=32)
def _render(path: str, mtime_ns: int, longest: int) -> bytes:
    # given both, resvg fits the drawing inside longest × longest, keeping
    # its ratio: a very tall or wide SVG never asks for a huge canvas
    return _draw(path, width=longest, height=longest)


def _draw(path: str, **side) -> bytes:
    import resvg_py

    fonts = sorted(str(p) for p in FONT_DIR.glob("*.ttf"))
    family = "Liberation Sans"   # Arial's metrics, for every generic family
    try:
        # only the shipped fonts: the same PNG on every machine
        return resvg_py.svg_to_bytes(
            svg_path=path, skip_system_fonts=True, font_files=fonts, font_family=family,
            serif_family=family, sans_serif_family=family, monospace_family=family,
            cursive_family=family, fantasy_family=family, dpi=96,
            resources_dir=str(Path(path).parent), **side)
    except (ValueError, OSError) as exc:
        raise SvgError(f"which cannot be drawn ({exc})") from None


def drawing_png(svg: str, width_px: int) -> bytes:
    """Return an SVG deckgen drew itself (a handout chart) as PNG bytes ``width_px`` wide.

    Drawn by resvg with the shipped fonts only, as the pictures above, so the
    Word handout's chart is the same picture on every machine.
    """
    import resvg_py

    fonts = sorted(str(p) for p in FONT_DIR.glob("*.ttf"))
    family = "Liberation Sans"
    return bytes(resvg_py.svg_to_bytes(
        svg_string=svg, skip_system_fonts=True, font_files=fonts, font_family=family,
        sans_serif_family=family, width=width_px))
