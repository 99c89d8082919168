"""Periods longer than a day written as one: decades ("1990s", "1990'larda", "1990-х годах"), quarters
("the third quarter of 2024", "2016'nın ilk çeyreğinde") and a month named alone ("in May", "Mayıs'ta",
"دی ماه"). A mixin of the date parser (``factcheck.extract.dates``), whose parts it reads."""

from __future__ import annotations

from factcheck.extract.calendars import DIGITS, YEAR_RANGE, Atom


class Periods:
    def decade(self, i: int) -> tuple[Atom, Atom] | None:
        """A decade: a year ending in 0 with a decade ending ("1990s", "1990'larda", "1990-е") or a year
        ending and a decade word ("1990-cı illərdə", "1990'lı yıllar", "1990-х годах")."""
        n = self.number(i)
        if n is None or len(DIGITS.match(self.toks[i].text).group()) != 4 or n[0] % 10 or not n[1]:
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

    def quarter(self, i: int) -> tuple[Atom, Atom] | None:
        """A quarter of a year, its year before or after it ("Q3 2016", "the third quarter of 2024",
        "2016'nın ilk çeyreğinde", "в третьем квартале 2024 года"), or the nearest one's: its three months."""
        toks = self.toks
        y, k = None, i
        if (yy := self.year(i)) and self._ok(yy[1], i) and self.quarters.match(toks, yy[1]):
            y, k = yy
        q = self.quarters.match(toks, k)
        if q is None:
            return None
        end = q[1]
        if y is None:
            of = self.day_of.match(toks, end) if self._ok(end, i) else None
            j = of[1] if of else end
            if self._ok(j, i) and (yy := self.year(j)):
                y, end = yy
        first_month = 3 * int(q[0]) - 2
        return Atom(i, end, y, first_month), Atom(i, end, y, first_month + 2)

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
