"""A finding: one per entity, attribute and measure, holding every source's version of the fact.

A finding is made of the claims that speak to one fact and the rule facts that apply to it. The
claims that cannot be squared with the others (or with the rule) stand apart; the finding says by
how much and why, and its severity says what an editor should do: ``error`` (two sources, or a
source and a rule, that cannot both be true for the same measure at the same time), ``warning``
(figures that may count different things, or a date that may be of something else) or ``note``
(far-apart lower bounds, or a running figure far below the final one).
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SEVERITIES = ("error", "warning", "note")
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ",
                   "less_than": "less than ", "at_most": "up to "}


@dataclass(slots=True)
class Source:
    """One claim's version of the fact (slotted: an archive's findings hold hundreds of thousands)."""

    claim: str  # claim id
    article: str
    value: str  # the normalised value, in words ("more than 1,500 participants")
    lo: float | str | None = None  # the interval it allows: numbers, or ISO dates
    hi: float | str | None = None
    apart: bool = False  # it cannot be squared with the reference
    by: str | None = None  # how far apart ("+27 %", "ends 9 days early")
    measure: str | None = None
    as_of: str | None = None
    lang: str | None = None
    outlet: str | None = None
    linked: str | None = None  # how the claim came to the finding's entity ("by the edition code in ...")


SOURCE_FIELDS = tuple(f.name for f in fields(Source))


@dataclass
class Fact:
    """A rule fact that applies to the finding."""

    where: str  # file:line
    value: str
    lo: float | str | None = None
    hi: float | str | None = None
    measure: str | None = None
    as_of: str | None = None
    source: str | None = None  # URL
    note: str | None = None


@dataclass
class Finding:
    """Claims (and rule facts) about one fact that cannot all be true."""

    id: str  # from what it is about: kind, entity, attribute, measure (never from offsets)
    severity: str  # error, warning, note
    kind: str  # count, date, title
    entity: str  # the rule entity's id, or the subject as written when no rule names it
    attribute: str
    measure: str | None
    reference: str  # what the sources are measured against: the rule's value, or what most sources say
    explanation: str
    reasons: list[str] = field(default_factory=list)  # one sentence for each source apart
    sources: list[Source] = field(default_factory=list)  # those apart first
    facts: list[Fact] = field(default_factory=list)
    status: str = "new"  # or "acknowledged" (not an error of the articles), or "confirmed" (an error, corrected)
    acknowledged: dict | None = None  # by, why, until, where
    confirmed: dict | None = None  # by, date, rating, verdict, correct, url, claims, where

    @property
    def claims(self) -> list[str]:
        return [s.claim for s in self.sources]

    @property
    def apart(self) -> list[Source]:
        return [s for s in self.sources if s.apart]

    @property
    def rule(self) -> str | None:
        return self.facts[0].where if self.facts else None

    @property
    def values(self) -> list[str]:
        """The distinct values the finding holds: those apart, then the reference."""
        return list(dict.fromkeys([s.value for s in self.apart] + [self.reference]))

    def to_dict(self) -> dict:
        return {
            "id": self.id, "severity": self.severity, "kind": self.kind, "entity": self.entity,
            "attribute": self.attribute, "measure": self.measure, "reference": self.reference,
            "explanation": self.explanation, "reasons": self.reasons,
            "sources": [{name: getattr(s, name) for name in SOURCE_FIELDS} for s in self.sources],
            "facts": [dict(f.__dict__) for f in self.facts],
            "rule": self.rule, "status": self.status, "acknowledged": self.acknowledged, "confirmed": self.confirmed,
        }


    @classmethod
    def from_dict(cls, data: dict, shared: dict | None = None) -> Finding:
        """The finding ``to_dict`` gave ``data``; its sources' equal texts (but claim ids) one object, the
        one ``shared`` holds (an archive's finding gives one article, language or value in thousands of
        sources, which JSON decodes as as many strings)."""
        shared = {} if shared is None else shared
        plain = {f.name: data[f.name] for f in fields(cls) if f.name not in ("sources", "facts")}
        sources = [Source(**{k: shared.setdefault(v, v) if isinstance(v, str) and k != "claim" else v for k, v in s.items()})
                   for s in data["sources"]]
        return cls(**plain, sources=sources, facts=[Fact(**f) for f in data["facts"]])


SAID = 10  # reasons an explanation gives in full: the rest are counted (every one is in ``reasons``)


def say(reasons: list[str]) -> str:
    """The reasons of a finding as its explanation's sentences, the first ``SAID`` of them in full: an
    archive's finding may have hundreds, and a terminal line or a CI annotation needs the gist."""
    reasons = list(dict.fromkeys(reasons))  # two claims of one article with one value: said once
    more = len(reasons) - SAID
    tail = [f"And {more} more source(s) like these: every one is in the report and the JSON output."] if more > 0 else []
    return " ".join(reasons[:SAID] + tail)


