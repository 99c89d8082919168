"""Titles: who held which office at the article's date.

At the article's publication date (an article without one is not checked), the person named
must hold the role (of that organisation, when the article names one), and nobody else may: one
finding per person called something they were not, and one per office given to someone else,
with the claims that name its holder beside them. For ministers (and others whose offices have a
portfolio, such as an ambassador's posting), only an office with a matching portfolio counts, and
nobody else holds it only where the claim names that portfolio. A former or designate title says something else and is not checked; an acting
one is checked like any other, but gives at most a warning (the rules may not list acting terms). A sentence that also gives an earlier month, year or day ("In 2017,
Foreign Minister X signed ...") may speak of then: a title held on any of its days is right too, as
an age of then is (``factcheck.findings.people``).
"""

from __future__ import annotations

import functools
import itertools

from factcheck.findings.model import Fact, Finding, Source, as_records, finding_id, say, worst
from factcheck.findings.people import sentence_dates
from factcheck.linking import per_distinct

OPEN_END = "2262-01-01"  # "still in office" (the last day pandas timestamps reach)
PORTFOLIO_SCORE = 80
HANDOVER_DAYS = 7  # a title this near a term's start or end may count the handover's day differently
ELECT_DAYS = 183  # a title this long before a term's start may be the holder-elect's


ACTING = (" An acting title: the rules list no acting term of theirs then, perhaps one they do not list (give it"
          " with `acting: true`); a warning.")


def _soft_reason(r: dict) -> str:
    if not r["portfolio_known"]:
        return (f" No office of theirs in the rules is of the portfolio it names ({r['portfolio']}): perhaps one the rules"
                " do not list; a warning.")
    if r["gap"] <= HANDOVER_DAYS:
        return f" That is within {HANDOVER_DAYS} days of the handover, whose day sources count differently: a warning."
    if r["early"] and r["gap"] <= ELECT_DAYS:
        return f" That is {r['gap']} days before they took office: perhaps as the holder-elect; a warning."
    return ACTING if r["modifier"] == "acting" else ""


@functools.cache
def _portfolio_fit(claim_portfolio, office_portfolios, lang) -> float:
    """How well the portfolio a claim names is an office's (100: the whole name; no portfolio: 0)."""
    from rapidfuzz import fuzz

    from factcheck.names import romanise, romanise_any

    if not isinstance(claim_portfolio, str) or not office_portfolios:
        return 0.0
    ours = romanise(claim_portfolio, lang)
    return max(fuzz.token_sort_ratio(ours, romanise_any(p)) for p in office_portfolios)


@functools.cache
def _portfolio_ok(claim_portfolio, office_portfolios, lang) -> bool:
    """A minister's office applies to a claim when the claim names no portfolio or a matching one."""
    from rapidfuzz import fuzz

    from factcheck.names import romanise, romanise_any

    if not isinstance(claim_portfolio, str) or not office_portfolios:
        return True
    ours = romanise(claim_portfolio, lang)
    return any(fuzz.token_set_ratio(ours, romanise_any(p)) >= PORTFOLIO_SCORE for p in office_portfolios)


def _holder_named(name: str, holder_names: list[str]) -> bool:
    """An unlinked name that is the holder's, run into another ("X Y Z Quliyevı") or cut short
    ("Sultan Ahmed" of "Sultan Ahmed al-Jaber")."""
    return any(n in name or (len(name.split()) >= 2 and n.startswith(name)) for n in holder_names)


def offices_table(rules):
    import pandas as pd

    rows = [{"org": o.value.org, "role": o.value.role, "holder": o.value.holder,
             "from": pd.Timestamp(o.value.first), "to": pd.Timestamp(o.value.last or OPEN_END),
             "acting": o.value.acting, "portfolio": tuple(o.value.portfolio), "severity": o.value.severity,
             "where": o.where, "note": o.value.note, "source": o.value.source}
            for o in rules.offices]
    return pd.DataFrame(rows)


def _term(row) -> str:
    to = "now" if row["to"].year >= 2262 else row["to"].date().isoformat()
    return f"{row['from'].date()} to {to}"


