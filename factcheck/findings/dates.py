"""Dates: one finding per event's dates, and one where an article gives an edition another's dates.

A range of days ("17-28 November") states when an event ran: it must be the rule's range (its
scheduled days, or its days up to the actual close), or, without a rule, the range most sources
give; two ranges within a month of each other that differ cannot both be right (an error; a range further away
may date another edition or something else: a warning). A day outside the event's dates but
within a month of them may be a wrong date of it: a warning (a month, a year, or a day further
away dates something else said of it). A range that ends on the scheduled
day in an article published after the event actually closed on another day is a warning. A date
of an event named by one edition's code that falls within another edition's dates (same names)
is an edition mix-up: an error of the edition whose dates they are.
"""

from __future__ import annotations

import itertools

from factcheck.findings.model import (
    Fact,
    Finding,
    Source,
    as_records,
    describe_dates,
    entity_of,
    finding_id,
    say,
    worst,
)
from factcheck.isodate import iso_bounds


def rule_dates(rules) -> dict[str, dict]:
    """Entity id -> its rule dates: first, scheduled last, closed, where, severity, source, note."""
    out = {}
    for located in rules.entities.values():
        e = located.value
        if e.dates is not None:
            d = e.dates
            out[e.id] = {"first": d.start.isoformat(), "last": d.last.isoformat(),
                         "closed": d.closed.isoformat() if d.closed else None, "where": located.where_of("dates"),
                         "severity": d.severity, "source": d.source, "note": d.note}
    return out


def series_of(rules) -> dict[str, str]:
    """Events that share a name are editions of one series: entity id -> series id."""
    from factcheck.names import romanise_any

    parent: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for located in rules.entities.values():
        e = located.value
        if e.kind != "event":
            continue
        parent.setdefault(e.id, e.id)
        for name in [*e.names, *e.aliases]:
            key = romanise_any(name)
            if key in by_name:
                root = parent[by_name[key]]
                for k, v in parent.items():
                    if v == parent[e.id]:
                        parent[k] = root
            else:
                by_name[key] = e.id
    return parent


# what the findings of dates read of a claim (an edition's mix-ups are said of counts too)
COLUMNS = ["id", "article", "lang", "published", "kind", "value", "qualifier", "attribute", "measure", "date_start", "date_end",
           "subject_text", "subject_id", "subject_key", "subject_year"]


def date_columns(df):
    """Date claims with ``first``/``last`` (ISO days) and ``is_range`` (a range of days); a range of
    months or years is a period, not an event's dates, and is left out."""
    from factcheck.linking import per_distinct

    d = df.copy()  # each distinct date's bounds worked out once
    d["first"] = per_distinct(d, ["date_start"], lambda v: iso_bounds(v)[0].isoformat())
    d["last"] = per_distinct(d, ["date_end"], lambda v: iso_bounds(v)[1].isoformat())
    d["is_range"] = (d["date_start"].str.len() == 10) & (d["date_start"] != d["date_end"])
    return d[d["is_range"] | (d["date_start"] == d["date_end"])]


def last_days(df, rules) -> dict:
    """Each event's last day (subject key -> ISO): the rule's close or end, else the end of the
    range of days most sources give."""
    d = df.loc[(df["kind"] == "date") & df["subject_key"].notna(), ["subject_key", "date_start", "date_end"]]
    out = {}
    if not d.empty:
        d = date_columns(d)
        ranges = d[d["is_range"]]
        if not ranges.empty:
            mode = ranges.groupby(["subject_key", "first", "last"]).size().reset_index(name="n")
            mode = mode.sort_values(["subject_key", "n", "last"]).drop_duplicates("subject_key", keep="last")
            out = dict(zip(mode["subject_key"], mode["last"], strict=True))
    for entity, r in rule_dates(rules).items():
        out[entity] = max(r["last"], r["closed"] or r["last"])
    return out


def _source(r: dict, outlets: dict, apart: bool, by: str | None = None) -> Source:
    outlet, lang = outlets.get(r["article"], (None, r["lang"]))
    return Source(r["id"], r["article"], describe_dates(r["date_start"], r["date_end"]), r["first"], r["last"],
                  apart, by, None, r["published"], lang, outlet)


NEAR_DAYS = 31


def _shift(iso, days: int):
    """ISO days moved by ``days`` (vectorised)."""
    import pandas as pd

    return (pd.to_datetime(iso) + pd.Timedelta(days=days)).dt.strftime("%Y-%m-%d")


