"""A small type grammar that turns located YAML nodes into model objects.

Each type converts a :class:`~deckgen.yamlsafe.Node`, appending located errors
to the context instead of raising, so one pass reports every problem. The
same declarations carry a description per key, so documentation and a JSON
Schema can be generated from them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from deckgen.content.model import Ref
from deckgen.content.yamlsafe import Node
from deckgen.errors import ContentError, Loc, did_you_mean, one_of

INVALID = object()

# Characters that XML 1.0 cannot hold; they are dropped from text.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$"
                     r"|^[+-]?\.\d+(?:[eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

#: The JSON Schema dialect :func:`json_schema_document` writes.
DRAFT = "https://json-schema.org/draft/2020-12/schema"
# What a YAML 1.2 editor makes of a plain scalar deckgen reads as text: it may
# type ``2024`` as a number or ``true`` as a boolean, so text accepts those too.
_SCALAR = ["string", "number", "boolean"]


def ci_word(word: str) -> str:
    """Return a regex for ``word`` in any case, with any run of spaces between words.

    JSON Schema regexes (ECMA-262) have no ``(?i)``, so each letter becomes a
    class such as ``[Hh]``.
    """
    out = []
    for ch in word:
        if ch.upper() != ch.lower():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        elif ch == " ":
            out.append(r"\s+")
        elif ch in ".^$*+?()[]{}|\\/":
            out.append("\\" + ch)   # re.escape would also escape '-', which ECMA refuses
        else:
            out.append(ch)
    return "".join(out)


def ci_pattern(words) -> str:
    """Return an anchored regex matching any of ``words`` the way deckgen compares words.

    deckgen lower-cases a word and folds runs of spaces before it compares
    it with the allowed words; the pattern accepts the same spellings.
    """
    return r"^\s*(?:" + "|".join(ci_word(w) for w in words) + r")\s*$"


def nullable(schema: dict) -> dict:
    """Return ``schema`` that also accepts null (an optional key left empty)."""
    t = schema.get("type")
    if isinstance(t, str) and set(schema) <= {"type", "pattern", "minimum", "description"}:
        return {**schema, "type": [t, "null"]}
    if isinstance(t, list) and set(schema) <= {"type", "pattern", "minimum", "description"}:
        return {**schema, "type": t + ["null"]}
    return {"anyOf": [schema, {"type": "null"}]}


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
    """A value type; ``describe`` names it in messages and docs.

    Besides ``convert``, every type says what it accepts as JSON Schema
    (``json_schema``), how the reference names it (``doc_type``) and which
    types it contains (``children``), so the schema, the reference and the
    loader come from one declaration.
    """

    describe = "a value"

    def convert(self, node: Node, ctx: Ctx, path: str) -> Any:
        raise NotImplementedError

    def json_schema(self, defs: dict) -> dict:
        """Return the JSON Schema of what this type accepts; records go into ``defs``."""
        return {}

    def doc_type(self) -> str:
        """Return the type as the Markdown reference shows it."""
        return self.describe

    def children(self) -> tuple["Type", ...]:
        """Return the types this one contains (the reference walks them)."""
        return ()


def clean_text(text: str) -> str:
    """Return text without characters XML cannot hold, trailing space trimmed."""
    return _XML_BAD.sub("", text).strip()


#: The longest text one key may hold. A slide, a card or a table cell holds a
#: few hundred characters; anything near this is pasted by mistake.
MAX_TEXT = 5000


def text_with_colon(node: Node, ctx: Ctx, path: str) -> bool:
    """Report a mapping that is text with ': ' in it, and return True; else return False.

    ``- Graham's verdict: Manila holds`` is, to YAML, a list item that maps the
    key "Graham's verdict" to a value. Where text belongs, that one-pair mapping
    written on one line is the text in need of quotes, and is reported as such
    (one error, instead of an unknown key and a missing one).
    """
    if node.kind != "map" or len(node.items) != 1:
        return False
    key, value = node.items[0]
    if not (key.kind == "scalar" and key.plain and value.kind == "scalar" and not value.is_null
            and key.loc.line == value.loc.line and key.text):
        return False
    text = f"{key.text}: {value.text}"
    if len(text) > 70:
        text = text[:60].rstrip() + "…"
    if '"' in text and "'" not in text:
        quoted = f"'{text}'"
    else:
        quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    line = ("- " if path.endswith("]") and not node.flow else "") + quoted
    ctx.error(key, path, f"this line has ': ' in the middle, so YAML read '{key.text}' as a "
                         f"key; put the whole text in quotes: {line}")
    return True


class Text(Type):
    describe = "text"

    def convert(self, node, ctx, path):
        if text_with_colon(node, ctx, path):
            return INVALID
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, "text")
        if len(node.text) > MAX_TEXT:
            return ctx.error(node, path, f"found text of {len(node.text):,} characters; allowed: "
                             f"at most {MAX_TEXT:,} characters in one text (split it into points)")
        return clean_text(node.text)

    def json_schema(self, defs):
        return {"type": list(_SCALAR), "maxLength": MAX_TEXT}


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

    def doc_type(self):
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def json_schema(self, defs):
        # The enum gives editors their completion list; the pattern accepts the
        # other spellings deckgen accepts too (any case, extra spaces).
        return {"anyOf": [{"enum": list(self.values)},
                          {"type": "string", "pattern": ci_pattern(self.values)}]}


class Bool(Type):
    describe = "true or false"

    def convert(self, node, ctx, path):
        word = node.text.lower() if node.kind == "scalar" else ""
        if word in ("true", "yes", "on"):
            return True
        if word in ("false", "no", "off"):
            return False
        return ctx.wrong(node, path, "true or false")

    def json_schema(self, defs):
        return {"anyOf": [{"type": "boolean"},
                          {"type": "string",
                           "pattern": ci_pattern(("true", "yes", "on", "false", "no", "off"))}]}


#: The largest number content may hold (a quadrillion): well within exact floats.
MAX_NUMBER = 1e15


def read_number(node: Node) -> Optional[float]:
    """Return the number a scalar node spells, or None."""
    if node.kind != "scalar":
        return None
    text = node.text.strip()
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "").replace("_", ""))
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return None     # 1e999 is infinity; charts, workbooks and sums cannot hold it
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


class Number(Type):
    describe = "a number"

    def convert(self, node, ctx, path):
        value = read_number(node)
        if value is None:
            return ctx.wrong(node, path, "a number such as 42 or 3.5")
        return value

    def json_schema(self, defs):
        return number_schema()


class Int(Type):
    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum
        self.describe = f"a whole number from {minimum}"

    def convert(self, node, ctx, path):
        value = read_number(node)
        if not isinstance(value, int) or value < self.minimum:
            return ctx.wrong(node, path, self.describe)
        return value

    def json_schema(self, defs):
        digits = r"(?:\d{1,3}(?:[,_]\d{3})+|\d+)"
        positive = r"(?![0,_]*$)" if self.minimum >= 1 else ""
        if self.minimum > 1:
            return {"type": "integer", "minimum": self.minimum}
        return {"anyOf": [{"type": "integer", "minimum": self.minimum},
                          {"type": "string", "pattern": rf"^\+?{positive}{digits}$"}]}


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

    def json_schema(self, defs):
        return {"anyOf": [number_schema(), range_schema()]}


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

    def json_schema(self, defs):
        # An editor reads a bare year (2024) as a number; a full date stays text.
        return {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999},
                          {"type": "string", "pattern": r"^\s*\d{4}(?:-(?:0[1-9]|1[0-2])"
                                                        r"(?:-(?:0[1-9]|[12]\d|3[01]))?)?\s*$"}]}


class Pattern(Type):
    def __init__(self, regex: str, describe: str) -> None:
        self.regex = re.compile(regex)
        self.describe = describe

    def convert(self, node, ctx, path):
        if node.kind == "scalar" and self.regex.match(node.text.strip()):
            return node.text.strip()
        return ctx.wrong(node, path, self.describe)

    def json_schema(self, defs):
        return {"type": "string", "pattern": self.regex.pattern}


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

    def json_schema(self, defs):
        # 'id: 42' is an integer to an editor and a fine id to deckgen.
        return {"type": ["string", "integer"], "pattern": _ID.pattern, "minimum": 0}

    def doc_type(self):
        return "id (letters, digits, `-`, `_`, `.`), unique in the file"


class RefTo(Type):
    """A reference to an id of one of ``kinds``; checked after the whole file."""

    def __init__(self, *kinds: str, many: bool = False) -> None:
        self.kinds = kinds
        self.many = many
        what = " or ".join(kinds)
        self.describe = f"the id of a {what}" + (", or a list of them" if many else "")

    def convert(self, node, ctx, path):
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

    def json_schema(self, defs):
        one = {"type": ["string", "number"]}
        if self.many:
            return {"anyOf": [one, {"type": "array", "items": one}]}
        return one


class ContentPath(Type):
    """A file inside the content file's folder that must exist."""

    describe = "a path to a file inside the content file's folder"

    def __init__(self, suffixes: tuple[str, ...] = ()) -> None:
        self.suffixes = suffixes

    def convert(self, node, ctx, path):
        if node.kind != "scalar" or node.is_null:
            return ctx.wrong(node, path, self.describe)
        return resolve_inside(node.text.strip(), node, ctx, path, self.suffixes)

    def json_schema(self, defs):
        if not self.suffixes:
            return {"type": "string"}
        ends = "|".join(ci_word(s.lstrip(".")) for s in self.suffixes)
        return {"type": "string", "pattern": rf"\.(?:{ends})\s*$"}

    def doc_type(self):
        kinds = ", ".join(f"`{s}`" for s in self.suffixes)
        return "path inside the content file's folder" + (f" ({kinds})" if kinds else "")


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
    shown = text if len(text) <= 80 else text[:77] + "..."
    try:
        base = ctx.folder.resolve()
        target = (base / rel).resolve()
        target.relative_to(base)
    except ValueError:
        return ctx.error(node, path, f"found the path '{shown}', which leaves the content "
                         "folder; allowed: files inside the folder of the content file")
    except (OSError, RuntimeError) as exc:    # RuntimeError: a symlink loop (Python < 3.13)
        reason = getattr(exc, "strerror", None) or "a symbolic link that points at itself"
        return ctx.error(node, path, f"found the path '{shown}', which cannot be used "
                         f"({reason}); allowed: an existing file inside the content "
                         "file's folder")
    try:
        exists = target.is_file()
    except OSError as exc:       # a name too long for the file system, say
        return ctx.error(node, path, f"found the path '{shown}', which cannot be used "
                         f"({exc.strerror}); allowed: an existing file inside the content "
                         "file's folder")
    if not exists:
        return ctx.error(node, path, f"found the path '{shown}', but no such file exists; "
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

    def json_schema(self, defs):
        arr: dict = {"type": "array", "items": self.inner.json_schema(defs)}
        if self.min_items:
            arr["minItems"] = self.min_items
        if self.single:
            # one value without the list: only a scalar (a record's shorthand)
            inner = self.inner
            one = (inner.fields[inner.shorthand].type.json_schema(defs)
                   if isinstance(inner, Record) else inner.json_schema(defs))
            return {"anyOf": [one, arr]}
        return arr

    def doc_type(self):
        text = f"list of {self.inner.doc_type()}"
        return text + (" (or one, without the list)" if self.single else "")

    def children(self):
        return (self.inner,)


class Any_(Type):
    """Any node, kept as the node itself for a record's ``post`` check."""

    describe = "a value"

    def convert(self, node, ctx, path):
        return node


@dataclass
class Field:
    """One key of a record: its type, what it means, and a YAML example value."""

    type: Type
    doc: str = ""
    required: bool = False
    example: str = ""


class Record(Type):
    """A mapping with known keys that becomes a model object.

    ``shorthand`` names the field a plain string fills (``point: text``).
    ``post(values, node, ctx, path)`` may check across keys and return the
    final values (or INVALID).
    """

    def __init__(self, name: str, cls: Callable, fields: dict[str, Field],
                 shorthand: str = "", post: Callable | None = None, doc: str = "",
                 json_extra: dict | None = None) -> None:
        self.name = name
        self.cls = cls
        self.fields = fields
        self.shorthand = shorthand
        self.post = post
        self.doc = doc
        # cross-key rules that ``post`` checks and JSON Schema can also say
        self.json_extra = json_extra or {}
        self.describe = f"a {name}" + (" (text or a mapping)" if shorthand else " (a mapping)")

    @property
    def slug(self) -> str:
        """Return the record's name as a ``$defs`` key and Markdown anchor."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def json_schema(self, defs):
        if self.slug not in defs:
            defs[self.slug] = {}          # placeholder: records may contain themselves
            defs[self.slug] = self.object_schema(defs)
        return {"$ref": f"#/$defs/{self.slug}"}

    def object_schema(self, defs: dict) -> dict:
        """Return this record's own schema (not a ``$ref``), with a description per key."""
        props = {}
        for name, spec in self.fields.items():
            sub = spec.type.json_schema(defs)
            if not spec.required:
                sub = nullable(sub)     # deckgen skips an optional key left empty
            props[name] = {**sub, "description": spec.doc}
        obj: dict = {"type": "object", "properties": props, "additionalProperties": False}
        required = [n for n, f in self.fields.items() if f.required]
        if required:
            obj["required"] = required
        obj.update(self.json_extra)
        head = {"title": self.name, "description": self.doc} if self.doc else {"title": self.name}
        if self.shorthand:
            short = self.fields[self.shorthand].type.json_schema(defs)
            return {**head, "anyOf": [short, obj]}
        return {**head, **obj}

    def doc_type(self):
        return f"[{self.name}](#{self.slug})"

    def children(self):
        return tuple(f.type for f in self.fields.values())

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
        elif (self.shorthand and len(node.items) == 1 and node.items[0][0].text not in self.fields
              and not did_you_mean(node.items[0][0].text, self.fields)   # a misspelt key
              and text_with_colon(node, ctx, path)):
            return INVALID
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


def number_schema() -> dict:
    """Return the JSON Schema of a number as deckgen reads it (``8,000,000`` too)."""
    return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": _NUMBER.pattern}]}


def range_schema() -> dict:
    """Return the JSON Schema of a ``[low, high]`` range of numbers."""
    return {"type": "array", "items": number_schema(), "minItems": 2, "maxItems": 2}


def json_schema_document(root: Record, title: str, description: str) -> dict:
    """Return a JSON Schema (draft 2020-12) document for files of ``root`` records.

    The root record's keys sit at the top of the document (editors complete
    them there); every nested record is a ``$defs`` entry.
    """
    defs: dict = {}
    body = root.object_schema(defs)
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": title, "description": description, **body,
            "$defs": defs}


