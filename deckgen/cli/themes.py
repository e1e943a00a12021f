"""``deckgen themes``: list the themes, show one resolved, start a new one."""

from __future__ import annotations

import re
from pathlib import Path

from deckgen.errors import DeckgenError, ErrorList, ThemeError
from deckgen.text.fontfiles import stand_in
from deckgen.theme.theme import (KEY_DOCS, SCHEMA, SLIDE_SIZES, builtin_names, find_theme,
                                 load_theme)

NAME = "themes"
HELP = "list themes, show one's resolved values and contrast, or start your own"
DESCRIPTION = ("List the built-in themes; show a theme's resolved values and the WCAG "
               "contrast of every text colour on its fill; or write a starter theme that "
               "extends another, with every key commented, ready to edit.")
EPILOG = """\
examples:
  deckgen themes
      lists the built-in themes, one line each
  deckgen themes show dark
      prints every value of the dark theme and its contrast checks
  deckgen themes show my-theme.yaml --strict
      exits with 2 when a text colour falls below its WCAG contrast
  deckgen themes new my-theme --from default
      writes my-theme.yaml: 'extends: default' and every key, commented
  deckgen build talk.yaml --theme my-theme.yaml
      builds with it (or set 'theme: my-theme.yaml' in the content file)
"""


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    show = sub.add_parser("show", help="print a theme's resolved values and contrast checks",
                          description="Print every value of a theme after 'extends', and the "
                                      "WCAG contrast of each text colour on its fill.")
    show.add_argument("theme", metavar="THEME", help="a built-in name or a path to a .yaml theme")
    show.add_argument("--strict", action="store_true",
                      help="exit with 2 when a text colour falls below its WCAG contrast")
    new = sub.add_parser("new", help="write a starter theme that extends another",
                         description="Write NAME.yaml: 'extends: THEME' and every key of the "
                                     "theme it extends, commented, with what it means.")
    new.add_argument("name", metavar="NAME", help="the new theme's name (and file name)")
    new.add_argument("--from", dest="base", default="default", metavar="THEME",
                     help="the theme to extend: a built-in name or a path (default: default)")
    new.add_argument("--out", metavar="DIR", default=".",
                     help="the folder to write NAME.yaml into (default: here)")


def run(args) -> int:
    if args.action == "show":
        return _show(args.theme, args.strict)
    if args.action == "new":
        return _new(args.name, args.base, Path(args.out))
    return _list()


# -- list ---------------------------------------------------------------------


def _list() -> int:
    names = sorted(builtin_names(), key=lambda n: (n != "default", n))
    width = max(len(n) for n in names)
    print("built-in themes:")
    for name in names:
        print(f"  {name:<{width}}  {load_theme(name).description}")
    print("\nuse one:     deckgen build FILE --theme NAME  (or 'theme: NAME' in the file)")
    print("see one:     deckgen themes show NAME")
    print("your own:    deckgen themes new NAME --from default")
    return 0


# -- show ---------------------------------------------------------------------


def _inches(emu: int) -> str:
    return f"{emu / 914400:.2f} in"


def show_text(theme) -> str:
    """Return what ``deckgen themes show`` prints for a resolved theme."""
    t = theme
    v = t.values
    lines = [f"theme '{t.name}': {t.file}"]
    if t.description:
        lines.append(f"  {t.description}")
    if len(t.chain) > 1:
        lines.append(f"  extends: {' -> '.join(t.chain[1:])}")
    size = next((k for k, wh in _sizes().items() if wh == (t.slide_width, t.slide_height)), "")
    lines.append(f"slide: {size + ', ' if size else ''}{_inches(t.slide_width)} × "
                 f"{_inches(t.slide_height)}")
    lines.append("fonts:")
    for role in ("heading", "body"):
        lines.append(f"  {role + ':':<12} {t.fonts[role]} (measured with {stand_in(t.fonts[role])})")
    lines.append(f"  {'east_asian:':<12} {t.fonts.get('east_asian', '')}")
    lines.append("sizes: " + ", ".join(f"{k} {x:g} pt" for k, x in t.sizes.items()))
    lines.append("margins: " + ", ".join(f"{k} {_inches(x)}" for k, x in t.margins.items()))
    lines.append("palette:")
    for key, val in t.palette.items():
        raw = v["palette"].get(key)
        if isinstance(val, list):
            shown = " ".join(f"#{c}" for c in val)
        elif isinstance(val, dict):
            shown = ", ".join(f"{k} #{c}" for k, c in val.items())
        else:
            shown = f"#{val}" + (f" (= {raw[1:]})" if isinstance(raw, str) and raw.startswith("@")
                                 else "")
        lines.append(f"  {key + ':':<12} {shown}")
    c = t.charts
    lines.append(f"charts: series in the accents, gridlines {_yes(c.get('gridlines', True))}, "
                 f"data labels {_yes(c.get('data_labels', True))}")
    lines.append(f"footer: {t.footer!r}" if t.footer else "footer: (none)")
    if t.logo:
        lg = t.logo
        alt = f"alt text {lg.alt!r}" if lg.alt else "decorative"
        lines.append(f"logo: {lg.path} at {lg.position}, {_inches(lg.width)} × "
                     f"{_inches(lg.height)}, {alt}, on {lg.slides} slides")
    else:
        lines.append("logo: (none)")
    if t.master:
        lines.append(f"master: {t.master.path}")
        for role, name in t.master.layouts.items():
            lines.append(f"  {role + ':':<12} layout '{name}'")
    else:
        lines.append("master: (none; deckgen's own template, in the palette's colours)")
    bad = [p for p in t.contrast if not p.ok]
    lines.append("contrast (WCAG 2, AA: 4.5:1 for text, 3:1 for large text):")
    for p in t.contrast:
        mark = "ok " if p.ok else "LOW"
        lines.append(f"  {mark} {p.ratio:5.2f}:1 (needs {p.need:.1f})  {p.fg_name} #{p.fg} on "
                     f"{p.bg_name} #{p.bg}: {p.where}")
    n = len(t.contrast)
    lines.append(f"  all {n} pairs pass." if not bad else
                 f"  {len(bad)} of {n} pairs fall below their threshold.")
    return "\n".join(lines)


