"""Age claims: a person's age written beside their name ("62-year-old Jane Doe", "Jane Doe,
62,", "69 yaşlı seçilmiş prezident Əli Quliyev", "62-летний Иван Петров", "علی رضایی ۶۹ ساله").

An age is a number in digits from 1 to 120 that the language's words make one (``ages`` in the
language files):

- ``ages.after``: words after the number, or written onto it ("62-year-old", "62-летний",
  "69 yaşındaki", "۶۹ ساله"). The name it goes with comes right after it, past a title
  ("69 yaşlı seçilmiş prezident Əli Quliyev", "62-year-old President Jane Doe"). A name
  before it goes with an age that ends its clause ("Yılmaz 69 yaşında.", "Jane Doe, 62 years
  old,") or follows an article ("Doe, a 69-year-old heart surgeon"), never with one that
  describes what follows ("Elnur Məmmədovun 60 yaşlı həyat yoldaşı" is his wife's age). Where
  ``ages.name_first`` (Persian: "علی رضایی ۶۹ ساله") the name right before it comes first;
- ``ages.before``: words before the number ("Doe, aged 62", "Петров в возрасте 62 лет"): the
  name comes before them;
- ``ages.apposition``: words after the number that make it an age only between commas after a
  name ("Иван Петров, 62 года,"); elsewhere they measure time ("20 лет");
- without words, a number in brackets or between commas right after a name ("Əli Quliyev
  (69)", "Jane Doe, 62, said").

Names are found by the title extractor's machinery (``titles._Titles``): capitals where the
script has them, given names and honorifics where it has not. A single word is a name only when
the article names that person in full elsewhere (a surname: "69 yaşındaki Yılmaz" after
"Ayşe Nur Yılmaz"), and the claim's ``person_full`` is then that full name, so that it links
to the rules' person; a surname that several of the article's names share stays as written.
"""

from __future__ import annotations

import functools
import re

from factcheck.extraction.document import Document
from factcheck.extraction.numbers import read_number
from factcheck.extraction.titles import _Name, _Titles

AGE_MIN, AGE_MAX = 1, 120
TITLE_GAP = 8  # words of a title (and its country) between an age and the name after it
CLOSERS = frozenset(",;.)،؛—–")  # what may follow an age set off after a name: "Jane Doe, 62, said"
_WRITTEN_ON = re.compile(r"(\d{1,3})[-‐'’]?([^\W\d_].*)")  # "62-year-old", "62-летний", "69ساله"


