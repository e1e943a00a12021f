"""Dates as readers read them, on slides, in handouts and in quiz questions alike."""

from __future__ import annotations

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def long_date(date: str) -> str:
    """Return ``2024-10-18`` as ``18 October 2024``, ``2024-06`` as ``June 2024`` (British order)."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
