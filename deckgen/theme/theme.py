"""Themes: colours, fonts, sizes, margins, logo, footer and master, from ``themes/*.yaml``.

A theme is data. ``extends:`` applies a parent first (a cycle is an error
naming the chain; every theme but the built-in ``default`` ends in it); every
key has a validator, and units (``"18pt"``, ``"#1F3864"``) and paths (a logo,
font files, a master, relative to the theme file that names them) are parsed
once here so writers read typed values.

Loading a theme also checks it as a whole: the WCAG contrast of every text
colour on the fill it is drawn on (``deckgen.contrast``), the fonts it can
measure, and the layouts of an organisation's master. What is doubtful is a
located warning on :attr:`Theme.warnings`; with ``strict`` a contrast warning
is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.content.yamlsafe import Node, read_yaml
from deckgen.errors import ErrorList, Loc, ThemeError, did_you_mean, one_of
from deckgen.text.fontfiles import is_known, register_font_files
from deckgen.theme.contrast import luminance, mix, ratio, text_on, theme_pairs
from deckgen.theme.master import MasterFileError, UnsafeMasterError, inspect_master

_EMU_PER = {"pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(pt|in|cm|mm|px)\s*$")
_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
#: What each kind of slide is built on: the role's layout name in a master.
ROLES = ("title", "content", "section")
#: PowerPoint's own names for the roles' layouts: the fallback for a missing name.
STANDARD_LAYOUTS = {"title": "Title Slide", "content": "Title Only", "section": "Section Header"}
LOGO_POSITIONS = ("top-right", "top-left", "bottom-right", "bottom-left")
LOGO_SLIDES = ("content", "all")
#: Image formats python-pptx can embed (and PIL can read for its size).
IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "BMP": "BMP", "TIFF": "TIFF"}
FONT_STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic",
               "bold_italic": "BoldItalic"}
#: Palette keys holding one colour; a palette value may name one of them.
PALETTE_COLORS = ("background", "text", "muted", "primary", "on_primary", "surface", "rule",
                  "banner", "on_banner", "cover", "on_cover", "on_light", "on_dark", "link")
_MAX_LOGO_W = int(3.0 * 914400)


def builtin_theme_dir() -> Path:
    """Return the folder that holds the built-in themes.

    In an installed wheel they sit inside the package; in a source checkout
    (editable install) they are the repository's ``themes/`` folder.
    """
    here = Path(__file__).resolve().parent.parent   # deckgen/
    for cand in (here / "themes", here.parent / "themes"):
        if cand.is_dir():
            return cand
    return here / "themes"


@dataclass(frozen=True)
class Logo:
    """The theme's logo: its file, where it goes and how big it is drawn (EMU)."""

    path: Path
    position: str
    width: int
    height: int
    alt: str            # "" marks the logo decorative
    slides: str         # "content" or "all"


@dataclass(frozen=True)
class Master:
    """An organisation's .pptx/.potx the deck is built on, as the theme resolved it.

    ``layouts`` maps each role (title, content, section) to the layout name
    used; ``title_boxes`` to that layout's title placeholder (x, y, w, h EMU).
    """

    path: Path
    layouts: dict
    title_boxes: dict
    width: int
    height: int
    fonts: tuple        # (heading, body): the master's theme fonts
    background: str     # the master's solid background colour, or ""


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
    footer: str = ""
    logo: Logo | None = None
    master: Master | None = None
    layouts: dict = field(default_factory=lambda: dict(STANDARD_LAYOUTS))
    contrast: tuple = ()      # contrast.Pair, every text/fill pair the slides draw
    warnings: tuple = ()      # rendered, located warnings
    chain: tuple = ()         # theme names from this one up to default

    def color(self, name: str) -> str:
        """Return a palette colour as ``RRGGBB``."""
        return self.palette[name]

    def accent(self, i: int) -> str:
        """Return the i-th accent colour, cycling."""
        acc = self.palette["accents"]
        return acc[i % len(acc)]

    def text_on(self, fill: str) -> str:
        """Return the theme's text colour (``on_light`` or ``on_dark``) that reads best on ``fill``."""
        return text_on(fill, self.palette)


