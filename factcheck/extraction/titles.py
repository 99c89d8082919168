"""Title claims: a person, the role the text gives them, and the organisation.

Handles a title before the name with the organisation before it ("Azərbaycanın
Baş naziri X Y", genitive chains), or after it ("Minister of Foreign
Affairs of X Jane Doe", "министр связи Ирана ..."), the name before the title
("Jane Doe, Prime Minister of X", "X، وزیر ..."), several people
after one plural title, and modifiers such as "former" or "acting".
"""

from __future__ import annotations

from functools import cache

from factcheck.extraction.document import Document
from factcheck.extraction.events import _ACRONYM, _EDITION
from factcheck.extraction.modifiers import modifier_before
from factcheck.extraction.orgs import PORTFOLIO_ROLES, Organisations
from factcheck.extraction.people import _Name
from factcheck.lang import Language, Lexicon

LINK_GAP = 2  # words of a portfolio between a predicate's link ("served as") and its title word
# The role a deputy word ("Deputy Foreign Minister") makes of a role; None: no role id for it.
DEPUTY = {"minister": "deputy_minister", "prime_minister": "deputy_prime_minister", "president": "vice_president",
          "secretary_general": "deputy_secretary_general"}


@cache
def _blockers(lang: Language) -> tuple[tuple[Lexicon, ...], frozenset[str]]:
    """The lexicons of words that are no part of a name, and the words their phrases start with."""
    keys = ("titles.roles", "titles.honorifics", "titles.other_titles", "titles.org_words", "countries", "events.nouns", "dates.weekdays")
    lexicons = tuple(lang.lexicon(key) for key in keys)
    return lexicons, frozenset().union(*(lex.firsts for lex in lexicons))


