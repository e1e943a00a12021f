"""Cut text to the hard limits some formats have.

Word's core properties (title, subject, author, keywords) hold at most 255
characters and python-docx refuses more; a content file's title may be up to
5,000. Such text is cut at a word where one is near, and ends with '…'.
"""

from __future__ import annotations

#: The longest text a DOCX or PPTX core property may hold.
CORE_PROPERTY = 255


def cut(text: str, limit: int = CORE_PROPERTY) -> str:
    """Return ``text`` if it fits in ``limit`` characters, else its start and '…'."""
    text = text or ""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    if space >= limit * 3 // 4:     # end on a whole word when that loses little
        head = head[:space]
    return head.rstrip() + "…"