# -- validators: (node, key path, errors, folder of the theme file) -> value or None


def _color(node: Node, path: str, errors: list, folder: Path):
    m = _COLOR.match(node.text.strip()) if node.kind == "scalar" else None
    if not m:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a colour as '#RRGGBB'",
                                 node.loc, path))
        return None
    return m.group(1).upper()


def _palette_color(node: Node, path: str, errors: list, folder: Path):
    """A colour, or the name of another palette colour (resolved after merging)."""
    if node.kind == "scalar":
        m = _COLOR.match(node.text.strip())
        if m:
            return m.group(1).upper()
        word = node.text.strip()
        if word in PALETTE_COLORS and word != path.rsplit(".", 1)[-1]:
            return "@" + word
    errors.append(ThemeError(
        f"found {node.describe()}; allowed: a colour as '#RRGGBB' or the name of another "
        f"palette colour: {one_of(PALETTE_COLORS)}", node.loc, path,
        did_you_mean(node.text, PALETTE_COLORS) if node.kind == "scalar" else ""))
    return None


def _length(node: Node, path: str, errors: list, folder: Path, unit: str = "emu"):
    m = _LENGTH.match(node.text) if node.kind == "scalar" else None
    if not m:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a length such as '18pt', "
                                 "'0.5in', '1.2cm' or '10mm'", node.loc, path))
        return None
    emu = float(m.group(1)) * _EMU_PER[m.group(2)]
    return emu / 12700 if unit == "pt" else int(emu)


def _text(node: Node, path: str, errors: list, folder: Path):
    if node.kind != "scalar" or node.is_null or not node.text.strip():
        errors.append(ThemeError(f"found {node.describe()}; allowed: text", node.loc, path))
        return None
    return node.text.strip()


def _bool(node: Node, path: str, errors: list, folder: Path):
    word = node.text.lower() if node.kind == "scalar" else ""
    if word in ("true", "false"):
        return word == "true"
    errors.append(ThemeError(f"found {node.describe()}; allowed: true or false", node.loc, path))
    return None


def _choice(choices):
    def check(node: Node, path: str, errors: list, folder: Path):
        word = node.text.strip() if node.kind == "scalar" else ""
        if word in choices:
            return word
        errors.append(ThemeError(f"found {node.describe()}; allowed: {one_of(choices)}",
                                 node.loc, path, did_you_mean(word, choices) if word else ""))
        return None
    return check


def _color_list(node: Node, path: str, errors: list, folder: Path):
    if node.kind != "seq" or not node.items:
        errors.append(ThemeError(f"found {node.describe()}; allowed: a list of '#RRGGBB' colours",
                                 node.loc, path))
        return None
    out = [_color(n, f"{path}[{i}]", errors, folder) for i, n in enumerate(node.items)]
    return None if None in out else out


def _pt(node, path, errors, folder):
    return _length(node, path, errors, folder, unit="pt")


def _file(node: Node, path: str, errors: list, folder: Path, what: str) -> Path | None:
    """Return an existing file named relative to the theme file, or record why not."""
    if node.kind != "scalar" or node.is_null or not node.text.strip():
        errors.append(ThemeError(f"found {node.describe()}; allowed: {what} (a path relative to "
                                 "the theme file)", node.loc, path))
        return None
    text = node.text.strip()
    p = Path(text)
    if p.is_absolute() or text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text):
        errors.append(ThemeError(f"found the absolute path '{text}'; allowed: {what} inside the "
                                 "theme's folder (a path relative to the theme file)", node.loc,
                                 path))
        return None
    full = folder / p
    try:    # like content paths: '..' and symlinks may not leave the theme's folder
        inside = full.resolve().is_relative_to(folder.resolve())
        exists = full.is_file()
    except (OSError, RuntimeError) as exc:      # a symlink loop, a name too long
        errors.append(ThemeError(f"found '{text}', which cannot be used "
                                 f"({getattr(exc, 'strerror', None) or exc}); allowed: {what} "
                                 "(a path relative to the theme file)", node.loc, path))
        return None
    if not inside:
        errors.append(ThemeError(f"found '{text}', which leaves the theme's folder; allowed: "
                                 f"{what} inside that folder", node.loc, path))
        return None
    if not exists:
        errors.append(ThemeError(f"found '{node.text.strip()}', but there is no such file "
                                 f"({full}); allowed: {what} (a path relative to the theme file)",
                                 node.loc, path))
        return None
    return full.resolve()


