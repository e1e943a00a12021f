"""Probability yardsticks: the words analysts use and the ranges they mean.

Two scales are known: the UK Probability Yardstick (``phia``, the default)
and the US ICD 203 scale (``icd203``). A likelihood in content is a word of
the chosen scale or a probability (``0.3``, ``"30%"``, ``"25-35%"``); either
way it resolves to a :class:`Likelihood` with a range and the scale's word.
"""

from __future__ import annotations

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