def finding_id(*about) -> str:
    """A finding's id: what it is about, hashed (stable when articles change around it)."""
    return hashlib.sha1("\x1f".join(map(str, about)).encode()).hexdigest()[:12]


def worst(severities) -> str:
    return min(severities, key=SEVERITIES.index)


def interval(lo: float, hi: float) -> str:
    """Integers in [lo, hi], in words: "1,501–2,000", "2,572", "1,501 or more"."""
    a = math.ceil(lo)
    if hi == math.inf:
        return f"{a:,} or more"
    b = math.floor(hi)
    return f"{a:,}" if a >= b else f"{a:,}–{b:,}"


@functools.lru_cache(maxsize=1 << 14)
def describe_count(value, qualifier, attribute, measure=None) -> str:
    """A count in words ("more than 1,500 participants (registered)"), one string for the same figure:
    an archive's findings give a figure in thousands of sources."""
    text = f"{QUALIFIER_WORDS.get(qualifier, '')}{int(value):,} {attribute}"
    return text + (f" ({measure})" if isinstance(measure, str) else "")


def describe_dates(start: str, end: str) -> str:
    return start if start == end else f"{start}..{end}"




def entity_of(records: list[dict]) -> str:
    """The entity a finding is about: the rule entity, else the subject as the first source writes it."""
    key = str(records[0]["subject_key"])
    if not key.startswith(("name:", "code:")):
        return key
    return next((str(r["subject_text"]) for r in records if isinstance(r["subject_text"], str)), key.split(":", 1)[1])


def among(column, values) -> np.ndarray:
    """Which values of ``column`` (a text column of the claims table) are among ``values``, through
    Arrow's own hash set: pandas' ``isin`` of Arrow text walks it as Python strings, several times slower."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.is_in(pa.array(column.array), value_set=pa.array(list(values), type=pa.large_string()))
    return np.asarray(found.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def as_records(frame) -> list[dict]:
    """The rows of ``frame`` as dicts, missing values as None: column by column (pandas' own
    ``to_dict`` boxes every value of an extension array one by one, the check's costliest step)."""
    return list(iter_records(frame))


def iter_records(frame) -> Iterator[dict]:
    """``as_records``, a row at a time: what is made of a few rows at once holds no dict of the others."""
    if len(frame):
        columns = {c: _objects(frame[c]) for c in frame.columns}
        for values in zip(*columns.values(), strict=True):
            yield dict(zip(columns, values, strict=True))


def _objects(column) -> np.ndarray:
    """A column's values as Python objects, missing ones None; equal texts one object (an archive's
    finding holds the same language, day or article in thousands of its sources)."""
    import numpy as np
    import pandas as pd

    if not isinstance(column.dtype, pd.StringDtype):
        return column.to_numpy(dtype=object, na_value=None)
    codes, uniques = pd.factorize(column)
    shared = np.empty(len(uniques) + 1, dtype=object)  # the last one, None, is what a missing value's -1 takes
    shared[:-1] = np.asarray(uniques, dtype=object)
    return shared[codes]
