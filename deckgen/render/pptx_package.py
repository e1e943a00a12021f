"""Adding slides and parts to a python-pptx package in constant time.

python-pptx finds the name of each new part (a notes slide, a chart, the
workbook behind it, an image) by walking every part of the package and
collecting the names in use (``OpcPackage.next_partname``,
``Package.next_image_partname``); it looks for an image it already holds by
walking every relationship (``_ImageParts._find_by_sha1``); and it links each
new slide to the presentation after regrouping all of the presentation's
relationships by type (``_Relationships.get_or_add``) and reading every slide
id (``CT_SlideIdList._next_id``). Each of those costs time in proportion to
the deck built so far, so building a deck took time in proportion to the
*square* of its slide count: 2,000 slides took six times longer per slide
than 500.

:class:`FastPackage` does that bookkeeping once. It reads the names, images
and slide ids in use when it is made and keeps them up to date as parts are
added, and it is installed on *one* presentation object only: it sets
instance attributes on that presentation's package, which shadow the
package's methods for that object alone. python-pptx's classes are not
patched, so any other presentation in the process (a test, a template being
read) behaves exactly as before. The names, relationship ids and slide ids it
chooses are the ones python-pptx would choose, so the file written is byte
for byte the same (``tests/test_pptx_fast.py`` checks this).

If python-pptx's internals ever change shape, :func:`speed_up` returns
``None`` and the writer uses python-pptx's own (slower) calls.
"""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI

_MAX_SLIDE_ID = 2147483647


