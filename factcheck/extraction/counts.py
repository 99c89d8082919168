"""Count claims: a number with what it counts ("2500 mütəxəssis", "more than
1,500 delegates", "حدود ۱۵۰ کشور"), its qualifier, what it measures (attended,
registered, online, ...), whether it is a running figure ("so far") and whether
it counts a part of the whole ("including 40 ministers", one country's
delegation).

Words are looked for in the count's own clause: a sentence is cut into clauses at
punctuation (commas, semicolons, colons, brackets, dashes) and at the language's
``counts.clause_breaks`` ("while", "that", "что", "که"). A marker that opens a
clause and is followed by a comma ("So far, 28,000 people ...") belongs to the
clause after the comma."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from factcheck.extraction.document import Document
from factcheck.extraction.elision import after_part_dash, earlier_noun, later_noun, later_whole, named_before
from factcheck.extraction.numbers import read_number
from factcheck.extraction.parts import part_of_whole
from factcheck.extraction.qualifiers import combined, qualifier_after, suffix_of

MAX_GAP = 2  # words allowed between a number and the noun it counts ("2,572 registered participants")
MEASURE_WINDOW = 12  # words either side of a count searched for what it measures
WAY_WINDOW = 5  # a way of taking part ("online") further than this from the figure is not said of it
HYBRID_GAP = 3  # both ways this close ("in person and online", "حضوری و مجازی") describe a format, not a figure
RUNNING_WINDOW = 10  # words either side of a count searched for "so far", "уже"
GENERIC = "attended"  # the measure of taking part at all; any other of the same clause says more
WAYS = ("in_person", "online")  # ways of taking part: said of the figures of their own clause only


def _overlap_test(spans):
    """A test of whether a span overlaps any of ``spans``, in logarithmic time (not one pass over them a number)."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))  # the furthest end of the spans up to each

    def overlaps(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)  # the spans that start before ``end``
        return k > 0 and reach[k - 1] > start

    return overlaps


