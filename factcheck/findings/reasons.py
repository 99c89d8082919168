"""Why a claim was not compared: what the report and `rules test` tell an editor about a claim
that is in no finding because the checks left it aside (a part, a former title, no event ...)."""

from __future__ import annotations


def unchecked(df, rules) -> dict[str, str]:
    """Claim id -> why the checks left it aside (or compared it only loosely), for the claims of the
    linked table ``df`` that one of these reasons applies to. Vectorised: one pass of conditions."""
    import numpy as np

    from factcheck.findings.counts import COUNT_GROUPS, SPLIT, TOOK_PART, rule_counts

    if df.empty:
        return {}
    kind = df["kind"]
    count, date, title = kind == "count", kind == "date", kind == "title"
    measure = df["measure"].fillna(TOOK_PART).astype(object)
    group = df["attribute"].replace(COUNT_GROUPS)
    ruled: dict[tuple[str, str], set[str]] = {}
    for f in rule_counts(rules):
        ruled.setdefault((f["entity"], f["group"]), set()).add(f["measure"])
    # another measure than the rule's: looked at only for the claims of entities the rules give figures of
    other = np.full(len(df), None, dtype=object)  # the rule's measures, where a claim gives another
    near = np.flatnonzero(df["subject_key"].isin({k for k, _ in ruled}).to_numpy())
    for n, k, g, m in zip(near, df["subject_key"].iloc[near].tolist(), group.iloc[near].tolist(),
                          measure.iloc[near].tolist(), strict=True):
        if (k, g) in ruled and m not in ruled[(k, g)]:
            other[n] = sorted(ruled[(k, g)] - {m})
    precision = df["date_start"].str.len()
    texts = [
        "",  # none
        "a part of the whole (one delegation, 'including ...', members of a body): never compared with the whole",
        "votes and seats are split among candidates and parties: not compared",
        "people in general, of no event and not said to take part (the offline, a hall's capacity): not compared",
        "an age whose person the rules do not know",
        "its sentence names no event, and it says nothing of who came: it is nobody's figure",
        "different measure",  # filled in below
        "a running figure: a lower bound at its date",
        "tied to no event: none is named near it, or it spans days something falls within ('next week')",
        "a period of months or years, not an event's dates",
        "a month or a year: it may date something else said of the event",
        "a former or designate title says nothing of who holds the office now",
        "the article has no publication date, so the office cannot be checked",
        "neither the person nor the organisation is in the rules",
    ]
    # the first condition that holds, as its number (an array of texts would be as wide as the longest, a
    # million times): 0 where none does
    which = np.select(
        [
            count & df["subgroup"].fillna(False).astype(bool),
            count & df["attribute"].isin(SPLIT),
            count & (df["attribute"] == "people"),
            count & (df["attribute"] == "age") & df["person_id"].isna(),
            count & (df["attribute"] != "age") & df["subject_key"].isna(),
            count & (other != None),  # noqa: E711 (element-wise)
            count & df["running"].fillna(False).astype(bool),
            date & df["subject_key"].isna(),
            date & (precision < 10) & (df["date_start"] != df["date_end"]),
            date & (precision < 10),
            title & df["modifier"].isin(["former", "designate"]),
            title & df["article_date"].isna(),
            title & df["person_id"].isna() & df["org_id"].isna(),
        ],
        list(range(1, len(texts))),
        0,
    )
    said = np.flatnonzero(which)
    reasons = np.array(texts, dtype=object)[which[said]]
    measured = texts.index("different measure")
    for n in np.flatnonzero(which[said] == measured):  # only these are walked: the rest are said as they are
        k = said[n]
        reasons[n] = (f"different measure: {measure.iat[k]} vs the rule's {' and '.join(other[k])}; compared through "
                      "what separates them, so at most a warning")
    return dict(zip(df["id"].iloc[said].tolist(), reasons.tolist(), strict=True))
