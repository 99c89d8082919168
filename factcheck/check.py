"""Cross-checks: claims against each other, and against the rule files.

Every step is a group-by or a join over the claims table, never a loop over
pairs of claims. Checks against rules run through Great Expectations: the
claims are joined with the rule facts into a few tables, and a few column-pair
expectations over them find the rows that contradict a rule.

When two figures conflict (docs/rules.md says it for editors): each count is
read as the interval of values it allows,

- ``N`` exact: N itself; a round N (two significant digits, from 100 up:
  2500, 150) also N ± 5 %, as sources round;
- ``about N``: N ± 10 %;
- ``more than N`` / ``at least N``: above N, up to a third more (a source that
  knew of a figure a third higher would have written a higher N);
- ``less than N`` / ``up to N``: below N, down to a quarter less;

and two counts of the same thing conflict when their intervals do not overlap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from factcheck.rules import Rules, expectation_class, great_expectations

# Attributes that count the same people: "1,500 delegates" and "2,500 participants" are compared.
COUNT_GROUPS = {"delegates": "participants"}
ROUND_TOLERANCE = 0.05
APPROX_TOLERANCE = 0.10
ABOVE = 4 / 3  # "more than N" reads as up to N x 4/3
BELOW = 3 / 4  # "less than N" reads as down to N x 3/4
OPEN_END = "2262-01-01"  # "still in office" (the last day pandas timestamps reach)
PORTFOLIO_SCORE = 80
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ",
                   "less_than": "less than ", "at_most": "up to "}


@dataclass
class Conflict:
    """Claims that cannot all be true, or a claim that a rule contradicts."""

    id: str
    severity: str  # "error" or "warning"
    kind: str  # "count", "date", "title"
    entity: str | None  # entity id, or the subject as written when no rule links it
    attribute: str
    claims: list[str]  # claim ids
    explanation: str
    rule: str | None = None  # file:line
    values: list[str] = field(default_factory=list)  # normalised values, one per claim, then the rule's
    source: str | None = None  # the rule's source URL
    note: str | None = None  # the rule's note for the editor
    status: str = "new"  # or "acknowledged"
    acknowledged: dict | None = None  # by, why, until, where
    ranges: list[dict] = field(default_factory=list)  # for the report's chart: label, lo, hi, rule

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _range(label: str, lo, hi, rule: bool = False) -> dict:
    """One source's figure or dates for the report's chart: numbers, or ISO dates."""
    if hasattr(lo, "date"):
        return {"label": label, "lo": lo.date().isoformat(), "hi": hi.date().isoformat(), "rule": rule}
    return {"label": label, "lo": float(lo), "hi": None if hi == float("inf") else float(hi), "rule": rule}


def _id(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


# --- intervals ---------------------------------------------------------------------

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


def iso_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date at any precision ("2025", "2025-11", "2025-11-17")."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def describe_count(row, prefix="") -> str:
    q = row[f"qualifier{prefix}"]
    verb = row[f"measure{prefix}"]
    text = f"{QUALIFIER_WORDS.get(q, '')}{int(row[f'value{prefix}']):,} {row[f'attribute{prefix}']}"
    return text + (f" ({verb})" if isinstance(verb, str) else "")


def describe_dates(start: str, end: str) -> str:
    return start if start == end else f"{start}..{end}"


def _interval(lo: float, hi: float) -> str:
    import math

    a = math.ceil(lo)
    b = "more" if hi == float("inf") else f"{math.floor(hi):,}"
    return f"{a:,}" if str(a) == b.replace(",", "") else f"{a:,}–{b}"


# --- the table the checks work on -------------------------------------------------------

def prepare(claims, rules: Rules, article_texts: dict[str, str]):
    """Claims linked to the rules' entities, with the columns the checks need."""
    import pandas as pd

    from factcheck.linking import edition_codes, link_claims
    from factcheck.names import romanise

    if claims.empty:
        return claims.copy()
    df = claims.reset_index(drop=True)
    # The date an article speaks of: its publication date, else its first full date.
    first_day = df[(df["kind"] == "date") & (df["date_start"].str.len() == 10)].groupby("article")["date_start"].first()
    article_date = pd.to_datetime(df["published"].fillna(df["article"].map(first_day).astype("string")), errors="coerce")
    df = link_claims(df, rules, article_texts, article_date.dt.year)
    df["article_date"] = article_date
    # What a claim is about, for claims against claims: the linked entity, else its edition code,
    # else its romanised name.
    def unlinked_key(text, lang):
        if not isinstance(text, str):
            return None
        codes = edition_codes(text)
        if codes:
            return "code:" + ",".join(f"{a}{y}" for a, y in sorted(codes))
        return "name:" + romanise(text, lang)

    keys = {(t, lang): unlinked_key(t, lang) for t, lang in set(zip(df["subject_text"], df["lang"], strict=True))}
    df["subject_key"] = df["subject_id"].astype("object").where(
        df["subject_id"].notna(), [keys[(t, lang)] for t, lang in zip(df["subject_text"], df["lang"], strict=True)]
    )
    return df


