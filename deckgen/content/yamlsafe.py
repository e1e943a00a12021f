"""Hardened YAML reading: a located node tree, built without recursion.

YAML in a content file is untrusted input. This module

* caps the file size and the nesting depth *before* any recursion happens
  (the tree is built from PyYAML's event stream with an explicit stack);
* rejects anchors, aliases, explicit tags, duplicate keys, tabs in
  indentation, several documents and characters YAML cannot carry;
* resolves no scalar types: a scalar keeps the exact text written, so
  YAML 1.1 surprises (``NO`` -> false, ``12:30`` -> 750) never happen. The
  schema decides what a scalar means for the key it belongs to.

Every problem is collected as a located :class:`ContentError`; all of them
are raised together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from deckgen.content.indentation import PARSER_MESSAGES, explain, tab_advice
from deckgen.errors import ContentError, ErrorList, Loc

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters YAML 1.1 allows in a stream (everything else is refused by the
# reader with a character offset, not a line, so we find them first).
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NULLS = {"", "~", "null", "Null", "NULL"}
#: What an escape in double quotes ("\0", "\x07", "\uFFFE") can put in a value that no
#: output can hold (XML 1.0 refuses them): reported, never dropped without a word.
_ESCAPED_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Node:
    """One YAML node with its place in the file.

    ``kind`` is ``map``, ``seq`` or ``scalar``. A map's ``items`` is a list of
    (key node, value node) pairs in file order; a sequence's is a list of
    nodes; a scalar has ``text`` exactly as written and ``plain`` when it was
    not quoted; ``flow`` marks a map or list written in brackets.
    """

    kind: str
    loc: Loc
    text: str = ""
    plain: bool = True
    items: list = field(default_factory=list)
    flow: bool = False      # a map or list written in brackets ({a: b}, [a, b])

    @property
    def is_null(self) -> bool:
        """True for an empty value or ``~``/``null`` written unquoted."""
        return self.kind == "scalar" and self.plain and self.text in _NULLS

    def describe(self) -> str:
        """Return how a user would name what they wrote here."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        if self.is_null:
            return "nothing"
        shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"'{shown}'"

    def get(self, key: str) -> "Node | None":
        """Return the value node for ``key`` in a map, or None."""
        for k, v in self.items:
            if k.text == key:
                return v
        return None


def _loc(file: str, mark) -> Loc:
    return Loc(file, mark.line + 1, mark.column + 1)


def _scan_text(text: str, file: str) -> list[ContentError]:
    """Find tabs in indentation and characters YAML refuses, with places."""
    errors: list[ContentError] = []
    lines = text.split("\n")
    for n, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab >= 0:
            advice = tab_advice(lines, n)
            errors.append(ContentError(
                "found a tab character in the indentation; allowed: spaces only "
                "(YAML does not allow tabs for indentation" +
                (f"; put {advice})" if advice else ")"),
                Loc(file, n, tab + 1)))
        for m in _BAD_CHAR.finditer(line):
            errors.append(ContentError(
                f"found the control character U+{ord(m.group()):04X}; allowed: "
                "printable text (remove it)",
                Loc(file, n, m.start() + 1)))
        if len(errors) > 50:
            break
    return errors


def _flow_depth(text: str, file: str) -> list[ContentError]:
    """Find flow brackets nested deeper than MAX_DEPTH, before any parser runs.

    libyaml scans a whole run of ``[[[[`` before it emits the first event (and
    stops at 1,000 levels with an unhelpful message), so the cap is checked
    on the text itself. Quoted text and comments are skipped.
    """
    depth = 0
    quote = ""
    line, col = 1, 0
    prev = "\n"
    in_comment = False
    for ch in text:
        col += 1
        if ch == "\n":
            line, col, in_comment = line + 1, 0, False
            prev = ch
            continue
        if in_comment:
            continue
        if quote:
            if ch == quote and not (quote == '"' and prev == "\\"):
                quote = ""
        elif ch in "'\"" and prev in " \t[{,:\n":
            quote = ch
        elif ch == "#" and prev in " \t\n":
            in_comment = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return [ContentError(f"nesting is deeper than {MAX_DEPTH} levels; allowed: at "
                                     f"most {MAX_DEPTH}", Loc(file, line, col))]
        elif ch in "]}":
            depth = max(depth - 1, 0)
        prev = ch
    return []


