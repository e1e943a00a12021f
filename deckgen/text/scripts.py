"""Which writing systems a deck's text uses, and which fonts can draw them.

PowerPoint picks a font per script: a run's Latin, East Asian (``ea``) and
complex-script (``cs``) typefaces, and the theme's font scheme, which names
one font per script (``<a:font script="Hang" typeface="Malgun Gothic"/>``).
deckgen names, for every script, a font PowerPoint has on Windows and one it
has on macOS (:data:`SCRIPTS`), and knows which scripts the fonts it names
cover (:data:`COVERS`), so ``deckgen check`` can say when text uses a script
that no named, shipped or embedded font draws, and when the machine it runs
on has no font for it (LibreOffice there would show empty boxes).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A writing system: its ECMA-376 script tag, its name and where it lives in Unicode."""

    tag: str                        # the font scheme's script tag (ECMA-376 §20.1.4.1.16)
    name: str                       # for people
    ranges: tuple[tuple[int, int], ...]
    windows: str                    # a font PowerPoint on Windows has for it
    macos: str                      # ... and on macOS
    debian: str                     # the Debian package with an open font for it


#: The scripts deckgen recognises beyond Latin, Greek and Cyrillic (which every
#: theme font deckgen ships draws). Ranges are Unicode blocks.
SCRIPTS: tuple[Script, ...] = (
    Script("Hang", "Hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F),
                              (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)),
           "Malgun Gothic", "Apple SD Gothic Neo", "fonts-noto-cjk"),
    Script("Jpan", "Japanese kana", ((0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF)),
           "Yu Gothic", "Hiragino Sans", "fonts-noto-cjk"),
    Script("Hani", "Chinese characters", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                                          (0x20000, 0x2FA1F)),
           "Microsoft YaHei", "PingFang SC", "fonts-noto-cjk"),
    Script("Arab", "Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
                              (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
           "Arial", "Geeza Pro", "fonts-noto-core"),
    Script("Hebr", "Hebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
           "Arial", "Arial Hebrew", "fonts-noto-core"),
    Script("Thai", "Thai", ((0x0E00, 0x0E7F),), "Leelawadee UI", "Thonburi", "fonts-thai-tlwg"),
    Script("Deva", "Devanagari", ((0x0900, 0x097F),), "Nirmala UI", "Kohinoor Devanagari",
           "fonts-noto-core"),
    Script("Beng", "Bengali", ((0x0980, 0x09FF),), "Nirmala UI", "Kohinoor Bangla",
           "fonts-noto-core"),
    Script("Taml", "Tamil", ((0x0B80, 0x0BFF),), "Nirmala UI", "Tamil Sangam MN",
           "fonts-noto-core"),
    Script("Geor", "Georgian", ((0x10A0, 0x10FF),), "Sylfaen", "Helvetica", "fonts-noto-core"),
    Script("Armn", "Armenian", ((0x0530, 0x058F),), "Sylfaen", "Helvetica", "fonts-noto-core"),
    Script("Ethi", "Ethiopic", ((0x1200, 0x139F),), "Nyala", "Kefa", "fonts-noto-core"),
)
BY_TAG = {s.tag: s for s in SCRIPTS}