def _image(node: Node, path: str, errors: list, folder: Path):
    full = _file(node, path, errors, folder, "a PNG, JPEG or GIF image")
    if full is None:
        return None
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(full) as im:
            fmt = im.format
            im.verify()     # a logo cut short fails here, not in a writer
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        fmt = None
    if fmt not in IMAGE_FORMATS:
        errors.append(ThemeError(f"found '{node.text.strip()}', which is not an image deckgen can "
                                 "place; allowed: a PNG, JPEG or GIF image", node.loc, path))
        return None
    return full


def _font_file(node: Node, path: str, errors: list, folder: Path):
    full = _file(node, path, errors, folder, "a .ttf or .otf font file")
    if full is None:
        return None
    try:
        import logging

        from fontTools.ttLib import TTFont, TTLibError
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        tt = TTFont(str(full), lazy=True)
        ok = all(t in tt for t in ("head", "hhea", "hmtx", "cmap"))
        # a file cut short keeps its table directory: every table must lie inside the
        # file, and the tables measuring and the PDF read must decompile
        size = full.stat().st_size
        ok = ok and all(e.offset + e.length <= size for e in tt.reader.tables.values())
        for tag in ("head", "hhea", "maxp", "hmtx", "cmap", "name", "post", "OS/2", "loca"):
            if ok and tag in tt:
                tt[tag]
        tt.close()
    except Exception:     # fontTools raises struct.error, IndexError, TTLibError ... on junk
        ok = False
    if not ok:
        errors.append(ThemeError(f"found '{node.text.strip()}', which is not a TrueType or "
                                 "OpenType font; allowed: a .ttf or .otf font file", node.loc,
                                 path))
        return None
    return full


def _font_files(node: Node, path: str, errors: list, folder: Path):
    """One file (every style drawn with it) or ``{regular, bold, italic, bold_italic}``."""
    if node.kind == "scalar":
        f = _font_file(node, path, errors, folder)
        return None if f is None else {"Regular": f}
    if node.kind != "map":
        errors.append(ThemeError(f"found {node.describe()}; allowed: a font file, or a mapping "
                                 f"of {one_of(FONT_STYLES)} to font files", node.loc, path))
        return None
    out, bad = {}, False
    for key, child in node.items:
        kp = f"{path}.{key.text}"
        if key.text not in FONT_STYLES:
            errors.append(ThemeError(f"unknown key '{key.text}'; allowed: {one_of(FONT_STYLES)}",
                                     key.loc, kp, did_you_mean(key.text, FONT_STYLES)))
            bad = True
            continue
        f = _font_file(child, kp, errors, folder)
        if f is None:
            bad = True
        else:
            out[FONT_STYLES[key.text]] = f
    if not bad and "Regular" not in out:
        errors.append(ThemeError("found no 'regular' file; allowed: a mapping that gives at "
                                 "least 'regular'", node.loc, path))
        return None
    return None if bad else out


def _master_file(node: Node, path: str, errors: list, folder: Path):
    full = _file(node, path, errors, folder, "a .pptx or .potx file")
    if full is None:
        return None
    if full.suffix.lower() not in (".pptx", ".potx"):
        errors.append(ThemeError(f"found '{node.text.strip()}'; allowed: a .pptx or .potx file",
                                 node.loc, path))
        return None
    return full


