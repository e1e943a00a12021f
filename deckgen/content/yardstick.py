"""Probability yardsticks: the words analysts use and the ranges they mean.

Two scales are known: the UK Probability Yardstick (``phia``, the default)
and the US ICD 203 scale (``icd203``). A likelihood in content is a word of
the chosen scale or a probability (``0.3``, ``"30%"``, ``"25-35%"``); either
way it resolves to a :class:`Likelihood` with a range and the scale's word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """One word of a yardstick and the probability range it stands for."""

    word: str
    low: float
    high: float


YARDSTICKS: dict[str, tuple[Band, ...]] = {
    "phia": (
        Band("remote", 0.00, 0.05),
        Band("highly unlikely", 0.10, 0.20),
        Band("unlikely", 0.25, 0.35),
        Band("realistic possibility", 0.40, 0.50),
        Band("likely", 0.55, 0.75),
        Band("highly likely", 0.80, 0.90),
        Band("almost certain", 0.95, 1.00),
    ),
    "icd203": (
        Band("almost no chance", 0.01, 0.05),
        Band("very unlikely", 0.05, 0.20),
        Band("unlikely", 0.20, 0.45),
        Band("roughly even chance", 0.45, 0.55),
        Band("likely", 0.55, 0.80),
        Band("very likely", 0.80, 0.95),
        Band("almost certain", 0.95, 0.99),
    ),
}

#: Words that mean the same band as another word of the scale.
SYNONYMS: dict[str, dict[str, str]] = {
    "phia": {"probable": "likely"},
    # ICD 203 pairs each term with a second wording of the same band.
    "icd203": {"remote": "almost no chance", "highly improbable": "very unlikely",
               "improbable": "unlikely", "roughly even odds": "roughly even chance",
               "probable": "likely", "highly probable": "very likely",
               "nearly certain": "almost certain"},
}

YARDSTICK_TITLES = {"phia": "UK Probability Yardstick", "icd203": "ICD 203 (US)"}


@dataclass(frozen=True)
class Likelihood:
    """A resolved likelihood: its range, the scale word and what was written."""

    low: float
    high: float
    word: str
    written: str
    yardstick: str

    @property
    def mid(self) -> float:
        """Return the middle of the range."""
        return (self.low + self.high) / 2

    def percent(self) -> str:
        """Return the range as a person writes it: ``55–75 %`` or ``30 %``."""
        lo, hi = round(self.low * 100), round(self.high * 100)
        return f"{lo} %" if lo == hi else f"{lo}–{hi} %"


def words(yardstick: str) -> list[str]:
    """Return the words of a yardstick, with synonyms, least likely first."""
    base = [b.word for b in YARDSTICKS[yardstick]]
    return base + [w for w in SYNONYMS.get(yardstick, {}) if w not in base]


def band_for(p: float, yardstick: str) -> Band:
    """Return the band whose range holds ``p``, or the nearest (gaps fall between)."""
    bands = YARDSTICKS[yardstick]
    for b in bands:
        if b.low <= p <= b.high:
            return b
    return min(bands, key=lambda b: min(abs(p - b.low), abs(p - b.high)))


_PCT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*%?)?\s*$")


def parse_likelihood(text: str, yardstick: str) -> Likelihood | str:
    """Resolve what was written to a :class:`Likelihood`, or return an error text.

    A number up to 1 (``0.3``) is a probability; ``"30%"``, ``30`` and
    ``"25-35%"`` are percentages. Returns ``""`` when the text is neither a
    word of the scale nor a probability.
    """
    raw = text.strip()
    key = " ".join(raw.lower().split())
    syn = SYNONYMS.get(yardstick, {})
    key = syn.get(key, key)
    for b in YARDSTICKS[yardstick]:
        if b.word == key:
            return Likelihood(b.low, b.high, b.word, raw, yardstick)
    m = _PCT.match(raw)
    if m:
        lo = float(m.group(1))
        hi = float(m.group(2)) if m.group(2) else lo
        # "30%" and "30" are percentages; 0.3 is a fraction of one.
        if "%" in raw or lo > 1 or hi > 1:
            lo, hi = lo / 100, hi / 100
        if not (0 <= lo <= 1 and 0 <= hi <= 1):
            return "a probability outside 0–100 %"
        if hi < lo:
            return "a range whose low end is above its high end"
        mid = (lo + hi) / 2
        return Likelihood(lo, hi, band_for(mid, yardstick).word, raw, yardstick)
    return ""


# -- a word that is not on the file's yardstick -------------------------------------------

#: What a lecturer calls each yardstick in a sentence ("the nearest UK word"), and its
#: words with their article ("an ICD 203 word").
SHORT_NAMES = {"phia": "UK", "icd203": "ICD 203"}
A_WORD_OF = {"phia": "a UK word", "icd203": "an ICD 203 word"}

#: Common phrasings that are on neither yardstick, with the probability they are
#: usually read as. A suggestion goes by this meaning, not by spelling: 'probably
#: not' is close in letters to 'probable' and means the opposite.
PHRASES: dict[str, float] = {
    "no chance": 0.01, "impossible": 0.01, "almost impossible": 0.03,
    "virtually impossible": 0.03, "remote chance": 0.03, "remote possibility": 0.04,
    "very improbable": 0.1, "very doubtful": 0.1, "little chance": 0.1,
    "slight chance": 0.1, "small chance": 0.15, "doubtful": 0.25,
    "probably not": 0.3, "likely not": 0.3, "not likely": 0.3, "not probable": 0.3,
    "possible": 0.45, "possibly": 0.45, "perhaps": 0.45, "maybe": 0.5, "might": 0.45,
    "may": 0.45, "could": 0.45, "real possibility": 0.45, "realistic chance": 0.45,
    "even chance": 0.5, "even odds": 0.5, "fifty fifty": 0.5, "50/50": 0.5, "toss up": 0.5,
    "about even": 0.5, "probably": 0.65, "good chance": 0.65, "fair chance": 0.55,
    "more likely than not": 0.6, "plausible": 0.5, "expected": 0.7,
    "strong chance": 0.75, "strong possibility": 0.75, "very probable": 0.85,
    "most likely": 0.85, "extremely likely": 0.92, "almost certainly": 0.97,
    "virtually certain": 0.97, "near certain": 0.97, "near certainty": 0.97,
    "certain": 0.99, "certainly": 0.99, "definite": 0.99, "definitely": 0.99,
}


def _key(text: str) -> str:
    # one spelling of a phrase: any case, hyphens and extra spaces alike, no full stop
    return " ".join(text.lower().replace("-", " ").replace("‑", " ").split()).rstrip(".!")


def band_of_word(text: str, yardstick: str) -> Band | None:
    """Return the band a word (or a synonym) stands for on ``yardstick``, or None."""
    key = _key(text)
    key = SYNONYMS.get(yardstick, {}).get(key, key)
    return next((b for b in YARDSTICKS[yardstick] if b.word == key), None)


def percent_of(band: Band) -> str:
    """Return a band's range as a person writes it: ``5–20 %``."""
    return f"{round(band.low * 100)}–{round(band.high * 100)} %"


