"""Inline markup in content text: ``**bold**``, ``*italic*`` and links.

Everything else is literal. The result is a list of :class:`Run`, which every
writer renders in its own way; no writer parses markup itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from deckgen.content.urls import safe_url


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; ``url`` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


_TOKEN = re.compile(
    r"\[(?P<label>[^\]\n]+)\]\((?P<url>(?:https?://|mailto:)[^)\s]+)\)"
    r"|(?P<bold>\*\*(?=\S)(?P<btext>.+?)(?<=\S)\*\*)"
    r"|(?P<ital>(?<![\*\w])\*(?=[^\s*])(?P<itext>.+?)(?<=[^\s*])\*(?![\*\w]))",
    re.S,
)


@lru_cache(maxsize=4096)
def parse(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Return the runs of ``text``, with ``bold``/``italic`` as the base style."""
    runs: list[Run] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], bold, italic))
        if m.group("label") is not None:
            url = safe_url(m.group("url")) or ""   # an unsafe address stays plain text
            for r in parse(m.group("label"), bold, italic):
                runs.append(Run(r.text, r.bold, r.italic, url))
        elif m.group("bold") is not None:
            runs.extend(parse(m.group("btext"), True, italic))
        else:
            runs.extend(parse(m.group("itext"), bold, True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return tuple(r for r in runs if r.text)


def plain(text: str) -> str:
    """Return the text with markup removed (for alt text, titles, sorting)."""
    return "".join(r.text for r in parse(text))
