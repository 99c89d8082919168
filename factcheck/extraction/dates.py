"""Date claims: absolute ("29 Kasım 2016", "2025-11-21"), partial ("noyabrın
21-də", year from the publication date), ranges ("17–28 November 2025",
"از ۲۶ تا ۲۸ آبان ۱۴۰۴", "2025-2028"), and other calendars converted to
Gregorian. Dates are found with the language's month names and year words;
a bare number is a year only when it could be one and counts nothing."""

from __future__ import annotations

from functools import cache

from factcheck.corpus import Problem
from factcheck.extraction.calendars import (
    CALENDARS,
    COMPOUND,
    Atom,
    bounds,
    infer_year,
    leading_digits,
    to_gregorian,
)
from factcheck.extraction.document import Document
from factcheck.extraction.nth import narrow
from factcheck.extraction.numbers import may_start, read_number
from factcheck.extraction.numeric import NumericDates
from factcheck.extraction.periods import ROMAN, Periods
from factcheck.extraction.ranges import Ranges
from factcheck.extraction.relative import moves, relative_dates
from factcheck.extraction.whose import date_subject
from factcheck.extraction.years import Years
from factcheck.lang import Language, Lexicon

SAID_REACH = 8  # words between a relative year ("last year") and the day and month it gives its year
HEADER_LINES = 5  # a date in the first lines of an article without metadata is its publication date ...
DATELINE_WORDS = 16  # ... when it stands on a short line of its own (a dateline), not in a sentence


@cache
def _months(lang: Language) -> Lexicon:
    entries = {}
    for key, calendar in CALENDARS.items():
        for month, names in (lang.get(f"dates.{key}") or {}).items():
            entries[f"{calendar}:{month}"] = [str(n) for n in names]
    return Lexicon(lang, entries)


@cache
def _month_names(lang: Language) -> frozenset[str]:
    return frozenset(lang.lower(str(n)) for key in CALENDARS for names in (lang.get(f"dates.{key}") or {}).values() for n in names)


@cache
def _date_starts(lang: Language) -> frozenset[str]:
    """The words a date written with words may start with: month names, ordinal days, quarters and halves."""
    return frozenset().union(*(lang.lexicon(key).firsts for key in ("dates.ordinal_days", "dates.quarters", "dates.halves")),
                             _months(lang).firsts)


@cache
def _month_labels(lang: Language) -> dict[str, str]:
    """Month names of one word ("aug", "eylül"), lower-cased, to their "calendar:month" label."""
    return {lang.lower(str(name)): f"{calendar}:{month}" for key, calendar in CALENDARS.items()
            for month, names in (lang.get(f"dates.{key}") or {}).items() for name in names if " " not in str(name)}


