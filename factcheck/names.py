"""Comparing names across scripts and spellings.

A name is romanised with its language's table (Azerbaijani ə→a, q→g, c→j,
x→kh; Persian script to Latin), then compared by edit distance and by its
consonant skeleton, which absorbs the vowels that Persian script leaves out
and the doubling that transliterations disagree on.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from factcheck.lang import available, load
from factcheck.text import normalise

_VOWELS = re.compile(r"[aeiouy]")
_NOT_LETTER = re.compile(r"[^a-z0-9 ]+")


@functools.cache
def guess_language(text: str) -> str | None:
    """The language whose romanisation table covers most letters of ``text`` that are not plain
    ASCII; None for plain Latin ("Turkic Council" is no Azerbaijani name, whose c would read as j)."""
    best, best_n = None, 0
    letters = [ch for ch in text.lower() if not ch.isascii()]
    for code in available():
        table = load(code).get("romanization.letters") or {}
        n = sum(ch in table for ch in letters)
        if n > best_n:
            best, best_n = code, n
    return best


def romanise_any(text: str) -> str:
    """``romanise`` for a name of no stated language (a rule file's alias)."""
    return romanise(text, guess_language(text))


def romanise(text: str, lang: str | None = None) -> str:
    """Lower-case Latin form of ``text`` using the language's romanisation table."""
    language = load(lang) if lang else None
    s = normalise(text).text
    s = language.lower(s) if language else s.lower()
    if language is not None:
        table = language.get("romanization.letters") or {}
        initial = language.get("romanization.initial") or {}
        out = []
        for k, ch in enumerate(s):
            at_start = k == 0 or not s[k - 1].isalnum()
            out.append(initial.get(ch, table.get(ch, ch)) if at_start else table.get(ch, ch))
        s = "".join(out)
    s = unicodedata.normalize("NFKD", s.replace("ı", "i"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _NOT_LETTER.sub(" ", s.replace("-", " "))
    return " ".join(s.split())


# Sounds that transliterations of one name disagree on: voiced and voiceless pairs, and digraphs
# ("Rəcəb"/"Recep", "Əhməd"/"Ahmet", "Джевдет"/"Cevdet").
_DIGRAPHS = (("dzh", "c"), ("dj", "c"), ("kh", "h"), ("sh", "s"), ("ch", "c"), ("zh", "s"), ("gh", "k"), ("ts", "s"))
_SOUNDS = str.maketrans("bdgqzvwjx", "ptkksffch")


def skeleton(romanised: str) -> str:
    """Consonant classes of each word, doubles collapsed: "sattar rahimi" -> "str rhm"."""
    words = []
    for w in romanised.split():
        for a, b in _DIGRAPHS:
            w = w.replace(a, b)
        c = _VOWELS.sub("", w).translate(_SOUNDS)
        words.append(re.sub(r"(.)\1+", r"\1", c))
    return " ".join(w for w in words if w)


def same_romanised(ra: str, rb: str, threshold: float = 85) -> bool:
    """Two romanised names are the same name: close spelling, or the same consonant skeleton."""
    from rapidfuzz import fuzz

    if not ra or not rb:
        return False
    if fuzz.ratio(ra, rb) >= threshold:
        return True
    sa, sb = skeleton(ra), skeleton(rb)
    return bool(sa) and fuzz.ratio(sa, sb) >= 90


def same_name(a: str, lang_a: str | None, b: str, lang_b: str | None, threshold: float = 85) -> bool:
    return same_romanised(romanise(a, lang_a), romanise(b, lang_b), threshold)


def country_of(text: str, lang: str) -> str | None:
    """The ISO code of the country that ``text`` names in the language ("Azərbaycanın" -> "AZ").

    Only when the text is the country's name, perhaps with one more word ("Azerbaijan's",
    "Azerbaycan Cumhuriyeti"), not a body of the country ("Azerbaijan Chess Federation").
    """
    language = load(lang)
    tokens = [t for t in language.tokens(normalise(text).text) if t.kind != "punct"]
    lexicon = language.lexicon("countries")
    for k in range(len(tokens)):
        if (m := lexicon.match(tokens, k)) and len(tokens) - (m[1] - k) <= 1:
            return m[0]
    return None