class FastPackage:
    """Constant-time part naming, image reuse and slide adding for one presentation."""

    def __init__(self, prs) -> None:
        from pptx.parts.image import ImagePart
        self.prs = prs
        self.part = prs.part
        self.package = prs.part.package
        self.names: set[str] = set()
        self.by_prefix: dict[str, set[str]] = {}
        self.image_idxs: list[int] = []
        self.images: dict[str, object] = {}          # sha1 -> ImagePart
        self.image_files: dict[str, object] = {}     # path -> ImagePart
        for part in self.package.iter_parts():
            name = str(part.partname)
            self.names.add(name)
            if name.startswith("/ppt/media/image") and part.partname.idx is not None:
                self.image_idxs.append(part.partname.idx)
            if isinstance(part, ImagePart):
                try:
                    self.images.setdefault(part.sha1, part)
                except Exception:   # an image type python-pptx cannot hash (SVG)
                    pass
        self.layout_phs: dict = {}       # layout part name -> its cloneable placeholders
        self.notes_xml = None            # a new notes slide as python-pptx makes it
        self.sld_id_lst = self.part._element.get_or_add_sldIdLst()
        ids = [int(s) for s in self.sld_id_lst.xpath("./p:sldId/@id")]
        self.max_sld_id = max([255] + ids)
        # shadow the package's look-ups on this object only
        self.package.next_partname = self.next_partname
        self.package.next_image_partname = self.next_image_partname
        self.package.get_or_add_image_part = self.get_or_add_image_part

    # -- part names ---------------------------------------------------------------------------
    def _claim(self, name: str) -> PackURI:
        self.names.add(name)
        for prefix, names in self.by_prefix.items():
            if name.startswith(prefix):
                names.add(name)
        return PackURI(name)

    def next_partname(self, tmpl: str) -> PackURI:
        """Return the next free part name for ``tmpl`` (``/ppt/charts/chart%d.xml``).

        The same choice as python-pptx's: counting down from one more than the
        number of names in use with the template's prefix, the first one free.
        """
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = self.by_prefix.get(prefix)
        if used is None:
            used = self.by_prefix[prefix] = {n for n in self.names if n.startswith(prefix)}
        for n in range(len(used) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in used:
                return self._claim(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")   # pragma: no cover

    def next_image_partname(self, ext: str) -> PackURI:
        """Return the next image part name: the first gap in the numbers in use, as python-pptx."""
        idxs = sorted(self.image_idxs)
        idx = len(idxs) + 1
        for i, used in enumerate(idxs):
            if i + 1 < used:
                idx = i + 1
                break
        self.image_idxs.append(idx)
        return self._claim(f"/ppt/media/image{idx}.{ext}")

    def get_or_add_image_part(self, image_file):
        """Return the image part holding ``image_file``, adding it unless already there."""
        from pptx.parts.image import Image, ImagePart
        key = image_file if isinstance(image_file, str) else None
        if key is not None and key in self.image_files:
            return self.image_files[key]
        image = Image.from_file(image_file)
        part = self.images.get(image.sha1)
        if part is None:
            part = self.images[image.sha1] = ImagePart.new(self.package, image)
        if key is not None:
            self.image_files[key] = part
        return part

    # -- slides -------------------------------------------------------------------------------
    def add_slide(self, layout, keep=None):
        """Return a new slide on ``layout``, as ``prs.slides.add_slide`` does.

        With ``keep`` (a test on a layout placeholder's element), only the
        placeholders it accepts are copied onto the slide; ids and names are
        the ones they would have had, had the others been copied and then
        deleted. (Copying a placeholder costs more than most shapes.)
        """
        from pptx.parts.slide import SlidePart
        if self.max_sld_id >= _MAX_SLIDE_ID:
            slide = self.prs.slides.add_slide(layout)   # python-pptx then searches for a gap
            if keep is not None:
                for el in list(slide.shapes._spTree.iter_ph_elms()):
                    if not keep(el):
                        el.getparent().remove(el)
            return slide
        partname = PackURI("/ppt/slides/slide%d.xml" % (len(self.sld_id_lst) + 1))
        slide_part = SlidePart.new(partname, self.package, layout.part)
        # a new part has no relationship yet: add one without looking for it first
        rid = self.part.rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        shapes = slide.shapes
        if keep is None:
            shapes.clone_layout_placeholders(layout)
        else:
            first = shapes._next_shape_id
            for k, sp in self._cloneable(layout):
                if keep(sp):
                    sp_id = first + k
                    name = shapes._next_ph_name(sp.ph_type, sp_id, sp.ph_orient)
                    shapes._spTree.add_placeholder(sp_id, name, sp.ph_type, sp.ph_orient,
                                                   sp.ph_sz, sp.ph_idx)
        self.max_sld_id += 1
        self.sld_id_lst._add_sldId(id=self.max_sld_id, rId=rid)
        return slide

    def _cloneable(self, layout) -> list:
        key = str(layout.part.partname)
        if key not in self.layout_phs:
            self.layout_phs[key] = list(enumerate(ph.element for ph in
                                                  layout.iter_cloneable_placeholders()))
        return self.layout_phs[key]

    def set_notes(self, slide, text: str) -> None:
        """Give a new slide speaker notes, as ``slide.notes_slide.notes_text_frame.text``.

        python-pptx builds each notes page by copying the notes master's
        placeholders one by one; the result is the same for every slide, so
        the first one is kept and later ones are copies of it.
        """
        from copy import deepcopy

        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.parts.slide import NotesSlidePart
        if self.notes_xml is None:
            notes = slide.notes_slide
            self.notes_xml = deepcopy(notes._element)
            notes.notes_text_frame.text = text
            return
        slide_part = slide.part
        part = NotesSlidePart(self.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                              CT.PML_NOTES_SLIDE, self.package, deepcopy(self.notes_xml))
        # the same relationships, in the same order, as NotesSlidePart.new
        part.relate_to(self.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        part.notes_slide.notes_text_frame.text = text


    # -- memory ----------------------------------------------------------------------------
    def freeze(self, slide) -> None:
        """Keep a finished slide (and its notes and charts) as XML bytes, not as a tree.

        A slide's lxml tree and python-pptx's objects on it take about ten
        times the memory of its XML, so a 2,000-slide deck held as trees
        passed 250 MB. The bytes are what saving would write anyway
        (python-pptx's own serialiser), so the file does not change; and a
        frozen part that is read again parses its bytes back on first use.
        """
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT_
        part = slide.part
        parts = [part]
        for rel in part.rels.values():
            if not rel.is_external and rel.reltype in (RT_.NOTES_SLIDE, RT_.CHART):
                parts.append(rel.target_part)
        for p in parts:
            _freeze(p)


class _Frozen:
    """Mixed into a part class: the XML is kept serialised until someone reads it."""

    @property
    def blob(self) -> bytes:
        return self.__dict__["_frozen_xml"]

    def __getattr__(self, name: str):
        # only called for attributes the instance lacks: the tree (and the
        # proxies python-pptx builds on it) come back from the bytes
        if name == "_element" and "_frozen_xml" in self.__dict__:
            from pptx.oxml import parse_xml
            self.__class__ = self.__class__.__bases__[1]
            self._element = parse_xml(self.__dict__.pop("_frozen_xml"))
            return self._element
        raise AttributeError(name)


_FROZEN_CLASSES: dict = {}


def _freeze(part) -> None:
    from pptx.opc.oxml import serialize_part_xml
    if "_frozen_xml" in part.__dict__ or "_element" not in part.__dict__:
        return
    cls = type(part)
    frozen = _FROZEN_CLASSES.get(cls)
    if frozen is None:
        frozen = _FROZEN_CLASSES[cls] = type("Frozen" + cls.__name__, (_Frozen, cls), {})
    part.__dict__["_frozen_xml"] = serialize_part_xml(part._element)
    # the tree and every cached proxy on it (slide, notes_slide, chart, ...) go;
    # the relationships and the name stay
    for key in [k for k in part.__dict__ if k not in ("_frozen_xml", "_partname",
                                                      "_content_type", "_package", "_blob",
                                                      "_rels", "rels")]:
        del part.__dict__[key]
    part.__class__ = frozen


def package_entries(prs) -> dict:
    """Return every file of the package (name -> bytes), as ``prs.save`` would zip them.

    The same content-types stream, relationships and parts that python-pptx's
    ``PackageWriter`` writes, for a caller that zips them itself
    (:func:`deckgen.repro.zip_entries` writes them reproducibly, compressing
    once instead of twice).
    """
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from pptx.opc.serialized import _ContentTypesItem
    package = prs.part.package
    parts = tuple(package.iter_parts())
    out = {CONTENT_TYPES_URI.membername: serialize_part_xml(_ContentTypesItem.xml_for(parts)),
           PACKAGE_URI.rels_uri.membername: package._rels.xml}
    for part in parts:
        out[part.partname.membername] = part.blob
        if part._rels:
            out[part.partname.rels_uri.membername] = part.rels.xml
    return out


def speed_up(prs) -> FastPackage | None:
    """Install constant-time bookkeeping on ``prs``; return it, or None if python-pptx differs."""
    try:
        rels = prs.part.rels
        if not (hasattr(rels, "_add_relationship") and hasattr(prs.part, "_element")):
            return None
        return FastPackage(prs)
    except (AttributeError, TypeError, ImportError):
        return None