def _days(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days


def _how(r: dict, first: str, last: str) -> str:
    notes = []
    for ours, theirs, what in ((r["first"], first, "starts"), (r["last"], last, "ends")):
        days = _days(ours, theirs)
        if days:
            notes.append(f"{what} {abs(days)} day{'s' if abs(days) != 1 else ''} {'early' if days < 0 else 'late'}")
    return " and ".join(notes)


def check_dates(df, rules, outlets: dict) -> tuple[list[Finding], dict]:
    """Findings of the dates, and the editions that articles name by mistake: (article, the
    edition named) -> the edition whose dates the article gives."""
    import pandas as pd

    ruled = rule_dates(rules)
    # an edition named beside another year ("ABC-25, held in 2017"): whatever is said of it
    mixed = df[df["subject_year"].notna() & df["subject_id"].isin(list(ruled))].assign(edition_of=lambda m: m["subject_id"])
    d = df.loc[(df["kind"] == "date") & df["subject_key"].notna(), COLUMNS]  # (each copy of the date claims takes only these)
    d = date_columns(d) if not d.empty else d.assign(first=None, last=None, is_range=False)
    series = series_of(rules)
    # the reference range of each subject without a rule: the range of days most sources give
    ranges = d[d["is_range"] & ~d["subject_key"].isin(ruled)]
    mode = ranges.groupby(["subject_key", "first", "last"]).size().reset_index(name="n")
    mode = mode.sort_values(["subject_key", "n", "last"]).drop_duplicates("subject_key", keep="last")
    refs = {k: {"first": f, "last": la, "closed": None} for k, f, la in zip(mode["subject_key"], mode["first"], mode["last"], strict=True)}
    refs.update(ruled)
    d = d[d["subject_key"].isin(refs)]
    if d.empty:
        return [_edition(e, rows, d, ruled[e], outlets) for e, rows in mixed.groupby("edition_of")], {}
    ref = pd.DataFrame.from_dict(refs, orient="index")
    j = d.join(ref, on="subject_key", rsuffix="_ref")
    span_last = j["last_ref"].where(j["closed"].isna() | (j["closed"].fillna("") < j["last_ref"]), j["closed"])
    scheduled = (j["first"] == j["first_ref"]) & (j["last"] == j["last_ref"])
    actual = j["closed"].notna() & (j["first"] == j["first_ref"]) & (j["last"] == j["closed"])
    # after the close, the scheduled end is no longer when it ended
    stale = scheduled & j["closed"].notna() & (j["published"].fillna("").astype(object) > j["closed"].fillna("").astype(object))
    # a day outside the event's dates but near them may be a wrong date of it; a day months away, or
    # a month or a year, dates something else said of it ("the forum, founded in 1994")
    near = (j["date_start"].str.len() == 10) & (j["first"] >= _shift(j["first_ref"], -NEAR_DAYS)) & (j["last"] <= _shift(span_last, NEAR_DAYS))
    beyond = (j["last"] < j["first_ref"]) | (j["first"] > span_last)
    outside = beyond & near
    j["apart"] = (j["is_range"] & ~(scheduled | actual)) | stale | (~j["is_range"] & outside)
    j["severity"] = "warning"
    is_ruled = j["subject_key"].isin(ruled)
    # a range months from the event's dates may date another edition ("the next forum will be held ...") or something
    # else said of it: a warning; one within a month of them cannot be its dates too
    hard = j["is_range"] & ~(scheduled | actual) & near
    j.loc[hard & ~is_ruled, "severity"] = "error"
    if ruled:
        j.loc[hard & is_ruled, "severity"] = j.loc[hard & is_ruled, "subject_key"].map(lambda k: ruled[k]["severity"])
    # an edition named by its code whose dates are another edition's (of the same series), not its own
    j["edition_of"] = None
    apart = j[(j["apart"] | beyond) & is_ruled].reset_index()
    if not apart.empty:
        # within another edition's dates, or within a month of them (the eve, the day after)
        spans = pd.DataFrame([{"edition_of": e, "series": series.get(e), "e_first": r["first"],
                               "e_last": max(r["last"], r["closed"] or r["last"])} for e, r in ruled.items()])
        spans["e_first"], spans["e_last"] = _shift(spans["e_first"], -NEAR_DAYS), _shift(spans["e_last"], NEAR_DAYS)
        apart["series"] = apart["subject_key"].map(series)
        m = apart.merge(spans, on="series", suffixes=("", "_e"))
        m = m[(m["edition_of_e"] != m["subject_key"]) & (m["e_first"] <= m["first"]) & (m["last"] <= m["e_last"])]
        j.loc[m.drop_duplicates("index")["index"], "edition_of"] = m.drop_duplicates("index")["edition_of_e"].to_numpy()
    moved = {(a, k): e for a, k, e in zip(j["article"].tolist(), j["subject_key"].tolist(), j["edition_of"].tolist(), strict=True)
             if e is not None}
    editions = pd.concat([f for f in (j[j["edition_of"].notna()], mixed) if not f.empty]) if len(mixed) or j["edition_of"].notna().any() \
        else mixed
    out = [_edition(e, rows, j[(j["subject_key"] == e) & ~j["apart"]], ruled[e], outlets)
           for e, rows in editions.groupby("edition_of")]
    j = j[j["edition_of"].isna()]
    flagged = j[j.groupby("subject_key")["apart"].transform("any")]
    # sorted and converted once, then cut into one group of records per event
    records = as_records(flagged.sort_values(["subject_key", "apart", "article"], ascending=[True, False, True], kind="mergesort"))
    for key, rows in itertools.groupby(records, key=lambda r: r["subject_key"]):
        out.append(_finding(key, list(rows), ruled.get(key), outlets))
    return out, moved


def _fact(r: dict | None) -> list[Fact]:
    if r is None:
        return []
    closed = f", closed {r['closed']}" if r["closed"] else ""
    return [Fact(r["where"], describe_dates(r["first"], r["last"]) + closed, r["first"], r["closed"] or r["last"],
                 source=r["source"], note=r["note"])]


def _finding(key, records: list[dict], rule: dict | None, outlets: dict) -> Finding:
    entity = entity_of(records)
    first, last = records[0]["first_ref"], records[0]["last_ref"]
    reference = describe_dates(first, last) + (f", closed {rule['closed']}" if rule and rule["closed"] else "")
    agreeing = sum(not r["apart"] for r in records)
    said = f"the rule's {reference} ({rule['where']})" if rule else f"{reference}, as {agreeing} source{'s' if agreeing != 1 else ''} give{'s' if agreeing == 1 else ''}"
    reasons = []
    for r in records:
        if not r["apart"]:
            continue
        value = describe_dates(r["date_start"], r["date_end"])
        if r["is_range"] and r["last"] == last and rule and rule["closed"] and r["first"] == first:
            reasons.append(f"{r['article']} ({r['published']}) says it ran {value}, but it closed on {rule['closed']}.")
        elif r["is_range"] and r["severity"] != "warning":
            reasons.append(f"{r['article']} gives {value}: it {_how(r, first, last)}; two ranges of days cannot both be right.")
        elif r["is_range"]:
            reasons.append(f"{r['article']} gives {value}: it {_how(r, first, last)}, more than a month away: it may date "
                           "another edition or something else said of it.")
        else:
            reasons.append(f"{r['article']} gives {value}, outside those dates: it may date something else said of it.")
    sources = [_source(r, outlets, r["apart"], _how(r, first, last) if r["apart"] and r["is_range"] else None) for r in records]
    explanation = f"{entity}, dates: {sum(r['apart'] for r in records)} of {len(records)} sources cannot be squared with {said}. " + say(reasons)
    return Finding(finding_id("date", key, "dates"), worst(r["severity"] for r in records if r["apart"]), "date", entity,
                   "dates", None, reference, explanation, reasons, sources, _fact(rule))


def _value(r: dict) -> str:
    from factcheck.findings.model import describe_count

    if r["kind"] == "count":
        return describe_count(r["value"], r["qualifier"], r["attribute"], r["measure"])
    return describe_dates(r["date_start"], r["date_end"])


def _edition(entity: str, rows, agreeing, rule: dict, outlets: dict) -> Finding:
    """An edition mix-up: claims that name ``entity`` in another year, or give another edition its dates;
    the sources that date ``entity`` right stand beside them."""
    records = as_records(rows.sort_values("article", kind="stable"))
    reasons = []
    for r in records:
        if isinstance(r["subject_year"], (int, float)) and r["subject_year"] == r["subject_year"]:
            year, said = int(r["subject_year"]), _value(r)
            named = str(r["subject_text"]).removesuffix(f" ({year})")  # a mention's text holds the year beside it
            reasons.append(f"{r['article']} puts {named} in {year}{'' if said == str(year) else f' ({said})'}, but "
                           f"{entity} is of {rule['first'][:4]}.")
        else:
            reasons.append(f"{r['article']} names {r['subject_text']} ({r['subject_id']}) but gives "
                           f"{_value(r)}, within the dates of {entity}: the wrong edition.")
    reference = describe_dates(rule["first"], rule["last"])
    sources = [Source(r["id"], r["article"], _value(r), apart=True, as_of=r["published"], lang=r["lang"],
                      outlet=outlets.get(r["article"], (None, None))[0]) for r in records]
    sources += [_source(r, outlets, False) for r in as_records(agreeing.sort_values("article", kind="stable"))]
    return Finding(finding_id("date", entity, "edition"), "error", "date", entity, "edition", None, reference,
                   f"{entity}, edition: " + say(reasons), reasons, sources, _fact(rule))
