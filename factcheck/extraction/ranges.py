"""Date ranges: two dates a join ties ("17–28 November 2025", "from March to May", "between May 2015 and
2018", "noyabrın 17-dən 28-dək", "2014 ve 2018 arasında", "از ۲۶ تا ۲۸ آبان"), days alone before a month
("12 and 13 July"), and a month's days after it ("November between 19 and 20"). A mixin of the date
parser (``factcheck.extraction.dates``), whose parts it reads."""

from __future__ import annotations

from dataclasses import replace

from factcheck.extraction.calendars import COMPOUND, YEAR_RANGE, Atom, compatible
from factcheck.extraction.parser_base import DateParts


class Ranges(DateParts):
    def date_at(self, i: int) -> Atom | tuple[Atom, Atom] | None:
        toks = self.toks
        t = toks[i]
        right: Atom | None  # the date that ends a range
        if t.kind == "mixed" and (decade := self.decade(i)):
            return decade
        if quarter := self.quarter(i):
            return quarter
        if century := self.century(i):
            return century
        if (glued := self._day_to_glued_month(i)) is not None:
            return glued
        # a compound token: "17–28" (days) or "2025-2028" / "2025-2028-ci" (years)
        if t.kind in ("numx", "mixed"):
            m = COMPOUND.fullmatch(t.text)
            if m and m.group(2) and not m.group(3):
                a, b = int(m.group(1)), int(m.group(2))
                if len(m.group(1)) == 4 and len(m.group(2)) == 4 and a <= b and YEAR_RANGE["gregorian"][0] <= a <= YEAR_RANGE["gregorian"][1]:
                    end = i + 1
                    if self._ok(end, i) and (yw := self.year_words.match(toks, end)):
                        end = yw[1]
                    return Atom(i, end, a), Atom(i, end, b)
                if a <= 31 and b <= 31 and self._ok(i + 1, i) and (mo := self.month(i + 1)):
                    right = self._with_year(Atom(i, mo[2], None, mo[1], b, mo[0]))
                    return replace(right, day=a), right
                if len(m.group(1)) == 4 and len(m.group(2)) <= 2 and 1 <= b <= 12 and not m.group(4) and b != (a + 1) % 100 \
                        and YEAR_RANGE["gregorian"][0] <= a <= YEAR_RANGE["gregorian"][1]:
                    return Atom(i, i + 1, a, b)  # "2016-11": a month (not "the 2010-11 season")
        mo = self.month(i)
        if mo is not None and self._ok(mo[2], i) and toks[mo[2]].kind in ("numx", "mixed"):
            m = COMPOUND.fullmatch(toks[mo[2]].text)
            if m and m.group(2) and not m.group(3) and int(m.group(1)) <= 31 and int(m.group(2)) <= 31:
                right = self._with_year(Atom(i, mo[2] + 1, None, mo[1], int(m.group(2)), mo[0]))
                return replace(right, day=int(m.group(1))), right  # "December 9-11, 2025"
        left = self.atom(i)
        lone_day = lone_month = None
        if left is None and (dk := self.day_at(i)) is not None:
            lone_day = dk[0]  # "17", "دوازدهم" (twelfth) of "از دوازدهم تا پانزدهم اردیبهشت"
            left = Atom(i, dk[1], None, None, lone_day)
        elif left is None and mo is not None:
            lone_month = left = Atom(i, mo[2], None, mo[1], None, mo[0])  # "March" of "from March to May"
        elif left is None:
            return None
        k = left.last
        after = None  # the date after a join, when it had to be read to decide on the join
        join: tuple[str | None, int] | None = self.joins.match(toks, k) if self._ok(k, i) else None
        if join is None and self._ok(k, i) and self.opens.match_ending(toks, left.first):
            join = self.opened_joins.match(toks, k)  # "between 17 and 28 November"
        if join is None and lone_day is not None and self._ok(k + 1, i) and toks[k].lower in self.list_joins \
                and (after := self.atom(k + 1)) is not None and after.day == lone_day + 1:
            join = (None, k + 1)  # "۱۲ و ۱۳ تیر", "12 and 13 July": two days running (not "5 and 19 October", two rounds)
        if join is None and self._ok(k, i) and self._ends(left.last - 1, self.from_suffixes):
            # "noyabrın 17-dən 28-dək", "1 Aralık 2025'ten 1 Mart 2026'ya kadar"
            right = self.atom(k)
            if right is None and (d := self.day(k)) is not None:
                right = Atom(k, k + 1, left.year, left.month, d, left.calendar)
            if right is not None:
                close = self.closers.match(toks, right.last) if self._ok(right.last, i) else None
                if close or self._ends(right.last - 1, self.to_suffixes):
                    right.last = close[1] if close else right.last
                    if left.month is None and left.year is None:
                        left.month, left.year = right.month, right.year
                    if left.year is None:
                        left.year = right.year
                    left.calendar = right.calendar
                    if (right.month is not None or right.year is not None) and (compatible(left, right) or (left.day and right.day)):
                        return left, right  # (days alone, "4'ünden 23'üne kadar", say no month)
        if join is None and self._ok(k, i) and (cj := self.closed_joins.match(toks, k)) and self._ok(cj[1], i):
            # "4 Eylül ve 8 Eylül arası", "2014 ve 2018 arasında": a join that a word after the second date closes
            after = self._end_at(cj[1])
            if after is not None and self._ok(after.last, i) and (closed := self.between_close.match(toks, after.last)):
                join, after.last = cj, closed[1]
        if join and self._ok(join[1], i):
            right = after if after is not None and after.first == join[1] else self._end_at(join[1])
            if right is None and left.month is not None and left.day is not None and (d := self.day(join[1])) is not None:
                right = self._with_year(Atom(join[1], join[1] + 1, None, left.month, d, left.calendar))  # "November 11 to 22"
                if left.year is None:
                    left.year = right.year
            if right is None and left.month is None and left.calendar == "solar_hijri" and (sy := self.year(join[1], "solar_hijri")):
                right = Atom(join[1], sy[1], sy[0], calendar="solar_hijri")  # "سال ۸۸ تا ۹۲"
            if right is None and left.year is not None and left.month is None:
                return left if lone_day is None else None
            if right is not None and compatible(left, right):
                if left.year is None:
                    assert right.month is not None  # compatible() wants a month of an end whose start has no year
                    left.year = right.year if right.year is None or left.month is None or left.month <= right.month else right.year - 1
                if left.month is None and left.day is not None:
                    left.month = right.month
                left.calendar = right.calendar
                return left, right
        if left.month is not None and (days := self.days_after_month(left)) is not None:
            return days  # "November between 19 and 20", "Eylül'ün 3'üyle 12'si arası"
        if lone_day is not None and (alone := self.day_alone(i, left.last)) is not None:
            return alone
        return None if lone_day is not None or lone_month is not None else left

    def _end_at(self, k: int) -> Atom | None:
        """The date that ends a range: any date, or a month named alone ("May" of "from March to May")."""
        if (a := self.atom(k)) is None and (mo := self.month(k)):
            a = self._with_year(Atom(k, mo[2], None, mo[1], None, mo[0]))
        return a

    def _day_to_glued_month(self, i: int) -> tuple[Atom, Atom] | None:
        """A day, then its month glued by a dash to the first day of the next: "30 Mayıs-3 Haziran", "26 September-14
        October 2022" (the dash ties two dates, not a month and its day, "Oct-3")."""
        toks = self.toks
        if toks[i].kind != "num" or not self._ok(i + 2, i) or toks[i + 1].kind != "mixed" or not 1 <= int(toks[i].text) <= 31:
            return None
        word, _, day = toks[i + 1].text.partition("-")
        named = self._month_word(word) if day.isdigit() and 1 <= int(day) <= 31 else None
        after = self.month(i + 2)
        if named is None or after is None or after[0] != named[0]:
            return None
        right = self._with_year(Atom(i + 1, after[2], None, after[1], int(day), after[0]))
        year = None if right.year is None else right.year - (named[1] > after[1])  # "30 December-3 January 2025"
        return Atom(i, i + 2, year, named[1], int(toks[i].text), named[0]), right
