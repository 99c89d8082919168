"""The check stage: the linked claims table (+ the rules' facts) -> findings.

One finding per entity, attribute and measure (``factcheck.findings.model``), computed by sorts,
group-bys and joins over the claims table, never by a loop over pairs of claims: counts
(``counts``), dates (``dates``) and titles (``titles``).
"""

from __future__ import annotations

import datetime as dt

from factcheck.findings.model import SEVERITIES, Finding, among

__all__ = ["Finding", "acknowledge", "check_claims", "confirm"]
UNREAD = ("sentence", "context_start", "text", "end", "line", "calendar")  # columns of the claims table no check reads


def check_claims(df, rules, outlets: dict, jobs: int | None = None) -> list[Finding]:
    """Every finding of the linked claims table ``df`` (see ``factcheck.linking.link``);
    ``outlets`` maps an article id to its (outlet, language). Given ``jobs`` of 2 or more, a table of
    ``PARALLEL_FROM`` claims or more has the findings of titles and ages worked out in a second process
    (forked: it reads the table this process holds) while this one checks dates and counts. That costs
    memory: the pages this one writes meanwhile are copied, and the second one keeps the old ones
    (measured: 0.17 GB more for 1M synthetic claims, 0.35-0.4 GB for an archive's 1.3M), so it is
    asked for, not the default."""
    import pandas as pd

    from factcheck.workers import Beside, can_fork

    if df.empty:
        return []
    # the checks never read a claim's sentence: every filter below takes a column less
    df = pd.DataFrame({c: df[c] for c in df.columns if c not in UNREAD}, copy=False)
    beside = Beside(_of_people, df, rules, outlets) if len(df) >= PARALLEL_FROM and (jobs or 1) > 1 and can_fork() else None
    findings = _of_events(df, rules, outlets)
    findings += beside.result() if beside is not None else _of_people(df, rules, outlets)
    return ordered(findings)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Findings in the order every output lists them: errors first, then by kind, entity, attribute, id."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.kind, f.entity, f.attribute, f.id))


PARALLEL_FROM = 200_000  # claims: a second process pays for itself (forking and sending findings back take ~0.1 s)
PEOPLE = "people"  # the part of the check that finds what titles and ages say wrong


def parts(df, rules):
    """The parts of the check whose findings read no claim of another part, so that each may be checked
    on its own (on Spark, a group of them a task): a frame of ``row`` (a position in ``df``) and ``part``. The
    findings of counts and dates read the claims of one event series (its editions, whose dates an
    article may mix up, and an edition put in another year: "ABC-25, held in 2017"), a part each; those of
    titles and ages read the titles of the rules' people and organisations, the ages of the rules' people
    and the dates of the sentences that give those, part ``PEOPLE``. A claim may be in two parts (a date of an event, for an age said beside it);
    claims that no check reads are in none."""
    import numpy as np
    import pandas as pd

    from factcheck.findings.dates import series_of
    from factcheck.findings.people import ATTRIBUTE, sentence_keys
    from factcheck.linking import per_distinct

    series = series_of(rules)

    def root(key: str) -> str:
        base = key.split("@", 1)[0]
        return "event:" + series.get(base, base)

    events = per_distinct(df, ["subject_key"], root)
    keyed = np.flatnonzero(pd.notna(events))
    ages = ((df["kind"] == "count") & (df["attribute"] == ATTRIBUTE) & df["person_id"].notna()).to_numpy(dtype=bool, na_value=False)
    # a title of nobody and nothing the rules know is read by no check
    titles = ((df["kind"] == "title") & (df["person_id"].notna() | df["org_id"].notna())).to_numpy(dtype=bool, na_value=False)
    read = titles | ages
    # the dates of the sentences of those titles and ages (a title or an age may be of a date its sentence gives)
    who = df[ages | titles]
    dates = np.flatnonzero((df["kind"] == "date").to_numpy(dtype=bool, na_value=False) & among(df["article"], set(who["article"])))
    read[dates[np.isin(sentence_keys(df.iloc[dates]), sentence_keys(who))]] = True
    people = np.flatnonzero(read)
    return pd.DataFrame({"row": np.concatenate([keyed, people]),
                         "part": np.concatenate([events[keyed], np.full(len(people), PEOPLE, dtype=object)])})


