"""Figures whose counted noun is said elsewhere in their sentence, or left out with the verb before it.

- After an earlier figure: "2,572 participants from 150 countries, while 2022 attracted 1,763": the bare
  figure counts what the sentence's first figure counts (``numbers.ellipsis_next``).
- A part of the figure before it: "17 bakandan 15'i", "179 oyun 105'ini", "30 530 157 səsdən 16 384 403-ü",
  "onlardan yalnız 30-u". A number with an ending of ``numbers.partitive_suffixes`` ("N of them") and no noun
  of its own counts a part of the count just before it, when that count's noun ends in an ending of
  ``numbers.whole_suffixes`` ("from", "of") or a word of ``counts.parts_before`` stands before the number,
  and the part is no larger than the whole; or of a count after it, after a word of ``numbers.whole_next``
  ("790'ı yabancı olmak üzere toplam 90 bin 372 gözlemci").
- Before a later figure: "Kaya 10 milyon 415 bin, Demir ise 9 milyon 473 bin oy aldı": a bare figure
  before a comma counts what the next figure counts, when a word of ``numbers.ellipsis_later`` stands between.
- "Около 2,7 тыс. из них - представители СМИ": a dash for a left-out "are" between "of them" and the noun.
"""

from __future__ import annotations

from factcheck.extraction.document import Document
from factcheck.extraction.numbers import Number, read_number
from factcheck.extraction.qualifiers import qualifier_after

PART_GAP = 3  # words allowed between a whole and its part ("17 bakandan yalnızca 15'i"), or "onlardan" and the part
GAPPED_WINDOW = 10  # words between a bare figure's comma and the figure whose noun it shares
NOUN_GAP = 2  # words allowed between a later figure and its noun ("175 bin yabancı ziyaretçi")
DASHES = frozenset("-–—")


def _apostrophes_out(word: str) -> str:
    return "".join(ch for ch in word if ch not in "'’ʼ`")


def _is_year(num: Number) -> bool:
    return not num.words and num.last == num.first + 1 and 1800 <= num.value <= 2100


def earlier_noun(doc: Document, claims: list[dict], spans: list[tuple[int, int, bool]], num: Number, j: int) -> dict | None:
    """The earlier count of the sentence whose noun a bare number leaves out, if any: the count it is a part of
    (a number with a partitive ending, see ``_whole``), else the sentence's first (the head of its figures:
    "2,572 participants from 150 countries, while 2022 attracted 1,763": participants, not countries; "won
    139 votes, with 172 member states voting, while X received 25": votes). ``spans`` holds each claim's
    tokens [first, last) and whether it names its noun.

    Only a number that ends its phrase (before punctuation, a word such as "and", "for", "while", or a word of
    what it measures: "of whom 1,200 attended in person"), or carries a partitive ending, and does not look
    like a year is read so. A partitive number counts a part of the whole ("16 384 403-ü", "13 538 179-u isə"
    after "30 530 157 səsdən"), and nothing when it is larger ("72 kuruluştan 790'ı izledi")."""
    sentence_start = doc.sentence_span(doc.tokens[num.first].sentence)[0]
    if not claims or claims[-1]["sentence_start"] != sentence_start:
        return None
    toks = doc.tokens
    lang = doc.lang
    bracketed = num.first > 0 and toks[num.first - 1].text == "(" and j < len(toks) and toks[j].text == ")"
    if num.value < 2 or (_is_year(num) and not bracketed):
        return None  # a year, unless it stands in brackets in a list of figures: "Türkiye (1862)"
    partitive = bool(num.suffix) and num.suffix in lang.words["numbers.partitive_suffixes"]
    if partitive and (whole := _whole(doc, claims[-1], spans[-1], num)) is not None:
        return {**whole, "subgroup": True}
    if (
        j < len(toks) and doc.same_sentence(num.first, j) and toks[j].kind != "punct"
        and not lang.lexicon("numbers.ellipsis_next").match(toks, j) and not lang.lexicon("counts.measures").match(toks, j)
    ):
        return None
    k = len(claims) - 1
    while k > 0 and claims[k - 1]["sentence_start"] == sentence_start:
        k -= 1
    if partitive:  # "..., 13 538 179-u isə": N of the sentence's first figure, never more than it
        return {**claims[k], "subgroup": True} if num.value <= claims[k]["value"] else None
    return claims[k]


def _whole(doc: Document, whole: dict, span: tuple[int, int, bool], num: Number) -> dict | None:
    """``whole``, the count just before a number with a partitive ending, if that number is a part of it: the
    count's noun ends in a ``numbers.whole_suffixes`` ending and only words (up to ``PART_GAP``) stand between
    ("17 bakandan 15'i", "80 kişiden 6'sının"), or a word of ``counts.parts_before`` stands just before the
    number ("onlardan yalnız 30-u"); and the part is no larger ("72 kuruluştan 790'ı": not of them)."""
    toks = doc.tokens
    lang = doc.lang
    _, end, named = span
    if end > num.first or num.value > whole["value"]:
        return None
    parts = lang.lexicon("counts.parts_before")
    for k in range(max(end, num.first - PART_GAP - parts.max_len), num.first):
        m = parts.match(toks, k)
        if m and m[1] <= num.first and num.first - m[1] <= PART_GAP and all(toks[c].kind == "word" for c in range(m[1], num.first)):
            return whole
    if named and num.first - end <= PART_GAP and all(toks[c].kind == "word" for c in range(end, num.first)):
        word = _apostrophes_out(toks[end - 1].lower)
        if any(word.endswith(s) and len(word) > len(s) for s in lang.words["numbers.whole_suffixes"]):
            return whole
    return None


