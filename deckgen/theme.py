"""Themes: colours, fonts, sizes and margins, read from ``themes/*.yaml``.

A theme is data. ``extends:`` applies a parent first (a cycle is an error
naming the chain); every key has a validator, and units (``"18pt"``,
``"#1F3864"``) are parsed once here so writers read typed values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ErrorList, Loc, ThemeError, did_you_mean, one_of
from .yamlsafe import Node, read_yaml

_EMU_PER = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(pt|in|cm|mm|px)\s*$")
_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}


def builtin_theme_dir() -> Path:
    """Return the folder that holds the built-in themes.

    In an installed wheel they sit inside the package; in a source checkout
    (editable install) they are the repository's ``themes/`` folder.
    """
    here = Path(__file__).resolve().parent
    for cand in (here / "themes", here.parent / "themes"):
        if cand.is_dir():
            return cand
    return here / "themes"


@dataclass(frozen=True)
class Theme:
    """A resolved theme: every value typed (colours as ``RRGGBB``, lengths in EMU)."""

    name: str
    description: str
    slide_width: int
    slide_height: int
    fonts: dict
    sizes: dict      # name -> points (float)
    margins: dict    # name -> EMU
    palette: dict    # name -> "RRGGBB", accents/yardstick -> list, impact -> dict
    charts: dict
    file: str = ""
    values: dict = field(default_factory=dict, compare=False)

    def color(self, name: str) -> str:
        """Return a palette colour as ``RRGGBB``."""
        return self.palette[name]

    def accent(self, i: int) -> str:
        """Return the i-th accent colour, cycling."""
        acc = self.palette["accents"]
        return acc[i % len(acc)]


def _color(node: Node, path: str, errors: list, file: str):
    m = _COLOR.match(node.text.strip()) if node.kind == "scalar" else None
    if not m:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a colour as '#RRGGBB'",
                                 node.loc, path))
        return None
    return m.group(1).upper()


def _length(node: Node, path: str, errors: list, file: str, unit: str = "emu"):
    m = _LENGTH.match(node.text) if node.kind == "scalar" else None
    if not m:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a length such as '18pt', "
                                 "'0.5in', '1.2cm' or '10mm'", node.loc, path))
        return None
    emu = float(m.group(1)) * _EMU_PER[m.group(2)]
    return emu / 12700 if unit == "pt" else int(emu)


def _text(node: Node, path: str, errors: list, file: str):
    if node.kind != "scalar" or node.is_null:
        errors.append(ThemeError(f"found {node.describe()}; allowed: text", node.loc, path))
        return None
    return node.text.strip()


def _bool(node: Node, path: str, errors: list, file: str):
    word = node.text.lower() if node.kind == "scalar" else ""
    if word in ("true", "false"):
        return word == "true"
    errors.append(ThemeError(f"found {node.describe()}; allowed: true or false", node.loc, path))
    return None


def _size(node: Node, path: str, errors: list, file: str):
    if node.kind == "scalar" and node.text.strip() in SLIDE_SIZES:
        return node.text.strip()
    errors.append(ThemeError(f"found {node.describe()}; allowed: {one_of(SLIDE_SIZES)}",
                             node.loc, path))
    return None


def _color_list(node: Node, path: str, errors: list, file: str):
    if node.kind != "seq" or not node.items:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a list of '#RRGGBB' colours",
                                 node.loc, path))
        return None
    out = [_color(n, f"{path}[{i}]", errors, file) for i, n in enumerate(node.items)]
    return None if None in out else out


def _pt(node, path, errors, file):
    return _length(node, path, errors, file, unit="pt")


# The theme's keys: group -> key -> validator. ``*`` means free text.
SCHEMA: dict[str, Any] = {
    "name": _text,
    "description": _text,
    "extends": _text,
    "slide": {"size": _size},
    "fonts": {"heading": _text, "body": _text, "east_asian": _text},
    "sizes": {k: _pt for k in ("title", "cover", "body", "body_minimum", "minimum", "caption",
                               "figure")},
    "margins": {k: _length for k in ("left", "right", "top", "bottom")},
    "palette": {**{k: _color for k in ("background", "text", "muted", "primary", "on_primary",
                                       "surface", "rule", "banner", "on_banner")},
                "accents": _color_list, "yardstick": _color_list,
                "impact": {k: _color for k in ("low", "medium", "high", "critical")}},
    "charts": {"gridlines": _bool, "data_labels": _bool},
}


def _walk(node: Node, schema: dict, path: str, out: dict, errors: list, file: str) -> None:
    if node.kind != "map":
        errors.append(ThemeError(f"found {node.describe()}; allowed: a mapping", node.loc,
                                 path or "(top level)"))
        return
    for key, child in node.items:
        name = key.text
        kpath = f"{path}.{name}" if path else name
        spec = schema.get(name)
        if spec is None:
            errors.append(ThemeError(f"unknown key '{name}'; allowed: {one_of(schema)}",
                                     key.loc, kpath, did_you_mean(name, schema)))
        elif isinstance(spec, dict):
            _walk(child, spec, kpath, out.setdefault(name, {}), errors, file)
        else:
            value = spec(child, kpath, errors, file)
            if value is not None:
                out[name] = value


def find_theme(name_or_path: str, relative_to: Path | None = None) -> Path | None:
    """Return the theme file for a name (built-in) or a path, or None."""
    cand = Path(name_or_path)
    if cand.suffix in (".yaml", ".yml"):
        for base in ([relative_to] if relative_to else []) + [Path.cwd()]:
            p = cand if cand.is_absolute() else base / cand
            if p.is_file():
                return p
        return None
    p = builtin_theme_dir() / f"{name_or_path}.yaml"
    return p if p.is_file() else None


def builtin_names() -> list[str]:
    """Return the names of the built-in themes."""
    return sorted(p.stem for p in builtin_theme_dir().glob("*.yaml"))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_theme(name_or_path: str = "default", relative_to: Path | None = None,
               _chain: tuple = ()) -> Theme:
    """Load a theme by built-in name or path, applying ``extends`` parents first.

    Returns a :class:`Theme`. Raises :class:`ErrorList` of located
    :class:`ThemeError`.
    """
    values = _load_values(name_or_path, relative_to, _chain, None)
    return _to_theme(values)


def _load_values(name_or_path: str, relative_to, chain: tuple, loc: Loc | None) -> dict:
    path = find_theme(name_or_path, relative_to)
    if path is None:
        known = builtin_names()
        raise ErrorList([ThemeError(
            f"found the theme '{name_or_path}', but no such theme exists; allowed: "
            f"{one_of(known)} or a path to a .yaml theme file", loc, "theme",
            did_you_mean(name_or_path, known))])
    key = str(path.resolve())
    if key in chain:
        names = [Path(c).stem for c in chain] + [path.stem]
        raise ErrorList([ThemeError(
            f"themes extend each other in a cycle: {' -> '.join(names)}; allowed: a chain "
            "that ends in a theme without 'extends'", loc, "extends")])
    root = read_yaml(path)
    errors: list = []
    own: dict = {}
    _walk(root, SCHEMA, "", own, errors, str(path))
    if errors:
        raise ErrorList(errors)
    parent_name = own.pop("extends", None)
    if parent_name:
        enode = root.get("extends")
        base = _load_values(parent_name, path.parent, chain + (key,), enode.loc)
    elif path.stem != "default" or path.parent != builtin_theme_dir():
        base = _load_values("default", None, chain + (key,), None)
    else:
        base = {}
    merged = _merge(base, own)
    merged["file"] = str(path)
    merged.setdefault("name", path.stem)
    if "name" not in own:
        merged["name"] = path.stem
    return merged


def _to_theme(v: dict) -> Theme:
    w, h = SLIDE_SIZES[v["slide"]["size"]]
    return Theme(name=v["name"], description=v.get("description", ""), slide_width=w,
                 slide_height=h, fonts=v["fonts"], sizes=v["sizes"], margins=v["margins"],
                 palette=v["palette"], charts=v["charts"], file=v["file"], values=v)
