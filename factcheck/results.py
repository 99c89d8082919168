"""The results object: what a run found (articles, their claims, findings, what was skipped), which
every output format renders. Its claims are a table in memory, rows not yet made a table, or, for a
run with a claims store, the store's (``factcheck.archive.StoredClaims``: read a part at a time)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.corpus import Article, Problem
from factcheck.schema import ROW_CHUNK

if TYPE_CHECKING:
    import pandas as pd

    from factcheck.archive import StoredClaims
    from factcheck.findings.model import Finding

# Fields of a claim in JSON, by kind, after the fields every claim has.
COMMON = ("id", "article", "lang", "published", "kind", "text", "start", "end", "line", "sentence")
BY_KIND = {
    "count": ("value", "qualifier", "attribute", "measure", "subgroup", "running", "as_of", "subject", "person"),
    "date": ("date_start", "date_end", "calendar", "subject"),
    "title": ("person", "role", "org", "portfolio", "modifier"),
}
NESTED = ("subject", "person", "org")  # {text, id} objects


def table_rows(table: pd.DataFrame) -> list[dict]:
    """Rows of a claims table as dicts of plain Python values, missing ones None."""
    columns = {}
    for name in table.columns:
        column = table[name]
        # object dtype keeps Python ints and bools; missing values (NA, NaN) become None
        columns[name] = column.astype(object).where(column.notna(), None).tolist()
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)] if columns else []


@dataclass
class Results:
    """What a run found: the articles read, their claims (a table), findings, and what was skipped.

    Every output format (JSON Lines of claims, CSV, JSON, text, HTML) renders this one object.
    """

    articles: list[Article]
    frame: pd.DataFrame | None  # the claims table, or None until ``claims`` builds it from ``rows``
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rule_files: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # stale or expired acknowledgements, confirmations that match nothing
    expectations: list[dict] = field(default_factory=list)  # results of the rules' dataset expectations
    # claim id -> why the checks left it aside (a store's: ``factcheck.archive.StoredUnchecked``, read as asked)
    unchecked: Mapping[str, str] = field(default_factory=dict)
    rows: list[dict] | None = None  # the claims as extraction gave them, when no table was needed yet
    stored: StoredClaims | None = None  # the claims in a store, when they are read from it as they are needed

    @property
    def claims(self) -> pd.DataFrame:
        """The claims table, checked by ``factcheck.schema.claims_schema()`` (built on first use: writing
        JSON Lines needs no table, and so neither pandas nor pandera; a store's claims are all read into
        memory only here: the outputs read them a batch or a finding at a time)."""
        if self.frame is None:
            from factcheck.schema import claims_frame

            self.frame = self.stored.table() if self.stored is not None else claims_frame(self.rows or [])
            self.rows = None  # the table holds them now
        return self.frame

    @claims.setter
    def claims(self, table: pd.DataFrame) -> None:
        self.frame = table

    @property
    def errors(self) -> list:
        """Error-level findings that nobody has acknowledged, and failed error-level expectations."""
        return [f for f in self.findings if f.severity == "error" and f.status == "new"] + [
            e for e in self.expectations if not e["success"] and e["severity"] == "error"
        ]

    def claim_table(self, ids: set[str] | None = None, articles: set[str] | None = None) -> pd.DataFrame:
        """The claims table, or its claims of ``ids``, or of the articles ``articles``."""
        if self.frame is None and self.stored is not None:
            return self.stored.table(ids, articles)
        from factcheck.findings.model import among

        table = self.claims
        return table if ids is None and articles is None else table[among(table["id"], ids) if ids is not None else among(table["article"], articles)]

    def unchecked_of(self, ids: list[str]) -> dict[str, str]:
        """Why the checks left aside those of the claims ``ids`` they did (a store's read at once)."""
        from factcheck.archive import StoredUnchecked

        if isinstance(self.unchecked, StoredUnchecked):
            return self.unchecked.of(ids)
        return {i: self.unchecked[i] for i in ids if i in self.unchecked}

    def claim_count(self) -> int:
        return sum(self.summary()["claims"].values())

    def claim_rows(self, ids: set[str] | None = None) -> list[dict]:
        """The claims table as dicts of plain Python values, missing ones None; with ``ids``, only those
        claims (an output that reports the claims of findings needs no others)."""
        if self.frame is None and self.stored is None:
            from factcheck.schema import COLUMNS

            return [{c: row.get(c) for c in COLUMNS} for row in self.rows or [] if ids is None or row["id"] in ids]
        if ids is None:
            return list(self.iter_claim_rows())
        table = self.claim_table(ids)
        return [row for start in range(0, len(table), ROW_CHUNK) for row in table_rows(table.iloc[start : start + ROW_CHUNK])]

    def iter_claim_rows(self):
        """``claim_rows``, a chunk of the table at a time (a large table is never all dicts at once)."""
        if self.frame is None and self.stored is not None:
            for chunk in self.stored.batches():
                yield from table_rows(chunk)
        elif self.frame is None:
            yield from self.claim_rows()
        else:
            for start in range(0, len(self.claims), ROW_CHUNK):
                yield from table_rows(self.claims.iloc[start : start + ROW_CHUNK])

    def claim_records(self) -> list[dict]:
        """Claims in their public JSON form (see README: the JSON Lines contract)."""
        return list(self.iter_claim_records())

    def iter_claim_records(self) -> Iterator[dict]:
        """``claim_records``, one at a time."""
        for row in self.iter_claim_rows():
            rec = {k: row[k] for k in COMMON}
            for key in BY_KIND[row["kind"]]:
                if key == "person" and row["kind"] == "count" and row.get("person_text") is None:
                    continue  # only an age is a person's figure
                if key in NESTED:
                    rec[key] = {"text": row[f"{key}_text"], "id": row[f"{key}_id"]}
                    if key == "person" and row.get("person_full"):
                        rec[key]["full"] = row["person_full"]  # a surname alone: the full name it stands for
                else:
                    rec[key] = row[key]
            yield rec

    def to_jsonl(self) -> str:
        return "".join(self.iter_jsonl())

    def iter_jsonl(self) -> Iterator[str]:
        """The claims as JSON Lines, a batch of lines at a time."""
        return ("\n".join(batch) + "\n" for batch in self.claim_json() if batch)

    def claim_json(self, texts: bool = True) -> Iterator:
        """``iter_claim_records`` encoded as JSON texts, in batches (of a table, by DuckDB; with
        ``texts=False``, a table's batches are Arrow string arrays: ``factcheck.records.json_records``)."""
        if self.frame is None and self.stored is not None:
            return self.stored.json(texts)
        if self.frame is None:
            from factcheck.writing import encoded_batches

            return encoded_batches(self.iter_claim_records(), json.JSONEncoder(ensure_ascii=False).encode, ROW_CHUNK)
        from factcheck.records import json_records

        return json_records(self.frame, texts)

    def summary(self) -> dict:
        if self.frame is not None:
            kinds = self.frame["kind"].value_counts() if len(self.frame) else {}
        else:
            kinds = self.stored.kinds() if self.stored is not None else Counter(r["kind"] for r in self.rows or [])
        return {
            "articles": len(self.articles),
            "skipped": len(self.problems),
            "claims": {k: int(kinds[k]) for k in sorted(kinds.keys())},
            "findings": {
                **{level: sum(f.severity == level and f.status == "new" for f in self.findings)
                   for level in ("error", "warning", "note")},
                "acknowledged": sum(f.status == "acknowledged" for f in self.findings),
                "confirmed": sum(f.status == "confirmed" for f in self.findings),
            },
            "expectations": {"passed": sum(e["success"] for e in self.expectations),
                             "failed": sum(not e["success"] for e in self.expectations)},
            "rule_files": self.rule_files,
        }

    def to_dict(self, claims: bool = True) -> dict:
        """Everything, as JSON data (without the claims with ``claims=False``: they may be streamed)."""
        doc = {
            "summary": self.summary(),
            "articles": [
                {"id": a.id, "path": a.path, "lang": a.lang,
                 **{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in a.meta.items() if k != "lang"}}
                for a in self.articles
            ],
            "findings": [f.to_dict() for f in self.findings],
            "expectations": self.expectations,
            "notices": self.notices,
            "unchecked": self.unchecked,  # a store's is read as it is written (``factcheck.report.render_json``)
            "problems": [{"path": p.path, "line": p.line, "message": p.message, "hint": p.hint} for p in self.problems],
        }
        if claims:
            doc["claims"] = self.claim_records()
        return doc