# The theme's keys: group -> key -> validator.
SCHEMA: dict[str, Any] = {
    "name": _text,
    "description": _text,
    "extends": _text,
    "slide": {"size": _choice(SLIDE_SIZES)},
    "fonts": {"heading": _text, "body": _text, "east_asian": _text},
    "font_files": {"heading": _font_files, "body": _font_files},
    "sizes": {k: _pt for k in ("title", "cover", "body", "body_minimum", "body_maximum", "minimum",
                               "caption", "figure")},
    "margins": {k: _length for k in ("left", "right", "top", "bottom")},
    "palette": {**{k: _palette_color for k in PALETTE_COLORS},
                "accents": _color_list, "yardstick": _color_list,
                "impact": {k: _color for k in ("low", "medium", "high", "critical")}},
    "charts": {"gridlines": _bool, "data_labels": _bool},
    "footer": _text,
    "logo": {"file": _image, "position": _choice(LOGO_POSITIONS), "height": _length,
             "alt": _text, "slides": _choice(LOGO_SLIDES)},
    "master": _master_file,
    "layouts": {k: _text for k in ROLES},
}


#: What each key means, for ``deckgen themes new`` and ``deckgen themes show``.
KEY_DOCS = {
    "slide.size": '"16:9" or "4:3" (a master\'s own size wins)',
    "fonts.heading": "titles; Calibri and Arial are measured with metric twins",
    "fonts.body": "everything else",
    "fonts.east_asian": "Korean, Chinese and Japanese text in PowerPoint",
    "font_files.heading": "a font deckgen does not ship: its .ttf (or {regular, bold, ...})",
    "font_files.body": "... files relative to this theme, used to measure and preview",
    "sizes.title": "slide titles",
    "sizes.cover": "the title on the title slide",
    "sizes.body": "bullets and card text",
    "sizes.body_minimum": "body text never shrinks below this (it continues on a new slide)",
    "sizes.body_maximum": "short lists (objectives, a few questions) grow up to this",
    "sizes.caption": "sources, banner, slide numbers, footer",
    "sizes.minimum": "no text is smaller than this",
    "sizes.figure": "the big number on a figure card",
    "margins.left": "space from the slide's edges",
    "palette.background": "slide background",
    "palette.text": "body text",
    "palette.muted": "captions, sub-points, axis labels",
    "palette.primary": "titles, table headers, judgement numbers",
    "palette.on_primary": "text on primary",
    "palette.surface": "cards and table stripes",
    "palette.rule": "lines, gridlines, timeline",
    "palette.accents": "chart series and figure numbers, in order",
    "palette.impact": "card headings, low to critical",
    "palette.yardstick": "probability bands, least to most likely",
    "palette.banner": "the classification banner",
    "palette.on_banner": "text on the banner",
    "palette.cover": "title and section slides (a palette name means that colour)",
    "palette.on_cover": "text on the cover colour",
    "palette.on_light": "text deckgen puts on light fills (card headings, chart labels)",
    "palette.on_dark": "... and on dark fills; the one that reads better is chosen",
    "palette.link": "links on the Sources slide",
    "charts.gridlines": "value-axis gridlines, true or false",
    "charts.data_labels": "numbers on bars, points and slices, true or false",
    "footer": "text at the foot of every content slide",
    "logo.file": "a PNG, JPEG or GIF, relative to this theme",
    "logo.position": "top-right, top-left, bottom-right or bottom-left",
    "logo.height": "how tall it is drawn (at most three inches wide)",
    "logo.alt": "what screen readers say; leave out to mark it decorative",
    "logo.slides": "content (default) or all (title and section slides too)",
    "master": "an organisation's .pptx or .potx to build on, relative to this theme",
    "layouts.title": "the master's layout for the title slide, by name",
    "layouts.content": "... for every content slide",
    "layouts.section": "... for section slides",
}


def _walk(node: Node, schema: dict, path: str, out: dict, locs: dict, errors: list,
          folder: Path) -> None:
    if node.kind != "map":
        errors.append(ThemeError(f"found {node.describe()}; allowed: a mapping", node.loc,
                                 path or "(top level)"))
        return
    for key, child in node.items:
        name = key.text
        kpath = f"{path}.{name}" if path else name
        spec = schema.get(name)
        locs[kpath] = child.loc
        if spec is None:
            errors.append(ThemeError(f"unknown key '{name}'; allowed: {one_of(schema)}",
                                     key.loc, kpath, did_you_mean(name, schema)))
        elif isinstance(spec, dict):
            _walk(child, spec, kpath, out.setdefault(name, {}), locs, errors, folder)
        else:
            value = spec(child, kpath, errors, folder)
            if value is not None:
                out[name] = value


