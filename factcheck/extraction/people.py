"""People's names in text, for titles and ages: capitalised words (or, without capitals, given names),
initials and particles; a name before a title, after it, set off by commas or past an aside; and a
surname alone, given in full elsewhere in the article. A mixin of the title extractor
(``factcheck.extraction.titles``), whose word lists it reads."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.extraction.document import Document
    from factcheck.lang import Language, Lexicon
    from factcheck.text import Token

MAX_NAME = 4
ASIDE = 12  # words of an aside between a name and the predicate that gives it a title


@dataclass
class _Name:
    first: int
    last: int
    trim: int = 0  # characters of an apostrophe suffix to leave out ("’in")
    full: str | None = None  # a surname alone: the full name the article gives it elsewhere

    def cut(self, claim: dict, last: int) -> dict:
        """``claim`` (ending at token ``last``) without the name's suffix when it ends with the name."""
        if self.trim and last == self.last:
            claim["end"] -= self.trim
            claim["text"] = claim["text"][: -self.trim]
        return claim


class TitleParts:
    """What ``PersonNames`` reads of the title extractor (``factcheck.extraction.titles._Titles``), which
    sets it in its ``__init__`` and defines ``ok``."""

    doc: Document
    toks: list[Token]
    lang: Language
    roles: Lexicon
    honorifics: Lexicon
    links: Lexicon  # predicate links: "was confirmed as", "currently"
    links_after: Lexicon  # and those after the title: "seçildi", "təyin edilib"
    link_adverbs: frozenset[str]  # words between a name and the title such a link gives it: "yeniden"
    blockers: tuple[Lexicon, ...]  # lexicons of words that are no part of a name
    blocker_firsts: frozenset[str]  # the words their phrases start with
    not_names: frozenset[str]
    stopwords: frozenset[str]
    given: frozenset[str]  # given names
    joins: frozenset[str]  # what separates names in a list: ",", "and"
    particles: frozenset[str]  # "bin", "van", ...
    determiners: frozenset[str]
    genitive_after: bool
    surname_endings: tuple[str, ...]
    place_endings: tuple[str, ...]
    used: set[int]  # tokens a title has taken

    def ok(self, k: int, anchor: int) -> bool:
        raise NotImplementedError


