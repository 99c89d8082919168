"""Ordinal weeks and days of the week of a month or year: "the first Friday of July", "the last Monday of
May", "the third week of this month", "the first week of 2015", "Temmuz'un ilk Cuması", "bu ayın son
haftası", "в первую пятницу июля".

An ordinal of ``dates.nth`` ("first", "ilk", "первую"; ``-1``: "last", "son") before a day of the week or
a week (``dates.units``' ``week``) narrows a month or a year said next to it: after it, behind a word of
``dates.nth_links`` ("of", "in") or, where ``dates.nth_link_bare`` says so, right after it (Russian: a
month in the genitive, "пятницу июля"); or before it with an ending of ``dates.nth_owner_suffixes`` (its
owner: "Temmuz'un", "bu ayın", "2015'in"). The month or year is a date claim already read there (a month
with or without its year, "this month", "next year") or, after the ordinal, a month name.

- a day of the week: the n-th such day of the month (the last one for ``-1``);
- a week (Monday to Sunday) of a month: the weeks whose Thursday falls in it, as ISO weeks belong to the
  year holding their Thursday ("the first week of July" holds most of its days in July); of a year, its
  ISO week. A week is days something falls within, not the days an event runs: it has no subject.

Nothing is read without a month or year ("the first week of the talks", "for a second Sunday"), and a
day of the week right after such an ordinal ("second Sunday") is no longer read as the last such day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from factcheck.extraction.calendars import Atom, infer_year
from factcheck.extraction.relative import moved_weekdays, moves
from factcheck.extraction.whose import date_subject
from factcheck.lang import Language, Lexicon

if TYPE_CHECKING:
    from factcheck.extraction.parser_base import DateParts

Dated = tuple[dict, int, int]  # a claim, its first token, the index after its last


@cache
def _nth(lang: Language) -> Lexicon:
    return Lexicon(lang, {str(k): [str(w) for w in v] for k, v in (lang.get("dates.nth") or {}).items()})


def _weekday_of_month(y: int, m: int, weekday: int, n: int) -> dt.date | None:
    """The ``n``-th day of ISO ``weekday`` in month ``m`` of ``y`` (``n`` = -1: the last)."""
    if n < 0:
        last = dt.date(y, m, calendar.monthrange(y, m)[1])
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(y, m, 1) + dt.timedelta(days=(weekday - dt.date(y, m, 1).isoweekday()) % 7)
    day = first + dt.timedelta(weeks=n - 1)
    return day if day.month == m else None


def _week_of_month(y: int, m: int, n: int) -> dt.date | None:
    """The Monday of the ``n``-th week (Monday to Sunday) whose Thursday is in month ``m`` of ``y``."""
    thursday = _weekday_of_month(y, m, 4, n)
    return thursday - dt.timedelta(days=3) if thursday is not None else None


def _week_of_year(y: int, n: int) -> dt.date | None:
    """The Monday of ISO week ``n`` of ``y`` (-1: its last)."""
    weeks = dt.date(y, 12, 28).isocalendar()[1]
    if n < 0:
        n = weeks
    return dt.date.fromisocalendar(y, n, 1) if n <= weeks else None


def _period(claim: dict) -> tuple[int, int | None] | None:
    """(year, month or None) of a claim that names one Gregorian month or year."""
    start = claim.get("date_start") or ""
    if claim.get("kind") != "date" or claim.get("calendar") != "gregorian" or claim.get("date_end") != start:
        return None
    if len(start) == 7:
        return int(start[:4]), int(start[5:])
    return (int(start), None) if len(start) == 4 else None


class _Nth:
    def __init__(self, parser: DateParts):
        self.parser = parser
        self.doc = parser.doc
        self.toks = parser.toks
        lang = self.doc.lang
        self.nth = _nth(lang)
        self.weekdays = moved_weekdays(lang)
        self.units = lang.lexicon("dates.units")
        self.vague = lang.words["dates.vague_units"]
        self.links = lang.words["dates.nth_links"]
        self.bare = bool(lang.get("dates.nth_link_bare"))
        self.owner_suffixes = tuple(lang.words["dates.nth_owner_suffixes"])
        self.last_words = moves(lang)["last"]
        self.determiners = lang.words["titles.determiners"]

    def _ok(self, k: int, anchor: int) -> bool:
        return 0 <= k < len(self.toks) and self.doc.same_sentence(anchor, k)

    def what(self, p: int) -> tuple[int, str, int, int] | None:
        """(n, "week" or "weekday", ISO weekday or 0, index after) of an ordinal and what it counts at ``p``."""
        n = self.nth.match(self.toks, p)
        if n is None or not self._ok(n[1], p):
            return None
        k = n[1]
        if wd := self.weekdays.match(self.toks, k):
            end = wd[1]
            if self._ok(end, p) and (u := self.units.match(self.toks, end)) and u[0] == "day":
                end = u[1]  # "ilk Cuma günü"
            return int(n[0]), "weekday", int(wd[0]), end
        if (u := self.units.match(self.toks, k)) and u[0] == "week" and self.toks[u[1] - 1].lower not in self.vague:
            return int(n[0]), "week", 0, u[1]
        return None

    def owner_after(self, k: int, p: int, firsts: dict[int, Dated]) -> tuple[tuple[int, int | None], int, Dated | None] | None:
        """(period, index after, its claim) of the month or year after an ordinal's words, from ``k``."""
        if self._ok(k, p) and self.toks[k].lower in self.links:
            k += 1
        elif not self.bare:
            return None
        if not self._ok(k, p):
            return None
        if (d := firsts.get(k)) and (period := _period(d[0])):
            return period, d[2], d
        mo = self.parser.month(k)
        if mo is None or mo[0] != "gregorian" or self.doc.published is None:
            return None
        a = self.parser._with_year(Atom(k, mo[2], None, mo[1], None, mo[0]))  # "пятницу июля", "июля 2025 года"
        return (a.year or infer_year(a, self.doc.published), mo[1]), a.last, None

    def unsaid_owner(self, p: int, end: int) -> bool:
        """A month or year named by its unit word alone owns the ordinal's words [p, end): "of the month", "ayın"."""
        k = end + 1 if self._ok(end, p) and self.toks[end].lower in self.links else end
        if self._ok(k, p) and self.toks[k].lower in self.determiners:
            k += 1
        after = (self.bare or k > end) and self._ok(k, p) and (u := self.units.match(self.toks, k)) is not None and u[0] in ("month", "year")
        before = bool(self.owner_suffixes) and (u := self.units.match_ending(self.toks, p)) is not None and u[1] == p - 1 \
            and u[0] in ("month", "year") and self._ok(p - 1, p)
        return after or before

    def owner_before(self, p: int, lasts: dict[int, Dated]) -> tuple[tuple[int, int | None], Dated] | None:
        """(period, claim) of a month or year with an owner's ending right before the ordinal at ``p``."""
        d = lasts.get(p)
        if d is None or not self.owner_suffixes or not self._ok(p - 1, p) or (period := _period(d[0])) is None:
            return None
        low = self.toks[p - 1].lower
        return (period, d) if any(low.endswith(x) and len(low) > len(x) for x in self.owner_suffixes) else None


