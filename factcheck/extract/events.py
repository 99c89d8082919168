"""Mentions of events: "World Telecommunication Development Conference",
"Konfransın", "کنفرانس ABC-25". A claim's subject is found among them."""

from __future__ import annotations

import re

from factcheck.extract.document import Document, EventMention
from factcheck.text import CAPITALS

_ACRONYM = re.compile(rf"[{CAPITALS}]{{2,}}(?:-?\d{{2,4}})?")
_EDITION = re.compile(rf"([{CAPITALS}]{{2,}})-?\d{{2,4}}")


def _acronym_after(doc: Document, j: int) -> int:
    """Index after an acronym at ``j``, bare or in brackets, else ``j``."""
    toks = doc.tokens
    if j < len(toks) and doc.same_sentence(j - 1, j) and _ACRONYM.fullmatch(toks[j].base):
        return j + 1
    if j + 2 < len(toks) and toks[j].text == "(" and _ACRONYM.fullmatch(toks[j + 1].base) and toks[j + 2].text == ")":
        return j + 3
    return j


def find_events(doc: Document) -> list[EventMention]:
    toks = doc.tokens
    lang = doc.lang
    nouns = lang.lexicon("events.nouns")
    connectors = lang.words["titles.list_joins"] | lang.words["titles.org_after"] | lang.words["events.connectors"]
    mentions: list[EventMention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        m = nouns.match(toks, i)
        if m is None:
            i += 1
            continue
        last = m[1]
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
                first = i
        end = _acronym_after(doc, last)
        if end > last:
            named = True
            last = end
        elif not lang.cased:
            # Without capitals: the noun with the words after it up to a bracketed acronym.
            stop = lang.words["titles.stopwords"]
            k = last
            while k < len(toks) and k - last < 8 and doc.same_sentence(i, k) and toks[k].kind in ("word", "num", "mixed") and toks[k].lower not in stop:
                k += 1
            end = _acronym_after(doc, k)
            if end > k:
                named, last = True, end
        if not named and first > 0 and doc.same_sentence(first, first - 1) and re.fullmatch(r"\d{4}", toks[first - 1].base):
            first, named = first - 1, True  # "the 2017 conference" is not the article's conference
        mentions.append(EventMention(first, last, named))
        i = max(last, i + 1)
    # An edition code alone ("ABC-2017", "ABC-25") names an event.
    inside = {k for e in mentions for k in range(e.first, e.last)}
    for k, t in enumerate(toks):
        if k not in inside and _EDITION.fullmatch(t.base):
            mentions.append(EventMention(k, k + 1, True))
    mentions.sort(key=lambda e: e.first)
    return mentions
