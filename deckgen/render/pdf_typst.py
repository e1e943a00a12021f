"""Every PDF deckgen writes goes through here: Typst source in, tagged PDF/UA-1 out.

This is the one module that imports ``typst`` (the Typst compiler as a
self-contained wheel). Writers build Typst *source* with the helpers below
and hand it to :func:`compile_pdf`, which compiles it with the PDF/UA-1
standard switched on: Typst then writes the structure tree (headings,
paragraphs, lists, tables with header cells, figures with their alt text,
links), marks page headers and footers as artifacts, embeds every font as a
subset with a ToUnicode map, sets ``/Lang`` and the window title and puts
the PDF/UA identification into the XMP metadata; and it refuses a document
that would break the standard (a figure without alt text, a document
without a title) instead of writing a PDF that only looks accessible.

Text always enters the source as a Typst *string literal* (:func:`lit`):
nothing a content author writes is ever read as Typst markup or code.
Fonts are the shipped files only (system fonts are ignored), so the same
content gives the same PDF on every machine; the timestamp is fixed for the
same reason.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from deckgen.content.markup import parse
from deckgen.content.urls import safe_url
from deckgen.text.fontfiles import FONT_DIR, HANGUL, family_for, font_path

#: The process that has compiled with Typst in-process. Typst then runs native worker
#: threads, which a forked child does not inherit: a child's compile would wait for
#: them for ever, so a child of that process compiles in a fresh one (see _compile).
_COMPILED_IN: int | None = None

#: What every PDF's metadata says made it; the date is fixed (reproducible bytes).
TIMESTAMP = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)


class PdfError(RuntimeError):
    """Typst refused the source: a bug in a writer (text never reaches Typst as code)."""


def lit(text: str) -> str:
    """Return ``text`` as a Typst string literal (safe for any input)."""
    out = (str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
           .replace("\n", "\\n").replace("\t", " "))
    return f'"{out}"'


def page_of(labels) -> str:
    """Return Typst markup for ``Page 3 of 7`` in the labels' words (inside a ``context``).

    The page numbers are Typst counters; the words around them, in their
    language's order (``7쪽 중 3쪽``), are string literals.
    """
    counters = {"n": "#counter(page).display()", "total": "#counter(page).final().first()"}
    return "".join((f"#{lit(text)}" if text else "") + counters.get(name, "")
                   for text, name in labels.parts("page"))


def rich(value: str, bold: bool = False, link_color: str = "") -> str:
    """Return content text with ``**bold**``, ``*italic*`` and links as a Typst content block.

    Links become real link annotations (``safe_url`` drops unsafe addresses:
    their text stays, plain). ``link_color`` (``RRGGBB``) colours and
    underlines them.
    """
    parts = []
    for run in parse(value, bold):
        body = lit(run.text)
        if run.bold:
            body = f"strong({body})"
        if run.italic:
            body = f"emph({body})"
        url = safe_url(run.url) if run.url else None
        if url:
            inner = f"underline({body})" if link_color else body
            if link_color:
                inner = f"text(fill: rgb({lit('#' + link_color)}), {inner})"
            body = f"link({lit(url)}, {inner})"
        parts.append("#" + body)
    return "[" + "".join(parts) + "]"


def color(hex6: str) -> str:
    """Return a theme colour (``RRGGBB``) as a Typst colour."""
    return f"rgb({lit('#' + hex6)})"


def pt(v: float) -> str:
    """Return a length in points as Typst source."""
    return f"{v:.2f}pt"


def lang_args(language: str) -> str:
    """Return ``lang`` (and ``region``) for Typst's ``text`` from a BCP 47 tag (``en-GB``)."""
    parts = language.replace("_", "-").split("-")
    out = f"lang: {lit(parts[0].lower() or 'en')}"
    if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
        out += f", region: {lit(parts[1].upper())}"
    return out


def document_head(title: str, authors, language: str, body_font: str, color_text: str,
                  size: float, keywords: str = "") -> str:
    """Return the lines that open every deckgen PDF: metadata, language, fonts."""
    who = ", ".join(lit(a) for a in authors if a) or lit("deckgen")
    kw = f", keywords: ({lit(keywords)},)" if keywords else ""
    return (f"#set document(title: {lit(title or 'Untitled')}, author: ({who},){kw})\n"
            f"#set text({lang_args(language)}, font: {fonts(body_font)}, size: {pt(size)}, "
            f"fill: {color(color_text)}, hyphenate: false)\n")


@lru_cache(maxsize=16)
def _families_in(folder: str) -> dict[str, str]:
    import typst
    found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[folder]).fonts()
    return {str(Path(f.path).resolve()): f.family for f in found}


def _family_name(path: str) -> str:
    """Return the family name Typst knows the font file ``path`` by."""
    p = Path(path).resolve()
    name = _families_in(str(p.parent)).get(str(p))
    if name is None:
        raise PdfError(f"Typst finds no font in {path}")
    return name


def family(theme_font: str) -> str:
    """Return the Typst family name of the face that draws ``theme_font``."""
    return _family_name(str(font_path(theme_font)))


def fonts(theme_font: str) -> str:
    """Return the Typst font list for a theme font: its face, then Hangul for Korean.

    Liberation Sans follows for the scripts the first face lacks (Hebrew,
    Greek and Cyrillic beyond Carlito's), so Typst shapes them instead of
    dropping them.
    """
    names = [family(theme_font), _family_name(str(font_path(HANGUL))),
             _family_name(str(font_path("Arial")))]
    seen = list(dict.fromkeys(names))
    return "(" + ", ".join(lit(n) for n in seen) + ",)"


_SVG_FONTS = re.compile(r'font-family="([^"]*)"')


