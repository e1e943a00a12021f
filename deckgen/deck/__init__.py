"""Stage 2 and 3, the deck: the storyline plans slides from content, the design places every box.

``model`` is the closed set of slide kinds, ``storyline`` turns content
into a planned :class:`model.Deck` (pure, warnings as data), ``design``
measures and places it (:class:`deckgen.layout.placed.PlacedDeck`);
``charts`` resolves each chart once into the description every renderer
draws; ``quizslides`` adds quiz questions as slides.
"""
