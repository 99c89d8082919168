"""Counts: one finding per entity, attribute and measure.

Each count is read as the interval of values it allows (docs/rules.md says it for editors):

- ``N`` exact: N itself; a round N (two significant digits, from 100 up: 2500, 150) also N ± 5 %,
  as sources round;
- ``about N``: N ± 10 %;
- ``more than N`` / ``at least N``: above N, up to a third more (a source that knew of a figure a
  third higher would have written a higher N);
- ``less than N`` / ``up to N``: below N, down to a quarter less.

Within one entity, attribute and measure, the reference is the rule's figure or, without one,
the value most sources allow (a sweep over the sorted interval ends, per group); the claims whose
interval misses it stand apart. A running figure (marked "so far", "already", or given before
the event ended) is a lower bound at its date: it is compared as open above, and one far below
the reference is only a note. Parts of a whole ("300 youth representatives") are never compared.
Figures of different measures (registered, attended, expected ...) are compared through what each
says of the number who took part, and give at most a warning.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from factcheck.findings.model import (
    SEVERITIES,
    Fact,
    Finding,
    Source,
    as_records,
    describe_count,
    entity_of,
    finding_id,
    interval,
    iter_records,
    say,
    worst,
)

COUNT_GROUPS = {"delegates": "participants"}  # attributes that count the same people
ROUND_TOLERANCE = 0.05
APPROX_TOLERANCE = 0.10
ABOVE = 4 / 3  # "more than N" reads as up to N x 4/3
BELOW = 3 / 4  # "less than N" reads as down to N x 3/4
TOOK_PART = "attended"  # the measure of a count that says nothing of one
# What a figure of each measure says of the number who took part (T): it lies between these
# multiples of T. More register than come; a forecast is a forecast of T; in person and online are parts.
MEASURE_RATIOS = {"attended": (1.0, 1.0), "expected": (1.0, 1.0), "registered": (1.0, 5 / 3),
                  "accredited": (1.0, 5 / 3), "in_person": (0.0, 1.0), "online": (0.0, 1.0)}
LOWER = ("more_than", "at_least")
SIGN_UPS = ("registered", "accredited")
SPLIT = ("votes", "seats")  # figures split among candidates or parties: one article's 25 and another's 83 may both be right
NOT_COMPARED = (*SPLIT, "people")  # and people in general: the offline, the eligible, a hall's capacity


def count_bounds(df):
    """Lowest and highest value each count allows (vectorised over the claims table)."""
    import numpy as np

    v = df["value"].astype("float64")
    q = df["qualifier"]
    digits = np.floor(np.log10(v.clip(lower=1)))
    round_ = (v >= 100) & (np.mod(v, 10 ** (digits - 1)) == 0)
    lo = np.select(
        [q == "approx", q == "more_than", q == "at_least", q.isin(["less_than", "at_most"]), round_],
        [v * (1 - APPROX_TOLERANCE), v + 0.5, v, v * BELOW, v * (1 - ROUND_TOLERANCE)],
        v,
    )
    hi = np.select(
        [q == "approx", q.isin(["more_than", "at_least"]), q == "less_than", q == "at_most", round_],
        [v * (1 + APPROX_TOLERANCE), v * ABOVE, v - 0.5, v, v * (1 + ROUND_TOLERANCE)],
        v,
    )
    return lo, hi


def consensus(keys, lo, hi):
    """For each group, the start and end of the region that most of its intervals allow (ties:
    the highest such region), as a frame indexed by group. One sort of all interval ends; no pairs."""
    import numpy as np
    import pandas as pd

    n = len(keys)
    ev = pd.DataFrame({"g": np.concatenate([keys, keys]), "x": np.concatenate([lo, hi]),
                       "d": np.concatenate([np.ones(n), -np.ones(n)])})
    ev = ev.sort_values(["g", "x", "d"], ascending=[True, True, False], kind="mergesort").reset_index(drop=True)
    ev["cov"] = ev.groupby("g")["d"].cumsum()
    ev["next"] = ev.groupby("g")["x"].shift(-1)
    best = ev[ev["cov"] == ev.groupby("g")["cov"].transform("max")].groupby("g").last()
    return best.rename(columns={"x": "p", "next": "q"})[["p", "q"]]


def rule_counts(rules) -> list[dict]:
    """The rule files' figures, one row a fact."""
    out = []
    for located in rules.entities.values():
        e = located.value
        for attr, facts in e.counts.items():
            for n, fact in enumerate(facts):
                lo, hi = fact.bounds()
                measure = fact.measure or TOOK_PART
                text = (f"{fact.value:,}" + (f" ± {fact.tolerance}" if fact.tolerance else "")) if fact.value is not None \
                    else interval(lo, hi)
                out.append({"entity": e.id, "group": COUNT_GROUPS.get(attr, attr), "measure": measure,
                            "fact_lo": lo, "fact_hi": hi, "fact_as_of": fact.as_of, "severity": fact.severity,
                            "where": located.where_of(f"counts.{attr}.{n}"),
                            "fact_text": f"{text} {attr}" + (f" ({fact.measure})" if fact.measure else "")
                            + (f" as of {fact.as_of}" if fact.as_of else ""),
                            "source": fact.source, "note": fact.note})
    return out