class PersonNames(TitleParts):
    def blocked(self, k: int) -> bool:
        t = self.toks[k]
        if t.lower in self.not_names or t.lower in self.stopwords:
            return True
        if self.surname_form(k):
            return False
        return not self.blocker_firsts.isdisjoint(t.stems) and any(lex.match(self.toks, k) for lex in self.blockers)

    def surname_form(self, k: int) -> bool:
        """Without capitals, a word that is a title or another blocker only through a suffix, right after a
        given name: a surname made of it ("علی وزیری", Vaziri, not "a minister")."""
        t = self.toks[k]
        return not self.lang.cased and k > 0 and self.toks[k - 1].lower in self.given and self.doc.same_sentence(k - 1, k) \
            and t.lower not in self.blocker_firsts and not self.blocker_firsts.isdisjoint(t.stems)

    def name_word(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind != "word":
            return False
        if self.lang.cased:
            return (t.is_capitalised or self._particle_joined(t)) and not self.blocked(k)
        return t.lower not in self.stopwords and not self.blocked(k)

    def _particle_joined(self, t: Token) -> bool:
        """A name's particle joined to the next word by a hyphen: "Halid el-Emin", "аль-Амин"."""
        particle, _, rest = t.base.partition("-")
        return rest[:1].isupper() and self.lang.lower(particle) in self.particles

    def skip_honorifics(self, k: int, anchor: int, stacked: bool = True) -> tuple[int, bool]:
        """Index after honorifics (and, with ``stacked``, titles stacked on the title) at ``k``; whether any was seen."""
        seen = False
        while self.ok(k, anchor):
            m = self.honorifics.match(self.toks, k) or (
                self.roles.match(self.toks, k) if stacked and not self.genitive_after else None
            )
            if m is None:
                break
            seen = True
            self.used.update(range(k, m[1]))
            k = m[1]
            if self.ok(k, anchor) and self.toks[k].text == "." and self.doc.adjacent(k - 1, k):
                k += 1
        return k, seen

    def name_at(self, k: int, anchor: int, honorific: bool = False, surname: bool = True) -> _Name | None:
        """A person's name that starts at token ``k``; with ``surname``, also a single word that the
        article gives in full elsewhere ("Cumhurbaşkanı Yılmaz" after "Ayşe Nur Yılmaz")."""
        toks = self.toks
        j = k
        words = 0
        while self.ok(j, anchor) and words < MAX_NAME:
            t = toks[j]
            if self.lang.cased and len(t.text) == 1 and t.text.isupper() and self.ok(j + 1, anchor) and toks[j + 1].text == "." and self.ok(j + 2, anchor) and self.name_word(j + 2):
                words += 1  # an initial: "J. Doe"
                j += 2
                continue
            if self.name_word(j):
                if not self.lang.cased and words == 0 and not honorific and t.lower not in self.given:
                    return None
                if words >= 2 and self._place_case(t):
                    break  # "İlham Əliyev Şuşada": a place with its case ending follows the name
                words += 1
                j += 1
                if t.base != t.text or (self.surname_endings and (self._ending(t) or (words >= 2 and self._surname(t.lower)))):
                    break  # "Zakir Həsənovun Ankara səfəri", "Əli Quliyev Kamran Həsənlini": a surname ends the name
            elif words and t.lower in self.particles and self.ok(j + 1, anchor) and self.name_word(j + 1):
                j += 1
            else:
                break
        if words == 1 and surname and (full := self.full_name(j - 1)):
            return _Name(k, j, self._ending(toks[j - 1]), full)  # "Cumhurbaşkanı Yılmaz"
        if words < 2:
            return None
        return _Name(k, j, self._ending(toks[j - 1]))

    @functools.cached_property
    def _surnames(self) -> dict[str, set[str]]:
        """The last word of each name of two or more words in the article -> those names (read whatever
        titles have taken already)."""
        toks = self.toks
        out: dict[str, set[str]] = {}
        used, self.used = self.used, set()
        for k, tok in enumerate(toks):
            if tok.kind != "word" or (k and self.name_word(k - 1) and self.doc.same_sentence(k - 1, k)):
                continue  # a name starts here only after a word that is not a name's
            if not (tok.is_capitalised if self.lang.cased else tok.lower in self.given):
                continue
            name = self.name_at(k, k, surname=False)
            if name is not None:
                text = self.doc.source(name.first, name.last)
                text = text[: -name.trim] if name.trim else text
                for key in {self.lang.lower(text.split()[-1]), *toks[name.last - 1].stems}:
                    out.setdefault(key, set()).add(text)
        self.used = used
        return out

    def full_name(self, k: int) -> str | None:
        """The article's full name of the single word at ``k`` (a surname): None when the article has
        none, "" when its names that end so are not one person's."""
        tok = self.toks[k]
        trim = self._ending(tok)
        word = self.lang.lower(tok.text[: -trim] if trim else tok.text)
        found: set[str] = set()
        for key in dict.fromkeys([word, *tok.stems]):
            found |= self._surnames.get(key, set())
        if not found:
            return None
        shortest = min(found, key=lambda n: (len(n.split()), len(n), n))
        # "Jane Doe" and "Yesterday Jane Doe" (a sentence's first word read as a name) are one person, and so
        # are "Иван Петров" and "Ивана Петрова" (the same words with case endings)
        words = self._word_stems(shortest)
        return shortest if all(
            len(other := self._word_stems(n)) >= len(words) and all(a & b for a, b in zip(other[len(other) - len(words):], words, strict=True))
            for n in found
        ) else ""

    def _word_stems(self, name: str) -> list[set[str]]:
        """Each word of ``name`` as the set of its stems and itself."""
        return [{t.lower, *t.stems} for t in self.lang.tokens(name) if t.kind == "word"]

    def _surname(self, word: str) -> bool:
        """A word with a surname's ending ("Əliyev", "Hacılı"), not a short name that ends so ("Əli")."""
        return any(word.endswith(e) and len(word) - len(e) >= 3 for e in self.surname_endings)

    def _place_case(self, t: Token) -> bool:
        """Where surnames are known by their endings, a word with the ending of a place (``counts.place_marks``:
        "Şuşada") whose stem is no surname."""
        return bool(self.surname_endings) and not self._ending(t) and any(
            t.lower.endswith(e) and len(t.lower) - len(e) >= 3 for e in self.place_endings)

    def _ending(self, t: Token) -> int:
        """Characters of a case ending to leave out of a name's last word ("’in"; "Məmmədovu" -> "Məmmədov")."""
        if t.base != t.text:
            return len(t.text) - len(t.base)
        if self.surname_endings and not t.lower.endswith(self.surname_endings):
            for stem in sorted(t.stems, key=len, reverse=True):
                if stem != t.lower and stem.endswith(self.surname_endings):
                    return len(t.lower) - len(stem)
        return 0

    def name_before(self, end: int, anchor: int, reuse: bool = False) -> _Name | None:
        """A name that ends at token ``end`` (exclusive), read backwards; with ``reuse``, also a name
        another title has taken ("X, a former deputy minister, was confirmed as minister")."""
        j = end
        words = 0
        # Without capitals a name's start is unmarked: from a given name when one is there, else the last three words.
        ok = (lambda k: self.doc.same_sentence(anchor, k)) if reuse else (lambda k: self.ok(k, anchor))
        while j - 1 >= 0 and ok(j - 1) and words < MAX_NAME and self.name_word(j - 1) and (
            j == end or self.toks[j - 1].base == self.toks[j - 1].text  # "Lithuania's Jonas Petraitis": a suffix ends what precedes
        ):
            j -= 1
            words += self.toks[j].lower not in self.particles  # "بن", "ibn": no word of the name's count
        if not self.lang.cased:
            j = next((k for k in range(j, end - 1) if self.toks[k].lower in self.given), max(j, end - 3))
        elif end - j == 1 and (full := self.full_name(j)):
            return _Name(j, end, self._ending(self.toks[j]), full)  # "Doe, chairman of ...": the article names him in full
        if end - j < 2:
            return None
        return _Name(j, end)

    def name_set_off(self, k: int, anchor: int, listed: bool = False) -> _Name | None:
        """A name between a comma at ``k`` and another comma or the sentence's end, after a title:
        "the Secretary-General, Jane Doe, said"; with ``listed`` (a plural title), the first of several names
        ("the presidents of A and B, Jane Doe and Ali Khan, met")."""
        toks = self.toks
        if not (self.ok(k, anchor) and toks[k].text == "," and self.ok(k + 1, anchor)):
            return None
        used = set(self.used)
        start, ranked = self.skip_honorifics(k + 1, anchor)  # "Baş katibi, səfir Elnur Məmmədli": a rank, no second post
        name = self.name_at(start, anchor)
        end_here = name is not None and (name.last >= len(toks) or not self.doc.same_sentence(anchor, name.last))
        if name is not None and (ranked or end_here or toks[name.last].text in ",.;" or (listed and toks[name.last].lower in self.joins)):
            return name
        self.used = used  # the words after the comma are no rank of this title's
        return None

    def _past_aside(self, end: int, anchor: int) -> int:
        """Where a name ends before ``end``, past an aside set off by commas: "Jane Doe, a former
        deputy foreign minister, was confirmed as ..." (at most ``ASIDE`` words)."""
        toks = self.toks
        if not (self.ok(end - 1, anchor) and toks[end - 1].text == ","):
            return end
        for k in range(end - 2, max(-1, end - 2 - ASIDE), -1):
            if not self.doc.same_sentence(anchor, k):
                break
            if toks[k].text == ",":
                return k
        return end

    def named_by_verb(self, first: int, end: int, anchor: int) -> tuple[_Name, str] | None:
        """The name before a title, past words of ``titles.link_adverbs``, that a verb right after the title gives
        it ("Ahmet Kaya yeniden Cumhurbaşkanı seçildi", "Əli Quliyev İranın yeni prezidenti
        seçilib"), and the label of that ``titles.links_after`` phrase; None without one."""
        link = self.links_after.match(self.toks, end) if self.ok(end, anchor) else None
        if link is None:
            return None
        # a name that opens the capitalised run read as the organisation ("Aynur Kərimova BMT-nin yeni Baş katibi")
        name = self.name_at(first, anchor, surname=False) if self.lang.cased else None
        if name is None:
            j = first
            while self.ok(j - 1, anchor) and self.toks[j - 1].lower in self.link_adverbs:
                j -= 1
            name = self.name_before(j, anchor)
        return (name, link[0]) if name is not None else None

    def appositive(self, first: int, anchor: int) -> _Name | None:
        """A name before the title and a comma: "Jane Doe, Prime Minister of X"; "X، وزیر ..."."""
        j = first - 1
        while self.ok(j, anchor) and self.toks[j].lower in self.determiners:
            j -= 1
        if (link := self.links.match_ending(self.toks, j + 1)) and link[0] == "current" and self.ok(link[1], anchor):
            j = link[1] - 1  # "Jane Doe, currently (the) Director of ..."
        if self.ok(j, anchor) and self.toks[j].text in ",،":
            return self.name_before(j, anchor)
        return None

    def name_in_run(self, first: int, last: int) -> _Name | None:
        """The name inside a capitalised run after a title: its last block of name words.

        "of Information Technologies and Communications Aibek Temirov and ..." ->
        "Aibek Temirov"; a longer block keeps its last two words ("Natural Resources
        Jane Doe" -> "Jane Doe"), three when they are all it has.
        """
        blocks, k = [], first
        while k < last:
            if self.name_word(k):
                start = k
                while k < last and self.name_word(k):
                    k += 1
                blocks.append((start, k))
            else:
                k += 1
        blocks = [b for b in blocks if b[1] - b[0] >= 2]
        if not blocks:
            return None
        start, end = blocks[-1]
        if end - start > 3:
            start = end - 2
        return _Name(start, end, self._ending(self.toks[end - 1]))
