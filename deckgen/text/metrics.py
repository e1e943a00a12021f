"""Advance widths and vertical metrics read straight from a TrueType/OpenType file.

Measuring text needs four tables of a font file: ``head`` (units per em),
``hhea`` (ascent, descent, line gap), ``hmtx`` (advance widths by glyph) and
``cmap`` (character to glyph). fontTools reads them too, but it first builds
a name for every glyph and decodes each table into Python objects, which cost
about 50 ms per deck build for the five faces a deck uses — more than the
measuring itself. This module reads the four tables with :mod:`struct` and
:mod:`array` and gives the same widths as fontTools' ``getBestCmap`` and
``hmtx`` (tests/test_ttfmetrics.py checks every shipped face against it).

Only what deckgen needs is read: the best Unicode subtable in fontTools'
order of preference, in format 4, 6 or 12 (every common font has one of
these). Anything else raises :class:`UnsupportedFont`, and the caller falls
back to fontTools.
"""

from __future__ import annotations

import struct
import sys
from array import array
from pathlib import Path

# fontTools' getBestCmap order: (platform, encoding)
_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


class UnsupportedFont(ValueError):
    """The file is not one this reader handles (a collection, an unusual cmap)."""


def _u16(data: bytes) -> array:
    a = array("H")
    a.frombytes(data)
    if sys.byteorder == "little":
        a.byteswap()
    return a


def _tables(data: bytes) -> dict[bytes, memoryview]:
    if data[:4] == b"ttcf":
        raise UnsupportedFont("a font collection (.ttc)")
    if len(data) < 12:
        raise UnsupportedFont("too short for a font file")
    (count,) = struct.unpack_from(">H", data, 4)
    view = memoryview(data)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        out[tag] = view[offset:offset + length]
    for need in (b"head", b"hhea", b"hmtx", b"cmap"):
        if need not in out:
            raise UnsupportedFont(f"no '{need.decode()}' table")
    return out


def _cmap(table: memoryview) -> dict[int, int]:
    """Return codepoint -> glyph id from the best Unicode subtable."""
    _, count = struct.unpack_from(">HH", table, 0)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * i)
        subtables.setdefault((platform, encoding), offset)
    for key in _PREFERENCES:
        if key in subtables:
            offset = subtables[key]
            break
    else:
        raise UnsupportedFont("no Unicode cmap subtable")
    (fmt,) = struct.unpack_from(">H", table, offset)
    if fmt == 4:
        return _format4(table, offset)
    if fmt == 12:
        return _format12(table, offset)
    if fmt == 6:
        _, length, _, first, n = struct.unpack_from(">HHHHH", table, offset)
        gids = _u16(table[offset + 10:offset + 10 + 2 * n])
        return {c: g for c, g in zip(range(first, first + n), gids) if g}
    raise UnsupportedFont(f"a format {fmt} cmap")


def _format4(table: memoryview, offset: int) -> dict[int, int]:
    _, length, _, seg_x2 = struct.unpack_from(">HHHH", table, offset)
    n = seg_x2 // 2
    base = offset + 14
    end = _u16(table[base:base + seg_x2])
    start = _u16(table[base + seg_x2 + 2:base + 2 * seg_x2 + 2])
    delta = _u16(table[base + 2 * seg_x2 + 2:base + 3 * seg_x2 + 2])
    range_off = _u16(table[base + 3 * seg_x2 + 2:base + 4 * seg_x2 + 2])
    glyph_ids = _u16(table[base + 4 * seg_x2 + 2:offset + length])
    out: dict[int, int] = {}
    # as fontTools: the last segment (the 0xFFFF terminator) is skipped; a
    # character mapped to glyph 0 (missing) is left out, and a later segment
    # overrides an earlier one
    for i in range(n - 1):
        s, e, d, ro = start[i], end[i], delta[i], range_off[i]
        if ro == 0:
            out.update((c, g) for c in range(s, e + 1) if (g := (c + d) & 0xFFFF))
        else:
            partial = ro // 2 - s + i - n
            for c in range(s, e + 1):
                k = c + partial
                if not 0 <= k < len(glyph_ids):
                    raise UnsupportedFont("a cmap segment points outside its glyph array")
                g = glyph_ids[k]
                if g and (g := (g + d) & 0xFFFF):
                    out[c] = g
    return out


def _format12(table: memoryview, offset: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">L", table, offset + 12)
    out: dict[int, int] = {}
    for k in range(groups):
        s, e, g = struct.unpack_from(">LLL", table, offset + 16 + 12 * k)
        out.update((c, gid) for c, gid in zip(range(s, e + 1), range(g, g + e - s + 1)) if gid)
    return out