_CJK = frozenset({"Hang", "Hani", "Jpan"})
#: Scripts the fonts PowerPoint names cover (lower-case names; local names too).
COVERS: dict[str, frozenset] = {
    "malgun gothic": frozenset({"Hang", "Hani"}), "맑은 고딕": frozenset({"Hang", "Hani"}),
    "apple sd gothic neo": frozenset({"Hang"}), "batang": frozenset({"Hang", "Hani"}),
    "gulim": frozenset({"Hang", "Hani"}), "nanumgothic": frozenset({"Hang", "Hani"}),
    "nanum gothic": frozenset({"Hang", "Hani"}),
    "noto sans cjk kr": _CJK, "noto sans cjk jp": _CJK, "noto sans cjk sc": _CJK,
    "noto sans cjk tc": _CJK, "noto sans kr": frozenset({"Hang", "Hani"}),
    "yu gothic": frozenset({"Jpan", "Hani"}), "meiryo": frozenset({"Jpan", "Hani"}),
    "ms gothic": frozenset({"Jpan", "Hani"}), "ｍｓ ｐゴシック": frozenset({"Jpan", "Hani"}),
    "hiragino sans": frozenset({"Jpan", "Hani"}),
    "microsoft yahei": frozenset({"Hani"}), "simsun": frozenset({"Hani"}),
    "宋体": frozenset({"Hani"}), "新細明體": frozenset({"Hani"}),
    "microsoft jhenghei": frozenset({"Hani"}), "pingfang sc": frozenset({"Hani"}),
    "arial": frozenset({"Arab", "Hebr"}), "times new roman": frozenset({"Arab", "Hebr"}),
    "segoe ui": frozenset({"Arab", "Hebr", "Geor", "Armn"}), "tahoma": frozenset({"Arab", "Hebr", "Thai"}),
    "geeza pro": frozenset({"Arab"}), "arial hebrew": frozenset({"Hebr"}),
    "leelawadee ui": frozenset({"Thai"}), "thonburi": frozenset({"Thai"}),
    "cordia new": frozenset({"Thai"}), "angsana new": frozenset({"Thai"}),
    "nirmala ui": frozenset({"Deva", "Beng", "Taml"}), "mangal": frozenset({"Deva"}),
    "vrinda": frozenset({"Beng"}), "latha": frozenset({"Taml"}),
    "kohinoor devanagari": frozenset({"Deva"}), "kohinoor bangla": frozenset({"Beng"}),
    "tamil sangam mn": frozenset({"Taml"}),
    "sylfaen": frozenset({"Geor", "Armn"}), "nyala": frozenset({"Ethi"}), "kefa": frozenset({"Ethi"}),
}


def scheme_fonts(east_asian: str = "") -> dict[str, str]:
    """Return the font scheme's script fonts: ECMA-376 script tag -> a Windows font.

    Han characters take the simplified-Chinese slot (``Hans``) with a
    traditional one beside it; Hangul takes ``east_asian`` when that font
    covers Hangul.
    """
    out = {("Hans" if s.tag == "Hani" else s.tag): s.windows for s in SCRIPTS}
    out["Hant"] = "Microsoft JhengHei"
    if east_asian and "Hang" in covered_by(east_asian):
        out["Hang"] = east_asian
    return out


def script_of(ch: str) -> Script | None:
    """Return the tracked script of one character (None for Latin, digits, punctuation)."""
    cp = ord(ch)
    if cp < 0x0530:
        return None
    for s in SCRIPTS:
        for lo, hi in s.ranges:
            if lo <= cp <= hi:
                return s
    return None


def scripts_in(text: str) -> dict[str, str]:
    """Return the tracked scripts ``text`` uses: tag -> the first few characters met."""
    out: dict[str, str] = {}
    for ch in text:
        s = script_of(ch)
        if s is not None:
            seen = out.get(s.tag, "")
            if len(seen) < 4 and ch not in seen:
                out[s.tag] = seen + ch
    return out


def covered_by(font: str) -> frozenset:
    """Return the tracked scripts a named font covers (empty when deckgen does not know it)."""
    return COVERS.get(font.strip().lower(), frozenset())


def machine_has(sample: str) -> bool | None:
    """Say whether any font installed on this machine has ``sample``'s first character.

    Asks fontconfig (``fc-list :charset=…``), which is what LibreOffice uses
    on Linux; None when the machine has no fontconfig (Windows, macOS), where
    PowerPoint's own fonts draw the text.
    """
    fc = shutil.which("fc-list")
    if fc is None:
        return None
    try:
        done = subprocess.run([fc, f":charset={ord(sample[0]):x}", "family"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return bool(done.stdout.strip())
