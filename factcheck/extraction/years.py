"""Years: in digits ("2025", "2025-ci ilin", "2017'de", a two-digit solar year "سال ۹۲"), in words that say
they are one ("iki bin on sekiz yılında"), and whether a four-digit number alone is a year at all. A
mixin of the date parser (``factcheck.extraction.dates``), whose parts it reads."""

from __future__ import annotations

from factcheck.extraction.calendars import YEAR_RANGE
from factcheck.extraction.numbers import read_number
from factcheck.extraction.parser_base import DateParts

SHORT_SOLAR_FROM = 50  # a two-digit solar hijri year from 50 is 13NN ("سال ۹۲"); one written "۰۲" is 1402


class Years(DateParts):
    def year(self, k: int, calendar: str = "gregorian") -> tuple[int, int] | None:
        """(year, index after it and any year word)."""
        n = self.number(k)
        t = self.toks[k]
        if n is None:
            return None
        digits = len(t.text.split("-")[0].split("'")[0].split("’")[0])
        if digits == 2 and calendar == "solar_hijri" and self.short_solar_years and not n[1] and (n[0] >= SHORT_SOLAR_FROM or t.text[0] in "0۰"):
            # "سال ۹۲", "26 شهریور 94": 1392, 1394 ("۰۲": 1402)
            return n[0] + (1300 if n[0] >= SHORT_SOLAR_FROM else 1400), k + 1
        if digits != 4:
            return None
        lo, hi = YEAR_RANGE[calendar]
        if not lo <= n[0] <= hi:
            return None
        end = k + 1
        if self._ok(end, k) and (yw := self.year_words.match(self.toks, end)):
            end = yw[1]
        return n[0], end

    def year_in_words(self, i: int, calendar: str = "gregorian", closed: bool = False) -> tuple[int, int] | None:
        """(year, index after) of a year in words that says it is one: with a year word or a year's case ending
        ("iki bin on sekiz yılında", "bin dokuz yüz yirmi sekizde"; not "bin sekiz yüzde", a share), or, with
        ``closed`` (after a day and month), ending its sentence or clause ("10 Eylül bin dokuz yüz bir"; not
        "5 Mayıs iki bin kişi", nor "bin dokuz yüz yirmi üçte", whose last word the number reader does not know
        with its ending: it would read 1920)."""
        n = read_number(self.doc, i)
        if n is None or not n.words or n.integer is None or not YEAR_RANGE[calendar][0] <= n.integer <= YEAR_RANGE[calendar][1]:
            return None
        if self._ok(n.last, i) and (yw := self.year_words.match(self.toks, n.last)):
            return n.integer, yw[1]
        if n.suffix and self.doc.lang.lower(n.suffix) in self.year_suffixes and not any(
                st in self.doc.lang.mapping("numbers.scales") for st in self.toks[n.last - 1].stems):
            return n.integer, n.last
        if closed and (not self._ok(n.last, i) or self.toks[n.last].kind == "punct"):
            return n.integer, n.last
        return None

    def bare_year_ok(self, k: int, end: int) -> bool:
        """A four-digit number alone is a year unless it is a label, part of a number, an amount,
        or part of an event's name ("Global Youth Celebration 2025")."""
        if any(m.named and m.first < k < m.last for m in self.doc.events):
            return False  # but "the 2017 conference" dates the conference
        prev = self.toks[k - 1] if k > 0 and self.doc.same_sentence(k, k - 1) else None
        if prev is not None and (prev.lower in self.not_after or (prev.kind == "punct" and prev.text in ".,:/" and self.doc.adjacent(k - 1, k))):
            return False
        if end < len(self.toks) and self.toks[end].text in ".,:/%" and end + 1 < len(self.toks) and self.doc.adjacent(end - 1, end) and self.doc.adjacent(end, end + 1):
            return False
        if self._ok(end + 1, k) and self.toks[end].text in "-–" and self.toks[end + 1].kind == "num" and not (
                1 <= int(self.toks[end + 1].text) <= 12 or self.year(end + 1)):
            return False  # "2015 - 32": neither a month nor a year after the dash, a figure or a code
        # A number that counts something ("2000 delegates") is taken by the counts, which win over a bare year.
        return not (self._ok(end, k) and self.units.match(self.toks, end))

    # --- atoms ----------------------------------------------------------------