def check_counts(df, rules, outlets: dict, last_days: dict) -> list[Finding]:
    """Findings of the counts in the linked claims table ``df``; ``last_days`` gives an event's
    last day (subject key -> ISO date), before which a figure is running."""
    import numpy as np
    import pandas as pd

    c = df.loc[(df["kind"] == "count") & df["subject_key"].notna() & ~df["subgroup"].fillna(False).astype(bool)
               & ~df["attribute"].isin(NOT_COMPARED), COLUMNS]  # a copy, of what the findings of counts read
    if c.empty:
        return []
    c["group"] = c["attribute"].replace(COUNT_GROUPS)
    c["measure"] = c["measure"].fillna(TOOK_PART).astype(object)
    c["lo"], c["hi"] = count_bounds(c)
    # sign-ups go on until an event ends: a figure of them given before then is running too
    last = c["subject_key"].map(last_days)
    before_end = c["as_of"].notna() & last.notna() & (c["as_of"].astype(object) < last.astype(object))
    signing_up = c["measure"].isin(SIGN_UPS) & before_end
    c["running"] = (c["running"].fillna(False).astype(bool) | signing_up) & (c["measure"] != "expected")
    c["hi_open"] = np.where(c["running"], math.inf, c["hi"])
    c["lower"] = c["qualifier"].isin(LOWER) | c["running"]
    c["gkey"] = c.groupby(["subject_key", "group", "measure"], sort=False).ngroup()

    facts = pd.DataFrame(rule_counts(rules))
    c["apart"], c["excused"], c["severity"] = False, False, "error"
    c["ref_lo"], c["ref_hi"], c["ref_text"] = np.nan, np.nan, None
    ruled = pd.Series(False, index=c.index)
    if not facts.empty:
        j = c.reset_index().merge(facts, left_on=["subject_key", "group", "measure"], right_on=["entity", "group", "measure"])
        if not j.empty:
            ruled = c.index.isin(j["index"])
            # a running total only grows: a fact of an earlier day is a floor after it, a ceiling before
            after = j["fact_as_of"].isna() | (j["as_of"].fillna("9999").astype(object) >= j["fact_as_of"].fillna("").astype(object))
            j["f_lo"] = np.where(after, j["fact_lo"], 0.0)
            j["f_hi"] = np.where(j["fact_as_of"].isna() | ~after, j["fact_hi"], math.inf)
            j["miss_open"] = (j["hi_open"] < j["f_lo"]) | (j["lo"] > j["f_hi"])
            j["miss"] = (j["hi"] < j["f_lo"]) | (j["lo"] > j["f_hi"])
            j["sev"] = j["severity_y"].where(j["miss_open"], "note").map(SEVERITIES.index)  # the worst is the least
            bad = j[j["miss"]].groupby("index").agg(apart=("miss_open", "any"), sev=("sev", "min"))
            bad["sev"] = np.array(SEVERITIES, dtype=object)[bad["sev"].to_numpy()]
            c.loc[bad.index, "apart"] = bad["apart"]
            c.loc[bad.index, "excused"] = ~bad["apart"]
            c.loc[bad.index, "severity"] = bad["sev"]
            # each claim is measured against the fact it misses, else the final one
            ref = j.sort_values(["miss", "fact_as_of"], ascending=[False, True], na_position="first").drop_duplicates("index")
            c.loc[ref["index"], "ref_lo"] = ref["fact_lo"].to_numpy()
            c.loc[ref["index"], "ref_hi"] = ref["fact_hi"].to_numpy()
            c.loc[ref["index"], "ref_text"] = ref["fact_text"].to_numpy()
    free = c[~ruled]
    if not free.empty:
        keys = free["gkey"]
        # an article that repeats a figure says it once; a figure whose sentence names no event
        # is judged by the others, never makes them stand apart
        inferred = free["subject_inferred"].fillna(False).astype(bool)
        direct = (~inferred).groupby(keys).transform("any")
        once = free[~inferred | ~direct].drop_duplicates(["gkey", "article", "lo", "hi_open"])
        region = consensus(once["gkey"].to_numpy(), once["lo"].to_numpy(), once["hi_open"].to_numpy())
        p, q = keys.map(region["p"]).to_numpy(), keys.map(region["q"]).to_numpy()
        agrees = (free["lo"].to_numpy() <= p) & (free["hi_open"].to_numpy() >= q)
        static = (free["lo"].to_numpy() <= p) & (free["hi"].to_numpy() >= p)
        firm = pd.Series(agrees & ~free["lower"].to_numpy(), index=free.index).groupby(keys).transform("any")
        # a figure stands apart only from other articles: one article's figures that differ count different things
        agreeing = free[agrees].groupby("gkey")["article"].nunique()
        own = free[agrees].groupby(["gkey", "article"]).size()
        others = keys.map(agreeing).fillna(0).to_numpy() - pd.Series(list(zip(keys, free["article"], strict=True)),
                                                                      index=free.index).map(own).notna().to_numpy()
        c.loc[free.index, "apart"] = ~agrees & (others > 0)
        c.loc[free.index, "excused"] = agrees & ~static & free["running"].to_numpy() & (others > 0)
        # lower bounds apart from lower bounds only: both may be true
        c.loc[free.index, "severity"] = np.where(~agrees & free["lower"].to_numpy() & ~firm.to_numpy(), "note",
                                                 np.where(agrees, "note", "error"))
        c.loc[free.index, "ref_lo"], c.loc[free.index, "ref_hi"] = p, q
    # a forecast, or a figure whose own sentence names no event, is at most a warning
    doubt = (c["measure"] == "expected") | c["subject_inferred"].fillna(False).astype(bool)
    c.loc[doubt, "severity"] = c.loc[doubt, "severity"].replace({"error": "warning"})

    facts_of: dict[tuple, list[Fact]] = {}
    for f in facts.to_dict("records") if not facts.empty else []:
        facts_of.setdefault((f["entity"], f["group"], f["measure"]), []).append(
            Fact(f["where"], f["fact_text"], f["fact_lo"], None if f["fact_hi"] == math.inf else f["fact_hi"],
                 f["measure"], f["fact_as_of"], f["source"], f["note"]))
    flagged = c.groupby("gkey")["apart"].transform("any") | c.groupby("gkey")["excused"].transform("any")
    out = [_finding(rows, outlets, facts_of) for rows in _groups(c[flagged], ["gkey", "apart", "excused", "article"], [True, False, False, True])]
    return out + _across_measures(c, facts_of, outlets)


