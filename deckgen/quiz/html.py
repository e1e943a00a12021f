"""Content text (inline ``**bold**``, ``*italic*``, links) as HTML for LMS exports."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from deckgen.content.markup import parse
from deckgen.content.urls import safe_url


def to_html(text: str) -> str:
    """Return content text as HTML: ``<strong>``, ``<em>`` and ``<a href>``; all else escaped.

    ``->`` is written ``-&gt;`` anyway, so a text never looks like GIFT's
    matching arrow.
    """
    out = []
    for run in parse(text):
        body = escape(run.text)
        if run.bold:
            body = f"<strong>{body}</strong>"
        if run.italic:
            body = f"<em>{body}</em>"
        url = safe_url(run.url) if run.url else None
        if url:
            body = f"<a href={quoteattr(url)}>{body}</a>"
        out.append(body)
    return "".join(out).replace("\n", "<br>")