def records(root: Type) -> list[Record]:
    """Return every record reachable from ``root``, each once, level by level.

    Lists and other wrappers are looked through, so a record's own nested
    records come in the order of its keys.
    """
    def direct(t: Type) -> list[Record]:
        out: list[Record] = []
        for c in t.children():
            out += [c] if isinstance(c, Record) else direct(c)
        return out

    seen: list[Record] = []
    todo: list[Type] = [root]
    while todo:
        t = todo.pop(0)
        if any(r is t for r in seen):
            continue
        seen.append(t)
        todo.extend(direct(t))
    return seen


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_reference(roots: list[tuple[str, Record]], intro: str) -> str:
    """Return the Markdown reference for ``roots``: a table of keys per record.

    Each key's row gives its type, whether it is required, what it means and
    an example, all taken from the declarations the loader uses.
    """
    out = [intro.rstrip(), ""]
    done: list[Record] = []
    for heading, root in roots:
        out += [f"## {heading}", ""]
        if root.doc:
            out += [root.doc, ""]
        out += _record_table(root)
        for rec in records(root)[1:]:
            if any(r is rec for r in done):
                continue
            done.append(rec)
            out += [f"### {rec.name}", ""]
            if rec.doc:
                out += [rec.doc, ""]
            if rec.shorthand:
                out += [f"Plain text is short for `{{{rec.shorthand}: ...}}`.", ""]
            out += _record_table(rec)
    return "\n".join(out).rstrip() + "\n"


def _record_table(rec: Record) -> list[str]:
    rows = ["| key | type | meaning | example |", "| --- | --- | --- | --- |"]
    for name, f in rec.fields.items():
        key = f"`{name}`" + (" **(required)**" if f.required else "")
        example = f"`{name}: {_cell(f.example)}`" if f.example else ""
        rows.append(f"| {key} | {_cell(f.type.doc_type())} | {_cell(f.doc)} | {example} |")
    return rows + [""]