def nearest_word(p: float, yardstick: str) -> Band:
    """Return the band of ``yardstick`` whose middle is nearest the probability ``p``.

    When two bands are as near, the lower one is taken (a cautious reading).
    """
    return min(YARDSTICKS[yardstick], key=lambda b: abs((b.low + b.high) / 2 - p))


@dataclass(frozen=True)
class Elsewhere:
    """A word of the other yardstick: where it belongs and the nearest word here."""

    other: str       # the yardstick the word belongs to
    band: Band       # its band there
    nearest: Band    # the nearest band of the file's yardstick


def other_yardstick(text: str, yardstick: str) -> Elsewhere | None:
    """Return where ``text`` belongs when it is a word of another yardstick, else None."""
    if band_of_word(text, yardstick) is not None:
        return None
    for other in YARDSTICKS:
        band = band_of_word(text, other) if other != yardstick else None
        if band is not None:
            return Elsewhere(other, band, nearest_word((band.low + band.high) / 2, yardstick))
    return None


def by_meaning(text: str, yardstick: str) -> Band | None:
    """Return the band of ``yardstick`` a common phrasing means, or None when unknown."""
    p = PHRASES.get(_key(text))
    return None if p is None else nearest_word(p, yardstick)


def word_in_band(band: Band, yardstick: str, written: str) -> str:
    """Return the word of ``band`` to suggest for ``written``: the band's own word, or a
    synonym of it spelled almost as written (``probably`` -> ``probable``)."""
    key = _key(written)
    close = [(difflib.SequenceMatcher(None, key, w).ratio(), w)
             for w, base in SYNONYMS.get(yardstick, {}).items() if base == band.word]
    best = max(close, default=(0.0, band.word))
    return best[1] if best[0] >= 0.75 else band.word
