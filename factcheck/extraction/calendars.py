"""Dates as written (atoms: any part may be missing) and the calendars they are written in: the
solar hijri (Iranian) and lunar hijri calendars converted to Gregorian, ISO bounds at the text's
precision, and the year a day and month without one most likely have."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CALENDARS = {"months": "gregorian", "solar_months": "solar_hijri", "lunar_months": "lunar_hijri"}
DIGITS = re.compile(r"\d*")  # the digits a token starts with
# digits, up to two more joined by dashes, and letters after them: "17–28", "2025-2028-ci", "21-də", "13th"
COMPOUND = re.compile(r"(\d+)(?:[-–—](\d+))?(?:[-–—](\d+))?(?:[-'’ʼ`]?([^\W\d_]+))?")
YEAR_RANGE = {"gregorian": (1800, 2100), "solar_hijri": (1200, 1499), "lunar_hijri": (1340, 1500)}


def leading_digits(text: str) -> str:
    """The digits ``text`` starts with ("2025" of "2025-ci"; "" of "Nov")."""
    m = DIGITS.match(text)  # ``\d*`` matches at the start of any text
    return m.group() if m else ""


@dataclass
class Atom:
    """A date as written: any of its parts may be missing."""

    first: int
    last: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "gregorian"
    bare: bool = False  # a four-digit number with nothing that says it is a year


def compatible(left: Atom, right: Atom) -> bool:
    """Can ``left`` open a range that ``right`` closes? (Not a day written in two calendars:
    "۳۱ اردیبهشت ۱۴۰۳ - ۱۲ ذی القعده ۱۴۴۵".)"""
    if left.month is not None and left.calendar != right.calendar:
        return False
    if left.month is None and left.year is None:  # a lone day: "26 تا 28 آبان"
        return right.day is not None and right.month is not None
    if left.year is not None and right.year is not None and (left.calendar == right.calendar or right.month is None):
        # each end says its year, at any precision: "2026 تا 2029", "May 2015 to 2018", "2015 ve 5 Ocak 2018 arası"
        return (left.year, left.month or 1, left.day or 1) <= (right.year, right.month or 12, right.day or 31)
    if left.month is None:
        return False
    # a month, or a day and month, whose year the end gives: "1 Şubat ve Mart 2019 arası", "from March to May"
    return right.month is not None and (left.day is None or right.day is not None or right.year is not None)


def to_gregorian(calendar: str, y: int, m: int, d: int) -> dt.date:
    if calendar == "gregorian":
        return dt.date(y, m, d)
    if calendar == "solar_hijri":
        import jdatetime

        return jdatetime.date(y, m, d).togregorian()
    from hijridate import Hijri

    return Hijri(y, m, d, validate=True).to_gregorian()


def _month_length(calendar: str, y: int, m: int) -> int:
    for d in (31, 30, 29, 28):
        try:
            to_gregorian(calendar, y, m, d)
            return d
        except (ValueError, OverflowError):
            continue
    raise ValueError(f"month {m} of {y} does not exist")


def _from_gregorian(calendar: str, date: dt.date) -> tuple[int, int, int]:
    if calendar == "gregorian":
        return date.year, date.month, date.day
    if calendar == "solar_hijri":
        import jdatetime

        j = jdatetime.date.fromgregorian(date=date)
        return j.year, j.month, j.day
    from hijridate import Gregorian

    h = Gregorian(date.year, date.month, date.day).to_hijri()
    return h.year, h.month, h.day


def _known(part: int | None) -> int:
    """A part of a date its caller has filled in: without it a date has no bounds (a TypeError, as
    ``datetime.date`` and the calendar libraries raise for a missing part)."""
    if part is None:
        raise TypeError("a date without its year, or a day without its month")
    return part


def bounds(a: Atom) -> tuple[str, str]:
    """ISO start and end of an atom, at the precision the text gives."""
    if a.calendar == "gregorian":
        if a.day is not None:
            iso = dt.date(_known(a.year), _known(a.month), a.day).isoformat()
            return iso, iso
        if a.month is not None:
            if not 1 <= a.month <= 12:
                raise ValueError(f"month {a.month} does not exist")
            return f"{_known(a.year):04d}-{a.month:02d}", f"{_known(a.year):04d}-{a.month:02d}"
        return f"{_known(a.year):04d}", f"{_known(a.year):04d}"
    if a.day is not None:
        iso = to_gregorian(a.calendar, _known(a.year), _known(a.month), a.day).isoformat()
        return iso, iso
    months = [a.month] if a.month is not None else list(range(1, 13))
    year = _known(a.year)
    start = to_gregorian(a.calendar, year, months[0], 1)
    end = to_gregorian(a.calendar, year, months[-1], _month_length(a.calendar, year, months[-1]))
    return start.isoformat(), end.isoformat()


def infer_year(a: Atom, ref: dt.date) -> int:
    """The year that puts a day and month closest to the reference date."""
    ry = _from_gregorian(a.calendar, ref)[0]
    month = _known(a.month)
    best = None
    for y in (ry - 1, ry, ry + 1):
        try:
            g = to_gregorian(a.calendar, y, month, a.day or 1)
        except (ValueError, OverflowError):
            continue
        dist = abs((g - ref).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else ry