# --- claims against claims ------------------------------------------------------------------

def _pairs(df, on: list[str]):
    """Pairs of claims from different articles that share ``on`` (a self-join)."""
    pairs = df.merge(df, on=on, suffixes=("_a", "_b"))
    return pairs[pairs["article_a"] < pairs["article_b"]]


def _whole_counts(df, key: str):
    """Counts of a whole that is known (not "300 youth representatives", a part of the participants),
    with the group they are compared in and the interval each allows."""
    c = df[(df["kind"] == "count") & df[key].notna() & ~df["subgroup"].fillna(False).astype(bool)].copy()
    c["group"] = c["attribute"].replace(COUNT_GROUPS)
    c["lo"], c["hi"] = count_bounds(c)
    return c


def check_counts(df) -> list[Conflict]:
    c = _whole_counts(df, "subject_key")
    if c.empty:
        return []
    pairs = _pairs(c, ["subject_key", "group"])
    bad = pairs[(pairs["hi_a"] < pairs["lo_b"]) | (pairs["hi_b"] < pairs["lo_a"])]
    out = []
    for row in bad.to_dict("records"):
        verbs = {row["measure_a"], row["measure_b"]} - {None}
        verbs = {v for v in verbs if isinstance(v, str)}
        severity = "warning" if len(verbs) > 1 or "expected" in verbs else "error"
        a, b = describe_count(row, "_a"), describe_count(row, "_b")
        why = _count_reason(row)
        entity = row["subject_id_a"] if isinstance(row["subject_id_a"], str) else row["subject_text_a"]
        explanation = f"{row['article_a']} gives {a} and {row['article_b']} gives {b} for {entity}: {why}."
        if severity == "warning" and len(verbs) > 1:
            explanation += f" The figures count different things ({' and '.join(sorted(verbs))}), so check before correcting."
        out.append(Conflict(
            _id("count", row["subject_key"], row["group"], row["id_a"], row["id_b"]), severity, "count",
            entity, row["group"], [row["id_a"], row["id_b"]], explanation, values=[a, b],
            ranges=[_range(row["article_a"], row["lo_a"], row["hi_a"]), _range(row["article_b"], row["lo_b"], row["hi_b"])],
        ))
    return out


def _count_reason(row) -> str:
    for lower, higher in (("_a", "_b"), ("_b", "_a")):
        q = row[f"qualifier{lower}"]
        if q in ("more_than", "at_least") and row[f"lo{higher}"] > row[f"hi{lower}"]:
            return (f"a source that knew of {int(row[f'value{higher}']):,} would not write "
                    f"“{QUALIFIER_WORDS[q].strip()} {int(row[f'value{lower}']):,}”, which reads as "
                    f"{_interval(row[f'lo{lower}'], row[f'hi{lower}'])}")
    return (f"the first allows {_interval(row['lo_a'], row['hi_a'])} and the second "
            f"{_interval(row['lo_b'], row['hi_b'])}, which do not overlap")