class _Parser(Ranges, Years, Periods, NumericDates):
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        lang = doc.lang
        self.months = _months(lang)
        self.year_words = lang.lexicon("dates.year_words")
        self.year_before = lang.lexicon("dates.year_words_before")
        self.years_after = lang.words["dates.years_after"]
        self.month_words = lang.lexicon("dates.month_words")
        self.opened_joins = lang.lexicon("dates.range_join_opened")
        self.list_joins = lang.words["titles.list_joins"]
        self.from_suffixes = tuple(lang.words["dates.range_from_suffixes"])
        self.to_suffixes = tuple(lang.words["dates.range_to_suffixes"])
        self.closers = lang.lexicon("dates.range_close")
        self.quarters = lang.lexicon("dates.quarters")
        self.halves = lang.lexicon("dates.halves")
        self.moves = moves(lang)
        self.determiners = lang.words["titles.determiners"]
        self.closed_joins = lang.lexicon("dates.range_join_closed")
        self.year_links = lang.words["dates.year_links"]
        self.count_nouns = lang.lexicon("counts.attributes")
        self.year_link_bare = bool(lang.get("dates.year_link_bare"))
        self.spaced_numeric = bool(lang.get("dates.spaced_numeric"))
        self.short_solar_years = bool(lang.get("dates.short_solar_years"))
        self.day_words = bool(lang.get("dates.day_words"))
        self.ordinal_suffixes = lang.words["numbers.ordinal_suffixes"]
        self.closed_suffixes = tuple(lang.words["dates.range_join_closed_suffixes"])
        self.source_before = lang.lexicon("dates.source_before")
        self.dot_day_month = lang.get("numbers.decimal") != "." and "." not in (lang.get("numbers.group") or [])
        self.between_close = lang.lexicon("dates.range_close_between")
        self.joins = lang.lexicon("dates.range_join")
        self.opens = lang.lexicon("dates.range_open")
        self.units = lang.lexicon("numbers.units")
        self.ordinal_days = lang.lexicon("dates.ordinal_days")
        self.decade_suffixes = lang.words["dates.decade_suffixes"]
        self.decade_words = lang.lexicon("dates.decade_words")
        self.century_words = lang.lexicon("dates.century_words")
        self.era_bc = lang.lexicon("dates.era_bc")
        self.month_before = lang.lexicon("dates.month_alone_before")
        self.month_inflected = lang.get("dates.month_alone_inflected") or False
        self.month_not_alone = lang.words["dates.month_alone_not"]
        self.month_not_after = lang.words["dates.month_not_after"]
        self.months_lowercase = bool(lang.get("dates.months_lowercase"))
        self.month_names = _month_names(lang)
        self.month_labels = _month_labels(lang)
        self.day_of = lang.lexicon("dates.day_of")
        self.day_alone_before = lang.lexicon("dates.day_alone_before")
        self.day_alone_after = lang.lexicon("dates.day_alone_after")
        self.not_after = lang.words["numbers.not_after"]
        # Endings that make a number a year ("2020-ci", "2017'de"); others ("2000-dən çox") do not.
        self.year_suffixes = lang.words["dates.year_suffixes"] | lang.words["numbers.ordinal_suffixes"]

    # --- parts --------------------------------------------------------------
    def _ok(self, k: int, anchor: int) -> bool:
        return 0 <= k < len(self.toks) and self.doc.same_sentence(anchor, k)

    def number(self, k: int) -> tuple[int, str] | None:
        t = self.toks[k]
        if t.kind == "num":
            return int(t.text), ""
        if t.kind == "mixed":
            m = COMPOUND.fullmatch(t.text)
            if m and m.group(2) is None:
                return int(m.group(1)), m.group(4) or ""
        return None

    def day(self, k: int) -> int | None:
        """A day of the month in digits: "21", "21-də", "13th"."""
        n = self.number(k)
        if n and 1 <= n[0] <= 31 and len(leading_digits(self.toks[k].text)) <= 2:
            return n[0]
        return None

    def day_at(self, k: int) -> tuple[int, int] | None:
        """(day, index after) of a day of the month in digits or in ordinal words ("third",
        "третьего", "بیست و یکم"), or, where the language says days so (``dates.day_words``), in
        cardinal words before its month ("yirmi iki Haziran"), with a word between it and its month
        ("13th of July")."""
        if (d := self.day(k)) is not None:
            end = k + 1
        elif (w := self.ordinal_days.match(self.toks, k)) is not None:
            d, end = int(w[0]), w[1]
        elif self.day_words and (n := read_number(self.doc, k)) is not None and n.words and not n.ordinal \
                and n.integer is not None and 2 <= n.integer <= 31 and self._ok(n.last, k) and self.month(n.last):
            d, end = n.integer, n.last  # "iki Ağustos", "دو مرداد" (not "bir Ekim akşamı": an October evening)
        else:
            return None
        if self._ok(end, k) and (of := self.day_of.match(self.toks, end)) and self._ok(of[1], k) and self.month(of[1]):
            end = of[1]
        return d, end

    def month(self, k: int) -> tuple[str, int, int] | None:
        """(calendar, month, index after it)."""
        m = self.months.match(self.toks, k)
        if m is None or self.in_name(k):
            return None
        calendar, month = m[0].split(":")
        end = m[1]
        if (
            end + 1 < len(self.toks)
            and self.toks[end].text == "."
            and self.doc.adjacent(end - 1, end)
            and len(self.toks[end - 1].text) <= 4
            and self.doc.same_sentence(end, end + 1)
        ):
            end += 1  # an abbreviation: "Nov."
        return calendar, int(month), end

    def in_name(self, k: int) -> bool:
        """A month name at ``k`` is part of a name: "خبرگزاری مهر", the Mehr news agency (``dates.month_not_after``)."""
        return k > 0 and self.doc.same_sentence(k - 1, k) and self.toks[k - 1].lower in self.month_not_after

    def _after_label(self, i: int) -> bool:
        """Token ``i`` follows a word that makes a number a label ("No. 5/2024", "resolution 12/2023")."""
        k = i - 1
        if self._ok(k, i) and self.toks[k].text == "." and k > 0:
            k -= 1
        return self._ok(k, i) and self.toks[k].lower in self.not_after

    def _written_together(self, i: int, n: int) -> bool:
        """Tokens [i, i + n) touch, or, where the language spaces its numeric dates (``dates.spaced_numeric``:
        "5 / 9 / 1385"), stand in one sentence."""
        if all(self.doc.adjacent(i + k, i + k + 1) for k in range(n - 1)):
            return True
        return self.spaced_numeric and self._ok(i + n - 1, i)

    def _glued(self, k: int, to: int) -> bool:
        """Token ``k`` is a separator or digits touching token ``to``, with digits beyond it ("1.5/2016", "11/2016/5")."""
        if not self._ok(k, to) or not self.doc.adjacent(min(k, to), max(k, to)):
            return False
        beyond = k + (k - to)
        return self.toks[k].kind == "num" or (self.toks[k].text in "./" and self._ok(beyond, to)
                                              and self.toks[beyond].kind == "num" and self.doc.adjacent(min(k, beyond), max(k, beyond)))

    def _ends(self, k: int, suffixes: tuple[str, ...]) -> bool:
        """Token ``k`` ends in one of ``suffixes`` after a stem ("17-dən", "ildən")."""
        low = self.toks[k].lower
        return bool(suffixes) and any(low.endswith(x) and len(low) > len(x) for x in suffixes)

    def atom(self, i: int) -> Atom | None:
        toks = self.toks
        t = toks[i]
        if t.kind in ("numx", "mixed"):
            m = COMPOUND.fullmatch(t.text)
            if m and m.group(3):
                year, month, d = (int(x) for x in m.group(1, 2, 3))
                if len(m.group(1)) == 4:
                    return Atom(i, i + 1, year, month, d)
                if len(m.group(3)) == 4:
                    d, month = self._in_order(int(m.group(1)), month, "-")
                    return Atom(i, i + 1, int(m.group(3)), month, d)
        if (numeric := self.numeric(i)) is not None:
            return numeric
        # DAY MONTH [,] [YEAR]
        if (dk := self.day_at(i)) is not None:
            d, k = dk
            if self._ok(k, i) and toks[k].text == "." and self.doc.adjacent(k - 1, k):
                k += 1
            if self._ok(k, i) and (mo := self.month(k)):
                return self._with_year(Atom(i, mo[2], None, mo[1], d, mo[0]))
        # MONTH DAY [,] [YEAR]  |  MONTH [,] YEAR
        mo = self.month(i)
        if mo is not None:
            cal, month, k = mo
            if self._ok(k, i) and (dk := self.day_at(k)) is not None and (
                (n := self.number(k)) is None or n[1] or not (self._ok(dk[1], i) and self.month(dk[1]))
            ):
                # not "November 2 December", but "sentyabrın 26-dan oktyabrın 14-dək", "March third"
                return self._with_year(Atom(i, dk[1], None, month, dk[0], cal))
            a = self._with_year(Atom(i, k, None, month, None, cal))
            if a.year is not None:
                return a
            return self.month_moved(i, k, month, cal) or self._month_alone(i, k, month, cal)
        # YEAR [year word] [,] DAY MONTH | MONTH DAY
        y = self.year(i) or (self.year_in_words(i) if self.day_words and t.kind == "word" else None)
        if y is None and self.doc.lang.get("dates.solar_months") and i > 0 and self._ok(i - 1, i) \
                and (before := self.year_before.match_ending(toks, i)) and (sy := self.year(i, "solar_hijri")):
            return Atom(before[1], sy[1], sy[0], calendar="solar_hijri")  # "سال ۱۴۰۲": 21 March 2023 to 19 March 2024
        if y is not None:
            k = y[1]
            if self._ok(k, i) and toks[k].text == ",":
                k += 1
            if self._ok(k, i) and not self._ends(y[1] - 1, self.from_suffixes):  # not "2015'ten 5 Mayıs 2017'ye kadar"
                inner = self.atom_no_year(k)
                if inner is not None and inner.year is None and inner.day is not None:
                    inner.year, inner.first = y[0], i
                    return inner
                mo = self.month(k)
                if mo is not None:  # "2025-ci ilin noyabr ayında", "2025 yılının Mart ayı"
                    end = mo[2]
                    if self._ok(end, i) and (mw := self.month_words.match(toks, end)):
                        end = mw[1]
                    return Atom(i, end, y[0], mo[1], None, mo[0])
            first = i
            worded = y[1] > i + 1 or t.kind == "word"
            if not worded:
                n = self.number(i)
                assert n is not None  # a year of one token that is no word is in digits
                worded = n[1] in self.year_suffixes
            before = self.year_before.match_ending(toks, i) if i > 0 else None
            if before and self._ok(before[1], i):
                first, worded = before[1], True  # "سال ۲۰۲۵", "in the year 2025"
            elif i > 0 and self._ok(i - 1, i) and toks[i - 1].lower in self.years_after and not (
                    self._ok(y[1], i) and self.count_nouns.match(toks, y[1])):
                worded = True  # "since 2019": a year, never what a figure counts ("The number of visitors has grown since 2019")
            elif i > 1 and self._ok(i - 2, i) and toks[i - 1].lower in self.list_joins and self.year(i - 2) and (
                self.year_before.match_ending(toks, i - 2)
            ):
                worded = True  # "سالهای ۲۰۰۶ و ۲۰۱۲": the year word covers both
            if worded or self.bare_year_ok(i, y[1]):
                return Atom(first, y[1], y[0], bare=not worded)
        return None

    def atom_no_year(self, i: int) -> Atom | None:
        if (dk := self.day_at(i)) is not None and self._ok(dk[1], i) and (mo := self.month(dk[1])):
            return Atom(i, mo[2], None, mo[1], dk[0], mo[0])
        mo = self.month(i)
        if mo and self._ok(mo[2], i) and (dk := self.day_at(mo[2])) is not None:
            return Atom(i, dk[1], None, mo[1], dk[0], mo[0])
        return None

    def _with_year(self, a: Atom) -> Atom:
        k = a.last
        if self._ok(k, a.first) and self.toks[k].text == ",":
            k += 1
        elif self._ok(k + 1, a.first) and self.toks[k].lower in self.year_links and self.year_words.match(self.toks, k + 2):
            k += 1  # "14 декабря в 1989 году", "June of 1992 year": a linking word, then a year that says it is one
        elif self._ok(k + 1, a.first) and self.toks[k].lower in self.year_links and self.year_link_bare and not (
                self._ok(k + 2, a.first) and self.count_nouns.match(self.toks, k + 2)):
            k += 1  # "28 June in 2020", "April of 1987" (not "5 May in 2000 delegates")
        if self._ok(k, a.first) and (y := self.year(k, a.calendar)):
            a.year, a.last = y[0], y[1]
        elif self.day_words and a.day is not None and k == a.last and self._ok(k, a.first) \
                and (yw := self.year_in_words(k, a.calendar, closed=True)):
            a.year, a.last = yw  # "10 Eylül bin dokuz yüz bir", "... iki bin on sekiz yılında"
        return a


