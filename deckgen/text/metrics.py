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
