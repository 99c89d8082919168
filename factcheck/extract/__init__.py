"""Extraction of typed claims (counts, dates, titles) from articles."""

from __future__ import annotations

from factcheck.corpus import Article, Problem
from factcheck.extract.counts import extract_counts
from factcheck.extract.dates import extract_dates
from factcheck.extract.document import Document
from factcheck.extract.events import find_events
from factcheck.extract.titles import extract_titles
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
    counts = extract_counts(doc, taken=[(d["start"], d["end"]) for d in dates if not d["_bare_year"]])
    counted = [(c["start"], c["end"]) for c in counts]
    dates = [d for d in dates if not (d["_bare_year"] and any(s < d["end"] and d["start"] < e for s, e in counted))]
    for d in dates:
        del d["_bare_year"]
    rows = dates + counts + extract_titles(doc)
    if doc.published is not None:
        for row in rows:
            row["published"] = doc.published.isoformat()
    rows.sort(key=lambda r: (r["start"], r["end"]))
    for row in rows:
        row["id"] = f"{row['article']}@{row['start']}-{row['end']}"
    return rows, doc.problems
