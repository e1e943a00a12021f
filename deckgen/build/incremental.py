"""Incremental builds: what a build read, and whether its outputs are still current.

After a successful ``deckgen build`` of a content file, a small manifest is
kept for its output folder, ``OUT/.deckgen/<name>.json`` (beside the folder,
not in it, so the folder holds only what the build wrote). It records:

- the **inputs**: the content file; the course file whose defaults it got;
  every theme file of the ``extends`` chain, with the theme's logo, font
  files and master; and every file the content file names (a CSV or Excel
  sheet, an image) — found by looking at every value in the file that names
  an existing file beside it, so a new kind of reference is covered without
  a list to keep up to date. Each with its SHA-256, size and time;
- which theme its theme *name* resolved to (a theme file added later can
  shadow a name, which no hash would show);
- deckgen's **version**, with a fingerprint of its own files (an upgrade or
  an edited checkout rebuilds everything);
- the **options** that change what is written (``--theme``, ``--strict``,
  ``--quiz-slides``, ``SOURCE_DATE_EPOCH``);
- per **format**, the files it wrote, with their sizes and times.

A later build is skipped when all of that still holds; only formats whose
files were deleted or changed, or that were not built before, are built
again; ``--force`` ignores the manifest. Hashes are compared whenever a
file's size or time differs, and also when its time was too close to the
moment it was recorded to be trusted (a file saved twice within one clock
tick keeps its time). The manifest is written to a temporary file and moved
into place, and never into the output folder itself, so outputs stay
byte-for-byte reproducible; a file that changes while it is being built
leaves no manifest, so the next build runs again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from deckgen import __version__
from deckgen.content.yamlsafe import read_yaml
from deckgen.errors import DeckgenError
from deckgen.theme.theme import find_theme

#: The folder, beside the output folders, that holds their manifests.
MANIFEST_DIR = ".deckgen"
_VERSION = 1
# a file whose time is within this of when it was looked at may change again
# without its time changing (coarse file-system clocks): it is always hashed
_RACY_NS = 2_000_000_000
# values in a content file that could name a file: short, with a suffix
_MAX_REF = 400


def manifest_path(target_dir: Path) -> Path:
    """Return where the manifest of the output folder ``target_dir`` is kept."""
    target_dir = Path(target_dir)
    return target_dir.parent / MANIFEST_DIR / f"{target_dir.name}.json"


@lru_cache(maxsize=1)
def engine_id() -> str:
    """Return deckgen's version with a fingerprint of its installed files.

    The fingerprint covers every file of the package (code, fonts, starters)
    by name, size and time, so an upgrade, or an edit in a source checkout,
    makes every earlier output out of date.
    """
    root = Path(__file__).resolve().parent.parent   # the whole package
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if "__pycache__" in p.parts or not p.is_file():
            continue
        st = p.stat()
        h.update(f"{p.relative_to(root).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{h.hexdigest()[:16]}"


def sha256_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Hashes:
    """SHA-256 of files, each computed once per run (a course's theme is read once)."""

    def __init__(self) -> None:
        self._seen: dict[tuple, str] = {}

    def of(self, path: Path, st: os.stat_result) -> str:
        key = (str(path), st.st_size, st.st_mtime_ns)
        if key not in self._seen:
            self._seen[key] = sha256_file(path)
        return self._seen[key]


def stat_or_none(path: Path) -> os.stat_result | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st if _is_file(st) else None


def _is_file(st: os.stat_result) -> bool:
    import stat as _stat
    return _stat.S_ISREG(st.st_mode)


# -- what a build read ------------------------------------------------------------------


def referenced_files(content_file: Path) -> set[Path]:
    """Return the files a content file names: every value that is a path to a file beside it.

    Data files (``csv:``, ``xlsx:``) and images are found this way without
    naming the keys; a value that merely happens to name a file only makes
    that file an input too, which costs a hash and nothing else.
    """
    try:
        root = read_yaml(content_file)
    except DeckgenError:
        return set()
    folder = Path(content_file).parent
    base = folder.resolve()
    found: set[Path] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.kind == "scalar":
            text = node.text.strip()
            if (0 < len(text) <= _MAX_REF and "\n" not in text and "." in text
                    and not text.startswith(("http:", "https:", "mailto:"))):
                cand = folder / text
                try:
                    # only files inside the content folder, as the loader allows
                    real = cand.resolve()
                    if cand.suffix and real.is_relative_to(base) and real.is_file():
                        found.add(real)
                except (OSError, ValueError):   # too long for the file system, a NUL byte
                    continue
        elif node.kind == "map":
            stack.extend(v for _, v in node.items)
        else:
            stack.extend(node.items)
    return found


def theme_files(theme) -> set[Path]:
    """Return every file a resolved theme was made from: its chain, logo, fonts, master."""
    out = {Path(f).resolve() for f in theme.values.get("files", []) if f}
    if theme.file:
        out.add(Path(theme.file).resolve())
    if theme.logo is not None:
        out.add(Path(theme.logo.path).resolve())
    if theme.master is not None:
        out.add(Path(theme.master.path).resolve())
    for styles in theme.values.get("font_files", {}).values():
        for p in styles.values():
            out.add(Path(p).resolve())
    return out


def inputs_of(content, theme, course_file: Path | None = None) -> set[Path]:
    """Return every file a build of ``content`` in ``theme`` read."""
    files = {Path(content.file).resolve()} | theme_files(theme) | referenced_files(content.file)
    if course_file is not None:
        files.add(Path(course_file).resolve())
    return files


def theme_ref(content, cli_theme: str | None) -> dict:
    """Return how the build chose its theme: the name or path given, and where it was looked up.

    (As :func:`deckgen.build.resolve_theme` chooses: the command line's, else
    the content's, else the built-in default.)
    """
    if cli_theme:
        return {"spec": str(cli_theme), "relative_to": str(Path.cwd())}
    if content.theme:
        return {"spec": str(content.theme), "relative_to": str(Path(content.folder).resolve())}
    return {"spec": "default", "relative_to": None}


def _resolve_ref(ref: dict) -> str | None:
    rel = ref.get("relative_to")
    found = find_theme(ref["spec"], Path(rel) if rel else None)
    return str(found.resolve()) if found is not None else None


# -- the manifest -------------------------------------------------------------------------


@dataclass
class Freshness:
    """Whether an output folder is current: the formats to build, and why."""

    formats: list[str]               # empty: up to date
    reason: str = ""
    manifest: dict | None = None     # the manifest read, for merging

    @property
    def up_to_date(self) -> bool:
        return not self.formats


def read_manifest(target_dir: Path) -> dict | None:
    """Return the manifest of ``target_dir``, or None when missing or unreadable."""
    try:
        data = json.loads(manifest_path(target_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("manifest") == _VERSION else None


def _changed(path: str, entry: dict, hashes: Hashes) -> bool:
    st = stat_or_none(Path(path))
    if st is None:
        return True
    if (st.st_size, st.st_mtime_ns) == (entry.get("size"), entry.get("mtime_ns")) \
            and entry.get("trusted"):
        return False
    if st.st_size != entry.get("size"):
        return True
    return hashes.of(Path(path), st) != entry.get("sha256")


def check(target_dir: Path, options: dict, formats: list[str],
          hashes: Hashes | None = None) -> Freshness:
    """Return which of ``formats`` must be built again for the output folder ``target_dir``.

    ``options`` are the build options that change what is written (see
    :func:`options_key`).
    """
    hashes = hashes or Hashes()
    m = read_manifest(target_dir)
    if m is None:
        return Freshness(list(formats), "not built before")
    if m.get("engine") != engine_id():
        return Freshness(list(formats), "deckgen changed", m)
    if m.get("options") != options:
        return Freshness(list(formats), "the options changed", m)
    ref = m.get("theme_ref")
    if ref and _resolve_ref(ref) != m.get("theme_file"):
        return Freshness(list(formats), f"the theme '{ref['spec']}' is now another file", m)
    for path, entry in sorted(m.get("inputs", {}).items()):
        if _changed(path, entry, hashes):
            return Freshness(list(formats), f"{Path(path).name} changed", m)
    built = m.get("formats", {})
    stale = []
    why = ""
    for fmt in formats:
        if fmt not in built:
            stale.append(fmt)
            why = why or f"{fmt} was not built before"
            continue
        for name, entry in built[fmt].items():
            st = stat_or_none(Path(target_dir) / name)
            if st is None or (st.st_size, st.st_mtime_ns) != (entry["size"], entry["mtime_ns"]):
                stale.append(fmt)
                why = why or f"{name} was {'deleted' if st is None else 'changed'}"
                break
    return Freshness(stale, why, m)


def options_key(theme: str | None, strict: bool, quiz_slides: bool,
                course: Path | None = None) -> dict:
    """Return the build options that change what a build writes, as the manifest keeps them."""
    return {"theme": str(theme) if theme else None, "strict": bool(strict),
            "quiz_slides": bool(quiz_slides),
            "course": str(Path(course).resolve()) if course else None,
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None}


@dataclass
class Snapshot:
    """The inputs of a build as they were before it ran."""

    entries: dict = field(default_factory=dict)    # path -> entry (size, time, hash)

    @classmethod
    def take(cls, paths, hashes: Hashes | None = None) -> "Snapshot":
        hashes = hashes or Hashes()
        now = time.time_ns()
        entries = {}
        for p in sorted(str(x) for x in paths):
            st = stat_or_none(Path(p))
            if st is None:
                continue
            entries[p] = {"sha256": hashes.of(Path(p), st), "size": st.st_size,
                          "mtime_ns": st.st_mtime_ns,
                          "trusted": st.st_mtime_ns < now - _RACY_NS}
        return cls(entries)

    def still_holds(self) -> bool:
        """True when no input changed size or time since the snapshot."""
        for p, e in self.entries.items():
            st = stat_or_none(Path(p))
            if st is None or (st.st_size, st.st_mtime_ns) != (e["size"], e["mtime_ns"]):
                return False
        return True


def record(target_dir: Path, options: dict, ref: dict, snapshot: Snapshot,
           by_format: dict, slides: int, warnings: list[str],
           previous: dict | None = None) -> bool:
    """Write the manifest of ``target_dir`` after a build; return False when it was not kept.

    ``by_format`` maps each format built to the file names it wrote (inside
    ``target_dir``). Formats recorded by ``previous`` (a manifest of the same
    inputs and options) that were not built now are kept. When an input
    changed while the build ran, the old manifest is removed instead, so the
    next build runs again.
    """
    path = manifest_path(target_dir)
    if not snapshot.still_holds():
        try:
            path.unlink()
        except OSError:
            pass
        return False
    formats: dict = {}
    def hashes_of(entries: dict) -> dict:
        return {p: e.get("sha256") for p, e in entries.items()}

    if previous and hashes_of(previous.get("inputs", {})) == hashes_of(snapshot.entries) \
            and previous.get("options") == options and previous.get("engine") == engine_id():
        formats.update(previous.get("formats", {}))
    for fmt, names in by_format.items():
        files = {}
        for name in names:
            st = stat_or_none(Path(target_dir) / name)
            if st is not None:
                files[str(name)] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
        formats[fmt] = files
    data = {"manifest": _VERSION, "engine": engine_id(), "options": options,
            "theme_ref": ref, "theme_file": _resolve_ref(ref), "inputs": snapshot.entries,
            "formats": formats, "slides": slides, "warnings": list(warnings)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
            os.chmod(tmp, 0o666 & ~_umask())    # mkstemp makes it private
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def forget(target_dir: Path) -> None:
    """Remove the manifest of ``target_dir`` (its next build runs in full)."""
    try:
        manifest_path(target_dir).unlink()
    except OSError:
        pass
