"""Whose a date is: the event named near it (``Document.subject``), unless its clause says it is the date of
something else the event has (its registration, a side event: ``dates.not_of_event.thing``), dates no longer
true (postponed, originally planned: ``superseded``), or a time before or after the event (``ahead of ABC``,
``ABC öncesinde``: ``around``, right before or after the event's words). Such a date is of no event: the date
findings never hold it against an event's dates. A word of an event's name is none of these, nor the word that
names the event itself ("The exhibition runs 1-3 June") unless the clause names another event ("The exhibition
at ABC-2026 runs ...")."""

from __future__ import annotations

from factcheck.extraction.document import Document

DATE_SUBJECT_DISTANCE = 10  # words between a date and the event it dates
AROUND_GAP = 1  # words allowed between "ahead of", "öncesinde" and the event's words
CLAUSE_WINDOW = 24  # words of the date's clause either side of it that are read (a run-on clause costs no more a date)


def date_subject(doc: Document, first: int, last: int) -> str | None:
    """The event the date at tokens [first, last) dates, as ``Document.subject`` gives it, or None."""
    return None if _not_of_event(doc, first, last) else doc.subject(first, near=DATE_SUBJECT_DISTANCE)


def _not_of_event(doc: Document, first: int, last: int) -> bool:
    words = doc.lang.lexicon("dates.not_of_event")
    if not words.firsts:
        return False
    toks, ids = doc.tokens, doc.clauses
    own = {ids[first], ids[last - 1]}
    lo, hi = first, last
    while lo > max(0, first - CLAUSE_WINDOW) and ids[lo - 1] in own:
        lo -= 1
    while hi < min(len(toks), last + CLAUSE_WINDOW) and ids[hi] in own:
        hi += 1
    events = [m for m in doc.events_of_sentence(first) if m.first < hi and m.last > lo]
    for k, m in doc.found_in(words, lo, hi):
        if first <= k < last:
            continue
        inside = [e for e in events if e.first <= k < e.last]
        if any(e.named for e in inside) or (inside and len(inside) == len(events)):
            continue  # a word of an event's name; or the event itself ("The exhibition runs ..."), unless another is named
        if m[0] != "around" or any(e.first - AROUND_GAP <= m[1] <= e.first or e.last <= k <= e.last + AROUND_GAP for e in events):
            return True
    return False
