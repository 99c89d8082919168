"""Organisations and portfolios around a title: the words before it ("Azərbaycanın Baş naziri", "Yüksek Seçim
Kurulu (YSK) Başkanı"), after it ("Minister of Foreign Affairs of X", "министр транспорта, связи и высоких
технологий"), and which of them is the organisation (a country's name, a body) and which the portfolio."""

from __future__ import annotations

import itertools

from factcheck.extraction.events import _ACRONYM, _EDITION
from factcheck.extraction.people import PersonNames
from factcheck.lang import Lexicon

MAX_ORG = 12
MAX_BODY = 4  # lower-case words of a body's name after a possessive ("Azerbaijan's state oil company")
# Roles whose words before or after the title name a field ("Energy Minister") or, for an ambassador, a
# posting ("Azerbaycan'ın Ankara Büyükelçisi"), not an organisation.
PORTFOLIO_ROLES = {"minister", "deputy_minister", "deputy_prime_minister", "ambassador"}


class Organisations(PersonNames):
    """What the title extractor (``factcheck.extraction.titles._Titles``) reads of organisations; it sets these."""

    modifiers: Lexicon
    modifiers_after: Lexicon
    state_words: Lexicon
    org_words: Lexicon
    portfolio_words: Lexicon
    countries: Lexicon
    joins: frozenset[str]
    of_words: frozenset[str]
    breakers: frozenset[str]
    title_names_body: bool = False  # the title's own words name a body ("Keneşi Başkanı", "رئیس دوما")

    # --- organisations ---------------------------------------------------------
    def org_word(self, k: int) -> bool:
        """A word that can be part of an organisation's name written before a title."""
        t = self.toks[k]
        if t.kind == "mixed":
            return bool(_EDITION.fullmatch(t.base))  # an event's edition: "COP29 Başkanı"
        if t.kind != "word" or t.lower in self.not_names or t.lower in self.determiners or t.lower in self.stopwords:
            return False
        if self.breakers and not self.countries.match(self.toks, k) and any(
            t.lower.endswith(b) and t.lower[: -len(b)] in t.stems for b in self.breakers
        ):
            return False  # "Tədbirdə", "Toplantıya": a place or time, not part of a name
        return self.capital(k) or bool(self.org_words.match(self.toks, k) or self.org_words.match_ending(self.toks, k + 1))

    def capital(self, k: int) -> bool:
        t = self.toks[k]
        return t.text[:1].isupper() or bool(_ACRONYM.fullmatch(t.base))

    def org_before(self, rs: int, portfolio: bool = False) -> int:
        """First token of the organisation or portfolio written before a title at ``rs``; with ``portfolio`` (a
        minister's title), lower-case words of ``titles.portfolio_words`` too ("Tədbirdə səhiyyə naziri", "health minister")."""
        if self.genitive_after:
            return rs
        toks = self.toks
        first = rs
        k = rs - 1
        while self.ok(k, rs) and rs - k <= MAX_ORG:
            t = toks[k]
            if self.modifiers.match_ending(toks, k + 1):
                break  # "Former British Prime Minister": the modifier is no part of the organisation
            if self.org_word(k) or (portfolio and self.portfolio_words.match(toks, k)):
                first = k
            elif t.text == ")" and self.ok(k - 2, rs) and toks[k - 2].text == "(" and _ACRONYM.fullmatch(toks[k - 1].base):
                first = k - 2
                k -= 2
            elif first < rs and (t.lower in self.joins or t.lower in self.of_words) and self.ok(k - 1, rs) and (
                self.org_word(k - 1) or (portfolio and self.portfolio_words.match(toks, k - 1))
            ):
                # "Bilgi ve İletişim"; a comma only inside an enumeration ("Ulaştırma, Denizcilik ve Haberleşme")
                if t.kind == "punct" and (
                    self.countries.match(toks, first) or not any(toks[j].lower in self.joins and toks[j].kind == "word" for j in range(first, rs))
                ):
                    break
            else:
                break
            k -= 1
        # Lower-case words ("xarici işlər") only inside a name that starts with a capital, or a minister's portfolio.
        while first < rs and not self.capital(first) and not (portfolio and self.portfolio_words.match(toks, first)):
            first += 1
        return first

    def org_after(self, k: int, anchor: int) -> tuple[int, int]:
        """[first, last) of an organisation or portfolio written after a title."""
        toks = self.toks
        first = k
        while self.ok(k, anchor) and toks[k].lower in self.determiners:
            k += 1
        if self.ok(k, anchor) and toks[k].lower in self.of_words:
            j = k + 1
            while self.ok(j, anchor) and toks[j].lower in self.determiners:
                j += 1
            content = j  # a title right after "of (the)" is the organisation ("Press Secretary of the President");
            # one further on starts the next person's title
            while self.ok(j, anchor) and j - k <= MAX_ORG and not self.honorifics.match(toks, j) and not (
                j > content and self.roles.match(toks, j)
            ):
                t = toks[j]
                if t.kind == "word" and (t.text[:1].isupper() or t.lower in self.determiners):
                    j += 1
                elif t.text == "(" and self.ok(j + 2, anchor) and _ACRONYM.fullmatch(toks[j + 1].base) and toks[j + 2].text == ")":
                    j += 3  # "Central Election Commission (CEC)"
                elif j > content and toks[j - 1].base != toks[j - 1].text and (body := self._body_after_possessive(j, anchor)):
                    j = body  # "president of Azerbaijan's chess federation": the body is the country's, not the country
                elif t.lower in self.joins or t.lower in self.of_words:
                    if self.ok(j + 1, anchor) and toks[j + 1].text[:1].isupper() and (
                        t.kind == "word" or (self._enumeration_goes_on(j + 1, anchor) and not self._joined(content, j))
                    ):  # a comma after an enumeration that "and" closed ends it: "of Iran and Azerbaijan, X and Y"
                        j += 1
                    else:
                        break
                else:
                    break
            return first, j
        if not self.genitive_after:
            return first, first
        j = k
        while self.ok(j, anchor) and j - k < MAX_ORG:
            t = toks[j]
            if t.kind != "word" and t.text not in "()" and not (
                self.lang.cased and t.lower in self.joins and self.ok(j + 1, anchor) and toks[j + 1].lower not in self.joins
                and self._enumeration_goes_on(j + 1, anchor)
            ):  # a comma only inside an enumeration that a capital ends: "министр транспорта, связи и высоких технологий"
                break
            if self.lang.cased and (
                (t.is_capitalised and not self.countries.match(toks, j) and not self.blocked(j))
                or (len(t.text) == 1 and t.text.isupper() and self.ok(j + 1, anchor) and toks[j + 1].text == ".")
            ):
                break  # the name starts
            if not self.lang.cased and (t.lower in self.given or self.honorifics.match(toks, j)):
                break
            if (t.lower in self.stopwords and t.lower not in self.joins) or self.modifiers_after.match(toks, j):
                break
            j += 1
        return first, j

    def _body_after_possessive(self, k: int, anchor: int) -> int | None:
        """The end of the lower-case words of a body's name at ``k``, right after a possessive ("Azerbaijan's
        chess federation", "Iran's national oil company"), up to a word of ``titles.org_words``."""
        for j in range(k, k + MAX_BODY):
            if not self.ok(j, anchor) or self.toks[j].kind != "word" or self.capital(j):
                return None
            if m := self.org_words.match(self.toks, j):
                return m[1]
        return None

    def _joined(self, first: int, last: int) -> bool:
        """Whether a word such as "and" stands among tokens [first, last)."""
        return any(self.toks[j].kind == "word" and self.toks[j].lower in self.joins for j in range(first, last))

    def _enumeration_goes_on(self, k: int, anchor: int) -> bool:
        """After a comma inside a name: does a word such as "and" follow before the next comma or
        title? ("Transport, Maritime Affairs and Communications", but not "..., Kyrgyz Minister")"""
        while self.ok(k, anchor) and not self.roles.match(self.toks, k):
            t = self.toks[k]
            if t.kind == "punct":
                return False
            if t.lower in self.joins:
                return True
            k += 1
        return False

    def organisation(self, runs: list[tuple[int, int]], role: str) -> tuple[str | None, str | None]:
        """Organisation and portfolio from the words around a title.

        A country named there is the organisation ("Kırgız Cumhuriyeti", "ترکیه")
        and the other words are the portfolio; without a country, a minister's
        words are a portfolio ("Energy Minister") and anyone else's an organisation.
        """
        toks = self.toks
        pieces = list(self._trimmed(runs))
        country = None
        for first, last in pieces:
            for k in range(first, last):
                m = self.countries.match(toks, k)
                if m and m[1] <= last:
                    start, end = k, m[1]
                    if (sw := self.state_words.match_ending(toks, start)) and sw[1] >= first:
                        start = sw[1]  # "Republic of X", "جمهوری اسلامی X"
                    elif end < last and (sw := self.state_words.match(toks, end)) and (sw[1] >= last or self.capital(sw[1])):
                        end = sw[1]  # "Azerbaycan Cumhuriyeti"; not "Азербайджанской федерации шахмат", a chess federation
                    country = (start, end)
                    break
            if country:
                break
        if country is None:
            for first, last in pieces:
                for k in range(first, last):
                    m = self.state_words.match(toks, k)
                    if m and m[1] < last:
                        country = (first, m[1])
                        break
        rest = []
        for first, last in pieces:
            if country and first <= country[0] < last:
                rest += [r for r in ((first, country[0]), (country[1], last)) if r[0] < r[1]]
            else:
                rest.append((first, last))
        rest = list(self._trimmed(rest))
        rest_text = " ".join(self.doc.source(a, b) for a, b in rest) or None
        # (without capitals, the words beside a country may be any: only an organisation's word counts there; words
        # only before the country may be the sentence's: "Zirvəyə Azərbaycan Prezidenti")
        named_after = self.lang.cased and not self.title_names_body and any(a >= country[1] for a, _ in rest) if country else False
        if country and role not in PORTFOLIO_ROLES and rest and (named_after or any(
            self.org_words.match(toks, k) or self.roles.match(toks, k) for a, b in rest for k in range(a, b)
        )):
            # "МИД России", "سازمان فضایی ایران", "президента России", "Azerbaijan's COP29", "Azerbaijani Red Crescent
            # Society": only a minister's or an ambassador's title has a portfolio beside the country; anyone else's
            # words beside it name the country's institution, event or company, the organisation (unless the title
            # names the body itself: "Kırgızistan Jogorku Keneşi Başkanı" chairs the country's parliament)
            return " ".join(self.doc.source(a, b) for a, b in pieces), None
        if country:
            return self.doc.source(*country), rest_text
        if role in PORTFOLIO_ROLES:
            return None, rest_text
        return rest_text, None

    def respective(self, runs: list[tuple[int, int]], role: str, n: int) -> list[tuple[str | None, str | None]] | None:
        """Organisation and portfolio of each of ``n`` names after a title whose words name a list of countries
        ("the presidents of Iran and Azerbaijan, X and Y", "Azərbaycan və İran prezidentləri X və Y"): the
        countries in turn when there are as many as names, else none (whose is which is not said); None
        where the words name no such list."""
        toks = self.toks
        spans = []
        for first, last in self._trimmed(runs):
            k = first
            while k < last:
                m = self.countries.match(toks, k)
                if m and m[1] <= last:
                    spans.append((k, m[1]))
                    k = m[1]
                else:
                    k += 1
        if len(spans) < 2 or any(not all(toks[x].lower in self.joins for x in range(a[1], b[0])) or a[1] == b[0]
                                 for a, b in itertools.pairwise(spans)):
            return None
        rest = [r for first, last in runs for r in ((first, min(last, spans[0][0])), (max(first, spans[-1][1]), last)) if r[0] < r[1]]
        org, portfolio = self.organisation(rest, role) if rest else (None, None)
        if org is not None:
            return [(None, None)] * n  # "the chess federations of A and B": bodies of the countries, not named
        if n != len(spans):
            return [(None, portfolio)] * n
        return [(self.doc.source(*span), portfolio) for span in spans]

    def _trimmed(self, ranges):
        """Token ranges without joins, "of" and articles at their ends; empty ones dropped."""
        edges = self.joins | self.of_words | self.determiners
        for first, last in ranges:
            while first < last and self.toks[first].lower in edges:
                first += 1
            while last > first and self.toks[last - 1].lower in edges:
                last -= 1
            if first < last:
                yield first, last
