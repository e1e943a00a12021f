"""Small text helpers for quiz wording: dates as people write them, key words."""

from __future__ import annotations

import re

from deckgen.content.dates import long_date
from deckgen.content.markup import plain

_STOP = frozenset("""a an the and or of for in on to at by with from as is are was were be been
this that these those it its their his her our your than then so such not no into onto over
under about after before since per via which who whom what when where why how all any each
s t""".split())
_WORD = re.compile(r"[^\W\d_]+", re.U)




def when(date: str) -> str:
    """Return `` in June 2024`` or `` on 18 October 2024`` for a date, or ``''``."""
    if not date:
        return ""
    return f" {'on' if date.count('-') == 2 else 'in'} {long_date(date)}"


def date_span(date: str) -> tuple[tuple, tuple]:
    """Return the first and last day a date stands for: ``2024`` is all of 2024."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return (parts[0], 1, 1), (parts[0], 12, 31)
    if len(parts) == 2:
        return (parts[0], parts[1], 1), (parts[0], parts[1], 31)
    return tuple(parts), tuple(parts)


def key_words(text: str) -> set[str]:
    """Return the content words of a text, lower case, a plural ``s`` stripped."""
    out = set()
    for w in _WORD.findall(plain(text).lower()):
        if w in _STOP or len(w) < 3:
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def quoted(text: str) -> str:
    """Return text in typographic quotes, without a closing full stop."""
    return f"“{text.strip().rstrip('.')}”"


def cap(text: str) -> str:
    """Return text with its first letter in upper case."""
    return text[:1].upper() + text[1:]
