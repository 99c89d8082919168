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


@functools.lru_cache(maxsize=1 << 17)
def plain(text: str) -> str:
    """``text`` normalised (``factcheck.text.normalise``), kept for the names seen last: linking asks for
    each of an archive's names several times (to romanise it, for its numbers, for codes)."""
    return normalise(text).text


@functools.cache
def _letters(lang: str) -> tuple[dict[int, str], dict[str, str], re.Pattern | None]:
    """The language's romanisation: its letters as a ``str.translate`` table, the letters written
    otherwise at a word's start, and a pattern that finds those."""
    language = load(lang)
    initial = language.get("romanization.initial") or {}
    table = {ord(k): v for k, v in (language.get("romanization.letters") or {}).items()}
    firsts = re.compile("|".join(re.escape(k) for k in sorted(initial, key=len, reverse=True))) if initial else None
    return table, initial, firsts


@functools.lru_cache(maxsize=1 << 17)
def romanise(text: str, lang: str | None = None) -> str:
    """Lower-case Latin form of ``text`` using the language's romanisation table (kept for the names
    seen last: linking romanises each of an archive's names for people, organisations and events)."""
    language = load(lang) if lang else None
    s = plain(text)
    s = language.lower(s) if language else s.lower()
    if language is not None:
        table, initial, firsts = _letters(lang)
        out, pos = [], 0
        for m in firsts.finditer(s) if firsts else ():  # a letter written otherwise at a word's start
            k = m.start()
            if k == 0 or not s[k - 1].isalnum():
                out += [s[pos:k].translate(table), initial[m.group()]]
                pos = k + 1
        s = "".join([*out, s[pos:].translate(table)])
    if not s.isascii():  # the letters the table left: their accents go
        s = unicodedata.normalize("NFKD", s.replace("ı", "i"))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _NOT_LETTER.sub(" ", s.replace("-", " "))
    return " ".join(s.split())


# Sounds that transliterations of one name disagree on: voiced and voiceless pairs, and digraphs
# ("Rəcəb"/"Recep", "Əhməd"/"Ahmet", "Джевдет"/"Cevdet").
_DIGRAPHS = (("dzh", "c"), ("dj", "c"), ("kh", "h"), ("sh", "s"), ("ch", "c"), ("zh", "s"), ("gh", "k"), ("ts", "s"))
_SOUNDS = str.maketrans("bdgqzvwjx", "ptkksffch")


_DOUBLES = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)
def skeleton(romanised: str) -> str:
    """Consonant classes of each word, doubles collapsed: "sattar rahimi" -> "str rhm". Kept for the
    names seen last: a rule's name is compared with every name an archive gives."""
    s = romanised
    for a, b in _DIGRAPHS:  # none spans a space: the whole name at once is each word's
        s = s.replace(a, b)
    return " ".join(_DOUBLES.sub(r"\1", _VOWELS.sub("", s).translate(_SOUNDS)).split())


def same_romanised(ra: str, rb: str, threshold: float = 85) -> bool:
    """Two romanised names are the same name: close spelling, or the same consonant skeleton."""
    return bool(alike(ra, [rb], [skeleton(rb)], threshold))


def alike(query: str, romanised: list[str], skeletons: list[str], threshold: float = 85) -> list[int]:
    """Which of the ``romanised`` names (with their ``skeletons``) are ``query``'s name: a spelling
    that scores ``threshold`` or more, or a consonant skeleton that scores 90."""
    return alike_each([query], romanised, skeletons, threshold)[0]


SCORED_AT_ONCE = 1 << 20  # scores of names against a rule file's held at once (8 MB as float64)


def in_batches(count: int, choices: int) -> list[slice]:
    """Slices of ``count`` names that, scored against ``choices`` names, hold ``SCORED_AT_ONCE``
    scores or fewer: an archive's names against a large rule file never make one huge matrix."""
    step = max(1, SCORED_AT_ONCE // max(1, choices))
    return [slice(k, k + step) for k in range(0, count, step)]


def scores(queries: list[str], choices: list[str], scorer, score_cutoff: float | None = None):
    """The matrix of ``scorer(query, choice)``, every query against every choice (rapidfuzz's
    ``process.cdist`` in C, on all cores), as float64: the figures a call a pair gives, compared with
    thresholds alike; below ``score_cutoff``, 0."""
    import numpy as np
    from rapidfuzz import process

    if not queries or not choices:
        return np.zeros((len(queries), len(choices)))
    return process.cdist(queries, choices, scorer=scorer, score_cutoff=score_cutoff, dtype=np.float64, workers=-1)


def alike_each(queries: list[str], romanised: list[str], skeletons: list[str], threshold: float = 85) -> list[list[int]]:
    """``alike`` for each of ``queries``: an archive's names compared with a rule file's all at once
    (``in_batches``)."""
    import numpy as np
    from rapidfuzz import fuzz

    if len(parts := in_batches(len(queries), len(romanised))) > 1:
        return [found for part in parts for found in alike_each(queries[part], romanised, skeletons, threshold)]
    named = np.array([bool(r) for r in romanised], dtype=bool)
    found = scores(queries, romanised, fuzz.ratio, threshold) > 0
    shapes = [skeleton(q) if q else "" for q in queries]
    shaped = [n for n, sa in enumerate(shapes) if sa]
    found[shaped] |= scores([shapes[n] for n in shaped], skeletons, fuzz.ratio, 90) > 0
    found &= named
    empty = np.array([not q for q in queries], dtype=bool)
    found[empty] = False
    return [np.flatnonzero(row).tolist() for row in found]


def same_name(a: str, lang_a: str | None, b: str, lang_b: str | None, threshold: float = 85) -> bool:
    return same_romanised(romanise(a, lang_a), romanise(b, lang_b), threshold)


def country_of(text: str, lang: str) -> str | None:
    """The ISO code of the country that ``text`` names in the language ("Azərbaycanın" -> "AZ").

    Only when the text is the country's name, perhaps with a word of ``titles.state_words`` or an
    article ("Azerbaijan's", "Azerbaycan Cumhuriyeti", "the Azerbaijan Republic"), not a body of the
    country ("Azerbaijan Chess Federation", "Azerbaijan Airlines").
    """
    language = load(lang)
    tokens = [t for t in language.tokens(plain(text)) if t.kind != "punct"]
    lexicon = language.lexicon("countries")
    state, articles = language.lexicon("titles.state_words"), language.words["titles.determiners"]
    for k in range(len(tokens)):
        if (m := lexicon.match(tokens, k)) and len(tokens) - (m[1] - k) <= 1 and all(
            state.match(tokens, j) or tokens[j].lower in articles for j in [*range(k), *range(m[1], len(tokens))]
        ):
            return m[0]
    return None
