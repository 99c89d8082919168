"""Mentions of events: "World Telecommunication Development Conference",
"Konfransın", "کنفرانس ABC-25". A claim's subject is found among them."""

from __future__ import annotations

import re

from factcheck.extraction.document import Document, EventMention
from factcheck.extraction.relative import moves as relative_moves
from factcheck.text import CAPITALS

_ENDING = r"(?:[-'’ʼ][^\W\d_]+)?"  # a case ending after a code: "CEF-2022-də", "COP29'da"
_ACRONYM = re.compile(rf"[{CAPITALS}]{{2,}}(?:-?\d{{2,4}})?{_ENDING}")
_EDITION = re.compile(rf"([{CAPITALS}]{{2,}})-?\d{{2,4}}{_ENDING}")


def _acronym_after(doc: Document, j: int) -> int:
    """Index after an acronym at ``j``, bare or in brackets, else ``j``."""
    toks = doc.tokens
    if j < len(toks) and doc.same_sentence(j - 1, j) and _ACRONYM.fullmatch(toks[j].base):
        return j + 1
    if j + 2 < len(toks) and toks[j].text == "(" and _ACRONYM.fullmatch(toks[j + 1].base) and toks[j + 2].text == ")":
        return j + 3
    return j


def _adjectives_before(doc: Document, i: int) -> int:
    """The first token of a name whose first word alone is capitalised, of adjectives before the
    event's noun ("Бакинская энергетическая неделя"); ``i`` when there is none."""
    endings = tuple(doc.lang.lower(str(e)) for e in doc.lang.get("events.name_adjective_endings") or [])
    toks = doc.tokens
    if not endings:
        return i
    for k in range(i - 1, max(-1, i - 4), -1):
        tk = toks[k]
        if not doc.same_sentence(i, k) or tk.kind != "word" or not tk.lower.endswith(endings):
            return i
        if tk.is_capitalised:
            return k
    return i


def _ordinal_before(doc: Document, first: int) -> int:
    """The first token of an ordinal number that ends right before token ``first`` ("29th",
    "29-cu", "29-ю", "29."), else ``first``."""
    from factcheck.extraction.numbers import read_number

    for k in range(max(0, first - 2), first):
        if not doc.same_sentence(first, k):
            continue
        num = read_number(doc, k)
        if num is not None and num.ordinal and num.last == first:
            return k
    return first


def find_events(doc: Document) -> list[EventMention]:
    toks = doc.tokens
    lang = doc.lang
    nouns = lang.lexicon("events.nouns")
    org_words = lang.lexicon("titles.org_words")
    count_nouns = lang.lexicon("counts.attributes")
    units = lang.lexicon("dates.units")
    time_moves = [m for key, m in relative_moves(lang).items() if key in ("next", "last", "this", "before_last")]
    head_first = bool(lang.get("counts.head_first"))  # where a noun's complement follows it, an organisation may too
    connectors = lang.words["titles.list_joins"] | lang.words["titles.org_after"] | lang.words["events.connectors"]
    mentions: list[EventMention] = []
    after = 0  # the index after the last noun looked at
    for i in doc.starts(nouns):
        if i < after or (m := nouns.match(toks, i)) is None:
            continue
        t = toks[i]
        last = m[1]
        if (not head_first and org_words.match(toks, last) is not None and doc.same_sentence(i, last)) or (
                (counted := count_nouns.match(toks, i)) is not None and counted[1] > last) or (
                i > 0 and units.match(toks, i) and any(m.match_ending(toks, i) for m in time_moves)):  # "last week": a time
            # "Mərkəzi Seçki Komissiyası", "the City Convention Center": an organisation or a place;
            # "seçki məntəqəsi" (polling station): what a figure counts
            after = last + 1
            continue
        first = i
        named = False
        if lang.cased:
            # Walk back over the capitalised words of the name.
            k = i - 1
            while k >= 0 and doc.same_sentence(i, k):
                tk = toks[k]
                if tk.is_capitalised or (tk.kind == "num" and k > 0 and toks[k - 1].is_capitalised):
                    first = k
                elif tk.lower in connectors and tk.kind == "word" and k > 0 and toks[k - 1].is_capitalised:
                    pass
                elif tk.text == "." and k > 0 and toks[k - 1].kind == "num":
                    pass
                else:
                    break
                k -= 1
            skip = lang.words["titles.determiners"] | lang.words["titles.not_names"]
            while first < i and (toks[first].lower in skip or toks[first].kind != "word"):
                first += 1
            named = first < i and t.is_capitalised
            if not named:
                first = _adjectives_before(doc, i)  # "Бакинская энергетическая неделя"
                named = first < i
        end = _acronym_after(doc, last)
        if end > last:
            named = True
            last = end
        elif not lang.cased:
            # Without capitals: the noun with the words after it up to a bracketed acronym.
            stop = lang.words["titles.stopwords"] - lang.words["events.connectors"]  # "نمایشگاه نفت و گاز خزر (CIOG)"
            k = last
            while k < len(toks) and k - last < 8 and doc.same_sentence(i, k) and toks[k].kind in ("word", "num", "mixed") and toks[k].lower not in stop:
                k += 1
            end = _acronym_after(doc, k)
            if end > k:
                named, last = True, end
        if not named and first > 0 and doc.same_sentence(first, first - 1) and re.fullmatch(r"\d{4}", toks[first - 1].base):
            first, named = first - 1, True  # "the 2017 conference" is not the article's conference
        ordinal = _ordinal_before(doc, first)
        if ordinal < first:
            first, named = ordinal, True  # "the 29th ... Conference", "29-cu sessiyası": an edition
        if mentions and mentions[-1].last == first:  # "Konfransının 29-cu sessiyası": one event
            first, named = mentions.pop().first, True
        mentions.append(EventMention(first, last, named))
        after = max(last, i + 1)
    # An edition code alone ("ABC-2017", "ABC-25") names an event.
    inside = {k for e in mentions for k in range(e.first, e.last)}
    for k, t in enumerate(toks):
        if k not in inside and _EDITION.fullmatch(t.base):
            mentions.append(EventMention(k, k + 1, True))
    mentions.sort(key=lambda e: e.first)
    return mentions