COLUMNS = ["id", "article", "lang", "value", "qualifier", "attribute", "measure", "running", "as_of", "subject_key",
           "subject_text", "subject_inferred"]
FIELDS = ["gkey", "id", "article", "lang", "value", "qualifier", "attribute", "measure", "as_of", "lo", "hi", "hi_open",
          "apart", "excused", "severity", "ref_lo", "ref_hi", "ref_text", "subject_key", "subject_text", "group",
          "lower", "subject_inferred"]


def _groups(rows, by: list[str], ascending: list[bool]) -> Iterator[list[dict]]:
    """The rows as records, sorted once and cut into groups of one ``gkey`` (one finding each): one
    conversion for all, not one per finding, and a group's records made as it is taken (an archive's
    flagged figures are hundreds of thousands: never all of them dicts at once)."""
    import itertools

    records = iter_records(rows[FIELDS].sort_values(by, ascending=ascending, kind="mergesort"))
    return (list(g) for _, g in itertools.groupby(records, key=lambda r: r["gkey"]))


def _source(r: dict, outlets: dict, apart: bool, by: str | None = None) -> Source:
    outlet, lang = outlets.get(r["article"], (None, r["lang"]))
    return Source(r["id"], r["article"], describe_count(r["value"], r["qualifier"], r["attribute"], r["measure"]),
                  float(r["lo"]), None if r["hi_open"] == math.inf else float(r["hi_open"]), apart, by,
                  r["measure"], r["as_of"], lang, outlet)