def _source(r: dict, outlets: dict, apart: bool) -> Source:
    outlet, lang = outlets.get(r["article"], (None, r["lang"]))
    modifier = f"{r['modifier']} " if isinstance(r["modifier"], str) else ""
    org = f" of {r['org_text']}" if isinstance(r["org_text"], str) else ""
    return Source(r["id"], r["article"], f"{r['person_text']}: {modifier}{r['role'].replace('_', ' ')}{org}",
                  r["day"], None, apart, None, None, r["day"], lang, outlet)


CONTEXT = 100  # of the claims that name an office's right holder, a finding lists this many


def _context(right: list[dict], total: int, reasons: list[str], outlets: dict) -> list[Source]:
    """The claims that name the right holder, beside those apart: the first ``CONTEXT`` of ``right``
    (which holds at least those), and how many more of the ``total`` there are (a president is named
    in every other article)."""
    if total > CONTEXT:
        reasons.append(f"{total - CONTEXT} more sources name the holder and are not listed.")
    return [_source(r, outlets, False) for r in right[:CONTEXT]]


SOURCE_FIELDS = ["id", "article", "lang", "person_id", "person_text", "role", "org", "org_text", "modifier", "day"]
COLUMNS = ["id", "article", "lang", "person_text", "person_full", "person_id", "role", "org_text", "org_id", "portfolio", "modifier",
           "article_date", "sentence_start"]  # what the findings of titles read of the claims table


def _then(j):
    """The office's term overlaps the earlier dates the claim's sentence gives (none: False)."""
    return (j["said_lo"] <= j["to"]) & (j["said_hi"] >= j["from"])


