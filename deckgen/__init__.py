"""deckgen: one content file in; a designed deck, handouts and quizzes out."""

__version__ = "0.1.0"