def _by(r: dict) -> str:
    ref_lo, ref_hi = r["ref_lo"], r["ref_hi"]
    mid = (ref_lo + min(ref_hi, ref_lo * ABOVE)) / 2
    return f"{(r['value'] - mid) / mid:+.0%}" if mid else ""


def _finding(records: list[dict], outlets: dict, facts_of: dict) -> Finding:
    first = records[0]
    subject_key, group, measure = first["subject_key"], first["group"], first["measure"]
    entity = entity_of(records)
    flagged = [r for r in records if r["apart"] or r["excused"]]
    agreeing = [r for r in records if not (r["apart"] or r["excused"])]
    fact_list = facts_of.get((subject_key, group, measure), [])
    if fact_list:
        reference = fact_list[0].value
        ref_text = f"the rule's {reference} ({fact_list[0].where})"
    else:
        best = min(agreeing, key=lambda r: (r["qualifier"] != "exact", r["lower"], r["article"]))
        reference = describe_count(best["value"], best["qualifier"], best["attribute"], best["measure"])
        ref_text = f"{reference}, as {len(agreeing)} source{'s' if len(agreeing) != 1 else ''} allow{'s' if len(agreeing) == 1 else ''}"
    reasons = [_reason(r, r["ref_text"] if isinstance(r["ref_text"], str) else reference, bool(fact_list)) for r in flagged]
    sources = [_source(r, outlets, True, _by(r)) for r in flagged] + [_source(r, outlets, False) for r in agreeing]
    what = f"{group}" + ("" if measure == TOOK_PART else f" ({measure})")
    explanation = (f"{entity}, {what}: {len(flagged)} of {len(records)} source{'s' if len(records) != 1 else ''} "
                   f"cannot be squared with {ref_text}. " + say(reasons))
    return Finding(finding_id("count", subject_key, group, measure), worst(r["severity"] for r in flagged), "count",
                   entity, group, None if measure == TOOK_PART else measure, reference, explanation, reasons,
                   sources, fact_list)


def _reason(r: dict, reference: str, ruled: bool) -> str:
    ref_lo, ref_hi = r["ref_lo"], r["ref_hi"]
    value = describe_count(r["value"], r["qualifier"], r["attribute"])
    allows = interval(r["lo"], r["hi"])
    if r["excused"]:
        return (f"{r['article']} gave {value} on {r['as_of']}, a running figure (a lower bound then) "
                f"far below {reference}: a note, not an error.")
    if r["severity"] == "note":
        return f"{r['article']} says {value} ({allows}): lower bounds far apart can both be true; worth a look."
    if r["qualifier"] in LOWER and r["hi"] < ref_lo:
        return (f"{r['article']} says {value}, which reads as {allows}: a source that knew of "
                f"{interval(ref_lo, ref_hi) if ruled else reference} would not write “{value}”.")
    inferred = " Its sentence names no event: it may count something else." if r.get("subject_inferred") else ""
    return f"{r['article']} says {value} ({allows}), {_by(r)} from {reference}.{inferred}"