def read_metrics(path: Path | str) -> tuple[dict, float, float, float]:
    """Return (codepoint -> advance width in em, ascent, descent, line gap) of a font file.

    Descent is positive. Raises :class:`UnsupportedFont` for files this
    reader does not handle and ``OSError`` when the file cannot be read.
    """
    data = Path(path).read_bytes()
    t = _tables(data)
    (upm,) = struct.unpack_from(">H", t[b"head"], 18)
    ascent, descent, line_gap = struct.unpack_from(">hhh", t[b"hhea"], 4)
    (n_metrics,) = struct.unpack_from(">H", t[b"hhea"], 34)
    if not upm or not n_metrics:
        raise UnsupportedFont("no units per em or no horizontal metrics")
    # hmtx: n_metrics (advance, left side bearing) pairs; glyphs after the last
    # pair share its advance
    advances = _u16(t[b"hmtx"][:4 * n_metrics])[0::2]
    last = advances[-1]
    per_glyph: dict[int, float] = {}
    widths = {}
    for cp, gid in _cmap(t[b"cmap"]).items():
        w = per_glyph.get(gid)
        if w is None:
            w = per_glyph[gid] = (advances[gid] if gid < n_metrics else last) / upm
        widths[cp] = w
    return widths, ascent / upm, -descent / upm, line_gap / upm


# -- pair kerning --------------------------------------------------------------------------------
#
# LibreOffice kerns every pptx's text (it ignores a run's ``kern`` attribute) and PowerPoint
# kerns text of 12 pt and more under python-pptx's default text style, so a line measured
# without kerning is wider than either program sets it, and breaks where they do not.
# The pairs come from the GPOS 'kern' feature (pair adjustment, formats 1 and 2, also inside
# extension lookups), or, for a font without one, the legacy 'kern' table (format 0), as
# HarfBuzz reads them.

def _coverage(t: memoryview, off: int) -> dict[int, int]:
    """Return glyph -> coverage index of a Coverage table."""
    fmt, n = struct.unpack_from(">HH", t, off)
    if fmt == 1:
        return {g: i for i, g in enumerate(_u16(t[off + 4:off + 4 + 2 * n]))}
    out = {}
    for k in range(n):
        start, end, first = struct.unpack_from(">HHH", t, off + 4 + 6 * k)
        out.update((g, first + g - start) for g in range(start, end + 1))
    return out


def _classes(t: memoryview, off: int) -> dict[int, int]:
    """Return glyph -> class of a ClassDef table (glyphs not listed are class 0)."""
    (fmt,) = struct.unpack_from(">H", t, off)
    if fmt == 1:
        start, n = struct.unpack_from(">HH", t, off + 2)
        return {start + i: c for i, c in enumerate(_u16(t[off + 6:off + 6 + 2 * n])) if c}
    (n,) = struct.unpack_from(">H", t, off + 2)
    out = {}
    for k in range(n):
        start, end, cls = struct.unpack_from(">HHH", t, off + 4 + 6 * k)
        if cls:
            out.update((g, cls) for g in range(start, end + 1))
    return out


def _x_advance(fmt: int) -> tuple[int, int]:
    """Return (byte offset of XAdvance inside a ValueRecord or -1, the record's size)."""
    size = 2 * bin(fmt & 0xFF).count("1")
    if not fmt & 0x4:
        return -1, size
    return 2 * bin(fmt & 0x3).count("1"), size


class PairSubtable:
    """One PairPos subtable: the x advance adjustment of a glyph pair, in font units."""

    def __init__(self, t: memoryview, off: int) -> None:
        fmt, cov, vf1, vf2 = struct.unpack_from(">HHHH", t, off)
        self.t, self.off, self.fmt = t, off, fmt
        self.cover = _coverage(t, off + cov)
        self.x1, self.size1 = _x_advance(vf1)
        _, self.size2 = _x_advance(vf2)
        if fmt == 1:
            (n,) = struct.unpack_from(">H", t, off + 8)
            self.sets = _u16(t[off + 10:off + 10 + 2 * n])
            self._set_cache: dict[int, dict[int, int]] = {}
        elif fmt == 2:
            cd1, cd2, self.n1, self.n2 = struct.unpack_from(">HHHH", t, off + 8)
            self.cls1, self.cls2 = _classes(t, off + cd1), _classes(t, off + cd2)
        else:
            raise UnsupportedFont(f"a format {fmt} pair adjustment")

    def covers(self, g1: int) -> bool:
        return g1 in self.cover

    def value(self, g1: int, g2: int) -> int | None:
        """The adjustment, 0 when the subtable has the pair's glyphs but no value, None
        when a format 1 subtable does not list the pair (the next subtable is tried)."""
        if self.x1 < 0:
            return 0
        if self.fmt == 1:
            pairs = self._set_cache.get(g1)
            if pairs is None:
                pairs = self._set_cache[g1] = self._pair_set(self.sets[self.cover[g1]])
            return pairs.get(g2)
        c1, c2 = self.cls1.get(g1, 0), self.cls2.get(g2, 0)
        if c1 >= self.n1 or c2 >= self.n2:
            return 0
        rec = self.off + 16 + (c1 * self.n2 + c2) * (self.size1 + self.size2)
        (v,) = struct.unpack_from(">h", self.t, rec + self.x1)
        return v

    def _pair_set(self, rel: int) -> dict[int, int]:
        base = self.off + rel
        (n,) = struct.unpack_from(">H", self.t, base)
        step = 2 + self.size1 + self.size2
        out = {}
        for k in range(n):
            rec = base + 2 + k * step
            (g2,) = struct.unpack_from(">H", self.t, rec)
            (out[g2],) = struct.unpack_from(">h", self.t, rec + 2 + self.x1)
        return out