def extract_counts(doc: Document, taken: Sequence[tuple[int, int]] = ()) -> list[dict]:
    """Count claims; numbers inside the character spans ``taken`` (dates) are skipped."""
    toks = doc.tokens
    lang = doc.lang
    nouns = lang.lexicon("counts.attributes")
    measures = lang.lexicon("counts.measures")
    before = lang.lexicon("qualifiers.before")
    not_after = lang.words["numbers.not_after"]
    units = lang.lexicon("numbers.units")
    anaphoric = lang.words["numbers.anaphoric"]
    between = lang.lexicon("numbers.anaphoric_after")
    ordinal_words = lang.lexicon("dates.ordinal_days")  # ordinals in words ("twenty-first") count nothing
    anaphoric_at_start = bool(lang.get("numbers.anaphoric_at_start"))
    head_first = bool(lang.get("counts.head_first"))
    count_words = lang.lexicon("counts.count_words")
    generic = lang.lexicon("counts.generic_nouns")
    clauses = _Clauses(doc)
    is_taken = _overlap_test(taken)
    claims: list[dict] = []
    spans: list[tuple[int, int, bool]] = []  # each claim's tokens [first, last), and whether it names its noun
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind not in ("num", "mixed", "word"):
            i += 1
            continue
        num = read_number(doc, i)
        if num is None or num.ordinal:
            i += 1
            continue
        start, end = doc.span(num.first, num.last)
        if is_taken(start, end):
            i = num.last
            continue
        value = num.integer
        if num.words and (o := ordinal_words.match(toks, i)) and o[1] > num.last:
            i = o[1]  # "Двадцать первое заседание": the twenty-first, no figure
            continue
        prev = toks[i - 1] if i > 0 else None
        if (
            value is None
            or (num.words and (value < 2 or (prev is not None and prev.lower in anaphoric)))
            or (num.words and value < 10 and anaphoric_at_start and (prev is None or not doc.same_sentence(i, i - 1)))
            or (prev is not None and doc.same_sentence(i, i - 1) and (prev.lower in not_after or (prev.text in ":/" and doc.adjacent(i - 1, i))))
            or (num.last < n and toks[num.last].text in ":/%" and doc.adjacent(num.last - 1, num.last))
        ):
            i = num.last
            continue
        # What is counted: a noun within a few words after the number.
        j = num.last
        qual_after = qualifier_after(doc, j, num.suffix)
        if qual_after:
            j = qual_after[1]
        noun: tuple[str, int, int, int] | None = None  # (attribute, first, index after, head's index after)
        k = k0 = after_part_dash(doc, j) or j  # past "из них -": "2,7 тыс. из них - представители СМИ"
        while k < min(k0 + MAX_GAP + 1, n):
            if not doc.same_sentence(i, k) or toks[k].kind != "word":
                break
            if read_number(doc, k) or units.match(toks, k):
                if not (m := measures.match(toks, k)):
                    break  # "15 процентов участников", "2500 manat" measure, they do not count
                k = m[1]  # "1.360 yüz yüze katılımcı": how they took part, then who
                continue
            word = nouns.match(toks, k) or _people_of(doc, k)
            if word:
                bare = toks[word[1] - 1].lower in toks[word[1] - 1].stems[:1] and len(toks[word[1] - 1].stems) == 1
                after = nouns.match(toks, word[1]) if bare and not head_first and doc.same_sentence(k, word[1]) else None
                # the last noun of a compound is its head ("175 member countries", "175 üzv ölkədən"),
                # unless the first carries an ending ("40 ölkədən nazirlər": the countries are counted)
                noun = (after[0], k, after[1], word[1]) if after else (word[0], k, word[1], k)
                break
            k += 1
        lead = elided = None
        if noun is None:
            q_lead = before.match_ending(toks, num.first)  # "the number of delegates was greater than 4,565"
            # a figure that ends its phrase (not "over five days", "50 درصد")
            qualified = q_lead is not None and doc.same_sentence(i, q_lead[1]) and not _modified_after(doc, measures, j)
            lead = named_before(doc, nouns, count_words, q_lead[1] if q_lead and qualified else num.first, qualified)
            elided = None if lead else (
                earlier_noun(doc, claims, spans, num, j) or later_noun(doc, num, j) or later_whole(doc, num, j))
            if lead is None and elided is None:
                i = num.last
                continue
            if lead is not None:
                noun = (lead[0], j, j, j)
            else:
                assert elided is not None
                noun = (elided["attribute"], j, j, j)
        attribute, noun_first, noun_last, head = noun
        if num.words and value < 10 and noun_last < n and between.match(toks, noun_last):
            i = num.last  # "iki ülke arasındaki ticaret": the two countries named before, not a figure
            continue
        noun_last = max(noun_last, j)
        first, last = i, noun_last
        qualifier = "exact"
        q = before.match_ending(toks, i)
        if q and doc.same_sentence(i, q[1]):
            qualifier, first = q
        if lead:
            first = lead[1]
        if qual_after:
            qualifier = combined(qualifier, qual_after[0])
        elif noun_first < noun_last:
            stem = next((s for s in toks[noun_last - 1].stems if s != toks[noun_last - 1].lower), None)
            qa = qualifier_after(doc, noun_last, suffix_of(toks[noun_last - 1].lower, stem))
            if qa:
                qualifier, last = combined(qualifier, qa[0]), qa[1]
        measure = _measure(doc, clauses, i, first, last, skip=range(noun_first, noun_last))
        if noun_first == noun_last and measure is None and not lead:
            assert elided is not None  # no noun and no lead: the noun the figure leaves out gave it
            measure = elided["measure"]
        # Words between the figure and its head noun that are not measure words ("300 youth representatives",
        # "196 senior officials", "194 member states") make it count a part of the whole.
        subgroup = any(not measures.match(toks, k) and not measures.match_ending(toks, k + 1) for k in range(j, head))
        if head_first and noun_first < noun_last and not subgroup:
            # where modifiers follow the noun ("۳۰۰ نماینده جوان", "300 представителей молодежи")
            subgroup = _modified_after(doc, measures, noun_last)
        if elided is not None and noun_first == noun_last:
            subgroup = elided["subgroup"]
        subgroup = subgroup or part_of_whole(doc, clauses, i, first, last, attribute, range(noun_first, noun_last))
        if attribute == "participants" and _residents(doc, clauses, i, first, last, range(noun_first, noun_last)):
            attribute = "people"  # "Baku, a city of 2.3 million people", "где проживают 2,3 млн человек": not who came
        # A sentence that names no event speaks of the article's event only when it says who came.
        subject = doc.subject(i, near=None if measure else -1)
        if attribute == "participants" and measure is None and subject is None and not subgroup and noun_first < noun_last \
                and generic.match(toks, noun_first) and not _participants_named(doc, nouns, generic, i):
            attribute = "people"  # "2.6 billion people are still offline": of no event, and no one took part
        claims.append(
            doc.claim(
                "count", first, last,
                value=value, qualifier=qualifier, attribute=attribute, measure=measure, subgroup=subgroup,
                running=_running(doc, clauses, i, first, last), subject_text=subject,
            )
        )
        spans.append((first, last, noun_first < noun_last))
        i = last
    return claims


