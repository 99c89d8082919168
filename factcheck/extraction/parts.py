"""Counts of a part of the whole: "including 40 ministers", "из них 900 онлайн", one country's delegation,
countries that sign a declaration, and those at a part of the event (its first day, its plenary, its exhibition);
and figures that are no count of the whole at all (a change, an earlier figure, a capacity, a sum over several
events): never compared with the whole (the claim's ``subgroup``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.extraction.document import YEAR, Document
from factcheck.extraction.numbers import read_number

if TYPE_CHECKING:
    from factcheck.extraction.counts import _Clauses as Clauses

PART_GAP = 3  # words allowed between "including", "из них" and the figure (or after the count)
DELEGATION_WINDOW = 6  # words either side of a figure searched for a country's name and a delegation word
BRACKET_WINDOW = 10  # words before a bracketed figure searched for the country it belongs to: "Бразилия, ... (1914 человек)"
LIST_PUNCT = frozenset(",;.)،؛")  # what may follow an item of a list of figures: "Brezilya 1.914, Türkiye ..."
BEFORE_ITEM = frozenset("(:—–-")  # what may stand between a country's name and its figure
NUMERIC = ("num", "numx", "mixed")
PART_WINDOW = 12  # words either side of a count searched for a part of the event ("first day", "plenary")
MAX_ASIDES, ASIDE_WORDS = 2, 6  # clauses of up to so many words that may stand between an opening phrase and a figure
# attributes whose countries are the event's (an election's countries are those its observers come from)
WHOLE = frozenset({"participants", "delegates", "observers", "countries"})
SHARE_WINDOW = 8  # words before a figure searched for the share it restates ("40% of them were women, about 1,000")


def part_of_whole(doc: Document, clauses: Clauses, i: int, first: int, last: int, attribute: str, noun: range) -> bool:
    """The count is a part of the whole, or else no figure of it: after "including", "из них", "از جمله"; before
    "dahil"; one country's delegation; countries or organisations that join, sign or back something; those at a part
    of the event; a change, an earlier figure or a capacity; a sum over several events."""
    toks = doc.tokens
    n = len(toks)
    own = clauses.ids[i]
    # "including 40 ministers", "Еще 3 975 человек", "onlardan 790-ı"; not a figure that names whose the counted
    # people are ("onların arasında 200 ölkənin nümayəndə heyətləri": the delegations are among them)
    possessor = last < n and doc.same_sentence(i, last) and clauses.nouns.match(toks, last) is not None
    for k in range(max(0, first - PART_GAP - clauses.parts_before.max_len), first if not possessor else 0):
        m = clauses.parts_before.match(toks, k)
        if (
            m and m[1] <= first and first - m[1] <= PART_GAP and doc.same_sentence(k, i)
            and all(toks[c].kind not in NUMERIC for c in range(m[1], first)) and clauses.of_marker(k, m[1]) == own
        ):
            return True
    # "40 nazir daxil olmaqla", "300 of them"
    for k in range(last, min(n, last + PART_GAP)):
        if not doc.same_sentence(i, k) or toks[k].kind in NUMERIC or clauses.ids[k] != own:
            break
        if clauses.parts_after.match(toks, k):
            return True
    if attribute in ("countries", "organisations") and _endorsing(doc, clauses, i, first, last, noun):
        return True
    if attribute == "countries" and _of_group(doc, clauses, i, first, noun):
        return True
    if _restated_share(doc, clauses, i, first) or _share_after(doc, clauses, i, last):
        return True
    if _at_event_part(doc, clauses, i, first, last, noun) or _change(doc, clauses, i, first, last) or _summed(doc, clauses, i, first, last) \
            or _since(doc, clauses, i, last):
        return True
    return attribute != "countries" and _delegation(doc, clauses, i, first, last, noun)


def _at_event_part(doc: Document, clauses: Clauses, i: int, first: int, last: int, noun: range) -> bool:
    """A word of ``counts.event_parts`` in the count's clause, or in the clause that opens its sentence just before
    it ("On the first day of the forum, 1,200 people came"): a day of the event (label ``day``) always; one of its
    parts (label ``part``: a plenary, an exhibition) when the sentence speaks of an event the word is not a word of
    ("The exhibition part of the forum drew 800 visitors", not "The exhibition drew 20,000 visitors").
    Not a word of a name (capitalised within a sentence of a cased language, or within an event's name but before
    its edition's code), nor the noun of another figure ("attended 50 sessions")."""
    toks = doc.tokens
    ids = clauses.ids
    parts = clauses.event_parts
    own = _own_or_opening(doc, clauses, i, last)  # "On its first day, ...", "На концерт, завершивший форум, ..."
    start = doc.sentence_first(i)
    events = doc.events_of_sentence(i)
    for k, m in doc.found_in(parts, max(start, first - PART_WINDOW), min(len(toks), last + PART_WINDOW)):
        if k in noun or ids[k] not in own or not doc.same_sentence(i, k):
            continue
        if (k > 0 and toks[k - 1].kind in ("num", "numx")) or (doc.lang.cased and k > start and toks[k].is_capitalised):
            continue
        # a word of an event's name is none, but words before its edition's code are ("Пленарное заседание ABC-2026")
        coded = [e for e in events if e.named and e.first <= k < e.last]
        if coded and all(t.kind != "mixed" for t in toks[k:coded[0].last]):
            continue
        if m[0] == "day" or coded or any(_other(toks, e, k, m[1]) for e in events):
            return True
    return False


def _restated_share(doc: Document, clauses: Clauses, i: int, first: int) -> bool:
    """The figure restates a share of a whole said just before it ("40% of the participants were women, about 1,000",
    "a third of them from abroad, or about 850", "треть из них — иностранцы, около 850 человек"): it opens its clause,
    past one word at most that opens no clause of its own ("or", "yəni", "یعنی"; not "while"), and a word of
    ``counts.shares`` stands a few words before it in the sentence, with no number between but the share's own, and
    no change ("rose by 40%, to 4,000": a change's share says nothing of the figure after it)."""
    toks = doc.tokens
    ids = clauses.ids
    start = first
    while start > max(0, first - 3) and ids[start - 1] == ids[first]:  # a clause opened a few tokens back, or none
        start -= 1
    words = [k for k in range(start, first) if toks[k].kind == "word"]
    if start == 0 or ids[start - 1] == ids[first] or not doc.same_sentence(start - 1, i) or len(words) > 1 \
            or any(clauses.is_break_word(k) for k in words):
        return False
    lo = max(doc.sentence_first(i), start - 2 * SHARE_WINDOW)
    for k, m in reversed(doc.found_in(clauses.shares, lo, start)):
        between = range(m[1], start)
        if sum(toks[c].kind == "word" for c in between) > SHARE_WINDOW:
            return False
        if [c for c in between if toks[c].kind in ("num", "numx")] not in ([], [m[1]]):  # "40% of them", "yüzde 40'ı"
            return False
        lead = k - 1 if k > 0 and toks[k - 1].kind in ("num", "numx") else k  # "40 %", "۴۰ درصد"
        return not any(c[0] == "before" for _, c in doc.found_in(clauses.changes, max(lo, lead - 4), lead + 1)) \
            and clauses.changes.match_ending(toks, lead) is None
    return False


def _share_after(doc: Document, clauses: Clauses, i: int, last: int) -> bool:
    """The figure is restated as a share of a whole right after it ("About 1,000 people, or 40% of the participants,
    were women", "Около 1 тыс. человек, или 40% участников"): the clause after the count's opens, past one word at
    most that opens no clause of its own, with a share (or its number) whose counted noun follows within a few words;
    not "40% of them" (a share of the figure itself) nor "40% more" (a change)."""
    toks = doc.tokens
    ids = clauses.ids
    n = len(toks)
    k = last
    while k < min(n, last + 2) and ids[k] == ids[i] and doc.same_sentence(i, k):  # the next clause opens right after
        k += 1
    if k >= n or not doc.same_sentence(i, k) or k - last > 1 or ids[k] == ids[i]:
        return False
    start = k
    while k < n and toks[k].kind == "punct" and ids[k] == ids[start]:
        k += 1
    at = [k]
    if k < n and toks[k].kind == "word" and not clauses.is_break_word(k) and clauses.shares.match(toks, k) is None:
        at.append(k + 1)  # past "or", "или", "yəni"
    for a in at:
        b = a + 1 if a < n and toks[a].kind in ("num", "numx") else a  # past the share's number: "40 %", "۴۰ درصد"
        m = clauses.shares.match(toks, b) if b < n and ids[b] == ids[start] else None
        if m is not None:
            if clauses.changes.match(toks, m[1]) is not None:
                return False  # "40% more participants than in 2025"
            return any(ids[c] == ids[start] and clauses.nouns.match(toks, c) is not None for c in range(m[1], min(n, m[1] + 4)))
    return False


def _of_group(doc: Document, clauses: Clauses, i: int, first: int, noun: range) -> bool:
    """The countries a group comes from, not the event's ("ministers from 12 countries", "министры из 12 стран",
    "12 ölkədən nazirlər"): a counted noun of another attribute than those who took part (``WHOLE``) right
    before the figure and a word of ``counts.countries_from`` (a qualifier may stand between), or right after the
    countries' noun, in the figure's clause."""
    toks = doc.tokens
    ids = clauses.ids
    joined = clauses.countries_from.match_ending(toks, first)
    if joined is not None and (m := clauses.nouns.match_ending(toks, joined[1])) and ids[m[1]] == ids[i] == ids[first - 1]:
        return m[0] not in WHOLE
    after = noun.stop
    if after < len(toks) and ids[after] == ids[i] and doc.same_sentence(i, after) and (m := clauses.nouns.match(toks, after)):
        return m[0] not in WHOLE
    return False


def _own_or_opening(doc: Document, clauses: Clauses, i: int, last: int) -> set[int]:
    """The clauses a count at tokens [i, last) is said in: its own (``Clauses.own``), and the opening phrase of
    its sentence when the count's clause follows it (``_opening``)."""
    own = set(clauses.own(i, last))
    start = doc.sentence_first(i)
    if _opening(doc, clauses.ids, start, i):
        own.add(clauses.ids[start])
    return own


def _once_a_sentence(doc: Document, name: str, find, i: int):
    """``find(i)`` for the sentence of token ``i``, worked out once a sentence and kept on ``doc`` under ``name``
    (a long list of figures costs one pass)."""
    cache = doc.__dict__.setdefault(name, {})
    sentence = doc.tokens[i].sentence
    if sentence not in cache:
        cache[sentence] = find(i)
    return cache[sentence]


def _opening(doc: Document, ids: list[int], start: int, i: int) -> bool:
    """The clause of token ``i`` follows the opening phrase of its sentence (at ``start``) right away, or past
    asides of a few words and no number ("На концерт, завершивший форум, пришли 10 тыс.", "At the concert,
    which closed the forum, ..."): that phrase says what the clause's figure is of."""
    if not ids[start] < ids[i] <= ids[start] + 1 + MAX_ASIDES or i - start > ASIDE_WORDS * (1 + MAX_ASIDES):
        return False
    words: dict[int, int] = {}
    for k in range(start, i):
        if ids[k] not in (ids[start], ids[i]):
            if doc.tokens[k].kind in NUMERIC:
                return False
            words[ids[k]] = words.get(ids[k], 0) + 1
    return all(n <= ASIDE_WORDS for n in words.values())


def _endorsing(doc: Document, clauses: Clauses, i: int, first: int, last: int, noun: range) -> bool:
    """A word of ``counts.endorsements`` (joined the declaration, signed, backed) in the count's clause."""
    from factcheck.extraction.counts import MEASURE_WINDOW

    toks = doc.tokens
    own = clauses.own(i, last)
    for k in range(max(0, first - MEASURE_WINDOW), min(len(toks), last + MEASURE_WINDOW)):
        if k in noun or clauses.ids[k] not in own:
            continue
        if clauses.lone(clauses.endorsements.match(toks, k), k):
            return True
    return False


def _delegation(doc: Document, clauses: Clauses, i: int, first: int, last: int, noun: range) -> bool:
    """One country's delegation: a figure right after a country's name in a list ("Brezilya 1.914,"), in
    brackets after it ("Турция (1862)", "Бразилия, которая ... (1914 человек)"), or near a country's name and
    a word of ``counts.delegations`` ("Azerbaijan brought the largest delegation — 2,229 people"), with no other
    figure between. A country named as a place ("in Azerbaijan") is not a delegation."""
    toks = doc.tokens
    n = len(toks)
    countries = clauses.countries

    def country_ending(end: int) -> tuple[str, int] | None:
        m = countries.match_ending(toks, end)
        return None if m is None or clauses.is_place(m[1], end) else m

    p = first - 1
    if p >= 0 and toks[p].text in BEFORE_ITEM and doc.same_sentence(p, i):
        p -= 1
    ends_item = last >= n or not doc.same_sentence(i, last) or toks[last].text in LIST_PUNCT
    if p >= 0 and doc.same_sentence(p, i) and ends_item and country_ending(p + 1):
        return True  # "Brezilya 1.914,", "Турция (1862)"
    bracketed = first > 0 and toks[first - 1].text == "(" and last < n and toks[last].text == ")"
    country = delegation = False
    for k in range(first - 1, max(-1, first - 1 - max(DELEGATION_WINDOW, BRACKET_WINDOW if bracketed else 0)), -1):
        if not doc.same_sentence(i, k) or toks[k].kind == "num":
            break
        near = first - k <= DELEGATION_WINDOW
        if not country and country_ending(k + 1):
            country = True
            if bracketed:
                return True
        if near and not delegation and k not in noun and clauses.lone(clauses.delegations.match(toks, k), k):
            delegation = True
    for k in range(last, min(n, last + DELEGATION_WINDOW)):
        if not doc.same_sentence(i, k) or toks[k].kind == "num":
            break
        if not country and (m := countries.match(toks, k)) and not clauses.is_place(k, m[1]):
            country = True
        if not delegation and k not in noun and clauses.lone(clauses.delegations.match(toks, k), k):
            delegation = True
    return country and delegation


def _other(toks, e, first: int, end: int) -> bool:
    """Event mention ``e`` is of another event than the part at tokens [first, end): outside it, and not of its noun
    ("Açılış sessiyasında ..., sessiya həmçinin onlayn yayımlanıb": the session itself)."""
    if not (e.last <= first or e.first >= end):
        return False
    words = {s for t in toks[first:end] for s in t.stems}
    return words.isdisjoint(toks[e.last - 1].stems)


def _change(doc: Document, clauses: Clauses, i: int, first: int, last: int) -> bool:
    """The figure is a change, an earlier figure or a capacity, not the whole (``counts.changes``, ``counts.capacity``:
    "can host up to 5,000", "вмещает до 5 тыс."): right after a word of ``before`` or of ``capacity`` ("rose by 500", "up from 1,900", "выросло на 500"; a qualifier may stand between) or right before one of
    ``after`` ("500 more", "500 kişi arttı", "на 500 человек больше", "۵۰۰ نفر بیشتر"), in its clause."""
    toks = doc.tokens
    changes = clauses.changes
    for lexicon, label in ((changes, "before"), (clauses.capacity, None)):
        m = lexicon.match_ending(toks, first)
        if m is None and first < i:
            m = lexicon.match_ending(toks, i)  # "up from about 1,900", "can host up to 5,000"
        if m is not None and (label is None or m[0] == label) and clauses.ids[m[1]] == clauses.ids[i]:
            return True
    after = changes.match(toks, last) if last < len(toks) and clauses.ids[last] == clauses.ids[i] else None
    return after is not None and after[0] == "after"


def _summed(doc: Document, clauses: Clauses, i: int, first: int, last: int) -> bool:
    """The figure sums over several events its sentence counts ("one of 12 forums held this year, with 30,000
    participants in all", "25 forums attended by 60,000 people"): a number of two or more right before a word of
    ``events.nouns`` (one word may stand between) that is not one of an event's sessions (``counts.attributes.sessions``),
    nor a year ("the 2026 forum drew 2,572"); or over several editions or years of one (``counts.editions``: "over
    its ten editions", "за десять лет", "on yılda"), with digits or in words, but not after a word of
    ``counts.editions_not_after`` ("the most in ten years", "впервые за десять лет"). Found once a sentence (a long
    list of figures costs one pass)."""
    numbers = _once_a_sentence(doc, "_event_numbers", lambda k: _event_numbers(doc, k), i)
    own = _own_or_opening(doc, clauses, i, last)  # "Over its ten editions, the forum has drawn 20,000 people"
    return any(not first <= k < last and (end is None or clauses.ids[k] in own) for k, end in numbers)


def _since(doc: Document, clauses: Clauses, i: int, last: int) -> bool:
    """The figure sums the years since an earlier one ("Since 2016, more than 20,000 people have attended",
    "2016'dan bu yana", "2016-cı ildən bəri"): a year before the publication's, right after a word of
    ``counts.since.before`` or before one of ``counts.since.after`` (one word may stand between: "2016 yılından bu
    yana"), in the count's clause or opening its sentence before a comma; not in an aside ("the forum, held since
    2016, drew 4,000"). The sentence's such years are found once (a long list of figures costs one pass)."""
    if doc.published is None:
        return False
    year = doc.published.year
    spans = _once_a_sentence(doc, "_since_years", lambda k: _since_years(doc, clauses, k, year), i)
    own = clauses.own(i, last)
    return any(clauses.of_marker(lo, hi) in own for lo, hi in spans)


def _since_years(doc: Document, clauses: Clauses, i: int, published: int) -> list[tuple[int, int]]:
    """The spans [lo, hi) of the years before ``published`` "since" which the sentence of token ``i`` counts
    (``_since``)."""
    toks = doc.tokens
    since = clauses.since
    found = []
    k = doc.sentence_first(i)
    while k < len(toks) and doc.same_sentence(i, k):
        year = YEAR.match(toks[k].text) if toks[k].kind in ("num", "mixed") else None
        if year is not None and int(year.group(1)) < published:
            b = since.match_ending(toks, k)
            lo, hi = (b[1], k + 1) if b is not None and b[0] == "before" else (k, 0)
            for j in (k + 1, k + 2):
                a = since.match(toks, j) if j < len(toks) and doc.same_sentence(i, j) else None
                if a is not None and a[0] == "after" and hi == 0:
                    hi = a[1]
            if hi:
                found.append((lo, hi))
        k += 1
    return found


def _event_numbers(doc: Document, i: int) -> list[tuple[int, int | None]]:
    """Where the numbers of events, editions or years of the sentence of token ``i`` start: (start, None) of a
    number of events, (start, end) of one of editions or years, which sums only the figures of its own clause or
    of the clause it opens ("Over its ten editions, ..."; not "first held 10 years ago", "after two years of
    preparation"), and not one written as a time ago (``dates.ago``)."""
    toks = doc.tokens
    lang = doc.lang
    events = lang.lexicon("events.nouns")
    sessions = lang.lexicon("counts.attributes")
    editions = lang.lexicon("counts.editions")
    not_after = lang.lexicon("counts.editions_not_after")
    ago = lang.lexicon("dates.ago")
    start = doc.sentence_first(i)
    end = start
    while end < len(toks) and doc.same_sentence(i, end):
        end += 1
    nouns = {j for j, _ in doc.found_in(events, start, end) if not ((s := sessions.match(toks, j)) and s[0] == "sessions")}
    spans = {j: m[1] for j, m in doc.found_in(editions, start, end)}
    found: list[tuple[int, int | None]] = []
    after = start
    for k in (range(start, end) if nouns or spans else ()):
        num = read_number(doc, k) if k >= after and toks[k].kind in ("num", "word") else None
        if num is None or num.ordinal or num.value < 2 or (num.last == k + 1 and YEAR.fullmatch(toks[k].text)):
            continue
        after = num.last
        if toks[k].kind == "num" and (num.last in nouns or num.last + 1 in nouns):
            found.append((k, None))
        elif (span := spans.get(num.last, spans.get(num.last + 1))) is not None and not any(
            m[1] >= k - 1 for _, m in doc.found_in(not_after, max(start, k - 3), k)
        ) and not (span < end and ago.match(toks, span)):
            found.append((k, span))
    return found