def find_theme(name_or_path: str, relative_to: Path | None = None) -> Path | None:
    """Return the theme file for a name (built-in) or a path, or None."""
    try:
        return _find_theme(name_or_path, relative_to)
    except (OSError, ValueError):     # a name too long for the file system, a NUL byte
        return None


def _find_theme(name_or_path: str, relative_to: Path | None) -> Path | None:
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
               strict: bool = False) -> Theme:
    """Load a theme by built-in name or path, applying ``extends`` parents first.

    Returns a :class:`Theme` whose ``warnings`` list what is doubtful (low
    contrast, fonts without metrics, a master's missing layouts). Raises
    :class:`ErrorList` of located :class:`ThemeError`; with ``strict``, a
    text/fill pair below its WCAG contrast is one of them.
    """
    locs: dict = {}
    values = _load_values(name_or_path, relative_to, (), None, locs)
    return _to_theme(values, locs, strict)


def _load_values(name_or_path: str, relative_to, chain: tuple, loc: Loc | None,
                 locs: dict) -> dict:
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
    own_locs: dict = {}
    _walk(root, SCHEMA, "", own, own_locs, errors, path.resolve().parent)
    if errors:
        raise ErrorList(errors)
    parent_name = own.pop("extends", None)
    if parent_name:
        enode = root.get("extends")
        base = _load_values(parent_name, path.parent, chain + (key,), enode.loc, locs)
    elif path.stem != "default" or path.parent.resolve() != builtin_theme_dir().resolve():
        base = _load_values("default", None, chain + (key,), None, locs)
    else:
        base = {}
    # font files belong to the font they were given for: a theme that names
    # another font for a role without giving its files drops the parent's
    for role in own.get("fonts", {}):
        if role not in own.get("font_files", {}) and role in base.get("font_files", {}):
            base = _merge(base, {})
            base["font_files"] = {k: v for k, v in base["font_files"].items() if k != role}
    locs.update(own_locs)
    merged = _merge(base, own)
    merged["file"] = str(path)
    merged["chain"] = [own.get("name", path.stem)] + base.get("chain", [])
    merged["files"] = [str(path)] + base.get("files", [])
    if "name" not in own:
        merged["name"] = path.stem
    return merged


def _default_file() -> str:
    return str(builtin_theme_dir() / "default.yaml")


def _explicit(locs: dict, key: str) -> bool:
    """True when ``key`` was set by a theme file other than the built-in default."""
    loc = locs.get(key)
    return loc is not None and Path(loc.file).resolve() != Path(_default_file()).resolve()


def _resolve_palette(palette: dict, locs: dict, errors: list) -> dict:
    """Replace palette values that name another palette colour with that colour."""
    out = dict(palette)
    for name in PALETTE_COLORS:
        seen = [name]
        value = out.get(name)
        while isinstance(value, str) and value.startswith("@"):
            target = value[1:]
            if target in seen:
                errors.append(ThemeError(
                    f"palette colours refer to each other in a cycle: "
                    f"{' -> '.join(seen + [target])}; allowed: a chain that ends in a colour "
                    "as '#RRGGBB'", locs.get(f"palette.{name}"), f"palette.{name}"))
                value = None
                break
            seen.append(target)
            value = out.get(target)
        if value is not None:
            out[name] = value
    return out


