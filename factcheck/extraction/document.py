"""An article prepared for extraction: normalised text, tokens, sentences."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from factcheck.corpus import Article, Problem
from factcheck.lang import Language, Lexicon
from factcheck.text import CAPITALS, Normalised, Token, normalise, split_sentences

SENTENCE_CONTEXT = 300  # characters of a long sentence kept either side of a claim
CLAUSE_PUNCT = frozenset(",;:()[]—–-،؛")
YEAR = re.compile(r"(1[89]\d\d|20\d\d)(?![\d.,])")  # a year in digits
RELATIVE_GAP = 3  # words (and the comma) between an event's words and the relative word of a clause about it
YEAR_BEFORE, YEAR_AFTER = 5, 4  # words between an event's name and the year that chooses its edition
_EDITION_NUMBER = re.compile(rf"(?<=[{CAPITALS}])[-\s]?\d{{1,4}}(?!\d)")  # the number of a code ("ABC-25")
OTHER_EDITION_WINDOW = 24  # words before a figure in which "last year" or "in 2017" make it another edition's


@dataclass
class EventMention:
    first: int  # token indices [first, last)
    last: int
    named: bool


@dataclass
class Document:
    article: Article
    lang: Language
    norm: Normalised = field(init=False)
    tokens: list[Token] = field(init=False)
    sentences: list[tuple[int, int]] = field(init=False)
    published: dt.date | None = None
    events: list[EventMention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        body = self.article.text[self.article.body_start :]
        self.norm = normalise(body)
        self.tokens = self.lang.tokens(self.norm.text)
        self.sentences = split_sentences(
            self.norm.text,
            self.tokens,
            self.lang.words["sentences.abbreviations"],
            bool(self.lang.get("sentences.ordinal_dot")),
        )
        self.published = self.article.published
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.article.text)]

    # --- spans -------------------------------------------------------------
    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets into the article's text of tokens [first, last)."""
        s, e = self.norm.original_span(self.tokens[first].start, self.tokens[last - 1].end)
        return s + self.article.body_start, e + self.article.body_start

    def source(self, first: int, last: int) -> str:
        s, e = self.span(first, last)
        return self.article.text[s:e]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset) + self.article.line_offset

    def sentence_span(self, index: int) -> tuple[int, int]:
        s, e = self.sentences[index]
        a, b = self.norm.original_span(s, e)
        return a + self.article.body_start, b + self.article.body_start

    def adjacent(self, i: int, j: int) -> bool:
        """Tokens i and j touch (no space between)."""
        return self.tokens[i].end == self.tokens[j].start

    @functools.cached_property
    def _stem_index(self) -> dict[str, list[int]]:
        """Each stem of the text's words -> the tokens that have it, in order (built once a text)."""
        index: dict[str, list[int]] = {}
        for k, t in enumerate(self.tokens):
            for stem in t.stems:
                index.setdefault(stem, []).append(k)
        return index

    def starts(self, lexicon: Lexicon) -> list[int]:
        """``lexicon.starts(self.tokens)`` from the text's index of stems: the scans of several lexicons over one
        text cost a look-up of their first words each, not a pass over its tokens."""
        index = self._stem_index
        found = [at for word in lexicon.firsts if (where := index.get(word)) for at in where]
        return sorted(set(found))

    def found_in(self, lexicon: Lexicon, lo: int, hi: int) -> list[tuple[int, tuple[str, int]]]:
        """The phrases of ``lexicon`` that start at tokens [lo, hi): (start, (label, end)), in order; the text's
        matches are found once a lexicon, and each call costs a look-up (a scan per claim would cost a pass
        over its clause per claim)."""
        cache = self.__dict__.setdefault("_found", {})
        if id(lexicon) not in cache:
            cache[id(lexicon)] = found = [(k, m) for k in self.starts(lexicon) if (m := lexicon.match(self.tokens, k))]
            cache[id(lexicon), "at"] = [k for k, _ in found]
        at = cache[id(lexicon), "at"]
        return cache[id(lexicon)][bisect.bisect_left(at, lo):bisect.bisect_left(at, hi)]

    @functools.cached_property
    def clauses(self) -> list[int]:
        """The clause of each token: a sentence is cut before punctuation that separates clauses and
        before a word of ``counts.clause_breaks`` ("while", "that", "что", "که")."""
        toks = self.tokens
        breaks = self.lang.lexicon("counts.clause_breaks")
        may_break = set(breaks.starts(toks, exact=True))
        ids, c = [], 0
        for k, t in enumerate(toks):
            if k and (t.sentence != toks[k - 1].sentence or self.is_clause_break(k) or (k in may_break and breaks.match(toks, k, exact=True))):
                c += 1
            ids.append(c)
        return ids

    def is_clause_break(self, k: int) -> bool:
        """Punctuation at ``k`` that ends a clause (a comma inside "2,572" does not)."""
        toks = self.tokens
        if toks[k].kind != "punct" or toks[k].text not in CLAUSE_PUNCT:
            return False
        if toks[k].text in ",-" and 0 < k < len(toks) - 1 and self.adjacent(k - 1, k) and self.adjacent(k, k + 1):
            return False  # "2,572", "in-person"
        return True

    def same_sentence(self, i: int, j: int) -> bool:
        sentence = self._sentence_of
        return 0 <= j < len(sentence) and sentence[i] == sentence[j]

    def sentence_first(self, k: int) -> int:
        """The first token of the sentence of token ``k``."""
        return self._sentence_firsts[self.tokens[k].sentence]

    @functools.cached_property
    def _sentence_firsts(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for k, t in enumerate(self.tokens):
            out.setdefault(t.sentence, k)
        return out

    @functools.cached_property
    def _sentence_of(self) -> list[int]:
        """Each token's sentence (set once the sentences are split)."""
        return [t.sentence for t in self.tokens]

    def claim(self, kind: str, first: int, last: int, **fields) -> dict:
        start, end = self.span(first, last)
        sent = self.tokens[first].sentence
        s_start, s_end = self.sentence_span(sent)
        c_start, c_end = max(s_start, start - SENTENCE_CONTEXT), min(s_end, end + SENTENCE_CONTEXT)
        return {
            "article": self.article.id,
            "lang": self.lang.code,
            "published": self.published.isoformat() if self.published else None,
            "kind": kind,
            "text": self.article.text[start:end],
            "start": start,
            "end": end,
            "line": self.line(start),
            # the sentence, or of a long one (a run-on text without full stops) the words around the claim:
            # a claim never holds more than 2 x SENTENCE_CONTEXT characters of text besides its own
            "sentence": self.article.text[c_start:c_end],
            "sentence_start": s_start,  # the sentence's own start: claims of one sentence share it
            "context_start": c_start,
            **fields,
        }

    # --- subjects ----------------------------------------------------------
    def _relative_to(self, i: int, here: list[EventMention]) -> EventMention | None:
        """The event a relative clause holding token ``i`` is about: "the leaders' summit, which runs
        12-13 November" (an event's words ending within two words of the clause's relative word)."""
        toks = self.tokens
        start = self._clause_starts[self.clauses[i]]
        while start < i and toks[start].kind == "punct":
            start += 1
        if self.lang.lexicon("counts.relative_words").match(toks, start, exact=True) is None:
            return None
        before = [m for m in here if m.last <= start and start - m.last <= RELATIVE_GAP]
        return before[-1] if before else None

    @functools.cached_property
    def _clause_starts(self) -> dict[int, int]:
        """The first token of each clause."""
        out: dict[int, int] = {}
        for k, clause in enumerate(self.clauses):
            out.setdefault(clause, k)
        return out

    def _antecedent(self, m: EventMention) -> EventMention | None:
        """The event the sentence before names with the same noun as ``m``, an event not named
        ("... organised the Northern Energy Forum (NEF-22). The forum,
        held in a hybrid format, drew 2,152 people": NEF-22's, not the article's main event's)."""
        noun = set(self.tokens[m.last - 1].stems)
        for e in reversed(self._events_in.get(self.tokens[m.first].sentence - 1, [])):
            if e.named and any(noun & set(t.stems) for t in self.tokens[e.first:e.last]):
                return e
        return None

    @functools.cached_property
    def _events_in(self) -> dict[int, list[EventMention]]:
        """The event mentions of each sentence (``events`` is complete before subjects are asked for)."""
        out: dict[int, list[EventMention]] = {}
        for m in self.events:
            out.setdefault(self.tokens[m.first].sentence, []).append(m)
        return out

    def events_of_sentence(self, k: int) -> list[EventMention]:
        """The event mentions of the sentence of token ``k``, in text order."""
        return self._events_in.get(self.tokens[k].sentence, [])

    @functools.cached_property
    def _events_of_clause(self) -> dict[int, list[EventMention]]:
        """The event mentions each clause holds a word of, in text order."""
        out: dict[int, list[EventMention]] = {}
        for m in self.events:
            for clause in dict.fromkeys(self.clauses[m.first:m.last]):
                out.setdefault(clause, []).append(m)
        return out

    @functools.cached_property
    def _sentence_index(self) -> dict[int, tuple[list[int], list[int], list[EventMention], list[EventMention]]]:
        """For each sentence: where its event mentions start, where its named ones start, those, and its
        first mention without a name (in a list, empty when there is none)."""
        out: dict[int, tuple[list[int], list[int], list[EventMention], list[EventMention]]] = {}
        for m in self.events:
            starts, named_starts, named, unnamed = out.setdefault(self.tokens[m.first].sentence, ([], [], [], []))
            starts.append(m.first)
            if m.named:
                named_starts.append(m.first)
                named.append(m)
            elif not unnamed:
                unnamed.append(m)
        return out

    @functools.cached_property
    def _longest_event(self) -> int:
        return max((m.last - m.first for m in self.events), default=0)

    @functools.cached_property
    def _main_event(self) -> EventMention | None:
        """The article's main event: the first it names."""
        return next((m for m in self.events if m.named), None)

    @functools.cached_property
    def _own_of_clause(self) -> dict[int, tuple[list[int], list[EventMention]]]:
        """For each clause, the mentions that may be its claims' subject (named, or with a year beside them),
        and where they start."""
        out: dict[int, tuple[list[int], list[EventMention]]] = {}
        for clause, mentions in self._events_of_clause.items():
            own = [m for m in mentions if m.named or self._year_near(m)]
            if own:
                out[clause] = ([m.first for m in own], own)
        return out

    def mention_text(self, m: EventMention | None, other: str | None = None) -> str | None:
        """An event's words, with the year written beside them when they do not hold it
        ("2017-ci ildə ... keçirilmiş konfransında" is the conference of 2017); of another edition
        (the year ``other``, or the year before when words of ``events.previous_words`` stand beside
        them), the words without their edition's number and with that year ("Год назад СЭФ[-2025]"
        gives "СЭФ (2024)")."""
        if m is None:
            return None
        text = self.source(m.first, m.last)
        year = self._year_written(m)
        if year is None and (other := other or self._previous_edition(m)):
            return f"{_EDITION_NUMBER.sub('', text)} ({other})"
        return text if year is None or year in text else f"{text} ({year})"

    def _year_near(self, m: EventMention) -> str | None:
        return self._year_written(m) or self._previous_edition(m)

    def _year_written(self, m: EventMention) -> str | None:
        """A year that stands a few words before or just after an event's words, in its sentence: right
        before them, or marked as a year ("2017-ci ildə", "в 2022 году", "سال ۲۰۲۲"); not the year of a
        full date ("17 November 2025") nor a figure ("2000-dən çox")."""
        toks = self.tokens
        for k in [*range(m.first - 1, max(-1, m.first - YEAR_BEFORE - 1), -1), *range(m.last, min(len(toks), m.last + YEAR_AFTER))]:
            if not self.same_sentence(m.first, k):
                continue
            y = YEAR.match(toks[k].base)
            if y is None or (k > 0 and (toks[k - 1].kind == "num" or toks[k - 1].lower in self.lang.words["dates.years_after"]
                                        or self._month_before(k))):
                continue  # not a figure, a year of a time since or until ("has doubled since 2019,"), nor a full date's
            beside = k == m.first - 1 or (k + 1 < len(toks) and toks[k + 1].kind == "punct")  # "the 2017 conference", "held in 2017,"
            if beside or self._marked_year(k):
                return y.group(1)
        return None

    def _month_before(self, k: int) -> bool:
        """A month's name ends right before token ``k`` ("18-20 May 2025", "17 мая 2025"): ``k`` is a full date's year."""
        return any(self.lang.lexicon(f"dates.{key}").match_ending(self.tokens, k) is not None
                   for key in ("months", "solar_months", "lunar_months"))

    def _marked_year(self, k: int) -> bool:
        """Token ``k`` is marked as a year: "2017-ci ildə", "в 2022 году", "سال ۲۰۲۲", "in the year 2017", "2019'da"."""
        t = self.tokens[k]
        return self.lang.lexicon("dates.year_words").match(self.tokens, k + 1) is not None or (
            k > 0 and self.lang.lexicon("dates.year_words_before").match_ending(self.tokens, k) is not None) or (
            t.base != t.text and t.lower[len(t.base) + 1:] in self.lang.words["dates.year_suffixes"])

    def _year_before(self, i: int) -> str | None:
        """A year marked as one between the last comma before token ``i`` and ``i``: "..., а в 2017 году в
        Буэнос-Айресе — 1 360" speaks of 2017."""
        toks = self.tokens
        k = i - 1
        while k >= max(0, i - OTHER_EDITION_WINDOW) and self.same_sentence(i, k) and toks[k].text not in ",،;؛":
            y = YEAR.match(toks[k].base)
            if y is not None and not (k > 0 and toks[k - 1].kind == "num") and self._marked_year(k):
                return y.group(1)
            k -= 1
        return None

    def _previous_edition(self, m: EventMention) -> str | None:
        """The year before publication when words of ``events.previous_words`` stand a few words
        before or after an event's words ("last year's forum", "год назад СЭФ", "geçen yılki forum"); the year
        after it, for ``events.next_words`` ("next year's forum")."""
        if any(t.kind != "word" for t in self.tokens[m.first:m.last]):
            return None  # an edition's code or number names it ("the previous edition, ABC-22")
        return self._previous_between(m.first, max(0, m.first - YEAR_BEFORE), min(len(self.tokens), m.last + YEAR_AFTER))

    def _previous_between(self, i: int, first: int, last: int) -> str | None:
        if self.published is None:
            return None
        found = [(k, m, -1) for k, m in self.found_in(self.lang.lexicon("events.previous_words"), first, last)]
        found += [(k, m, 1) for k, m in self.found_in(self.lang.lexicon("events.next_words"), first, last)]
        for k, m, step in sorted(found):
            # of its own clause, or opening the one before it ("Last year, the forum drew ...", "; last year, 3,000
            # attended"), not another clause's ("bu yılki forumun konuk ülkesiydi; gelecek yıl ...")
            if self.clauses[k] == self.clauses[i] or self._opening(k, m[1], i):
                return str(self.published.year + step)
        return None

    def _other_year(self, i: int) -> str | None:
        """The year of another edition that words before token ``i`` in its clause, or a phrase opening the clause
        before it, name ("last year", "in 2017", "; last year, 3,000 attended")."""
        clause_start = i
        while clause_start > max(0, i - OTHER_EDITION_WINDOW) and self.clauses[clause_start - 1] == self.clauses[i]:
            clause_start -= 1
        if clause_start > 0 and self.same_sentence(i, clause_start - 1):
            clause_start = max(self._clause_starts[self.clauses[clause_start - 1]], i - OTHER_EDITION_WINDOW)
        year = self._previous_between(i, clause_start, i + 1) or self._year_before(i)  # (or one a claim starts with)
        return None if year is not None and self.published is not None and int(year) == self.published.year else year

    def _opening(self, k: int, end: int, i: int) -> bool:
        """The phrase at tokens [k, end) opens its clause, a comma follows it, and token ``i`` is in the clause right
        after it ("Last year, the forum drew ...")."""
        toks = self.tokens
        return (self.clauses[i] == self.clauses[k] + 1 and end < len(toks) and toks[end].text in ",،"
                and all(t.kind == "punct" for t in toks[self._clause_starts[self.clauses[k]]:k]))

    def subject(self, i: int, *, near: int | None = None) -> str | None:
        """The event a claim at token ``i`` is about.

        The event named in its own clause, the nearest when there are several
        ("1.763 kişinin katıldığı ABC-2022", "more than the 1,763 at ABC-2022"); else
        a named event before it in its sentence; else, when the sentence speaks of
        an event without naming it ("the conference"), or the sentence names none,
        the article's main event (the first it names); else a named event later in
        the sentence. An event's words with a year beside them name an edition
        ("в 2022 году аналогичная конференция"). Events named in passing in another
        clause ("..., more than at ABC-2022") do not take over a claim that precedes
        them. With ``near``, only an event mentioned within that many words of the
        claim counts (a date is an event's date only when the text puts them
        together); with a negative ``near``, only a sentence that mentions an event
        has a subject.
        """
        sent = self.tokens[i].sentence
        here = self._events_in.get(sent, [])
        clause = self.clauses[i]
        about = self._relative_to(i, here)
        if about is not None:
            return self.mention_text(about)
        # (mentions are looked up by clause and by position, so that a run-on sentence costs no more a claim)
        firsts, own = self._own_of_clause.get(clause, ((), ()))
        if own:
            k = bisect.bisect_right(firsts, i)
            nearest = own[max(0, k - 2) : k + 2]  # the nearest is just before or just after the claim
            return self.mention_text(min(nearest, key=lambda m: m.first - i if m.first > i else i - m.last + 1))
        if near is not None and near < 0:
            if not here:
                return None  # the sentence names no event
            near = None
        starts, named_starts, named, unnamed = self._sentence_index.get(sent, ([], [], [], []))
        if near is not None:
            # a named event may stand a little further from the claim than "the conference"
            lo, hi = bisect.bisect_left(starts, i - near - self._longest_event), bisect.bisect_right(starts, i + near)
            here = [m for m in here[lo:hi] if m.first - near <= i <= m.last + (near if m.named else near // 2)]
            named = [m for m in here if m.named]
            named_starts = [m.first for m in named]
        k = bisect.bisect_right(named_starts, i)
        if k:
            return self.mention_text(named[k - 1], self._other_year(i))
        if near is not None:
            unnamed = [m for m in here if not m.named]
        # "Год назад СЭФ посетили ...", "а в 2017 году — 1 360", "سال گذشته ۱۹۰۰ نفر در این مجمع": the edition of another year
        if unnamed and (antecedent := self._antecedent(unnamed[0])) is not None:
            return self.mention_text(antecedent, self._other_year(i))
        if here or near is None:
            main = self._main_event
            if main is not None and main.first <= i:
                return self.mention_text(main, self._other_year(i))
        if named:
            return self.mention_text(named[0])
        return self.mention_text(here[0]) if here else None
