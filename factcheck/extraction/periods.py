"""Periods longer than a day written as one: decades ("1990s", "1990'larda", "1990-х годах"), quarters
("the third quarter of 2024", "2016'nın ilk çeyreğinde"), halves ("H1 2016"), a month after "last" or
"next" ("geçen Eylül") or named alone ("in May", "Mayıs'ta", "دی ماه"); and days without their month
("on the 27th", "20th of next month", "November between 19 and 20"). A mixin of the date parser
(``factcheck.extraction.dates``), whose parts it reads."""

from __future__ import annotations

import calendar
import re

from factcheck.extraction.calendars import YEAR_RANGE, Atom, leading_digits
from factcheck.extraction.parser_base import DateParts
from factcheck.text import tokenise

ROMAN = re.compile(r"X{1,2}(?:IX|IV|V?I{0,3})")  # Roman numerals of centuries, X to XXIX
_ROMAN_VALUES = {"X": 10, "V": 5, "I": 1}


def _roman(text: str) -> int:
    """The value of a Roman numeral of ``ROMAN`` ("XXI": 21, "XIV": 14)."""
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


_GLUED_PERIOD = re.compile(r"(\d{4})[-/]?([^\W\d_]+\d)|([^\W\d_]+\d)[-/]?(\d{4})")


