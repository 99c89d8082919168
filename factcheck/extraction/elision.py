"""Figures whose counted noun is said elsewhere in their sentence.

- After an earlier figure: "2,572 participants from 150 countries, while 2022 attracted 1,763": the bare
  figure counts what the sentence's first figure counts (``numbers.ellipsis_next``).
"""

from __future__ import annotations

from factcheck.extraction.document import Document
from factcheck.extraction.numbers import Number


def _is_year(num: Number) -> bool:
    return not num.words and num.last == num.first + 1 and 1800 <= num.value <= 2100


def earlier_noun(doc: Document, claims: list[dict], num: Number, j: int) -> dict | None:
    """The earlier count of the sentence whose noun a bare number leaves out, if any: its first, the head of
    the sentence's figures ("2,572 participants from 150 countries, while 2022 attracted 1,763": participants,
    not countries; "won 139 votes, with 172 member states voting, while X received 25": votes).

    Only a number that ends its phrase (before punctuation, a word such as "and", "for", "while", or a word of
    what it measures: "of whom 1,200 attended in person") and does not look like a year is read so."""
    sentence_start = doc.sentence_span(doc.tokens[num.first].sentence)[0]
    if not claims or claims[-1]["sentence_start"] != sentence_start:
        return None
    toks = doc.tokens
    lang = doc.lang
    bracketed = num.first > 0 and toks[num.first - 1].text == "(" and j < len(toks) and toks[j].text == ")"
    if num.value < 2 or (_is_year(num) and not bracketed):
        return None  # a year, unless it stands in brackets in a list of figures: "Türkiye (1862)"
    if (
        j < len(toks) and doc.same_sentence(num.first, j) and toks[j].kind != "punct"
        and not lang.lexicon("numbers.ellipsis_next").match(toks, j) and not lang.lexicon("counts.measures").match(toks, j)
    ):
        return None
    k = len(claims) - 1
    while k > 0 and claims[k - 1]["sentence_start"] == sentence_start:
        k -= 1
    return claims[k]