def read_yaml(path: Path | str, display: str | None = None) -> Node:
    """Read a YAML file into a located :class:`Node` tree.

    Returns the document's root node (an empty map for an empty file).
    Raises :class:`ErrorList` listing every problem found.
    """
    path = Path(path)
    file = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ErrorList([ContentError("file not found", Loc(file))]) from None
    except IsADirectoryError:
        raise ErrorList([ContentError("is a folder, not a file", Loc(file))]) from None
    except OSError as exc:
        raise ErrorList([ContentError(f"cannot be read: {exc.strerror}", Loc(file))]) from None
    if len(raw) > MAX_BYTES:
        raise ErrorList([ContentError(
            f"file is {len(raw):,} bytes; allowed: at most {MAX_BYTES:,} bytes", Loc(file))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ErrorList([ContentError(
            "found bytes that are not UTF-8; allowed: UTF-8 text (save the file as UTF-8)",
            Loc(file, line, col))]) from None
    return parse_yaml(text, file)


def parse_yaml(text: str, file: str = "<string>") -> Node:
    """Parse YAML text into a located :class:`Node` tree (see :func:`read_yaml`)."""
    errors = _scan_text(text, file) or _flow_depth(text, file)
    if errors:
        raise ErrorList(errors)
    try:
        root = _build(yaml.parse(text, Loader=_Loader), file, errors)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "is not valid YAML"
        loc = _loc(file, mark) if mark else Loc(file)
        # YAML also breaks lines at \r, NEL and the Unicode separators
        lines = re.split("\r\n|[\n\r\x85\u2028\u2029]", text)
        line = lines[loc.line - 1] if 0 < loc.line <= len(lines) else ""
        plain = explain(lines, loc.line) if problem.startswith(PARSER_MESSAGES) else None
        if plain is not None:
            # an indentation mistake, said as such (the parser's words name its grammar)
            message, n, col = plain
            errors.append(ContentError(message, Loc(file, n, col)))
        else:
            errors.append(ContentError(f"YAML syntax error: {problem}", loc,
                                       hint=_syntax_hint(line)))
        raise ErrorList(errors) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are pre-scanned
        errors.append(ContentError(f"YAML error: {exc}", Loc(file)))
        raise ErrorList(errors) from None
    if errors:
        raise ErrorList(errors)
    return root


_NEEDS_QUOTES = re.compile(r"(?:^|:\s|-\s)\s*[*\[{&!@`%|>]|:\s.*:\s")


def _syntax_hint(line: str) -> str:
    """Return advice for the usual cause of a syntax error on this line."""
    if _NEEDS_QUOTES.search(line.split(" #")[0]):
        return ("text that starts with * [ { & ! or contains ': ' must be in quotes, "
                'e.g. title: "*Italic* at the start"')
    return ""


def _build(events: Iterator, file: str, errors: list) -> Node:
    """Turn a YAML event stream into nodes with an explicit stack."""
    stack: list[Node] = []
    pending_key: list = []   # per open map: the key node waiting for its value
    seen: list[dict] = []    # per open map: key text -> first Loc
    root: Node | None = None
    docs = 0
    count = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
            return
        if pending_key[-1] is None:
            if node.kind != "scalar":
                errors.append(ContentError(
                    f"found {node.describe()} used as a key; allowed: a plain name", node.loc))
                node = Node("scalar", node.loc, text="?")
            first = seen[-1].get(node.text)
            if first is not None:
                errors.append(ContentError(
                    f"duplicate key '{node.text}'; allowed: each key once per mapping "
                    f"(first given at line {first.line})", node.loc))
            else:
                seen[-1][node.text] = node.loc
            pending_key[-1] = node
        else:
            key = pending_key[-1]
            pending_key[-1] = None
            if seen[-1].get(key.text) is key.loc:
                parent.items.append((key, node))

    for ev in events:
        count += 1
        if count > MAX_NODES:
            errors.append(ContentError(
                f"more than {MAX_NODES:,} YAML nodes; allowed: a smaller file", Loc(file)))
            raise ErrorList(errors)
        if isinstance(ev, yaml.DocumentStartEvent):
            docs += 1
            if docs > 1:
                errors.append(ContentError(
                    "found a second YAML document ('---'); allowed: one document per file",
                    _loc(file, ev.start_mark)))
                break
            continue
        if isinstance(ev, yaml.AliasEvent):
            errors.append(ContentError(
                f"found the alias '*{ev.anchor}'; allowed: no anchors or aliases "
                "(write the value out; text that starts with '*' must be in quotes)",
                _loc(file, ev.start_mark)))
            attach(Node("scalar", _loc(file, ev.start_mark), text="", plain=True))
            continue
        if isinstance(ev, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            loc = _loc(file, ev.start_mark)
            if ev.anchor is not None:
                errors.append(ContentError(
                    f"found the anchor '&{ev.anchor}'; allowed: no anchors or aliases",
                    loc))
            tag = getattr(ev, "tag", None)
            implicit = getattr(ev, "implicit", True)
            explicit_tag = tag is not None and tag != "!" and not (
                isinstance(implicit, tuple) and any(implicit)) and implicit is not True
            if explicit_tag:
                errors.append(ContentError(
                    f"found the tag '{tag}'; allowed: no YAML tags", loc))
            if isinstance(ev, yaml.ScalarEvent):
                bad = _ESCAPED_BAD.search(ev.value)
                if bad:
                    errors.append(ContentError(
                        f"found the character U+{ord(bad.group()):04X}, written as an escape; "
                        "allowed: printable text (slides, handouts and workbooks cannot hold "
                        "it; remove the escape)", loc))
                attach(Node("scalar", loc, text=ev.value, plain=not ev.style))
            else:
                if len(stack) >= MAX_DEPTH:
                    errors.append(ContentError(
                        f"nesting is deeper than {MAX_DEPTH} levels; allowed: at most "
                        f"{MAX_DEPTH}", loc))
                    raise ErrorList(errors)
                node = Node("map" if isinstance(ev, yaml.MappingStartEvent) else "seq", loc,
                            flow=bool(ev.flow_style))
                attach(node)
                stack.append(node)
                pending_key.append(None)
                seen.append({})
            continue
        if isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            pending_key.pop()
            seen.pop()
    if root is None:
        root = Node("map", Loc(file, 1, 1))
    return root
