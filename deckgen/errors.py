"""Errors a user can cause, each with a place in a file and a key path.

Every problem in content or theme files is a :class:`DeckgenError` carrying
``file:line:column``, the key path (``concerns[2].impact``), what was found and
what is allowed. The command line prints these without a traceback; anything
else is a bug in deckgen and keeps its traceback.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence

#: Exit code for content or theme problems the user must fix.
EXIT_USER = 2
#: Exit code for a bug in deckgen.
EXIT_BUG = 1


@dataclass(frozen=True)
class Loc:
    """A place in a source file: 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


class DeckgenError(Exception):
    """A problem the user can fix: located, with what was found and allowed."""

    exit_code = EXIT_USER

    def __init__(self, message: str, loc: Loc | None = None, path: str = "",
                 hint: str = "") -> None:
        self.message = message
        self.loc = loc
        self.path = path
        self.hint = hint
        super().__init__(self.render())

    def located(self, loc: Loc | None) -> "DeckgenError":
        """Return this error placed at ``loc`` when it has no place of its own (a copy)."""
        if self.loc is not None or loc is None:
            return self
        other = copy.copy(self)
        other.loc = loc
        Exception.__init__(other, other.render())
        return other

    def render(self) -> str:
        """Return the one-paragraph message a user sees."""
        head = str(self.loc) + ": " if self.loc else ""
        where = f"{self.path}: " if self.path else ""
        text = f"{head}{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ContentError(DeckgenError):
    """A content file that cannot be used."""


class ThemeError(DeckgenError):
    """A theme file that cannot be used."""


class OutputError(DeckgenError):
    """An output that cannot be written (a folder we may not write, say)."""


class ErrorList(DeckgenError):
    """Several problems found in one pass; all are reported together."""

    def __init__(self, errors: Sequence[DeckgenError]) -> None:
        self.errors = list(errors)
        self.exit_code = max((e.exit_code for e in self.errors), default=EXIT_USER)
        Exception.__init__(self, self.render())
        self.message = self.render()
        self.loc = None
        self.path = ""
        self.hint = ""

    def render(self) -> str:
        n = len(self.errors)
        lines = [e.render() for e in self.errors]
        lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
        return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``did you mean 'x'?`` for the nearest choice, or ``''``."""
    near = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else ""


def one_of(choices: Iterable[str]) -> str:
    """Return the allowed values as ``'a', 'b' or 'c'``."""
    items = [f"'{c}'" for c in choices]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