def _date_columns(d):
    bounds = [iso_bounds(s) + iso_bounds(e) for s, e in zip(d["date_start"], d["date_end"], strict=True)]
    import pandas as pd

    d = d.copy()
    d["first"] = pd.to_datetime([b[0] for b in bounds])
    d["last"] = pd.to_datetime([b[3] for b in bounds])
    # A range of days ("17-28 November") states when something ran; a day, a month or a year only
    # falls inside it. A range of months or years ("2026-2029") is a period, not an event's dates.
    d["is_range"] = (d["date_start"].str.len() == 10) & (d["date_start"] != d["date_end"])
    return d[d["is_range"] | (d["date_start"] == d["date_end"])]


def check_dates(df) -> list[Conflict]:
    d = df[(df["kind"] == "date") & df["subject_key"].notna()]
    if d.empty:
        return []
    d = _date_columns(d)
    pairs = _pairs(d, ["subject_key"])
    # Two ranges of days must agree (an error); a day, month or year outside the other article's
    # range is worth a look (a warning: it may date something else said of the event).
    differ = pairs["is_range_a"] & pairs["is_range_b"] & ((pairs["first_a"] != pairs["first_b"]) | (pairs["last_a"] != pairs["last_b"]))
    apart = (pairs["is_range_a"] != pairs["is_range_b"]) & (
        (pairs["last_a"] < pairs["first_b"]) | (pairs["last_b"] < pairs["first_a"])
    )
    out = []
    for row in pairs[differ | apart].to_dict("records"):
        a = describe_dates(row["date_start_a"], row["date_end_a"])
        b = describe_dates(row["date_start_b"], row["date_end_b"])
        entity = row["subject_id_a"] if isinstance(row["subject_id_a"], str) else row["subject_text_a"]
        both = row["is_range_a"] and row["is_range_b"]
        out.append(Conflict(
            _id("date", row["subject_key"], row["id_a"], row["id_b"]), "error" if both else "warning", "date",
            entity, "dates", [row["id_a"], row["id_b"]],
            f"{row['article_a']} dates {entity} {a} and {row['article_b']} dates it {b}: "
            + ("they cannot both be right." if both else "the one falls outside the other."),
            values=[a, b],
            ranges=[_range(row["article_a"], row["first_a"], row["last_a"]), _range(row["article_b"], row["first_b"], row["last_b"])],
        ))
    return out


# --- claims against rules (Great Expectations) -------------------------------------------------

def _facts(rules: Rules):
    """The rule facts as tables: counts, dates, offices."""
    import pandas as pd

    counts, dates = [], []
    for located in rules.entities.values():
        e = located.value
        for attr, fact in e.counts.items():
            lo, hi = fact.bounds()
            counts.append({"entity": e.id, "group": COUNT_GROUPS.get(attr, attr), "fact_lo": lo, "fact_hi": hi,
                           "fact_verb": fact.verb, "severity": fact.severity, "where": located.where_of(f"counts.{attr}"),
                           "fact": _fact_text(fact, attr), "note": fact.note, "source": fact.source})
        if e.dates is not None:
            dates.append({"entity": e.id, "fact_first": pd.Timestamp(e.dates.start), "fact_last": pd.Timestamp(e.dates.last),
                          "severity": e.dates.severity, "where": located.where_of("dates"),
                          "fact": describe_dates(e.dates.start.isoformat(), e.dates.last.isoformat()),
                          "note": e.dates.note, "source": e.dates.source})
    offices = [
        {"org": o.value.org, "role": o.value.role, "holder": o.value.holder,
         "from": pd.Timestamp(o.value.from_), "to": pd.Timestamp(o.value.to or OPEN_END),
         "portfolio": o.value.portfolio, "severity": o.value.severity, "where": o.where, "note": o.value.note,
         "source": o.value.source}
        for o in rules.offices
    ]
    return pd.DataFrame(counts), pd.DataFrame(dates), pd.DataFrame(offices)


