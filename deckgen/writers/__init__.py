"""Output formats: one registry from format name to writer.

A writer takes the planned deck, the content, the theme and a target path,
and writes one file. ``build`` writes every format to a temporary file first,
so a writer never needs to care about half-written output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import DeckgenError, one_of


@dataclass(frozen=True)
class Writer:
    """A format: the file name suffix it writes and the function that writes it."""

    name: str
    suffix: str
    write: Callable   # (deck, content, theme, path) -> None
    doc: str = ""


def _pptx(deck, content, theme, path: Path) -> None:
    from .pptx_writer import write_pptx
    write_pptx(deck, theme, path)


WRITERS: dict[str, Writer] = {
    "pptx": Writer("pptx", ".pptx", _pptx, "PowerPoint deck with native charts"),
}


def get_writers(names: list[str]) -> list[Writer]:
    """Return the writers for format names; an unknown name lists the known ones."""
    out = []
    for name in names:
        key = name.strip().lower()
        if key not in WRITERS:
            from ..errors import did_you_mean
            raise DeckgenError(f"found the format '{name}'; allowed: {one_of(WRITERS)}",
                               path="--formats", hint=did_you_mean(key, WRITERS))
        out.append(WRITERS[key])
    return out