def check_part(part: str, df, rules, outlets: dict) -> list[Finding]:
    """The findings of one of ``parts`` (or of several event series at once: any part but ``PEOPLE``
    is an event series), given its claims in the order of the whole table: every part's findings
    together are ``check_claims``'s."""
    return _of_people(df, rules, outlets) if part == PEOPLE else _of_events(df, rules, outlets)


def _of_events(df, rules, outlets: dict) -> list[Finding]:
    """The findings of dates and of counts. An article that gives one edition another's dates speaks
    of that other edition: its claims of the first count for the second (what titles and ages read
    never changes so)."""
    from factcheck.findings.counts import check_counts
    from factcheck.findings.dates import check_dates, last_days

    dates, moved = check_dates(df, rules, outlets)
    if moved:
        at = among(df["article"], {a for a, _ in moved})
        keys = df["subject_key"].astype(object).to_numpy(copy=True)
        keys[at] = [moved.get((a, k), k) for a, k in zip(df["article"][at].tolist(), keys[at].tolist(), strict=True)]
        df = df.copy(deep=False)  # the other columns shared, not copied (assign would copy them all)
        df["subject_key"] = keys
    return check_counts(df, rules, outlets, last_days(df, rules)) + dates


def _of_people(df, rules, outlets: dict) -> list[Finding]:
    """The findings of titles and of ages."""
    from factcheck.findings.people import check_ages
    from factcheck.findings.titles import check_titles

    return check_titles(df, rules, outlets) + check_ages(df, rules, outlets)


def _each(entries, findings: list[Finding]):
    """Each of the rules' acknowledgements or confirmations (located), with its value, where it is
    written (file:line:column) and the finding of its id (None: none has it)."""
    by_id = {f.id: f for f in findings}
    for located in entries:
        yield located, located.value, f"{located.where}:{located.column}", by_id.get(located.value.id)


def acknowledge(findings: list[Finding], rules, today: dt.date) -> list[str]:
    """Mark acknowledged findings; return notices for acknowledgements that no longer apply.

    An acknowledgement names a finding by its id (what it is about); when it lists the values the
    finding showed, a source with a value it did not list makes the finding count again."""
    notices = []
    for located, ack, where, finding in _each(rules.acknowledgements, findings):
        new = [v for v in finding.values if v not in ack.values] if finding is not None and ack.values else []
        if finding is None:
            notices.append(f"{where}: acknowledgement of {ack.id} matches no finding any more (remove it)")
        elif ack.until is not None and ack.until < today:
            notices.append(f"{where}: acknowledgement of {ack.id} expired on {ack.until}; the finding counts again")
        elif new:
            notices.append(f"{where}: finding {ack.id} now also says {'; '.join(new)}; review it and update 'values'")
        else:
            finding.status = "acknowledged"
            finding.acknowledged = {"by": ack.by, "why": ack.why,
                                    "until": ack.until.isoformat() if ack.until else None, "where": located.where}
    return notices


def confirm(findings: list[Finding], rules) -> list[str]:
    """Mark the findings editors confirmed as errors (``confirmations`` in the rule files): status
    "confirmed", with the verdict. Return notices for confirmations that match no finding, name a
    claim the finding does not hold, or name a finding also acknowledged."""
    notices = []
    for located, c, where, finding in _each(rules.confirmations, findings):
        if finding is None:
            notices.append(f"{where}: confirmation of {c.id} matches no finding any more (check the id in the report)")
            continue
        if finding.status == "acknowledged":
            notices.append(f"{where}: finding {c.id} is both acknowledged and confirmed; keep one")
            continue
        held = set(finding.claims)
        if unknown := [claim for claim in c.claims if claim not in held]:
            notices.append(f"{where}: finding {c.id} holds no claim {', '.join(unknown)}; copy the claims' ids from the report")
            continue
        finding.status = "confirmed"
        finding.confirmed = {"by": c.by, "date": c.date.isoformat(), "rating": c.rating, "verdict": c.verdict,
                             "correct": c.correct, "url": c.url, "claims": c.claims or [s.claim for s in finding.apart],
                             "where": located.where}
    return notices