class _Ages:
    def __init__(self, doc: Document):
        self.doc = doc
        self.toks = doc.tokens
        lang = doc.lang
        self.lang = lang
        self.before = lang.lexicon("ages.before")
        self.after = lang.lexicon("ages.after")
        self.apposition = lang.lexicon("ages.apposition")
        self.name_first = bool(lang.get("ages.name_first"))

    @functools.cached_property
    def names(self) -> _Titles:
        """The title extractor's name finding (made only for a document with a number that may be an age)."""
        return _Titles(self.doc)

    @functools.cached_property
    def title_words(self) -> list:
        """Words of a title that may stand between an age and the name it goes with."""
        t = self.names
        return [t.roles, t.modifiers, t.modifiers_after, t.honorifics, t.others, t.deputies, t.countries, t.org_words,
                t.state_words]

    # --- the age ------------------------------------------------------------------
    def marked_after(self, i: int) -> int | None:
        """Index after the words of ``ages.after`` at token ``i``, or None."""
        if i < len(self.toks) and self.doc.same_sentence(i - 1, i):
            m = self.after.match(self.toks, i)
            if m:
                return m[1]
        return None

    def written_on(self, i: int) -> tuple[int, int] | None:
        """(value, index after the age's words) of a token with the age's words written onto the
        number ("62-year-old", "62-year old", "62-летнего", "69ساله")."""
        m = _WRITTEN_ON.fullmatch(self.toks[i].text)
        if m is None:
            return None
        sentence = self.toks[i].sentence
        own = self.lang.tokens(m.group(2))
        for t in own:
            t.sentence = sentence
        rest = self.toks[i + 1 : i + 1 + self.after.max_len]
        hit = self.after.match([*own, *rest], 0)
        if hit is None or hit[1] < len(own):
            return None
        return int(m.group(1)), i + 1 + hit[1] - len(own)

    # --- names ------------------------------------------------------------------
    def written(self, name: _Name) -> str:
        text = self.doc.source(name.first, name.last)
        return text[: -name.trim] if name.trim else text

    def text_of(self, name: _Name) -> str:
        """The name in full: a surname alone stands for the full name the article gives it."""
        return name.full or self.written(name)

    def one_word(self, k: int, anchor: int) -> tuple[_Name, str] | None:
        t = self.names
        if not t.ok(k, anchor) or not t.name_word(k):
            return None
        full = t.full_name(k)
        if full is None:
            return None
        name = _Name(k, k + 1, t._ending(self.toks[k]))
        return name, full or self.text_of(name)

    def name_after(self, k: int, anchor: int) -> tuple[_Name, str] | None:
        """The name at ``k``, or after a title that starts at ``k``."""
        t, toks = self.names, self.toks
        start, honorific = k, False
        while t.ok(k, anchor) and k - start < TITLE_GAP:
            if toks[k].lower in t.determiners or (k > start and toks[k].lower in t.of_words):
                k += 1
                continue
            m = next((m for lex in self.title_words if (m := lex.match(toks, k))), None)
            if m is None:
                break
            honorific = honorific or bool(t.honorifics.match(toks, k))
            k = m[1]
            if t.ok(k, anchor) and toks[k].text == "." and self.doc.adjacent(k - 1, k):
                k += 1  # "Dr."
        name = t.name_at(k, anchor, honorific)
        if name is not None:
            return name, self.text_of(name)
        return self.one_word(k, anchor)

    def name_before(self, end: int, anchor: int) -> tuple[_Name, str] | None:
        """The name that ends right before token ``end``."""
        t = self.names
        name = t.name_before(end, anchor)
        if name is not None and (self.lang.cased or self.toks[name.first].lower in t.given):
            name.trim = t._ending(self.toks[end - 1])
            return name, self.text_of(name)
        return self.one_word(end - 1, anchor)

    def name_before_comma(self, first: int, anchor: int) -> tuple[_Name, str] | None:
        """The name before a comma (and an article) that precedes token ``first``: "Doe, aged 62",
        "Doe, a 69-year-old"."""
        t, toks = self.names, self.toks
        k = first - 1
        while t.ok(k, anchor) and toks[k].lower in t.determiners:
            k -= 1
        if t.ok(k, anchor) and toks[k].text in ",،":
            return self.name_before(k, anchor)
        return None

    def name_after_comma(self, last: int, anchor: int) -> tuple[_Name, str] | None:
        """The name after a comma that follows token ``last - 1``: "At the age of 62, Jane Doe ..."."""
        if self.names.ok(last, anchor) and self.toks[last].text in ",،":
            return self.name_after(last + 1, anchor)
        return None

    def ends_clause(self, k: int) -> bool:
        """Token ``k`` is past the end of its sentence or punctuation."""
        return k >= len(self.toks) or not self.doc.same_sentence(k - 1, k) or self.toks[k].kind == "punct"

    def set_off(self, first: int, last: int) -> bool:
        """Tokens [first, last) stand between a comma or bracket and a closing mark or the sentence's end."""
        toks = self.toks
        opened = first > 0 and self.doc.same_sentence(first - 1, first) and toks[first - 1].text in ",(،"
        closed = last >= len(toks) or not self.doc.same_sentence(first, last) or toks[last].text in CLOSERS
        bracket = opened and toks[first - 1].text == "("
        return opened and closed and (not bracket or (last < len(toks) and toks[last].text == ")"))

    # --- claims ---------------------------------------------------------------------
    def run(self) -> list[dict]:
        claims = []
        done = 0  # tokens before this belong to a claim already made
        for i in [k for k, t in enumerate(self.toks) if t.kind in ("num", "mixed")]:
            if i < done:
                continue
            age = self.age_at(i)
            if age is None:
                continue
            found = self.person(i, *age[1:])
            if found is not None:
                claims.append(self.claim(age[0], *found))
                done = found[1]
        return claims

    def age_at(self, i: int) -> tuple[int, int, bool] | None:
        """(value, index after it, whether words say it is an age) of a number at token ``i`` that may be
        an age: digits, 1 to 120, a whole number of its own (not a group of "1,062" nor "16 384 403")."""
        toks, doc = self.toks, self.doc
        if toks[i].kind == "mixed":
            on = self.written_on(i)
            return None if on is None or not AGE_MIN <= on[0] <= AGE_MAX else (on[0], on[1], True)
        if len(toks[i].text) > 3 or self.in_number(i):
            return None
        # cheap first: only a number with an age's words or a comma or bracket before it can be one
        if not (i > 0 and toks[i - 1].text in ",(،") and self.marked_after(i + 1) is None \
                and self.before.match_ending(toks, i) is None:
            return None
        num = read_number(doc, i)
        if num is None or num.last != i + 1 or num.suffix or num.integer is None or not AGE_MIN <= num.integer <= AGE_MAX:
            return None
        return num.integer, i + 1, False

    def in_number(self, i: int) -> bool:
        """Token ``i`` continues a number: a group of "1,062" or "16 384 403"."""
        toks, doc = self.toks, self.doc
        if i == 0 or not doc.same_sentence(i - 1, i):
            return False
        if toks[i - 1].kind == "num":
            return True
        return i > 1 and toks[i - 1].kind == "punct" and toks[i - 2].kind == "num" and doc.adjacent(i - 1, i) \
            and doc.adjacent(i - 2, i - 1)

    def person(self, i: int, last: int, marked: bool) -> tuple[int, int, _Name, str] | None:
        """(first, last token of the claim, the name, the person's name) of a number at token ``i``
        (its age's words end at ``last``)."""
        first = i
        before = self.before.match_ending(self.toks, i)
        if before is not None and self.doc.same_sentence(before[1], i):
            first, marked = before[1], True
            words = self.after.match(self.toks, last) or self.apposition.match(self.toks, last)
            if words is not None and self.doc.same_sentence(i, last):
                last = words[1]  # "в возрасте 62 лет"
        else:
            before = None
        if not marked and (end := self.marked_after(last)) is not None:
            last, marked = end, True
        if marked:
            if before is not None:  # "Doe, aged 62", "Петров в возрасте 62 лет", "At the age of 62, Jane Doe"
                tries = [lambda: self.name_before(first, i), lambda: self.name_before_comma(first, i),
                         lambda: self.name_after_comma(last, i)]
            elif self.name_first:  # "علی رضایی ۶۹ ساله"
                tries = [lambda: self.name_before(first, i), lambda: self.name_after(last, i)]
            else:  # "62-year-old Jane Doe"; a name before goes with an age that ends its clause ("Yılmaz
                # 69 yaşında.", "Jane Doe, 62 years old,") or follows an article ("Doe, a 62-year-old surgeon"), never
                # with one that describes what follows ("X'in 60 yaşlı eşi", "Yılmaz, 70 yaşındaki meslektaşını")
                tries = [lambda: self.name_after(last, i)]
                if self.ends_clause(last):
                    tries += [lambda: self.name_before(first, i), lambda: self.name_before_comma(first, i)]
                elif first > 0 and self.toks[first - 1].lower in self.names.determiners:
                    tries.append(lambda: self.name_before_comma(first, i))
            if self.name_first:
                tries.append(lambda: self.name_before_comma(first, i))
            found = next((f for attempt in tries if (f := attempt()) is not None), None)
        else:
            appositive = self.apposition.match(self.toks, last) if self.doc.same_sentence(i, last) else None
            end = appositive[1] if appositive else last
            found = None
            if self.set_off(first, end):  # "Jane Doe, 62,", "Иван Петров, 62 года,", "Əli Quliyev (69)"
                found = self.name_before(first - 1, i)
                last = end + (self.toks[first - 1].text == "(")  # "Əli Quliyev (69)"
        if found is None:
            return None
        name, text = found
        return min(first, name.first), max(last, name.last), name, text

    def claim(self, value: int, first: int, last: int, name: _Name, person: str) -> dict:
        claim = self.doc.claim(
            "count", first, last,
            value=value, qualifier="exact", attribute="age", measure=None, subgroup=False, running=False,
            person_text=(written := self.written(name)), person_full=None if person == written else person, subject_text=None,
        )
        return name.cut(claim, last)


def extract_ages(doc: Document) -> list[dict]:
    """Count claims of people's ages (attribute ``age``, with ``person_text``)."""
    return _Ages(doc).run()

