"""Linking claims to the entities of the rule files: the stage between extraction and the checks.

Names are compared in a romanised form (each language's table), by edit
distance and consonant skeleton (``factcheck.names``). An event named with an
edition code ("COP29", "COP-۲۹", "کاپ ۲۹") links by its code alone, so one
edition never links to another; a code's number is an edition number or a year
as the rule file says (COP29 is the 29th conference, ABC-2025 of 2025). An
event named in words links only when its year agrees with the article's. People
link by their whole name, never by a shared surname.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.names import alike, alike_each, country_of, in_batches, plain, romanise, romanise_any, scores, skeleton
from factcheck.rules.load import Rules
from factcheck.rules.model import Entity
from factcheck.schema import STRING
from factcheck.text import CAPITALS, normalise

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import numpy as np
    import pandas as pd

    from factcheck.corpus import Article

_CODE = re.compile(rf"(?<!\w)([{CAPITALS}]{{2,}})[-\s]?(\d{{2,4}})(?!\d)")
_NUMBER = re.compile(r"(?<!\d)\d{1,4}(?!\d)")
_RULE_CODE = re.compile(r"^(\D*?[^\W\d_])[-\s]?(\d{1,4})$")
_ACRONYM = re.compile(rf"[{CAPITALS}]{{2,}}")
NAME_SCORE = 88  # rapidfuzz score (0-100) for names of events and organisations
NEAR_DAYS = 31  # an article this near an event's dates may call it by a common noun alone
ABOUT_ONE = 0.75  # an article is about one event when it is the subject of this share of its claims


def code_of(code: str) -> tuple[str, int] | None:
    """A rule's edition code as (letters, number): "COP-۲۹" and "کاپ ۲۹" give ("cop", 29) and ("کاپ", 29)."""
    m = _RULE_CODE.match(normalise(code).text.strip())
    return (m.group(1).casefold(), int(m.group(2))) if m else None


def edition_codes(text: str, letters: re.Pattern | None = None) -> set[tuple[str, int]]:
    """Edition codes in ``text`` as (letters, number): capitals and digits ("COP29", "ВКРЭ-25"), and,
    with ``letters`` (the letters of the rules' codes), codes in any script ("کاپ ۲۹")."""
    norm = plain(text)
    out = {(m.group(1).casefold(), int(m.group(2))) for m in _CODE.finditer(norm)}
    if letters is not None:
        out |= {(m.group(1).casefold(), int(m.group(2))) for m in letters.finditer(norm)}
    return out


@dataclass
class _Name:
    entity: Entity
    text: str  # as the rule file writes it
    romanised: str
    acronym: bool