def _fact_text(fact, attr) -> str:
    if fact.value is not None:
        tol = f" ± {fact.tolerance}" if fact.tolerance else ""
        text = f"{fact.value:,}{tol} {attr}"
    else:
        text = f"{_interval(*fact.bounds())} {attr}"
    return text + (f" ({fact.verb})" if fact.verb else "")


class _Validator:
    """Great Expectations, set up once per run with an in-memory context."""

    def __init__(self):
        gx = great_expectations()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx, self.gxe = gx, gx.expectations
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas("factcheck")

    def failing_rows(self, name: str, table, expectations) -> set[int]:
        """Row labels of ``table`` where any of ``expectations`` fails."""
        if table.empty:
            return set()
        batch = self.source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": table}
        )
        suite = self.gx.ExpectationSuite(name=name, expectations=expectations)
        result = batch.validate(suite, result_format="COMPLETE")
        return {i for r in result.results for i in (r.result.get("unexpected_index_list") or [])}


def check_rules(df, rules: Rules) -> list[Conflict]:
    count_facts, date_facts, offices = _facts(rules)
    if df.empty or (count_facts.empty and date_facts.empty and offices.empty):
        return []
    gx = _Validator()
    gxe = gx.gxe
    out: list[Conflict] = []

    # Counts: the claim's interval must meet the rule's.
    c = _whole_counts(df, "subject_id")
    if not c.empty and not count_facts.empty:
        j = c.merge(count_facts, left_on=["subject_id", "group"], right_on=["entity", "group"])
        j = j[j["fact_verb"].isna() | j["measure"].isna() | (j["fact_verb"] == j["measure"])].reset_index(drop=True)
        bad = gx.failing_rows("counts", j[["lo", "hi", "fact_lo", "fact_hi"]], [
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="hi", column_B="fact_lo", or_equal=True),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="fact_hi", column_B="lo", or_equal=True),
        ])
        for row in j.loc[sorted(bad)].to_dict("records"):
            claim = describe_count(row)
            out.append(Conflict(
                _id("rule-count", row["id"], row["entity"], row["group"]), row["severity"], "count", row["subject_id"], row["group"],
                [row["id"]], f"{row['article']} gives {claim} for {row['subject_id']}; the rule says {row['fact']}.",
                rule=row["where"], values=[claim, row["fact"]], source=row["source"], note=row["note"],
                ranges=[_range(row["article"], row["lo"], row["hi"]), _range(row["where"], row["fact_lo"], row["fact_hi"], True)],
            ))

    # Dates: a range must be the rule's range; a day, month or year must fall inside it.
    d = df[(df["kind"] == "date") & df["subject_id"].notna()]
    if not d.empty and not date_facts.empty:
        j = _date_columns(d).merge(date_facts, left_on="subject_id", right_on="entity").reset_index(drop=True)
        ranges = j[j["is_range"]]
        points = j[~j["is_range"]]
        bad = gx.failing_rows("date_ranges", ranges[["first", "last", "fact_first", "fact_last"]], [
            gxe.ExpectColumnPairValuesToBeEqual(column_A="first", column_B="fact_first"),
            gxe.ExpectColumnPairValuesToBeEqual(column_A="last", column_B="fact_last"),
        ]) | gx.failing_rows("date_points", points[["first", "last", "fact_first", "fact_last"]], [
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="last", column_B="fact_first", or_equal=True),
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="fact_last", column_B="first", or_equal=True),
        ])
        for row in j.loc[sorted(bad)].to_dict("records"):
            claim = describe_dates(row["date_start"], row["date_end"])
            # a day, month or year outside the dates may date something else said of the event
            severity = row["severity"] if row["is_range"] else "warning"
            out.append(Conflict(
                _id("rule-date", row["id"], row["entity"]), severity, "date", row["subject_id"], "dates",
                [row["id"]], f"{row['article']} dates {row['subject_id']} {claim}; the rule says {row['fact']}: "
                + _date_reason(row), rule=row["where"], values=[claim, row["fact"]], source=row["source"], note=row["note"],
                ranges=[_range(row["article"], row["first"], row["last"]), _range(row["where"], row["fact_first"], row["fact_last"], True)],
            ))

    # Titles: the person held the office at the article's date, and nobody else did. A former,
    # acting or designate title says something else and is not checked.
    t = df[(df["kind"] == "title") & df["article_date"].notna() & df["modifier"].isna()]
    if not t.empty and not offices.empty:
        out += _check_offices(gx, t, offices)
    return out


