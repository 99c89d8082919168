"""Titles: who held which office at the article's date.

At the article's publication date (an article without one is not checked), the person named
must hold the role (of that organisation, when the article names one), and nobody else may: one
finding per person called something they were not, and one per office given to someone else,
with the claims that name its holder beside them. For ministers, only an office with a matching
portfolio counts. A former or designate title says something else and is not checked; an acting
one is checked like any other.
"""

from __future__ import annotations

from factcheck.findings.model import Fact, Finding, Source, finding_id, worst

OPEN_END = "2262-01-01"  # "still in office" (the last day pandas timestamps reach)
PORTFOLIO_SCORE = 80


def _portfolio_ok(claim_portfolio, office_portfolios, lang) -> bool:
    """A minister's office applies to a claim when the claim names no portfolio or a matching one."""
    from rapidfuzz import fuzz

    from factcheck.names import romanise, romanise_any

    if not isinstance(claim_portfolio, str) or not office_portfolios:
        return True
    ours = romanise(claim_portfolio, lang)
    return any(fuzz.token_set_ratio(ours, romanise_any(p)) >= PORTFOLIO_SCORE for p in office_portfolios)


def offices_table(rules):
    import pandas as pd

    rows = [{"org": o.value.org, "role": o.value.role, "holder": o.value.holder,
             "from": pd.Timestamp(o.value.first), "to": pd.Timestamp(o.value.last or OPEN_END),
             "acting": o.value.acting, "portfolio": o.value.portfolio, "severity": o.value.severity,
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
                  r["article_date"].date().isoformat(), None, apart, None, None,
                  r["article_date"].date().isoformat(), lang, outlet)


def check_titles(df, rules, outlets: dict) -> list[Finding]:
    import pandas as pd

    offices = offices_table(rules)
    t = df[(df["kind"] == "title") & df["article_date"].notna() & (df["modifier"].isna() | (df["modifier"] == "acting"))]
    if t.empty or offices.empty:
        return []
    out: list[Finding] = []
    # (a) The named person held that role (of that organisation, when given) at the article's date.
    # Terms of one person in one role are merged, so a minister moved between portfolios is covered.
    held = offices.groupby(["holder", "role", "org"], as_index=False).agg(
        **{"from": ("from", "min"), "to": ("to", "max"), "severity": ("severity", "first"), "where": ("where", "first")})
    j = t[t["person_id"].notna()].merge(held, left_on=["person_id", "role"], right_on=["holder", "role"])
    j = j[j["org_id"].isna() | (j["org_id"] == j["org"])]
    # a person with several matching offices (orgs) passes if any covers the date
    j = j.sort_values("to").drop_duplicates("id", keep="last")
    bad = j[(j["article_date"] < j["from"]) | (j["article_date"] > j["to"])]
    for (person, role), rows in bad.groupby(["person_id", "role"]):
        records = rows.sort_values("article").to_dict("records")
        term = _term(records[0])
        reasons = [f"{r['article']} ({r['article_date'].date()}) calls {r['person_text']} {role.replace('_', ' ')}"
                   f" of {r['org']}; they held it from {term}." for r in records]
        out.append(Finding(finding_id("title", person, role), worst(rows["severity"]), "title", str(person), "office",
                           role, f"{role.replace('_', ' ')} of {records[0]['org']} from {term}",
                           " ".join(reasons), reasons, [_source(r, outlets, True) for r in records],
                           [Fact(records[0]["where"], f"{person}: {role} of {records[0]['org']} from {term}")]))
    # (b) Nobody else held that role of that organisation then (for ministers, of that portfolio);
    # a claim already flagged above is not flagged twice. The claims that name the holder stand beside.
    j = t[t["org_id"].notna() & ~t["id"].isin(bad["id"])].merge(offices, left_on=["org_id", "role"], right_on=["org", "role"])
    j = j[(j["article_date"] >= j["from"]) & (j["article_date"] <= j["to"])]
    if j.empty:
        return out
    ok = [_portfolio_ok(p, ps, lang) for p, ps, lang in zip(j["portfolio_x"], j["portfolio_y"], j["lang"], strict=True)]
    j = j[pd.Series(ok, index=j.index)]
    j = j.assign(apart=j["person_id"].fillna("?" + j["person_text"]) != j["holder"])
    flagged = j[j.groupby(["org", "role", "holder"])["apart"].transform("any")]
    for (org, role, holder), rows in flagged.groupby(["org", "role", "holder"]):
        rows = rows.sort_values(["apart", "article"], ascending=[False, True]).drop_duplicates("id")
        records = rows.to_dict("records")
        term = _term(records[0])
        reasons = [f"{r['article']} ({r['article_date'].date()}) calls {r['person_text']} {role.replace('_', ' ')} of {org}; "
                   f"on that date the office was held by {holder}." for r in records if r["apart"]]
        out.append(Finding(finding_id("title", org, role, holder), worst(rows.loc[rows["apart"], "severity"]), "title",
                           str(org), "office", role, f"{holder}, {term}", " ".join(reasons), reasons,
                           [_source(r, outlets, r["apart"]) for r in records],
                           [Fact(records[0]["where"], f"{holder}: {role} of {org} from {term}", source=records[0]["source"],
                                 note=records[0]["note"])]))
    return out
