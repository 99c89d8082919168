"""Synthetic linked claims tables for benchmarking the cross-check alone (``factcheck.findings.check_claims``).

``synthetic_claims(n, seed)`` returns ``(df, outlets)``: a table shaped like ``factcheck.linking.link``'s
output (the columns of ``factcheck.schema.COLUMNS`` with their dtypes, plus ``article_date``,
``subject_year`` and ``subject_key``) and the outlet of each article. ``bench_rules()`` loads the rule
files it is checked against (written to a temporary folder by ``write_rules``).

Proportions follow the development corpus (``tests/corpus`` + ``seeds``, 1,381 claims):

- about 13 claims an article; 34 % counts, 36 % dates, 30 % titles;
- counts: 45 % name an event, and a sixth more are given their article's event by ``link``
  (``subject_inferred``); 22 % a part of a whole ("subgroup"), 2 % running figures, 0.6 % a
  person's age; qualifiers 70 % exact, 19 % more than, 10 % about; 61 % without a measure;
- dates: 39 % name an event; 74 % days, 23 % years, 3 % months; 14 % ranges of days;
- titles: 75 % name a person of the rules; 66 % name an organisation, half of them one of the rules'.

Events: a few of the rules (with dates, figures and two editions of two series, so edition mix-ups
occur), one of which (``BIG_EVENT``) holds ``big`` claims (10,000 by default: many outlets covering
one event), and many more that no rule names (``name:``/``code:`` subject keys), about eight articles
each, whose reference is what most sources say. Most sources agree; a few per cent give another
figure, another range of days, a day near the event, an ended office, another edition's dates or
a wrong age.

The derived columns follow ``factcheck.linking.link`` (``_infer_subjects`` mirrors its last step);
``test_bench_check.py`` fails when link's columns change.

Everything is drawn from one seeded generator, column-wise: 1M claims take under 10 s.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from factcheck.schema import STRING

BIG_EVENT = "bench-summit-2025"
LANGS = np.array(["az", "en", "ru", "tr", "fa"], dtype=object)
LANG_P = [0.24, 0.26, 0.2, 0.2, 0.1]
KIND_P = {"count": 0.343, "date": 0.361, "title": 0.296}
CLAIMS_PER_ARTICLE = 12.8
ARTICLES_PER_EVENT = 8  # articles that cover one unlinked event, on average
ABOUT_ONE = 0.75  # as factcheck.linking.ABOUT_ONE
SECOND_EVENT = 0.45  # share of the claims naming an event that name another than their article's
RULE_EVENT_ARTICLES = 300  # articles that cover one of the other rule events, at most (on average)
N_OUTLETS = 400
START, END = np.datetime64("2024-01-10"), np.datetime64("2025-12-01")  # when unlinked events begin

# Counted attributes: share of count claims, and how an unlinked event's true figure is drawn
# (log-uniform between the bounds).
ATTRS = {
    "participants": (0.29, 80, 60000), "countries": (0.17, 8, 195), "votes": (0.08, 5000, 3_000_000),
    "ministers": (0.05, 4, 90), "candidates": (0.045, 2, 14), "observers": (0.045, 40, 3000),
    "delegates": (0.04, 50, 6000), "organisations": (0.04, 15, 600), "voters": (0.035, 20000, 6_000_000),
    "polling_stations": (0.035, 100, 7000), "agreements": (0.05, 3, 1200), "journalists": (0.04, 30, 3000),
    "sessions": (0.03, 8, 250), "projects": (0.03, 5, 150),
}
ATTR_NAMES = np.array(list(ATTRS), dtype=object)
QUALIFIERS = np.array(["exact", "more_than", "approx", "at_least", "at_most"], dtype=object)
QUALIFIER_P = [0.70, 0.19, 0.10, 0.005, 0.005]
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "more_than": "more than ", "at_least": "at least ", "at_most": "up to "}
# measure (None: unmarked) -> share, and what a figure of it is of the number who took part
MEASURES = {None: (0.614, 1.0), "attended": (0.245, 1.0), "registered": (0.065, 1.12), "expected": (0.059, 0.97),
            "in_person": (0.009, 0.8), "accredited": (0.004, 1.1), "online": (0.004, 0.2)}
MEASURE_NAMES = np.array(list(MEASURES), dtype=object)
APART_FACTORS = np.array([0.5, 0.62, 0.7, 1.45, 1.8, 3.0])

# Rule events: id, series, names, codes, dates (start, scheduled end, actual close), rule figures, true
# figures (of the number who took part; missing attributes are drawn like an unlinked event's).
EVENTS = [
    dict(id=BIG_EVENT, names=["World Digital Summit", "WDS"], codes=["WDS-25", "WDS-2025"], year=2025,
         dates=("2025-11-17", "2025-11-28", None),
         counts={"participants": [dict(value=2572, tolerance="5%", measure="registered")],
                 "countries": [dict(value=150)], "agreements": [dict(min=40, max=45)]},
         truth={"participants": 2300, "countries": 150, "agreements": 42, "ministers": 96, "journalists": 800}),
    dict(id="bench-summit-2024", names=["World Digital Summit", "WDS"], codes=["WDS-24", "WDS-2024"], year=2024,
         dates=("2024-06-06", "2024-06-16", None), counts={"countries": [dict(value=132)]},
         truth={"participants": 1900, "countries": 132, "ministers": 70}),
    dict(id="bench-forum-2025", names=["Caspian Economic Forum", "CEF"], codes=["CEF-2025"], year=2025,
         dates=("2025-06-18", "2025-06-21", "2025-06-22"),
         counts={"countries": [dict(value=144, as_of="2025-06-21"), dict(value=140, measure="expected", as_of="2025-06-16")],
                 "participants": [dict(min=24200, as_of="2025-06-21")], "agreements": [dict(value=1060)]},
         truth={"participants": 24500, "countries": 144, "agreements": 1060}),
    dict(id="bench-forum-2024", names=["Caspian Economic Forum", "CEF"], codes=["CEF-2024"], year=2024,
         dates=("2024-06-05", "2024-06-08", None), counts={"countries": [dict(value=139)]},
         truth={"participants": 21000, "countries": 139}),
    dict(id="bench-energy-week-2025", names=["Baku Energy Week"], codes=[], year=2025,
         dates=("2025-06-02", "2025-06-04", None), counts={"participants": [dict(value=30000, tolerance="10%")]},
         truth={"participants": 30000, "countries": 60, "organisations": 350}),
    dict(id="bench-games-2025", names=["Turkic Youth Games"], codes=["TYG-2025"], year=2025,
         dates=("2025-09-17", "2025-09-21", None), counts={}, truth={"participants": 4200, "countries": 30}),
    dict(id="bench-climate-2024", names=["Caspian Climate Conference", "CCC"], codes=["CCC-24"], year=2024,
         dates=("2024-11-11", "2024-11-22", "2024-11-24"),
         counts={"participants": [dict(value=66000, tolerance="5%")], "countries": [dict(value=198)]},
         truth={"participants": 66000, "countries": 198, "journalists": 3000}),
    dict(id="bench-election-2024", names=["Presidential election of Azerbaijan"], codes=[], year=2024,
         dates=("2024-02-07", "2024-02-07", None),
         counts={"voters": [dict(value=6_478_623, tolerance="1%")], "candidates": [dict(value=7)]},
         truth={"voters": 6_478_623, "candidates": 7, "observers": 790, "polling_stations": 6537, "votes": 4_500_000}),
]
SIBLING = {BIG_EVENT: "bench-summit-2024", "bench-summit-2024": BIG_EVENT,
           "bench-forum-2025": "bench-forum-2024", "bench-forum-2024": "bench-forum-2025"}

# Offices: organisation -> [(role, portfolio)]. Each office has had two holders: the previous one
# (from PREV_FROM) and the current one (from the day drawn below, some of them within the corpus).
ORGS = {
    "azerbaijan": ("country", "AZ", ["Azerbaijan", "Republic of Azerbaijan"]),
    "turkey": ("country", "TR", ["Türkiye", "Turkey"]),
    "iran": ("country", "IR", ["Iran"]),
    "kazakhstan": ("country", "KZ", ["Kazakhstan"]),
    "bench-union": ("organisation", None, ["International Digital Union", "IDU"]),
    "bench-council": ("organisation", None, ["Council of Caspian States", "CCS"]),
}
PORTFOLIOS = [["Digital Development and Transport", "Rəqəmsal İnkişaf və Nəqliyyat"],
              ["Foreign Affairs", "Xarici İşlər"], ["Energy", "Enerji"]]
PREV_FROM = "2010-01-01"
FIRST = ["Rashad", "Elnur", "Aydin", "Murat", "Kemal", "Reza", "Saeed", "Nurlan", "Askar", "Leyla", "Zeynep",
         "Farid", "Orhan", "Dana", "Timur", "Selin", "Anar", "Mehmet", "Ali", "Ramin", "Galym", "Sara", "Emin", "Deniz"]
LAST = ["Mammadov", "Aliyev", "Hasanov", "Yilmaz", "Demir", "Kaya", "Hosseini", "Karimi", "Abenov", "Nurpeisov",
        "Guliyev", "Ismayilov", "Sahin", "Celik", "Rahimi", "Tokayev", "Babayev", "Ozturk", "Jafari", "Suleimenov"]
OTHER_ROLES = np.array(["head", "director", "chair", "ambassador", "spokesperson", "deputy_minister", "mayor",
                        "governor", "ceo", "minister", "president", "vice_president"], dtype=object)
OTHER_ROLE_P = [0.2, 0.18, 0.1, 0.1, 0.1, 0.08, 0.05, 0.05, 0.05, 0.05, 0.02, 0.02]


def _offices():
    """Offices: (org, role, portfolio, previous holder, current holder, current holder's first day, weight)."""
    rng = np.random.default_rng(12345)
    out, k = [], 0
    for org, (kind, _, _) in ORGS.items():
        slots = ([("president", None, 4.0), ("prime_minister", None, 2.0)]
                 + [("minister", p, 1.2) for p in PORTFOLIOS]) if kind == "country" \
            else [("secretary_general", None, 2.0), ("chair", None, 1.0)]
        for role, portfolio, weight in slots:
            names = []
            for _ in range(2):
                names.append(f"{FIRST[k % len(FIRST)]} {LAST[(k * 7) % len(LAST)]}")
                k += 1
            # a third of the offices change hands while the corpus is written
            start = dt.date(2024, 3, 1) + dt.timedelta(days=int(rng.integers(0, 600))) if len(out) % 3 == 0 \
                else dt.date(2015, 1, 1) + dt.timedelta(days=int(rng.integers(0, 2500)))
            out.append((org, role, portfolio, names[0], names[1], start.isoformat(), weight))
    return out


def _births():
    """Birth dates of the current holders of the top offices (some known to the year only)."""
    rng = np.random.default_rng(54321)
    out = {}
    for k, (_, role, _, _, cur, _, _) in enumerate(OFFICES):
        if role in ("president", "prime_minister", "secretary_general"):
            day = dt.date(1952, 1, 1) + dt.timedelta(days=int(rng.integers(0, 25 * 365)))
            out[cur] = str(day.year) if k % 4 == 3 else day.isoformat()
    return out


OFFICES = _offices()
BIRTHS = _births()  # person's name -> birth date (ISO, to the day or the year)
AGE_SHARE = 0.006  # share of the figures that are a person's age


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def rule_files() -> dict[str, dict]:
    """The rule files (file name -> content) that the synthetic table is checked against."""
    events = []
    for e in EVENTS:
        start, end, closed = e["dates"]
        dates = {"start": start, "end": end, **({"closed": closed} if closed else {})}
        events.append({"id": e["id"], "kind": "event", "names": e["names"], **({"codes": e["codes"]} if e["codes"] else {}),
                       "year": e["year"], "dates": dates, **({"counts": e["counts"]} if e["counts"] else {})})
    orgs = [{"id": o, "kind": kind, **({"country": c} if c else {}), "names": names} for o, (kind, c, names) in ORGS.items()]
    people, offices = [], []
    for org, role, portfolio, prev, cur, since, _ in OFFICES:
        people += [{"id": _slug(p), "kind": "person", "names": [p], **({"born": BIRTHS[p]} if p in BIRTHS else {})}
                   for p in (prev, cur)]
        last = (dt.date.fromisoformat(since) - dt.timedelta(days=1)).isoformat()
        extra = {"portfolio": portfolio} if portfolio else {}
        offices += [{"org": org, "role": role, "holder": _slug(prev), "from": PREV_FROM, "to": last, **extra},
                    {"org": org, "role": role, "holder": _slug(cur), "from": since, **extra}]
    return {"events.yaml": {"version": 2, "entities": events},
            "offices.yaml": {"version": 2, "entities": orgs + people, "offices": offices}}


def write_rules(folder) -> Path:
    """Write the rule files into ``folder``; return it."""
    from ruamel.yaml import YAML

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    for name, content in rule_files().items():
        with open(folder / name, "w", encoding="utf-8") as f:
            yaml.dump(content, f)
    return folder


def bench_rules():
    """The loaded ``factcheck.rules.Rules`` of ``rule_files`` (written to a temporary folder)."""
    from factcheck.rules import load_rules

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-rules-") as tmp:
        rules, errors = load_rules(write_rules(tmp))
    errors = [e for e in errors if e.severity == "error"]
    if errors:
        raise ValueError("synthetic rules do not load:\n" + "\n".join(map(str, errors)))
    return rules


def _iso(days) -> np.ndarray:
    """ISO text (object array) of numpy days."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").astype(object)


def _round2(x, how=np.round):
    """``x`` rounded to two significant digits (up from 100; smaller figures to units)."""
    x = np.asarray(x, dtype="float64")
    scale = 10.0 ** np.maximum(np.floor(np.log10(np.maximum(x, 1))) - 1, 0)
    return how(x / scale) * scale


def _pick(rng, names, p, size):
    p = np.asarray(p, dtype="float64")
    return names[rng.choice(len(names), size=size, p=p / p.sum())]


def synthetic_claims(n: int, seed: int = 0, big: int = 10_000):
    """A linked claims table of ``n`` claims and its outlets (article id -> (outlet, language)).

    ``big`` claims are about ``BIG_EVENT`` (at most half of those that name an event: 2,000 or so
    of 10,000 claims)."""
    rng = np.random.default_rng(seed)

    # --- articles: outlet, language, claims --------------------------------------------------
    n_art = max(2, round(n / CLAIMS_PER_ARTICLE))
    art = np.sort(rng.integers(0, n_art, n))  # claim -> article (multinomial sizes, mean ~13)
    n_art = int(art.max()) + 1
    art_lang = _pick(rng, LANGS, LANG_P, n_art)
    outlet_w = 1.0 / (np.arange(N_OUTLETS) + 5.0)
    art_outlet = rng.choice(N_OUTLETS, size=n_art, p=outlet_w / outlet_w.sum())
    outlet_names = np.array([f"Outlet {i:03d}" for i in range(N_OUTLETS)], dtype=object)
    art_id = np.array([f"corpus/{lang}/outlet-{o:03d}/{k:07d}.md" for k, (lang, o) in enumerate(zip(art_lang, art_outlet, strict=True))],
                      dtype=object)

    kind = _pick(rng, np.array(list(KIND_P), dtype=object), list(KIND_P.values()), n)
    is_count, is_date, is_title = kind == "count", kind == "date", kind == "title"
    age = is_count & (rng.random(n) < AGE_SHARE)
    subj = (is_count & ~age & (rng.random(n) < 0.45)) | (is_date & (rng.random(n) < 0.39))
    big = min(big, int(subj.sum()) // 2)

    # --- events ------------------------------------------------------------------------------
    # event table: the rule events first, then the unlinked ones. An article covers one event;
    # three in ten claims that name an event name another one (the last edition, a side event). A
    # figure whose sentence names no event, in an article that names one event only, is that
    # event's (``link`` infers it): a sixth of the figures, as in the corpus. (An article is about
    # one event when at least ABOUT_ONE of its claims that name an event name it.)
    n_rule = len(EVENTS)
    second = subj & (rng.random(n) < SECOND_EVENT)
    main_n, second_n = np.bincount(art[subj & ~second], minlength=n_art), np.bincount(art[second], minlength=n_art)
    single = (main_n > 0) & (main_n >= ABOUT_ONE * (main_n + second_n))
    inferable = is_count & ~subj & ~age & single[art]
    # the big event's articles: enough for `big` claims (give or take the last article's)
    per_art = np.bincount(art[(subj & ~second) | inferable], minlength=n_art)
    order = rng.permutation(n_art)
    upto = np.searchsorted(np.cumsum(per_art[order]), big) + 1 if big else 0
    big_arts = order[:upto]
    rest = order[upto:]
    art_event = np.empty(n_art, dtype=np.int64)
    art_event[big_arts] = 0
    # the other rule events: a fifth of the articles, up to RULE_EVENT_ARTICLES each
    p_ruled = min(0.2, RULE_EVENT_ARTICLES * (n_rule - 1) / max(len(rest), 1))
    n_unlinked = max(4, int(len(rest) * (1 - p_ruled)) // ARTICLES_PER_EVENT)
    ruled = rng.random(len(rest)) < p_ruled
    art_event[rest] = np.where(ruled, rng.integers(1, n_rule, len(rest)), n_rule + rng.integers(0, n_unlinked, len(rest)))

    n_ev = n_rule + n_unlinked
    ev_first = np.empty(n_ev, dtype="datetime64[D]")
    ev_last = np.empty(n_ev, dtype="datetime64[D]")
    ev_closed = np.full(n_ev, np.datetime64("NaT"), dtype="datetime64[D]")
    for i, e in enumerate(EVENTS):
        start, end, closed = e["dates"]
        ev_first[i], ev_last[i] = np.datetime64(start), np.datetime64(end)
        if closed:
            ev_closed[i] = np.datetime64(closed)
    ev_first[n_rule:] = START + rng.integers(0, int((END - START).astype(int)), n_unlinked)
    length = np.where(rng.random(n_unlinked) < 0.2, 0, rng.integers(1, 12, n_unlinked))
    ev_last[n_rule:] = ev_first[n_rule:] + length
    ev_end = np.where(np.isnat(ev_closed), ev_last, ev_closed)  # the day it actually ended
    # unlinked events: named (80 %) or by a code (20 %)
    coded = rng.random(n_unlinked) < 0.2
    words = ["Innovation", "Energy", "Digital", "Trade", "Youth", "Media", "Transport", "Culture", "Health", "Space"]
    kinds = ["Forum", "Summit", "Conference", "Expo", "Congress", "Festival", "Week", "Games"]
    cities = ["Baku", "Ganja", "Istanbul", "Ankara", "Tehran", "Tabriz", "Almaty", "Astana", "Tbilisi", "Shusha"]
    ev_text = np.empty(n_ev, dtype=object)
    ev_key = np.empty(n_ev, dtype=object)
    for i, e in enumerate(EVENTS):
        ev_text[i], ev_key[i] = (e["codes"] or e["names"])[0], e["id"]
    for u in range(n_unlinked):
        city, word, what = cities[u % 10], words[(u // 10) % 10], kinds[(u // 100) % 8]
        if coded[u]:
            code = f"{city[:2].upper()}{word[0]}{what[0]}{u // 800}"
            ev_text[n_rule + u], ev_key[n_rule + u] = f"{code[:4]}-{code[4:]}", f"code:{code.lower()}"
        else:
            text = f"{city} {word} {what} {u // 800}"
            ev_text[n_rule + u], ev_key[n_rule + u] = text, f"name:{text.lower()}"
    # true figures (of the number who took part): the rules' where given, else drawn
    lo = np.array([v[1] for v in ATTRS.values()], dtype="float64")
    hi = np.array([v[2] for v in ATTRS.values()], dtype="float64")
    truth = np.round(np.exp(rng.uniform(np.log(lo), np.log(hi), (n_ev, len(ATTRS)))))
    for i, e in enumerate(EVENTS):
        for a, v in e["truth"].items():
            truth[i, list(ATTRS).index(a)] = v
    truth[:, list(ATTRS).index("delegates")] = truth[:, list(ATTRS).index("participants")]  # the same people

    # --- publication dates -------------------------------------------------------------------
    ev = art_event[art]  # claim -> its article's event
    ae = art_event
    art_days = ev_first[ae] + rng.integers(-20, 26, n_art) + np.where(rng.random(n_art) < 0.3, ev_end[ae] - ev_first[ae], 0)
    art_published = _iso(art_days)
    art_published[rng.random(n_art) < 0.01] = None
    published = art_published[art]
    day = art_days[art]

    # the other events named: any but the article's (and never the big one)
    ev = np.where(second, 1 + (ev - 1 + rng.integers(1, n_ev - 1, n)) % (n_ev - 1), ev)
    # an edition put in another year ("WDS-24, held in 2017"): a subject of its own
    year_mixed = second & (ev < n_rule) & (rng.random(n) < 0.2)

    cols: dict[str, np.ndarray] = {c: np.full(n, None, dtype=object) for c in (
        "value", "qualifier", "attribute", "measure", "subgroup", "running", "as_of", "date_start", "date_end",
        "calendar", "subject_text", "subject_id", "person_text", "person_full", "person_id", "role", "org_text", "org_id",
        "portfolio", "modifier")}
    lang = art_lang[art]

    # --- counts --------------------------------------------------------------------------------
    ci = np.flatnonzero(is_count)
    m = len(ci)
    a_idx = rng.choice(len(ATTRS), size=m, p=np.array([v[0] for v in ATTRS.values()]) / sum(v[0] for v in ATTRS.values()))
    meas = rng.choice(len(MEASURES), size=m, p=np.array([v[0] for v in MEASURES.values()]) / sum(v[0] for v in MEASURES.values()))
    ratio = np.array([v[1] for v in MEASURES.values()])[meas]
    true = truth[ev[ci], a_idx] * ratio
    qual = rng.choice(len(QUALIFIERS), size=m, p=QUALIFIER_P)
    value = np.where(rng.random(m) < 0.3, _round2(true), np.round(true))
    value = np.select([qual == 1, qual == 2, qual == 3, qual == 4],
                      [_round2(true * 0.95, np.floor), _round2(true), _round2(true * 0.95, np.floor), _round2(true * 1.05, np.ceil)],
                      value)
    is_subj = subj[ci]
    r = rng.random(m)
    apart = is_subj & (r < 0.04)  # a few sources stand apart
    value = np.where(apart, np.round(true * APART_FACTORS[rng.integers(0, len(APART_FACTORS), m)]), value)
    qual = np.where(apart, np.where(r < 0.03, 0, 2), qual)
    running = is_subj & (r > 0.98) & (day[ci] < ev_end[ev[ci]])  # a figure given while it goes on
    value = np.where(running, _round2(true * 0.6, np.floor), value)
    qual = np.where(running, 1, qual)
    # figures of other things, drawn freely; but most of those that link gives the article's event are its
    no_subj = ~is_subj & ~(inferable[ci] & (rng.random(m) < 0.6))
    value = np.where(no_subj, np.round(np.exp(rng.uniform(np.log(3), np.log(50000), m))), value)
    value = np.maximum(value, 1).astype("int64")
    cols["value"][ci] = value
    cols["qualifier"][ci] = QUALIFIERS[qual]
    cols["attribute"][ci] = ATTR_NAMES[a_idx]
    cols["measure"][ci] = MEASURE_NAMES[meas]
    cols["subgroup"][ci] = rng.random(m) < 0.22
    cols["running"][ci] = running
    cols["as_of"][ci] = np.where(published[ci] == None, _iso(day[ci]), published[ci])  # noqa: E711
    # ages: a person of the rules with a birth date, at the article's date; a few are a year or more off
    ai = np.flatnonzero(age)
    people = np.array(list(BIRTHS), dtype=object)
    who = people[rng.integers(0, len(people), len(ai))]
    born = np.array([BIRTHS[p] + ("-07-01" if len(BIRTHS[p]) == 4 else "") for p in who], dtype="datetime64[D]")
    at = day[ai]
    years = at.astype("datetime64[Y]").astype(int) - born.astype("datetime64[Y]").astype(int)
    before = (at - at.astype("datetime64[Y]")).astype(int) < (born - born.astype("datetime64[Y]")).astype(int)
    years = years - before + np.where(rng.random(len(ai)) < 0.03, rng.choice([-3, -1, 1, 2], len(ai)), 0)
    cols["attribute"][ai], cols["value"][ai], cols["measure"][ai] = "age", years, None
    cols["qualifier"][ai], cols["subgroup"][ai], cols["running"][ai] = "exact", False, False
    cols["person_text"][ai] = who
    cols["person_id"][ai] = np.array([_slug(p) for p in who], dtype=object)

    # --- dates ---------------------------------------------------------------------------------
    di = np.flatnonzero(is_date)
    m = len(di)
    e = ev[di]
    first, last, closed = ev_first[e], ev_last[e], ev_closed[e]
    index = {x["id"]: i for i, x in enumerate(EVENTS)}
    sib = np.array([index[SIBLING[k]] if k in SIBLING else -1 for k in ev_key[:n_rule]] + [-1] * n_unlinked)[e]  # other edition
    r = rng.random(m)
    start, end = first.copy(), last.copy()
    kind_d = np.select([r < 0.44, r < 0.62, r < 0.72, r < 0.80, r < 0.92, r < 0.97, r < 0.99, r < 0.997],
                       ["range", "first", "last", "inner", "year", "month", "wrong", "near"], "edition")
    actual = (kind_d == "range") & ~np.isnat(closed) & (rng.random(m) < 0.5)
    end = np.where(actual, closed, end)
    end = np.where(kind_d == "first", first, end)
    start = np.where(kind_d == "last", last, start)
    inner = first + (rng.random(m) * ((last - first).astype(int) + 1)).astype(int)
    start, end = np.where(kind_d == "inner", inner, start), np.where(kind_d == "inner", inner, end)
    shift = np.array([-9, -3, -2, -1, 1, 2, 4])[rng.integers(0, 7, m)]
    wrong_end = rng.random(m) < 0.7
    end = np.where((kind_d == "wrong") & wrong_end, np.maximum(last + shift, first + 1), end)
    start = np.where((kind_d == "wrong") & ~wrong_end, np.minimum(first + shift, end - 1), start)
    near = np.where(rng.random(m) < 0.5, first - rng.integers(2, 25, m), last + rng.integers(2, 25, m))
    start, end = np.where(kind_d == "near", near, start), np.where(kind_d == "near", near, end)
    edition = (kind_d == "edition") & (sib >= 0)
    start = np.where(edition, ev_first[np.maximum(sib, 0)], start)
    end = np.where(edition, ev_last[np.maximum(sib, 0)], end)
    iso_s, iso_e = _iso(start), _iso(end)
    year = iso_s.astype(str).astype("<U4").astype(object)
    month = iso_s.astype(str).astype("<U7").astype(object)
    iso_s = np.select([kind_d == "year", kind_d == "month"], [year, month], iso_s)
    iso_e = np.select([kind_d == "year", kind_d == "month"], [year, month], iso_e)
    # dates of other things: the day itself, a year, another day, a month, a range
    r2 = rng.random(m)
    other_day = _iso(day[di] + rng.integers(-400, 30, m))
    free_s = np.select([r2 < 0.5, r2 < 0.75, r2 < 0.9, r2 < 0.95], [_iso(day[di]), year, other_day, month],
                       _iso(day[di] + 3))
    free_e = np.where(r2 < 0.95, free_s, _iso(day[di] + 3 + rng.integers(1, 9, m)))
    free_e = np.where((r2 >= 0.9) & (r2 < 0.95), month, free_e)
    free_s = np.where((r2 >= 0.95), _iso(day[di] + 3), free_s)
    cols["date_start"][di] = np.where(subj[di], iso_s, free_s)
    cols["date_end"][di] = np.where(subj[di], iso_e, free_e)
    cal = np.where(lang[di] == "fa", np.where(rng.random(m) < 0.85, "solar_hijri", "gregorian"), "gregorian")
    cols["calendar"][di] = np.where(rng.random(m) < 0.005, "lunar_hijri", cal).astype(object)

    # --- subjects ------------------------------------------------------------------------------
    si = np.flatnonzero(subj)
    cols["subject_text"][si] = ev_text[ev[si]]
    linked = ev[si] < n_rule
    cols["subject_id"][si[linked]] = ev_key[ev[si[linked]]]
    subject_key = np.full(n, None, dtype=object)
    subject_key[si] = ev_key[ev[si]]
    subject_year = np.full(n, np.nan)
    ym = np.flatnonzero(year_mixed & subj)
    subject_year[ym] = 2017.0
    subject_key[ym] = subject_key[ym] + "@2017"
    cols["subject_text"][ym] = cols["subject_text"][ym] + " (2017)"

    # --- titles --------------------------------------------------------------------------------
    ti = np.flatnonzero(is_title)
    m = len(ti)
    o_org = np.array([o[0] for o in OFFICES], dtype=object)
    o_role = np.array([o[1] for o in OFFICES], dtype=object)
    o_portfolio = np.array([o[2][0] if o[2] else None for o in OFFICES], dtype=object)
    o_prev = np.array([o[3] for o in OFFICES], dtype=object)
    o_cur = np.array([o[4] for o in OFFICES], dtype=object)
    o_since = np.array([o[5] for o in OFFICES], dtype="datetime64[D]")
    w = np.array([o[6] for o in OFFICES])
    slot = rng.choice(len(OFFICES), size=m, p=w / w.sum())
    tday = day[ti]
    holder_cur = tday >= o_since[slot]
    right, wrong = np.where(holder_cur, o_cur[slot], o_prev[slot]), np.where(holder_cur, o_prev[slot], o_cur[slot])
    r = rng.random(m)
    ruled_person = r < 0.75
    stale = ruled_person & (r < 0.01)  # an ended (or not yet begun) office, without "former"
    aside = ruled_person & (r >= 0.01) & (r < 0.04)  # the other holder, as former or designate
    person = np.where(stale | aside, wrong, right)
    modifier = np.full(m, None, dtype=object)
    modifier[aside] = np.where(holder_cur[aside], "former", "designate")
    plain = ruled_person & ~stale & ~aside
    modifier[plain & (rng.random(m) < 0.03)] = "acting"
    org = o_org[slot].copy()
    other_org = ruled_person & (r >= 0.04) & (r < 0.045)  # the right person, another country
    countries = np.array([o for o, v in ORGS.items() if v[0] == "country"], dtype=object)
    org[other_org] = countries[rng.integers(0, len(countries), int(other_org.sum()))]
    role = o_role[slot].copy()
    # people whom no rule names: mostly roles of no office of the rules; now and then one of them
    n_people = max(50, m // 6)
    pool = np.array([f"{FIRST[i % 24]} {LAST[(i // 24) % 20]}{'' if i < 480 else f' {i // 480}'}-oglu" for i in range(n_people)],
                    dtype=object)
    unl = ~ruled_person
    k = int(unl.sum())
    person[unl] = pool[rng.integers(0, n_people, k)]
    role[unl] = _pick(rng, OTHER_ROLES, OTHER_ROLE_P, k)
    org_names = np.array([f"{cities[i % 10]} {w_} {x}" for i, (w_, x) in enumerate(
        [(a, b) for a in words for b in ("Agency", "Holding", "University", "Association", "Bank")])], dtype=object)
    unl_org = np.where(rng.random(k) < 0.12, np.array(list(ORGS), dtype=object)[rng.integers(0, len(ORGS), k)], None)
    org[unl] = unl_org
    named_org = rng.random(m) < 0.66
    org_text = np.where(named_org, np.array([ORGS[o][2][0] if o in ORGS else None for o in org], dtype=object), None)
    org_text = np.where(named_org & (org_text == None), org_names[rng.integers(0, len(org_names), m)], org_text)  # noqa: E711
    org_linked = named_org & (org != None) & (rng.random(m) < 0.75)  # noqa: E711
    portfolio = np.where((role == "minister") & ruled_person & (rng.random(m) < 0.8), o_portfolio[slot], None)
    portfolio = np.where(unl & (role == "minister") & (rng.random(m) < 0.5), "Culture and Tourism", portfolio)
    cols["person_text"][ti] = person
    cols["person_id"][ti] = np.where(ruled_person, np.array([_slug(p) for p in person], dtype=object), None)
    cols["role"][ti] = role
    cols["org_text"][ti] = org_text
    cols["org_id"][ti] = np.where(org_linked, org, None)
    cols["portfolio"][ti] = portfolio
    cols["modifier"][ti] = modifier

    # --- text, offsets, ids ---------------------------------------------------------------------
    words_of = {"count": ("According to the organisers,", "took part in the event, the press service said."),
                "date": ("The event, which opened in the capital, runs", "and brings together delegations from the region."),
                "title": ("Speaking at the opening ceremony,", "stressed the importance of regional cooperation.")}
    text = np.empty(n, dtype=object)
    text[ci] = [f"{QUALIFIER_WORDS[q]}{v:,} {a}" for q, v, a in zip(cols["qualifier"][ci], cols["value"][ci], cols["attribute"][ci], strict=True)]
    text[di] = [s if s == e else f"{s} to {e}" for s, e in zip(cols["date_start"][di], cols["date_end"][di], strict=True)]
    text[ti] = [f"{(o + ' ') if o else ''}{r_.replace('_', ' ')} {p}"
                for o, r_, p in zip(cols["org_text"][ti], cols["role"][ti], cols["person_text"][ti], strict=True)]
    prefix = np.array([words_of[k_][0] for k_ in kind], dtype=object)
    suffix = np.array([words_of[k_][1] for k_ in kind], dtype=object)
    subject_tail = np.where(subj, " at " + np.where(cols["subject_text"] == None, "", cols["subject_text"]), "")  # noqa: E711
    sentence = [f"{p} {t}{s} {x}" for p, t, s, x in zip(prefix, text, subject_tail, suffix, strict=True)]
    pos = np.arange(n) - np.searchsorted(art, art)  # claim's rank within its article
    line = 5 + 2 * pos + rng.integers(0, 2, n)
    sentence_start = 300 + 160 * pos + rng.integers(0, 40, n)
    start = sentence_start + np.array([len(p) + 1 for p in prefix])
    end = start + np.array([len(t) for t in text])
    article = art_id[art]
    ids = [f"{a}#{(i * 2654435761) % (1 << 40):010x}" for i, a in enumerate(article)]

    string = STRING  # as the claims contract has text: in Arrow buffers (pandas' python-backed strings check a third slower)
    df = pd.DataFrame({
        "id": pd.array(ids, dtype=string), "article": pd.array(article, dtype=string),
        "lang": pd.array(lang, dtype=string), "published": pd.array(published, dtype=string),
        "kind": pd.array(kind, dtype=string), "text": pd.array(text, dtype=string),
        "start": start.astype("int64"), "end": end.astype("int64"), "line": line.astype("int64"),
        "sentence": pd.array(sentence, dtype=string), "sentence_start": sentence_start.astype("int64"), "context_start": sentence_start.astype("int64"),
        "value": pd.array(cols["value"], dtype="Int64"), "qualifier": pd.array(cols["qualifier"], dtype=string),
        "attribute": pd.array(cols["attribute"], dtype=string), "measure": pd.array(cols["measure"], dtype=string),
        "subgroup": pd.array(cols["subgroup"], dtype="boolean"), "running": pd.array(cols["running"], dtype="boolean"),
        **{c: pd.array(cols[c], dtype=string) for c in (
            "as_of", "date_start", "date_end", "calendar", "subject_text", "subject_id", "person_text", "person_full",
            "person_id", "role", "org_text", "org_id", "portfolio", "modifier")},
    })
    df["article_date"] = pd.to_datetime(df["published"], errors="coerce")
    df["subject_year"] = pd.array(subject_year, dtype="Int64")  # as link gives it
    df["subject_key"] = pd.Series(subject_key, dtype=object)
    _infer_subjects(df)
    outlets = {a: (outlet_names[o], lang_) for a, o, lang_ in zip(art_id, art_outlet, art_lang, strict=True)}
    return df, outlets


def _infer_subjects(df) -> None:
    """``subject_inferred``, as ``factcheck.linking.link`` sets it: a figure whose sentence names no
    event, in an article about one event (the subject of at least ABOUT_ONE of its claims that
    name one, not put in another year), is that event's."""
    mixed = df["subject_year"].notna()
    named = df[df["subject_key"].notna() & ~mixed]
    share = named.groupby(["article", "subject_key"]).size()
    top = share.groupby(level=0).idxmax().str[1]
    single = top[share.groupby(level=0).max() >= ABOUT_ONE * share.groupby(level=0).sum()]
    df["subject_inferred"] = (df["kind"] == "count") & df["subject_key"].isna() & (df["attribute"] != "age") \
        & df["article"].isin(single.index)
    df.loc[df["subject_inferred"], "subject_key"] = df.loc[df["subject_inferred"], "article"].map(single)


def describe(df) -> str:
    """A few lines on the table's make-up (kinds, events, largest event)."""
    keys = df["subject_key"].value_counts()
    kinds = df["kind"].value_counts(normalize=True)
    return (f"{len(df):,} claims, {df['article'].nunique():,} articles, {len(keys):,} events "
            f"(largest {keys.index[0]}: {keys.iloc[0]:,} claims); "
            + ", ".join(f"{k} {kinds[k]:.0%}" for k in sorted(kinds.index)))


if __name__ == "__main__":
    import sys
    import time

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t = time.perf_counter()
    table, _ = synthetic_claims(size)
    print(f"built in {time.perf_counter() - t:.2f} s: {describe(table)}")
