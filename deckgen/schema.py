"""A small type grammar that turns located YAML nodes into model objects.

Each type converts a :class:`~deckgen.yamlsafe.Node`, appending located errors
to the context instead of raising, so one pass reports every problem. The
same declarations carry a description per key, so documentation and a JSON
Schema can be generated from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from .errors import ContentError, Loc, did_you_mean, one_of
from .yamlsafe import Node

INVALID = object()

# Characters that XML 1.0 cannot hold; they are dropped from text.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$"
                     r"|^[+-]?\.\d+(?:[eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class Ctx:
    """What conversion needs besides the node: the file, errors, ids, refs."""

    file: str
    folder: Path
    yardstick: str = "phia"
    errors: list = field(default_factory=list)
    ids: dict = field(default_factory=dict)      # id -> (kind, Loc)
    refs: list = field(default_factory=list)     # (Ref, allowed kinds)

    def error(self, node_or_loc, path: str, message: str, hint: str = "") -> object:
        """Record a located error and return INVALID."""
        loc = node_or_loc.loc if isinstance(node_or_loc, Node) else node_or_loc
        self.errors.append(ContentError(message, loc, path, hint))
        return INVALID

    def wrong(self, node: Node, path: str, allowed: str, hint: str = "") -> object:
        """Record 'found X; allowed: Y' for a node and return INVALID."""
        return self.error(node, path, f"found {node.describe()}; allowed: {allowed}", hint)


class Type:
    """A value type; ``describe`` names it in messages and docs."""

    describe = "a value"

    def convert(self, node: Node, ctx: Ctx, path: str) -> Any:
        raise NotImplementedError


def clean_text(text: str) -> str:
    """Return text without characters XML cannot hold, trailing space trimmed."""
    return _XML_BAD.sub("", text).strip()


class Text(Type):
    describe = "text"

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, "text")
        return clean_text(node.text)


class Enum(Type):
    def __init__(self, *values: str) -> None:
        self.values = values
        self.describe = one_of(values)

    def convert(self, node, ctx, path):
        if node.kind != "scalar":
            return ctx.wrong(node, path, self.describe)
        word = " ".join(node.text.lower().split())
        if word in self.values:
            return word
        return ctx.wrong(node, path, self.describe, did_you_mean(word, self.values))


class Bool(Type):
    describe = "true or false"

    def convert(self, node, ctx, path):
        word = node.text.lower() if node.kind == "scalar" else ""
        if word in ("true", "yes", "on"):
            return True
        if word in ("false", "no", "off"):
            return False
        return ctx.wrong(node, path, "true or false")


def read_number(node: Node) -> Optional[float]:
    """Return the number a scalar node spells, or None."""
    if node.kind != "scalar":
        return None
    text = node.text.strip()
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "").replace("_", ""))
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


class Number(Type):
    describe = "a number"

    def convert(self, node, ctx, path):
        value = read_number(node)
        if value is None:
            return ctx.wrong(node, path, "a number such as 42 or 3.5")
        return value


class Int(Type):
    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum
        self.describe = f"a whole number from {minimum}"

    def convert(self, node, ctx, path):
        value = read_number(node)
        if not isinstance(value, int) or value < self.minimum:
            return ctx.wrong(node, path, self.describe)
        return value


class NumberOrRange(Type):
    describe = "a number or a range [low, high]"

    def convert(self, node, ctx, path):
        if node.kind == "seq":
            nums = [read_number(n) for n in node.items]
            if len(nums) != 2 or None in nums:
                return ctx.wrong(node, path, "a number or a range of two numbers [low, high]")
            if nums[0] > nums[1]:
                return ctx.error(node, path, f"found the range [{node.items[0].text}, "
                                 f"{node.items[1].text}]; allowed: low end first, [low, high]")
            return (nums[0], nums[1])
        value = read_number(node)
        if value is None:
            return ctx.wrong(node, path, "a number such as 42 or a range [low, high]")
        return value


class Date(Type):
    describe = "a date: YYYY, YYYY-MM or YYYY-MM-DD"

    def convert(self, node, ctx, path):
        m = _DATE.match(node.text.strip()) if node.kind == "scalar" else None
        if m:
            month = int(m.group(2) or 1)
            day = int(m.group(3) or 1)
            if 1 <= month <= 12 and 1 <= day <= 31:
                return node.text.strip()
        return ctx.wrong(node, path, "a date as YYYY, YYYY-MM or YYYY-MM-DD")


class Pattern(Type):
    def __init__(self, regex: str, describe: str) -> None:
        self.regex = re.compile(regex)
        self.describe = describe

    def convert(self, node, ctx, path):
        if node.kind == "scalar" and self.regex.match(node.text.strip()):
            return node.text.strip()
        return ctx.wrong(node, path, self.describe)


class Id(Type):
    """An ``id``: unique in the file; registered with its kind for references."""

    describe = "an id: letters, digits, '-', '_' or '.'"

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or not _ID.match(node.text.strip()):
            return ctx.wrong(node, path, "an id made of letters, digits, '-', '_' and '.'")
        ident = node.text.strip()
        if ident in ctx.ids:
            kind, first = ctx.ids[ident]
            return ctx.error(node, path, f"found the id '{ident}' a second time; allowed: "
                             f"each id once in the file (first used at line {first.line})")
        ctx.ids[ident] = (self.kind, node.loc)
        return ident


class RefTo(Type):
    """A reference to an id of one of ``kinds``; checked after the whole file."""

    def __init__(self, *kinds: str, many: bool = False) -> None:
        self.kinds = kinds
        self.many = many
        what = " or ".join(kinds)
        self.describe = f"the id of a {what}" + (", or a list of them" if many else "")

    def convert(self, node, ctx, path):
        from .model import Ref
        nodes = node.items if (self.many and node.kind == "seq") else [node]
        refs = []
        for i, n in enumerate(nodes):
            p = f"{path}[{i}]" if node.kind == "seq" else path
            if n.kind != "scalar" or n.is_null:
                ctx.wrong(n, p, self.describe)
                continue
            ref = Ref(n.text.strip(), n.loc, p)
            ctx.refs.append((ref, self.kinds))
            refs.append(ref)
        if self.many:
            return tuple(refs)
        return refs[0] if refs else INVALID


class ContentPath(Type):
    """A file inside the content file's folder that must exist."""

    describe = "a path to a file inside the content file's folder"

    def __init__(self, suffixes: tuple[str, ...] = ()) -> None:
        self.suffixes = suffixes

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, self.describe)
        return resolve_inside(node.text.strip(), node, ctx, path, self.suffixes)