def _date_reason(row) -> str:
    notes = []
    for ours, theirs, what in (("first", "fact_first", "starts"), ("last", "fact_last", "ends")):
        days = (row[ours] - row[theirs]).days
        if days and row["is_range"]:
            notes.append(f"it {what} {abs(days)} day{'s' if abs(days) != 1 else ''} {'early' if days < 0 else 'late'}")
    if not notes:
        notes.append("it falls outside those dates")
    return " and ".join(notes) + "."


def _portfolio_ok(claim_portfolio, office_portfolios, lang) -> bool:
    """A minister's office applies to a claim when the claim names no portfolio or a matching one."""
    from rapidfuzz import fuzz

    from factcheck.names import romanise, romanise_any

    if not isinstance(claim_portfolio, str) or not office_portfolios:
        return True
    ours = romanise(claim_portfolio, lang)
    return any(fuzz.token_set_ratio(ours, romanise_any(p)) >= PORTFOLIO_SCORE for p in office_portfolios)


def _check_offices(gx, t, offices) -> list[Conflict]:
    import pandas as pd

    gxe = gx.gxe
    out: list[Conflict] = []
    # (a) The named person held that role (of that organisation, when given) at the article's date.
    # Terms of one person in one role are merged, so a minister moved between portfolios is covered.
    held = offices.groupby(["holder", "role", "org"], as_index=False).agg(
        **{"from": ("from", "min"), "to": ("to", "max"), "severity": ("severity", "first"), "where": ("where", "first")}
    )
    linked = t[t["person_id"].notna()]
    j = linked.merge(held, left_on=["person_id", "role"], right_on=["holder", "role"])
    j = j[j["org_id"].isna() | (j["org_id"] == j["org"])]
    # a person with several matching offices (orgs) passes if any covers the date
    j = j.sort_values("to").drop_duplicates("id", keep="last").reset_index(drop=True)
    bad = gx.failing_rows("office_holders", j[["article_date", "from", "to"]], [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="article_date", column_B="from", or_equal=True),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="to", column_B="article_date", or_equal=True),
    ])
    for row in j.loc[sorted(bad)].to_dict("records"):
        when = row["article_date"].date().isoformat()
        term = f"{row['from'].date()} to {'now' if row['to'].year >= 2262 else row['to'].date()}"
        out.append(Conflict(
            _id("rule-office-holder", row["id"], row["holder"], row["role"]), row["severity"], "title", row["person_id"], "office",
            [row["id"]], f"{row['article']} ({when}) calls {row['person_text']} {row['role'].replace('_', ' ')}"
            f"{' of ' + row['org'] if isinstance(row['org'], str) else ''}; the rules say they held it from {term}.",
            rule=row["where"], values=[f"{row['role']} on {when}", f"{row['role']} {term}"],
        ))
    # (b) Nobody else held that role of that organisation then (for ministers, of that portfolio);
    # a claim already flagged above is not flagged twice.
    flagged = {c.claims[0] for c in out}
    j = t[t["org_id"].notna() & ~t["id"].isin(flagged)].merge(offices, left_on=["org_id", "role"], right_on=["org", "role"])
    j = j[(j["article_date"] >= j["from"]) & (j["article_date"] <= j["to"])]
    if not j.empty:
        ok = [_portfolio_ok(p, ps, lang) for p, ps, lang in zip(j["portfolio_x"], j["portfolio_y"], j["lang"], strict=True)]
        j = j[pd.Series(ok, index=j.index)]
    j = j.assign(person_key=j["person_id"].fillna("?" + j["person_text"])).reset_index(drop=True)
    bad = gx.failing_rows("office_others", j[["person_key", "holder"]], [
        gxe.ExpectColumnPairValuesToBeEqual(column_A="person_key", column_B="holder"),
    ])
    for row in j.loc[sorted(bad)].to_dict("records"):
        when = row["article_date"].date().isoformat()
        out.append(Conflict(
            _id("rule-office-other", row["id"], row["org"], row["role"], row["holder"]), row["severity"], "title", row["org"], "office",
            [row["id"]], f"{row['article']} ({when}) calls {row['person_text']} {row['role'].replace('_', ' ')} of "
            f"{row['org']}; on that date the office was held by {row['holder']}.",
            rule=row["where"], values=[f"{row['person_text']}", f"{row['holder']}"], source=row["source"], note=row["note"],
        ))
    return out