def _across_measures(c, facts_of: dict, outlets: dict) -> list[Finding]:
    """Warnings where figures of two measures of one entity and attribute cannot both be right even
    allowing for what separates the measures (more register than come; parts are smaller)."""
    import numpy as np
    import pandas as pd

    # a running figure is a lower bound at its date: it says nothing of how many took part in the end
    ref = c[~c["apart"] & ~c["running"]].groupby(["subject_key", "group", "measure"], as_index=False).agg(
        lo=("ref_lo", "first"), hi=("ref_hi", "first"))
    # the rules' figures of the events these claims speak of: the findings are of what articles say
    # (and the events of one part of the check are never another's: ``factcheck.findings.parts``)
    said_of = set(c["subject_key"].unique())
    if ruled := [{"subject_key": k[0], "group": k[1], "measure": k[2], "flo": f[0].lo, "fhi": math.inf if f[0].hi is None else f[0].hi}
                 for k, f in facts_of.items() if k[0] in said_of]:
        ref = ref.merge(pd.DataFrame(ruled), on=["subject_key", "group", "measure"], how="outer")
        ref["lo"] = ref["flo"].fillna(ref["lo"])
        ref["hi"] = ref["fhi"].fillna(ref["hi"])
    ref = ref.dropna(subset=["lo"])
    if ref["measure"].nunique() < 2:
        return []
    ratios = ref["measure"].map(MEASURE_RATIOS)
    ref["t_lo"] = ref["lo"] / ratios.str[1]
    with np.errstate(divide="ignore"):
        ref["t_hi"] = np.where(ratios.str[0] > 0, ref["hi"] / ratios.str[0].replace(0, 1), math.inf)
    pairs = ref.merge(ref, on=["subject_key", "group"], suffixes=("_a", "_b"))
    pairs = pairs[(pairs["measure_a"] < pairs["measure_b"]) & ((pairs["t_hi_a"] < pairs["t_lo_b"]) | (pairs["t_hi_b"] < pairs["t_lo_a"]))]
    out = []
    if pairs.empty:
        return []
    # what each measure's sources agree on, as records by entity and attribute, converted once
    agreeing = c[~c["apart"] & ~c["excused"] & ~c["running"]]
    wanted = pd.MultiIndex.from_arrays([pairs["subject_key"], pairs["group"]])
    agreeing = agreeing[pd.MultiIndex.from_arrays([agreeing["subject_key"], agreeing["group"]]).isin(wanted)]
    where: dict[tuple, list[dict]] = {}
    for r in as_records(agreeing[FIELDS]):
        where.setdefault((r["subject_key"], r["group"]), []).append(r)
    for p in pairs.to_dict("records"):
        a, b = p["measure_a"], p["measure_b"]
        rows = [r for r in where.get((p["subject_key"], p["group"]), []) if r["measure"] in (a, b)]
        fact_list = facts_of.get((p["subject_key"], p["group"], a), []) + facts_of.get((p["subject_key"], p["group"], b), [])
        if not fact_list and {r["article"] for r in rows if r["measure"] == a} & {r["article"] for r in rows if r["measure"] == b}:
            continue  # an article that gives both figures says they stand together ("5,000 registered; 2,000 came")
        entity = entity_of(rows) if rows else str(p["subject_key"])
        said = {m: (interval(p[f"lo_{s}"], p[f"hi_{s}"]), interval(p[f"t_lo_{s}"], p[f"t_hi_{s}"])) for m, s in ((a, "a"), (b, "b"))}
        reason = (f"{said[a][0]} {a} means {said[a][1]} took part, and {said[b][0]} {b} means {said[b][1]}: "
                  f"the gap is larger than the difference between {a} and {b} explains.")
        # the side a rule states stands; the other stands apart (both, when neither or both have a rule)
        ruled_side = {f.measure for f in fact_list}
        apart = {a, b} - ruled_side or {a, b}

        def apart_first(r: dict, apart: set[str] = apart) -> tuple[bool, str]:
            return r["measure"] not in apart, r["article"]

        records = sorted(rows, key=apart_first)
        sources = [_source(r, outlets, r["measure"] in apart) for r in records]
        out.append(Finding(finding_id("count", p["subject_key"], p["group"], f"{a}|{b}"), "warning", "count", entity,
                           p["group"], f"{a} vs {b}", f"{said[a][0]} {a}", f"{entity}, {p['group']}: {reason}",
                           [reason], sources, fact_list))
    return out
