"""Relative dates, resolved from the publication date.

Two kinds, both from the language file:

- a grammar of periods (``dates.units``: day, week, month, quarter, year, decade, and the words that move them):
  "10 gün əvvəl", "три недели назад", "a week ago", "через неделю", "iki ay sonra" (a day; a year
  for years), spans up to the paper's day ("the last three years", "son iki yılda",
  "سه سال گذشته"), and "last week", "на прошлой неделе", "gelecek ay", "هفته گذشته", "bu yıl"
  (the whole week, Monday to Sunday, month or year); a day of the week after such a week
  ("next week Friday", "gelecek hafta Cuma") or after a modifier ("geçen Cuma", "в прошлый
  вторник") is that day;
- fixed phrases (``dates.relative``: "yesterday", "позавчера"), read as the language file states
  ("{day: -1}"), or by dateparser with the language fixed where it states no reading, and a day of
  the week alone (``dates.weekdays``: the last such day up to the publication day; in a clause in the
  future tense, ``dates.future``, the first from it on).

A phrase right next to a written date ("Friday, 21 November") only restates it and is skipped;
"in the next four years" is a span of time, not a date.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from functools import cache, lru_cache

from factcheck.extraction.document import Document
from factcheck.extraction.numbers import read_number
from factcheck.extraction.whose import date_subject
from factcheck.lang import Language, Lexicon
from factcheck.text import APOSTROPHES, Token

RELATIVE_PRECISION = {"day": 10, "month": 7, "year": 4}  # dateparser's period -> ISO length
STEPS = {"next": 1, "last": -1, "this": 0, "before_last": -2, "after_next": 2}
UNIT_REACH = 8  # tokens from the start of a relative period to its unit word ("two hundred and twelve days ago")
FUTURE_REACH = 30  # tokens from a day of the week, on its verb's side, searched for a sign of the future tense
UNIT_SIZE = {"day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5, "decade": 6}  # a duration's amounts go down in size
MOVES = ("ago", "later", "within", "within_after", "next", "last", "last_span", "this", "before_last", "next_after", "last_after",
         "this_after", "after_next")


@cache
def _relative_lexicon(lang: Language) -> Lexicon:
    return Lexicon(lang, list(lang.mapping("dates.relative")))


@cache
def moved_weekdays(lang: Language) -> Lexicon:
    """Days of the week after "next", "last" or a week: also the names that alone are other words
    (``dates.weekdays_after_move``: "pazar", Sunday and market, in "gelecek pazar", "geçen hafta pazar")."""
    days = {k: [*v] for k, v in (lang.get("dates.weekdays") or {}).items()}
    for k, v in (lang.get("dates.weekdays_after_move") or {}).items():
        days.setdefault(k, []).extend(v)
    return Lexicon(lang, days)


@cache
def moves(lang: Language) -> dict[str, Lexicon]:
    """One lexicon a move: a word may move two ways ("پیش": "دو هفته پیش", two weeks ago; "هفته پیش", last week)."""
    return {m: Lexicon(lang, [str(w) for w in lang.get(f"dates.{m}") or []]) for m in MOVES}


@lru_cache(maxsize=64)
def _date_parser(lang: str, published: dt.date):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={"RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
                                                      "PREFER_DATES_FROM": "past"})


@lru_cache(maxsize=4096)
def _read_fixed(lang: str, phrase: str, published: dt.date) -> str | None:
    """The date (ISO, to dateparser's precision) a fixed phrase says on ``published``: the same phrase on
    the same day is read once (an archive's articles of a day share their "yesterday"s)."""
    data = _date_parser(lang, published).get_date_data(phrase)
    if data.date_obj is None or data.period not in RELATIVE_PRECISION:
        return None
    return data.date_obj.date().isoformat()[: RELATIVE_PRECISION[data.period]]


def stated_reading(reading: dict, published: dt.date) -> str:
    """The date (ISO, to the unit's precision) a fixed phrase's stated reading says on ``published``:
    ``{day: -1}``, ``{month: 0}``, ``{year: 1}``, ``{weekday_coming: 1}`` (the first Monday on or after it),
    ``{weekday_this_week: 3}`` (the Wednesday of its week, Monday to Sunday); ``as_written`` beside it says how
    it matches."""
    ((unit, n),) = ((k, v) for k, v in reading.items() if k != "as_written")
    if unit == "weekday_this_week":
        return _weekday_in(published, n)[0]
    if unit == "weekday_coming":
        return _weekday_from(published, n, back=False, today=True).isoformat()
    return _period(_shift(published, unit, n), unit)[0]


def _weekday_from(day: dt.date, weekday: int, back: bool, today: bool) -> dt.date:
    """The nearest day of ISO ``weekday`` before ``day`` (``back``) or after it, ``day`` itself when ``today``."""
    gap = ((day.isoweekday() - weekday) if back else (weekday - day.isoweekday())) % 7 or (0 if today else 7)
    return day - dt.timedelta(days=gap) if back else day + dt.timedelta(days=gap)


def _as_written(tokens: list[Token], words: list[str]) -> bool:
    """The tokens are the phrase's words as written, or with a possessive after an apostrophe ("today's"):
    not an inflected form ("bugüne kadar", so far; "bu günlərdə", these days)."""
    return len(tokens) == len(words) and all(t.lower == w or (t.lower.startswith(w) and t.lower[len(w)] in APOSTROPHES + "-")
                                             for t, w in zip(tokens, words, strict=True))


def _in_future(doc: Document, i: int) -> bool:
    """Token ``i``'s clause is in the future tense: it holds a word of ``dates.future`` ("will", "خواهد")
    or a verb with an ending of ``dates.future_endings`` ("edəcəklər"), within ``FUTURE_REACH`` tokens on
    the side ``dates.future_side`` says (the verb's)."""
    words, endings = doc.lang.lexicon("dates.future"), doc.lang.words["dates.future_endings"]
    clause, toks = doc.clauses, doc.tokens
    after = doc.lang.get("dates.future_side") == "after"
    for k in range(i + 1, min(len(toks), i + FUTURE_REACH)) if after else range(max(0, i - FUTURE_REACH), i):
        if clause[k] != clause[i]:
            continue
        word = toks[k].lower
        if words.match(toks, k) or any(word.endswith(e) and len(word) > len(e) + 1 for e in endings):
            return True
    return False


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (a month later than 31 January is the last day of February)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = day.month - 1 + n * {"decade": 120, "year": 12, "quarter": 3}.get(unit, 1)
    y, m = day.year + months // 12, months % 12 + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _weekday_in(day: dt.date, weekday: int) -> tuple[str, str]:
    """The day of ISO ``weekday`` in the week (Monday to Sunday) that holds ``day``."""
    iso = (day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=weekday - 1)).isoformat()
    return iso, iso


def _period(day: dt.date, unit: str) -> tuple[str, str]:
    """The whole day, week (Monday to Sunday), month, quarter, year or decade (1990-1999) that holds ``day``, as ISO bounds."""
    if unit == "decade":
        return str(day.year // 10 * 10), str(day.year // 10 * 10 + 9)
    if unit == "quarter":
        first = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return first.isoformat()[:7], _shift(first, "month", 2).isoformat()[:7]
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    iso = day.isoformat()[: RELATIVE_PRECISION[unit]]
    return iso, iso


class _Grammar:
    """Periods moved from the publication date: "N units ago/later", "in N units", "last/this/next unit"."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        self.units = doc.lang.lexicon("dates.units")
        self.moves = moves(doc.lang)
        self.weekdays = doc.lang.lexicon("dates.weekdays")
        self.moved_weekdays = moved_weekdays(doc.lang)
        # where unit words stand, found once: a period needs one within a few words, so most tokens are passed over cheaply
        self.weekend = doc.lang.lexicon("dates.weekend")
        self.unit_at = sorted(k for lexicon in (self.units, self.weekend) for k in doc.starts(lexicon) if lexicon.match(self.toks, k))
        self.few = doc.lang.lexicon("dates.few")
        self.within_not_after = doc.lang.words["dates.within_not_after"]
        self.determiners = doc.lang.words["titles.determiners"]
        self.weekday_joins = doc.lang.words["dates.weekday_joins"]
        self.anchors = tuple(doc.lang.words["dates.anchor_suffixes"])
        self.vague = doc.lang.words["dates.vague_units"]
        self.duration = doc.lang.lexicon("dates.duration_after")
        self.joins = doc.lang.words["titles.list_joins"]

    def _ok(self, k: int, anchor: int) -> bool:
        return 0 <= k < len(self.toks) and self.doc.same_sentence(anchor, k)

    def _move(self, k: int, *kinds: str) -> tuple[str, int] | None:
        """(the move, index after) of the first of ``kinds`` whose words stand at ``k``."""
        for kind in kinds if self._ok(k, k) else ():
            if (m := self.moves[kind].match(self.toks, k)) is not None:
                return kind, m[1]
        return None

    def _move_ending(self, end: int, *kinds: str) -> bool:
        """A word of one of ``kinds`` ends right before token ``end``."""
        return any(self.moves[kind].match_ending(self.toks, end) is not None for kind in kinds)

    def _anchored(self, k: int) -> bool:
        """Token ``k`` ends in a case that puts the period after something else ("seçimden üç gün önce",
        "oy verme gününden önce"): not moved from the publication date."""
        tok = self.toks[k]
        if self.doc.lang.cased and tok.is_capitalised and tok.base == tok.text and k > 0 and self.doc.same_sentence(k - 1, k):
            return False  # a name's letters ("Ayşe Yılmaz üç hafta önce"), not a case ending ("Zirveden", "Bayramı'ndan")
        return any(tok.lower.endswith(x) and len(tok.lower) > len(x) for x in self.anchors)

    def _amount(self, k: int) -> tuple[int, str, int] | None:
        """(N, unit, index after) for "3 weeks", "a month", "неделю" (one, unsaid); not "a few days"."""
        if not self._ok(k, k) or (k > 0 and self._ok(k - 1, k) and (self._anchored(k - 1) or self.few.match_ending(self.toks, k))):
            return None
        num = read_number(self.doc, k)
        if num is not None and (n := num.integer) is not None and 0 < n <= 1000 and not num.ordinal and self._ok(num.last, k):
            unit = self.units.match(self.toks, num.last)
            return (n, unit[0], unit[1]) if unit and not self._anchored(unit[1] - 1) else None
        if k > 0 and self._ok(k - 1, k) and read_number(self.doc, k - 1) is not None:
            return None  # the unit of a number not taken ("seçimden üç gün önce")
        unit = self.units.match(self.toks, k)
        if unit is None or self._anchored(unit[1] - 1) or self.toks[k].lower in self.vague:
            return None  # "Yıllar önce", "days ago": no number, and not one
        return 1, unit[0], unit[1]

    def unit_near(self, i: int) -> bool:
        k = bisect.bisect_left(self.unit_at, i)
        return k < len(self.unit_at) and self.unit_at[k] < i + UNIT_REACH

    def at(self, i: int, ref: dt.date) -> tuple[str, str, int] | None:
        """(start, end, index after) of a relative date that starts at token ``i``."""
        if not self.unit_near(i):
            return self._weekday_after_move(i, ref)
        # "Tuesday next week", "on Tuesday of last week": that day of that week
        if wd := self.weekdays.match(self.toks, i):
            k = wd[1] + 1 if self._ok(wd[1] + 1, i) and self.toks[wd[1]].lower in self.weekday_joins else wd[1]
            mod = self._move(k, "next", "last", "this")
            unit = self.units.match(self.toks, mod[1]) if mod and self._ok(mod[1], i) else None
            if unit is not None and mod is not None and unit[0] == "week":  # (a unit only after a move)
                return (*_weekday_in(_shift(ref, "week", STEPS[mod[0]]), int(wd[0])), unit[1])
        # "через 3 недели", "in two months"
        if (w := self._move(i, "within")) and (a := self._amount(w[1])) and not (
                i > 0 and self._ok(i - 1, i) and self.toks[i - 1].lower in self.within_not_after):
            parts, end = self._compound(a, i)  # "через 1 год и 2 месяца"
            if self._ok(end, i) and self.duration.match(self.toks, end):
                return None  # "in two days of talks": how long, not when
            return self._moved(ref, parts, 1, end)
        # "the last three years", "son iki yıl içinde", "за последние 3 недели": the span up to the paper's day
        if (span := self._span(i, ref)) is not None:
            return span
        # "3 weeks ago", "iki ay sonra", "دو هفته پیش" (but "هفته پیش", with no number, is last week)
        bare_unit = self.units.match(self.toks, i)
        implicit_period = bare_unit is not None and self._move(bare_unit[1], "next_after", "last_after", "this_after") is not None
        if not implicit_period and (a := self._amount(i)) and self._ok(a[2], i):
            parts, end = self._compound(a, i)  # "2 years 1 month 21 days ago", "1 ay ve 21 gün önce"
            if self._ok(end, i) and (w := self._move(end, "ago", "later")) and not self._continues(i, a[1]):
                return self._moved(ref, parts, -1 if w[0] == "ago" else 1, w[1])
            if len(parts) == 1 and (w := self._move(a[2], "last_after")) and read_number(self.doc, i) is not None:
                return self._spanned(ref, a[1], a[0], w[1])  # "سه سال گذشته": the last three years
        # "last week", "на прошлой неделе", "هفته گذشته", "this year"; then perhaps a weekday
        mod = self._move(i, "next", "last", "this", "before_last")
        if mod and i > 0 and self._ok(i - 1, i) and self.toks[i - 1].lower in self.determiners:
            mod = None  # "the next week", "the last week of the talks": the story's time, not the paper's
        if mod is not None and mod[0] == "next" and self._ok(mod[1], i) and self.weekend.match(self.toks, mod[1]):
            return None  # "next weekend", "gelecek hafta sonu" (not next week): see _weekend
        if (weekend := self._weekend(i, mod, ref)) is not None:
            return weekend
        unit = self.units.match(self.toks, mod[1]) if mod and self._ok(mod[1], i) else None
        after = None
        if unit is None and (unit := self.units.match(self.toks, i)) is not None and not (
                i > 0 and self._ok(i - 1, i) and read_number(self.doc, i - 1)):  # "چهار سال آینده": four years, a span
            after = self._move(unit[1], "next_after", "last_after", "this_after", "after_next")  # "هفته گذشته", "the week after next"
        if unit is not None and (move := mod or after) and unit[0] != "day" and self.toks[unit[1] - 1].lower not in self.vague:
            # not "the next day" (it follows the story, not the paper), nor "the coming weeks"
            step = STEPS[move[0].removesuffix("_after")]
            end = after[1] if after else unit[1]
            day = _shift(ref, unit[0], step)
            k = end + 1 if self._ok(end + 1, i) and self.toks[end].lower in self.weekday_joins else end
            if unit[0] == "week" and self._ok(k, i) and (wd := self.moved_weekdays.match(self.toks, k)):
                return (*_weekday_in(day, int(wd[0])), wd[1])  # "next week Friday", "next week on Friday", "gelecek hafta Cuma"
            return (*_period(day, unit[0]), end)
        return self._weekday_after_move(i, ref)

    def _weekend(self, i: int, mod: tuple[str, int] | None, ref: dt.date) -> tuple[str, str, int] | None:
        """Saturday and Sunday of this or last week ("this weekend", "geçen hafta sonu", "в прошлые выходные"), or of the
        week after next ("the weekend after next"); not "next weekend" (said early in a week, the coming one or the one
        after: no date)."""
        if mod is not None and mod[0] in ("this", "last") and self._ok(mod[1], i) and (w := self.weekend.match(self.toks, mod[1])):
            step, end = STEPS[mod[0]], w[1]
        elif mod is None and (w := self.weekend.match(self.toks, i)) and (after := self._move(w[1], "after_next")):
            step, end = STEPS["after_next"], after[1]
        else:
            return None
        week = _shift(ref, "week", step)
        return _weekday_in(week, 6)[0], _weekday_in(week, 7)[0], end

    def _weekday_after_move(self, i: int, ref: dt.date) -> tuple[str, str, int] | None:
        """A weekday after "last" or "next" ("geçen Cuma", "в прошлый вторник", "next Friday"): the last
        such day before the publication day, or the first after it ("this Wednesday" may be past or
        coming: no date)."""
        mod = self._move(i, "next", "last")
        if mod and self._ok(mod[1], i) and (wd := self.moved_weekdays.match(self.toks, mod[1])):
            day = _weekday_from(ref, int(wd[0]), mod[0] == "last", today=False).isoformat()
            return day, day, wd[1]
        return None

    def _span(self, i: int, ref: dt.date) -> tuple[str, str, int] | None:
        """A span of N units up to the paper's day: "the last three years", "the past 3 weeks", "son iki yılda" (not
        "the last two days of the talks"; nor "the next two years", a plan that may be put off, not a date)."""
        mod = self._move(i, "last", "last_span")
        if mod is None or not self._ok(mod[1], i) or (num := read_number(self.doc, mod[1])) is None or not num.integer:
            return None  # not "last quarter" ("quarter" is also a fraction)
        a = self._amount(mod[1])
        if a is None or (self._ok(a[2], i) and self.duration.match(self.toks, a[2])):
            return None
        end = w[1] if self._ok(a[2], i) and (w := self._move(a[2], "within_after")) else a[2]
        return self._spanned(ref, a[1], a[0], end)

    @staticmethod
    def _spanned(ref: dt.date, unit: str, n: int, end: int) -> tuple[str, str, int]:
        return _shift(ref, unit, -n).isoformat(), ref.isoformat(), end

    def _compound(self, a: tuple[int, str, int], i: int) -> tuple[list[tuple[int, str]], int]:
        """The amounts of a duration from ``i`` whose first amount is ``a``: more amounts, each with a number and of a
        smaller unit, right after it or after a comma or "and" ("2 years 1 month 21 days", "1 month and 21 days");
        and the index after the last."""
        parts, k = [(a[0], a[1])], a[2]
        while self._ok(k, i):
            j = k + 1 if self.toks[k].lower in self.joins else k
            b = self._amount(j) if self._ok(j, i) and read_number(self.doc, j) is not None else None
            if b is None or UNIT_SIZE[b[1]] >= UNIT_SIZE[parts[-1][1]]:
                break
            parts.append((b[0], b[1]))
            k = b[2]
        return parts, k

    def _continues(self, i: int, unit: str) -> bool:
        """The amount at ``i``, of ``unit``, follows another right after it ("2 years 21 days ago" of "1 month 2 years 21
        days ago") or one of a larger unit after a comma or "and": a part of a duration not read whole, not a date of its
        own (but "three days, two weeks ago" is one)."""
        j = i - 1 if i > 0 and self._ok(i - 1, i) and self.toks[i - 1].lower in self.joins else i
        before = self.units.match_ending(self.toks, j) if j > 0 and self._ok(j - 1, i) else None
        if before is None or not (j == i or UNIT_SIZE[before[0]] > UNIT_SIZE[unit]) or not self._ok(before[1] - 1, i) or before[1] == 0:
            return False
        num = before[1] - 1  # the number of the amount before (its last word), not one a move opens ("the last 3 months and 2 days ago")
        return (self.toks[num].kind == "num" or read_number(self.doc, num) is not None) and not (
            num > 0 and self._ok(num - 1, i) and self._move_ending(num, "last", "last_span", "within", "next", "this"))

    def _moved(self, ref: dt.date, parts: list[tuple[int, str]], sign: int, end: int) -> tuple[str, str, int]:
        """A day the amounts ``parts`` from ``ref``, back (``sign`` -1) or forward; a year for years ("two years
        ago": that year)."""
        day = ref
        for n, unit in parts:
            day = _shift(day, unit, sign * n)
        return (*_period(day, "year" if all(unit in ("year", "decade") for _, unit in parts) else "day"), end)


def relative_dates(doc: Document, taken: set[int]) -> list[tuple[dict, int, int]]:
    """Relative dates as (claim, first token, index after), resolved from the publication date;
    tokens in ``taken`` belong to written dates."""
    phrases = doc.lang.mapping("dates.relative")
    if doc.published is None:
        return []
    lexicon = _relative_lexicon(doc.lang)
    grammar = _Grammar(doc)
    weekdays = grammar.weekdays
    named_days = doc.lang.words["dates.weekdays_not_after"]
    claims = []
    i = 0
    # the first words of every phrase that may start here: any other token starts none, unless a unit is near
    starts = frozenset().union(lexicon.firsts, weekdays.firsts, *(grammar.moves[k].firsts for k in ("next", "last", "within")))
    while i < len(doc.tokens):
        start = end = None
        m: tuple[str | None, int] | None = None  # (the phrase's label, index after it)
        if i in taken or (starts.isdisjoint(doc.tokens[i].stems) and not grammar.unit_near(i)):
            i += 1
            continue
        elif (span := lexicon.match(doc.tokens, i)) and i > 0 and doc.same_sentence(i, i - 1) and read_number(doc, i - 1):
            m = (None, span[1])  # "in the next four years" is a span of time, not a date
        elif found := grammar.at(i, doc.published):
            start, end, last = found
            m = (None, last)
        elif m := lexicon.match(doc.tokens, i):
            reading = phrases.get(m[0])
            if not isinstance(reading, dict):
                start = end = _read_fixed(doc.lang.code, str(reading or doc.source(i, m[1])), doc.published)
            elif not reading.get("as_written") or _as_written(doc.tokens[i:m[1]], str(m[0]).split()):
                start = end = stated_reading(reading, doc.published)
            if m[1] < len(doc.tokens) and doc.same_sentence(i, m[1]) and (w := weekdays.match(doc.tokens, m[1])):
                m = (m[0], w[1])  # "today, Friday", "امروز جمعه": one date
        elif (m := weekdays.match(doc.tokens, i)) and not (i > 0 and doc.same_sentence(i - 1, i) and doc.tokens[i - 1].lower in named_days):
            # a day of the week alone: the last such day up to the publication day (not "نماز جمعه", Friday prayers);
            # in a clause in the future tense ("will meet on Friday"), the first from the publication day on
            start = end = _weekday_from(doc.published, int(m[0]), not _in_future(doc, i), today=True).isoformat()
        if m is None:
            i += 1
            continue
        near_date = any(k in taken and doc.same_sentence(i, k) for k in (*range(i - 3, i), *range(m[1], m[1] + 3)))
        if start is not None and (not near_date or len(start) == 4):  # a year ("last year") may go with a date
            # days a relative phrase spans ("next week", "this weekend", "the past three years") are days something
            # falls within, never an event's run, which the date findings would hold against its dates: no subject
            within = len(start) == 10 and start != end
            claim = doc.claim("date", i, m[1], date_start=start, date_end=end, calendar="gregorian",
                              subject_text=None if within else date_subject(doc, i, m[1]), _bare_year=False)
            claims.append((claim, i, m[1]))
        i = m[1]
    return claims