class Linker:
    def __init__(self, rules: Rules):
        self.names: dict[str, list[_Name]] = {}
        self.codes: dict[tuple[str, int], set[str]] = {}
        self.countries: dict[str, str] = {}
        self.entities: dict[str, Entity] = {}
        self._how: dict[tuple[str, str, str, str], str] = {}
        self._codes_in: dict[str, set[tuple[str, int]]] = {}
        self._names_said: dict[tuple[str, str], tuple[set[int], set[int], list[Entity], bool, set[str]]] = {}
        for located in rules.entities.values():
            e: Entity = located.value
            self.entities[e.id] = e
            for name in dict.fromkeys([*e.names, *e.aliases]):
                self.names.setdefault(e.kind, []).append(
                    _Name(e, name, romanise_any(name), bool(_ACRONYM.fullmatch(name.strip())))
                )
            for code in e.codes:
                if (key := code_of(code)) is not None:
                    self.codes.setdefault(key, set()).add(e.id)
                    if e.year is not None:  # "COP-2024" names the edition of 2024 whatever its number
                        self.codes.setdefault((key[0], e.year), set()).add(e.id)
            if e.country:
                self.countries[e.country] = e.id
        people = self.names.get("person", [])
        self._people = [n.romanised for n in people], [skeleton(n.romanised) for n in people]  # compared with every name
        letters = sorted({re.escape(k[0]) for k in self.codes}, key=len, reverse=True)
        self.letters = re.compile(rf"(?<!\w)({'|'.join(letters)})[-\s]?(\d{{1,4}})(?!\d)", re.IGNORECASE) if letters else None

    def codes_in(self, text: str) -> set[tuple[str, int]]:
        if text not in self._codes_in:  # once a name: linking and the unlinked keys both ask
            self._codes_in[text] = edition_codes(text, self.letters)
        return self._codes_in[text]

    def scored(self, kind: str, text: str, lang: str, floor: float = NAME_SCORE) -> list[tuple[float, Entity, str]]:
        """(score, entity, the name that matched best) of the entities of ``kind`` whose names score
        ``floor`` or more against ``text`` (links need ``NAME_SCORE``), best first."""
        return self.scored_each(kind, [text], [lang], floor)[0][0]

    def scored_each(self, kind: str, texts: list[str], langs: list[str], floor: float = NAME_SCORE
                    ) -> list[tuple[list[tuple[float, Entity, str]], set[str]]]:
        """``scored`` for each text, with the entities that a single word matched only as part of a
        longer name ("conference", "مراسم"): every text against every name of ``kind`` at once."""
        import numpy as np
        from rapidfuzz import fuzz

        names = self.names.get(kind, [])
        if len(parts := in_batches(len(texts), len(names))) > 1:
            return [r for part in parts for r in self.scored_each(kind, texts[part], langs[part], floor)]
        queries = [romanise(t, lang) for t, lang in zip(texts, langs, strict=True)]
        said = [plain(t) for t in texts]
        spelled = [name.romanised for name in names]
        score = np.maximum(scores(queries, spelled, fuzz.ratio), scores(queries, spelled, fuzz.token_sort_ratio))
        acronyms = [n for n, name in enumerate(names) if name.acronym]  # "UN" matches only "UN"
        # a long name cut short; a single word is part of an organisation's name only with others,
        # and a bare acronym of none ("UN" is no part of "Union")
        long = [n for n, name in enumerate(names) if not name.acronym and len(name.romanised.split()) >= 3]
        cut = [k for k, (q, s) in enumerate(zip(queries, said, strict=True))
               if q and not _ACRONYM.fullmatch(s.strip()) and (kind == "event" or " " in q)]
        partial = scores([spelled[n] for n in long], [queries[k] for k in cut], fuzz.partial_ratio).T - 3
        score[[k for k, q in enumerate(queries) if not q]] = 0.0  # an empty name matches nothing
        score[:, acronyms] = 0.0  # an acronym matches only itself ("UN" is no part of "Union")
        for k in [k for k, text in enumerate(said) if acronyms and _ACRONYM.search(text)]:
            found = {romanise(m.group(), langs[k]) for m in _ACRONYM.finditer(said[k])}
            score[k, acronyms] = [100.0 if names[n].romanised in found else 0.0 for n in acronyms]
        whole = score >= NAME_SCORE  # names that match a text as a whole, not as a part
        if long and cut:
            score[np.ix_(cut, long)] = np.maximum(score[np.ix_(cut, long)], partial)
        hits = score >= floor
        out: list[tuple[list[tuple[float, Entity, str]], set[str]]] = [([], set()) for _ in texts]
        for k in np.flatnonzero(hits.any(axis=1)).tolist():
            best: dict[str, tuple[float, Entity, str]] = {}
            for n in np.flatnonzero(hits[k]).tolist():
                if score[k, n] > best.get(names[n].entity.id, (0.0, None, ""))[0]:
                    best[names[n].entity.id] = (float(score[k, n]), names[n].entity, names[n].text)
            loose = set() if " " in queries[k] else best.keys() - {names[n].entity.id for n in np.flatnonzero(whole[k]).tolist()}
            out[k] = (sorted(best.values(), key=lambda p: -p[0]), loose)
        return out

    def how(self, kind: str, text: str, lang: str, entity: str) -> str:
        """Why ``text`` names ``entity`` (of ``kind``), in an editor's words: the edition code it holds,
        or the rule name that matched it and the score."""
        key = (kind, text, lang, entity)
        if key not in self._how:
            self._how[key] = self._said_how(kind, text, lang, entity)
        return self._how[key]

    def _said_how(self, kind: str, text: str, lang: str, entity: str) -> str:
        if kind == "event" and any(entity in self.codes.get(c, ()) for c in self.codes_in(text)):
            return f'the edition code in "{text}"'
        if kind == "person":  # people are linked by their whole name, romanised alike, not by a score
            query = romanise(text, lang)
            people = self.names.get("person", [])
            same = [people[n].text for n in alike(query, *self._people) if people[n].entity.id == entity]
            return f'the rule name "{same[0]}", which "{text}" reads as once both are romanised' if same else f'"{text}"'
        matched = [(score, name) for score, e, name in self.scored(kind, text, lang, floor=0) if e.id == entity]
        if matched and matched[0][0] >= NAME_SCORE:
            score, name = matched[0]
            return f'the rule name "{name}", which "{text}" matches with score {score:.0f} (a link needs {NAME_SCORE})'
        if kind == "organisation" and (code := country_of(text, lang)) and self.countries.get(code) == entity:
            return f'"{text}", which names the country {code} (the rule entity of that country)'
        return f'"{text}"'

    def event(self, text: str | None, lang: str, year: int | None, context: str = "", day: dt.date | None = None) -> str | None:
        if not text:
            return None
        return self.pick(self.event_candidates(text, lang, year, day), year, context)

    def pick(self, found: tuple[list[Entity], bool], year: int | None, context: str) -> str | None:
        """The event of ``found`` (``event_candidates``): the one left, or the one placed where the
        article (``context``) says, or, with a year, the one of each year."""
        candidates, decided = found
        if decided:
            return candidates[0].id if len(candidates) == 1 else None
        if len(candidates) > 1 and context:
            placed = [e for e in candidates if e.place and e.place.casefold() in context.casefold()]
            candidates = placed or candidates
        if len(candidates) == 1 or (candidates and year is not None and len({e.year for e in candidates}) == len(candidates)):
            return candidates[0].id
        return None

    def event_candidates(self, text: str, lang: str, year: int | None, day: dt.date | None) -> tuple[list[Entity], bool]:
        """The events ``text`` may name, and whether they are decided (by an edition's code) before the
        article's place is asked: what does not depend on the article, so it is found once a name."""
        numbers, years, candidates, decided, loose = self.event_name(text, lang)
        if decided:
            return candidates, True
        # a common noun alone ("the ceremony") is an event's only in an article published near its dates
        candidates = [e for e in candidates if e.id not in loose or _near(e, day)]
        if years:
            candidates = [e for e in candidates if e.year is None or e.year in years]
        elif year is not None:
            candidates = [e for e in candidates if e.year is None or e.year == year]
        if numbers - years:
            candidates = [e for e in candidates if e.edition is None or e.edition in numbers]
        return candidates, False

    def event_name(self, text: str, lang: str) -> tuple[set[int], set[int], list[Entity], bool, set[str]]:
        """What a name says of its event whatever the article: the numbers and years in it, the events
        it names (decided by an edition's code, or scored by name) and those a single word matched
        only loosely. Worked out once a name and language: an archive gives one name on many days."""
        return self.event_names([text], [lang])[0]

    def event_names(self, texts: list[str], langs: list[str]) -> list[tuple[set[int], set[int], list[Entity], bool, set[str]]]:
        """``event_name`` of each name, those not yet seen scored all at once."""
        keys = list(zip(texts, langs, strict=True))
        new = [k for k in dict.fromkeys(keys) if k not in self._names_said and not self.codes_in(k[0])]
        scored = [] if not new else self.scored_each("event", [t for t, _ in new], [lang for _, lang in new])
        for (text, lang), (found, loose) in zip(new, scored, strict=True):
            self._names_said[text, lang] = (*self._numbers(text), [e for _, e, _ in found], False, loose)
        for text, lang in keys:
            if (text, lang) not in self._names_said:  # an edition's code decides
                codes = self.codes_in(text)
                entities = [self.entities[i] for i in sorted({i for c in codes for i in self.codes.get(c, ())})]
                self._names_said[text, lang] = (*self._numbers(text), entities, True, set())
        return [self._names_said[k] for k in keys]

    @staticmethod
    def _numbers(text: str) -> tuple[set[int], set[int]]:
        """The numbers in a name, and those of them that are years: they choose the edition ("the 2017
        conference", "29-cu sessiyası"); else the article's year does."""
        numbers = {int(n) for n in _NUMBER.findall(plain(text))}
        return numbers, {n for n in numbers if 1800 <= n <= 2200}

    def person(self, text: str | None, lang: str) -> str | None:
        return self.people([text], [lang])[0]

    def people(self, texts: list[str | None], langs: list[str]) -> list[str | None]:
        """The person each name is (a rule's person whose name alone it matches), all compared at once;
        a surname alone could be anyone's."""
        asked = [k for k, text in enumerate(texts) if text and len(text.split()) >= 2]
        matches = alike_each([romanise(str(texts[k]), langs[k]) for k in asked], *self._people)
        people = self.names.get("person", [])
        out: list[str | None] = [None] * len(texts)
        for k, found in zip(asked, matches, strict=True):
            ids = {people[n].entity.id for n in found}
            out[k] = ids.pop() if len(ids) == 1 else None
        return out

    def orgs(self, texts: list[str | None], langs: list[str]) -> list[str | None]:
        """The organisation each name is: the best of the rules' by name, else the country it names."""
        asked = [k for k, text in enumerate(texts) if text]
        scored = self.scored_each("organisation", [str(texts[k]) for k in asked], [langs[k] for k in asked])
        out: list[str | None] = [None] * len(texts)
        for k, (best, _) in zip(asked, scored, strict=True):
            code = None if best else country_of(str(texts[k]), langs[k])
            out[k] = best[0][1].id if best else self.countries.get(code) if code else None
        return out