def typst_svg(svg: str) -> str:
    """Return an SVG drawing with its font families named as Typst knows them.

    deckgen's SVG charts name the shipped faces by their file prefixes
    (``LiberationSans, DeckgenHangul``); Typst's SVG renderer matches family
    names (``Liberation Sans``, ``Deckgen Hangul``) and would otherwise set the
    text in a fallback face.
    """
    def named(m: re.Match) -> str:
        names = []
        for part in m.group(1).split(","):
            name = part.strip().strip("'\"")
            shipped = font_path(HANGUL) if name == HANGUL else FONT_DIR / f"{name}-Regular.ttf"
            names.append(_family_name(str(shipped)) if shipped.is_file() else name)
        return 'font-family="' + ", ".join(f"'{n}'" for n in dict.fromkeys(names)) + '"'
    return _SVG_FONTS.sub(named, svg)


def font_dirs(*theme_fonts: str) -> list[str]:
    """Return the folders holding the faces of ``theme_fonts`` (the shipped ones always)."""
    dirs = {str(FONT_DIR)}
    for f in theme_fonts:
        if family_for(f).startswith("Custom-"):
            for bold in (False, True):
                for italic in (False, True):
                    dirs.add(str(font_path(f, bold, italic).parent))
    return sorted(dirs)


#: What Typst says when no font in the PDF can draw some text (PDF/UA forbids drawing it
#: as empty boxes).
_NO_GLYPH = re.compile(r"the text `\"(.+?)\"` could not be displayed")


class _Refused(Exception):
    """Typst refused the source; the message is Typst's."""


def _typst_compile(main: Path, root: Path, folders: list[str]) -> bytes:
    import typst
    try:
        return typst.compile(str(main), root=str(root), font_paths=folders,
                             ignore_system_fonts=True, pdf_standards=["ua-1"],
                             timestamp=int(TIMESTAMP.timestamp()))
    except typst.TypstError as e:
        raise _Refused(str(e)) from None


def _compile(main: Path, root: Path, folders: list[str]) -> bytes:
    """Compile in this process, or in a fresh one in a forked child of a process that has.

    ``deckgen build --jobs`` forks writers; ``watch`` and a course build may
    fork after this process wrote a PDF, when Typst's worker threads exist
    here but would not in the child.
    """
    global _COMPILED_IN
    if _COMPILED_IN is not None and _COMPILED_IN != os.getpid():
        return _compile_apart(main, root, folders)
    _COMPILED_IN = os.getpid()
    return _typst_compile(main, root, folders)


def _compile_apart(main: Path, root: Path, folders: list[str]) -> bytes:
    """Compile ``main`` with a new Python process running this module (see ``_main``)."""
    import subprocess
    out = root / "main.pdf"
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = here + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run([sys.executable, "-m", "deckgen.render.pdf_typst", str(main),
                           str(root), str(out), *folders], capture_output=True, text=True,
                          env=env)
    if done.returncode == 3:
        raise _Refused(done.stderr)
    if done.returncode != 0:
        raise PdfError(f"the Typst process failed: {done.stderr.strip()[-2000:]}")
    return out.read_bytes()


def _main(argv: list[str]) -> int:
    """``python -m deckgen.render.pdf_typst MAIN ROOT OUT FOLDER…``: compile (3: refused)."""
    main, root, out, *folders = argv
    try:
        Path(out).write_bytes(_typst_compile(Path(main), Path(root), folders))
    except _Refused as e:
        print(e, file=sys.stderr)
        return 3
    return 0


def spoken(text: str) -> str:
    """Return what stands in for characters no shipped font has: their names, bracketed.

    ``🙂`` becomes ``[slightly smiling face]``: visible, and read out as meant.
    Joiners and variation selectors say nothing.
    """
    names = [unicodedata.name(ch, f"U+{ord(ch):04X}").lower() for ch in text
             if unicodedata.category(ch) not in ("Cf", "Mn") and not 0xFE00 <= ord(ch) <= 0xFE0F]
    return "[" + ", ".join(names) + "]" if names else ""


def compile_pdf(source: str, path: Path, files: dict[str, bytes] | None = None,
                font_folders: list[str] | None = None) -> list[str]:
    """Compile Typst ``source`` into a PDF/UA-1 file at ``path``; return warnings for people.

    ``files`` are written beside the source (pictures it refers to by name).
    Text no shipped font can draw (an emoji, a script without a face) is
    written as its characters' names, and a warning says so (printed as the
    build's warnings are); the PDF stays valid PDF/UA.
    """
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="deckgen-typst-") as tmp:
        root = Path(tmp)
        for name, data in (files or {}).items():
            (root / name).write_bytes(data)
        main = root / "main.typ"
        for _attempt in range(64):
            main.write_text(source, encoding="utf-8")
            try:
                pdf = _compile(main, root, font_folders or [str(FONT_DIR)])
                break
            except _Refused as e:
                m = _NO_GLYPH.search(str(e))
                if m is None or m.group(1) not in source:
                    raise PdfError(f"Typst could not write {Path(path).name}: {e}") from None
                missing = m.group(1)
                source = source.replace(missing, spoken(missing))
                codes = " ".join(f"U+{ord(ch):04X}" for ch in missing)
                notes.append(f"{Path(path).name}: no font deckgen ships can draw '{missing}' "
                             f"({codes}); the PDF shows {spoken(missing) or 'nothing'} instead")
        else:
            raise PdfError(f"Typst could not write {Path(path).name}: too many characters "
                           "without a font")
    Path(path).write_bytes(pdf)
    for n in notes:
        print(f"warning: {n}", file=sys.stderr)
    return notes


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