def cross_check(claims, rules: Rules, article_texts: dict[str, str]):
    """Link the claims and run every check: (linked claims table, conflicts)."""
    df = prepare(claims, rules, article_texts)
    if df.empty:
        return df, []
    conflicts = check_counts(df) + check_dates(df) + check_rules(df, rules)
    conflicts.sort(key=lambda c: (c.severity != "error", c.kind, c.id))
    return df, conflicts


# --- acknowledgements and dataset expectations --------------------------------------------------

def acknowledge(conflicts: list[Conflict], rules: Rules, today: dt.date) -> list[str]:
    """Mark acknowledged conflicts; return notices for acknowledgements that no longer apply."""
    notices = []
    by_id = {c.id: c for c in conflicts}
    for located in rules.acknowledgements:
        ack = located.value
        where = f"{located.where}:{located.column}"
        conflict = by_id.get(ack.id)
        if conflict is None:
            notices.append(f"{where}: acknowledgement of {ack.id} matches no conflict any more (remove it)")
        elif ack.until is not None and ack.until < today:
            notices.append(f"{where}: acknowledgement of {ack.id} expired on {ack.until}; the conflict counts again")
        else:
            conflict.status = "acknowledged"
            conflict.acknowledged = {"by": ack.by, "why": ack.why,
                                     "until": ack.until.isoformat() if ack.until else None, "where": located.where}
    return notices


def articles_table(results):
    """One row an article: what a dataset expectation over ``articles`` sees."""
    import pandas as pd

    counts = results.claims.groupby("article").size() if len(results.claims) else pd.Series(dtype="int64")
    rows = [{"id": a.id, "path": a.path, "lang": a.lang,
             "published": a.published.isoformat() if a.published else None,
             "source": a.meta.get("source"), "title": a.meta.get("title"), "url": a.meta.get("url"),
             "claims": int(counts.get(a.id, 0))} for a in results.articles]
    return pd.DataFrame(rows, columns=["id", "path", "lang", "published", "source", "title", "url", "claims"])


def run_expectations(results, rules: Rules) -> list[dict]:
    """Run the rule files' dataset expectations through Great Expectations."""
    gx = _Validator()
    tables = {"articles": articles_table(results), "claims": results.claims}
    out = []
    for n, located in enumerate(rules.expectations):
        e = located.value
        entry = {"where": located.where, "table": e.table, "expectation": e.expectation, "kwargs": e.kwargs,
                 "severity": e.severity, "note": e.note, "success": False, "observed": None}
        try:
            expectation = expectation_class(e.expectation)(**e.kwargs)
            batch = gx.source.add_dataframe_asset(f"dataset-{n}").add_batch_definition_whole_dataframe("all").get_batch(
                batch_parameters={"dataframe": tables[e.table]}
            )
            result = batch.validate(expectation)
            entry["success"] = bool(result.success)
            observed = result.result.get("observed_value", result.result.get("unexpected_percent"))
            entry["observed"] = observed if isinstance(observed, (int, float, str, type(None))) else str(observed)
        except Exception as exc:  # a wrong name or argument: reported, the run goes on
            entry["observed"] = f"could not run: {exc}".splitlines()[0][:300]
        out.append(entry)
    return out
