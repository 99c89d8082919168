"""Qualifiers written after a figure or its noun ("or more", "-dən çox", "и более", "or equal to"), and how
one after a figure combines with one before it."""

from __future__ import annotations

from functools import cache

from factcheck.extraction.document import Document
from factcheck.lang import Language


@cache
def _after_phrases(lang: Language) -> list[tuple[str, str | None, list[str]]]:
    """Qualifiers written after a number or noun: (qualifier, suffix or None, words)."""
    out = []
    for label, phrases in (lang.get("qualifiers.after") or {}).items():
        for phrase in phrases:
            phrase = str(phrase)
            suffix = None
            if phrase.startswith("-"):
                head, _, phrase = phrase[1:].partition(" ")
                suffix = lang.lower(head)
            out.append((label, suffix, lang.phrase_words(phrase) if phrase else []))
    # Longest first, so "-dən çox" wins over "-dən".
    out.sort(key=lambda p: -(len(p[2]) + (p[1] is not None)))
    return out


def suffix_of(token_lower: str, stem: str | None) -> str:
    if stem is None or not token_lower.startswith(stem):
        return ""
    return token_lower[len(stem) :].lstrip("-'’ʼ`")


def combined(before: str, after: str) -> str:
    """The qualifier of a figure with ``before`` in front and ``after`` behind it: "or equal" makes "more than"
    at least and "less than" at most ("less than 5000 or equal"); otherwise the one after wins."""
    if after == "or_equal":
        return {"more_than": "at_least", "less_than": "at_most"}.get(before, before)
    return after


def qualifier_after(doc: Document, j: int, suffix: str) -> tuple[str, int] | None:
    """A qualifier at token ``j`` (after a word that ends in ``suffix``)."""
    toks = doc.tokens
    for label, need, words in _after_phrases(doc.lang):
        if need is not None and need != suffix:
            continue
        if not words and need is None:
            continue
        if j + len(words) > len(toks):
            continue
        if all(toks[j + k].lower == w or w in toks[j + k].stems for k, w in enumerate(words)):
            end = j + len(words)
            if words and end < len(toks) and doc.same_sentence(j, end) and toks[end].kind in ("num", "mixed"):
                continue  # "... и более 100 тыс.": the qualifier belongs to the next figure
            if all(doc.same_sentence(j - 1, j + k) for k in range(len(words))):
                return label, end
    return None