def _to_theme(v: dict, locs: dict, strict: bool) -> Theme:
    errors: list = []
    warnings: list = []

    def warn(message: str, key: str) -> None:
        """Add a warning at ``key`` or, when a parent theme set it, at the master."""
        loc = locs.get(key)
        if not _explicit(locs, key) and "master" in locs:
            loc = locs["master"]     # not the user's doing but the master's: point there
        warnings.append(ThemeError(message, loc or Loc(v["file"]), key).render())

    palette = _resolve_palette(v["palette"], locs, errors)
    if errors:
        raise ErrorList(errors)
    w, h = SLIDE_SIZES[v["slide"]["size"]]
    fonts = dict(v["fonts"])
    master = None
    layouts = {r: v.get("layouts", {}).get(r, STANDARD_LAYOUTS[r]) for r in ROLES}
    if v.get("master"):
        master = _resolve_master(v, locs, layouts, errors, warn)
        if errors:
            raise ErrorList(errors)
        if _explicit(locs, "slide.size") and (w, h) != (master.width, master.height):
            warn(f"found '{v['slide']['size']}', but the master '{master.path.name}' is "
                 f"{master.width / 914400:.2f} × {master.height / 914400:.2f} in; the master's "
                 "size is used", "slide.size")
        w, h = master.width, master.height
        # the master's own fonts, unless a theme file names fonts itself
        for role, face in zip(("heading", "body"), master.fonts):
            if face and not _explicit(locs, f"fonts.{role}"):
                fonts[role] = face
        layouts = dict(master.layouts)
    else:
        for role in ROLES:
            if _explicit(locs, f"layouts.{role}") and layouts[role] != STANDARD_LAYOUTS[role]:
                warn(f"found '{layouts[role]}', but the theme names no master; deckgen's own "
                     f"template is used, with its layout '{STANDARD_LAYOUTS[role]}'; allowed: "
                     "layout names with 'master: file.pptx'", f"layouts.{role}")
        layouts = dict(STANDARD_LAYOUTS)
    _register_fonts(v, fonts, warn)
    logo = _logo(v.get("logo"), locs, errors)
    if errors:
        raise ErrorList(errors)
    cover = master is None
    pairs = theme_pairs(palette, {k: float(x) for k, x in v["sizes"].items()}, cover=cover)
    bad = [p for p in pairs if not p.ok]
    for p in bad:
        key = _blame(p.keys, v, locs)
        loc = locs.get(key) or locs.get(key.split("[")[0]) or Loc(v["file"])
        if strict:
            errors.append(ThemeError(p.message(), loc, key))
        else:
            warnings.append(ThemeError(p.message(), loc, key).render())
    if errors:
        raise ErrorList(errors)
    if master and master.background and palette["background"] != master.background:
        warn(f"found '#{palette['background']}', but the master '{master.path.name}' has the "
             f"background #{master.background}; deckgen checks contrast against the palette, so "
             "set palette.background to the master's colour", "palette.background")
    return Theme(name=v["name"], description=v.get("description", ""), slide_width=w,
                 slide_height=h, fonts=fonts, sizes=v["sizes"], margins=v["margins"],
                 palette=palette, charts=v["charts"], file=v["file"], values=v,
                 footer=v.get("footer", ""), logo=logo, master=master, layouts=layouts,
                 contrast=tuple(pairs), warnings=tuple(warnings), chain=tuple(v["chain"]))


def _blame(keys: tuple, v: dict, locs: dict) -> str:
    """Return the palette key to point a contrast problem at.

    Of the pair's keys (a key that names another colour stands for that
    one), the one set in the theme nearest the user's file: that is where
    the user changed something.
    """
    files = [str(Path(f).resolve()) for f in v["files"]]
    cands = []
    for k in keys:
        base = k.split("[")[0].split(".")[0]
        raw = v["palette"].get(base)
        if isinstance(raw, str) and raw.startswith("@"):
            k = raw[1:]
        cands.append(f"palette.{k}")

    def rank(key: str) -> int:
        loc = locs.get(key) or locs.get(key.split("[")[0])
        where = str(Path(loc.file).resolve()) if loc else ""
        return files.index(where) if where in files else len(files)
    return min(cands, key=rank)


def _register_fonts(v: dict, fonts: dict, warn) -> None:
    """Register the theme's font files; warn about fonts measured with a stand-in."""
    for role, files in v.get("font_files", {}).items():
        register_font_files(fonts[role], files)
    for role in ("heading", "body"):
        face = fonts[role]
        if not is_known(face):
            warn(f"found '{face}', which deckgen has no font files for; text is measured with "
                 f"Carlito (Calibri's metrics) and may fit differently where '{face}' is "
                 f"installed; allowed: a font deckgen ships (Calibri, Arial and their "
                 f"metric twins) or one whose files are given under 'font_files: {{{role}: "
                 f"...}}'", f"fonts.{role}")


