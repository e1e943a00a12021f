"""Units and the rectangle every placed item lives in (EMU: 914,400 to the inch)."""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_PT = 12700
EMU_PER_IN = 914400

DEFAULT_FONT = "Calibri"


@dataclass(frozen=True)
class Box:
    """A rectangle in EMU."""

    x: int
    y: int
    w: int
    h: int

    def inset(self, dx: int, dy: int | None = None) -> "Box":
        """Return the box shrunk by dx on the left and right, dy top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(self.w - 2 * dx, 1), max(self.h - 2 * dy, 1))
