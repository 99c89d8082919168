"""Linking claims to the entities of the rule files.

Names are compared in a romanised form (each language's table), by edit
distance and consonant skeleton (``factcheck.names``). An event named with an
edition code ("COP-۲۹") links by its code alone, so one edition never links to
another; an event named in words links only when its year agrees with the
article's. People link by their whole name, never by a shared surname.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from factcheck.names import country_of, romanise, romanise_any, same_romanised
from factcheck.rules import Entity, Rules
from factcheck.text import CAPITALS, normalise

_CODE = re.compile(rf"(?<!\w)([{CAPITALS}]{{2,}})[-\s]?(\d{{4}}|\d{{2}})(?!\d)")
_ACRONYM = re.compile(rf"[{CAPITALS}]{{2,}}")
NAME_SCORE = 88  # rapidfuzz score (0-100) for names of events and organisations


def edition_codes(text: str) -> set[tuple[str, int]]:
    """Edition codes in ``text`` as (letters, year): "COP-۲۹" and "COP-2029" are ("COP", 2029)."""
    out = set()
    for m in _CODE.finditer(normalise(text).text):
        year = int(m.group(2))
        out.add((m.group(1).upper(), year + 2000 if year < 100 else year))
    return out


@dataclass
class _Name:
    entity: Entity
    romanised: str
    acronym: bool


class Linker:
    def __init__(self, rules: Rules):
        self.names: dict[str, list[_Name]] = {}
        self.codes: dict[tuple[str, int], str] = {}
        self.countries: dict[str, str] = {}
        for located in rules.entities.values():
            e: Entity = located.value
            for name in dict.fromkeys([*e.names, *e.aliases]):
                self.names.setdefault(e.kind, []).append(
                    _Name(e, romanise_any(name), bool(_ACRONYM.fullmatch(name.strip())))
                )
            for code in e.codes:
                for key in edition_codes(code):
                    self.codes[key] = e.id
            if e.country:
                self.countries[e.country] = e.id

    def _best(self, kind: str, text: str, lang: str) -> list[Entity]:
        """Entities of ``kind`` whose names match ``text``, best first."""
        from rapidfuzz import fuzz

        query = romanise(text, lang)
        if not query:
            return []
        scored: dict[str, tuple[float, Entity]] = {}
        acronyms = {romanise(m.group(), lang) for m in _ACRONYM.finditer(normalise(text).text)}
        for name in self.names.get(kind, []):
            if name.acronym:
                score = 100.0 if name.romanised in acronyms else 0.0
            else:
                score = max(fuzz.ratio(query, name.romanised), fuzz.token_sort_ratio(query, name.romanised))
                if len(name.romanised.split()) >= 3:
                    score = max(score, fuzz.partial_ratio(name.romanised, query) - 3)
            if score >= NAME_SCORE and score > scored.get(name.entity.id, (0.0, None))[0]:
                scored[name.entity.id] = (score, name.entity)
        return [e for _, e in sorted(scored.values(), key=lambda p: -p[0])]

    def event(self, text: str | None, lang: str, year: int | None, context: str = "") -> str | None:
        if not text:
            return None
        codes = edition_codes(text)
        if codes:
            found = {self.codes[c] for c in codes if c in self.codes}
            return found.pop() if len(found) == 1 else None
        candidates = self._best("event", text, lang)
        if year is not None:
            candidates = [e for e in candidates if e.year is None or e.year == year]
        if len(candidates) > 1 and context:
            placed = [e for e in candidates if e.place and e.place.casefold() in context.casefold()]
            candidates = placed or candidates
        if len(candidates) == 1 or (candidates and year is not None and len({e.year for e in candidates}) == len(candidates)):
            return candidates[0].id
        return None

    def person(self, text: str | None, lang: str) -> str | None:
        if not text or len(text.split()) < 2:
            return None  # a surname alone could be anyone's
        query = romanise(text, lang)
        found = {name.entity.id for name in self.names.get("person", []) if same_romanised(query, name.romanised)}
        return found.pop() if len(found) == 1 else None

    def org(self, text: str | None, lang: str) -> str | None:
        if not text:
            return None
        best = self._best("organisation", text, lang)
        if best:
            return best[0].id
        code = country_of(text, lang)
        return self.countries.get(code) if code else None


def link_claims(claims, rules: Rules, article_texts: dict[str, str], years):
    """Fill ``subject_id``, ``person_id`` and ``org_id`` of the claims table (a copy is returned);
    ``years`` gives each claim's article year, which tells editions named in words apart."""
    import pandas as pd

    linker = Linker(rules)
    df = claims.copy()

    def cached(fn):
        return functools.lru_cache(maxsize=None)(fn)

    event = cached(lambda t, lang, y, art: linker.event(t, lang, y, article_texts.get(art, "")))
    person = cached(linker.person)
    org = cached(linker.org)
    years = [None if pd.isna(y) else int(y) for y in years]
    df["subject_id"] = [
        event(t, lang, y, art) if isinstance(t, str) else None
        for t, lang, y, art in zip(df["subject_text"], df["lang"], years, df["article"], strict=True)
    ]
    df["person_id"] = [person(t, lang) if isinstance(t, str) else None for t, lang in zip(df["person_text"], df["lang"], strict=True)]
    df["org_id"] = [org(t, lang) if isinstance(t, str) else None for t, lang in zip(df["org_text"], df["lang"], strict=True)]
    for col in ("subject_id", "person_id", "org_id"):
        df[col] = df[col].astype("string")
    return df
