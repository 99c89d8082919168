"""Extraction of typed claims (counts, dates, titles) from articles."""

from __future__ import annotations

import hashlib

from factcheck.corpus import Article, Problem
from factcheck.extraction.ages import extract_ages
from factcheck.extraction.counts import extract_counts
from factcheck.extraction.dates import extract_dates
from factcheck.extraction.document import Document
from factcheck.extraction.events import find_events
from factcheck.extraction.titles import extract_titles
from factcheck.lang import available, detect, load

__all__ = ["Document", "extract_article"]


def extract_article(article: Article) -> tuple[list[dict], list[Problem]]:
    """Claims of one article, as rows of the claims table, and what was skipped."""
    code = article.lang
    if code is not None and code not in available():
        return [], [Problem(article.path, f"no language data for {code!r}", article.line_offset + 1 if article.line_offset else None,
                            f"languages with data: {', '.join(available())}; add factcheck/lang/{code}.yaml to support it")]
    if code is None:
        code = detect(article.text[article.body_start:])
        if code is None:
            return [], [Problem(article.path, "could not tell the article's language", None,
                                "add 'lang:' to its front matter")]
        article.lang = code
    doc = Document(article, load(code))
    doc.events = find_events(doc)
    dates = extract_dates(doc)
    # A day or year written with a month belongs to the date; a bare year that counts something is a count.
    ages = extract_ages(doc)  # a person's age is no other count
    counts = ages + extract_counts(doc, taken=[(d["start"], d["end"]) for d in dates if not d["_bare_year"]] + [(a["start"], a["end"]) for a in ages])
    counted = [(c["start"], c["end"]) for c in counts]
    dates = [d for d in dates if not (d["_bare_year"] and any(s < d["end"] and d["start"] < e for s, e in counted))]
    for d in dates:
        del d["_bare_year"]
    _date_counts(counts, dates, doc.published.isoformat() if doc.published else None)
    rows = dates + counts + extract_titles(doc)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    _name(rows)
    return rows, doc.problems


def _date_counts(counts: list[dict], dates: list[dict], published: str | None) -> None:
    """Each count's as-of date: a day its own sentence states (not after the publication date),
    else the publication date."""
    days: dict[int, str] = {}  # sentence start -> the day it states
    for d in dates:
        if len(d["date_end"]) == 10 and (published is None or d["date_end"] <= published):
            days.setdefault(d["sentence_start"], d["date_end"])
    for c in counts:
        c["as_of"] = days.get(c["sentence_start"], published)


def _name(rows: list[dict]) -> None:
    """Ids that stay when unrelated text changes: the article, the claim's kind and words, and
    how many claims of the same kind and words come before it in the article."""
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["kind"], " ".join(row["text"].split()))
        n = seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{key[0]}\x1f{key[1]}\x1f{n}".encode()).hexdigest()[:10]
        row["id"] = f"{row['article']}#{digest}"
