"""People: an age an article gives against the person's birth date in the rules.

An age claim (a count of attribute ``age`` whose ``person_id`` links to a person with ``born``)
holds at its date: its ``as_of`` (a day its sentence gives), else the article's publication date;
an article without a publication date is not checked (a date it mentions may be of anything). A
sentence that also gives an earlier month, year or day ("In 2003, ...", "who has ruled since
2003") may speak of then: its dates up to the publication date widen the claim's date, so that
an age of then is not read as an age of now.

A birth date known to the day allows one age at one date; one known to the month or year allows
an age from the completed years at the date counted from the latest possible birthday to those
counted from the earliest (born "1961" allows 63 or 64 on 2025-06-01). A stated age outside it
stands apart: one finding per person, an error, with every age claim of that person as sources
(those apart first) and the rule's ``born`` as its fact. Computed by merges and group-bys over
the claims table.
"""

from __future__ import annotations

from factcheck.findings.model import Fact, Finding, Source, among, finding_id, say
from factcheck.isodate import iso_bounds

ATTRIBUTE = "age"


def rule_births(rules) -> list[dict]:
    """The rules' people with a birth date, one row each: earliest and latest possible birthday."""
    out = []
    for located in rules.entities.values():
        e = located.value
        if e.kind == "person" and e.born:
            earliest, latest = iso_bounds(e.born)
            out.append({"person_id": e.id, "born": e.born, "born_lo": earliest, "born_hi": latest,
                        "name": e.names[0], "where": located.where_of("born")})
    return out


def completed_years(at, birth):
    """Whole years from ``birth`` to ``at`` (timestamp series): the age on the day ``at``."""
    before_birthday = at.dt.month * 100 + at.dt.day < birth.dt.month * 100 + birth.dt.day
    return at.dt.year - birth.dt.year - before_birthday.astype(int)


def _timestamps(values, end: bool):
    """First (or last, with ``end``) day of ISO dates at any precision, as timestamps."""
    import pandas as pd

    from factcheck.linking import per_distinct

    days = per_distinct(values.to_frame("v"), ["v"], lambda v: iso_bounds(v)[end])  # each distinct date once
    return pd.Series(pd.to_datetime(days, errors="coerce"), index=values.index)  # a misread year past 2262: none


def sentence_dates(df, of):
    """(article, sentence) -> first and last day of the dates its sentence gives up to the article's date, for
    the sentences of the claims ``of`` (only their dates are read: an archive's other dates are many)."""
    import numpy as np

    d = df[(df["kind"] == "date") & df["article_date"].notna() & among(df["article"], set(of["article"]))]
    d = d[np.isin(sentence_keys(d), np.unique(sentence_keys(of)))]
    d = d.assign(lo=_timestamps(d["date_start"], False), hi=_timestamps(d["date_end"], True))
    d = d[d["hi"] <= d["article_date"]]
    return d.groupby(["article", "sentence_start"], as_index=False).agg(said_lo=("lo", "min"), said_hi=("hi", "max"))


def sentence_keys(df):
    """A number for each row's sentence: the article's text and the sentence's start, hashed."""
    import pandas as pd

    return pd.util.hash_pandas_object(df[["article", "sentence_start"]], index=False).to_numpy()


def check_ages(df, rules, outlets: dict) -> list[Finding]:
    import pandas as pd

    births = pd.DataFrame(rule_births(rules))
    a = df[(df["kind"] == "count") & (df["attribute"] == ATTRIBUTE) & df["person_id"].notna() & df["article_date"].notna()]
    if a.empty or births.empty:
        return []
    a = a.astype({"person_id": object}).merge(births, on="person_id")
    if a.empty:
        return []
    a = a.merge(sentence_dates(df, a), on=["article", "sentence_start"], how="left")
    a["at"] = pd.to_datetime(a["as_of"].fillna(a["published"]))
    a["at_lo"] = a[["at", "said_lo"]].min(axis=1)
    a["at_hi"] = a[["at", "said_hi"]].max(axis=1)
    # the youngest the person can have been at the earliest day, and the oldest at the latest
    a["age_lo"] = completed_years(a["at_lo"], pd.to_datetime(a["born_hi"]))
    a["age_hi"] = completed_years(a["at_hi"], pd.to_datetime(a["born_lo"]))
    a["value"] = a["value"].astype(int)
    a["apart"] = (a["value"] < a["age_lo"]) | (a["value"] > a["age_hi"])
    flagged = a[a.groupby("person_id")["apart"].transform("any")]
    return [_finding(rows, outlets) for _, rows in flagged.groupby("person_id", sort=True)]


def _allowed(lo: int, hi: int) -> str:
    return f"{lo}" if lo == hi else f"{lo} or {hi}" if hi == lo + 1 else f"{lo}–{hi}"


def _when(r: dict) -> str:
    lo, hi = r["at_lo"].date().isoformat(), r["at_hi"].date().isoformat()
    return lo if lo == hi else f"{lo}..{hi}"


def _by(r: dict) -> str | None:
    if not r["apart"]:
        return None
    off = r["value"] - (r["age_hi"] if r["value"] > r["age_hi"] else r["age_lo"])
    return f"{off:+d} year{'s' if abs(off) != 1 else ''}"


def _source(r: dict, outlets: dict) -> Source:
    outlet, lang = outlets.get(r["article"], (None, r["lang"]))
    return Source(r["id"], r["article"], f"age {r['value']}", float(r["value"]), float(r["value"]), bool(r["apart"]),
                  _by(r), None, r["at"].date().isoformat(), lang, outlet)


def _finding(rows, outlets: dict) -> Finding:
    records = rows.sort_values(["apart", "article", "start"], ascending=[False, True, True]).to_dict("records")
    first = records[0]
    person, name, born = first["person_id"], first["name"], first["born"]
    reasons = [f"{r['article']} ({_when(r)}) gives {name}'s age as {r['value']}; born {born}, "
               f"{name} was {_allowed(r['age_lo'], r['age_hi'])} then." for r in records if r["apart"]]
    ranges = {(r["age_lo"], r["age_hi"]) for r in records}
    lo, hi = next(iter(ranges)) if len(ranges) == 1 else (None, None)  # one range to draw when all share a date
    fact = Fact(first["where"], f"{person}: born {born}", None if lo is None else float(lo), None if hi is None else float(hi))
    return Finding(finding_id("count", person, ATTRIBUTE), "error", "count", str(person), ATTRIBUTE, None,
                   f"born {born}", say(reasons), reasons, [_source(r, outlets) for r in records], [fact])
