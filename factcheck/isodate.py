"""Dates at the precision a text or a rule gives them: "2025", "2025-11", "2025-11-17"."""

from __future__ import annotations

import datetime as dt
import re

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_ISO = re.compile(ISO_DATE)


def iso_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date at any precision ("2025", "2025-11", "2025-11-17")."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def partial_date(value) -> str:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD (or a year as a number, or a date) as ISO
    text at that precision; ValueError when it is none of these or cannot exist."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if isinstance(value, bool) or not _ISO.match(text):
        raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD, or YYYY-MM or YYYY when the day is unknown")
    try:
        iso_bounds(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a date that exists") from None
    return text
