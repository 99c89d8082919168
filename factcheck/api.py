"""The library API: read a corpus, extract its claims, get one results object."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from factcheck.corpus import Article, Problem, read_corpus

# Fields of a claim in JSON, by kind, after the fields every claim has.
COMMON = ("id", "article", "lang", "published", "kind", "text", "start", "end", "line", "sentence")
BY_KIND = {
    "count": ("value", "qualifier", "attribute", "verb", "subject"),
    "date": ("date_start", "date_end", "calendar", "subject"),
    "title": ("person", "role", "org", "portfolio", "modifier"),
}
NESTED = {"subject": "subject", "person": "person", "org": "org"}  # {text, id} objects


@dataclass
class Results:
    """What a run found: the articles read, their claims (a table), and what was skipped."""

    articles: list[Article]
    claims: object  # pandas.DataFrame checked by factcheck.schema.claims_schema()
    problems: list[Problem] = field(default_factory=list)

    def claim_rows(self) -> list[dict]:
        """The claims table as dicts, with missing values as None."""
        rows = self.claims.to_dict("records")
        for row in rows:
            for k, v in row.items():
                if v is None or (isinstance(v, float) and math.isnan(v)) or v.__class__.__name__ == "NAType":
                    row[k] = None
                elif hasattr(v, "item"):
                    row[k] = v.item()
        return rows

    def claim_records(self) -> list[dict]:
        """Claims in their public JSON form (see README: the JSON Lines contract)."""
        out = []
        for row in self.claim_rows():
            rec = {k: row[k] for k in COMMON}
            for key in BY_KIND[row["kind"]]:
                if key in NESTED:
                    rec[key] = {"text": row[f"{key}_text"], "id": row[f"{key}_id"]}
                else:
                    rec[key] = row[key]
            out.append(rec)
        return out

    def to_jsonl(self) -> str:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.claim_records())


def extract(inputs: list[str]) -> Results:
    """Read the articles named by ``inputs`` (files, folders, globs) and extract their claims."""
    from factcheck.extract import extract_article
    from factcheck.lang import available
    from factcheck.schema import claims_frame

    articles, problems = read_corpus(inputs)
    rows: list[dict] = []
    read: list[Article] = []
    for article in articles:
        found, skipped = extract_article(article)
        problems.extend(skipped)
        if article.lang in available():
            read.append(article)
        rows.extend(found)
    return Results(read, claims_frame(rows), problems)