def extract_dates(doc: Document) -> list[dict]:
    parser = _Parser(doc)
    toks = doc.tokens
    found: list[tuple[int, int, Atom, Atom]] = []
    starts = _date_starts(doc.lang)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "punct" or (t.kind == "word" and starts.isdisjoint(t.stems) and not (parser.day_words and may_start(doc.lang, t))
                                 and not (t.text[0] == "X" and ROMAN.fullmatch(t.text))):
            i += 1  # no date starts with this word: not a month, an ordinal day, a quarter or half, a number word
            continue
        got = parser.date_at(i)
        if got is None:
            i += 1
            continue
        left, right = got if isinstance(got, tuple) else (got, got)
        first, last = left.first, max(left.last, right.last)
        opener = parser.opens.match_ending(toks, first) if first > 0 else None
        if opener and doc.same_sentence(first, opener[1]) and left is not right:
            first = opener[1]
        if not (first > 0 and parser.source_before.match_ending(toks, first) and doc.same_sentence(first - 1, first)):
            found.append((first, last, left, right))  # not "به نقل از 8 دی": quoting a paper called "8 Dey"
        i = last

    # An article without metadata takes its publication date from a full date in its first lines.
    if doc.published is None:
        for first, _, left, right in found:
            if left is right and left.day is not None and left.year is not None and left.month is not None:
                offset = doc.span(first, first + 1)[0]
                line = doc.article.text[doc.article.text.rfind("\n", 0, offset) + 1 :].split("\n", 1)[0]
                # a dateline ("21 noyabr, 2025", "26 ноября 2024, 14:05"), not a sentence that holds a date
                if doc.line(offset) - doc.line(doc.article.body_start) < HEADER_LINES and len(line.split()) <= DATELINE_WORDS \
                        and not line.rstrip().endswith((".", "!", "?", "؟")):
                    try:
                        doc.published = to_gregorian(left.calendar, left.year, left.month, left.day)
                    except (ValueError, OverflowError):
                        pass
                break

    relative = relative_dates(doc, {k for first, last, _, _ in found for k in range(first, last)})
    parser.days_of_months(relative)
    claims: list[tuple[dict, int, int]] = []
    # A day and month without a year take the year closest to the publication date, or, in an
    # article without one, to the last full date before them, else the last year said alone; a
    # relative year written next to them ("ötən il dekabrın 11-də", "11 декабря прошлого года")
    # gives it outright.
    context = doc.published
    year_context = None
    last_month: tuple[str, int | None, int] | None = None
    for first, last, left, right in found:
        try:
            # (of the date's clause: not "17-19 Mayıs'ta yapıldı; geçen yıl ...", a clause about another year)
            said = None if left.year is not None and right.year is not None else next((r for r in relative if len(r[0]["date_start"]) == 4
                         and ((0 <= first - r[2] <= 2 and (doc.clauses[r[2] - 1] == doc.clauses[first] or all(
                             t.text in "-–—" for t in doc.tokens[r[2]:first])))  # "а в прошлом году - 18-20 мая"
                              or (0 <= r[1] - last <= 2 and doc.clauses[r[1]] == doc.clauses[last - 1]))), None)
            # a relative year earlier in the date's clause gives the year too ("ötən il ... sərgisi çərçivəsində
            # noyabrın 29-da"), and stays a claim of its own
            told = said or next((r for r in relative if len(r[0]["date_start"]) == 4 and 0 <= first - r[2] <= SAID_REACH
                                 and doc.clauses[r[1]] == doc.clauses[first]), None)
            if left.month is None and left.day is not None:  # a day alone: of the month said last, or of the publication
                if last_month is not None:
                    left.calendar, left.year, left.month = last_month
                elif doc.published is not None:
                    left.calendar, left.year, left.month = "gregorian", doc.published.year, doc.published.month
                else:
                    raise LookupError
            for a in (left, right):
                if a.year is None and told is not None:
                    told_year = int(told[0]["date_start"])
                    if a is left and right.year is None:
                        assert left.month is not None  # a start without a year has a month (a day alone took one above)
                        told_year -= left.month > (right.month or 0)  # "28 December to 3 January": the start a year earlier
                    a.year = told_year
                elif a.year is None and a is right and left.year is not None and left.month is not None:
                    # the end of a range without a year is in the start's year, or the next ("from Nov to March")
                    a.year = left.year + ((right.month or 12) < left.month)
                elif a.year is None and context is None and year_context is not None and a.calendar == "gregorian":
                    a.year = year_context  # "2014. July 13th": an undated article's year, said before
                elif a.year is None:
                    if context is None:
                        raise LookupError
                    a.year = infer_year(a, context)
            if said is not None:
                relative.remove(said)
                first, last = min(first, said[1]), max(last, said[2])
            start = bounds(left)[0]
            end = bounds(right)[1]
        except LookupError:
            continue  # a day and month with no year anywhere to take it from
        except (ValueError, OverflowError):
            s, _ = doc.span(first, last)
            doc.problems.append(Problem(doc.article.path, f"date cannot exist: {doc.source(first, last)!r}",
                                        doc.line(s), "check the article; this date was skipped"))
            continue
        if start > end:
            continue
        if right.month is not None:
            last_month = (right.calendar, right.year, right.month)
        if doc.published is None and left is right and left.month is None and left.calendar == "gregorian":
            year_context = left.year
        if doc.published is None and left.day is not None and left.year is not None:
            assert left.month is not None  # a day has its month (a day alone took one above)
            try:
                context = to_gregorian(left.calendar, left.year, left.month, left.day)
            except (ValueError, OverflowError):
                pass
        claims.append((doc.claim("date", first, last, date_start=start, date_end=end, calendar=left.calendar,
                                 subject_text=date_subject(doc, first, last), _bare_year=left is right and left.bare),
                       first, last))
    return [c for c, _, _ in narrow(parser, claims + relative)]