def _near(e: Entity, day: dt.date | None) -> bool:
    """``day`` falls within ``NEAR_DAYS`` of the event's dates (an event without dates: its year decides)."""
    if e.dates is None or day is None:
        return e.dates is None
    return e.dates.start - dt.timedelta(days=NEAR_DAYS) <= day <= e.dates.last + dt.timedelta(days=NEAR_DAYS)


def per_distinct(frame: pd.DataFrame, columns: list[str], fn: Callable, *, each: bool = True) -> np.ndarray:
    """``fn`` of each row's ``columns`` (an array of objects), called once for each distinct combination
    (a name and its language, say: a million claims hold a few thousand), or with ``each=False``
    called once with the distinct combinations' columns as lists, giving a list of their values; None
    where the first column is missing (those rows are not grouped: most claims name no person, say)."""
    import numpy as np

    present = frame[columns[0]].notna().to_numpy()
    out = np.full(len(frame), None, dtype=object)
    rows = frame.loc[present, columns] if not present.all() else frame[columns]
    if rows.empty:
        return out
    codes = rows.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    firsts = rows.drop_duplicates()  # in order of first appearance, as ngroup numbers them
    columns_of = [firsts[c].astype(object).where(firsts[c].notna(), None).tolist() for c in columns]  # missing: None
    values = [fn(*row) for row in zip(*columns_of, strict=True)] if each else fn(*columns_of)
    spread = np.empty(len(values), dtype=object)
    spread[:] = values
    out[present] = spread[codes]
    return out