class Periods(DateParts):
    def decade(self, i: int) -> tuple[Atom, Atom] | None:
        """A decade: a year ending in 0 with a decade ending ("1990s", "1990'larda", "1990-е") or a year
        ending and a decade word ("1990-cı illərdə", "1990'lı yıllar", "1990-х годах")."""
        n = self.number(i)
        if n is None or len(leading_digits(self.toks[i].text)) != 4 or n[0] % 10 or not n[1]:
            return None
        if not YEAR_RANGE["gregorian"][0] <= n[0] <= YEAR_RANGE["gregorian"][1]:
            return None
        end = i + 1
        word = self.decade_words.match(self.toks, end) if self._ok(end, i) else None
        if word:
            end = word[1]
        elif self.doc.lang.lower(n[1]) not in self.decade_suffixes:
            return None
        return Atom(i, end, n[0]), Atom(i, end, n[0] + 9)

    def century(self, i: int) -> tuple[Atom, Atom] | None:
        """A century from the 11th to the 21st, its number an ordinal in digits ("21st", "21'inci", "21-ci", "21."), in
        words ("twentieth", ``dates.ordinal_days``) or in Roman numerals ("XXI"), before a word of ``dates.century_words``
        ("century", "yüzyıl", "əsr", "век"), and not before Christ (``dates.era_bc`` on either side): its hundred years,
        1400 to 1499 for the 15th."""
        toks = self.toks
        words = self.century_words.firsts
        if not any(i + d < len(toks) and not words.isdisjoint(toks[i + d].stems) for d in (1, 2, 3)):
            return None  # the common case: no century word after it (words of "twenty-first" end at most two tokens on)
        t = toks[i]
        n = None
        if t.kind == "word" and ROMAN.fullmatch(t.text):
            n, k = _roman(t.text), i + 1
        elif (num := self.number(i)) is not None and len(leading_digits(t.text)) == 2:
            k = i + 1
            if num[1] and self.doc.lang.lower(num[1]) in self.ordinal_suffixes:
                n = num[0]
            elif not num[1] and self._ok(k, i) and toks[k].text == "." and self.doc.adjacent(i, k):
                n, k = num[0], k + 1  # "21. yüzyıl"
        elif (w := self.ordinal_days.match(toks, i)) is not None:
            n, k = int(w[0]), w[1]
        if n is None or not 11 <= n <= 21:
            return None
        if self._ok(k, i) and toks[k].text == "." and ROMAN.fullmatch(t.text):
            k += 1  # "XXI. yüzyıl"
        word = self.century_words.match(toks, k) if self._ok(k, i) else None
        if word is None or (self._ok(word[1], i) and self.era_bc.match(toks, word[1])) or (
                i > 0 and self._ok(i - 1, i) and self.era_bc.match_ending(toks, i)):
            return None
        start = (n - 1) * 100
        return Atom(i, word[1], start), Atom(i, word[1], start + 99)

    def _glued_period(self, i: int) -> tuple[Atom, Atom] | None:
        """A quarter or half written in one token with its year: "2017-q1", "2019-Q1", "2016H2", "Q3/2019"."""
        m = _GLUED_PERIOD.fullmatch(self.toks[i].text)
        if m is None:
            return None
        year, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if not YEAR_RANGE["gregorian"][0] <= int(year) <= YEAR_RANGE["gregorian"][1]:
            return None
        for lexicon, months in ((self.quarters, 3), (self.halves, 6)):
            if (label := lexicon.match(tokenise(word, self.doc.lang.lower), 0, exact=True)) is not None:
                first = months * int(label[0]) - months + 1
                return Atom(i, i + 1, int(year), first), Atom(i, i + 1, int(year), first + months - 1)
        return None

    def quarter(self, i: int) -> tuple[Atom, Atom] | None:
        """A quarter of a year, its year before or after it ("Q3 2016", "the third quarter of 2024",
        "2016'nın ilk çeyreğinde", "в третьем квартале 2024 года"), or the nearest one's: its three months;
        a half of a year with its year ("the first half of 2024", "H2 2016", "2024'ün ilk yarısında"): six."""
        toks = self.toks
        if toks[i].kind == "mixed" and (glued := self._glued_period(i)):
            return glued
        year_first = self.year(i)  # "2024 ilk çeyreği": the year, then the quarter
        for lexicon, months in ((self.quarters, 3), (self.halves, 6)):
            y, k = None, i
            if year_first and self._ok(year_first[1], i) and lexicon.match(toks, year_first[1]):
                y, k = year_first
            q = lexicon.match(toks, k)
            if q is None:
                continue
            end = q[1]
            if y is None:
                of = self.day_of.match(toks, end) if self._ok(end, i) else None
                j = of[1] if of else end
                if self._ok(j, i) and (yy := self.year(j)):
                    y, end = yy
            if y is None and months == 6:
                return None  # "the first half": of a match, a session, as often as of a year
            first = months * int(q[0]) - months + 1
            return Atom(i, end, y, first), Atom(i, end, y, first + months - 1)
        return None

    def month_moved(self, i: int, k: int, month: int, calendar: str) -> Atom | None:
        """A month after "last" or "next" ("last September", "geçen Eylül", "gələn martda"): the latest such month
        before the publication date's, or the first after it."""
        ref = self.doc.published
        toks = self.toks
        if ref is None or calendar != "gregorian" or i == 0 or not self._ok(i - 1, i):
            return None
        move = next(((kind, m[1]) for kind in ("last", "next") if (m := self.moves[kind].match_ending(toks, i))), None)
        if move is None or (move[1] > 0 and self._ok(move[1] - 1, i) and toks[move[1] - 1].lower in self.determiners):
            return None  # "the last May of his life"
        if self._ok(k, i) and (mw := self.month_words.match(toks, k)):
            k = mw[1]
        year = ref.year - (month >= ref.month) if move[0] == "last" else ref.year + (month <= ref.month)
        return Atom(move[1], k, year, month, None, calendar)

    def _month_alone(self, i: int, k: int, month: int, cal: str) -> Atom | None:
        """A month named alone is a month (its year the one nearest the publication date) when a word says
        it is a time: a month word after it ("Ekim ayında", "دی ماه"), a word of ``dates.month_alone_before``
        before it ("in May", "в марте"), or, where the language allows, a case ending on it ("Mayıs'ta")."""
        toks = self.toks
        if self._ok(k, i) and (mw := self.month_words.match(toks, k)):
            return Atom(i, mw[1], None, month, None, cal)
        if k > i + 1 and toks[k - 1].text != ".":
            return Atom(i, k, None, month, None, cal)  # a month word in its name: "دی ماه"
        if k == i + 1 and toks[i].lower in self.month_not_alone:
            return None  # "در مه غلیظ": in thick fog (but "دی ماه" is the month)
        if self.months_lowercase and toks[i].is_capitalised and i > 0 and self._ok(i - 1, i):
            return None  # "с Майей Ивановой": a name
        before = self.month_before.match_ending(toks, i) if i > 0 and self._ok(i - 1, i) else None
        inflected = self.month_inflected and k == i + 1 and toks[i].lower not in self.month_names and (
            self.month_inflected != "apostrophe" or toks[i].base != toks[i].text)  # "Mayıs'ta", not "ekimi", "Marta"
        if before or inflected:
            return Atom(i, k, None, month, None, cal)
        return None

    def day_alone(self, i: int, k: int) -> Atom | None:
        """A day of the month without its month, tokens [i, k), that says it is one: an ordinal in digits after a
        word of ``dates.day_alone_before`` ("on the 27th"; not "the first since March"), or a number before a word of
        ``dates.day_alone_after`` ("27 числа"); not "the 21st century" or "the 22nd congress"."""
        toks = self.toks
        if self._ok(k, i) and (after := self.day_alone_after.match(toks, k)):
            return Atom(i, after[1], None, None, self._day_read(i))
        n = self.number(i)
        if n is None or not n[1] or not (i > 0 and self._ok(i - 1, i) and self.day_alone_before.match_ending(toks, i)):
            return None  # a bare number, a word ("the first since March"), or an ordinal nothing before says is a day
        if self.doc.lang.lower(n[1]) in self.ordinal_suffixes and self._ok(k, i) and toks[k].kind != "punct" \
                and not (self.month_before.match(toks, k) and not self.day_of.match(toks, k)):
            return None  # "the 21st century": an ordinal of what follows it (but "Pazar 31'inde", a case ending, is a time)
        return Atom(i, k, None, None, self._day_read(i))

    def _day_read(self, i: int) -> int:
        """The day of the month at ``i``, where the caller has read one (``Ranges.date_at``'s lone day)."""
        dk = self.day_at(i)
        assert dk is not None
        return dk[0]

    def days_after_month(self, month: Atom) -> tuple[Atom, Atom] | None:
        """Days of a month written after it: opened ("November between 19 and 20"; not "... between 19 and 20
        people"), or joined by a case ending and closed by a word ("Eylül'ün 3'üyle 12'si arası",
        ``dates.range_join_closed_suffixes``)."""
        toks = self.toks
        k = month.last
        if not self._ok(k, month.first):
            return None
        if month.day is None and (op := self.opens.match(toks, k)) and self._ok(op[1], k) and (days := self.lone_days(op[1])) \
                and days[2] < days[3] and not (self._ok(days[1], k) and toks[days[1]].kind != "punct" and not self.month_before.match(toks, days[1])):
            first, last, d1, d2 = k, days[1], days[2], days[3]
        elif month.day is not None and self._ends(k - 1, self.closed_suffixes) and (end_day := self.day(k)) is not None \
                and month.day < end_day and self._ok(k + 1, k) and (close := self.between_close.match(toks, k + 1)):
            first, last, d1, d2 = k, close[1], month.day, end_day
        else:
            return None
        return (Atom(month.first, last, month.year, month.month, d1, month.calendar),
                Atom(first, last, month.year, month.month, d2, month.calendar))

    def lone_days(self, i: int) -> tuple[int, int, int, int, bool] | None:
        """(first, index after, first day, last day, whether they say they are days) of days written without a
        month: an ordinal ("20th", "20'sinde", "twentieth"; said), or two days a range join or case endings tie
        ("4-23", "4 till 23"; said only with an ordinal or an ending: "4'ünden 23'üne kadar")."""
        toks = self.toks
        if toks[i].kind == "numx" and (m := re.fullmatch(r"(\d{1,2})[-–](\d{1,2})", toks[i].text)) and int(m.group(1)) < int(m.group(2)) <= 31:
            return i, i + 1, int(m.group(1)), int(m.group(2)), False
        if (dk := self.day_at(i)) is None:
            return None
        k = dk[1]
        said = (n := self.number(i)) is None or bool(n[1])  # an ordinal word, or digits with an ending
        join = self.joins.match(toks, k) if self._ok(k, i) else None
        if join is None and self.opens.match_ending(toks, i) and self._ok(k, i):
            join = self.opened_joins.match(toks, k)
        if join and self._ok(join[1], i) and (right := self.day_at(join[1])) and dk[0] < right[0]:
            return i, right[1], dk[0], right[0], said
        if self._ok(k, i) and self._ends(k - 1, self.from_suffixes) and (d := self.day(k)) is not None and dk[0] < d:
            close = self.closers.match(toks, k + 1) if self._ok(k + 1, i) else None
            if close or self._ends(k, self.to_suffixes):
                return i, close[1] if close else k + 1, dk[0], d, True
        return (i, k, dk[0], dk[0], True) if said else None

    def days_of_months(self, relative: list[tuple[dict, int, int]]) -> None:
        """Days written next to a relative month become days of that month, in place: "20th of next month",
        "4 till 23 of this month", "gelecek ayın 20'sinde", "bu ayın 4'ünden 23'üne kadar" (but not "rose from 4
        to 22 this month": bare numbers need a word that ties them to the month)."""
        toks = self.toks
        for n, (claim, first, last) in enumerate(relative):
            month = claim["date_start"]
            if len(month) != 7 or claim["date_end"] != month:
                continue
            days = self.lone_days(last) if self._ok(last, first) else None
            if days is None or not days[4]:
                days = next((d for k in range(max(0, first - 6), first) if self._ok(k, first) and (d := self.lone_days(k))
                             and ((d[1] == first and d[4]) or (d[1] + 1 == first and (
                                 toks[d[1]].lower in self.year_links or self.day_of.match(toks, d[1]))))), None)
            if days is None:
                continue
            y, m = int(month[:4]), int(month[5:])
            if days[3] > calendar.monthrange(y, m)[1]:
                continue
            start, end = min(first, days[0]), max(last, days[1])
            relative[n] = (self.doc.claim("date", start, end, date_start=f"{month}-{days[2]:02d}", date_end=f"{month}-{days[3]:02d}",
                                          calendar="gregorian", subject_text=claim["subject_text"], _bare_year=False), start, end)