class _Clauses:
    """The clause of each token, and the language's marker words, computed once per document.

    A clause ends before punctuation that separates clauses (a comma with a space after it, not one
    inside "2,572") and before a word of ``counts.clause_breaks``.
    """

    def __init__(self, doc: Document):
        lang = doc.lang
        self.doc = doc
        self.measures = lang.lexicon("counts.measures")
        self.running = lang.lexicon("counts.running")
        self.parts_before = lang.lexicon("counts.parts_before")
        self.parts_after = lang.lexicon("counts.parts_after")
        self.delegations = lang.lexicon("counts.delegations")
        self.endorsements = lang.lexicon("counts.endorsements")
        self.event_parts = lang.lexicon("counts.event_parts")
        self.changes = lang.lexicon("counts.changes")
        self.capacity = lang.lexicon("counts.capacity")
        self.countries_from = lang.lexicon("counts.countries_from")
        self.shares = lang.lexicon("counts.shares")
        self.residents = lang.lexicon("counts.residents")
        self.since = lang.lexicon("counts.since")
        self.breaks = lang.lexicon("counts.clause_breaks")
        self.countries = lang.lexicon("countries")
        self.nouns = lang.lexicon("counts.attributes")
        marks = [str(m) for m in lang.get("counts.place_marks") or []]
        self.place_words = frozenset(w for m in marks if not m.startswith("-") for w in [" ".join(lang.phrase_words(m))] if w)
        self.place_endings = tuple(lang.lower(m[1:]) for m in marks if m.startswith("-"))
        self.ids = doc.clauses

    def own(self, i: int, last: int) -> tuple[int, ...]:
        """The clauses of a count at tokens [i, last): its own, and a relative clause that follows its noun
        ("2,000 delegates who attended in person", "۱۰۰ کشور که به بیانیه پیوستند")."""
        toks = self.doc.tokens
        if last < len(toks) and toks[last].kind == "word" and self.ids[last] != self.ids[last - 1] and toks[last].sentence == toks[i].sentence:
            return (self.ids[i], self.ids[last])
        return (self.ids[i],)

    def measure_at(self, k: int) -> tuple[str, int] | None:
        """The measure phrase at ``k``; the word as written wins over its stem ("حضوری", in person, is not "حضور")."""
        toks = self.doc.tokens
        m = self.measures.match(toks, k)
        if m is None:
            return None
        exact = self.measures.match(toks, k, exact=True)
        return exact if exact and exact[1] >= m[1] else m

    def is_break(self, k: int) -> bool:
        return self.doc.is_clause_break(k)

    def is_break_word(self, k: int) -> bool:
        """A word of ``counts.clause_breaks`` starts at ``k`` ("while", "ki", "که")."""
        return self.breaks.match(self.doc.tokens, k, exact=True) is not None

    def of_marker(self, first: int, end: int) -> int:
        """The clause a marker phrase at tokens [first, end) speaks of: its own, or, when it opens its clause and
        a comma follows it ("So far, 28,000 ..."), the next one."""
        ids = self.ids
        toks = self.doc.tokens
        opens = first == 0 or ids[first - 1] != ids[first] or (self.is_break(first - 1))
        if opens and end < len(toks) - 1 and toks[end].text in ",،" and self.is_break(end) and ids[end + 1] == ids[end]:
            return ids[end]
        return ids[end - 1]

    def lone(self, m: tuple[str, int] | None, k: int) -> tuple[str, int] | None:
        """A marker match at ``k`` that is not the start of a longer measure phrase ("signed" of "signed up")."""
        if m is None:
            return None
        longer = self.measures.match(self.doc.tokens, k)
        return None if longer and longer[1] > m[1] else m

    def is_place(self, first: int, last: int) -> bool:
        """The country named by tokens [first, last) is a place ("in Azerbaijan", "Azərbaycanda"), not a delegation."""
        toks = self.doc.tokens
        if first > 0 and self.doc.same_sentence(first, first - 1) and toks[first - 1].lower in self.place_words:
            return True
        t = toks[last - 1]
        word = "".join(ch for ch in t.lower if ch not in "'’ʼ`")
        stems = {"".join(ch for ch in s if ch not in "'’ʼ`") for s in t.stems}
        return any(word.endswith(e) and word[: -len(e)] in stems for e in self.place_endings)