def narrow(parser: DateParts, dated: list[Dated]) -> list[Dated]:
    """The date claims with ordinal weeks and days of the week of the months and years beside them read in
    place of those months and years (and of the days of the week in their words)."""
    doc = parser.doc
    if not (lang_nth := _nth(doc.lang)).firsts:
        return dated
    reader = _Nth(parser)
    at = doc.starts(lang_nth)
    if not at:
        return dated  # the common case: no ordinal word in the text
    firsts = {d[1]: d for d in dated}
    lasts = {d[2]: d for d in dated}
    new: list[Dated] = []
    gone: set[int] = set()  # ids of the claims read into a narrower one, or whose weekday an ordinal makes unsure
    for p in at:
        what = reader.what(p)
        if what is None:
            continue
        n, kind, weekday, end = what
        first, last = p, end
        if (after := reader.owner_after(end, p, firsts)) is not None:
            (y, m), last, owner = after
        elif (before := reader.owner_before(p, lasts)) is not None:
            (y, m), owner = before
            first = owner[1]
        else:
            if kind == "weekday" and (not reader.last_words.match(doc.tokens, p) or reader.unsaid_owner(p, end)):
                # "second Sunday", "for a second Sunday", "the last Friday of the month", "ayın son Cuması": not the last
                # Sunday or Friday, nor surely one of this month
                gone.update(id(d[0]) for d in dated if p <= d[1] and d[2] <= end)
            continue
        if kind == "weekday" and m is not None:
            day = _weekday_of_month(y, m, weekday, n)
            span = (day, day) if day else None
        elif kind == "week":
            monday = _week_of_month(y, m, n) if m is not None else _week_of_year(y, n)
            span = (monday, monday + dt.timedelta(days=6)) if monday else None
        else:
            span = None  # "the first Monday of 2025": rare, left
        if span is None:
            continue
        gone.update(id(d[0]) for d in dated if first <= d[1] and d[2] <= last)
        # a week is days something falls within, not the days an event runs ("the summit, in the last week of November"):
        # no subject, so that the date findings do not read it as one
        subject = date_subject(doc, first, last) if kind == "weekday" else None
        claim = doc.claim("date", first, last, date_start=span[0].isoformat(), date_end=span[1].isoformat(), calendar="gregorian",
                          subject_text=subject, _bare_year=False)
        new.append((claim, first, last))
    return [d for d in dated if id(d[0]) not in gone] + new
