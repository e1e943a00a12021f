"""Handouts: documents to read after the talk, as PDF and DOCX.

Two steps, as for the deck: a *style* turns content into a format-neutral
:class:`~deckgen.handout.blocks.Handout` (pure), then a *format* renders
those blocks (``pdf`` as tagged PDF/UA through Typst, ``docx`` with
python-docx). A new style is a function in :data:`STYLES`; a new format a
function in :data:`FORMATS`; neither touches the other.

The ``slides`` (three slides a page with lines for notes; 1, 2, 4 or 6 on
request) and ``notes`` (one slide a page with its speaker notes) styles
place pictures of the slides from the preview painter
(:mod:`deckgen.handout.slides`).
"""