def check_titles(df, rules, outlets: dict) -> list[Finding]:
    import numpy as np
    import pandas as pd

    from factcheck.names import romanise, romanise_any

    offices = offices_table(rules)
    t = df.loc[(df["kind"] == "title") & df["article_date"].notna() & (df["modifier"].isna() | (df["modifier"] == "acting")), COLUMNS]
    if t.empty or offices.empty:
        return []
    # the article's day as text, once; and a number for each claim, which groups faster than its id
    t = t.assign(day=per_distinct(t, ["article_date"], lambda d: d.strftime("%Y-%m-%d")), claim=np.arange(len(t)))
    # the days the claim may speak of: the article's, and those of earlier dates its sentence gives
    t = t.merge(sentence_dates(df, t), on=["article", "sentence_start"], how="left")
    out: list[Finding] = []
    # (a) The named person held that role (of that organisation, when given) at the article's date:
    # any one of their terms covers it (a minister moved between portfolios, a second term after a gap).
    j = t[t["person_id"].notna()].merge(offices, left_on=["person_id", "role"], right_on=["holder", "role"],
                                        suffixes=("", "_office"))
    j = j[j["org_id"].isna() | (j["org_id"] == j["org"])]
    # a claim that names a ministry speaks of the office whose portfolio it names best (the old
    # name of a renamed ministry is the old office's)
    j = j.assign(portfolio_known=True)
    if not j.empty:
        # a minister called by a portfolio none of their offices has ("Minister of Youth" of a former foreign
        # minister) may hold one the rules do not list: at most a warning
        ok = per_distinct(j, ["lang", "portfolio", "portfolio_office"], lambda lang, p, ps: _portfolio_ok(p, ps, lang))
        j["portfolio_known"] = pd.Series(ok, index=j.index, dtype=bool).groupby(j["claim"]).transform("any")
        j["fit"] = per_distinct(j, ["lang", "portfolio", "portfolio_office"], lambda lang, p, ps: _portfolio_fit(p, ps, lang)).astype(float)
        j = j[j["fit"] == j.groupby("claim")["fit"].transform("max")]
    j["covered"] = (j["article_date"] >= j["from"]) & (j["article_date"] <= j["to"])
    covered = (j["covered"] | _then(j)).groupby(j["claim"]).transform("any")
    # of an uncovered claim, the term nearest its date is the one to show
    day = {c: j[c].to_numpy("datetime64[D]").astype("int64") for c in ("article_date", "from", "to")}  # days: no overflow
    j["gap"] = np.where(day["article_date"] < day["from"], day["from"] - day["article_date"], day["article_date"] - day["to"])
    j["early"] = day["article_date"] < day["from"]
    bad = j[~covered].sort_values("gap", kind="stable").drop_duplicates("claim")
    # days of a handover, and a holder-elect called by the title before taking office: a warning
    # and an acting title the rules list no acting term for: a warning
    soft = (bad["gap"] <= HANDOVER_DAYS) | (bad["early"] & (bad["gap"] <= ELECT_DAYS)) | ~bad["portfolio_known"] | (bad["modifier"] == "acting")
    bad.loc[soft & (bad["severity"] == "error"), "severity"] = "warning"
    held = j[covered & j["covered"]].drop_duplicates("claim").sort_values("article", kind="stable")
    held_by: dict[tuple, list[dict]] = {}  # the right titles, converted once: (person, role, org) -> the first records
    held_count: dict[tuple, int] = {}  # (person, role, org) -> how many there are
    # whoever held the offices of the claims flagged, at their dates: the other side of each finding
    holders_of: dict[str, dict[tuple, None]] = {}  # flagged person -> (holder, role, org), in order
    if not bad.empty:
        at = bad[["person_id", "org", "role", "article_date"]].merge(offices[["org", "role", "holder", "from", "to"]], on=["org", "role"])
        at = at[(at["article_date"] >= at["from"]) & (at["article_date"] <= at["to"])]
        for p, h, r, o in zip(at["person_id"], at["holder"], at["role"], at["org"], strict=True):
            holders_of.setdefault(p, {})[(h, r, o)] = None
        holders = {k for keys in holders_of.values() for k in keys}
        # only the right titles a finding will show: of the people flagged, and of the holders then
        shown = held["person_id"].isin(bad["person_id"]) | pd.Series(
            [k in holders for k in zip(held["person_id"], held["role"], held["org"], strict=True)], index=held.index, dtype=bool)
        shown_held = held.loc[shown, SOURCE_FIELDS]
        by_key = shown_held.groupby(["person_id", "role", "org"], sort=False)
        held_count = {k: int(n) for k, n in by_key.size().items()}
        for r in as_records(shown_held[by_key.cumcount().to_numpy() < CONTEXT]):  # a finding lists no more of one key
            held_by.setdefault((r["person_id"], r["role"], r["org"]), []).append(r)
    roles_of: dict[str, list[tuple]] = {}
    for k in held_by:
        roles_of.setdefault(k[0], []).append(k)
    for person, rows in bad.groupby("person_id"):
        records = as_records(rows.sort_values("article", kind="stable"))
        reasons = [f"{r['article']} ({r['day']}) calls {r['person_text']} {r['role'].replace('_', ' ')}"
                   f" of {r['org']}; they held it from {_term(r)}." + _soft_reason(r) for r in records]
        keys = [*roles_of.get(person, ()), *(k for k in holders_of.get(person, {}) if k in held_by)]
        right = [r for k in keys for r in held_by[k]]
        out.append(Finding(finding_id("title", person, "office"), worst(rows["severity"]), "title", str(person), "office",
                           None, "; ".join(dict.fromkeys(f"{r['role'].replace('_', ' ')} of {r['org']} from {_term(r)}" for r in records)),
                           say(reasons), reasons,
                           [_source(r, outlets, True) for r in records] + _context(right, sum(held_count[k] for k in keys), reasons, outlets),
                           [Fact(r["where"], f"{person}: {r['role']} of {r['org']} from {_term(r)}", source=r["source"], note=r["note"])
                            for r in {r["where"]: r for r in records}.values()]))
    # (b) Nobody else held that role of that organisation then (for ministers, of that portfolio);
    # a claim already flagged above is not flagged twice. The claims that name the holder stand beside.
    j = t[t["org_id"].notna() & ~t["claim"].isin(bad["claim"])].merge(offices, left_on=["org_id", "role"], right_on=["org", "role"],
                                                                  suffixes=("", "_office"))
    j = j[(j["article_date"] >= j["from"]) & (j["article_date"] <= j["to"]) | _then(j)]
    if j.empty:
        return out
    # an office of one portfolio among many (a ministry, an embassy) is only that of a claim that names it: a
    # "minister" or "ambassador" the rules do not know may hold another the rules do not list
    ok = per_distinct(j, ["lang", "portfolio", "portfolio_office"],
                      lambda lang, p, ps: _portfolio_ok(p, ps, lang) and (isinstance(p, str) or not ps))
    j = j[pd.Series(ok, index=j.index, dtype=bool)]
    holder_names = {h: [romanise_any(n) for n in (rules.entity(h).names + rules.entity(h).aliases)] for h in set(j["holder"])}
    j = j.assign(named=j["person_full"].fillna(j["person_text"]))
    same = per_distinct(j, ["holder", "person_id", "named", "lang"],
                        lambda h, p, named, lang: p == h if p is not None else _holder_named(romanise(named, lang), holder_names[h]))
    same = pd.Series(same, index=j.index, dtype=bool)
    # a claim that names whoever held the office on a day it may speak of is right; one that names nobody who
    # did is held against the holder at the article's date (else the first then)
    j = j.assign(apart=~same.groupby(j["claim"]).transform("any"), now=(j["article_date"] >= j["from"]) & (j["article_date"] <= j["to"]))
    j = j[same | ~j.sort_values("now", ascending=False, kind="stable").duplicated("claim").reindex(j.index)]
    # a person who held that role of another organisation then: more likely a name and title paired
    # wrongly (in a list) or an organisation misread than an error of the article, so a warning
    elsewhere = j[j["apart"]].merge(offices, left_on=["person_id", "role"], right_on=["holder", "role"], suffixes=("", "_held"))
    elsewhere = elsewhere[(elsewhere["article_date"] >= elsewhere["from_held"]) & (elsewhere["article_date"] <= elsewhere["to_held"])]
    j["held_elsewhere"] = j["claim"].map(elsewhere.drop_duplicates("claim").set_index("claim")["org_held"])
    j.loc[j["held_elsewhere"].notna() | (j["modifier"] == "acting"), "severity"] = "warning"
    flagged = j[j.groupby(["org", "role", "holder"])["apart"].transform("any")].drop_duplicates(["org", "role", "holder", "claim"])
    flagged = flagged.sort_values(["org", "role", "holder", "apart", "article"], ascending=[True, True, True, False, True])
    office = ["org", "role", "holder"]
    naming = flagged[~flagged["apart"]].groupby(office).size()  # the claims that name the holder, of each office
    fields = [*SOURCE_FIELDS, "holder", "apart", "held_elsewhere", "severity", "where", "source", "note", "from", "to"]
    listed = flagged["apart"] | (flagged.groupby([*office, "apart"]).cumcount() < CONTEXT)  # a finding lists no more
    for (org, role, holder), group in itertools.groupby(as_records(flagged.loc[listed, fields]),
                                                        key=lambda r: (r["org"], r["role"], r["holder"])):
        records = list(group)
        term = _term(records[0])
        reasons = [f"{r['article']} ({r['day']}) calls {r['person_text']} {role.replace('_', ' ')} of {org}; "
                   f"on that date the office was held by {holder}."
                   + (f" The rules have {r['person_id']} as {role.replace('_', ' ')} of {r['held_elsewhere']} then: "
                      "is the organisation right?" if isinstance(r["held_elsewhere"], str) else ACTING if r["modifier"] == "acting" else "")
                   for r in records if r["apart"]]
        out.append(Finding(finding_id("title", org, role, holder), worst(r["severity"] for r in records if r["apart"]), "title",
                           str(org), "office", role, f"{holder}, {term}", say(reasons), reasons,
                           [_source(r, outlets, True) for r in records if r["apart"]]
                           + _context([r for r in records if not r["apart"]], int(naming.get((org, role, holder), 0)), reasons, outlets),
                           [Fact(records[0]["where"], f"{holder}: {role} of {org} from {term}", source=records[0]["source"],
                                 note=records[0]["note"])]))
    return out
