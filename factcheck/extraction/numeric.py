"""Dates written in digits, or in digits and a month name joined by separators: "07.03.2017'de",
"9/18/2015", "21/04/16", "15.02", "20/11", "11/2016", "2016/11", "1403/08/26", "2014-10-15T16:12",
"05-Aug-2016", "Oct-2", "april22", "Dec/2018", "2019/aug/01". A mixin of the date parser
(``factcheck.extraction.dates``), whose parts it reads.

Digits alone are a date only when they cannot be much else: a day above 12 or a four-digit year
decides the order, and a figure's shape ("1/3", "24/7", "No. 5/2024", "18.09 пункта") is none."""

from __future__ import annotations

import re

from factcheck.extraction.calendars import YEAR_RANGE, Atom, leading_digits
from factcheck.extraction.numbers import is_scale
from factcheck.extraction.parser_base import DateParts

_ISO_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})T\d")  # "2014-10-15T16:12:20+00:00"
_GLUED = re.compile(r"\d+|[^\W\d_]+")  # "april22": ["april", "22"]
NOT_DATES = frozenset({"24/7"})  # "24/7": always, never the 24th of July
TWO_DIGIT_PIVOT = 50  # "15" is 2015, "74" is 1974


def _two_digit_year(yy: int) -> int:
    return (2000 if yy < TWO_DIGIT_PIVOT else 1900) + yy


