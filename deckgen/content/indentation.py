"""Indentation mistakes in YAML, said in plain words.

When the YAML parser stops with "did not find expected key" or "mapping
values are not allowed here", the cause is nearly always a line indented one
step too far or too little. This module reads the lines above the one the
parser stopped at, works out which columns the open blocks expect there (the
keys of each mapping line up; the ``-`` of each list's items line up), and
says which line is off and where it would fit. It sees only text, never the
parser, so it is pure and cheap; it returns nothing when it cannot explain
the error, and the parser's own message is shown then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# "key:" at the start of a line's content: a plain key (not starting with a YAML
# indicator) or a quoted one, followed by a space or the end of the line.
_KEY = re.compile(r"""^(?P<key>[^\s#\-'"\[\]{},&*!|>%@`?][^#]*?|-[^\s#][^#]*?|"[^"]*"|'[^']*')"""
                  r"""\s*:(?:\s+(?P<value>.*))?$""")
_BLOCK_SCALAR = re.compile(r"^[|>][0-9+-]*$")
_COMMENT = re.compile(r"\s+#.*$")
#: The parser's messages that an indentation mistake causes.
PARSER_MESSAGES = ("did not find expected key", "mapping values are not allowed",
                   "did not find expected '-' indicator", "expected <block end>",
                   "could not find expected ':'")


@dataclass(frozen=True)
class Line:
    """One line of the file as the blocks see it."""

    no: int          # 1-based line number
    indent: int      # spaces before its first character
    kind: str        # "key", "item" (starts with '- '), "text", or "" (blank or comment)
    key: str = ""    # the key the line starts (after '- ' for an item)
    keycol: int = -1  # the column of that key
    value: str = ""  # what follows 'key:' (or '- ' for an item without a key), no comment


@dataclass(frozen=True)
class Level:
    """A column an open block expects: its keys (``key``) or its items' '-' (``dash``)."""

    col: int
    kind: str
    line: Line


def spaces(n: int) -> str:
    """Return ``1 space`` or ``4 spaces``."""
    return f"{n} space{'s' if n != 1 else ''}"


def read_line(no: int, text: str) -> Line:
    """Return how a line of YAML opens: a key, a list item, text, or nothing."""
    body = text.lstrip(" ")
    indent = len(text) - len(body)
    if not body.strip() or body.startswith("#"):
        return Line(no, indent, "")
    if body == "-" or body.startswith("- "):
        rest = body[1:].lstrip(" ")
        col = indent + (len(body) - len(rest))
        m = _KEY.match(_COMMENT.sub("", rest)) if rest else None
        if m:
            return Line(no, indent, "item", m.group("key").strip("'\""), col,
                        (m.group("value") or "").strip())
        return Line(no, indent, "item", value=_COMMENT.sub("", rest).strip())
    m = _KEY.match(_COMMENT.sub("", body))
    if m:
        return Line(no, indent, "key", m.group("key").strip("'\""), indent,
                    (m.group("value") or "").strip())
    return Line(no, indent, "text", value=body)


def read_lines(lines: list[str], upto: int) -> list[Line]:
    """Return lines 1..``upto`` read as :func:`read_line` does, block scalars as text."""
    out: list[Line] = []
    owner = -1          # the indentation a block scalar's text must exceed
    inside = -1         # the indentation of its first line of text, once known
    for no, text in enumerate(lines[:upto], start=1):
        line = read_line(no, text)
        if owner >= 0:
            if inside < 0 and line.kind and line.indent > owner:
                inside = line.indent
            if line.kind == "" or (inside >= 0 and line.indent >= inside):
                out.append(Line(no, line.indent, "text" if line.kind else "", value=text))
                continue
            owner = inside = -1
        if line.kind in ("key", "item") and _BLOCK_SCALAR.match(line.value):
            owner = line.indent
            line = Line(line.no, line.indent, line.kind, line.key, line.keycol, "|")
        out.append(line)
    return out


def open_levels(lines: list[Line], before: int) -> list[Level]:
    """Return the columns the blocks open above line ``before`` expect, deepest first."""
    shown = [ln for ln in lines[:before - 1] if ln.kind in ("key", "item")]
    if not shown:
        return []
    last = shown[-1]
    levels: list[Level] = []
    low = 10 ** 6
    for ln in reversed(shown):
        if ln is not last and ln.indent >= low:
            continue
        if ln.key and ln.keycol < low:
            levels.append(Level(ln.keycol, "key", ln))
        if ln.kind == "item":
            levels.append(Level(ln.indent, "dash", ln))
        low = ln.indent
        if low == 0:
            break
    return levels


def _where(level: Level) -> str:
    if level.kind == "key":
        return f"{spaces(level.col)}, lined up with '{level.line.key}' on line {level.line.no}"
    return f"{spaces(level.col)}, lined up with the list item on line {level.line.no}"


def _either_side(levels: list[Level], col: int, kind: str) -> list[Level]:
    # the nearest expected column deeper than ``col`` and the nearest shallower one
    cols = [lv for lv in levels if lv.kind == kind]
    deeper = [lv for lv in cols if lv.col > col]
    shallower = [lv for lv in cols if lv.col < col]
    out = []
    if deeper:
        out.append(min(deeper, key=lambda lv: lv.col))
    if shallower:
        out.append(max(shallower, key=lambda lv: lv.col))
    return out


def explain(lines: list[str], line_no: int) -> Optional[tuple[str, int, int]]:
    """Return (message, line, column) for an indentation mistake at ``line_no``, or None.

    ``lines`` are the file's lines; ``line_no`` is where the parser stopped
    (1-based). The column is 1-based, at the first character of the line.
    """
    if not 0 < line_no <= len(lines):
        return None
    read = read_lines(lines, line_no)
    lost = _lost_dash(read, line_no)
    if lost is not None:
        return lost
    here = read[-1]
    levels = open_levels(read, line_no)
    if here.kind not in ("key", "item") or not levels:
        return None
    c = here.indent
    top = levels[0]
    above = top.line
    name = f"'{here.key}'" if here.kind == "key" else "the list item"
    if here.kind == "key" and above.key and above.value and c > above.keycol:
        # a block of text ('|') ended above; plain text could go on, and be quoted
        more = ("" if above.value == "|" else f", or, if line {here.no} is more of the text "
                f"of '{above.key}', that whole text in quotes")
        return (f"line {here.no} is indented {spaces(c)}, further than '{above.key}' on line "
                f"{above.no} ({spaces(above.keycol)}), but '{above.key}' already has its value, "
                f"so nothing can go under it; allowed: '{here.key}' lined up with "
                f"'{above.key}' ({spaces(above.keycol)}){more}", here.no, c + 1)
    if here.kind == "key":
        if any(lv.kind == "key" and lv.col == c for lv in levels):
            return None
        fits = _either_side(levels, c, "key")
        if not fits:
            return None
        allowed = ", or ".join(_where(lv) for lv in fits)
        dash = next((lv for lv in levels if lv.kind == "dash" and lv.col == c), None)
        if dash is not None:
            return (f"line {here.no} ({name}) is lined up with the '-' of the list item on line "
                    f"{dash.line.no}, where only a new item ('- …') can start; allowed: "
                    f"{allowed}", here.no, c + 1)
        return (f"line {here.no} ({name}) is indented {spaces(c)}, which lines up with no key "
                f"above it (the keys of one block start in the same column); allowed: "
                f"{allowed}", here.no, c + 1)
    # a list item
    dashes = [lv for lv in levels if lv.kind == "dash"]
    if not dashes or any(lv.col == c for lv in dashes):
        return None
    sibling = dashes[0]
    if c < sibling.col:
        fits = _either_side(levels, c, "dash")
        allowed = ", or ".join(_where(lv) for lv in fits)
        return (f"line {here.no} is a list item indented {spaces(c)}, less than the item above "
                f"it on line {sibling.line.no} ({spaces(sibling.col)}), and the items of one list "
                f"start in the same column; allowed: {allowed}", here.no, c + 1)
    owner = next((lv for lv in levels if lv.kind == "key" and lv.col == c), None)
    if owner is not None and owner.line.value:
        return (f"line {here.no} is a list item lined up with '{owner.line.key}' on line "
                f"{owner.line.no}, which already has its value, so no list can start there; "
                f"allowed: {_where(sibling)}, for a new item of that list", here.no, c + 1)
    if owner is None and sibling.line.value:
        return (f"line {here.no} is a list item indented {spaces(c)}, further than the item "
                f"above it on line {sibling.line.no} ({spaces(sibling.col)}), and the items of "
                f"one list start in the same column; allowed: {_where(sibling)}",
                here.no, c + 1)
    return None


def _lost_dash(read: list[Line], line_no: int) -> Optional[tuple[str, int, int]]:
    # a line of text where a list's items start: an item whose '- ' was left out
    shown = [ln for ln in read[:line_no - 1] if ln.kind]
    text = shown[-1] if shown else None
    if text is None or text.kind != "text":
        return None
    item = next((lv for lv in open_levels(read, text.no)
                 if lv.kind == "dash" and lv.col == text.indent), None)
    if item is None:
        return None
    more = item.line.keycol if item.line.key else item.col + 2
    return (f"line {text.no} is text lined up with the list item on line {item.line.no}, "
            f"but has no '- '; allowed: '- ' before it to make it an item of that list, or "
            f"{spaces(more)} to make it more of the text of the item on line {item.line.no}",
            text.no, text.indent + 1)


def tab_advice(lines: list[str], line_no: int) -> str:
    """Return how many spaces a tab-indented line wants, from the line above it, or ''."""
    read = [ln for ln in read_lines(lines, line_no - 1) if ln.kind in ("key", "item")]
    if not read:
        return ""
    above = read[-1]
    col = above.keycol if above.key else above.indent
    if above.key and not above.value:
        return (f"{spaces(col + 2)} here to go under '{above.key}' on line {above.no}")
    if above.key and col == 0:
        return f"no indentation here, to line up with '{above.key}' on line {above.no}"
    if above.key:
        return f"{spaces(col)} here to line up with '{above.key}' on line {above.no}"
    return f"{spaces(above.indent)} here to line up with the list item on line {above.no}"