class _Titles(Organisations):
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        lang = doc.lang
        self.lang = lang
        self.roles = lang.lexicon("titles.roles")
        self.modifiers = lang.lexicon("titles.modifiers")
        self.links = lang.lexicon("titles.predicate_links")
        self.links_after, self.link_adverbs = lang.lexicon("titles.links_after"), lang.words["titles.link_adverbs"]
        self.honorifics = lang.lexicon("titles.honorifics")
        self.blockers, self.blocker_firsts = _blockers(lang)
        self.state_words = lang.lexicon("titles.state_words")
        self.org_words = lang.lexicon("titles.org_words")
        self.portfolio_words = lang.lexicon("titles.portfolio_words")
        self.countries = lang.lexicon("countries")
        self.not_names = lang.words["titles.not_names"]
        self.stopwords = lang.words["titles.stopwords"]
        self.given = lang.words["titles.given_names"]
        self.particles = lang.words["titles.name_particles"]
        self.joins = lang.words["titles.list_joins"]
        self.of_words = lang.words["titles.org_after"]
        self.determiners = lang.words["titles.determiners"]
        self.plural = lang.words["titles.plural_suffixes"]
        self.genitive_after = bool(lang.get("titles.genitive_after"))
        self.others = lang.lexicon("titles.other_titles")
        self.modifiers_after = lang.lexicon("titles.modifiers_after")
        self.era_after = lang.lexicon("titles.era_after")
        self.possessive_endings = lang.words["titles.possessive_endings"]
        self.term_after_name = lang.lexicon("titles.term_after_name")
        self.deputies = lang.lexicon("titles.deputy_words")
        self.breakers = lang.words["titles.org_breakers"]
        self.surname_endings = tuple(lang.words["titles.surname_endings"])
        self.place_endings = tuple(lang.lower(str(m)[1:]) for m in lang.get("counts.place_marks") or [] if str(m).startswith("-"))
        # "-elect", "-designate": a modifier written as the end of the title word
        self.modifier_endings = [
            (label, lang.lower(str(p))) for label, ps in (lang.get("titles.modifiers") or {}).items() for p in ps if str(p).startswith("-")
        ]
        self.event_roles = lang.get("titles.event_roles") or {}
        self.events = lang.lexicon("events.nouns")
        self.used: set[int] = set()

    # --- words --------------------------------------------------------------
    def ok(self, k: int, anchor: int) -> bool:
        return 0 <= k < len(self.toks) and self.doc.same_sentence(anchor, k) and k not in self.used

    # --- titles -----------------------------------------------------------------
    def run(self) -> list[dict]:
        toks = self.toks
        # Names after titles that are not roles ("Araştırma Uzmanı Dastan Almen") are nobody's organisation.
        role_starts = self.doc.starts(self.roles)
        after = 0  # the index after the last title taken
        for k in sorted({*role_starts, *self.doc.starts(self.others)}):
            if k < after:
                continue
            if role := self.roles.match(toks, k):
                after = role[1]
                continue
            m = self.others.match(toks, k)
            if m and (name := self.name_at(m[1], k)):
                self.used.update(range(name.first, name.last))
        claims = []
        after = 0
        for i in role_starts:
            if i < after or i in self.used or self.surname_form(i) or (m := self.roles.match(toks, i)) is None:
                continue
            claims += self.title(m[0], i, m[1])
            after = m[1]
        return claims

    def title(self, role: str, rs: int, re_: int) -> list[dict]:
        """Claims of the title word(s) at tokens [rs, re_)."""
        toks = self.toks
        self.used.update(range(rs, re_))
        self.title_names_body = any(self.org_words.match(toks, k) for k in range(rs, re_))
        if rs > 0 and self.ok(rs - 1, rs) and toks[rs - 1].kind == "num":
            return []  # "всех 19 министров правительства Петрова": a count of office holders, nobody's title
        role = self._across_acronym(role, rs, re_)
        if self._possessive(re_ - 1):
            return []  # "the President's special envoy X", "Cumhurbaşkanı'nın danışmanı X": the title is another's
        if self.genitive_after and rs > 0 and self.ok(rs - 1, rs) and (self.others.match_ending(toks, rs) or self.roles.match_ending(toks, rs)):
            return []  # "Советник президента": the title belongs to someone else's
        last_tok = toks[re_ - 1]
        plural = any(last_tok.lower.endswith(p) and last_tok.lower[: -len(p)] in last_tok.stems for p in self.plural)
        modifier = next((label for label, ending in self.modifier_endings if last_tok.lower.endswith(ending)), None)
        start = rs
        mod = self._modifier_ending(start)
        if mod and self.ok(mod[1], rs):
            modifier, start = mod
        org_first = self.org_before(start)
        runs = [(org_first, start)]
        for k in range(org_first, start):
            if (dep := self.deputies.match(toks, k)) and dep[1] <= start:
                deputy = DEPUTY.get(role)  # "Deputy Foreign Minister"
                if deputy is None:
                    return []  # "Deputy Head": no role id says it
                role = deputy
                runs = [(org_first, k), (dep[1], start)]
                break
        first = org_first if org_first < start else start
        if written := modifier_before(self, first, rs):
            modifier, first, of_deputy = written  # "eski Dışişleri Bakanı", "former Energy Minister", "sabiq xarici işlər naziri"
            role = DEPUTY.get(role, role) if of_deputy else role
            if (before := self.org_before(first)) < first:
                runs.append((before, first))  # "Azerbaycan'ın eski Dışişleri Bakanı"
                first = before
        elif role in PORTFOLIO_ROLES and org_first == start and (field := self.org_before(start, portfolio=True)) < start:
            runs[0] = (field, start)  # "Tədbirdə səhiyyə naziri X", "At the event, health minister X"
            first = field
        k, honorific = self.skip_honorifics(re_, rs)
        if (ma := self.modifiers_after.match(toks, k)) and self.ok(k, rs):
            modifier, k = ma  # "Genel Müdür Vekili"
        of_first, of_last = self.org_after(k, rs)
        after = of_last
        if (ma := self.modifiers_after.match(toks, after)) and self.ok(after, rs):
            modifier, after = ma  # "وزیر امور خارجه سابق"
        # "Iran's foreign minister under (President) X": the title of X's term, and the name after is X's
        era = any(self.ok(j, rs) and self.era_after.match(toks, j) for j in {k, after})
        modifier = "former" if era else modifier
        if (
            self.ok(after + 1, rs) and toks[after].text in ",،" and of_last > of_first
            and (self.honorifics.match(toks, after + 1) or not (self.lang.cased or self._given_name_before(first, rs)))
        ):
            # "وزیر امور خارجه ایران، آقای دکتر ..."; without capitals, a name after the comma only where none
            # stands right before the title ("X نخست وزیر عراق، Y نخست وزیر پاکستان": X is Iraq's)
            after += 1
        k2, honorific2 = self.skip_honorifics(after, rs, stacked=after == k)
        # A name right after the title comes first ("Ayşe Kaya, chairman of X Aibek Temirov"),
        # else a name before it and a comma ("Jane Doe, Minister of Energy, said"); without capitals
        # to mark where a name starts, the comma before the title is the surer sign ("X، وزیر ...").
        appositive = None if self.lang.cased else self.appositive(first, rs)
        # without capitals, a name after "and" ends the title: "X نخست وزیر ارمنستان و علی رضایی ..." is the next person
        listed = not self.lang.cased and of_last > of_first and toks[of_last - 1].lower in self.joins
        of_last -= listed
        name = self.name_at(k2, rs, honorific or honorific2) if appositive is None and not listed and not era else None
        if name is None and appositive is None:
            appositive = self.appositive(first, rs)
        if name is None and appositive is None and self.lang.cased and not era:
            name = self.name_set_off(after, rs, plural)  # "the Secretary-General, Jane Doe, said"
        end = max(re_, of_last, after if modifier else 0)  # a claim with its name before the title ends here
        if appositive is not None:
            return self._claim_before(appositive, end, role, [*runs, (of_first, of_last)], modifier)
        if name is None and of_last > of_first and self.lang.cased:
            # "Minister of Foreign Affairs Jane Doe": the name ends the run
            name = self.name_in_run(of_first, of_last)
            if name is not None:
                of_last = name.first
        runs.append((of_first, of_last))
        if name is not None:
            names = [name]
            self.used.update(range(name.first, name.last))
            while plural and self.ok(name.last, rs) and toks[name.last].lower in self.joins:
                name = self.name_at(name.last + 1, rs)
                if name is None:
                    break
                names.append(name)
                self.used.update(range(name.first, name.last))
            pairs = self.respective(runs, role, len(names)) or [self.organisation(runs, role)] * len(names)
            return [self._claim(first, nm.last, nm, role, org, portfolio, self._of_term(nm, rs) or modifier)
                    for nm, (org, portfolio) in zip(names, pairs, strict=True)]
        # The name before words that give it the title: "X was confirmed as foreign minister", "X served as ..."
        for gap in range(LINK_GAP + 1):  # "was confirmed as foreign minister": a portfolio in lower case between
            if (link := self.links.match_ending(toks, first - gap)) and self.ok(link[1] - 1, rs):
                name = self.name_before(self._past_aside(link[1], rs), rs, reuse=True)
                if name is not None:
                    return self._claim_before(name, end, role, [(first - gap, first), *runs],
                                              modifier or (link[0] if link[0] != "current" else None))
                break
        # The name before the title without a comma, where there are no capitals: "X Y وزیر ..."
        if not self.lang.cased and (name := self._given_name_before(first, rs)) is not None:
            return self._claim_before(name, end, role, runs, modifier)
        if (named := self.named_by_verb(first, end, rs)) is not None:  # "X yeniden Cumhurbaşkanı seçildi"
            runs = [(max(a, named[0].last), b) for a, b in runs]  # the name is no part of the organisation
            return self._claim_before(named[0], end, role, runs, modifier or (named[1] if named[1] != "current" else None))
        return []

    def _of_term(self, name: _Name, rs: int) -> str | None:
        """"former" where words right after the name make the title that of their term ("President X's term",
        "Cumhurbaşkanı X döneminde", "Prezident X-in dövründə": ``titles.term_after_name``)."""
        return "former" if self.ok(name.last, rs) and self.term_after_name.match(self.toks, name.last) else None

    def _possessive(self, k: int) -> bool:
        """Token ``k`` ends in a genitive after an apostrophe (``titles.possessive_endings``: "President's")."""
        t = self.toks[k]
        return t.base != t.text and self.lang.lower(t.text[len(t.base) + 1:]) in self.possessive_endings

    def _modifier_ending(self, end: int) -> tuple[str, int] | None:
        """A modifier ending right before token ``end``, not a word of ``titles.link_adverbs`` ("yeniden", again, is no
        "yeni", new)."""
        mod = self.modifiers.match_ending(self.toks, end)
        return None if mod is None or self.toks[end - 1].lower in self.link_adverbs else mod

    def _given_name_before(self, first: int, rs: int) -> _Name | None:
        """Without capitals: a name that starts with a given name and ends right before the title."""
        name = self.name_before(first, rs)
        return name if name is not None and self.toks[name.first].lower in self.given else None

    def _across_acronym(self, role: str, rs: int, re_: int) -> str:
        """The role of a body's word and the title word with the body's abbreviation between them:
        "Seçim Kurulu (YSK) Başkanı" is the chair, as "Kurulu Başkanı" is."""
        toks = self.toks
        if rs < 4 or not self.ok(rs - 4, rs) or toks[rs - 1].text != ")" or toks[rs - 3].text != "(" or not _ACRONYM.fullmatch(toks[rs - 2].base):
            return role
        m = self.roles.match([toks[rs - 4], *toks[rs:re_]], 0)
        return m[0] if m and m[1] == 1 + re_ - rs else role

    def _claim_before(self, name: _Name, end: int, role, runs, modifier) -> list[dict]:
        self.used.update(range(name.first, name.last))
        org, portfolio = self.organisation(runs, role)
        return [self._claim(name.first, end, name, role, org, portfolio, modifier)]

    def _claim(self, first, last, name: _Name, role, org, portfolio, modifier) -> dict:
        if role in self.event_roles and any(_EDITION.fullmatch(self.toks[k].base) or self.events.match(self.toks, k) for k in range(first, last)):
            role = self.event_roles[role]  # "COP29 Başkanı": who heads a conference is its president
        person = self.doc.source(name.first, name.last)
        if name.trim:
            person = person[: -name.trim]
        claim = self.doc.claim(
            "title", first, last,
            person_text=person, person_full=name.full, role=role, org_text=org, portfolio=portfolio, modifier=modifier,
        )
        return name.cut(claim, last)


def extract_titles(doc: Document) -> list[dict]:
    return _Titles(doc).run()
