"""Numbers in quizzes: options around a figure, formatting, and numbers in text.

Options for "what is the figure?" questions follow the idea of R/exams'
``num_to_schoice``: wrong values on both sides of the right one, distinct,
plausible and shown in ascending order, with the right one at a position
the caller asks for (so right answers spread over positions). Two choices
make them plausible here:

- wrong values are as *round* as the right one (a figure of 60 gets 30 and
  120, not 31.7 and 118.4; 74.2 gets one decimal like it), so precision
  gives nothing away;
- counts and amounts spread by factors (8 million next to 4 and 18
  million), percentages by points within 0–100 %, as a reader would guess.
"""

from __future__ import annotations

import math
import random
import re
from decimal import ROUND_HALF_UP, Decimal

PERCENT_UNITS = ("%", "per cent", "percent")
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
           "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion|"
                  r"trillion|bn|mn|tn|k|m)\b)?", re.I)


def quantum(x: float) -> Decimal:
    """Return the place of the last significant digit of ``x`` (60 -> 10, 74.2 -> 0.1).

    Never finer than 0.01, the precision figures are shown with.
    """
    d = Decimal(repr(float(x))) if isinstance(x, float) else Decimal(int(x))
    if d == 0:
        return Decimal(1)
    exp = d.normalize().as_tuple().exponent
    return max(Decimal(1).scaleb(exp), Decimal("0.01"))


def decimals(q: Decimal) -> int:
    """Return how many decimals a quantum shows (0.1 -> 1, 10 -> 0)."""
    return max(0, -q.as_tuple().exponent)


def fmt(value, places: int, unit: str = "") -> str:
    """Return a number or (low, high) range as the deck shows it: ``1.7–5.5 USD bn``.

    ``places`` fixes the decimals so options look alike (66.0 next to 74.2).
    Years (whole numbers 1000–2100 without a unit) have no thousands comma.
    """
    group = "" if is_year(unit, value) else ","

    def one(v) -> str:
        return f"{float(v):{group}.{places}f}"
    text = f"{one(value[0])}–{one(value[1])}" if isinstance(value, tuple) else one(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def places_for(value) -> int:
    """Return the decimals a figure's value is shown with (at most 2)."""
    vals = value if isinstance(value, tuple) else (value,)
    return max(decimals(quantum(v)) for v in vals)


def _round(v: float, q: Decimal) -> Decimal:
    return (Decimal(repr(float(v))) / q).to_integral_value(ROUND_HALF_UP) * q


def _is_percent(unit: str, lo: float, hi: float) -> bool:
    return unit.strip().lower() in PERCENT_UNITS and 0 <= lo and hi <= 100


def is_year(unit: str, value) -> bool:
    """True for whole numbers 1000–2100 without a unit: years."""
    vals = value if isinstance(value, tuple) else (value,)
    return not unit and all(isinstance(v, int) and 1000 <= v <= 2100 for v in vals)


def numeric_options(value, unit: str, position: int, rng: random.Random,
                    n: int = 4) -> tuple[tuple, int] | None:
    """Return (option values ascending, index of the right one), or None.

    ``value`` is a number or a (low, high) range; ``position`` is where the
    right value should stand (0 = smallest). When that position cannot be
    filled (a percentage near 0, say), the nearest one that can is used.
    """
    vals = value if isinstance(value, tuple) else (value,)
    q = min(quantum(v) for v in vals)
    lo, hi = min(vals), max(vals)
    if _is_percent(unit, lo, hi):
        mode, bounds = "add", (Decimal(0), Decimal(100))
        q = min(q, Decimal(10))  # 100 % may have 90 % beside it
    elif is_year(unit, value):
        mode, bounds = "year", (None, None)
    elif lo <= 0:
        mode, bounds = "add", (None, None)
    else:
        mode, bounds = "mul", (Decimal(0), None)
    order = sorted(range(n), key=lambda p: (abs(p - position), p))
    for pos in order:
        for _ in range(25):
            got = _attempt(vals, q, mode, bounds, pos, n - 1 - pos, rng)
            if got is not None:
                opts = [tuple(o) if len(o) > 1 else o[0] for o in got]
                return tuple(opts), pos
    return None


def _attempt(vals, q, mode, bounds, below, above, rng):
    right = [Decimal(repr(float(v))) if isinstance(v, float) else Decimal(v) for v in vals]
    lo_b, hi_b = bounds
    out = [right]
    if mode == "mul":
        base = rng.uniform(1.6, 2.3)
        steps = [(-1, i) for i in range(1, below + 1)] + [(1, i) for i in range(1, above + 1)]
        for sign, i in steps:
            f = base ** i * rng.uniform(0.92, 1.08)
            out.append([_round(float(v) * (f if sign > 0 else 1 / f), q) for v in right])
    else:
        if mode == "year":
            step = max(Decimal(1), q) * rng.choice((2, 3, 4))
        else:
            ref = max(abs(float(v)) for v in right)
            if lo_b is not None and hi_b is not None:  # percent: room on the nearer side
                ref = max(min(float(min(right)), 100 - float(max(right))), 10.0)
            step = max(q, _round(0.3 * ref, q))
        for sign, count in ((-1, below), (1, above)):
            for i in range(1, count + 1):
                off = _round(float(step) * i * rng.uniform(0.8, 1.2), q)
                off = max(off, q * i)
                out.append([v + sign * off for v in right])
    flat = [tuple(o) for o in out]
    if len(set(flat)) != len(flat):
        return None
    for o in out:
        if lo_b is not None and any(v <= lo_b for v in o):
            return None
        # "1 bands" reads badly and 1 is rarely a plausible count: whole counts start at 2.
        if mode == "mul" and q >= 1 and o is not right and any(v < 2 for v in o):
            return None
        if hi_b is not None and any(v >= hi_b for v in o) and o is not right:
            return None
        if len(o) == 2 and o[0] >= o[1]:
            return None
    ordered = sorted(out, key=lambda o: o[0])
    if ordered.index(right) != below:
        return None
    # Neighbours must differ clearly, or two options read as the same answer.
    for a, b in zip(ordered, ordered[1:]):
        if mode == "mul" and float(b[0]) / float(a[0]) < 1.3:
            return None
        if mode == "add" and b[0] - a[0] < q:
            return None
    return [[_num(v) for v in o] for o in ordered]


def _num(d: Decimal):
    return int(d) if d == d.to_integral_value() else float(d)


def numbers_in(text: str) -> list[float]:
    """Return the numbers written in ``text``, scale words applied ("8 million" -> 8e6)."""
    out = []
    for m in _NUM.finditer(text):
        v = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        scale = (m.group(3) or "").lower()
        out.append(v * _SCALES.get(scale, 1))
    return out


def same_number(a: float, b: float) -> bool:
    """True when two numbers are equal up to float noise."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