def _gpos_kern(t: memoryview) -> list[list[PairSubtable]]:
    """Return the pair subtables of every lookup of the GPOS 'kern' feature, in order."""
    _, _, _, features, lookups = struct.unpack_from(">HHHHH", t, 0)
    (nf,) = struct.unpack_from(">H", t, features)
    wanted: set[int] = set()
    for i in range(nf):
        tag, off = struct.unpack_from(">4sH", t, features + 2 + 6 * i)
        if tag == b"kern":
            (n,) = struct.unpack_from(">H", t, features + off + 2)
            wanted.update(_u16(t[features + off + 4:features + off + 4 + 2 * n]))
    (nl,) = struct.unpack_from(">H", t, lookups)
    out = []
    for index in sorted(wanted):
        if index >= nl:
            continue
        (loff,) = struct.unpack_from(">H", t, lookups + 2 + 2 * index)
        base = lookups + loff
        kind, _, ns = struct.unpack_from(">HHH", t, base)
        subs = []
        for k in range(ns):
            (soff,) = struct.unpack_from(">H", t, base + 6 + 2 * k)
            at, sub_kind = base + soff, kind
            if kind == 9:                        # an extension: the real subtable is further on
                _, sub_kind, ext = struct.unpack_from(">HHL", t, at)
                at += ext
            if sub_kind == 2:
                subs.append(PairSubtable(t, at))
        if subs:
            out.append(subs)
    return out


def _kern_table(t: memoryview) -> dict[tuple[int, int], int]:
    """Return the pairs of a legacy 'kern' table's horizontal format 0 subtables."""
    version, n = struct.unpack_from(">HH", t, 0)
    if version != 0:
        return {}
    pairs: dict[tuple[int, int], int] = {}
    at = 4
    for _ in range(n):
        _, length, coverage = struct.unpack_from(">HHH", t, at)
        if coverage >> 8 == 0 and coverage & 1:      # format 0, horizontal
            (count,) = struct.unpack_from(">H", t, at + 6)
            for k in range(count):
                left, right, value = struct.unpack_from(">HHh", t, at + 14 + 6 * k)
                pairs[(left, right)] = pairs.get((left, right), 0) + value
        at += length
    return pairs


class Kerning:
    """Pair kerning of one font file by character: ``pair("A", "V")`` in em."""

    def __init__(self, path: Path | str) -> None:
        data = Path(path).read_bytes()
        t = _tables(data)
        (self.upm,) = struct.unpack_from(">H", t[b"head"], 18)
        self.glyph = _cmap(t[b"cmap"])
        self.lookups: list[list[PairSubtable]] = []
        self.legacy: dict[tuple[int, int], int] = {}
        if b"GPOS" in t:
            self.lookups = _gpos_kern(t[b"GPOS"])
        if not self.lookups and b"kern" in t:
            self.legacy = _kern_table(t[b"kern"])
        self._cache: dict[tuple[str, str], float] = {}

    def __bool__(self) -> bool:
        return bool(self.lookups or self.legacy)

    def pair(self, a: str, b: str) -> float:
        key = (a, b)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._units(a, b) / self.upm
        return hit

    def _units(self, a: str, b: str) -> int:
        g1, g2 = self.glyph.get(ord(a)), self.glyph.get(ord(b))
        if g1 is None or g2 is None:
            return 0
        if self.legacy:
            return self.legacy.get((g1, g2), 0)
        total = 0
        for subs in self.lookups:
            for sub in subs:
                if sub.covers(g1):
                    v = sub.value(g1, g2)
                    if v is not None:
                        total += v
                        break
        return total