def _logo(spec: dict | None, locs: dict, errors: list) -> Logo | None:
    if not spec:
        return None
    if "file" not in spec:
        errors.append(ThemeError("found no 'file'; allowed: a logo with 'file: path/to/logo.png'",
                                 locs.get("logo"), "logo"))
        return None
    from PIL import Image
    with Image.open(spec["file"]) as im:
        pw, ph = im.size
    height = spec.get("height", int(0.55 * 914400))
    width = int(height * pw / max(ph, 1))
    if width > _MAX_LOGO_W:   # a wide word mark: keep it to three inches
        height = int(height * _MAX_LOGO_W / width)
        width = _MAX_LOGO_W
    return Logo(spec["file"], spec.get("position", "top-right"), width, height,
                spec.get("alt", ""), spec.get("slides", "content"))


def _resolve_master(v: dict, locs: dict, layouts: dict, errors: list, warn) -> Master | None:
    """Open the master, map each role to one of its layouts by name (with fallbacks)."""
    path = v["master"]
    try:
        info = inspect_master(path)
    except UnsafeMasterError as exc:
        errors.append(ThemeError(f"found '{path.name}': {exc}; allowed: a .pptx or .potx file "
                                 "without macros, ActiveX controls, OLE objects or links to "
                                 "files outside it", locs.get("master"), "master"))
        return None
    except MasterFileError as exc:
        errors.append(ThemeError(f"found '{path.name}', which cannot be opened as a PowerPoint "
                                 f"file ({exc}); allowed: a .pptx or .potx file",
                                 locs.get("master"), "master"))
        return None
    usable = [lay.name for lay in info.layouts if lay.title_box is not None]
    allowed = one_of(usable) if usable else "none: no layout in it has a title placeholder"
    chosen: dict = {}
    for role in ("content", "title", "section"):
        key = f"layouts.{role}"
        want = layouts[role]
        if want in usable:
            chosen[role] = want
            continue
        fallbacks = [f for f in [STANDARD_LAYOUTS[role], chosen.get("content")]
                     if f and f != want]
        fallback = next((f for f in fallbacks if f in usable), None)
        if fallback is None:
            where = locs.get(key) if _explicit(locs, key) else locs.get("master")
            what = (f"neither the layout '{want}' nor its fallback '{fallbacks[0]}'"
                    if fallbacks else f"no layout '{want}'")
            errors.append(ThemeError(
                f"found {what} (with a title placeholder) in the master '{path.name}'; "
                f"allowed: {allowed}", where, key,
                did_you_mean(want, usable)))
            return None
        warn(f"found no layout '{want}' (with a title placeholder) in the master "
             f"'{path.name}'; the {role} slides use '{fallback}' instead; allowed: {allowed}",
             key)
        chosen[role] = fallback
    boxes = {role: next(lay.title_box for lay in info.layouts if lay.name == name)
             for role, name in chosen.items()}
    return Master(path, {r: chosen[r] for r in ROLES}, boxes, info.width, info.height,
                  info.fonts, info.background)


def paper(theme: Theme) -> Theme:
    """Return the theme as it should print: dark backgrounds become white paper.

    A theme for a dark hall (light text on navy) would print near-white text
    on white paper in a handout or quiz sheet. Printed outputs take the
    default theme's neutral colours instead, and every colour used for text
    or lines is darkened until it reads on white (4.5:1). Light themes are
    returned unchanged.
    """
    from dataclasses import replace

    if luminance(theme.palette["background"]) >= 0.5:
        return theme
    base = load_theme("default").palette

    def readable(c: str) -> str:
        t = 0.0
        out = c
        while ratio(out, "FFFFFF") < 4.5 and t < 1:
            t += 0.05
            out = mix(c, "000000", t)
        return out

    pal = dict(theme.palette)
    for key in ("background", "text", "muted", "surface", "rule", "on_primary", "on_banner",
                "on_light", "on_dark", "on_cover"):
        if key in base:
            pal[key] = base[key]
    for key in ("primary", "banner", "cover", "link"):
        if key in pal and isinstance(pal[key], str):
            pal[key] = readable(pal[key])
    pal["accents"] = [readable(c) for c in pal["accents"]]
    return replace(theme, palette=pal)
