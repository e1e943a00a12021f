"""Which way a paragraph runs: right to left when its first strong letter is Arabic or Hebrew.

This is rule P2 of the Unicode bidirectional algorithm (the paragraph takes
the direction of its first strong character); the writers mark such
paragraphs right-to-left (``rtl="1"`` in a pptx, ``w:bidi`` in Word), and the
viewers lay out the characters inside them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def is_rtl(text: str) -> bool:
    """True when the first strongly directional character of ``text`` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