def _people_and_orgs(on: pd.DataFrame, linker: Linker) -> tuple[np.ndarray, np.ndarray]:
    """The person and the organisation of each row of ``on`` (a name and the text of an organisation, in a
    language): a rule entity's id, or None."""
    return (per_distinct(on, ["name", "lang"], linker.people, each=False),
            per_distinct(on, ["org_text", "lang"], linker.orgs, each=False))


def link(claims: pd.DataFrame, rules: Rules, articles: Iterable[Article], jobs: int | None = None,
         linker: Linker | None = None) -> pd.DataFrame:
    """The claims table with ``subject_id``, ``person_id`` and ``org_id`` filled from the rules, and
    the columns the checks need: ``subject_key`` (what a claim is about: the linked entity, else its
    edition code, else its romanised name; an edition put in another year is a subject of its
    own; a figure whose sentence names no event, in an article about one event, is that event's,
    with ``subject_inferred`` set), ``subject_year`` (that other year) and ``article_date`` (the
    publication date; an article without one has none: a date it mentions may be a birthday or an
    anniversary). Given ``jobs`` of 2 or more, a table of ``PARALLEL_FROM`` claims or more has its people
    and organisations linked in a forked process (``factcheck.workers.Beside``) while this one links events.
    ``linker``, the rules' ``Linker``, keeps what it worked out of each name for the next call (an archive's
    chunks of claims give the same names)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from factcheck.findings import PARALLEL_FROM
    from factcheck.findings.model import among
    from factcheck.workers import Beside, can_fork

    if claims.empty:
        return claims.copy()
    linker = linker or Linker(rules)
    by_id = {a.id: a for a in articles}  # an article's text is read only where its place must choose
    # the claims' columns shared, not copied (a million claims' table is large): link writes only whole
    # columns of its own
    df = claims.copy(deep=False) if claims.index.equals(pd.RangeIndex(len(claims))) else claims.reset_index(drop=True)
    article_date = pd.to_datetime(df["published"], errors="coerce")
    df["article_date"] = article_date
    on = pd.DataFrame({"subject_text": df["subject_text"], "lang": df["lang"], "org_text": df["org_text"],
                       "year": article_date.dt.year, "day": article_date.dt.normalize(),  # what names are linked with
                       # a surname alone links by the full name the article gives it (Arrow's coalesce: pandas' fillna is slower)
                       "name": pd.array(pc.coalesce(pa.array(df["person_full"].array), pa.array(df["person_text"].array)), dtype=STRING)})
    beside = Beside(_people_and_orgs, on, linker) if (jobs or 1) > 1 and len(df) >= PARALLEL_FROM and can_fork() else None

    def event(t, lang, year, day):
        """The event a name gives, or, where the article's place must choose among several, a list."""
        year = None if year is None else int(year)
        candidates, decided = linker.event_candidates(t, lang, year, None if day is None else day.date())
        if decided or len(candidates) < 2:
            return linker.pick((candidates, decided), year, "")
        return [candidates, year]  # the article's text decides

    # a name no event's name or code matches links to none on any day: only the others are looked at
    # with their article's year and day (an archive's names, on thousands of days, are mostly unknown)
    known = per_distinct(on, ["subject_text", "lang"], lambda texts, langs: [bool(said[2]) for said in linker.event_names(texts, langs)],
                         each=False).astype(bool)
    events = np.full(len(df), None, dtype=object)
    events[known] = per_distinct(on[known], ["subject_text", "lang", "year", "day"], event)
    for n in [n for n, found in enumerate(events.tolist()) if isinstance(found, list)]:  # the few that need their article
        events[n] = linker.pick((events[n][0], False), events[n][1], a.text if (a := by_id.get(df.at[n, "article"])) else "")
    df["subject_id"] = events
    df["person_id"], df["org_id"] = beside.result() if beside is not None else _people_and_orgs(on, linker)
    for col in ("subject_id", "person_id", "org_id"):
        df[col] = df[col].astype(STRING)

    def unlinked_key(text, lang):
        codes = linker.codes_in(text)
        if codes:
            return "code:" + ",".join(f"{a}{n}" for a, n in sorted(codes))
        return "name:" + romanise(text, lang)

    def other_year(text, entity):
        """A year beside an edition's code that is not the edition's ("ABC-25, held in 2017")."""
        e = linker.entities.get(entity) if entity else None
        year = None if e is None else e.year or (e.dates.start.year if e.dates else None)
        bare = _CODE.sub(" ", plain(text))  # the year of "ABC-2025 (2024)" is 2024
        years = {int(n) for n in _NUMBER.findall(bare) if 1800 <= int(n) <= 2200}
        return min(years) if year is not None and years and year not in years else None

    on["subject_id"] = df["subject_id"]
    df["subject_year"] = pd.array(per_distinct(on, ["subject_text", "subject_id"], other_year), dtype="Int64")
    df["subject_key"] = df["subject_id"].astype("object").where(df["subject_id"].notna(), per_distinct(on, ["subject_text", "lang"], unlinked_key))
    # what is said of an edition put in another year is not said of that edition
    mixed = df["subject_year"].notna()
    df.loc[mixed, "subject_key"] = df.loc[mixed, "subject_key"] + "@" + df.loc[mixed, "subject_year"].astype(int).astype(str)
    # a figure whose sentence names no event, in an article about one event (the subject of at least
    # three in four of its claims that have one), is that event's
    named = df.loc[df["subject_key"].notna() & ~mixed, ["article", "subject_key"]]
    share = named.groupby(["article", "subject_key"]).size()
    top = share.groupby(level=0).idxmax().str[1]
    single = top[share.groupby(level=0).max() >= ABOUT_ONE * share.groupby(level=0).sum()]
    df["subject_inferred"] = (df["kind"] == "count") & df["subject_key"].isna() & (df["attribute"] != "age") \
        & among(df["article"], single.index)
    df.loc[df["subject_inferred"], "subject_key"] = df.loc[df["subject_inferred"], "article"].map(single)
    return df