def _yes(b: bool) -> str:
    return "on" if b else "off"


def _sizes() -> dict:
    return SLIDE_SIZES


def _show(name: str, strict: bool) -> int:
    import sys

    theme = load_theme(name, relative_to=Path.cwd())
    print(show_text(theme))
    if strict and any(not p.ok for p in theme.contrast):
        load_theme(name, relative_to=Path.cwd(), strict=True)   # raises the located errors
    for w in theme.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


# -- new ----------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def starter(name: str, base_ref: str, base) -> str:
    """Return the text of a starter theme that extends ``base`` (a resolved Theme)."""
    v = base.values
    out = [
        f"# {name}: a deckgen theme. It sets only what it changes; everything else comes",
        f"# from '{base.name}'. To change a value, remove the '# ' in front of its line and",
        "# in front of its group's line (palette:, sizes:, ...), then edit it.",
        f"#   check it:   deckgen themes show {name}.yaml   (every value and its contrast)",
        f"#   use it:     deckgen build talk.yaml --theme {name}.yaml",
        f"name: {name}",
        f"description: {name}, based on {base.name}.",
        f"extends: {_quote(base_ref)}",
    ]

    def comment(key: str, text: str, indent: int = 0) -> str:
        doc = KEY_DOCS.get(key, "")
        body = f"#{' ' * (indent + 1)}{text}"
        return f"{body:<40} # {doc}" if doc else body

    for group in ("slide", "fonts", "font_files", "sizes", "margins", "palette", "charts",
                  "footer", "logo", "master", "layouts"):
        out.append("")
        spec = SCHEMA[group]
        if group == "font_files":
            out.append("# font_files:")
            out.append(comment("font_files.heading", "heading: fonts/House-Bold.ttf", 2))
            out.append(comment("font_files.body", "body: {regular: fonts/House-Regular.ttf, "
                                                  "bold: fonts/House-Bold.ttf}", 2))
            continue
        if group == "footer":
            out.append(comment("footer", 'footer: "Department of War Studies"'))
            continue
        if group == "master":
            out.append(comment("master", "master: our-template.potx"))
            continue
        if group == "logo":
            out.append("# logo:")
            for key, example in (("file", "logo.png"), ("position", "top-right"),
                                 ("height", "0.55in"), ("alt", '"Department of War Studies"'),
                                 ("slides", "content")):
                out.append(comment(f"logo.{key}", f"{key}: {example}", 2))
            continue
        out.append(f"# {group}:")
        values = v.get(group, {})
        for key in spec:
            if key not in values:
                continue
            out.append(comment(f"{group}.{key}", f"{key}: {_yaml_value(group, values[key])}", 2))
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return f'"{text}"' if re.search(r"[:#\s'\"{}\[\],&*!|>%@`]", text) or not text else text


def _yaml_value(group: str, value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"#{c}"' for c in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'{k}: "#{c}"' for k, c in value.items()) + "}"
    if group == "sizes":
        return f"{value:g}pt"
    if group == "margins":
        return f"{value / 914400:g}in"
    if group == "palette":
        return value[1:] if value.startswith("@") else f'"#{value}"'
    return _quote(str(value))


def _new(name: str, base_name: str, out: Path) -> int:
    import os

    if not _NAME.match(name):
        raise DeckgenError(f"found '{name}'; allowed: a name of letters, digits, '-' and '_' "
                           "(it becomes the file name)", path="NAME")
    target = out / f"{name}.yaml"
    if target.exists():
        raise DeckgenError(f"found '{target}' already there; allowed: a new name, or delete the "
                           "file first (deckgen never overwrites a theme)", path="NAME")
    base = load_theme(base_name, relative_to=Path.cwd())
    if Path(base_name).suffix in (".yaml", ".yml"):
        found = find_theme(base_name, Path.cwd())
        ref = os.path.relpath(found.resolve(), out.resolve())
    else:
        ref = base_name
    try:
        out.mkdir(parents=True, exist_ok=True)
        target.write_text(starter(name, ref, base), encoding="utf-8")
    except OSError as exc:
        raise ErrorList([ThemeError(f"cannot write '{target}': {exc.strerror}; allowed: a folder "
                                    "you can write to (use --out)")]) from None
    print(f"wrote {target} (extends {base.name}); edit it, then: deckgen themes show {target}")
    return 0
