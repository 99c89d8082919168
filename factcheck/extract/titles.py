"""Title claims: a person, the role the text gives them, and the organisation.

Handles a title before the name with the organisation before it ("Azərbaycanın
Baş naziri X Y", genitive chains), or after it ("Minister of Foreign
Affairs of X Jane Doe", "министр связи Ирана ..."), the name before the title
("Jane Doe, Prime Minister of X", "X، وزیر ..."), several people
after one plural title, and modifiers such as "former" or "acting".
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.extract.document import Document
from factcheck.extract.events import _ACRONYM

MAX_NAME = 4
MAX_ORG = 12


@dataclass
class _Name:
    first: int
    last: int
    trim: int = 0  # characters of an apostrophe suffix to leave out ("’in")


class _Titles:
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        lang = doc.lang
        self.lang = lang
        self.roles = lang.lexicon("titles.roles")
        self.modifiers = lang.lexicon("titles.modifiers")
        self.honorifics = lang.lexicon("titles.honorifics")
        self.blockers = [
            self.roles,
            self.honorifics,
            lang.lexicon("titles.other_titles"),
            lang.lexicon("titles.org_words"),
            lang.lexicon("countries"),
            lang.lexicon("events.nouns"),
            lang.lexicon("dates.months"),
            lang.lexicon("dates.weekdays"),
        ]
        self.state_words = lang.lexicon("titles.state_words")
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
        self.used: set[int] = set()

    # --- words --------------------------------------------------------------
    def ok(self, k: int, anchor: int) -> bool:
        return 0 <= k < len(self.toks) and self.doc.same_sentence(anchor, k) and k not in self.used

    def blocked(self, k: int) -> bool:
        t = self.toks[k]
        if t.lower in self.not_names or t.lower in self.stopwords:
            return True
        return any(lex.match(self.toks, k) for lex in self.blockers)

    def name_word(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind != "word":
            return False
        if self.lang.cased:
            return t.is_capitalised and not self.blocked(k)
        return t.lower not in self.stopwords and not self.blocked(k)

    def skip_honorifics(self, k: int, anchor: int) -> tuple[int, bool]:
        """Index after honorifics (and stacked titles) at ``k``; whether any was seen."""
        seen = False
        while self.ok(k, anchor):
            m = self.honorifics.match(self.toks, k) or self.roles.match(self.toks, k)
            if m is None:
                break
            seen = True
            self.used.update(range(k, m[1]))
            k = m[1]
            if self.ok(k, anchor) and self.toks[k].text == "." and self.doc.adjacent(k - 1, k):
                k += 1
        return k, seen

    def name_at(self, k: int, anchor: int, honorific: bool = False) -> _Name | None:
        """A person's name that starts at token ``k``."""
        toks = self.toks
        j = k
        words = 0
        while self.ok(j, anchor) and words < MAX_NAME:
            t = toks[j]
            if self.name_word(j):
                if not self.lang.cased and words == 0 and not honorific and t.lower not in self.given:
                    return None
                words += 1
                j += 1
                if t.base != t.text:
                    break
            elif words and t.lower in self.particles and self.ok(j + 1, anchor) and self.name_word(j + 1):
                j += 1
            else:
                break
        if words < 2:
            return None
        last = toks[j - 1]
        return _Name(k, j, len(last.text) - len(last.base))

    def name_before(self, end: int, anchor: int) -> _Name | None:
        """A name that ends at token ``end`` (exclusive), read backwards."""
        j = end
        words = 0
        while j - 1 >= 0 and self.ok(j - 1, anchor) and words < MAX_NAME and self.name_word(j - 1):
            j -= 1
            words += 1
        if words < 2:
            return None
        return _Name(j, end)

    # --- organisations ---------------------------------------------------------
    def org_before(self, rs: int) -> int:
        """First token of the organisation written before a title at ``rs``."""
        toks = self.toks
        first = rs
        k = rs - 1
        while self.ok(k, rs) and rs - k <= MAX_ORG:
            t = toks[k]
            if t.kind == "word" and (t.text[:1].isupper() or _ACRONYM.fullmatch(t.base)):
                first = k
            elif t.text == ")" and self.ok(k - 2, rs) and toks[k - 2].text == "(" and _ACRONYM.fullmatch(toks[k - 1].base):
                first = k - 2
                k -= 2
            elif (
                first < rs
                and (t.lower in self.joins or t.lower in self.of_words)
                and self.ok(k - 1, rs)
                and toks[k - 1].text[:1].isupper()
                and not (t.kind == "punct" and self.countries.match(toks, first))
            ):
                pass  # "Bilgi ve İletişim", "Ulaştırma, Denizcilik", but not across "X, Azerbaycan Cumhuriyeti"
            else:
                break
            k -= 1
        return first

    def org_after(self, k: int, anchor: int) -> tuple[int, int]:
        """[first, last) of an organisation or portfolio written after a title."""
        toks = self.toks
        first = k
        while self.ok(k, anchor) and toks[k].lower in self.determiners:
            k += 1
        if self.ok(k, anchor) and toks[k].lower in self.of_words:
            j = k + 1
            while self.ok(j, anchor) and j - k <= MAX_ORG:
                t = toks[j]
                if t.kind == "word" and (t.text[:1].isupper() or t.lower in self.determiners):
                    j += 1
                elif t.lower in self.joins or t.lower in self.of_words:
                    if self.ok(j + 1, anchor) and toks[j + 1].text[:1].isupper():
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
            if t.kind != "word" and t.text not in "()":
                break
            if self.lang.cased and t.is_capitalised and not self.countries.match(toks, j) and not self.blocked(j):
                break  # the name starts
            if not self.lang.cased and (t.lower in self.given or self.honorifics.match(toks, j)):
                break
            if t.lower in self.stopwords and t.lower not in self.joins:
                break
            j += 1
        return first, j

    def split_org(self, first: int, last: int) -> tuple[str | None, str | None]:
        """Organisation and portfolio: "Kırgız Cumhuriyeti | Bilgi Teknolojileri ve İletişim"."""
        toks = self.toks
        while last > first and (toks[last - 1].lower in self.joins or toks[last - 1].lower in self.of_words or toks[last - 1].lower in self.determiners):
            last -= 1
        while first < last and (toks[first].lower in self.of_words or toks[first].lower in self.determiners):
            first += 1
        if last <= first:
            return None, None
        for k in range(first, last):
            m = self.state_words.match(toks, k)
            if m and m[1] < last:
                return self.doc.source(first, m[1]), self.doc.source(m[1], last)
        m = self.countries.match(toks, first)
        if m and m[1] < last and toks[m[1]].lower not in self.of_words:
            return self.doc.source(first, m[1]), self.doc.source(m[1], last)
        return self.doc.source(first, last), None

    # --- titles -----------------------------------------------------------------
    def run(self) -> list[dict]:
        toks = self.toks
        # Names after titles that are not roles ("Araştırma Uzmanı Dastan Almen") are nobody's organisation.
        others = self.lang.lexicon("titles.other_titles")
        k = 0
        while k < len(toks):
            if role := self.roles.match(toks, k):
                k = role[1]
                continue
            m = others.match(toks, k)
            if m and (name := self.name_at(m[1], k)):
                self.used.update(range(name.first, name.last))
            k += 1
        claims = []
        i = 0
        while i < len(toks):
            m = self.roles.match(toks, i) if i not in self.used else None
            if m is None:
                i += 1
                continue
            role, rs, re_ = m[0], i, m[1]
            self.used.update(range(rs, re_))
            last_tok = toks[re_ - 1]
            plural = any(last_tok.lower.endswith(s) and last_tok.lower[: -len(s)] in last_tok.stems for s in self.plural)
            modifier = None
            start = rs
            mod = self.modifiers.match_ending(toks, rs)
            if mod and self.ok(mod[1], rs):
                modifier, start = mod
            org_first = self.org_before(start)
            k, honorific = self.skip_honorifics(re_, rs)
            of_first, of_last = self.org_after(k, rs)
            k2, honorific2 = self.skip_honorifics(of_last, rs)
            names = []
            name = self.name_at(k2, rs, honorific or honorific2)
            if name is None and of_last > of_first and self.lang.cased:
                # "Minister of Foreign Affairs Jane Doe": the name is the end of the run
                for cut in range(max(of_first + 1, of_last - 3), of_last - 1):
                    if all(self.name_word(j) for j in range(cut, of_last)) and of_last - cut >= 2:
                        name, of_last = _Name(cut, of_last), cut
                        break
            if name is not None:
                names.append(name)
                self.used.update(range(name.first, name.last))
                while plural and self.ok(name.last, rs) and toks[name.last].lower in self.joins:
                    name = self.name_at(name.last + 1, rs)
                    if name is None:
                        break
                    names.append(name)
                    self.used.update(range(name.first, name.last))
                org, portfolio = self.split_org(org_first, start) if org_first < start else self.split_org(of_first, of_last)
                if org_first < start and of_last > of_first and portfolio is None:
                    portfolio = self.doc.source(of_first, of_last)
                for nm in names:
                    claims.append(self._claim(min(org_first, start), nm.last, nm, role, org, portfolio, modifier, nm.trim))
                i = max(re_, names[-1].last)
                continue
            # The name before the title: "Jane Doe, Prime Minister of X"; "X، وزیر ..."
            j = start - 1
            while self.ok(j, rs) and toks[j].lower in self.determiners:
                j -= 1
            if org_first == start and self.ok(j, rs) and toks[j].text in ",،":
                name = self.name_before(j, rs)
                if name is not None:
                    self.used.update(range(name.first, name.last))
                    org, portfolio = self.split_org(of_first, of_last)
                    claims.append(self._claim(name.first, max(re_, of_last), name, role, org, portfolio, modifier))
            i = re_
        return claims

    def _claim(self, first, last, name: _Name, role, org, portfolio, modifier, trim=0) -> dict:
        person = self.doc.source(name.first, name.last)
        if name.trim:
            person = person[: -name.trim]
        claim = self.doc.claim(
            "title", first, last,
            person_text=person, role=role, org_text=org, portfolio=portfolio, modifier=modifier,
        )
        if trim and last == name.last:
            claim["end"] -= trim
            claim["text"] = claim["text"][:-trim]
        return claim


def extract_titles(doc: Document) -> list[dict]:
    return _Titles(doc).run()
