"""Colour arithmetic every renderer shares: ``RRGGBB`` strings, mixing, WCAG luminance.

One definition, so the pptx, the preview, the handouts and the contrast
checks compute the same colour for the same fill.
"""

from __future__ import annotations


def channels(hex6: str) -> tuple[int, int, int]:
    """Return the red, green and blue of an ``RRGGBB`` colour (0..255 each)."""
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def mix(a: str, b: str, t: float) -> str:
    """Return colour ``a`` moved a share ``t`` towards ``b`` (both ``RRGGBB``)."""
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(channels(a), channels(b)))


def luminance(hex6: str) -> float:
    """Return the WCAG relative luminance of an ``RRGGBB`` colour (0 black .. 1 white)."""
    def chan(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = channels(hex6)
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def ratio(fg: str, bg: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``RRGGBB`` colours (1 .. 21)."""
    a, b = luminance(fg), luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def on_color(bg: str, dark: str = "1A1A1A") -> str:
    """Return white or ``dark``, whichever has the higher contrast on ``bg``."""
    return "FFFFFF" if ratio("FFFFFF", bg) >= ratio(dark, bg) else dark