def resolve_inside(text: str, node: Node, ctx: Ctx, path: str,
                   suffixes: tuple[str, ...] = ()) -> Any:
    """Return the resolved Path of ``text`` inside the content folder, or INVALID.

    Absolute paths, ``..`` that climbs out, and symlinks that point out of the
    folder are all refused: content is untrusted and must not read elsewhere.
    """
    rel = Path(text)
    if rel.is_absolute() or text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text):
        return ctx.error(node, path, f"found the absolute path '{text}'; allowed: a path "
                         "relative to the content file's folder")
    base = ctx.folder.resolve()
    target = (base / rel).resolve()
    try:
        target.relative_to(base)
    except ValueError:
        return ctx.error(node, path, f"found the path '{text}', which leaves the content "
                         "folder; allowed: files inside the folder of the content file")
    if not target.is_file():
        return ctx.error(node, path, f"found the path '{text}', but no such file exists; "
                         "allowed: an existing file inside the content file's folder")
    if suffixes and target.suffix.lower() not in suffixes:
        return ctx.error(node, path, f"found the file '{text}'; allowed: {one_of(suffixes)} files")
    return target


class ListOf(Type):
    """A list of ``inner``; ``single`` also accepts one value without a list."""

    def __init__(self, inner: Type, single: bool = False, min_items: int = 0) -> None:
        self.inner = inner
        self.single = single
        self.min_items = min_items
        self.describe = f"a list of {inner.describe}"

    def convert(self, node, ctx, path):
        if node.kind != "seq":
            if self.single and node.kind == "scalar" and not node.is_null:
                value = self.inner.convert(node, ctx, path)
                return () if value is INVALID else (value,)
            if node.is_null:
                return ()
            return ctx.wrong(node, path, self.describe)
        out = []
        for i, child in enumerate(node.items):
            value = self.inner.convert(child, ctx, f"{path}[{i}]")
            if value is not INVALID:
                out.append(value)
        if len(node.items) < self.min_items:
            return ctx.error(node, path, f"found {len(node.items)} entries; allowed: at least "
                             f"{self.min_items}")
        return tuple(out)


class Any_(Type):
    """Any node, kept as the node itself for a record's ``post`` check."""

    describe = "a value"

    def convert(self, node, ctx, path):
        return node


@dataclass
class Field:
    type: Type
    doc: str = ""
    required: bool = False


class Record(Type):
    """A mapping with known keys that becomes a model object.

    ``shorthand`` names the field a plain string fills (``point: text``).
    ``post(values, node, ctx, path)`` may check across keys and return the
    final values (or INVALID).
    """

    def __init__(self, name: str, cls: Callable, fields: dict[str, Field],
                 shorthand: str = "", post: Callable | None = None, doc: str = "") -> None:
        self.name = name
        self.cls = cls
        self.fields = fields
        self.shorthand = shorthand
        self.post = post
        self.doc = doc
        self.describe = f"a {name}" + (" (text or a mapping)" if shorthand else " (a mapping)")

    def convert(self, node, ctx, path):
        values: dict[str, Any] = {}
        if node.kind == "scalar" and self.shorthand and not node.is_null:
            value = self.fields[self.shorthand].type.convert(node, ctx, path)
            if value is INVALID:
                return INVALID
            values[self.shorthand] = value
            node_map = None
        elif node.kind != "map":
            return ctx.wrong(node, path, self.describe)
        else:
            node_map = node
            bad = False
            for key, child in node.items:
                name = key.text
                kpath = f"{path}.{name}" if path else name
                spec = self.fields.get(name)
                if spec is None:
                    ctx.error(key, kpath, f"unknown key '{name}'; allowed: "
                              f"{one_of(self.fields)}", did_you_mean(name, self.fields))
                    bad = True
                    continue
                if child.is_null and not spec.required:
                    continue
                value = spec.type.convert(child, ctx, kpath)
                if value is INVALID:
                    bad = True
                else:
                    values[name] = value
            for name, spec in self.fields.items():
                if spec.required and name not in values and node.get(name) is None:
                    ctx.error(node, path or "(top level)",
                              f"the key '{name}' is missing; allowed: a {self.name} "
                              f"needs '{name}' ({spec.type.describe})")
                    bad = True
            if bad:
                return INVALID
        if self.post is not None:
            values = self.post(values, node_map or node, ctx, path)
            if values is INVALID:
                return INVALID
        return self.cls(**values, loc=node.loc)
