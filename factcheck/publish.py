"""``factcheck publish``: the findings editors confirmed (``confirmations`` in the rule files) as
schema.org ClaimReview in JSON-LD, the markup search engines and fact-check aggregators read: one review
for each claim the desk found wrong, with the claim's sentence, the outlet and date that published it,
the desk's rating, its verdict and the correct value, and the address of its published correction.

The properties are those Google's fact-check markup documents (developers.google.com/search/docs/
appearance/structured-data/factcheck): ``claimReviewed``, ``reviewRating`` with ``alternateName``, and
``url`` (required); ``author``, ``datePublished`` and ``itemReviewed``, a ``Claim`` with its ``author``,
``datePublished`` and ``appearance`` (recommended)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.results import Results

CLAIM_REVIEWED_UP_TO = 300  # characters of the sentence kept as claimReviewed (a summary, not the article)


def _claim_reviewed(row: dict) -> str:
    """The sentence that makes the claim, its spacing made even; a long one cut at a word around the claim."""
    sentence = re.sub(r"\s+", " ", str(row.get("sentence") or row["text"])).strip()
    if len(sentence) <= CLAIM_REVIEWED_UP_TO:
        return sentence
    at = max(0, sentence.find(re.sub(r"\s+", " ", row["text"])) - CLAIM_REVIEWED_UP_TO // 3)
    cut = sentence[at : at + CLAIM_REVIEWED_UP_TO].rsplit(" ", 1)[0]
    return ("… " if at else "") + cut + " …"


def claim_reviews(results: Results, organisation: str | None = None, organisation_url: str | None = None) -> list[dict]:
    """A ClaimReview for every claim of every confirmed finding of ``results``, in the findings' order.
    The review's author is ``organisation`` (the desk) when given, else the editor who confirmed it."""
    from factcheck.report import web_url

    confirmed = [(f, f.confirmed) for f in results.findings if f.confirmed]
    rows = {r["id"]: r for r in results.claim_rows({claim for _, c in confirmed for claim in c["claims"]})}
    articles = {a.id: a for a in results.articles}
    reviews = []
    for f, c in confirmed:
        author = ({"@type": "Organization", "name": organisation, **({"url": organisation_url} if organisation_url else {})}
                  if organisation else {"@type": "Person", "name": c["by"]})
        for claim in c["claims"]:
            row = rows[claim]
            article = articles.get(row["article"])
            meta = article.meta if article is not None else {}
            appearance = {"@type": "CreativeWork", "headline": str(meta.get("title") or row["article"])}
            if url := web_url(meta.get("url")):
                appearance["url"] = url
            item: dict = {"@type": "Claim", "appearance": appearance}
            if meta.get("source"):
                item["author"] = {"@type": "Organization", "name": str(meta["source"])}
            if row.get("published"):
                item["datePublished"] = row["published"]
            reviews.append({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": c["url"],
                "datePublished": c["date"],
                "author": author,
                "claimReviewed": _claim_reviewed(row),
                "itemReviewed": item,
                "reviewRating": {"@type": "Rating", "alternateName": c["rating"]},
                "reviewBody": f"{c['verdict']} Correct: {c['correct']}.",
                "identifier": f"factcheck:{f.id}/{claim}",
            })
    return reviews