class NumericDates(DateParts):
    @staticmethod
    def _day_month(a: int, b: int) -> tuple[int, int] | None:
        """(day, month) of two numbers when a day above 12 says which is which ("20/11", "4/22"); else none."""
        if 1 <= a <= 12 < b <= 31:
            return b, a
        if 1 <= b <= 12 < a <= 31:
            return a, b
        return None

    def _in_order(self, a: int, b: int, sep: str) -> tuple[int, int]:
        """(day, month) of a full date in digits: day first, or month first where the language writes
        slashed or hyphenated dates so ("9/18/2015", "3-7-2017"), unless a day above 12 decides."""
        if sep in "/-" and a <= 12 and (b > 12 or self.doc.lang.get("dates.slash_month_first")):
            return b, a
        return a, b

    def _short_year(self, parts: list[str], sep: str) -> tuple[int, int, int] | None:
        """(year, month, day) of a date in digits with a two-digit year ("21/04/16", "9-18-15"), in the
        language's order."""
        if len(parts) != 3 or not all(p.isdigit() and len(p) <= 2 for p in parts) or len(parts[2]) != 2:
            return None
        d, m = self._in_order(int(parts[0]), int(parts[1]), sep)
        return (_two_digit_year(int(parts[2])), m, d) if 1 <= d <= 31 and 1 <= m <= 12 else None

    def _separated(self, i: int, n: int, seps: str) -> list[str] | None:
        """The texts of ``n`` tokens from ``i`` written together, every other one a separator from ``seps``
        (the same one throughout), with no more digits or separators glued on either side."""
        toks = self.toks
        last = i + 2 * n - 2
        if not self._ok(last, i) or toks[i + 1].text not in seps or not self._written_together(i, 2 * n - 1):
            return None
        if any(toks[k].text != toks[i + 1].text for k in range(i + 1, last, 2)):
            return None
        if self._glued(i - 1, i) or self._glued(last + 1, last) or self._after_label(i):
            return None
        return [toks[k].text for k in range(i, last + 1, 2)]

    def _figure_after(self, k: int, i: int) -> bool:
        """Token ``k``, after digits from ``i``, makes them a figure: a unit or a scale word (the number reader
        takes the mark before it for a decimal one: ``factcheck.extraction.numbers._decimal_before_scale``)."""
        return self._ok(k, i) and (self.units.match(self.toks, k) is not None or is_scale(self.doc.lang, self.toks[k]))

    def _month_word(self, word: str) -> tuple[str, int] | None:
        label = self.month_labels.get(self.doc.lang.lower(word))
        if label is None:
            return None
        calendar, month = label.split(":")
        return calendar, int(month)

    def _named(self, parts: list[str]) -> tuple[int | None, int, int | None, str] | None:
        """(year, month, day, calendar) of parts such as ["05", "Aug", "2016"], ["Oct", "2"], ["2019", "aug", "01"]:
        one month name, at most one four-digit year and one day."""
        named = [(k, m) for k, p in enumerate(parts) if not p.isdigit() and (m := self._month_word(p))]
        rest = [p for k, p in enumerate(parts) if not named or k != named[0][0]]
        if len(named) != 1 or not all(p.isdigit() for p in rest):
            return None
        years = [int(p) for p in rest if len(p) == 4]
        days = [int(p) for p in rest if len(p) <= 2]
        if len(years) > 1 or len(days) > 1 or len(years) + len(days) != len(rest):
            return None
        calendar, month = named[0][1]
        year = years[0] if years else None
        if year is not None and not YEAR_RANGE[calendar][0] <= year <= YEAR_RANGE[calendar][1]:
            return None
        day = days[0] if days else None
        if day is not None and not 1 <= day <= 31:
            return None
        return year, month, day, calendar

    def numeric(self, i: int) -> Atom | None:
        toks = self.toks
        t = toks[i]
        if t.kind in ("numx", "mixed"):
            if iso := _ISO_TIME.match(t.text):
                return Atom(i, i + 1, int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            if t.kind == "mixed" and (named := self._named(t.text.split("-") if "-" in t.text else _GLUED.findall(t.text))):
                return Atom(i, i + 1, *named)  # "05-Aug-2016", "Oct-2", "Sep-23-2020", "april22"
            if t.kind == "numx" and (short := self._short_year(t.text.split("-"), "-")):
                return Atom(i, i + 1, *short)  # "9-18-15", "3-7-07" (not "4-3-3")
        if (t.kind == "word" and not self.in_name(i)) or t.kind == "num":
            for n in (3, 2):
                if (parts := self._separated(i, n, "/-")) and (named := self._named(parts)):
                    return Atom(i, i + 2 * n - 1, *named)  # "Dec/2018", "2019/aug/01"
        if t.kind != "num":
            return None
        # D.M.YYYY, D/M/YYYY (M/D/YYYY where the language writes the month first, or the day cannot be a month),
        # with a case ending on the year ("07.03.2017'de")
        if i + 4 < len(toks) and len(t.text) <= 2:
            sep = toks[i + 1].text
            if sep in "./" and toks[i + 3].text == sep and self._written_together(i, 5):
                mo, y = self.number(i + 2), self.number(i + 4)
                if mo and y and len(leading_digits(toks[i + 4].text)) == 4 and toks[i + 2].kind == "num":
                    d, m = self._in_order(int(t.text), mo[0], sep)  # "9/18/2015", "2/29/2020"
                    cal = "solar_hijri" if YEAR_RANGE["solar_hijri"][0] <= y[0] <= YEAR_RANGE["solar_hijri"][1] and self.doc.lang.get("dates.solar_months") else "gregorian"
                    return Atom(i, i + 5, y[0], m, d, cal)
        # D/M/YY, D.M.YY: a two-digit year, with a day or month in two digits ("21/04/16", "31.10.74"; not "1.2.13")
        if (parts := self._separated(i, 3, "./")) and (len(parts[0]) == 2 or len(parts[1]) == 2) \
                and (short := self._short_year(parts, toks[i + 1].text)):
            return Atom(i, i + 5, *short)
        # D.M without a year, where "." is no decimal point nor a thousands group ("15.02", "01.04." in Russian)
        if len(t.text) <= 2 and self.dot_day_month and self._ok(i + 2, i) and toks[i + 1].text == "." \
                and toks[i + 2].kind == "num" and len(toks[i + 2].text) == 2 and self._written_together(i, 3) \
                and 1 <= int(t.text) <= 31 and 1 <= int(toks[i + 2].text) <= 12 and not self._glued(i - 1, i) \
                and not (self._ok(i + 4, i) and toks[i + 3].text == "." and toks[i + 4].kind == "num" and self.doc.adjacent(i + 3, i + 4)) \
                and not self._figure_after(i + 3, i):  # "18.09 пункта", "18.09 млн": a figure
            return Atom(i, i + 3, None, int(toks[i + 2].text), int(t.text))
        # D/M without a year where a day above 12 decides the order ("20/11", "4/22"; not "1/3", "24/7")
        if (parts := self._separated(i, 2, "/")) and all(p.isdigit() and len(p) <= 2 for p in parts) \
                and "/".join(parts) not in NOT_DATES and (dm := self._day_month(int(parts[0]), int(parts[1]))) \
                and not self._figure_after(i + 3, i):  # "۳۰/۵ میلیون": 30.5 million
            return Atom(i, i + 3, None, dm[1], dm[0])
        # M/YYYY, M.YYYY: a month ("11/2016"); YYYY/M: the same ("2016/11")
        if (parts := self._separated(i, 2, "./")) and all(p.isdigit() for p in parts):
            year, month = (parts[1], parts[0]) if len(parts[0]) <= 2 else (parts[0], parts[1])
            if len(year) == 4 and len(month) <= 2 and 1 <= int(month) <= 12 and (toks[i + 1].text == "/" or len(parts[0]) <= 2) \
                    and YEAR_RANGE["gregorian"][0] <= int(year) <= YEAR_RANGE["gregorian"][1]:
                return Atom(i, i + 3, int(year), int(month))
        # YYYY/MM/DD, YYYY.MM.DD (Persian style)
        if len(t.text) == 4 and i + 4 < len(toks) and toks[i + 1].text in "./" \
                and toks[i + 3].text == toks[i + 1].text and self._written_together(i, 5):
            mo, dn = self.number(i + 2), self.number(i + 4)
            y4 = int(t.text)
            if mo and dn and toks[i + 2].kind == toks[i + 4].kind == "num" and mo[0] <= 12 and dn[0] <= 31:
                cal = "solar_hijri" if YEAR_RANGE["solar_hijri"][0] <= y4 <= YEAR_RANGE["solar_hijri"][1] else "gregorian"
                return Atom(i, i + 5, y4, mo[0], dn[0], cal)
        return None