def _measure(doc: Document, clauses: _Clauses, i: int, first: int, last: int, skip: range) -> str | None:
    """What a count measures: a word of ``counts.measures`` in its clause, where a specific one (registered,
    expected, or a way of taking part such as online) wins over the generic "attended"; else the nearest in the
    sentence that is not a way of taking part (an "online" of another clause says nothing of this figure). A way
    of taking part counts only within a few words of the figure, and both ways side by side ("in person and
    online") describe a format, not the figure."""
    toks = doc.tokens
    own = clauses.own(i, last)
    in_clause = nearest = None
    found = []
    for k in range(max(0, first - MEASURE_WINDOW), min(len(toks), last + MEASURE_WINDOW)):
        if k in skip or not doc.same_sentence(first, k):
            continue
        m = clauses.measure_at(k)
        if m is not None:
            found.append((k, m))
    for k, (label, _) in found:
        dist = first - k if k < first else max(0, k - last)
        if label in WAYS and (dist > WAY_WINDOW or any(
            other in WAYS and other != label and abs(k2 - k) <= HYBRID_GAP for k2, (other, _) in found
        )):
            continue
        if clauses.ids[k] in own:
            rank = (label == GENERIC, dist)
            if in_clause is None or rank < in_clause[0]:
                in_clause = (rank, label)
        elif label not in WAYS and (nearest is None or dist < nearest[0]):
            nearest = (dist, label)
    if in_clause:
        return in_clause[1]
    return nearest[1] if nearest else None


def _residents(doc: Document, clauses: _Clauses, i: int, first: int, last: int, skip: range) -> bool:
    """A word of ``counts.residents`` ("live", "a city of", "проживают", "yaşadığı", "جمعیت") in the count's clause,
    not its noun: the figure counts those who live somewhere, not those who came."""
    own = clauses.own(i, last)
    lo, hi = max(0, first - MEASURE_WINDOW), min(len(doc.tokens), last + MEASURE_WINDOW)
    return any(k not in skip and clauses.ids[k] in own and doc.same_sentence(i, k) for k, _ in doc.found_in(clauses.residents, lo, hi))


def _running(doc: Document, clauses: _Clauses, i: int, first: int, last: int) -> bool:
    """A word of ``counts.running`` ("so far", "уже", "تاکنون") near the figure, in its clause."""
    toks = doc.tokens
    own = clauses.own(i, last)
    for k in range(max(0, first - RUNNING_WINDOW), min(len(toks), last + RUNNING_WINDOW)):
        if first <= k < last or not doc.same_sentence(i, k):
            continue
        m = clauses.running.match(toks, k)
        if m and not (k < first < m[1]) and clauses.of_marker(k, m[1]) in own:
            return True
    return False


def _people_of(doc: Document, k: int) -> tuple[str, int] | None:
    """A nationality in the plural counts people: "61 million Iranians"."""
    t = doc.tokens[k]
    if len(t.stems) > 1 and (m := doc.lang.lexicon("countries").match(doc.tokens, k)) and m[1] == k + 1:
        if any(t.lower == st + p for st in t.stems for p in doc.lang.words["titles.plural_suffixes"]):
            return "participants", k + 1
    return None


def _modified_after(doc: Document, measures, k: int) -> bool:
    """A word right after the counted noun that is not a function word, measure word or number modifies it."""
    toks = doc.tokens
    if k >= len(toks) or not doc.same_sentence(k - 1, k) or toks[k].kind != "word":
        return False
    function_words = doc.lang.words["titles.stopwords"] | doc.lang.words["titles.not_names"] | doc.lang.words["titles.list_joins"]
    return toks[k].lower not in function_words and not measures.match(toks, k) and read_number(doc, k) is None


def _participants_named(doc: Document, nouns, generic, i: int) -> bool:
    """The clause of token ``i`` names participants in other words than people in general
    ("Число участников превысило 5 тыс. человек")."""
    toks, ids = doc.tokens, doc.clauses
    first, last = i, i
    while first > 0 and ids[first - 1] == ids[i]:
        first -= 1
    while last < len(toks) and ids[last] == ids[i]:
        last += 1
    return any((m := nouns.match(toks, k)) and m[0] == "participants" and not generic.match(toks, k) for k in range(first, last))