def later_noun(doc: Document, num: Number, j: int) -> dict | None:
    """What a bare figure before a comma counts when the next clause gives its noun after its own figure, a word
    of ``numbers.ellipsis_later`` standing between ("KKTC'deki festivali 225 bin, Mavi Vatan'ı ise 175 bin kişi
    ziyaret etmişti": people): {attribute, measure: None, subgroup: False}, else None."""
    toks = doc.tokens
    n = len(toks)
    later = doc.lang.lexicon("numbers.ellipsis_later")
    if not later.firsts or j + 1 >= n or toks[j].text not in ",،" or not doc.same_sentence(num.first, j + 1):
        return None
    if num.value < 2 or _is_year(num):
        return None
    marked = False
    for k in range(j + 1, min(n, j + 1 + GAPPED_WINDOW)):
        if not doc.same_sentence(j, k) or toks[k].kind == "punct":
            return None  # the next clause only
        if later.match(toks, k):
            marked = True
            continue
        nxt = read_number(doc, k)
        if nxt is None:
            continue
        if not marked or nxt.ordinal:
            return None
        attribute = _noun_after(doc, nxt)
        return {"attribute": attribute, "measure": None, "subgroup": False} if attribute else None
    return None


def later_whole(doc: Document, num: Number, j: int) -> dict | None:
    """What a number with a partitive ending counts a part of when a word of ``numbers.whole_next`` after it
    leads to its whole ("790'ı yabancı olmak üzere toplam 90 bin 372 gözlemci": 790 of the observers, foreign):
    {attribute, measure: None, subgroup: True}, else None. The whole is no smaller than the part."""
    toks = doc.tokens
    n = len(toks)
    marks = doc.lang.lexicon("numbers.whole_next")
    if not marks.firsts or not num.suffix or num.suffix not in doc.lang.words["numbers.partitive_suffixes"]:
        return None
    for k in range(j, min(n, j + PART_GAP + 1)):
        if not doc.same_sentence(num.first, k) or toks[k].kind != "word":
            return None
        if (m := marks.match(toks, k)) is not None:
            break
    else:
        return None
    for f in range(m[1], min(n, m[1] + NOUN_GAP + 1)):
        if not doc.same_sentence(num.first, f) or toks[f].kind == "punct":
            return None
        if (nxt := read_number(doc, f)) is not None:
            attribute = None if nxt.ordinal or nxt.value < num.value else _noun_after(doc, nxt)
            return {"attribute": attribute, "measure": None, "subgroup": True} if attribute else None
    return None


def _noun_after(doc: Document, num: Number) -> str | None:
    """The attribute of the counted noun right after ``num`` (past a qualifier and up to ``NOUN_GAP`` words)."""
    toks = doc.tokens
    n = len(toks)
    e = num.last
    if qa := qualifier_after(doc, e, num.suffix):
        e = qa[1]
    nouns = doc.lang.lexicon("counts.attributes")
    for g in range(e, min(n, e + NOUN_GAP + 1)):
        if not doc.same_sentence(num.first, g) or toks[g].kind != "word" or read_number(doc, g):
            return None
        if m := nouns.match(toks, g):
            return m[0]
    return None


def after_part_dash(doc: Document, j: int) -> int | None:
    """The token after "из них —", "of them -" at token ``j`` (right after a figure), where a dash stands for a
    left-out "are" before the counted noun ("Около 2,7 тыс. из них - представители СМИ"), else None."""
    toks = doc.tokens
    m = doc.lang.lexicon("counts.parts_after").match(toks, j)
    if m is None or m[1] + 1 >= len(toks) or toks[m[1]].text not in DASHES:
        return None
    d = m[1]
    return d + 1 if doc.same_sentence(j, d + 1) and toks[d + 1].kind == "word" else None


LEAD_WINDOW = 8  # words between "the number of voters" and its figure ("the number of delegates at the conference was")
PHRASE_MAX = 12  # words of a phrase between commas that describes that noun


def named_before(doc: Document, nouns, count_words, i: int, qualified: bool = False) -> tuple[str, int] | None:
    """(attribute, first token) when the sentence names what is counted before the figure:
    "the number of voters reached 60 million", "seçmen sayısı 60 milyon", "число участников составило".
    A phrase between commas after the noun counts as one word ("Число наблюдателей, зарегистрированных для
    мониторинга выборов 7 февраля, превысило 85 тыс."). With ``qualified`` (``i`` starts a qualifier of the
    figure), a noun right before it is the counted one: "Visitors topped 10,000", "registrations exceeded 65,000"."""
    toks = doc.tokens
    c, left = i - 1, LEAD_WINDOW
    while c >= 0 and left > 0 and doc.same_sentence(i, c):
        left -= 1
        if toks[c].text == "," and (o := _phrase_after_noun(doc, nouns, c)) is not None:
            c = o - 1
            continue
        m = count_words.match(toks, c)
        if m is not None:
            if m[1] < i and (after := nouns.match(toks, m[1])):  # "number of voters", "число участников"
                return after[0], c
            if (ahead := nouns.match_ending(toks, c)) is not None:  # "seçmen sayısı"
                return ahead
        c -= 1
    if qualified and i > 0 and doc.same_sentence(i, i - 1):
        return nouns.match_ending(toks, i)  # "Visitors topped 10,000"
    return None


def _phrase_after_noun(doc: Document, nouns, c: int) -> int | None:
    """The comma that opens a phrase closed by the comma at ``c`` when a counted noun stands right before it
    ("наблюдателей, зарегистрированных ... 7 февраля,"): a phrase about that noun; else None."""
    toks = doc.tokens
    for o in range(c - 1, max(-1, c - PHRASE_MAX - 1), -1):
        if not doc.same_sentence(c, o):
            return None
        if toks[o].kind == "punct":
            return o if toks[o].text == "," and nouns.match_ending(toks, o) is not None else None
    return None
